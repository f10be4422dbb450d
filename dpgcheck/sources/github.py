"""A GitHub (or GitHub Enterprise) repository: metadata through PyGithub, files by one clone.

REST calls per repository: the repository, its community profile, and (once per owner and
run) the owner's ``.github`` repository, whose community files are fetched with a shallow
clone rather than one call per file. Every call is conditional on the ETag of the previous
answer (see :mod:`dpgcheck.sources.httpcache`), so an unchanged repository costs 304s only.
"""

from __future__ import annotations

import json
import re
import threading
import time
import weakref
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from dpgcheck.errors import TargetError
from dpgcheck.sources.clone import RemoteError, fetch_tree
from dpgcheck.sources.httpcache import HttpCache
from dpgcheck.sources.interface import ForgeInfo, Prepared, Source, TargetInfo
from dpgcheck.sources.settings import GitHubSettings
from dpgcheck.sources.spec import RemoteSpec, parse_remote, web_host

if TYPE_CHECKING:
    from github import Github

#: The most REST calls one repository can cost (a test holds us to it).
MAX_CALLS_PER_REPOSITORY = 3
#: Community files GitHub inherits from the owner's ``.github`` repository.
COMMUNITY_FILES = ("code_of_conduct", "contributing", "security", "support", "governance")
COMMUNITY_DIRS = ("", ".github", "docs")
INHERITED_READ_LIMIT = 256 * 1024
#: How long "this owner has no .github repository" is believed without asking again.
MISSING_TTL = 24 * 3600
REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/+-]{0,254}")


class RateLimited(RemoteError):
    """The API budget is spent; carries when it comes back."""

    def __init__(self, message: str, reset: float | None) -> None:
        super().__init__(message)
        self.reset = reset


