"""Indicator 5: Documentation."""

from __future__ import annotations

from dpgcheck.api import STANDARD_URL, Context, Indicator, Result, Status


class Documentation(Indicator):
    number = "5"
    id = "documentation"
    title = "Documentation"
    url = f"{STANDARD_URL}#5-documentation"

    def check(self, ctx: Context) -> Result:
        return Result(Status.ERROR, "not implemented")
