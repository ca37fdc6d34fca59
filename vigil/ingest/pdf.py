"""PDF: the text layer of every page, by pypdf.

A PDF without a text layer (a scan) gives no text: we say so rather than run OCR,
which would need models this project cannot download. Encrypted PDFs that open
with the empty password (the usual "no copying" kind) are read; ones that need a
real password are refused.
"""

from __future__ import annotations

import io
import logging

from pypdf import PasswordType, PdfReader

from vigil.errors import CorruptDocument, EmptyDocument, InputError
from vigil.ingest.extracted import Extracted, clean_title, normalise_text
from vigil.ingest.original import Original

__all__ = ["read_pdf", "reflow"]

# The PDF header may follow a little junk; readers accept it within the first 1 KB.
HEADER_WINDOW = 1024
# Every complete PDF ends with %%EOF; pypdf itself looks in the last 1 KB, we allow
# more for trailing padding. Missing, the file was cut short (an interrupted
# download), and whatever pypdf recovers from it would be silently incomplete.
EOF_WINDOW = 4096
PAGE_SEPARATOR = "\n\n"

# Producers put the source file's name where the title should be.
_FILENAME_TITLE_ENDINGS = (".doc", ".docx", ".pdf", ".indd", ".odt", ".rtf")

logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on odd files are noise to our users


def read_pdf(original: Original) -> Extracted:
    """The text of every page and the title of a PDF original."""
    data, source = original.data, original.source
    if b"%PDF-" not in data[:HEADER_WINDOW]:
        raise CorruptDocument(source, "not a PDF (no %PDF- header)")
    if b"%%EOF" not in data[-EOF_WINDOW:]:
        raise CorruptDocument(source, "truncated PDF (no %%EOF marker at the end)")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            _decrypt(reader, source)
        pages = [page.extract_text() or "" for page in reader.pages]
        title = _title(reader)
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many kinds on broken files
        raise CorruptDocument(source, f"broken PDF ({type(exc).__name__}: {exc})") from None
    text = normalise_text(PAGE_SEPARATOR.join(reflow(page.strip("\n")) for page in pages))
    if not text.strip():
        raise EmptyDocument(source, f"no text layer in {len(pages)} page(s) (scanned PDF?)")
    return Extracted(text=text, title=title)


# A line at least this share of the page's longest line is a wrapped line of running
# text, not the end of a paragraph or a heading.
FULL_LINE_SHARE = 0.75
_TERMINAL = tuple('.!?:;"”»)…')


def reflow(page: str) -> str:
    """Join the lines a PDF wrapped inside a paragraph, keep the breaks between paragraphs.

    pypdf gives one line of text per printed line. Left as they are, every line would
    read as a paragraph of its own: sentences would be cut in two, and a figure would
    lose the date and the words that say what it counts. A line is joined to the next
    when the next starts in lower case, or when it is a full-width line that does not
    end a sentence. Characters are never dropped, so the text stays what the PDF holds.
    """
    lines = page.split("\n")
    if len(lines) < 2:
        return page
    longest = max(len(line.rstrip()) for line in lines)
    out: list[str] = [lines[0]]
    for line in lines[1:]:
        previous = out[-1].rstrip()
        next_start = line.lstrip()[:1]
        full = len(previous) >= FULL_LINE_SHARE * longest
        joins = bool(previous) and bool(next_start) and (
            next_start.islower() or (full and not previous.endswith(_TERMINAL))
        )
        if joins:
            glue = "" if previous.endswith("-") and next_start.islower() else " "
            out[-1] = previous + glue + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)


def _decrypt(reader: PdfReader, source: str) -> None:
    try:
        result = reader.decrypt("")
    except Exception as exc:  # e.g. an unknown security handler
        raise CorruptDocument(source, f"encrypted PDF that cannot be opened ({exc})") from None
    if result == PasswordType.NOT_DECRYPTED:
        raise CorruptDocument(source, "encrypted PDF: it needs a password to open")


def _title(reader: PdfReader) -> str | None:
    try:
        raw = reader.metadata.title if reader.metadata else None
    except Exception:  # a broken info dictionary must not lose the text
        return None
    title = clean_title(str(raw)) if raw else None
    if title is None or title.lower().endswith(_FILENAME_TITLE_ENDINGS) or title.startswith("Microsoft Word - "):
        return None
    return title
