"""The `vigil` command: thin Typer doors onto the library.

Each command parses its options, calls one library function and prints. Errors from
the library (vigil.errors) become one clear line on stderr and a non-zero exit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from vigil.config import Settings, load_settings
from vigil.errors import InputError, VigilError
from vigil.model import Confidentiality, Extraction, parse_partial_date

app = typer.Typer(
    name="vigil",
    help=(
        "vigil reads reports on immigration detention and enforcement and keeps every figure "
        "with the exact quote it came from.\n\n"
        "Start with `vigil ingest examples/`, then `vigil documents`, `vigil figures` and "
        "`vigil search WORDS`. `vigil extract FILE` shows what one file states, without a database."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
# Piped output gets a wide page, so tables of quotes stay readable in files and pagers.
_PIPE_WIDTH = 160
out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else _PIPE_WIDTH)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DataOption = Annotated[
    Optional[Path],
    typer.Option("--data", help="Data folder for the archive and the SQLite database [env VIGIL_DATA; default ./vigil-data]."),
]
DbOption = Annotated[
    Optional[str],
    typer.Option("--db", help="SQLAlchemy database URL [env VIGIL_DB; default SQLite inside the data folder]."),
]
PublishedOption = Annotated[
    Optional[str], typer.Option("--published", help="Publication date, YYYY, YYYY-MM or YYYY-MM-DD (wins over page metadata).")
]
LanguageOption = Annotated[Optional[str], typer.Option("--language", help="Language of the text: en or ru (default: detected).")]


def _fail(message: str, code: int = 1) -> None:
    err.print(f"vigil: {message}", markup=False)
    raise typer.Exit(code)


def _published(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return parse_partial_date(value)
    except ValueError as exc:
        _fail(f"--published: {exc}", 2)
    return None


def _language(value: str | None) -> str | None:
    if value is not None and value not in ("en", "ru"):
        _fail(f"--language: {value!r} is not a language vigil reads (en, ru)", 2)
    return value


def _settings(data: Path | None, db: str | None) -> Settings:
    return load_settings(data, db)


def _open_store(settings: Settings):  # type: ignore[no-untyped-def]
    from vigil.store import Store

    try:
        return Store.open(settings.db_url)
    except VigilError as exc:
        _fail(str(exc))


@app.command()
def ingest(
    sources: Annotated[
        Optional[list[str]], typer.Argument(help="Files, folders, http(s) URLs or RSS/Atom feeds.", show_default=False)
    ] = None,
    manifest: Annotated[
        Optional[Path],
        typer.Option("--manifest", help="A JSON Lines or CSV list of sources (file or url, published, language, title, publisher, confidentiality)."),
    ] = None,
    published: PublishedOption = None,
    language: LanguageOption = None,
    confidentiality: Annotated[
        Confidentiality, typer.Option("--confidentiality", help="Who may see these documents.")
    ] = Confidentiality.PUBLIC,
    data: DataOption = None,
    db: DbOption = None,
) -> None:
    """Archive documents, extract their figures and store them (the same original is stored once)."""
    from vigil.ingest import Archive, Fetcher
    from vigil.pipeline import Outcome
    from vigil.pipeline import ingest as run_ingest

    if not sources and manifest is None:
        _fail("nothing to ingest: name files, folders or URLs, or give --manifest FILE", 2)
    settings = _settings(data, db)
    pub, lang = _published(published), _language(language)
    store = _open_store(settings)
    archive = Archive(settings.archive_dir)
    with store, Fetcher() as fetcher, Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} done"),
        TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("ingesting", total=None)

        def show(outcome: Outcome) -> None:
            progress.advance(task)
            if outcome.status == "failed":
                err.print(f"failed  {outcome.source}: {outcome.reason}", markup=False)
            elif outcome.status == "known":
                out.print(f"known   {outcome.document_id}  {outcome.source} (already archived)", markup=False)
            else:
                out.print(f"stored  {outcome.document_id}  {outcome.source}  ({outcome.figures} figures)", markup=False)

        summary = run_ingest(
            sources or [], store=store, archive=archive, published=pub, language=lang,
            confidentiality=confidentiality, fetcher=fetcher, on_outcome=show,
            manifest=str(manifest) if manifest else None,
        )
    out.print(f"archived {summary.archived}, already known {summary.known}, failed {summary.failed}", markup=False)
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def documents(
    language: Annotated[Optional[str], typer.Option(help="Only documents in this language.")] = None,
    confidentiality: Annotated[Optional[Confidentiality], typer.Option(help="Only this confidentiality.")] = None,
    limit: Annotated[Optional[int], typer.Option(help="At most this many.")] = None,
    data: DataOption = None,
    db: DbOption = None,
) -> None:
    """List archived documents, newest first, one a line beginning with its id."""
    with _open_store(_settings(data, db)) as store:
        rows = store.documents(
            language=language, confidentiality=confidentiality.value if confidentiality else None, limit=limit
        )
        for row in rows:
            out.print(
                f"{row.id}  {row.published or '-':10}  {row.language or '--'}  {row.confidentiality:12}  "
                f"{row.figure_count:3} fig  {row.title or row.source or ''}",
                markup=False,
            )
        if not rows:
            err.print("no documents yet: try `vigil ingest examples/`", markup=False)


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(metavar="ID", help="A document id or a unique prefix of it.")],
    data: DataOption = None,
    db: DbOption = None,
) -> None:
    """Print one document's metadata and text."""
    with _open_store(_settings(data, db)) as store:
        try:
            doc = store.get_document(doc_id)
        except VigilError as exc:
            _fail(str(exc))
        for name in ("id", "title", "url", "publisher", "published", "language", "retrieved_at",
                     "confidentiality", "source", "media_type", "archive_path"):
            value = getattr(doc, name)
            if value is not None:
                out.print(f"{name + ':':17}{value}", markup=False)
        out.print("", markup=False)
        out.print(doc.text, markup=False)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to look for in document text.")],
    limit: Annotated[int, typer.Option(help="At most this many results.")] = 20,
    data: DataOption = None,
    db: DbOption = None,
) -> None:
    """Full-text search over document text, ranked, with highlighted snippets."""
    with _open_store(_settings(data, db)) as store:
        hits = store.search(query, limit=limit)
        for hit in hits:
            out.print(f"{hit.document_id}  {hit.title or ''}", markup=False)
            out.print("    " + hit.snippet.replace("\n", " "), markup=False)
        if not hits:
            err.print(f"nothing matches {query!r}", markup=False)


