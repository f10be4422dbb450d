"""Glob look-ups that stay fast on 100k-file trees.

Catalogue entries name a few hundred globs; testing each against every path costs millions
of ``fnmatch`` calls on a large tree. The index buckets base names by extension and by first
character, and paths by folder, so most globs only see the few names that can match. Each
glob's answer is cached for the target.
"""

from __future__ import annotations

import fnmatch
from collections import defaultdict
from typing import Any

GLOB_MEMO_KEY = "signals.glob-index"
_WILD = frozenset("*?[")


def _wild(text: str) -> bool:
    return any(ch in _WILD for ch in text)


class GlobIndex:
    def __init__(self, files: tuple[str, ...] | list[str]) -> None:
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
        self._files = files
        self._named: dict[str, list[str]] = {}
        self._paths: dict[str, list[str]] = {}

    def named(self, glob: str) -> list[str]:
        """Paths whose base name matches ``glob`` (case-insensitive)."""
        pattern = glob.lower()
        cached = self._named.get(pattern)
        if cached is not None:
            return cached
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
            names = [n for n in candidates if fnmatch.fnmatchcase(n, pattern)]
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
        candidates = self._by_dir.get(parent, []) if not _wild(parent) else list(self._files)
        found = sorted(p for p in candidates if fnmatch.fnmatchcase(p.lower(), pattern))
        self._paths[pattern] = found
        return found


def glob_index(ctx: Any) -> GlobIndex:
    return ctx.memo(GLOB_MEMO_KEY,  # type: ignore[no-any-return]
                    lambda: GlobIndex(ctx.view.files))
