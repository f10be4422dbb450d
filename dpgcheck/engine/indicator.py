"""The plugin contract: what an indicator is.

Built-in indicators and third-party ones are written the same way and registered through the
``dpgcheck.indicators`` entry-point group; the runner knows nothing else about them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from dpgcheck.engine.findings import FindingTable, UndeclaredFinding
from dpgcheck.model import ALL_CATEGORIES, Category, Evidence, Finding, Result, Status

if TYPE_CHECKING:
    from dpgcheck.engine.context import Context

STANDARD_URL = "https://github.com/DPGAlliance/DPG-Standard/blob/main/standard.md"


class Indicator:
    """Subclass, fill the metadata, implement :meth:`check`.

    ``number`` is the Standard's number (``"2"``, ``"9c"``) or ``""`` for a check beyond the
    Standard. ``affects_verdict = False`` puts the result in the report's ``extras`` section,
    where it never changes the verdict or the exit code. ``findings`` declares every finding
    the indicator can emit (see ``docs/findings.md``); :meth:`finding` creates them.
    """

    number: ClassVar[str] = ""
    id: ClassVar[str] = ""
    title: ClassVar[str] = ""
    categories: ClassVar[frozenset[Category]] = ALL_CATEGORIES
    url: ClassVar[str] = STANDARD_URL
    affects_verdict: ClassVar[bool] = True
    findings: ClassVar[FindingTable | None] = None
    #: Ids of indicators whose shared layers (``ctx.memo``) this one reads, such as the
    #: licence scan of ``open-license``: a split check runs it in the process that ran them
    #: rather than compute those layers twice (``engine/split.py``).
    after: ClassVar[tuple[str, ...]] = ()

    def finding(self, name: str, status: Status, message: str, /,
                evidence: Iterable[Evidence] = (), *, case: str | None = None,
                **fields: Any) -> Finding:
        """A finding declared in ``findings`` under ``name`` (``not-approved``): its id is
        ``<id>/<name>`` and a gap carries the declared remediation (for ``case``, when the
        fix has cases), placeholders filled from ``fields``. An undeclared name raises
        :class:`UndeclaredFinding` at once."""
        table = type(self).findings
        if table is None:
            raise UndeclaredFinding(f"{self.id}: the indicator declares no findings")
        if table.indicator != self.id:
            raise UndeclaredFinding(f"{self.id}: its findings are declared for "
                                    f"'{table.indicator}'")
        return table.create(name, status, message, evidence, case=case, **fields)

    def check(self, ctx: Context) -> Result:  # pragma: no cover - contract only
        raise NotImplementedError

    def scan_hints(self) -> Iterable[str]:
        """Words this indicator's detectors will ask the source scan about (``files_with``).

        The runner collects them from every selected indicator so the scan answers all of them
        in one pass over the files; a word not declared is still answered, only later.
        """
        return ()

    def applies_to(self, categories: frozenset[Category]) -> bool:
        return bool(self.categories & categories)


def sort_key(number: str) -> tuple[int, str]:
    """Order ``1 < 2 < ... < 9a < 9b < 9c < extras``."""
    digits = "".join(ch for ch in number if ch.isdigit())
    return (int(digits) if digits else 99, number)
