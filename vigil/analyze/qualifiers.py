"""What a hedged number allows: each qualifier read as an interval of true values.

Sources hedge ("about 3,000", "more than 90,000", "almost 90,000"). Two statements of
one fact disagree only when no true value could make both right, that is when their
intervals do not meet. The readings, for a stated value v:

  | qualifier   | true value lies in             | why                                                    |
  |-------------|--------------------------------|--------------------------------------------------------|
  | `exact`     | [v − 1%, v + 1%]               | reports round ("87 тыс."), re-reports round again       |
  | `about`     | [v − 10%, v + 10%]             | "about", "some", "roughly": a round number near it     |
  | `at_least`  | [v, ∞)                         | a floor, reached                                       |
  | `more_than` | (v, ∞)                         | a floor, passed                                        |
  | `almost`    | [v − 10%, v)                   | "almost", "nearly", "just under": close below          |
  | `up_to`     | [0, v]                         | a ceiling, reached ("as many as")                      |
  | `less_than` | [0, v)                         | a ceiling, not reached                                 |

So 87,000 and "more than 90,000" conflict ([86,130, 87,870] misses (90,000, ∞)), while
87,000 and "almost 90,000" do not ([81,000, 90,000) holds 87,000). Two statements
*corroborate* each other only when their stated numbers agree within the exact
tolerance: "more than 44,000" is consistent with 87,000 but does not corroborate it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from vigil.model import Qualifier

__all__ = [
    "ABOUT_MARGIN",
    "ALMOST_MARGIN",
    "EXACT_TOLERANCE",
    "Interval",
    "agree",
    "conflict",
    "interval",
    "same_number",
]

# A number given without a hedge is still often rounded: "87,000" for 87,412, "87 тыс."
# in one report and "87,000" in another. One percent covers that rounding for counts in
# the thousands and above; small counts (3 deaths vs 4) still conflict.
EXACT_TOLERANCE = 0.01
# "about", "around", "some", "roughly", "approximately": newsrooms and NGOs use them for a
# number rounded to its leading digit or so; a tenth either way is the usual reading.
ABOUT_MARGIN = 0.10
# "almost", "nearly", "close to", "just under": below the value, and near it; a tenth
# below is as far as "almost 90,000" can sensibly reach (81,000).
ALMOST_MARGIN = 0.10


@dataclass(frozen=True, slots=True)
class Interval:
    """The true values a statement allows: from `low` to `high`, each end open or closed."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def meets(self, other: Interval) -> bool:
        """Whether some value lies in both intervals."""
        # The higher of the two lows against the lower of the two highs; an end shared by
        # both intervals counts only if both include it.
        if self.low > other.low or (self.low == other.low and self.low_open):
            low, low_open = self.low, self.low_open
        else:
            low, low_open = other.low, other.low_open
        if self.high < other.high or (self.high == other.high and self.high_open):
            high, high_open = self.high, self.high_open
        else:
            high, high_open = other.high, other.high_open
        if low < high:
            return True
        return low == high and not low_open and not high_open

    def describe(self) -> str:
        """The interval in mathematical notation, for explanations ("[81000, 90000)")."""
        left = "(" if self.low_open else "["
        right = ")" if self.high_open else "]"
        high = "∞" if math.isinf(self.high) else _num(self.high)
        return f"{left}{_num(self.low)}, {high}{right}"


def _num(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def interval(value: float | int, qualifier: Qualifier | str) -> Interval:
    """The true values that `value` hedged by `qualifier` allows (table in the module docstring)."""
    v = float(value)
    q = Qualifier(qualifier)
    spread = abs(v)
    if q is Qualifier.EXACT:
        return Interval(v - spread * EXACT_TOLERANCE, v + spread * EXACT_TOLERANCE)
    if q is Qualifier.ABOUT:
        return Interval(v - spread * ABOUT_MARGIN, v + spread * ABOUT_MARGIN)
    if q is Qualifier.AT_LEAST:
        return Interval(v, math.inf, high_open=True)
    if q is Qualifier.MORE_THAN:
        return Interval(v, math.inf, low_open=True, high_open=True)
    if q is Qualifier.ALMOST:
        return Interval(v - spread * ALMOST_MARGIN, v, high_open=True)
    if q is Qualifier.UP_TO:
        return Interval(min(0.0, v), v)
    # LESS_THAN
    return Interval(min(0.0, v), v, high_open=True)


def agree(a: tuple[float | int, Qualifier | str], b: tuple[float | int, Qualifier | str]) -> bool:
    """Whether two (value, qualifier) statements can both be true."""
    return interval(*a).meets(interval(*b))


def conflict(a: tuple[float | int, Qualifier | str], b: tuple[float | int, Qualifier | str]) -> bool:
    """Whether two (value, qualifier) statements cannot both be true: 87,000 vs "more than 90,000"."""
    return not agree(a, b)


def same_number(a: float | int, b: float | int) -> bool:
    """Whether two stated numbers are the same number, up to rounding (EXACT_TOLERANCE)."""
    return abs(float(a) - float(b)) <= max(abs(float(a)), abs(float(b))) * EXACT_TOLERANCE
