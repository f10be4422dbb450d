"""A large tree's check shared between two processes gives the report one process gives.

The checks here fork for real (``engine/split.py``): a repository of 130 files is checked with
``DPGCHECK_SPLIT=never`` and with the default, and two probe indicators (one reading the source
scan, one not) tell which process ran them and add notes through a shared layer.
"""

from __future__ import annotations

import errno
import os
import signal
import time
from dataclasses import replace
from pathlib import Path

import pytest

from dpgcheck.engine import split
from dpgcheck.engine.context import Context
from dpgcheck.engine.forking import fork_is_safe, usable_cpus
from dpgcheck.engine.indicator import Indicator
from dpgcheck.engine.plugins import LoadedIndicator, load_indicators
from dpgcheck.engine.report import IndicatorReport
from dpgcheck.engine.runner import RunConfig, check_target
from dpgcheck.errors import DpgcheckError
from dpgcheck.evidence.signals.scan import source_scan
from dpgcheck.model import Result, Status
from tests.conftest import git, make_repo
from tests.license_texts import filled

pytestmark = pytest.mark.skipif(usable_cpus() < 2 or not fork_is_safe(),
                                reason="a split check needs two cores and a safe fork")

MODULE = '''"""Export of patient visits."""
import csv
import requests


def export_csv(rows, out):
    """Write the visits as CSV for the district's own tools."""
    writer = csv.DictWriter(out, fieldnames=["email", "phone_number", "visit"])
    writer.writeheader()
    for row in rows:
        writer.writerow({{"email": row.email, "phone_number": row.phone, "visit": {n}}})


def fetch(url):
    return requests.get(url, timeout=10).json()
'''


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """130 files (above ``split.MIN_FILES``), many indicators' evidence, and a symbolic link
    leading out of the tree, which the standards catalogue notes."""
    files: dict[str, str | bytes] = {
        "LICENSE": filled("MIT"),
        "README.md": "# Clinic visits\n\nRecords visits for SDG 3 (good health). "
                     "Install with `pip install clinic`. Data export: CSV and JSON.\n",
        "package.json": '{"name": "clinic-ui", "dependencies": {"react": "^18.2.0"}}\n',
        "requirements.txt": "requests==2.31.0\nflask==3.0.0\n",
        "data/visits.csv": "visit,district\n1,North\n",
    }
    for n in range(125):
        files[f"clinic/part{n // 25}/module_{n}.py"] = MODULE.format(n=n)
    outside = tmp_path / "outside.cff"
    outside.write_text("cff-version: 1.2.0\n", encoding="utf-8")
    root = make_repo(tmp_path / "clinic", files, git_init=False)
    (root / "CITATION.cff").symlink_to(outside)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "clinic")
    return root


SHARED_NOTE = "probe: the shared layer was computed"


def shared_layer(ctx: Context) -> int:
    """A layer both probes use; computing it adds a note, as a real layer may."""
    def compute() -> int:
        ctx.notes.append(SHARED_NOTE)
        return len(ctx.view)

    return ctx.memo("probe.shared", compute)


class Reader(Indicator):
    """Reads the source scan, so the child runs it."""

    id = "probe-reader"
    title = "Probe reading the scan"
    affects_verdict = False
    #: pid of the process whose check must not be left: a child kills itself if set
    die_unless_in: int | None = None

    def scan_hints(self) -> list[str]:
        return ["phone_number"]

    def check(self, ctx: Context) -> Result:
        if self.die_unless_in is not None and os.getpid() != self.die_unless_in:
            os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
        shared_layer(ctx)
        ctx.notes.append("probe-reader: own note")
        found = len(source_scan(ctx).files_with("phone_number"))
        return Result(Status.PASS, f"{found} files", data={"pid": os.getpid(), "found": found})


class Other(Indicator):
    """Reads no scan, so this process runs it."""

    id = "probe-other"
    title = "Probe reading no scan"
    affects_verdict = False

    def check(self, ctx: Context) -> Result:
        shared_layer(ctx)
        ctx.notes.append("probe-other: own note")
        return Result(Status.PASS, "seen", data={"pid": os.getpid()})


def probes(*indicators: Indicator) -> list[LoadedIndicator]:
    # the reader first: its notes come before the other's although the child sends them last
    return [*load_indicators(), *(LoadedIndicator(i, i.id, "test probe") for i in indicators)]


def checked(root: Path, loaded: list[LoadedIndicator], mode: str,
            monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, IndicatorReport], list[str]]:
    """Each indicator's report (its time set to 0) and the report's notes."""
    monkeypatch.setenv(split.ENV, mode)
    report = check_target(str(root), RunConfig(options={"offline": True}), loaded)
    rows = {r.id: replace(r, seconds=0.0) for r in [*report.indicators, *report.extras]}
    return rows, report.notes


