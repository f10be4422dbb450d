"""Reading the 9a/9b answers of ``dpg.yml``: the four fixed levels and who declared them."""

from __future__ import annotations

from typing import Any

from dpgcheck.declarations.loader import LEVELS
from dpgcheck.model import Evidence, Finding, Status

LEVEL_TEXT = {
    "none": "not collected, stored or distributed",
    "collected": "collected but not stored nor distributed",
    "stored": "collected and stored but not distributed",
    "distributed": "collected, stored and distributed",
}


def declared_level(ctx: Any, key: str) -> tuple[str | None, str | None]:
    """(level, problem): the declared level of ``key`` or why it cannot be used."""
    raw = ctx.declarations.get(key)
    if raw is None or raw == "":
        return None, None
    if raw is False:
        return "none", None
    value = str(raw).strip().lower()
    if value not in LEVELS:
        return None, f"`{key}: {raw}` is not one of {', '.join(LEVELS)}"
    return value, None


def level_rank(level: str | None) -> int:
    return LEVELS.index(level) if level in LEVELS else -1


def declarer(ctx: Any) -> Evidence | None:
    """``declared_by`` as evidence, or ``None`` when no name is given."""
    name = ctx.declarations.get("declared_by.name")
    if not name:
        return None
    role = ctx.declarations.get("declared_by.role")
    return Evidence(f"declared by {name}" + (f", {role}" if role else ""),
                    path=ctx.declarations.path)


def text_of(value: Any) -> str | None:
    """A declared free-text or list answer as one line, ``None`` when empty."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v is not None) or None
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items()) or None
    return str(value).strip() or None


def explained_contradiction_parts(what: str, explanation: str, declared: Evidence,
                                  code: tuple[Evidence, ...],
                                  path: str | None) -> tuple[str, tuple[Evidence, ...]]:
    """``none`` was declared, the code suggests otherwise, and the maintainer said why: the
    message and evidence of the passing finding that closes the gap, with both sides and the
    explanation kept visible, as 9a and 9b's own remediation texts promise."""
    return (f"declared no {what} and explained what the code suggests: {explanation}",
            (declared, Evidence(f"declared explanation: {explanation}", path=path), *code))


def explained_contradiction(finding_id: str, what: str, explanation: str,
                            declared: Evidence, code: tuple[Evidence, ...],
                            path: str | None) -> Finding:
    """The same as a finding built by hand (kept for plugins; built-in indicators create it
    from their declared findings with :func:`explained_contradiction_parts`)."""
    return Finding(finding_id, Status.PASS,
                   *explained_contradiction_parts(what, explanation, declared, code, path))
