"""A batch with broken inputs beside good ones (issue 2, "Bad input").

Each bad input gets one line naming it and the reason, the good ones are stored,
the exit status is non-zero, and nothing is half-written: the store and the
archive hold exactly the good documents.
"""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import docx
from cli_support import VigilRunner, archive_files, ids_of, write_files
from fpdf import FPDF

from vigil.store import Store

GOOD_TEXT = (
    "Monitors counted 312 people in the coastal holding centre on 4 June 2024, "
    "according to the regional ombudsman. The centre was built for 200.\n\n"
    "Lawyers said 41 of those held were asylum seekers waiting for a first interview.\n"
)
GOOD_PDF_PAGES = (
    "Quarterly note on removals. In the first quarter of 2024 the authorities removed 1,450 people "
    "to neighbouring countries, the interior ministry said.",
    "A further 230 people were released from detention after the courts found their detention unlawful.",
)
NAVIGATION_ONLY_HTML = (
    "<!doctype html><html><head><title>Portal</title></head><body><nav><ul>"
    "<li><a href='/'>Home</a></li><li><a href='/news'>News</a></li><li><a href='/about'>About</a></li>"
    "</ul></nav></body></html>"
)


def pdf_bytes(*pages: str) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for page in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, page)
    return bytes(pdf.output())


def docx_bytes(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# name → (content or None for "does not exist", words of which the reason must contain one)
BAD_INPUTS: dict[str, tuple[bytes | None, tuple[str, ...]]] = {
    "empty.txt": (b"", ("empty",)),
    "junk.txt": (bytes(range(256)) * 16, ("binary", "not text", "nul", "encoding")),
    "truncated.pdf": (pdf_bytes(*GOOD_PDF_PAGES)[:700], ("pdf", "truncated", "broken", "corrupt")),
    "zero.docx": (b"", ("empty", "word", "docx", "zip")),
    "missing.txt": (None, ("no such", "not found", "does not exist", "missing")),
    "navigation.html": (NAVIGATION_ONLY_HTML.encode(), ("no text", "empty", "navigation", "no article")),
}
GOOD_INPUTS: dict[str, bytes] = {
    "ombudsman-note.txt": GOOD_TEXT.encode("utf-8"),
    "removals-q1.pdf": pdf_bytes(*GOOD_PDF_PAGES),
}


def make_batch(folder: Path) -> tuple[list[Path], list[Path]]:
    """Write the good and bad inputs (the missing one is not written); return (good, bad) paths."""
    good = write_files(folder, GOOD_INPUTS)
    present = {name: content for name, (content, _) in BAD_INPUTS.items() if content is not None}
    write_files(folder, present)
    return good, [folder / name for name in BAD_INPUTS]


def test_bad_inputs_each_get_one_line_and_the_good_ones_are_stored(vigil: VigilRunner, tmp_path: Path) -> None:
    good, bad = make_batch(tmp_path / "batch")
    data = tmp_path / "data"
    # The files one by one, bad and good interleaved, so "the batch goes on" is tested
    # after each kind of failure, not just at the end.
    order = [str(p) for pair in zip(bad, good + good) for p in pair] + [str(p) for p in bad[len(good) * 2 :]]
    run = vigil("ingest", *order, "--data", str(data))
    assert run.returncode != 0, run.explain()
    assert "Traceback" not in run.stderr, run.explain()
    lines = run.lines + run.err_lines
    for path in bad:
        naming = [line for line in lines if str(path) in line]
        assert len(naming) == 1, f"{path.name}: expected exactly one line naming it\n{run.explain()}"
        _, words = BAD_INPUTS[path.name]
        line = naming[0].lower()
        assert "failed" in line
        assert any(word in line for word in words), f"{path.name}: reason should say one of {words}: {naming[0]!r}"
    assert re.search(rf"archived {len(good)}, already known {len(good)}, failed {len(bad)}", run.stdout), (
        run.explain()
    )


def test_nothing_is_half_written_after_a_bad_batch(vigil: VigilRunner, tmp_path: Path) -> None:
    good, bad = make_batch(tmp_path / "batch")
    data = tmp_path / "data"
    run = vigil("ingest", str(tmp_path / "batch"), str(tmp_path / "batch" / "missing.txt"), "--data", str(data))
    assert run.returncode != 0, run.explain()

    expected = sorted("sha256:" + hashlib.sha256(p.read_bytes()).hexdigest() for p in good)
    listed = vigil("documents", "--data", str(data))
    assert sorted(ids_of(listed.lines)) == expected, listed.explain()
    archived = sorted("sha256:" + hashlib.sha256(p.read_bytes()).hexdigest() for p in archive_files(data))
    assert archived == expected, "the archive holds something other than the good originals"

    with Store.open(f"sqlite:///{(data / 'vigil.db').as_posix()}") as store:
        counts = store.counts()
        assert counts["documents"] == len(good)
        stored_figures = store.figures()
        assert {f.figure.document for f in stored_figures} <= set(expected)
        assert counts["figures"] == len(stored_figures)
        failed_sources = {Path(f.source).name for f in store.failures()}
    assert failed_sources == set(BAD_INPUTS), "every failed input belongs on the quarantine list"


def test_a_batch_of_only_good_files_exits_zero(vigil: VigilRunner, tmp_path: Path) -> None:
    good = write_files(tmp_path / "ok", GOOD_INPUTS | {"briefing.docx": docx_bytes(*GOOD_TEXT.split("\n\n"))})
    run = vigil("ingest", *(str(p) for p in good), "--data", str(tmp_path / "data"))
    assert run.returncode == 0, run.explain()
    assert f"archived {len(good)}, already known 0, failed 0" in run.stdout
