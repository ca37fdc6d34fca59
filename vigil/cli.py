"""The `vigil` command: thin Typer doors onto the library.

Each command parses its options, calls one library function and prints. Errors from
the library (vigil.errors) become one clear line on stderr and a non-zero exit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

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


def _actor() -> str:
    """Who acts from the command line, for the audit log: the operating-system user."""
    import getpass

    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no name for this uid (containers)
        return "cli:unknown"


def _record(store: object, action: str, target: str, details: dict[str, object]) -> None:
    """Put a publish or an export on the audit log (issue 9: every publish and export is recorded)."""
    from vigil.review.audit import record_action

    record_action(store, actor=_actor(), action=action, target=target, details=details)  # type: ignore[arg-type]


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
            sources or [], store=store, archive=archive, published=pub, language=lang, actor=_actor(),
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


def _print_backup(verb: str, summary: Any) -> None:
    rows = ", ".join(f"{name} {count}" for name, count in summary.rows.items() if count)
    out.print(f"{verb} {summary.path}: {rows}; {summary.files} archived files", markup=False)


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
    _print_backup("wrote", summary)


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
    _print_backup("restored", summary)




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
                # Country and date are left to the timeline: a report that names no country or
                # no date still lends its quote to a happening another report places and dates.
                store.events(event_type=event_type),
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


# -- vigil batch (issue 8) -------------------------------------------------------


@app.command()
def batch(
    corpus: Annotated[str, typer.Argument(help="A folder, a JSON Lines file (text, url, published, language) or a WARC file.")],
    db: DbOption = None,
    data: DataOption = None,
    scheduler: Annotated[
        Optional[str], typer.Option("--scheduler", help="Address of an existing Dask scheduler, e.g. tcp://10.0.0.5:8786.")
    ] = None,
    workers: Annotated[
        Optional[int], typer.Option("--workers", help="Worker processes of the local cluster (default 2; not with --scheduler).")
    ] = None,
    partition_size: Annotated[int, typer.Option("--partition-size", help="Documents per partition (one Dask task).")] = 500,
    archive: Annotated[
        bool, typer.Option("--archive/--no-archive", help="Also keep each original in the data folder's archive (shared by all workers).")
    ] = False,
) -> None:
    """Ingest and extract a large corpus on a Dask cluster; resumable (checkpoints under the data folder)."""
    from vigil.batch import BatchProgress, run_batch

    settings = _settings(data, db)
    shown: dict[str, bool] = {}
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
        TextColumn("{task.completed}/{task.total} partitions · {task.fields[counts]}"), TimeElapsedColumn(),
        console=err, transient=False, disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("batch", total=None, counts="")

        def show(p: BatchProgress) -> None:
            if not shown and (p.dashboard or p.scheduler):
                shown["yes"] = True
                err.print(f"vigil: scheduler {p.scheduler}; dashboard {p.dashboard or 'not served (pip install bokeh)'}", markup=False)
            progress.update(
                task, total=p.partitions, completed=p.finished,
                counts=f"{p.documents:,} documents, {p.figures:,} figures, {p.errors:,} errors, {len(p.failed)} failed partitions",
            )

        try:
            report = run_batch(
                corpus, db_url=settings.db_url, checkpoint_root=settings.data_dir / "batch", scheduler=scheduler,
                workers=workers, partition_size=partition_size,
                archive=settings.archive_dir if archive else None, on_progress=show, actor=_actor(),
            )
        except VigilError as exc:
            _fail(str(exc))
            return
    out.print(
        f"{report.partitions} partitions ({report.checkpointed} done before, {report.done} now, {len(report.failed)} failed); "
        f"{report.documents:,} documents read: {report.stored:,} stored, {report.known:,} already there, "
        f"{report.errors:,} on the quarantine list; {report.figures:,} figures, {report.events:,} events "
        f"in {report.seconds:.1f} s",
        markup=False,
    )
    for failure in report.failed:
        err.print(f"vigil: partition failed: {failure.label}: {failure.reason}", markup=False)
    if not report.ok:
        raise typer.Exit(1)


# -- the review workspace (issue 6) ---------------------------------------------------

user_app = typer.Typer(help="Manage the people who may log in to the review workspace.", no_args_is_help=True)
app.add_typer(user_app, name="user")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on; keep 127.0.0.1 unless a TLS proxy is in front.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    data: DataOption = None,
    db: DbOption = None,
) -> None:
    """Run the review workspace (web app and JSON API) until interrupted."""
    import uvicorn

    from vigil.web import create_app

    store = _open_store(_settings(data, db))
    with store:
        err.print(f"vigil: serving {store.url} on http://{host}:{port}/ (Ctrl-C to stop)", markup=False)
        # proxy_headers: behind a TLS proxy on this host, https is seen and cookies are marked Secure.
        uvicorn.run(create_app(store), host=host, port=port, proxy_headers=True, log_level="info")


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="The login name (letters, digits, . _ - @).")],
    role: Annotated[str, typer.Option("--role", help="admin, editor, analyst or viewer.")],
    data: DataOption = None,
    db: DbOption = None,
) -> None:
    """Create a user and print a one-time password (they choose their own at first login)."""
    from vigil.review.accounts import add_user
    from vigil.review.roles import Role

    if role not in {r.value for r in Role}:
        _fail(f"--role: {role!r} is not one of {', '.join(r.value for r in Role)}", 2)
    with _open_store(_settings(data, db)) as store:
        try:
            user, password = add_user(store, name, role, actor="cli")
        except VigilError as exc:
            _fail(str(exc))
        out.print(f"created {user.name} ({user.role}); one-time password, shown only now:", markup=False)
        out.print(password, markup=False)


@user_app.command("list")
def user_list(data: DataOption = None, db: DbOption = None) -> None:
    """List users with their roles and state."""
    from vigil.store.users import list_users

    with _open_store(_settings(data, db)) as store:
        for user in list_users(store):
            state = "active" if user.active else "disabled"
            out.print(f"{user.name:24} {user.role:8} {state}", markup=False)


@app.command()
def audit(
    since: Annotated[Optional[str], typer.Option("--since", help="Only entries from this UTC date or time on (ISO 8601).")] = None,
    data: DataOption = None,
    db: DbOption = None,
) -> None:
    """Print the audit log, oldest first, and check its hash chain (exit 1 if it was tampered with)."""
    from datetime import datetime, timezone

    from vigil.review.audit import log, verify

    when = None
    if since is not None:
        try:
            when = datetime.fromisoformat(since)
        except ValueError:
            _fail(f"--since: {since!r} is not an ISO 8601 date or time", 2)
        assert when is not None
        when = when.replace(tzinfo=timezone.utc) if when.tzinfo is None else when
    with _open_store(_settings(data, db)) as store:
        for entry in log(store, None, since=when):
            change = ""
            if entry.before is not None or entry.after is not None:
                change = f"  {json.dumps(entry.before, ensure_ascii=False)} -> {json.dumps(entry.after, ensure_ascii=False)}"
            why = f"  why: {entry.reason}" if entry.reason else ""
            out.print(
                f"{entry.seq:6} {entry.at.isoformat(timespec='seconds')} {entry.actor:16} {entry.action:16} {entry.target}{why}{change}",
                markup=False,
            )
        report = verify(store)
        if report.ok:
            err.print(f"hash chain intact: {report.checked} entries", markup=False)
        else:
            _fail(f"the audit log was altered: entry {report.broken_at}: {report.problem}")


# -- facts, profiles, the site and exports (issue 7) ------------------------------------

PublicOption = Annotated[
    bool,
    typer.Option(
        "--public/--internal",
        help="--public (default): only public documents, nothing of restricted or confidential ones. "
        "--internal: every document, for the team's own use; never publish it.",
    ),
]


def _audience(public: bool) -> str:
    return "public" if public else "internal"


@app.command()
def facts(
    country: Annotated[Optional[str], typer.Option(help="ISO 3166-1 alpha-2 code, e.g. RU.")] = None,
    indicator: Annotated[Optional[str], typer.Option(help="An indicator, e.g. deported.")] = None,
    public: PublicOption = True,
    data: DataOption = None,
    db: DbOption = None,
) -> None:
    """Facts: figures of one country, indicator and period as one answer, with every source and any conflict."""
    from vigil.publish.collect import collect_facts
    from vigil.publish.labels import stated, status_label

    with _open_store(_settings(data, db)) as store:
        try:
            found = collect_facts(store, country=country, indicator=indicator, audience=_audience(public))
        except VigilError as exc:
            _fail(str(exc))
        for fact in found:
            best = fact.best
            where = f"{fact.key.country or '--'}/{fact.place}" if fact.place else (fact.key.country or "--")
            agreement = (
                f"CONFLICT ({len(fact.conflicts)})" if fact.conflicts
                else f"{fact.corroboration} documents agree" if fact.corroboration > 1 else "single source"
            )
            out.print(
                f"{fact.key.indicator:22} {fact.period.label:23} {where:16} "
                f"{stated(best.figure.value, best.figure.qualifier):>20} {fact.key.unit:10} "
                f"{status_label(best.status):13} {len(fact.documents)} doc  {agreement}",
                markup=False,
            )
            out.print(f"    “{' '.join(best.figure.quote.split())}” — {best.document_title or best.document}", markup=False)
            for c in fact.conflicts:
                out.print(f"    conflict: {c.explain()}", markup=False)
                for side in (c.first, c.second):
                    out.print(
                        f"      “{' '.join(side.figure.quote.split())}” — {side.document_title or side.document}"
                        f"{', ' + side.published if side.published else ''}",
                        markup=False,
                    )
        out.print(f"{len(found)} facts, {sum(1 for f in found if f.conflicts)} with conflicts", markup=False)
        if public:
            err.print("(public documents only; --internal for all)", markup=False)


@app.command()
def profile(
    country: Annotated[str, typer.Argument(help="ISO 3166-1 alpha-2 code, e.g. RU.")],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the profile into (made if missing).")] = Path("site"),
    public: PublicOption = True,
    data: DataOption = None,
    db: DbOption = None,
) -> None:
    """Write one country's profile: a static HTML page with charts, footnotes and archived sources."""
    from vigil.ingest import Archive
    from vigil.publish.profile import write_profile

    settings = _settings(data, db)
    with _open_store(settings) as store:
        try:
            page = write_profile(
                store, country, out_dir, archive=Archive(settings.archive_dir), audience=_audience(public)
            )
        except VigilError as exc:
            _fail(str(exc))
        _record(store, "publish.profile", f"country:{country.upper()}", {"out": str(page), "public": public})
        out.print(f"wrote {page}", markup=False)


