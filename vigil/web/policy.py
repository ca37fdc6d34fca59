"""The route policy: one declarative table saying what every route requires.

Every route of the app is listed here with the permission it needs, or `PUBLIC`.
`create_app` refuses to start when a route is missing from the table (deny by
default), and the permission-matrix test walks the same table, so a new route
cannot slip in unguarded or untested. What a permitted user then *sees* is
decided by `vigil.review.roles.visible_levels` inside the store queries.
"""

from __future__ import annotations

from typing import Final

from vigil.review.roles import Permission

__all__ = ["PASSWORD_CHANGE_ROUTES", "POLICY", "PUBLIC", "PUBLIC_PREFIXES", "Requirement"]


class _Public:
    """The marker for routes anyone may call, logged in or not."""

    def __repr__(self) -> str:
        return "PUBLIC"


PUBLIC: Final = _Public()

Requirement = Permission | _Public

# (method, route path as declared) → what it requires.
POLICY: Final[dict[tuple[str, str], Requirement]] = {
    # signing in and out
    ("GET", "/login"): PUBLIC,
    ("POST", "/login"): PUBLIC,
    ("POST", "/logout"): Permission.READ,
    ("GET", "/account/password"): Permission.READ,
    ("POST", "/account/password"): Permission.READ,
    ("GET", "/healthz"): PUBLIC,
    # pages
    ("GET", "/"): Permission.READ,
    ("GET", "/documents"): Permission.READ,
    ("GET", "/documents/{doc_id}"): Permission.READ,
    ("GET", "/queue"): Permission.REVIEW,
    ("GET", "/figures/{figure_id}"): Permission.READ,
    ("POST", "/figures/{figure_id}/accept"): Permission.REVIEW,
    ("POST", "/figures/{figure_id}/correct"): Permission.REVIEW,
    ("POST", "/figures/{figure_id}/reject"): Permission.REVIEW,
    ("POST", "/figures/{figure_id}/duplicate"): Permission.REVIEW,
    ("GET", "/events/{event_id}"): Permission.READ,
    ("POST", "/events/{event_id}/accept"): Permission.REVIEW,
    ("POST", "/events/{event_id}/reject"): Permission.REVIEW,
    ("GET", "/sites"): Permission.READ,
    ("GET", "/sites/{site_id}"): Permission.READ,
    ("POST", "/sites/{site_id}/review"): Permission.REVIEW,
    ("POST", "/sites/{site_id}/observations"): Permission.REVIEW,
    ("POST", "/sites/{site_id}/merge"): Permission.REVIEW,
    ("GET", "/audit"): Permission.READ_AUDIT,
    ("GET", "/users"): Permission.MANAGE_USERS,
    ("POST", "/users"): Permission.MANAGE_USERS,
    ("POST", "/users/{user_id}/role"): Permission.MANAGE_USERS,
    ("POST", "/users/{user_id}/active"): Permission.MANAGE_USERS,
    # the JSON API
    ("GET", "/api/openapi.json"): PUBLIC,  # the shape of the API, no data
    ("GET", "/api/me"): Permission.READ,
    ("GET", "/api/documents"): Permission.READ,
    ("GET", "/api/documents/{doc_id}"): Permission.READ,
    ("GET", "/api/figures"): Permission.READ,
    ("GET", "/api/figures/{figure_id}"): Permission.READ,
    ("GET", "/api/figures/{figure_id}/history"): Permission.READ,
    ("POST", "/api/figures/{figure_id}/review"): Permission.REVIEW,
    ("GET", "/api/events"): Permission.READ,
    ("GET", "/api/events/{event_id}"): Permission.READ,
    ("GET", "/api/reviews"): Permission.READ,
    ("GET", "/api/sites"): Permission.READ,
    ("GET", "/api/sites/{site_id}"): Permission.READ,
}

# Mounted file trees anyone may fetch: the stylesheet, the scripts (no data).
PUBLIC_PREFIXES: Final = ("/static/",)

# A user who must still replace a one-time password may reach only these.
PASSWORD_CHANGE_ROUTES: Final = frozenset(
    {("GET", "/account/password"), ("POST", "/account/password"), ("POST", "/logout")}
)
