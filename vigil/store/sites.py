"""The detention-site registry in the database: sites, their observations, reviews, merges.

Every read takes `levels`, the confidentiality levels the caller may see, and filters
in SQL, as `reviews.py` does: an observation drawn from a document the caller may not
see is never fetched, and a site known only from such documents does not exist for
that caller (`NotFound`, exactly like a missing one). A site's own name and place were
read from one source (`SiteRecord.level`); a caller who may not see that source is
shown the site under the first name it may see.

Every write that a person makes — accepting or rejecting a site or an observation,
merging two sites, undoing a merge, importing a list — commits with its audit entry.
A merge's entry lists the observations it moved, which is what makes it reversible
from the log (`unmerge`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from vigil.errors import Conflict, NotFound, ReviewError, StoreError
from vigil.model import (
    EntryStatus,
    ReviewStatus,
    Site,
    SiteAttribute,
    SiteObservation,
    Span,
)
from vigil.store import audit
from vigil.store.store import Store
from vigil.store.tables import AuditRecord, DocumentRecord, SiteObservationRecord, SiteRecord

__all__ = [
    "StoredObservation",
    "StoredSite",
    "get_site",
    "merge",
    "observation_record",
    "observations",
    "resolve_site_id",
    "save_observation",
    "save_site",
    "site_fields",
    "sites",
    "unmerge",
]

# A site id prefix shorter than this matches too much by accident (as for documents).
MIN_PREFIX = 6
_HEX = re.compile(r"^[0-9a-f]+$")
_SCHEME = "site:"


@dataclass(frozen=True, slots=True)
class StoredObservation:
    """An observation as stored: its review status and version, and the document it was read from."""

    observation: SiteObservation
    status: ReviewStatus
    version: int
    confidentiality: str
    method: str  # "mention", "figure", "event" or "import"
    document_title: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class StoredSite:
    """A site as one caller may see it, with how many of its observations and documents that caller sees."""

    site: Site
    version: int
    observations: int
    documents: int


# -- rows and values --------------------------------------------------------------------


def observation_record(
    observation: SiteObservation, *, confidentiality: str, status: ReviewStatus
) -> SiteObservationRecord:
    """The row of a new observation."""
    return SiteObservationRecord(
        id=observation.id, site_id=observation.site, attribute=str(observation.attribute), value=observation.value,
        number=float(observation.number) if observation.number is not None else None, unit=observation.unit,
        indicator=observation.indicator, key=observation.key, when_=observation.when,
        document_id=observation.document,
        span_start=observation.span.start if observation.span else None,
        span_end=observation.span.end if observation.span else None,
        quote=observation.quote, source=observation.source,
        figure_id=observation.figure, event_id=observation.event,
        confidentiality=confidentiality, status=str(status),
    )


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


def _observation(record: SiteObservationRecord) -> SiteObservation:
    span = Span(record.span_start, record.span_end) if record.span_start is not None and record.span_end is not None else None
    return SiteObservation(
        id=record.id, site=record.site_id, attribute=SiteAttribute(record.attribute), value=record.value,
        number=_number(record.number), unit=record.unit, indicator=record.indicator, when=record.when_,
        document=record.document_id, span=span, quote=record.quote,
        source=record.source if record.document_id is None else None,
        figure=record.figure_id, event=record.event_id, key=record.key,
    )


def _method(record: SiteObservationRecord) -> str:
    if record.document_id is None:
        return "import"
    if record.figure_id:
        return "figure"
    if record.event_id:
        return "event"
    return "mention"


def _stored(record: SiteObservationRecord, title: str | None, published: str | None) -> StoredObservation:
    return StoredObservation(
        observation=_observation(record), status=ReviewStatus(record.status), version=record.version,
        confidentiality=record.confidentiality, method=_method(record), document_title=title, published=published,
    )


def site_fields(record: SiteRecord) -> dict[str, Any]:
    """A site's own fields as plain values: what the audit log records before and after."""
    return {
        "id": record.id, "name": record.name, "country": record.country, "place": record.place,
        "latitude": record.latitude, "longitude": record.longitude, "status": record.status,
        "merged_into": record.merged_into,
    }


# -- reading ------------------------------------------------------------------------------


def _visible_observations(levels: Collection[str]) -> Any:
    return SiteObservationRecord.confidentiality.in_(list(levels))


