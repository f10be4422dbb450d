"""Indicator 9c: Do no harm: protection from harassment."""

from __future__ import annotations

from dpgcheck.api import STANDARD_URL, Context, Indicator, Result, Status


class HarassmentProtection(Indicator):
    number = "9c"
    id = "harassment-protection"
    title = "Do no harm: protection from harassment"
    url = f"{STANDARD_URL}#9c-protection-from-harassment"

    def check(self, ctx: Context) -> Result:
        return Result(Status.ERROR, "not implemented")
