"""The reassessment dashboard: one self-contained HTML page (no network), one row per DPG.

Rendered from a shipped Jinja2 template with autoescape, so repository text never reaches the
page unescaped; the page's own script sorts, filters and opens each row's evidence.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dpgcheck import __version__
from dpgcheck.batch.reassess.drift import SEVERITIES
from dpgcheck.batch.reassess.run import Entry, dpg_rows

SEVERITY_CLASS = {"breaks the Standard": "breaks", "needs a look": "look",
                  "informational": "info", "none": "none"}


def render_dashboard(lines: list[Entry], generated: datetime | None = None,
                     title: str = "DPG registry reassessment") -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    rows = dpg_rows(lines)
    rows.sort(key=lambda r: (([*SEVERITIES, "none"]).index(r["severity"]), str(r["name"])))
    indicators = sorted({i for r in rows for i in r["indicators"]},
                        key=lambda i: (i == "repository", i))
    counts: dict[str, Any] = {s: sum(1 for r in rows if r["severity"] == s)
                              for s in [*SEVERITIES, "none"]}
    env = Environment(loader=PackageLoader("dpgcheck", "data/templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    return env.get_template("dashboard.html.j2").render(
        rows=rows, severities=SEVERITIES, indicators=indicators, counts=counts,
        css=SEVERITY_CLASS, title=title, version=__version__,
        generated=(generated.isoformat(timespec="minutes") if generated else ""),
        new_total=sum(len(r["new"]) for r in rows))
