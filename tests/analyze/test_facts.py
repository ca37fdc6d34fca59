"""Facts: grouping by country, indicator, unit, place and period; the best-value rule; conflicts (issue 7)."""

from __future__ import annotations

import pytest

from vigil.analyze.facts import build_facts, latest, undated
from vigil.analyze.periods import Granularity, parse_period
from vigil.analyze.series import build_series
from vigil.model import Indicator, Qualifier, ReviewStatus, make_figure
from vigil.store.rows import StoredFigure

TEXT = "Officials said a number was stated in this sentence, which every test figure quotes."


def stored(
    value: int,
    *,
    qualifier: Qualifier = Qualifier.EXACT,
    when: str | None = "2024",
    document: str = "sha256:" + "a" * 64,
    published: str | None = "2025-02-01",
    status: ReviewStatus = ReviewStatus.EXTRACTED,
    attributed_to: str | None = None,
    indicator: Indicator = Indicator.DEPORTED,
    country: str | None = "RU",
    place: str | None = None,
    unit: str = "people",
    start: int = 0,
) -> StoredFigure:
    figure = make_figure(
        TEXT, document, start, start + 20, indicator=indicator, value=value, qualifier=qualifier,
        unit=unit, country=country, place=place, when=when, attributed_to=attributed_to,
    )
    return StoredFigure(figure=figure, status=status, document_title=f"Report {document[-4:]}", published=published)


DOC_A, DOC_B, DOC_C = ("sha256:" + c * 64 for c in "abc")


@pytest.mark.parametrize(
    "when_a, when_b, same",
    [
        ("2024", "2024", True),
        ("2024", "2024-01-01/2024-12-31", True),
        ("2024", "2024-01/2024-12", True),
        ("2024", "2024-12-31", False),  # a stock on the last day is not the year's flow
        ("2025-02", "2025-02-05/2025-03-09", False),  # overlapping is not the same
        ("2025-03-09", "2025-03-09", True),
        ("2024-01-01/2024-06-30", "2024-01/2024-06", True),
    ],
)
def test_periods_compare_by_the_days_they_cover(when_a: str, when_b: str, same: bool) -> None:
    a, b = parse_period(when_a), parse_period(when_b)
    assert a is not None and b is not None
    assert (a.key == b.key) is same
    facts = build_facts([stored(1000, when=when_a, document=DOC_A), stored(1000, when=when_b, document=DOC_B)])
    assert len(facts) == (1 if same else 2)


@pytest.mark.parametrize(
    "when, label, granularity",
    [
        ("2024", "2024", Granularity.YEAR),
        ("2024-01-01/2024-12-31", "2024", Granularity.YEAR),
        ("2025-02", "2025-02", Granularity.MONTH),
        ("2025-03-09", "2025-03-09", Granularity.DAY),
        ("2018-10-01/2019-09-30", "2018-10-01/2019-09-30", Granularity.INTERVAL),
        ("2025-02-05/2025-03", "2025-02-05/2025-03-31", Granularity.INTERVAL),
    ],
)
def test_period_labels_and_granularity(when: str, label: str, granularity: Granularity) -> None:
    period = parse_period(when)
    assert period is not None
    assert (period.label, period.granularity) == (label, granularity)


@pytest.mark.parametrize("when", [None, "", "last year", "2024-13", "2024-02-30", "2025-03/2025-01", "2024/2025/2026"])
def test_figures_without_a_readable_period_form_no_fact(when: str | None) -> None:
    figures = [stored(1000, when=when)]
    assert build_facts(figures) == []
    assert undated(figures) == figures


def test_unit_place_and_country_split_facts() -> None:
    facts = build_facts(
        [
            stored(87_000, document=DOC_A),
            stored(56, unit="percent", document=DOC_A, start=1),
            stored(18_000, place="Moscow", document=DOC_B),
            stored(18_100, place=" moscow ", document=DOC_C),
            stored(20_084, country="DE", document=DOC_C, start=2),
        ]
    )
    keys = {(f.key.country, f.key.unit, f.key.place) for f in facts}
    assert keys == {("RU", "people", None), ("RU", "percent", None), ("RU", "people", "moscow"), ("DE", "people", None)}
    moscow = next(f for f in facts if f.key.place == "moscow")
    assert moscow.corroboration == 2 and not moscow.conflicts


# The best-value rule, one row a step: (figures, index of the expected best).
BEST_CASES = {
    "verified beats unverified even when older and unofficial": (
        [
            stored(87_000, document=DOC_A, published="2025-03-01", attributed_to="Federal Bailiff Service"),
            stored(86_900, document=DOC_B, published="2025-01-01", status=ReviewStatus.VERIFIED),
        ],
        1,
    ),
    "corrected counts as verified": (
        [stored(87_000, document=DOC_A), stored(87_100, document=DOC_B, status=ReviewStatus.CORRECTED)],
        1,
    ),
    "official beats a later unofficial report": (
        [
            stored(87_000, document=DOC_A, published="2025-03-01", attributed_to="Asia-Plus"),
            stored(87_100, document=DOC_B, published="2025-02-01", attributed_to="Министерство внутренних дел"),
        ],
        1,
    ),
    "a later report beats an earlier one": (
        [stored(87_000, document=DOC_A, published="2025-02-01"), stored(87_100, document=DOC_B, published="2025-02-17")],
        1,
    ),
    "an undated report comes after dated ones": (
        [stored(87_000, document=DOC_A, published=None), stored(87_100, document=DOC_B, published="2020")],
        1,
    ),
    "a plain number beats a hedged one of the same report": (
        [stored(87_000, qualifier=Qualifier.MORE_THAN, document=DOC_A), stored(87_000, document=DOC_A, start=5)],
        1,
    ),
    "rejected figures never count, however well placed": (
        [
            stored(99_000, document=DOC_A, status=ReviewStatus.REJECTED, attributed_to="Ministry of the Interior"),
            stored(87_000, document=DOC_B),
        ],
        1,
    ),
    "duplicates never count": (
        [stored(99_000, document=DOC_A, status=ReviewStatus.DUPLICATE), stored(87_000, document=DOC_B)],
        1,
    ),
}


