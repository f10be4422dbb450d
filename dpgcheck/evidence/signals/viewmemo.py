"""A value computed once per repository view, for rules that get the view but no context.

The secret credibility rules see only the view (``judge(..., view)``), yet what they look up
(the Compose mounts, the Dockerfiles' references) is the same for every key of a tree: it is
kept on the view itself, under a private attribute.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def per_view(view: Any, name: str, build: Callable[[Any], T]) -> T:
    """``build(view)``, computed on the first call for ``view`` and kept under ``name``."""
    cached = getattr(view, name, None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    value = build(view)
    with contextlib.suppress(AttributeError):  # a view with slots: recomputed next time
        setattr(view, name, value)
    return value
