"""Attribution: reporting clauses and the sources they name (attribution.py).

The clause patterns are tried only where a phrase or a verb lets them match; the tests
here check that this finds exactly what a plain `finditer` of each pattern finds, on
sentences made to sit at the edges of that reasoning (asides of 60 and 61 characters,
verbs inside words, look-alike letters, spans that cut a name), and on generated text.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vigil.extract.attribution import _agencies, _clause_matches, _table, agency_countries, find_attributions

# (sentence, language, sources)
FOUND = [
    ("The Interior Ministry said 8,000 foreigners were deported in 2023.", "en", ["Interior Ministry"]),
    ("According to the Federal Bailiff Service (FSSP), 30,000 were barred.", "en", ["Federal Bailiff Service (FSSP)"]),
    ("Dmitry Aristov, the Director of the Federal Bailiff Service, said the number grew.", "en", ["Federal Bailiff Service"]),
    ("In Moscow, the outlet SOTA said, police detained a man.", "en", ["SOTA"]),
    ("Officials, citing internal data, said 500 people were held.", "en", ["Officials"]),
    ("Russian media reported that 1,580 men signed contracts.", "en", ["Russian media"]),
    ("The figure was 12,000, told Reuters a source.", "en", ["Reuters"]),
    ("Earlier figures reported by the Tajik news agency Asia-Plus put it at 18,667.", "en", ["Asia-Plus"]),
    ("He said 40 were held.", "en", []),
    ("По данным МВД, в 2023 году выдворены 80 тысяч человек.", "ru", ["МВД"]),
    ("Из России выдворили 5 тысяч мигрантов, сообщает ТАСС.", "ru", ["ТАСС"]),
]


@pytest.mark.parametrize(("text", "language", "sources"), FOUND)
def test_finds(text: str, language: str, sources: list[str]) -> None:
    assert [a.source for a in find_attributions(text, language)] == sources


EDGES = [
    "The Ministry, " + "x" * 60 + ", said 100 were held.",  # the longest aside
    "The Ministry, " + "x" * 61 + ", said 100 were held.",  # one character too long
    "The Ministry, , said it; The Ministry,x, said it; The Ministry ,\n an aside\t,\n\n said it.",
    "Xsaid, The Ministry has said, the Ministry have reported, ICE\tsays, (ICE) said, (Moscow) said.",
    "STATE MEDIA REPORTED 5. State media Reported 5. the authorities say 5; said the paper; Says ICE",
    "The Ministry of the Interior of the Russian Federation for Migration and in Moscow said 5.",
    "The ministry ſaid 5 and Officials ſays; according to ICE; Acc\u212aording to the Home Office.",
    "İstanbul officials said 5, according to the İçişleri Bakanlığı; data from data from the Home Office",
    "al-Jazeera reported, O'Brien said, D&O told, St. Petersburg officials said, U.S. officials said.",
    "Mr. Smith, the head of the Migration Service at the Ministry, said 5, reported by the paper.",
    ", said Reuters, told   AP, reported\tthe BBC, says the UN; estimates, said, the, agency",
    "По данным МВД России, сообщает ТАСС, заявили в ГУВМ МВД, как сообщили «Новая газета» и СМИ сообщили.",
    "Пресс-служба ведомства сообщила, что ФССП сообщил; власти сообщили; Росгвардия заявила, сообщил ТАСС.Как",
    "said " * 40 + "The Ministry said said said",
]


def _plain(text: str, language: str, start: int, end: int) -> list[list[tuple[int, int]]]:
    """What each clause pattern finds with a plain `finditer`: the reference."""
    table = _table(language)
    patterns = (table.before, table.after_verb, table.verb_then_name)
    return [[m.span() for m in p.finditer(text, start, end)] for p in patterns]


def _fast(text: str, language: str, start: int, end: int) -> list[list[tuple[int, int]]]:
    return [[m.span() for m in found] for found in _clause_matches(text, _table(language), start, end)]


@pytest.mark.parametrize("text", EDGES)
@pytest.mark.parametrize("language", ["en", "ru"])
def test_clause_matches_are_those_of_a_plain_scan(text: str, language: str) -> None:
    assert _fast(text, language, 0, len(text)) == _plain(text, language, 0, len(text))
    for start in range(0, len(text) + 1, 7):
        for end in (start, start + 1, start + 13, len(text) - 3, len(text) + 5):
            assert _fast(text, language, start, end) == _plain(text, language, start, end)


_PIECES = st.sampled_from(
    [
        "The Ministry", "Interior Ministry", "ICE", "(ICE)", "the Home Office", "Border Force", "officials", "the agency",
        "Russian media", "said", "says", "reported", "has said", "told", "Said", "SAID", "according to", "data from",
        "figures released by", "as per", "reported by", "the", "of", "and", "in", "x", "Xsaid", "ſaid", "ı", "İ", "12,000",
        "сообщил", "сообщает", "заявили", "по данным", "МВД", "ТАСС", "ФССП", "власти", "СМИ", "Федеральной службы",
        "news agency", "Asia-Plus", "the Director of the Service", "kremlin", "Kremlin", "DHS", "dhs", "ICEland",
    ]
)
_GAPS = st.sampled_from([" ", " ", " ", ", ", ",", "\t", "\n", ". ", "", " - ", ": ", "  "])
_TEXTS = st.lists(st.tuples(_PIECES, _GAPS).map("".join), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=_TEXTS, language=st.sampled_from(["en", "ru"]), cut=st.tuples(st.integers(0, 400), st.integers(0, 400)))
def test_generated_clause_matches_are_those_of_a_plain_scan(text: str, language: str, cut: tuple[int, int]) -> None:
    assert _fast(text, language, 0, len(text)) == _plain(text, language, 0, len(text))
    start, end = min(cut), max(cut)
    assert _fast(text, language, start, end) == _plain(text, language, start, end)


def _plain_agencies(text: str, language: str, start: int, end: int) -> list[tuple[int, str]]:
    agencies = _agencies(language)
    return [
        (m.start(), agencies.codes[m.group(0).lower()])
        for m in agencies.pattern.finditer(text, start, end)
        if m.group(0).isupper() or m.group(0)[0].isupper()
    ]


@settings(max_examples=300, deadline=None)
@given(text=_TEXTS, language=st.sampled_from(["en", "ru"]), cut=st.tuples(st.integers(0, 400), st.integers(0, 400)))
def test_agencies_in_a_span_are_those_of_a_plain_scan(text: str, language: str, cut: tuple[int, int]) -> None:
    start, end = min(cut), max(cut)
    assert agency_countries(text, language, start, end) == _plain_agencies(text, language, start, end)
    assert agency_countries(text, language, 0, len(text)) == _plain_agencies(text, language, 0, len(text))


def test_agency_inside_a_longer_name_is_found_in_a_span_that_starts_inside() -> None:
    text = "The Australian Border Force said so; ICEland is not ICE."
    at = text.index("Border")
    assert agency_countries(text, "en", 0, len(text)) == [(4, "AU"), (text.rindex("ICE"), "US")]
    assert agency_countries(text, "en", at, len(text)) == [(at, "GB"), (text.rindex("ICE"), "US")]
    assert agency_countries(text, "en", text.index("ICEland"), text.index("ICEland") + 3) == [(text.index("ICEland"), "US")]


def test_long_lines_of_verbs_take_linear_time() -> None:
    """A run of name characters is read once, not once for each verb in it."""
    for text in ("said " * 20_000, "A said " * 20_000, "x" * 1_000_000 + " said" * 2_000):
        assert find_attributions(text, "en") == []
