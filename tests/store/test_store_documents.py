"""Writing documents: exact round trips, idempotent adds, all-or-nothing transactions, look-ups."""

from __future__ import annotations

import dataclasses
import random
import threading
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import pytest

from store_samples import Sample, english, plain, russian
from vigil.errors import DateError, NotFound, SpanError, StoreError
from vigil.model import (
    Confidentiality,
    Document,
    Event,
    Extraction,
    Figure,
    ReviewStatus,
    make_figure,
)
from vigil.store import Store

WORKERS = 4
SAMPLES: list[Callable[[], Sample]] = [english, russian]


@pytest.mark.parametrize("make", SAMPLES, ids=["english", "russian"])
def test_add_then_get_round_trips_everything(store: Store, make: Callable[[], Sample]) -> None:
    sample = make()
    assert store.add(sample.document, sample.extraction) is True
    assert store.has_document(sample.document.id)

    got = store.get_document(sample.document.id)
    assert got == sample.document
    assert type(got.confidentiality) is Confidentiality

    figures = store.figures(document=sample.document.id)
    assert [stored.figure for stored in figures] == sorted(sample.figures, key=lambda f: f.span.start)
    assert {stored.status for stored in figures} == {ReviewStatus.EXTRACTED}
    assert {stored.document_title for stored in figures} == {sample.document.title}
    assert {stored.published for stored in figures} == {sample.document.published}

    events = store.events(document=sample.document.id)
    assert [stored.event for stored in events] == list(sample.events)
    assert {stored.status for stored in events} == {ReviewStatus.EXTRACTED}
    items: list[Figure | Event] = [*(s.figure for s in figures), *(s.event for s in events)]
    for item in items:
        assert got.text[item.span.start : item.span.end] == item.quote


@pytest.mark.parametrize(
    ("value", "expected_type"),
    [(1250, int), (0, int), (87000.0, float), (0.56, float), (2.5, float), (1e-7, float), (2**53, int), (-3, int)],
)
def test_figure_values_come_back_as_written(store: Store, value: float, expected_type: type) -> None:
    sample = english()
    text, doc_id = sample.document.text, sample.document.id
    figure = make_figure(text, doc_id, 0, 8, indicator="other", value=value)
    store.add(sample.document, Extraction((figure,)))
    [stored] = store.figures()
    assert stored.figure == figure
    assert type(stored.figure.value) is expected_type
    assert stored.figure.id == figure.id


def test_adding_the_same_document_twice_changes_nothing(store: Store) -> None:
    sample = russian()
    assert store.add(sample.document, sample.extraction) is True
    before = store.counts()
    assert before == {"documents": 1, "figures": 2, "events": 1, "failures": 0}
    assert store.add(sample.document, sample.extraction) is False
    assert store.add(sample.document, Extraction()) is False
    assert store.counts() == before


