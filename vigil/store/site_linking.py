"""Reading a stored document into the site registry, and loading a team's list of sites.

`link_document(store, document_id)` is what ingest calls after storing a document
(and `vigil sites scan` for documents stored before): it finds the document's
facility mentions (`vigil.extract.facilities`), matches each specific one to a
registry entry or proposes a new one (`vigil.extract.site_links.best_match`), and
files as observations of that site the mention itself (a name, a type, an authority,
a status) and every stored figure and `detention` event that names it
(`site_links.attach`), each with its own quote and span. Everything is written in one
transaction with a row in `site_scans`, so a document is read into the registry once,
whole or not at all. The decisions are the pure functions of `vigil.extract`; this
module only reads the candidates and writes the rows.

`import_sites` loads rows of a known list (name, aliases, country, place, type,
coordinates, source): a row whose name or alias matches an entry adds to it, any
other row makes a new accepted entry. Each row is audited.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.errors import NotFound, StoreError
from vigil.extract.facilities import FacilityMention, find_facilities, name_key, place_key
from vigil.extract.site_links import Candidate, attach, best_match
from vigil.model import (
    Confidentiality,
    EntryStatus,
    Event,
    Figure,
    Indicator,
    ReviewStatus,
    SiteAttribute,
    SiteObservation,
    SiteType,
    make_site_observation,
    site_id,
)
from vigil.store import audit, convert
from vigil.store.sites import observation_record, site_fields
from vigil.store.store import Store
from vigil.store.tables import (
    DocumentRecord,
    EventRecord,
    FigureRecord,
    SiteObservationRecord,
    SiteRecord,
    SiteScanRecord,
)

__all__ = ["ImportReport", "LinkReport", "SiteRow", "import_sites", "link_document", "scan_all", "unscanned"]

# Two writers may propose the same new site at once (its id is a content hash); the
# second then finds it on a second try.
ATTEMPTS = 2

_POPULATION = {
    Indicator.DETAINED, Indicator.DETAINED_CHILDREN, Indicator.DETAINED_ASYLUM_SEEKERS,
}


@dataclass(frozen=True, slots=True)
class LinkReport:
    """What reading one document into the registry did."""

    document: str
    mentions: int = 0
    linked: tuple[str, ...] = ()  # sites the document's mentions matched
    proposed: tuple[str, ...] = ()  # sites it proposed
    observations: int = 0
    already: bool = False  # the document had been read before: nothing was done


@dataclass(frozen=True, slots=True)
class SiteRow:
    """One row of a known list of sites, as a team keeps it in a spreadsheet."""

    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    place: str | None = None
    type: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    source: str = ""


@dataclass(slots=True)
class ImportReport:
    """What an import did: sites created, sites that already existed and gained names, observations added."""

    created: list[str] = field(default_factory=list)
    matched: list[str] = field(default_factory=list)
    observations: int = 0


# -- one document ---------------------------------------------------------------------------


def link_document(store: Store, document_id: str) -> LinkReport:
    """Read one stored document into the registry (a no-op when it was read before)."""
    for attempt in range(ATTEMPTS):
        try:
            with store._write(document_id) as session:
                return _link(session, document_id)
        except StoreError as exc:
            if attempt + 1 == ATTEMPTS or isinstance(exc, NotFound):
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def unscanned(store: Store) -> list[str]:
    """Stored documents not read into the registry yet, oldest stored first."""
    scanned = select(SiteScanRecord.document_id)
    with store._read("sites") as session:
        return list(session.scalars(
            select(DocumentRecord.id).where(DocumentRecord.id.not_in(scanned)).order_by(DocumentRecord.stored_at, DocumentRecord.id)
        ))


def scan_all(store: Store) -> list[LinkReport]:
    """Read every stored document not read yet into the registry (documents stored before issue 10, batch runs)."""
    return [link_document(store, doc) for doc in unscanned(store)]


def _candidates(session: Session) -> dict[str, Candidate]:
    """Every live registry entry with its country, observed kinds and name keys (all levels: matching is internal)."""
    records = session.scalars(select(SiteRecord).where(SiteRecord.status != EntryStatus.MERGED.value)).all()
    keys: dict[str, list[str]] = {r.id: [] for r in records}
    kinds: dict[str, set[str]] = {r.id: set() for r in records}
    rows = session.execute(
        select(SiteObservationRecord.site_id, SiteObservationRecord.attribute, SiteObservationRecord.key,
               SiteObservationRecord.value)
        .where(SiteObservationRecord.attribute.in_([SiteAttribute.NAME.value, SiteAttribute.TYPE.value]))
    ).all()
    for site, attribute, key, value in rows:
        if site not in keys:
            continue
        if attribute == SiteAttribute.NAME.value and key:
            keys[site].append(key)
        elif attribute == SiteAttribute.TYPE.value:
            kinds[site].add(value)
    return {
        r.id: Candidate(site=r.id, country=r.country, kinds=frozenset(kinds[r.id]), keys=tuple(dict.fromkeys(keys[r.id])))
        for r in records
    }


def _country(figures: Sequence[Figure], events: Sequence[Event]) -> str | None:
    """The country a document is mostly about: the commonest country of its figures and events."""
    items: list[Figure | Event] = [*figures, *events]
    counts = Counter(item.country for item in items if item.country)
    return counts.most_common(1)[0][0] if counts else None


class _Writer:
    """Adds observations once each, whatever the order the document offers them in."""

    def __init__(self, session: Session, level: str) -> None:
        self.session = session
        self.level = level
        self.added = 0

    def add(self, observation: SiteObservation) -> None:
        if self.session.get(SiteObservationRecord, observation.id) is not None:
            return
        self.session.add(observation_record(observation, confidentiality=self.level, status=ReviewStatus.EXTRACTED))
        self.added += 1


def _link(session: Session, document_id: str) -> LinkReport:
    if session.get(SiteScanRecord, document_id) is not None:
        return LinkReport(document_id, already=True)
    doc = session.get(DocumentRecord, document_id)
    if doc is None:
        raise NotFound(document_id, "no document has this id")
    figure_rows = session.scalars(select(FigureRecord).where(FigureRecord.document_id == document_id)).all()
    event_rows = session.scalars(select(EventRecord).where(EventRecord.document_id == document_id)).all()
    figures = {r.id: convert.figure_from_record(r) for r in figure_rows}
    events = {r.id: convert.event_from_record(r) for r in event_rows}
    text, language = doc.text, doc.language or "en"
    mentions = find_facilities(text, language)
    country = _country(list(figures.values()), list(events.values()))
    candidates = _candidates(session)
    writer = _Writer(session, doc.confidentiality)
    linked: list[str] = []
    proposed: list[str] = []
    site_of: dict[int, str] = {}
    for index, mention in enumerate(mentions):
        if not mention.specific:
            continue
        match = best_match(mention, country, list(candidates.values()))
        if match is not None:
            target = _live(session, match.site)
            linked.append(target)
        else:
            target = site_id(country, mention.key)
            record = session.get(SiteRecord, target)
            if record is None:
                session.add(SiteRecord(
                    id=target, name=mention.name, country=country, place=mention.place or mention.proper,
                    status=EntryStatus.PROPOSED.value, level=doc.confidentiality,
                ))
                session.flush()
                proposed.append(target)
            else:
                target = _live(session, target)
                linked.append(target)
        site_of[index] = target
        _fill_place(session, target, mention, doc.confidentiality)
        for observation in _mention_observations(text, doc.id, doc.published, target, mention):
            writer.add(observation)
        known = candidates.get(target)
        kinds = (known.kinds if known else frozenset()) | ({mention.kind} if mention.kind_known else set())
        keys = (known.keys if known else ()) + (mention.key,)
        candidates[target] = Candidate(site=target, country=known.country if known else country, kinds=frozenset(kinds),
                                       keys=tuple(dict.fromkeys(keys)))
    row_of = {id(f): rid for rid, f in figures.items()} | {id(e): rid for rid, e in events.items()}
    for item, mention_index in attach(text, mentions, list(figures.values()), list(events.values())):
        owner = site_of.get(mention_index)
        if owner is None:
            continue
        made = _item_observation(text, doc.id, doc.published, owner, item, row_of[id(item)])
        if made is not None:
            writer.add(made)
    session.add(SiteScanRecord(document_id=document_id, mentions=len(mentions)))
    session.flush()
    return LinkReport(document_id, len(mentions), tuple(dict.fromkeys(linked)), tuple(proposed), writer.added)


def _live(session: Session, site: str) -> str:
    """A site id with merges followed: a mention of a merged entry belongs to the one it was merged into."""
    seen: set[str] = set()
    record = session.get(SiteRecord, site)
    while record is not None and record.merged_into and record.id not in seen:
        seen.add(record.id)
        record = session.get(SiteRecord, record.merged_into)
    return record.id if record is not None else site


def _fill_place(session: Session, site: str, mention: FacilityMention, level: str) -> None:
    """Give a site without a place the place a mention names, when the mention is no less public."""
    record = session.get(SiteRecord, site)
    if record is None or record.place is not None or mention.place is None:
        return
    if record.level == level or level == Confidentiality.PUBLIC.value:
        record.place = mention.place


def _mention_observations(
    text: str, document: str, published: str | None, site: str, mention: FacilityMention
) -> list[SiteObservation]:
    def make(attribute: SiteAttribute, value: str, key: str | None = None) -> SiteObservation:
        return make_site_observation(text, document, mention.start, mention.end, site=site, attribute=attribute,
                                     value=value, when=published, key=key)

    out = [make(SiteAttribute.NAME, mention.name, mention.key)]
    if mention.kind_known:
        out.append(make(SiteAttribute.TYPE, mention.kind))
    if mention.authority:
        out.append(make(SiteAttribute.AUTHORITY, mention.authority))
    if mention.status:
        out.append(make(SiteAttribute.STATUS, mention.status))
    return out


def _item_observation(
    text: str, document: str, published: str | None, site: str, item: Figure | Event, row_id: str
) -> SiteObservation | None:
    if isinstance(item, Event):
        return make_site_observation(
            text, document, item.span.start, item.span.end, site=site, attribute=SiteAttribute.CONDITION,
            value=item.subtype, when=item.date or published, event=row_id,
        )
    number = item.value
    shown = f"{number:g}" if isinstance(number, float) else str(number)
    if item.indicator is Indicator.DETENTION_CAPACITY:
        attribute, value = SiteAttribute.CAPACITY, shown
    elif item.indicator is Indicator.DEATHS_IN_DETENTION:
        attribute, value = SiteAttribute.CONDITION, "death"
    elif item.indicator in _POPULATION:
        attribute, value = SiteAttribute.POPULATION, shown
    else:
        return None
    return make_site_observation(
        text, document, item.span.start, item.span.end, site=site, attribute=attribute, value=value, number=number,
        unit=item.unit, indicator=str(item.indicator), when=item.when or published, figure=row_id,
    )


# -- a known list -------------------------------------------------------------------------------


def _language_of(name: str) -> str:
    return "ru" if any("а" <= ch.lower() <= "я" or ch.lower() == "ё" for ch in name) else "en"


def name_key_of(name: str, place: str | None = None) -> str:
    """The matching key of a name as a list writes it: its facility mention's key, else its words."""
    language = _language_of(name)
    for mention in find_facilities(name, language):
        if mention.specific and mention.key:
            return mention.key
    key = name_key(name, None, None, language)
    return key or (place_key(place, language) if place else "")


