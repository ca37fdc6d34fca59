"""What an output shows, gathered once: facts, series, undated figures, events and sources.

Profiles, the site and the exports all start here, so they agree with each other and
all apply the audience the same way: the store is read through `vigil.store.published`
with the audience's confidentiality levels, and every quote, summary and actor passes
through the private-names hook before it reaches a public output.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from vigil.analyze.facts import COUNTED, Fact, build_facts, latest, statement
from vigil.analyze.sites import SiteSummary, registry
from vigil.analyze.facts import Statement as FactStatement
from vigil.analyze.facts import undated as undated_figures
from vigil.analyze.series import Series, build_series
from vigil.analyze.timeline import TimelineEntry, timeline
from vigil.model import Event, Figure
from vigil.publish.audience import Audience, levels
from vigil.publish.labels import country_name
from vigil.publish.private_names import NONE_MARKED, PrivateNames, marked_in
from vigil.store import Store, StoredEvent, StoredFigure
from vigil.store.published import SourceRow, visible_events, visible_figures, visible_sources
from vigil.store.sites import StoredObservation

__all__ = ["CountryData", "Dataset", "collect_country", "collect_dataset", "collect_facts", "site_notes"]


@dataclass(frozen=True, slots=True)
class CountryData:
    """Everything one country profile shows, for one audience."""

    country: str
    name: str
    audience: Audience
    facts: tuple[Fact, ...]
    headlines: tuple[Fact, ...]
    series: tuple[Series, ...]
    undated: tuple[FactStatement, ...]
    timeline: tuple[TimelineEntry, ...]
    sources: tuple[SourceRow, ...]  # the documents cited, newest first
    private: PrivateNames
    sites: tuple[SiteSummary, ...] = ()  # detention sites (issue 10), their observations as the audience may see them


@dataclass(frozen=True, slots=True)
class Dataset:
    """Everything an export holds, for one audience: all figures, all facts, their sources."""

    audience: Audience
    figures: tuple[StoredFigure, ...]
    facts: tuple[Fact, ...]
    sources: tuple[SourceRow, ...]
    private: PrivateNames


def _redacted_figure(stored: StoredFigure, private: PrivateNames) -> StoredFigure:
    figure = stored.figure
    if not private.has_names(figure.document):
        return stored
    doc = figure.document
    clean: Figure = replace(
        figure,
        quote=private.redact(doc, figure.quote),
        counted=private.redact(doc, figure.counted) if figure.counted else None,
        attributed_to=private.redact(doc, figure.attributed_to) if figure.attributed_to else None,
    )
    return replace(stored, figure=clean)


def _redacted_event(stored: StoredEvent, private: PrivateNames) -> StoredEvent:
    event = stored.event
    if not private.has_names(event.document):
        return stored
    doc = event.document
    clean: Event = replace(
        event,
        quote=private.redact(doc, event.quote),
        summary=private.redact(doc, event.summary),
        actors=tuple(private.redact(doc, a) for a in event.actors),
    )
    return replace(stored, event=clean)


def _private(store: Store, audience: Audience) -> PrivateNames:
    return marked_in(store) if audience is Audience.PUBLIC else NONE_MARKED


def collect_country(store: Store, country: str, audience: Audience | str = Audience.PUBLIC) -> CountryData:
    """The facts, series, timeline and cited sources of one country, as `audience` may see them."""
    audience = Audience(audience)
    code = country.strip().upper()
    allowed = levels(audience)
    private = _private(store, audience)
    sources = visible_sources(store, levels=allowed)
    publishers = {s.id: s.publisher for s in sources}
    figures = [_redacted_figure(f, private) for f in visible_figures(store, levels=allowed, country=code)]
    facts = build_facts(figures, publishers=publishers)
    loose = tuple(
        statement(f, publishers.get(f.figure.document))
        for f in undated_figures(figures)
        if str(f.figure.indicator) != "other"
    )
    events = [_redacted_event(e, private) for e in visible_events(store, levels=allowed, country=code)]
    entries = tuple(timeline(events, country=code))
    sites = tuple(_redacted_site(site, private) for site in registry(store, allowed, country=code))
    cited = {s.document for fact in facts for s in fact.statements}
    cited |= {o.observation.document for site in sites for o in site_notes(site) if o.observation.document}
    cited |= {s.document for s in loose}
    cited |= {source.document for entry in entries for source in entry.sources}
    return CountryData(
        country=code,
        name=country_name(code),
        audience=audience,
        facts=tuple(facts),
        headlines=tuple(latest(facts).values()),
        series=tuple(build_series(facts)),
        undated=loose,
        timeline=entries,
        sources=tuple(s for s in sources if s.id in cited),
        private=private,
        sites=sites,
    )


def site_notes(site: SiteSummary) -> list[StoredObservation]:
    """The observations a profile footnotes for a site: each name's first source, the latest of each attribute, every condition."""
    firsts: dict[str, StoredObservation] = {}
    for name in site.names:
        found = site.name_sources.get(name)
        if found is not None:
            firsts[name] = found
    return [*firsts.values(), *(o for _, o in site.latest), *site.conditions]


def _redacted_site(site: SiteSummary, private: PrivateNames) -> SiteSummary:
    def clean(item: StoredObservation) -> StoredObservation:
        o = item.observation
        if o.document is None or o.quote is None or not private.has_names(o.document):
            return item
        return replace(item, observation=replace(o, quote=private.redact(o.document, o.quote)))

    return replace(
        site,
        latest=tuple((k, clean(v)) for k, v in site.latest),
        conditions=tuple(clean(c) for c in site.conditions),
        name_sources={k: clean(v) for k, v in site.name_sources.items()},
    )


def collect_dataset(store: Store, audience: Audience | str = Audience.PUBLIC) -> Dataset:
    """Every figure (`other` included), every fact and every source, as `audience` may see them.

    Public datasets leave out rejected and duplicate figures; internal ones keep them with their status.
    """
    audience = Audience(audience)
    allowed = levels(audience)
    private = _private(store, audience)
    sources = visible_sources(store, levels=allowed)
    publishers = {s.id: s.publisher for s in sources}
    figures = tuple(
        _redacted_figure(f, private)
        for f in visible_figures(store, levels=allowed)
        # A public dataset leaves out what reviewers withdrew; an internal one keeps it, for audit.
        if audience is Audience.INTERNAL or f.status in COUNTED
    )
    facts = tuple(build_facts(figures, publishers=publishers))
    return Dataset(audience=audience, figures=figures, facts=facts, sources=tuple(sources), private=private)


def collect_facts(
    store: Store,
    *,
    country: str | None = None,
    indicator: str | None = None,
    audience: Audience | str = Audience.PUBLIC,
) -> list[Fact]:
    """The facts of one country (or all) and one indicator (or all but `other`), as `audience` may see them."""
    audience = Audience(audience)
    allowed = levels(audience)
    private = _private(store, audience)
    publishers = {s.id: s.publisher for s in visible_sources(store, levels=allowed)}
    figures = [
        _redacted_figure(f, private)
        for f in visible_figures(store, levels=allowed, country=country, indicator=indicator)
    ]
    return build_facts(figures, publishers=publishers, include_other=indicator == "other")
