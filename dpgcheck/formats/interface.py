"""What an output format is: reports in, text out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from dpgcheck.model import Status

if TYPE_CHECKING:
    from dpgcheck.engine.report import Report


@dataclass(frozen=True)
class FormatOptions:
    color: bool = False
    verbosity: int = 0  # -1 quiet, 0 normal, 1 verbose
    width: int | None = None
    #: The statuses that break the build in this run (``--fail-on``/``--strict``), for formats
    #: that mark each check passed or failed (JUnit).
    fail_on: frozenset[Status] = frozenset({Status.FAIL})


class Formatter(Protocol):
    """Renders one or more reports (batch mode passes several) as one text."""

    def render(self, reports: list[Report], options: FormatOptions) -> str: ...
