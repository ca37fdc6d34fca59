"""The verification workflow on SQLite and PostgreSQL: accept, correct, reject, duplicate, conflicts, access."""

from __future__ import annotations

from typing import Any

import pytest

from review_samples import Corpus
from vigil.errors import AccessDenied, Conflict, NotFound, ReviewError
from vigil.model import ReviewStatus
from vigil.review import audit, workflow
from vigil.review.roles import visible_levels
from vigil.store import Store
from vigil.store import audit as audit_store
from vigil.store import reviews as review_store
from vigil.store.users import UserRow

ALL = frozenset({"public", "restricted", "confidential"})


def _entries(store: Store) -> list[audit_store.AuditEntry]:
    return audit_store.entries(store, levels=ALL)


def test_accept_marks_verified_and_writes_review_and_audit(store: Store, corpus: Corpus, users: dict[str, UserRow]) -> None:
    fid = corpus.figures["public"][0]
    done = workflow.accept(store, users["analyst"], fid, 1)
    assert done.status is ReviewStatus.VERIFIED and done.version == 2
    entry = _entries(store)[-1]
    assert (entry.actor, entry.action, entry.target) == ("analyst", "figure.accept", f"figure:{fid}")
    assert entry.before["status"] == "extracted" and entry.after["status"] == "verified"
    assert entry.at.tzinfo is not None and entry.at.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
    [row] = review_store.reviews(store, ALL, item_id=fid)
    assert (row.action, row.status, row.reviewer) == ("accept", "verified", "analyst")


def test_reject_needs_a_reason_and_keeps_it(store: Store, corpus: Corpus, users: dict[str, UserRow]) -> None:
    fid = corpus.figures["public"][1]
    with pytest.raises(ReviewError, match="reason"):
        workflow.reject(store, users["analyst"], fid, 1, reason="   ")
    done = workflow.reject(store, users["analyst"], fid, 1, reason="the 85 are a subset, counted elsewhere")
    assert done.status is ReviewStatus.REJECTED
    assert _entries(store)[-1].reason == "the 85 are a subset, counted elsewhere"


def test_duplicate_points_to_a_visible_figure(store: Store, corpus: Corpus, users: dict[str, UserRow]) -> None:
    first, second = corpus.figures["public"][0], corpus.figures["public"][2]
    with pytest.raises(ReviewError, match="itself"):
        workflow.mark_duplicate(store, users["analyst"], first, 1, duplicate_of=first)
    with pytest.raises(ReviewError, match="not found"):  # a confidential figure is as absent as a missing one
        workflow.mark_duplicate(store, users["analyst"], first, 1, duplicate_of=corpus.figures["confidential"][0])
    done = workflow.mark_duplicate(store, users["analyst"], second, 1, duplicate_of=first, reason="same count")
    assert done.status is ReviewStatus.DUPLICATE
    assert _entries(store)[-1].after["duplicate_of"] == first


@pytest.mark.parametrize(
    ("changes", "expect"),
    [
        ({"value": "2,150"}, {"value": 2150}),
        ({"value": "2140.5"}, {"value": 2140.5}),
        ({"qualifier": "about", "when": "2024-05-31"}, {"qualifier": "about", "when": "2024-05-31"}),
        ({"indicator": "detained_asylum_seekers", "country": "gb"}, {"indicator": "detained_asylum_seekers", "country": "GB"}),
        ({"place": "Eastbrook", "counted": "people held", "attributed_to": "Eastbrook Detention Monitor"},
         {"place": "Eastbrook", "counted": "people held", "attributed_to": "Eastbrook Detention Monitor"}),
        ({"when": "2023/2024"}, {"when": "2023/2024"}),
        ({"unit": "cases"}, {"unit": "cases"}),
    ],
)
def test_correct_changes_any_field(
    store: Store, corpus: Corpus, users: dict[str, UserRow], changes: dict[str, str], expect: dict[str, Any]
) -> None:
    fid = corpus.figures["public"][0]
    done = workflow.correct(store, users["editor"], fid, 1, changes, reason="checked against the PDF")
    assert done.status is ReviewStatus.CORRECTED and done.row_id == fid
    fields = workflow.figure_fields(done.figure)
    for name, value in expect.items():
        assert fields[name] == value
    entry = _entries(store)[-1]
    assert entry.action == "figure.correct" and entry.reason == "checked against the PDF"
    assert entry.after["status"] == "corrected"
    assert any(entry.before[k] != entry.after[k] for k in expect)


