"""The verification workflow, users and roles, and the append-only audit log.

`workflow` accepts, corrects, rejects and marks duplicates; `accounts` keeps
users, passwords and sessions; `roles` decides who may do and see what;
`audit` reads and verifies the hash-chained log. The web app and the CLI call
these; they hold no rules of their own.
"""

from __future__ import annotations

from vigil.review.roles import Permission, Role, allowed, require, visible_levels

__all__ = ["Permission", "Role", "allowed", "require", "visible_levels"]
