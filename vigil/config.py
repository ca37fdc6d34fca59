"""Settings from flags and the environment, read by the CLI and web layers only.

The library below takes explicit arguments; only the doors (cli, web) look at
the environment, so a test never depends on what a shell happened to export.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Settings", "load_settings", "DEFAULT_DATA"]

DEFAULT_DATA = "vigil-data"


@dataclass(frozen=True, slots=True)
class Settings:
    """Where vigil keeps its archive and database."""

    data_dir: Path
    db_url: str

    @property
    def archive_dir(self) -> Path:
        return self.data_dir / "archive"


def load_settings(data: str | os.PathLike[str] | None = None, db: str | None = None) -> Settings:
    """Flags first, then `VIGIL_DATA` / `VIGIL_DB`, then `./vigil-data` with SQLite inside it."""
    data_dir = Path(data or os.environ.get("VIGIL_DATA") or DEFAULT_DATA)
    db_url = db or os.environ.get("VIGIL_DB") or f"sqlite:///{(data_dir / 'vigil.db').as_posix()}"
    return Settings(data_dir=data_dir, db_url=db_url)
