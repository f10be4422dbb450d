"""Report types, the verdict, and the exit-code rule.

The JSON shape produced by :meth:`Report.to_dict` is documented by
``dpgcheck/data/report.schema.json``; change both together and bump ``SCHEMA_VERSION`` when a
change could break a reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from dpgcheck import __version__
from dpgcheck.declarations.loader import Waiver
from dpgcheck.engine.findings import FindingTable
from dpgcheck.errors import EXIT_FAILED, EXIT_INCOMPLETE, EXIT_OK
from dpgcheck.model import Evidence, Finding, Status
from dpgcheck.sources.interface import TargetInfo

SCHEMA_VERSION = "1.1"

#: Statuses that break the build, by policy.
FAIL_ON_FAIL = frozenset({Status.FAIL})
FAIL_ON_STRICT = frozenset({Status.FAIL, Status.WARNING, Status.NEEDS_DECLARATION})
#: ``--fail-on LEVEL``: LEVEL or worse breaks the build, worse as the verdict ranks them
#: (warning < needs-declaration < fail; see ``Status.severity``).
FAIL_ON_LEVELS: dict[str, frozenset[Status]] = {
    "fail": FAIL_ON_FAIL,
    "needs-declaration": frozenset({Status.FAIL, Status.NEEDS_DECLARATION}),
    "warning": FAIL_ON_STRICT,
}


def fail_on_policy(level: str | None, strict: bool = False) -> frozenset[Status]:
    """The statuses that exit 1: ``--fail-on LEVEL`` joined with ``--strict`` (stricter wins)."""
    from dpgcheck.errors import DpgcheckError, did_you_mean

    key = (level or "fail").strip().lower()
    if key not in FAIL_ON_LEVELS:
        raise DpgcheckError(f"unknown --fail-on level '{level}': use {', '.join(FAIL_ON_LEVELS)}"
                            + did_you_mean(key, FAIL_ON_LEVELS))
    return FAIL_ON_LEVELS[key] | (FAIL_ON_STRICT if strict else frozenset())


@dataclass
class IndicatorReport:
    """One indicator's result with its metadata, as every format sees it."""

    number: str
    id: str
    title: str
    url: str
    status: Status
    summary: str
    evidence: list[Evidence] = field(default_factory=list)
    remediation: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    origin: str = ""
    affects_verdict: bool = True
    waiver: Waiver | None = None
    #: Waivers of single findings (finding id -> waiver), also when others stay open.
    finding_waivers: dict[str, Waiver] = field(default_factory=dict)
    #: The findings the indicator declares (for SARIF rules); not part of the JSON report.
    finding_table: FindingTable | None = None
    #: Seconds its check took (shared evidence included when it asked for it first); JUnit's
    #: ``time``; not part of the JSON report, which stays the same from run to run.
    seconds: float = 0.0

    def waiver_for(self, finding: Finding | None = None) -> Waiver | None:
        """The waiver covering this indicator's result, or one finding of it."""
        if finding is not None and finding.id in self.finding_waivers:
            return self.finding_waivers[finding.id]
        return self.waiver

    @property
    def effective_status(self) -> Status:
        """The status that counts for the verdict: a waived gap counts as passed."""
        if self.waiver is not None and self.status in (Status.FAIL, Status.WARNING,
                                                        Status.NEEDS_DECLARATION):
            return Status.PASS
        return self.status

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "number": self.number,
            "id": self.id,
            "title": self.title,
            "status": self.status.value,
            "summary": self.summary,
            "evidence": [e.to_dict() for e in self.evidence],
            "remediation": list(self.remediation),
            "findings": [self._finding_dict(f) for f in self.findings],
            "url": self.url,
            "origin": self.origin,
            "waiver": None if self.waiver is None else _waiver_dict(self.waiver),
            "decisive": None if (item := self.decisive) is None else item.to_dict(),
        }
        for key, value in self.data.items():
            out.setdefault(key, value)
        return out

    @property
    def decisive(self) -> Evidence | None:
        """A pass's one decisive piece of evidence, what a reviewer signs off on: the first
        evidence of its first passing finding. An indicator that reports no finding (a
        plugin's hand-built result) is judged by its own first evidence; one that declares
        findings but passed with none has its summary as the reason (its evidence then is
        context: exemptions, caveats), so ``None``."""
        if self.status is not Status.PASS:
            return None
        for finding in self.findings:
            if finding.status is Status.PASS and finding.evidence:
                return finding.evidence[0]
        if self.findings or self.finding_table is not None:
            return None
        return self.evidence[0] if self.evidence else None

    def title_of(self, finding: Finding) -> str | None:
        """The declared title of the rule a finding came from (``None``: built by hand)."""
        table = self.finding_table
        spec = table.spec_for(finding.rule or finding.id) if table is not None else None
        return spec.title if spec is not None else None

    def _finding_dict(self, finding: Finding) -> dict[str, Any]:
        out = finding.to_dict()
        out["title"] = self.title_of(finding)
        waiver = self.finding_waivers.get(finding.id)
        if waiver is not None:
            out["waiver"] = _waiver_dict(waiver)
        return out


