"""Where a batch's checks run: threads for one job, a process per job for more.

A check is CPU-bound Python (listing, reading heads, matching), so threads share one core
through the interpreter lock: ``--jobs 2`` used to gain nothing on local targets. Worker
processes scale with cores for local and remote targets alike.

Workers are forked from the parent itself when that is safe (Linux, and the parent runs no
other thread): they start in milliseconds with dpgcheck and the indicators already imported.
Starting them from a ``forkserver`` instead costs a fresh interpreter importing everything
again (~0.4 s, serial, before the first entry), which on a batch of small repositories ate
most of what the second job gained. A parent with other threads (an embedding application,
a test runner) gets the ``forkserver`` (a clean process with dpgcheck preloaded), and
platforms without fork get ``spawn``. Each worker gets the run's configuration and
indicators once, when it starts. The first target is checked in the parent before the
workers fork, so they inherit its lazily imported modules and loaded data.

The GitHub API budget stays the parent's to decide with: every worker answers with its
session's budget as the last GitHub answer it saw told it, and the parent keeps the most
recent of those (``RateBudget`` figures come from GitHub's own headers, so the lowest
remaining count of the current window is the true one). ``RateLimited`` crosses back as data
and is raised again in the parent, where ``run_batch`` stops starting targets.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any

from dpgcheck.batch.targets import BatchTarget
from dpgcheck.engine import split
from dpgcheck.engine.forking import fork_is_safe
from dpgcheck.engine.plugins import LoadedIndicator
from dpgcheck.engine.runner import RunConfig

#: The worker's run and its check function, set once per process by ``_start_worker``.
_WORKER: tuple[RunConfig, list[LoadedIndicator], Callable[..., Any]] | None = None

BudgetState = tuple[int | None, int | None, float | None, bool]


def _budget(config: RunConfig) -> Any:
    from dpgcheck.sources.github import GitHubSettings, session_for

    settings = config.options.get("github")
    return session_for(settings).budget if isinstance(settings, GitHubSettings) else None


def budget_state(budget: Any) -> BudgetState | None:
    if budget is None:
        return None
    return (budget.remaining, budget.limit, budget.reset, budget.spent)


def merge_budget(budget: Any, state: BudgetState | None) -> None:
    """Fold a worker's view of the budget into the parent's: a later window replaces an
    earlier one; within one window the lower remaining count is the newer answer."""
    if budget is None or state is None:
        return
    remaining, limit, reset, spent = state
    with budget._lock:
        newer_window = reset is not None and (budget.reset is None or reset > budget.reset)
        if newer_window:
            budget.reset, budget.remaining = reset, remaining
            budget.spent = spent
        else:
            if remaining is not None and (budget.remaining is None
                                          or remaining < budget.remaining):
                budget.remaining = remaining
            budget.spent = budget.spent or spent
        if limit is not None:
            budget.limit = limit


def _start_worker(config: RunConfig, loaded: list[LoadedIndicator],
                  check: Callable[..., Any], environment: dict[str, str]) -> None:
    global _WORKER
    # Workers fork from a server process started once: take the run's environment (forge
    # endpoints, tokens) as it is now, not as it was when that server started.
    os.environ.clear()
    os.environ.update(environment)
    _WORKER = (config, loaded, check)
    # the other workers use the other cores: a worker's check stays in one process
    split.forbid()


def _check_in_worker(target: BatchTarget) -> tuple[tuple[Any, ...], BudgetState | None]:
    from dpgcheck.sources.github import RateLimited

    assert _WORKER is not None, "worker not started"
    config, loaded, check_one = _WORKER
    try:
        entry, report = check_one(target, config, loaded)
        outcome: tuple[Any, ...] = ("done", entry, report)
    except RateLimited as exc:  # its constructor takes two arguments: not picklable as is
        outcome = ("rate-limited", str(exc), exc.reset)
    return outcome, budget_state(_budget(config))


class Checkers:
    """``submit(target)`` gives a future of ``check(target, config, loaded)``'s answer (or
    its RateLimited); ``error_entry(target, reason)`` names a target whose worker died.
    Both come from ``batch.run`` (passed in: this module does not import it)."""

    def __init__(self, jobs: int, config: RunConfig, loaded: list[LoadedIndicator],
                 check: Callable[..., Any], error_entry: Callable[..., Any]) -> None:
        self.config = config
        self.loaded = loaded
        self.check = check
        self.error_entry = error_entry
        self.processes = jobs > 1
        self._budget = _budget(config)
        self._jobs = jobs
        self._executor: Any = None if self.processes else ThreadPoolExecutor(max_workers=1)

    def submit(self, target: BatchTarget) -> Future[tuple[Any, Any]]:
        if not self.processes:
            return self._executor.submit(self.check, target, self.config,  # type: ignore
                                         self.loaded)
        if self._executor is None:
            # A first local target is checked here: it imports what checks import lazily and
            # loads the shared data (licence index, catalogues), so the workers forked next
            # start warm instead of each paying that again. A remote one is not: its open
            # API connections would be inherited by every worker.
            first = self._check_here(target) if _is_local(target, self.config) else None
            self._executor = ProcessPoolExecutor(
                max_workers=self._jobs, mp_context=_context(self.loaded),
                initializer=_start_worker,
                initargs=(self.config, self.loaded, self.check, dict(os.environ)))
            if first is not None:
                return first
        outer: Future[tuple[Any, Any]] = Future()
        # Fork workers start on the first submit. Frozen, the parent's objects are left out
        # of the workers' garbage collections, which would otherwise touch (and so copy) every
        # page they share with the parent.
        gc.freeze()
        try:
            inner = self._executor.submit(_check_in_worker, target)
        finally:
            gc.unfreeze()
        inner.add_done_callback(lambda done: self._settle(done, outer, target))
        return outer

    def _check_here(self, target: BatchTarget) -> Future[tuple[Any, Any]]:
        from dpgcheck.sources.github import RateLimited

        done: Future[tuple[Any, Any]] = Future()
        try:
            done.set_result(self.check(target, self.config, self.loaded))
        except RateLimited as exc:
            done.set_exception(exc)
        return done

    def _settle(self, inner: Future[Any], outer: Future[tuple[Any, Any]],
                target: BatchTarget) -> None:
        from dpgcheck.sources.github import RateLimited

        if inner.cancelled():
            outer.cancel()
            return
        error = inner.exception()
        if error is not None:  # the worker died (killed, out of memory): this target's error
            reason = f"internal error: worker process stopped ({type(error).__name__})"
            outer.set_result((self.error_entry(target, reason), None))
            return
        outcome, state = inner.result()
        merge_budget(self._budget, state)
        if outcome[0] == "rate-limited":
            outer.set_exception(RateLimited(outcome[1], outcome[2]))
        else:
            outer.set_result((outcome[1], outcome[2]))

    def shutdown(self, *, wait: bool, cancel_futures: bool = False) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=wait, cancel_futures=cancel_futures)


def _is_local(target: BatchTarget, config: RunConfig) -> bool:
    """A target whose check opens no API connection: a folder on this machine, or one that
    ends before any check (wrong input, a manual review)."""
    from dpgcheck.errors import DpgcheckError
    from dpgcheck.sources import resolve

    if target.problem is not None or target.review is not None:
        return True
    try:
        return not resolve(target.spec, config.options).remote
    except DpgcheckError:
        return True
    except Exception:  # NeedsReview and the like: let a worker say so
        return False


def _context(loaded: list[LoadedIndicator]) -> Any:
    """``fork`` from this process when it is safe, else ``forkserver`` with dpgcheck and
    the indicators' modules imported once in the server (each worker forks from it
    ready), else ``spawn``."""
    # the pool's own threads start after its workers are forked (``ProcessPoolExecutor``
    # launches fork workers first), so they do not make the fork unsafe
    if fork_is_safe():
        return multiprocessing.get_context("fork")
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    modules = {"dpgcheck.batch.run", "dpgcheck.batch.pool", "dpgcheck.engine.runner"}
    modules |= {type(li.indicator).__module__ for li in loaded if li.indicator is not None}
    context.set_forkserver_preload(sorted(modules))
    return context

