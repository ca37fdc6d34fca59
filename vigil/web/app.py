"""The review workspace: a FastAPI app over an open Store.

`create_app(store)` wires the pages and the JSON API behind one gate
(`auth.authorize`, driven by the table in `policy.py`), adds the security
headers to every response, and turns vigil's errors into HTTP answers that
say nothing about what the caller may not see: a hidden item is a 404 exactly
like a missing one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import Depends, FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Mount, Route

from vigil.errors import AccessDenied, AuthError, ConfigError, Conflict, NotFound, ReviewError, VigilError
from vigil.review.roles import Permission, allowed
from vigil.store import Store
from vigil.web import api, pages, sites
from vigil.web.auth import Denied, LoginRequired, PasswordChangeRequired, authorize
from vigil.web.policy import POLICY, PUBLIC_PREFIXES

__all__ = ["SECURITY_HEADERS", "create_app", "template_environment"]

HERE = Path(__file__).parent

# Sent with every response. The CSP allows scripts and styles from the app only
# (no inline script, no eval): an injected <script> cannot run even if escaping failed.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def template_environment() -> Environment:
    """Jinja2 with autoescaping on for every template, whatever its name."""
    return Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, auto_reload=False)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def create_app(store: Store) -> FastAPI:
    """The web app over `store` (which the caller opens and closes)."""
    app = FastAPI(
        title="vigil",
        summary="Sourced figures and events on immigration detention, and their review.",
        version="0.1.0",
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI loads scripts from a CDN: not offline, not under our CSP
        redoc_url=None,
        dependencies=[Depends(authorize)],
    )
    app.state.store = store
    app.state.templates = Jinja2Templates(env=template_environment())
    app.include_router(pages.router)
    app.include_router(sites.router)
    app.include_router(api.router)
    app.include_router(sites.api_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _check_policy(app)
    _install_errors(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        if not request.url.path.startswith(PUBLIC_PREFIXES):
            response.headers["Cache-Control"] = "no-store"
        return response

    return app


def _check_policy(app: FastAPI) -> None:
    """Refuse to build an app with a route the policy table does not name."""
    missing = []
    for route in app.routes:
        if isinstance(route, APIRoute):
            for method in route.methods or ():
                if method != "HEAD" and (method, route.path) not in POLICY:
                    missing.append(f"{method} {route.path}")
        elif isinstance(route, Mount):
            if route.path + "/" not in PUBLIC_PREFIXES:
                missing.append(f"mount {route.path}")
        elif isinstance(route, Route) and ("GET", route.path) not in POLICY:
            missing.append(f"GET {route.path}")
    if missing:
        raise ConfigError("vigil.web.policy", "routes without a policy: " + ", ".join(sorted(missing)))


def _page_or_json(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    templates: Jinja2Templates = request.app.state.templates
    session = getattr(request.state, "session", None)
    can = {p.value: session is not None and allowed(session.user.role, p) for p in Permission}
    return templates.TemplateResponse(
        request, "error.html", {"message": message, "status": status, "session": session, "can": can,
                                "queue_count": None}, status_code=status,
    )


def _install_errors(app: FastAPI) -> None:
    async def login_required(request: Request, exc: Exception) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": "log in first"}, status_code=401)
        return RedirectResponse("/login", status_code=303)

    async def password_change(request: Request, exc: Exception) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": "change your one-time password first"}, status_code=403)
        return RedirectResponse("/account/password", status_code=303)

    async def denied(request: Request, exc: Exception) -> Response:
        return _page_or_json(request, 403, "You are not allowed to do this. If you think you should be, ask an admin.")

    async def not_found(request: Request, exc: Exception) -> Response:
        return _page_or_json(request, 404, "Not found.")

    async def conflict(request: Request, exc: Exception) -> Response:
        reason = exc.reason if isinstance(exc, VigilError) else "someone else saved this first"
        return _page_or_json(request, 409, f"Not saved: {reason}. Reload to see the current version.")

    async def review_error(request: Request, exc: Exception) -> Response:
        reason = exc.reason if isinstance(exc, VigilError) else "the request cannot be applied"
        return _page_or_json(request, 422, reason)

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, StarletteHTTPException) else 500
        message = {404: "Not found.", 405: "Method not allowed."}.get(status, "Request refused.")
        return _page_or_json(request, status, message)

    async def invalid(request: Request, exc: Exception) -> Response:
        # FastAPI's default answer echoes the input back; the field names are enough.
        fields = []
        if isinstance(exc, RequestValidationError):
            fields = sorted({".".join(str(p) for p in error.get("loc", ())) for error in exc.errors()})
        return JSONResponse({"detail": "invalid request", "fields": fields}, status_code=422)

    async def other(request: Request, exc: Exception) -> Response:
        return _page_or_json(request, 500, "Something went wrong on the server; nothing was changed.")

    app.add_exception_handler(LoginRequired, login_required)
    app.add_exception_handler(PasswordChangeRequired, password_change)
    app.add_exception_handler(Denied, denied)
    app.add_exception_handler(AccessDenied, denied)
    app.add_exception_handler(AuthError, denied)
    app.add_exception_handler(NotFound, not_found)
    app.add_exception_handler(Conflict, conflict)
    app.add_exception_handler(ReviewError, review_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(VigilError, other)
