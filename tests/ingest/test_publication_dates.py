"""Metadata dates cut to YYYY[-MM[-DD]]; anything else is dropped rather than guessed."""

from __future__ import annotations

import time

import pytest

from vigil.ingest.dates import date_from_struct, normalise_date


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("2024-03-12", "2024-03-12"),
        ("2024-03-12T09:30:00+00:00", "2024-03-12"),
        ("2024/6/4", "2024-06-04"),
        ("2024-03", "2024-03"),
        ("2024", "2024"),
        ("2024-02-30", None),
        ("1970-01-01", None),
        ("12.03.2024", None),
        ("March 2024", None),
        ("20240312", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_date(raw: str | None, normal: str | None) -> None:
    assert normalise_date(raw) == normal


def test_date_from_struct() -> None:
    assert date_from_struct(time.strptime("2024-03-12", "%Y-%m-%d")) == "2024-03-12"
    assert date_from_struct(None) is None
