"""Where a rendered report goes: standard output or a file the user named."""

from __future__ import annotations

import contextlib
import os
import stat
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
        if _regular_or_new(output):
            _replace_atomically(output, text.encode("utf-8"))
        else:  # a device or a pipe (/dev/stdout, a FIFO): written in place
            output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise DpgcheckError(f"cannot write {output}: {exc.strerror or exc}") from None


def _regular_or_new(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except FileNotFoundError:
        return True


def _replace_atomically(path: Path, data: bytes) -> None:
    """Write a temporary sibling, then rename it over ``path``: a full disk or a kill leaves
    the previous report (or none), never a truncated one."""
    import tempfile  # ~3 ms of imports, for a report written to a file only

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
