"""Column types that behave the same on SQLite and PostgreSQL.

SQLite forgets the time zone of a timestamp and has no array type; these small
decorators make a value read back equal to the value written, whichever
database holds it (a round trip is the store's first promise).
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import DateTime, Dialect, Text
from sqlalchemy.types import TypeDecorator

__all__ = ["JSONTuple", "UTCDateTime", "utc_now"]


def utc_now() -> datetime:
    """The current time, timezone-aware in UTC: every timestamp the store writes."""
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware.

    SQLite keeps no offset, PostgreSQL keeps one; normalising both ways means
    callers never compare a naive time with an aware one.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: the store keeps only UTC-aware times")
        value = value.astimezone(timezone.utc)
        # SQLite stores the string form; dropping the offset keeps it sortable as text.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


class JSONTuple(TypeDecorator[tuple[str, ...]]):
    """A tuple of strings kept as JSON text (portable, and readable in any SQL shell)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: tuple[str, ...] | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return json.dumps(list(value), ensure_ascii=False)

    def process_result_value(self, value: Any, dialect: Dialect) -> tuple[str, ...] | None:
        if value is None:
            return None
        loaded = json.loads(value)
        return tuple(str(item) for item in loaded)
