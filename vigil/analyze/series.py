"""Series: one indicator in one country over time, for charts and exports.

A series holds the best value of each fact of one (country, indicator, unit, place)
at one granularity: calendar years (flows: deported in 2023, 2024), days (stocks:
held on 31 December), months, or other intervals. Granularities are never mixed in
one series, because a month's flow beside a year's flow, or a stock beside a flow,
would read as a rise or a fall that did not happen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from vigil.analyze.facts import Fact
from vigil.analyze.periods import Granularity, Period
from vigil.model import Indicator, Qualifier

__all__ = ["Point", "Series", "build_series"]

_INDICATOR_ORDER = {indicator: i for i, indicator in enumerate(Indicator)}
_GRANULARITY_ORDER = {g: i for i, g in enumerate(Granularity)}
_SLUG = re.compile(r"\W+", re.UNICODE)  # keeps Cyrillic place names readable in anchors


@dataclass(frozen=True, slots=True)
class Point:
    """One fact's best value in a series, and what a reader must know about it."""

    period: Period
    value: float | int
    qualifier: Qualifier
    verified: bool
    conflicted: bool
    corroboration: int
    fact_id: str


@dataclass(frozen=True, slots=True)
class Series:
    """Best values over time for one country, indicator, unit, place and granularity."""

    country: str | None
    indicator: Indicator
    unit: str
    place: str | None
    granularity: Granularity
    points: tuple[Point, ...]  # in time order

    @property
    def slug(self) -> str:
        """A stable name for anchors and file names: `deported-people-year`, `detained-people-day-moscow`."""
        parts = [str(self.indicator), self.unit, str(self.granularity)]
        if self.place:
            parts.append(self.place)
        text = "-".join(parts).casefold().replace("_", "-")
        return _SLUG.sub("-", text).strip("-") or "series"


def build_series(facts: Iterable[Fact]) -> list[Series]:
    """The series these facts make, in vocabulary order, whole-country series before places."""
    groups: dict[tuple[str | None, Indicator, str, str | None, Granularity], list[Fact]] = {}
    places: dict[tuple[str | None, Indicator, str, str | None, Granularity], str | None] = {}
    for fact in facts:
        k = fact.key
        group = (k.country, k.indicator, k.unit, k.place, k.period.granularity)
        groups.setdefault(group, []).append(fact)
        places.setdefault(group, fact.place)
    series = [
        Series(
            country=country,
            indicator=indicator,
            unit=unit,
            place=places[(country, indicator, unit, place, granularity)],
            granularity=granularity,
            points=tuple(
                Point(
                    period=f.key.period,
                    value=f.best.figure.value,
                    qualifier=f.best.figure.qualifier,
                    verified=f.verified,
                    conflicted=bool(f.conflicts),
                    corroboration=f.corroboration,
                    fact_id=f.id,
                )
                for f in sorted(members, key=lambda f: f.key.period)
            ),
        )
        for (country, indicator, unit, place, granularity), members in groups.items()
    ]
    series.sort(
        key=lambda s: (
            s.country or "~",
            _INDICATOR_ORDER[s.indicator],
            s.place is not None,
            (s.place or "").casefold(),
            s.unit != "people",
            s.unit,
            _GRANULARITY_ORDER[s.granularity],
        )
    )
    return series