@app.command()
def figures(
    country: Annotated[Optional[str], typer.Option(help="ISO 3166-1 alpha-2 code, e.g. RU.")] = None,
    indicator: Annotated[Optional[str], typer.Option(help="An indicator, e.g. deported.")] = None,
    document: Annotated[Optional[str], typer.Option(help="Only figures of this document (id or prefix).")] = None,
    include_other: Annotated[bool, typer.Option("--all", help="Include `other` figures.")] = False,
    data: DataOption = None,
    db: DbOption = None,
) -> None:
    """List stored figures with their quotes and review status."""
    with _open_store(_settings(data, db)) as store:
        try:
            rows = store.figures(country=country.upper() if country else None, indicator=indicator, document=document)
        except VigilError as exc:
            _fail(str(exc))
        shown = [r for r in rows if include_other or indicator or r.figure.indicator != "other"]
        for r in shown:
            f = r.figure
            out.print(
                f"{f.indicator:22} {_value(f.value):>12} {f.qualifier:9} {f.unit:8} {f.country or '--':3} "
                f"{f.when or '-':23} {r.status:10} {f.document[:19]}",
                markup=False,
            )
            source = f" ({f.attributed_to})" if f.attributed_to else ""
            out.print(f"    “{' '.join(f.quote.split())}”{source}", markup=False)
        out.print(f"{len(shown)} figures", markup=False)


def _value(value: float | int) -> str:
    return f"{value:,}" if isinstance(value, int) or float(value).is_integer() else f"{value:,}"