@pytest.mark.parametrize("figures, best", BEST_CASES.values(), ids=BEST_CASES.keys())
def test_best_value_rule(figures: list[StoredFigure], best: int) -> None:
    (fact,) = build_facts(figures)
    assert fact.best.figure == figures[best].figure
    assert all(s.status not in (ReviewStatus.REJECTED, ReviewStatus.DUPLICATE) for s in fact.statements)


def test_the_best_is_the_same_whatever_the_input_order() -> None:
    figures = [stored(87_000, document=d, published=p) for d, p in ((DOC_A, "2025-01"), (DOC_B, "2025-03"), (DOC_C, "2025-02"))]
    assert {build_facts(order)[0].best.document for order in (figures, figures[::-1], figures[1:] + figures[:1])} == {DOC_B}


def test_issue_example_conflict_has_both_quotes_and_an_explanation() -> None:
    fact, = build_facts(
        [stored(87_000, document=DOC_A), stored(90_000, qualifier=Qualifier.MORE_THAN, document=DOC_B, published="2024")]
    )
    (c,) = fact.conflicts
    assert {c.first.document, c.second.document} == {DOC_A, DOC_B}
    assert c.first.figure.quote and c.second.figure.quote
    assert "more than 90,000" in c.explain() and "no value fits both" in c.explain()


def test_almost_is_no_conflict_and_corroboration_counts_documents_stating_the_number() -> None:
    fact, = build_facts(
        [
            stored(87_000, document=DOC_A),
            stored(87_000, document=DOC_A, start=3),  # headline and body of one report: one document
            stored(87_000, qualifier=Qualifier.MORE_THAN, document=DOC_B),
            stored(90_000, qualifier=Qualifier.ALMOST, document=DOC_C),
        ]
    )
    assert fact.conflicts == ()
    assert fact.corroboration == 2  # A and B state 87,000; C's "almost 90,000" fits but does not state it
    assert len(fact.documents) == 3


def test_each_disagreement_is_shown_once() -> None:
    fact, = build_facts(
        [
            stored(87_000, document=DOC_A, published="2025-03"),
            stored(87_000, qualifier=Qualifier.MORE_THAN, document=DOC_A, start=4, published="2025-03"),
            stored(30_000, qualifier=Qualifier.ABOUT, document=DOC_B),
            stored(44_000, qualifier=Qualifier.MORE_THAN, document=DOC_C),
        ]
    )
    # about 30,000 clashes with the best (and with the others): one conflict, against the best.
    assert [(c.first.figure.value, c.second.figure.value) for c in fact.conflicts] == [(87_000, 30_000)]


def test_clashes_among_claims_that_fit_the_best_are_shown_too() -> None:
    fact, = build_facts(
        [
            stored(10_000, qualifier=Qualifier.MORE_THAN, document=DOC_A, published="2025-03"),
            stored(12_000, document=DOC_B),
            stored(20_000, document=DOC_C),
        ]
    )
    assert [(c.first.figure.value, c.second.figure.value) for c in fact.conflicts] == [(12_000, 20_000)]


def test_other_figures_are_left_out_unless_asked_for() -> None:
    figures = [stored(9, indicator=Indicator.OTHER, unit="months")]
    assert build_facts(figures) == []
    assert len(build_facts(figures, include_other=True)) == 1


def test_publisher_makes_a_source_official() -> None:
    figures = [stored(87_000, document=DOC_A, published="2025-03"), stored(87_100, document=DOC_B, published="2025-01")]
    fact, = build_facts(figures, publishers={DOC_B: "Federal Bailiff Service of Russia"})
    assert fact.best.document == DOC_B and fact.best.official


def test_fact_ids_are_stable_and_keyed() -> None:
    a = build_facts([stored(87_000, document=DOC_A)])[0]
    b = build_facts([stored(50_000, document=DOC_B, when="2024-01-01/2024-12-31")])[0]
    assert a.id == b.id and a.id.startswith("fact:")


def test_latest_prefers_national_people_and_the_latest_period() -> None:
    facts = build_facts(
        [
            stored(44_000, when="2023", document=DOC_A),
            stored(87_000, when="2024", document=DOC_A, start=1),
            stored(18_000, when="2025", place="Moscow", document=DOC_B),
            stored(900, when="2025", unit="orders", document=DOC_C),
        ]
    )
    headline = latest(facts)[Indicator.DEPORTED]
    assert (headline.period.label, headline.best.figure.value) == ("2024", 87_000)


def test_series_keep_granularities_apart_in_time_order() -> None:
    facts = build_facts(
        [
            stored(87_000, when="2024", document=DOC_A),
            stored(44_000, when="2023", document=DOC_A, start=1),
            stored(3_000, when="2024-12-31", document=DOC_B),
            stored(2_500, when="2024-06-30", document=DOC_B, start=1),
            stored(7_000, when="2025-01", document=DOC_C),
        ]
    )
    series = {(s.granularity, tuple(p.period.label for p in s.points)) for s in build_series(facts)}
    assert series == {
        (Granularity.YEAR, ("2023", "2024")),
        (Granularity.DAY, ("2024-06-30", "2024-12-31")),
        (Granularity.MONTH, ("2025-01",)),
    }
