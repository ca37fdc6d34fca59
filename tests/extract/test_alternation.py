"""alternation.py: rewritten alternations match exactly what the plain ones match (issue 3)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vigil.extract.alternation import DIGIT, SPACE, char_trie, dispatch, first_keys, guarded, pattern_set, starts, trie_pattern

WORDS = [
    "detained", "deported", "deportations", "Deport", r"\d[\d,.]* (?:have|has) been removed", "sent back",
    "(?:came|come) into (?:force|effect)", r"signed by (?:President )?(?-i:[A-Z])\w+", "[\\w-]+ camps?",
    "ſtate", "Kelvin", "İstanbul", "задержан\\w*", "выдворил[аи]?", "ёлка", "(?:x)?y?", r"\s+while",
]
TEXTS = [
    "Police detained 87 people; 1,200 have been removed and the decree came into force.",
    "DEPORTED, Deportations, deport: signed by President Putin, signed by president putin.",
    "STATE state ſtate KELVIN kelvin \u212aelvin İSTANBUL istanbul Istanbul ıstanbul.",
    "В Москве задержаны 300 мигрантов, 12 выдворили; ЁЛКА ёлка Ёлка елка.",
    "mixed ١٢٣ have been removed ٣ while   while\twhile y x xy",
    "",
]


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        ("detained|Deported", re.I, frozenset("d")),
        (r"\d+ people|, and", 0, frozenset({DIGIT, ","})),
        (r"\s+(?=but)|;", re.I, frozenset({SPACE, ";"})),
        (r"(?<![\w])(?:ICE|CBP)(?![\w])", re.I, frozenset("ic")),
        ("[A-Z]x", 0, frozenset("abcdefghijklmnopqrstuvwxyz")),
        (r"\w+", 0, None),  # any word character: unbounded
        ("x?", 0, None),  # may match nothing
        ("(?:a|)b", 0, frozenset("ab")),
    ],
)
def test_first_keys(pattern: str, flags: int, expected: frozenset[str] | None) -> None:
    assert first_keys(pattern, flags) == expected


def _plain(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![^\W_])(?:" + "|".join(f"(?:{w})" for w in words) + r")(?![^\W_])", re.I)


def _fast(words: list[str]) -> re.Pattern[str]:
    return re.compile(rf"{starts(tuple(words))}(?<![^\W_])(?:{dispatch(words)})(?![^\W_])", re.I)


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("words", [WORDS, WORDS[:6], list(reversed(WORDS)), ["a", "ab", "abc"], ["x"]])
def test_dispatch_matches_exactly_what_the_plain_alternation_matches(words: list[str], text: str) -> None:
    plain, fast = _plain(words), _fast(words)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    for i in range(len(text) + 1):
        a, b = plain.match(text, i), fast.match(text, i)
        assert (a and a.span()) == (b and b.span())


@given(st.text(alphabet="adeoprtsyx ſKkİiıЁёелка,.;0123\t-", max_size=60))
@settings(max_examples=300, deadline=None)
def test_dispatch_property(text: str) -> None:
    plain, fast = _plain(WORDS), _fast(WORDS)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("text", TEXTS)
def test_guarded_finds_the_same_matches(text: str) -> None:
    source = r";|:\s|\s[–—-]\s|(?<=\w)[–—](?=\w)|,\s+(?=(?:while|but|а|но)\b)"
    assert [m.span() for m in guarded(source, re.I).finditer(text)] == [
        m.span() for m in re.compile(source, re.I).finditer(text)
    ]


def _set(groups: list[list[str]]) -> tuple[list[re.Pattern[str]], object]:
    patterns = [_fast(g) for g in groups]
    return patterns, pattern_set(patterns, groups, _fast([w for g in groups for w in g]))


@pytest.mark.parametrize("text", TEXTS)
def test_pattern_set_finditer_each_is_finditer_of_each(text: str) -> None:
    groups = [WORDS[:3], WORDS[3:8], WORDS[8:12], WORDS[12:], ["de", "deport"]]
    patterns, table = _set(groups)
    for start, end in [(0, len(text)), (3, max(3, len(text) - 5))]:
        got = table.finditer_each(text, start, end)  # type: ignore[attr-defined]
        assert [[m.span() for m in ms] for ms in got] == [
            [m.span() for m in p.finditer(text, start, end)] for p in patterns
        ]


@pytest.mark.parametrize("text", TEXTS)
def test_pattern_set_matches_at_every_position(text: str) -> None:
    groups = [WORDS[:3], WORDS[3:8], WORDS[8:12], WORDS[12:]]
    patterns, table = _set(groups)
    for i in range(len(text)):
        got = [(k, m.span()) for k, m in table.matches_at(text, i, len(text))]  # type: ignore[attr-defined]
        want = [(k, m.span()) for k, p in enumerate(patterns) if (m := p.match(text, i)) is not None]
        assert got == want


@settings(max_examples=200, deadline=None)
@given(st.sets(st.text("abdeё .", min_size=1, max_size=5), min_size=1, max_size=8), st.text("abdeё .", max_size=5))
def test_a_trie_pattern_matches_exactly_its_words(words: set[str], other: str) -> None:
    pattern = re.compile(trie_pattern(char_trie(words)))
    assert all(pattern.fullmatch(word) for word in words)
    assert bool(pattern.fullmatch(other)) == (other in words)


def test_a_trie_pattern_factors_shared_beginnings() -> None:
    assert trie_pattern(char_trie(["deported", "deportation", "detained"])) == "de(?:port(?:ation|ed)|tained)"
    assert trie_pattern(char_trie(["in", "inside"])) == "in(?:side)?"
