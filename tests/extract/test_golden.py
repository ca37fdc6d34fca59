"""The examples' figures and events, field by field, against tests/golden/*.jsonl (STYLE habit 8).

A golden file pins what the extractor reads in one bundled example today, mistakes
included: it guards against changes nobody meant. A change that is meant shows up
here as a list of the items that now read differently; rewrite the files with
`.venv/bin/python scripts/update_golden.py` and commit the diff with the change,
so a reviewer sees every figure that moved.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from golden_support import GOLDEN, examples, golden_lines

EXAMPLES = list(examples())
UPDATE = "rewrite them with `.venv/bin/python scripts/update_golden.py` if the change is meant"


def _key(item: dict[str, Any]) -> tuple[str, int, int, str]:
    """An item is known by its kind, its span and what it is (two figures may share a span)."""
    return item["kind"], item["span"][0], item["span"][1], str(item.get("indicator") or item.get("event_type"))


def _differences(expected: list[dict[str, Any]], found: list[dict[str, Any]]) -> list[str]:
    want = {_key(i): i for i in expected}
    got = {_key(i): i for i in found}
    out = []
    for key in sorted(want.keys() - got.keys()):
        out.append(f"missing {key[0]} at {key[1]}-{key[2]} ({key[3]}): {want[key]['quote'][:80]!r}")
    for key in sorted(got.keys() - want.keys()):
        out.append(f"new {key[0]} at {key[1]}-{key[2]} ({key[3]}): {got[key]['quote'][:80]!r}")
    for key in sorted(want.keys() & got.keys()):
        for field in sorted(want[key].keys() | got[key].keys()):
            if want[key].get(field) != got[key].get(field):
                out.append(f"{key[0]} at {key[1]}-{key[2]}: {field} {want[key].get(field)!r} -> {got[key].get(field)!r}")
    return out


def test_every_example_has_a_golden_file() -> None:
    names = {f"{name}.jsonl" for name, _ in EXAMPLES}
    assert names == {p.name for p in GOLDEN.glob("*.jsonl")}, UPDATE


@pytest.mark.parametrize(("name", "document"), EXAMPLES, ids=[name for name, _ in EXAMPLES])
def test_the_example_reads_as_its_golden_file(name: str, document: Any) -> None:
    path = GOLDEN / f"{name}.jsonl"
    expected = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    found = [json.loads(line) for line in golden_lines(document)]
    differences = _differences(expected, found)
    assert not differences, f"{name}: {len(differences)} differences ({UPDATE}):\n" + "\n".join(differences[:40])
    assert found == expected, f"{name}: the same items in another order ({UPDATE})"


def test_the_comparison_names_what_moved() -> None:
    figure = {"kind": "figure", "span": [3, 9], "indicator": "deported", "value": 87000, "when": "2024", "quote": "87,000 deported"}
    moved = dict(figure, when="2023")
    extra = dict(figure, span=[20, 30], quote="12 detained", indicator="detained")
    assert _differences([figure], [moved, extra]) == [
        "new figure at 20-30 (detained): '12 detained'",
        "figure at 3-9: when '2024' -> '2023'",
    ]
    assert _differences([figure, extra], [figure]) == ["missing figure at 20-30 (detained): '12 detained'"]
