"""`vigil user add` prints a one-time password; `vigil audit` prints the log and catches tampering."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from typer.testing import CliRunner

from vigil.cli import app
from vigil.review import accounts
from vigil.store import Store

runner = CliRunner()


def test_user_add_then_login_then_audit(tmp_path: Path) -> None:
    data = ["--data", str(tmp_path / "data")]
    result = runner.invoke(app, ["user", "add", "Aziza", "--role", "editor", *data])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("created aziza (editor)")
    password = lines[-1].strip()
    assert len(password) >= accounts.MIN_PASSWORD_LENGTH
    again = runner.invoke(app, ["user", "add", "aziza", "--role", "viewer", *data])
    assert again.exit_code == 1 and "already exists" in again.output
    bad = runner.invoke(app, ["user", "add", "x", "--role", "root", *data])
    assert bad.exit_code == 2
    with Store.open(f"sqlite:///{tmp_path / 'data' / 'vigil.db'}") as store:
        session = accounts.login(store, "aziza", password)
        assert session.user.must_change_password
    listed = runner.invoke(app, ["user", "list", *data])
    assert "aziza" in listed.output and "editor" in listed.output
    log = runner.invoke(app, ["audit", *data])
    assert log.exit_code == 0, log.output
    assert "user.create" in log.output and "login" in log.output and password not in log.output
    assert "hash chain intact: 2 entries" in log.output
    assert "user.create" not in runner.invoke(app, ["audit", "--since", "2999-01-01", *data]).output
    assert runner.invoke(app, ["audit", "--since", "yesterday", *data]).exit_code == 2


def test_audit_exits_1_when_the_log_was_altered(tmp_path: Path) -> None:
    data = ["--data", str(tmp_path / "data")]
    runner.invoke(app, ["user", "add", "kamila", "--role", "analyst", *data])
    with Store.open(f"sqlite:///{tmp_path / 'data' / 'vigil.db'}") as store, store._engine.begin() as connection:
        connection.execute(text("DROP TRIGGER audit_log_no_update"))
        connection.execute(text("UPDATE audit_log SET actor = 'someone else'"))
    result = runner.invoke(app, ["audit", *data])
    assert result.exit_code == 1 and "altered" in result.output