def test_correcting_the_span_reslices_the_quote(store: Store, corpus: Corpus, users: dict[str, UserRow]) -> None:
    fid = corpus.figures["public"][0]
    text = corpus.documents["public"].text
    start = text.index("2,140 people")
    done = workflow.correct(store, users["analyst"], fid, 1, {"start": str(start), "end": str(start + len("2,140 people"))})
    assert done.figure.quote == "2,140 people" == text[done.figure.span.start:done.figure.span.end]


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"start": "10", "end": "5"}, "does not fit"),
        ({"end": "999999"}, "does not fit"),
        ({"start": "ten"}, "whole number"),
        ({"value": "many"}, "number"),
        ({"value": "1e400"}, "range"),
        ({"indicator": "arrested_journalists"}, "indicator"),
        ({"qualifier": "roughly"}, "qualifier"),
        ({"country": "Russia"}, "alpha-2"),
        ({"when": "last spring"}, "when"),
        ({"unit": "  "}, "unit"),
        ({"quote": "something else"}, "cannot be corrected"),
        ({}, "nothing changed"),
    ],
)
def test_bad_corrections_are_refused_and_change_nothing(
    store: Store, corpus: Corpus, users: dict[str, UserRow], changes: dict[str, str], words: str
) -> None:
    fid = corpus.figures["public"][0]
    before = len(_entries(store))
    with pytest.raises(ReviewError, match=words):
        workflow.correct(store, users["analyst"], fid, 1, changes)
    assert len(_entries(store)) == before
    assert review_store.get_figure(store, fid, ALL).version == 1


def test_a_stale_version_is_refused_not_overwritten(store: Store, corpus: Corpus, users: dict[str, UserRow]) -> None:
    fid = corpus.figures["public"][0]
    workflow.correct(store, users["analyst"], fid, 1, {"value": "2150"})
    with pytest.raises(Conflict, match="someone else saved this figure first"):
        workflow.accept(store, users["editor"], fid, 1)
    with pytest.raises(Conflict):
        workflow.correct(store, users["editor"], fid, 1, {"value": "9999"})
    item = review_store.get_figure(store, fid, ALL)
    assert item.figure.value == 2150 and item.status is ReviewStatus.CORRECTED and item.version == 2


def test_the_store_itself_refuses_a_stale_save(store: Store, corpus: Corpus, users: dict[str, UserRow]) -> None:
    """Below the workflow's early check: the save's own version check (two reviewers who both read version 1)."""
    fid = corpus.figures["public"][0]
    item = review_store.get_figure(store, fid, ALL)
    kwargs: dict[str, Any] = dict(levels=ALL, expected_version=1, status=ReviewStatus.VERIFIED, action="accept",
                                  before={}, after={})
    review_store.save_figure(store, fid, reviewer="a", **kwargs)
    with pytest.raises(Conflict):
        review_store.save_figure(store, fid, reviewer="b", **kwargs)
    assert [r.reviewer for r in review_store.reviews(store, ALL, item_id=item.row_id)] == ["a"]


def test_roles_and_levels_bound_the_workflow(store: Store, corpus: Corpus, users: dict[str, UserRow]) -> None:
    with pytest.raises(AccessDenied):
        workflow.accept(store, users["viewer"], corpus.figures["public"][0], 1)
    with pytest.raises(NotFound):
        workflow.accept(store, users["analyst"], corpus.figures["confidential"][0], 1)
    assert workflow.accept(store, users["analyst"], corpus.figures["restricted"][0], 1).status is ReviewStatus.VERIFIED
    assert workflow.accept(store, users["editor"], corpus.figures["confidential"][0], 1).status is ReviewStatus.VERIFIED
    with pytest.raises(NotFound):
        workflow.accept(store, users["admin"], "fig:does-not-exist", 1)


def test_events_are_accepted_and_rejected(store: Store, corpus: Corpus, users: dict[str, UserRow]) -> None:
    eid = corpus.events["public"][0]
    done = workflow.accept_event(store, users["analyst"], eid, 1)
    assert done.status is ReviewStatus.VERIFIED
    with pytest.raises(ReviewError):
        workflow.reject_event(store, users["analyst"], eid, 2, reason="")
    assert workflow.reject_event(store, users["analyst"], eid, 2, reason="not a deportation").status is ReviewStatus.REJECTED
    history = audit.event_history(store, users["viewer"], eid)
    assert [e.action for e in history] == ["event.accept", "event.reject"]


def test_history_and_queue_follow_visibility(store: Store, corpus: Corpus, users: dict[str, UserRow]) -> None:
    fid = corpus.figures["confidential"][0]
    workflow.accept(store, users["editor"], fid, 1)
    assert [e.action for e in audit.figure_history(store, users["admin"], fid)] == ["figure.accept"]
    with pytest.raises(NotFound):
        audit.figure_history(store, users["analyst"], fid)
    queue = review_store.figures(store, visible_levels("analyst"), status="extracted")
    assert {q.confidentiality for q in queue} == {"public", "restricted"}
    # most recent documents first: the public review (2024-06) before the restricted note (2024-05-03)
    assert [q.confidentiality for q in queue][:3] == ["public"] * 3
    assert review_store.count_figures(store, visible_levels("viewer")) == 3
    assert review_store.count_figures(store, visible_levels("editor")) == 7


def test_visible_levels_by_role() -> None:
    assert visible_levels(None) == frozenset()
    assert visible_levels("viewer") == {"public"}
    assert visible_levels("analyst") == {"public", "restricted"}
    assert visible_levels("editor") == visible_levels("admin") == ALL
