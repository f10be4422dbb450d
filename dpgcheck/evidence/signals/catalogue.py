"""Match a data-file catalogue (files, paths, content, dependencies, tags) against a target.

Indicator 8's standards and practices, and the smaller signal lists of 6, 9a and 9b, are
written as entries in YAML files under ``dpgcheck/data/``; this module is the one engine that
evaluates them, so adding a standard is a data change, not a code change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from dpgcheck.evidence.regex_literals import folds_to_ascii, leading_runs
from dpgcheck.evidence.signals.depmatch import matching
from dpgcheck.evidence.signals.globindex import glob_index
from dpgcheck.evidence.signals.pathkinds import is_fixture, skipped_dir
from dpgcheck.evidence.signals.scan import SourceScan, source_scan
from dpgcheck.model import Evidence
from dpgcheck.repo.globs import glob_matcher

#: Evidence items kept per entry (the rest are counted).
MAX_EVIDENCE = 3
#: Files whose heads one content rule may read beyond the shared scan.
MAX_RULE_FILES = 200
RULE_HEAD_BYTES = 16 * 1024


@dataclass
class Match:
    """One catalogue entry seen in the target, with where."""

    id: str
    name: str
    kind: str
    url: str | None
    evidence: list[Evidence] = field(default_factory=list)
    count: int = 0

    def add(self, evidence: Evidence) -> None:
        self.count += 1
        if len(self.evidence) < MAX_EVIDENCE:
            self.evidence.append(evidence)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "url": self.url,
                "count": self.count, "evidence": [e.to_dict() for e in self.evidence]}


@lru_cache(maxsize=256)
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _files_named(ctx: Any, globs: list[str]) -> list[str]:
    index = glob_index(ctx)
    found = {p for g in globs for p in index.named(g)}
    return sorted(p for p in found if not skipped_dir(p))


def _paths_matching(ctx: Any, globs: list[str]) -> list[str]:
    index = glob_index(ctx)
    found: list[str] = []
    for glob in globs:
        found.extend(p for p in index.paths(glob) if not skipped_dir(p))
    return [p for p in dict.fromkeys(found) if _inside(ctx, p)]


def _inside(ctx: Any, path: str) -> bool:
    """A listed file that reads inside the tree; a symbolic link leading out of it counts for
    nothing (as a LICENSE link does) and the report says so."""
    if not ctx.view.is_symlink(path) or ctx.view.read_bytes(path, 1) is not None:
        return True
    note = f"{path} is a symbolic link that leads outside the checked tree: ignored"
    if note not in ctx.notes:
        ctx.notes.append(note)
    return False


def _head(ctx: Any, scan: SourceScan, path: str) -> str | None:
    scanned = scan.get(path)
    if scanned is not None:
        return scanned.text
    return ctx.view.read_text(path, RULE_HEAD_BYTES)  # type: ignore[no-any-return]


def _content_hits(ctx: Any, scan: SourceScan, rule: dict[str, Any], match: Match,
                  entry_fixtures: bool) -> None:
    # the pattern is compiled when a head first needs it: most rules meet no head that holds
    # their hints, and compiling every rule's pattern up front cost a small repository 6 ms
    if rule.get("scan"):
        hints = tuple(h.lower() for h in rule.get("hints", ()))
        fixtures = bool(rule.get("fixtures"))
        for item in scan.mentioning(hints, tuple(rule.get("kinds", ("code", "config")))):
            if (item.fixture and not fixtures) or item.catalogue:
                continue
            # the windows open only at the hints this head holds (the scan's one pass knows
            # which): the same windows as searching for every hint, without ~40 misses a head
            present = tuple(scan.hints_in(item.index, hints))
            found = (search_near(_compile(rule["pattern"]), item.text, item.lower, present)
                     if present else None)
            if found:
                match.add(Evidence(f"{match.name}: '{_snippet(found.group(0))}'", item.path,
                                   item.line_of(found.start())))
                if match.count >= MAX_EVIDENCE:
                    return
        return
    named = [p for p in _files_named(ctx, rule.get("files", []))
             if entry_fixtures or not is_fixture(p)]
    for path in named[:MAX_RULE_FILES]:
        text = _head(ctx, scan, path)
        found = _compile(rule["pattern"]).search(text) if text else None
        if found and text is not None:
            line = text.count("\n", 0, found.start()) + 1
            match.add(Evidence(f"{match.name}: '{_snippet(found.group(0))}'", path, line))


#: Characters searched before and after each hint occurrence.
WINDOW_BEFORE, WINDOW_AFTER = 120, 240


def search_near(pattern: re.Pattern[str], text: str, lower: str,
                hints: tuple[str, ...]) -> re.Match[str] | None:
    """``pattern.search`` restricted to windows around occurrences of ``hints``.

    Case-insensitive alternations cannot use the regex engine's literal skip, so searching a
    whole head costs a regex attempt per character; common hints (``export`` in every ES
    module) make that seconds on big trees. Windows around the hints keep it linear in hits.
    """
    if not hints:
        return pattern.search(text)
    runs = _starts_with(pattern, text, lower)
    for begin, end in windows(text, lower, hints):
        found = (pattern.search(text, begin, end) if runs is None
                 else _match_in(pattern, text, lower, runs, begin, end))
        if found:
            return found
    return None


def windows(text: str, lower: str, hints: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """The ``(begin, end)`` windows around the hints' occurrences, in order; each begins
    where the last one's hint was, so no place is searched twice for the same hint."""
    searched_to = -1
    for index in sorted({i for h in hints for i in _occurrences(lower, h)}):
        begin = max(index - WINDOW_BEFORE, searched_to, 0)
        end = min(index + WINDOW_AFTER, len(text))
        if end <= begin:
            continue
        yield begin, end
        searched_to = max(searched_to, index)


