"""The verification workflow: accept, correct, reject or mark duplicate, one figure at a time.

Each action checks the reviewer's role, sees only what the role may see,
saves against the version the reviewer read (a stale save raises `Conflict`),
and writes a review row and an audit entry — who, when (UTC), what the figure
was, what it became, why — in the same transaction as the change.

A correction goes through `vigil.model.make_figure` with the document's text:
a new span is re-sliced from the text, so even a corrected figure can never
carry a quote its source does not say.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from vigil.errors import Conflict, NotFound, ReviewError
from vigil.model import Figure, Indicator, Qualifier, ReviewStatus, make_figure, parse_partial_date
from vigil.review.roles import Permission, require, visible_levels
from vigil.store import Store
from vigil.store import browse
from vigil.store import reviews as review_store
from vigil.store.reviews import ReviewedEvent, ReviewedFigure
from vigil.store.users import UserRow

__all__ = [
    "CORRECTABLE",
    "MAX_REASON_LENGTH",
    "accept",
    "accept_event",
    "correct",
    "figure_fields",
    "mark_duplicate",
    "reject",
    "reject_event",
]

# The fields a correction may change, as the form and the API name them.
CORRECTABLE = (
    "indicator", "value", "qualifier", "unit", "country", "place", "when", "counted", "attributed_to", "start", "end",
)
# A reason is a sentence or a paragraph, not a document.
MAX_REASON_LENGTH = 2000
MAX_FIELD_LENGTH = 500
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def figure_fields(figure: Figure) -> dict[str, Any]:
    """A figure's reviewable fields as plain values: what the audit log records before and after."""
    return {
        "indicator": str(figure.indicator),
        "value": figure.value,
        "qualifier": str(figure.qualifier),
        "unit": figure.unit,
        "country": figure.country,
        "place": figure.place,
        "when": figure.when,
        "counted": figure.counted,
        "attributed_to": figure.attributed_to,
        "start": figure.span.start,
        "end": figure.span.end,
        "quote": figure.quote,
    }


def _reason(reason: str | None, *, required: bool, about: str) -> str | None:
    clean = (reason or "").strip()
    if required and not clean:
        raise ReviewError(about, "say why: a reason is required for this action")
    if len(clean) > MAX_REASON_LENGTH:
        raise ReviewError(about, f"the reason is longer than {MAX_REASON_LENGTH} characters")
    return clean or None


def _state(item: ReviewedFigure) -> dict[str, Any]:
    return {**figure_fields(item.figure), "status": str(item.status)}


def _load(store: Store, user: UserRow, figure_id: str, version: int) -> tuple[ReviewedFigure, frozenset[str]]:
    """The figure as the reviewer may see it; Conflict at once when they worked on an older version."""
    require(user.role, Permission.REVIEW, figure_id)
    levels = visible_levels(user.role)
    item = review_store.get_figure(store, figure_id, levels)
    if item.version != version:
        raise Conflict(
            figure_id,
            f"someone else saved this figure first (you had version {version}, it is now at version "
            f"{item.version}); your change was not saved",
        )
    return item, levels


def _status_change(
    store: Store, user: UserRow, figure_id: str, version: int, status: ReviewStatus, action: str,
    reason: str | None, duplicate_of: str | None = None,
) -> ReviewedFigure:
    item, levels = _load(store, user, figure_id, version)
    after = {**_state(item), "status": str(status)}
    if duplicate_of is not None:
        after["duplicate_of"] = duplicate_of
    return review_store.save_figure(
        store, figure_id, levels=levels, expected_version=version, status=status, action=action,
        reviewer=user.name, reason=reason, duplicate_of=duplicate_of, before=_state(item), after=after,
    )


def accept(store: Store, user: UserRow, figure_id: str, version: int, *, reason: str | None = None) -> ReviewedFigure:
    """Mark a figure verified: a person checked it against its source and it is right as extracted."""
    return _status_change(
        store, user, figure_id, version, ReviewStatus.VERIFIED, "accept", _reason(reason, required=False, about=figure_id)
    )


def reject(store: Store, user: UserRow, figure_id: str, version: int, *, reason: str) -> ReviewedFigure:
    """Mark a figure rejected (not a figure, or not what the text says); the reason is required."""
    return _status_change(
        store, user, figure_id, version, ReviewStatus.REJECTED, "reject", _reason(reason, required=True, about=figure_id)
    )


def mark_duplicate(
    store: Store, user: UserRow, figure_id: str, version: int, *, duplicate_of: str, reason: str | None = None
) -> ReviewedFigure:
    """Mark a figure a duplicate of another visible figure (the same count reported twice)."""
    original = duplicate_of.strip()
    if original == figure_id:
        raise ReviewError(figure_id, "a figure cannot duplicate itself")
    try:
        review_store.get_figure(store, original, visible_levels(user.role))
    except NotFound:
        raise ReviewError(original, "the figure it duplicates was not found") from None
    return _status_change(
        store, user, figure_id, version, ReviewStatus.DUPLICATE, "duplicate",
        _reason(reason, required=False, about=figure_id), duplicate_of=original,
    )


