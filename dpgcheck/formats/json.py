"""Stable JSON (see ``dpgcheck/data/report.schema.json``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dpgcheck.engine.report import SCHEMA_VERSION
from dpgcheck.formats import jsontext
from dpgcheck.formats.interface import FormatOptions, Formatter

if TYPE_CHECKING:
    from dpgcheck.engine.report import Report


class JsonFormat(Formatter):
    """One target: the report object. Several: ``{"schema_version", "reports": [...]}``."""
    sink = "json"

    mergeable = True

    def render(self, reports: list[Report], options: FormatOptions) -> str:
        if len(reports) == 1:
            payload: object = reports[0].to_dict()
        else:
            payload = {"schema_version": SCHEMA_VERSION,
                       "reports": [r.to_dict() for r in reports]}
        return jsontext.dumps(payload) + "\n"

    def render_entries(self, entries: list[dict[str, Any]], options: FormatOptions) -> str:
        """A batch: every entry, the ones that could not be checked included."""
        return jsontext.dumps({"schema_version": SCHEMA_VERSION, "reports": entries}) + "\n"
