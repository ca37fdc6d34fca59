"""The archive: every original kept once, as it came, under the hash of its bytes.

Layout: `<root>/sha256/<first 2 hex>/<64 hex><suffix>`. The file name is the
document id's digest, so a copy can be checked against its name at any time, and
the same bytes always land on the same path: storing twice stores once.

Writes go to a temporary file in the target folder and are moved into place with
`os.replace`, which is atomic: a reader (or a crash) never sees half a file.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path, PurePosixPath

from vigil.errors import CorruptDocument, InputError

__all__ = ["Archive"]

_SUFFIX = re.compile(r"^(\.[A-Za-z0-9]{1,10})?$")
_RELATIVE = re.compile(r"^sha256/([0-9a-f]{2})/([0-9a-f]{64})(\.[A-Za-z0-9]{1,10})?$")


class Archive:
    """Content-addressed copies of originals under one folder."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def put(self, data: bytes, suffix: str = "") -> str:
        """Store `data` once and return its path relative to the root (`sha256/ab/ab…<suffix>`).

        If these bytes are already archived, under any suffix, nothing is written and
        the existing path is returned.
        """
        if not _SUFFIX.match(suffix):
            raise ValueError(f"archive suffix must be like '.pdf', not {suffix!r}")
        digest = hashlib.sha256(data).hexdigest()
        folder = self.root / "sha256" / digest[:2]
        existing = self._existing(folder, digest)
        if existing is not None:
            return existing
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{digest}{suffix.lower()}"
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return target.relative_to(self.root).as_posix()

    def path(self, relative: str) -> Path:
        """The absolute path of an archived original; refuses paths that are not archive paths."""
        m = _RELATIVE.match(relative)
        if m is None or m.group(1) != m.group(2)[:2]:
            raise InputError(relative, "not a path inside the archive (sha256/xx/<64 hex>[.ext])")
        return self.root / PurePosixPath(relative)

    def read(self, relative: str) -> bytes:
        """The archived bytes, checked against the hash in their name (CorruptDocument if they differ)."""
        path = self.path(relative)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise InputError(relative, "not in the archive (the file is missing)") from None
        expected = PurePosixPath(relative).name[:64]
        actual = hashlib.sha256(data).hexdigest()
        if actual != expected:
            raise CorruptDocument(relative, f"archived copy was altered: its sha256 is now {actual}")
        return data

    def _existing(self, folder: Path, digest: str) -> str | None:
        if not folder.is_dir():
            return None
        for candidate in sorted(folder.glob(f"{digest}*")):
            if candidate.is_file() and _RELATIVE.match(candidate.relative_to(self.root).as_posix()):
                return candidate.relative_to(self.root).as_posix()
        return None
