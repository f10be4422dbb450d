"""One target's indicators shared between this process and a forked child.

A check is CPU-bound Python, so one process uses one core. The indicators that read the
source scan (they declare ``scan_hints``: the heads of up to 6,000 files, read once and
searched by all of them) take about half of a large tree's check, the others the other half.
Once the shared start is done (listing, declarations, categories), a child forked from this
process runs the scan's readers while this process runs the rest; the child sends back its
reports. The rest is a list both share (``worklist.py``): a child done first takes the
last of it, while this process works through the first. On two cores the split cut the
wall time of ten real trees of 650-5,700 files by 8-30% and of a 100,000-file one by ~20%,
for 4% more CPU (median; 14% at most) and 7-27% more memory for the two processes together
(``docs/benchmarks.md``).

The report is the one a single process gives. Each indicator's report comes back with the
notes it added, and both are merged in the order the indicators were selected. A shared
layer that adds a note (a file too complex to read) says it first for the first indicator
that needed it, in either process, as in one process; the runner keeps each note once.

One process is used instead when forking is unsafe (another thread runs; not Linux), when
only one core is usable, in a batch (its workers already share the cores), for a remote
target (its API connections would be inherited), for small trees (the fork costs more than it
saves) and when ``DPGCHECK_SPLIT=never``. If the child fails (killed, out of memory, a plugin's
report that cannot be pickled), its indicators are run here: a slower check, never another
answer.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO

from dpgcheck.engine.forking import fork_is_safe, usable_cpus
from dpgcheck.engine.plugins import LoadedIndicator
from dpgcheck.engine.report import IndicatorReport
from dpgcheck.engine.worklist import Worklist, worklist
from dpgcheck.errors import DpgcheckError
from dpgcheck.repo.lookups import TreeIndex

#: ``auto`` (the default: split large local trees), ``never`` or ``always`` (any tree size;
#: the tests use it to run small trees through the split).
ENV = "DPGCHECK_SPLIT"
MODES = ("auto", "never", "always")
#: Smallest listing that ``auto`` splits. Measured (``docs/benchmarks.md``, sixth round): at
#: 26 files the split took 6% more wall time, at 48 as much, at 96 5% less, at ~650 18-21%
#: less; the fork, the child's exit and the pickled reports cost 10-17% more CPU on the
#: smallest trees.
MIN_FILES = 100

#: Context layers computed before the fork. Both halves read the dependencies (platform
#: independence, and the catalogues' dependency rules of indicators 6 and 8): computed once
#: rather than once in each process (18-65 ms on the real trees of docs/benchmarks.md). The
#: child alone reads the scan's candidates, but ranking them walks every listed path, and
#: in the child that walk copied the pages holding the paths (16 MB at 100k files). Ranked
#: here, they cost the parent's half ~80 ms at 100k files, where it ends ~220 ms before the
#: child's, and ~4 ms on OpenCRVS's 2k files. A layer listed here must add no note (both
#: are computed from the view alone): a note said before the fork would come before every
#: indicator's.
SHARED_LAYERS = ("dependencies", "scan_candidates")

Run = Callable[[LoadedIndicator, Any], IndicatorReport]
#: One indicator's outcome: its place in the selection, its report, the notes it added.
Outcome = tuple[int, IndicatorReport, list[str]]

_forbidden = False


def forbid() -> None:
    """Never split in this process (a batch worker: the other workers use the cores)."""
    global _forbidden
    _forbidden = True


def mode() -> str:
    """``DPGCHECK_SPLIT``'s value; a value it does not know is the user's mistake."""
    value = os.environ.get(ENV, "auto").strip().lower() or "auto"
    if value not in MODES:
        raise DpgcheckError(f"{ENV} must be one of {', '.join(MODES)}, not '{value}'")
    return value


def wanted(files: int, options: dict[str, Any], remote: bool) -> bool:
    """Split this check? ``files`` is the size of the tree's listing."""
    chosen = mode()
    if chosen == "never" or _forbidden or remote or options.get("batch"):
        return False
    if chosen == "auto" and files < MIN_FILES:
        return False
    return usable_cpus() >= 2 and fork_is_safe()


