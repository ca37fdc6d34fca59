"""The docs say what the code does: every command, option and indicator is documented.

Following Datasette's tests/test_docs.py: a command added without a line in the README,
or an indicator without its place in the docs, fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from vigil.cli import app
from vigil.extract import lexicon
from vigil.model import Indicator, Qualifier

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
EXTRACTION = (ROOT / "docs" / "extraction.md").read_text(encoding="utf-8")


def _commands() -> list[tuple[str, list[str]]]:
    """(command path, option names) for every command and sub-command of `vigil`."""
    group = typer.main.get_command(app)
    out: list[tuple[str, list[str]]] = []

    def walk(cmd: object, path: str) -> None:
        sub = getattr(cmd, "commands", None)
        if sub:
            for name, child in sub.items():
                walk(child, f"{path} {name}".strip())
            return
        options = [o for p in getattr(cmd, "params", []) for o in getattr(p, "opts", []) if o.startswith("--")]
        out.append((path, options))

    walk(group, "")
    return out


COMMANDS = _commands()


@pytest.mark.parametrize("command, options", COMMANDS, ids=[c for c, _ in COMMANDS])
def test_every_command_is_in_the_readme(command: str, options: list[str]) -> None:
    assert f"`vigil {command}" in README, f"README.md does not document `vigil {command}`"


@pytest.mark.parametrize("command, options", COMMANDS, ids=[c for c, _ in COMMANDS])
def test_every_option_is_in_the_readme(command: str, options: list[str]) -> None:
    missing = [o for o in options if o not in ("--help", "--data", "--db") and o not in README]
    assert not missing, f"README.md does not mention {missing} of `vigil {command}`"


@pytest.mark.parametrize("name", [i.value for i in Indicator] + [q.value for q in Qualifier])
def test_every_indicator_and_qualifier_is_in_the_readme(name: str) -> None:
    assert re.search(rf"`{name}`", README), f"README.md does not list `{name}`"


@pytest.mark.parametrize(
    "name",
    sorted({p.stem for lang in lexicon.LANGUAGES for p in (ROOT / "vigil" / "extract" / "lexicons" / lang).glob("*.toml")}),
)
def test_every_lexicon_file_is_in_the_extraction_docs(name: str) -> None:
    assert f"{name}.toml" in EXTRACTION, f"docs/extraction.md does not mention lexicons/<lang>/{name}.toml"


def test_the_readme_opens_with_the_two_commands() -> None:
    first_block = README.split("```")[1]
    assert "make run" in first_block and "make test" in first_block
