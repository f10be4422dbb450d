"""Indicator 9a: Do no harm: data privacy and security."""

from __future__ import annotations

from dpgcheck.api import STANDARD_URL, Context, Indicator, Result, Status


class DataPrivacySecurity(Indicator):
    number = "9a"
    id = "data-privacy-security"
    title = "Do no harm: data privacy and security"
    url = f"{STANDARD_URL}#9a-data-privacy--security"

    def check(self, ctx: Context) -> Result:
        return Result(Status.ERROR, "not implemented")
