"""Backups: one file holding a consistent snapshot of the database and the archive.

An NGO's instance holds testimony and the evidence behind published numbers; losing
it, or restoring a damaged copy without noticing, is the failure that matters. A
backup is a zip file with:

    manifest.json          format version, when, the schema revision, and for every
                           member its row count or size and its sha256
    tables/<name>.jsonl    every row of every table, read in one transaction
    archive/<path>         every archived original the documents point to

`restore` verifies every checksum before it writes anything, refuses a damaged or
foreign file, and loads into an empty database only, all rows in one transaction.
Dumping rows (rather than copying the SQLite file) makes a backup of either database
restorable into either, and keeps WAL files and open connections out of the picture.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Date, DateTime, LargeBinary, Table, func, insert, select, text
from sqlalchemy.types import TypeDecorator

from vigil.errors import CorruptDocument, StoreError
from vigil.store.engine import for_writing
from vigil.store.migrate import current_revision
from vigil.store.store import Store
from vigil.store.tables import Base

__all__ = ["BACKUP_FORMAT", "BackupSummary", "backup", "restore", "verify_backup"]

BACKUP_FORMAT = "vigil-backup/1"
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class BackupSummary:
    """What a backup holds: rows per table and archived files."""

    path: str
    revision: str | None
    rows: dict[str, int]
    files: int


def _tables() -> list[Table]:
    """Every table the ORM knows, parents before children (foreign keys)."""
    return list(Base.metadata.sorted_tables)


def _is_datetime(column_type: Any) -> bool:
    impl = column_type.impl if isinstance(column_type, TypeDecorator) else column_type
    return isinstance(impl, DateTime)


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, tuple):
        return list(value)
    return value


def _decode(value: Any, column_type: Any) -> Any:
    if isinstance(value, dict):
        if "$datetime" in value:
            return datetime.fromisoformat(value["$datetime"])
        if "$date" in value:
            return date.fromisoformat(value["$date"])
        if "$bytes" in value:
            return base64.b64decode(value["$bytes"])
    if isinstance(value, list):
        return tuple(value)
    return value


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _snapshot(conn: Connection) -> Iterator[tuple[str, bytes, int]]:
    """(table name, JSON Lines bytes, row count) for every table, from one transaction."""
    for table in _tables():
        buffer = io.BytesIO()
        count = 0
        columns = [c for c in table.columns if c.computed is None]
        order = [c for c in table.primary_key.columns] or columns
        for row in conn.execute(select(*columns).order_by(*order)).mappings():
            line = {name: _encode(value) for name, value in row.items()}
            buffer.write(json.dumps(line, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")
            count += 1
        yield table.name, buffer.getvalue(), count


def backup(store: Store, archive_root: Path, out: Path) -> BackupSummary:
    """Write a backup of the store and of the archive files its documents point to."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = out.with_name(out.name + ".partial")
    members: dict[str, dict[str, Any]] = {}
    rows: dict[str, int] = {}
    engine = store._engine  # noqa: SLF001 - backup is part of the store package
    revision = current_revision(engine)
    with engine.connect() as conn:
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
            tables = list(_snapshot(conn))
            paths = [p for (p,) in conn.execute(text("SELECT archive_path FROM documents WHERE archive_path IS NOT NULL"))]
    with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data, count in tables:
            member = f"tables/{name}.jsonl"
            zf.writestr(member, data)
            members[member] = {"sha256": _sha256(data), "rows": count}
            rows[name] = count
        files = 0
        for relative in sorted(set(paths)):
            source = Path(archive_root) / relative
            try:
                data = source.read_bytes()
            except OSError as exc:
                temp.unlink(missing_ok=True)
                raise StoreError(str(source), f"an archived original is missing or unreadable: {exc}") from None
            member = f"archive/{relative}"
            zf.writestr(member, data)
            members[member] = {"sha256": _sha256(data), "bytes": len(data)}
            files += 1
        manifest = {
            "format": BACKUP_FORMAT,
            "created": datetime.now().astimezone().isoformat(),
            "revision": revision,
            "dialect": engine.dialect.name,
            "members": members,
        }
        zf.writestr("manifest.json", json.dumps(manifest, indent=1, sort_keys=True))
    temp.replace(out)
    return BackupSummary(str(out), revision, rows, files)


