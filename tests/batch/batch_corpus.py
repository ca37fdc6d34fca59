"""Generated corpora for the batch tests: small reports from sentences written for these tests.

Each report joins a few sentences (English or Russian) with numbers and places
drawn from a seeded generator, so every document is different (different
content-hash ids) and the same seed always gives the same corpus.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SEED = 8

EN_SENTENCES = (
    "Border officers detained {n} migrants near {place_en} in {month_en} {year}.",
    "The ministry said {n} foreign nationals were deported from {place_en} last year.",
    "At least {n} people were held at the removal centre in {place_en}, the monitors found.",
    "Lawyers counted {n} asylum seekers in detention at the end of {month_en} {year}.",
    "Police apprehended {n} undocumented workers during raids in {place_en}.",
    "The inspectors visited the facility on {day} {month_en} {year} and spoke to detainees.",
    "A spokesperson declined to comment on the conditions in the centre.",
)
RU_SENTENCES = (
    "В {year} году из {place_ru_gen} выдворили {n} иностранных граждан.",
    "Полиция задержала {n} мигрантов в ходе рейда в {place_ru_loc}.",
    "В центре временного содержания находились {n} человек, сообщили правозащитники.",
    "По данным МВД, за {month_ru} {year} года депортированы {n} человек.",
    "Суд назначил выдворение гражданину Узбекистана {day} {month_ru_gen} {year} года.",
    "Представитель ведомства отказался от комментариев.",
)
PLACES_EN = ("Dover", "Calais", "Moscow", "Kent", "Texas", "Arizona")
PLACES_RU = (("Москвы", "Москве"), ("Казани", "Казани"), ("Новосибирска", "Новосибирске"), ("Самары", "Самаре"))
MONTHS_EN = ("January", "March", "June", "September", "November")
MONTHS_RU = (("январь", "января"), ("март", "марта"), ("июнь", "июня"), ("октябрь", "октября"))


@dataclass(frozen=True, slots=True)
class Report:
    """One generated report."""

    text: str
    language: str
    published: str
    url: str

    @property
    def id(self) -> str:
        """The document id vigil gives it when read from JSON Lines (sha256 of the text's UTF-8)."""
        return "sha256:" + hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def reports(count: int, seed: int = SEED) -> Iterator[Report]:
    """`count` distinct reports, alternating English and Russian."""
    rng = random.Random(seed)
    for index in range(count):
        year = rng.randint(2019, 2025)
        language = "en" if index % 2 == 0 else "ru"
        place_gen, place_loc = rng.choice(PLACES_RU)
        month_ru, month_ru_gen = rng.choice(MONTHS_RU)
        pool = EN_SENTENCES if language == "en" else RU_SENTENCES
        sentences = [
            rng.choice(pool).format(
                n=rng.randint(12, 9_000),
                year=year,
                day=rng.randint(1, 28),
                place_en=rng.choice(PLACES_EN),
                month_en=rng.choice(MONTHS_EN),
                place_ru_gen=place_gen,
                place_ru_loc=place_loc,
                month_ru=month_ru,
                month_ru_gen=month_ru_gen,
            )
            for _ in range(rng.randint(2, 5))
        ]
        # The index makes every report unique even when the draws repeat.
        text = f"Report {index + 1}.\n\n" + " ".join(sentences)
        yield Report(text, language, f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", f"https://news.example/{index + 1}")


def write_jsonl(path: Path, items: list[Report], bad_lines: dict[int, str] | None = None) -> Path:
    """Write the reports as JSON Lines; `bad_lines` puts raw lines at given 0-based positions."""
    bad_lines = bad_lines or {}
    lines: list[str] = []
    for report in items:
        while len(lines) in bad_lines:
            lines.append(bad_lines[len(lines)])
        lines.append(
            json.dumps(
                {"text": report.text, "url": report.url, "published": report.published, "language": report.language},
                ensure_ascii=False,
            )
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_folder(folder: Path, items: list[Report]) -> Path:
    """One .txt file per report."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, report in enumerate(items, 1):
        (folder / f"report-{number:05d}.txt").write_text(report.text, encoding="utf-8")
    return folder


def write_warc(path: Path, items: list[Report]) -> Path:
    """A gzipped WARC of HTML responses, with a request record and a 404 between them (to be passed over)."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for number, report in enumerate(items, 1):
            url = f"https://news.example/article/{number}"
            body = "".join(f"<p>{paragraph}</p>" for paragraph in report.text.split("\n\n"))
            html = f"<html lang='{report.language}'><head><title>Article {number}</title></head><body><article>{body}</article></body></html>"
            request = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(request)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=headers)
            )
            if number % 7 == 0:
                missing = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.0")
                writer.write_record(
                    writer.create_warc_record(url + "/gone", "response", payload=io.BytesIO(b"<p>no</p>"), http_headers=missing)
                )
    return path
