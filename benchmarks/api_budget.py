"""API calls per repository of a remote check, counted on the recorded services.

Three repositories of one owner, checked in full (every indicator) through the test suite's
GitHub and deps.dev stand-ins on 127.0.0.1: one whose runtime dependencies state no licence
(so the dependency-graph SBOM and deps.dev are asked), one without dependencies, one whose
lockfile states every licence. Prints the calls each service received per repository, on a
cold run (empty cache) and a warm one (ETags answered 304).

    .venv/bin/python benchmarks/api_budget.py
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dpgcheck.cli.app import run
from tests.conftest import make_repo
from tests.depsdev_server import FakeDepsDev
from tests.github_server import FakeGitHub, bare_copy
from tests.license_texts import filled
from tests.sbom_helpers import spdx2

BASE = {"README.md": "# Tool\n", "LICENSE": filled("MIT")}
REPOS = {
    "unknown-licences": {**BASE, "package.json": json.dumps(
        {"name": "app", "dependencies": {f"dep-{i}": f"1.0.{i}" for i in range(40)}})},
    "no-dependencies": BASE,
    "licences-in-lockfile": {**BASE, "package.json": json.dumps(
        {"name": "lib", "dependencies": {"left-pad": "^1.3.0"}}),
        "package-lock.json": json.dumps({"name": "lib", "lockfileVersion": 3, "packages": {
            "": {"name": "lib"},
            "node_modules/left-pad": {"version": "1.3.0", "license": "MIT"}}})},
}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        github, depsdev = FakeGitHub().start(), FakeDepsDev().start()
        os.environ["DPGCHECK_DEPSDEV_URL"] = depsdev.url
        for name, files in REPOS.items():
            tree = make_repo(root / "trees" / name, files)
            github.add_repo("acme", name, bare_copy(tree, root / "remotes" / f"{name}.git"))
        github.routes["/repos/acme/unknown-licences/dependency-graph/sbom"] = {
            "sbom": json.loads(spdx2([("npm:dep-0", "1.0.0", "MIT", "pkg:npm/dep-0@1.0.0")]))}
        args = ["--github-url", github.url, "--cache-dir", str(root / "cache"), "-q",
                "-f", "jsonl", "-o", os.devnull, *(f"acme/{n}" for n in REPOS)]
        for label in ("cold", "warm"):
            github.log.clear()
            depsdev.log.clear()
            code = run(args)
            print(f"{label} (exit {code}): GitHub {len(github.log)} calls "
                  f"({sum(r.status == 304 for r in github.log)} answered 304), "
                  f"deps.dev {len(depsdev.log)} batches")
            for name in [*REPOS, ".github"]:
                paths = [r.path.removeprefix(f"/repos/acme/{name}") or "/"
                         for r in github.calls_for(f"acme/{name}")]
                print(f"  {name}: {len(paths)} GitHub ({', '.join(paths) or '-'})")
        github.stop()
        depsdev.stop()


if __name__ == "__main__":
    main()
