"""The terminal report: one line per indicator, evidence and the fix under each gap.

In a terminal (``options.width`` set) every line is laid out at that width, continuation
lines indented under their own text; elsewhere (a pipe, a file) each item stays on one line
so grep and diff see it whole. The verdict comes last, then what is left and the command to
run next.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from dpgcheck import __version__
from dpgcheck.formats import reasons
from dpgcheck.formats.interface import FormatOptions, Formatter
from dpgcheck.formats.labels import MARKS, STYLES, VERDICT_TEXT
from dpgcheck.model import Evidence, Status

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from dpgcheck.engine.report import IndicatorReport, Report

MAX_EVIDENCE_LINES = 8
#: Evidence lines under each rule that fired.
MAX_REASON_EVIDENCE = 5
#: The status column: a mark, a space, the longest label (NEEDS-DECLARATION) and a space.
STATUS_WIDTH = 2 + max(len(s.value) for s in Status) + 1
NUMBER_WIDTH = 4
DETAIL_INDENT = 6
#: Wide enough that nothing wraps when the output is not a terminal.
UNWRAPPED = 100_000
MAX_MISSING_NAMED = 2


def evidence_line(item: Evidence) -> str:
    """The one place evidence becomes text (see :func:`dpgcheck.formats.reasons.evidence_line`):
    where, what, the triggering line, and a label when it was declared, not observed."""
    return reasons.evidence_line(item.to_dict())


class TerminalFormat(Formatter):
    mergeable = True
    human = True

    def render(self, reports: list[Report], options: FormatOptions) -> str:
        buffer = io.StringIO()
        console = _console(buffer, options)
        for index, report in enumerate(reports):
            if index:
                console.rule()
            _Writer(console, options).report(report)
        return buffer.getvalue()

    def render_entries(self, entries: list[dict[str, Any]], options: FormatOptions) -> str:
        """The batch summary table (``merge`` and the end of a batch)."""
        from dpgcheck.formats.summary import render_terminal

        return render_terminal(entries, color=options.color, width=options.width)


def _console(buffer: io.StringIO, options: FormatOptions) -> Console:
    from rich.console import Console

    return Console(file=buffer, force_terminal=options.color, no_color=not options.color,
                   width=options.width or UNWRAPPED, highlight=False, emoji=False,
                   markup=False, soft_wrap=options.width is None)


class _Writer:
    """Writes one report on a console: lines with a hanging indent."""

    def __init__(self, console: Console, options: FormatOptions) -> None:
        self.console = console
        self.options = options

    def line(self, lead: Text | str, body: Text | str, indent: int = 0) -> None:
        """``lead`` then ``body``; ``body`` wraps under itself, not under ``lead``."""
        from rich.table import Table
        from rich.text import Text

        lead_text = Text(" " * indent) + (Text(lead) if isinstance(lead, str) else lead)
        body_text = Text(body) if isinstance(body, str) else body
        if self.options.width is None or not lead_text.cell_len:
            self.console.print(lead_text + body_text)
            return
        grid = Table.grid()
        grid.add_column(width=lead_text.cell_len, no_wrap=True)
        grid.add_column(ratio=1, overflow="fold")
        grid.add_row(lead_text, body_text)
        self.console.print(grid)

    def report(self, report: Report) -> None:
        from rich.text import Text

        target = report.target.url or report.target.path or report.target.name
        if report.target.commit:
            target += f" @ {report.target.commit[:12]}"
        if self.options.verbosity >= 0:
            self.line("", Text(f"dpgcheck {__version__} · DPG Standard "
                               f"{report.standard_version} · {target}", style="bold"))
            declarations = (f"declarations: {report.declarations_path}"
                            if report.declarations_path else "no declarations file")
            self.line("", Text(f"categories: {', '.join(report.categories)} · {declarations}",
                               style="dim"))
            self.console.print()
            for ind in report.indicators:
                self.indicator(ind)
            if report.extras:
                self.console.print()
                self.line("", Text("Beyond the Standard (never changes the verdict)",
                                   style="bold"))
                for ind in report.extras:
                    self.indicator(ind)
            for note in report.notes:
                self.line(Text("note: ", style="dim"), Text(note, style="dim"))
            self.console.print()
        self.verdict(report, target)

    def verdict(self, report: Report, target: str) -> None:
        from rich.text import Text

        verdict = report.verdict
        counts = ", ".join(f"{n} {s}" for s, n in report.counts().items() if n)
        waived = sum(1 for i in report.indicators if i.waiver is not None)
        if waived:
            counts += f"; {waived} waived"
        style = {"pass": "bold green", "fail": "bold red"}.get(verdict, "bold yellow")
        body = Text()
        body.append(verdict.upper(), style=style)
        if not report.indicators:
            body.append(" (no indicator of the Standard was run)")
        else:
            body.append(f" ({counts}): {VERDICT_TEXT[verdict]}" if self.options.verbosity >= 0
                        else f" {target}")
        self.line(Text("Verdict: ", style="bold"), body)
        if self.options.verbosity < 0:
            return
        for label, text in next_steps(report):
            self.line(Text(f"{label}: ", style="bold"), text)

    def indicator(self, ind: IndicatorReport) -> None:
        from rich.text import Text

        status = ind.status
        lead = Text(" ")
        lead.append(f"{MARKS[status]} {status.value.upper():<{STATUS_WIDTH - 2}}",
                    style=STYLES[status])
        lead.append(f"{ind.number or '+':<{NUMBER_WIDTH}}", style="bold")
        body = Text()
        body.append(ind.title, style="bold")
        body.append(f": {ind.summary}")
        if ind.waiver is not None:
            body.append(f"  [waived: {ind.waiver.reason}]", style="cyan")
        self.line(lead, body)
        if ind.waiver is None:
            for finding_id, waiver in ind.finding_waivers.items():
                self.line("waived: ", Text(f"{finding_id}: {waiver.reason}", style="cyan"),
                          indent=DETAIL_INDENT)
        data = ind.to_dict()
        if status is Status.PASS:
            self.passed(data)
        elif status is Status.NOT_APPLICABLE:
            if self.options.verbosity > 0:
                self.evidence(reasons.all_evidence(data), DETAIL_INDENT)
        else:
            self.gap(data, ind.url)

    def passed(self, data: dict[str, Any]) -> None:
        """The decisive evidence on one line; with ``-v``, the rest of what was seen."""
        decisive = reasons.decisive(data)
        if decisive is not None:
            self.evidence([decisive], DETAIL_INDENT)
        if self.options.verbosity > 0:
            seen = {reasons.evidence_line(decisive)} if decisive is not None else set()
            self.evidence(reasons.unique(reasons.all_evidence(data), seen), DETAIL_INDENT)

    def gap(self, data: dict[str, Any], url: str) -> None:
        """Each rule that fired, its evidence and fix; then what else was seen."""
        from rich.text import Text

        shown = reasons.reasons(data)
        fixes: set[str] = set()
        for reason in shown:
            status = Status(reason.status)
            lead = Text(f"{MARKS[status]} ", style=STYLES[status])
            body = Text(reason.rule, style="bold")
            detail = reason.detail(str(data.get("summary") or ""))
            if detail:
                body.append(f": {detail}")
            if reason.waived:
                body.append(f"  [waived: {reason.waived}]", style="cyan")
            self.line(lead, body, indent=DETAIL_INDENT)
            self.evidence(reason.evidence, DETAIL_INDENT + 2, MAX_REASON_EVIDENCE)
            if reason.fix and reason.fix not in fixes:
                fixes.add(reason.fix)
                self.line("→ ", reason.fix, indent=DETAIL_INDENT + 2)
        self.evidence(reasons.context(data, shown), DETAIL_INDENT)
        for fix in reasons.other_fixes(data, shown):
            if fix not in fixes:
                self.line("→ ", fix, indent=DETAIL_INDENT)
        if url and (fixes or data.get("remediation")):
            # A link stays whole (the terminal wraps it, and still opens or copies it as one).
            self.console.print(Text(" " * (DETAIL_INDENT + 2)) + Text(url, style="dim"),
                               soft_wrap=True)

    def evidence(self, items: list[dict[str, Any]], indent: int,
                 limit: int = MAX_EVIDENCE_LINES) -> None:
        from rich.text import Text

        for item in items[:limit]:
            text = Text()
            label = reasons.basis_label(item)
            if label:
                text.append(f"[{label}] ", style="cyan")
            text.append(reasons.evidence_text(item), style="dim")
            self.line(Text("· ", style="dim"), text, indent=indent)
        if len(items) > limit:
            self.line(Text("· ", style="dim"),
                      Text(f"… {len(items) - limit} more (see --format json)", style="dim"),
                      indent=indent)


def next_steps(report: Report) -> list[tuple[str, str]]:
    """What is left after this run and the command to run next, as (label, text) lines."""
    if not report.indicators:
        return []
    left: dict[Status, list[str]] = {}
    for ind in report.indicators:
        status = ind.effective_status
        if status in (Status.FAIL, Status.NEEDS_DECLARATION, Status.ERROR):
            left.setdefault(status, []).append(ind.number or ind.id)
    steps = []
    parts = []
    if left.get(Status.FAIL):
        parts.append(f"fix {_count(left[Status.FAIL], 'failing indicator')}")
    if left.get(Status.NEEDS_DECLARATION):
        parts.append(f"declare {_count(left[Status.NEEDS_DECLARATION], 'indicator')} only "
                     "you can answer")
    if left.get(Status.ERROR):
        parts.append(f"re-run {_count(left[Status.ERROR], 'check')} that could not run")
    if parts:
        if left.get(Status.NEEDS_DECLARATION) and not report.declarations_path:
            command = "run `dpgcheck init` to write a pre-filled dpg.yml"
        elif left.get(Status.NEEDS_DECLARATION):
            command = (f"fill them in {report.declarations_path} (see docs/declarations.md), "
                       "then run `dpgcheck` again")
        else:
            command = "then run `dpgcheck` again"
        steps.append(("Left", "; ".join(parts) + ": " + command))
    missing = report.application_missing
    if missing:
        named = "; ".join(m.split(" (")[0] for m in missing[:MAX_MISSING_NAMED])
        more = f"; and {len(missing) - MAX_MISSING_NAMED} more" if len(missing) > \
            MAX_MISSING_NAMED else ""
        steps.append(("Application", f"the DPGA application is not complete yet: "
                      f"{len(missing)} answer(s) missing: {named}{more} "
                      "(`dpgcheck export` lists them all)"))
    elif missing is not None and not parts:
        steps.append(("Application", "every answer of the DPGA application is there: run "
                      "`dpgcheck export -o application.json`"))
    return steps


def _count(items: list[str], noun: str) -> str:
    plural = noun if len(items) == 1 else noun.replace("indicator", "indicators") \
        .replace("check", "checks")
    return f"{len(items)} {plural} ({', '.join(items)})"
