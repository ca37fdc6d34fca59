"""`vigil sites`, `sites show`, `sites import`, `sites merge`, `sites unmerge`, `sites scan` (issue 10)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from site_samples import store_three
from vigil.cli import app
from vigil.store import Store
from vigil.store.sites import sites

ALL = frozenset({"public", "restricted", "confidential"})
CSV = "name,aliases,country,place,type,source\nMoscow TsVSIG,ЦВСИГ в Москве,RU,Moscow,immigration_centre,Team list\n"


def test_the_site_commands(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Store.open(f"sqlite:///{data / 'vigil.db'}") as store:
        store_three(store)  # stored without the pipeline: `sites scan` reads them in
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(app, [*args, "--data", str(data)])
        assert result.exit_code == 0, result.output
        return result.output

    assert "read 3 documents: 1 sites proposed" in run("sites", "scan")
    listing = run("sites", "--country", "RU")
    assert "Sakharovo centre" in listing and "capacity 680 [2025-05]" in listing and "overcrowding" in listing
    (csv := tmp_path / "list.csv").write_text(CSV, encoding="utf-8")
    assert "1 sites created" in run("sites", "import", str(csv))
    with Store.open(f"sqlite:///{data / 'vigil.db'}") as store:
        ids = {s.site.name: s.site.id for s in sites(store, ALL)}
    sakharovo, moscow = ids["Sakharovo centre"], ids["Moscow TsVSIG"]
    shown = run("sites", "show", sakharovo[:12])
    assert "“TsVSIG Sakharovo”" in shown and "has 680 places" in shown
    assert "observations moved" in run("sites", "merge", sakharovo, moscow, "--reason", "one centre")
    assert "moved back" in run("sites", "unmerge", moscow)
    refused = runner.invoke(app, ["sites", "show", "site:000000000", "--data", str(data)])
    assert refused.exit_code == 1
