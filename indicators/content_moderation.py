"""Indicator 9b: Do no harm: inappropriate and illegal content."""

from __future__ import annotations

from dpgcheck.api import STANDARD_URL, Context, Indicator, Result, Status


class ContentModeration(Indicator):
    number = "9b"
    id = "content-moderation"
    title = "Do no harm: inappropriate and illegal content"
    url = f"{STANDARD_URL}#9b-inappropriate--illegal-content"

    def check(self, ctx: Context) -> Result:
        return Result(Status.ERROR, "not implemented")
