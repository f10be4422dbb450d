"""A list of indicators two forked processes share: one takes from the front, the other,
once its own work is done, from the back.

A split check gives the forked child the scan's readers and keeps the others here; which
half ends first depends on the tree (on OpenMRS, Ushahidi and Mojaloop this process's half
ran 45-65 ms longer, on CKAN the child's). The child takes the last of this process's
indicators while this process works through the first, so both end about together.

The two counters live in a shared memory file, guarded by a POSIX record lock (``lockf``),
which the kernel releases should a process die holding it. Linux only, as the split is.
"""

from __future__ import annotations

import fcntl
import mmap
import os
import struct

_COUNTERS = struct.Struct("II")  # the next index from the front, the end of what is left


class Worklist:
    """Indexes taken once each, by either process; the child stops at the first index
    from the back that it may not take (``kept``)."""

    def __init__(self, indexes: list[int], kept: frozenset[int] = frozenset()) -> None:
        self.indexes = list(indexes)
        self.kept = kept
        self._fd = os.memfd_create("dpgcheck-worklist", os.MFD_CLOEXEC)
        try:
            os.ftruncate(self._fd, _COUNTERS.size)
            self._shared = mmap.mmap(self._fd, _COUNTERS.size)
        except OSError:
            os.close(self._fd)
            raise
        _COUNTERS.pack_into(self._shared, 0, 0, len(self.indexes))

    def first(self) -> int | None:
        """The first index left (this process), or ``None`` when none is."""
        return self._take(front=True)

    def last(self) -> int | None:
        """The last index left (the child, its own work done), or ``None``."""
        return self._take(front=False)

    def _take(self, front: bool) -> int | None:
        fcntl.lockf(self._fd, fcntl.LOCK_EX)
        try:
            start, end = _COUNTERS.unpack_from(self._shared, 0)
            if start >= end:
                return None
            if front:
                start, taken = start + 1, start
            elif self.indexes[end - 1] in self.kept:
                return None  # it and all before it are this process's
            else:
                end = taken = end - 1
            _COUNTERS.pack_into(self._shared, 0, start, end)
            return self.indexes[taken]
        finally:
            fcntl.lockf(self._fd, fcntl.LOCK_UN)

    def close(self) -> None:
        self._shared.close()
        os.close(self._fd)


def worklist(indexes: list[int], kept: frozenset[int] = frozenset()) -> Worklist | None:
    """A shared list of ``indexes``, or ``None`` when the system gives no shared memory
    file (each process then keeps to its own indicators)."""
    try:
        return Worklist(indexes, kept)
    except (OSError, AttributeError):  # AttributeError: no memfd_create on this system
        return None
