"""Run a command and measure its wall time and peak memory.

``run_once`` gives the peak of the largest single process (``wait4`` rusage); a check that
forks a helper (``engine/split.py``) is two processes, whose sum ``tree_memory_peak`` samples
in a separate, untimed run.
"""

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
    #: user + system CPU of the child (and its own children, e.g. git): steadier than wall
    #: time on a shared machine.
    cpu: float = 0.0


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
    return Sample(seconds, usage.ru_maxrss / 1024, proc.returncode,
                  usage.ru_utime + usage.ru_stime)


def run_median(argv: list[str], repeat: int, **kwargs: object) -> Sample:
    samples = [run_once(argv, **kwargs) for _ in range(repeat)]  # type: ignore[arg-type]
    return Sample(statistics.median(s.seconds for s in samples),
                  max(s.peak_mb for s in samples), samples[-1].returncode,
                  statistics.median(s.cpu for s in samples))


def _descendants(pid: int) -> list[int]:
    """``pid`` and every process under it (``/proc/PID/task/TID/children``)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{current}/task/{task}/children") as children:
                    todo.extend(int(child) for child in children.read().split())
            except OSError:
                continue
    return found


def _pss_kb(pid: int) -> int:
    """Proportional set size: pages shared by the processes (a fork's untouched pages) count
    once across them, not once in each."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_memory_peak(argv: list[str], env: dict[str, str] | None = None,
                     every: float = 0.01) -> float:
    """Peak of the summed PSS, in MB, of the command and all its processes, sampled every
    ``every`` seconds (so a peak shorter than that can be missed). Linux only."""
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, sum(_pss_kb(pid) for pid in _descendants(proc.pid)))
        time.sleep(every)
    return peak / 1024