def _starts_with(pattern: re.Pattern[str], text: str,
                 lower: str) -> tuple[tuple[str, bool], ...] | None:
    """The ``leading_runs`` a match of ``pattern`` starts with (``import`` of
    ``\\bimport(?:ed|s)?...``; one is looked for in the lower case when it is matched in
    any case), or ``None`` when the window is to be searched: the pattern has none, or the
    offsets of the lower case are not those of the text."""
    runs = _leading_runs(pattern)
    if runs is None or len(lower) != len(text) or folds_to_ascii(text):
        return None
    return runs


@lru_cache(maxsize=256)
def _leading_runs(pattern: re.Pattern[str]) -> tuple[tuple[str, bool], ...] | None:
    return leading_runs(pattern.pattern, pattern.flags)


def _match_in(pattern: re.Pattern[str], text: str, lower: str,
              runs: tuple[tuple[str, bool], ...], begin: int,
              end: int) -> re.Match[str] | None:
    """``pattern.search(text, begin, end)`` for a pattern whose matches start with one of
    ``runs``: tried only where one starts in the window, not at each of its ~360 characters
    (CKAN's 196 heads with ``import``: 24 ms before)."""
    places: set[int] = set()
    for run, folded in runs:
        haystack = lower if folded else text
        index = haystack.find(run, begin, end)
        while index >= 0:
            places.add(index)
            index = haystack.find(run, index + 1, end)
    for at in sorted(places):
        found = pattern.match(text, at, end)
        if found:
            return found
    return None


def _occurrences(lower: str, hint: str, limit: int = 2000) -> list[int]:
    found: list[int] = []
    index = lower.find(hint)
    while index >= 0 and len(found) < limit:
        found.append(index)
        index = lower.find(hint, index + 1)
    return found


