"""Loading a team's known list of sites from CSV (issue 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_samples import store_three
from vigil.errors import InputError
from vigil.model import EntryStatus, SiteAttribute
from vigil.review.sites import import_csv, read_sites_csv
from vigil.store import Store
from vigil.store.audit import entries
from vigil.store.site_linking import scan_all
from vigil.store.sites import observations, sites

ALL = frozenset({"public", "restricted", "confidential"})

CSV = """name,aliases,country,place,type,latitude,longitude,source
ЦВСИГ № 1 в Сахарове,Sakharovo centre; TsVSIG Sakharovo,RU,Сахарово,immigration_centre,55.4906,37.1925,Team register 2025
Spetspriyomnik No. 2,Спецприёмник № 2 в Москве,ru,Москва,police_or_jail,,,Team register 2025
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sites.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_csv_is_read_row_by_row(tmp_path: Path) -> None:
    rows = read_sites_csv(_write(tmp_path, CSV))
    assert [r.name for r in rows] == ["ЦВСИГ № 1 в Сахарове", "Spetspriyomnik No. 2"]
    assert rows[0].aliases == ("Sakharovo centre", "TsVSIG Sakharovo")
    assert (rows[0].latitude, rows[0].longitude, rows[1].country, rows[1].type) == (55.4906, 37.1925, "RU", "police_or_jail")


@pytest.mark.parametrize("bad, reason", [
    ("place,type\nX,immigration_centre\n", "no `name` column"),
    ("name,type\nX,prison camp\n", "line 2: type"),
    ("name,country\nX,Russia\n", "line 2: country"),
    ("name,latitude\nX,north\n", "line 2: latitude"),
])
def test_a_bad_row_is_refused_with_its_line(tmp_path: Path, bad: str, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        read_sites_csv(_write(tmp_path, bad))


def test_an_import_adds_to_a_matching_site_and_creates_the_rest(store: Store, tmp_path: Path) -> None:
    store_three(store)
    scan_all(store)
    [existing] = sites(store, ALL)
    report = import_csv(store, _write(tmp_path, CSV), actor="amina")
    assert report.matched == [existing.site.id] and len(report.created) == 1
    found = {s.site.id: s for s in sites(store, ALL)}
    sakharovo = found[existing.site.id].site
    assert (sakharovo.latitude, sakharovo.longitude) == (55.4906, 37.1925)
    imported = [o for o in observations(store, ALL, site=sakharovo.id) if o.method == "import"]
    assert {o.observation.value for o in imported if o.observation.attribute is SiteAttribute.NAME} == {
        "ЦВСИГ № 1 в Сахарове", "Sakharovo centre", "TsVSIG Sakharovo"}
    assert all(o.observation.source == "Team register 2025" and o.observation.quote is None for o in imported)
    new = found[report.created[0]].site
    assert new.status is EntryStatus.ACCEPTED and new.country == "RU"
    audited = [e for e in entries(store, levels=ALL) if e.action == "site.import"]
    assert len(audited) == 2 and {e.actor for e in audited} == {"amina"}


def test_importing_the_same_list_twice_adds_nothing(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, CSV)
    first = import_csv(store, path)
    second = import_csv(store, path)
    assert len(first.created) == 2 and second.created == [] and second.observations == 0
    assert len(sites(store, ALL)) == 2


def test_a_document_mention_links_to_an_imported_site(store: Store, tmp_path: Path) -> None:
    import_csv(store, _write(tmp_path, CSV))
    store_three(store)
    scan_all(store)
    assert len(sites(store, ALL)) == 2
