"""Roles, what each may do, and which documents each may see: the one place access is decided.

    role      sees                               may
    viewer    public                             read
    analyst   public, restricted                 read, review
    editor    public, restricted, confidential   read, review, publish, read the audit log
    admin     everything                         all of the above, manage users

The web layer's route policy (`vigil.web.policy`) names a `Permission` for every
route; the store filters every read by `visible_levels(role)`.
"""

from __future__ import annotations

from enum import StrEnum

from vigil.errors import AccessDenied
from vigil.model import Confidentiality

__all__ = ["Permission", "Role", "allowed", "require", "visible_levels"]


class Role(StrEnum):
    """What a user is trusted with, from least to most."""

    VIEWER = "viewer"
    ANALYST = "analyst"
    EDITOR = "editor"
    ADMIN = "admin"


class Permission(StrEnum):
    """Things a route or a library call may require."""

    READ = "read"
    REVIEW = "review"
    PUBLISH = "publish"
    READ_AUDIT = "read_audit"
    MANAGE_USERS = "manage_users"


_RANK = {Role.VIEWER: 0, Role.ANALYST: 1, Role.EDITOR: 2, Role.ADMIN: 3}

# The lowest role that holds each permission.
_NEEDS: dict[Permission, Role] = {
    Permission.READ: Role.VIEWER,
    Permission.REVIEW: Role.ANALYST,
    Permission.PUBLISH: Role.EDITOR,
    Permission.READ_AUDIT: Role.EDITOR,
    Permission.MANAGE_USERS: Role.ADMIN,
}

# The lowest role that may see each confidentiality level.
_SEES: dict[Confidentiality, Role] = {
    Confidentiality.PUBLIC: Role.VIEWER,
    Confidentiality.RESTRICTED: Role.ANALYST,
    Confidentiality.CONFIDENTIAL: Role.EDITOR,
}


def allowed(role: Role | str | None, permission: Permission) -> bool:
    """Whether a role holds a permission; no role (anonymous) holds none."""
    if role is None:
        return False
    return _RANK[Role(role)] >= _RANK[_NEEDS[permission]]


def require(role: Role | str | None, permission: Permission, about: str = "") -> None:
    """Raise AccessDenied unless the role holds the permission."""
    if not allowed(role, permission):
        raise AccessDenied(about or str(permission), f"the role {role or 'anonymous'!s} may not {permission}")


def visible_levels(role: Role | str | None) -> frozenset[str]:
    """The confidentiality levels a role may see (none for anonymous)."""
    if role is None:
        return frozenset()
    rank = _RANK[Role(role)]
    return frozenset(str(level) for level, lowest in _SEES.items() if rank >= _RANK[lowest])
