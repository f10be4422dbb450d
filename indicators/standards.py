"""Indicator 8: Adherence to standards and best practices."""

from __future__ import annotations

from dpgcheck.api import STANDARD_URL, Context, Indicator, Result, Status


class Standards(Indicator):
    number = "8"
    id = "standards"
    title = "Adherence to standards and best practices"
    url = f"{STANDARD_URL}#8-adherence-to-standards--best-practices"

    def check(self, ctx: Context) -> Result:
        return Result(Status.ERROR, "not implemented")
