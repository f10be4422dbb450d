"""Tell a remote repository target (URL, ``host/owner/repo``, ``owner/repo``) from a folder.

A local folder that exists always wins, so ``dpgcheck owner/repo`` inside a folder that holds
``owner/repo`` checks that folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from dpgcheck.errors import TargetError

DEFAULT_API_URL = "https://api.github.com"
_NAME = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})"
_REPO = r"[A-Za-z0-9._-]{1,100}"
OWNER_REPO = re.compile(rf"^({_NAME})/({_REPO})$")
SCP_LIKE = re.compile(rf"^git@([A-Za-z0-9.-]+):({_NAME})/({_REPO})$")


@dataclass(frozen=True)
class RemoteSpec:
    """A repository on a forge; ``host`` is the web host, ``None`` for the configured one."""

    owner: str
    repo: str
    host: str | None = None
    ref: str | None = None

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.repo}"


def web_host(api_url: str) -> str:
    """``https://api.github.com`` -> ``github.com``; a GHE ``https://h/api/v3`` -> ``h``."""
    netloc = urlsplit(api_url).netloc.lower()
    return "github.com" if netloc == "api.github.com" else netloc


def _strip_git(name: str) -> str:
    return name[:-4] if name.lower().endswith(".git") else name


def parse_remote(target: str) -> RemoteSpec | None:
    """The remote repository a target names, or ``None`` for a local path.

    Raises TargetError for a URL that is not a repository address.
    """
    text = target.strip()
    try:
        if Path(text).expanduser().exists():
            return None
    except (OSError, ValueError):  # a name too long for a path, or with a NUL byte
        pass
    scp = SCP_LIKE.match(text)
    if scp:
        return RemoteSpec(scp.group(2), _strip_git(scp.group(3)), scp.group(1).lower())
    if "://" in text:
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https"):
            raise TargetError(f"unsupported address '{target}': give an https URL of a "
                              "repository, owner/repo, or a folder")
        host = (parts.hostname or "") + (f":{parts.port}" if _port(parts) else "")
        return _from_path(host.lower(), parts.path, target)
    if text.lower().startswith(("github.com/", "www.github.com/")):
        host, _, rest = text.partition("/")
        return _from_path(host.lower(), "/" + rest, target)
    match = OWNER_REPO.match(text)
    if match and not text.startswith("."):
        return RemoteSpec(match.group(1), _strip_git(match.group(2)))
    return None


def _port(parts: Any) -> int | None:
    try:
        return parts.port  # type: ignore[no-any-return]
    except ValueError:
        raise TargetError("the address has an invalid port number") from None


def strip_credentials(target: str) -> str:
    """``https://user:token@host/o/r`` -> ``https://host/o/r``: dpgcheck never uses
    credentials from an address (``--token`` does that), so it never keeps or echoes them."""
    if "://" not in target or "@" not in target:
        return target
    parts = urlsplit(target.strip())
    if not parts.username and not parts.password:
        return target
    netloc = parts.netloc.rsplit("@", 1)[1]
    return parts._replace(netloc=netloc).geturl()


def _from_path(host: str, path: str, target: str) -> RemoteSpec:
    host = host.removeprefix("www.")
    segments = [unquote(s) for s in path.split("/") if s]
    if len(segments) < 2 or not re.fullmatch(_NAME, segments[0]) \
            or not re.fullmatch(_REPO, _strip_git(segments[1])):
        raise TargetError(f"'{target}' does not name a repository: give "
                          "https://HOST/OWNER/REPO or OWNER/REPO")
    ref = None
    if len(segments) >= 4 and segments[2] == "tree":
        ref = "/".join(segments[3:])
    return RemoteSpec(segments[0], _strip_git(segments[1]), host, ref)


def target_host(target: str) -> str | None:
    """The web host a target names (``None`` for ``owner/repo`` or a folder)."""
    text = target.strip()
    scp = SCP_LIKE.match(text)
    if scp:
        return scp.group(1).lower()
    if "://" in text:
        return urlsplit(text).netloc.lower().removeprefix("www.")
    if text.lower().startswith(("github.com/", "www.github.com/")):
        return "github.com"
    return None


def is_github_target(target: str, api_url: str) -> bool:
    """``owner/repo``, or an address on github.com or the configured GitHub's host; other
    hosts belong to the other sources."""
    host = target_host(target)
    return host is None or host in ("github.com", web_host(api_url))
