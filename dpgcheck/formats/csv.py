"""CSV: the batch summary, one row per target, a column per indicator (for spreadsheets)."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

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
        writer.writerow([csv_cell(c) for c in header])
        writer.writerows([csv_cell(c) for c in row] for row in table_rows)
        return buffer.getvalue()
