"""Stable JSON (see ``dpgcheck/data/report.schema.json``)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from dpgcheck.engine.report import SCHEMA_VERSION
from dpgcheck.formats.interface import FormatOptions

if TYPE_CHECKING:
    from dpgcheck.engine.report import Report


class JsonFormat:
    """One target: the report object. Several: ``{"schema_version", "reports": [...]}``."""

    def render(self, reports: list[Report], options: FormatOptions) -> str:
        if len(reports) == 1:
            payload: object = reports[0].to_dict()
        else:
            payload = {"schema_version": SCHEMA_VERSION,
                       "reports": [r.to_dict() for r in reports]}
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
