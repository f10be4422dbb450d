"""Glob look-ups that stay fast on 100k-file trees.

Catalogue entries name a few hundred globs; testing each against every path costs millions
of ``fnmatch`` calls on a large tree. The index buckets base names by extension and by first
character, and paths by folder, so most globs only see the few names that can match. Each
glob's answer is cached for the target.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from dpgcheck.repo.globs import glob_matcher

GLOB_MEMO_KEY = "signals.glob-index"
_WILD = frozenset("*?[")


def _wild(text: str) -> bool:
    return any(ch in _WILD for ch in text)


class GlobIndex:
    def __init__(self, files: tuple[str, ...] | list[str], view: Any = None) -> None:
        self._named: dict[str, list[str]] = {}
        self._paths: dict[str, list[str]] = {}
        self._files = files
        # With the repository view (sorted listing, indexes already built and shared, C-level
        # glob matching), this class is only a per-glob cache: no second 100k-path index.
        self._view = view
        if view is not None:
            return
        self._by_name: dict[str, list[str]] = defaultdict(list)
        self._by_dir: dict[str, list[str]] = defaultdict(list)
        for path in files:
            parent, _, name = path.rpartition("/")
            self._by_name[name.lower()].append(path)
            self._by_dir[parent.lower()].append(path)
        self._by_ext: dict[str, list[str]] = defaultdict(list)
        self._by_first: dict[str, list[str]] = defaultdict(list)
        for name in self._by_name:
            if "." in name:
                self._by_ext[name.rpartition(".")[2]].append(name)
            self._by_first[name[:1]].append(name)

    def named(self, glob: str) -> list[str]:
        """Paths whose base name matches ``glob`` (case-insensitive)."""
        pattern = glob.lower()
        cached = self._named.get(pattern)
        if cached is not None:
            return cached
        if self._view is not None:
            self._named[pattern] = self._view.named(pattern)
            return self._named[pattern]
        if not _wild(pattern):
            names = [pattern] if pattern in self._by_name else []
        else:
            ext = pattern.rpartition(".")[2] if "." in pattern else ""
            if ext and not _wild(ext):
                candidates = self._by_ext.get(ext, [])
            elif not _wild(pattern[:1]):
                candidates = self._by_first.get(pattern[:1], [])
            else:
                candidates = list(self._by_name)
            match = glob_matcher(pattern)
            names = [n for n in candidates if match(n)]
        found = sorted(p for n in names for p in self._by_name[n])
        self._named[pattern] = found
        return found

    def paths(self, glob: str) -> list[str]:
        """Paths matching a whole-path ``glob`` (``*`` crosses folders, case-insensitive)."""
        pattern = glob.lower()
        cached = self._paths.get(pattern)
        if cached is not None:
            return cached
        parent, _, _ = pattern.rpartition("/")
        if self._view is not None:
            if _wild(parent):
                found = self._view.glob(pattern)  # sorted like the listing
            else:
                match = glob_matcher(pattern)
                found = sorted(p for p in self._view.in_dir(parent) if match(p.lower()))
            self._paths[pattern] = found
            return found
        candidates = self._by_dir.get(parent, []) if not _wild(parent) else list(self._files)
        match = glob_matcher(pattern)
        found = sorted(p for p in candidates if match(p.lower()))
        self._paths[pattern] = found
        return found


def glob_index(ctx: Any) -> GlobIndex:
    return ctx.memo(GLOB_MEMO_KEY,  # type: ignore[no-any-return]
                    lambda: GlobIndex(ctx.view.files, ctx.view))
