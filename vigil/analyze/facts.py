"""Facts: many figures, one answer — the best value, every source, and where sources disagree.

A researcher asked "how many people did Russia deport in 2024?" needs one number, the
sources that state it, and a warning where sources disagree. A *fact* is every figure
that has the same

  - country (ISO alpha-2; figures without one form facts of their own, country None),
  - indicator and unit (87,000 people and 56 percent are different facts),
  - place (case-folded; None is the whole country: a Moscow figure is not a national one),
  - period: the same days, first to last (periods.py: `2024` equals
    `2024-01-01/2024-12-31`; a stock on 31 December is not the year's flow).

Figures without a period (no `when`, or one that is not ISO 8601) belong to no fact:
there is nothing to compare them with (`undated` lists them). `other` figures are left
out unless asked for: they count unrelated things, and grouping them would report
false conflicts.

**Which statements count.** Rejected and duplicate figures never count. Everything
else does, and a fact whose best statement is not verified says so (`Fact.verified`).

**The best value** is the statement ranked first by, in this order:

  1. review: verified or corrected beat extracted (a person checked it);
  2. an official source beats an unofficial one (official.py: the attribution or
     the document's publisher names a state body);
  3. a later report beats an earlier one (publication date; undated reports last),
     since later reports carry revised numbers;
  4. a plain number beats a hedged one (exact, then about, then the bounds),
     since it says the most;
  5. document id and position, so the same store always gives the same answer.

**Corroboration** is the number of distinct documents stating the best number
(qualifiers.same_number: equal up to rounding), the best's own document included.

**Conflicts** are pairs of statements that cannot both be true once their qualifiers
are read as intervals (qualifiers.py): 87,000 vs "more than 90,000" conflict, 87,000 vs
"almost 90,000" do not. Statements saying the same (value, qualifier) are one claim, shown
by its best-ranked statement. Each claim that clashes with the best value is one conflict
against the best; claims that fit the best but clash with each other are a conflict per
pair. So every disagreement is shown once, with both quotes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from vigil.analyze.official import is_official
from vigil.analyze.periods import Period, parse_period
from vigil.analyze.qualifiers import conflict, interval, same_number
from vigil.model import Figure, Indicator, Qualifier, ReviewStatus
from vigil.store.rows import StoredFigure

__all__ = [
    "COUNTED",
    "Conflict",
    "Fact",
    "FactKey",
    "Statement",
    "VERIFIED",
    "build_facts",
    "latest",
    "rank_key",
    "statement",
    "undated",
]

# Review verdicts under which a figure is checked by a person.
VERIFIED = frozenset({ReviewStatus.VERIFIED, ReviewStatus.CORRECTED})
# Review verdicts under which a figure still counts towards facts.
COUNTED = frozenset({ReviewStatus.EXTRACTED, ReviewStatus.VERIFIED, ReviewStatus.CORRECTED})
# Rule 4: how much a qualifier says about the number; higher says more.
_QUALIFIER_PRECISION: dict[Qualifier, int] = {
    Qualifier.EXACT: 3,
    Qualifier.ABOUT: 2,
    Qualifier.AT_LEAST: 1,
    Qualifier.MORE_THAN: 1,
    Qualifier.ALMOST: 1,
    Qualifier.UP_TO: 1,
    Qualifier.LESS_THAN: 1,
}
_INDICATOR_ORDER = {indicator: i for i, indicator in enumerate(Indicator)}


@dataclass(frozen=True, slots=True)
class Statement:
    """One figure stating a fact, with what the best-value rule weighs."""

    figure: Figure
    status: ReviewStatus
    document_title: str | None
    published: str | None
    official: bool

    @property
    def verified(self) -> bool:
        """Whether a reviewer verified or corrected this figure."""
        return self.status in VERIFIED

    @property
    def document(self) -> str:
        return self.figure.document

    @property
    def claim(self) -> tuple[float | int, Qualifier]:
        """What the statement says: its value and qualifier."""
        return (self.figure.value, self.figure.qualifier)


@dataclass(frozen=True, slots=True)
class FactKey:
    """What makes figures one fact: country, indicator, unit, place and period."""

    country: str | None
    indicator: Indicator
    unit: str
    place: str | None  # case-folded; None for the whole country
    period: Period


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two statements of one fact that cannot both be true; `first` is the better ranked."""

    first: Statement
    second: Statement

    def explain(self) -> str:
        """Why they clash, in numbers: the two intervals that do not meet."""
        a = interval(*self.first.claim).describe()
        b = interval(*self.second.claim).describe()
        return f"{_says(self.first)} allows {a}; {_says(self.second)} allows {b}: no value fits both"


def _says(s: Statement) -> str:
    value = s.figure.value
    number = f"{value:,}" if isinstance(value, int) or float(value).is_integer() else f"{value:,}"
    if s.figure.qualifier is Qualifier.EXACT:
        return number
    return f"{s.figure.qualifier.value.replace('_', ' ')} {number}"


@dataclass(frozen=True, slots=True)
class Fact:
    """One answer: the best statement of a fact, all its statements ranked, and its conflicts."""

    key: FactKey
    best: Statement
    statements: tuple[Statement, ...]  # ranked, best first
    corroboration: int  # distinct documents stating the best number
    conflicts: tuple[Conflict, ...]

    @property
    def id(self) -> str:
        """A content hash of the key: the same fact keeps its id across runs and reviews."""
        k = self.key
        raw = "\x1f".join((k.country or "", str(k.indicator), k.unit, k.place or "", k.period.label))
        return "fact:" + hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]

    @property
    def verified(self) -> bool:
        """Whether the best value was checked by a reviewer."""
        return self.best.verified

    @property
    def documents(self) -> tuple[str, ...]:
        """The documents stating the fact, best first, each once."""
        return tuple(dict.fromkeys(s.document for s in self.statements))

    @property
    def period(self) -> Period:
        return self.key.period

    @property
    def place(self) -> str | None:
        """The place as the best statement writes it (the key holds it case-folded)."""
        return self.best.figure.place if self.key.place is not None else None


