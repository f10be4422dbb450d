"""Cached clones shared safely: one process at a time per folder, healed after a crash.

A clone folder in the cache is a *slot*. Claiming one takes a file lock beside it (the
``filelock`` library: ``flock`` on POSIX, released by the kernel when a process dies, so a
SIGKILL never leaves a lock behind). A slot another process or thread holds is not waited for:
the next sibling (``name@2``, ``name@3``...) is claimed instead, so two batches sharing a cache
folder neither corrupt it nor wait on each other. The lock is held until the check is done
with the files (``Prepared.close``).

Inside a held slot, nothing else can be writing, so anything half-made is stale: temporary
work folders left by a killed run are removed, and a clone is reused only when it is healthy
(complete marker, HEAD at the marked commit, no ``*.lock`` left by a killed git); otherwise it
is rebuilt from nothing.
"""

from __future__ import annotations

import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dpgcheck.errors import EXIT_INCOMPLETE, TargetError

#: Siblings tried before giving up (as many as a batch can run at once, and then some).
MAX_SLOTS = 64
MARKER = "dpgcheck-checked-out"


class CacheBusy(TargetError):
    """No cache folder could be locked for this repository (exit 3: nothing was judged)."""

    exit_code = EXIT_INCOMPLETE


@dataclass
class Slot:
    path: Path
    _lock: Any

    def release(self) -> None:
        with _held_lock:
            _held.pop(self.path, None)
            lock, self._lock = self._lock, None
        if lock is not None:
            lock.release()


#: Slots held by this process, by folder (so a check's end can release its folder by path).
_held: dict[Path, Slot] = {}
_held_lock = threading.Lock()


def release_path(path: Path) -> None:
    """Release the slot of ``path`` if this process holds it (no-op otherwise)."""
    with _held_lock:
        slot = _held.get(path)
    if slot is not None:
        slot.release()


def lock_path(dest: Path) -> Path:
    return dest.parent / f".{dest.name}.lock"


def claim(base: Path) -> Slot:
    """The first free slot of ``base`` (``base``, ``base@2``...), locked for this caller."""
    from filelock import FileLock, Timeout

    base.parent.mkdir(parents=True, exist_ok=True)
    for n in range(1, MAX_SLOTS + 1):
        dest = base if n == 1 else base.with_name(f"{base.name}@{n}")
        lock = FileLock(str(lock_path(dest)), thread_local=False)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            continue
        except OSError as exc:
            raise CacheBusy(f"cannot lock the cache folder {dest.parent}: "
                              f"{exc.strerror or exc}") from None
        slot = Slot(dest, lock)
        with _held_lock:
            _held[dest] = slot
        return slot
    raise CacheBusy(f"all {MAX_SLOTS} cache folders of {base.name} are in use")


def work_dir(dest: Path) -> Path:
    """A fresh temporary sibling of ``dest`` to build the clone in."""
    # os.urandom, what secrets.token_hex reads: importing secrets loads hashlib and OpenSSL
    # (~4 ms), which a local check would pay for a clone it never makes
    return dest.parent / f".{dest.name}.tmp-{os.getpid()}-{os.urandom(4).hex()}"


def prepare_work(dest: Path) -> bool:
    """Remove what a killed run left of this (held) slot; is ``dest`` a clone worth reusing?"""
    for stale in dest.parent.glob(f".{glob_escape(dest.name)}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)
    if not dest.exists():
        return False
    if healthy(dest):
        return True
    shutil.rmtree(dest, ignore_errors=True)
    return False


def healthy(dest: Path) -> bool:
    """A complete clone: the marker written last, HEAD at its commit, no stale git lock."""
    git_dir = dest / ".git"
    try:
        marker = (git_dir / MARKER).read_bytes().split(b"\0")[0].decode("ascii")
        head = (git_dir / "HEAD").read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return False
    if not marker or head != marker or not (git_dir / "objects").is_dir():
        return False
    return not any(git_dir.glob("*.lock")) and not any(git_dir.glob("refs/**/*.lock"))


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)
