"""Batch throughput on local repositories.

Builds N small but realistic git repositories (README, licence, a Python package with
dependencies, docs, a dpg.yml) in a temporary folder, checks them all in one batch run with
``--jobs J`` (JSON Lines output, as a reviewer would), and prints the wall time and the
per-repository median and 90th percentile (each entry's ``elapsed_s``).

    python benchmarks/batch_local.py            # 100 repositories, --jobs 2
    python benchmarks/batch_local.py --count 20 --jobs 4
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dpgcheck-bench-") as tmp:
        base = Path(tmp)
        targets = []
        for index in range(args.count):
            root = base / f"repo{index:03d}"
            make_repository(root, index)
            targets.append(str(root))
        listing = base / "targets.txt"
        listing.write_text("\n".join(targets) + "\n")
        out = base / "results.jsonl"
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "dpgcheck", "--from-file", str(listing),
                               "--jobs", str(args.jobs), "-f", "jsonl", "-o", str(out), "-q"],
                              capture_output=True, text=True, check=False)
        wall = time.perf_counter() - started
        entries = [json.loads(line) for line in out.read_text().splitlines()]
        if len(entries) != args.count:
            print(proc.stderr, file=sys.stderr)
            return 1
        times = sorted(e["elapsed_s"] for e in entries)
        errors = sum(1 for e in entries if e.get("error"))
        print(f"repositories: {args.count}  jobs: {args.jobs}  target errors: {errors}")
        print(f"wall time: {wall:.2f} s  ({args.count / wall:.1f} repositories/s)")
        print(f"per repository: median {statistics.median(times) * 1000:.0f} ms, "
              f"p90 {times[int(len(times) * 0.9) - 1] * 1000:.0f} ms, "
              f"max {times[-1] * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
