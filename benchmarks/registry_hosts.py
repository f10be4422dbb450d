"""How the addresses of a DPGA registry export are claimed, offline (no request is made):
prints the count per source, and the addresses already known to need a manual review.

    .venv/bin/python benchmarks/registry_hosts.py registry.json
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from dpgcheck.batch.targets import from_registry
from dpgcheck.errors import DpgcheckError
from dpgcheck.sources import source_classes
from dpgcheck.sources.interface import NeedsReview


def main(path: str) -> None:
    kinds: Counter[str] = Counter()
    reviews = []
    targets = from_registry(Path(path))
    for target in targets:
        if target.review:
            kinds["review (registry)"] += 1
            reviews.append((target.spec, target.review))
            continue
        for cls in source_classes():
            try:
                claimed = cls.claim(target.spec, {})
            except NeedsReview as exc:
                kinds[f"{cls.name}: review"] += 1
                reviews.append((target.spec, exc.reason))
                break
            except DpgcheckError as exc:
                kinds[f"{cls.name}: error"] += 1
                reviews.append((target.spec, str(exc)))
                break
            if claimed is not None:
                kinds[cls.name] += 1
                break
        else:
            kinds["unclaimed"] += 1
    print(f"{len(targets)} targets from {path}")
    for kind, n in kinds.most_common():
        print(f"  {n:4d} {kind}")
    for spec, why in reviews:
        print(f"  review before any request: {spec}: {why}")


if __name__ == "__main__":
    main(sys.argv[1])
