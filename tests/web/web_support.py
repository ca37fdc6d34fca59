"""Helpers shared by the web tests.

They live in a module of their own, not in conftest.py: several test folders have a
conftest, and `from conftest import …` would pick whichever was imported first.
"""

from __future__ import annotations

import re
import sys
import warnings
from pathlib import Path

from argon2 import PasswordHasher

sys.path.insert(0, str(Path(__file__).parent.parent / "review"))  # the shared corpus and users

from review_samples import PASSWORD  # noqa: E402

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

__all__ = ["CHEAP_HASHER", "ROLES", "login"]

CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
ROLES = ("viewer", "analyst", "editor", "admin")
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def login(client: TestClient, name: str, password: str = PASSWORD) -> str:
    """Log the client in through the form; returns the session's CSRF token (from /api/me)."""
    page = client.get("/login")
    token = _CSRF.search(page.text)
    assert token, page.text
    response = client.post(
        "/login", data={"name": name, "password": password, "csrf_token": token.group(1)}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    me = client.get("/api/me")
    return str(me.json()["csrf_token"]) if me.status_code == 200 else ""
