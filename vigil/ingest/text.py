"""Plain text and Markdown: bytes in an encoding nobody declared, decoded with care.

The cascade, in order:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) says the encoding outright;
2. an encoding the server declared (HTTP `charset=`) is tried strictly;
3. NUL bytes without a BOM mean binary data, not text;
4. strict UTF-8, which nearly never decodes text that is in another encoding;
5. valid UTF-8 lines beside lines that are not: mixed encodings, refused with
   the line number, rather than turning half the text into mojibake inside quotes;
6. charset_normalizer, restricted to the legacy encodings reports here come in
   (Cyrillic and Western Windows/DOS/KOI8 code pages), so it cannot wander off
   into Baltic or Greek code pages on a short text.

The decoded text is then checked for control characters (binary junk that happens
to decode) and for emptiness.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from vigil.errors import CorruptDocument, EmptyDocument
from vigil.ingest.extracted import Extracted, normalise_text
from vigil.ingest.original import Original

__all__ = ["decode_text", "read_text"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# The legacy encodings Russian- and English-language reports actually arrive in.
LEGACY_ENCODINGS: tuple[str, ...] = ("cp1251", "koi8_r", "cp866", "cp1252", "latin_1")

# Real text has next to no control characters; random bytes decoded as a single-byte
# code page have 10-25 %. 5 % leaves room for stray form feeds and escape codes.
MAX_CONTROL_SHARE = 0.05
# Unicode category Cc (C0, DEL, C1) less the whitespace controls \t \n \v \f \r.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")

# Non-ASCII characters in valid UTF-8 lines needed before invalid lines count as
# "mixed encodings" rather than "a legacy encoding". A cp1251 line is valid UTF-8
# only by freak (every Cyrillic letter would need a punctuation byte after it), so
# three such characters are already proof.
MIXED_MIN_UTF8_CHARS = 3

# A first line this short, followed by a blank line, is taken as the title of a .txt.
MAX_TXT_TITLE_CHARS = 150

_MD_HEADING = re.compile(r"^\s{0,3}#{1,2}\s+(.+?)\s*#*\s*$")


def read_text(original: Original) -> Extracted:
    """The text of a .txt or .md original, decoded and normalised, with a title if one is plain."""
    text = normalise_text(decode_text(original.data, original.source, charset=original.charset))
    if not text.strip():
        raise EmptyDocument(original.source, "only whitespace, no text")
    markdown = original.media_type == "text/markdown" or original.source.lower().endswith((".md", ".markdown"))
    return Extracted(text=text, title=_markdown_title(text) if markdown else _text_title(text))


def decode_text(data: bytes, source: str, *, charset: str | None = None) -> str:
    """The bytes of a text file as a string; raises EmptyDocument or CorruptDocument naming `source`."""
    if not data.strip():
        raise EmptyDocument(source, "empty file" if not data else "only whitespace, no text")
    text = _decode(data, source, charset)
    _check_not_binary(text, source)
    return text


def _decode(data: bytes, source: str, charset: str | None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise CorruptDocument(source, f"starts with a {encoding} byte-order mark but is not {encoding}") from None
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # servers often declare a charset the bytes are not in; guess instead
    if b"\x00" in data:
        raise CorruptDocument(source, "binary data, not text (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    _refuse_mixed(data, source)
    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        raise CorruptDocument(source, "not text in UTF-8 or any legacy encoding vigil reads")
    return str(best)


def _refuse_mixed(data: bytes, source: str) -> None:
    """Raise if some lines are UTF-8 with non-ASCII characters and others are not UTF-8 at all."""
    utf8_chars = 0
    first_bad: int | None = None
    for number, line in enumerate(data.split(b"\n"), 1):
        if line.isascii():
            continue
        try:
            decoded = line.decode("utf-8")
        except UnicodeDecodeError:
            first_bad = first_bad or number
            continue
        utf8_chars += sum(1 for ch in decoded if ord(ch) > 127)
    if first_bad is not None and utf8_chars >= MIXED_MIN_UTF8_CHARS:
        raise CorruptDocument(
            source, f"mixed encodings: UTF-8 text, but line {first_bad} is in another encoding; re-save it as UTF-8"
        )


def _check_not_binary(text: str, source: str) -> None:
    controls = len(_CONTROL.findall(text))
    if controls and controls / len(text) > MAX_CONTROL_SHARE:
        raise CorruptDocument(
            source, f"binary data, not text ({controls / len(text):.0%} control characters)"
        )


def _markdown_title(text: str) -> str | None:
    for line in text.split("\n", 40)[:40]:
        m = _MD_HEADING.match(line)
        if m:
            return m.group(1)
    return None


def _text_title(text: str) -> str | None:
    lines = text.lstrip("\n\ufeff").split("\n", 2)
    if len(lines) >= 2 and not lines[1].strip() and 0 < len(lines[0].strip()) <= MAX_TXT_TITLE_CHARS:
        return lines[0].strip()
    return None
