"""Every route × every role (and anonymous) × every confidentiality level, from the one policy table.

For each cell the test asserts the decision (allowed or denied) the policy and
the role's visible levels call for, and scans every response — allowed or
denied, pages, API, htmx fragments, error pages — for the canaries and ids of
documents the role may not see (issue 9's canary sweep). A hidden item's 404
must be byte-identical to a missing item's, so not even existence leaks.
Writes in the matrix are made harmless (a stale version, an invalid role) so
that an allowed request proves it passed the gate without changing the corpus.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from web_support import ROLES
from review_samples import Corpus
from vigil.review.roles import Permission, allowed, visible_levels
from vigil.store import Store
from vigil.store.site_linking import SiteRow, import_sites, link_document
from vigil.store.users import UserRow
from vigil.web.policy import POLICY, PUBLIC

LEVELS = ("public", "restricted", "confidential")
STALE = "999"  # a version no figure has: an allowed review answers 409 and writes nothing


@dataclass
class Tally:
    cells: int = 0
    responses: int = 0
    unexpected_allows: list[str] = field(default_factory=list)
    unexpected_denials: list[str] = field(default_factory=list)
    canary_hits: list[str] = field(default_factory=list)


TALLY = Tally()


@pytest.fixture
def sites(web_store: Store, corpus: Corpus) -> dict[str, str]:
    """A detention site at each level (issue 10): imported (public), and read from the restricted and confidential documents."""
    found = {"public": import_sites(web_store, [SiteRow("Eastbrook immigration removal centre", country="GB",
                                                        type="immigration_centre", source="matrix list")],
                                    actor="test").created[0]}
    for level in ("restricted", "confidential"):
        report = link_document(web_store, corpus.documents[level].id)
        assert len(report.proposed) == 1, report
        found[level] = report.proposed[0]
    return found


def _path(template: str, level: str, corpus: Corpus, users: dict[str, UserRow], sites: dict[str, str]) -> str:
    return (
        template.replace("{doc_id}", corpus.documents[level].id)
        .replace("{site_id}", sites[level])
        .replace("{figure_id}", corpus.figures[level][0])
        .replace("{event_id}", corpus.events[level][0])
        .replace("{user_id}", users["viewer"].id)
    )


def _body(method: str, template: str, csrf: str) -> dict[str, Any]:
    if method == "GET":
        return {}
    if template.startswith("/api/"):
        return {"json": {"action": "accept", "version": int(STALE)}, "headers": {"x-csrf-token": csrf}}
    form = {"csrf_token": csrf, "version": STALE, "reason": "matrix", "duplicate_of": "fig:0", "value": "1",
            "role": "no-such-role", "active": "true", "name": "matrix user", "password": "wrong wrong wrong",
            "current": "wrong wrong wrong", "new": "x", "repeat": "y"}
    return {"data": form}


def _is_denied(response: Any, api: bool) -> bool:
    if response.status_code in (401, 403, 404):
        return True
    return response.status_code == 303 and response.headers.get("location", "").startswith("/login") and not api


def _needs_object(template: str) -> bool:
    return any(p in template for p in ("{doc_id}", "{figure_id}", "{event_id}", "{site_id}"))


@pytest.mark.parametrize("role", [None, *ROLES], ids=lambda r: r or "anonymous")
def test_route_role_level_matrix(
    role: str | None,
    app: FastAPI,
    corpus: Corpus,
    users: dict[str, UserRow],
    sites: dict[str, str],
    client_as: Callable[[str | None], tuple[TestClient, str]],
) -> None:
    levels = visible_levels(role)
    hidden = corpus.hidden_from(levels)  # anonymous (no levels): public documents included
    hidden += [site for level, site in sites.items() if level not in levels]
    problems: list[str] = []
    for (method, template), requirement in sorted(POLICY.items(), key=lambda kv: (kv[0][1] == "/logout", kv[0])):
        for level in LEVELS:
            client, csrf = client_as(role)
            if template == "/login":  # the login form's own token, from its double-submit cookie
                client.get("/login")
                csrf = client.cookies.get("vigil_login_csrf") or ""
            path = _path(template, level, corpus, users, sites)
            variants = [{}]
            if template == "/documents":
                variants += [{"headers": {"HX-Request": "true"}}, {"params": {"q": "CANARY"}},
                             {"params": {"q": "detainee hunger strike"}}]
            if template == "/api/documents":
                variants += [{"params": {"q": "CANARY"}}, {"params": {"q": "deported"}}]
            for extra in variants:
                kwargs = {**_body(method, template, csrf), **extra}
                response = client.request(method, path, follow_redirects=False, **kwargs)
                TALLY.responses += 1
                api = template.startswith("/api/")
                if requirement is PUBLIC:
                    expect_allowed = True
                else:
                    assert isinstance(requirement, Permission)
                    expect_allowed = allowed(role, requirement) and (not _needs_object(template) or level in levels)
                denied = _is_denied(response, api)
                if (method, template) == ("POST", "/login") and response.status_code == 401:
                    denied = False  # the gate let it through; the (deliberately wrong) password was refused
                if template == "/logout" and "vigil_session=" in response.headers.get("set-cookie", ""):
                    denied = False  # a logout also ends on the login page, but it clears the cookie
                cell = f"{role or 'anonymous'} {method} {template} [{level}] {extra or ''} -> {response.status_code}"
                if expect_allowed and denied:
                    TALLY.unexpected_denials.append(cell)
                    problems.append("unexpected denial: " + cell)
                if not expect_allowed and not denied:
                    TALLY.unexpected_allows.append(cell)
                    problems.append("unexpected allow: " + cell)
                assert response.status_code < 500, cell
                body = response.text + " ".join(f"{k}: {v}" for k, v in response.headers.items())
                for secret in hidden:
                    if secret in body:
                        TALLY.canary_hits.append(f"{cell}: {secret}")
                        problems.append(f"leak of {secret}: {cell}")
            TALLY.cells += 1
    assert not problems, "\n".join(problems)


def test_a_hidden_item_looks_exactly_like_a_missing_one(
    corpus: Corpus, client_as: Callable[[str | None], tuple[TestClient, str]]
) -> None:
    for role, level in (("viewer", "restricted"), ("viewer", "confidential"), ("analyst", "confidential")):
        client, _ = client_as(role)
        for kind, real in (("documents", corpus.documents[level].id), ("figures", corpus.figures[level][0]),
                           ("events", corpus.events[level][0])):
            fake = real[:-6] + "000000"
            for prefix in ("", "/api"):
                hidden = client.get(f"{prefix}/{kind}/{real}")
                missing = client.get(f"{prefix}/{kind}/{fake}")
                assert hidden.status_code == missing.status_code == 404
                assert hidden.content == missing.content


@pytest.mark.parametrize("role", ROLES)
def test_counts_and_facets_equal_what_the_role_can_open(
    role: str, corpus: Corpus, client_as: Callable[[str | None], tuple[TestClient, str]]
) -> None:
    client, _ = client_as(role)
    levels = visible_levels(role)
    documents = client.get("/api/documents").json()
    assert documents["total"] == len(documents["items"]) == len(levels)
    figures = client.get("/api/figures", params={"limit": 500}).json()
    assert figures["total"] == len(figures["items"]) == sum(len(corpus.figures[lv]) for lv in levels)
    for item in figures["items"]:
        assert client.get(f"/api/figures/{item['id']}").status_code == 200
    page = client.get("/documents").text
    # the country facet counts documents with a GB figure or event: exactly the visible ones
    assert f'<option value="GB" >GB ({len(levels)})</option>' in page


def test_the_tally(capsys: pytest.CaptureFixture[str], reliability: Any) -> None:
    """Prints the matrix's figures (issue 9): cells, responses scanned, unexpected allows, canary hits."""
    reliability("route-role cells checked", TALLY.cells)
    reliability("responses and files scanned", TALLY.responses)
    reliability("unexpected allows", len(TALLY.unexpected_allows))
    reliability("canary hits", len(TALLY.canary_hits))
    with capsys.disabled():
        print(
            f"\npermission matrix: {TALLY.cells} cells, {TALLY.responses} responses scanned, "
            f"{len(TALLY.unexpected_allows)} unexpected allows, {len(TALLY.unexpected_denials)} unexpected denials, "
            f"{len(TALLY.canary_hits)} canary hits"
        )
    assert not TALLY.unexpected_allows and not TALLY.canary_hits