@app.command()
def site(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the site into (made if missing).")] = Path("site"),
    public: PublicOption = True,
    data: DataOption = None,
    db: DbOption = None,
) -> None:
    """Write the site: an index of all countries and every country's profile, readable from disk."""
    from vigil.ingest import Archive
    from vigil.publish.site import write_site

    settings = _settings(data, db)
    with _open_store(settings) as store:
        try:
            result = write_site(store, out_dir, archive=Archive(settings.archive_dir), audience=_audience(public))
        except VigilError as exc:
            _fail(str(exc))
        _record(store, "publish.site", "site", {"out": str(out_dir), "profiles": len(result.profiles), "public": public})
        out.print(f"wrote {len(result.profiles)} country profiles; open {result.index}", markup=False)


@app.command("export")
def export_data(
    fmt: Annotated[str, typer.Option("--format", help="csv, json, hxl (CSV with HXL hashtags) or sqlite (for Datasette).")],
    out_file: Annotated[Path, typer.Option("--out", help="File to write (csv and hxl also write <name>-facts beside it).")],
    public: PublicOption = True,
    data: DataOption = None,
    db: DbOption = None,
) -> None:
    """Export figures and facts with their sources as open data."""
    from vigil.publish.exports import EXPORTERS, export

    if fmt not in EXPORTERS:
        _fail(f"--format: {fmt!r} is not one of {', '.join(sorted(EXPORTERS))}", 2)
    with _open_store(_settings(data, db)) as store:
        try:
            written = export(store, fmt, out_file, audience=_audience(public))
        except VigilError as exc:
            _fail(str(exc))
        _record(store, "export", f"export:{fmt}", {"files": [str(p) for p in written], "public": public})
        for path in written:
            out.print(f"wrote {path}", markup=False)


