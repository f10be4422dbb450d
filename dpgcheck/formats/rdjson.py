"""reviewdog's Diagnostic Format (rdjson), so gaps can be annotated on pull requests:
``dpgcheck -f rdjson | reviewdog -f=rdjson -reporter=github-pr-review``.

Format: https://github.com/reviewdog/reviewdog/tree/master/proto/rdf
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dpgcheck.formats import jsontext
from dpgcheck.formats.gaps import gaps
from dpgcheck.formats.interface import FormatOptions, Formatter

if TYPE_CHECKING:
    from dpgcheck.engine.report import Report

SEVERITY = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}
SOURCE = {"name": "dpgcheck", "url": "https://github.com/DPGAlliance/DPG-Standard"}


class RdjsonFormat(Formatter):
    def render(self, reports: list[Report], options: FormatOptions) -> str:
        diagnostics: list[dict[str, Any]] = []
        for report in reports:
            for gap in gaps(report):
                code: dict[str, Any] = {"value": gap.id}
                if gap.url:
                    code["url"] = gap.url
                message = gap.text + (f"\n\nFix: {gap.fix}" if gap.fix else "")
                diagnostics.append({
                    "message": message,
                    "location": {"path": gap.path,
                                 "range": {"start": {"line": gap.line}}},
                    "severity": SEVERITY[gap.level],
                    "source": SOURCE,
                    "code": code,
                })
        log = {"source": SOURCE, "diagnostics": diagnostics}
        return jsontext.dumps(log) + "\n"
