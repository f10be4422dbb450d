"""Indicator 6: Mechanism for extracting data and content."""

from __future__ import annotations

from dpgcheck.api import STANDARD_URL, Context, Indicator, Result, Status


class DataExtraction(Indicator):
    number = "6"
    id = "data-extraction"
    title = "Mechanism for extracting data and content"
    url = f"{STANDARD_URL}#6-mechanism-for-extracting-data-and-content"

    def check(self, ctx: Context) -> Result:
        return Result(Status.ERROR, "not implemented")
