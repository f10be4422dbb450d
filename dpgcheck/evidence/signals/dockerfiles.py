"""Which repository files the repository's own Dockerfiles use (``COPY certs/dev.key``,
``--key ../../tools/signing.pem``).

A private key that a bundled Dockerfile copies into its image or hands to a command is the key
of that image's stack: it must be in the tree for ``docker build`` to work, so every copy of the
repository holds it by design. Like a key the Compose stack mounts, it is reported with that
reason rather than counted as a leaked secret, unless the Dockerfile or the key's path says
production (``Dockerfile.prod``, ``deploy/live/``). Dockerfiles are read as text (bounded),
never built or run.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from dpgcheck.evidence.signals.pathwords import production_path
from dpgcheck.evidence.signals.viewmemo import per_view

#: Dockerfile, Containerfile, Dockerfile.dev, api.Dockerfile...
_DOCKERFILE = re.compile(r"(?:^|/)(?:[\w.-]*\.)?(?:dockerfile|containerfile)(?:\.[\w.-]+)?$",
                         re.IGNORECASE)
#: A token of a Dockerfile line: what sits between blanks, quotes and shell punctuation.
_TOKEN = re.compile(r"""[^\s"'=,;|&()\[\]<>`]+""")
MAX_DOCKERFILES = 40
MAX_DOCKERFILE_BYTES = 128 * 1024
_CACHE_ATTR = "_dpgcheck_dockerfile_references"


def _relative_parts(token: str) -> list[str] | None:
    """The repository-relative tail a token names (``../../tools/a.pem`` -> tools, a.pem);
    ``None`` for container paths (``/etc/...``) and unresolved variables."""
    if token.startswith("/") or "$" in token or "://" in token:
        return None
    parts = [p for p in posixpath.normpath(token).split("/") if p not in ("", ".", "..")]
    return parts or None


def _references(view: Any) -> dict[str, list[tuple[str, str, str, list[str]]]]:
    """File name -> (Dockerfile, its folder, token, repository-relative tail) for every path
    the non-production Dockerfiles name, in file and token order."""
    out: dict[str, list[tuple[str, str, str, list[str]]]] = {}
    dockerfiles = [p for p in view.files if _DOCKERFILE.search(p) and not production_path(p)]
    for dockerfile in dockerfiles[:MAX_DOCKERFILES]:
        text = view.read_text(dockerfile, MAX_DOCKERFILE_BYTES) or ""
        folder = posixpath.dirname(dockerfile)
        for token in _TOKEN.findall(text):
            tail = _relative_parts(token)
            if tail:
                out.setdefault(tail[-1], []).append((dockerfile, folder, token, tail))
    return out


def used_by(view: Any, path: str) -> str | None:
    """The Dockerfile that names ``path`` (``None``: none does, or ``path`` or every such
    Dockerfile says production). The Dockerfiles are read once per view.

    A reference with folders (``tools/signing.pem``) must match the end of ``path``; a bare
    file name only a file in the Dockerfile's own folder or below it (its build context).
    """
    if view is None or production_path(path):
        return None
    name = posixpath.basename(path)
    parts = path.split("/")
    for dockerfile, folder, token, tail in per_view(view, _CACHE_ATTR, _references).get(name, ()):
        if not token.endswith(name):
            continue
        if len(tail) > 1 and parts[-len(tail):] == tail:
            return dockerfile
        if len(tail) == 1 and (not folder or path.startswith(folder + "/")):
            return dockerfile
    return None
