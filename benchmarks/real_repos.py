"""Full checks of real repositories (local clones), against a baseline dpgcheck and licensee.

The synthetic trees of speed.py hold tiny source files; real DPGs hold up to 48 KiB heads of
thousands of real sources, which is where the evidence scan spends its time. This prints, per
clone, the best of N wall times and the peak memory of dpgcheck, of an optional baseline
dpgcheck (another install, e.g. an older commit) run interleaved with it, and of licensee.

    python benchmarks/real_repos.py CLONE... [--repeat 3] [--baseline /path/to/old/dpgcheck]
    (clones can come from `git clone --depth 1`; e.g. the repositories of
    ../shared/reference/try-repos.txt)
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Sample, run_once


def best(commands: list[list[str]], repeat: int) -> list[Sample]:
    """Best of ``repeat`` runs of each command, the commands taking turns (same load)."""
    runs: list[list[Sample]] = [[] for _ in commands]
    for _ in range(repeat):
        for samples, argv in zip(runs, commands, strict=True):
            samples.append(run_once(argv))
    return [min(samples, key=lambda s: s.seconds) for samples in runs]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clones", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dpgcheck", default=str(Path(sys.executable).with_name("dpgcheck")))
    parser.add_argument("--baseline", help="another dpgcheck executable to compare with")
    args = parser.parse_args()
    licensee = shutil.which("licensee")
    header = f"{'repository':<28} {'files':>6} {'dpgcheck s':>10} {'MB':>5}"
    if args.baseline:
        header += f" {'baseline s':>10} {'MB':>5} {'new/base':>8}"
    if licensee:
        header += f" {'licensee s':>10} {'dpg/lic':>7}"
    print(header)
    print("-" * len(header))
    for clone in args.clones:
        files = sum(1 for p in clone.rglob("*") if p.is_file() and ".git" not in p.parts)
        commands = [[args.dpgcheck, "--format", "json", "-o", "/dev/null", str(clone)]]
        if args.baseline:
            commands.append([args.baseline, "--format", "json", "-o", "/dev/null", str(clone)])
        if licensee:
            commands.append([licensee, "detect", "--json", str(clone)])
        samples = best(commands, args.repeat)
        new = samples[0]
        row = f"{clone.name:<28} {files:>6} {new.seconds:>10.2f} {new.peak_mb:>5.0f}"
        if args.baseline:
            old = samples[1]
            row += f" {old.seconds:>10.2f} {old.peak_mb:>5.0f} {new.seconds / old.seconds:>8.2f}"
        if licensee:
            lic = samples[-1]
            row += f" {lic.seconds:>10.2f} {new.seconds / lic.seconds:>7.2f}"
        print(row, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
