"""Licence coverage: the share of runtime dependencies with a known licence, offline, from
what each repository holds (lockfiles, vendored manifests, committed SBOMs).

    .venv/bin/python benchmarks/dependency_licences.py --clones /work/corpus/try
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from dpgcheck.evidence.deps import collect
from dpgcheck.evidence.deps.licensing import resolve
from dpgcheck.repo.view import RepoView


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clones", type=Path, required=True, help="folder of clones")
    args = parser.parse_args()
    total = known = 0
    for root in sorted(p for p in args.clones.iterdir() if p.is_dir()):
        start = time.perf_counter()
        view = RepoView.from_path(root)
        counts = resolve(view, collect(view)).counts()
        total += counts["examined"]
        known += counts["known"]
        share = f"{counts['coverage']:.0%}" if counts["coverage"] is not None else "-"
        print(f"{root.name:42} {counts['known']:6}/{counts['examined']:<6} {share:>5} "
              f"{time.perf_counter() - start:6.2f} s")
    print(f"{'all':42} {known:6}/{total:<6} {known / total if total else 0:.0%}")


if __name__ == "__main__":
    main()