def run_split(selected: list[LoadedIndicator], ctx: Any, run: Run) -> list[IndicatorReport]:
    """The reports of ``selected`` in order, the scan's readers run by a forked child.

    ``ctx.notes`` ends as one process would leave it, up to repeats (the runner keeps each
    note once, in the order first said).
    """
    # the scan's readers: the indicators that declare the words they will ask it
    theirs = [i for i, li in enumerate(selected) if li.scan_hints]
    mine = sorted(set(range(len(selected))) - set(theirs))
    if not theirs or not mine:
        return [run(li, ctx) for li in selected]
    _compute_shared_layers(ctx)
    before = list(ctx.notes)
    # What the child starts from, should its indicators have to be run here: on this
    # process's later state their notes would fall elsewhere (a layer already computed).
    at_fork = ctx.branch()
    outcomes: dict[int, Outcome] = {}
    # The child takes the last of these once its own are done, up to one that reads what
    # another of them makes (``Indicator.after``): computed twice, it costs more than it saves.
    work = worklist(mine, _kept(selected, mine))
    child = _fork(selected, theirs, ctx, run, work)
    with child.pipe:
        try:
            for index in (mine if work is None else iter(work.first, None)):
                outcomes[index] = _recorded(index, selected[index], ctx, run)
            outcomes.update(_collect(child))
        except BaseException:
            _stop(child)
            raise
        finally:
            if work is not None:
                work.close()
    for index in range(len(selected)):  # the child failed: what it had is checked here
        if index not in outcomes:
            outcomes[index] = _recorded(index, selected[index], at_fork, run)
    ctx.notes[:] = before + [note for i in range(len(selected)) for note in outcomes[i][2]]
    return [outcomes[i][1] for i in range(len(selected))]


def _kept(selected: list[LoadedIndicator], mine: list[int]) -> frozenset[int]:
    """Indexes of ``mine`` whose indicator reads the layers of another of ``mine``."""
    ours = {selected[i].id for i in mine}
    return frozenset(i for i in mine
                     if ours.intersection(getattr(selected[i].indicator, "after", ()) or ()))


def _compute_shared_layers(ctx: Any) -> None:
    view = getattr(ctx, "view", None)
    if isinstance(view, TreeIndex):
        view.build_shared_indexes()
    for name in SHARED_LAYERS:
        # a layer that raises: the indicator that reads it reports that, as in one process
        with contextlib.suppress(Exception):
            getattr(ctx, name)


def _recorded(index: int, li: LoadedIndicator, ctx: Any, run: Run) -> Outcome:
    start = len(ctx.notes)
    report = run(li, ctx)
    return index, report, ctx.notes[start:]


@dataclass
class _Child:
    pid: int  # -1: the fork failed
    pipe: BinaryIO
    #: waited for: its pid may already be another process's
    reaped: bool = False


def _fork(selected: list[LoadedIndicator], indexes: list[int], ctx: Any, run: Run,
          work: Worklist | None) -> _Child:
    """Start the child on ``indexes``, then on what it takes from ``work``."""
    read_end, write_end = os.pipe()
    # Frozen, this process's objects are left out of the child's garbage collections, which
    # would otherwise touch (and so copy) every page the two share.
    gc.freeze()
    try:
        pid = os.fork()
    except OSError:
        gc.unfreeze()
        os.close(write_end)
        return _Child(-1, open(read_end, "rb"))  # closed by the caller's ``with``
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(write_end, selected, indexes, ctx, run, work)
    gc.unfreeze()
    os.close(write_end)
    return _Child(pid, open(read_end, "rb"))  # closed by the caller's ``with``


def _child(write_end: int, selected: list[LoadedIndicator], indexes: list[int], ctx: Any,
           run: Run, work: Worklist | None) -> None:
    """Run the indicators, then the parent's that are left at the back of ``work``, send
    their outcomes pickled, and leave at once: ``os._exit`` runs no exit handler and
    flushes none of the buffers shared with the parent."""
    import pickle  # here and in ``_collect``: a check that does not split never needs it

    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: the parent reports it
        outcomes = [_recorded(i, selected[i], ctx, run) for i in indexes]
        if work is not None:  # then what this process has not begun, from the back
            outcomes += [_recorded(i, selected[i], ctx, run) for i in iter(work.last, None)]
        data = pickle.dumps(outcomes, protocol=pickle.HIGHEST_PROTOCOL)
        with open(write_end, "wb", closefd=True) as out:
            out.write(data)
        code = 0
    except BaseException:  # any failure: the parent runs these itself
        pass
    finally:
        os._exit(code)


def _collect(child: _Child) -> dict[int, Outcome]:
    """The child's outcomes, or none if it did not finish well."""
    import pickle

    data = child.pipe.read()
    if child.pid < 0:
        return {}
    _, status = os.waitpid(child.pid, 0)
    child.reaped = True
    if os.waitstatus_to_exitcode(status) != 0:
        return {}
    try:
        outcomes: list[Outcome] = pickle.loads(data)
    except Exception:  # a truncated answer: checked here instead
        return {}
    return {outcome[0]: outcome for outcome in outcomes}


def _stop(child: _Child) -> None:
    """End the child when this process stops early (Ctrl-C, an error of its own)."""
    if child.pid < 0 or child.reaped:
        return
    with contextlib.suppress(OSError):
        os.kill(child.pid, signal.SIGKILL)
        os.waitpid(child.pid, 0)
    child.reaped = True
