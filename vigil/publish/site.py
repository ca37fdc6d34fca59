"""The site: an index of every country and a profile for each, in one folder that works from disk.

Layout of `out/`: `index.html`, `<cc>.html` per country, `vigil.css`, and `sources/`
(archived originals and text pages, shared by the profiles). Writing again overwrites;
the same store writes the same files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vigil.analyze.facts import Fact
from vigil.ingest import Archive
from vigil.publish.audience import Audience, levels
from vigil.publish.collect import collect_country
from vigil.model import Span
from vigil.publish.private_names import NONE_MARKED
from vigil.publish.profile import cited_quotes, profile_filename, render_profile

from vigil.publish.render import STYLESHEET, render, stylesheet
from vigil.publish.sources import write_sources
from vigil.store import Store
from vigil.store.published import SourceRow, visible_countries

__all__ = ["CountryEntry", "SiteResult", "write_site"]


@dataclass(frozen=True, slots=True)
class CountryEntry:
    """One line of the index."""

    code: str
    name: str
    href: str
    facts: int
    verified: int
    conflicts: int
    sources: int
    headline: Fact | None


@dataclass(frozen=True, slots=True)
class SiteResult:
    """What `write_site` wrote: the index page and each country's profile page."""

    index: Path
    profiles: dict[str, Path]


def write_site(
    store: Store,
    out: Path,
    *,
    archive: Archive | None = None,
    audience: Audience | str = Audience.PUBLIC,
) -> SiteResult:
    """Write the index of all countries the audience may see, and every country's profile, under `out`."""
    audience = Audience(audience)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / STYLESHEET).write_text(stylesheet(), encoding="utf-8")
    entries: list[CountryEntry] = []
    profiles: dict[str, Path] = {}
    collected = [collect_country(store, code, audience) for code in visible_countries(store, levels=levels(audience))]
    # Only `other` figures: nothing a profile would show.
    collected = [d for d in collected if d.facts or d.timeline or d.undated]
    # One document may be cited by several countries: its text page marks every quote any
    # profile cites, so the sources are written once, for all profiles together.
    merged: dict[str, set[tuple[str, Span]]] = {}
    sources: dict[str, SourceRow] = {}
    for data in collected:
        for doc, items in cited_quotes(data).items():
            merged.setdefault(doc, set()).update(items)
        sources.update((s.id, s) for s in data.sources)
    quotes = {doc: sorted(items, key=lambda q: (q[1].start, q[0])) for doc, items in merged.items()}
    private = collected[0].private if collected else NONE_MARKED
    files, contexts = write_sources(store, sources.values(), quotes, out, archive=archive, private=private)
    for data in collected:
        page = out / profile_filename(data.country)
        page.write_text(render_profile(data, files, contexts), encoding="utf-8")
        profiles[data.country] = page
        entries.append(
            CountryEntry(
                code=data.country,
                name=data.name,
                href=page.name,
                facts=len(data.facts),
                verified=sum(1 for f in data.facts if f.verified),
                conflicts=sum(1 for f in data.facts if f.conflicts),
                sources=len(data.sources),
                headline=_headline(data.headlines),
            )
        )
    entries.sort(key=lambda e: e.name)
    index = out / "index.html"
    index.write_text(
        render("index.html", countries=entries, public=audience is Audience.PUBLIC, root=""), encoding="utf-8"
    )
    return SiteResult(index=index, profiles=profiles)


def _headline(headlines: tuple[Fact, ...]) -> Fact | None:
    """The index shows one number a country: its best-corroborated headline, people first."""
    if not headlines:
        return None
    return max(headlines, key=lambda f: (f.key.unit == "people", f.corroboration, len(f.documents)))
