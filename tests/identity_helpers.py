"""Comparing reports that must be identical (a speed change, a worker process): the fields
that vary from run to run are dropped, and the synthetic benchmark tree is built once."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synth import build

VARY = frozenset({"elapsed_s", "duration_ms", "timing"})


def strip(value: Any) -> Any:
    """``value`` without the fields that hold times."""
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if k not in VARY}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


def benchmark_tree(root: Path, extra: Mapping[str, str], files: int) -> Path:
    """The benchmarks' synthetic tree of ``files`` files at ``root``, with ``extra`` files
    committed beside them."""
    root.mkdir()
    for rel, text in extra.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return build(root, files)