def statement(stored: StoredFigure, publisher: str | None = None) -> Statement:
    """A stored figure as a Statement, official when its attribution or publisher names a state body."""
    return Statement(
        figure=stored.figure,
        status=stored.status,
        document_title=stored.document_title,
        published=stored.published,
        official=is_official(stored.figure.attributed_to, publisher),
    )


def rank_key(s: Statement) -> tuple[int, int, int, str, int, str, int]:
    """The best-value rule as a sort key: sorted() puts the best statement first."""
    published = s.published or ""
    # Later dates sort first: negate each character so a plain ascending sort works on text.
    later_first = "".join(chr(0x10FFFF - ord(c)) for c in published) if published else "\U0010ffff"
    return (
        0 if s.verified else 1,
        0 if s.official else 1,
        0 if s.published else 1,
        later_first,
        -_QUALIFIER_PRECISION[s.figure.qualifier],
        s.document,
        s.figure.span.start,
    )


def _key(figure: Figure, period: Period) -> FactKey:
    place = figure.place.strip().casefold() if figure.place and figure.place.strip() else None
    return FactKey(
        country=figure.country.upper() if figure.country else None,
        indicator=figure.indicator,
        unit=figure.unit,
        place=place,
        period=period,
    )


def undated(figures: Iterable[StoredFigure]) -> list[StoredFigure]:
    """The counted figures that belong to no fact because their `when` is not a period."""
    return [f for f in figures if f.status in COUNTED and parse_period(f.figure.when) is None]


def build_facts(
    figures: Iterable[StoredFigure],
    *,
    publishers: Mapping[str, str | None] | None = None,
    include_other: bool = False,
) -> list[Fact]:
    """Group figures into facts (module docstring), each with its best value, sources and conflicts.

    `publishers` maps document ids to publishers, for the official-source rule.
    Facts come sorted by country, indicator (vocabulary order), unit, place, period.
    """
    groups: dict[tuple[str | None, Indicator, str, str | None, tuple[object, ...]], list[Statement]] = {}
    keys: dict[tuple[str | None, Indicator, str, str | None, tuple[object, ...]], FactKey] = {}
    for stored in figures:
        if stored.status not in COUNTED:
            continue
        if stored.figure.indicator is Indicator.OTHER and not include_other:
            continue
        period = parse_period(stored.figure.when)
        if period is None:
            continue
        key = _key(stored.figure, period)
        group = (key.country, key.indicator, key.unit, key.place, period.key)
        keys.setdefault(group, key)
        groups.setdefault(group, []).append(statement(stored, (publishers or {}).get(stored.figure.document)))
    facts = [_fact(keys[g], statements) for g, statements in groups.items()]
    facts.sort(
        key=lambda f: (
            f.key.country or "~",
            _INDICATOR_ORDER[f.key.indicator],
            f.key.unit,
            f.key.place or "",
            f.key.period,
        )
    )
    return facts


def _fact(key: FactKey, statements: list[Statement]) -> Fact:
    ranked = tuple(sorted(statements, key=rank_key))
    best = ranked[0]
    corroborating = {s.document for s in ranked if same_number(s.figure.value, best.figure.value)}
    claims: dict[tuple[float, Qualifier], Statement] = {}
    for s in ranked:  # the first statement of each claim is its best-ranked one
        claims.setdefault((float(s.figure.value), s.figure.qualifier), s)
    heads = list(claims.values())
    # Every claim that clashes with the best, against the best; then clashes among the
    # claims that fit the best. A claim already shown against the best is not shown
    # again against others: every disagreement appears once, by its sharpest pair.
    against_best = [c for c in heads[1:] if conflict(best.claim, c.claim)]
    fitting = [c for c in heads[1:] if c not in against_best]
    conflicts = tuple(Conflict(first=heads[0], second=c) for c in against_best) + tuple(
        Conflict(first=a, second=b)
        for i, a in enumerate(fitting)
        for b in fitting[i + 1 :]
        if conflict(a.claim, b.claim)
    )
    return Fact(key=key, best=best, statements=ranked, corroboration=len(corroborating), conflicts=conflicts)


def latest(facts: Iterable[Fact]) -> dict[Indicator, Fact]:
    """For each indicator, the fact a headline shows: the latest period, national before local.

    Among the facts of one indicator: whole-country facts if there are any, then those
    counting people (the unit the indicator is named for), then the one whose period
    ends last, then the longer period (a year over its last day), then the better
    corroborated.
    """
    chosen: dict[Indicator, Fact] = {}
    for fact in facts:
        current = chosen.get(fact.key.indicator)
        if current is None or _headline_order(fact) > _headline_order(current):
            chosen[fact.key.indicator] = fact
    return dict(sorted(chosen.items(), key=lambda item: _INDICATOR_ORDER[item[0]]))


def _headline_order(fact: Fact) -> tuple[bool, bool, dt.date, int, int]:
    period = fact.key.period
    return (
        fact.key.place is None,
        fact.key.unit == "people",
        period.end,
        (period.end - period.start).days,
        fact.corroboration,
    )
