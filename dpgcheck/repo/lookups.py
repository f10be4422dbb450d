"""Look-ups over the listing: case-insensitive names, folders, globs and substrings.

Licence and README names vary in case, so every look-up is case-insensitive (the exact case
is preferred when both exist). The indexes are built once, lazily, from the lower-cased
listing, and searches over all paths run in C, so huge trees stay cheap to query.
"""

from __future__ import annotations

import gc
import re
from array import array
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cached_property
from itertools import accumulate, compress
from operator import methodcaller

from dpgcheck.repo.globs import glob_matcher, is_glob

try:
    import ahocorasick_rs
except ImportError:  # pragma: no cover - a declared dependency; without it, one search a needle
    ahocorasick_rs = None

#: From this many needles on, ``containing`` finds them all in one automaton pass over the
#: listing (100k paths: 28 needles 62 -> 20 ms) instead of one search each.
_AUTOMATON_MIN = 4


class TreeIndex:
    """A sorted listing of relative POSIX paths and the look-ups over it."""

    def __init__(self, files: Iterable[str]) -> None:
        # dict.fromkeys keeps the order a listing comes in (git's is sorted), so the sort
        # that follows runs over sorted input: 4x cheaper at 100k paths than after a set
        self.files: tuple[str, ...] = tuple(sorted(dict.fromkeys(files)))
        self._glob_names: dict[str, list[str]] = {}

    # ----------------------------------------------------------------- indexes
    # Built once, lazily, from the lower-cased listing. Searches over all paths run in C
    # (str.find over one NUL-joined string, regex filters through ``compress``), so a
    # 300k-file listing costs milliseconds per query instead of a Python loop per path.
    # Memory per listed path stays small: a path already in lower case is not copied, and
    # the name and case indexes hold indexes into the listing, not a list per path.
    @cached_property
    def _lower(self) -> tuple[str, ...]:
        files = self.files
        lowered = map(str.lower, files)
        return tuple(low if low != path else path for path, low in zip(files, lowered, strict=True))

    @cached_property
    def _blob(self) -> tuple[str, array[int]]:
        """``\0a\0b\0...\0`` (lower-cased) and the offset where each path starts."""
        lower = self._lower
        blob = "\0" + "\0".join(lower) + "\0"
        starts = array("q", accumulate((len(p) + 1 for p in lower), initial=1))
        return blob, starts

    def build_shared_indexes(self) -> None:
        """Build now what the substring searches build on first use. A check about to fork
        (``engine/split.py``) calls it: both of its processes search the listing for
        substrings, and built before the fork the index is one copy the two share instead
        of one built in each (4.8 MB at 100k files)."""
        self._blob  # noqa: B018 - a cached property: reading it builds it

    def _containing(self, needle: str, *, at_start: bool = False,
                    at_end: bool = False) -> list[int]:
        """Indexes of the lower-cased paths that contain ``needle`` (optionally anchored)."""
        blob, starts = self._blob
        text = ("\0" if at_start else "") + needle + ("\0" if at_end else "")
        found: list[int] = []
        find = blob.find
        pos = find(text)
        while pos != -1:
            index = bisect_right(starts, pos + 1 if at_start else pos) - 1
            if index >= len(self.files):
                break
            found.append(index)
            pos = find(text, starts[index + 1] - (1 if at_start else 0))
        return found

    @cached_property
    def _case(self) -> tuple[dict[str, str], dict[str, list[str]]]:
        """Lower-cased path -> its first listed spelling (built in C), and the rare paths
        listed in several spellings (``README.md`` and ``readme.md``) -> all of them."""
        files, lower = self.files, self._lower
        first = dict(zip(reversed(lower), reversed(files), strict=True))  # the first spelling wins
        twins: dict[str, list[str]] = {}
        if len(first) != len(files):
            spellings: dict[str, list[str]] = defaultdict(list)
            for path, low in zip(files, lower, strict=True):
                spellings[low].append(path)
            twins = {low: paths for low, paths in spellings.items() if len(paths) > 1}
        return first, twins

    def _spellings(self, low: str) -> list[str]:
        """Every listed path whose lower case is ``low``, in listing order."""
        first, twins = self._case
        if low in twins:
            return list(twins[low])
        hit = first.get(low)
        return [] if hit is None else [hit]

    @cached_property
    def _index(self) -> tuple[dict[str, list[str]], dict[str, int], array[int],
                              dict[str, array[int]]]:
        """One pass over the listing for the folder, base-name and extension indexes: files
        by folder (lower-cased); for each distinct base name (lower-cased) the index of its
        first path, each path pointing at the next path of the same name (``-1`` ends); and
        the listing indexes of the paths by the lower-cased text after their name's last dot
        (``with_suffix`` reads buckets, not 100k paths a call)."""
        files, lower = self.files, self._lower
        by_dir: dict[str, list[str]] = defaultdict(list)
        by_ext: dict[str, array[int]] = defaultdict(lambda: array("i"))
        head: dict[str, int] = {}
        tail: dict[str, int] = {}
        following = array("i", [-1]) * len(files)
        with _gc_paused():
            for index, low in enumerate(lower):
                directory, _, name = low.rpartition("/")
                by_dir[directory].append(files[index])
                last = tail.get(name)
                if last is None:
                    head[name] = index
                else:
                    following[last] = index
                tail[name] = index
                dot = name.rfind(".")
                if dot >= 0:
                    by_ext[name[dot + 1:]].append(index)
        return by_dir, head, following, by_ext

    @property
    def _by_dir(self) -> dict[str, list[str]]:
        return self._index[0]

    def _named_exactly(self, name: str) -> list[str]:
        """Listed paths whose lower-cased base name is ``name``, in listing order."""
        _, head, following, _ = self._index
        index = head.get(name, -1)
        files = self.files
        found: list[str] = []
        while index != -1:
            found.append(files[index])
            index = following[index]
        return found

    @cached_property
    def directories(self) -> frozenset[str]:
        """Every folder that holds a listed file (lower-cased), ``""`` being the root."""
        dirs = {""}
        for folder in self._by_dir:
            while folder and folder not in dirs:
                dirs.add(folder)
                folder = folder.rpartition("/")[0]
        return frozenset(dirs)

    # ----------------------------------------------------------------- look-ups
    def __len__(self) -> int:
        return len(self.files)

    def __iter__(self) -> Iterator[str]:
        return iter(self.files)

    def lookup(self, path: str) -> str | None:
        """The listed path matching ``path`` regardless of case (exact case preferred)."""
        low = path.strip("/").lower()
        first, twins = self._case
        hits = twins.get(low)
        if hits is not None:
            return path if path in hits else hits[0]
        return first.get(low)

    def exists(self, path: str) -> bool:
        return self.lookup(path) is not None

    def has_dir(self, path: str) -> bool:
        return path.strip("/").lower() in self.directories

    def folders(self) -> dict[str, list[str]]:
        """Every folder (lower-cased, ``""`` for the root) with the files directly in it."""
        return self._by_dir

    def in_dir(self, directory: str) -> list[str]:
        """Files directly in ``directory`` (case-insensitive; ``""`` is the root)."""
        return list(self._by_dir.get(directory.strip("/").lower(), ()))

    def under(self, directory: str) -> list[str]:
        """Files anywhere below ``directory``."""
        prefix = directory.strip("/").lower()
        if not prefix:
            return []
        files = self.files
        return [files[i] for i in self._containing(prefix + "/", at_start=True)]

    def find(self, *patterns: str, dirs: Iterable[str] = ("", ".github", "docs")) -> list[str]:
        """Files whose name matches a glob pattern (case-insensitive) in the given folders.

        Results follow the order of ``dirs`` then ``patterns``, so callers list their
        preferred names first.
        """
        found: list[str] = []
        seen: set[str] = set()
        for directory in dirs:
            candidates = self._by_dir.get(directory.strip("/").lower(), ())
            if not candidates:
                continue
            for pattern in patterns:
                pat = pattern.lower()
                match = glob_matcher(pat) if is_glob(pat) else None
                for path in candidates:
                    name = path.rpartition("/")[2].lower()
                    if (name == pat or (match is not None and match(name))) \
                            and path not in seen:
                        seen.add(path)
                        found.append(path)
        return found

    def named(self, *patterns: str) -> list[str]:
        """Files anywhere in the tree whose base name matches a glob (case-insensitive)."""
        pats = [p.lower() for p in patterns]
        exact = [p for p in pats if not is_glob(p)]
        globs = [p for p in pats if is_glob(p)]
        found: list[str] = []
        for name in exact:
            found.extend(self._named_exactly(name))
        for glob in globs:
            for name in self._names_for(glob):
                found.extend(self._named_exactly(name))
        return sorted(set(found))

    def _names_for(self, glob: str) -> list[str]:
        """Distinct base names matching a lower-case glob, cached per glob. Only the names
        that can match are tried: those with the glob's extension, or its first letter."""
        cached = self._glob_names.get(glob)
        if cached is not None:
            return cached
        ext = glob.rpartition(".")[2] if "." in glob else ""
        candidates: tuple[str, ...] | list[str]
        if ext and not is_glob(ext):
            candidates = self._name_buckets[0].get(ext, ())
        elif glob[:1] and not is_glob(glob[:1]):
            candidates = self._name_buckets[1].get(glob[:1], ())
        else:
            candidates = tuple(self._index[1])
        match = glob_matcher(glob)
        found = list(compress(candidates, map(match, candidates)))
        self._glob_names[glob] = found
        return found

    @cached_property
    def _name_buckets(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """Distinct base names by extension and by first letter."""
        by_ext: dict[str, list[str]] = defaultdict(list)
        by_first: dict[str, list[str]] = defaultdict(list)
        with _gc_paused():
            for name in self._index[1]:
                if "." in name:
                    by_ext[name.rpartition(".")[2]].append(name)
                by_first[name[:1]].append(name)
        return by_ext, by_first

    def glob(self, pattern: str) -> list[str]:
        """Files whose whole relative path matches a glob (``*`` crosses folders)."""
        pat = pattern.lower()
        if not is_glob(pat):
            return self._spellings(pat)
        match = glob_matcher(pat)
        files, lower = self.files, self._lower
        literal, at_start, at_end = _longest_literal(pat)
        if len(literal) < 3:
            return list(compress(files, map(match, lower)))
        return [files[i] for i in self._containing(literal, at_start=at_start, at_end=at_end)
                if match(lower[i])]

    def containing(self, *needles: str) -> list[str]:
        """Files whose lower-cased path contains one of ``needles`` (lower-case text).

        A needle starting with ``/`` also matches at the start of the path (``/locale/``
        finds ``locale/fr.json``). One C-level string search per needle, so it is the way to
        pre-select candidates on huge trees.
        """
        wanted = [needle for needle in needles if needle]
        hits: set[int] | None = None
        if len(wanted) >= _AUTOMATON_MIN and ahocorasick_rs is not None:
            hits = self._containing_any(wanted)
        if hits is None:
            hits = set()
            for needle in wanted:
                hits.update(self._containing(needle))
                if needle.startswith("/") and len(needle) > 1:
                    hits.update(self._containing(needle[1:], at_start=True))
        files = self.files
        return [files[i] for i in sorted(hits)]

    def _containing_any(self, needles: list[str]) -> set[int] | None:
        """``_containing`` for many needles in one overlapping automaton pass; a needle
        starting with ``/`` is also sought right after a path's leading NUL (at its start).

        Over the listing's bytes, where offsets are the str's only for an ASCII listing
        (``None`` otherwise: the caller searches needle by needle). The automaton's str API
        would map every byte offset to a character offset: 30 MB more at 100k paths.
        """
        blob, starts = self._blob
        if not blob.isascii():
            return None
        anchored = ["\0" + n[1:] for n in needles if n.startswith("/") and len(n) > 1]
        automaton = ahocorasick_rs.BytesAhoCorasick(
            [n.encode("utf-8", "surrogatepass") for n in dict.fromkeys([*needles, *anchored])],
            implementation=ahocorasick_rs.Implementation.DFA)
        data = blob.encode("ascii")
        count = len(self.files)
        hits: set[int] = set()
        for _, start, _ in automaton.find_matches_as_indexes(data, overlapping=True):
            # a match at a NUL is anchored: its path starts one character later
            index = bisect_right(starts, start + (data[start] == 0)) - 1
            if index < count:
                hits.add(index)
        return hits

    def with_suffix(self, *suffixes: str) -> list[str]:
        """Files whose lower-cased path ends with one of ``suffixes`` (listing order)."""
        sufs = tuple(dict.fromkeys(s.lower() for s in suffixes))
        if any("." not in suf or "/" in suf for suf in sufs):
            return list(compress(self.files, map(methodcaller("endswith", sufs), self._lower)))
        # A suffix with a dot and no slash ends the base name, so the name's text after its
        # last dot is the suffix's: only that extension's bucket can hold the matches.
        by_ext, lower = self._index[3], self._lower
        picked: list[int] = []
        for suf in sufs:
            bucket = by_ext.get(suf.rpartition(".")[2], ())
            picked.extend(bucket if suf.rfind(".") == 0
                          else (i for i in bucket if lower[i].endswith(suf)))
        files = self.files
        return [files[i] for i in sorted(set(picked))]


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Build big indexes without the cyclic collector: they hold no cycles, and on a 300k-file
    tree its full passes over the fresh lists cost a fifth of the run."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _longest_literal(pattern: str) -> tuple[str, bool, bool]:
    """The longest wildcard-free run of a glob, and whether it starts or ends the pattern.

    Paths are pre-filtered by it with one C-level string search before the regex runs.
    """
    if "[" in pattern:
        return "", False, False
    runs = re.split(r"[*?]+", pattern)
    best = max(range(len(runs)), key=lambda i: len(runs[i]))
    return runs[best], best == 0, best == len(runs) - 1