# -- detention sites (issue 10) ---------------------------------------------------------

sites_app = typer.Typer(
    help="The registry of detention sites: every attribute an observation with its date and quote.",
    invoke_without_command=True,
)
app.add_typer(sites_app, name="sites")

_SHOWN = ("type", "authority", "capacity", "population", "status")


def _observed(observation: object) -> str:
    from vigil.store.sites import StoredObservation

    assert isinstance(observation, StoredObservation)
    o = observation.observation
    value = o.value if o.indicator in (None, "detained", "detention_capacity") else f"{o.value} ({o.indicator})"
    return f"{value} [{o.when or 'undated'}]"


@sites_app.callback()
def sites_list(
    ctx: typer.Context,
    country: Annotated[Optional[str], typer.Option(help="ISO 3166-1 alpha-2 code, e.g. RU.")] = None,
    data: DataOption = None,
    db: DbOption = None,
) -> None:
    """List detention sites with their latest observations (`vigil sites show ID` for one site's history)."""
    if ctx.invoked_subcommand is not None:
        return
    from vigil.analyze.sites import registry
    from vigil.review.sites import ALL_LEVELS

    with _open_store(_settings(data, db)) as store:
        found = registry(store, ALL_LEVELS, country=country, include_rejected=True)
        for summary in found:
            site = summary.site
            out.print(
                f"{site.id}  {site.country or '--':3} {site.status:9} {site.name}"
                f"{'  (' + site.place + ')' if site.place and site.place not in site.name else ''}",
                markup=False,
            )
            facts = [f"{name} {_observed(obs)}" for name, obs in summary.latest]
            if summary.conditions:
                facts.append("conditions " + ", ".join(sorted({c.observation.value for c in summary.conditions})))
            if facts:
                out.print("    " + "; ".join(facts), markup=False)
            aliases = [n for n in summary.names if n != site.name]
            if aliases:
                out.print("    also: " + " · ".join(aliases), markup=False)
            out.print(f"    {summary.observations} observations from {summary.documents} documents", markup=False)
        out.print(f"{len(found)} sites", markup=False)


