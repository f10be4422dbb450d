"""Run a command and measure its wall time and its own peak memory (``wait4`` rusage)."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Sample:
    seconds: float
    peak_mb: float
    returncode: int


def run_once(argv: list[str], cwd: str | None = None, env: dict[str, str] | None = None,
             timeout: float = 1800) -> Sample:
    """One run; peak memory is the child's maximum resident set size."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.002)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    return Sample(seconds, usage.ru_maxrss / 1024, proc.returncode)


def run_median(argv: list[str], repeat: int, **kwargs: object) -> Sample:
    samples = [run_once(argv, **kwargs) for _ in range(repeat)]  # type: ignore[arg-type]
    return Sample(statistics.median(s.seconds for s in samples),
                  max(s.peak_mb for s in samples), samples[-1].returncode)
