"""A GitHub (or GitHub Enterprise) repository: metadata through its REST API, files by one clone.

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
from typing import Any
from urllib.parse import quote, urlsplit

from dpgcheck.errors import TargetError
from dpgcheck.sources import cacheslot, http
from dpgcheck.sources.cacheslot import Slot
from dpgcheck.sources.clone import RemoteError, fetch_tree
from dpgcheck.sources.httpcache import HttpCache
from dpgcheck.sources.interface import ForgeInfo, Prepared, Source, TargetInfo
from dpgcheck.sources.settings import GitHubSettings
from dpgcheck.sources.spec import RemoteSpec, is_github_target, parse_remote, web_host

#: The most REST calls one repository can cost (tests/sources/test_api_budget.py measures
#: it): the repository, its community profile, the owner's ``.github`` (once per owner and
#: run) and the dependency-graph SBOM (only when runtime licences are still unknown).
MAX_CALLS_PER_REPOSITORY = 4
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
    """Conditional, bounded GETs (:mod:`dpgcheck.sources.http`) with the on-disk ETag
    cache."""

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

    def get(self, path: str, missing_ttl: float = 0,
            deadline: float | None = None) -> tuple[int, Any]:
        """``(status, parsed body)``; a 304 answers from the cache as a 200. With
        ``missing_ttl``, a 404 seen less than that many seconds ago is answered from the cache
        (404s carry no ETag, so they could not be revalidated for free). ``deadline``
        (``time.monotonic()``) is the target's: no answer is waited for past it."""
        cached = self.cache.get(path)
        if cached is not None and cached.missing_since is not None:
            if time.time() - cached.missing_since < missing_ttl:
                return 404, None
            cached = None
        headers = {"Accept": "application/vnd.github+json", "User-Agent": "dpgcheck",
                   "X-GitHub-Api-Version": "2022-11-28"}
        if self.settings.token:
            headers["Authorization"] = f"token {self.settings.token}"
        if cached is not None:
            headers["If-None-Match"] = cached.etag
        if deadline is None:
            deadline = time.monotonic() + self.settings.api_deadline
        answer = http.get(self.api_url + path, headers, deadline=deadline,
                          request_timeout=self.settings.request_timeout, what=self.api_url)
        status, answer_headers, body = answer.status, answer.headers, answer.body
        with self._lock:
            self.calls += 1
            self.not_modified += status == 304
        self.budget.update(answer_headers)
        if status == 304 and cached is not None:
            return 200, cached.body
        try:
            data = json.loads(body) if body else None
        except (ValueError, RecursionError):
            if status == 200:
                raise RemoteError(f"{self.api_url} answered {path} with invalid JSON") from None
            data = None
        lower = answer_headers
        if status in (403, 429) and (lower.get("x-ratelimit-remaining") == "0"
                                     or "rate limit" in str(data).lower()):
            self.budget.spent = True
            hint = "" if self.settings.token else " (a token raises it: --token or GITHUB_TOKEN)"
            raise RateLimited("GitHub API rate limit reached; the budget resets "
                              f"{self.budget.describe_reset()}{hint}", self.budget.reset)
        if status == 200 and answer_headers.get("etag"):
            self.cache.put(path, answer_headers["etag"], data)
        elif status == 404 and missing_ttl:
            self.cache.put_missing(path, time.time())
        return status, data

    def owner_files(self, owner: str,
                    deadline: float | None = None) -> tuple[dict[str, str], str | None]:
        """Community files of ``owner/.github`` (once per owner and run): path -> text, and
        why they could not be read (they are a bonus: failing to read them fails nothing)."""
        with self._lock:
            lock = self._owner_locks.setdefault(owner.lower(), threading.Lock())
        with lock:
            if owner.lower() not in self._owner_files:
                try:
                    self._owner_files[owner.lower()] = (
                        self._fetch_owner_files(owner, deadline), None)
                except RateLimited:
                    raise
                except RemoteError as exc:
                    self._owner_files[owner.lower()] = (
                        {}, f"could not read {owner}/.github for inherited community files: "
                            f"{exc}")
            return self._owner_files[owner.lower()]

    def _fetch_owner_files(self, owner: str, deadline: float | None) -> dict[str, str]:
        status, data = self.get(f"/repos/{quote(owner)}/.github", missing_ttl=MISSING_TTL,
                                deadline=deadline)
        if status != 200 or not isinstance(data, dict) or not data.get("clone_url"):
            return {}
        url = self.checked_clone_url(str(data["clone_url"]))
        slot = self.claim_clone_dir(owner, ".github")
        try:
            fetch_tree(url, str(data.get("default_branch") or "HEAD"), slot.path,
                       token=self.token_for(url), blob_limit=INHERITED_READ_LIMIT,
                       timeout=self.settings.clone_timeout)
            return read_community_files(slot.path)
        finally:
            slot.release()

    def clone_dir(self, owner: str, repo: str) -> Path:
        host = self.host.replace(":", "_")
        return self.settings.cache_root / "repos" / host / owner.lower() / repo.lower()

    def claim_clone_dir(self, owner: str, repo: str) -> Slot:
        """The repository's cache folder, locked across threads and processes; a sibling
        when another check holds it (see :mod:`dpgcheck.sources.cacheslot`)."""
        return cacheslot.claim(self.clone_dir(owner, repo))

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
        """A URL on github.com or the configured GitHub, ``github.com/owner/repo``,
        ``git@host:owner/repo`` or ``owner/repo``."""
        settings = options.get("github")
        api_url = settings.api_url if isinstance(settings, GitHubSettings) else ""
        if not is_github_target(target, api_url or "https://api.github.com"):
            return None
        try:
            spec = parse_remote(target)
        except TargetError:
            if "://" in target and len([s for s in urlsplit(target).path.split("/") if s]) < 2:
                from dpgcheck.sources.interface import NeedsReview

                raise NeedsReview(target.strip(), "a GitHub account page, not a repository: "
                                                  "name one of its repositories") from None
            raise
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
        deadline = time.monotonic() + self.settings.api_deadline
        status, data = session.get(path, deadline=deadline)
        if status == 404:
            raise RemoteError(_not_found_reason(spec, self.settings))
        if status != 200 or not isinstance(data, dict):
            message = data.get("message") if isinstance(data, dict) else None
            raise RemoteError(f"GitHub answered {status} for {spec.full_name}"
                              + (f": {message}" if message else ""))
        forge = self._forge_info(session, data)
        # The canonical name: a renamed repository answered through a redirect.
        _, community = session.get(f"/repos/{quote(forge.full_name, safe='/')}"
                                   "/community/profile", deadline=deadline)
        if isinstance(community, dict) and "health_percentage" in community:
            forge.community = community
        notes = []
        if spec.repo.lower() != ".github" and forge.owner_login:
            forge.inherited_files, problem = session.owner_files(forge.owner_login, deadline)
            notes += [problem] if problem else []
        ref = check_ref(spec.ref or self.settings.ref or forge.default_branch or "HEAD")
        url = session.checked_clone_url(str(data.get("clone_url") or ""))
        slot = session.claim_clone_dir(spec.owner, spec.repo)
        dest = slot.path
        try:
            fetched = fetch_tree(url, ref, dest, token=session.token_for(url),
                                 blob_limit=self.settings.blob_limit,
                                 timeout=self.settings.clone_timeout)
        except BaseException:
            slot.release()
            raise
        if fetched.skipped:
            notes.append(f"{len(fetched.skipped)} file(s) larger than "
                         f"{self.settings.blob_limit // 1024} KiB were listed but not "
                         f"downloaded: {', '.join(fetched.skipped[:5])}"
                         + (" …" if len(fetched.skipped) > 5 else ""))
        target = TargetInfo(name=self.target, url=forge.html_url, commit=fetched.commit,
                            ref=ref)
        return Prepared(root=dest, target=target, forge=forge, notes=notes, release=slot.release)

    def _forge_info(self, session: ApiSession, data: dict[str, Any]) -> ForgeInfo:
        """The answer read field by field, each of the type GitHub documents: a wrongly
        typed answer is a one-line error naming the field, never an internal error."""
        typed = Typed(data, f"{session.api_url} about {self.spec.full_name}")
        raw_license = typed.get("license", dict) or {}
        raw_owner = typed.get("owner", dict, required=True)
        typed.get("clone_url", str, required=True)
        raw_parent = typed.get("parent", dict) or {}
        spdx = Typed(raw_license, "license").get("spdx_id", str)
        owner = Typed(raw_owner, "owner")
        topics = typed.get("topics", list) or []
        full_name = typed.get("full_name", str) or self.spec.full_name
        if not REPO_NAME.fullmatch(full_name):
            typed.wrong("full_name", "owner/name")
        return ForgeInfo(
            host=session.host,
            full_name=full_name,
            description=typed.get("description", str),
            homepage=typed.get("homepage", str) or None,
            topics=[t for t in topics if isinstance(t, str)],
            license_spdx=spdx if spdx and spdx != "NOASSERTION" else None,
            owner_login=owner.get("login", str),
            owner_type=owner.get("type", str),
            archived=typed.get("archived", bool),
            fork=typed.get("fork", bool),
            parent=Typed(raw_parent, "parent").get("full_name", str) if raw_parent else None,
            default_branch=typed.get("default_branch", str),
            html_url=typed.get("html_url", str),
        )


