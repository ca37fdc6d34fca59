"""The private-names hook: redaction itself, and that nothing is marked yet (issue 7)."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from vigil.publish.private_names import NONE_MARKED, WITHHELD, PrivateNames, marked_in
from vigil.store import Store

DOC = "sha256:" + "d" * 64


@pytest.mark.parametrize(
    "names, text, expected",
    [
        (("Rustam K.",), "Rustam K. said 40 men shared one cell.", f"{WITHHELD} said 40 men shared one cell."),
        (("Азиз", "Азиз Р."), "По словам Азиз Р., в камере было 40 человек.", f"По словам {WITHHELD}, в камере было 40 человек."),
        (("rustam k.",), "RUSTAM K. said so.", f"{WITHHELD} said so."),
        ((), "Nobody named here.", "Nobody named here."),
    ],
)
def test_redact_replaces_every_marked_name(names: tuple[str, ...], text: str, expected: str) -> None:
    private = PrivateNames(MappingProxyType({DOC: names}))
    assert private.redact(DOC, text) == expected
    assert private.redact("sha256:" + "e" * 64, text) == text  # names belong to their document


def test_nothing_is_marked_yet(store: Store) -> None:
    assert marked_in(store) is NONE_MARKED
    assert not NONE_MARKED.has_names(DOC)