def import_sites(
    store: Store,
    rows: Sequence[SiteRow],
    *,
    actor: str,
    confidentiality: str = Confidentiality.PUBLIC.value,
) -> ImportReport:
    """Load a known list: every row matched to an entry by name or alias, or made a new accepted entry; audited."""
    report = ImportReport()
    with store._write("sites import") as session:
        audit.lock(session)
        candidates = _candidates(session)
        for row in rows:
            keys = [k for k in (name_key_of(n, row.place) for n in (row.name, *row.aliases)) if k]
            if not keys:
                continue
            country = row.country.upper() if row.country else None
            kind = row.type if row.type in {t.value for t in SiteType} else None
            target = _import_match(keys, country, kind, candidates)
            record = session.get(SiteRecord, target) if target else None
            if record is None:
                target = site_id(country, keys[0])
                record = session.get(SiteRecord, target)
            before: dict[str, Any] | None = site_fields(record) if record is not None else None
            if record is None:
                record = SiteRecord(id=target, name=row.name, country=country, place=row.place,
                                    latitude=row.latitude, longitude=row.longitude,
                                    status=EntryStatus.ACCEPTED.value, level=confidentiality)
                session.add(record)
                session.flush()
                report.created.append(record.id)
            else:
                for name, value in (("place", row.place), ("latitude", row.latitude), ("longitude", row.longitude),
                                    ("country", country)):
                    if getattr(record, name) is None and value is not None:
                        setattr(record, name, value)
                report.matched.append(record.id)
            writer = _Writer(session, confidentiality)
            source = row.source.strip() or "imported list"
            for name, key in zip((row.name, *row.aliases), [name_key_of(n, row.place) for n in (row.name, *row.aliases)]):
                writer.add(make_site_observation(None, None, None, None, site=record.id, attribute=SiteAttribute.NAME,
                                                 value=name, source=source, key=key or None))
            if kind:
                writer.add(make_site_observation(None, None, None, None, site=record.id, attribute=SiteAttribute.TYPE,
                                                 value=kind, source=source))
            report.observations += writer.added
            session.flush()
            audit.append(session, actor=actor, action="site.import", target=f"site:{record.id}",
                         before=before, after={**site_fields(record), "source": source,
                                               "names": [row.name, *row.aliases]})
            known = candidates.get(record.id)
            candidates[record.id] = Candidate(
                site=record.id, country=record.country,
                kinds=(known.kinds if known else frozenset()) | ({kind} if kind else set()),
                keys=tuple(dict.fromkeys((known.keys if known else ()) + tuple(keys))),
            )
    return report


def _import_match(keys: Sequence[str], country: str | None, kind: str | None, candidates: dict[str, Candidate]) -> str | None:
    from vigil.extract.site_links import LINK_SCORE, score

    best: tuple[float, str] | None = None
    for candidate in candidates.values():
        if country and candidate.country and candidate.country != country:
            continue
        if kind and candidate.kinds and kind not in candidate.kinds:
            continue
        for key in keys:
            for known in candidate.keys:
                value = score(key, known)
                if value >= LINK_SCORE and (best is None or value > best[0]):
                    best = (value, candidate.site)
    return best[1] if best else None
