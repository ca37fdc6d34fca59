"""The qualifier-interval rule: which pairs of hedged numbers can both be true (issue 7)."""

from __future__ import annotations

import math

import pytest

from vigil.analyze.qualifiers import ABOUT_MARGIN, ALMOST_MARGIN, EXACT_TOLERANCE, agree, conflict, interval, same_number
from vigil.model import Qualifier as Q

# (value a, qualifier a, value b, qualifier b, conflict?) — the two examples first.
PAIRS = [
    (87_000, Q.EXACT, 90_000, Q.MORE_THAN, True),  # "87,000" vs "more than 90,000"
    (87_000, Q.EXACT, 90_000, Q.ALMOST, False),  # "87,000" vs "almost 90,000"
    (87_000, Q.EXACT, 87_000, Q.EXACT, False),
    (87_000, Q.EXACT, 87_400, Q.EXACT, False),  # rounding: "87 тыс." vs 87,400
    (87_000, Q.EXACT, 89_000, Q.EXACT, True),
    (87_000, Q.EXACT, 87_000, Q.MORE_THAN, False),  # "87,000" may be rounded down from 87,300
    (87_000, Q.EXACT, 44_000, Q.MORE_THAN, False),  # consistent, if no corroboration
    (87_000, Q.EXACT, 30_000, Q.ABOUT, True),
    (3_000, Q.ABOUT, 3_250, Q.EXACT, False),
    (3_000, Q.ABOUT, 3_500, Q.EXACT, True),
    (3_000, Q.ABOUT, 3_500, Q.ABOUT, False),  # [2700, 3300] meets [3150, 3850]
    (3_000, Q.ABOUT, 4_000, Q.ABOUT, True),
    (500, Q.AT_LEAST, 500, Q.EXACT, False),
    (500, Q.MORE_THAN, 495, Q.EXACT, True),  # checked on its own below
    (500, Q.MORE_THAN, 400, Q.EXACT, True),
    (500, Q.MORE_THAN, 500, Q.LESS_THAN, True),  # (500, ∞) and [0, 500) share nothing
    (500, Q.AT_LEAST, 500, Q.UP_TO, False),  # both allow exactly 500
    (500, Q.MORE_THAN, 500, Q.UP_TO, True),
    (2_000, Q.UP_TO, 1_200, Q.EXACT, False),
    (2_000, Q.UP_TO, 2_500, Q.EXACT, True),
    (2_000, Q.LESS_THAN, 2_000, Q.EXACT, False),  # 2,000 ± 1% reaches below 2,000
    (1_000, Q.LESS_THAN, 1_500, Q.AT_LEAST, True),
    (90_000, Q.ALMOST, 91_000, Q.EXACT, True),
    (90_000, Q.ALMOST, 80_000, Q.EXACT, True),  # more than a tenth below is not "almost"
    (90_000, Q.ALMOST, 100_000, Q.ALMOST, True),  # checked on its own below
    (3, Q.EXACT, 4, Q.EXACT, True),  # small counts: 3 deaths and 4 deaths disagree
    (10_000, Q.ABOUT, 30_000, Q.MORE_THAN, True),
    (80_000, Q.EXACT, 20_000, Q.EXACT, True),
]



@pytest.mark.parametrize("a, qa, b, qb, clash", PAIRS)
def test_conflict_table(a: int, qa: Q, b: int, qb: Q, clash: bool) -> None:
    assert conflict((a, qa), (b, qb)) is clash
    assert conflict((b, qb), (a, qa)) is clash, "the rule must not depend on the order"
    assert agree((a, qa), (b, qb)) is not clash


def test_more_than_against_an_exact_number_just_below() -> None:
    # 495 ± 1% = [490.05, 499.95]: below every value "more than 500" allows.
    assert conflict((500, Q.MORE_THAN), (495, Q.EXACT))
    # 497 ± 1% reaches 501.97, above 500: both can be true.
    assert agree((500, Q.MORE_THAN), (497, Q.EXACT))


def test_almost_meets_the_next_almost_only_where_the_ranges_touch() -> None:
    # almost 90,000 = [81,000, 90,000); almost 100,000 = [90,000, 100,000): they touch at
    # 90,000, which the first leaves out, so no value fits both.
    assert conflict((90_000, Q.ALMOST), (100_000, Q.ALMOST))
    assert agree((90_000, Q.ALMOST), (95_000, Q.ALMOST))


@pytest.mark.parametrize(
    "value, qualifier, low, high, low_open, high_open",
    [
        (1000, Q.EXACT, 1000 * (1 - EXACT_TOLERANCE), 1000 * (1 + EXACT_TOLERANCE), False, False),
        (1000, Q.ABOUT, 1000 * (1 - ABOUT_MARGIN), 1000 * (1 + ABOUT_MARGIN), False, False),
        (1000, Q.AT_LEAST, 1000, math.inf, False, True),
        (1000, Q.MORE_THAN, 1000, math.inf, True, True),
        (1000, Q.ALMOST, 1000 * (1 - ALMOST_MARGIN), 1000, False, True),
        (1000, Q.UP_TO, 0, 1000, False, False),
        (1000, Q.LESS_THAN, 0, 1000, False, True),
    ],
)
def test_each_qualifier_reads_as_its_interval(
    value: int, qualifier: Q, low: float, high: float, low_open: bool, high_open: bool
) -> None:
    got = interval(value, qualifier)
    assert (got.low, got.high, got.low_open, got.high_open) == pytest.approx((low, high, low_open, high_open))


@pytest.mark.parametrize(
    "a, b, same",
    [(87_000, 87_000, True), (87_000, 87_500, True), (87_000, 88_000, False), (3, 4, False), (0, 0, True)],
)
def test_same_number_allows_rounding_only(a: int, b: int, same: bool) -> None:
    assert same_number(a, b) is same
