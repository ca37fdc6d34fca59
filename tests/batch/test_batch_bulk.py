"""BulkStore: many documents a transaction, idempotent, one bad document never sinks the batch."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from batch_corpus import reports

from vigil.extract import extract
from vigil.model import Confidentiality, Document, Extraction, Span
from vigil.store import Store, audit
from vigil.store.bulk import BulkStore, Rejected


def _pairs(count: int, seed: int = 3) -> list[tuple[Document, Extraction]]:
    pairs = []
    for report in reports(count, seed):
        document = Document(id=report.id, text=report.text, language=report.language, published=report.published,
                            source=report.url)
        pairs.append((document, extract(report.text, report.language, report.published, report.id)))
    return pairs


def test_add_many_stores_once_and_counts_like_store_add(db_url: str) -> None:
    Store.open(db_url).close()
    pairs = _pairs(30)
    with BulkStore.open(db_url) as bulk:
        first = bulk.add_many(pairs)
        again = bulk.add_many(pairs[:10] + pairs[:10])  # a retried batch, with a duplicate inside
        assert bulk.known(d.id for d, _ in pairs) == {d.id for d, _ in pairs}
    assert (len(first.stored), len(first.known), first.rejected) == (30, 0, ())
    assert (again.stored, len(again.known), again.figures) == ((), 10, 0)
    with Store.open(db_url) as store:
        counts = store.counts()
        assert counts["documents"] == 30
        assert counts["figures"] == first.figures == sum(len(e.figures) for _, e in pairs)
        assert counts["events"] == first.events == sum(len({ev.id for ev in e.events}) for _, e in pairs)
        document, extraction = pairs[4]
        assert store.get_document(document.id).text == document.text
        stored = {f.figure.id for f in store.figures(document=document.id)}
        assert stored == {f.id for f in extraction.figures}
        # Every value reads back as extracted (on PostgreSQL the rows go in through COPY).
        figures = {f.figure.id: f.figure.to_dict() for f in store.figures()}
        events = {e.event.id: e.event.to_dict() for e in store.events()}
        for _, found in pairs:
            assert all(figures[f.id] == f.to_dict() for f in found.figures)
            assert all(events[e.id] == e.to_dict() for e in found.events)
        assert any(e.actors for _, found in pairs for e in found.events), "the sample has events with actors"


def test_a_document_whose_spans_do_not_fit_is_rejected_alone(db_url: str) -> None:
    Store.open(db_url).close()
    pairs = _pairs(6, seed=11)
    document, extraction = pairs[2]
    assert extraction.figures
    broken = replace(extraction.figures[0], span=Span(0, 3))  # the quote no longer matches the text there
    pairs[2] = (document, replace(extraction, figures=(broken, *extraction.figures[1:])))
    with BulkStore.open(db_url) as bulk:
        outcome = bulk.add_many(pairs)
    assert len(outcome.stored) == 5
    assert [r.source for r in outcome.rejected] == [document.source]
    with Store.open(db_url) as store:
        assert store.counts()["documents"] == 5
        assert not store.has_document(document.id)


def test_a_document_the_database_refuses_a_figure_of_is_rejected_alone(postgres_url: str) -> None:
    """A figure row PostgreSQL will not hold (a unit longer than its column) fails its COPY: the batch
    is written again one document at a time and only that document is rejected, with the reason."""
    Store.open(postgres_url).close()
    pairs = _pairs(6, seed=13)
    document, extraction = pairs[3]
    assert extraction.figures
    refused = replace(extraction.figures[0], unit="people " * 20)  # 140 characters in a 64-character column
    pairs[3] = (document, replace(extraction, figures=(refused, *extraction.figures[1:])))
    with BulkStore.open(postgres_url) as bulk:
        outcome = bulk.add_many(pairs)
    assert len(outcome.stored) == 5
    assert [r.source for r in outcome.rejected] == [document.source]
    assert "refused" in outcome.rejected[0].reason
    with Store.open(postgres_url) as store:
        assert store.counts()["documents"] == 5
        assert not store.has_document(document.id)
        assert store.counts()["figures"] == sum(len(e.figures) for d, e in pairs if d.id != document.id)


def test_add_many_audits_each_stored_document_as_store_add_does(db_url: str, tmp_path: Path) -> None:
    """One "document.ingest" entry per document stored, in its transaction, equal to `Store.add`'s but for time."""
    pairs = _pairs(5, seed=17)
    with Store.open(db_url) as store:
        store.add(*pairs[0], actor="cli:first")  # the chain already has an entry: bulk entries continue it
    with BulkStore.open(db_url) as bulk:
        bulk.add_many(pairs, actor="cli:monitor")
        bulk.add_many(pairs, actor="cli:monitor")  # nothing new stored: nothing new audited
        bulk.add_many(_pairs(2, seed=19))  # no actor: no entries
    with Store.open(db_url) as store:
        log = audit.entries(store, levels=[level.value for level in Confidentiality])
        assert audit.verify_chain(store) == audit.ChainReport(ok=True, checked=5)
    assert [(e.seq, e.actor, e.document_id) for e in log] == [
        (1, "cli:first", pairs[0][0].id), *[(i + 1, "cli:monitor", d.id) for i, (d, _) in enumerate(pairs[1:], 1)]
    ]
    with Store.open(f"sqlite:///{tmp_path}/single.db") as single:  # what Store.add writes for the same document
        single.add(*pairs[1], actor="cli:monitor")
        (reference,) = audit.entries(single, levels=["public"])
    assert (log[1].action, log[1].target, log[1].after) == (reference.action, reference.target, reference.after)


def test_failures_are_listed_once_however_often_a_partition_is_read(db_url: str) -> None:
    Store.open(db_url).close()
    failures = [Rejected("news.jsonl:7", "not a JSON line"), Rejected("news.jsonl:9", "empty")]
    with BulkStore.open(db_url) as bulk:
        assert bulk.record_failures(failures + failures[:1]) == 2
        assert bulk.record_failures(failures) == 0
        assert bulk.record_failures([Rejected("news.jsonl:7", "another reason")]) == 1
    with Store.open(db_url) as store:
        assert sorted((f.source, f.reason) for f in store.failures()) == [
            ("news.jsonl:7", "another reason"), ("news.jsonl:7", "not a JSON line"), ("news.jsonl:9", "empty"),
        ]


def test_row_values_are_the_orm_conversion(tmp_path: object) -> None:
    """bulk builds rows without ORM objects; they must hold what `convert` would write."""
    from sqlalchemy import inspect

    from vigil.store import convert
    from vigil.store.bulk import document_values, event_values, figure_values
    from vigil.store.types import utc_now

    def orm_values(record: object) -> dict[str, object]:
        mapper = inspect(type(record))
        return {a.columns[0].key: getattr(record, a.key) for a in mapper.column_attrs
                if a.columns[0].key not in ("stored_at", "created_at", "version")}

    def trimmed(values: dict[str, object]) -> dict[str, object]:
        return {k: v for k, v in values.items() if k not in ("stored_at", "created_at", "version")}

    now = utc_now()
    document, extraction = _pairs(1, seed=4)[0]
    assert extraction.figures and extraction.events
    assert trimmed(document_values(document, now)) == orm_values(convert.document_record(document))
    for figure in extraction.figures:
        assert trimmed(figure_values(figure, now)) == orm_values(convert.figure_record(figure))
    for event in extraction.events:
        assert trimmed(event_values(event, now)) == orm_values(convert.event_record(event))
