"""One self-contained HTML page for reviewers: no external assets, works offline.

A sortable table (click a header) of targets by indicator, colour-coded by status; clicking a
target opens its evidence and fixes in place.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from dpgcheck import __version__
from dpgcheck.formats.interface import FormatOptions, Formatter
from dpgcheck.formats.summary import (
    declared_license,
    found_license,
    has_declared,
    indicator_columns,
    statuses,
    target_label,
    totals,
)

if TYPE_CHECKING:
    from dpgcheck.engine.report import Report

Entry = dict[str, Any]

STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:3px 6px;text-align:left}
th{background:#f3f3f3;cursor:pointer;position:sticky;top:0}th:hover{background:#e4e4e4}
td.s{text-align:center;font-size:12px;white-space:nowrap}
.pass{background:#d8f5d8}.warning{background:#fff1c2}.fail{background:#f8c9c9}
.needs-declaration{background:#d4ecf7}.not-applicable{background:#eee;color:#888}
.error{background:#ead4f5}.incomplete{background:#fff1c2}
tr.detail td{background:#fafafa}tr.detail{display:none}tr.detail.open{display:table-row}
a.t{cursor:pointer;color:#0645ad;text-decoration:underline}
.ind{margin:.4em 0}.ind b{display:inline-block;min-width:2.5em}ul{margin:.2em 0 .5em 1.2em}
.fix{color:#064}.muted{color:#777}
"""

SCRIPT = """
function toggle(id){document.getElementById(id).classList.toggle('open')}
function sortBy(col){
 const table=document.getElementById('t');const bodies=[...table.tBodies];
 const dir=table.dataset.col==String(col)&&table.dataset.dir=='asc'?'desc':'asc';
 table.dataset.col=col;table.dataset.dir=dir;
 bodies.sort((a,b)=>{const x=a.rows[0].cells[col].dataset.k||a.rows[0].cells[col].textContent;
  const y=b.rows[0].cells[col].dataset.k||b.rows[0].cells[col].textContent;
  return (dir=='asc'?1:-1)*x.localeCompare(y,undefined,{numeric:true})});
 bodies.forEach(b=>table.appendChild(b));}
"""

RANK = {"fail": "0", "error": "1", "needs-declaration": "2", "warning": "3",
        "incomplete": "2", "pass": "5", "not-applicable": "6"}


class HtmlFormat(Formatter):
    mergeable = True
    always_batch = True

    def render(self, reports: list[Report], options: FormatOptions) -> str:
        return self.render_entries([r.to_dict() for r in reports], options)

    def render_entries(self, entries: list[Entry], options: FormatOptions) -> str:
        columns = indicator_columns(entries)
        declared = has_declared(entries)
        head = ["target", "verdict", *(c.label for c in columns)]
        titles = ["", "", *(c.title for c in columns)]
        if declared:
            head += ["declared licence", "found licence"]
            titles += ["", ""]
        th = "".join(f'<th onclick="sortBy({i})" title="{escape(t)}">{escape(h)}</th>'
                     for i, (h, t) in enumerate(zip(head, titles, strict=True)))
        bodies = []
        for n, entry in enumerate(entries):
            found = statuses(entry)
            verdict = str(entry.get("verdict"))
            cells = [f'<td><a class="t" onclick="toggle(\'d{n}\')">'
                     f"{escape(target_label(entry))}</a></td>",
                     f'<td class="s {escape(verdict)}" data-k="{RANK.get(verdict, "9")}">'
                     f"{escape(verdict)}</td>"]
            for col in columns:
                status = found.get(col.id, "")
                cells.append(f'<td class="s {escape(status)}" data-k="{RANK.get(status, "9")}">'
                             f"{escape(status)}</td>")
            if declared:
                cells += [f"<td>{escape(declared_license(entry))}</td>",
                          f"<td>{escape(found_license(entry))}</td>"]
            detail = (f'<tr class="detail" id="d{n}"><td colspan="{len(head)}">'
                      f"{self._detail(entry)}</td></tr>")
            bodies.append(f"<tbody><tr>{''.join(cells)}</tr>{detail}</tbody>")
        title = f"dpgcheck: {len(entries)} target(s)"
        return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
                f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
                f"<h1>{escape(title)}</h1><p class=\"muted\">{escape(totals(entries))} · "
                f"dpgcheck {escape(__version__)} · click a header to sort, a target for its "
                f"evidence</p>"
                f'<table id="t"><thead><tr>{th}</tr></thead>{"".join(bodies)}</table>'
                f"<script>{SCRIPT}</script></body></html>\n")

    @staticmethod
    def _detail(entry: Entry) -> str:
        if entry.get("error"):
            return f"<p><b>Could not check:</b> {escape(str(entry['error']))}</p>"
        if entry.get("review"):
            return f"<p><b>Needs a manual review:</b> {escape(str(entry['review']))}</p>"
        target = entry.get("target") or {}
        parts = [f"<p class=\"muted\">{escape(str(target.get('url') or target.get('path') or ''))}"
                 f"{' @ ' + escape(str(target['commit'])) if target.get('commit') else ''}</p>"]
        forge = entry.get("forge") or {}
        if forge:
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
            parts.append(f"<p><b>Forge:</b> {escape(' · '.join(facts))}</p>")
        declared = entry.get("declared") or {}
        if declared:
            parts.append(f"<p><b>Registry declared:</b> {escape(str(declared.get('name')))}: "
                         f"licences {escape(', '.join(declared.get('licenses') or []) or '-')}"
                         f" · categories "
                         f"{escape(', '.join(declared.get('categories') or []) or '-')}</p>")
        for ind in entry.get("indicators") or []:
            status = str(ind.get("status"))
            parts.append(f'<div class="ind"><b class="{escape(status)}">'
                         f"{escape(str(ind.get('number') or '+'))}</b> "
                         f"{escape(str(ind.get('title')))}: <i>{escape(status)}</i>, "
                         f"{escape(str(ind.get('summary')))}<ul>")
            evidence = ind.get("evidence") or [e for f in ind.get("findings") or []
                                               for e in f.get("evidence") or []]
            for item in evidence[:30]:
                where = item.get("path") or item.get("url") or ""
                if item.get("path") and item.get("line"):
                    where += f":{item['line']}"
                parts.append(f"<li>{escape(str(item.get('message')))}"
                             + (f" <code>{escape(str(where))}</code>" if where else "") + "</li>")
            for fix in ind.get("remediation") or []:
                parts.append(f'<li class="fix">Fix: {escape(str(fix))}</li>')
            parts.append("</ul></div>")
        for note in entry.get("notes") or []:
            parts.append(f'<p class="muted">note: {escape(str(note))}</p>')
        return "".join(parts)
