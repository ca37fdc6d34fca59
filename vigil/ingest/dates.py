"""Publication dates from metadata, cut down to `YYYY[-MM[-DD]]`."""

from __future__ import annotations

import re
import time

from vigil.model import parse_partial_date

__all__ = ["date_from_struct", "normalise_date"]

# Metadata dates before this are typos or epoch defaults ("1970-01-01"), not publications.
MIN_YEAR = 1980

_LEADING_DATE = re.compile(r"^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?!\d)")


def normalise_date(value: str | None) -> str | None:
    """`YYYY[-MM[-DD]]` from an ISO-like metadata date ("2024-03-12T10:00Z"), or None if it is not one."""
    if not value:
        return None
    m = _LEADING_DATE.match(value)
    if not m:
        return None
    year, month, day = m.groups()
    if int(year) < MIN_YEAR:
        return None
    out = year
    if month:
        out += f"-{int(month):02d}"
        if day:
            out += f"-{int(day):02d}"
    try:
        return parse_partial_date(out)
    except ValueError:
        return None


def date_from_struct(value: time.struct_time | None) -> str | None:
    """`YYYY-MM-DD` from the `time.struct_time` feedparser gives, or None."""
    if value is None:
        return None
    return normalise_date(f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}")
