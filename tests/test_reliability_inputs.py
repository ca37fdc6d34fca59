"""Whatever comes in, nothing is lost, nothing is half-written, nothing hangs (issue 9).

A corpus of hostile and broken inputs, made by the test itself, goes through the real
pipeline (ingest → extract → store, one transaction per document) next to good
reports. Each bad input must land in the quarantine list with a reason, or be stored
whole; the batch goes on; no input may take more than HANG_SECONDS; and no row or
archive file may exist for an input that failed.
"""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from vigil.ingest import Archive
from vigil.pipeline import Outcome, ingest
from vigil.store import Store

HANG_SECONDS = 10.0
GOOD = "In 2024 the police arrested 1,200 migrants in raids, the ministry said.\n"


def _pdf(text: str) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def _encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf(GOOD))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    return buffer.getvalue()


# name → bytes; each is an input a real batch may meet
CORPUS: dict[str, Callable[[], bytes]] = {
    "truncated.pdf": lambda: _pdf(GOOD)[:400],
    "encrypted.pdf": _encrypted_pdf,
    "bomb.docx": _zip_bomb,
    "script-title.html": lambda: (
        b"<html><head><title><script>alert('x')</script>Raids</title></head><body><article><p>"
        + b"In 2024 police detained 300 migrants in raids on markets across the region, officials said. " * 3
        + b"</p></article></body></html>"
    ),
    "one-line-10mb.txt": lambda: (b"deported 5,000 people in 2023 " * 350_000)[: 10 * 1024 * 1024],
    "nul-bytes.txt": lambda: b"In 2024\x00 the police arrested\x00 1,200 migrants.\x00\n",
    "invalid-utf8.txt": lambda: b"In 2024 \xff\xfe\xfd police arrested \xc3\x28 1,200 migrants.\n",
    "rtl-zero-width.txt": lambda: "In 2024 \u202epolice\u202c arrested 1,\u200b200 migrants \u200f\u200e\u2067ok\u2069.\n".encode(),
    "huge-exponent.txt": lambda: b"A count of 1e309 people and 1E-400 more were deported in 2024.\n",
    "five-thousand-digits.txt": lambda: b"Police detained " + b"9" * 5000 + b" migrants in 2024.\n",
    "empty.txt": lambda: b"",
    "junk.txt": lambda: bytes(range(256)) * 64,
    "not-a-docx.docx": lambda: b"this is not a zip file at all",
    "nav-only.html": lambda: b"<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>",
}


@pytest.mark.parametrize("with_good", [True], ids=["batch"])
def test_hostile_inputs_are_quarantined_or_stored_whole(
    tmp_path: Path, db_url: str, with_good: bool, reliability: Callable[..., None]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, make in CORPUS.items():
        (folder / name).write_bytes(make())
    (folder / "good-1.txt").write_text(GOOD, encoding="utf-8")
    (folder / "good-2.txt").write_text(GOOD.replace("1,200", "1,300"), encoding="utf-8")

    timings: dict[str, float] = {}
    last = [time.perf_counter()]

    def clock(outcome: Outcome) -> None:
        now = time.perf_counter()
        timings[Path(outcome.source).name] = now - last[0]
        last[0] = now

    archive_root = tmp_path / "archive"
    with Store.open(db_url) as store:
        try:
            summary = ingest([str(folder)], store=store, archive=Archive(archive_root), on_outcome=clock)
        except Exception:  # pragma: no cover - the point of the test
            reliability("uncaught exceptions")
            raise
        reliability("inputs tried", len(summary.outcomes))
        outcomes = {Path(o.source).name: o for o in summary.outcomes}
        assert set(outcomes) == set(CORPUS) | {"good-1.txt", "good-2.txt"}, "every input gets an outcome"
        assert outcomes["good-1.txt"].status == outcomes["good-2.txt"].status == "archived"

        internal = [o for o in summary.outcomes if (o.reason or "").startswith("internal error")]
        reliability("uncaught exceptions", len(internal))
        assert not internal, internal

        hangs = {name: t for name, t in timings.items() if t > HANG_SECONDS}
        reliability("hangs over 10 s", len(hangs))
        assert not hangs, hangs

        failed = {name for name, o in outcomes.items() if o.status == "failed"}
        assert {"truncated.pdf", "encrypted.pdf", "bomb.docx", "empty.txt", "junk.txt", "not-a-docx.docx"} <= failed
        assert all(o.reason for name, o in outcomes.items() if name in failed), "each failure says why"
        assert {Path(f.source).name for f in store.failures()} == failed, "the quarantine list holds every failure"

        stored = {o.document_id for o in summary.outcomes if o.status == "archived"}
        rows = {row.id for row in store.documents()}
        partial = rows ^ stored
        figure_docs = {f.figure.document for f in store.figures()}
        partial |= figure_docs - rows
        archived_files = [p for p in archive_root.rglob("*") if p.is_file()]
        if len(archived_files) != len(stored):
            partial.add(f"{len(archived_files)} archive files for {len(stored)} documents")
        reliability("partial writes", len(partial))
        assert not partial, partial
        for document_id in stored:
            document = store.get_document(document_id)
            assert "\x00" not in document.text
            assert "<script>" not in (document.title or "")
