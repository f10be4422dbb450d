"""The words of a path, shared by the rules that judge a file by where it sits.

Kept apart from the key rules so that what reads Compose files and what judges keys both use it
without importing each other.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

#: Two path words that, written together, are one word (``self-signed`` is ``selfsigned``).
_JOINED = {("self", "signed"): "selfsigned", ("snake", "oil"): "snakeoil",
           ("local", "host"): "localhost", ("dev", "env"): "devenv"}
#: Path words that keep a key credible whatever else the path says.
PRODUCTION_WORDS = frozenset({"prod", "production", "live", "prd"})
_WORD = re.compile(r"[a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


@lru_cache(maxsize=4096)
def path_words(path: str) -> tuple[str, ...]:
    """The words of a path (folders and file name), camel case split, lower case."""
    words = _WORD.findall(_CAMEL.sub("_", path).lower())
    joined = [_JOINED[pair] for pair in pairwise(words) if pair in _JOINED]
    return (*words, *joined)


def production_path(path: str) -> bool:
    """Whether a word of ``path`` says production (``prod``, ``live``)."""
    return any(w in PRODUCTION_WORDS for w in path_words(path))
