"""Console-script entry: answers ``--version`` before importing anything heavy."""

from __future__ import annotations

import os
import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from dpgcheck import __version__

        print(f"dpgcheck {__version__}")
        return
    # The cyclic garbage collector ran ~100 times in a check of a real tree and each full
    # pass walked every object the imports made: 11-17 ms of a small or medium tree's
    # check, 53 ms of OpenCRVS's. A check makes little cyclic garbage (its objects are
    # freed by reference counting), so collect far less often, as mypy does.
    import gc

    gc.set_threshold(200_000, 30, 30)
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