def test_the_report_is_the_one_a_single_process_gives(tree, cli, monkeypatch):
    reports = {}
    for mode in ("never", "auto", "always"):
        monkeypatch.setenv(split.ENV, mode)
        result = cli(tree, "--offline", "-f", "json")
        reports[mode] = (result.exit_code, result.stdout, result.stderr)
    assert reports["auto"] == reports["never"] == reports["always"]
    exit_code, out, _ = reports["never"]
    assert exit_code in (0, 1) and '"data-extraction"' in out
    # the note of a layer the scan's readers use, kept once and in its place
    assert out.count("CITATION.cff is a symbolic link that leads outside") == 1


def test_the_scan_readers_run_in_a_child_and_notes_keep_their_order(tree, monkeypatch):
    loaded = probes(Reader(), Other())
    one, one_notes = checked(tree, loaded, "never", monkeypatch)
    two, two_notes = checked(tree, loaded, "auto", monkeypatch)
    assert one["probe-reader"].data["pid"] == one["probe-other"].data["pid"] == os.getpid()
    assert two["probe-reader"].data["pid"] != os.getpid()  # the other: either process
    # the same reports, but for the pid that says where they ran
    for rows in (one, two):
        for row in rows.values():
            row.data.pop("pid", None)
    assert one == two and one["probe-reader"].data["found"] == 125
    assert one["probe-reader"].status == one["probe-other"].status == Status.PASS
    assert one_notes == two_notes
    ours = [n for n in two_notes if n.startswith("probe")]
    assert ours == [SHARED_NOTE, "probe-reader: own note", "probe-other: own note"]


class Slow(Other):
    """Reads no scan and takes a while: the child ends its own work first."""

    id = "probe-slow"

    def check(self, ctx: Context) -> Result:
        time.sleep(0.5)
        return replace(super().check(ctx), data={"pid": os.getpid()})


def test_the_child_takes_the_last_of_this_process_indicators_once_its_own_are_done(
        tree, monkeypatch):
    """Here: a slow indicator first, then the other; the child, its reader done, takes the
    other from the back of the list. Same reports, notes in the same order."""
    loaded = [LoadedIndicator(i, i.id, "test probe") for i in (Reader(), Slow(), Other())]
    one, one_notes = checked(tree, loaded, "never", monkeypatch)
    two, two_notes = checked(tree, loaded, "always", monkeypatch)
    assert two["probe-slow"].data["pid"] == os.getpid()
    child = two["probe-reader"].data["pid"]
    assert child != os.getpid() and two["probe-other"].data["pid"] == child
    for rows in (one, two):
        for row in rows.values():
            row.data.pop("pid", None)
    assert one == two and one_notes == two_notes


#: Layers every indicator may read that cost next to nothing to make again.
CHEAP_LAYERS = {"engine.excerpt_lines"}


def test_indicators_declare_what_they_read_of_this_process_others(tree, monkeypatch):
    """An indicator that reads a layer another indicator of this process makes (the licence
    scan of open-license, read by platform independence) says so in ``after``: the child
    never takes it, which would make that layer a second time."""
    made_by: dict[str, str] = {}
    borrowed: set[tuple[str, str]] = set()
    running: list[str] = []
    memo = Context.memo

    def watched(self, key, factory):  # records who asks, then does what memo does
        asking = running[-1] if running else "the runner"
        if key not in self._memo:
            made_by[key] = asking
        elif made_by.get(key) != asking and key not in CHEAP_LAYERS:
            borrowed.add((asking, made_by[key]))
        return memo(self, key, factory)

    monkeypatch.setattr(Context, "memo", watched)
    loaded = load_indicators()
    for li in loaded:
        original = li.indicator.check

        def check(ctx, original=original, name=li.id):
            running.append(name)
            try:
                return original(ctx)
            finally:
                running.pop()

        monkeypatch.setattr(li.indicator, "check", check)
    monkeypatch.setenv(split.ENV, "never")
    check_target(str(tree), RunConfig(options={"offline": True}), loaded)
    here = {li.id: li for li in loaded if not li.scan_hints}
    pairs = {(reader, maker) for reader, maker in borrowed if reader in here and maker in here}
    assert ("platform-independence", "open-license") in pairs
    for reader, maker in pairs:
        assert maker in here[reader].indicator.after, (reader, maker)


