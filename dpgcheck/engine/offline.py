"""``--offline``: no network at all, and every check that needs it says so.

The CLI sets ``RunConfig.options["offline"] = True``. Remote targets are refused before any
source is resolved; indicators and sources that would reach the network call
:func:`network_unavailable` and return its result (status ``error`` with the reason).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from dpgcheck.errors import DpgcheckError
from dpgcheck.model import Result, Status

if TYPE_CHECKING:
    from dpgcheck.engine.context import Context

OPTION = "offline"

#: ``owner/repo`` as a forge names it (GitHub's rules for owners, loosely for names).
_OWNER_REPO = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")
_REMOTE_PREFIXES = ("git@", "github.com/", "gitlab.com/", "www.github.com/", "gitlab:",
                    "codeberg:", "hf:")


def looks_remote(target: str) -> bool:
    """A URL, ``git@host:...``, ``github.com/o/r`` or ``owner/repo`` that is no local folder."""
    if "://" in target or target.lower().startswith(_REMOTE_PREFIXES):
        return True
    return bool(_OWNER_REPO.match(target)) and not Path(target).expanduser().exists()


def refuse_remote_targets(targets: list[str]) -> None:
    """Under ``--offline`` a remote target is a usage error (exit 2), before anything runs."""
    for target in targets:
        if looks_remote(target):
            raise DpgcheckError(
                f"--offline: '{target}' is a remote repository; clone it and check the "
                "folder, or run without --offline")


def is_offline(ctx: Context) -> bool:
    return bool(ctx.option(OPTION, False))


def network_unavailable(ctx: Context, needs: str) -> Result | None:
    """The result a check returns instead of reaching the network under ``--offline``.

    ``needs`` names what it would have fetched (``"the GitHub API"``). ``None`` when online.
    """
    if not is_offline(ctx):
        return None
    return Result(Status.ERROR, f"not checked: needs {needs}, and the run is --offline",
                  remediation=["Run without --offline to check this indicator."])