def _print_extraction(source: str, extraction: Extraction, fmt: str, show_other: bool) -> None:
    if fmt == "jsonl":
        for row in extraction.to_dicts():
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    table = Table(title=source, show_lines=True)
    for name, ratio in (("indicator", 2), ("value", 1), ("qual.", 1), ("unit", 1), ("country", 1), ("place", 1),
                        ("when", 2), ("source", 2), ("quote", 6)):
        table.add_column(name, overflow="fold", ratio=ratio)
    for f in extraction.figures:
        if f.indicator == "other" and not show_other:
            continue
        table.add_row(str(f.indicator), _value(f.value), str(f.qualifier), f.unit, f.country or "", f.place or "",
                      f.when or "", f.attributed_to or "", f.quote)
    out.print(table)
    for e in extraction.events:
        out.print(f"{e.date or '----':10}  {e.event_type}/{e.subtype}  {e.quote}", markup=False)


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="Files (txt, md, html, pdf, docx) or URLs to read.")],
    published: PublishedOption = None,
    language: LanguageOption = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl (one figure per line, the spec's format) or table.")] = "table",
    show_other: Annotated[bool, typer.Option("--all", help="In the table, show `other` figures too.")] = False,
) -> None:
    """Print the figures each file states, with their quotes (no database needed)."""
    from vigil.pipeline import extract_original, read_originals

    if fmt not in ("jsonl", "table"):
        _fail(f"--format: {fmt!r} is not jsonl or table", 2)
    pub, lang = _published(published), _language(language)
    failed = 0
    for item in read_originals(files):
        if isinstance(item, InputError):
            err.print(f"vigil: {item}", markup=False)
            failed += 1
            continue
        try:
            document, extraction = extract_original(item, published=pub, language=lang)
        except VigilError as exc:
            err.print(f"vigil: {exc}", markup=False)
            failed += 1
            continue
        _print_extraction(item.source, extraction, fmt, show_other)
    if failed:
        raise typer.Exit(1)


@app.command("backup")
def backup_command(
    file: Annotated[Path, typer.Argument(help="Where to write the backup (a .zip).")],
    data: DataOption = None,
    db: DbOption = None,
) -> None:
    """Write a consistent snapshot of the database and the archive, with checksums."""
    from vigil.store.backup import backup

    settings = _settings(data, db)
    with _open_store(settings) as store:
        try:
            summary = backup(store, settings.archive_dir, file)
        except VigilError as exc:
            _fail(str(exc))
    rows = ", ".join(f"{name} {count}" for name, count in summary.rows.items() if count)
    out.print(f"wrote {summary.path}: {rows}; {summary.files} archived files", markup=False)


@app.command("restore")
def restore_command(
    file: Annotated[Path, typer.Argument(help="A backup written by `vigil backup`.")],
    data: DataOption = None,
    db: DbOption = None,
) -> None:
    """Verify a backup, then load it into an empty database and archive (a damaged one is refused)."""
    from vigil.store.backup import restore

    settings = _settings(data, db)
    with _open_store(settings) as store:
        try:
            summary = restore(file, store, settings.archive_dir)
        except VigilError as exc:
            _fail(str(exc))
    rows = ", ".join(f"{name} {count}" for name, count in summary.rows.items() if count)
    out.print(f"restored {summary.path}: {rows}; {summary.files} archived files", markup=False)


def main() -> None:  # pragma: no cover - the console script
    app()


if __name__ == "__main__":  # pragma: no cover
    main()


@app.command()
def timeline(
    country: Annotated[Optional[str], typer.Option(help="ISO 3166-1 alpha-2 code, e.g. RU.")] = None,
    since: Annotated[Optional[str], typer.Option("--from", help="Only events dated then or later: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    event_type: Annotated[Optional[str], typer.Option("--type", help="An event type, e.g. law, raid, deadline.")] = None,
    data: DataOption = None,
    db: DbOption = None,
) -> None:
    """Stored events in date order, one a line, each happening once with all its sources and quotes."""
    from vigil.analyze.timeline import timeline as build_timeline
    from vigil.model import EventType

    if event_type is not None and event_type not in {t.value for t in EventType}:
        _fail(f"--type: {event_type!r} is not an event type ({', '.join(t.value for t in EventType)})", 2)
    with _open_store(_settings(data, db)) as store:
        try:
            entries = build_timeline(
                store.events(country=country, event_type=event_type, since=since),
                country=country, since=since, event_type=event_type,
            )
        except VigilError as exc:
            _fail(str(exc))
        for entry in entries:
            where = "/".join(p for p in (entry.country, entry.place) if p) or "--"
            out.print(f"{entry.date or '----':10}  {entry.event_type}/{entry.subtype:13} {where:14} {entry.summary}", markup=False)
            for source in entry.sources:
                out.print(f"    {source.title or source.document[:19]}: “{' '.join(source.quote.split())}”", markup=False)
        out.print(f"{len(entries)} events", markup=False)
