"""Done when (issue 10): the bundled examples build a registry in which the Sakharovo centre,
named in English and in Russian, is one site with its observations footnoted, and the Russia profile lists it."""

from __future__ import annotations

from pathlib import Path

import pytest

from vigil.analyze.sites import history, registry
from vigil.ingest import Archive
from vigil.model import SiteAttribute
from vigil.pipeline import ingest
from vigil.publish.profile import write_profile
from vigil.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SAKHAROVO = ("russia-new-years-eve-raids.pdf", "rossiya-novogodnyaya-oblava.html", "rossiya-cvsig.pdf")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, Path]:
    root = tmp_path_factory.mktemp("examples")
    store = Store.open(f"sqlite:///{root / 'vigil.db'}")
    summary = ingest([], store=store, archive=Archive(root / "archive"), manifest=str(EXAMPLES / "manifest.jsonl"))
    assert summary.failed == 0
    return store, root


def test_the_sakharovo_centre_is_one_site_named_in_both_languages(built: tuple[Store, Path]) -> None:
    store, _ = built
    found = [s for s in registry(store, {"public"}, country="RU") if "Sakharovo" in s.site.name or s.site.place == "Sakharovo"]
    assert len(found) == 1
    site = history(store, found[0].site.id, {"public"})
    names = [o for o in site.observations if o.observation.attribute is SiteAttribute.NAME]
    titles = {o.document_title for o in names}
    assert len(titles) == 3
    languages = {"ru" if any("а" <= c <= "я" for c in o.observation.quote or "") else "en" for o in names}
    assert languages == {"en", "ru"}
    documents = {d.id: d for d in (store.get_document(o.observation.document or "") for o in names)}
    for o in names:
        span = o.observation.span
        assert span is not None and documents[o.observation.document or ""].text[span.start : span.end] == o.observation.quote


def test_the_russia_profile_lists_it_with_footnotes(built: tuple[Store, Path], tmp_path: Path) -> None:
    store, root = built
    page = write_profile(store, "RU", tmp_path, archive=Archive(root / "archive")).read_text(encoding="utf-8")
    section = page[page.index('<section id="sites">') : page.index('<section id="footnotes">')]
    assert "Sakharovo" in section
    assert "ЦВСИГ, Сахарово" in section  # its Russian name, with its own note
    assert section.count('class="quote"') >= 3 and "Quote in context" in section