def _waiver_dict(waiver: Waiver) -> dict[str, Any]:
    return {"id": waiver.id, "reason": waiver.reason,
            "expires": waiver.expires.isoformat() if waiver.expires else None}


@dataclass
class Report:
    target: TargetInfo
    categories: list[str]
    standard_version: str
    indicators: list[IndicatorReport] = field(default_factory=list)
    extras: list[IndicatorReport] = field(default_factory=list)
    declarations_path: str | None = None
    notes: list[str] = field(default_factory=list)
    #: What the forge says about a remote target (description, licence, topics...).
    forge: dict[str, Any] | None = None
    #: What a registry entry declared for this target (licences, categories), to compare.
    declared: dict[str, Any] | None = None
    #: Where the categories came from (and, when guessed, why): see ``Context.category_basis``.
    category_basis: dict[str, Any] | None = None
    #: The answers the DPGA application still lacks (``dpgcheck export``'s list), when the
    #: command asked for them; ``None``: not computed.
    application_missing: list[str] | None = None
    #: When the check started (UTC); JUnit's ``timestamp``; not part of the JSON report.
    started_at: datetime | None = None

    @property
    def verdict(self) -> str:
        """``fail`` if any indicator fails, else ``incomplete`` if any needs a declaration
        or could not run, else ``pass``."""
        statuses = {i.effective_status for i in self.indicators}
        if Status.FAIL in statuses:
            return "fail"
        if statuses & {Status.NEEDS_DECLARATION, Status.ERROR}:
            return "incomplete"
        return "pass"

    def exit_code(self, fail_on: frozenset[Status] = FAIL_ON_FAIL) -> int:
        """1 when a status in ``fail_on`` is present, else 3 when a check errored, else 0."""
        statuses = {i.effective_status for i in self.indicators}
        if statuses & fail_on:
            return EXIT_FAILED
        if Status.ERROR in statuses:
            return EXIT_INCOMPLETE
        return EXIT_OK

    def counts(self) -> dict[str, int]:
        counts = {s.value: 0 for s in Status}
        for ind in self.indicators:
            counts[ind.status.value] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "dpgcheck", "version": __version__},
            "standard": {"version": self.standard_version},
            "target": self.target.to_dict(),
            "categories": list(self.categories),
            **({"category_basis": self.category_basis} if self.category_basis else {}),
            "declarations": self.declarations_path,
            "verdict": self.verdict,
            "counts": self.counts(),
            "indicators": [i.to_dict() for i in self.indicators],
            "extras": [i.to_dict() for i in self.extras],
            "notes": list(self.notes),
            **({"forge": self.forge} if self.forge is not None else {}),
            **({"declared": self.declared} if self.declared is not None else {}),
        }


def combined_exit_code(reports: list[Report], fail_on: frozenset[Status] = FAIL_ON_FAIL) -> int:
    """For several targets: 1 if any failed, else 3 if any could not be checked, else 0."""
    codes = {r.exit_code(fail_on) for r in reports}
    for code in (EXIT_FAILED, EXIT_INCOMPLETE):
        if code in codes:
            return code
    return EXIT_OK
