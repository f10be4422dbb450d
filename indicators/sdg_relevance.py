"""Indicator 1: Relevance to the SDGs."""

from __future__ import annotations

from dpgcheck.api import STANDARD_URL, Context, Indicator, Result, Status


class SdgRelevance(Indicator):
    number = "1"
    id = "sdg-relevance"
    title = "Relevance to the SDGs"
    url = f"{STANDARD_URL}#1-relevance-to-sustainable-development-goals-sdgs"

    def check(self, ctx: Context) -> Result:
        return Result(Status.ERROR, "not implemented")