def test_a_racing_writer_is_reported_as_already_known(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two workers storing one document: the loser's insert conflicts and it returns False."""
    sample = english()
    store.add(sample.document, sample.extraction)
    monkeypatch.setattr(Store, "has_document", _false_once(Store.has_document))
    assert store.add(sample.document, sample.extraction) is False
    assert store.counts()["documents"] == 1


def test_concurrent_adds_of_one_document_store_it_once(db_url: str) -> None:
    """Workers racing on one document (a Dask retry, issue 8): one stores it, the rest are told it is known."""
    sample = russian()
    stores = [Store.open(db_url) for _ in range(WORKERS)]
    barrier = threading.Barrier(WORKERS)

    def work(store: Store) -> bool:
        barrier.wait()
        return store.add(sample.document, sample.extraction)

    try:
        with ThreadPoolExecutor(WORKERS) as pool:
            results = list(pool.map(work, stores))
        assert sorted(results) == [False] * (WORKERS - 1) + [True]
        assert stores[0].counts() == {"documents": 1, "figures": 2, "events": 1, "failures": 0}
    finally:
        for store in stores:
            store.close()


def _false_once(real: Callable[[Store, str], bool]) -> Callable[[Store, str], bool]:
    calls = {"n": 0}

    def patched(self: Store, doc_id: str) -> bool:
        calls["n"] += 1
        return False if calls["n"] == 1 else real(self, doc_id)

    return patched


def test_the_same_finding_twice_in_one_extraction_is_stored_once(store: Store) -> None:
    sample = english()
    doubled = Extraction(sample.figures + sample.figures[:1], sample.events + sample.events)
    assert store.add(sample.document, doubled)
    assert store.counts()["figures"] == len(sample.figures)
    assert store.counts()["events"] == len(sample.events)


def _other_document(sample: Sample) -> Extraction:
    stray = dataclasses.replace(sample.figures[0], document="sha256:" + "0" * 64)
    return Extraction((sample.figures[0], stray), sample.events)


def _nan_value(sample: Sample) -> Extraction:
    return Extraction((dataclasses.replace(sample.figures[0], value=float("nan")),), ())


def _huge_value(sample: Sample) -> Extraction:
    return Extraction((dataclasses.replace(sample.figures[0], value=10**400),), ())


def _conflicting_ids(sample: Sample) -> Extraction:
    first = sample.figures[0]
    return Extraction((first, dataclasses.replace(first, country="FR")), ())


def _missing_unit(sample: Sample) -> Extraction:
    # Passes every check in Python; the database's NOT NULL refuses it after the
    # document row is already inserted, so this exercises the rollback itself.
    no_unit = dataclasses.replace(sample.figures[2], unit=None)  # type: ignore[arg-type]
    return Extraction((*sample.figures[:2], no_unit), sample.events)


def _wrong_quote(sample: Sample) -> Extraction:
    return Extraction((dataclasses.replace(sample.figures[0], quote="something else"),), ())


@pytest.mark.parametrize(
    ("broken", "error", "words"),
    [
        (_other_document, StoreError, "belongs to sha256:000"),
        (_nan_value, StoreError, "not a finite number"),
        (_huge_value, StoreError, "too large"),
        (_conflicting_ids, StoreError, "share the id"),
        (_missing_unit, StoreError, "refused"),
        (_wrong_quote, SpanError, "does not match"),
    ],
    ids=["other-document", "nan", "huge", "conflicting-ids", "not-null-violation", "wrong-quote"],
)
def test_a_failed_add_leaves_nothing_half_written(
    store: Store, broken: Callable[[Sample], Extraction], error: type[Exception], words: str
) -> None:
    kept = russian()
    store.add(kept.document, kept.extraction)
    before = store.counts()

    sample = english()
    with pytest.raises(error, match=words) as caught:
        store.add(sample.document, broken(sample))
    assert caught.value.input == sample.document.id  # type: ignore[attr-defined]
    assert store.counts() == before
    assert not store.has_document(sample.document.id)
    assert store.search("Northgate") == []  # the full-text index was rolled back too
    # ...and the document can still be stored once the extraction is right.
    assert store.add(sample.document, sample.extraction) is True


def test_a_long_document_is_stored_and_searchable(store: Store) -> None:
    """Over a million characters of words never seen twice (the worst case for a tsvector)."""
    rng = random.Random(2)
    letters = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(200_000)]
    text = "Отчёт о задержаниях. " + " ".join(words)
    document = plain(text, title="Очень длинный отчёт")
    assert store.add(document, Extraction())
    assert store.get_document(document.id).text == text
    assert [hit.document_id for hit in store.search("задержаниях")] == [document.id]


def test_documents_lists_newest_first_with_counts(store: Store) -> None:
    old = plain("An older note on detention.", title="Old", published="2019", language="en")
    undated = plain("A note without a date.", title="Undated", language="en")
    new = english()
    ru = russian()
    for document, extraction in [(old, Extraction()), (undated, Extraction()),
                                 (new.document, new.extraction), (ru.document, ru.extraction)]:
        store.add(document, extraction)

    rows = store.documents()
    assert [row.title for row in rows] == [new.document.title, ru.document.title, "Old", "Undated"]
    first = rows[0]
    assert (first.id, first.figure_count, first.event_count) == (new.document.id, 3, 1)
    assert (first.url, first.published, first.language) == (new.document.url, "2024-05-02", "en")
    assert (first.confidentiality, first.source, first.media_type) == ("public", new.document.source, "text/html")
    assert first.retrieved_at == new.document.retrieved_at
    assert rows[-1].figure_count == rows[-1].event_count == 0

    assert [row.id for row in store.documents(language="ru")] == [ru.document.id]
    assert [row.id for row in store.documents(confidentiality="restricted")] == [ru.document.id]
    assert [row.id for row in store.documents(confidentiality=Confidentiality.RESTRICTED)] == [ru.document.id]
    assert len(store.documents(limit=2)) == 2