@sites_app.command("show")
def sites_show(
    site_id: Annotated[str, typer.Argument(metavar="ID", help="A site id or a unique prefix of it.")],
    data: DataOption = None,
    db: DbOption = None,
) -> None:
    """One site with its full sourced history: every observation with its date, quote and document."""
    from vigil.analyze.sites import history
    from vigil.review.sites import ALL_LEVELS

    with _open_store(_settings(data, db)) as store:
        try:
            found = history(store, site_id, ALL_LEVELS)
        except VigilError as exc:
            _fail(str(exc))
            return
        site = found.summary.site
        out.print(f"{site.id}  {site.name}", markup=False)
        for label, value in (("country", site.country), ("place", site.place), ("status", site.status),
                             ("coordinates", f"{site.latitude}, {site.longitude}" if site.latitude is not None else None),
                             ("merged into", site.merged_into)):
            if value:
                out.print(f"  {label + ':':13}{value}", markup=False)
        for item in found.observations:
            o = item.observation
            where = (f"{item.document_title or o.document}" if o.document else f"source: {o.source}")
            out.print(
                f"  {o.when or 'undated':10}  {o.attribute:10} {_observed(item):38} {item.status:9} {o.id}",
                markup=False,
            )
            if o.quote:
                out.print(f"      “{' '.join(o.quote.split())}” — {where} [{o.span.start}:{o.span.end}]"
                          if o.span else f"      “{o.quote}” — {where}", markup=False)
            else:
                out.print(f"      {where}", markup=False)
        out.print(f"{len(found.observations)} observations", markup=False)


