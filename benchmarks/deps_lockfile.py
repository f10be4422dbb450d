"""Parse time of big lockfiles: a 5,000-dependency package-lock.json, poetry.lock, yarn.lock
and pnpm-lock.yaml, each generated here, parsed by the parser ``collect`` uses.

Run: ``python benchmarks/deps_lockfile.py [N]``. Prints the best of three runs per format;
the target is well under a second for N = 5,000.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable

from dpgcheck.evidence.deps.npm import PackageLockParser, PnpmLockParser, YarnLockParser
from dpgcheck.evidence.deps.python import TomlLockParser

HASH = "sha512-" + "A" * 86 + "=="


def package_lock(n: int) -> str:
    packages: dict[str, object] = {"": {"name": "bench", "dependencies": {
        f"pkg-{i}": f"^1.{i}.0" for i in range(0, n, 10)}}}
    for i in range(n):
        key = f"node_modules/pkg-{i}" if i % 7 else f"node_modules/pkg-{i - 1}/node_modules/pkg-{i}"
        packages[key] = {
            "version": f"1.{i}.0",
            "resolved": f"https://registry.npmjs.org/pkg-{i}/-/pkg-{i}-1.{i}.0.tgz",
            "integrity": HASH, "dev": i % 3 == 0, "license": "MIT",
            "dependencies": {f"pkg-{(i + 1) % n}": "^1.0.0", f"pkg-{(i + 2) % n}": "^1.0.0"},
        }
    return json.dumps({"name": "bench", "lockfileVersion": 3, "requires": True,
                       "packages": packages}, indent=2)


def poetry_lock(n: int) -> str:
    parts = []
    for i in range(n):
        parts.append(f'''[[package]]
name = "pkg-{i}"
version = "1.{i}.0"
description = "Package number {i}"
optional = false
python-versions = ">=3.8"
files = [
    {{file = "pkg_{i}-1.{i}.0-py3-none-any.whl", hash = "sha256:{'a' * 64}"}},
    {{file = "pkg_{i}-1.{i}.0.tar.gz", hash = "sha256:{'b' * 64}"}},
]

[package.dependencies]
pkg-{(i + 1) % n} = ">=1.0"

''')
    parts.append('[metadata]\nlock-version = "2.0"\npython-versions = "^3.11"\n')
    return "".join(parts)


def yarn_lock(n: int) -> str:
    parts = ["# yarn lockfile v1\n\n"]
    for i in range(n):
        parts.append(f'''"pkg-{i}@^1.0.0", "pkg-{i}@^1.{i}.0":
  version "1.{i}.0"
  resolved "https://registry.yarnpkg.com/pkg-{i}/-/pkg-{i}-1.{i}.0.tgz"
  integrity {HASH}
  dependencies:
    pkg-{(i + 1) % n} "^1.0.0"

''')
    return "".join(parts)


def pnpm_lock(n: int) -> str:
    parts = ["lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n"]
    for i in range(0, n, 10):
        parts.append(f"      pkg-{i}:\n        specifier: ^1.0.0\n        version: 1.{i}.0\n")
    parts.append("\npackages:\n\n")
    for i in range(n):
        parts.append(f"  pkg-{i}@1.{i}.0:\n    resolution: {{integrity: {HASH}}}\n\n")
    parts.append("snapshots:\n\n")
    for i in range(n):
        parts.append(f"  pkg-{i}@1.{i}.0:\n    dependencies:\n"
                     f"      pkg-{(i + 1) % n}: 1.0.0\n\n")
    return "".join(parts)


def best_of(runs: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
    cases = [
        ("package-lock.json v3", "package-lock.json", package_lock(n), PackageLockParser()),
        ("poetry.lock", "poetry.lock", poetry_lock(n), TomlLockParser()),
        ("yarn.lock (classic)", "yarn.lock", yarn_lock(n), YarnLockParser()),
        ("pnpm-lock.yaml v9", "pnpm-lock.yaml", pnpm_lock(n), PnpmLockParser()),
    ]
    for label, path, text, parser in cases:
        found = len(parser.parse(path, text))
        seconds = best_of(3, lambda p=parser, t=text, f=path: p.parse(f, t))
        print(f"{label:<22} {n:>6} dependencies  {len(text) / 1e6:6.1f} MB  "
              f"{found:>6} parsed  {seconds * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
