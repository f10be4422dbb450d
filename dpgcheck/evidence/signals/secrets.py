"""Credentials committed to the tree: private keys and well-known token formats.

Only the kind of secret, the file and the line are ever reported: the matched text is never
copied into a finding, a log or the report. Hits in tests, fixtures, examples and docs, and
values that look like documentation placeholders, are kept apart: reported, not counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from dpgcheck.datafile import load_data
from dpgcheck.evidence.signals.scan import SourceScan, source_scan

SECRETS_MEMO_KEY = "signals.secrets"
#: A PEM header followed by base64 (not a header string in key-handling code).
_PEM_BODY = re.compile(r"[\s\"'\\n+]*(?:Proc-Type:[^\n]*\n[^\n]*\n\s*)?[A-Za-z0-9+/=]{40,}")
MAX_PER_FILE = 5


@dataclass(frozen=True)
class SecretHit:
    """Where a secret of some kind appears; deliberately holds no part of the secret."""

    kind: str
    name: str
    path: str
    line: int
    reason_ignored: str | None = None  # "test or example file", "placeholder value"

    @property
    def counted(self) -> bool:
        return self.reason_ignored is None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name, "path": self.path, "line": self.line,
                "ignored": self.reason_ignored}


@cache
def _patterns() -> tuple[list[tuple[str, str, re.Pattern[str], tuple[str, ...], bool]],
                         tuple[str, ...]]:
    data = load_data("secret-patterns.yml")
    compiled = [(p["id"], p["name"], re.compile(p["pattern"]),
                 tuple(h.lower() for h in p.get("hints", ())), bool(p.get("needs_body")))
                for p in data["patterns"]]
    return compiled, tuple(data.get("placeholder", ()))


def hints() -> list[str]:
    """The words the secret patterns ask the source scan about (``Indicator.scan_hints``)."""
    return [h for pattern in _patterns()[0] for h in pattern[3]]


def scan_secrets(scan: SourceScan) -> list[SecretHit]:
    patterns, placeholders = _patterns()
    hits: list[SecretHit] = []
    # Per pattern, the files that mention one of its hints (None: it has none, read all).
    mentioned = [scan.files_with_any(p[3]) if p[3] else None for p in patterns]
    if all(m is not None for m in mentioned):
        files = scan.files
        items = [files[i] for i in sorted(frozenset().union(*mentioned))]  # type: ignore[arg-type]
    else:
        items = scan.files
    for item in items:
        per_file = 0
        for (kind, name, pattern, _, needs_body), hinted in zip(patterns, mentioned, strict=True):
            if hinted is not None and item.index not in hinted:
                continue
            for found in pattern.finditer(item.text):
                if needs_body and not _PEM_BODY.match(item.text, found.end()):
                    continue
                value = found.group(0).lower()
                reason = None
                if item.fixture:
                    reason = "test, example or documentation file"
                elif not needs_body and any(p in value for p in placeholders):
                    reason = "placeholder value"
                hits.append(SecretHit(kind, name, item.path, item.line_of(found.start()),
                                      reason))
                per_file += 1
                if per_file >= MAX_PER_FILE:
                    break
            if per_file >= MAX_PER_FILE:
                break
    return hits


def secrets(ctx: Any) -> list[SecretHit]:
    """The secret scan of the shared source scan, once per target."""
    return ctx.memo(SECRETS_MEMO_KEY,  # type: ignore[no-any-return]
                    lambda: scan_secrets(source_scan(ctx)))
