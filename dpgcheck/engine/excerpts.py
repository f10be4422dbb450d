"""Evidence completed after an indicator ran: the text of the line it points at, and whether
it rests on a declaration.

A reviewer signs a verdict when the report quotes what triggered it (``README.md:12:
"This project was bootstrapped with ..."``), so every piece of evidence that names a file and
a line gets that line as its excerpt, read once through the bounded, confined repository view,
unless the detector gave one already. A finding whose lines must never be shown (a committed
secret) declares ``excerpts=False`` (and any finding whose id names a secret is treated so);
its evidence, wherever it appears, keeps no excerpt.
Excerpts are masked where a line assigns a credential (``password = "..."``), and bounded to
one short line (:func:`dpgcheck.model.bound_excerpt`); the formats escape them like every
other repository text.

Evidence on the declarations file, with no basis set by its indicator, is ``declared``: the
maintainer attests it and dpgcheck did not verify it.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from dpgcheck.model import MAX_EXCERPT, Evidence, Result, bound_excerpt

if TYPE_CHECKING:
    from dpgcheck.engine.context import Context
    from dpgcheck.engine.findings import FindingTable

#: At most this many lines are looked up per indicator (beyond them evidence keeps none).
MAX_LOOKUPS = 200
#: Files larger than this are not read for an excerpt.
MAX_FILE = 1024 * 1024
#: A key that names a credential (the whole identifier ends with it), then its value.
_CREDENTIAL = re.compile(
    r"(?i)(\b[\w.-]*(?:pass(?:word|wd)?|pwd|secret|token|api[_-]?key|access[_-]?key|"
    r"private[_-]?key)[\"']?\s*(?:[:=]|=>)\s*)(?:([\"'])([^\"']*)\2|([^\s,;)}]+))")
_SECRETISH = re.compile(r"[\d!@#$%^&*+/=~]")
_LITERAL = re.compile(r"([\"'])(?!\*\*\*\1)[^\"']+\1")
#: Long opaque tokens, and shorter ones that look like a key ID (``AKIA`` and 16 more:
#: upper case and digits, 16 or more).
_LONG_TOKEN = re.compile(r"[A-Za-z0-9+/_=-]{32,}|\b[A-Z0-9]{16,}\b")
_DIGIT, _LETTER = re.compile(r"\d"), re.compile(r"[A-Za-z]")
_QUOTED = re.compile(r"'([^']{2,80})'|\"([^\"]{2,80})\"|`([^`]{2,80})`")


def mask(text: str) -> str:
    """A line with assigned credentials (a quoted literal, or a bare value that looks like one:
    ``PASSWORD=s3cret``, not ``password = models.CharField(``) and long opaque tokens
    replaced by ``***``."""
    def credential(m: re.Match[str]) -> str:
        if m.group(2):
            return f"{m.group(1)}{m.group(2)}***{m.group(2)}" if m.group(3) else m.group(0)
        bare = m.group(4)
        code_or_placeholder = "(" in bare or bare.startswith(("$", "<", "{", "%"))
        if code_or_placeholder or not (_SECRETISH.search(bare) or len(bare) >= 12):
            return m.group(0)
        return m.group(1) + "***"

    text = _CREDENTIAL.sub(credential, text)
    key = _CREDENTIAL.search(text)
    if key is not None:  # every literal after a credential's key (``default='...'``)
        head, tail = text[:key.end(1)], text[key.end(1):]
        text = head + _LITERAL.sub(lambda m: m.group(1) + "***" + m.group(1), tail)
    return _LONG_TOKEN.sub(lambda m: "***" if _opaque(m.group(0)) else m.group(0), text)


def _opaque(token: str) -> bool:
    """Digits and letters mixed, not a path: a key, a hash or a token."""
    return bool(_DIGIT.search(token) and _LETTER.search(token)) and token.count("/") < 2


def window(line: str, message: str, limit: int = MAX_EXCERPT) -> str:
    """The part of a long line around what the message quotes (``field 'EmailStr'``), so a
    minified file still shows the triggering text."""
    flat = " ".join(line.split())
    if len(flat) <= limit:
        return flat
    lowered = flat.lower()
    for match in _QUOTED.finditer(message):
        term = next(g for g in match.groups() if g).lower()
        at = lowered.find(term)
        if at >= 0:
            start = max(0, at - limit // 3)
            piece = flat[start:start + limit - 2]
            return ("…" if start else "") + piece + "…"
    return flat


class _Lines:
    """The lines of files read for excerpts, once per target."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.files: dict[str, list[str] | None] = {}

    def get(self, path: str, line: int) -> str | None:
        if path not in self.files:
            size = self.ctx.view.size(path)
            text = (self.ctx.view.read_text(path, MAX_FILE)
                    if size is not None and size <= MAX_FILE else None)
            self.files[path] = text.splitlines() if text is not None else None
        lines = self.files[path]
        if lines is None or not 0 < line <= len(lines):
            return None
        return lines[line - 1]


def complete(result: Result, ctx: Context, table: FindingTable | None) -> Result:
    """``result`` with excerpts filled in and declared evidence marked (a new Result)."""
    hidden: set[tuple[str | None, int | None]] = set()
    for finding in result.findings:
        spec = table.spec_for(finding.id) if table is not None else None
        if (spec is not None and not spec.excerpts) or "secret" in finding.id:
            hidden.update((e.path, e.line) for e in finding.evidence)
    lines: _Lines = ctx.memo("engine.excerpt_lines", lambda: _Lines(ctx))
    budget = [MAX_LOOKUPS]
    declarations = ctx.declarations.path

    def fill(item: Evidence) -> Evidence:
        changes: dict[str, object] = {}
        if item.basis is None and declarations and item.path == declarations:
            changes["basis"] = "declared"
        if (item.path, item.line) in hidden:
            if item.excerpt:
                changes["excerpt"] = ""
        elif item.excerpt is None and item.path and item.line and budget[0] > 0:
            budget[0] -= 1
            text = lines.get(item.path, item.line)
            if text is not None and text.strip():
                changes["excerpt"] = bound_excerpt(mask(window(text, item.message)))
        return dataclasses.replace(item, **changes) if changes else item  # type: ignore[arg-type]

    findings = [dataclasses.replace(f, evidence=tuple(fill(e) for e in f.evidence))
                for f in result.findings]
    return dataclasses.replace(result, evidence=[fill(e) for e in result.evidence],
                               findings=findings)
