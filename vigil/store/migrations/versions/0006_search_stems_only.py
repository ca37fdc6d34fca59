"""Full-text search on PostgreSQL keeps the stems, not a second copy of every word.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25

Migration 0004 indexed each document twice over: once in its own language's
configuration (stems) and once more with 'simple' (every word as written). Building
that vector is most of what PostgreSQL does per stored document — parsing the text
twice costs it about 0.8 ms of its 2.8 ms per news-sized document (bench/RESULTS.md,
batch) — and the second half doubles the vector and its GIN entries.

The plain half found almost nothing the stems do not: a query is still read in
English, Russian and as plain words (`search.py`), so "deported" finds
"deportation", a Cyrillic name in an English report is found as written (the
English stemmer leaves it as it is), and URLs, e-mail addresses and numbers are
kept whole by every configuration. What goes: a query made only of a language's
stop words ("will", "все") no longer finds documents in that language by their
text, and an exact form no longer ranks above other forms of the same stem.

Upgrading rewrites the documents table (the column is regenerated), as 0004 did:
on a large database, run it when nothing else writes. SQLite is unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CONFIG = (
    "(CASE language WHEN 'en' THEN 'english'::regconfig WHEN 'ru' THEN 'russian'::regconfig "
    "ELSE 'simple'::regconfig END)"
)

_STEMS = f"""
    ALTER TABLE documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector({_CONFIG}, left(coalesce(title, ''), 2000)), 'A')
        || setweight(to_tsvector({_CONFIG}, left(text, 300000)), 'B')
    ) STORED
"""

_STEMS_AND_WORDS = f"""
    ALTER TABLE documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector({_CONFIG}, left(coalesce(title, ''), 2000)), 'A')
        || setweight(to_tsvector({_CONFIG}, left(text, 300000)), 'B')
        || setweight(to_tsvector('simple'::regconfig, left(coalesce(title, ''), 2000)), 'C')
        || setweight(to_tsvector('simple'::regconfig, left(text, 300000)), 'D')
    ) STORED
"""


def _replace(column: str) -> None:
    op.execute("DROP INDEX IF EXISTS ix_documents_search_vector")
    op.execute("ALTER TABLE documents DROP COLUMN IF EXISTS search_vector")
    op.execute(column)
    op.execute("CREATE INDEX ix_documents_search_vector ON documents USING gin (search_vector)")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _replace(_STEMS)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _replace(_STEMS_AND_WORDS)
