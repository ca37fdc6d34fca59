"""Periods: what a figure's `when` covers, as a span of days, so two `when`s can be compared.

A figure's `when` is ISO 8601 (../shared/spec/figures.md): a year `2024`, a month
`2025-02`, a day `2025-03-09` (a stock counted on that day) or an interval
`2025-02-05/2025-03-09` whose ends may themselves be partial dates. Two figures are
about the same period when their `when`s cover exactly the same days, first to last:

  - `2024` and `2024-01-01/2024-12-31` are the same period (both the calendar year);
  - `2024` and `2024-12-31` are not: a flow over a year is not a stock on its last day;
  - `2025-02` and `2025-02-05/2025-03-09` are not: overlapping is not the same.

Inexact overlap is deliberately not enough, because a figure for January and one for
the whole year are different facts that happen to share days, and calling them one
fact would report a false conflict between them. A `when` that is not ISO 8601 is not
a period (`parse_period` returns None), and its figure stays out of facts and series.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Granularity", "Period", "parse_period"]

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class Granularity(StrEnum):
    """How long a period is, which decides what a series of its values can be compared with."""

    YEAR = "year"  # a calendar year: a flow over that year
    MONTH = "month"  # a calendar month: a flow over that month
    DAY = "day"  # one day: a stock counted on that day
    INTERVAL = "interval"  # any other span of days: a flow over it


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """The days a figure's `when` covers, first and last included; `label` is its canonical text.

    Periods order by first day, then last day, so sorting puts them in time order.
    """

    start: dt.date
    end: dt.date
    label: str

    @property
    def granularity(self) -> Granularity:
        """Year, month, day, or another interval, read from the days covered (not from the text)."""
        if self.start == self.end:
            return Granularity.DAY
        if self.start.month == 1 and self.start.day == 1 and self.end == dt.date(self.start.year, 12, 31):
            return Granularity.YEAR
        if self.start.day == 1 and self.end == _last_day(self.start.year, self.start.month):
            return Granularity.MONTH
        return Granularity.INTERVAL

    @property
    def is_stock(self) -> bool:
        """Whether the period is one day, so its figure is a stock (how many on that day)."""
        return self.start == self.end

    @property
    def key(self) -> tuple[dt.date, dt.date]:
        """What makes two periods the same: their first and last day."""
        return (self.start, self.end)


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _bounds(text: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of a partial ISO date, or None when it is not one."""
    m = _PARTIAL.match(text.strip())
    if m is None:
        return None
    year = int(m.group(1))
    try:
        if m.group(3) is not None:
            day = dt.date(year, int(m.group(2)), int(m.group(3)))
            return day, day
        if m.group(2) is not None:
            month = int(m.group(2))
            return dt.date(year, month, 1), _last_day(year, month)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None


def _label(start: dt.date, end: dt.date) -> str:
    """The shortest ISO 8601 text for these days: `2024`, `2025-02`, `2025-03-09` or `a/b`."""
    if start == end:
        return start.isoformat()
    if start.month == 1 and start.day == 1 and end == dt.date(start.year, 12, 31):
        return str(start.year)
    if start.day == 1 and end == _last_day(start.year, start.month):
        return f"{start.year:04d}-{start.month:02d}"
    return f"{start.isoformat()}/{end.isoformat()}"


def parse_period(when: str | None) -> Period | None:
    """The period a `when` covers, or None for no `when` or one that is not ISO 8601."""
    if not when or not when.strip():
        return None
    parts = when.strip().split("/")
    if len(parts) == 1:
        bounds = _bounds(parts[0])
        if bounds is None:
            return None
        start, end = bounds
    elif len(parts) == 2:
        first, last = _bounds(parts[0]), _bounds(parts[1])
        if first is None or last is None:
            return None
        start, end = first[0], last[1]
        if end < start:
            return None
    else:
        return None
    return Period(start=start, end=end, label=_label(start, end))
