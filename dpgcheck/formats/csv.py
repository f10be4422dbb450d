"""CSV: the batch summary, one row per target, a column per indicator (for spreadsheets)."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from dpgcheck.formats import reasons
from dpgcheck.formats.interface import FormatOptions, Formatter
from dpgcheck.formats.sanitize import csv_cell
from dpgcheck.formats.summary import rows

if TYPE_CHECKING:
    from dpgcheck.engine.report import Report


class CsvFormat(Formatter):
    mergeable = True
    always_batch = True

    def render(self, reports: list[Report], options: FormatOptions) -> str:
        return self.render_entries([r.to_dict() for r in reports], options)

    def render_entries(self, entries: list[dict[str, Any]], options: FormatOptions) -> str:
        header, table_rows, _ = rows(entries)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([csv_cell(c) for c in [*header, "reasons"]])
        writer.writerows([csv_cell(c) for c in [*row, why(entry)]]
                         for row, entry in zip(table_rows, entries, strict=True))
        return buffer.getvalue()


def why(entry: dict[str, Any]) -> str:
    """Each indicator's reason in one cell: the rules that fired with the line that triggered
    each, or a pass's decisive evidence (``2 pass: LICENSE:1: MIT, full text, 100% match``)."""
    parts = []
    for ind in entry.get("indicators") or []:
        head = f"{ind.get('number') or ind.get('id')} {ind.get('status')}"
        decisive = reasons.decisive(ind)
        if decisive is not None:
            parts.append(f"{head}: {reasons.evidence_line(decisive)}")
        for reason in reasons.reasons(ind):
            first = reason.evidence[0] if reason.evidence else None
            parts.append(f"{head}: {reason.rule}: {reason.message}"
                         + (f" ({reasons.evidence_line(first)})" if first else ""))
    return "; ".join(" ".join(p.split()) for p in parts)
