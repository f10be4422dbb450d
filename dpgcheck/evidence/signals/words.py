"""Find words inside identifiers (``dateOfBirth``, ``date_of_birth``, ``DATE-OF-BIRTH``).

Tokenising every identifier of a large tree is slow in Python, so each word list is reduced to
lower-case hints (the longest token of each word); only the identifiers around a hint are
tokenised. Matching is on whole snake-case tokens: ``email`` matches ``user_email`` and
``emailAddress`` but not ``emailed_report_count``'s neighbour ``mailbox``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_IDENT_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


def snake(identifier: str) -> str:
    """``dateOfBirth`` -> ``date_of_birth``; hyphens count as underscores."""
    return _CAMEL.sub("_", identifier).replace("-", "_").lower().strip("_")


@dataclass(frozen=True)
class WordList:
    """Words (snake-case), the hints that find them, and tokens that veto a match."""

    words: tuple[str, ...]
    exclude: tuple[str, ...] = ()

    @cached_property
    def hints(self) -> tuple[str, ...]:
        return tuple(sorted({max(w.split("_"), key=len) for w in self.words}))

    @cached_property
    def _padded(self) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
        return (tuple(f"_{x}_" for x in self.exclude),
                tuple((f"_{w}_", w) for w in self.words))

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
        excluded, words = self._padded
        answer = None
        if not any(x in padded for x in excluded):
            answer = next((word for token, word in words if token in padded), None)
        if len(answers) < 65536:
            answers[identifier] = answer
        return answer


@dataclass(frozen=True)
class WordHit:
    word: str
    identifier: str
    offset: int


def _identifier_at(text: str, start: int, end: int) -> tuple[str, int]:
    while start > 0 and text[start - 1] in _IDENT_CHARS:
        start -= 1
    while end < len(text) and text[end] in _IDENT_CHARS:
        end += 1
    return text[start:end], start


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


def wordlist(words: Iterable[str], exclude: Iterable[str] = ()) -> WordList:
    return WordList(tuple(w.lower() for w in words), tuple(x.lower() for x in exclude))
