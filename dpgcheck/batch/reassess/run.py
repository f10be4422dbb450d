"""Run a reassessment on top of the batch runner, one JSON line per repository.

Each line is the repository's batch entry plus ``dpg`` (id, name), ``changes`` (since
acceptance) and, with previous results, ``since_previous``. Lines are appended as checks
finish, so an interrupted run resumes with the same output; shards merge by concatenation.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from dpgcheck.application.observed import Observed
from dpgcheck.batch.reassess.drift import BREAKS, SEVERITIES, since_acceptance, since_previous
from dpgcheck.batch.reassess.freshness import with_freshness
from dpgcheck.batch.reassess.registry import Dpg, read_dpgs
from dpgcheck.batch.run import (
    BatchResult,
    Progress,
    done_inputs,
    drop_torn_tail,
    read_entries,
    run_batch,
)
from dpgcheck.batch.targets import parse_shard, shard
from dpgcheck.engine.plugins import LoadedIndicator
from dpgcheck.engine.runner import RunConfig
from dpgcheck.errors import EXIT_FAILED, EXIT_INCOMPLETE, EXIT_OK, DpgcheckError
from dpgcheck.formats.jsonl import line

Entry = dict[str, Any]


@dataclass
class Settings:
    output: Path
    previous: list[Path] = field(default_factory=list)
    shard: str | None = None
    jobs: int = 1
    stale_months: int = 12
    now: datetime | None = None
    quiet: bool = False


@dataclass
class Outcome:
    dpgs: list[Dpg]
    lines: list[Entry]
    batch: BatchResult
    skipped: int = 0
    has_previous: bool = False

    def exit_code(self) -> int:
        """1 when a change breaks the Standard (new since the previous run, when one is
        given); 3 when stopped by the rate limit or a repository could not be checked."""
        key = "since_previous" if self.has_previous else "changes"
        if any(c["severity"] == BREAKS for e in self.lines for c in e.get(key) or []):
            return EXIT_FAILED
        if self.batch.not_started or any(e.get("error") and not _gone(e) for e in self.lines):
            return EXIT_INCOMPLETE
        return EXIT_OK


def _gone(entry: Entry) -> bool:
    return Observed.from_entry(entry).gone


def annotate(entry: Entry, dpg: Dpg | None, previous: dict[str, Observed], now: datetime,
             months: int) -> Entry:
    """The line for one repository: its entry with the DPG and what changed."""
    obs = Observed.from_entry(entry)
    if dpg is not None:
        entry["dpg"] = dpg.to_dict()
        entry["changes"] = [c.to_dict() for c in since_acceptance(dpg, obs, now, months)]
    prev = previous.get(obs.input)
    if previous:
        entry["since_previous"] = ([] if prev is None else
                                   [c.to_dict() for c in since_previous(prev, obs, now,
                                                                        months)])
        entry["previous_found"] = prev is not None
    return entry


def reassess(registry: Path, config: RunConfig, loaded: list[LoadedIndicator],
             settings: Settings, stream: IO[str] | None = None) -> Outcome:
    from dpgcheck.batch.reassess.drift import utcnow

    if settings.stale_months < 1:
        raise DpgcheckError("--stale-months must be at least 1")
    now = settings.now or utcnow()
    dpgs, targets = read_dpgs(registry)
    if settings.shard is not None:
        targets = shard(targets, *parse_shard(settings.shard))
    by_id = {d.id: d for d in dpgs}
    previous = {e.get("input"): Observed.from_entry(e)
                for e in read_entries(settings.previous)} if settings.previous else {}
    drop_torn_tail(settings.output)
    done = done_inputs(settings.output)
    todo = [t for t in targets if t.spec not in done]
    try:
        out = settings.output.open("a", encoding="utf-8")
    except OSError as exc:
        raise DpgcheckError(f"cannot write {settings.output}: {exc.strerror or exc}") from None

    def on_entry(entry: Entry) -> None:
        declared = entry.get("declared") or {}
        annotate(entry, by_id.get(str(declared.get("registry_id"))), previous, now,
                 settings.stale_months)
        out.write(line(entry))
        out.flush()

    progress = Progress(len(todo), stream or sys.stderr,
                        enabled=not settings.quiet and len(todo) > 1)
    try:
        result = run_batch(todo, config, with_freshness(loaded), jobs=settings.jobs,
                           on_entry=on_entry, progress=progress)
    finally:
        progress.close()
        out.close()
    wanted = {t.spec for t in targets}
    lines = [e for e in read_entries([settings.output]) if e.get("input") in wanted]
    return Outcome(dpgs, lines, result, skipped=len(targets) - len(todo),
                   has_previous=bool(settings.previous))


def merged(registry: Path, paths: list[Path]) -> Outcome:
    """Results already written (shards of one run), read as one outcome."""
    dpgs, _ = read_dpgs(registry)
    lines = read_entries(paths)
    return Outcome(dpgs, lines, BatchResult(entries=lines),
                   has_previous=any("since_previous" in e for e in lines))


def breaks_markdown(outcome: Outcome) -> str:
    """The changes that break the Standard (new ones, with previous results) as a list."""
    key = "since_previous" if outcome.has_previous else "changes"
    items = [(e.get("dpg") or {}, c) for e in outcome.lines for c in e.get(key) or []
             if c["severity"] == BREAKS]
    if not items:
        return ""
    out = [f"{len(items)} change(s) break the DPG Standard"
           + (" since the previous reassessment" if outcome.has_previous else "") + ":", ""]
    for dpg, c in items:
        out.append(f"- **{_md(dpg.get('name', '?'))}** (id {_md(dpg.get('id', '?'))}), "
                   f"indicator {c['indicator']}: {_md(c['message'])} (`{_md(c['repository'])}`)")
    return "\n".join(out) + "\n"


def _md(value: Any) -> str:
    import re

    return re.sub(r"([\\`*_\[\]<>|])", r"\\\1", " ".join(str(value).split()))


def dpg_rows(lines: list[Entry]) -> list[dict[str, Any]]:
    """One row per DPG: its repositories, every change, the worst severity, what is new."""
    rows: dict[str, dict[str, Any]] = {}
    for entry in lines:
        dpg = entry.get("dpg") or {"id": str(entry.get("input")), "name": entry.get("input")}
        row = rows.setdefault(str(dpg["id"]), {"id": dpg["id"], "name": dpg["name"],
                                               "repositories": [], "changes": [], "new": []})
        row["repositories"].append({"input": entry.get("input"),
                                    "verdict": entry.get("verdict"),
                                    "error": entry.get("error"),
                                    "commit": (entry.get("target") or {}).get("commit")})
        row["changes"] += entry.get("changes") or []
        row["new"] += entry.get("since_previous") or []
    for row in rows.values():
        every = row["changes"] + row["new"]
        ranks = [SEVERITIES.index(c["severity"]) for c in every]
        row["severity"] = SEVERITIES[min(ranks)] if ranks else "none"
        row["indicators"] = sorted({c["indicator"] for c in every})
        row["kinds"] = sorted({c["kind"] for c in every})
    return list(rows.values())


CSV_FIELDS = ["dpg_id", "dpg", "repository", "since", "severity", "indicator", "kind",
              "message", "evidence"]


def render_csv(lines: list[Entry]) -> str:
    """One row per change (a DPG without change has one row with an empty kind)."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.DictWriter(buf, CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in dpg_rows(lines):
        changes = row["changes"] + row["new"]
        for c in changes or [{}]:
            writer.writerow({
                "dpg_id": row["id"], "dpg": _cell(row["name"]),
                "repository": _cell(c.get("repository", "")), "since": c.get("since", ""),
                "severity": c.get("severity", ""), "indicator": c.get("indicator", ""),
                "kind": c.get("kind", ""), "message": _cell(c.get("message", "")),
                "evidence": _cell("; ".join(f"{q['message']}"
                                            + (f" ({q['where']})" if q.get("where") else "")
                                            for q in c.get("evidence") or []))})
    return buf.getvalue()


def _cell(value: Any) -> str:
    """No spreadsheet formula from repository text (=, +, -, @ at the start)."""
    text = " ".join(str(value).split())
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