def _with_id(hex_digits: str, text: str) -> Document:
    return Document(id="sha256:" + hex_digits, text=text, title=text)


def test_get_document_by_prefix(store: Store) -> None:
    a = _with_id("abcdef01" + "1" * 56, "first")
    b = _with_id("abcdef02" + "2" * 56, "second")
    for document in (a, b):
        store.add(document, Extraction())

    for key in [a.id, "abcdef01", "sha256:abcdef01", "ABCDEF011111", " abcdef011 ", a.id[7:]]:
        assert store.get_document(key) == a, key
    assert store.resolve_id("abcdef02") == b.id

    with pytest.raises(StoreError, match="ambiguous") as ambiguous:
        store.get_document("abcdef0")
    assert not isinstance(ambiguous.value, NotFound)

    with pytest.raises(StoreError, match="at least 6") as short:
        store.get_document("abcde")
    assert not isinstance(short.value, NotFound)


@pytest.mark.parametrize("key", ["abcdef99", "sha256:" + "f" * 64, "no such thing", "", "sha256:", "abc%ef", "ab_def"])
def test_get_document_not_found(store: Store, key: str) -> None:
    store.add(_with_id("abcdef01" + "1" * 56, "first"), Extraction())
    with pytest.raises(NotFound):
        store.get_document(key)


def test_figures_filter_by_country_indicator_and_document(store: Store) -> None:
    en, ru = english(), russian()
    store.add(en.document, en.extraction)
    store.add(ru.document, ru.extraction)

    assert len(store.figures()) == 5
    assert {s.figure.country for s in store.figures(country="RU")} == {"RU"}
    assert len(store.figures(country="ru")) == 2
    detained = store.figures(indicator="detained")
    assert sorted(s.figure.value for s in detained) == [420, 1250]
    [one] = store.figures(country="GB", indicator="detained_children")
    assert one.figure == en.figures[1]
    assert store.figures(country="FR") == []
    assert len(store.figures(document=ru.document.id[7:15])) == 2
    assert len(store.figures(limit=1)) == 1
    assert len(store.figures(status="extracted")) == 5
    assert store.figures(status="verified") == []
    # newest document first, and in text order within a document
    assert [s.figure.document for s in store.figures()][:3] == [en.document.id] * 3
    with pytest.raises(NotFound):
        store.figures(document="ffffff")


def test_events_filter_by_country_type_and_date(store: Store) -> None:
    en, ru = english(), russian()
    store.add(en.document, en.extraction)
    store.add(ru.document, ru.extraction)

    assert [s.event.date for s in store.events()] == ["2024-04-03", "2024-04-12"]
    assert [s.event for s in store.events(country="ru")] == list(ru.events)
    assert [s.event for s in store.events(event_type="deportation")] == list(en.events)
    assert [s.event.date for s in store.events(since="2024-04-10")] == ["2024-04-12"]
    assert len(store.events(since="2024")) == 2
    assert store.events(since="2025-01") == []
    assert [s.event for s in store.events(document=en.document.id)] == list(en.events)
    with pytest.raises(DateError):
        store.events(since="April 2024")


def test_record_failure_keeps_a_quarantine_list(store: Store) -> None:
    start = datetime.now(timezone.utc) - timedelta(seconds=5)
    store.record_failure("inbox/empty.txt", "no text could be extracted")
    store.record_failure("https://example.org/gone", "HTTP 404")
    store.record_failure("отчёт.pdf", "PDF без текстового слоя")

    failures = store.failures()
    assert [(f.source, f.reason) for f in failures] == [
        ("inbox/empty.txt", "no text could be extracted"),
        ("https://example.org/gone", "HTTP 404"),
        ("отчёт.pdf", "PDF без текстового слоя"),
    ]
    for failure in failures:
        assert failure.at.tzinfo is not None
        assert start <= failure.at <= datetime.now(timezone.utc) + timedelta(seconds=5)
    assert len({f.id for f in failures}) == 3
    assert store.counts()["failures"] == 3


def test_store_is_a_context_manager_and_reopens(db_url: str) -> None:
    sample = russian()
    with Store.open(db_url) as store:
        store.add(sample.document, sample.extraction)
    with Store.open(db_url) as store:
        assert store.get_document(sample.document.id) == sample.document
        assert [s.figure for s in store.figures()] == list(sample.figures)