def test_what_walks_the_whole_listing_is_done_before_the_fork(tree, monkeypatch):
    """Walking every listed path in a forked process copies the pages that hold them: the
    substring index both processes search (4.8 MB at 100k files) and the ranking of the
    scan's candidates (16 MB of copied pages at 100k files) are made before the fork."""

    class InheritanceProbe(Reader):
        def check(self, ctx: Context) -> Result:
            inherited = {"index": "_blob" in vars(ctx.view),  # made before this check ran
                         "candidates": "scan_candidates" in vars(ctx)}
            result = super().check(ctx)
            return replace(result, data={**result.data, "inherited": inherited})

    alone = [LoadedIndicator(i, i.id, "test probe") for i in (InheritanceProbe(), Other())]
    one, _ = checked(tree, alone, "never", monkeypatch)
    two, _ = checked(tree, alone, "always", monkeypatch)
    # one process: each made when first asked
    assert one["probe-reader"].data["inherited"] == {"index": False, "candidates": False}
    assert two["probe-reader"].data["pid"] != os.getpid()
    assert two["probe-reader"].data["inherited"] == {"index": True, "candidates": True}
    for rows in (one, two):
        for row in rows.values():
            row.data.pop("pid", None)
            row.data.pop("inherited", None)
    assert one == two


def test_a_child_that_dies_leaves_its_indicators_to_this_process(tree, monkeypatch):
    killed = Reader()
    killed.die_unless_in = os.getpid()
    one, one_notes = checked(tree, probes(Reader(), Other()), "never", monkeypatch)
    two, two_notes = checked(tree, probes(killed, Other()), "always", monkeypatch)
    # every scan reader of the child, built-in or probe, was checked here instead
    assert two["probe-reader"].data["pid"] == one["probe-reader"].data["pid"] == os.getpid()
    assert two == one and two_notes == one_notes


def test_a_refused_fork_checks_everything_here(tree, monkeypatch):
    """The system refuses the fork (a process limit, no memory): one process checks all."""
    one, one_notes = checked(tree, probes(Reader(), Other()), "never", monkeypatch)

    def refused() -> int:
        raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)  # the system's call, not dpgcheck's logic
    two, two_notes = checked(tree, probes(Reader(), Other()), "always", monkeypatch)
    assert two["probe-reader"].data["pid"] == os.getpid()
    assert two == one and two_notes == one_notes


def test_ctrl_c_here_stops_the_child(tree, tmp_path, monkeypatch):
    pid_file = tmp_path / "child.pid"

    class Waiting(Reader):
        def check(self, ctx: Context) -> Result:
            pid_file.write_text(str(os.getpid()), encoding="utf-8")
            time.sleep(60)  # ended by the parent's SIGKILL, long before this
            return super().check(ctx)

    class Interrupted(Other):
        def check(self, ctx: Context) -> Result:
            deadline = time.monotonic() + 30
            while not pid_file.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            raise KeyboardInterrupt

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        checked(tree, probes(Waiting(), Interrupted()), "always", monkeypatch)
    assert time.monotonic() - started < 30
    child = int(pid_file.read_text(encoding="utf-8"))
    assert child != os.getpid()
    with pytest.raises(ProcessLookupError):  # killed and reaped: not even a zombie is left
        os.kill(child, 0)


@pytest.mark.parametrize(("mode", "files", "options", "remote", "expected"), [
    ("auto", split.MIN_FILES, {}, False, True),
    ("auto", split.MIN_FILES - 1, {}, False, False),
    ("always", 3, {}, False, True),
    ("never", 100_000, {}, False, False),
    ("auto", 100_000, {"batch": True}, False, False),
    ("always", 100_000, {}, True, False),
])
def test_when_a_check_is_split(monkeypatch, mode, files, options, remote, expected):
    monkeypatch.setenv(split.ENV, mode)
    assert split.wanted(files, options, remote) is expected


def test_a_batch_worker_never_splits(monkeypatch):
    monkeypatch.setattr(split, "_forbidden", False)  # restored after the test
    monkeypatch.setenv(split.ENV, "always")
    assert split.wanted(100_000, {}, False)
    split.forbid()
    assert not split.wanted(100_000, {}, False)


def test_an_unknown_setting_is_a_one_line_usage_error(tree, cli, monkeypatch):
    monkeypatch.setenv(split.ENV, "sometimes")
    with pytest.raises(DpgcheckError, match="DPGCHECK_SPLIT must be one of auto, never, always"):
        split.mode()
    result = cli(tree, "--offline")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "dpgcheck: error: DPGCHECK_SPLIT must be one of auto, never, always, not 'sometimes'"]
