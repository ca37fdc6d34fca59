"""The gate every request passes: session, route policy, CSRF.

`authorize` runs before every route (a dependency of the whole app). It finds
the route in `policy.POLICY` (a route that is not there is refused: deny by
default), opens the session from its cookie, checks the role holds the
permission, sends a user with a one-time password to change it first, and, for
every unsafe method, compares the CSRF token of the form (or the
`X-CSRF-Token` header) with the session's. Handlers then read the user from
`request.state`.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request, Response

from vigil.review import accounts
from vigil.review.accounts import Session
from vigil.review.roles import Permission, allowed
from vigil.store import Store
from vigil.web.policy import PASSWORD_CHANGE_ROUTES, POLICY, PUBLIC

__all__ = [
    "CSRF_FIELD",
    "CSRF_HEADER",
    "LOGIN_CSRF_COOKIE",
    "SESSION_COOKIE",
    "Denied",
    "LoginRequired",
    "PasswordChangeRequired",
    "authorize",
    "clear_session_cookie",
    "login_csrf_token",
    "set_session_cookie",
]

SESSION_COOKIE = "vigil_session"
LOGIN_CSRF_COOKIE = "vigil_login_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})


class LoginRequired(Exception):
    """No valid session: pages redirect to the login form, the API answers 401."""


class Denied(Exception):
    """Logged in, but the role may not do this, or the CSRF token is missing or wrong: 403."""


class PasswordChangeRequired(Exception):
    """The user still has a one-time password: everything but the password form is closed."""


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    """The session cookie: HttpOnly (no script reads it), SameSite=Strict, Secure over https."""
    response.set_cookie(
        SESSION_COOKIE, token, httponly=True, samesite="strict", secure=_secure(request), path="/",
        max_age=int(accounts.SESSION_LIFETIME.total_seconds()),
    )


def clear_session_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict", secure=_secure(request))


def login_csrf_token(request: Request, response: Response) -> str:
    """The login form's CSRF token (double-submit: the same random value in a cookie and the form)."""
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=_secure(request), path="/")
    return token


def _same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


async def _submitted_token(request: Request) -> str | None:
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        value = (await request.form()).get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    return None


async def authorize(request: Request) -> None:
    """Let the request through or raise LoginRequired / Denied / PasswordChangeRequired."""
    store: Store = request.app.state.store
    route = request.scope.get("route")
    path = getattr(route, "path", None)
    method = "GET" if request.method == "HEAD" else request.method
    requirement = POLICY.get((method, str(path)))
    session = accounts.current_session(store, request.cookies.get(SESSION_COOKIE))
    request.state.session = session
    if requirement is None:
        raise Denied()
    if requirement is PUBLIC:
        if method not in _SAFE and path == "/login":
            if not _same(request.cookies.get(LOGIN_CSRF_COOKIE), await _submitted_token(request)):
                raise Denied()
        return
    if session is None:
        raise LoginRequired()
    if session.user.must_change_password and (method, path) not in PASSWORD_CHANGE_ROUTES:
        raise PasswordChangeRequired()
    assert isinstance(requirement, Permission)
    if not allowed(session.user.role, requirement):
        raise Denied()
    if method not in _SAFE and not _same(session.csrf_token, await _submitted_token(request)):
        raise Denied()


def session_of(request: Request) -> Session:
    """The session `authorize` opened (routes behind a permission always have one)."""
    session = getattr(request.state, "session", None)
    if session is None:
        raise LoginRequired()
    assert isinstance(session, Session)
    return session
