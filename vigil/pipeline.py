"""Ingest → extract → store, one document at a time, for the CLI and (later) the web.

This is the one place that ties the stages together. Each document is its own
unit of work: its original is archived before the row that points to it is written,
its row and figures are written in one transaction, and a failure is recorded in
the quarantine list with its reason while the batch goes on with the rest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from vigil.errors import InputError, VigilError
from vigil.extract import extract
from vigil.ingest import Archive, Fetcher, Original, archive_suffix, iter_originals, read_document
from vigil.ingest.manifest import ManifestEntry, read_manifest
from vigil.model import Confidentiality, Document, Extraction
from vigil.store import Store
from vigil.store.site_linking import link_document

__all__ = ["Outcome", "IngestSummary", "Options", "ingest", "read_originals", "extract_original"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one source: "archived", "known" or "failed", and why."""

    source: str
    status: str
    document_id: str | None = None
    title: str | None = None
    figures: int = 0
    reason: str | None = None


@dataclass(slots=True)
class IngestSummary:
    """Counts at the end of a batch, and every outcome in order."""

    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def archived(self) -> int:
        return self.count("archived")

    @property
    def known(self) -> int:
        return self.count("known")

    @property
    def failed(self) -> int:
        return self.count("failed")


@dataclass(frozen=True, slots=True)
class Options:
    """What the caller says of a source: it wins over what the source says of itself."""

    published: str | None = None
    language: str | None = None
    confidentiality: Confidentiality | str = Confidentiality.PUBLIC


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def read_originals(
    sources: Sequence[str], *, fetcher: Fetcher | None = None
) -> Iterable[Original | InputError]:
    """The originals named by `sources` (files, folders, URLs, feeds), errors in line."""
    return iter_originals(sources, fetcher=fetcher)


def extract_original(
    original: Original,
    *,
    published: str | None = None,
    language: str | None = None,
    confidentiality: Confidentiality | str = Confidentiality.PUBLIC,
) -> tuple[Document, Extraction]:
    """Read one original into a Document and extract its figures; raises InputError."""
    document = read_document(
        original, published=published, language=language, confidentiality=confidentiality, retrieved_at=_now()
    )
    return document, extract(document.text, document.language, document.published, document.id)


def _work(
    sources: Sequence[str], manifest: str | None, defaults: Options, fetcher: Fetcher | None
) -> Iterable[tuple[Original | InputError, Options]]:
    """Each original to ingest with the options that apply to it: the sources first, then the manifest's rows."""
    for item in read_originals(sources, fetcher=fetcher):
        yield item, defaults
    if manifest is None:
        return
    try:
        entries = read_manifest(manifest)
    except InputError as exc:
        yield exc, defaults
        return
    for entry in entries:
        if isinstance(entry, InputError):
            yield entry, defaults
            continue
        options = Options(
            published=entry.published or defaults.published,
            language=entry.language or defaults.language,
            confidentiality=entry.confidentiality or defaults.confidentiality,
        )
        for item in read_originals([entry.source], fetcher=fetcher):
            yield (_with_entry(item, entry) if isinstance(item, Original) else item), options


def _with_entry(original: Original, entry: ManifestEntry) -> Original:
    return replace(
        original,
        title=entry.title or original.title,
        publisher=entry.publisher or original.publisher,
    )


def ingest(
    sources: Sequence[str],
    *,
    store: Store,
    archive: Archive,
    published: str | None = None,
    language: str | None = None,
    confidentiality: Confidentiality | str = Confidentiality.PUBLIC,
    fetcher: Fetcher | None = None,
    manifest: str | None = None,
    actor: str | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> IngestSummary:
    """Archive, extract and store every source (and every row of `manifest`);
    a failure is recorded in the quarantine list and the batch goes on. With `actor`,
    each stored document is recorded in the audit log in its own transaction."""
    summary = IngestSummary()

    def report(outcome: Outcome) -> None:
        summary.outcomes.append(outcome)
        if outcome.status == "failed":
            try:
                store.record_failure(outcome.source, outcome.reason or "failed")
            except VigilError:
                pass  # the failure is still reported to the caller
        if on_outcome is not None:
            on_outcome(outcome)

    defaults = Options(published, language, confidentiality)
    for item, options in _work(sources, manifest, defaults, fetcher):
        if isinstance(item, InputError):
            report(Outcome(item.input, "failed", reason=item.reason))
            continue
        try:
            document, extraction = extract_original(
                item, published=options.published, language=options.language, confidentiality=options.confidentiality
            )
            if store.has_document(document.id):
                link_document(store, document.id)  # detention sites (issue 10): a no-op once read
                report(Outcome(item.source, "known", document.id, document.title))
                continue
            path = archive.put(item.data, archive_suffix(item, document.media_type))
            document = replace(document, archive_path=path)
            stored = store.add(document, extraction, actor=actor)
            link_document(store, document.id)  # detention sites (issue 10): mentions, figures, events
            status = "archived" if stored else "known"
            report(Outcome(item.source, status, document.id, document.title, len(extraction.figures)))
        except VigilError as exc:
            report(Outcome(item.source, "failed", reason=exc.reason))
        except Exception as exc:  # noqa: BLE001 - a bug on one input must not stop the batch
            report(Outcome(item.source, "failed", reason=f"internal error: {type(exc).__name__}: {exc}"))
    return summary
