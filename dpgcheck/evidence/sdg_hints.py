"""SDG hints in a repository: what its text, topics and badges say about the 17 Goals.

Shared by indicator 1 (evidence beside the declarations) and ``dpgcheck init`` (a start for
the maintainer). Only the repository's own text counts: pages behind URLs are not fetched.
The goal names and DPG markers live in ``data/sdgs.json``.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from dpgcheck.declarations.loader import DECLARATION_PATHS
from dpgcheck.evidence.regex_literals import Prefiltered
from dpgcheck.model import Evidence

if TYPE_CHECKING:
    from dpgcheck.repo.view import RepoView

#: Text files read for hints: READMEs anywhere near the top, docs, publiccode.yml.
MAX_FILES = 60
MAX_BYTES = 256 * 1024
TEXT_SUFFIXES = (".md", ".markdown", ".rst", ".txt", ".adoc", ".html", ".org", "")

_NUM = r"(1[0-7]|[1-9])"
# The text patterns run on lower-cased text without IGNORECASE and start with a literal, so
# the regex engine can scan for it; word boundaries at the start are checked in code.
#: "SDG 3", "SDG-3", "SDG#3", "SDGs 3, 4 and 5", "SDG3".
SDG_LIST_RE = re.compile(
    r"sdgs?\s*[-#:]?\s*(" + _NUM + r"(?:\s*(?:,|and|&|/|\+)\s*" + _NUM + r")*)\b")
#: "Goal 3" only counts on a line that also speaks of SDGs or sustainable development.
GOAL_RE = re.compile(r"\bgoals?\s*#?\s*" + _NUM + r"\b")
#: Target codes like 3.8 or 16.b, on a line with SDG context.
TARGET_RE = re.compile(r"(?<![\d.])" + _NUM + r"\.(1[0-9]|[1-9]|[a-d])(?![\d.])")
CONTEXT_RE = Prefiltered(re.compile(r"sdgs?|sustainable development|global goals"))
TOPIC_RE = re.compile(r"^sdg[-_]?(1[0-7]|0?[1-9])(?:$|[-_])", re.IGNORECASE)
GENERIC_TOPICS = frozenset({"sdg", "sdgs", "sustainable-development-goals",
                            "sustainable-development", "digital-public-goods",
                            "digital-public-good", "dpg", "dpgs"})
URL_GOAL_RE = Prefiltered(
    re.compile(r"sdgs\.un\.org/goals/goal(1[0-7]|[1-9])\b|/sdg-?(1[0-7]|[1-9])\b"))


@dataclass(frozen=True)
class Goal:
    number: int
    name: str
    pattern: Prefiltered


@cache
def sdg_data() -> dict[str, Any]:
    text = resources.files("dpgcheck").joinpath("data/sdgs.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def _phrase_pattern(phrases: Iterable[str]) -> Prefiltered:
    """Lower-case phrases, any run of spaces or hyphens between words.

    Matched against lower-cased text without IGNORECASE and without a leading ``\\b``, so the
    regex engine can scan for the literal first word (30 times faster on large docs). A goal
    has several phrases, so the engine still tries each position; a text that holds none of
    their words is not searched (``regex_literals.Prefiltered``): the goals were ~80% of the scan.
    """
    parts = []
    for phrase in phrases:
        words = [re.escape(w) for w in re.split(r"[\s-]+", phrase.lower())]
        parts.append(r"[\s-]+".join(words))
    return Prefiltered(re.compile("|".join(parts)))


@cache
def goals() -> tuple[Goal, ...]:
    return tuple(Goal(g["number"], g["name"], _phrase_pattern([g["name"], *g["aliases"]]))
                 for g in sdg_data()["goals"])


def _starts_word(low: str, start: int) -> bool:
    return start == 0 or not low[start - 1].isalnum()


def _word_at(low: str, start: int, end: int) -> bool:
    """The match is a whole phrase: no letter or digit glued to either end."""
    before = low[start - 1] if start > 0 else " "
    after = low[end] if end < len(low) else " "
    return not before.isalnum() and not after.isalnum()


def goal_name(number: int) -> str:
    for goal in goals():
        if goal.number == number:
            return goal.name
    return f"SDG {number}"


@dataclass
class SdgHints:
    """SDG numbers mentioned, each with where; generic SDG topics and DPG markers."""

    by_goal: dict[int, list[Evidence]] = field(default_factory=dict)
    general: list[Evidence] = field(default_factory=list)
    files_read: int = 0

    def add(self, number: int, evidence: Evidence) -> None:
        found = self.by_goal.setdefault(number, [])
        if len(found) < 5 and evidence not in found:
            found.append(evidence)

    @property
    def numbers(self) -> list[int]:
        return sorted(self.by_goal)


def candidate_files(view: RepoView) -> list[str]:
    """READMEs (root and one level down), docs text, publiccode.yml; never dpg.yml."""
    skip = {p.lower() for p in DECLARATION_PATHS}
    picked: list[str] = []
    picked += view.find("readme*", "publiccode.yml", "publiccode.yaml", "about*", "impact*",
                        dirs=("", ".github", "docs"))
    picked += [p for p in view.named("readme*") if p.count("/") <= 2]
    for top in ("docs", "doc", "documentation", "website/docs"):
        picked += [p for p in view.under(top)
                   if p.lower().endswith(TEXT_SUFFIXES[:-1])]
    out = []
    for path in dict.fromkeys(picked):
        if path.lower() in skip:
            continue
        out.append(path)
        if len(out) >= MAX_FILES:
            break
    return out


def scan_text(text: str, path: str, hints: SdgHints) -> None:
    """Every pattern runs once over the lower-cased text; lines come from the offsets."""
    low = text.lower()
    same = len(low) == len(text)  # lower() can change lengths in rare scripts
    starts: list[int] = []  # where each line starts, found at the first hit (most have none)

    def line_of(offset: int) -> int:
        if not starts:
            starts.extend([0, *(m.end() for m in re.finditer("\n", low))])
        return bisect_right(starts, offset)

    def ev(what: str, offset: int) -> Evidence:
        return Evidence(what, path=path, line=line_of(offset))

    def shown(match: re.Match[str]) -> str:
        raw = text[match.start():match.end()] if same else match.group(0)
        return " ".join(raw.split())

    for match in SDG_LIST_RE.finditer(low):
        if _starts_word(low, match.start()):
            for num in re.findall(r"\d+", match.group(1)):
                hints.add(int(num), ev(f"mentions '{shown(match)}'", match.start()))
    for match in URL_GOAL_RE.finditer(low):
        hints.add(int(match.group(1) or match.group(2)), ev("links to an SDG page",
                                                            match.start()))
    for goal in goals():
        for match in goal.pattern.finditer(low):
            if _word_at(low, match.start(), match.end()):
                hints.add(goal.number, ev(f"names the goal '{goal.name}'", match.start()))
    context_lines = {line_of(m.start()) for m in CONTEXT_RE.finditer(low)
                     if _starts_word(low, m.start())}
    for lineno in sorted(context_lines)[:500]:
        begin = starts[lineno - 1]
        line = low[begin:begin + 2000].split("\n", 1)[0]
        for match in GOAL_RE.finditer(line):
            hints.add(int(match.group(1)), ev(f"mentions '{match.group(0)}'", begin))
        for match in TARGET_RE.finditer(line):
            hints.add(int(match.group(1)), ev(f"mentions SDG target {match.group(0)}", begin))
    for marker in (m.lower() for m in sdg_data()["dpg_markers"]):
        offset = low.find(marker)
        while offset >= 0 and len(hints.general) < 5:
            hints.general.append(ev(f"mentions '{marker}' (Digital Public Goods)", offset))
            offset = low.find(marker, offset + len(marker))


def find_sdg_hints(view: RepoView, topics: Iterable[str] = ()) -> SdgHints:
    """Every SDG hint in the repository's text and the forge's topics."""
    hints = SdgHints()
    for topic in topics:
        match = TOPIC_RE.match(topic)
        if match:
            hints.add(int(match.group(1)), Evidence(f"repository topic '{topic}'"))
        elif topic.lower() in GENERIC_TOPICS:
            hints.general.append(Evidence(f"repository topic '{topic}'"))
    for path in candidate_files(view):
        text = view.read_text(path, MAX_BYTES)
        if text is None:
            continue
        hints.files_read += 1
        scan_text(text, path, hints)
    return hints


def goals_in_url(url: str) -> list[int]:
    """SDG numbers a URL itself names (``sdgs.un.org/goals/goal3``); pages are not fetched."""
    return sorted({int(m.group(1) or m.group(2)) for m in URL_GOAL_RE.finditer(url.lower())})
