"""Charts: one SVG per series, drawn by matplotlib, inline in the page.

Inline SVG works opened from disk, needs no JavaScript and no network, prints, and
keeps its text as text (`svg.fonttype = "none"`), so labels stay readable, selectable
and searchable. Flows (years, months, intervals) are bars; stocks on days are a line
with points. Each value is written above its point with its qualifier ("> 87,000");
values nobody has verified are drawn hatched and pale, and the legend says so.

matplotlib is used through its object API (`Figure` + the SVG canvas), never pyplot,
so drawing holds no global state and is safe to call from a web worker.
"""

from __future__ import annotations

import io
import re
from typing import Any

import matplotlib
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from vigil.analyze.periods import Granularity
from vigil.analyze.series import Point, Series
from vigil.model import Qualifier
from vigil.publish.labels import INDICATOR_LABELS, country_name, number

__all__ = ["chart_svg"]

# Inches at 100 dpi: wide enough for ten yearly bars with readable labels on a laptop,
# small enough to sit beside a table. The SVG scales to the page width anyway.
WIDTH_IN, HEIGHT_IN = 7.2, 3.4
VERIFIED_COLOUR = "#1f5f8b"
UNVERIFIED_COLOUR = "#9dbcd4"
CONFLICT_COLOUR = "#b3261e"
# A chart is at least this many bars wide: a lone bar drawn full width reads as a wall.
MIN_SLOTS = 4
# Room on the left for the unit label and tick values up to "1,000,000".
MARGIN_LEFT = 0.13
_SIGN = {
    Qualifier.EXACT: "",
    Qualifier.ABOUT: "≈ ",
    Qualifier.AT_LEAST: "≥ ",
    Qualifier.MORE_THAN: "> ",
    Qualifier.ALMOST: "< ",  # "almost 90,000": just under it
    Qualifier.UP_TO: "≤ ",
    Qualifier.LESS_THAN: "< ",
}
_RC: dict[str, Any] = {
    "svg.fonttype": "none",  # text stays text: readable, selectable, small
    "svg.hashsalt": "vigil",  # stable element ids: the same data draws the same file
    "font.family": "sans-serif",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
_XML_PROLOGUE = re.compile(r"^\s*<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>\s*)?", re.DOTALL)


def _per(series: Series) -> str:
    return {
        Granularity.YEAR: "a year",
        Granularity.MONTH: "a month",
        Granularity.DAY: "on the day",
        Granularity.INTERVAL: "over the period",
    }[series.granularity]


def _title(series: Series) -> str:
    where = country_name(series.country)
    if series.place:
        where = f"{series.place}, {where}"
    return f"{INDICATOR_LABELS[series.indicator]} — {where}"


def _label(point: Point) -> str:
    mark = " !" if point.conflicted else ""
    return f"{_SIGN[point.qualifier]}{number(point.value)}{mark}"


def chart_svg(series: Series) -> str:
    """The series as an inline `<svg>` element (no XML prologue), titled, with axis units."""
    with matplotlib.rc_context(_RC):  # type: ignore[arg-type]
        figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=100)
        FigureCanvasSVG(figure)
        axes = figure.add_subplot()
        labels = [p.period.label.replace("/", "–\n") for p in series.points]
        values = [float(p.value) for p in series.points]
        positions = list(range(len(series.points)))
        colours = [VERIFIED_COLOUR if p.verified else UNVERIFIED_COLOUR for p in series.points]
        if series.granularity is Granularity.DAY:
            axes.plot(positions, values, color=VERIFIED_COLOUR, linewidth=1.5, zorder=1)
            for x, y, p, c in zip(positions, values, series.points, colours):
                axes.scatter([x], [y], s=48, color=c, edgecolors=VERIFIED_COLOUR, hatch=None if p.verified else "///",
                             zorder=2)
        else:
            bars = axes.bar(positions, values, color=colours, edgecolor=VERIFIED_COLOUR, width=0.6)
            for bar, p in zip(bars, series.points):
                if not p.verified:
                    bar.set_hatch("///")
        top = max(values) if values else 1.0
        for x, y, p in zip(positions, values, series.points):
            axes.annotate(
                _label(p), (x, y), xytext=(0, 4), textcoords="offset points", ha="center", va="bottom",
                fontsize=9, color=CONFLICT_COLOUR if p.conflicted else "#222222",
            )
        axes.set_ylim(0, top * 1.22 if top > 0 else 1)
        axes.set_xticks(positions, labels)
        # At least MIN_SLOTS bar widths wide, so one or two bars do not fill the whole plot.
        pad = max(0.0, (MIN_SLOTS - len(positions)) / 2)
        axes.set_xlim(-0.6 - pad, len(positions) - 0.4 + pad)
        axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: number(v)))
        axes.set_ylabel(f"{series.unit}, {_per(series)}")
        figure.suptitle(_title(series), x=0.01, ha="left", fontsize=11, fontweight="bold")
        handles = [Patch(facecolor=VERIFIED_COLOUR, label="verified")]
        handles.append(Patch(facecolor=UNVERIFIED_COLOUR, edgecolor=VERIFIED_COLOUR, hatch="///", label="not verified"))
        if any(p.conflicted for p in series.points):
            handles.append(Patch(facecolor="white", edgecolor=CONFLICT_COLOUR, label="! sources disagree"))
        # Above the plot, right-aligned, so it never covers a bar or a value.
        axes.legend(handles=handles, loc="lower right", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False,
                    ncols=len(handles), borderaxespad=0.2)
        axes.grid(axis="y", color="#dddddd", linewidth=0.6)
        axes.set_axisbelow(True)
        # Fixed margins rather than tight_layout(): it measures every label again and
        # tripled the drawing time; these fit seven-digit values and two-line interval labels.
        figure.subplots_adjust(left=MARGIN_LEFT, right=0.98, top=0.84, bottom=0.2)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "vigil"})
    return _XML_PROLOGUE.sub("", buffer.getvalue()).strip()