def verify_backup(path: Path) -> dict[str, Any]:
    """The manifest of a backup whose every member matches its checksum; CorruptDocument otherwise."""
    path = Path(path)
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise CorruptDocument(str(path), f"not a vigil backup: {exc}") from None
    with zf:
        try:
            manifest = json.loads(zf.read("manifest.json"))
        except (KeyError, ValueError) as exc:
            raise CorruptDocument(str(path), f"no readable manifest: {exc}") from None
        if manifest.get("format") != BACKUP_FORMAT:
            raise CorruptDocument(str(path), f"unknown backup format {manifest.get('format')!r}")
        names = set(zf.namelist()) - {"manifest.json"}
        listed = set(manifest.get("members", {}))
        if names != listed:
            raise CorruptDocument(str(path), f"members differ from the manifest: {sorted(names ^ listed)[:5]}")
        for member, info in manifest["members"].items():
            digest = hashlib.sha256()
            try:
                with zf.open(member) as fh:
                    for chunk in iter(lambda: fh.read(_CHUNK), b""):
                        digest.update(chunk)
            except (zipfile.BadZipFile, OSError) as exc:
                raise CorruptDocument(str(path), f"{member} cannot be read: {exc}") from None
            if digest.hexdigest() != info.get("sha256"):
                raise CorruptDocument(str(path), f"{member} does not match its checksum: the backup is damaged")
    return dict(manifest)


def restore(path: Path, store: Store, archive_root: Path) -> BackupSummary:
    """Load a verified backup into an empty store and archive, all rows in one transaction."""
    manifest = verify_backup(path)
    engine = store._engine  # noqa: SLF001
    revision = current_revision(engine)
    if manifest.get("revision") != revision:
        raise StoreError(
            store.url, f"the backup is of schema {manifest.get('revision')!r}, this database is at {revision!r}: upgrade vigil first"
        )
    tables = _tables()
    with engine.connect() as conn:
        for table in tables:
            if conn.execute(select(func.count()).select_from(table)).scalar_one():
                raise StoreError(store.url, f"table {table.name!r} is not empty: restore only into a new database")
    rows: dict[str, int] = {}
    with zipfile.ZipFile(path) as zf, for_writing(engine).connect() as conn:
        with conn.begin():
            for table in tables:
                member = f"tables/{table.name}.jsonl"
                if member not in manifest["members"]:
                    rows[table.name] = 0
                    continue
                types = {c.name: c.type for c in table.columns}
                batch: list[dict[str, Any]] = []
                count = 0
                for line in zf.read(member).decode("utf-8").splitlines():
                    if not line.strip():
                        continue
                    raw = json.loads(line)
                    batch.append({k: _decode(v, types.get(k)) for k, v in raw.items() if k in types})
                    if len(batch) >= 500:
                        conn.execute(insert(table), batch)
                        count += len(batch)
                        batch = []
                if batch:
                    conn.execute(insert(table), batch)
                    count += len(batch)
                rows[table.name] = count
            _reset_sequences(conn, tables)
        files = 0
        for member in manifest["members"]:
            if not member.startswith("archive/"):
                continue
            target = Path(archive_root) / member[len("archive/") :]
            target.parent.mkdir(parents=True, exist_ok=True)
            data = zf.read(member)
            if not target.exists():
                partial = target.with_name(target.name + ".partial")
                partial.write_bytes(data)
                partial.replace(target)
            files += 1
    return BackupSummary(str(path), revision, rows, files)


def _reset_sequences(conn: Connection, tables: list[Table]) -> None:
    """On PostgreSQL, move each serial column's sequence past the restored ids."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        for column in table.primary_key.columns:
            if column.autoincrement is True or (column.autoincrement == "auto" and column.type.python_type is int):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                        f"COALESCE((SELECT MAX({column.name}) FROM {table.name}), 0) + 1, false) "
                        f"WHERE pg_get_serial_sequence('{table.name}', '{column.name}') IS NOT NULL"
                    )
                )
