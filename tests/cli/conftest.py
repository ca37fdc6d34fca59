"""Fixtures for the end-to-end tests of the `vigil` command (helpers in cli_support.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import IngestedExamples, VigilRunner, ingest_examples_twice, make_runner


@pytest.fixture
def vigil(tmp_path: Path) -> VigilRunner:
    """Run `vigil ARGS…` as a subprocess in `tmp_path`, with no VIGIL_* variable inherited."""
    return make_runner(tmp_path)


@pytest.fixture(scope="session")
def ingested_examples(tmp_path_factory: pytest.TempPathFactory) -> IngestedExamples:
    """`examples/` ingested twice into a fresh data folder, shared by every CLI test (they only read it)."""
    return ingest_examples_twice(tmp_path_factory.mktemp("cli-examples"))
