"""What an output format is: reports (or batch entries) in, text out.

Adding a format is one module with a :class:`Formatter` subclass plus one line in
:data:`dpgcheck.formats.FORMATS`; the commands read what a format can do from the flags below,
never from lists of names.
"""

from __future__ import annotations

import functools
from abc import ABC, abstractmethod
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

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


class Formatter(ABC):
    """Renders one or more reports (batch mode passes several) as one text."""

    #: The name ``--format`` and ``--write`` take (set by the registry, which names it once).
    name: str = ""
    #: Writes one entry per target as the batch goes (JSON Lines): resumable, and the input
    #: of ``dpgcheck merge``.
    streaming: ClassVar[bool] = False
    #: Renders batch entries (report dicts, error entries included) with ``render_entries``,
    #: so it can show a batch with targets that could not be checked and ``merge`` output.
    mergeable: ClassVar[bool] = False
    #: One row per target by nature (a table): always rendered from entries, even for one
    #: target.
    always_batch: ClassVar[bool] = False
    #: Prose for people: a batch prints each report, the targets that could not be checked,
    #: then the summary of all (``render_entries``).
    human: ClassVar[bool] = False
    #: How repository text is made safe for this format (:mod:`dpgcheck.formats.sanitize`):
    #: the sink applied to every string of the input (``terminal``, ``markdown``), or
    #: ``json`` (applied to the encoded output, lossless). Every subclass's ``render`` and
    #: ``render_entries`` are wrapped, so no format can forget it.
    sink: ClassVar[str] = "terminal"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name in ("render", "render_entries"):
            if name in cls.__dict__:
                setattr(cls, name, _sanitised(cls.__dict__[name]))

    @abstractmethod
    def render(self, reports: list[Report], options: FormatOptions) -> str:
        """The text of these reports."""

    def render_entries(self, entries: list[dict[str, Any]], options: FormatOptions) -> str:
        """The text of batch entries; only formats with ``mergeable`` have one."""
        raise NotImplementedError(f"the {self.name} format does not render batch entries")


_sanitising: ContextVar[bool] = ContextVar("dpgcheck_sanitising", default=False)


def _sanitised(method: Callable[..., str]) -> Callable[..., str]:
    """``method`` with its input (or, for JSON, its output) sanitised once per call chain."""

    @functools.wraps(method)
    def wrapper(self: Formatter, items: Any, options: FormatOptions) -> str:
        if _sanitising.get():
            return method(self, items, options)
        from dpgcheck.formats import sanitize

        token = _sanitising.set(True)
        try:
            if self.sink == "json":
                return sanitize.json_text(method(self, items, options))
            return method(self, sanitize.clean(items, getattr(sanitize, self.sink)), options)
        finally:
            _sanitising.reset(token)

    return wrapper