class RateBudget:
    """The remaining API budget as the last answers' headers told it (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.remaining: int | None = None
        self.limit: int | None = None
        self.reset: float | None = None
        self.spent = False

    def update(self, headers: dict[str, Any]) -> None:
        lower = {k.lower(): v for k, v in headers.items()}
        with self._lock:
            try:
                if "x-ratelimit-remaining" in lower:
                    self.remaining = int(lower["x-ratelimit-remaining"])
                if "x-ratelimit-limit" in lower:
                    self.limit = int(lower["x-ratelimit-limit"])
                if "x-ratelimit-reset" in lower:
                    self.reset = float(lower["x-ratelimit-reset"])
            except (TypeError, ValueError):
                pass

    def can_start(self, in_flight: int) -> bool:
        """Enough budget for one more repository besides those already running?"""
        with self._lock:
            if self.spent:
                return False
            if self.remaining is None:
                return True
            return self.remaining >= MAX_CALLS_PER_REPOSITORY * (in_flight + 1)

    def describe_reset(self) -> str:
        if self.reset is None:
            return "when GitHub resets it"
        when = datetime.fromtimestamp(self.reset, UTC)
        minutes = max(0, round((self.reset - time.time()) / 60))
        return f"at {when:%H:%M} UTC (in {minutes} min)"


class ApiSession:
    """Conditional GETs through PyGithub's requester, with the on-disk ETag cache."""

    def __init__(self, settings: GitHubSettings) -> None:
        self.settings = settings
        self.api_url = settings.api_url.rstrip("/")
        self.host = web_host(self.api_url)
        self.cache = HttpCache(settings.cache_root, settings.token)
        self.budget = RateBudget()
        self._local = threading.local()
        self._lock = threading.Lock()
        self._owner_files: dict[str, tuple[dict[str, str], str | None]] = {}
        self._owner_locks: dict[str, threading.Lock] = {}
        self.calls = 0
        self.not_modified = 0
        self._clones_in_use: set[Path] = set()

    def _client(self) -> Github:
        """One PyGithub client per thread (its connection is not shared across threads)."""
        client = getattr(self._local, "client", None)
        if client is None:
            from github import Auth, Github

            auth = Auth.Token(self.settings.token) if self.settings.token else None
            # No retries and no throttling: PyGithub would otherwise sleep silently.
            client = Github(base_url=self.api_url, auth=auth, retry=None,
                            timeout=self.settings.request_timeout,
                            seconds_between_requests=None, seconds_between_writes=None,
                            user_agent="dpgcheck")
            self._local.client = client
        return client

    def get(self, path: str, missing_ttl: float = 0) -> tuple[int, Any]:
        """``(status, parsed body)``; a 304 answers from the cache as a 200. With
        ``missing_ttl``, a 404 seen less than that many seconds ago is answered from the cache
        (404s carry no ETag, so they could not be revalidated for free)."""
        cached = self.cache.get(path)
        if cached is not None and cached.missing_since is not None:
            if time.time() - cached.missing_since < missing_ttl:
                return 404, None
            cached = None
        headers = {"Accept": "application/vnd.github+json"}
        if cached is not None:
            headers["If-None-Match"] = cached.etag
        try:
            status, answer_headers, body = self._client().requester.requestJson(
                "GET", path, headers=headers)
        except Exception as exc:  # requests' and urllib3's many network errors
            raise RemoteError(f"cannot reach {self.api_url}: {type(exc).__name__}") from None
        with self._lock:
            self.calls += 1
            self.not_modified += status == 304
        self.budget.update(answer_headers)
        if status == 304 and cached is not None:
            return 200, cached.body
        try:
            data = json.loads(body) if body else None
        except ValueError:
            data = None
        lower = {k.lower(): v for k, v in answer_headers.items()}
        if status in (403, 429) and (lower.get("x-ratelimit-remaining") == "0"
                                     or "rate limit" in str(data).lower()):
            self.budget.spent = True
            hint = "" if self.settings.token else " (a token raises it: --token or GITHUB_TOKEN)"
            raise RateLimited("GitHub API rate limit reached; the budget resets "
                              f"{self.budget.describe_reset()}{hint}", self.budget.reset)
        if status == 200 and lower.get("etag"):
            self.cache.put(path, lower["etag"], data)
        elif status == 404 and missing_ttl:
            self.cache.put_missing(path, time.time())
        return status, data

    def owner_files(self, owner: str) -> tuple[dict[str, str], str | None]:
        """Community files of ``owner/.github`` (once per owner and run): path -> text, and
        why they could not be read (they are a bonus: failing to read them fails nothing)."""
        with self._lock:
            lock = self._owner_locks.setdefault(owner.lower(), threading.Lock())
        with lock:
            if owner.lower() not in self._owner_files:
                try:
                    self._owner_files[owner.lower()] = (self._fetch_owner_files(owner), None)
                except RateLimited:
                    raise
                except RemoteError as exc:
                    self._owner_files[owner.lower()] = (
                        {}, f"could not read {owner}/.github for inherited community files: "
                            f"{exc}")
            return self._owner_files[owner.lower()]

    def _fetch_owner_files(self, owner: str) -> dict[str, str]:
        status, data = self.get(f"/repos/{quote(owner)}/.github", missing_ttl=MISSING_TTL)
        if status != 200 or not isinstance(data, dict) or not data.get("clone_url"):
            return {}
        dest = self.clone_dir(owner, ".github")
        url = self.checked_clone_url(data["clone_url"])
        fetch_tree(url, data.get("default_branch") or "HEAD", dest, token=self.token_for(url),
                   blob_limit=INHERITED_READ_LIMIT, timeout=self.settings.clone_timeout)
        return read_community_files(dest)

    def clone_dir(self, owner: str, repo: str) -> Path:
        host = self.host.replace(":", "_")
        return self.settings.cache_root / "repos" / host / owner.lower() / repo.lower()

    def claim_clone_dir(self, owner: str, repo: str) -> Path:
        """The repository's cache folder, or a sibling when this run already checks it
        (the same repository named twice in a batch must not share a work tree)."""
        base = self.clone_dir(owner, repo)
        with self._lock:
            dest, n = base, 1
            while dest in self._clones_in_use or not _lock_for_run(dest):
                n += 1
                dest = base.with_name(f"{base.name}@{n}")
            self._clones_in_use.add(dest)
            return dest

    def token_for(self, clone_url: str) -> str | None:
        """The token goes only to the forge's own host, never to a host an answer names."""
        host = (urlsplit(clone_url).hostname or "").lower()
        return self.settings.token if host and host == urlsplit(
            f"//{self.host}").hostname else None

    def checked_clone_url(self, url: str) -> str:
        """Only https, or http/file when the API itself is local (a mirror or test server)."""
        scheme = urlsplit(url).scheme.lower()
        api = urlsplit(self.api_url)
        local_api = api.hostname in ("127.0.0.1", "localhost", "::1")
        if scheme == "https" or (scheme in ("http", "file") and local_api):
            return url
        raise RemoteError(f"the API gave a clone URL over '{scheme}'; only https is allowed")


