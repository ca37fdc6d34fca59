"""The database: documents, figures, events and the quarantine list, with full-text search.

`Store.open(url)` gives a migrated, ready store on SQLite (the default) or
PostgreSQL. This package is the only place in vigil that writes SQL; everything
it returns is a frozen value (`vigil.model` types or the rows below).
"""

from __future__ import annotations

from vigil.store.rows import DocumentRow, Failure, SearchHit, StoredEvent, StoredFigure
from vigil.store.store import Store

__all__ = ["DocumentRow", "Failure", "SearchHit", "Store", "StoredEvent", "StoredFigure"]