@sites_app.command("import")
def sites_import(
    file: Annotated[Path, typer.Argument(help="A CSV list: name, aliases (; separated), country, place, type, latitude, longitude, source.")],
    confidentiality: Annotated[
        Confidentiality, typer.Option("--confidentiality", help="Who may see what the list says.")
    ] = Confidentiality.PUBLIC,
    data: DataOption = None,
    db: DbOption = None,
) -> None:
    """Load a known list of sites from a spreadsheet (CSV); each row is audited."""
    from vigil.review.sites import import_csv

    with _open_store(_settings(data, db)) as store:
        try:
            report = import_csv(store, file, actor="cli", confidentiality=confidentiality.value)
        except VigilError as exc:
            _fail(str(exc))
            return
        out.print(f"{len(report.created)} sites created, {len(report.matched)} matched existing sites, "
                  f"{report.observations} observations added", markup=False)


@sites_app.command("merge")
def sites_merge(
    keep: Annotated[str, typer.Argument(metavar="A", help="The site that stays.")],
    absorb: Annotated[str, typer.Argument(metavar="B", help="Its duplicate, merged into A.")],
    reason: Annotated[Optional[str], typer.Option("--reason", help="Why they are one site (kept in the audit log).")] = None,
    data: DataOption = None,
    db: DbOption = None,
) -> None:
    """Merge duplicate site B into A: B's observations move to A; audited, undone by `vigil sites unmerge B`."""
    from vigil.review.sites import merge

    with _open_store(_settings(data, db)) as store:
        try:
            kept, moved = merge(store, None, keep, absorb, actor="cli", reason=reason)
        except VigilError as exc:
            _fail(str(exc))
            return
        out.print(f"merged {absorb} into {kept}: {len(moved)} observations moved", markup=False)


@sites_app.command("unmerge")
def sites_unmerge(
    site_id: Annotated[str, typer.Argument(metavar="B", help="A site merged into another.")],
    reason: Annotated[Optional[str], typer.Option("--reason", help="Why the merge was wrong.")] = None,
    data: DataOption = None,
    db: DbOption = None,
) -> None:
    """Undo the latest merge of site B, from the audit log: the observations it moved go back."""
    from vigil.review.sites import unmerge

    with _open_store(_settings(data, db)) as store:
        try:
            kept, moved = unmerge(store, None, site_id, actor="cli", reason=reason)
        except VigilError as exc:
            _fail(str(exc))
            return
        out.print(f"split {site_id} from {kept} again: {len(moved)} observations moved back", markup=False)


@sites_app.command("scan")
def sites_scan(data: DataOption = None, db: DbOption = None) -> None:
    """Read stored documents not yet read into the registry (ones stored before sites existed, or by `vigil batch`)."""
    from vigil.store.site_linking import scan_all

    with _open_store(_settings(data, db)) as store:
        try:
            reports = scan_all(store)
        except VigilError as exc:
            _fail(str(exc))
            return
        proposed = sum(len(r.proposed) for r in reports)
        added = sum(r.observations for r in reports)
        out.print(f"read {len(reports)} documents: {proposed} sites proposed, {added} observations", markup=False)


def main() -> None:  # pragma: no cover - the console script
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
