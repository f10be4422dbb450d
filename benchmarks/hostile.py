"""Time and peak memory of every hostile case of issue 17 (the tests' own builders).

Each case is built in a temporary folder and checked by ``python -m dpgcheck`` in a child
process; the figures are the child's wall time and maximum resident set size (``wait4``).
The forge cases run against the fault-injecting GitHub stand-in on 127.0.0.1.

    python benchmarks/hostile.py            # every case
    python benchmarks/hostile.py --local    # only the local ones (no 60 s drip)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.conftest import make_repo
from tests.github_server import FakeGitHub, bare_copy
from tests.hardening import hostile_repos as h

FORGE_FAULTS = {
    "API: 3 GB body": ("huge", 3000),
    "API: one byte a second (default 60 s deadline)": ("drip", 400),
    "API: truncated JSON": ("truncated", None),
    "API: invalid JSON": ("invalid", None),
    "API: owner null": ("wrong-types", {"owner": None}),
    "API: 2 x 502 then the answer": ("5xx", 2),
    "API: secondary rate limit then the answer": ("secondary", 1),
    "API: redirect to another host": ("redirect", "evil.example:1"),
}


def row(name: str, run: h.Measured) -> None:
    outcome = (run.stderr.strip().splitlines() or [""])[0][:70]
    print(f"| {name} | {run.returncode} | {run.seconds:.1f} | {run.peak_mb:.0f} | "
          f"{outcome.replace('|', '/')} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--local", action="store_true", help="skip the forge cases")
    args = parser.parse_args()
    print("| case | exit | seconds | peak MB | stderr |")
    print("|---|---|---|---|---|")
    for name, build in h.LOCAL_CASES.items():
        with tempfile.TemporaryDirectory() as tmp:
            row(name, h.run_case(build(Path(tmp))))
    if args.local:
        return
    for name, fault in FORGE_FAULTS.items():
        with tempfile.TemporaryDirectory() as tmp:
            server = FakeGitHub().start()
            try:
                root = make_repo(Path(tmp) / "work", {"README.md": "# Tool\n",
                                                      "LICENSE": "MIT License\n"})
                server.add_repo("acme", "tool", bare_copy(root, Path(tmp) / "tool.git"))
                server.faults["/repos/acme/tool"] = fault
                row(name, h.run_measured(["--github-url", server.url, "--cache-dir",
                                          str(Path(tmp) / "cache"), "--format", "json",
                                          "acme/tool"], timeout=300))
            finally:
                server.stop()


if __name__ == "__main__":
    main()
