"""dpgcheck's speed and memory, cold and warm, side by side with licensee, Repolinter and reuse.

One run times every tool on the same trees, taking turns within each repetition (A B C A B C
...), so a change of load on the shared machine hits all of them alike; each ratio is taken
pair by pair (the same repetition) and the median of those ratios is printed with its spread.

- **cold**: dpgcheck with an empty cache folder (``DPGCHECK_CACHE_DIR``, a fresh one for every
  run), as in a CI job without a cache step;
- **warm**: dpgcheck with a cache folder filled by an earlier run (untimed warm-up round);
- the trees: synthetic ones (``synth.py``: realistic file sizes) and real clones (``--real``);
- peers: licensee (licence detection only), Repolinter (file-presence rules), reuse (``reuse
  lint``, licence and copyright headers); each is optional and skipped when not installed;
- ``--baseline EXE``: another dpgcheck (e.g. an install of an older commit), timed cold and
  warm in the same turns, for before/after figures measured under the same load.

    python benchmarks/speed.py --sizes 1000 10000 100000 --real CLONE... --repeat 5
    python benchmarks/speed.py --baseline /path/to/old-venv/bin/dpgcheck --real CLONE...

Peers: ``apt-get install ruby-licensee``; ``npm install repolinter`` in --repolinter-dir;
``pip install reuse`` in a separate venv, named by --reuse. dpgcheck is timed installed the way
the README's Quick start installs it (``pip install .`` into ``benchmarks/out/venv``, refreshed
from this checkout on every run); ``--dpgcheck EXE`` times another executable instead.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Sample, run_once, tree_memory_peak
from synth import build

ROOT = Path(__file__).resolve().parent.parent


def installed(venv: Path) -> Path:
    """``dpgcheck`` installed as the README's Quick start does (``pip install .``, bytecode
    compiled at install), in ``venv``: made once, this checkout reinstalled on every run."""
    exe = venv / "bin" / "dpgcheck"
    pip = str(venv / "bin" / "pip")
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([pip, "install", "-q", str(ROOT)], check=True)
    else:
        subprocess.run([pip, "install", "-q", "--no-deps", "--force-reinstall", str(ROOT)],
                       check=True)
        subprocess.run([pip, "install", "-q", str(ROOT)], check=True)  # dependencies added since
    return exe


@dataclass
class Tool:
    """One command to time; ``cache`` is how its dpgcheck cache folder is chosen."""

    name: str
    argv: Callable[[Path], list[str]]
    cache: str = ""  # "cold", "warm" or "" (not dpgcheck)
    warm_dir: Path | None = None

    def run(self, tree: Path) -> Sample:
        env = {**os.environ, "NO_COLOR": "1"}
        env.pop("GITHUB_TOKEN", None)
        env.pop("GH_TOKEN", None)
        if self.cache == "cold":
            with tempfile.TemporaryDirectory(prefix="dpgcheck-cold-") as empty:
                env["DPGCHECK_CACHE_DIR"] = empty
                return run_once(self.argv(tree), cwd="/", env=env)
        if self.cache == "warm" and self.warm_dir is not None:
            env["DPGCHECK_CACHE_DIR"] = str(self.warm_dir)
        return run_once(self.argv(tree), cwd="/", env=env)


def dpgcheck_tools(label: str, exe: Path, scratch: Path) -> list[Tool]:
    def argv(tree: Path) -> list[str]:
        return [str(exe), str(tree), "--offline", "--format", "json", "-o", "/dev/null"]

    warm = scratch / f"cache-{label}"
    warm.mkdir(parents=True, exist_ok=True)
    return [Tool(f"{label} cold", argv, "cold"), Tool(f"{label} warm", argv, "warm", warm)]


def peer_tools(repolinter_dir: Path, reuse: Path | None) -> list[Tool]:
    peers: list[Tool] = []
    licensee = shutil.which("licensee")
    if licensee:
        peers.append(Tool("licensee", lambda t: [licensee, "detect", "--json", str(t)]))
    rl = repolinter_dir / "node_modules" / ".bin" / "repolinter"
    if rl.exists():
        peers.append(Tool("repolinter", lambda t: [str(rl), "lint", "--format", "json", str(t)]))
    reuse_exe = str(reuse) if reuse and reuse.exists() else shutil.which("reuse")
    if reuse_exe:
        peers.append(Tool("reuse", lambda t: [reuse_exe, "--root", str(t), "lint", "--json"]))
    return peers


def listed_files(tree: Path) -> int:
    out = subprocess.run(["git", "-C", str(tree), "ls-files", "-z"], capture_output=True,
                         check=False)
    return out.stdout.count(b"\0")


@dataclass
class TreeResult:
    name: str
    files: int
    real: bool
    samples: dict[str, list[Sample]]
    tree: Path | None = None
    #: files asked of ``synth.py`` (a synthetic tree), which lists a few less (untracked)
    size: int | None = None

    def median(self, tool: str) -> Sample:
        runs = self.samples[tool]
        return Sample(statistics.median(s.seconds for s in runs), max(s.peak_mb for s in runs),
                      runs[-1].returncode, statistics.median(s.cpu for s in runs))

    def ratios(self, tool: str, peer: str, cpu: bool = False) -> list[float]:
        """``tool``'s wall (or CPU) time over ``peer``'s, repetition by repetition."""
        pairs = zip(self.samples[tool], self.samples[peer], strict=True)
        if cpu:
            return [a.cpu / max(b.cpu, 1e-3) for a, b in pairs]
        return [a.seconds / b.seconds for a, b in pairs]


def time_tree(name: str, tree: Path, real: bool, tools: list[Tool], repeat: int,
              size: int | None = None) -> TreeResult:
    for tool in tools:  # warm-up: page cache for everyone, the warm cache folders filled
        tool.run(tree)
    samples: dict[str, list[Sample]] = {t.name: [] for t in tools}
    for _ in range(repeat):
        for tool in tools:  # turns within each repetition
            samples[tool.name].append(tool.run(tree))
    return TreeResult(name, listed_files(tree), real, samples, tree, size)


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def both(result: TreeResult, tool: str, peer: str) -> str:
    """Wall ratio and CPU ratio (the steadier one on a loaded machine), median and range."""
    return (f"wall {spread(result.ratios(tool, peer))}, "
            f"CPU {spread(result.ratios(tool, peer, cpu=True))}")


def print_tree(result: TreeResult, mine: list[str], peers: list[str]) -> None:
    print(f"\n{result.name}: {result.files:,} files (load {os.getloadavg()[0]:.1f} after)")
    print(f"  {'tool':<16} {'wall s':>7} {'min-max':>13} {'CPU s':>6} {'peak MB':>7} {'exit':>4}")
    for tool, runs in result.samples.items():
        m = result.median(tool)
        lo, hi = min(s.seconds for s in runs), max(s.seconds for s in runs)
        print(f"  {tool:<16} {m.seconds:>7.3f} {f'{lo:.2f}-{hi:.2f}':>13} {m.cpu:>6.2f} "
              f"{m.peak_mb:>7.0f} {m.returncode:>4}")
    for tool in mine:
        for peer in peers:
            print(f"  {tool} / {peer}: {both(result, tool, peer)}")
    if "baseline cold" in result.samples:
        for mode in ("cold", "warm"):
            print(f"  dpgcheck {mode} / baseline {mode}: "
                  f"{both(result, f'dpgcheck {mode}', f'baseline {mode}')}")


def version_start(exe: Path, repeat: int) -> tuple[float, float]:
    """Median ``dpgcheck --version`` and bare interpreter start, taking turns."""
    ver, bare = [], []
    for _ in range(repeat):
        ver.append(run_once([str(exe), "--version"]).seconds)
        bare.append(run_once([sys.executable, "-c", "pass"]).seconds)
    return statistics.median(ver), statistics.median(bare)


def summary(results: list[TreeResult], peers: list[str], exe: Path, baseline: Path | None,
            repeat: int) -> None:
    print("\nsummary (median over trees of each tree's median ratio):")
    for label in ("dpgcheck", "baseline") if baseline else ("dpgcheck",):
        for kind, real in (("real", True), ("synthetic", False)):
            group = [r for r in results if r.real == real]
            if not group:
                continue
            for mode in ("cold", "warm"):
                for peer in peers:
                    for cpu in (False, True):
                        per_tree = [statistics.median(r.ratios(f"{label} {mode}", peer, cpu))
                                    for r in group]
                        print(f"  {label} {mode} / {peer}, {kind} trees ({len(group)}), "
                              f"{'CPU' if cpu else 'wall'}: {statistics.median(per_tree):.2f} "
                              f"(per tree {', '.join(f'{x:.2f}' for x in per_tree)})")
    print("\ntargets:")
    for label, path in (("dpgcheck", exe), ("baseline", baseline)):
        if path is None:
            continue
        ver, bare = version_start(path, max(repeat, 7))
        print(f"  {label} --version: {ver * 1000:.0f} ms (target < 50 ms; bare python start "
              f"{bare * 1000:.0f} ms)")
    if "licensee" in peers:
        real = [r for r in results if r.real]
        for mode in ("cold", "warm"):
            for cpu in (False, True):
                if real:
                    m = statistics.median(statistics.median(
                        r.ratios(f"dpgcheck {mode}", "licensee", cpu)) for r in real)
                    print(f"  dpgcheck {mode} / licensee on real repositories "
                          f"({'CPU' if cpu else 'wall'}): median {m:.2f} (target < 1.0): "
                          f"{'met' if m < 1.0 else 'NOT met'}")
    for r in results:
        if r.size is not None and r.size >= 100_000:
            warm, cold = r.median("dpgcheck warm"), r.median("dpgcheck cold")
            peak = max(warm.peak_mb, cold.peak_mb)
            print(f"  {r.name}: warm {warm.seconds:.2f} s wall / {warm.cpu:.2f} s CPU (target "
                  f"< 1.0), cold {cold.seconds:.2f} s / {cold.cpu:.2f} s CPU (target < 1.5), "
                  f"peak {peak:.0f} MB (target < 150; the largest process)")
            if r.tree is not None and sys.platform.startswith("linux"):
                with tempfile.TemporaryDirectory(prefix="dpgcheck-pss-") as cache:
                    env = {**os.environ, "DPGCHECK_CACHE_DIR": cache}
                    whole = tree_memory_peak([str(exe), str(r.tree), "--offline", "--format",
                                              "json", "-o", "/dev/null"], env=env)
                print(f"  {r.name}: all of the check's processes together, cold: peak "
                      f"{whole:.0f} MB (summed PSS, sampled every 10 ms)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", type=int, default=[1000, 10000, 100000])
    parser.add_argument("--real", nargs="*", type=Path, default=[],
                        help="clones of real repositories (work trees)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    parser.add_argument("--venv", type=Path, default=ROOT / "benchmarks" / "out" / "venv")
    parser.add_argument("--dpgcheck", type=Path, help="time this executable, not a fresh install")
    parser.add_argument("--baseline", type=Path, help="another dpgcheck to compare with")
    parser.add_argument("--repolinter-dir", type=Path, default=Path("/tmp/repolinter"))
    parser.add_argument("--reuse", type=Path, default=Path("/tmp/reuse-venv/bin/reuse"))
    parser.add_argument("--no-peers", action="store_true", help="time dpgcheck only")
    args = parser.parse_args()

    exe = args.dpgcheck.absolute() if args.dpgcheck else installed(args.venv)
    print(f"dpgcheck: {exe}" + (f"; baseline: {args.baseline}" if args.baseline else ""))
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f} (wall ratios suffer "
          "when the load exceeds the cores; CPU ratios much less); "
          f"{args.repeat} repetitions, tools taking turns in each")
    with tempfile.TemporaryDirectory(prefix="dpgcheck-bench-") as tmp:
        scratch = Path(tmp)
        tools = dpgcheck_tools("dpgcheck", exe, scratch)
        if args.baseline:
            tools += dpgcheck_tools("baseline", args.baseline, scratch)
        peers = [] if args.no_peers else peer_tools(args.repolinter_dir, args.reuse)
        print(f"peers: {', '.join(p.name for p in peers) or 'none'}")
        trees: list[tuple[str, Path, int | None]] = [
            (f"synthetic {n:,}", build(args.out / f"tree-{n}", n), n) for n in args.sizes]
        trees += [(clone.name, clone, None) for clone in args.real]
        mine = [t.name for t in tools if t.name.startswith("dpgcheck")]
        results = []
        for name, tree, size in trees:
            real = size is None
            # Repolinter takes ~20 s at 100k files and reuse reads every file: fewer turns.
            repeat = args.repeat if real or listed_files(tree) <= 10_000 else min(args.repeat, 3)
            result = time_tree(name, tree, real, [*tools, *peers], repeat, size)
            print_tree(result, mine, [p.name for p in peers])
            results.append(result)
        summary(results, [p.name for p in peers], exe, args.baseline, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
