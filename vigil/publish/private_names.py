"""Names of private persons (detainees, witnesses) kept out of public outputs.

Issue 7 asks that public outputs leave out the names of private persons "that the
extractor or a reviewer marked". Neither marks them yet: the extractor has no
person-name step and the review app (issue 6) has no such verdict. This module is
the hook they will fill, and it is wired through every public output already:

  - `PrivateNames` maps a document id to the names marked in it;
  - `marked_in(store)` returns what has been marked — today always nothing, said
    plainly rather than guessed (a name list made up here would be a fake safeguard);
  - the profile, the site and the exports pass every quote, event summary and actor
    through `PrivateNames.redact` for the public audience, and do not copy the
    archived original of a document with marked names into a public site (the
    original would show the names; its entry links to nothing but its metadata).

When marking exists, only `marked_in` needs to change.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from vigil.store import Store

__all__ = ["NONE_MARKED", "PrivateNames", "WITHHELD", "marked_in"]

# What a withheld name becomes, so a reader sees that something was taken out.
WITHHELD = "[name withheld]"


@dataclass(frozen=True, slots=True)
class PrivateNames:
    """Names of private persons marked in each document (document id → names)."""

    by_document: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))

    def names(self, document: str) -> tuple[str, ...]:
        """The names marked in one document."""
        return tuple(self.by_document.get(document, ()))

    def has_names(self, document: str) -> bool:
        """Whether any name is marked in this document."""
        return bool(self.names(document))

    def redact(self, document: str, text: str) -> str:
        """`text` with every marked name of `document` replaced by WITHHELD (longest names first)."""
        names = sorted({n.strip() for n in self.names(document) if n.strip()}, key=len, reverse=True)
        if not names:
            return text
        pattern = re.compile("|".join(re.escape(n) for n in names), re.IGNORECASE)
        return pattern.sub(WITHHELD, text)


NONE_MARKED = PrivateNames()


def marked_in(store: Store) -> PrivateNames:
    """The names of private persons marked in the store's documents: none can be marked yet (see module)."""
    del store  # the marking does not exist yet; this is where it will be read
    return NONE_MARKED
