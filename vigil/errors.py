"""One exception tree for vigil. Every error names the input it is about.

    VigilError                      base: `.input` (what it is about) and `.reason`
    ├── InputError                  a source that cannot be read into a Document
    │   ├── UnsupportedFormat       an extension or media type vigil does not read
    │   ├── EmptyDocument           no text could be extracted (empty, scanned PDF, navigation only)
    │   ├── CorruptDocument         the bytes are not what the name says (broken PDF, junk .docx)
    │   ├── TooLarge                over the size limit for one original
    │   └── FetchError              a URL that failed (timeout, HTTP error, refused)
    ├── DateError                   a `--published` or other date that is not YYYY[-MM[-DD]]
    ├── SpanError                   offsets that do not fit the text they index
    ├── StoreError                  the database refused or is unreachable
    │   ├── NotFound                no row with that id (or id prefix)
    │   ├── Conflict                someone else changed the row first (optimistic concurrency)
    │   └── AppendOnly              an attempt to change or remove an audit entry
    ├── ReviewError                 a review action that cannot be applied (bad field, bad transition)
    ├── AccessDenied                the user's role may not do this (or see that)
    ├── AuthError                   a login or session that is not valid (same answer for every cause)
    └── ConfigError                 a setting that makes no sense

Only the CLI and web edges turn these into exit codes and HTTP responses.
"""

from __future__ import annotations

__all__ = [
    "AccessDenied",
    "AppendOnly",
    "AuthError",
    "ConfigError",
    "Conflict",
    "CorruptDocument",
    "DateError",
    "EmptyDocument",
    "FetchError",
    "InputError",
    "NotFound",
    "ReviewError",
    "SpanError",
    "StoreError",
    "TooLarge",
    "UnsupportedFormat",
    "VigilError",
]


class VigilError(Exception):
    """Base of every error vigil raises on purpose."""

    def __init__(self, input: str, reason: str) -> None:
        self.input = input
        self.reason = reason
        super().__init__(f"{input}: {reason}")

    def __reduce__(self) -> tuple[type[VigilError], tuple[str, str]]:
        # Errors cross process boundaries in batch runs; keep both fields when pickled.
        return (type(self), (self.input, self.reason))


class InputError(VigilError):
    """A source could not be turned into a Document."""


class UnsupportedFormat(InputError):
    """The source's format is not one vigil reads."""


class EmptyDocument(InputError):
    """The source has no text to extract."""


class CorruptDocument(InputError):
    """The source's bytes are broken or not of the format its name claims."""


class TooLarge(InputError):
    """The source is larger than vigil will read in one piece."""


class FetchError(InputError):
    """A URL could not be fetched."""


class DateError(VigilError):
    """A date given on the command line or in metadata is not YYYY[-MM[-DD]]."""


class SpanError(VigilError):
    """Offsets that do not fit the text they index."""


class StoreError(VigilError):
    """The database refused an operation or cannot be reached."""


class NotFound(StoreError):
    """Nothing in the store has that id."""


class Conflict(StoreError):
    """The row changed since the caller read it: the save is refused, never merged silently."""


class AppendOnly(StoreError):
    """The audit log only grows: updates and deletes are refused."""


class ReviewError(VigilError):
    """A review action that cannot be applied as asked (a field that does not fit, a bad reason)."""


class AccessDenied(VigilError):
    """The user's role does not allow this action."""


class AuthError(VigilError):
    """A login or session that is not valid; the reason shown to users never says which part failed."""


class ConfigError(VigilError):
    """A setting that cannot be used."""
