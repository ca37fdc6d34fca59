"""Rebuild the PDF and DOCX example reports in ``examples/`` from the text kept here.

The examples are vigil's demo data and test fixtures. The .txt, .md and .html ones
are written by hand; the binary ones are generated from this file so that their
wording can be reviewed in a diff and rebuilt at will. The output is deterministic
(fixed creation dates, fixed zip timestamps), so rebuilding changes a file only
when its text changes.

Run from the repository root:

    .venv/bin/python scripts/build_examples.py          # rebuild and check
    .venv/bin/python scripts/build_examples.py --check  # only check the files read back

Needs fpdf2 and python-docx (both in the ``test`` extra) and the DejaVu fonts
(Debian ``fonts-dejavu-core``) for Cyrillic in PDFs.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# DejaVu covers Latin and Cyrillic; fpdf2's built-in core fonts are Latin-1 only.
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"

# A zip entry's timestamp cannot be earlier than 1980; any fixed value keeps the
# DOCX bytes stable between builds.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Report:
    """One generated example: where it goes and the words in it."""

    file: str
    language: str
    published: str  # YYYY-MM-DD, also written into the file's metadata
    title: str
    paragraphs: tuple[str, ...]
    subtitle: str = ""
    sources: str = ""
    table: tuple[tuple[str, ...], ...] = field(default_factory=tuple)

    @property
    def published_at(self) -> datetime:
        """Noon UTC on the publication day: a fixed, plausible creation time."""
        year, month, day = (int(part) for part in self.published.split("-"))
        return datetime(year, month, day, 12, 0, 0, tzinfo=timezone.utc)


NEW_YEARS_EVE = Report(
    file="russia-new-years-eve-raids.pdf",
    language="en",
    published="2024-01-10",
    title="New Year's Eve 2023: mass detention of Central Asian migrants and pressure to enlist",
    subtitle="Country brief · Russian Federation · 10 January 2024",
    paragraphs=(
        "On New Year's Eve 2023, police in St Petersburg detained about 3,000 migrants, most of "
        "them from Central Asia, according to the state news agency RIA Novosti and the local "
        "outlet Fontanka, both citing law-enforcement sources. Officers cordoned off streets near "
        "metro stations and the central squares where crowds had gathered to see in the new year, "
        "and they also entered communal flats. More than 600 of those detained were found to be in "
        "breach of migration rules, RIA Novosti's source said.",
        "Novaya Gazeta Europe, citing its own source in law enforcement, reported that the real "
        "number was much higher. Men were taken to police stations, while women and children were "
        "taken to a detention centre outside the city. On the morning of 1 January, the paper said, "
        "military recruiters visited the detainees and pressed the men to sign up as volunteers for "
        "the war in Ukraine, offering fast-track citizenship to those without a Russian passport "
        "and threatening those who hesitated with the expulsion of their families. At least 1,500 "
        "men signed contracts with the Defence Ministry, according to the paper.",
        "The joint press service of the St Petersburg courts said that 31 people had been charged "
        "with migration offences: 27 were ordered to be expelled, two were fined and two were "
        "released.",
        "Raids on New Year's Eve were also reported in Moscow, Chelyabinsk and other cities with "
        "large migrant communities. In Moscow, the outlet SOTA said, police detained a man from "
        "Tajikistan who was dressed as Ded Moroz, the Russian Father Christmas. Foreigners whom "
        "Moscow courts order to be expelled are usually held until departure in the Centre for the "
        "Temporary Detention of Foreign Citizens at Sakharovo, in New Moscow, one of three such "
        "centres serving the capital region, alongside those in Egoryevsk and Korolyov.",
        "Such sweeps are not new. A year earlier, on the night of 1 January 2023, Fontanka reported "
        "that up to 2,000 people had been detained in similar preventive raids in the city.",
    ),
    sources=(
        "Sources: RIA Novosti, Fontanka and Bumaga (1 January 2024); Novaya Gazeta Europe; "
        "Asia-Plus (3 January 2024); Kyiv Post; Mediazona (2 April 2020) on the Moscow centres."
    ),
)

CITIZENSHIP = Report(
    file="russia-citizenship-revocation.docx",
    language="en",
    published="2025-05-28",
    title="Stripped of citizenship for skipping the draft office",
    subtitle="Country brief · Russian Federation · 28 May 2025",
    paragraphs=(
        "By October 2024 at least twelve naturalised Russian citizens had lost their citizenship "
        "because they had not registered for military service, the investigative outlet iStories "
        "found. Once the decision was taken, each of them was obliged to leave Russia. Courts in "
        "the Khabarovsk and Chelyabinsk regions and in Moscow accounted for nine of the cases; "
        "another concerned an intensive-care doctor in Krasnoyarsk who had become a citizen in 2018.",
        "The legal basis is a law passed by the State Duma on 31 July 2024 and signed by President "
        "Putin on 8 August 2024. It adds a failure to complete initial military registration to the "
        "grounds for revoking acquired citizenship, and it ties naturalisation to the military "
        "register: before a man takes the citizenship oath, the police must pass his details to the "
        "enlistment office, and a new citizen has two weeks to register. In September 2024 the "
        "Interior Ministry's spokeswoman, Irina Volk, said the ministry had asked enlistment offices "
        "for the names of new citizens who had not registered. She added that 1,117 people had been "
        "deprived of citizenship in the first six months of 2024 for offences they had committed.",
        "Raids on hostels, markets and workplaces have become the main means of enforcement. "
        "Speaking at the St Petersburg International Legal Forum on 27 June 2024, the head of the "
        "Investigative Committee, Alexander Bastrykin, said that more than 30,000 naturalised "
        "citizens who had avoided registration had been caught, and that about 10,000 of them had "
        "been sent to the zone of what Moscow calls its special military operation, where, he said, "
        "they dug trenches and built fortifications. At the same forum on 20 May 2025 he put the "
        "number caught at 80,000 and said that 20,000 of them, one in four, were already at the "
        "front, TASS reported.",
        "Bastrykin has presented the departures that followed as intended: the prospect of military "
        "service, he said, had led migrants to begin leaving the country.",
    ),
    table=(
        ("Date", "Statement", "Figure"),
        ("27 June 2024", "naturalised citizens caught without military registration", "more than 30,000"),
        ("27 June 2024", "of them sent to the special military operation zone", "about 10,000"),
        ("20 May 2025", "naturalised citizens caught without military registration", "80,000"),
        ("20 May 2025", "of them at the front", "20,000"),
    ),
    sources=(
        "Sources: iStories (October 2024); TASS (2 August 2024); Asia-Plus (13 September 2024); "
        "The Moscow Times (27 June 2024); Kyiv Independent and TASS (20 May 2025)."
    ),
)

REGISTRY_RU = Report(
    file="rossiya-reestr-kontroliruemyh-lic.docx",
    language="ru",
    published="2025-11-28",
    title="Реестр контролируемых лиц: девять месяцев режима высылки",
    subtitle="Обзор · Россия · 28 ноября 2025 года",
    paragraphs=(
        "С 5 февраля 2025 года в России действует режим высылки. Иностранцев, которые утратили "
        "законные основания находиться в стране, МВД вносит в реестр контролируемых лиц; проверить, "
        "есть ли в нём человек, можно на сайте министерства. Основанием служат истёкший срок "
        "пребывания, патента или вида на жительство, решение о выдворении или депортации, "
        "незаконное пересечение границы, вступивший в силу приговор суда.",
        "Попавшие в реестр не вправе без разрешения полиции менять место жительства и выезжать за "
        "пределы своего региона, покупать и регистрировать недвижимость и транспорт, вступать в "
        "брак, создавать юридические лица и водить машину; их детей не принимают в школы. Банки "
        "ограничивают операции по их счетам. За повторное нарушение запретов грозит депортация с "
        "помещением в специальное учреждение МВД, и решение суда для этого не нужно.",
        "Реестр пополнялся стремительно. По данным МВД, к 9 марта в него были внесены 685 тыс. "
        "иностранцев: эту цифру назвал министр внутренних дел Владимир Колокольцев в интервью "
        "журналисту Павлу Зарубину. Таким образом, между 5 февраля и 9 марта 2025 года в реестр "
        "попали 685 000 человек. Урегулировать своё положение им предложили до 30 апреля. Ещё "
        "13 февраля министерство сообщало, что граждане и организации провели через его "
        "онлайн-сервисы более 688 тыс. проверок и в 95 608 случаях у иностранца не нашлось "
        "законных оснований для пребывания в стране.",
        "К концу года реестр вырос ещё. Заместитель секретаря Совета безопасности Александр "
        "Гребенкин 25 ноября сказал в интервью «Российской газете», что в нём содержатся сведения "
        "о более чем 775 тыс. человек, а страницу реестра на сайте МВД с начала работы открывали "
        "около 53 млн раз.",
        "Юристы и правозащитники указывают на ошибки: по данным Русской службы Би-би-си, в реестр "
        "попадают и иностранцы с действующими документами, а узнают они об этом нередко лишь тогда, "
        "когда банк блокирует карту.",
        "Отдельный указ президента от 20 марта 2025 года обязал граждан Украины, которые находятся "
        "в России без законных оснований, в том числе на оккупированных территориях Донецкой, "
        "Луганской, Запорожской и Херсонской областей, до 10 сентября 2025 года урегулировать свой "
        "статус или выехать.",
    ),
    sources=(
        "Источники: «Лента.ру» и «Интерфакс» (9 марта 2025 года); МВД России (13 февраля 2025 "
        "года); ТАСС и РИА Новости (25 ноября 2025 года); Русская служба Би-би-си (13 мая 2025 "
        "года); Kyiv Independent (20 марта 2025 года)."
    ),
)

CENTRES_RU = Report(
    file="rossiya-cvsig.pdf",
    language="ru",
    published="2021-02-15",
    title="ЦВСИГ: где держат иностранцев перед выдворением",
    subtitle="Обзор · Россия · 15 февраля 2021 года",
    paragraphs=(
        "Центры временного содержания иностранных граждан (ЦВСИГ) — специальные учреждения МВД, "
        "куда помещают иностранцев, которых суд постановил выдворить, а также тех, кто ждёт "
        "депортации или передачи по соглашениям о реадмиссии. По данным пресс-службы МВД, которые "
        "приводила «Фергана», на 1 ноября 2019 года в России работали 78 таких центров в 75 "
        "регионах и в них находились 8571 иностранец.",
        "Больше всего людей было в московском ЦВСИГ: на ту же дату там содержались 678 человек, в "
        "Екатеринбурге — 180, в двух центрах Санкт-Петербурга и Ленинградской области — 431. Москву "
        "и Подмосковье, как писала «Медиазона», обслуживают три центра: в деревне Сахарово, в "
        "Егорьевске и в Королёве. Первые два рассчитаны на несколько сотен человек каждый, "
        "королёвский — примерно на пять десятков.",
        "Весной 2020 года, когда из-за пандемии закрылись границы, высылать задержанных стало "
        "некуда. В марте правозащитники призвали власти отпустить всех, кто содержится в ЦВСИГ: "
        "держать взаперти человека, которого невозможно выслать, по их мнению, незаконно. Собеседница "
        "«Медиазоны» в системе МВД рассказала, что в Королёве тогда оставались около 40 человек, в "
        "основном граждане Узбекистана и Таджикистана.",
        "В конце января 2021 года, после акций в поддержку Алексея Навального, московские "
        "спецприёмники для административно арестованных оказались заполнены, и часть задержанных "
        "участников протестов отбывала арест в Сахарове. Правозащитники, побывавшие в центре, "
        "рассказали Радио Азаттык о камерах с железными кроватями, душе раз в неделю и прогулках "
        "в зарешечённом дворе. Иностранцы нередко проводят в ЦВСИГ по многу месяцев.",
    ),
    sources=(
        "Источники: «Фергана» (данные МВД на 1 ноября 2019 года); «Медиазона» (2 апреля 2020 "
        "года); Радио Азаттык (февраль 2021 года)."
    ),
)

UK_DETENTION = Report(
    file="uk-detention-2024.pdf",
    language="en",
    published="2025-03-05",
    title="UK immigration detention rose in 2024 after years of decline",
    subtitle="Country brief · United Kingdom · 5 March 2025",
    paragraphs=(
        "According to the Home Office's quarterly immigration system statistics for the year ending "
        "December 2024, published on 27 February 2025, 20,604 people entered immigration detention "
        "in the United Kingdom in 2024, 12% more than in 2023. It is the first annual rise after a "
        "long decline: the number had peaked at around 32,700 in 2015 and had fallen to around "
        "24,500 by 2019.",
        "Albanians were the largest nationality among those detained, with 6,031 people. Women made "
        "up about 11 per cent of the people entering detention, 2,178 in all, according to an "
        "analysis of the figures by Scottish Detainee Visitors. At Dungavel, Scotland's only "
        "immigration removal centre, 823 people arrived as their first place of detention, 59 per "
        "cent more than a year before.",
        "The statistics leave out people held at Manston in Kent, where people arriving in small "
        "boats across the Channel are processed. Since 2022 most of them have been processed there "
        "rather than held in the detention estate, which the Home Office says partly explains the "
        "earlier fall.",
        "The number held at any one time is far smaller. At the end of March 2024, 1,913 people were "
        "detained under immigration powers, 1,808 of them in the immigration detention estate and "
        "105 in prisons, according to Home Office figures summarised by the Association of Visitors "
        "to Immigration Detainees (AVID). In the year ending June 2024, 18,918 people entered "
        "detention.",
    ),
    sources=(
        "Sources: Home Office, Immigration system statistics, year ending December 2024 and year "
        "ending June 2024; Scottish Detainee Visitors (28 February 2025); AVID, figures for the "
        "year ending March 2024."
    ),
)

REPORTS: tuple[Report, ...] = (NEW_YEARS_EVE, CITIZENSHIP, REGISTRY_RU, CENTRES_RU, UK_DETENTION)


def body_text(report: Report) -> list[str]:
    """The blocks of a report in reading order: title, subtitle, paragraphs, sources."""
    blocks = [report.title]
    if report.subtitle:
        blocks.append(report.subtitle)
    blocks.extend(report.paragraphs)
    if report.sources:
        blocks.append(report.sources)
    return blocks


def build_pdf(report: Report, path: Path) -> None:
    """Write a one-column A4 PDF with a real text layer in a Unicode font."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(report.published_at)
    pdf.set_title(report.title)
    pdf.set_author("vigil project")
    pdf.set_subject("Example report for vigil; free to reuse")
    pdf.set_lang(report.language)
    pdf.set_margins(left=22, top=22, right=22)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_font("DejaVu", "", str(FONT_REGULAR))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))
    pdf.add_page()

    pdf.set_font("DejaVu", "B", 15)
    pdf.multi_cell(0, 8, report.title, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(2)
    if report.subtitle:
        pdf.set_font("DejaVu", "", 9)
        pdf.multi_cell(0, 5, report.subtitle, new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(4)
    pdf.set_font("DejaVu", "", 10.5)
    for paragraph in report.paragraphs:
        pdf.multi_cell(0, 5.6, paragraph, new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(3)
    if report.sources:
        pdf.set_font("DejaVu", "", 8.5)
        pdf.multi_cell(0, 4.6, report.sources, new_x="LMARGIN", new_y="NEXT", align="L")
    path.write_bytes(bytes(pdf.output()))


def build_docx(report: Report, path: Path) -> None:
    """Write a DOCX with a title, body paragraphs, an optional table, and fixed metadata."""
    from docx import Document

    document = Document()
    document.add_heading(report.title, level=1)
    if report.subtitle:
        document.add_paragraph(report.subtitle).runs[0].italic = True
    for paragraph in report.paragraphs:
        document.add_paragraph(paragraph)
    if report.table:
        header, *rows = report.table
        table = document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header):
            cell.text = text
        for row in rows:
            for cell, text in zip(table.add_row().cells, row):
                cell.text = text
    if report.sources:
        document.add_paragraph(report.sources)

    props = document.core_properties
    props.title = report.title
    props.author = "vigil project"
    props.last_modified_by = "vigil project"
    props.language = report.language
    props.comments = "Example report written by the vigil project; free to reuse."
    props.created = report.published_at.replace(tzinfo=None)
    props.modified = report.published_at.replace(tzinfo=None)
    props.last_printed = report.published_at.replace(tzinfo=None)
    props.revision = 1

    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(_normalise_zip(buffer.getvalue()))


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps so that equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(
        out, "w", compression=zipfile.ZIP_DEFLATED
    ) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def _squash(text: str) -> str:
    """Collapse whitespace, so that line wrapping in a PDF does not count as a difference."""
    return re.sub(r"\s+", " ", text).strip()


def read_back(report: Report, path: Path) -> str:
    """The text a reader library gets back from the built file (pypdf or python-docx)."""
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    from docx import Document

    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def check(report: Report, path: Path) -> list[str]:
    """Problems found when reading a built file back; empty when every block survives intact."""
    got = _squash(read_back(report, path))
    problems = [
        f"{path.name}: block not found verbatim: {block[:60]!r}…"
        for block in body_text(report)
        if _squash(block) not in got
    ]
    for row in report.table:
        problems.extend(
            f"{path.name}: table cell missing: {cell!r}" for cell in row if cell not in got
        )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only read the files back")
    args = parser.parse_args(argv)
    problems: list[str] = []
    for report in REPORTS:
        path = EXAMPLES / report.file
        if not args.check:
            (build_pdf if path.suffix == ".pdf" else build_docx)(report, path)
            print(f"built {path.relative_to(EXAMPLES.parent)}")
        problems.extend(check(report, path))
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
