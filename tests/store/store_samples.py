"""Documents and extractions for the store tests, written by the project in its own words.

The places and numbers are invented for the tests; what matters is that the
text is realistic (English and Russian, numbers with separators, quotes with
Cyrillic letters) and that every span is computed, never typed in by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from vigil.model import (
    Confidentiality,
    Document,
    Event,
    Extraction,
    Figure,
    document_id,
    make_event,
    make_figure,
)

ENGLISH_TEXT = (
    "Monitors visiting the Northgate holding centre in March 2024 counted 1,250 people in detention, "
    "about 40 of them children. Officials said the centre was built for 900. "
    "On 3 April 2024 the interior ministry deported 310 people on a single charter flight, "
    "according to the ministry's own statement."
)

RUSSIAN_TEXT = (
    "По данным правозащитников, в марте 2024 года в центре временного содержания под Екатеринбургом "
    "находились около 420 иностранных граждан. Почти половина задержанных — выходцы из Таджикистана. "
    "12 апреля 2024 года суд постановил выдворить 35 человек; их этапировали через неделю."
)


def span_of(text: str, quote: str) -> tuple[int, int]:
    """The span of the first occurrence of `quote` (the test fails loudly if it is missing)."""
    start = text.index(quote)
    return start, start + len(quote)


@dataclass(frozen=True)
class Sample:
    document: Document
    extraction: Extraction

    @property
    def figures(self) -> tuple[Figure, ...]:
        return self.extraction.figures

    @property
    def events(self) -> tuple[Event, ...]:
        return self.extraction.events


def english(**overrides: object) -> Sample:
    """An English report with three figures and one deportation event."""
    text = str(overrides.pop("text", ENGLISH_TEXT))
    doc_id = str(overrides.pop("id", document_id(text.encode("utf-8"))))
    document = Document(
        id=doc_id,
        text=text,
        title="Northgate holding centre: spring 2024 visit",
        url="https://example.org/reports/northgate-2024",
        publisher="Example Detention Monitor",
        published="2024-05-02",
        language="en",
        retrieved_at="2024-05-03T09:15:00Z",
        confidentiality=Confidentiality.PUBLIC,
        source="examples/northgate.html",
        media_type="text/html",
        archive_path="archive/ab/cd/northgate.html",
        **overrides,
    )
    figures = (
        make_figure(text, doc_id, *span_of(text, "counted 1,250 people in detention"),
                    indicator="detained", value=1250, country="GB", place="Northgate", when="2024-03",
                    counted="people in detention", attributed_to="Monitors"),
        make_figure(text, doc_id, *span_of(text, "about 40 of them children"),
                    indicator="detained_children", value=40, qualifier="about", country="GB",
                    place="Northgate", when="2024-03", counted="children"),
        make_figure(text, doc_id, *span_of(text, "the centre was built for 900"),
                    indicator="detention_capacity", value=900, unit="places", country="GB", place="Northgate"),
    )
    events = (
        make_event(text, doc_id, *span_of(text, "On 3 April 2024 the interior ministry deported 310 people"),
                   event_type="deportation", subtype="flight", date="2024-04-03", country="GB",
                   actors=("interior ministry",), summary="Charter deportation flight with 310 people",
                   attributed_to="the ministry"),
    )
    return Sample(document, Extraction(figures, events))


def russian(**overrides: object) -> Sample:
    """A Russian report with a hedged figure and a court event (Cyrillic quotes throughout)."""
    text = str(overrides.pop("text", RUSSIAN_TEXT))
    doc_id = str(overrides.pop("id", document_id(text.encode("utf-8"))))
    document = Document(
        id=doc_id,
        text=text,
        title="Центр временного содержания: весна 2024 года",
        url=None,
        publisher="Правозащитный центр",
        published="2024-04",
        language="ru",
        retrieved_at="2024-04-20T18:00:00+03:00",
        confidentiality=Confidentiality.RESTRICTED,
        source="partners/ekb-2024.docx",
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        archive_path=None,
        **overrides,
    )
    figures = (
        make_figure(text, doc_id, *span_of(text, "находились около 420 иностранных граждан"),
                    indicator="detained", value=420, qualifier="about", country="RU", place="Екатеринбург",
                    when="2024-03", counted="иностранные граждане", attributed_to="правозащитники"),
        make_figure(text, doc_id, *span_of(text, "Почти половина задержанных"),
                    indicator="other", value=0.5, qualifier="almost", unit="fraction", country="RU"),
    )
    events = (
        make_event(text, doc_id, *span_of(text, "12 апреля 2024 года суд постановил выдворить 35 человек"),
                   event_type="court", subtype="ruling", date="2024-04-12", country="RU",
                   place="Екатеринбург", actors=("суд", "ФССП"), summary="Суд постановил выдворить 35 человек"),
    )
    return Sample(document, Extraction(figures, events))


def plain(text: str, *, title: str | None = None, **fields: object) -> Document:
    """A bare document for search tests: id hashed from the text."""
    return Document(id=document_id(text.encode("utf-8")), text=text, title=title, **fields)  # type: ignore[arg-type]
