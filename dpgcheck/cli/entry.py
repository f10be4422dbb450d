"""Console-script entry: answers ``--version`` before importing anything heavy."""

from __future__ import annotations

import os
import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from dpgcheck import __version__

        print(f"dpgcheck {__version__}")
        return
    from dpgcheck.cli.app import run

    code = run(sys.argv[1:])
    # Everything is written and every file closed; what is left is the interpreter freeing
    # each object of the run (a 100k-file listing, its indexes, the scanned heads) one by
    # one, ~50 ms that nobody waits for on purpose. Flush and leave.
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: the reader is gone, nothing to tell it
        pass
    os._exit(code)
