"""Speed and memory of dpgcheck on synthetic trees, side by side with licensee and Repolinter.

Prints one table: per tree size, each tool's median wall time and peak memory, and dpgcheck's
ratio to each peer measured in the same run (the machine is noisy: compare ratios). Also
prints ``dpgcheck --version`` against a bare ``python -c pass`` start, and the targets of
issue 9 with the measured figure beside each.

    python benchmarks/speed.py --sizes 1000 10000 100000 --repeat 3
    (builds the trees under benchmarks/out/ on first use, see synth.py; times dpgcheck
    installed as the README's Quick start installs it, in benchmarks/out/venv)

Peers are optional: licensee (``apt-get install ruby-licensee``) and Repolinter
(``npm install repolinter`` in a folder named by --repolinter-dir).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Sample, run_median
from synth import build

ROOT = Path(__file__).resolve().parent.parent


def installed(venv: Path) -> Path:
    """``dpgcheck`` installed the way the README's Quick start does (``pip install .``, not
    editable), in ``venv``: an editable install adds setuptools' import finder (~20 ms a
    start) that users never have. The venv is made once; each run reinstalls this checkout
    (code only, with bytecode compiled at install as pip does)."""
    exe = venv / "bin" / "dpgcheck"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", str(ROOT)], check=True)
    else:
        pip = str(venv / "bin" / "pip")
        subprocess.run([pip, "install", "-q", "--no-deps", "--force-reinstall", str(ROOT)],
                       check=True)
        subprocess.run([pip, "install", "-q", str(ROOT)], check=True)  # dependencies added since
    return exe


def dpgcheck_argv(exe: Path | None) -> list[str]:
    if exe is None:  # --editable: the interpreter running this script
        exe = Path(sys.executable).with_name("dpgcheck")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "dpgcheck"]


def tools(exe: Path | None, repolinter_dir: Path | None) -> dict[str, list[str]]:
    found = {"dpgcheck": [*dpgcheck_argv(exe), "--format", "json"]}  # full check, all indicators
    if shutil.which("licensee"):
        found["licensee"] = ["licensee", "detect", "--json"]
    rl = (repolinter_dir / "node_modules" / ".bin" / "repolinter") if repolinter_dir else None
    if rl and rl.exists():
        found["repolinter"] = [str(rl), "lint", "--format", "json"]
    return found


def compile_bytecode() -> None:
    """Write dpgcheck's .pyc files, as installing a wheel does. An editable install under
    PYTHONDONTWRITEBYTECODE (set on some CI machines) would otherwise compile every module
    on every start and the benchmark would time the compiler, not dpgcheck."""
    import compileall
    import importlib.util

    for package in ("dpgcheck", "dpgcheck_indicators"):
        spec = importlib.util.find_spec(package)
        if spec and spec.submodule_search_locations:
            for folder in spec.submodule_search_locations:
                compileall.compile_dir(folder, quiet=1)


def scan_figures(argv: list[str], repo: Path) -> dict[str, int]:
    """What one full check read: the evidence scan's figures from its JSON report."""
    out = subprocess.run([*argv, str(repo)], capture_output=True, text=True, check=False)
    report = json.loads(out.stdout)
    for ind in report["indicators"]:
        scan = ind.get("scan")  # an indicator's machine data sits beside its status
        if scan:
            return dict(scan)
    return {}


