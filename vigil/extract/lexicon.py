"""Word lists and patterns are data: TOML files under `extract/lexicons/<lang>/`.

Adding a language or an indicator means adding a file here, not code (DESIGN).
Files are read once per process and cached; nothing a call does changes them.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["LANGUAGES", "load"]

LANGUAGES: tuple[str, ...] = ("en", "ru")


@lru_cache(maxsize=None)
def load(language: str, name: str) -> dict[str, Any]:
    """The parsed `lexicons/<language>/<name>.toml`; an empty dict when the file is absent."""
    path = resources.files("vigil.extract").joinpath("lexicons", language, f"{name}.toml")
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        return tomllib.load(fh)
