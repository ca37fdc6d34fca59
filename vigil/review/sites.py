"""Reviewing the site registry: proposed sites and links, merges and their undoing, a team's list.

Each action checks the role (`Permission.REVIEW`, analysts and above), sees only what
the role may see, and is audited in the transaction that makes it (`vigil.store.sites`).
The command line acts as `user=None` with an actor name: it is run by whoever holds
the database, who sees everything.

`read_sites_csv` reads a known list of sites — the columns `name`, `aliases` (separated
by `;` or `|`), `country`, `place`, `type`, `latitude`, `longitude`, `source` — so a
team can start the registry from the spreadsheet it already keeps.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from vigil.errors import InputError, ReviewError
from vigil.model import EntryStatus, ReviewStatus, SiteType
from vigil.review.roles import Permission, require, visible_levels
from vigil.store import Store
from vigil.store import sites as site_store
from vigil.store.site_linking import ImportReport, SiteRow, import_sites
from vigil.store.sites import StoredObservation, StoredSite
from vigil.store.users import UserRow

__all__ = [
    "ALL_LEVELS",
    "CSV_COLUMNS",
    "MAX_REASON_LENGTH",
    "import_csv",
    "merge",
    "read_sites_csv",
    "review_observation",
    "review_site",
    "unmerge",
]

ALL_LEVELS = frozenset({"public", "restricted", "confidential"})
CSV_COLUMNS = ("name", "aliases", "country", "place", "type", "latitude", "longitude", "source")
MAX_REASON_LENGTH = 2000
# A spreadsheet of sites is small; a file this large is not one.
MAX_CSV_BYTES = 20 * 1024 * 1024

_SITE_ACTIONS = {"accept": EntryStatus.ACCEPTED, "reject": EntryStatus.REJECTED, "reopen": EntryStatus.PROPOSED}
_LINK_ACTIONS = {"accept": ReviewStatus.VERIFIED, "reject": ReviewStatus.REJECTED}


def _reason(reason: str | None, *, required: bool, about: str) -> str | None:
    clean = (reason or "").strip()
    if required and not clean:
        raise ReviewError(about, "say why: a reason is required for this action")
    if len(clean) > MAX_REASON_LENGTH:
        raise ReviewError(about, f"the reason is longer than {MAX_REASON_LENGTH} characters")
    return clean or None


def review_site(store: Store, user: UserRow, site: str, version: int, action: str, *, reason: str | None = None) -> StoredSite:
    """Accept, reject (a reason is required) or reopen a proposed site."""
    require(user.role, Permission.REVIEW, site)
    if action not in _SITE_ACTIONS:
        raise ReviewError(action, f"not a site action ({', '.join(_SITE_ACTIONS)})")
    return site_store.save_site(
        store, site, levels=visible_levels(user.role), expected_version=version, status=_SITE_ACTIONS[action],
        actor=user.name, reason=_reason(reason, required=action == "reject", about=site),
    )


def review_observation(
    store: Store, user: UserRow, observation: str, version: int, action: str, *, reason: str | None = None
) -> StoredObservation:
    """Accept or reject (a reason is required) one link of a mention, figure or event to a site."""
    require(user.role, Permission.REVIEW, observation)
    if action not in _LINK_ACTIONS:
        raise ReviewError(action, f"not an observation action ({', '.join(_LINK_ACTIONS)})")
    return site_store.save_observation(
        store, observation, levels=visible_levels(user.role), expected_version=version, status=_LINK_ACTIONS[action],
        actor=user.name, reason=_reason(reason, required=action == "reject", about=observation),
    )


def merge(store: Store, user: UserRow | None, keep: str, absorb: str, *, actor: str = "cli",
          reason: str | None = None) -> tuple[str, list[str]]:
    """Merge duplicate `absorb` into `keep` (both visible to the user); audited, and reversible with `unmerge`."""
    if user is not None:
        require(user.role, Permission.REVIEW, absorb)
        levels = visible_levels(user.role)
        keep = site_store.get_site(store, keep, levels).site.id
        absorb = site_store.get_site(store, absorb, levels).site.id
        actor = user.name
    else:
        keep, absorb = site_store.resolve_site_id(store, keep), site_store.resolve_site_id(store, absorb)
    return site_store.merge(store, keep, absorb, actor=actor, reason=_reason(reason, required=False, about=absorb))


def unmerge(store: Store, user: UserRow | None, absorbed: str, *, actor: str = "cli",
            reason: str | None = None) -> tuple[str, list[str]]:
    """Undo the latest merge of `absorbed`, reading what it moved from the audit log."""
    if user is not None:
        require(user.role, Permission.REVIEW, absorbed)
        actor = user.name
    absorbed = site_store.resolve_site_id(store, absorbed)
    return site_store.unmerge(store, absorbed, actor=actor, reason=_reason(reason, required=False, about=absorbed))


def _float(value: str, column: str, line: int, path: str) -> float | None:
    clean = value.strip().replace(",", ".")
    if not clean:
        return None
    try:
        return float(clean)
    except ValueError:
        raise InputError(path, f"line {line}: {column} {value!r} is not a number") from None


def read_sites_csv(path: str | Path) -> list[SiteRow]:
    """The rows of a CSV list of sites; InputError naming the file and line when a row does not fit."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > MAX_CSV_BYTES:
        raise InputError(name, f"larger than {MAX_CSV_BYTES // (1024 * 1024)} MB: not a list of sites")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(name, "not UTF-8 text") from None
    reader = csv.DictReader(io.StringIO(text))
    columns = {c.strip().lower() for c in reader.fieldnames or []}
    if "name" not in columns:
        raise InputError(name, f"no `name` column (columns: {', '.join(CSV_COLUMNS)})")
    rows: list[SiteRow] = []
    kinds = {t.value for t in SiteType}
    for line, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if isinstance(v, str)}
        if not row.get("name"):
            continue
        kind = row.get("type", "").lower().replace(" ", "_") or None
        if kind is not None and kind not in kinds:
            raise InputError(name, f"line {line}: type {row.get('type')!r} is not one of {', '.join(sorted(kinds))}")
        country = row.get("country", "").upper() or None
        if country is not None and not (len(country) == 2 and country.isalpha()):
            raise InputError(name, f"line {line}: country {row.get('country')!r} is not an ISO 3166-1 alpha-2 code")
        aliases = tuple(a.strip() for a in row.get("aliases", "").replace("|", ";").split(";") if a.strip())
        rows.append(SiteRow(
            name=row["name"], aliases=aliases, country=country, place=row.get("place") or None, type=kind,
            latitude=_float(row.get("latitude", ""), "latitude", line, name),
            longitude=_float(row.get("longitude", ""), "longitude", line, name),
            source=row.get("source", "") or f"imported from {Path(path).name}",
        ))
    return rows


def import_csv(store: Store, path: str | Path, *, actor: str = "cli", confidentiality: str = "public",
               rows: Sequence[SiteRow] | None = None) -> ImportReport:
    """Load a CSV list of sites into the registry (each row audited)."""
    return import_sites(store, rows if rows is not None else read_sites_csv(path), actor=actor,
                        confidentiality=confidentiality)
