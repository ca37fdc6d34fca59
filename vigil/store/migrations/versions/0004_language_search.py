"""Language-aware full-text search on PostgreSQL: English and Russian stemming.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25

Migration 0001 indexed every document with the 'simple' configuration, so a search
for "deported" missed "deportations" and "выдворение" missed "выдворили". Each
document is now indexed with its own language's configuration ('english',
'russian', else 'simple'), and unstemmed words are kept beside the stems at a lower
weight, so an exact word still finds its document. SQLite is unchanged (its FTS5
table has no Russian stemmer; it keeps the unicode61 tokenizer).

Values here are literals on purpose, like 0001–0003.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CONFIG = (
    "(CASE language WHEN 'en' THEN 'english'::regconfig WHEN 'ru' THEN 'russian'::regconfig "
    "ELSE 'simple'::regconfig END)"
)

_LANGUAGE_AWARE = f"""
    ALTER TABLE documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector({_CONFIG}, left(coalesce(title, ''), 2000)), 'A')
        || setweight(to_tsvector({_CONFIG}, left(text, 300000)), 'B')
        || setweight(to_tsvector('simple'::regconfig, left(coalesce(title, ''), 2000)), 'C')
        || setweight(to_tsvector('simple'::regconfig, left(text, 300000)), 'D')
    ) STORED
"""

_SIMPLE = """
    ALTER TABLE documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, left(coalesce(title, ''), 2000)), 'A')
        || setweight(to_tsvector('simple'::regconfig, left(text, 300000)), 'B')
    ) STORED
"""


def _replace(column: str) -> None:
    op.execute("DROP INDEX IF EXISTS ix_documents_search_vector")
    op.execute("ALTER TABLE documents DROP COLUMN IF EXISTS search_vector")
    op.execute(column)
    op.execute("CREATE INDEX ix_documents_search_vector ON documents USING gin (search_vector)")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _replace(_LANGUAGE_AWARE)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _replace(_SIMPLE)
