"""Indicator 2: Use of an approved open licence."""

from __future__ import annotations

from dpgcheck.api import STANDARD_URL, Context, Indicator, Result, Status


class OpenLicense(Indicator):
    number = "2"
    id = "open-license"
    title = "Use of an approved open licence"
    url = f"{STANDARD_URL}#2-use-of-approved-open-licenses"

    def check(self, ctx: Context) -> Result:
        return Result(Status.ERROR, "not implemented")
