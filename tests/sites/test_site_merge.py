"""Merging duplicate sites is audited and reversible from the log (issue 10)."""

from __future__ import annotations

import pytest

from site_samples import document
from vigil.errors import ReviewError
from vigil.model import EntryStatus, Extraction
from vigil.review.audit import verify
from vigil.review.sites import merge, unmerge
from vigil.store import Store
from vigil.store.audit import entries
from vigil.store.site_linking import scan_all
from vigil.store.sites import get_site, observations, sites

ALL = frozenset({"public", "restricted", "confidential"})
MOSCOW = "In the Moscow TsVSIG, 678 people were held on 1 November 2019."
SAKHAROVO = "The centre in Sakharovo was built for several hundred people."


def _two_sites(store: Store) -> tuple[str, str]:
    for text in (MOSCOW, SAKHAROVO):
        store.add(document(text), Extraction())
    scan_all(store)
    found = {s.site.name: s.site.id for s in sites(store, ALL)}
    assert len(found) == 2, found
    return found["Centre, Sakharovo"], found["Moscow TsVSIG"]


def test_a_merge_moves_the_observations_and_is_audited(store: Store) -> None:
    keep, absorb = _two_sites(store)
    moved_before = {o.observation.id for o in observations(store, ALL, site=absorb)}
    kept, moved = merge(store, None, keep, absorb, actor="amina", reason="TsVSIG No. 1 of Moscow is at Sakharovo")
    assert kept == keep and set(moved) == moved_before
    assert {o.observation.site for o in observations(store, ALL)} == {keep}
    assert [s.site.id for s in sites(store, ALL)] == [keep]
    assert get_site(store, keep, ALL).documents == 2
    [entry] = entries(store, levels=ALL, target=f"site:{absorb}")
    assert (entry.actor, entry.action, entry.reason) == ("amina", "site.merge", "TsVSIG No. 1 of Moscow is at Sakharovo")
    assert set(entry.before["observations"]) == moved_before and entry.after["merged_into"] == keep
    merged = sites(store, ALL, include_merged=True)
    assert {s.site.id: s.site.status for s in merged}.get(absorb) is None  # no observations left: not listed


def test_a_merge_is_undone_from_the_log(store: Store) -> None:
    keep, absorb = _two_sites(store)
    before = {o.observation.id: o.observation.site for o in observations(store, ALL)}
    merge(store, None, keep, absorb, actor="amina")
    back, moved = unmerge(store, None, absorb, actor="bea", reason="two different centres")
    assert back == keep and moved
    assert {o.observation.id: o.observation.site for o in observations(store, ALL)} == before
    assert get_site(store, absorb, ALL).site.status is EntryStatus.PROPOSED
    actions = [e.action for e in entries(store, levels=ALL, target=f"site:{absorb}")]
    assert actions == ["site.merge", "site.unmerge"]
    assert verify(store).ok


def test_a_site_is_not_merged_into_itself_nor_twice(store: Store) -> None:
    keep, absorb = _two_sites(store)
    with pytest.raises(ReviewError):
        merge(store, None, keep, keep)
    merge(store, None, keep, absorb)
    with pytest.raises(ReviewError):
        merge(store, None, keep, absorb)
    with pytest.raises(ReviewError):
        unmerge(store, None, keep)


def test_a_later_mention_of_a_merged_site_goes_to_the_site_it_joined(store: Store) -> None:
    keep, absorb = _two_sites(store)
    merge(store, None, keep, absorb)
    store.add(document("Lawyers say the Moscow TsVSIG is overcrowded again.", published="2025-09"), Extraction())
    scan_all(store)
    assert [s.site.id for s in sites(store, ALL)] == [keep]
