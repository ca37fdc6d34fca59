"""A small corpus at the three confidentiality levels, with canaries, and a user of every role.

Written by the project for these tests. Every restricted or confidential
document carries unique canary strings — in its title, text, a figure's place
and source, an event's summary — so a test can scan any response for them: a
canary seen by someone who may not see its document is a leak (issue 9).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vigil.model import Confidentiality, Document, Extraction, document_id, make_event, make_figure
from vigil.review import accounts
from vigil.review.roles import Role
from vigil.store import Store
from vigil.store.users import UserRow

PASSWORD = "correct horse battery staple"

CANARIES = {
    "restricted": ("CANARY-RESTRICTED-TITLE-5c1e", "CANARY-RESTRICTED-CONTACT-7f3a", "CANARY-RESTRICTED-EVENT-2b90"),
    "confidential": ("CANARY-CONFIDENTIAL-TITLE-d44a", "CANARY-CONFIDENTIAL-DETAINEE-91bd", "CANARY-CONFIDENTIAL-EVENT-0e77"),
}

PUBLIC_TEXT = (
    "In its annual review published in June 2024, the Eastbrook Detention Monitor counted 2,140 people "
    "held in immigration detention at the end of May. Of them, 85 were children. "
    "The authorities deported 460 people in the first quarter, the review says."
)

RESTRICTED_TEXT = (
    "Field note from our partner CANARY-RESTRICTED-CONTACT-7f3a: on 2 May 2024, 37 detainees began a hunger "
    "strike at the Riverside centre, which holds about 300 people."
)

CONFIDENTIAL_TEXT = (
    "Testimony of detainee CANARY-CONFIDENTIAL-DETAINEE-91bd: in April 2024 about 60 people were held in one "
    "room at the Hill Road facility; 12 of them were deported a week later."
)


def _span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


@dataclass(frozen=True)
class Corpus:
    """What `seed` stored: documents by level, figure and event row ids by level."""

    documents: dict[str, Document]
    figures: dict[str, list[str]] = field(default_factory=dict)
    events: dict[str, list[str]] = field(default_factory=dict)

    def hidden_from(self, levels: frozenset[str]) -> list[str]:
        """Every string that must not reach someone who sees only `levels`: canaries and ids."""
        out: list[str] = []
        for level, doc in self.documents.items():
            if level in levels:
                continue
            out += list(CANARIES.get(level, ())) + [doc.id] + self.figures[level] + self.events[level]
        return out


def _document(text: str, level: Confidentiality, title: str, published: str, language: str = "en") -> Document:
    return Document(
        id=document_id(text.encode("utf-8")), text=text, title=title, published=published, language=language,
        confidentiality=level, source=f"tests/{level}.txt", media_type="text/plain",
    )


def seed(store: Store) -> Corpus:
    """Store three documents (public, restricted, confidential) with figures and events."""
    docs: dict[str, Document] = {}
    figures: dict[str, list[str]] = {}
    events: dict[str, list[str]] = {}

    pub = _document(PUBLIC_TEXT, Confidentiality.PUBLIC, "Eastbrook annual detention review", "2024-06")
    f1 = make_figure(pub.text, pub.id, *_span(pub.text, "counted 2,140 people held in immigration detention"),
                     indicator="detained", value=2140, country="GB", when="2024-05")
    f2 = make_figure(pub.text, pub.id, *_span(pub.text, "85 were children"), indicator="detained_children",
                     value=85, country="GB", when="2024-05")
    f3 = make_figure(pub.text, pub.id, *_span(pub.text, "deported 460 people in the first quarter"),
                     indicator="deported", value=460, country="GB", when="2024-Q1"[:4])
    e1 = make_event(pub.text, pub.id, *_span(pub.text, "The authorities deported 460 people"),
                    event_type="deportation", subtype="operation", date="2024", country="GB",
                    summary="Deportations in the first quarter")
    store.add(pub, Extraction(figures=(f1, f2, f3), events=(e1,)))
    docs["public"], figures["public"], events["public"] = pub, [f1.id, f2.id, f3.id], [e1.id]

    res = _document(RESTRICTED_TEXT, Confidentiality.RESTRICTED, "Partner field note CANARY-RESTRICTED-TITLE-5c1e",
                    "2024-05-03")
    f4 = make_figure(res.text, res.id, *_span(res.text, "37 detainees began a hunger strike"), indicator="other",
                     value=37, unit="people", country="GB", place="Riverside centre", when="2024-05-02",
                     attributed_to="CANARY-RESTRICTED-CONTACT-7f3a")
    f5 = make_figure(res.text, res.id, *_span(res.text, "holds about 300 people"), indicator="detention_capacity",
                     value=300, qualifier="about", unit="places", country="GB")
    e2 = make_event(res.text, res.id, *_span(res.text, "37 detainees began a hunger strike"), event_type="detention",
                    subtype="hunger_strike", date="2024-05-02", country="GB",
                    summary="Hunger strike CANARY-RESTRICTED-EVENT-2b90")
    store.add(res, Extraction(figures=(f4, f5), events=(e2,)))
    docs["restricted"], figures["restricted"], events["restricted"] = res, [f4.id, f5.id], [e2.id]

    con = _document(CONFIDENTIAL_TEXT, Confidentiality.CONFIDENTIAL,
                    "Testimony CANARY-CONFIDENTIAL-TITLE-d44a", "2024-04-20")
    f6 = make_figure(con.text, con.id, *_span(con.text, "about 60 people were held in one room"), indicator="detained",
                     value=60, qualifier="about", country="GB", place="Hill Road facility",
                     attributed_to="CANARY-CONFIDENTIAL-DETAINEE-91bd", when="2024-04")
    f7 = make_figure(con.text, con.id, *_span(con.text, "12 of them were deported"), indicator="deported", value=12,
                     country="GB", when="2024-04")
    e3 = make_event(con.text, con.id, *_span(con.text, "12 of them were deported a week later"),
                    event_type="deportation", subtype="operation", date="2024-04", country="GB",
                    summary="Deportation CANARY-CONFIDENTIAL-EVENT-0e77")
    store.add(con, Extraction(figures=(f6, f7), events=(e3,)))
    docs["confidential"], figures["confidential"], events["confidential"] = con, [f6.id, f7.id], [e3.id]
    return Corpus(docs, figures, events)


def make_users(store: Store) -> dict[str, UserRow]:
    """One user of every role, named after it, all with PASSWORD (no one-time password to change)."""
    return {
        role.value: accounts.add_user(store, role.value, role, actor="test", password=PASSWORD)[0] for role in Role
    }
