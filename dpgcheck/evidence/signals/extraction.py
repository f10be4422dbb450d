"""Signs that data can be exported or imported in open formats (indicator 6).

API specifications and API standards come from the standards catalogue; export and import
code, libraries and documentation from ``extraction-signals.yml``; data files and model
weights from the listing alone (their format is their extension).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dpgcheck.datafile import load_data
from dpgcheck.evidence.signals.catalogue import Match, match_entry, rule_hints
from dpgcheck.evidence.signals.pathkinds import is_fixture, skipped_dir
from dpgcheck.evidence.signals.scan import source_scan
from dpgcheck.repo.globs import matches_any

EXTRACTION_MEMO_KEY = "signals.extraction"


@dataclass
class ExtractionSignals:
    matches: list[Match] = field(default_factory=list)
    data_open: list[str] = field(default_factory=list)
    data_proprietary: list[str] = field(default_factory=list)
    weights_open: list[str] = field(default_factory=list)
    weights_pickle: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"mechanisms": [m.to_dict() for m in self.matches],
                "data_files": {"open": len(self.data_open),
                               "proprietary": len(self.data_proprietary),
                               "proprietary_examples": self.data_proprietary[:5]},
                "weights": {"open": self.weights_open[:10], "pickle": self.weights_pickle[:10]}}


def _ext(path: str) -> str:
    name = path.rpartition("/")[2].lower()
    return name.rpartition(".")[2] if "." in name else ""


def _entries() -> list[dict[str, Any]]:
    """The export and import standards of the shared catalogue, then extraction's own."""
    data = load_data("extraction-signals.yml")
    standards = {e["id"]: e for e in load_data("standards.yml")["entries"]}
    return [standards[i] for i in data["api_standards"] if i in standards] + data["entries"]


def hints() -> list[str]:
    """The words extraction detection asks the source scan about (``Indicator.scan_hints``)."""
    return rule_hints(_entries())


def find_extraction(ctx: Any) -> ExtractionSignals:
    data = load_data("extraction-signals.yml")
    scan = source_scan(ctx)
    signals = ExtractionSignals()
    for entry in _entries():
        match = match_entry(ctx, entry, scan)
        if match.count:
            signals.matches.append(match)
    formats = data["data_formats"]
    open_ext, closed_ext = set(formats["open"]), set(formats["proprietary"])
    config_like = set(formats.get("config_like", ()))
    data_dirs = set(data["data_dirs"])
    weights = data["weights"]
    w_open, w_pickle = set(weights["open"]), set(weights["pickle"])
    pickle_names = [g.lower() for g in weights["pickle_names"]]
    # Only paths ending in an extension of interest (one C-level pass over the listing).
    wanted = open_ext | closed_ext | w_open | w_pickle | {"bin"}
    for path in ctx.view.with_suffix(*(f".{e}" for e in sorted(wanted))):
        ext = _ext(path)
        if not ext or skipped_dir(path):
            continue
        if ext in w_open or ext in w_pickle or ext == "bin":
            name = path.rpartition("/")[2].lower()
            if (ext in w_open and ext not in ("h5", "pb")) or (
                    ext in ("h5", "pb") and "model" in path.lower()):
                signals.weights_open.append(path)
            elif ext in w_pickle or matches_any(name, pickle_names):
                signals.weights_pickle.append(path)
        if (ext not in open_ext and ext not in closed_ext) or is_fixture(path):
            continue
        in_data_dir = any(part in data_dirs for part in path.lower().split("/")[:-1])
        if ext in config_like and not in_data_dir:
            continue
        (signals.data_open if ext in open_ext else signals.data_proprietary).append(path)
    return signals


def extraction_signals(ctx: Any) -> ExtractionSignals:
    return ctx.memo(EXTRACTION_MEMO_KEY,  # type: ignore[no-any-return]
                    lambda: find_extraction(ctx))
