"""The ORM rows: documents, figures, events and the quarantine list of failures.

These classes never leave `vigil.store`: the store converts them to and from
the frozen values of `vigil.model` at its boundary (STYLE, habit 2). The schema
itself is created by the Alembic migrations in `migrations/versions/`, written
by hand; a test compares the migrated database with this metadata so the two
cannot drift apart.

Full-text search lives beside these tables but outside the ORM: an FTS5
virtual table on SQLite, a generated `tsvector` column on PostgreSQL (see
`search.py` and migration 0001).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Float, ForeignKey, Index, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from vigil.store.types import JSONTuple, UTCDateTime, utc_now

__all__ = [
    "FULL_TEXT_OBJECTS", "in_orm", "Base", "DocumentRecord", "EventRecord", "FailureRecord", "FigureRecord", "NAMING_CONVENTION",
    "AuditRecord", "LoginFailureRecord", "ReviewRecord", "SessionRecord", "UserRecord",
    "SiteObservationRecord", "SiteRecord", "SiteScanRecord",
]

# Named constraints make later migrations (drop, alter) portable across databases.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID_LENGTH = 80  # "sha256:" + 64 hex digits, or "fig:"/"evt:" + 32: room to spare
SHORT = 64  # codes and vocabulary values: statuses, indicators, units, languages
DATE_LENGTH = 32  # partial ISO dates and ISO timestamps as the sources give them


# Schema objects that migrations make by hand, outside the ORM: full-text search.
# Alembic's autogenerate and the schema test skip them (see `in_orm`).
FULL_TEXT_OBJECTS = frozenset({"documents_fts", "search_vector", "ix_documents_search_vector"})


def in_orm(name: str | None, type_: str) -> bool:
    """Whether a schema object is described by these models (for Alembic's `include_object`)."""
    if name is None:
        return True
    if type_ == "table" and (name == "alembic_version" or name.startswith("documents_fts")):
        return False
    return name not in FULL_TEXT_OBJECTS


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class DocumentRecord(Base):
    """One archived source and its extracted text."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(DATE_LENGTH))
    language: Mapped[str | None] = mapped_column(String(SHORT))
    retrieved_at: Mapped[str | None] = mapped_column(String(DATE_LENGTH))
    confidentiality: Mapped[str] = mapped_column(String(SHORT))
    source: Mapped[str | None] = mapped_column(Text)
    media_type: Mapped[str | None] = mapped_column(String(128))
    archive_path: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    stored_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    __table_args__ = (
        Index("ix_documents_published", "published"),
        Index("ix_documents_language", "language"),
    )


class FigureRecord(Base):
    """One figure as extracted, then as reviewed (status, version)."""

    __tablename__ = "figures"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    document_id: Mapped[str] = mapped_column(String(ID_LENGTH), ForeignKey("documents.id", ondelete="CASCADE"))
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    indicator: Mapped[str] = mapped_column(String(SHORT))
    value: Mapped[float] = mapped_column(Float)
    # Whether the model's value was an int: 87000 and 87000.0 hash to different
    # figure ids, so the type must survive the float column for ids to stay stable.
    value_is_int: Mapped[bool] = mapped_column(Boolean)
    qualifier: Mapped[str] = mapped_column(String(SHORT))
    unit: Mapped[str] = mapped_column(String(SHORT))
    country: Mapped[str | None] = mapped_column(String(8))
    place: Mapped[str | None] = mapped_column(Text)
    when_: Mapped[str | None] = mapped_column(String(DATE_LENGTH))
    counted: Mapped[str | None] = mapped_column(Text)
    attributed_to: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(SHORT))
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    # A concurrent review of the same figure fails with StaleDataError instead of
    # silently overwriting (issue 6); inserts simply start at version 1.
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint("span_start >= 0 AND span_end >= span_start", name="span"),
        Index("ix_figures_country_indicator", "country", "indicator"),
        Index("ix_figures_document_id", "document_id"),
        Index("ix_figures_status", "status"),
    )


class EventRecord(Base):
    """One dated event as extracted, then as reviewed."""

    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    document_id: Mapped[str] = mapped_column(String(ID_LENGTH), ForeignKey("documents.id", ondelete="CASCADE"))
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    event_type: Mapped[str] = mapped_column(String(SHORT))
    subtype: Mapped[str] = mapped_column(String(SHORT))
    date: Mapped[str | None] = mapped_column(String(DATE_LENGTH))
    due: Mapped[str | None] = mapped_column(String(DATE_LENGTH))
    country: Mapped[str | None] = mapped_column(String(8))
    place: Mapped[str | None] = mapped_column(Text)
    actors: Mapped[tuple[str, ...]] = mapped_column(JSONTuple)
    summary: Mapped[str] = mapped_column(Text)
    attributed_to: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(SHORT))
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint("span_start >= 0 AND span_end >= span_start", name="span"),
        Index("ix_events_country_date", "country", "date"),
        Index("ix_events_document_id", "document_id"),
        Index("ix_events_event_type", "event_type"),
    )


class FailureRecord(Base):
    """One input that could not be ingested or stored: the quarantine list."""

    __tablename__ = "failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    __table_args__ = (Index("ix_failures_at", "at"), Index("ix_failures_source", "source", postgresql_using="hash"))


# -- review workspace (issue 6, migration 0002) ---------------------------------

HASH_LENGTH = 64  # a sha256 hex digest


class UserRecord(Base):
    """A person who may log in: a name, a role, an argon2 hash (never the password)."""

    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)  # random, not guessable
    name: Mapped[str] = mapped_column(String(SHORT))
    role: Mapped[str] = mapped_column(String(SHORT))
    password_hash: Mapped[str] = mapped_column(Text)
    must_change_password: Mapped[bool] = mapped_column(Boolean)
    active: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    version: Mapped[int] = mapped_column(Integer)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (Index("ix_users_name", "name", unique=True),)


class SessionRecord(Base):
    """A logged-in browser: only the sha256 of its token is kept, so a copied database opens no session."""

    __tablename__ = "sessions"

    token_hash: Mapped[str] = mapped_column(String(HASH_LENGTH), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(ID_LENGTH), ForeignKey("users.id", ondelete="CASCADE"))
    csrf_token: Mapped[str] = mapped_column(String(SHORT))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_sessions_user_id", "user_id"),)


class LoginFailureRecord(Base):
    """One failed login, keyed by a hash of the name tried (or the client), for rate limiting."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(HASH_LENGTH))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    __table_args__ = (Index("ix_login_failures_key_at", "key", "at"),)


class ReviewRecord(Base):
    """One review decision on a figure or event: what was done, by whom, why."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(SHORT))  # "figure" or "event"
    item_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    document_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    action: Mapped[str] = mapped_column(String(SHORT))
    status: Mapped[str] = mapped_column(String(SHORT))
    reviewer: Mapped[str] = mapped_column(String(SHORT))
    reason: Mapped[str | None] = mapped_column(Text)
    duplicate_of: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    __table_args__ = (
        Index("ix_reviews_item_id", "item_id"),
        Index("ix_reviews_document_id", "document_id"),
        Index("ix_reviews_at", "at"),
    )


class AuditRecord(Base):
    """One entry of the append-only, hash-chained audit log (triggers refuse UPDATE and DELETE)."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(SHORT))
    action: Mapped[str] = mapped_column(String(SHORT))
    target: Mapped[str] = mapped_column(Text)
    document_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))  # for confidentiality filtering
    before: Mapped[str | None] = mapped_column(Text)  # JSON
    after: Mapped[str | None] = mapped_column(Text)  # JSON
    reason: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(HASH_LENGTH))
    hash: Mapped[str] = mapped_column(String(HASH_LENGTH))

    __table_args__ = (
        Index("ix_audit_log_hash", "hash", unique=True),
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_target", "target"),
    )


