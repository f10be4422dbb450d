"""Indicator 3: Clear ownership."""

from __future__ import annotations

from dpgcheck.api import STANDARD_URL, Context, Indicator, Result, Status


class ClearOwnership(Indicator):
    number = "3"
    id = "clear-ownership"
    title = "Clear ownership"
    url = f"{STANDARD_URL}#3-clear-ownership"

    def check(self, ctx: Context) -> Result:
        return Result(Status.ERROR, "not implemented")
