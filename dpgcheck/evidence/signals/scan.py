"""One bounded read of the repository's text files, shared by every evidence detector.

Candidates are picked from the listing by path and extension only (no file is opened to
choose), the most telling paths first (models, migrations, routes, configuration), and only
the head of each file is read. Three bounds keep a 100k-file tree fast: a file count, a
per-file head size and a total byte budget. What was left out is counted, never hidden.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

try:
    import ahocorasick_rs
except ImportError:  # pragma: no cover - a declared dependency; without it, one search a hint
    ahocorasick_rs = None

# The path rules moved to ``pathkinds``; plugins reach the public ones through
# ``dpgcheck.api.signals.scan`` (the spelling the API's deprecation warnings give), so those
# are re-exported here (``X as X``).
from dpgcheck.evidence.signals.pathkinds import CODE_EXT as CODE_EXT
from dpgcheck.evidence.signals.pathkinds import CONFIG_EXT as CONFIG_EXT
from dpgcheck.evidence.signals.pathkinds import DOC_EXT as DOC_EXT
from dpgcheck.evidence.signals.pathkinds import FIXTURE_DIRS as FIXTURE_DIRS
from dpgcheck.evidence.signals.pathkinds import KEY_EXT as KEY_EXT
from dpgcheck.evidence.signals.pathkinds import KEY_NAMES as KEY_NAMES
from dpgcheck.evidence.signals.pathkinds import SKIP_DIRS as SKIP_DIRS
from dpgcheck.evidence.signals.pathkinds import (
    SKIP_NAMES,
    SKIP_SUFFIXES,
    TELLING_WORDS,
    dir_fixture,
    dir_skipped,
    kind_of_name,
    paths_with_fixture_names,
)
from dpgcheck.evidence.signals.pathkinds import is_fixture as is_fixture
from dpgcheck.evidence.signals.pathkinds import path_parts as path_parts
from dpgcheck.evidence.signals.pathkinds import skipped_dir as skipped_dir

if TYPE_CHECKING:
    from dpgcheck.repo.view import RepoView

SCAN_MEMO_KEY = "signals.source-scan"
MAX_FILES = 6000
MAX_FILE_BYTES = 48 * 1024
MAX_TOTAL_BYTES = 48 * 1024 * 1024

@dataclass(frozen=True)
class ScannedFile:
    """The head of one text file: ``kind`` is code, config, doc or key."""

    path: str
    text: str
    kind: str
    fixture: bool
    truncated: bool
    index: int = 0
    scan: SourceScan | None = field(default=None, repr=False, compare=False)

    def line_of(self, index: int) -> int:
        """1-based line of a character offset in ``text``."""
        return self.text.count("\n", 0, index) + 1

    @property
    def lower(self) -> str:
        """The lower-cased head, computed on each use and not kept: most heads are lowered
        once in a check (at 100k files, 1,480 heads once each; on Fineract, Kolibri and
        OpenCRVS 1.1-1.3 times each), so keeping every copy only held memory (7.8 MB at
        100k files)."""
        return self.text.lower()

    @cached_property
    def catalogue(self) -> bool:
        """A code or configuration file that names many different standards and formats is a
        list of them (a linter's rules, a checker's catalogue, a feature matrix), not evidence
        that the solution uses any one of them."""
        if self.kind not in ("code", "config"):
            return False
        if self.scan is not None:  # the markers are among the hints of the scan's one pass
            held = self.scan.hints_in(self.index, CATALOGUE_MARKERS)
            return len(held) >= CATALOGUE_MIN
        lower = self.lower
        return sum(1 for marker in CATALOGUE_MARKERS if marker in lower) >= CATALOGUE_MIN

    def mentions(self, hints: list[str] | tuple[str, ...]) -> bool:
        """Cheap pre-filter: does the lower-cased head contain one of ``hints``?"""
        if self.scan is None:
            lower = self.text.lower()
            return any(h in lower for h in hints)
        return self.index in self.scan.files_with_any(tuple(hints))


#: Names of standards and formats; a code or configuration file naming CATALOGUE_MIN of them
#: is a list of them.
CATALOGUE_MARKERS = ("fhir", "openapi", "asyncapi", "graphql", "oauth", "openid", "saml",
                     "geojson", "iso 20022", "loinc", "snomed", "icd-10", "wcag", "gettext",
                     "xliff", "spdx", "json schema", "parquet", "shapefile", "ogc")
CATALOGUE_MIN = 8


@dataclass
class SourceScan:
    """The scanned heads plus the figures that say how complete the scan was.

    ``corpus`` is every head lower-cased, UTF-8 encoded and joined by NUL: one ``bytes.find``
    pass per hint tells which files mention it, instead of one search per file and hint.
    Bytes, not str: one non-Latin-1 character would widen a str corpus to 4 bytes a character
    and slow every search. It is built on the first search that needs it: the one-pass
    ``prime`` answers every declared hint from each head lowered in turn, so a full check
    never holds the heads a second time (33 MB at 100k files, plus the chunks while joined).
    """

    files: list[ScannedFile] = field(default_factory=list)
    candidates: int = 0
    skipped: int = 0
    bytes_read: int = 0
    _corpus: bytes | None = field(default=None, repr=False)
    _ends: list[int] = field(default_factory=list, repr=False)
    _starts: list[int] = field(default_factory=list, repr=False)
    _by_path: dict[str, ScannedFile] = field(default_factory=dict, repr=False)
    _hints: dict[str, frozenset[int]] = field(default_factory=dict, repr=False)
    #: Hints the selected indicators said they will ask about (primed on the first question).
    expected_hints: frozenset[str] = field(default=frozenset(), repr=False)
    _any: dict[tuple[str, ...], frozenset[int]] = field(default_factory=dict, repr=False)
    _primed: bool = field(default=False, repr=False)

    @property
    def complete(self) -> bool:
        return self.skipped == 0

    @property
    def corpus(self) -> bytes:
        """Every head lower-cased, UTF-8 encoded, joined by NUL (built once, when asked)."""
        if self._corpus is None:
            corpus = bytearray()
            starts, ends = self._starts, self._ends
            for item in self.files:
                if item.index:
                    corpus += b"\0"
                starts.append(len(corpus))
                corpus += item.lower.encode("utf-8", "surrogatepass")
                ends.append(len(corpus))
            self._corpus = bytes(corpus)
        return self._corpus

    def get(self, path: str) -> ScannedFile | None:
        return self._by_path.get(path)

    def of_kind(self, *kinds: str) -> Iterator[ScannedFile]:
        return (f for f in self.files if f.kind in kinds)

    def mentioning(self, hints: tuple[str, ...], kinds: tuple[str, ...] = ()) -> list[ScannedFile]:
        """Files (in scan order, of ``kinds`` if given) whose head contains one of ``hints``;
        every file when there are no hints. Detectors loop over these, not over every file."""
        if hints:
            files = self.files
            found = [files[i] for i in sorted(self.files_with_any(hints))]
        else:
            found = self.files
        return [f for f in found if f.kind in kinds] if kinds else list(found)

    def hints_in(self, index: int, hints: Iterable[str]) -> list[str]:
        """Those of ``hints`` (in their order) that file ``index`` contains: word finders
        then search a head for these few, not for every hint of their list."""
        return [h for h in hints if index in self.files_with(h)]

    def files_with_any(self, hints: tuple[str, ...]) -> frozenset[int]:
        """Indexes of the files that contain one of ``hints`` (the union, cached: detectors
        ask it of every scanned file with the same hints)."""
        cached = self._any.get(hints)
        if cached is None:
            cached = frozenset().union(*(self.files_with(h) for h in hints))
            self._any[hints] = cached
        return cached

    def files_with(self, hint: str) -> frozenset[int]:
        """Indexes of the files whose lower-cased head contains ``hint`` (cached)."""
        cached = self._hints.get(hint)
        if cached is not None:
            return cached
        if not self._primed:
            # First question: answer every hint the selected indicators declared (and any a
            # plugin registered) in one pass, then this one.
            self._primed = True
            self.prime({*self.expected_hints, *registered_hints(), *CATALOGUE_MARKERS, hint})
            cached = self._hints.get(hint)
            if cached is not None:
                return cached
        found: set[int] = set()
        corpus = self.corpus
        starts, ends = self._starts, self._ends
        needle = hint.encode("utf-8", "surrogatepass")
        pos = corpus.find(needle)
        while pos >= 0:
            index = bisect_right(starts, pos) - 1
            found.add(index)
            pos = corpus.find(needle, ends[index] + 1)
        result = frozenset(found)
        self._hints[hint] = result
        return result

    def prime(self, hints: Iterable[str]) -> None:
        """Answer ``files_with`` for many hints in one Aho-Corasick pass over the heads.

        One ``bytes.find`` pass per hint costs a full read of the corpus for every hint
        that few files hold; ~200 hints over DHIS2's 36 MB of heads took 3.5 s, one pass
        0.9 s. The automaton is ahocorasick-rs's DFA over each head's UTF-8 bytes: on
        Fineract's 31 MB of heads 0.06 s, where pyahocorasick's trie walk over str took
        0.37 s. Bytes give the answers of str: UTF-8 is self-synchronising, so a hint's
        bytes occur only where its characters do. Same answers as one search per hint (a
        test compares them).
        """
        todo = sorted({h for h in hints if h and h not in self._hints})
        if len(todo) < _PRIME_MIN or ahocorasick_rs is None:
            return  # a few hints: one search each is cheaper than building the automaton
        automaton = ahocorasick_rs.BytesAhoCorasick(
            [hint.encode("utf-8", "surrogatepass") for hint in todo],
            implementation=ahocorasick_rs.Implementation.DFA)
        search = automaton.find_matches_as_indexes
        found: list[set[int]] = [set() for _ in todo]
        for index, item in enumerate(self.files):
            # each head lowered on its own (the text the corpus holds for it): no second
            # copy of every head is kept
            head = item.lower.encode("utf-8", "surrogatepass")
            for number in {number for number, _, _ in search(head, overlapping=True)}:
                found[number].add(index)
        for hint, files in zip(todo, found, strict=True):
            self._hints[hint] = frozenset(files)

    def figures(self) -> dict[str, Any]:
        """Machine figures for ``Result.data``: how much was read and what was left out."""
        return {"files_scanned": len(self.files), "candidates": self.candidates,
                "skipped_by_budget": self.skipped, "bytes_read": self.bytes_read}


#: Fewer hints than this are searched one by one.
_PRIME_MIN = 8
#: Hint sources registered by an explicit call (zero-argument callables). Built-in detectors
#: declare their hints through ``Indicator.scan_hints`` instead, which the runner collects
#: into ``Context.scan_hints``: nothing registers on import.
_HINT_SOURCES: list[Callable[[], Iterable[str]]] = []


def register_hints(source: Callable[[], Iterable[str]]) -> None:
    """Declare hints a detector will ask ``files_with`` about (read on the first question).

    For plugins that cannot declare them on an indicator; prefer ``Indicator.scan_hints``.
    """
    _HINT_SOURCES.append(source)


def registered_hints() -> set[str]:
    return {hint for source in _HINT_SOURCES for hint in source()}


#: The kinds of scanned file; a kind's place here is its code in a packed candidate and
#: its rank before the path's own adjustments (telling, fixture).
KINDS = ("key", "code", "config", "doc")
_KIND_CODE = {kind: code for code, kind in enumerate(KINDS)}


@dataclass(frozen=True)
class ScanCandidates:
    """The files the scan may read (``rank_candidates``), held as listing indexes.

    A check that splits (``engine/split.py``) ranks them before it forks. The child that
    reads them then walks integers and touches only the paths it reads. Walking the 100k
    paths in the child changed each one's reference count, which copied every page that
    holds them: 16 MB at 100k files, then held by both processes.
    """

    count: int
    #: (rank, folder depth) -> its files, each packed as ``index << 3 | kind << 1 |
    #: fixture`` (``index`` in the sorted listing): sorted as numbers, they are in path order
    groups: dict[tuple[int, int], array[int]]

    def ordered(self, files: Sequence[str]) -> Iterator[tuple[str, str, bool]]:
        """(path, kind, fixture), most telling first: by rank (key, code, config, doc;
        telling paths one up, fixtures four down), then folder depth, then path.

        Each group is sorted only when the reads reach it: the reads stop at the bounds,
        so at 100k files most groups are never sorted.
        """
        for key in sorted(self.groups):
            for packed in sorted(self.groups[key]):
                yield files[packed >> 3], KINDS[packed >> 1 & 3], bool(packed & 1)


def rank_candidates(view: RepoView) -> ScanCandidates:
    """The files the scan may read, by path and extension only (no file is opened), in
    the groups that ``ScanCandidates.ordered`` reads most telling first."""
    from dpgcheck.declarations.loader import DECLARATION_PATHS

    # The declarations file is shown as the maintainer's answer; scanning it as code would
    # count the same answer a second time as evidence found in the repository.
    declarations = {p.lower() for p in DECLARATION_PATHS}
    # Skipped and telling paths found by C-level string searches over the whole listing, so
    # the loop below does set look-ups, not regular expressions, for each of 100k paths.
    skip = {*view.with_suffix(*SKIP_SUFFIXES), *view.named(*SKIP_NAMES)}
    telling = set(view.containing(*TELLING_WORDS))
    fixture_names = paths_with_fixture_names(view)
    groups: dict[tuple[int, int], array[int]] = defaultdict(lambda: array("q"))
    count = 0
    # What depends on the folder (skipped, fixture, depth) is decided once per folder, by
    # its lower-cased name, and per file only the name is looked at. A sorted listing holds
    # most of a folder's files in a row, so the previous file's folder is tried first.
    folders: dict[str, tuple[bool, int] | None] = {}
    previous: str | None = None
    folder: tuple[bool, int] | None = None
    # the current folder's groups, by rank (-1 to 7): its depth is the folder's
    slots: list[array[int] | None] = []
    for index, path in enumerate(view.files):
        directory, _, name = path.rpartition("/")
        if directory != previous:
            previous = directory
            if directory in folders:
                folder = folders[directory]
            else:
                low = directory.lower()
                folder = folders[directory] = None if low and dir_skipped(low) else (
                    bool(low) and dir_fixture(low), low.count("/") + 1 if low else 0)
            slots = [None] * 9
        if folder is None:
            continue
        folder_fixture, depth = folder
        kind = kind_of_name(name.lower())
        if kind is None or path in skip or (depth <= 1 and path.lower() in declarations):
            continue
        code = rank = _KIND_CODE[kind]
        if kind != "doc" and path in telling:
            rank -= 1
        fixture = folder_fixture or path in fixture_names
        if fixture:
            rank += 4
        group = slots[rank + 1]
        if group is None:
            group = slots[rank + 1] = groups[rank, depth]
        group.append(index << 3 | code << 1 | fixture)
        count += 1
    return ScanCandidates(count, dict(groups))


def build_scan(view: RepoView, *, max_files: int = MAX_FILES,
               max_file_bytes: int = MAX_FILE_BYTES,
               max_total_bytes: int = MAX_TOTAL_BYTES,
               ranked: ScanCandidates | None = None) -> SourceScan:
    """Read the heads of the most telling text files within the three bounds (of
    ``ranked``, ranked here when not given)."""
    ranked = ranked if ranked is not None else rank_candidates(view)
    count, candidates = ranked.count, ranked.ordered(view.files)
    scan = SourceScan(candidates=count)
    from dpgcheck.repo.reads import decode

    read: list[tuple[str, str, str, bool, bool]] = []
    for index, (path, kind, fixture) in enumerate(candidates):
        if len(read) >= max_files or scan.bytes_read >= max_total_bytes:
            scan.skipped = count - index
            break
        # the scan keeps the decoded head; its bytes kept too would only fill the cache
        data = view.read_bytes(path, max_file_bytes, keep=False)
        if data is None:
            continue
        scan.bytes_read += len(data)
        text = decode(data)
        if text is not None:
            read.append((path, kind, text, len(data) >= max_file_bytes, fixture))
    for path, kind, text, truncated, fixture in read:
        item = ScannedFile(path, text, kind, fixture, truncated, len(scan.files), scan)
        scan.files.append(item)
        scan._by_path[path] = item
    return scan


def source_scan(ctx: Any) -> SourceScan:
    """The shared scan of ``ctx.view``, built once per target (``ctx.memo``)."""
    def build() -> SourceScan:
        scan = build_scan(ctx.view, ranked=getattr(ctx, "scan_candidates", None))
        scan.expected_hints = frozenset(getattr(ctx, "scan_hints", ()))
        return scan

    return ctx.memo(SCAN_MEMO_KEY, build)  # type: ignore[no-any-return]