def _site_value(record: SiteRecord, levels: Collection[str], names: Mapping[str, str]) -> Site:
    own = record.level in levels
    return Site(
        id=record.id,
        name=record.name if own else names.get(record.id, record.name if own else "(unnamed site)"),
        country=record.country,
        place=record.place if own else None,
        latitude=record.latitude,
        longitude=record.longitude,
        status=EntryStatus(record.status),
        merged_into=record.merged_into,
    )


def _first_names(session: Session, site_ids: Iterable[str], levels: Collection[str]) -> dict[str, str]:
    """For each site, the earliest name observation the levels allow."""
    ids = list(site_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(SiteObservationRecord.site_id, SiteObservationRecord.value)
        .where(SiteObservationRecord.site_id.in_(ids), SiteObservationRecord.attribute == SiteAttribute.NAME.value,
               _visible_observations(levels))
        .order_by(SiteObservationRecord.created_at, SiteObservationRecord.id)
    ).all()
    out: dict[str, str] = {}
    for site, value in rows:
        out.setdefault(site, value)
    return out


def _site_query(levels: Collection[str]) -> Select[Any]:
    counts = (
        select(
            SiteObservationRecord.site_id.label("site_id"),
            func.count(SiteObservationRecord.id).label("observations"),
            func.count(func.distinct(SiteObservationRecord.document_id)).label("documents"),
        )
        .where(_visible_observations(levels))
        .group_by(SiteObservationRecord.site_id)
        .subquery()
    )
    return select(SiteRecord, counts.c.observations, counts.c.documents).join(counts, counts.c.site_id == SiteRecord.id)


def sites(
    store: Store,
    levels: Collection[str],
    *,
    country: str | None = None,
    status: str | None = None,
    include_merged: bool = False,
) -> list[StoredSite]:
    """The sites the levels let one see (at least one visible observation), by country and name."""
    statement = _site_query(levels).order_by(SiteRecord.country.nulls_last(), SiteRecord.name, SiteRecord.id)
    if country is not None:
        statement = statement.where(SiteRecord.country == country.strip().upper())
    if status is not None:
        statement = statement.where(SiteRecord.status == status)
    elif not include_merged:
        statement = statement.where(SiteRecord.status != EntryStatus.MERGED.value)
    with store._read("sites") as session:
        rows = session.execute(statement).all()
        names = _first_names(session, [r.id for r, _, _ in rows if r.level not in levels], levels)
        return [
            StoredSite(site=_site_value(record, levels, names), version=record.version, observations=int(n),
                       documents=int(d))
            for record, n, d in rows
        ]


def resolve_site_id(store: Store, id_or_prefix: str) -> str:
    """The full id of the one site an id or a unique prefix names (with or without `site:`)."""
    key = id_or_prefix.strip()
    with store._read(key) as session:
        return _resolve(session, key).id


def _resolve(session: Session, key: str) -> SiteRecord:
    record = session.get(SiteRecord, key)
    if record is not None:
        return record
    digits = key.lower().removeprefix(_SCHEME)
    if not digits or not _HEX.match(digits):
        raise NotFound(key, "no site has this id")
    if len(digits) < MIN_PREFIX:
        raise StoreError(key, f"a site id prefix needs at least {MIN_PREFIX} hex characters")
    ids = session.scalars(
        select(SiteRecord.id).where(SiteRecord.id.startswith(_SCHEME + digits, autoescape=True)).order_by(SiteRecord.id).limit(2)
    ).all()
    if not ids:
        raise NotFound(key, "no site has this id or id prefix")
    if len(ids) > 1:
        raise StoreError(key, f"ambiguous site id prefix: {ids[0]} and {ids[1]} start with it")
    found = session.get(SiteRecord, ids[0])
    assert found is not None
    return found


def get_site(store: Store, id_or_prefix: str, levels: Collection[str]) -> StoredSite:
    """One site, if the levels let one see it (NotFound otherwise, whatever the cause)."""
    key = id_or_prefix.strip()
    with store._read(key) as session:
        try:
            record = _resolve(session, key)
        except StoreError:
            raise NotFound(key, "no such site") from None
        found = session.execute(_site_query(levels).where(SiteRecord.id == record.id)).first()
        if found is None:
            raise NotFound(key, "no such site")
        names = _first_names(session, [record.id], levels) if record.level not in levels else {}
        return StoredSite(site=_site_value(found[0], levels, names), version=found[0].version,
                          observations=int(found[1]), documents=int(found[2]))


