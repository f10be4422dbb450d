"""What the check found that answers a question of the application, with where it was found.

Indicator 8 recognises open standards and best practices in the repository and indicator 6
finds export and import mechanisms. The application takes them where ``dpg.yml`` is silent
(and beside what it declares), each with a link to the line that shows it, so a solution the
check passes is not sent back to its maintainer to retype what the check already saw.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from dpgcheck.application.answers import Application
from dpgcheck.model import Status

#: The finding of indicator 6 that carries the mechanisms it found (and the declared one).
MECHANISM_FINDING = "data-extraction/mechanism"


@dataclass(frozen=True)
class Found:
    """One thing the check found: its name and a link (or ``path:line``) to the evidence."""

    name: str
    where: str | None


def evidence_link(app: Application, path: str | None, line: int | None) -> str | None:
    """A link to ``path`` (at ``line``) on the forge when the repository is on one, else
    ``path:line`` as it is in the repository."""
    if not path:
        return None
    url = app.repo_file_url(path)
    if url:
        return f"{url}#L{line}" if line else url
    return f"{path}:{line}" if line else path


def _first_evidence(app: Application, item: dict[str, Any]) -> str | None:
    for ev in item.get("evidence") or []:
        if isinstance(ev, dict):
            where = ev.get("url") or evidence_link(app, ev.get("path"), ev.get("line"))
            if where:
                return str(where)
    return None


def catalogue(app: Application, key: str) -> list[Found]:
    """Standards (``key="standards"``) or practices (``"practices"``) indicator 8 found in the
    repository, in its order; nothing when it did not run."""
    rep = app.indicator("standards")
    if rep is None or rep.status is Status.ERROR:
        return []
    return [Found(str(item["name"]), _first_evidence(app, item))
            for item in rep.data.get(key) or []
            if isinstance(item, dict) and item.get("name")]


def _key(name: str) -> str:
    """A name as compared: case and a trailing ``(...)`` gloss ignored."""
    return re.sub(r"\s*\(.*\)\s*$", "", name).strip().lower()


def not_declared(found: list[Found], declared: list[str]) -> list[Found]:
    """The found entries the declared names do not already name (``HL7 FHIR`` is named by a
    declared ``HL7 FHIR R4``; ``JSON Schema (…)`` by ``JSON Schema``)."""
    keys = [_key(d) for d in declared]
    return [f for f in found
            if not any(k and (k.startswith(_key(f.name)) or _key(f.name).startswith(k))
                       for k in keys)]


def mechanisms(app: Application) -> list[Found]:
    """Export and import mechanisms indicator 6 found in the repository (what ``dpg.yml``
    declares is not among them: the writers take it from the declarations)."""
    rep = app.indicator("data-extraction")
    if rep is None:
        return []
    finding = next((f for f in rep.findings
                    if f.id == MECHANISM_FINDING and f.status is Status.PASS), None)
    if finding is None:
        return []
    decl_path = app.decl.path
    out: list[Found] = []
    for ev in finding.evidence:
        if ev.message.startswith("declared ") and (ev.path == decl_path or not ev.path):
            continue
        out.append(Found(ev.message, ev.url or evidence_link(app, ev.path, ev.line)))
    return out


def described(found: list[Found]) -> str:
    """``name (where); name (where)`` for a free-text answer."""
    return "; ".join(f"{f.name} ({f.where})" if f.where else f.name for f in found)
