"""Small stores for the publishing tests: documents the project wrote, with figures placed by hand."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vigil.ingest import Archive
from vigil.model import Confidentiality, Document, Extraction, Figure, document_id, make_figure
from vigil.store import Store

# A string that appears in the confidential document only; no public output may contain it.
CANARY = "Kestrel-Quartz-4471"
CONFIDENTIAL_TITLE = "Partner testimony from the Sakharovo centre (confidential)"

PUBLIC_TEXT = (
    "Russia expelled 87,000 foreigners in 2024, the Federal Bailiff Service said. "
    "A Tajik official put the number of Tajik citizens deported in 2024 at about 30,000."
)
SECOND_TEXT = "Bailiffs forcibly removed more than 87,000 foreign nationals from Russia in 2024."
CONFIDENTIAL_TEXT = (
    f"Witness {CANARY} said guards held 412 people in the centre on 12 March 2025, "
    "far above its capacity."
)
RESTRICTED_TEXT = f"An internal tally, code {CANARY}-R, counted 95 deaths in detention in 2024."


@dataclass(frozen=True)
class Sample:
    """The documents stored, by name."""

    public: Document
    second: Document
    confidential: Document
    restricted: Document


def _figure(doc: Document, phrase: str, **fields: object) -> Figure:
    start = doc.text.index(phrase)
    return make_figure(doc.text, doc.id, start, start + len(phrase), **fields)  # type: ignore[arg-type]


def _document(archive: Archive, text: str, title: str, published: str, level: Confidentiality) -> Document:
    original = text.encode("utf-8")
    return Document(
        id=document_id(original),
        text=text,
        title=title,
        published=published,
        language="en",
        confidentiality=level,
        media_type="text/plain",
        archive_path=archive.put(original, ".txt"),
        url=None,
        publisher="Sample Monitor",
    )


def fill(store: Store, archive_root: Path) -> Sample:
    """Store two public documents, one confidential and one restricted, each with figures."""
    archive = Archive(archive_root)
    public = _document(archive, PUBLIC_TEXT, "Russia expelled 87,000 foreigners in 2024", "2025-02-20", Confidentiality.PUBLIC)
    second = _document(archive, SECOND_TEXT, "Bailiffs: more than 87,000 removed", "2025-02-17", Confidentiality.PUBLIC)
    confidential = _document(archive, CONFIDENTIAL_TEXT, CONFIDENTIAL_TITLE, "2025-03-14", Confidentiality.CONFIDENTIAL)
    restricted = _document(archive, RESTRICTED_TEXT, "Internal tally", "2025-01-10", Confidentiality.RESTRICTED)
    store.add(
        public,
        Extraction(
            figures=(
                _figure(public, "Russia expelled 87,000 foreigners in 2024", indicator="deported", value=87_000,
                        country="RU", when="2024", attributed_to="Federal Bailiff Service", counted="foreigners"),
                _figure(public, "Tajik citizens deported in 2024 at about 30,000", indicator="deported", value=30_000,
                        qualifier="about", country="RU", when="2024"),
            )
        ),
    )
    store.add(
        second,
        Extraction(
            figures=(
                _figure(second, "removed more than 87,000 foreign nationals from Russia in 2024", indicator="deported",
                        value=87_000, qualifier="more_than", country="RU", when="2024"),
            )
        ),
    )
    store.add(
        confidential,
        Extraction(
            figures=(
                _figure(confidential, f"Witness {CANARY} said guards held 412 people in the centre on 12 March 2025",
                        indicator="detained", value=412, country="RU", when="2025-03-12", place="Sakharovo",
                        attributed_to=f"Witness {CANARY}"),
            )
        ),
    )
    store.add(
        restricted,
        Extraction(
            figures=(
                _figure(restricted, "counted 95 deaths in detention in 2024", indicator="deaths_in_detention",
                        value=95, country="RU", when="2024"),
            )
        ),
    )
    return Sample(public=public, second=second, confidential=confidential, restricted=restricted)
