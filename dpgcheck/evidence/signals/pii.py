"""PII-looking fields in data models, migrations and schemas (indicator 9a).

The fields only *suggest* which of the DPGA's four PII answers applies: a field in a model or
migration means the data is at least collected and stored; whether it is distributed is for
the maintainer to declare.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from dpgcheck.datafile import load_data
from dpgcheck.evidence.signals.scan import SourceScan, source_scan
from dpgcheck.evidence.signals.words import WordList, find_many, same_offsets_lower, wordlist
from dpgcheck.model import Evidence

PII_MEMO_KEY = "signals.pii"
#: Schema languages whose column names are often upper case (``PHONE_NUMBER VARCHAR``); in
#: other code an upper-case name is a constant, not a field.
SCHEMA_EXT = (".sql", ".prisma", ".graphql", ".gql", ".proto", ".avsc", ".xml", ".yml", ".yaml",
              ".json")
MAX_EVIDENCE = 3


@dataclass
class PiiCategory:
    id: str
    name: str
    weak: bool
    fields: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    count: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "weak": self.weak, "count": self.count,
                "fields": self.fields, "evidence": [e.to_dict() for e in self.evidence]}


@dataclass
class PiiFindings:
    categories: list[PiiCategory]
    model_files: int

    @property
    def strong(self) -> list[PiiCategory]:
        return [c for c in self.categories if not c.weak]

    @property
    def suggested_level(self) -> str | None:
        """``stored`` when strong PII fields are in models, else ``None`` (no suggestion)."""
        return "stored" if self.strong else None


@cache
def _rules() -> tuple[re.Pattern[str], tuple[str, ...], list[tuple[dict[str, Any], WordList]]]:
    data = load_data("pii-fields.yml")
    followers = data.get("not_followed_by", ())
    rules = [(c, wordlist(c["words"], c.get("exclude", ()), followers))
             for c in data["categories"]]
    return (re.compile(data["model_paths"], re.IGNORECASE), tuple(data["model_path_hints"]),
            rules)


@lru_cache(maxsize=65536)
def is_model_file(path: str) -> bool:
    # The case-insensitive alternation costs ~8 µs a path; most paths hold none of its words.
    model_re, hints, _ = _rules()
    lower = path.lower()
    return any(h in lower for h in hints) and bool(model_re.search(path))


@cache
def _hint_automaton() -> Any:
    """Every category's hints in one automaton (``None`` without ahocorasick-rs): a model file
    is searched once for all of them instead of once per hint (~100 full searches a file)."""
    try:
        import ahocorasick_rs
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return ahocorasick_rs.AhoCorasick(list(_all_hints()),
                                      implementation=ahocorasick_rs.Implementation.DFA)


def hints_present(lower: str) -> frozenset[str] | None:
    """The PII hints ``lower`` contains, found in one pass; ``None`` when that is unavailable."""
    automaton = _hint_automaton()
    if automaton is None:
        return None
    hints = _all_hints()
    return frozenset(hints[number] for number, _, _
                     in automaton.find_matches_as_indexes(lower, overlapping=True))


def _occurrences(lower: str, hints: tuple[str, ...]) -> list[tuple[int, str]]:
    """(start, hint) of every hint occurrence: one automaton pass, else one search a hint.
    The automaton's offsets count characters, as ``str.find``'s do."""
    automaton = _hint_automaton()
    if automaton is not None:
        every = _all_hints()
        return [(start, every[number]) for number, start, _
                in automaton.find_matches_as_indexes(lower, overlapping=True)]
    found = []
    for hint in hints:
        index = lower.find(hint)
        while index >= 0:
            found.append((index, hint))
            index = lower.find(hint, index + len(hint))
    return found


@cache
def _all_hints() -> tuple[str, ...]:
    """Every category's search hints (``WordList.search_hints``)."""
    return tuple(dict.fromkeys(h for _, words in _rules()[2] for h in words.search_hints))


def find_pii(scan: SourceScan) -> PiiFindings:
    rules = _rules()[2]
    lists = [words for _, words in rules]
    found = {c["id"]: PiiCategory(c["id"], c["name"], bool(c.get("weak"))) for c, _ in rules}
    model_files = 0
    for item in scan.files:
        if item.kind not in ("code", "config") or item.fixture or not is_model_file(item.path):
            continue
        model_files += 1
        # Model files are few: test their heads directly rather than adding the PII words
        # to the scan-wide hint pass, which would then run over every head. All categories
        # are matched in one pass over the head.
        lower = same_offsets_lower(item.text, item.lower)
        occurrences = _occurrences(lower, _all_hints())
        if not occurrences:
            continue
        per_list = find_many(item.text, lower, lists, occurrences,
                             constants=item.path.lower().endswith(SCHEMA_EXT))
        for (category, _), hits in zip(rules, per_list, strict=True):
            target = found[category["id"]]
            for hit in hits:
                target.count += 1
                if hit.identifier not in target.fields and len(target.fields) < 12:
                    target.fields.append(hit.identifier)
                if len(target.evidence) < MAX_EVIDENCE and not any(
                        e.path == item.path for e in target.evidence):
                    target.evidence.append(Evidence(
                        f"{category['name']}: field '{hit.identifier}'", item.path,
                        item.line_of(hit.offset)))
    return PiiFindings([c for c in found.values() if c.count], model_files)


def pii_fields(ctx: Any) -> PiiFindings:
    return ctx.memo(PII_MEMO_KEY,  # type: ignore[no-any-return]
                    lambda: find_pii(source_scan(ctx)))