def _snippet(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def rule_hints(entries: list[dict[str, Any]]) -> list[str]:
    """The hints the scan rules of ``entries`` ask the shared scan about (for
    ``register_hints``, so the scan answers them all in one pass)."""
    return [h.lower() for entry in entries for rule in entry.get("content", [])
            if rule.get("scan") for h in rule.get("hints", ())]


def match_entry(ctx: Any, entry: dict[str, Any], scan: SourceScan | None = None) -> Match:
    """Evaluate one entry once per target (6, 8 and 9a share entries); count 0: not seen."""
    return ctx.memo(f"signals.entry.{entry['id']}",  # type: ignore[no-any-return]
                    lambda: _match_entry(ctx, entry, scan))


def _match_entry(ctx: Any, entry: dict[str, Any], scan: SourceScan | None) -> Match:
    scan = scan if scan is not None else source_scan(ctx)
    match = Match(entry["id"], entry["name"], entry.get("kind", "standard"), entry.get("url"))
    view = ctx.view
    # Tests, examples and docs say little about what the product does, but a test suite is
    # itself a practice: practices look everywhere, standards only outside fixtures.
    fixtures = bool(entry.get("fixtures", match.kind == "practice"))
    if entry.get("files"):
        named = [p for p in _files_named(ctx, entry["files"]) if fixtures or not is_fixture(p)]
        if len(named) >= int(entry.get("min_files", 1)):
            for path in named:
                match.add(Evidence(f"{match.name}: file", path))
    if entry.get("paths"):
        for path in _paths_matching(ctx, entry["paths"]):
            match.add(Evidence(f"{match.name}: file", path))
    for rule in entry.get("content", []):
        _content_hits(ctx, scan, rule, match, fixtures)
    if entry.get("deps"):
        # Only what the project declares: a lockfile's transitive entries (ajv under eslint)
        # say nothing about the standards it implements. Manifests before lockfiles.
        deps = sorted((d for d in ctx.dependencies.dependencies
                       if getattr(d, "direct", True)
                       and (fixtures or not is_fixture(d.path))),
                      key=lambda d: bool(getattr(d, "lockfile", False)))
        for dep in matching(deps, entry["deps"]):
            scope = "" if dep.runtime else f" ({dep.scope})"
            match.add(Evidence(f"{match.name}: dependency {dep.name}{scope}", dep.path,
                               dep.line))
    if entry.get("tags") and view.git is not None:
        tag_re = _compile(entry["tags"])
        tags = [t for t in view.git.tags if tag_re.match(t)]
        if len(tags) >= int(entry.get("min_tags", 1)):
            match.count += len(tags)
            shown = ", ".join(sorted(tags)[-3:])
            match.evidence.append(Evidence(f"{len(tags)} release tags follow semantic "
                                           f"versioning (e.g. {shown})"))
    if entry.get("readme"):
        readme = next(iter(view.find("readme*", dirs=("", ".github", "docs"))), None)
        text = view.read_text(readme, 64 * 1024) if readme else None
        found = _compile(entry["readme"]).search(text) if text else None
        if found and readme and text:
            match.add(Evidence(f"{match.name}: badge in the README", readme,
                               text.count("\n", 0, found.start()) + 1))
    forge = getattr(ctx, "forge", None)
    inherited = getattr(forge, "inherited_files", None) or {}
    if match.count == 0 and entry.get("inherited") and inherited:
        for path in entry["inherited"]:
            hit = next((p for p in inherited if p.lower() == path.lower()), None)
            if hit:
                match.add(Evidence(f"{match.name}: {hit} inherited from the owner's .github "
                                   f"repository"))
    return match


def owner_files_unchecked(ctx: Any, what: str) -> Evidence | None:
    """When nothing was read from a forge (a local check), the evidence that the owner's
    ``.github`` repository, whose community files (``what``) GitHub shows for each of the
    owner's repositories without its own, was not looked at; ``None`` when it was or when the
    forge has no such repository."""
    if getattr(ctx, "forge", None) is not None:
        return None
    return Evidence(f"the owner's .github repository (where GitHub finds {what} for every "
                    "repository of the owner without its own) is not checked locally: check "
                    "the repository on its forge (dpgcheck owner/name) to include it",
                    basis="not-checked")


def match_catalogue(ctx: Any, entries: list[dict[str, Any]]) -> list[Match]:
    """Every entry seen in the target, in catalogue order."""
    scan = source_scan(ctx)
    return [m for m in (match_entry(ctx, e, scan) for e in entries) if m.count]


def fnmatch_any(name: str, globs: list[str]) -> bool:
    lower = name.lower()
    return any(glob_matcher(g.lower())(lower) for g in globs)