def read_community_files(root: Path) -> dict[str, str]:
    """CODE_OF_CONDUCT, CONTRIBUTING, SECURITY, SUPPORT, GOVERNANCE in the root, .github/ or
    docs/ of a checked-out tree (any extension, any case), bounded reads."""
    found: dict[str, str] = {}
    for folder in COMMUNITY_DIRS:
        base = root / folder if folder else root
        if not base.is_dir() or base.is_symlink():
            continue
        for child in sorted(base.iterdir()):
            stem = child.name.split(".")[0].lower()
            if stem not in COMMUNITY_FILES or child.is_symlink() or not child.is_file():
                continue
            with child.open("rb") as fh:
                text = fh.read(INHERITED_READ_LIMIT).decode("utf-8", "replace")
            found[f"{folder}/{child.name}" if folder else child.name] = text
    return found


def check_ref(ref: str) -> str:
    """A branch, tag or commit name git accepts, and nothing that reads as an option or a
    refspec."""
    if not REF.fullmatch(ref) or ref.startswith(("-", "/")) or ".." in ref \
            or ref.endswith((".lock", "/", ".")):
        raise TargetError(f"'{ref}' is not a branch, tag or commit name")
    return ref


def _not_found_reason(spec: RemoteSpec, settings: GitHubSettings) -> str:
    if settings.token:
        return (f"repository {spec.full_name} not found, or the token cannot see it "
                "(private repositories need a token with read access)")
    return (f"repository {spec.full_name} not found (a private repository needs a token: "
            "--token or GITHUB_TOKEN)")


