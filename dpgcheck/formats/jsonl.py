"""JSON Lines: one compact report per line (batch mode appends as each target finishes)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from dpgcheck.formats.interface import FormatOptions, Formatter

if TYPE_CHECKING:
    from dpgcheck.engine.report import Report


def line(entry: dict[str, Any]) -> str:
    from dpgcheck.formats.sanitize import json_text

    return json_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":"))) + "\n"


class JsonlFormat(Formatter):
    sink = "json"
    streaming = True
    mergeable = True
    always_batch = True

    def render(self, reports: list[Report], options: FormatOptions) -> str:
        return self.render_entries([r.to_dict() for r in reports], options)

    def render_entries(self, entries: list[dict[str, Any]], options: FormatOptions) -> str:
        return "".join(line(e) for e in entries)