def version_start(exe: Path | None, repeat: int) -> tuple[Sample, Sample]:
    return (run_median([*dpgcheck_argv(exe), "--version"], repeat),
            run_median([sys.executable, "-c", "pass"], repeat))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    parser.add_argument("--repolinter-dir", type=Path, default=Path("/tmp/repolinter"))
    parser.add_argument("--venv", type=Path, default=ROOT / "benchmarks" / "out" / "venv",
                        help="where dpgcheck is installed for timing (made on first use)")
    parser.add_argument("--editable", action="store_true",
                        help="time this interpreter's dpgcheck instead (e.g. an editable one)")
    args = parser.parse_args()

    if args.editable:
        compile_bytecode()
        exe = None
        print("dpgcheck: this interpreter's (editable) install")
    else:
        exe = installed(args.venv)
        print(f"dpgcheck: installed with 'pip install .' in {args.venv}")
    ver, bare = version_start(exe, max(args.repeat, 5))
    print(f"dpgcheck --version: {ver.seconds * 1000:.0f} ms wall, {ver.cpu * 1000:.0f} ms CPU "
          f"(bare python start {bare.seconds * 1000:.0f} ms wall, {bare.cpu * 1000:.0f} ms CPU; "
          f"target < 150 ms)")
    peers = tools(exe, args.repolinter_dir)
    print(f"tools: {', '.join(peers)}")
    header = (f"{'files':>8} {'tool':<11} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'exit':>4} "
              f"{'ratio wall':>10} {'ratio cpu':>9}")
    print(header)
    print("-" * len(header))
    results: dict[int, dict[str, Sample]] = {}
    reads: dict[int, dict[str, int]] = {}
    for size in args.sizes:
        repo = build(args.out / f"repo-{size}", size)
        reads[size] = scan_figures(peers["dpgcheck"], repo)
        repeat = args.repeat if size <= 100_000 else 1
        row: dict[str, Sample] = {}
        for name, argv in peers.items():
            row[name] = run_median([*argv, str(repo)], repeat)
        results[size] = row
        base = row["dpgcheck"]
        for name, sample in row.items():
            wall = "" if name == "dpgcheck" else f"{base.seconds / sample.seconds:.2f}"
            cpu = "" if name == "dpgcheck" else f"{base.cpu / max(sample.cpu, 1e-3):.2f}"
            print(f"{size:>8} {name:<11} {sample.seconds:>8.3f} {sample.cpu:>8.3f} "
                  f"{sample.peak_mb:>8.0f} {sample.returncode:>4} {wall:>10} {cpu:>9}",
                  flush=True)
    print()
    print("targets:")
    print(f"  dpgcheck --version: {ver.seconds * 1000:.0f} ms wall, {ver.cpu * 1000:.0f} ms CPU "
          "(target < 150 ms)")
    for size, limit_s, limit_mb in ((1000, 0.5, None), (100_000, 3.0, 250)):
        if size in results:
            s = results[size]["dpgcheck"]
            mem = f", {s.peak_mb:.0f} MB peak (target < {limit_mb} MB)" if limit_mb else ""
            print(f"  {size}-file full check: {s.seconds:.2f} s wall, {s.cpu:.2f} s CPU "
                  f"(target < {limit_s} s){mem}")
    sizes = sorted(results)
    if len(sizes) >= 2:
        small, big = sizes[0], sizes[-1]
        grow = (results[big]["dpgcheck"].seconds - results[small]["dpgcheck"].seconds) \
            / (big - small) * 1000
        print(f"  cost per 1,000 more listed files ({small} -> {big}): {grow * 1000:.0f} ms")
    for size in sizes:
        fig = reads.get(size) or {}
        if fig:
            print(f"  {size}-file tree: evidence scan read {fig['files_scanned']} of "
                  f"{fig['candidates']} candidate heads, {fig['bytes_read'] / 1e6:.1f} MB "
                  f"(bounded: at most 6,000 heads, 48 MB)")
    for peer, target in (("licensee", " (target < 1.0)"), ("repolinter", "")):
        pairs = [(r["dpgcheck"], r[peer]) for r in results.values() if peer in r]
        if pairs:
            wall = statistics.median(a.seconds / b.seconds for a, b in pairs)
            cpu = statistics.median(a.cpu / max(b.cpu, 1e-3) for a, b in pairs)
            print(f"  median ratio dpgcheck/{peer}: {wall:.2f} wall, {cpu:.2f} CPU{target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
