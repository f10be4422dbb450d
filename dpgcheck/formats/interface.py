"""What an output format is: reports in, text out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from dpgcheck.report import Report


@dataclass(frozen=True)
class FormatOptions:
    color: bool = False
    verbosity: int = 0  # -1 quiet, 0 normal, 1 verbose
    width: int | None = None


class Formatter(Protocol):
    """Renders one or more reports (batch mode passes several) as one text."""

    def render(self, reports: list[Report], options: FormatOptions) -> str: ...
