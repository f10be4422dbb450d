"""Credentials committed to the tree: private keys and well-known token formats.

Only the kind of secret, the file and the line are ever reported: the matched text is never
copied into a finding, a log or the report. Whether a match is a credible secret is decided in
``credibility``: hits in tests, fixtures, examples, docs and development set-ups, placeholder
and low-entropy values, key IDs without their secret and publishable client keys are kept
apart, reported with the reason, not counted. One value found in several places is one secret.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from dpgcheck.datafile import load_data
from dpgcheck.evidence.regex_literals import required_runs
from dpgcheck.evidence.signals.credibility import judge
from dpgcheck.evidence.signals.scan import SourceScan, source_scan

SECRETS_MEMO_KEY = "signals.secrets"
#: A PEM header followed by base64 (not a header string in key-handling code).
_PEM_BODY = re.compile(r"[\s\"'\\n+]*(?:Proc-Type:[^\n]*\n[^\n]*\n\s*)?[A-Za-z0-9+/=]{40,}")
MAX_PER_FILE = 5


@dataclass(frozen=True)
class SecretPattern:
    """One credential format of ``secret-patterns.yml``."""

    kind: str
    name: str
    regex: re.Pattern[str]
    hints: tuple[str, ...]
    needs_body: bool = False
    public: bool = False
    pair: dict[str, Any] | None = field(default=None, hash=False, compare=False)
    public_when: dict[str, Any] | None = field(default=None, hash=False, compare=False)


@dataclass(frozen=True)
class SecretHit:
    """Where a secret of some kind appears; deliberately holds no part of the secret.

    ``value_id`` is a truncated digest, kept in memory only to tell one value repeated in
    several places from several values; it is never reported."""

    kind: str
    name: str
    path: str
    line: int
    reason_ignored: str | None = None  # "test or example file", "placeholder value"
    public: bool = False
    value_id: str = field(default="", repr=False, compare=False)

    @property
    def counted(self) -> bool:
        return self.reason_ignored is None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name, "path": self.path, "line": self.line,
                "ignored": self.reason_ignored, "public": self.public}


@dataclass(frozen=True)
class SecretGroup:
    """One value (of one kind) with every place it occurs."""

    hits: tuple[SecretHit, ...]

    @property
    def first(self) -> SecretHit:
        return self.hits[0]

    @property
    def counted(self) -> bool:
        """Credible where any of its places is (a value in a fixture and in a config)."""
        return any(h.counted for h in self.hits)

    @property
    def public(self) -> bool:
        """Not credible anywhere, and a publishable client key somewhere."""
        return not self.counted and any(h.public for h in self.hits)

    @property
    def shown(self) -> tuple[SecretHit, ...]:
        """The places to report: where it counts (else where it is public) first."""
        first = [h for h in self.hits if h.counted] or [h for h in self.hits if h.public]
        return (*first, *[h for h in self.hits if h not in first])


@cache
def _patterns() -> tuple[list[SecretPattern], tuple[str, ...]]:
    data = load_data("secret-patterns.yml")
    compiled = [SecretPattern(p["id"], p["name"], re.compile(p["pattern"]),
                              tuple(h.lower() for h in p.get("hints", ())),
                              bool(p.get("needs_body")), bool(p.get("public")),
                              p.get("pair"), p.get("public_when"))
                for p in data["patterns"]]
    return compiled, tuple(data.get("placeholder", ()))


@cache
def required_literals(regex: re.Pattern[str]) -> tuple[str, ...]:
    """Runs of literal characters that every match of ``regex`` holds as they are: those of
    its top-level sequence, outside any group, class, repeat or alternative (``SG.`` of
    ``\\bSG\\.[A-Za-z0-9_-]{22}...``). A head without one of them cannot match, so the regex
    (which, starting with ``\\b``, tries every character) is not run on it: the SendGrid
    pattern's hint ``sg.`` is in every Java file that names a ``msg.``. Empty for a
    case-insensitive pattern, or when the pattern cannot be parsed here."""
    if regex.flags & re.IGNORECASE:
        return ()
    return required_runs(regex.pattern, regex.flags)


def hints() -> list[str]:
    """The words the secret patterns ask the source scan about (``Indicator.scan_hints``)."""
    return [h for pattern in _patterns()[0] for h in pattern.hints]


def _value_id(kind: str, value: str) -> str:
    import hashlib  # OpenSSL's ~5 ms, only for a tree with a secret-like value

    return hashlib.sha256(f"{kind}\0{value}".encode("utf-8", "surrogateescape")).hexdigest()[:16]


def _key_value(text: str, end: int) -> str:
    """A private key is identified by its body (its first base64 characters), not its header."""
    body = _PEM_BODY.match(text, end)
    return re.sub(r"[\s\"'\\+]|\\n", "", body.group(0))[:400] if body else ""


def scan_secrets(scan: SourceScan, view: Any = None) -> list[SecretHit]:
    """Every match of the patterns in the scanned heads, each judged (``view``: the tree, for
    the certificate beside a private key)."""
    patterns, placeholders = _patterns()
    hits: list[SecretHit] = []
    # Per pattern, the files that mention one of its hints (None: it has none, read all).
    mentioned = [scan.files_with_any(p.hints) if p.hints else None for p in patterns]
    if all(m is not None for m in mentioned):
        files = scan.files
        items = [files[i] for i in sorted(frozenset().union(*mentioned))]  # type: ignore[arg-type]
    else:
        items = scan.files
    literals = [required_literals(p.regex) for p in patterns]
    for item in items:
        per_file = 0
        for pattern, hinted, needed in zip(patterns, mentioned, literals, strict=True):
            if hinted is not None and item.index not in hinted:
                continue
            if not all(literal in item.text for literal in needed):
                continue
            for found in pattern.regex.finditer(item.text):
                if pattern.needs_body and not _PEM_BODY.match(item.text, found.end()):
                    continue
                value = (_key_value(item.text, found.end()) if pattern.needs_body
                         else found.group(0))
                verdict = judge(pattern, item, found.start(), value, placeholders, view)
                hits.append(SecretHit(pattern.kind, pattern.name, item.path,
                                      item.line_of(found.start()), verdict.reason,
                                      verdict.public, _value_id(pattern.kind, value)))
                per_file += 1
                if per_file >= MAX_PER_FILE:
                    break
            if per_file >= MAX_PER_FILE:
                break
    return hits


def group_hits(hits: list[SecretHit]) -> list[SecretGroup]:
    """Hits grouped by value (in order of first appearance): one secret, every place."""
    groups: dict[tuple[str, str], list[SecretHit]] = {}
    for hit in hits:
        key = (hit.kind, hit.value_id or f"{hit.path}:{hit.line}")
        groups.setdefault(key, []).append(hit)
    return [SecretGroup(tuple(g)) for g in groups.values()]


def secrets(ctx: Any) -> list[SecretHit]:
    """The secret scan of the shared source scan, once per target."""
    return ctx.memo(SECRETS_MEMO_KEY,  # type: ignore[no-any-return]
                    lambda: scan_secrets(source_scan(ctx), ctx.view))
