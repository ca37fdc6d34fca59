"""Detention sites: the registry, its sourced observations, and the documents read into it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27

A site holds only what identifies it (name, country, place, coordinates) and its
state in review; everything a source says about it is a row of
`site_observations` with its quote and span (or, for an imported list, its
citation), its confidentiality and its own review status. `site_scans` lists the
documents whose facility mentions were read, so reading them again is a no-op and
documents stored before this migration can be read later (`vigil sites scan`).

Values here are literals on purpose, like 0001 and 0002.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UTC = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "sites",
        sa.Column("id", sa.String(80), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("country", sa.String(8), nullable=True),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("status", sa.String(64), nullable=False),
        sa.Column("merged_into", sa.String(80), nullable=True),
        sa.Column("level", sa.String(64), nullable=False),
        sa.Column("created_at", _UTC, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sites"),
    )
    op.create_index("ix_sites_country", "sites", ["country"])
    op.create_index("ix_sites_status", "sites", ["status"])

    op.create_table(
        "site_observations",
        sa.Column("id", sa.String(80), nullable=False),
        sa.Column("site_id", sa.String(80), nullable=False),
        sa.Column("attribute", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("number", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(64), nullable=True),
        sa.Column("indicator", sa.String(64), nullable=True),
        sa.Column("key", sa.Text(), nullable=True),
        sa.Column("when_", sa.String(32), nullable=True),
        sa.Column("document_id", sa.String(80), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("figure_id", sa.String(80), nullable=True),
        sa.Column("event_id", sa.String(80), nullable=True),
        sa.Column("confidentiality", sa.String(64), nullable=False),
        sa.Column("status", sa.String(64), nullable=False),
        sa.Column("created_at", _UTC, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_site_observations"),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name="fk_site_observations_site_id_sites"),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_site_observations_document_id_documents", ondelete="CASCADE"
        ),
        sa.CheckConstraint(
            "span_start IS NULL OR (span_start >= 0 AND span_end >= span_start)", name="ck_site_observations_span"
        ),
    )
    op.create_index("ix_site_observations_site_id", "site_observations", ["site_id"])
    op.create_index("ix_site_observations_document_id", "site_observations", ["document_id"])
    op.create_index("ix_site_observations_figure_id", "site_observations", ["figure_id"])
    op.create_index("ix_site_observations_event_id", "site_observations", ["event_id"])

    op.create_table(
        "site_scans",
        sa.Column("document_id", sa.String(80), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.Column("scanned_at", _UTC, nullable=False),
        sa.PrimaryKeyConstraint("document_id", name="pk_site_scans"),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_site_scans_document_id_documents", ondelete="CASCADE"
        ),
    )


def downgrade() -> None:
    for table in ("site_scans", "site_observations", "sites"):
        op.drop_table(table)
