"""End to end in a real headless Chromium (Debian's), driven by Playwright against uvicorn.

Log in, review figures from the queue by keyboard, correct one, see the audit
entry; search documents through htmx; and no script payload ever runs (a
dialog would fail the test). Skipped, with the reason, when /usr/bin/chromium
is missing (`make test` installs it when it can). Never `playwright install`.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from review_samples import PASSWORD, Corpus, make_users, seed
from vigil.model import Confidentiality, Document, Extraction, document_id, make_figure
from vigil.review import accounts
from vigil.store import Store
from vigil.store import reviews as review_store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
ALL = frozenset({"public", "restricted", "confidential"})

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium (make test installs it)"
)

XSS = '<script>alert("xss")</script><img src=x onerror=alert(2)>'


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store, Corpus]]:
    import uvicorn

    from web_support import CHEAP_HASHER
    from vigil.web import create_app

    accounts.use_hasher(CHEAP_HASHER)
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'vigil.db'}")
    corpus = seed(store)
    make_users(store)
    text = f"Statement {XSS}: the ministry said 48 people were returned in May 2024."
    doc = Document(id=document_id(text.encode()), text=text, title=XSS, published="2023-01", language="en",
                   confidentiality=Confidentiality.PUBLIC)
    start = text.index("48 people")
    store.add(doc, Extraction(figures=(make_figure(text, doc.id, start, start + 9, indicator="deported", value=48,
                                                   place=XSS),)))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}", store, corpus
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()


@pytest.fixture
def page(served: tuple[str, Store, Corpus]) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        tab = context.new_page()
        dialogs: list[str] = []
        errors: list[str] = []
        tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: errors.append(str(e)))
        yield tab
        assert not dialogs, f"a script payload ran: {dialogs}"
        assert not errors, f"browser errors (CSP violations?): {errors}"
        browser.close()


def _login(tab: object, base: str, name: str) -> None:
    tab.goto(f"{base}/login")  # type: ignore[attr-defined]
    tab.fill("input[name=name]", name)  # type: ignore[attr-defined]
    tab.fill("input[name=password]", PASSWORD)  # type: ignore[attr-defined]
    tab.click("button[type=submit]")  # type: ignore[attr-defined]
    tab.wait_for_url(f"{base}/queue")  # type: ignore[attr-defined]


def test_review_from_the_queue_by_keyboard_and_correct_one(
    page: object, served: tuple[str, Store, Corpus], tmp_path: Path
) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    base, store, corpus = served
    _login(page, base, "analyst")
    first = page.locator("[data-review-card]").first.get_attribute("data-figure-url")
    assert first
    first_id = first.rsplit("/", 1)[1]
    expect(page.locator("[data-review-card].current")).to_have_count(1)

    # A screenshot of the queue as an analyst sees it, to look at when the layout changes.
    page.screenshot(path=str(tmp_path / "review-queue.png"), full_page=False)
    print(f"\nreview queue screenshot: {tmp_path / 'review-queue.png'}")

    page.keyboard.press("a")  # accept the first card
    page.wait_for_url(f"{base}/queue?done=accepted")
    expect(page.locator(".message.ok")).to_contain_text("accepted")
    assert review_store.get_figure(store, first_id, ALL).status == "verified"

    page.keyboard.press("j")  # move to the second card, reject it with a reason
    second = page.locator("[data-review-card].current").get_attribute("data-figure-url")
    assert second
    page.keyboard.press("r")
    page.keyboard.type("only the children among the 2,140")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/queue?done=rejected")
    rejected = review_store.get_figure(store, second.rsplit("/", 1)[1], ALL)
    assert rejected.status == "rejected"

    # correct one: open the next card with "o", then "c" jumps to the value
    page.keyboard.press("o")
    page.wait_for_url(f"{base}/figures/*")
    figure_id = page.url.rsplit("/", 1)[1]
    page.keyboard.press("c")
    page.keyboard.type("465")
    page.fill("#correct input[name=reason]", "the annex gives 465")
    page.click("#correct button[type=submit]")
    page.wait_for_url(f"{base}/figures/{figure_id}?done=corrected")
    entry = page.locator("#history li.entry").last
    expect(entry).to_contain_text("analyst")
    expect(entry).to_contain_text("figure.correct")
    expect(entry).to_contain_text("the annex gives 465")
    expect(entry).to_contain_text("→ 465")
    assert review_store.get_figure(store, figure_id, ALL).figure.value == 465


def test_documents_search_and_highlights(page: object, served: tuple[str, Store, Corpus]) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    base, _, corpus = served
    page.goto(f"{base}/login")
    page.fill("input[name=name]", "viewer")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/documents")  # viewers have no queue: they land on the documents
    expect(page.locator("table.documents tbody tr")).to_have_count(2)  # the public review and the payload statement
    page.fill("input[name=q]", "Eastbrook")  # htmx swaps the list in place, no full reload
    expect(page.locator("#document-list .summary")).to_contain_text("1 document")
    expect(page.locator("#document-list")).not_to_contain_text("CANARY")
    page.click("#document-list a")
    page.wait_for_url(f"{base}/documents/*")
    hrefs = {a.get_attribute("href") for a in page.locator("a.hl.figure").all()}
    assert len(hrefs) == 3  # every figure highlighted in place (one may be cut in pieces by an overlapping event)
    expect(page.locator("a.hl.event").first).to_be_visible()
    page.locator("a.hl.figure").first.click()
    page.wait_for_url(f"{base}/figures/*")
    expect(page.locator("#history")).to_be_visible()
    # the viewer cannot open what is restricted: a 404 like any missing page
    response = page.context.request.get(f"{base}/documents/{corpus.documents['restricted'].id}")
    assert response.status == 404 and "CANARY" not in response.text()
    page.goto(f"{base}/documents?q=statement")  # the payload document's title and text render as text
    expect(page.locator("#document-list")).to_contain_text("<script>")
