"""The DPGA application's answers: what the writers read, and the answers still missing.

An ``Application`` joins the declarations (``dpg.yml``), the facts read from the repository
and the check's report. The writers (``nominee``, ``screening``, ``markdown``) ask it for
declared values and indicator results, and record through ``need`` every answer only the
maintainer can give, so ``dpgcheck export`` can fail until the file is complete.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from dpgcheck.application.facts import ProjectFacts, gather
from dpgcheck.declarations.loader import Declarations
from dpgcheck.engine.report import IndicatorReport, Report
from dpgcheck.model import Status
from dpgcheck.repo.view import RepoView

PASSED = (Status.PASS, Status.WARNING)


@cache
def dpga_schema(kind: str) -> dict[str, Any]:
    """The shipped DPGA schema: ``nominee`` or ``screening``."""
    path = f"data/dpga/{kind}-schema.json"
    return json.loads(resources.files("dpgcheck").joinpath(path).read_text("utf-8"))  # type: ignore[no-any-return]


def as_list(value: Any) -> list[str]:
    """A declared value as a list of non-empty strings (one string, a list, or nothing)."""
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    return [str(value).strip()]


def named_entries(value: Any) -> list[tuple[str, str | None]]:
    """``(name, evidence URL)`` of each entry of a declared list of names or ``{name: ...}``."""
    out = []
    for item in value or []:
        if isinstance(item, str) and item.strip():
            out.append((item.strip(), None))
        elif isinstance(item, dict) and item.get("name"):
            url = item.get("evidence_url")
            out.append((str(item["name"]), str(url) if url else None))
    return out


def yes_no(value: bool | None) -> str:
    """The DPGA's answer for a yes/no value: ``Yes``, ``No`` or ``Unknown``."""
    return {True: "Yes", False: "No"}.get(value, "Unknown")  # type: ignore[arg-type]


@dataclass
class Application:
    """Everything the formats need, and the answers still missing."""

    decl: Declarations
    facts: ProjectFacts
    report: Report
    view: RepoView
    missing: list[str] = field(default_factory=list)

    def get(self, dotted: str) -> Any:
        return self.decl.get(dotted)

    def text(self, dotted: str) -> str | None:
        value = self.decl.get(dotted)
        if isinstance(value, list):
            return "; ".join(as_list(value)) or None
        return str(value).strip() or None if value not in (None, "") else None

    def need(self, what: str, key: str) -> None:
        item = f"{what} ({key} in dpg.yml)"
        if item not in self.missing:
            self.missing.append(item)

    def indicator(self, ident: str) -> IndicatorReport | None:
        return next((r for r in self.report.indicators if r.id == ident), None)

    def found(self, ident: str) -> bool | None:
        """True when the indicator passed, False when it failed, None otherwise."""
        rep = self.indicator(ident)
        if rep is None:
            return None
        if rep.status in PASSED:
            return True
        return False if rep.status == Status.FAIL else None

    @property
    def repository(self) -> str | None:
        return self.text("repository") or self.facts.repository

    def repo_file_url(self, path: str | None) -> str | None:
        if not path or not self.repository:
            return None
        if "github.com" in self.repository or "gitlab" in self.repository:
            return f"{self.repository}/blob/HEAD/{path}"
        return None


def build(root: Path, report: Report, decl: Declarations) -> Application:
    """The application of the repository at ``root``, from its declarations and report."""
    view = RepoView.from_path(root)
    return Application(decl=decl, facts=gather(view), report=report, view=view)
