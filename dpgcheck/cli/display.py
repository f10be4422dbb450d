"""Whether to colour, and how wide to lay out, what a person reads in a terminal.

``--color auto`` (the default) colours only a terminal, and honours the two conventions that
tools share: ``NO_COLOR`` (https://no-color.org) switches colour off and ``FORCE_COLOR``
switches it on, both when set to anything but an empty string; ``--color always|never`` wins
over both, as no-color.org asks of flags.
"""

from __future__ import annotations

import os
import shutil
from typing import TextIO

from dpgcheck.errors import DpgcheckError, did_you_mean

COLOR_CHOICES = ("auto", "always", "never")
#: Not a terminal (a pipe, a file): one line per item, no wrapping, so grep and diff see whole
#: lines. A terminal: laid out at its width, never narrower than this.
MIN_WIDTH = 40


def want_color(choice: str, stream: TextIO, to_file: bool = False) -> bool:
    """Colour for ``--color CHOICE`` writing to ``stream`` (or to a file)."""
    key = (choice or "auto").strip().lower()
    if key not in COLOR_CHOICES:
        raise DpgcheckError(f"unknown --color '{choice}': use {', '.join(COLOR_CHOICES)}"
                            + did_you_mean(key, COLOR_CHOICES))
    if key != "auto":
        return key == "always"
    if to_file or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return _isatty(stream)


def layout_width(stream: TextIO, to_file: bool = False) -> int | None:
    """The width to wrap at: the terminal's (``COLUMNS`` when set), ``None`` when not one."""
    if to_file or not _isatty(stream):
        return None
    return max(MIN_WIDTH, shutil.get_terminal_size((100, 24)).columns)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
