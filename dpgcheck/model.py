"""Result types shared by the engine, indicators and formats.

Kept free of engine imports so that plugins can depend on it without pulling the runner in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    """What an indicator (or one finding of it) concluded."""

    PASS = "pass"
    WARNING = "warning"
    FAIL = "fail"
    NEEDS_DECLARATION = "needs-declaration"
    NOT_APPLICABLE = "not-applicable"
    ERROR = "error"

    @property
    def severity(self) -> int:
        """Rank used to pick the worst of several findings (higher is worse)."""
        return _SEVERITY[self]

    @classmethod
    def worst(cls, statuses: list[Status] | tuple[Status, ...]) -> Status:
        return max(statuses, key=lambda s: s.severity) if statuses else cls.PASS


_SEVERITY = {
    Status.NOT_APPLICABLE: 0,
    Status.PASS: 1,
    Status.WARNING: 2,
    Status.NEEDS_DECLARATION: 3,
    Status.ERROR: 4,
    Status.FAIL: 5,
}


class Category(StrEnum):
    """The DPG categories a solution can apply under."""

    SOFTWARE = "software"
    DATA = "data"
    CONTENT = "content"
    AIMODEL = "aimodel"


ALL_CATEGORIES: frozenset[Category] = frozenset(Category)


#: The longest excerpt of a line evidence carries (characters, an ellipsis included).
MAX_EXCERPT = 120
#: What a piece of evidence rests on: seen in the repository or forge (``observed``), only
#: stated by the maintainer in the declarations file (``declared``: attested, not verified),
#: or a place this run could not look at (``not-checked``: a local check cannot read the
#: owner's ``.github`` repository).
BASES = ("observed", "declared", "not-checked")


def bound_excerpt(text: str, limit: int = MAX_EXCERPT) -> str:
    """One line of text, whitespace collapsed, at most ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Evidence:
    """Something seen, and where: a file and line, a URL, or a declaration.

    ``excerpt`` is the triggering line's text (one line, bounded: see :func:`bound_excerpt`),
    ``""`` when it must never be shown (a secret's line). ``basis`` is one of :data:`BASES`;
    ``None`` lets the engine decide (evidence on the declarations file is ``declared``).
    """

    message: str
    path: str | None = None
    line: int | None = None
    url: str | None = None
    excerpt: str | None = None
    basis: str | None = None

    def __post_init__(self) -> None:
        if self.excerpt:
            object.__setattr__(self, "excerpt", bound_excerpt(self.excerpt))
        if self.basis is not None and self.basis not in BASES:
            raise ValueError(f"evidence basis must be one of {', '.join(BASES)}")

    def to_dict(self) -> dict[str, Any]:
        return {"message": self.message, "path": self.path, "line": self.line, "url": self.url,
                "excerpt": self.excerpt or None, "basis": self.basis or "observed"}


@dataclass(frozen=True)
class Finding:
    """One small conclusion of an indicator, with its own fix (Scorecard-style).

    The id is stable (``open-license/not-approved``) so waivers and SARIF rules can name it.
    ``rule`` is the declared id it was created from (``platform-independence/closed/{component}``
    for ``platform-independence/closed/mongodb-server``; see ``dpgcheck.engine.findings``), or
    ``None`` for a finding built by hand. It is not part of the report.
    """

    id: str
    status: Status
    message: str
    evidence: tuple[Evidence, ...] = ()
    remediation: str | None = None
    rule: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status.value,
            "message": self.message,
            "evidence": [e.to_dict() for e in self.evidence],
            "remediation": self.remediation,
        }


@dataclass
class Result:
    """What an indicator's ``check`` returns.

    ``data`` carries indicator-specific machine fields (the licence indicator's ``licenses``);
    they appear as extra keys of the indicator's JSON object.
    """

    status: Status
    summary: str
    evidence: list[Evidence] = field(default_factory=list)
    remediation: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_findings(
        cls,
        findings: list[Finding],
        summary: str,
        evidence: list[Evidence] | None = None,
        data: dict[str, Any] | None = None,
        default: Status = Status.PASS,
    ) -> Result:
        """Status is the worst finding's; remediation is every non-pass finding's fix."""
        status = Status.worst([f.status for f in findings]) if findings else default
        remediation = [
            f.remediation
            for f in findings
            if f.remediation and f.status not in (Status.PASS, Status.NOT_APPLICABLE)
        ]
        return cls(
            status=status,
            summary=summary,
            evidence=list(evidence or []),
            remediation=list(dict.fromkeys(remediation)),
            findings=list(findings),
            data=dict(data or {}),
        )
