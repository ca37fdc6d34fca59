"""Coverage-guided fuzzing of every format reader with atheris (`make fuzz`).

A reader may refuse an input only with a vigil InputError naming it; anything else
(an exception escaping pypdf, python-docx, trafilatura, feedparser) is a crash.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from vigil.errors import InputError
    from vigil.ingest import Original, read_document

MEDIA_TYPES = ("text/plain", "text/markdown", "text/html", "application/pdf",
               "application/vnd.openxmlformats-officedocument.wordprocessingml.document", None)


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    media_type = MEDIA_TYPES[fdp.ConsumeIntInRange(0, len(MEDIA_TYPES) - 1)]
    body = fdp.ConsumeBytes(fdp.remaining_bytes())
    original = Original(data=body, source="fuzz-input", url=None, media_type=media_type)
    try:
        document = read_document(original, language="en")
    except InputError:
        return
    if "\x00" in document.text:
        raise AssertionError("a NUL character reached the document text")


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
