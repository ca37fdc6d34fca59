"""The document list's filters, facets and search, through a role's eyes, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from review_samples import Corpus
from vigil.review.roles import visible_levels
from vigil.store import Store, browse

F = browse.DocumentFilter


@pytest.mark.parametrize(
    ("role", "where", "expected"),
    [
        ("admin", F(), {"public", "restricted", "confidential"}),
        ("viewer", F(), {"public"}),
        ("analyst", F(country="gb"), {"public", "restricted"}),
        ("admin", F(country="RU"), set()),
        ("admin", F(since="2024-05"), {"public", "restricted"}),
        ("admin", F(until="2024-05"), {"restricted", "confidential"}),
        ("admin", F(until="2024-04"), {"confidential"}),
        ("admin", F(since="2024-04-21", until="2024-05-31"), {"restricted"}),
        ("admin", F(confidentiality="restricted"), {"restricted"}),
        ("viewer", F(confidentiality="restricted"), set()),
        ("admin", F(language="en"), {"public", "restricted", "confidential"}),
        ("admin", F(language="ru"), set()),
    ],
)
def test_filters(store: Store, corpus: Corpus, role: str, where: browse.DocumentFilter, expected: set[str]) -> None:
    levels = visible_levels(role)
    rows = browse.list_documents(store, levels, where)
    assert {row.confidentiality for row in rows} == expected
    assert browse.count_documents(store, levels, where) == len(rows)


@pytest.mark.parametrize(
    ("role", "query", "hits"),
    [("viewer", "detainees hunger strike", 0), ("analyst", "hunger strike", 1), ("analyst", "testimony", 0),
     ("editor", "testimony", 1), ("viewer", "CANARY", 0), ("viewer", "Eastbrook", 1), ("editor", "deported", 2)],
)
def test_search_sees_only_visible_documents(store: Store, corpus: Corpus, role: str, query: str, hits: int) -> None:
    found = browse.search(store, query, visible_levels(role))
    assert len(found) == hits
    assert browse.search(store, query, frozenset()) == []


def test_facets_count_only_visible_documents(store: Store, corpus: Corpus) -> None:
    assert browse.document_facets(store, visible_levels("viewer")) == browse.Facets(
        languages=(("en", 1),), countries=(("GB", 1),), confidentiality=(("public", 1),)
    )
    facets = browse.document_facets(store, visible_levels("admin"))
    assert facets.countries == (("GB", 3),) and dict(facets.confidentiality) == {
        "public": 1, "restricted": 1, "confidential": 1}
