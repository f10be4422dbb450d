"""Batch throughput on local repositories, ``--jobs 1`` against ``--jobs N``.

Builds N small but realistic git repositories (README, licence, a Python package with
dependencies, docs, a dpg.yml) in a temporary folder, checks them all in one batch run per
``--jobs`` value (JSON Lines output, as a reviewer would), the values taking turns in each
repetition, and prints each run's wall time, throughput and per-repository median and 90th
percentile (each entry's ``elapsed_s``), then the median speed-up of each ``--jobs`` value
over the first, pair by pair.

    python benchmarks/batch_local.py                       # 60 repositories, --jobs 1 and 2
    python benchmarks/batch_local.py --count 20 --jobs 1 4 --repeat 5
    python benchmarks/batch_local.py --real CLONE...       # a batch of real clones instead

Tiny repositories measure what a batch adds around each check (start, dispatch, the first
check before the workers are warm); real clones, whose checks take 0.3-1.5 s, measure how the
checks themselves share the cores.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org",
           "GIT_CONFIG_NOSYSTEM": "1"}


def make_repository(root: Path, index: int) -> None:
    files = {
        "README.md": f"# Project {index}\n\nInstall with `pip install project{index}`.\n",
        "LICENSE": "MIT License\n\nCopyright (c) 2026 Bench\n",
        "CONTRIBUTING.md": "# Contributing\n\nOpen an issue first.\n",
        "pyproject.toml": f'[project]\nname = "project{index}"\nversion = "1.0"\n'
                          'dependencies = ["requests>=2", "pyyaml"]\n',
        "dpg.yml": "categories: [software]\n",
        "docs/index.md": "# Documentation\n",
        **{f"src/project/mod{n}.py": f"def f{n}():\n    return {n}\n" for n in range(20)},
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "init"]):
        subprocess.run(["git", *args], cwd=root, env=GIT_ENV, check=True, capture_output=True)


def batch(command: list[str], listing: Path, out: Path, jobs: int,
          count: int) -> tuple[float, float] | None:
    """One batch run: its wall time and CPU time (user + system of the run and its worker
    processes, from ``wait4``), or ``None`` (and the error shown) when it went wrong."""
    out.unlink(missing_ok=True)
    started = time.perf_counter()
    with tempfile.TemporaryFile(mode="w+") as err:
        proc = subprocess.Popen([*command, "--from-file", str(listing), "--jobs", str(jobs),
                                 "-f", "jsonl", "-o", str(out), "-q", "--offline"],
                                stdout=subprocess.DEVNULL, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        err.seek(0)
        stderr = err.read()
    cpu = usage.ru_utime + usage.ru_stime
    entries = [json.loads(line) for line in out.read_text().splitlines()] if out.exists() else []
    if len(entries) != count or os.waitstatus_to_exitcode(status) not in (0, 1):
        print(stderr, file=sys.stderr)
        return None
    times = sorted(e["elapsed_s"] for e in entries)
    errors = sum(1 for e in entries if e.get("error"))
    print(f"--jobs {jobs}: {wall:.2f} s wall, {cpu:.2f} s CPU, {count / wall:.1f} "
          f"repositories/s, target errors {errors}; per repository median "
          f"{statistics.median(times) * 1000:.0f} ms, p90 "
          f"{times[int(len(times) * 0.9) - 1] * 1000:.0f} ms (load {os.getloadavg()[0]:.1f})",
          flush=True)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dpgcheck", help="the dpgcheck executable (default: this Python's)")
    parser.add_argument("--real", nargs="+", type=Path, default=[],
                        help="check these work trees (clones) instead of --count built ones")
    args = parser.parse_args()
    command = [args.dpgcheck] if args.dpgcheck else [sys.executable, "-m", "dpgcheck"]
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="dpgcheck-bench-") as tmp:
        base = Path(tmp)
        targets = [str(path.resolve()) for path in args.real]
        for index in range(0 if targets else args.count):
            root = base / f"repo{index:03d}"
            make_repository(root, index)
            targets.append(str(root))
        args.count = len(targets)
        listing = base / "targets.txt"
        listing.write_text("\n".join(targets) + "\n")
        walls: dict[int, list[float]] = {jobs: [] for jobs in args.jobs}
        cpus: dict[int, list[float]] = {jobs: [] for jobs in args.jobs}
        for _ in range(args.repeat):
            for jobs in args.jobs:  # turns: the same load for every --jobs value
                measured = batch(command, listing, base / f"results-{jobs}.jsonl", jobs,
                                 args.count)
                if measured is None:
                    return 1
                walls[jobs].append(measured[0])
                cpus[jobs].append(measured[1])
        first = args.jobs[0]
        for jobs in args.jobs[1:]:
            gains = [a / b for a, b in zip(walls[first], walls[jobs], strict=True)]
            print(f"--jobs {jobs} throughput / --jobs {first}: median "
                  f"{statistics.median(gains):.2f} ({min(gains):.2f}-{max(gains):.2f}; "
                  "target >= 1.6 for --jobs 2)")
            cost = [b / a for a, b in zip(cpus[first], cpus[jobs], strict=True)]
            print(f"--jobs {jobs} CPU / --jobs {first} CPU: median "
                  f"{statistics.median(cost):.2f} ({min(cost):.2f}-{max(cost):.2f}; what the "
                  "workers cost beyond the checks; wall gains need idle cores, see the load)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
