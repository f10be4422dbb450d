"""Where a rendered report goes: standard output or a file the user named."""

from __future__ import annotations

import sys
from pathlib import Path

from dpgcheck.errors import DpgcheckError


def write_output(text: str, output: Path | None) -> None:
    """Write ``text`` to ``output`` (standard output when ``None``); failures are one line."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise DpgcheckError(f"cannot write {output}: {exc.strerror or exc}") from None
