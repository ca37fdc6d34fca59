"""`vigil figures`: stored figures with their quotes, filtered by country and indicator (issue 3)."""

from __future__ import annotations

import re

from cli_support import IngestedExamples

FIGURE_LINE = re.compile(r"^(?P<indicator>[a-z_]+)\s+(?P<value>[\d,.]+)\s+(?P<qualifier>[a-z_]+)\s")
COUNT_LINE = re.compile(r"^(\d+) figures$", re.M)


def figure_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if FIGURE_LINE.match(line)]


def test_figures_for_russian_deportations_list_the_87000_with_its_quote(ingested_examples: IngestedExamples) -> None:
    run = ingested_examples.vigil("figures", "--country", "RU", "--indicator", "deported")
    assert run.returncode == 0, run.explain()
    lines = figure_lines(run.stdout)
    assert lines, run.explain()
    for line in lines:
        assert line.startswith("deported "), line
        assert re.search(r"\sRU\s", line), line
    assert any(FIGURE_LINE.match(line)["value"] == "87,000" for line in lines), run.explain()  # type: ignore[index]
    # The quote is printed with the figure, in the English and in the Russian report.
    assert "87,000 foreign nationals" in run.stdout, run.explain()
    assert "87 тыс." in run.stdout, run.explain()
    shown = COUNT_LINE.search(run.stdout)
    assert shown and int(shown.group(1)) == len(lines), run.explain()


def test_country_filter_ignores_case(ingested_examples: IngestedExamples) -> None:
    upper = ingested_examples.vigil("figures", "--country", "RU", "--indicator", "deported")
    lower = ingested_examples.vigil("figures", "--country", "ru", "--indicator", "deported")
    assert upper.stdout == lower.stdout


def test_other_figures_only_with_all(ingested_examples: IngestedExamples) -> None:
    default = ingested_examples.vigil("figures")
    everything = ingested_examples.vigil("figures", "--all")
    assert default.returncode == everything.returncode == 0
    assert not any(line.startswith("other ") for line in figure_lines(default.stdout)), default.explain()
    assert len(figure_lines(everything.stdout)) >= len(figure_lines(default.stdout)) > 0
    assert any(line.startswith("other ") for line in figure_lines(everything.stdout)), everything.explain()


def test_unknown_country_lists_nothing(ingested_examples: IngestedExamples) -> None:
    run = ingested_examples.vigil("figures", "--country", "ZZ")
    assert run.returncode == 0, run.explain()
    assert figure_lines(run.stdout) == []
    assert COUNT_LINE.search(run.stdout) and COUNT_LINE.search(run.stdout).group(1) == "0"  # type: ignore[union-attr]