def _text(value: str | None, name: str) -> str | None:
    clean = (value or "").strip()
    if len(clean) > MAX_FIELD_LENGTH:
        raise ReviewError(name, f"{name} is longer than {MAX_FIELD_LENGTH} characters")
    return clean or None


def _number(value: str, name: str) -> float | int:
    clean = value.strip().replace(",", "").replace("\u00a0", "").replace(" ", "")
    if not _NUMBER.match(clean):
        raise ReviewError(value, f"{name} must be a number, e.g. 87000 or 12.5")
    number = float(clean)
    if not math.isfinite(number) or abs(number) > 2**53:
        raise ReviewError(value, f"{name} is out of range")
    return int(number) if number.is_integer() and not re.search(r"[.eE]", clean) else number


def _int(value: str, name: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        raise ReviewError(value, f"{name} must be a whole number") from None


def _corrected(text: str, figure: Figure, changes: Mapping[str, str | None]) -> Figure:
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise ReviewError(", ".join(sorted(unknown)), "these fields cannot be corrected")
    fields: dict[str, Any] = figure_fields(figure)
    for name, raw in changes.items():
        if raw is None:
            continue
        if name == "value":
            fields[name] = _number(raw, name)
        elif name in ("start", "end"):
            fields[name] = _int(raw, name)
        elif name == "indicator":
            if raw.strip() not in {i.value for i in Indicator}:
                raise ReviewError(raw, "not an indicator of the vocabulary")
            fields[name] = raw.strip()
        elif name == "qualifier":
            if raw.strip() not in {q.value for q in Qualifier}:
                raise ReviewError(raw, "not a qualifier of the vocabulary")
            fields[name] = raw.strip()
        elif name == "country":
            code = raw.strip().upper() or None
            if code is not None and not _COUNTRY.match(code):
                raise ReviewError(raw, "a country is an ISO 3166-1 alpha-2 code such as RU")
            fields[name] = code
        elif name == "when":
            fields[name] = _when(raw)
        elif name == "unit":
            unit = _text(raw, name)
            if unit is None:
                raise ReviewError(name, "a figure needs a unit")
            fields[name] = unit
        else:
            fields[name] = _text(raw, name)
    try:
        return make_figure(
            text, figure.document, fields["start"], fields["end"], indicator=fields["indicator"],
            value=fields["value"], qualifier=fields["qualifier"], unit=fields["unit"], country=fields["country"],
            place=fields["place"], when=fields["when"], counted=fields["counted"], attributed_to=fields["attributed_to"],
        )
    except ValueError as exc:
        raise ReviewError(figure.document, f"the corrected figure does not fit its source: {exc}") from None


def _when(raw: str) -> str | None:
    """A date or an interval of dates (`2024`, `2024-03`, `2023/2024`), checked."""
    clean = raw.strip()
    if not clean:
        return None
    try:
        for part in clean.split("/"):
            parse_partial_date(part)
    except ValueError as exc:
        raise ReviewError(raw, f"when: {exc}") from None
    return clean


def correct(
    store: Store, user: UserRow, figure_id: str, version: int, changes: Mapping[str, str | None], *, reason: str | None = None
) -> ReviewedFigure:
    """Correct any field of a figure (None leaves a field as it is); the span is re-checked against the text."""
    item, levels = _load(store, user, figure_id, version)
    document = browse.get_document(store, item.figure.document, levels)
    new = _corrected(document.text, item.figure, changes)
    if new == item.figure:
        raise ReviewError(figure_id, "nothing changed: use accept when the figure is right as it is")
    return review_store.save_figure(
        store, figure_id, levels=levels, expected_version=version, status=ReviewStatus.CORRECTED, action="correct",
        reviewer=user.name, reason=_reason(reason, required=False, about=figure_id), new=new,
        before=_state(item), after={**figure_fields(new), "status": str(ReviewStatus.CORRECTED)},
    )


def _event_change(
    store: Store, user: UserRow, event_id: str, version: int, status: ReviewStatus, action: str, reason: str | None
) -> ReviewedEvent:
    require(user.role, Permission.REVIEW, event_id)
    levels = visible_levels(user.role)
    item = review_store.get_event(store, event_id, levels)
    before = {**item.event.to_dict(), "status": str(item.status)}
    return review_store.save_event(
        store, event_id, levels=levels, expected_version=version, status=status, action=action, reviewer=user.name,
        reason=reason, before=before, after={**before, "status": str(status)},
    )


def accept_event(store: Store, user: UserRow, event_id: str, version: int, *, reason: str | None = None) -> ReviewedEvent:
    """Mark an event verified."""
    return _event_change(
        store, user, event_id, version, ReviewStatus.VERIFIED, "accept", _reason(reason, required=False, about=event_id)
    )


def reject_event(store: Store, user: UserRow, event_id: str, version: int, *, reason: str) -> ReviewedEvent:
    """Mark an event rejected; the reason is required."""
    return _event_change(
        store, user, event_id, version, ReviewStatus.REJECTED, "reject", _reason(reason, required=True, about=event_id)
    )
