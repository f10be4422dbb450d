"""The shallow clone every forge source makes: where it goes, and what the report says about
files that were listed but not downloaded."""

from __future__ import annotations

import re
from pathlib import Path

from dpgcheck.errors import TargetError
from dpgcheck.sources import cacheslot
from dpgcheck.sources.clone import Fetched, RemoteError, fetch_tree
from dpgcheck.sources.restapi import is_loopback
from dpgcheck.sources.settings import GitHubSettings

REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/+-]{0,254}")
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def check_ref(ref: str) -> str:
    """A branch, tag or commit name git accepts, and nothing that reads as an option or a
    refspec."""
    if not REF.fullmatch(ref) or ref.startswith(("-", "/")) or ".." in ref \
            or ref.endswith((".lock", "/", ".")):
        raise TargetError(f"'{ref}' is not a branch, tag or commit name")
    return ref


def clone_dir(settings: GitHubSettings, host: str, *parts: str) -> Path:
    """A cache folder of its own in this run (a target named twice gets a sibling); the
    same folder in the next run, so an unchanged commit transfers almost nothing."""
    names = [_SAFE.sub("_", p.lower()).strip("._") or "_" for p in (host, *parts)]
    base = settings.cache_root.joinpath("repos", *names)
    # Locked across threads and processes until the check is done (Prepared.close); a folder
    # another check holds yields a sibling (see sources/cacheslot.py).
    return cacheslot.claim(base).path


def checked_clone_url(url: str, api_base: str) -> str:
    """https, or plain http when the API itself is on a loopback host (a mirror, a test)."""
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme == "https" or (scheme == "http" and is_loopback(api_base) and is_loopback(url)):
        return url
    raise RemoteError(f"the forge gave a clone URL over '{scheme or url}'; only https is "
                      "allowed")


def clone(settings: GitHubSettings, url: str, ref: str, dest: Path, *, token: str | None,
          token_user: str = "x-access-token") -> tuple[Fetched, list[str]]:
    """Fetch ``ref`` into ``dest``; the notes say which large files were not downloaded."""
    try:
        fetched = fetch_tree(url, check_ref(ref), dest, token=token,
                             blob_limit=settings.blob_limit, timeout=settings.clone_timeout,
                             token_user=token_user)
    except BaseException:
        cacheslot.release_path(dest)
        raise
    notes = []
    if fetched.skipped:
        notes.append(f"{len(fetched.skipped)} file(s) larger than "
                     f"{settings.blob_limit // 1024} KiB were listed but not downloaded: "
                     f"{', '.join(fetched.skipped[:5])}"
                     + (" …" if len(fetched.skipped) > 5 else ""))
    return fetched, notes
