"""Repository text made safe for the sink it is written to: one function per sink.

Everything a checked repository says (owner names, waiver reasons, README titles, licence
names, file names, notes) is untrusted. Written raw, it could clear a reviewer's screen, set
the window title or plant an OSC-8 link (terminal), run a script or a ``javascript:`` link
(Markdown rendered to HTML), or start a formula (CSV opened in a spreadsheet).

- :func:`terminal`: control characters (C0 but newline and tab, DEL, C1, BiDi overrides and
  isolates, line separators) shown as visible escapes (``\\x1b``, ``\\u202e``); rich markup
  is never parsed from it (see :func:`rich_markup`).
- :func:`markdown`: the terminal escapes, plus HTML, links, images and code spans
  neutralised (``<`` ``>`` ``&`` as entities, ``[ ] ! `` ` `` ``\\`` backslash-escaped).
- :func:`csv_cell`: the terminal escapes, plus a leading ``'`` on cells a spreadsheet would
  read as a formula (``=`` ``+`` ``-`` ``@``, tab, carriage return).
- :func:`html`: the terminal escapes, then ``html.escape``.
- :func:`json_text`: for already-encoded JSON: C1, BiDi and separators as ``\\uXXXX``
  escapes, lossless (JSON already escapes C0).

:func:`clean` applies a sink to every string of a report (dataclasses, lists, dicts), so a
formatter sanitises its input in one line and cannot forget a field.
"""

from __future__ import annotations

import copy
import dataclasses
import enum
import html as _html
import re
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

#: Characters that steer a terminal or reorder text: C0 except tab and newline, DEL, C1,
#: the BiDi embeddings, overrides, isolates and marks, and the Unicode line separators.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                     "\u202a-\u202e\u2066-\u2069]")
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                          "\u2066-\u2069]")
_MARKDOWN_PUNCT = re.compile(r"([\\`\[\]!])")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\\t", "\\r")
_URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@]+@")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def redact(text: str) -> str:
    """``https://user:token@host/...`` -> ``https://***@host/...``."""
    return _URL_CREDENTIALS.sub(r"\1***@", text) if "@" in text else text


def terminal(text: str) -> str:
    """Plain text for a terminal, a log or a text file: control characters made visible."""
    return redact(CONTROL.sub(_visible, text))


def rich_markup(text: str) -> str:
    """For rich strings that are parsed as markup (tables, progress columns): terminal
    escapes, then ``[`` escaped so ``[bold]`` or ``[link=...]`` print as written."""
    from rich.markup import escape

    return escape(terminal(text))


def markdown(text: str) -> str:
    """Inline Markdown that renders as the text itself: no HTML, links, images, code."""
    text = terminal(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_PUNCT.sub(r"\\\1", text)


def csv_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text, never evaluates."""
    text = terminal(text)
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def html(text: str) -> str:
    return _html.escape(terminal(text))


def json_text(encoded: str) -> str:
    """Encoded JSON with every terminal-steering character as a ``\\uXXXX`` escape (these
    characters can only occur inside JSON strings, so the document means the same)."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", encoded)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def clean(value: T, sink: Callable[[str], str]) -> T:
    """A copy of ``value`` with ``sink`` applied to every string in it (dataclass fields,
    list and tuple items, dict keys and values); enums and other objects are kept."""
    return _clean(value, sink, {})  # type: ignore[no-any-return]


def _clean(value: Any, sink: Callable[[str], str], seen: dict[int, Any]) -> Any:
    if isinstance(value, str):
        return value if isinstance(value, enum.Enum) else sink(value)
    if value is None or isinstance(value, int | float | bool | enum.Enum):
        return value
    if id(value) in seen:
        return seen[id(value)]
    if isinstance(value, list):
        out: Any = []
        seen[id(value)] = out
        out.extend(_clean(v, sink, seen) for v in value)
        return out
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(_clean(v, sink, seen) for v in value)
    if isinstance(value, dict):
        out = {}
        seen[id(value)] = out
        for k, v in value.items():
            out[_clean(k, sink, seen)] = _clean(v, sink, seen)
        return out
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = copy.copy(value)
        seen[id(value)] = out
        for f in dataclasses.fields(value):
            if hasattr(value, f.name):
                object.__setattr__(out, f.name, _clean(getattr(value, f.name), sink, seen))
        return out
    return value
