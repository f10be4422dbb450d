"""The repository view: the only way indicators see files.

The tree is listed once (``git ls-files`` in a work tree, otherwise a walk that honours
``.gitignore``). Look-ups are case-insensitive because licence and README names vary in case.
Reads are bounded, never leave the checked tree (symlinks are resolved and confined), never
block on special files, and decode with a fallback so odd encodings do not crash a check.
"""

from __future__ import annotations

import fnmatch
import os
import stat
import subprocess
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath

from dpgcheck.errors import TargetError

#: Default bound for one read; indicators ask for less when a head is enough.
MAX_READ = 1024 * 1024
#: Bound on how many paths are listed; beyond it the view says it is truncated.
MAX_FILES = 2_000_000
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

    @cached_property
    def head(self) -> str | None:
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
        return commits


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


class RepoView:
    """A listed, read-only tree. Paths are POSIX strings relative to the root."""

    def __init__(self, root: Path, files: Iterable[str], *, listed_by: str = "walk",
                 truncated: bool = False) -> None:
        self.root = root
        self._real_root = os.path.realpath(root)
        self.files: tuple[str, ...] = tuple(sorted(set(files)))
        self.listed_by = listed_by
        self.truncated = truncated
        self._cache: dict[str, tuple[int, bytes | None]] = {}

    # ----------------------------------------------------------------- construction
    @classmethod
    def from_path(cls, root: Path, *, max_files: int = MAX_FILES) -> RepoView:
        if not root.exists():
            raise TargetError(f"no such file or folder: {root}")
        if not root.is_dir():
            raise TargetError(f"not a folder: {root} (give the repository's folder)")
        if not os.access(root, os.R_OK | os.X_OK):
            raise TargetError(f"cannot read folder: {root}")
        if _is_bare_repository(root):
            raise TargetError(f"{root} is a bare git repository (no files to check): "
                              "check a clone of it instead")
        files = _git_files(root, max_files)
        if files is not None:
            return cls(root, files[:max_files], listed_by="git", truncated=len(files) > max_files)
        walked, truncated = _walk_files(root, max_files)
        return cls(root, walked, listed_by="walk", truncated=truncated)

    # ----------------------------------------------------------------- indexes
    @cached_property
    def _by_lower(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = defaultdict(list)
        for path in self.files:
            index[path.lower()].append(path)
        return index

    @cached_property
    def _by_dir(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = defaultdict(list)
        for path in self.files:
            parent, _, _ = path.rpartition("/")
            index[parent.lower()].append(path)
        return index

    @cached_property
    def _by_basename(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = defaultdict(list)
        for path in self.files:
            index[path.rpartition("/")[2].lower()].append(path)
        return index

    @cached_property
    def directories(self) -> frozenset[str]:
        """Every folder that holds a listed file (lower-cased), ``""`` being the root."""
        dirs = {""}
        for path in self.files:
            parts = path.lower().split("/")[:-1]
            for i in range(1, len(parts) + 1):
                dirs.add("/".join(parts[:i]))
        return frozenset(dirs)

    # ----------------------------------------------------------------- look-ups
    def __len__(self) -> int:
        return len(self.files)

    def __iter__(self) -> Iterator[str]:
        return iter(self.files)

    def lookup(self, path: str) -> str | None:
        """The listed path matching ``path`` regardless of case (exact case preferred)."""
        hits = self._by_lower.get(path.strip("/").lower())
        if not hits:
            return None
        return path if path in hits else hits[0]

    def exists(self, path: str) -> bool:
        return self.lookup(path) is not None

    def has_dir(self, path: str) -> bool:
        return path.strip("/").lower() in self.directories

    def in_dir(self, directory: str) -> list[str]:
        """Files directly in ``directory`` (case-insensitive; ``""`` is the root)."""
        return list(self._by_dir.get(directory.strip("/").lower(), ()))

    def under(self, directory: str) -> list[str]:
        """Files anywhere below ``directory``."""
        prefix = directory.strip("/").lower() + "/"
        return [p for p in self.files if p.lower().startswith(prefix)]

    def find(self, *patterns: str, dirs: Iterable[str] = ("", ".github", "docs")) -> list[str]:
        """Files whose name matches a glob pattern (case-insensitive) in the given folders.

        Results follow the order of ``dirs`` then ``patterns``, so callers list their
        preferred names first.
        """
        found: list[str] = []
        for directory in dirs:
            candidates = self._by_dir.get(directory.strip("/").lower(), ())
            for pattern in patterns:
                pat = pattern.lower()
                for path in candidates:
                    name = path.rpartition("/")[2].lower()
                    if (name == pat or fnmatch.fnmatchcase(name, pat)) and path not in found:
                        found.append(path)
        return found

    def named(self, *patterns: str) -> list[str]:
        """Files anywhere in the tree whose base name matches a glob (case-insensitive)."""
        pats = [p.lower() for p in patterns]
        exact = [p for p in pats if not any(ch in p for ch in "*?[")]
        globs = [p for p in pats if p not in exact]
        found: list[str] = []
        for name in exact:
            found.extend(self._by_basename.get(name, ()))
        if globs:
            for name, paths in self._by_basename.items():
                if any(fnmatch.fnmatchcase(name, g) for g in globs):
                    found.extend(paths)
        return sorted(set(found))

    def glob(self, pattern: str) -> list[str]:
        """Files whose whole relative path matches a glob (``*`` crosses folders)."""
        pat = pattern.lower()
        return [p for p in self.files if fnmatch.fnmatchcase(p.lower(), pat)]

    def with_suffix(self, *suffixes: str) -> list[str]:
        sufs = tuple(s.lower() for s in suffixes)
        return [p for p in self.files if p.lower().endswith(sufs)]

    # ----------------------------------------------------------------- reading
    def _confined(self, path: str) -> str | None:
        """The real path of ``path`` if it stays inside the tree, else ``None``."""
        rel = PurePosixPath(path)
        if rel.is_absolute() or ".." in rel.parts:
            return None
        real = os.path.realpath(os.path.join(self._real_root, *rel.parts))
        if real != self._real_root and not real.startswith(self._real_root + os.sep):
            return None
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

    def read_bytes(self, path: str, limit: int = MAX_READ) -> bytes | None:
        """At most ``limit`` bytes of a regular file inside the tree, else ``None``."""
        cached = self._cache.get(path)
        if cached is not None and (cached[0] >= limit or cached[1] is None
                                   or len(cached[1]) < cached[0]):
            data = cached[1]
            return None if data is None else data[:limit]
        data = self._read_uncached(path, limit)
        if limit <= MAX_READ:
            self._cache[path] = (limit, data)
        return data

    def _read_uncached(self, path: str, limit: int) -> bytes | None:
        real = self._confined(path)
        if real is None:
            return None
        try:
            fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            chunks: list[bytes] = []
            remaining = limit
            while remaining > 0:
                chunk = os.read(fd, min(remaining, 1 << 20))
                if not chunk:
                    break
                chunks.append(chunk)
                remaining -= len(chunk)
            return b"".join(chunks)
        except OSError:
            return None
        finally:
            os.close(fd)

    def read_text(self, path: str, limit: int = MAX_READ) -> str | None:
        """Decoded text of a file (bounded); ``None`` if missing, unsafe or binary."""
        data = self.read_bytes(path, limit)
        return None if data is None else decode(data)

    def is_symlink(self, path: str) -> bool:
        return os.path.islink(os.path.join(self.root, path))

    # ----------------------------------------------------------------- history
    @cached_property
    def git(self) -> GitHistory | None:
        return GitHistory(self.root) if self.listed_by == "git" else None


def _is_bare_repository(root: Path) -> bool:
    return (not (root / ".git").exists() and (root / "HEAD").is_file()
            and (root / "objects").is_dir() and (root / "refs").is_dir())


def _git_files(root: Path, max_files: int) -> list[str] | None:
    """Tracked plus untracked-but-not-ignored files, or ``None`` outside a work tree."""
    out = run_git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    if out is None:
        return None
    files = [f for f in dict.fromkeys(out.split("\0")) if f]
    if not files:
        return None  # an empty or wholly ignored listing: let the walk decide
    return files


def _walk_files(root: Path, max_files: int) -> tuple[list[str], bool]:
    """Walk without following symlinked folders, honouring ``.gitignore`` files."""
    from dpgcheck.gitignore import IgnoreRules

    rules = IgnoreRules()
    files: list[str] = []
    stack = [""]
    while stack:
        rel_dir = stack.pop()
        abs_dir = os.path.join(root, rel_dir) if rel_dir else str(root)
        try:
            entries = sorted(os.scandir(abs_dir), key=lambda e: e.name)
        except OSError:
            continue
        gitignore = next((e for e in entries if e.name == ".gitignore"), None)
        if gitignore is not None and gitignore.is_file(follow_symlinks=False):
            try:
                with open(gitignore.path, "rb") as fh:
                    rules.add(rel_dir, fh.read(256 * 1024).decode("utf-8", "replace"))
            except OSError:
                pass
        for entry in entries:
            if entry.name == ".git":
                continue
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if rules.ignored(rel, is_dir):
                continue
            if is_dir:
                stack.append(rel)
            else:
                files.append(rel)
                if len(files) > max_files:
                    return files[:max_files], True
    return files, False
