"""The site of the bundled examples: figures, footnotes, sources and charts in the HTML (issue 7)."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from vigil.publish.collect import collect_country
from vigil.publish.site import SiteResult
from vigil.store import Store


def _page(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_bytes())


def test_the_index_links_every_profile(examples_site: SiteResult) -> None:
    index = _page(examples_site.index)
    links = {a.get("href") for a in index.iter("a")}
    assert {"ru.html", "us.html", "gb.html", "de.html", "au.html"} <= set(examples_site.profiles and {p.name for p in examples_site.profiles.values()})
    assert {p.name for p in examples_site.profiles.values()} <= links
    assert "Russia" in index.text_content()


def test_russia_headlines_give_the_deportations_of_2024(examples_site: SiteResult) -> None:
    page = _page(examples_site.profiles["RU"])
    row = page.get_element_by_id("headline-deported")
    text = " ".join(row.text_content().split())
    assert "87,000" in text and "2024" in text and "not verified" in text


def test_every_number_links_to_a_footnote_with_quote_source_and_status(examples_site: SiteResult) -> None:
    root = examples_site.profiles["RU"].parent
    page = _page(examples_site.profiles["RU"])
    values = page.find_class("value")
    assert len(values) >= 10
    for value in values:
        target = value.get("href")
        assert target and target.startswith("#fn-"), lxml.html.tostring(value)
        note = page.get_element_by_id(target[1:])
        text = note.text_content()
        assert "“" in text and "”" in text, "the footnote quotes the source"
        assert "not verified" in text or "verified" in text
        hrefs = [a.get("href") for a in note.iter("a")]
        context = next(h for h in hrefs if ".text.html#q-" in h)
        page_path, anchor = context.split("#")
        assert anchor in (root / page_path).read_text(encoding="utf-8"), "the quote is marked in the text page"
        originals = [h for h in hrefs if h.startswith("sources/") and ".text.html" not in h]
        assert originals and all((root / h).is_file() for h in originals), "the archived original is in the site"


def test_the_marked_quote_is_the_footnote_quote(examples_site: SiteResult) -> None:
    root = examples_site.profiles["RU"].parent
    page = _page(examples_site.profiles["RU"])
    note = page.find_class("footnotes")[0].find("li")
    quote = " ".join(note.find_class("quote")[0].text_content().strip("“”").split())
    context = next(a.get("href") for a in note.iter("a") if ".text.html#" in a.get("href"))
    page_path, anchor = context.split("#")
    mark = _page(root / page_path).get_element_by_id(anchor)
    assert quote.strip("“”") in " ".join(mark.text_content().split()) or " ".join(mark.text_content().split()) in quote


def test_one_svg_chart_per_series_with_units(examples_site: SiteResult, examples_store: tuple[Store, Path]) -> None:
    store, _archive = examples_store
    data = collect_country(store, "RU")
    html = examples_site.profiles["RU"].read_text(encoding="utf-8")
    page = _page(examples_site.profiles["RU"])
    charts = page.find_class("chart")
    assert len(data.series) >= 3
    assert len(charts) == len(data.series) == html.count("<svg")
    deported = page.get_element_by_id("chart-deported-people-year")
    svg_text = " ".join(deported.text_content().split())
    assert "2023" in svg_text and "2024" in svg_text and "people, a year" in svg_text
    assert "87,000" in svg_text, "values are written on the chart, as text"


def test_conflicts_show_both_quotes(examples_site: SiteResult) -> None:
    page = _page(examples_site.profiles["RU"])
    boxes = page.find_class("conflict-box")
    assert boxes
    for box in boxes:
        assert len(box.findall(".//blockquote")) == 2
        assert "no value fits both" in box.text_content()


def test_unverified_figures_are_marked(examples_site: SiteResult) -> None:
    page = _page(examples_site.profiles["RU"])
    assert page.find_class("notice"), "the page says how many figures are not verified"
    assert len(page.find_class("is-unverified")) == len(page.find_class("value"))


@pytest.mark.parametrize("code", ["RU", "US", "GB"])
def test_pages_need_no_network_and_no_javascript(examples_site: SiteResult, code: str) -> None:
    page = _page(examples_site.profiles[code])
    assert not page.findall(".//script")
    for element in page.iter("link", "img", "iframe"):
        for attribute in ("href", "src"):
            value = element.get(attribute) or ""
            assert not value.startswith(("http:", "https:", "//")), value
    assert (examples_site.index.parent / "vigil.css").is_file()