def observations(
    store: Store,
    levels: Collection[str],
    *,
    site: str | None = None,
    sites_of: Sequence[str] | None = None,
    document: str | None = None,
    attribute: str | None = None,
    status: str | None = None,
) -> list[StoredObservation]:
    """Visible observations, oldest first by their date (undated last), then by document and position."""
    statement = (
        select(SiteObservationRecord, DocumentRecord.title, DocumentRecord.published)
        .outerjoin(DocumentRecord, SiteObservationRecord.document_id == DocumentRecord.id)
        .where(_visible_observations(levels))
        .where(or_(SiteObservationRecord.document_id.is_(None), DocumentRecord.confidentiality.in_(list(levels))))
        .order_by(
            SiteObservationRecord.when_.asc().nulls_last(), SiteObservationRecord.document_id.nulls_first(),
            SiteObservationRecord.span_start, SiteObservationRecord.attribute, SiteObservationRecord.id,
        )
    )
    if site is not None:
        statement = statement.where(SiteObservationRecord.site_id == site)
    if sites_of is not None:
        statement = statement.where(SiteObservationRecord.site_id.in_(list(sites_of)))
    if document is not None:
        statement = statement.where(SiteObservationRecord.document_id == document)
    if attribute is not None:
        statement = statement.where(SiteObservationRecord.attribute == attribute)
    if status is not None:
        statement = statement.where(SiteObservationRecord.status == status)
    with store._read(site or "observations") as session:
        return [_stored(record, title, published) for record, title, published in session.execute(statement).all()]


# -- reviewing ------------------------------------------------------------------------------


def _flush(session: Session, what: str) -> None:
    try:
        session.flush()
    except StaleDataError:
        raise Conflict(what, "someone else saved this first; your change was not saved") from None


def _visible_site(session: Session, site_id: str, levels: Collection[str]) -> SiteRecord:
    record = session.get(SiteRecord, site_id)
    if record is None:
        raise NotFound(site_id, "no such site")
    seen = session.scalar(
        select(func.count(SiteObservationRecord.id)).where(
            SiteObservationRecord.site_id == site_id, _visible_observations(levels)
        )
    )
    if not seen:
        raise NotFound(site_id, "no such site")
    return record


def save_site(
    store: Store,
    site_id: str,
    *,
    levels: Collection[str],
    expected_version: int,
    status: EntryStatus,
    actor: str,
    reason: str | None = None,
) -> StoredSite:
    """Accept or reject a registry entry, with its audit entry (Conflict when it changed meanwhile)."""
    if status not in (EntryStatus.ACCEPTED, EntryStatus.REJECTED, EntryStatus.PROPOSED):
        raise ReviewError(str(status), "a site can be accepted, rejected or set back to proposed")
    with store._write(site_id) as session:
        audit.lock(session)
        record = _visible_site(session, site_id, levels)
        if record.version != expected_version:
            raise Conflict(site_id, f"someone else saved this site first (you had version {expected_version}, "
                                    f"it is now at version {record.version}); your change was not saved")
        if record.status == EntryStatus.MERGED.value:
            raise ReviewError(site_id, f"this site was merged into {record.merged_into}; review that one")
        before = site_fields(record)
        record.status = status.value
        _flush(session, site_id)
        audit.append(session, actor=actor, action=f"site.{'accept' if status is EntryStatus.ACCEPTED else 'reject' if status is EntryStatus.REJECTED else 'reopen'}",
                     target=f"site:{site_id}", before=before, after=site_fields(record), reason=reason)
    return get_site(store, site_id, levels)


def save_observation(
    store: Store,
    observation_id: str,
    *,
    levels: Collection[str],
    expected_version: int,
    status: ReviewStatus,
    actor: str,
    reason: str | None = None,
) -> StoredObservation:
    """Accept or reject one observation (a link of a mention, figure or event to a site), audited."""
    with store._write(observation_id) as session:
        audit.lock(session)
        record = session.get(SiteObservationRecord, observation_id)
        if record is None or record.confidentiality not in levels:
            raise NotFound(observation_id, "no such observation")
        if record.version != expected_version:
            raise Conflict(observation_id, f"someone else saved this observation first (you had version "
                                           f"{expected_version}, it is now at version {record.version})")
        before = {"site": record.site_id, "attribute": record.attribute, "value": record.value, "status": record.status}
        record.status = str(status)
        _flush(session, observation_id)
        audit.append(session, actor=actor, action="site_observation." + ("accept" if status is ReviewStatus.VERIFIED else "reject"),
                     target=f"site_observation:{observation_id}", document_id=record.document_id, before=before,
                     after={**before, "status": str(status)}, reason=reason)
        title = published = None
        if record.document_id:
            doc = session.get(DocumentRecord, record.document_id)
            title, published = (doc.title, doc.published) if doc else (None, None)
        return _stored(record, title, published)


