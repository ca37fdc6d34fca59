"""The commands `vigil facts`, `profile`, `site` and `export`: thin doors onto the library (issue 7)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from publish_samples import CANARY, fill
from vigil.cli import app
from vigil.store import Store

runner = CliRunner()


def _data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    with Store.open(f"sqlite:///{(data / 'vigil.db').as_posix()}") as store:
        fill(store, data / "archive")
    return data


def test_facts_lists_conflicts_with_both_quotes(tmp_path: Path) -> None:
    data = _data(tmp_path)
    result = runner.invoke(app, ["facts", "--country", "RU", "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert "87,000" in result.output and "CONFLICT" in result.output
    assert "“Russia expelled 87,000 foreigners in 2024”" in result.output
    assert "at about 30,000" in result.output
    assert CANARY not in result.output
    internal = runner.invoke(app, ["facts", "--country", "RU", "--internal", "--data", str(data)])
    assert CANARY in internal.output


def test_profile_site_and_export_write_their_files(tmp_path: Path) -> None:
    data = _data(tmp_path)
    result = runner.invoke(app, ["profile", "ru", "--out", str(tmp_path / "p"), "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "p" / "ru.html").is_file()
    result = runner.invoke(app, ["site", "--out", str(tmp_path / "s"), "--data", str(data)])
    assert result.exit_code == 0 and "index.html" in result.output
    for fmt in ("csv", "json", "hxl", "sqlite"):
        result = runner.invoke(app, ["export", "--format", fmt, "--out", str(tmp_path / f"x.{fmt}"), "--data", str(data)])
        assert result.exit_code == 0, result.output
        assert (tmp_path / f"x.{fmt}").is_file()
    result = runner.invoke(app, ["export", "--format", "xlsx", "--out", str(tmp_path / "x.xlsx"), "--data", str(data)])
    assert result.exit_code == 2
