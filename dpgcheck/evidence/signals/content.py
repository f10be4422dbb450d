"""Signs of user content (uploads, user-generated-content models) and of its moderation (9b).

What the code shows only *suggests* which of the four content answers applies: an upload
handler or a comments table means content is at least collected and stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from dpgcheck.datafile import load_data
from dpgcheck.evidence.signals.catalogue import Match, match_entry, rule_hints
from dpgcheck.evidence.signals.pii import is_model_file
from dpgcheck.evidence.signals.scan import source_scan
from dpgcheck.evidence.signals.words import WordList, find_words, same_offsets_lower, wordlist
from dpgcheck.model import Evidence

CONTENT_MEMO_KEY = "signals.content"
MAX_EVIDENCE = 3


@dataclass
class ContentSignals:
    uploads: Match
    policies: Match
    moderation_deps: Match
    ugc_models: list[Evidence] = field(default_factory=list)
    ugc_count: int = 0
    moderation: list[Evidence] = field(default_factory=list)
    moderation_count: int = 0

    @property
    def collects_content(self) -> bool:
        return bool(self.uploads.count or self.ugc_count)

    @property
    def moderates(self) -> bool:
        return bool(self.moderation_count or self.moderation_deps.count)

    @property
    def suggested_level(self) -> str | None:
        return "stored" if self.collects_content else None

    def to_dict(self) -> dict[str, Any]:
        return {"uploads": self.uploads.to_dict(), "ugc_models": self.ugc_count,
                "moderation_signs": self.moderation_count + self.moderation_deps.count,
                "policies": self.policies.to_dict(),
                "suggested_level": self.suggested_level}


@cache
def _rules() -> tuple[dict[str, Any], re.Pattern[str], WordList]:
    data = load_data("content-signals.yml")
    return data, re.compile(data["ugc_models"]), wordlist(data["moderation_words"])


def hints() -> list[str]:
    """The words content detection asks the source scan about (``Indicator.scan_hints``)."""
    data, _, moderation_words = _rules()
    entries = [data["uploads"], data["policies"], data["moderation_deps"]]
    return [*rule_hints(entries), *moderation_words.hints]


#: The names of ``ugc_models``'s class-declaration branch, read from the pattern itself.
_CLASS_BRANCH = re.compile(r"class\\s\+\(([\w|]+)\)\\b")
_CREATE_TABLE = re.compile(r"create\s+table")


@cache
def _class_names() -> re.Pattern[str] | None:
    """``class <Name>`` for the names of ``ugc_models``'s class branch (``None`` when the
    pattern has no such branch to read them from)."""
    found = _CLASS_BRANCH.search(_rules()[1].pattern)
    return re.compile(rf"class\s+(?:{found.group(1)})\b") if found else None


def _may_name_ugc(text: str) -> bool:
    """Whether ``ugc_models`` can match ``text`` at all: every match holds ``class`` and one
    of the class branch's names, ``create_table``, ``createTable(`` or, in any case,
    ``create table`` (no other character lowers to those letters, nor does the regex
    engine's case folding map any to them). The regex tries every character of a head (its
    branches start with common letters and a line anchor), and most model heads of a Java
    or TypeScript tree say ``class`` or ``create`` without any of these (Fineract's 1,201
    model heads: 127 -> 24 ms). A property test draws matches of the pattern itself and
    checks that each passes."""
    names = _class_names()
    if names is None:  # the weaker test: every branch holds "class" or "create"
        return "class" in text or "create" in text.lower()
    if names.search(text) or "create_table" in text or "createTable(" in text:
        return True
    low = text.lower()
    return "create" in low and _CREATE_TABLE.search(low) is not None


def find_content(ctx: Any) -> ContentSignals:
    data, ugc_re, moderation_words = _rules()
    scan = source_scan(ctx)
    signals = ContentSignals(match_entry(ctx, data["uploads"], scan),
                             match_entry(ctx, data["policies"], scan),
                             match_entry(ctx, data["moderation_deps"], scan))
    moderation_files = scan.files_with_any(tuple(moderation_words.hints))
    for item in scan.of_kind("code", "config"):
        if item.fixture:
            continue
        if is_model_file(item.path) and _may_name_ugc(item.text):
            for found in ugc_re.finditer(item.text):
                signals.ugc_count += 1
                if len(signals.ugc_models) < MAX_EVIDENCE:
                    name = next(g for g in found.groups() if g)
                    signals.ugc_models.append(Evidence(
                        f"user-generated-content model or table '{name}'", item.path,
                        item.line_of(found.start())))
        if item.index in moderation_files:
            present = scan.hints_in(item.index, moderation_words.hints)
            lower = same_offsets_lower(item.text, item.lower)
            for hit in find_words(item.text, lower, moderation_words, present):
                signals.moderation_count += 1
                if len(signals.moderation) < MAX_EVIDENCE and not any(
                        e.path == item.path for e in signals.moderation):
                    signals.moderation.append(Evidence(
                        f"moderation or reporting code: '{hit.identifier}'", item.path,
                        item.line_of(hit.offset)))
    return signals


def content_signals(ctx: Any) -> ContentSignals:
    return ctx.memo(CONTENT_MEMO_KEY, lambda: find_content(ctx))  # type: ignore[no-any-return]
