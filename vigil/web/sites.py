"""The site registry in the web app: the list, one site with its sourced history, review of proposals and links.

Viewers read; analysts and above accept or reject proposed sites and the links of
mentions, figures and events to a site, and merge duplicates. Every read goes through
`visible_levels(role)`: an observation from a document the role may not see is not
shown, and a site known only from such documents is a 404 like a missing one. The
site's audit history is shown only to roles that see every level (it may name what
a merge moved). JSON twins of the two pages sit under /api/sites.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request, Response
from pydantic import BaseModel

from vigil.analyze.sites import SiteSummary, history, registry
from vigil.errors import Conflict, NotFound, ReviewError
from vigil.review import sites as site_review
from vigil.review.roles import Permission, allowed, visible_levels
from vigil.store import Store
from vigil.store import audit as audit_store
from vigil.store.sites import StoredObservation
from vigil.web.auth import session_of
from vigil.web.pages import _render, _see_other

__all__ = ["api_router", "router"]

router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])

Reason = Annotated[str | None, Form(max_length=2000)]
Country = Annotated[str | None, Query(max_length=8, pattern=r"^[A-Za-z]*$")]


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _levels(request: Request) -> frozenset[str]:
    return visible_levels(session_of(request).user.role)


# -- pages ---------------------------------------------------------------------------------


@router.get("/sites")
def sites_page(request: Request, country: Country = None) -> Response:
    code = (country or "").strip().upper() or None
    found = registry(_store(request), _levels(request), country=code, include_rejected=True)
    return _render(request, "sites.html", sites=found, country=code or "")


def _site_page(request: Request, site_id: str, status: int = 200, message: str | None = None) -> Response:
    session = session_of(request)
    store = _store(request)
    levels = visible_levels(session.user.role)
    found = history(store, site_id, levels)
    entries = []
    if allowed(session.user.role, Permission.READ_AUDIT):
        entries = audit_store.entries(store, levels=levels, target=f"site:{found.summary.site.id}")
    candidates = [s for s in registry(store, levels, country=found.summary.site.country)
                  if s.site.id != found.summary.site.id]
    return _render(request, "site.html", status, found=found, summary=found.summary, history=entries,
                   candidates=candidates, message=message, done=request.query_params.get("done"))


@router.get("/sites/{site_id}")
def site_page(request: Request, site_id: str) -> Response:
    return _site_page(request, site_id)


def _act(request: Request, site_id: str, done: str, run: Any) -> Response:
    try:
        run()
    except Conflict as exc:
        return _site_page(request, site_id, 409, message=f"Not saved: {exc.reason}. The page shows the current version.")
    except ReviewError as exc:
        return _site_page(request, site_id, 422, message=f"Not saved: {exc.reason}.")
    return _see_other(f"/sites/{site_id}?" + urlencode({"done": done}))


def _required(request: Request, site_id: str, **fields: object) -> None:
    """The site must be visible first (404 like a missing one), then the form complete (422)."""
    history(_store(request), site_id, _levels(request))
    missing = [name for name, value in fields.items() if value in (None, "")]
    if missing:
        raise ReviewError(", ".join(missing), "the form lacks " + ", ".join(missing) + "; reload the page")


@router.post("/sites/{site_id}/review")
def review_site(request: Request, site_id: str, version: Annotated[int, Form()],
                action: Annotated[str | None, Form(max_length=16)] = None, reason: Reason = None) -> Response:
    user = session_of(request).user
    _required(request, site_id, action=action)
    return _act(request, site_id, f"site {action}",
                lambda: site_review.review_site(_store(request), user, site_id, version, action or "", reason=reason))


@router.post("/sites/{site_id}/observations")
def review_link(request: Request, site_id: str, version: Annotated[int, Form()],
                observation: Annotated[str | None, Form(max_length=200)] = None,
                action: Annotated[str | None, Form(max_length=16)] = None, reason: Reason = None) -> Response:
    user = session_of(request).user
    store = _store(request)
    _required(request, site_id, observation=observation, action=action)
    ids = {o.observation.id for o in history(store, site_id, visible_levels(user.role)).observations}
    if observation not in ids:
        raise NotFound(observation or "", "no such observation of this site")
    return _act(request, site_id, f"observation {action}",
                lambda: site_review.review_observation(store, user, observation or "", version, action or "",
                                                       reason=reason))


@router.post("/sites/{site_id}/merge")
def merge_site(request: Request, site_id: str, into: Annotated[str | None, Form(max_length=200)] = None,
               reason: Reason = None) -> Response:
    user = session_of(request).user
    store = _store(request)
    try:
        _required(request, site_id, into=into)
        kept, _ = site_review.merge(store, user, into or "", site_id, reason=reason)
    except ReviewError as exc:
        return _site_page(request, site_id, 422, message=f"Not merged: {exc.reason}.")
    return _see_other(f"/sites/{kept}?" + urlencode({"done": "merged"}))


# -- the JSON API ----------------------------------------------------------------------------


class ObservationOut(BaseModel):
    id: str
    site: str
    attribute: str
    value: str
    number: int | float | None
    unit: str | None
    indicator: str | None
    when: str | None
    document: str | None
    document_title: str | None
    quote: str | None
    span: list[int] | None
    source: str | None
    status: str
    version: int


class SiteOut(BaseModel):
    id: str
    name: str
    country: str | None
    place: str | None
    latitude: float | None
    longitude: float | None
    status: str
    merged_into: str | None
    version: int
    names: list[str]
    latest: dict[str, ObservationOut]
    conditions: list[ObservationOut]
    observations: int
    documents: int


class SiteDetailOut(SiteOut):
    history: list[ObservationOut]


def _observation(item: StoredObservation) -> ObservationOut:
    o = item.observation
    return ObservationOut(
        id=o.id, site=o.site, attribute=str(o.attribute), value=o.value, number=o.number, unit=o.unit,
        indicator=o.indicator, when=o.when, document=o.document, document_title=item.document_title, quote=o.quote,
        span=[o.span.start, o.span.end] if o.span else None, source=o.source, status=str(item.status),
        version=item.version,
    )


def _site(summary: SiteSummary) -> dict[str, Any]:
    s = summary.site
    return {
        "id": s.id, "name": s.name, "country": s.country, "place": s.place, "latitude": s.latitude,
        "longitude": s.longitude, "status": str(s.status), "merged_into": s.merged_into, "version": summary.version,
        "names": list(summary.names), "latest": {str(k): _observation(v) for k, v in summary.latest},
        "conditions": [_observation(c) for c in summary.conditions], "observations": summary.observations,
        "documents": summary.documents,
    }


@api_router.get("/sites", response_model=list[SiteOut])
def api_sites(request: Request, country: Country = None) -> list[SiteOut]:
    """Detention sites you may see, with their latest observations."""
    code = (country or "").strip().upper() or None
    return [SiteOut(**_site(s)) for s in registry(_store(request), _levels(request), country=code, include_rejected=True)]


@api_router.get("/sites/{site_id}", response_model=SiteDetailOut)
def api_site(request: Request, site_id: str) -> SiteDetailOut:
    """One site with every observation you may see (404 when you may see none)."""
    found = history(_store(request), site_id, _levels(request))
    return SiteDetailOut(**_site(found.summary), history=[_observation(o) for o in found.observations])
