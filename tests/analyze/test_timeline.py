"""Timelines: reports of one happening collapse into one entry; entries run in date order.

The documents are short reports written for these tests; their events come from the
real extractor, so the tests also check that what `extract` finds lines up across
documents, in English and Russian.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from vigil.analyze.timeline import TimelineEntry, timeline
from vigil.cli import app
from vigil.errors import DateError
from vigil.extract import extract
from vigil.model import Document, Event, EventType, ReviewStatus, document_id, make_event
from vigil.store import Store, StoredEvent

# Two outlets report the same law a few weeks apart; one also reports a raid.
REPORT_A = (
    "Russia tightens the rules for foreigners\n\n"
    "The law creating an expulsion regime for migrants came into force on 5 February 2025, officials said."
)
REPORT_B = (
    "Migrants under a new regime\n\n"
    "Since the law on the expulsion regime came into force in February, police raids on hostels "
    "where migrants live have grown more frequent."
)
REPORT_C = (
    "Облава в Петербурге\n\n"
    "31 декабря 2023 года полиция провела массовое задержание мигрантов у станций метро."
)


def _document(text: str, title: str, published: str, language: str = "en") -> Document:
    return Document(id=document_id(text.encode("utf-8")), text=text, title=title, published=published, language=language)


def _events(document: Document) -> tuple[Event, ...]:
    return extract(document.text, document.language, document.published, document.id).events


DOC_A = _document(REPORT_A, "Russia tightens the rules", "2025-03-01")
DOC_B = _document(REPORT_B, "Migrants under a new regime", "2025-04-10")
DOC_C = _document(REPORT_C, "Облава в Петербурге", "2024-01-05", "ru")


def _stored(document: Document) -> list[StoredEvent]:
    return [StoredEvent(e, ReviewStatus.EXTRACTED, document.title, document.published) for e in _events(document)]


def test_two_documents_reporting_one_law_give_one_entry_with_two_sources() -> None:
    entries = timeline(_stored(DOC_A) + _stored(DOC_B), event_type="law")
    assert len(entries) == 1
    (entry,) = entries
    assert (entry.event_type, entry.subtype, entry.date, entry.country) == (EventType.LAW, "in_force", "2025-02-05", "RU")
    assert {s.document for s in entry.sources} == {DOC_A.id, DOC_B.id}
    assert entry.sources[0].title == "Russia tightens the rules"  # the report with the day comes first
    for source in entry.sources:
        text = {DOC_A.id: REPORT_A, DOC_B.id: REPORT_B}[source.document]
        assert text[source.span.start : source.span.end] == source.quote


def test_entries_run_in_date_order_with_undated_last() -> None:
    entries = timeline(_stored(DOC_B) + _stored(DOC_C) + _stored(DOC_A))
    dates = [e.date for e in entries]
    assert dates[0] == "2023-12-31" and dates[1] == "2025-02-05"
    assert dates[-1] is None  # the raids "have grown more frequent": no time given
    assert [e.event_type for e in entries].count(EventType.LAW) == 1


def _event(text: str, quote: str, document: str, *, date: str | None, summary: str, subtype: str = "signed") -> Event:
    start = text.index(quote)
    return make_event(text, document, start, start + len(quote), event_type="law", subtype=subtype, date=date,
                      country="RU", summary=summary)


@pytest.mark.parametrize(
    "first, second, together",
    [
        (("2025-03-20", "signed a decree on Ukrainian citizens"), ("2025-03", "decree on Ukrainian citizens signed"), True),
        (("2025-03-20", "signed a decree on Ukrainian citizens"), ("2025-03-20", "подписал указ"), True),  # same day
        (("2025-03", "signed a decree on Ukrainian citizens"), ("2025-03", "signed a law on migrant registration"), False),
        (("2025-03-20", "signed a decree on Ukrainian citizens"), ("2025-04", "signed a decree on Ukrainian citizens"), False),
        (("2025-03", "signed a decree on Ukrainian citizens"), (None, "signed a decree on Ukrainian citizens"), False),
        ((None, "signed a decree on Ukrainian citizens"), (None, "a decree on Ukrainian citizens was signed"), True),
    ],
)
def test_when_two_reports_are_one_happening(
    first: tuple[str | None, str], second: tuple[str | None, str], together: bool
) -> None:
    text = "The decree was signed. Указ подписан."
    a = _event(text, "The decree was signed.", "doc-a", date=first[0], summary=first[1])
    b = _event(text, "Указ подписан.", "doc-b", date=second[0], summary=second[1])
    assert (len(timeline([a, b])) == 1) is together


def test_two_events_of_one_document_are_never_merged() -> None:
    text = "Raids on markets. Raids on hostels."
    a = make_event(text, "doc", 0, 17, event_type="raid", subtype="raid", country="RU", summary="Raids on markets")
    b = make_event(text, "doc", 18, 35, event_type="raid", subtype="raid", country="RU", summary="Raids on markets")
    assert len(timeline([a, b])) == 2


def test_filters_and_rejected_events() -> None:
    stored = _stored(DOC_A) + _stored(DOC_B) + _stored(DOC_C)
    assert all(e.date and e.date >= "2025" for e in timeline(stored, since="2025"))
    assert {e.event_type for e in timeline(stored, event_type="raid")} == {EventType.RAID}
    assert timeline(stored, country="ua") == []
    rejected = [StoredEvent(s.event, ReviewStatus.REJECTED, s.document_title, s.published) for s in stored]
    assert timeline(rejected) == []
    with pytest.raises(DateError):
        timeline(stored, since="March 2025")


def test_entry_is_a_frozen_value() -> None:
    (entry,) = timeline(_stored(DOC_A), event_type="law")
    assert isinstance(entry, TimelineEntry)
    with pytest.raises(AttributeError):
        entry.date = "2020"  # type: ignore[misc]


def test_timeline_command_prints_one_line_per_happening(sqlite_url: str) -> None:
    opened = Store.open(sqlite_url)
    try:
        for document in (DOC_A, DOC_B, DOC_C):
            opened.add(document, extract(document.text, document.language, document.published, document.id))
    finally:
        opened.close()
    runner = CliRunner()
    result = runner.invoke(app, ["timeline", "--country", "RU", "--db", sqlite_url])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    heads = [line for line in lines if not line.startswith("    ")]
    assert heads[0].startswith("2023-12-31  raid/mass_arrest")
    assert heads[1].startswith("2025-02-05  law/in_force")
    law_sources = lines[lines.index(heads[1]) + 1 : lines.index(heads[2])]
    assert len(law_sources) == 2 and any("Russia tightens the rules" in s for s in law_sources)
    assert "“" in law_sources[0]  # each source with its quote
    assert heads[-1] == f"{len(heads) - 1} events"

    result = runner.invoke(app, ["timeline", "--type", "law", "--from", "2025", "--db", sqlite_url])
    assert result.exit_code == 0 and "law/in_force" in result.output and "raid/" not in result.output
    result = runner.invoke(app, ["timeline", "--type", "parade", "--db", sqlite_url])
    assert result.exit_code == 2 and "not an event type" in result.output
