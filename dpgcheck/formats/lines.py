"""One line per open gap, ``path:line: level id: message``: the shape editors (quickfix,
problem matchers) and review bots (reviewdog's ``-efm``) read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dpgcheck.formats.gaps import gaps, one_line
from dpgcheck.formats.interface import FormatOptions, Formatter

if TYPE_CHECKING:
    from dpgcheck.engine.report import Report


class LinesFormat(Formatter):
    def render(self, reports: list[Report], options: FormatOptions) -> str:
        out = []
        for report in reports:
            for gap in gaps(report):
                fix = f" Fix: {gap.fix}" if gap.fix else ""
                out.append(f"{one_line(gap.path)}:{gap.line}: {gap.level} {gap.id}: "
                           f"{one_line(gap.text + fix)}")
        return "".join(line + "\n" for line in out)
