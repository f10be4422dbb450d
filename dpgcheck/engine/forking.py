"""When this process may fork a helper, and how many cores it may use.

Shared by the batch pool (a worker per job) and the split check (two halves of one target's
indicators).
"""

from __future__ import annotations

import os
import sys
import threading


def fork_is_safe() -> bool:
    """Fork only on Linux (macOS system libraries do not survive it) and only while this
    process runs no other thread: a thread holding a lock at the fork would leave the
    child's copy of that lock held forever. (``os.fork`` rather than multiprocessing's start
    methods: importing multiprocessing costs a single check ~5 ms.)"""
    return (sys.platform.startswith("linux") and threading.active_count() == 1
            and hasattr(os, "fork"))


def usable_cpus() -> int:
    """The cores this process may run on (its affinity mask, which containers and
    ``taskset`` narrow), not the machine's count."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1
