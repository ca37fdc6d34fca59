"""HTML: article text and metadata by trafilatura; navigation-only pages; markup in titles."""

from __future__ import annotations

import pytest
from ingest_samples import ARTICLE_HTML, NAV_ONLY_HTML

from vigil.errors import EmptyDocument
from vigil.ingest import Original, read_document


def html(data: str | bytes, name: str = "page.html") -> Original:
    raw = data.encode() if isinstance(data, str) else data
    return Original(data=raw, source=name, url=None, media_type="text/html")


def test_article_text_title_publisher_and_date() -> None:
    document = read_document(html(ARTICLE_HTML))
    assert "counted 212 people in rooms built for 120" in document.text
    assert "Eleven of those held were children" in document.text
    assert "Home" not in document.text and "Contact the newsroom" not in document.text
    assert document.title == "Holding centre over capacity, inspectors find"
    assert document.publisher == "Border Watch Weekly"
    assert document.published == "2024-03-12"
    assert document.language == "en"
    assert document.media_type == "text/html"


@pytest.mark.parametrize(
    ("meta", "published"),
    [
        ('<meta name="date" content="2023-11-05">', "2023-11-05"),
        ('<meta property="article:published_time" content="2025-01-30T18:00:00Z">', "2025-01-30"),
        ('<meta name="citation_publication_date" content="2022/06/14">', "2022-06-14"),
        ("", None),
    ],
)
def test_publication_date_comes_from_page_metadata(meta: str, published: str | None) -> None:
    page = ARTICLE_HTML.replace('<meta property="article:published_time" content="2024-03-12T09:30:00+00:00">', meta)
    assert read_document(html(page)).published == published


def test_published_flag_wins_over_page_metadata() -> None:
    assert read_document(html(ARTICLE_HTML), published="2024-02").published == "2024-02"


def test_a_page_of_navigation_only_is_empty() -> None:
    with pytest.raises(EmptyDocument) as caught:
        read_document(html(NAV_ONLY_HTML, "menu.html"))
    assert caught.value.input == "menu.html"
    assert "navigation" in caught.value.reason or "no article text" in caught.value.reason


@pytest.mark.parametrize(
    "page",
    [
        "<html><head></head><body></body></html>",
        "<html><head><script>var a = 1;</script></head><body><script>document.write('x')</script></body></html>",
    ],
    ids=["empty-body", "scripts-only"],
)
def test_pages_without_text_are_empty(page: str) -> None:
    with pytest.raises(EmptyDocument):
        read_document(html(page))


@pytest.mark.parametrize(
    "title_markup",
    [
        "Camp report <script>alert('owned')</script> winter 2024",
        "Camp report <b>winter</b> 2024<img src=x onerror=alert(1)>",
        "Camp report &lt;script&gt;alert(1)&lt;/script&gt; winter 2024",
    ],
    ids=["script", "tags", "escaped-script"],
)
def test_markup_in_the_title_comes_out_as_plain_text(title_markup: str) -> None:
    page = ARTICLE_HTML.replace("<title>Holding centre over capacity, inspectors find</title>",
                                f"<title>{title_markup}</title>").replace("<h1>Holding centre over capacity, inspectors find</h1>", "")
    document = read_document(html(page))
    assert document.title is not None
    assert "<" not in document.title and ">" not in document.title
    assert "script" not in document.title.lower() or "alert" not in document.title
    assert document.title.startswith("Camp report")
    assert "alert" not in document.text


def test_cp1251_page_with_meta_charset() -> None:
    body = (
        "<p>По данным уполномоченного, в центре временного содержания иностранных граждан "
        "в феврале находились 146 человек, из них девять детей.</p>"
    )
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        f"<title>Доклад о центре</title></head><body><article>{body}</article></body></html>"
    ).encode("cp1251")
    document = read_document(html(page))
    assert "146 человек" in document.text
    assert document.title == "Доклад о центре"
    assert document.language == "ru"
