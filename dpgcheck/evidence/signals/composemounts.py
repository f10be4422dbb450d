"""What the repository's own Compose files mount into containers (``- ./imports:/etc/keys``).

A private key that the bundled Compose stack mounts is the key of that stack: the one
``docker compose up`` starts on a developer's machine, committed so that the stack runs. It is
reported with that reason, not counted as a leaked secret, unless the Compose file or the key's
path says production (``docker-compose.prod.yml``, ``deploy/prod/``). Compose files are read as
text (bounded), never run; ``${VAR-default}`` paths read as their default.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from dpgcheck.evidence.signals.pathwords import production_path
from dpgcheck.evidence.signals.viewmemo import per_view

#: Compose file names: docker-compose.yml, docker-compose-v1.yml, compose.dev.yaml...
_COMPOSE = re.compile(r"(?:^|/)(?:docker-)?compose(?:[\w.-]*)?\.ya?ml$", re.IGNORECASE)
#: A short-syntax volume (``- ./src:/dest[:ro]``) or a long-syntax ``source: ./src``.
_SHORT = re.compile(r"""^\s*-\s*["']?((?:\.{1,2}/|\$\{)[^:"'\s]*)\s*:""", re.MULTILINE)
_LONG = re.compile(r"""^\s*source:\s*["']?((?:\.{1,2}/|\$\{)[^"'\s]*)""", re.MULTILINE)
_DEFAULT = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}")
MAX_COMPOSE_FILES = 20
MAX_COMPOSE_BYTES = 256 * 1024
_CACHE_ATTR = "_dpgcheck_compose_mounts"


def _sources(compose: str, text: str) -> list[str]:
    """The repository paths a Compose file mounts, relative to the repository root."""
    base = posixpath.dirname(compose)
    found = []
    for match in (*_SHORT.finditer(text), *_LONG.finditer(text)):
        raw = _DEFAULT.sub(lambda m: m.group(1), match.group(1))
        if "$" in raw:
            continue  # a variable without a default: unknown at rest
        raw = raw if raw.startswith(".") else "./" + raw
        path = posixpath.normpath(posixpath.join(base, raw))
        if path != ".." and not path.startswith("../"):
            found.append("" if path == "." else path)
    return found


def _mounts(view: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    composes = [p for p in view.files if _COMPOSE.search(p) and not production_path(p)]
    for compose in composes[:MAX_COMPOSE_FILES]:
        text = view.read_text(compose, MAX_COMPOSE_BYTES)
        for source in _sources(compose, text or ""):
            out.setdefault(source, compose)
    return out


def mounts(view: Any) -> dict[str, str]:
    """Mounted repository path -> the Compose file that mounts it (non-production files only),
    computed once per view."""
    return per_view(view, _CACHE_ATTR, _mounts)


def mounted_by(view: Any, path: str) -> str | None:
    """The Compose file that mounts ``path`` or one of its folders (``None``: none does, or
    the key's path says production)."""
    if view is None or production_path(path):
        return None
    table = mounts(view)
    if not table:
        return None
    parts = path.split("/")
    for depth in range(len(parts), 0, -1):
        compose = table.get("/".join(parts[:depth]))
        if compose is not None:
            return compose
    return None
