"""Indicator 7: Adherence to privacy and applicable laws."""

from __future__ import annotations

from dpgcheck.api import STANDARD_URL, Context, Indicator, Result, Status


class PrivacyAndLaws(Indicator):
    number = "7"
    id = "privacy-and-laws"
    title = "Adherence to privacy and applicable laws"
    url = f"{STANDARD_URL}#7-adherence-to-privacy-and-applicable-laws"

    def check(self, ctx: Context) -> Result:
        return Result(Status.ERROR, "not implemented")