# -- merging ----------------------------------------------------------------------------------


def merge(store: Store, keep: str, absorb: str, *, actor: str, reason: str | None = None) -> tuple[str, list[str]]:
    """Merge site `absorb` into `keep`: its observations move, it is marked merged. Returns (keep, moved ids).

    The audit entry ("site.merge", target `site:<absorb>`) records every observation moved,
    so `unmerge` can put exactly those back.
    """
    with store._write(absorb) as session:
        audit.lock(session)
        kept, gone = _resolve(session, keep), _resolve(session, absorb)
        if kept.id == gone.id:
            raise ReviewError(absorb, "a site cannot be merged into itself")
        for entry in (kept, gone):
            if entry.status == EntryStatus.MERGED.value:
                raise ReviewError(entry.id, f"this site was already merged into {entry.merged_into}")
        moved = list(session.scalars(
            select(SiteObservationRecord).where(SiteObservationRecord.site_id == gone.id).order_by(SiteObservationRecord.id)
        ))
        before = {**site_fields(gone), "observations": [r.id for r in moved]}
        for row in moved:
            row.site_id = kept.id
        if kept.place is None and gone.place is not None:
            kept.place = gone.place
        for name in ("latitude", "longitude", "country"):
            if getattr(kept, name) is None and getattr(gone, name) is not None:
                setattr(kept, name, getattr(gone, name))
        gone.status = EntryStatus.MERGED.value
        gone.merged_into = kept.id
        _flush(session, absorb)
        audit.append(session, actor=actor, action="site.merge", target=f"site:{gone.id}", before=before,
                     after={**site_fields(gone), "into": site_fields(kept)}, reason=reason)
        return kept.id, [r.id for r in moved]


def unmerge(store: Store, absorbed: str, *, actor: str, reason: str | None = None) -> tuple[str, list[str]]:
    """Undo the latest merge of `absorbed`, from its audit entry: the observations it moved go back.

    Observations linked to the surviving site after the merge stay there. Returns (the
    site it had been merged into, the ids moved back).
    """
    with store._write(absorbed) as session:
        audit.lock(session)
        gone = _resolve(session, absorbed)
        if gone.status != EntryStatus.MERGED.value or gone.merged_into is None:
            raise ReviewError(gone.id, "this site is not merged into another")
        entry = session.scalars(
            select(AuditRecord).where(AuditRecord.target == f"site:{gone.id}", AuditRecord.action == "site.merge")
            .order_by(AuditRecord.seq.desc()).limit(1)
        ).first()
        if entry is None or entry.before is None:
            raise ReviewError(gone.id, "the audit log holds no merge of this site to undo")
        recorded = audit_json(entry.before)
        ids = [str(i) for i in recorded.get("observations", [])]
        kept_id = gone.merged_into
        back = list(session.scalars(
            select(SiteObservationRecord).where(
                and_(SiteObservationRecord.id.in_(ids), SiteObservationRecord.site_id == kept_id)
            )
        )) if ids else []
        before = site_fields(gone)
        for record in back:
            record.site_id = gone.id
        gone.status = str(recorded.get("status") or EntryStatus.PROPOSED.value)
        gone.merged_into = None
        _flush(session, absorbed)
        audit.append(session, actor=actor, action="site.unmerge", target=f"site:{gone.id}",
                     before={**before, "merge_entry": entry.seq},
                     after={**site_fields(gone), "observations": [r.id for r in back]}, reason=reason)
        return kept_id, [r.id for r in back]


def audit_json(text: str) -> dict[str, Any]:
    """An audit entry's JSON field as a dict ({} when it is not an object)."""
    import json

    value = json.loads(text)
    return value if isinstance(value, dict) else {}
