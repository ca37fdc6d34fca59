"""A real HTTP server on 127.0.0.1 for the fetch tests: routes with bodies, statuses, delays, redirects."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ingest_samples import ARTICLE_HTML, NAV_ONLY_HTML, SECOND_ARTICLE_HTML, rss_feed


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0
    location: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    chunked: bool = False  # no Content-Length: the body ends when the connection closes


@dataclass
class Server:
    base: str
    routes: dict[str, Route]
    user_agents: list[str]

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def serve() -> Iterator[Server]:
    """A real HTTP server on 127.0.0.1 in a thread, with routes a test may add to."""
    routes: dict[str, Route] = {}
    user_agents: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            user_agents.append(self.headers.get("User-Agent", ""))
            route = routes.get(self.path)
            if route is None:
                self.send_response(404)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", "9")
                self.end_headers()
                self.wfile.write(b"not found")
                return
            if route.delay:
                time.sleep(route.delay)
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            if route.location:
                self.send_header("Location", route.location)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if "Content-Length" not in route.headers and not route.chunked:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            try:
                self.wfile.write(route.body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    routes.update(
        {
            "/article": Route(ARTICLE_HTML.encode()),
            "/second": Route(SECOND_ARTICLE_HTML.encode()),
            "/nav": Route(NAV_ONLY_HTML.encode()),
            "/gone": Route(b"gone", status=404, content_type="text/plain"),
            "/slow": Route(ARTICLE_HTML.encode(), delay=2.0),
            "/moved": Route(status=302, location="/article"),
            "/feed.xml": Route(rss_feed(base).encode(), content_type="application/rss+xml"),
        }
    )
    try:
        yield Server(base, routes, user_agents)
    finally:
        server.shutdown()
        server.server_close()
