"""Time of a reassessment of a recorded 20-DPG registry and the GitHub API calls per DPG.

The registry, its API answers (127.0.0.1) and its git repositories (smart HTTP) are the test
suite's recorded world (tests/reassess_world.py). Two runs: a cold one (empty cache) and a
warm one with --previous (ETags answered 304, clones fetched incrementally).

    .venv/bin/python benchmarks/reassess.py [--dpgs 20] [--jobs 2]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dpgcheck.cli.app import run
from tests.github_server import FakeGitHub
from tests.reassess_world import build_world, plant


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dpgs", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        server = FakeGitHub().start()
        world = build_world(root / "world", server, args.dpgs)
        registry = world.write_registry()
        common = ["--github-url", server.url, "--cache-dir", str(root / "cache"), "-q",
                  "--jobs", str(args.jobs)]
        for label, extra in (("cold", []), ("warm, after drift, --previous",
                                            ["--previous", str(root / "cold.jsonl")])):
            if extra:
                plant(world)
            server.log.clear()
            out = root / ("cold.jsonl" if not extra else "warm.jsonl")
            started = time.perf_counter()
            code = run(["reassess", str(registry), "-o", str(out), *common, *extra])
            elapsed = time.perf_counter() - started
            calls = len(server.log)
            not_modified = sum(1 for r in server.log if r.status == 304)
            print(f"{label}: {args.dpgs} DPGs ({len(world.trees)} repositories) in "
                  f"{elapsed:.1f} s (exit {code}); API calls {calls} = "
                  f"{calls / args.dpgs:.2f} per DPG ({not_modified} answered 304)")
        world.http.stop()
        server.stop()


if __name__ == "__main__":
    main()