class GitHubSource(Source):
    name = "github"

    def __init__(self, target: str, spec: RemoteSpec, options: Mapping[str, Any]) -> None:
        self.target = target
        self.spec = spec
        settings = options.get("github")
        self.settings = settings if isinstance(settings, GitHubSettings) else GitHubSettings()
        self.offline = bool(options.get("offline"))

    @classmethod
    def claim(cls, target: str, options: Mapping[str, Any]) -> GitHubSource | None:
        """A URL, ``host/owner/repo``, ``git@host:owner/repo`` or ``owner/repo``."""
        spec = parse_remote(target)
        return None if spec is None else cls(target, spec, options)

    def prepare(self) -> Prepared:
        if self.offline:
            raise TargetError(f"--offline: '{self.target}' is a remote repository; clone it "
                              "and check the folder, or run without --offline")
        session = session_for(self.settings)
        spec = self.spec
        if spec.host is not None and spec.host != session.host:
            raise TargetError(
                f"'{self.target}' is on {spec.host}, but the GitHub API in use is "
                f"{session.api_url}: dpgcheck checks GitHub repositories (give --github-url "
                "for GitHub Enterprise) or local folders")
        path = f"/repos/{quote(spec.owner)}/{quote(spec.repo)}"
        status, data = session.get(path)
        if status == 404:
            raise RemoteError(_not_found_reason(spec, self.settings))
        if status != 200 or not isinstance(data, dict):
            message = data.get("message") if isinstance(data, dict) else None
            raise RemoteError(f"GitHub answered {status} for {spec.full_name}"
                              + (f": {message}" if message else ""))
        forge = self._forge_info(session, data)
        # The canonical name: a renamed repository answered through a redirect.
        _, community = session.get(f"/repos/{quote(forge.full_name, safe='/')}"
                                   "/community/profile")
        if isinstance(community, dict) and "health_percentage" in community:
            forge.community = community
        notes = []
        if spec.repo.lower() != ".github" and forge.owner_login:
            forge.inherited_files, problem = session.owner_files(forge.owner_login)
            notes += [problem] if problem else []
        ref = check_ref(spec.ref or self.settings.ref or forge.default_branch or "HEAD")
        dest = session.claim_clone_dir(spec.owner, spec.repo)
        url = session.checked_clone_url(str(data.get("clone_url") or ""))
        fetched = fetch_tree(url, ref, dest, token=session.token_for(url),
                             blob_limit=self.settings.blob_limit,
                             timeout=self.settings.clone_timeout)
        if fetched.skipped:
            notes.append(f"{len(fetched.skipped)} file(s) larger than "
                         f"{self.settings.blob_limit // 1024} KiB were listed but not "
                         f"downloaded: {', '.join(fetched.skipped[:5])}"
                         + (" …" if len(fetched.skipped) > 5 else ""))
        target = TargetInfo(name=self.target, url=forge.html_url, commit=fetched.commit,
                            ref=ref)
        return Prepared(root=dest, target=target, forge=forge, notes=notes)

    def _forge_info(self, session: ApiSession, data: dict[str, Any]) -> ForgeInfo:
        """Read the answer through PyGithub's Repository (no further calls: it is complete)."""
        from github.Repository import Repository

        repo = session._client().create_from_raw_data(Repository, data)
        raw_license = data.get("license") or {}
        raw_owner = data.get("owner") or {}
        raw_parent = data.get("parent") or {}
        spdx = raw_license.get("spdx_id") if isinstance(raw_license, dict) else None
        return ForgeInfo(
            host=session.host,
            full_name=repo.full_name,
            description=repo.description,
            homepage=repo.homepage or None,
            topics=list(repo.topics or []),
            license_spdx=spdx if spdx and spdx != "NOASSERTION" else None,
            owner_login=raw_owner.get("login"),
            owner_type=raw_owner.get("type"),
            archived=repo.archived,
            fork=repo.fork,
            parent=raw_parent.get("full_name") if raw_parent else None,
            default_branch=repo.default_branch,
            html_url=repo.html_url,
        )


_sessions: weakref.WeakKeyDictionary[GitHubSettings, ApiSession] = weakref.WeakKeyDictionary()
_sessions_lock = threading.Lock()


#: Lock files held for the whole process: batch workers are separate processes, and a
#: clone folder one of them checks must not be handed to another (``claim_clone_dir``).
_held_locks: list[Any] = []


def _lock_for_run(dest: Path) -> bool:
    """Hold ``dest``'s lock file for this process; ``False`` when another process holds it.
    Where ``fcntl`` is missing (Windows) only this process's own claims are known."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return True
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        handle = open(f"{dest}.lock", "a")  # noqa: SIM115 - kept open on purpose
    except OSError:
        return True  # no lock possible: behave as before
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return False
    _held_locks.append(handle)
    return True


def session_for(settings: GitHubSettings) -> ApiSession:
    """The one API session of a run's settings, created on first use (shared by threads)."""
    with _sessions_lock:
        session = _sessions.get(settings)
        if session is None:
            session = _sessions[settings] = ApiSession(settings)
        return session
