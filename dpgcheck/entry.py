"""Console-script entry: answers ``--version`` before importing anything heavy."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from dpgcheck import __version__

        print(f"dpgcheck {__version__}")
        return
    from dpgcheck.cli import run

    sys.exit(run(sys.argv[1:]))
