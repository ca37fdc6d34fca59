"""The audit log: append-only in the database, hash-chained, tamper-evident, free of secrets."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from review_samples import PASSWORD, Corpus
from vigil.review import accounts, audit, workflow
from vigil.store import Store
from vigil.store import audit as audit_store
from vigil.store.users import UserRow

ALL = frozenset({"public", "restricted", "confidential"})


def _work(store: Store, corpus: Corpus, users: dict[str, UserRow]) -> None:
    figures = corpus.figures["public"]
    workflow.accept(store, users["analyst"], figures[0], 1)
    workflow.correct(store, users["editor"], figures[1], 1, {"value": "86"}, reason="recount")
    workflow.reject(store, users["analyst"], figures[2], 1, reason="quarter, not year")


def test_every_action_extends_an_intact_chain(store: Store, corpus: Corpus, users: dict[str, UserRow]) -> None:
    _work(store, corpus, users)
    report = audit.verify(store)
    entries = audit_store.entries(store, levels=ALL)
    assert report.ok and report.checked == len(entries) >= 7  # 4 users + 3 reviews
    assert entries[0].prev_hash == audit_store.GENESIS
    assert all(b.prev_hash == a.hash for a, b in zip(entries, entries[1:]))
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    print(f"\naudit chain: {report.checked} entries verified")


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 1",
        "DELETE FROM audit_log WHERE seq = 1",
        "DELETE FROM audit_log",
    ],
)
def test_the_database_refuses_to_change_the_log(
    store: Store, corpus: Corpus, users: dict[str, UserRow], statement: str
) -> None:
    _work(store, corpus, users)
    with pytest.raises(Exception, match="append-only"):
        with store._engine.begin() as connection:
            connection.execute(text(statement))
    assert audit.verify(store).ok


def _drop_guards(store: Store) -> None:
    """What someone with the database owner's rights could do: remove the triggers."""
    with store._engine.begin() as connection:
        if store.dialect == "sqlite":
            connection.execute(text("DROP TRIGGER audit_log_no_update"))
            connection.execute(text("DROP TRIGGER audit_log_no_delete"))
        else:
            connection.execute(text("DROP TRIGGER audit_log_no_change ON audit_log"))


@pytest.mark.parametrize(
    ("statement", "seq", "problem"),
    [
        ("UPDATE audit_log SET reason = 'typo' WHERE seq = 6", 6, "content"),
        ("UPDATE audit_log SET actor = 'someone' WHERE seq = 5", 5, "content"),
        ("UPDATE audit_log SET after = '{\"status\":\"verified\"}' WHERE seq = 7", 7, "content"),
        ("DELETE FROM audit_log WHERE seq = 3", 4, "missing"),
        # flip the first hex digit, whatever it is (a fixed 'f' left a hash starting with 'f' unchanged)
        ("UPDATE audit_log SET hash = CASE WHEN substr(hash, 1, 1) = '0' THEN '1' ELSE '0' END || substr(hash, 2) "
         "WHERE seq = 2", 2, "content"),
    ],
)
def test_a_row_altered_by_hand_is_detected(
    store: Store, corpus: Corpus, users: dict[str, UserRow], statement: str, seq: int, problem: str
) -> None:
    _work(store, corpus, users)
    _drop_guards(store)
    with store._engine.begin() as connection:
        connection.execute(text(statement))
    report = audit.verify(store)
    assert not report.ok
    assert report.broken_at == seq and problem in (report.problem or "")


def test_no_entry_holds_a_password_or_a_token(store: Store, users: dict[str, UserRow]) -> None:
    session = accounts.login(store, "analyst", PASSWORD)
    with pytest.raises(Exception):
        accounts.login(store, "analyst", "a wrong password entirely")
    new_password = "a brand new long passphrase"
    fresh = accounts.change_password(store, users["analyst"], PASSWORD, new_password, keep=session.token)
    assert fresh is not None
    user, secret = accounts.add_user(store, "newcomer", "viewer", actor="admin")
    dumped = repr(audit_store.entries(store, levels=ALL))
    for forbidden in (PASSWORD, new_password, secret, session.token, session.csrf_token, fresh.token, "$argon2"):
        assert forbidden not in dumped
    actions = [e.action for e in audit_store.entries(store, levels=ALL)]
    assert {"user.create", "login", "login.failed", "user.password"} <= set(actions)


def test_concurrent_appends_never_fork_the_chain(store: Store) -> None:
    threads, per_thread = 6, 10
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(per_thread):
                audit_store.append_entry(store, actor=f"worker{n}", action="test.append", target=f"thing:{n}:{i}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert not errors
    report = audit.verify(store)
    assert report.ok and report.checked == threads * per_thread


def test_entries_about_hidden_documents_are_left_out(store: Store, corpus: Corpus, users: dict[str, UserRow]) -> None:
    workflow.accept(store, users["editor"], corpus.figures["confidential"][0], 1)
    workflow.accept(store, users["analyst"], corpus.figures["restricted"][0], 1)
    seen_by_analyst = audit_store.entries(store, levels=frozenset({"public", "restricted"}))
    assert not any(e.target == f"figure:{corpus.figures['confidential'][0]}" for e in seen_by_analyst)
    assert any(e.target == f"figure:{corpus.figures['restricted'][0]}" for e in seen_by_analyst)
