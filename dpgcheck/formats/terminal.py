"""The terminal report: one line per indicator, evidence and the fix under each gap."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from dpgcheck import __version__
from dpgcheck.formats.interface import FormatOptions, Formatter
from dpgcheck.formats.labels import MARKS, STYLES, VERDICT_TEXT, location
from dpgcheck.model import Status

if TYPE_CHECKING:
    from rich.console import Console

    from dpgcheck.engine.report import IndicatorReport, Report

MAX_EVIDENCE_LINES = 8


class TerminalFormat(Formatter):
    mergeable = True
    human = True

    def render(self, reports: list[Report], options: FormatOptions) -> str:
        from rich.console import Console

        buffer = io.StringIO()
        console = Console(file=buffer, force_terminal=options.color, no_color=not options.color,
                          width=options.width or (None if options.color else 100),
                          highlight=False, soft_wrap=True,
                          emoji=False)
        for index, report in enumerate(reports):
            if index:
                console.rule()
            self._report(console, report, options)
        return buffer.getvalue()

    def render_entries(self, entries: list[dict[str, Any]], options: FormatOptions) -> str:
        """The batch summary table (``merge`` and the end of a batch)."""
        from dpgcheck.formats.summary import render_terminal

        return render_terminal(entries, color=options.color)

    def _report(self, console: Console, report: Report, options: FormatOptions) -> None:
        from rich.text import Text

        target = report.target.url or report.target.path or report.target.name
        if report.target.commit:
            target += f" @ {report.target.commit[:12]}"
        if options.verbosity >= 0:
            console.print(Text(f"dpgcheck {__version__} · DPG Standard {report.standard_version}"
                               f" · {target}", style="bold"))
            console.print(Text(f"categories: {', '.join(report.categories)}"
                               + (f" · declarations: {report.declarations_path}"
                                  if report.declarations_path else " · no declarations file"),
                               style="dim"))
            console.print()
            for ind in report.indicators:
                self._indicator(console, ind, options)
            if report.extras:
                console.print()
                console.print(Text("Beyond the Standard (never changes the verdict)",
                                   style="bold"))
                for ind in report.extras:
                    self._indicator(console, ind, options)
            for note in report.notes:
                console.print(Text(f"note: {note}", style="dim"))
            console.print()
        verdict = report.verdict
        counts = ", ".join(f"{n} {s}" for s, n in report.counts().items() if n)
        waived = sum(1 for i in report.indicators if i.waiver is not None)
        if waived:
            counts += f"; {waived} waived"
        style = {"pass": "bold green", "fail": "bold red"}.get(verdict, "bold yellow")
        line = Text("Verdict: ", style="bold")
        line.append(verdict.upper(), style=style)
        if not report.indicators:
            line.append(" (no indicator of the Standard was run)")
        else:
            line.append(f" ({counts}): {VERDICT_TEXT[verdict]}" if options.verbosity >= 0
                        else f" {target}")
        console.print(line, soft_wrap=True)

    def _indicator(self, console: Console, ind: IndicatorReport, options: FormatOptions) -> None:
        from rich.text import Text

        status = ind.status
        line = Text(" ")
        line.append(f"{MARKS[status]} {status.value.upper():<17}", style=STYLES[status])
        line.append(f"{ind.number or '+':<3} {ind.title}", style="bold")
        line.append(f": {ind.summary}")
        if ind.waiver is not None:
            line.append(f"  [waived: {ind.waiver.reason}]", style="cyan")
        console.print(line)
        if ind.waiver is None:
            for finding_id, waiver in ind.finding_waivers.items():
                console.print(Text(f"      waived: {finding_id}: {waiver.reason}", style="cyan"))
        show_details = status not in (Status.PASS, Status.NOT_APPLICABLE) or options.verbosity > 0
        if not show_details:
            return
        evidence = ind.evidence or [e for f in ind.findings for e in f.evidence]
        for item in evidence[:MAX_EVIDENCE_LINES]:
            where = location(item.path, item.line, item.url)
            console.print(Text(f"      · {item.message}" + (f" ({where})" if where else ""),
                               style="dim"))
        if len(evidence) > MAX_EVIDENCE_LINES:
            console.print(Text(f"      · … {len(evidence) - MAX_EVIDENCE_LINES} more "
                               "(see --format json)", style="dim"))
        if status in (Status.PASS, Status.NOT_APPLICABLE):
            return
        for fix in ind.remediation:
            console.print(Text(f"      → {fix}"))
        if ind.remediation and ind.url:
            console.print(Text(f"        {ind.url}", style="dim"))
