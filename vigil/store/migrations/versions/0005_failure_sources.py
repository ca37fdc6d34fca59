"""An index on the quarantine list's sources.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25

`vigil batch` asks, for every partition it finishes, which of its failed inputs the
quarantine list already holds (a resumed run meets the same bad documents again and
must not list them twice). Without an index that question scans the whole list,
which grows with the corpus: a crawl of millions of pages can leave hundreds of
thousands of rows.

On PostgreSQL the index is a hash index: a source is a path or a URL of any length,
and a B-tree refuses entries over about 2,700 bytes, which would make a long URL's
failure unrecordable; the lookup is by equality only, which is all a hash index
answers. SQLite's B-tree has no such limit.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_failures_source", "failures", ["source"], postgresql_using="hash")


def downgrade() -> None:
    op.drop_index("ix_failures_source", table_name="failures")
