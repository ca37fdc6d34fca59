"""The site pages: who reads, who reviews, and what each role sees (issue 10).

The permission matrix (tests/web) walks every site route for every role and level; these
tests check what the pages do once allowed.
"""

from __future__ import annotations

import re
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher

sys.path.insert(0, str(Path(__file__).parents[1] / "review"))

from review_samples import PASSWORD, make_users  # noqa: E402
from site_samples import document, store_three  # noqa: E402
from vigil.model import Confidentiality, Extraction  # noqa: E402
from vigil.review import accounts  # noqa: E402
from vigil.store import Store  # noqa: E402
from vigil.store.site_linking import scan_all  # noqa: E402
from vigil.store.sites import observations, sites  # noqa: E402

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from vigil.web import create_app  # noqa: E402

ALL = frozenset({"public", "restricted", "confidential"})
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
SECRET = "A source inside told us the Hillcrest detention centre holds 90 people."


@pytest.fixture
def web(sqlite_url: str) -> Iterator[tuple[Store, TestClient]]:
    accounts.use_hasher(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    store = Store.open(sqlite_url)
    store_three(store)
    store.add(document(SECRET, level=Confidentiality.RESTRICTED), Extraction())
    scan_all(store)
    make_users(store)
    yield store, TestClient(create_app(store))
    accounts.use_hasher(PasswordHasher())
    store.close()


def _login(client: TestClient, name: str) -> str:
    token = _CSRF.search(client.get("/login").text)
    assert token
    client.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token.group(1)})
    return str(client.get("/api/me").json()["csrf_token"])


def test_a_viewer_reads_public_sites_only(web: tuple[Store, TestClient]) -> None:
    store, client = web
    _login(client, "viewer")
    page = client.get("/sites").text
    assert "Sakharovo centre" in page and "Hillcrest" not in page
    hidden = next(s.site.id for s in sites(store, ALL) if "Hillcrest" in s.site.name)
    assert client.get(f"/sites/{hidden}").status_code == 404
    assert [s["name"] for s in client.get("/api/sites").json()] == ["Sakharovo centre"]
    shown = next(s.site.id for s in sites(store, ALL) if "Sakharovo" in s.site.name)
    detail = client.get(f"/api/sites/{shown}").json()
    assert len(detail["history"]) >= 6 and all(o["quote"] for o in detail["history"])


def test_an_analyst_accepts_a_site_and_rejects_a_link(web: tuple[Store, TestClient]) -> None:
    store, client = web
    csrf = _login(client, "analyst")
    [site] = [s for s in sites(store, ALL) if "Sakharovo" in s.site.name]
    assert "Hillcrest" in client.get("/sites").text  # restricted: analysts see it
    answer = client.post(f"/sites/{site.site.id}/review", data={"csrf_token": csrf, "version": site.version,
                                                                "action": "accept"}, follow_redirects=False)
    assert answer.status_code == 303
    stale = client.post(f"/sites/{site.site.id}/review", data={"csrf_token": csrf, "version": site.version,
                                                               "action": "reject", "reason": "x"})
    assert stale.status_code == 409
    link = next(o for o in observations(store, ALL, site=site.site.id) if o.observation.figure)
    refused = client.post(f"/sites/{site.site.id}/observations", data={
        "csrf_token": csrf, "observation": link.observation.id, "version": link.version, "action": "reject"})
    assert refused.status_code == 422  # a reason is required
    done = client.post(f"/sites/{site.site.id}/observations", data={
        "csrf_token": csrf, "observation": link.observation.id, "version": link.version, "action": "reject",
        "reason": "the figure is about another centre"}, follow_redirects=False)
    assert done.status_code == 303
    after = {o.observation.id: str(o.status) for o in observations(store, ALL, site=site.site.id)}
    assert after[link.observation.id] == "rejected"
    assert str(sites(store, ALL)[0].site.status) in ("accepted", "proposed")


def test_a_viewer_cannot_review(web: tuple[Store, TestClient]) -> None:
    store, client = web
    csrf = _login(client, "viewer")
    site = sites(store, {"public"})[0]
    answer = client.post(f"/sites/{site.site.id}/review", data={"csrf_token": csrf, "version": site.version,
                                                                "action": "accept"})
    assert answer.status_code == 403
