"""Source-available and restricted licences, recognised by their own title and key clauses.

Real copies of these licences rarely match a reference text: the Business Source License
starts with a project's parameter block (Licensor, Licensed Work, Change Date...), the
Confluent Community License has no SPDX text at all, and riders such as Commons Clause sit
under an open licence. The title and the clauses that make the licence what it is decide,
before any similarity to an open licence can approve it. Rules live in
``dpgcheck/data/license-source-available.json``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from dpgcheck.datafile import load_json

#: How much of a text's head may hold the title (BUSL puts a parameter block first).
TITLE_HEAD = 4000
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    return load_json("license-source-available.json")  # type: ignore[no-any-return]


def _flat(text: str) -> str:
    return _SPACES.sub(" ", text.replace("*", " ").replace("#", " ")).lower()


def restricted(text: str) -> str | None:
    """The SPDX id (or ``LicenseRef-``) of a source-available licence the text is, if any."""
    flat = _flat(text)
    head = flat[:TITLE_HEAD]
    for entry in _rules()["licences"]:
        if entry["title"] not in head:
            continue
        hits = sum(1 for clause in entry["clauses"] if clause in flat)
        if hits >= int(entry["min"]):
            return str(entry["spdx"])
    return None


def title_line(text: str) -> str:
    """The licence's own title: the first non-blank line that names a licence."""
    for line in text.replace("\r", "").split("\n")[:15]:
        words = line.strip().strip("#*=- ").lower()
        if words and re.search(r"\blicen[cs]e\b", words) and len(words.split()) <= 14:
            return words
    return ""


def modified_title(text: str) -> str | None:
    """A title that says the licence was changed ("Modified Apache License"), or ``None``."""
    title = title_line(text)
    for marker in _rules()["modified_titles"]:
        if marker in title:
            return title
    return None
