"""Markdown for pull-request comments and GitHub job summaries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dpgcheck import __version__
from dpgcheck.formats.interface import FormatOptions, Formatter
from dpgcheck.formats.labels import EMOJI, VERDICT_TEXT, location
from dpgcheck.model import Status

if TYPE_CHECKING:
    from dpgcheck.engine.report import IndicatorReport, Report


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
        return (f"| {EMOJI[ind.status]} | {ind.number} | [{_cell(ind.title)}]({ind.url}) | "
                f"{ind.status.value} | {_cell(ind.summary)}{waived} |")

    @staticmethod
    def _details(ind: IndicatorReport) -> str:
        lines = [f"<details><summary>{EMOJI[ind.status]} <b>{ind.number} {ind.title}</b>: "
                 f"{_cell(ind.summary)}</summary>", ""]
        evidence = ind.evidence or [e for f in ind.findings for e in f.evidence]
        for item in evidence[:20]:
            where = location(item.path, item.line, item.url)
            lines.append(f"- {_cell(item.message)}" + (f" (`{where}`)" if where else ""))
        for fix in ind.remediation:
            lines.append(f"- **Fix:** {_cell(fix)}")
        if ind.waiver is None:
            lines += [f"- **Waived:** `{fid}`: {_cell(w.reason)}"
                      for fid, w in ind.finding_waivers.items()]
        lines += ["", "</details>"]
        return "\n".join(lines)
