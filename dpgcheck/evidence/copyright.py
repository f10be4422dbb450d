"""Copyright holders from notices, with placeholder detection and fuzzy name comparison.

A licence file copied from a template (``Copyright (c) [year] [fullname]``) names nobody; the
sample notices in a licence's how-to-apply appendix and the licence steward's own line (the
FSF atop the GPL) are not the project's. Holder names are compared loosely because the same
owner is written many ways (``The CKAN Association``, ``CKAN Association and contributors``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from dpgcheck.datafile import load_json

_NOTICE = re.compile(
    r"^[\s#*/;!%\"'>|-]*(?:\.\.\s+)?"
    r"(?P<kind>SPDX-FileCopyrightText\s*:|Copyright\b\s*:?|\(c\)|©)"
    r"(?P<rest>.*)$",
    re.IGNORECASE,
)
_SYMBOLS = re.compile(r"^(?:\s*(?:\(c\)|©|copyright\b|:))+", re.IGNORECASE)
_YEARS = re.compile(r"^[\s,]*(?:(?:\d{4}(?:\s*[-–]\s*(?:\d{4}|present|now))?|\[y+\]|\[year\]|"
                    r"<year>|\{\{\s*\w*year\w*\s*\}\})[\s,]*)+", re.IGNORECASE)
_EMAIL = re.compile(r"<[^<>\s]+@[^<>\s]+>|\([^()\s]+@[^()\s]+\)|\S+@\S+\.\w+")
_URL = re.compile(r"<?https?://\S+>?|\(https?://[^)]*\)")
_TAIL = re.compile(r"(?:[,.]?\s*all rights reserved\.?.*$|\s*\*/\s*$|\s+-->\s*$)", re.IGNORECASE)
#: Words left dangling once a URL is removed: "The Authors located at <url>".
_DANGLING = re.compile(r"[\s,;:]+(?:(?:located|listed|found|available|described)\s+)?"
                       r"(?:at|in|on|see|from|by)?[\s.,;:]*$")
#: A licence sentence where a holder should be: "© 2023. This program is free software".
_SENTENCE = re.compile(r"^(?:this|these|the) (?:program|file|work|software|code|project|library)"
                       r"\b|\bis free software\b|\b(?:is|are) (?:openly |freely )?licen[cs]ed\b|"
                       r"\byou can\b|\bpermission is\b", re.IGNORECASE)
_PREFIX = re.compile(r"^(?:by|held by|owned by)\s+", re.IGNORECASE)
#: Words after "Copyright" showing the line talks about copyright rather than stating it.
_PROSE = re.compile(r"^(?:notices?|holders?|owners?|laws?|licen[cs]e[sd]?|protection|statement|"
                    r"and|or|of|in|to|is|the copyright|information|assignment|policy|header|"
                    r"year|line|status|act)\b",
                    re.IGNORECASE)


@dataclass(frozen=True)
class Holder:
    """A copyright holder (or author) named in a file, or a placeholder standing for one."""

    name: str
    path: str
    line: int
    source: str            # licence, notice, authors, manifest, citation, header, declared
    placeholder: bool = False


def data() -> dict[str, Any]:
    return load_json("ownership.json")  # type: ignore[no-any-return]


def is_placeholder(name: str) -> bool:
    """True when ``name`` is a template blank (``[fullname]``, ``YOUR NAME``, ``{{ author }}``)."""
    lowered = " ".join(name.lower().split()).strip(" .,")
    if not lowered:
        return True
    return any(re.search(p, lowered) for p in data()["placeholders"])


_BRACKETED = re.compile(r"[<\[]\s*([^<>\[\]\n]{1,60}?)\s*[>\]]")


def _unwrap(rest: str) -> str:
    """A template filled in but left in its brackets (``<2020> <Bluesquare>``): the values."""
    words = data()["template_words"]

    def keep(match: re.Match[str]) -> str:
        inner = match.group(1)
        if re.fullmatch(r"\d{4}(?:\s*[-–]\s*\d{4})?", inner):
            return inner
        if "@" in inner or any(w in inner.lower() for w in words):
            return match.group(0)
        return inner

    return _BRACKETED.sub(keep, rest)


def holder_from_line(line: str) -> tuple[str, bool] | None:
    """The holder named by a copyright notice line and whether it is a placeholder.

    ``None`` when the line is not a notice (prose about copyright, a bare ``Copyright``).
    """
    match = _NOTICE.match(line.strip())
    if not match:
        return None
    kind = match.group("kind").lower()
    rest = _unwrap(match.group("rest"))
    rest = _SYMBOLS.sub("", rest)
    had_year = bool(_YEARS.match(rest))
    rest = _YEARS.sub("", rest)
    rest = _URL.sub("", _EMAIL.sub("", rest))
    rest = _TAIL.sub("", rest).strip(" \t,.;:*-/#")
    rest = _PREFIX.sub("", rest)
    rest = _DANGLING.sub("", rest)
    rest = re.sub(r"\s+", " ", rest).strip()
    sentence = re.search(r"\.\s+(?=[A-Z][^.]*\b(?:is|are|was|licensed|reserved)\b)", rest)
    if sentence:
        rest = rest[: sentence.start() + 1]
    marked = kind.startswith("spdx") or "(c)" in match.group(0).lower() or "©" in match.group(0)
    if not rest:
        return None
    if not (marked or had_year) and not is_placeholder(rest):
        return None
    if not had_year and _PROSE.match(rest) and not is_placeholder(rest):
        return None
    if _SENTENCE.search(rest):
        return None
    if len(rest) > 120:
        rest = rest[:120].rsplit(" ", 1)[0] + "…"
    return rest, is_placeholder(rest)


def holders_in_text(text: str, path: str, source: str, *, licence_text: bool = False,
                    max_holders: int = 50) -> list[Holder]:
    """Every copyright notice in ``text``; for licence texts, stop at the how-to-apply part."""
    markers = data()["appendix_markers"] + data()["third_party_markers"] if licence_text else []
    lowered_text = text.lower()
    # A steward's line is its licence's boilerplate only where its licence text is.
    stewards = [s for s in data()["licence_text_holders"]
                if any(m in lowered_text for m in data()["licence_text_markers"].get(
                    "creative commons" if "creative commons" in s else s, []))]
    holders: list[Holder] = []
    for number, line in enumerate(text.splitlines(), 1):
        lowered = line.lower()
        if markers and any(m in lowered for m in markers):
            break
        parsed = holder_from_line(line)
        if parsed is None:
            continue
        name, placeholder = parsed
        if licence_text and any(s in name.lower() for s in stewards):
            continue
        holders.append(Holder(name, path, number, source, placeholder))
        if len(holders) >= max_holders:
            break
    return holders


# --------------------------------------------------------------------------- comparison
def name_tokens(name: str) -> set[str]:
    """Significant lower-case words of a name (legal forms, 'the', 'contributors' dropped)."""
    generic = set(data()["generic_words"])
    words = re.findall(r"[^\W_]+", name.lower())
    return {w for w in words if w not in generic and len(w) > 1}


def same_owner(first: str, second: str) -> bool:
    """Loose match: a shared significant word, an acronym, or near-identical spelling."""
    a, b = name_tokens(first), name_tokens(second)
    if not a or not b:
        return False
    if a & b:
        return True
    joined_a, joined_b = "".join(sorted(a)), "".join(sorted(b))
    if _acronym(first) in b or _acronym(second) in a:
        return True
    squashed_a = re.sub(r"[^a-z0-9]", "", first.lower())
    squashed_b = re.sub(r"[^a-z0-9]", "", second.lower())
    if any(len(t) >= 4 and t in squashed_b for t in a) or any(
            len(t) >= 4 and t in squashed_a for t in b):
        return True
    return SequenceMatcher(None, joined_a, joined_b).ratio() >= 0.85


def _acronym(name: str) -> str:
    words = [w for w in re.findall(r"[^\W_]+", name) if w.lower() not in ("the", "of", "and",
                                                                            "for")]
    return "".join(w[0] for w in words).lower() if len(words) >= 2 else ""


def filled_appendix_holders(text: str, path: str) -> list[Holder]:
    """The copyright line a project filled in inside a licence's how-to-apply appendix
    (Apache's "Copyright [yyyy] [name of copyright owner]" replaced by its own name)."""
    lowered = text.lower()
    start = -1
    for marker in ("appendix: how to apply the apache license", "how to apply these terms",
                   "end of terms and conditions"):
        start = lowered.find(marker)
        if start >= 0:
            break
    if start < 0:
        return []
    first = text.count("\n", 0, start) + 1
    lines = text[start:].splitlines()[:40]
    out = []
    for offset, line in enumerate(lines):
        parsed = holder_from_line(line)
        if parsed and not parsed[1]:
            out.append(Holder(parsed[0], path, first + offset, "licence"))
    return out


def strip_template_variables(text: str) -> str:
    """``${year}``, ``{{ year }}`` and ``%(year)s`` of a header template, removed."""
    return re.sub(r"\$\{[^}\n]*\}|\{\{[^}\n]*\}\}|%\([a-z_]+\)s", "", text)