# -- detention sites (issue 10, migration 0003) -----------------------------------------


class SiteRecord(Base):
    """One registry entry: a detention site. What sources say about it lives in `site_observations`."""

    __tablename__ = "sites"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(8))
    place: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(SHORT))  # proposed, accepted, rejected, merged
    merged_into: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    # The confidentiality of the source the name and place were first read from: a role
    # that may not see it is shown the site under a name from a source it may see.
    level: Mapped[str] = mapped_column(String(SHORT))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    version: Mapped[int] = mapped_column(Integer)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_sites_country", "country"),
        Index("ix_sites_status", "status"),
    )


class SiteObservationRecord(Base):
    """One thing a source says about a site: a name, its type, authority, capacity, population, status or a condition."""

    __tablename__ = "site_observations"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    site_id: Mapped[str] = mapped_column(String(ID_LENGTH), ForeignKey("sites.id"))
    attribute: Mapped[str] = mapped_column(String(SHORT))
    value: Mapped[str] = mapped_column(Text)
    number: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(SHORT))
    indicator: Mapped[str | None] = mapped_column(String(SHORT))
    key: Mapped[str | None] = mapped_column(Text)
    when_: Mapped[str | None] = mapped_column(String(DATE_LENGTH))
    document_id: Mapped[str | None] = mapped_column(
        String(ID_LENGTH), ForeignKey("documents.id", ondelete="CASCADE")
    )
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    quote: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    figure_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    event_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    confidentiality: Mapped[str] = mapped_column(String(SHORT))  # the document's, or the import's
    status: Mapped[str] = mapped_column(String(SHORT))  # a ReviewStatus
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    version: Mapped[int] = mapped_column(Integer)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint("span_start IS NULL OR (span_start >= 0 AND span_end >= span_start)", name="span"),
        Index("ix_site_observations_site_id", "site_id"),
        Index("ix_site_observations_document_id", "document_id"),
        Index("ix_site_observations_figure_id", "figure_id"),
        Index("ix_site_observations_event_id", "event_id"),
    )


class SiteScanRecord(Base):
    """A document whose facility mentions were read into the registry (so reading it again is a no-op)."""

    __tablename__ = "site_scans"

    document_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    mentions: Mapped[int] = mapped_column(Integer)
    scanned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
