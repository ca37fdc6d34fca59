"""PDF lines wrapped inside a paragraph are joined; paragraphs and headings stay apart."""

from __future__ import annotations

import pytest

from vigil.ingest.pdf import reflow

PAGE = (
    "Expulsions rose again in 2024 after two quiet\n"
    "years\n"
    "Brief · Russia · 3 March 2025\n"
    "The bailiffs said they had removed more than 80,000 foreign nationals in 2024, a\n"
    "record. Most were sent to Uzbekistan and Tajikistan, the service added in its\n"
    "annual statement.\n"
    "Lawyers say the courts rarely hear appeals.\n"
)


def test_wrapped_lines_join_and_paragraphs_stay() -> None:
    lines = reflow(PAGE).split("\n")
    assert lines[0] == "Expulsions rose again in 2024 after two quiet years"
    assert lines[1] == "Brief · Russia · 3 March 2025"
    assert lines[2].startswith("The bailiffs said") and lines[2].endswith("in its annual statement.")
    assert lines[3] == "Lawyers say the courts rarely hear appeals."


def test_nothing_but_line_breaks_changes() -> None:
    assert reflow(PAGE).replace("\n", " ").split() == PAGE.replace("\n", " ").split()


@pytest.mark.parametrize("page", ["", "one line", "\n\n", "a\nb\nc"])
def test_odd_pages(page: str) -> None:
    assert reflow(page).replace("\n", "").replace(" ", "") == page.replace("\n", "").replace(" ", "")
