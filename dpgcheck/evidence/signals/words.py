"""Find words inside identifiers (``dateOfBirth``, ``date_of_birth``, ``DATE-OF-BIRTH``).

Tokenising every identifier of a large tree is slow in Python, so each word list is reduced to
lower-case hints (the longest token of each word); only the identifiers around a hint are
tokenised. Matching is on whole snake-case tokens: ``email`` matches ``user_email`` and
``emailAddress`` but not ``emailed_report_count``'s neighbour ``mailbox``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_IDENT_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def same_offsets_lower(text: str, lower: str) -> str:
    """``lower`` when its offsets are ``text``'s, else ``text`` with only A-Z lowered: a few
    characters grow when lowered (``İ`` -> ``i̇``), which would shift every later hint
    offset off its identifier in ``text``. Hints and identifiers are ASCII, so both find
    the same words."""
    return lower if len(lower) == len(text) else text.translate(_ASCII_LOWER)


@lru_cache(maxsize=65536)
def snake(identifier: str) -> str:
    """``dateOfBirth`` -> ``date_of_birth``; hyphens count as underscores (cached: every word
    list asks about the same identifiers of a file)."""
    return _CAMEL.sub("_", identifier).replace("-", "_").lower().strip("_")


@dataclass(frozen=True)
class WordList:
    """Words (snake-case), the hints that find them, and tokens that veto a match.

    ``exclude``: tokens anywhere in the identifier veto it (``cert_fingerprint``).
    ``followers``: tokens after the word make the identifier name something else, of which
    the word is only a modifier (``EMAIL_PORT``, ``phone_validator``, ``EmailStr``)."""

    words: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    followers: tuple[str, ...] = ()

    @cached_property
    def hints(self) -> tuple[str, ...]:
        return tuple(sorted({max(w.split("_"), key=len) for w in self.words}))

    @cached_property
    def search_hints(self) -> tuple[str, ...]:
        """One token of each word to search for, the least common in code: every identifier
        that matches a word holds all its tokens, so any one of them finds it. ``hints`` (the
        longest tokens) still decide the order of the hits; these only find them, with far
        fewer false starts (``license`` of ``driver_license`` is in every licence header)."""
        def pick(word: str) -> str:
            tokens = word.split("_")
            rare = [t for t in tokens if t not in COMMON_TOKENS] or tokens
            return max(rare, key=len)
        return tuple(sorted({pick(w) for w in self.words}))

    @cached_property
    def _padded(self) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...], tuple[str, ...]]:
        return (tuple(f"_{x}_" for x in self.exclude),
                tuple((f"_{w}_", w) for w in self.words),
                tuple(f"_{x}_" for x in self.followers))

    @cached_property
    def _answers(self) -> dict[str, str | None]:
        return {}

    def matches(self, identifier: str) -> str | None:
        """The word ``identifier`` contains at token boundaries, else ``None``.

        Remembered per identifier: a model file names the same fields again and again
        (``email`` in a column, a getter, a setter, a builder), and splitting camel case is
        the costly part (a third of the PII search on a large Java tree)."""
        answers = self._answers
        try:
            return answers[identifier]
        except KeyError:
            pass
        padded = f"_{snake(identifier)}_"
        excluded, words, followers = self._padded
        answer = None
        if not any(x in padded for x in excluded):
            answer = next((word for token, word in words
                           if _names_it(padded, token, followers)), None)
        if len(answers) < 65536:
            answers[identifier] = answer
        return answer


def _names_it(padded: str, token: str, followers: tuple[str, ...]) -> bool:
    """``token`` occurs in ``padded`` once with none of ``followers`` after it."""
    at = padded.find(token)
    while at >= 0:
        rest = padded[at + len(token) - 1:]
        if not any(f in rest for f in followers):
            return True
        at = padded.find(token, at + 1)
    return False


def is_constant(identifier: str) -> bool:
    """``EMAIL_PORT``, ``SCREEN_SIZE_PHONE``: in code, upper case names a setting or an
    enumeration value, not a field that holds someone's data."""
    return identifier.isupper()


@dataclass(frozen=True)
class WordHit:
    word: str
    identifier: str
    offset: int


