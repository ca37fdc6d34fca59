"""The site registry read for people: each site with its latest sourced observations, or its whole history.

A registry entry never shows a bare value: its type, authority, capacity, population
and status are the latest observation of each (by the date the source gives, then
the publication), each with its quote and document; conditions are every report of
one. Rejected observations are left out. What a caller sees is decided by `levels`,
as everywhere: an observation from a document the caller may not see is not there.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from vigil.model import EntryStatus, ReviewStatus, Site, SiteAttribute
from vigil.store import Store
from vigil.store import sites as site_store
from vigil.store.sites import StoredObservation

__all__ = ["LATEST", "SiteHistory", "SiteSummary", "history", "registry"]

# The attributes summarised by their latest observation; conditions are listed, not summarised.
LATEST: tuple[SiteAttribute, ...] = (
    SiteAttribute.TYPE, SiteAttribute.AUTHORITY, SiteAttribute.CAPACITY, SiteAttribute.POPULATION, SiteAttribute.STATUS,
)
_WITHDRAWN = {ReviewStatus.REJECTED, ReviewStatus.DUPLICATE}


@dataclass(frozen=True, slots=True)
class SiteSummary:
    """One site with its names and the latest observation of each attribute."""

    site: Site
    version: int
    names: tuple[str, ...]
    latest: tuple[tuple[SiteAttribute, StoredObservation], ...]
    conditions: tuple[StoredObservation, ...]
    observations: int
    documents: int
    name_sources: Mapping[str, StoredObservation] = field(default_factory=dict)  # each name's first source

    def get(self, attribute: SiteAttribute | str) -> StoredObservation | None:
        """The latest observation of an attribute, if any."""
        for name, observation in self.latest:
            if name == attribute:
                return observation
        return None


@dataclass(frozen=True, slots=True)
class SiteHistory:
    """One site and everything its sources say about it, oldest first."""

    summary: SiteSummary
    observations: tuple[StoredObservation, ...]


def _order(item: StoredObservation) -> tuple[str, str]:
    return (item.observation.when or "", item.published or "")


def _summary(stored: site_store.StoredSite, items: list[StoredObservation]) -> SiteSummary:
    live = [i for i in items if i.status not in _WITHDRAWN]
    names = tuple(dict.fromkeys(i.observation.value for i in live if i.observation.attribute is SiteAttribute.NAME))
    latest: list[tuple[SiteAttribute, StoredObservation]] = []
    for attribute in LATEST:
        found = [i for i in live if i.observation.attribute is attribute]
        if found:
            latest.append((attribute, max(found, key=_order)))
    conditions = tuple(i for i in live if i.observation.attribute is SiteAttribute.CONDITION)
    firsts: dict[str, StoredObservation] = {}
    for item in live:
        if item.observation.attribute is SiteAttribute.NAME:
            firsts.setdefault(item.observation.value, item)
    return SiteSummary(
        site=stored.site, version=stored.version, names=names, latest=tuple(latest), conditions=conditions,
        observations=stored.observations, documents=stored.documents, name_sources=firsts,
    )


def registry(
    store: Store, levels: Collection[str], *, country: str | None = None, include_rejected: bool = False
) -> list[SiteSummary]:
    """The sites the levels let one see, with their latest observations, by country and name."""
    found = [
        s for s in site_store.sites(store, levels, country=country)
        if include_rejected or s.site.status is not EntryStatus.REJECTED
    ]
    if not found:
        return []
    by_site: dict[str, list[StoredObservation]] = {s.site.id: [] for s in found}
    for item in site_store.observations(store, levels, sites_of=list(by_site)):
        by_site[item.observation.site].append(item)
    return [_summary(s, by_site[s.site.id]) for s in found]


def history(store: Store, site: str, levels: Collection[str]) -> SiteHistory:
    """One site (an id or a unique prefix) with all its visible observations; NotFound when hidden."""
    stored = site_store.get_site(store, site, levels)
    items = site_store.observations(store, levels, site=stored.site.id)
    return SiteHistory(summary=_summary(stored, items), observations=tuple(items))
