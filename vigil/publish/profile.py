"""The country profile: one static HTML page a researcher can cite, every number footnoted.

`write_profile(store, "RU", out)` writes `out/ru.html` with, in order:

  - headline indicators: the latest value of each (facts.latest), with its footnote;
  - a section per indicator: an SVG chart per series, and the table of its facts —
    best value, corroboration, every source's footnote, and conflicts with both quotes;
  - figures without a period, which belong to no fact;
  - the event timeline, when events exist;
  - footnotes: for each statement, its quote, source title and date, attribution and
    review status, linking to the quote marked in the document's text and to the
    archived original (both copied under `out/sources/`);
  - the list of sources.

Anything not verified by a reviewer carries a visible "not verified" mark. The page
needs no server, no network and no JavaScript; the stylesheet sits beside it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from vigil.analyze.facts import Fact, Statement
from vigil.analyze.series import Series
from vigil.ingest import Archive
from vigil.model import Indicator, Span
from vigil.publish.audience import Audience
from vigil.publish.charts import chart_svg
from vigil.publish.collect import CountryData, collect_country, site_notes
from vigil.store.sites import StoredObservation
from vigil.publish.render import STYLESHEET, render, stylesheet
from vigil.publish.sources import SourceFiles, write_sources
from vigil.store import Store
from vigil.store.published import SourceRow

__all__ = ["Footnote", "cited_quotes", "profile_filename", "render_profile", "write_profile"]


@dataclass(frozen=True, slots=True)
class Footnote:
    """One numbered footnote: a statement and where its evidence is."""

    number: int
    anchor: str  # the footnote's HTML id, stable across renders: `fn-` + the figure id's hash
    statement: Statement
    source: SourceRow | None
    files: SourceFiles | None
    context: str | None  # href of the quote marked in the document's text page


@dataclass(frozen=True, slots=True)
class SiteNote:
    """One numbered note of the sites section: an observation and where its evidence is."""

    number: int
    anchor: str  # `sn-` + the observation id's hash
    item: StoredObservation
    source: SourceRow | None
    files: SourceFiles | None
    context: str | None


@dataclass(frozen=True, slots=True)
class Section:
    """One indicator's part of the page: its charts and its facts."""

    indicator: Indicator
    charts: tuple[tuple[Series, Markup], ...]
    facts: tuple[Fact, ...]


def profile_filename(country: str) -> str:
    """The profile's file name in a site: `ru.html` for RU."""
    return f"{country.strip().lower()}.html"


def _footnote_anchor(figure_id: str) -> str:
    return "fn-" + figure_id.split(":", 1)[-1][:16]


def cited_quotes(data: CountryData) -> dict[str, list[tuple[str, Span]]]:
    quotes: dict[str, list[tuple[str, Span]]] = defaultdict(list)
    for fact in data.facts:
        for s in fact.statements:
            quotes[s.document].append((s.figure.id, s.figure.span))
    for s in data.undated:
        quotes[s.document].append((s.figure.id, s.figure.span))
    for entry in data.timeline:
        for source in entry.sources:
            quotes[source.document].append((source.event_id, source.span))
    for site in data.sites:
        for item in site_notes(site):
            o = item.observation
            if o.document is not None and o.span is not None:
                quotes[o.document].append((o.id, o.span))
    return {doc: sorted(set(items), key=lambda q: (q[1].start, q[0])) for doc, items in quotes.items()}


def render_profile(
    data: CountryData,
    files: dict[str, SourceFiles],
    contexts: dict[str, str],
) -> str:
    """The profile page's HTML for collected data, given where its source files were written."""
    by_id = {s.id: s for s in data.sources}
    footnotes: dict[str, Footnote] = {}

    def note(s: Statement) -> Footnote:
        found = footnotes.get(s.figure.id)
        if found is None:
            found = Footnote(
                number=len(footnotes) + 1,
                anchor=_footnote_anchor(s.figure.id),
                statement=s,
                source=by_id.get(s.document),
                files=files.get(s.document),
                context=contexts.get(s.figure.id),
            )
            footnotes[s.figure.id] = found
        return found

    # Number the footnotes in reading order: headlines, then each section's facts, then undated figures.
    for fact in data.headlines:
        note(fact.best)
    sections: list[Section] = []
    for indicator in Indicator:
        facts = tuple(f for f in data.facts if f.key.indicator is indicator)
        if not facts:
            continue
        for fact in facts:
            for s in fact.statements:
                note(s)
        charts = tuple(
            (series, Markup(chart_svg(series))) for series in data.series if series.indicator is indicator
        )
        sections.append(Section(indicator=indicator, charts=charts, facts=facts))
    for s in data.undated:
        note(s)
    unverified = sum(1 for f in footnotes.values() if not f.statement.verified)
    site_notes_by_id: dict[str, SiteNote] = {}

    def site_note(item: StoredObservation) -> SiteNote:
        o = item.observation
        found = site_notes_by_id.get(o.id)
        if found is None:
            found = SiteNote(
                number=len(site_notes_by_id) + 1, anchor="sn-" + o.id.split(":", 1)[-1][:16], item=item,
                source=by_id.get(o.document) if o.document else None,
                files=files.get(o.document) if o.document else None, context=contexts.get(o.id),
            )
            site_notes_by_id[o.id] = found
        return found

    for site in data.sites:
        for item in site_notes(site):
            site_note(item)
    return render(
        "profile.html",
        data=data,
        sections=sections,
        footnotes=sorted(footnotes.values(), key=lambda f: f.number),
        note=note,
        files=files,
        contexts=contexts,
        unverified=unverified,
        site_note=site_note,
        site_notes=sorted(site_notes_by_id.values(), key=lambda n: n.number),
        public=data.audience is Audience.PUBLIC,
        root="",
    )


def write_profile(
    store: Store,
    country: str,
    out: Path,
    *,
    archive: Archive | None = None,
    audience: Audience | str = Audience.PUBLIC,
) -> Path:
    """Write the country's profile page, stylesheet and cited sources under `out`; the page's path.

    `archive` is where the originals are kept (the data folder's `archive/`); without it,
    sources get their text page but no copy of the original.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    data = collect_country(store, country, audience)
    files, contexts = write_sources(store, data.sources, cited_quotes(data), out, archive=archive, private=data.private)
    (out / STYLESHEET).write_text(stylesheet(), encoding="utf-8")
    page = out / profile_filename(data.country)
    page.write_text(render_profile(data, files, contexts), encoding="utf-8")
    return page
