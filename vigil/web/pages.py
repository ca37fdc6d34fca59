"""The server-rendered pages: login, documents, one document, the review queue, a figure, the audit log, users.

Each handler reads the request, calls one or two functions of `vigil.review`
or the store's visibility-filtered reads, and renders a template. Nothing here
decides who may see what: `auth.authorize` has checked the route's permission,
and every read is given `visible_levels(role)`.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from vigil.errors import AuthError, Conflict, ReviewError, StoreError
from vigil.model import Confidentiality, Indicator, Qualifier, ReviewStatus, parse_partial_date
from vigil.review import accounts, workflow
from vigil.review import audit as review_audit
from vigil.review.roles import Permission, Role, allowed, visible_levels
from vigil.store import Store
from vigil.store import browse
from vigil.store import reviews as review_store
from vigil.store import users as user_store
from vigil.store.reviews import ReviewedFigure
from vigil.web.auth import (
    SESSION_COOKIE,
    clear_session_cookie,
    login_csrf_token,
    session_of,
    set_session_cookie,
)
from vigil.web.highlight import Mark, context, pieces

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

# Figures shown at once in the review queue: a screenful to work through by keyboard.
QUEUE_PAGE = 20
DOCUMENTS_PAGE = 50
AUDIT_PAGE = 500
SEARCH_HITS = 200
MAX_QUERY = 500

Text = Annotated[str, Form(max_length=2000)]
OptionalText = Annotated[str | None, Form(max_length=2000)]


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _render(request: Request, name: str, status: int = 200, **values: Any) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    session = getattr(request.state, "session", None)
    base: dict[str, Any] = {"session": session, "queue_count": None}
    if session is not None and allowed(session.user.role, Permission.REVIEW) and not session.user.must_change_password:
        base["queue_count"] = review_store.count_figures(
            _store(request), visible_levels(session.user.role), status=str(ReviewStatus.EXTRACTED)
        )
    base["can"] = {p.value: session is not None and allowed(session.user.role, p) for p in Permission}
    return templates.TemplateResponse(request, name, {**base, **values}, status_code=status)


def _see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


# -- signing in and out ---------------------------------------------------------


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never `//elsewhere` or a full URL (open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.get("/login")
def login_form(request: Request, next: Annotated[str | None, Query(max_length=500)] = None) -> Response:
    response = HTMLResponse("")
    token = login_csrf_token(request, response)
    page = _render(request, "login.html", csrf=token, next=_safe_next(next), message=None)
    for key, value in response.headers.items():
        if key.lower() == "set-cookie":
            page.headers.append("set-cookie", value)
    return page


@router.post("/login")
def login(
    request: Request,
    name: Annotated[str, Form(max_length=256)],
    password: Annotated[str, Form(max_length=4096)],
    next: Annotated[str | None, Form(max_length=500)] = None,
) -> Response:
    store = _store(request)
    client = request.client.host if request.client else ""
    try:
        session = accounts.login(store, name, password, client=client, replaces=request.cookies.get(SESSION_COOKIE))
    except AuthError:
        response = HTMLResponse("")
        token = login_csrf_token(request, response)
        return _render(request, "login.html", 401, csrf=token, next=_safe_next(next), message=accounts.LOGIN_REFUSED)
    target = "/account/password" if session.user.must_change_password else _safe_next(next)
    redirect = _see_other(target)
    set_session_cookie(request, redirect, session.token)
    return redirect


@router.post("/logout")
def logout(request: Request) -> Response:
    session = session_of(request)
    accounts.logout(_store(request), session.token, actor=session.user.name)
    redirect = _see_other("/login")
    clear_session_cookie(request, redirect)
    return redirect


@router.get("/account/password")
def password_form(request: Request) -> Response:
    return _render(request, "password.html", message=None)


@router.post("/account/password")
def change_password(
    request: Request,
    current: Annotated[str, Form(max_length=4096)],
    new: Annotated[str, Form(max_length=4096)],
    repeat: Annotated[str, Form(max_length=4096)],
) -> Response:
    session = session_of(request)
    if new != repeat:
        return _render(request, "password.html", 422, message="The two new passwords differ.")
    try:
        fresh = accounts.change_password(_store(request), session.user, current, new, keep=session.token)
    except ReviewError as exc:
        return _render(request, "password.html", 422, message=exc.reason)
    redirect = _see_other("/")
    assert fresh is not None
    set_session_cookie(request, redirect, fresh.token)
    return redirect


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


# -- documents ------------------------------------------------------------------------


@router.get("/")
def home(request: Request) -> Response:
    session = session_of(request)
    return _see_other("/queue" if allowed(session.user.role, Permission.REVIEW) else "/documents")


def _date_or_none(value: str | None, notes: list[str], name: str) -> str | None:
    if not value:
        return None
    try:
        return parse_partial_date(value)
    except ValueError:
        notes.append(f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD; ignored.")
        return None


@router.get("/documents")
def documents(
    request: Request,
    q: Annotated[str | None, Query(max_length=MAX_QUERY)] = None,
    language: Annotated[str | None, Query(max_length=16)] = None,
    country: Annotated[str | None, Query(max_length=8)] = None,
    confidentiality: Annotated[str | None, Query(max_length=16)] = None,
    since: Annotated[str | None, Query(max_length=10)] = None,
    until: Annotated[str | None, Query(max_length=10)] = None,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> Response:
    session = session_of(request)
    store = _store(request)
    levels = visible_levels(session.user.role)
    notes: list[str] = []
    level = confidentiality if confidentiality in {c.value for c in Confidentiality} else None
    where = browse.DocumentFilter(
        language=language or None,
        country=(country or "").strip().upper() or None,
        confidentiality=level,
        since=_date_or_none(since, notes, "since"),
        until=_date_or_none(until, notes, "until"),
    )
    snippets: dict[str, str] = {}
    query = (q or "").strip()
    if query:
        try:
            hits = browse.search(store, query, levels, limit=SEARCH_HITS)
        except StoreError:
            hits = []
            notes.append("The search could not be run; try simpler words.")
        snippets = {hit.document_id: hit.snippet for hit in hits}
        where = browse.DocumentFilter(**{**_fields(where), "ids": tuple(snippets)})
    rows = browse.list_documents(store, levels, where, limit=DOCUMENTS_PAGE, offset=(page - 1) * DOCUMENTS_PAGE)
    if query:
        order = {doc_id: i for i, doc_id in enumerate(snippets)}
        rows.sort(key=lambda row: order.get(row.id, len(order)))
    total = browse.count_documents(store, levels, where)
    values: dict[str, Any] = {
        "rows": rows, "total": total, "snippets": snippets, "notes": notes,
        "facets": browse.document_facets(store, levels),
        "filters": {"q": query, "language": language or "", "country": where.country or "",
                    "confidentiality": level or "", "since": since or "", "until": until or ""},
        "page": page, "pages": max(1, -(-total // DOCUMENTS_PAGE)),
        "levels": sorted(levels),
    }
    template = "_document_list.html" if request.headers.get("hx-request") == "true" else "documents.html"
    return _render(request, template, **values)


def _fields(where: browse.DocumentFilter) -> dict[str, Any]:
    return {name: getattr(where, name) for name in where.__slots__}


@router.get("/documents/{doc_id}")
def document(request: Request, doc_id: str) -> Response:
    session = session_of(request)
    store = _store(request)
    levels = visible_levels(session.user.role)
    doc = browse.get_document(store, doc_id, levels)
    figures = review_store.figures(store, levels, document=doc.id)
    events = review_store.events(store, levels, document=doc.id)
    marks = [
        Mark("figure", f.row_id, str(f.status), f.figure.span.start, f.figure.span.end,
             f"{f.figure.indicator}: {f.figure.value} ({f.status})")
        for f in figures
    ] + [
        Mark("event", e.row_id, str(e.status), e.event.span.start, e.event.span.end,
             f"{e.event.event_type}/{e.event.subtype} ({e.status})")
        for e in events
    ]
    return _render(
        request, "document.html", doc=doc, figures=figures, events=events, pieces=pieces(doc.text, marks)
    )


# -- the review queue and one figure -------------------------------------------------


def _with_context(store: Store, levels: frozenset[str], items: list[ReviewedFigure]) -> list[dict[str, Any]]:
    texts: dict[str, str] = {}
    out = []
    for item in items:
        doc_id = item.figure.document
        if doc_id not in texts:
            texts[doc_id] = browse.get_document(store, doc_id, levels).text
        out.append({"item": item, "context": context(texts[doc_id], item.figure.span.start, item.figure.span.end)})
    return out


@router.get("/queue")
def queue(request: Request) -> Response:
    session = session_of(request)
    store = _store(request)
    levels = visible_levels(session.user.role)
    items = review_store.figures(store, levels, status=str(ReviewStatus.EXTRACTED), limit=QUEUE_PAGE)
    return _render(request, "queue.html", cards=_with_context(store, levels, items), done=request.query_params.get("done"))


def _figure_page(request: Request, figure_id: str, status: int = 200, message: str | None = None,
                 draft: dict[str, str] | None = None) -> Response:
    session = session_of(request)
    store = _store(request)
    levels = visible_levels(session.user.role)
    item = review_store.get_figure(store, figure_id, levels)
    doc = browse.get_document(store, item.figure.document, levels)
    siblings = [f for f in review_store.figures(store, levels, document=doc.id) if f.row_id != item.row_id]
    return _render(
        request, "figure.html", status,
        card={"item": item, "context": context(doc.text, item.figure.span.start, item.figure.span.end)},
        doc=doc, siblings=siblings, history=review_audit.figure_history(store, session.user, figure_id),
        indicators=[i.value for i in Indicator], qualifiers=[q.value for q in Qualifier],
        fields=workflow.figure_fields(item.figure), draft=draft or {}, message=message,
        done=request.query_params.get("done"),
    )


@router.get("/figures/{figure_id}")
def figure(request: Request, figure_id: str) -> Response:
    return _figure_page(request, figure_id)


def _after_review(request: Request, figure_id: str, action: str, back: str | None) -> Response:
    if back == "queue":
        return _see_other("/queue?" + urlencode({"done": action}))
    return _see_other(f"/figures/{figure_id}?" + urlencode({"done": action}))


def _review(request: Request, figure_id: str, action: str, back: str | None, run: Any,
            draft: dict[str, str] | None = None) -> Response:
    try:
        run()
    except Conflict as exc:
        return _figure_page(request, figure_id, 409, message=f"Not saved: {exc.reason}. "
                            "The page now shows the current version; check it and try again.", draft=draft)
    except ReviewError as exc:
        return _figure_page(request, figure_id, 422, message=f"Not saved: {exc.reason}.", draft=draft)
    return _after_review(request, figure_id, action, back)


@router.post("/figures/{figure_id}/accept")
def accept(request: Request, figure_id: str, version: Annotated[int, Form()],
           reason: OptionalText = None, back: Annotated[str | None, Form(max_length=16)] = None) -> Response:
    user = session_of(request).user
    return _review(request, figure_id, "accepted", back,
                   lambda: workflow.accept(_store(request), user, figure_id, version, reason=reason))


@router.post("/figures/{figure_id}/reject")
def reject(request: Request, figure_id: str, version: Annotated[int, Form()],
           reason: OptionalText = None, back: Annotated[str | None, Form(max_length=16)] = None) -> Response:
    user = session_of(request).user
    return _review(request, figure_id, "rejected", back,
                   lambda: workflow.reject(_store(request), user, figure_id, version, reason=reason or ""))


@router.post("/figures/{figure_id}/duplicate")
def duplicate(request: Request, figure_id: str, version: Annotated[int, Form()],
              duplicate_of: Annotated[str, Form(max_length=200)], reason: OptionalText = None,
              back: Annotated[str | None, Form(max_length=16)] = None) -> Response:
    user = session_of(request).user
    return _review(request, figure_id, "marked duplicate", back,
                   lambda: workflow.mark_duplicate(_store(request), user, figure_id, version,
                                                   duplicate_of=duplicate_of, reason=reason))


@router.post("/figures/{figure_id}/correct")
async def correct(request: Request, figure_id: str) -> Response:
    form = await request.form()
    raw = {name: form.get(name) for name in (*workflow.CORRECTABLE, "version", "reason")}
    draft = {k: v for k, v in raw.items() if isinstance(v, str)}
    try:
        version = int(draft.get("version", ""))
    except ValueError:
        return _figure_page(request, figure_id, 422, message="Not saved: the form lacks its version; reload the page.")
    changes: dict[str, str | None] = {name: draft.get(name) for name in workflow.CORRECTABLE}
    user = session_of(request).user

    def run() -> Response:
        return _review(request, figure_id, "corrected", None,
                       lambda: workflow.correct(_store(request), user, figure_id, version, changes,
                                                reason=draft.get("reason")), draft=draft)

    return await run_in_threadpool(run)


@router.get("/events/{event_id}")
def event(request: Request, event_id: str) -> Response:
    session = session_of(request)
    store = _store(request)
    levels = visible_levels(session.user.role)
    item = review_store.get_event(store, event_id, levels)
    doc = browse.get_document(store, item.event.document, levels)
    return _render(
        request, "event.html", item=item, doc=doc,
        context=context(doc.text, item.event.span.start, item.event.span.end),
        history=review_audit.event_history(store, session.user, event_id), message=None,
        done=request.query_params.get("done"),
    )


def _event_review(request: Request, event_id: str, action: str, run: Any) -> Response:
    try:
        run()
    except (Conflict, ReviewError) as exc:
        session = session_of(request)
        store = _store(request)
        levels = visible_levels(session.user.role)
        item = review_store.get_event(store, event_id, levels)
        doc = browse.get_document(store, item.event.document, levels)
        return _render(
            request, "event.html", 409 if isinstance(exc, Conflict) else 422, item=item, doc=doc,
            context=context(doc.text, item.event.span.start, item.event.span.end),
            history=review_audit.event_history(store, session.user, event_id),
            message=f"Not saved: {exc.reason}.", done=None,
        )
    return _see_other(f"/events/{event_id}?" + urlencode({"done": action}))


@router.post("/events/{event_id}/accept")
def accept_event(request: Request, event_id: str, version: Annotated[int, Form()], reason: OptionalText = None) -> Response:
    user = session_of(request).user
    return _event_review(request, event_id, "accepted",
                         lambda: workflow.accept_event(_store(request), user, event_id, version, reason=reason))


@router.post("/events/{event_id}/reject")
def reject_event(request: Request, event_id: str, version: Annotated[int, Form()], reason: OptionalText = None) -> Response:
    user = session_of(request).user
    return _event_review(request, event_id, "rejected",
                         lambda: workflow.reject_event(_store(request), user, event_id, version, reason=reason or ""))


# -- the audit log and users --------------------------------------------------------------


@router.get("/audit")
def audit(request: Request) -> Response:
    session = session_of(request)
    store = _store(request)
    entries = review_audit.log(store, session.user, limit=AUDIT_PAGE)
    return _render(request, "audit.html", entries=entries, chain=review_audit.verify(store))


def _users_page(request: Request, status: int = 200, message: str | None = None, created: Any = None) -> Response:
    return _render(request, "users.html", status, users=user_store.list_users(_store(request)),
                   roles=[r.value for r in Role], message=message, created=created)


@router.get("/users")
def users(request: Request) -> Response:
    return _users_page(request)


@router.post("/users")
def add_user(request: Request, name: Annotated[str, Form(max_length=256)], role: Annotated[str, Form(max_length=16)]) -> Response:
    admin = session_of(request).user
    if role not in {r.value for r in Role}:
        return _users_page(request, 422, message="Choose one of the roles.")
    try:
        user, password = accounts.add_user(_store(request), name, role, actor=admin.name)
    except (ReviewError, StoreError) as exc:
        return _users_page(request, 422, message=f"Not created: {exc.reason}.")
    return _users_page(request, created={"name": user.name, "role": user.role, "password": password})


@router.post("/users/{user_id}/role")
def set_role(request: Request, user_id: str, role: Annotated[str, Form(max_length=16)], reason: OptionalText = None) -> Response:
    admin = session_of(request).user
    if role not in {r.value for r in Role}:
        return _users_page(request, 422, message="Choose one of the roles.")
    accounts.set_role(_store(request), admin, user_id, role, reason=reason)
    return _see_other("/users")


@router.post("/users/{user_id}/active")
def set_active(request: Request, user_id: str, active: Annotated[str, Form(max_length=8)], reason: OptionalText = None) -> Response:
    admin = session_of(request).user
    try:
        accounts.set_active(_store(request), admin, user_id, active == "true", reason=reason)
    except ReviewError as exc:
        return _users_page(request, 422, message=f"Not changed: {exc.reason}.")
    return _see_other("/users")
