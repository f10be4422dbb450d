"""Is a secret-looking match a credible secret? The one place that decides it.

A committed-secret finding fails a recognised DPG, so it needs a credential a stranger could
use: a key ID with its secret, a high-entropy value that is not a placeholder, outside test
fixtures, examples and development set-ups. Everything else is reported with the reason it was
discounted; publishable client keys are reported with the advice to restrict them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dpgcheck.evidence.signals.devkeys import dev_key_reason
from dpgcheck.evidence.signals.pathwords import path_words, production_path

FIXTURE = "test, example or documentation file"
PLACEHOLDER = "placeholder value"
LOW_ENTROPY = "low-entropy value (not a random secret)"
SEED = "database seed or dump for development"
#: Below this many bits a character, a long value is a pattern, not a random secret.
MIN_ENTROPY = 3.0
#: Data files whose path says they seed or dump a development database; ``db`` counts only in
#: a file name that says more (``mailroom_db.json``, not ``config/db.json``).
_SEED_WORDS = frozenset({"seed", "seeds", "seeder", "seeders", "seeding", "dump", "dumps",
                         "testdb", "devdb"})
_CONFIG_WORDS = frozenset({"config", "conf", "configs", "settings", "secret", "secrets",
                           "credentials", "deploy", "deployment"})
_DATA_EXT = (".json", ".yml", ".yaml", ".sql", ".xml", ".csv")
#: Source files that run in a browser or ship inside an app, by extension or folder word.
_CLIENT_EXT = (".html", ".htm", ".vue", ".svelte", ".jsx", ".tsx")
_CLIENT_CODE_EXT = (".js", ".mjs", ".ts", ".dart", ".kt", ".java", ".swift", ".m", ".xml",
                    ".plist", ".json")
_CLIENT_WORDS = frozenset({"client", "frontend", "webapp", "www", "public", "static", "ui",
                           "components", "browser", "android", "ios", "mobile", "res", "assets",
                           "front", "spa", "widget", "widgets"})
_WORDS = re.compile(r"[a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


@dataclass(frozen=True)
class Verdict:
    """``reason``: why the match is not counted (``None``: a credible secret); ``public``: a
    publishable client key, reported with the advice to restrict it."""

    reason: str | None = None
    public: bool = False


CREDIBLE = Verdict()


def entropy(value: str) -> float:
    """Shannon entropy in bits a character."""
    if not value:
        return 0.0
    counts = Counter(value)
    size = len(value)
    return -sum(n / size * math.log2(n / size) for n in counts.values())


def is_placeholder(value: str, placeholders: tuple[str, ...]) -> bool:
    lower = value.lower()
    return any(p in lower for p in placeholders)


@lru_cache(maxsize=4096)
def seed_file(path: str) -> bool:
    """A data file named as a database seed or dump (``mailroom_db.json``, ``seeds/users.yml``),
    unless its path says production."""
    lower = path.lower()
    if not lower.endswith(_DATA_EXT) or production_path(path):
        return False
    words = path_words(path)
    if any(w in _CONFIG_WORDS for w in words):
        return False
    name = path_words(path.rpartition("/")[2].rpartition(".")[0])
    return any(w in _SEED_WORDS for w in words) or ("db" in name and len(name) > 1)


@lru_cache(maxsize=4096)
def client_side(path: str) -> bool:
    """Code that runs in a browser or ships inside a mobile app (its keys are public)."""
    lower = path.lower()
    if lower.endswith(_CLIENT_EXT):
        return True
    return lower.endswith(_CLIENT_CODE_EXT) and any(
        w in _CLIENT_WORDS for w in path_words(path.rpartition("/")[0]))


def _context_words(text: str, start: int) -> set[str]:
    """Words of the line holding offset ``start`` and of the line before (a comment)."""
    begin = text.rfind("\n", 0, max(text.rfind("\n", 0, start), 0)) + 1
    end = text.find("\n", start)
    return set(_WORDS.findall(_CAMEL.sub("_", text[begin:end if end >= 0 else None]).lower()))


def _has_pair(text: str, pair: dict[str, Any], own: str, placeholders: tuple[str, ...]) -> bool:
    for found in _compile(pair["pattern"]).finditer(text):
        value = found.group(0)
        if value == own or re.fullmatch(r"[0-9a-fA-F]+", value):
            continue
        mixed = (any(c.islower() for c in value) and any(c.isupper() for c in value)
                 and any(c.isdigit() for c in value))
        if mixed and entropy(value) >= float(pair.get("min_entropy", 4.0)) and \
                not is_placeholder(value, placeholders):
            return True
    return False


@lru_cache(maxsize=64)
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def judge(pattern: Any, item: Any, start: int, value: str, placeholders: tuple[str, ...],
          view: Any = None) -> Verdict:
    """The verdict on one match of ``pattern`` at ``start`` in the scanned file ``item``."""
    if item.fixture:
        return Verdict(FIXTURE)
    if pattern.public:
        return Verdict("a publishable client key, public by design", True)
    if pattern.needs_body:
        body = item.text[start:start + 400].partition("-----\n")[2] or item.text[start:start + 400]
        if entropy(body) < MIN_ENTROPY:
            return Verdict(LOW_ENTROPY)
        if seed_file(item.path):
            return Verdict(SEED)
        reason = dev_key_reason(view, item.path, item.text[start:])
        return Verdict(reason) if reason else CREDIBLE
    if is_placeholder(value, placeholders):
        return Verdict(PLACEHOLDER)
    if len(value) >= 16 and entropy(value) < MIN_ENTROPY:
        return Verdict(LOW_ENTROPY)
    if seed_file(item.path):
        return Verdict(SEED)
    public = _public_where(pattern, item, start)
    if public:
        return Verdict(f"{public}, public by design", True)
    if pattern.pair and not _has_pair(item.text, pattern.pair, value, placeholders):
        return Verdict(f"{pattern.name} without its {pattern.pair['name']} in the same file "
                       "(an identifier, not a credential)")
    return CREDIBLE


def _public_where(pattern: Any, item: Any, start: int) -> str | None:
    rule = pattern.public_when
    if not rule:
        return None
    name = item.path.rpartition("/")[2].lower()
    if name in rule.get("names", ()):
        return f"in the app configuration file {name}"
    if rule.get("client") and client_side(item.path):
        return "in browser or app code"
    context = set(rule.get("context", ()))
    if context & _context_words(item.text, start):
        return "named for a client API (maps, Firebase)"
    return None
