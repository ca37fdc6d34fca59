"""The first schema: documents, figures, events, failures, and full-text search.

Revision ID: 0001
Revises:
Create Date: 2026-11-25

Full text is the one part that differs by database:

- SQLite: an FTS5 table `documents_fts(document_id UNINDEXED, title, text)` that
  keeps its own copy of the text, filled by triggers on `documents`. Its own copy
  (rather than an external-content table) because an external-content index is
  keyed by the documents' implicit rowid, which VACUUM may renumber for a table
  whose primary key is text: the index would then point at the wrong rows.
- PostgreSQL: a generated `search_vector` tsvector column (title weighted A, text
  B, the 'simple' configuration) with a GIN index. Only the first 300,000
  characters of the text (about 120 pages) and 2,000 of the title are indexed:
  a tsvector may not exceed 1 MB, an insert that overflows it would make a long
  document unstorable, and text of unique Cyrillic or CJK words reaches that
  limit at about 460,000 characters (measured on PostgreSQL 15).

Values here are literals on purpose: a migration describes the schema as it was
on the day it was written, whatever the models say later.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UTC = sa.DateTime(timezone=True)

_SQLITE_FTS = [
    """
    CREATE VIRTUAL TABLE documents_fts USING fts5(
        document_id UNINDEXED, title, text,
        tokenize = 'unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts (document_id, title, text)
        VALUES (new.id, coalesce(new.title, ''), new.text);
    END
    """,
    """
    CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        DELETE FROM documents_fts WHERE document_id = old.id;
    END
    """,
    """
    CREATE TRIGGER documents_fts_update AFTER UPDATE OF id, title, text ON documents BEGIN
        DELETE FROM documents_fts WHERE document_id = old.id;
        INSERT INTO documents_fts (document_id, title, text)
        VALUES (new.id, coalesce(new.title, ''), new.text);
    END
    """,
]

_POSTGRES_FTS = [
    """
    ALTER TABLE documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, left(coalesce(title, ''), 2000)), 'A')
        || setweight(to_tsvector('simple'::regconfig, left(text, 300000)), 'B')
    ) STORED
    """,
    "CREATE INDEX ix_documents_search_vector ON documents USING gin (search_vector)",
]


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(80), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("publisher", sa.Text(), nullable=True),
        sa.Column("published", sa.String(32), nullable=True),
        sa.Column("language", sa.String(64), nullable=True),
        sa.Column("retrieved_at", sa.String(32), nullable=True),
        sa.Column("confidentiality", sa.String(64), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("media_type", sa.String(128), nullable=True),
        sa.Column("archive_path", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("stored_at", _UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
    )
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_index("ix_documents_language", "documents", ["language"])

    op.create_table(
        "figures",
        sa.Column("id", sa.String(80), nullable=False),
        sa.Column("document_id", sa.String(80), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("indicator", sa.String(64), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("value_is_int", sa.Boolean(), nullable=False),
        sa.Column("qualifier", sa.String(64), nullable=False),
        sa.Column("unit", sa.String(64), nullable=False),
        sa.Column("country", sa.String(8), nullable=True),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("when_", sa.String(32), nullable=True),
        sa.Column("counted", sa.Text(), nullable=True),
        sa.Column("attributed_to", sa.Text(), nullable=True),
        sa.Column("status", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", _UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_figures"),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_figures_document_id_documents", ondelete="CASCADE"
        ),
        sa.CheckConstraint("span_start >= 0 AND span_end >= span_start", name="ck_figures_span"),
    )
    op.create_index("ix_figures_country_indicator", "figures", ["country", "indicator"])
    op.create_index("ix_figures_document_id", "figures", ["document_id"])
    op.create_index("ix_figures_status", "figures", ["status"])

    op.create_table(
        "events",
        sa.Column("id", sa.String(80), nullable=False),
        sa.Column("document_id", sa.String(80), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("event_type", sa.String(64), nullable=False),
        sa.Column("subtype", sa.String(64), nullable=False),
        sa.Column("date", sa.String(32), nullable=True),
        sa.Column("due", sa.String(32), nullable=True),
        sa.Column("country", sa.String(8), nullable=True),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("actors", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("attributed_to", sa.Text(), nullable=True),
        sa.Column("status", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", _UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_events_document_id_documents", ondelete="CASCADE"
        ),
        sa.CheckConstraint("span_start >= 0 AND span_end >= span_start", name="ck_events_span"),
    )
    op.create_index("ix_events_country_date", "events", ["country", "date"])
    op.create_index("ix_events_document_id", "events", ["document_id"])
    op.create_index("ix_events_event_type", "events", ["event_type"])

    op.create_table(
        "failures",
        sa.Column("id", sa.Integer(), nullable=False, autoincrement=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", _UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_failures"),
    )
    op.create_index("ix_failures_at", "failures", ["at"])

    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in _SQLITE_FTS:
            op.execute(statement)
    elif dialect == "postgresql":
        for statement in _POSTGRES_FTS:
            op.execute(statement)
    # Any other database gets the tables without full-text search; Store.search says so.


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("documents_fts_update", "documents_fts_delete", "documents_fts_insert"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS documents_fts")
    for table in ("failures", "events", "figures", "documents"):
        op.drop_table(table)
