"""`vigil --help` and each command's `--help`: they work and mention every option.

The options are read from the Typer app itself, so a new option that is not in
the help fails here; the table below pins the options the issues promise, so an
option that disappears fails too.
"""

from __future__ import annotations

from typing import Any

import pytest
import typer
from cli_support import VigilRunner

from vigil.cli import app

PROMISED_OPTIONS: dict[str, tuple[str, ...]] = {
    "ingest": ("--published", "--language", "--confidentiality", "--data", "--db"),
    "documents": ("--data", "--db"),
    "show": ("--data", "--db"),
    "search": ("--data", "--db"),
    "figures": ("--country", "--indicator", "--all", "--data", "--db"),
    "extract": ("--published", "--language", "--format", "--all"),
}


# Typer (0.29) builds on its own vendored copy of Click, so these are read by duck typing.
def commands() -> dict[str, Any]:
    """The Click commands Typer builds from the app, by name."""
    return dict(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def options_of(command: Any) -> list[Any]:
    return [param for param in command.params if param.param_type_name == "option"]


def declared_options(command: Any) -> set[str]:
    return {name for param in options_of(command) for name in param.opts}


def test_top_level_help_lists_every_command(vigil: VigilRunner) -> None:
    run = vigil("--help")
    assert run.returncode == 0, run.explain()
    for name in commands():
        assert name in run.stdout, f"`vigil --help` does not mention {name}"
    assert set(PROMISED_OPTIONS) <= set(commands())


@pytest.mark.parametrize("name", sorted(PROMISED_OPTIONS))
def test_command_help_mentions_every_option(vigil: VigilRunner, name: str) -> None:
    run = vigil(name, "--help")
    assert run.returncode == 0, run.explain()
    options = declared_options(commands()[name]) | set(PROMISED_OPTIONS[name])
    for option in sorted(options):
        assert option in run.stdout, f"`vigil {name} --help` does not mention {option}"
    assert declared_options(commands()[name]) >= set(PROMISED_OPTIONS[name])


def test_every_command_has_a_help_line() -> None:
    for name, command in commands().items():
        assert (command.help or "").strip(), f"`vigil {name}` has no docstring"
        for param in options_of(command):
            if param.name != "help":
                assert (param.help or "").strip(), f"`vigil {name} {param.opts[0]}` has no help text"


def test_unknown_command_exits_2(vigil: VigilRunner) -> None:
    run = vigil("ingets")
    assert run.returncode == 2, run.explain()
    assert "ingets" in run.stderr
