"""The registry built from documents (issue 10): one centre named three ways is one site, figures keep their quotes."""

from __future__ import annotations

from site_samples import CAPACITY, OTHER_CENTRE, document, event, figure, store_three
from vigil.analyze.sites import history, registry
from vigil.model import Confidentiality, EntryStatus, Extraction, SiteAttribute
from vigil.store import Store
from vigil.store.site_linking import link_document, scan_all
from vigil.store.sites import observations, sites

ALL = frozenset({"public", "restricted", "confidential"})


def test_one_centre_named_in_english_russian_and_transliteration_is_one_site(store: Store) -> None:
    docs = store_three(store)
    reports = [link_document(store, d.id) for d in docs]
    assert len(reports[0].proposed) == 1 and reports[1].linked == reports[2].linked == reports[0].proposed
    [site] = sites(store, ALL)
    assert site.site.country == "RU" and site.documents == 3
    names = [o for o in observations(store, ALL, site=site.site.id) if o.observation.attribute is SiteAttribute.NAME]
    assert len(names) == 3
    assert {o.observation.document for o in names} == {d.id for d in docs}
    for item in names:  # every observation keeps its footnote
        o = item.observation
        text = next(d.text for d in docs if d.id == o.document)
        assert o.span is not None and text[o.span.start : o.span.end] == o.quote
    assert {o.observation.quote for o in names} == {
        "Sakharovo centre", "центре временного содержания иностранных граждан в Сахарове", "TsVSIG Sakharovo",
    }


def test_figures_and_events_that_name_the_site_are_its_observations(store: Store) -> None:
    store_three(store)
    scan_all(store)
    [summary] = registry(store, ALL)
    capacity, population = summary.get(SiteAttribute.CAPACITY), summary.get(SiteAttribute.POPULATION)
    assert capacity is not None and capacity.observation.number == 680 and capacity.observation.when == "2025-05"
    assert population is not None and population.observation.number == 640
    assert [c.observation.value for c in summary.conditions] == ["overcrowding"]


def test_a_capacity_figure_attached_to_a_site_keeps_its_quote(store: Store) -> None:
    doc = document(CAPACITY, published="2025-02")
    fig = figure(doc, "has 676 places", indicator="detention_capacity", value=676, unit="places", country="GB")
    store.add(doc, Extraction(figures=(fig,)))
    link_document(store, doc.id)
    [summary] = registry(store, ALL)
    assert summary.site.name == "Harmondsworth immigration removal centre"
    capacity = summary.get(SiteAttribute.CAPACITY)
    assert capacity is not None
    o = capacity.observation
    assert (o.quote, o.span, o.figure, o.document) == (fig.quote, fig.span, fig.id, doc.id)
    assert doc.text[o.span.start : o.span.end] == "has 676 places"  # type: ignore[union-attr]


def test_reading_a_document_twice_changes_nothing(store: Store) -> None:
    docs = store_three(store)
    first = scan_all(store)
    before = observations(store, ALL)
    again = [link_document(store, d.id) for d in docs]
    assert len(first) == 3 and all(r.already for r in again)
    assert observations(store, ALL) == before


def test_a_different_centre_is_a_different_site(store: Store) -> None:
    store_three(store)
    other = document(OTHER_CENTRE, published="2025-06")
    store.add(other, Extraction(events=(event(other, "began a hunger strike on 2 June 2025", event_type="detention",
                                              subtype="hunger_strike", date="2025-06-02", country="RU"),)))
    scan_all(store)
    assert len(registry(store, ALL)) == 2
    korolyov = [s for s in registry(store, ALL) if "Korolyov" in s.site.name]
    assert len(korolyov) == 1 and [c.observation.value for c in korolyov[0].conditions] == ["hunger_strike"]


def test_a_site_known_only_from_a_confidential_document_is_hidden(store: Store) -> None:
    secret = document("A detainee told us the Riverbank detention centre has 40 beds.", level=Confidentiality.CONFIDENTIAL)
    store.add(secret, Extraction())
    link_document(store, secret.id)
    assert [s.site.name for s in sites(store, ALL)] == ["Riverbank detention centre"]
    assert sites(store, {"public", "restricted"}) == []
    public = document("The Riverbank detention centre opened in 2019, the ministry says.", published="2025-07")
    store.add(public, Extraction())
    link_document(store, public.id)
    [seen] = sites(store, {"public"})
    assert seen.observations == 3 and seen.documents == 1  # name, type and status, from the public document only
    found = history(store, seen.site.id, {"public"})
    assert {o.observation.document for o in found.observations} == {public.id}
    assert found.summary.get(SiteAttribute.STATUS) is not None
    assert found.summary.site.status is EntryStatus.PROPOSED
