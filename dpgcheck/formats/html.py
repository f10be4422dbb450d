"""One self-contained HTML page for people: no external assets, works offline, readable
without JavaScript, usable from the keyboard (WCAG 2.2 AA), prints well.

One target is laid out like the terminal report, every gap open. A batch is a table of
targets by indicator (sticky first column, headers with the indicator names, sortable with
header buttons); each target's button opens its evidence in place. Rendered with Jinja2 and
autoescaping, so no repository text reaches the page unescaped.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from dpgcheck import __version__
from dpgcheck.formats import reasons
from dpgcheck.formats.interface import FormatOptions, Formatter
from dpgcheck.formats.labels import MARKS, VERDICT_TEXT
from dpgcheck.formats.summary import (
    declared_license,
    found_license,
    has_declared,
    indicator_columns,
    statuses,
    target_label,
    totals,
)
from dpgcheck.model import Status

if TYPE_CHECKING:
    from jinja2 import Template

    from dpgcheck.engine.report import Report

Entry = dict[str, Any]
RANK = {"fail": "0", "error": "1", "needs-declaration": "2", "warning": "3",
        "incomplete": "2", "pass": "5", "not-applicable": "6"}
MAX_EVIDENCE = 30


class HtmlFormat(Formatter):
    mergeable = True
    always_batch = True

    def render(self, reports: list[Report], options: FormatOptions) -> str:
        return self.render_entries([r.to_dict() for r in reports], options)

    def render_entries(self, entries: list[Entry], options: FormatOptions) -> str:
        columns = indicator_columns(entries)
        declared = has_declared(entries)
        head = [{"name": "target", "number": "", "kind": "target"},
                {"name": "verdict", "number": "", "kind": "verdict"},
                *({"name": c.title, "number": c.label, "kind": "indicator"} for c in columns)]
        if declared:
            head += [{"name": "declared licence", "number": "", "kind": "text"},
                     {"name": "found licence", "number": "", "kind": "text"}]
        rows = []
        for entry in entries:
            found = statuses(entry)
            rows.append({
                "entry": entry, "label": target_label(entry),
                "verdict": str(entry.get("verdict")),
                "statuses": [found.get(c.id, "") for c in columns],
                "extra": [declared_license(entry), found_license(entry)] if declared else [],
            })
        single = len(entries) == 1
        title = (f"dpgcheck: {target_label(entries[0])}" if single
                 else f"dpgcheck: {len(entries)} targets")
        return _template().render(
            title=title, totals=totals(entries), version=__version__, single=single,
            entries=entries, head=head, rows=rows, style=_asset("report.css"),
            script=_asset("report.js"), rank=lambda s: RANK.get(s, "9"), mark=_mark,
            entry_label=target_label, forge_facts=_forge_facts, verdict_text=_verdict_text,
            left=_left, max_evidence=MAX_EVIDENCE, decisive_of=reasons.decisive,
            reasons_of=reasons.reasons, context_of=_context, rest_of=_rest,
            other_fixes=_other_fixes, basis_label=reasons.basis_label,
            evidence_text=reasons.evidence_text) + "\n"


@cache
def _template() -> Template:
    from jinja2 import ChainableUndefined, Environment, PackageLoader, select_autoescape

    # Entries from older runs and error entries lack keys: a missing key reads as empty.
    env = Environment(loader=PackageLoader("dpgcheck.formats", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=ChainableUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("report.html.j2")


@cache
def _asset(name: str) -> str:
    from importlib import resources

    from markupsafe import Markup

    text = resources.files("dpgcheck.formats").joinpath(f"templates/{name}").read_text("utf-8")
    return Markup(text)  # our own stylesheet and script, shipped with the package


def _mark(status: str) -> str:
    try:
        return MARKS[Status(status)]
    except ValueError:
        return ""


def _context(ind: Entry, shown: list[reasons.Reason]) -> list[Entry]:
    """A gap's other evidence; an error's evidence."""
    return reasons.context(ind, shown) if shown else reasons.all_evidence(ind)


def _other_fixes(ind: Entry, shown: list[reasons.Reason]) -> list[str]:
    return reasons.other_fixes(ind, shown)


def _rest(ind: Entry) -> list[Entry]:
    """What a pass or a not-applicable indicator saw beyond its decisive evidence."""
    decisive = reasons.decisive(ind)
    seen = {reasons.evidence_line(decisive)} if decisive is not None else set()
    return reasons.unique(reasons.all_evidence(ind), seen)


def _forge_facts(forge: dict[str, Any]) -> str:
    facts = [f"licence {forge.get('license_spdx') or 'not recognised'}"]
    if forge.get("topics"):
        facts.append("topics " + ", ".join(map(str, forge["topics"])))
    if forge.get("archived"):
        facts.append("archived")
    if forge.get("fork"):
        facts.append(f"fork of {forge.get('parent') or '?'}")
    if forge.get("inherited_files"):
        facts.append("inherited from the owner's .github: "
                     + ", ".join(map(str, forge["inherited_files"])))
    return " · ".join(facts)


def _verdict_text(entry: Entry) -> str:
    counts = ", ".join(f"{n} {s}" for s, n in (entry.get("counts") or {}).items() if n)
    text = VERDICT_TEXT.get(str(entry.get("verdict")), "")
    return f"({counts}): {text}" if counts else text


def _left(entry: Entry) -> list[tuple[str, str]]:
    """What is left and the next command, as the terminal's closing lines say it."""
    left: dict[str, list[str]] = {}
    for ind in entry.get("indicators") or []:
        status = str(ind.get("status"))
        if ind.get("waiver"):
            continue
        if status in ("fail", "needs-declaration", "error"):
            left.setdefault(status, []).append(str(ind.get("number") or ind.get("id")))
    parts = []
    if left.get("fail"):
        parts.append(f"fix {len(left['fail'])} failing ({', '.join(left['fail'])})")
    if left.get("needs-declaration"):
        names = left["needs-declaration"]
        parts.append(f"declare {len(names)} only the maintainer can answer ({', '.join(names)})")
    if left.get("error"):
        parts.append(f"re-run {len(left['error'])} that could not run ({', '.join(left['error'])})")
    if not parts:
        return []
    command = ("run `dpgcheck init` to write a pre-filled dpg.yml"
               if left.get("needs-declaration") and not entry.get("declarations")
               else "then run `dpgcheck` again")
    return [("Left", "; ".join(parts) + ": " + command)]
