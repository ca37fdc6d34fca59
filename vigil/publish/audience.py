"""Audiences: who an output is for, and so which documents it may draw on.

`public` (the default of `vigil profile`, `vigil site` and `vigil export`) draws only
on public documents: nothing of a restricted or confidential document reaches a
public output, not a figure, not a quote, not a count. `internal` draws on every
document, for a team's own use; it is never the default.
"""

from __future__ import annotations

from enum import StrEnum

from vigil.model import Confidentiality

__all__ = ["Audience", "levels"]


class Audience(StrEnum):
    """Whom an output is for."""

    PUBLIC = "public"
    INTERNAL = "internal"


def levels(audience: Audience | str) -> frozenset[str]:
    """The confidentiality levels of the documents an audience's outputs may draw on."""
    if Audience(audience) is Audience.PUBLIC:
        return frozenset({Confidentiality.PUBLIC.value})
    return frozenset(level.value for level in Confidentiality)
