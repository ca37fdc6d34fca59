"""Web hardening: headers, cookies, CSRF, login answers and lockout, escaping, redirects, conflicts (409)."""

from __future__ import annotations

from typing import Any

import re
from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from web_support import login
from review_samples import PASSWORD, Corpus
from vigil.errors import ConfigError
from vigil.model import Confidentiality, Document, Extraction, document_id, make_figure
from vigil.review import accounts, workflow
from vigil.store import Store
from vigil.web.app import SECURITY_HEADERS, _check_policy, template_environment

Client = Callable[[str | None], tuple[TestClient, str]]


@pytest.mark.parametrize("path", ["/login", "/documents", "/queue", "/api/figures", "/static/vigil.css", "/nowhere"])
def test_security_headers_on_every_response(client_as: Client, path: str) -> None:
    client, _ = client_as("analyst")
    response = client.get(path)
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    if not path.startswith("/static/"):
        assert response.headers["cache-control"] == "no-store"


def test_session_cookie_flags_rotation_and_logout(app: FastAPI) -> None:
    planted = TestClient(app, cookies={"vigil_session": "planted-by-an-attacker"})
    assert planted.get("/api/me").status_code == 401  # a made-up token opens nothing
    client = TestClient(app)
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    response = client.post("/login", data={"name": "analyst", "password": PASSWORD, "csrf_token": token},
                           follow_redirects=False)
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower() and "Path=/" in cookie
    first = client.cookies.get("vigil_session")
    assert first and len(first) >= 43  # 256 random bits
    csrf = client.get("/api/me").json()["csrf_token"]
    # logging in again rotates the token and ends the previous session
    client.post("/login", data={"name": "analyst", "password": PASSWORD, "csrf_token": token}, follow_redirects=False)
    second = client.cookies.get("vigil_session")
    assert second != first
    stale = TestClient(app, cookies={"vigil_session": first})
    assert stale.get("/api/me").status_code == 401
    csrf = client.get("/api/me").json()["csrf_token"]
    client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    replay = TestClient(app, cookies={"vigil_session": second})
    assert replay.get("/api/me").status_code == 401
    assert replay.get("/documents", follow_redirects=False).headers["location"] == "/login"


def test_forms_and_api_writes_need_the_csrf_token(client_as: Client, corpus: Corpus) -> None:
    client, csrf = client_as("analyst")
    fid = corpus.figures["public"][0]
    assert client.post(f"/figures/{fid}/accept", data={"version": "1"}, follow_redirects=False).status_code == 403
    assert client.post(f"/figures/{fid}/accept", data={"version": "1", "csrf_token": "forged"}).status_code == 403
    assert client.post(f"/api/figures/{fid}/review", json={"action": "accept", "version": 1}).status_code == 403
    ok = client.post(f"/figures/{fid}/accept", data={"version": "1", "csrf_token": csrf}, follow_redirects=False)
    assert ok.status_code == 303


def test_login_form_needs_its_csrf_cookie(app: FastAPI) -> None:
    client = TestClient(app)
    response = client.post("/login", data={"name": "analyst", "password": PASSWORD, "csrf_token": "x"})
    assert response.status_code == 403 and "vigil_session" not in client.cookies


def _attempt(client: TestClient, name: str, password: str) -> tuple[int, str]:
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    response = client.post("/login", data={"name": name, "password": password, "csrf_token": token})
    return response.status_code, response.text


def test_unknown_user_wrong_password_and_lockout_look_the_same(app: FastAPI) -> None:
    client = TestClient(app)
    unknown = _attempt(client, "nobody", "whatever whatever")
    wrong = _attempt(client, "analyst", "whatever whatever")
    assert unknown == wrong and unknown[0] == 401
    for _ in range(accounts.LOCKOUT_FAILURES):
        _attempt(client, "editor", "guessing guessing")
    locked = _attempt(client, "editor", PASSWORD)
    assert locked == wrong
    assert accounts.LOGIN_REFUSED.split(":")[0] in locked[1]


def test_open_redirects_are_refused(app: FastAPI) -> None:
    client = TestClient(app)
    page = client.get("/login", params={"next": "//evil.example/steal"})
    assert 'name="next" value="/"' in page.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    response = client.post("/login", data={"name": "analyst", "password": PASSWORD, "csrf_token": token,
                                           "next": "https://evil.example/"}, follow_redirects=False)
    assert response.headers["location"] == "/"


