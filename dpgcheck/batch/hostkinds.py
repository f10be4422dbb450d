"""Where a batch's targets live, counted: the closing line of a registry run says how many
targets of each host kind were checked, could not be checked, or need a manual review, and
that every registry entry is accounted for."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dpgcheck.errors import DpgcheckError

Entry = dict[str, Any]


def host_kind(spec: str, options: Mapping[str, Any]) -> str:
    """The source that claims ``spec`` ("github", "gitlab", "huggingface", "git"...), also
    when it claims it only to say that it needs a manual review; "other" for the rest."""
    from dpgcheck.sources import source_classes
    from dpgcheck.sources.interface import NeedsReview

    for cls in source_classes():
        try:
            if cls.claim(spec, options) is not None:
                return cls.name
        except NeedsReview:
            return cls.name
        except DpgcheckError:
            return cls.name
    return "other"


def outcome(entry: Entry) -> str:
    if entry.get("review"):
        return "to review"
    if entry.get("error"):
        return "error"
    return "checked"


def summary_line(entries: list[Entry], options: Mapping[str, Any]) -> str:
    """``N registry entries, M targets: github 224 checked; gitlab 10 checked, 2 to review;
    ... In all: ... K need a manual review``."""
    table: dict[str, dict[str, int]] = {}
    #: Per registry entry, its targets' worst outcome (error, then review, then checked).
    by_entry: dict[str, str] = {}
    rank = {"checked": 0, "to review": 1, "error": 2}
    for entry in entries:
        spec = str(entry.get("input") or "")
        kind = "none" if spec.startswith("registry entry ") else host_kind(spec, options)
        if kind == "git" and outcome(entry) == "to review":
            kind = "other"  # not a git server after all: a website, a short link...
        counts = table.setdefault(kind, {})
        counts[outcome(entry)] = counts.get(outcome(entry), 0) + 1
        declared = entry.get("declared") or {}
        if declared.get("registry_id") is not None:
            key = str(declared["registry_id"])
            if rank[outcome(entry)] >= rank[by_entry.get(key, "checked")]:
                by_entry[key] = outcome(entry)
    order = ("checked", "error", "to review")
    parts = []
    for kind in sorted(table, key=lambda k: (-sum(table[k].values()), k)):
        said = ", ".join(f"{table[kind][o]} {o}" for o in order if table[kind].get(o))
        parts.append(f"{kind} {said}")
    total = {o: sum(c.get(o, 0) for c in table.values()) for o in order}
    head = f"{len(by_entry)} registry entries, " if by_entry else ""
    line = (f"{head}{len(entries)} targets: {'; '.join(parts)}. In all: {total['checked']} "
            f"checked, {total['to review']} need a manual review, {total['error']} could "
            "not be checked")
    if by_entry:
        dpgs = {o: sum(1 for v in by_entry.values() if v == o) for o in order}
        line += (f"; registry entries: {dpgs['checked']} checked, {dpgs['to review']} with a "
                 f"target to review, {dpgs['error']} with a target not checked")
    return line
