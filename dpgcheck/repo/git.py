"""Git plumbing: every git call dpgcheck makes, with repository configuration neutralised.

No prompts, no pager, no system config, no hooks, no fsmonitor, no external diff: a checked
repository's ``.git/config`` cannot make dpgcheck run a program. The listing
(``git ls-files``) can be started ahead of time so git walks the tree while Python imports;
history (head, tags, recent commits) is asked lazily.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import IO

GIT_TIMEOUT = 60

#: Environment for every git call: no prompts, no pager, no system config, no repository hooks.
GIT_ENV = {
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_PAGER": "cat",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_OPTIONAL_LOCKS": "0",
    "LC_ALL": "C",
}
#: Options that neutralise repository configuration able to run programs.
GIT_SAFE_OPTIONS = (
    "-c", "core.fsmonitor=false",
    "-c", "core.hooksPath=/dev/null",
    "-c", "core.quotepath=off",
    "-c", "diff.external=",
)


def run_git(root: Path, *args: str, timeout: float = GIT_TIMEOUT) -> str | None:
    """Run a read-only git command in ``root``; ``None`` when git is absent or fails."""
    env = {**os.environ, **GIT_ENV}
    try:
        proc = subprocess.run(
            ["git", *GIT_SAFE_OPTIONS, *args],
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0:
        return None
    return proc.stdout.decode("utf-8", "surrogateescape")


@dataclass(frozen=True)
class Commit:
    sha: str
    subject: str
    body: str


class GitHistory:
    """What git knows about the checked tree, asked lazily (shallow clones have little)."""

    def __init__(self, root: Path) -> None:
        self._root = root
        #: The newest commit ``git log`` gave (it starts at HEAD), so ``head`` asked after the
        #: commits needs no git process of its own (~2 ms of a small repository's check).
        self._newest: str | None = None

    @cached_property
    def head(self) -> str | None:
        if self._newest is not None:
            return self._newest
        out = run_git(self._root, "rev-parse", "--verify", "-q", "HEAD")
        return out.strip() if out else None

    @cached_property
    def tags(self) -> list[str]:
        out = run_git(self._root, "tag", "--list")
        return out.split() if out else []

    def recent_commits(self, limit: int = 50) -> list[Commit]:
        out = run_git(self._root, "log", f"-{int(limit)}", "--format=%H%x1f%s%x1f%b%x1e")
        commits = []
        for record in (out or "").split("\x1e"):
            parts = record.strip("\n").split("\x1f")
            if len(parts) == 3 and parts[0]:
                commits.append(Commit(parts[0], parts[1], parts[2]))
        if commits:
            self._newest = commits[0].sha
        return commits


def is_bare_repository(root: Path) -> bool:
    return (not (root / ".git").exists() and (root / "HEAD").is_file()
            and (root / "objects").is_dir() and (root / "refs").is_dir())


LS_FILES = ("ls-files", "-z", "--cached", "--others", "--exclude-standard")
#: Listings started ahead of time (``prefetch_listings``), by real path of the root: the
#: process and the unnamed file its output goes to (a pipe would stall git once full).
_PREFETCHED: dict[str, tuple[subprocess.Popen[bytes], IO[bytes]]] = {}


def prefetch_listings(targets: Iterable[str]) -> None:
    """Start ``git ls-files`` for local work-tree targets in the background.

    The CLI calls this before importing the indicators, so on a big work tree git walks the
    tree while Python imports (on two cores the listing's wall time mostly disappears).
    ``ls_files`` collects the result; ``discard_prefetched`` ends what was not collected.
    """
    import tempfile

    env = {**os.environ, **GIT_ENV}
    for target in targets:
        sink = None
        try:
            root = os.path.realpath(os.path.expanduser(target))
            if root in _PREFETCHED or not os.path.exists(os.path.join(root, ".git")):
                continue
            sink = tempfile.TemporaryFile()  # noqa: SIM115 (closed by whoever collects it)
            proc = subprocess.Popen(["git", *GIT_SAFE_OPTIONS, *LS_FILES], cwd=root, env=env,
                                    stdin=subprocess.DEVNULL, stdout=sink,
                                    stderr=subprocess.DEVNULL)
            _PREFETCHED[root] = (proc, sink)
        except (OSError, ValueError):
            if sink is not None:
                sink.close()


def discard_prefetched() -> None:
    """End and forget listings that no check collected (a run that stopped early)."""
    while _PREFETCHED:
        _, (proc, sink) = _PREFETCHED.popitem()
        proc.kill()
        proc.wait()
        sink.close()


def ls_files(root: Path) -> str | None:
    """The NUL-separated output of ``git ls-files`` for ``root``: the listing started ahead
    for it if there is one (collected once), else run now; ``None`` outside a work tree."""
    pending = _PREFETCHED.pop(os.path.realpath(root), None)
    if pending is None:
        return run_git(root, *LS_FILES)
    proc, sink = pending
    with sink:
        try:
            proc.wait(timeout=GIT_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            return None
        if proc.returncode != 0:
            return None
        sink.seek(0)
        return sink.read().decode("utf-8", "surrogateescape")
