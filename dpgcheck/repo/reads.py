"""Bounded reads confined to the checked tree.

A read never leaves the tree: a path that climbs out is refused, folders are resolved once
each and a symlink anywhere is followed and confined. The final name is opened without
following a symlink (``O_NOFOLLOW``), non-blocking, so a FIFO or device never stalls a check;
only regular files are read, at most ``limit`` bytes, and reads are cached (up to a
bound). Bytes become text with a fallback (``decode``) so odd encodings do not crash a check.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path, PurePosixPath

#: Default bound for one read; indicators ask for less when a head is enough.
MAX_READ = 1024 * 1024
#: Bytes the read cache keeps. Files asked for twice (a licence, a README, a manifest) are
#: read early and stay cached. The source scan's thousands of heads are not kept (``keep``):
#: the scan holds its own decoded copy, and the bytes would fill the cache (8 MB of a
#: 100k-file check) for few later readers.
CACHE_BYTES = 8 * 1024 * 1024
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def decode(data: bytes) -> str | None:
    """Text from bytes: BOMs honoured, UTF-8 first, Latin-1 last; ``None`` for binary data."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    if b"\x00" in data[:8192]:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A cut in the middle of a multi-byte character is not a wrong encoding.
        if exc.reason == "unexpected end of data":
            return data[: exc.start].decode("utf-8", "replace")
        return data.decode("latin-1")


class ConfinedReader:
    """Bounded, confined reads of the files under ``root`` (paths relative, POSIX)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._real_root = os.path.realpath(root)
        self._cache: dict[str, tuple[int, bytes | None]] = {}
        self._cached_bytes = 0
        #: Files read or tried so far (answers from the read cache not counted).
        self.reads = 0
        self._real_dirs: dict[str, str | None] = {}

    def _inside(self, real: str) -> bool:
        return real == self._real_root or real.startswith(self._real_root + os.sep)

    def _confined(self, path: str) -> str | None:
        """The real path of ``path`` if it stays inside the tree, else ``None``.

        Folders are resolved once each (cached), so reading many files costs one ``lstat``
        per file rather than a full ``realpath`` walk; symlinks anywhere are still followed
        and confined.
        """
        split = self._split(path)
        if split is None:
            return None
        directory, name = split
        if not name:
            return self._real_root
        parent = self._real_dir(directory)
        if parent is None:
            return None
        real = os.path.join(parent, name)
        if os.path.islink(real):
            real = os.path.realpath(real)
        return real if self._inside(real) else None

    @staticmethod
    def _split(path: str) -> tuple[str, str] | None:
        """``(folder, name)`` of a relative path, normalised; ``None`` if it climbs out."""
        if path.startswith("/") or "//" in path or "/./" in f"/{path}/" \
                or "/../" in f"/{path}/" or path.endswith("/"):
            rel = PurePosixPath(path)  # rare: spell it the canonical way first
            if rel.is_absolute() or ".." in rel.parts:
                return None
            path = "/".join(rel.parts)
        directory, _, name = path.rpartition("/")
        return directory, name

    def _real_dir(self, directory: str) -> str | None:
        """Real path of a folder of the tree (cached), ``None`` if a symlink leads out."""
        if not directory:
            return self._real_root
        if directory in self._real_dirs:  # None: resolved, and it leads out
            return self._real_dirs[directory]
        above, _, name = directory.rpartition("/")
        parent = self._real_dir(above)
        real: str | None = None
        if parent is not None:
            real = os.path.join(parent, name)
            if os.path.islink(real):
                real = os.path.realpath(real)
            if not self._inside(real):
                real = None
        self._real_dirs[directory] = real
        return real

    def size(self, path: str) -> int | None:
        """Size of a regular file inside the tree; ``None`` for anything else."""
        real = self._confined(path)
        if real is None:
            return None
        try:
            st = os.stat(real)
        except OSError:
            return None
        return st.st_size if stat.S_ISREG(st.st_mode) else None

    def read_bytes(self, path: str, limit: int = MAX_READ, *, keep: bool = True) -> bytes | None:
        """At most ``limit`` bytes of a regular file inside the tree, else ``None``; with
        ``keep=False`` an answer already cached is used but a new one is not cached."""
        cached = self._cache.get(path)
        if cached is not None and (cached[0] >= limit or cached[1] is None
                                   or len(cached[1]) < cached[0]):
            data = cached[1]
            return None if data is None else data[:limit]
        data = self._read_uncached(path, limit)
        if keep and limit <= MAX_READ:
            grown = len(data or b"") - (len(cached[1] or b"") if cached is not None else 0)
            if self._cached_bytes + grown <= CACHE_BYTES:
                self._cache[path] = (limit, data)
                self._cached_bytes += grown
        return data

    def _read_uncached(self, path: str, limit: int) -> bytes | None:
        self.reads += 1
        fd = self._open_confined(path)
        if fd is None:
            return None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                return None
            chunks: list[bytes] = []
            remaining = limit
            while remaining > 0:
                chunk = os.read(fd, min(remaining, 1 << 20))
                if not chunk:
                    break
                chunks.append(chunk)
                remaining -= len(chunk)
                if limit - remaining >= st.st_size:  # whole file read: skip the EOF read
                    break
            return b"".join(chunks)
        except OSError:
            return None
        finally:
            os.close(fd)

    def _open_confined(self, path: str) -> int | None:
        """A read-only descriptor of ``path`` if it stays inside the tree.

        The file is opened without following a final symlink (one system call for the
        common case); only a symlink (``ELOOP``) costs the resolve-and-confine path.
        """
        flags = os.O_RDONLY | os.O_NONBLOCK | _O_NOFOLLOW
        split = self._split(path)
        parent = self._real_dir(split[0]) if split is not None and split[1] else None
        if parent is not None and _O_NOFOLLOW:
            try:
                return os.open(os.path.join(parent, split[1]), flags)  # type: ignore[index]
            except OSError as exc:
                if exc.errno != errno.ELOOP:
                    return None
        real = self._confined(path)
        if real is None:
            return None
        try:
            return os.open(real, flags)
        except OSError:
            return None

    def read_text(self, path: str, limit: int = MAX_READ) -> str | None:
        """Decoded text of a file (bounded); ``None`` if missing, unsafe or binary."""
        data = self.read_bytes(path, limit)
        return None if data is None else decode(data)

    def is_symlink(self, path: str) -> bool:
        return os.path.islink(os.path.join(self.root, path))