_RUN = re.compile(r"[A-Za-z0-9_-]*")
#: Tokens that occur everywhere in source code (licence headers, client code, status codes):
#: poor ones to search for when a word has a rarer token.
COMMON_TOKENS = frozenset({"license", "licence", "client", "code", "status", "number",
                           "location", "condition", "last", "current", "ip", "in", "of",
                           "id", "no", "name", "date", "type", "data", "line", "address"})


def _identifier_at(text: str, start: int, end: int, reverse: str | None = None
                   ) -> tuple[str, int]:
    """The identifier around ``text[start:end]`` and where it starts. ``reverse``: the text
    reversed, so that the run before ``start`` is one regular-expression match, not a loop."""
    if reverse is None:
        while start > 0 and text[start - 1] in _IDENT_CHARS:
            start -= 1
    else:
        back = len(text) - start
        start -= _RUN.match(reverse, back).end() - back  # type: ignore[union-attr]
    return text[start:_RUN.match(text, end).end()], start  # type: ignore[union-attr]


def find_many(text: str, lower: str, lists: Sequence[WordList],
              occurrences: Iterable[tuple[int, str]], *, constants: bool = True
              ) -> list[list[WordHit]]:
    """For each of ``lists``, what ``find_words`` finds, from one pass's hint occurrences.

    ``occurrences``: (start, hint) for every occurrence in ``lower`` of any list's
    ``search_hints`` (one automaton pass). Each list's hits come in ``find_words``' order: by
    the rank of the first of its ``hints`` that the identifier holds, then by that hint's
    offset; identifiers that match no word are dropped before that order is computed.
    ``constants=False``: upper-case identifiers are not fields (``is_constant``).
    """
    users = _hint_users(tuple(lists))
    reverse: str | None = None
    candidates: list[dict[int, str]] = [{} for _ in lists]
    spans: dict[int, tuple[str, int]] = {}
    for start, hint in occurrences:
        span = spans.get(start)
        if span is None:
            if reverse is None:
                reverse = text[::-1]
            span = spans[start] = _identifier_at(text, start, start + len(hint), reverse)
        identifier, begin = span
        if not constants and is_constant(identifier):
            continue
        for number in users.get(hint, ()):
            candidates[number][begin] = identifier
    result: list[list[WordHit]] = []
    for words, found in zip(lists, candidates, strict=True):
        hits = []
        for begin, identifier in found.items():
            word = words.matches(identifier)
            if word:
                hits.append((_order_key(words.hints, identifier, begin), word, identifier, begin))
        hits.sort()
        result.append([WordHit(word, identifier, begin) for _, word, identifier, begin in hits])
    return result


def _order_key(hints: tuple[str, ...], identifier: str, begin: int) -> tuple[int, int]:
    """Where ``find_words`` would have met this identifier: its first hint, then offset."""
    lower = identifier.lower()
    for rank, hint in enumerate(hints):
        at = lower.find(hint)
        if at >= 0:
            return rank, begin + at
    return len(hints), begin


@lru_cache(maxsize=16)
def _hint_users(lists: tuple[WordList, ...]) -> dict[str, list[int]]:
    """search hint -> the numbers of the lists that search for it."""
    users: dict[str, list[int]] = {}
    for number, words in enumerate(lists):
        for hint in words.search_hints:
            users.setdefault(hint, []).append(number)
    return users


def find_words(text: str, lower: str, wordlist: WordList,
               hints: Iterable[str] | None = None) -> Iterator[WordHit]:
    """Each identifier of ``text`` containing a word of ``wordlist`` (once per identifier).

    ``hints``: the list's hints known to occur in ``text`` (in the list's order), when the
    caller knows them; the others are not searched for."""
    seen: set[int] = set()
    for hint in wordlist.hints if hints is None else hints:
        index = lower.find(hint)
        while index >= 0:
            identifier, start = _identifier_at(text, index, index + len(hint))
            if start not in seen:
                seen.add(start)
                word = wordlist.matches(identifier)
                if word:
                    yield WordHit(word, identifier, start)
            index = lower.find(hint, index + len(hint))


def wordlist(words: Iterable[str], exclude: Iterable[str] = (),
             followers: Iterable[str] = ()) -> WordList:
    return WordList(tuple(w.lower() for w in words), tuple(x.lower() for x in exclude),
                    tuple(x.lower() for x in followers))
