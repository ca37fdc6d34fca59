"""Project-written reports that name detention facilities, for the site-registry tests.

Written by the vigil project for these tests; not copied from any source. Three reports
name the same centre in English, in Russian and by a transliteration.
"""

from __future__ import annotations

from vigil.model import Confidentiality, Document, Extraction, Figure, Event, document_id, make_event, make_figure
from vigil.store import Store

ENGLISH = (
    "Lawyers who visited the Sakharovo centre in March 2025 said that detainees slept in corridors. "
    "The centre holds foreigners whom courts have ordered to be expelled."
)
RUSSIAN = (
    "В центре временного содержания иностранных граждан в Сахарове в апреле 2025 года находились 640 человек, "
    "сообщили правозащитники."
)
TRANSLITERATED = (
    "A monitor wrote in May 2025 that TsVSIG Sakharovo has 680 places and that food parcels were refused."
)
CAPACITY = "The Harmondsworth immigration removal centre has 676 places, the Home Office says."
OTHER_CENTRE = "Detainees at the Korolyov centre began a hunger strike on 2 June 2025."


def document(text: str, *, language: str = "en", published: str = "2025-06",
             level: Confidentiality = Confidentiality.PUBLIC, title: str | None = None) -> Document:
    """A stored-document value for `text`."""
    return Document(id=document_id(text.encode("utf-8")), text=text, title=title or text[:40], published=published,
                    language=language, confidentiality=level, source="tests/sites", media_type="text/plain")


def span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def figure(doc: Document, quote: str, **fields: object) -> Figure:
    return make_figure(doc.text, doc.id, *span(doc.text, quote), **fields)  # type: ignore[arg-type]


def event(doc: Document, quote: str, **fields: object) -> Event:
    return make_event(doc.text, doc.id, *span(doc.text, quote), **fields)  # type: ignore[arg-type]


def store_three(store: Store) -> tuple[Document, Document, Document]:
    """The English, Russian and transliterated reports, stored with the figures and events they state."""
    en = document(ENGLISH, published="2025-03")
    ru = document(RUSSIAN, language="ru", published="2025-04")
    tr = document(TRANSLITERATED, published="2025-05")
    store.add(en, Extraction(events=(event(en, "detainees slept in corridors", event_type="detention",
                                           subtype="overcrowding", date="2025-03", country="RU"),)))
    store.add(ru, Extraction(figures=(figure(ru, "находились 640 человек", indicator="detained", value=640,
                                             country="RU", when="2025-04"),)))
    store.add(tr, Extraction(figures=(figure(tr, "has 680 places", indicator="detention_capacity", value=680,
                                             unit="places", country="RU", when="2025-05"),)))
    return en, ru, tr
