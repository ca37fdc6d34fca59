"""Words for readers: indicator names, qualifiers, units, countries and review statuses.

Outputs show these instead of the vocabulary's codes; exports keep the codes too, so
machines and people each get what they read.
"""

from __future__ import annotations

import pycountry

from vigil.model import Indicator, Qualifier, ReviewStatus

__all__ = ["INDICATOR_LABELS", "country_iso3", "country_name", "number", "stated", "status_label"]

INDICATOR_LABELS: dict[Indicator, str] = {
    Indicator.DETAINED: "Held in immigration detention",
    Indicator.APPREHENDED: "Apprehended in raids and checks",
    Indicator.DEPORTED: "Deported or expelled",
    Indicator.RETURNED_VOLUNTARILY: "Returned 'voluntarily'",
    Indicator.DETENTION_CAPACITY: "Detention capacity",
    Indicator.DETENTION_FACILITIES: "Detention facilities",
    Indicator.DETAINED_CHILDREN: "Children in detention",
    Indicator.DETAINED_ASYLUM_SEEKERS: "Asylum seekers in detention",
    Indicator.DEATHS_IN_DETENTION: "Deaths in detention",
    Indicator.ASYLUM_APPLICATIONS: "Asylum applications",
    Indicator.REFUGEES: "Refugees",
    Indicator.MIGRANTS: "Migrants",
    Indicator.REGISTRY_LISTED: "Placed on a registry or watch list",
    Indicator.CITIZENSHIP_REVOKED: "Stripped of citizenship or status",
    Indicator.CONSCRIPTED: "Pressed into military service",
    Indicator.OTHER: "Other figures",
}

_QUALIFIER_WORDS: dict[Qualifier, str] = {
    Qualifier.EXACT: "",
    Qualifier.ABOUT: "about ",
    Qualifier.AT_LEAST: "at least ",
    Qualifier.MORE_THAN: "more than ",
    Qualifier.ALMOST: "almost ",
    Qualifier.UP_TO: "up to ",
    Qualifier.LESS_THAN: "less than ",
}

_STATUS_LABELS: dict[ReviewStatus, str] = {
    ReviewStatus.EXTRACTED: "not verified",
    ReviewStatus.VERIFIED: "verified",
    ReviewStatus.CORRECTED: "verified (corrected)",
    ReviewStatus.REJECTED: "rejected",
    ReviewStatus.DUPLICATE: "duplicate",
}


def number(value: float | int) -> str:
    """A value with thousands separators: 87000 → "87,000", 4.5 → "4.5"."""
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def stated(value: float | int, qualifier: Qualifier | str) -> str:
    """A value as a reader says it: "more than 87,000"."""
    return f"{_QUALIFIER_WORDS[Qualifier(qualifier)]}{number(value)}"


def status_label(status: ReviewStatus | str) -> str:
    """A review status in words: "not verified" for a figure nobody has checked yet."""
    return _STATUS_LABELS[ReviewStatus(status)]


# Names readers use where ISO's official name differs and pycountry has no common name.
_COMMON_NAMES = {"RU": "Russia", "MD": "Moldova", "VN": "Vietnam", "LA": "Laos", "SY": "Syria", "VE": "Venezuela"}


def country_name(code: str | None) -> str:
    """The country's common English name ("Russia" rather than "Russian Federation"), else the code."""
    if not code:
        return "No country"
    if code.upper() in _COMMON_NAMES:
        return _COMMON_NAMES[code.upper()]
    found = pycountry.countries.get(alpha_2=code.upper())
    if found is None:
        return code.upper()
    return str(getattr(found, "common_name", None) or getattr(found, "name", code.upper()))


def country_iso3(code: str | None) -> str | None:
    """The ISO 3166-1 alpha-3 code HXL and humanitarian datasets use, or None."""
    if not code:
        return None
    found = pycountry.countries.get(alpha_2=code.upper())
    return str(found.alpha_3) if found is not None else None
