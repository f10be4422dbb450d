"""Check many targets: concurrency, progress, per-target errors, resume, rate-limit stop.

Every finished target becomes an *entry*: its JSON report plus ``input`` (the target as
given), or an error entry (``verdict: "error"`` and the reason). JSON Lines output is appended
entry by entry, so an interrupted batch resumes where it stopped; the summary formats (terminal
table, Markdown, CSV, HTML) and ``dpgcheck merge`` read the same entries.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import IO, Any

from dpgcheck.batch.order import dispatch_order
from dpgcheck.batch.targets import BatchTarget
from dpgcheck.engine.plugins import LoadedIndicator
from dpgcheck.engine.report import SCHEMA_VERSION
from dpgcheck.engine.runner import RunConfig, check_target
from dpgcheck.errors import DpgcheckError

Entry = dict[str, Any]


def error_entry(target: BatchTarget, reason: str, exit_code: int = 3) -> Entry:
    """A target that could not be checked; ``exit_code`` 2 when the input itself is wrong (a
    missing folder, a broken dpg.yml), 3 when it could not be reached or read."""
    entry: Entry = {"schema_version": SCHEMA_VERSION, "input": target.spec,
                    "target": {"name": target.spec}, "verdict": "error", "error": reason,
                    "exit_code": exit_code, "indicators": []}
    if target.declared is not None:
        entry["declared"] = target.declared
    return entry


def review_entry(target: BatchTarget, reason: str) -> Entry:
    """A target that is not a repository or dataset (a website, a short link): accounted
    for, with its reason, for a reviewer to look at; not a failed check and not an error."""
    entry: Entry = {"schema_version": SCHEMA_VERSION, "input": target.spec,
                    "target": {"name": target.spec}, "verdict": "needs-review",
                    "review": f"not a repository or dataset: needs a manual review: {reason}",
                    "indicators": []}
    if target.declared is not None:
        entry["declared"] = target.declared
    return entry


def check_one(target: BatchTarget, config: RunConfig, loaded: list[LoadedIndicator],
              raise_errors: bool = False) -> tuple[Entry, Any]:
    """The entry for one target, and its Report (``None`` on error). Never raises, except
    RateLimited, which means "not checked: try again later", and, with ``raise_errors`` (a
    lone target), the input error, so it ends the run as it would outside a batch."""
    from dpgcheck.sources.github import RateLimited
    from dpgcheck.sources.interface import NeedsReview

    if target.review is not None:
        return review_entry(target, target.review), None
    if target.problem is not None:
        return error_entry(target, target.problem), None
    if target.declared is not None:
        config = replace(config, options={**config.options, "declared": target.declared})
        known = [c for c in target.declared.get("categories") or []
                 if c in ("software", "data", "content", "aimodel")]
        if known and not config.categories:
            # A registry entry declares its categories: judge by them, as a reviewer would.
            config = replace(config, categories=known,
                             options={**config.options, "categories_from": "registry"})
    started = time.monotonic()
    try:
        report = check_target(target.spec, config, loaded)
    except RateLimited:
        raise
    except NeedsReview as exc:
        entry = review_entry(target, exc.reason)
        report = None
    except DpgcheckError as exc:
        if raise_errors:
            raise
        entry = error_entry(target, str(exc), exc.exit_code)
        report = None
    except Exception as exc:  # one target's bug never stops the batch
        entry = error_entry(target, f"internal error: {type(exc).__name__}: {exc}")
        report = None
    else:
        entry = {**report.to_dict(), "input": target.spec}
    entry["elapsed_s"] = round(time.monotonic() - started, 3)
    return entry, report


def is_remote(target: BatchTarget) -> bool:
    """Does this target spend the GitHub API budget the batch watches? (A bad address spends
    none: it fails early; other forges' rate limits end only their own targets.)"""
    from dpgcheck.sources import resolve

    if target.problem is not None or target.review is not None:
        return False
    try:
        source = resolve(target.spec)
    except DpgcheckError:
        return False
    return source.remote and source.name == "github"


def done_inputs(path: Path, *, retry_errors: bool = False) -> set[str]:
    """Targets already in a JSON Lines output (for resume); a torn last line is ignored.
    With ``retry_errors``, a target whose last entry is an error is not done."""
    done: set[str] = set()
    try:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue
                if isinstance(entry, dict) and isinstance(entry.get("input"), str):
                    if retry_errors and entry.get("verdict") == "error":
                        done.discard(entry["input"])
                    else:
                        done.add(entry["input"])
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise DpgcheckError(f"cannot read {path}: {exc.strerror or exc}") from None
    return done


def drop_torn_tail(path: Path) -> None:
    """Cut a last line left half-written by an interrupted run, so appending stays valid."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise DpgcheckError(f"cannot read {path}: {exc.strerror or exc}") from None
    if data and not data.endswith(b"\n"):
        with path.open("r+b") as fh:
            fh.truncate(data.rfind(b"\n") + 1)


def read_entries(paths: list[Path]) -> list[Entry]:
    """Entries of JSON Lines files; a target seen twice keeps its last entry."""
    by_input: dict[str, Entry] = {}
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise DpgcheckError(f"cannot read {path}: {exc.strerror or exc}") from None
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except ValueError:
                raise DpgcheckError(f"{path}:{number}: not a JSON line") from None
            if not isinstance(entry, dict) or "verdict" not in entry:
                raise DpgcheckError(f"{path}:{number}: not a dpgcheck report line")
            key = str(entry.get("input") or entry.get("target", {}).get("name"))
            by_input.pop(key, None)
            by_input[key] = entry
    return list(by_input.values())


@dataclass
class BatchResult:
    entries: list[Entry] = field(default_factory=list)  # in input order
    reports: list[Any] = field(default_factory=list)  # Report objects, input order
    not_started: list[BatchTarget] = field(default_factory=list)
    skipped_done: int = 0
    rate_limit_message: str | None = None


class Progress:
    """A rich progress bar on a terminal; one line per finished target otherwise."""

    def __init__(self, total: int, stream: IO[str], enabled: bool) -> None:
        self.total = total
        self.count = 0
        self.stream = stream
        self.enabled = enabled and total > 0
        self._bar: Any = None
        self._task: Any = None
        if self.enabled and stream.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._bar = Progress(TextColumn("{task.description}"), BarColumn(),
                                 MofNCompleteColumn(),
                                 TextColumn("{task.fields[last]}", markup=False),
                                 console=Console(file=stream), transient=True)
            self._task = self._bar.add_task("checking", total=total, last="")
            self._bar.start()

    def done(self, entry: Entry) -> None:
        self.count += 1
        if not self.enabled:  # -q, or one target: no label to build
            return
        from dpgcheck.formats.sanitize import terminal

        label = f"{entry.get('input')}: {entry.get('verdict')}"
        if entry.get("error") or entry.get("review"):
            label += f" ({entry.get('error') or entry['review']})"
        label = terminal(label).replace("\n", " ")
        if self._bar is not None:
            self._bar.update(self._task, advance=1, last=label[:80])
        else:
            print(f"[{self.count}/{self.total}] {label}", file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


def run_batch(targets: list[BatchTarget], config: RunConfig, loaded: list[LoadedIndicator],
              *, jobs: int = 1, on_entry: Callable[[Entry], None] | None = None,
              progress: Progress | None = None, raise_errors: bool = False) -> BatchResult:
    """Check every target, ``jobs`` at a time (worker processes when more than one: see
    ``batch.pool``), in input order of results.

    Before starting a remote target, the GitHub budget must cover it and those in flight;
    when it would not, nothing new starts, running ones finish, and the rest are returned
    as ``not_started``.
    """
    from dpgcheck.sources.github import GitHubSettings, RateLimited, session_for

    settings = config.options.get("github")
    budget = session_for(settings).budget if isinstance(settings, GitHubSettings) else None
    results: dict[int, tuple[Entry, Any]] = {}
    result = BatchResult()
    lock = threading.Lock()
    queue = dispatch_order(targets, jobs)  # with workers: the largest local trees first
    in_flight: dict[Future[tuple[Entry, Any]], tuple[int, BatchTarget]] = {}
    stopped = False
    # resolved once per target: the loop below asks on every turn
    remote = {index: is_remote(target) for index, target in queue}

    from dpgcheck.batch.pool import Checkers

    check = partial(check_one, raise_errors=raise_errors) if raise_errors else check_one
    pool = Checkers(max(1, jobs), config, loaded, check, error_entry)
    try:
        while queue or in_flight:
            # Futures already done (the first target is checked before the workers start)
            # hold no job and spend no more budget: their answers are merged.
            while queue and running(in_flight) < room(jobs, remote[queue[0][0]]) and not stopped:
                if budget is not None and remote[queue[0][0]] \
                        and not budget.can_start(running(in_flight)):
                    stopped = True
                    break
                index, target = queue.pop(0)
                in_flight[pool.submit(target)] = (index, target)
            if not in_flight:
                break
            finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in finished:
                index, target = in_flight.pop(future)
                try:
                    entry, report = future.result()
                except RateLimited:
                    stopped = True
                    result.not_started.append(target)
                    continue
                with lock:
                    results[index] = (entry, report)
                if on_entry is not None:
                    on_entry(entry)
                if progress is not None:
                    progress.done(entry)
    except BaseException:
        # Ctrl-C: what finished is already written (resume picks up the rest); do not wait
        # for queued targets.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    result.not_started += [t for _, t in sorted(queue, key=lambda queued: queued[0])]
    if result.not_started and budget is not None:
        remaining = "spent" if budget.spent else f"down to {budget.remaining}"
        result.rate_limit_message = (
            f"GitHub API budget {remaining} (of {budget.limit or '?'}): stopped before "
            f"{len(result.not_started)} target(s); it resets {budget.describe_reset()}. "
            "Run again with the same --output to resume.")
    for index in sorted(results):
        entry, report = results[index]
        result.entries.append(entry)
        if report is not None:
            result.reports.append(report)
    return result


def room(jobs: int, remote: bool) -> int:
    """How many unfinished targets may be handed out before the next one (``remote`` or
    not) waits: with worker processes, each worker gets one local target queued behind the
    one it runs, so it starts the next without waiting for the parent to take its answer
    and hand out more (a round trip per target, ~10% of a small repository's check). Remote
    targets are not queued ahead: each one handed out is counted against the API budget."""
    jobs = max(1, jobs)
    return 2 * jobs if jobs > 1 and not remote else jobs


def running(futures: dict[Future[Any], Any]) -> int:
    return sum(1 for future in futures if not future.done())


def batch_exit_code(result: BatchResult, fail_on: frozenset[Any]) -> int:
    """2 when a target is wrong input (a missing folder: the same code alone or beside other
    targets); else 3 when stopped by the rate limit; else 1 if any target failed, 3 if any
    could not be checked (an error entry, a target that needs a manual review, an indicator
    error), else 0."""
    from dpgcheck.engine.report import combined_exit_code
    from dpgcheck.errors import EXIT_INCOMPLETE, EXIT_OK, EXIT_USAGE

    if any(e.get("exit_code") == EXIT_USAGE for e in result.entries):
        return EXIT_USAGE

    if result.not_started:
        return EXIT_INCOMPLETE
    code = combined_exit_code(result.reports, fail_on) if result.reports else EXIT_OK
    if code == EXIT_OK and any(e.get("error") or e.get("review") for e in result.entries):
        return EXIT_INCOMPLETE
    return code
