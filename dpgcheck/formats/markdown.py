"""Markdown for pull-request comments and GitHub job summaries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dpgcheck import __version__
from dpgcheck.formats import reasons
from dpgcheck.formats.interface import FormatOptions, Formatter
from dpgcheck.formats.labels import EMOJI, VERDICT_TEXT
from dpgcheck.model import Status

if TYPE_CHECKING:
    from dpgcheck.engine.report import IndicatorReport, Report


MAX_EVIDENCE = 20
#: How evidence that was declared, not observed, is marked.
LABEL = "*{}:* "


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


class MarkdownFormat(Formatter):
    sink = "markdown"
    mergeable = True
    human = True

    def render(self, reports: list[Report], options: FormatOptions) -> str:
        return "\n\n---\n\n".join(self._report(r) for r in reports) + "\n"

    def render_entries(self, entries: list[dict[str, Any]], options: FormatOptions) -> str:
        """The batch summary table (``merge`` and the end of a batch)."""
        from dpgcheck.formats.summary import render_markdown

        return render_markdown(entries)

    def _report(self, report: Report) -> str:
        target = report.target.url or report.target.path or report.target.name
        commit = f" at `{report.target.commit[:12]}`" if report.target.commit else ""
        verdict = report.verdict
        out = [
            f"## DPG Standard check: {_cell(target)}{commit}",
            "",
            f"**Verdict: {verdict.upper()}**: {VERDICT_TEXT[verdict]}. ",
            f"Standard {report.standard_version} · categories: {', '.join(report.categories)} · "
            f"dpgcheck {__version__}",
            "",
            "| | # | Indicator | Status | Summary |",
            "|---|---|---|---|---|",
        ]
        out += [self._row(i) for i in report.indicators]
        details = [self._details(i) for i in report.indicators
                   if i.status not in (Status.PASS, Status.NOT_APPLICABLE)]
        if details:
            out += ["", "### What to do", "", *details]
        if report.extras:
            out += ["", "### Beyond the Standard", "", "| | Check | Status | Summary |",
                    "|---|---|---|---|"]
            out += [f"| {EMOJI[i.status]} | {_cell(i.title)} | {i.status.value} | "
                    f"{_cell(i.summary)} |" for i in report.extras]
        if report.notes:
            out += [""] + [f"> {_cell(n)}" for n in report.notes]
        return "\n".join(out)

    @staticmethod
    def _row(ind: IndicatorReport) -> str:
        waived = f" (waived: {_cell(ind.waiver.reason)})" if ind.waiver else ""
        decisive = reasons.decisive(ind.to_dict())
        evidence = (f"<br>Evidence: {_cell(reasons.evidence_line(decisive, LABEL))}"
                    if decisive else "")
        return (f"| {EMOJI[ind.status]} | {ind.number} | [{_cell(ind.title)}]({ind.url}) | "
                f"{ind.status.value} | {_cell(ind.summary)}{waived}{evidence} |")

    @staticmethod
    def _details(ind: IndicatorReport) -> str:
        """Each rule that fired with its evidence and fix, then what else was seen."""
        data = ind.to_dict()
        lines = [f"<details><summary>{EMOJI[ind.status]} <b>{ind.number} {ind.title}</b>: "
                 f"{_cell(ind.summary)}</summary>", ""]
        shown = reasons.reasons(data)
        fixes: set[str] = set()
        for reason in shown:
            detail = reason.detail(ind.summary)
            waived = f" (waived: {_cell(reason.waived)})" if reason.waived else ""
            lines.append(f"- {EMOJI[Status(reason.status)]} **{_cell(reason.rule)}**"
                         + (f": {_cell(detail)}" if detail else "") + waived)
            lines += [f"  - {_cell(reasons.evidence_line(e, LABEL))}"
                      for e in reason.evidence[:MAX_EVIDENCE]]
            if len(reason.evidence) > MAX_EVIDENCE:
                lines.append(f"  - … {len(reason.evidence) - MAX_EVIDENCE} more "
                             "(see the JSON report)")
            if reason.fix and reason.fix not in fixes:
                fixes.add(reason.fix)
                lines.append(f"  - **Fix:** {_cell(reason.fix)}")
        lines += [f"- {_cell(reasons.evidence_line(e, LABEL))}"
                  for e in reasons.context(data, shown)[:MAX_EVIDENCE]]
        lines += [f"- **Fix:** {_cell(fix)}" for fix in reasons.other_fixes(data, shown)
                  if fix not in fixes]
        if ind.waiver is None:
            lines += [f"- **Waived:** `{fid}`: {_cell(w.reason)}"
                      for fid, w in ind.finding_waivers.items()]
        lines += ["", "</details>"]
        return "\n".join(lines)
