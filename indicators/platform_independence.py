"""Indicator 4: Platform independence."""

from __future__ import annotations

from dpgcheck.api import STANDARD_URL, Context, Indicator, Result, Status


class PlatformIndependence(Indicator):
    number = "4"
    id = "platform-independence"
    title = "Platform independence"
    url = f"{STANDARD_URL}#4-platform-independence"

    def check(self, ctx: Context) -> Result:
        return Result(Status.ERROR, "not implemented")
