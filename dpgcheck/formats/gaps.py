"""Each open gap of a report placed on a file and line: what annotation formats print.

A gap is a failing, warning or needs-declaration finding (or the indicator itself when it has
no findings), on the file and line of its first evidence; a gap without a file goes on the
declarations file, where its declaration or waiver belongs. Waived gaps are left out: they
are settled.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dpgcheck.model import Evidence, Status

if TYPE_CHECKING:
    from dpgcheck.engine.report import IndicatorReport, Report

OPEN = (Status.FAIL, Status.WARNING, Status.NEEDS_DECLARATION)
#: Annotation levels: a failure is an error; advice beyond the Standard is always info.
LEVELS = {Status.FAIL: "error", Status.WARNING: "warning", Status.NEEDS_DECLARATION: "info"}
DEFAULT_DECLARATIONS = "dpg.yml"


@dataclass(frozen=True)
class Gap:
    id: str  # the finding id, or the indicator id
    indicator: str
    level: str
    path: str
    line: int
    message: str
    fix: str
    url: str
    #: The declared title of the rule that fired ("" for a finding built by hand).
    title: str = ""
    #: The text of the line the gap is placed on, when its evidence quotes it.
    excerpt: str = ""

    @property
    def text(self) -> str:
        """The message, the rule's title and the triggering line."""
        return (self.message + (f" [rule: {self.title}]" if self.title else "")
                + (f' — "{self.excerpt}"' if self.excerpt else ""))


def gaps(report: Report) -> list[Gap]:
    anchor = report.declarations_path or DEFAULT_DECLARATIONS
    out: list[Gap] = []
    for ind in [*report.indicators, *report.extras]:
        open_findings = [f for f in ind.findings if f.status in OPEN
                         and ind.waiver_for(f) is None]
        if open_findings:
            out += [_gap(ind, f.id, f.status, f.message, list(f.evidence), f.remediation,
                         anchor, ind.title_of(f) or "") for f in open_findings]
        elif ind.status in OPEN and ind.waiver is None and not ind.findings:
            evidence = ind.evidence
            out.append(_gap(ind, ind.id, ind.status, ind.summary, evidence,
                            " ".join(ind.remediation), anchor))
    return out


def _gap(ind: IndicatorReport, ident: str, status: Status, message: str,
         evidence: list[Evidence], fix: str | None, anchor: str, title: str = "") -> Gap:
    placed = next((e for e in evidence if e.path), None)
    path = placed.path if placed is not None and placed.path else anchor
    line = placed.line if placed is not None and placed.line and placed.line > 0 else 1
    level = LEVELS[status] if ind.affects_verdict else "info"
    label = f"{ind.number} {ind.title}" if ind.number else ind.title
    excerpt = (placed.excerpt or "") if placed is not None else ""
    attested = placed is not None and placed.basis == "declared"
    text = f"{label}: {message}" + (" (declared: attested by the maintainer, not verified)"
                                    if attested else "")
    return Gap(ident, ind.id, level, path, line, text, fix or "", ind.url, title, excerpt)


def one_line(text: str) -> str:
    """Repository text on one line: no line breaks or control characters can forge another
    annotation."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())