def test_a_one_time_password_must_be_replaced_first(app: FastAPI, web_store: Store) -> None:
    _, secret = accounts.add_user(web_store, "fresh", "analyst", actor="test")
    client = TestClient(app)
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    response = client.post("/login", data={"name": "fresh", "password": secret, "csrf_token": token},
                           follow_redirects=False)
    assert response.headers["location"] == "/account/password"
    assert client.get("/queue", follow_redirects=False).headers["location"] == "/account/password"
    assert client.get("/api/figures").status_code == 403
    form = client.get("/account/password").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
    done = client.post("/account/password", data={"csrf_token": csrf, "current": secret,
                                                  "new": "a passphrase of my own", "repeat": "a passphrase of my own"},
                       follow_redirects=False)
    assert done.status_code == 303
    assert client.get("/queue").status_code == 200


PAYLOADS = ['<script>alert("x")</script>', '"><img src=x onerror=alert(1)>', "{{7*7}}<b>bold</b>"]


def test_everything_is_escaped(app: FastAPI, web_store: Store, users: object, client_as: Client) -> None:
    assert template_environment().autoescape is True
    payload = " ".join(PAYLOADS)
    text = f"Report {payload}: the centre held 75 people in June 2024."
    doc = Document(id=document_id(text.encode()), text=text, title=payload, published="2024-07",
                   confidentiality=Confidentiality.PUBLIC, language="en")
    start = text.index("75 people")
    figure = make_figure(text, doc.id, start, start + len("75 people"), indicator="detained", value=75,
                         place=payload, attributed_to=payload)
    web_store.add(doc, Extraction(figures=(figure,)))
    client, csrf = client_as("analyst")
    bodies = {path: client.get(path).text for path in ("/documents", f"/documents/{doc.id}", "/queue", "/documents?q=centre")}
    client.post(f"/figures/{figure.id}/reject", data={"version": "1", "csrf_token": csrf, "reason": payload})
    bodies["history"] = client.get(f"/figures/{figure.id}").text
    for path, body in bodies.items():
        for raw in PAYLOADS:
            assert raw not in body, path
        assert "&lt;script&gt;" in body or "&#34;&gt;&lt;img" in body, path


def test_two_analysts_saving_the_same_figure_the_second_gets_409(client_as: Client, corpus: Corpus, reliability: Any) -> None:
    fid = corpus.figures["public"][0]
    first, csrf1 = client_as("analyst")
    second, csrf2 = client_as("editor")
    version = first.get(f"/api/figures/{fid}").json()["version"]
    assert second.get(f"/api/figures/{fid}").json()["version"] == version
    saved = first.post(f"/figures/{fid}/correct", data={"csrf_token": csrf1, "version": str(version), "value": "2150"},
                       follow_redirects=False)
    assert saved.status_code == 303
    refused = second.post(f"/figures/{fid}/correct", data={"csrf_token": csrf2, "version": str(version),
                                                           "value": "2160"})
    assert refused.status_code == 409
    assert "someone else saved this figure first" in refused.text and "not saved" in refused.text.lower()
    api = second.post(f"/api/figures/{fid}/review", json={"action": "accept", "version": version},
                      headers={"x-csrf-token": csrf2})
    assert api.status_code == 409 and "someone else saved" in api.json()["detail"]
    figure = first.get(f"/api/figures/{fid}").json()
    reliability("concurrent edits tried", 2)
    reliability("lost updates", 0 if figure["value"] == 2150 and figure["version"] == version + 1 else 1)
    assert figure["value"] == 2150 and figure["version"] == version + 1  # no lost update, no silent overwrite


def test_every_route_must_be_in_the_policy() -> None:
    app = FastAPI()

    @app.get("/unlisted")
    def unlisted() -> dict[str, str]:  # pragma: no cover - never called
        return {}

    with pytest.raises(ConfigError, match="GET /unlisted"):
        _check_policy(app)


def test_the_correctable_fields_agree() -> None:
    from typing import get_args

    from vigil.web.api import CorrectableField

    assert set(get_args(CorrectableField)) == set(workflow.CORRECTABLE)


def test_a_review_through_the_pages_lands_in_the_audit_log(client_as: Client, corpus: Corpus) -> None:
    fid = corpus.figures["public"][1]
    client, csrf = client_as("analyst")
    client.post(f"/figures/{fid}/reject", data={"version": "1", "csrf_token": csrf, "reason": "double count"})
    history = client.get(f"/api/figures/{fid}/history").json()
    assert [(h["actor"], h["action"], h["reason"]) for h in history] == [("analyst", "figure.reject", "double count")]
    editor, _ = client_as("editor")
    log = editor.get("/audit").text
    assert "Hash chain intact" in log and "figure.reject" in log
