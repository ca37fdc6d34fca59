"""The review workspace: a FastAPI app with server-rendered pages and a JSON API (issue 6).

`create_app(store)` builds it; `vigil serve` runs it with uvicorn. The web
layer holds no rules: it calls `vigil.review` and the store's filtered reads.
"""

from __future__ import annotations

from vigil.web.app import create_app

__all__ = ["create_app"]