REPO_NAME = re.compile(r"[A-Za-z0-9._-]{1,100}/[A-Za-z0-9._-]{1,100}")


class Typed:
    """Fields of an API answer checked against the type they must have (``None`` allowed)."""

    def __init__(self, data: dict[str, Any], what: str) -> None:
        self.data = data
        self.what = what

    def get(self, key: str, kind: type, required: bool = False) -> Any:
        value = self.data.get(key)
        if value is None and required:
            self.wrong(key, {dict: "an object", str: "a string"}.get(kind, kind.__name__))
        if value is not None and (not isinstance(value, kind)
                                  or (kind is not bool and isinstance(value, bool))):
            self.wrong(key, {dict: "an object", list: "a list", str: "a string",
                             bool: "true or false"}.get(kind, kind.__name__))
        return value

    def wrong(self, key: str, expected: str) -> None:
        raise RemoteError(f"unexpected answer from {self.what}: '{key}' should be {expected}")


_sessions: weakref.WeakKeyDictionary[GitHubSettings, ApiSession] = weakref.WeakKeyDictionary()
_sessions_lock = threading.Lock()


def session_for(settings: GitHubSettings) -> ApiSession:
    """The one API session of a run's settings, created on first use (shared by threads)."""
    with _sessions_lock:
        session = _sessions.get(settings)
        if session is None:
            session = _sessions[settings] = ApiSession(settings)
        return session
