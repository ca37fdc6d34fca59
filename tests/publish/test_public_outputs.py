"""Public outputs hold nothing of restricted or confidential documents (issue 7).

A confidential and a restricted document carry a canary string in their text, in a
figure's quote and in its attribution; every file a public site and every public export
writes is read as bytes and searched for the canary, the documents' ids and titles.
The internal edition must contain the canary, which shows the search would find it.
"""

from __future__ import annotations

from typing import Any

from pathlib import Path

import pytest

from publish_samples import CANARY, CONFIDENTIAL_TITLE, Sample, fill
from vigil.ingest import Archive
from vigil.publish.exports import EXPORTERS, export
from vigil.publish.profile import write_profile
from vigil.publish.site import write_site
from vigil.store import Store


def _write_everything(store: Store, out: Path, archive: Path, audience: str) -> list[Path]:
    write_site(store, out / "site", archive=Archive(archive), audience=audience)
    write_profile(store, "RU", out / "profile", archive=Archive(archive), audience=audience)
    for fmt in EXPORTERS:
        export(store, fmt, out / "exports" / f"vigil.{fmt}", audience=audience)
    return [p for p in out.rglob("*") if p.is_file()]


def _needles(sample: Sample) -> list[bytes]:
    needles = [CANARY, CONFIDENTIAL_TITLE, "Internal tally"]
    for doc in (sample.confidential, sample.restricted):
        needles += [doc.id, doc.id.split(":", 1)[1]]
    return [n.encode("utf-8") for n in needles]


def test_public_outputs_hold_nothing_of_confidential_documents(store: Store, tmp_path: Path, reliability: Any) -> None:
    sample = fill(store, tmp_path / "archive")
    files = _write_everything(store, tmp_path / "public", tmp_path / "archive", "public")
    assert any(p.suffix == ".sqlite" for p in files) and any(p.name == "ru.html" for p in files)
    leaks = [(p.relative_to(tmp_path), n.decode()) for p in files for n in _needles(sample) if n in p.read_bytes()]
    reliability("responses and files scanned", len(files))
    reliability("canary hits", len(leaks))
    assert leaks == []
    # Not even counts: the profile speaks of its two public sources only.
    page = (tmp_path / "public" / "site" / "ru.html").read_text(encoding="utf-8")
    assert "figures from 2 sources" in page
    assert "Deaths in detention" not in page and "412" not in page


def test_the_internal_edition_does_hold_them(store: Store, tmp_path: Path) -> None:
    sample = fill(store, tmp_path / "archive")
    files = _write_everything(store, tmp_path / "internal", tmp_path / "archive", "internal")
    found = {n.decode() for p in files for n in _needles(sample) if n in p.read_bytes()}
    assert CANARY in found and CONFIDENTIAL_TITLE in found
    page = (tmp_path / "internal" / "site" / "ru.html").read_text(encoding="utf-8")
    assert "Internal edition — do not publish." in page


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_every_output_says_nothing_is_public_unless_public(store: Store, tmp_path: Path, audience: str) -> None:
    fill(store, tmp_path / "archive")
    export(store, "json", tmp_path / "vigil.json", audience=audience)
    import json

    assert json.loads((tmp_path / "vigil.json").read_text(encoding="utf-8"))["audience"] == audience
