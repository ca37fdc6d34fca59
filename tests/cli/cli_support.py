"""Helpers for the end-to-end tests of the `vigil` command (fixtures in conftest.py).

The command runs as a real subprocess, exactly as a user types it: the installed
console script (or `python -m vigil.cli` when there is none), with its working
folder and `--data` inside the test's own temporary folder, and with no
`VIGIL_*` variable inherited from the shell that started pytest.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
# The extensions issue 2 names for documents; a folder ingest reads these and skips
# the rest (examples/manifest.jsonl is data about the examples, not a report).
DOCUMENT_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".pdf", ".docx"})
# Ingesting all the examples takes a few seconds (language models, morphology);
# a minute leaves room for a slow CI machine without letting a hang go unnoticed.
COMMAND_TIMEOUT_S = 120
# Rich lays tables out to the terminal width; a wide fixed width keeps every
# column (and every option name in --help) on one line, whatever the CI terminal.
TERMINAL_COLUMNS = "250"


def vigil_command() -> list[str]:
    """The argv prefix that starts vigil: the venv's console script, else `python -m vigil.cli`."""
    script = Path(sys.executable).with_name("vigil")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    found = shutil.which("vigil")
    if found and Path(found).resolve().parent == Path(sys.executable).resolve().parent:
        return [found]
    return [sys.executable, "-m", "vigil.cli"]


@dataclass(frozen=True)
class Run:
    """What one `vigil …` invocation did: exit status and both streams."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        """Non-empty stdout lines."""
        return [line for line in self.stdout.splitlines() if line.strip()]

    @property
    def err_lines(self) -> list[str]:
        """Non-empty stderr lines."""
        return [line for line in self.stderr.splitlines() if line.strip()]

    def explain(self) -> str:
        """A readable account for assertion messages."""
        return (
            f"vigil {' '.join(self.args)} → exit {self.returncode}\n"
            f"--- stdout ---\n{self.stdout}\n--- stderr ---\n{self.stderr}"
        )


VigilRunner = Callable[..., Run]


def clean_environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """os.environ without any VIGIL_* setting, plus a fixed terminal width and no colour."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("VIGIL_")}
    env.update({"COLUMNS": TERMINAL_COLUMNS, "NO_COLOR": "1", "TERM": "dumb", "PYTHONIOENCODING": "utf-8"})
    env.update(extra or {})
    return env


def make_runner(default_cwd: Path) -> VigilRunner:
    def run(*args: str, cwd: Path | None = None, env: Mapping[str, str] | None = None) -> Run:
        completed = subprocess.run(
            [*vigil_command(), *args],
            cwd=cwd or default_cwd,
            env=clean_environment(env),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=COMMAND_TIMEOUT_S,
            check=False,
        )
        return Run(tuple(args), completed.returncode, completed.stdout, completed.stderr)

    return run


def example_files() -> list[Path]:
    """The example reports a folder ingest should read, sorted."""
    return sorted(p for p in EXAMPLES.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)


@dataclass(frozen=True)
class IngestedExamples:
    """A data folder into which `examples/` was ingested twice, and what each run said."""

    workdir: Path
    data: Path
    first: Run
    second: Run
    run: VigilRunner

    def vigil(self, *args: str) -> Run:
        """Run a command against this data folder."""
        return self.run(*args, "--data", str(self.data))


def ingest_examples_twice(workdir: Path) -> IngestedExamples:
    """`vigil ingest examples/` into a fresh data folder under `workdir`, then the same again."""
    run = make_runner(workdir)
    data = workdir / "data"
    first = run("ingest", str(EXAMPLES), "--data", str(data))
    second = run("ingest", str(EXAMPLES), "--data", str(data))
    return IngestedExamples(workdir, data, first, second, run)


def archive_files(data: Path) -> list[Path]:
    """Every file under the data folder's archive."""
    root = data / "archive"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def write_files(folder: Path, files: Mapping[str, bytes | str]) -> list[Path]:
    """Write `files` (name → content) into `folder` and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, content in files.items():
        path = folder / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        paths.append(path)
    return paths


def ids_of(lines: Sequence[str]) -> list[str]:
    """The first word of each line (the document id in `vigil documents`)."""
    return [line.split()[0] for line in lines]
