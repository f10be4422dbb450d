"""Speed and memory of dpgcheck on synthetic trees, side by side with licensee and Repolinter.

Prints one table: per tree size, each tool's median wall time and peak memory, and dpgcheck's
ratio to each peer measured in the same run (the machine is noisy: compare ratios). Also
prints ``dpgcheck --version`` against a bare ``python -c pass`` start, and the targets of
issue 9 with the measured figure beside each.

    python benchmarks/speed.py --sizes 1000 10000 100000 --repeat 3
    (builds the trees under benchmarks/out/ on first use; see synth.py)

Peers are optional: licensee (``apt-get install ruby-licensee``) and Repolinter
(``npm install repolinter`` in a folder named by --repolinter-dir).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Sample, run_median, run_once
from synth import build

ROOT = Path(__file__).resolve().parent.parent


def dpgcheck_argv() -> list[str]:
    exe = Path(sys.executable).with_name("dpgcheck")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "dpgcheck"]


def tools(repolinter_dir: Path | None) -> dict[str, list[str]]:
    found = {"dpgcheck": [*dpgcheck_argv(), "--format", "json", "--skip", "discoverability"]}
    if shutil.which("licensee"):
        found["licensee"] = ["licensee", "detect", "--json"]
    rl = (repolinter_dir / "node_modules" / ".bin" / "repolinter") if repolinter_dir else None
    if rl and rl.exists():
        found["repolinter"] = [str(rl), "lint", "--format", "json"]
    return found


def version_start(repeat: int) -> tuple[float, float]:
    ver = statistics.median(run_once([*dpgcheck_argv(), "--version"]).seconds
                            for _ in range(repeat))
    bare = statistics.median(run_once([sys.executable, "-c", "pass"]).seconds
                             for _ in range(repeat))
    return ver, bare


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    parser.add_argument("--repolinter-dir", type=Path, default=Path("/tmp/repolinter"))
    args = parser.parse_args()

    ver, bare = version_start(max(args.repeat, 5))
    print(f"dpgcheck --version: {ver * 1000:.0f} ms (bare python start {bare * 1000:.0f} ms; "
          f"target < 150 ms)")
    peers = tools(args.repolinter_dir)
    print(f"tools: {', '.join(peers)}")
    header = (f"{'files':>8} {'tool':<11} {'wall s':>8} {'peak MB':>8} {'exit':>4} "
              f"{'dpgcheck/tool':>13}")
    print(header)
    print("-" * len(header))
    results: dict[int, dict[str, Sample]] = {}
    for size in args.sizes:
        repo = build(args.out / f"repo-{size}", size)
        repeat = args.repeat if size <= 100_000 else 1
        row: dict[str, Sample] = {}
        for name, argv in peers.items():
            row[name] = run_median([*argv, str(repo)], repeat)
        results[size] = row
        base = row["dpgcheck"].seconds
        for name, sample in row.items():
            ratio = "" if name == "dpgcheck" else f"{base / sample.seconds:.2f}"
            print(f"{size:>8} {name:<11} {sample.seconds:>8.3f} {sample.peak_mb:>8.0f} "
                  f"{sample.returncode:>4} {ratio:>13}")
    print()
    print("targets:")
    for size, limit_s, limit_mb in ((1000, 0.5, None), (100_000, 3.0, 250)):
        if size in results:
            s = results[size]["dpgcheck"]
            mem = f", {s.peak_mb:.0f} MB (target < {limit_mb} MB)" if limit_mb else ""
            print(f"  {size}-file full check: {s.seconds:.2f} s (target < {limit_s} s){mem}")
    ratios = [r["dpgcheck"].seconds / r["licensee"].seconds for r in results.values()
              if "licensee" in r]
    if ratios:
        print(f"  median ratio dpgcheck/licensee: {statistics.median(ratios):.2f} (target < 1.0)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
