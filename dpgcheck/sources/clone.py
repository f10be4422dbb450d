"""One shallow, blob-light fetch of a commit into a cached folder, made safely.

Safety: no hooks, no submodules, no system or user git configuration (so no smudge filters
such as git-lfs run), no prompts, a timeout, and only the protocol of the given URL. Blobs
larger than a bound are not downloaded (``--filter=blob:limit=``) and not checked out: their
paths stay listed in the index (marked skip-worktree), so the repository view still sees the
file names, and nothing fetches them later (the promisor setting is removed after the fetch).
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from dpgcheck.errors import EXIT_INCOMPLETE, TargetError

DEFAULT_BLOB_LIMIT = 2 * 1024 * 1024
DEFAULT_TIMEOUT = 300.0
CHECKED_REF = "refs/dpgcheck/checked"


class RemoteError(TargetError):
    """A remote target could not be reached or fetched (exit 3: nothing was judged)."""

    exit_code = EXIT_INCOMPLETE


@dataclass
class Fetched:
    commit: str
    #: Paths whose blobs were over the bound: listed, not downloaded, not checked out.
    skipped: list[str] = field(default_factory=list)


def _env(token_header: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update({
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_ATTR_NOSYSTEM": "1",
        "GIT_ASKPASS": "",
        "SSH_ASKPASS": "",
        "LC_ALL": "C",
    })
    if token_header:
        # In the environment, not on the command line (visible in ps) nor in .git/config.
        env.update({"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "http.extraHeader",
                    "GIT_CONFIG_VALUE_0": token_header})
    return env


def auth_header(token: str, user: str = "x-access-token") -> str:
    basic = base64.b64encode(f"{user}:{token}".encode()).decode()
    return f"Authorization: Basic {basic}"


class Git:
    def __init__(self, root: Path, scheme: str, token_header: str | None, timeout: float) -> None:
        self.root = root
        self.options = [
            "-c", "core.hooksPath=" + os.devnull,
            "-c", "core.fsmonitor=false",
            "-c", "submodule.recurse=false",
            "-c", "protocol.allow=never",
            "-c", f"protocol.{scheme}.allow=always",
            "-c", "advice.detachedHead=false",
        ]
        self.env = _env(token_header)
        self.timeout = timeout

    def __call__(self, *args: str, stdin: bytes | None = None, check: bool = True) -> str:
        try:
            proc = subprocess.run(["git", *self.options, *args], cwd=self.root, env=self.env,
                                  input=stdin, capture_output=True, timeout=self.timeout,
                                  check=False)
        except subprocess.TimeoutExpired:
            raise RemoteError(f"git {args[0]} took longer than {self.timeout:.0f} s") from None
        except OSError as exc:
            raise RemoteError(f"cannot run git: {exc}") from None
        if check and proc.returncode != 0:
            lines = [s.strip() for s in proc.stderr.decode("utf-8", "replace").splitlines()
                     if s.strip()]
            reason = "; ".join(dict.fromkeys(lines[-3:]))[:400] or f"exit {proc.returncode}"
            raise RemoteError(f"git {args[0]} failed: {reason}")
        return proc.stdout.decode("utf-8", "surrogateescape")


def fetch_tree(url: str, ref: str, dest: Path, *, token: str | None = None,
               blob_limit: int = DEFAULT_BLOB_LIMIT,
               timeout: float = DEFAULT_TIMEOUT, token_user: str = "x-access-token") -> Fetched:
    """Fetch ``ref`` of ``url`` (depth 1) into ``dest`` and check its files out there.

    The caller holds ``dest``'s slot (:func:`dpgcheck.sources.cacheslot.claim`). The work
    happens in a temporary sibling renamed into place when complete, so a killed run leaves
    no half-made clone at ``dest``; a previous clone is reused (an unchanged commit transfers
    almost nothing) when healthy, rebuilt from nothing when not, or when fetching into it
    fails.
    """
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("https", "http", "file"):
        raise RemoteError(f"refusing to clone over '{scheme or url}': only https (or http/file "
                          "for a local test server) is allowed")
    from dpgcheck.sources import cacheslot

    reuse = cacheslot.prepare_work(dest)
    work = cacheslot.work_dir(dest)
    for attempt in (reuse, False):
        if attempt:
            os.rename(dest, work)
        else:
            shutil.rmtree(dest, ignore_errors=True)
            work.mkdir(parents=True)
        try:
            fetched = _fetch_into(url, scheme, ref, work, token, blob_limit, timeout,
                                  token_user)
        except Exception:
            shutil.rmtree(work, ignore_errors=True)
            if attempt:
                continue  # the old clone would not take the fetch: rebuild it from nothing
            raise
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        os.rename(work, dest)
        return fetched
    raise AssertionError("unreachable")


def _fetch_into(url: str, scheme: str, ref: str, dest: Path, token: str | None,
                blob_limit: int, timeout: float, token_user: str) -> Fetched:
    git = Git(dest, scheme, auth_header(token, token_user) if token and scheme == "https"
              else None, timeout)
    if not (dest / ".git").is_dir():
        git("init", "-q")
    git("config", "remote.origin.url", url)
    git("config", "remote.origin.promisor", "true")
    git("config", "extensions.partialClone", "origin")
    try:
        git("fetch", "-q", "--depth", "1", "--no-tags", "--no-recurse-submodules",
            "--no-write-fetch-head", f"--filter=blob:limit={blob_limit}", "origin",
            f"+{ref}:{CHECKED_REF}")
    finally:
        # Nothing may fetch lazily afterwards (reading a skipped file must not download it).
        git("config", "--unset", "extensions.partialClone", check=False)
        git("config", "--unset", "remote.origin.promisor", check=False)
    commit = git("rev-parse", "--verify", f"{CHECKED_REF}^{{commit}}").strip()
    marker = dest / ".git" / "dpgcheck-checked-out"
    try:
        previous = marker.read_bytes().decode("utf-8", "surrogateescape").split("\0")
    except OSError:
        previous = []
    if previous and previous[0] == commit:
        # The same commit is already checked out (dpgcheck never writes to the work tree).
        return Fetched(commit=commit, skipped=[p for p in previous[1:] if p])
    marker.unlink(missing_ok=True)
    missing = {line[1:] for line in git("rev-list", "--objects", "--missing=print",
                                        commit).splitlines() if line.startswith("?")}
    skipped: list[str] = []
    if missing:
        for entry in git("ls-tree", "-r", "-z", commit).split("\0"):
            meta, _, path = entry.partition("\t")
            if path and meta.split(" ")[-1] in missing:
                skipped.append(path)
    _clear_work_tree(dest)
    git("read-tree", commit)
    if skipped:
        git("update-index", "--skip-worktree", "-z", "--stdin",
            stdin=b"\0".join(p.encode("utf-8", "surrogateescape") for p in skipped))
    git("checkout-index", "-a", "-f")
    git("update-ref", "--no-deref", "HEAD", commit)
    marker.write_bytes("\0".join([commit, *sorted(skipped)]).encode("utf-8", "surrogateescape"))
    return Fetched(commit=commit, skipped=sorted(skipped))


def _clear_work_tree(dest: Path) -> None:
    """Remove the previous check's files (never the .git folder, never following links)."""
    for child in dest.iterdir():
        if child.name == ".git":
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
