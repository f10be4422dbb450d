"""An on-disk cache of API answers keyed by URL, revalidated with ETags.

A conditional request answered ``304 Not Modified`` costs no rate-limit budget on GitHub, so
re-checking an unchanged repository costs almost nothing. Entries are small JSON files; the
key includes a fingerprint of the credentials so answers seen with one token never serve
another (the token itself is never written).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class CachedAnswer:
    etag: str
    body: Any
    #: For a remembered 404: when it was seen (epoch seconds).
    missing_since: float | None = None


class HttpCache:
    def __init__(self, root: Path, credential: str | None = None) -> None:
        self.root = root / "http"
        self._credential = credential
        self._scope: str | None = None

    def _file(self, url: str) -> Path:
        # hashlib loads OpenSSL (~5 ms): only when an answer is looked up, never in a local
        # check, which builds this cache for licence services it does not ask
        import hashlib

        if self._scope is None:
            self._scope = hashlib.sha256(
                (self._credential or "anonymous").encode()).hexdigest()[:16]
        digest = hashlib.sha256(f"{self._scope} {url}".encode()).hexdigest()
        return self.root / digest[:2] / f"{digest}.json"

    def get(self, url: str) -> CachedAnswer | None:
        try:
            raw = json.loads(self._file(url).read_text(encoding="utf-8"))
            return CachedAnswer(str(raw["etag"]), raw["body"], raw.get("missing_since"))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put_missing(self, url: str, now: float) -> None:
        """Remember a 404 (GitHub gives it no ETag), for callers that accept a stale "no"."""
        self.put(url, "", None, missing_since=now)

    def put(self, url: str, etag: str, body: Any, missing_since: float | None = None) -> None:
        """Write atomically (a rename), so concurrent readers never see half a file."""
        import tempfile

        path = self._file(url)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"url": url, "etag": etag, "body": body,
                           "missing_since": missing_since}, fh)
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only costs budget
