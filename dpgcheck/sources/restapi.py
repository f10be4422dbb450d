"""What every forge and portal client shares: conditional GETs against the ETag cache, a call
count, rate-limit answers turned into one clear error, and the transport rules (https, or
plain http for loopback hosts only; a token only to its own host).

Each source brings its own transport (python-gitlab's session, huggingface_hub's session, or
requests), so the library its users know builds the request; this module decides only what is
sent and how an answer is read.
"""

from __future__ import annotations

import json
import threading
import time
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from dpgcheck.errors import TargetError
from dpgcheck.sources.clone import RemoteError
from dpgcheck.sources.httpcache import HttpCache
from dpgcheck.sources.settings import GitHubSettings

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
#: The largest API answer read (a project or a model card is a few KiB).
MAX_ANSWER = 4 * 1024 * 1024


class ForgeRateLimited(RemoteError):
    """A forge's API budget is spent for now (this target is not checked)."""


@dataclass
class Raw:
    """One HTTP answer as a transport returns it."""

    status: int
    headers: Mapping[str, str]
    body: bytes


#: ``send(url, headers) -> Raw``; raises RemoteError when the host cannot be reached.
Transport = Callable[[str, dict[str, str]], Raw]


def refuse_offline(options: Mapping[str, Any], target: str) -> None:
    """Under ``--offline`` a remote target is a usage error, before any request."""
    if options.get("offline"):
        raise TargetError(f"--offline: '{target}' is a remote target; run without --offline")


def is_loopback(url: str) -> bool:
    return (urlsplit(url).hostname or "").lower() in LOOPBACK


def checked_base(url: str, what: str) -> str:
    """An API or site base URL: https, or http only for a loopback host (tests, mirrors)."""
    parts = urlsplit(url.strip())
    if parts.hostname and (parts.scheme == "https"
                           or (parts.scheme == "http" and is_loopback(url))):
        return url.strip().rstrip("/")
    raise TargetError(f"{what} '{url}' is not usable: give an https:// URL (plain http only "
                      "for 127.0.0.1 or localhost)")


def netloc(url: str) -> str:
    """``host[:port]`` in lower case, for comparing a target's host with a configured one."""
    return urlsplit(url if "://" in url else f"//{url}").netloc.lower().removeprefix("www.")


def token_for(url: str, token: str | None, own: str) -> str | None:
    """The token goes only to its own host (``own`` is a URL), never to one an answer names."""
    return token if token and netloc(url) == netloc(own) else None


class JsonApi:
    """Conditional GETs of one API for one run: cached answers revalidated with ETags, so an
    unchanged target costs 304s only; counts the calls made."""

    def __init__(self, name: str, base: str, settings: GitHubSettings, credential: str | None,
                 send: Transport, token_hint: str) -> None:
        self.name = name
        self.base = base.rstrip("/")
        self.cache = HttpCache(settings.cache_root, f"{self.base} {credential or ''}")
        self.send = send
        self.token_hint = token_hint
        self.has_token = bool(credential)
        self.calls = 0
        self.not_modified = 0
        #: The budget the last answer's rate-limit headers told: (remaining, reset epoch).
        self.remaining: int | None = None
        self.reset: float | None = None
        self._lock = threading.Lock()

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, Any]:
        """``(status, parsed JSON or None)``; a 304 answers from the cache as a 200."""
        url = path if "://" in path else f"{self.base}{path}"
        if self.remaining == 0 and self.reset is not None and self.reset > time.time():
            # The headers said the budget is spent: no request that would only be refused.
            self._raise_if_limited(429, {"ratelimit-reset": str(self.reset)}, None)
        cached = self.cache.get(url)
        sent = dict(headers or {})
        if cached is not None and cached.etag:
            sent["If-None-Match"] = cached.etag
        raw = self.send(url, sent)
        with self._lock:
            self.calls += 1
            self.not_modified += raw.status == 304
        if raw.status == 304 and cached is not None:
            return 200, cached.body
        if len(raw.body) > MAX_ANSWER:
            raise RemoteError(f"{self.name} answered more than {MAX_ANSWER // 1024} KiB for "
                              f"{url}; not read")
        try:
            data = json.loads(raw.body) if raw.body else None
        except ValueError:
            data = None
        lower = {k.lower(): v for k, v in raw.headers.items()}
        self._remember_budget(lower)
        self._raise_if_limited(raw.status, lower, data)
        if raw.status == 200 and lower.get("etag"):
            self.cache.put(url, lower["etag"], data)
        return raw.status, data

    def _remember_budget(self, lower: dict[str, str]) -> None:
        remaining = lower.get("ratelimit-remaining", lower.get("x-ratelimit-remaining"))
        reset = lower.get("ratelimit-reset", lower.get("x-ratelimit-reset"))
        try:
            with self._lock:
                self.remaining = int(remaining) if remaining is not None else None
                self.reset = float(reset) if reset is not None else None
        except ValueError:
            pass

    def _raise_if_limited(self, status: int, lower: dict[str, str], data: Any) -> None:
        remaining = lower.get("ratelimit-remaining", lower.get("x-ratelimit-remaining"))
        if status != 429 and not (status == 403 and (remaining == "0"
                                                     or "rate limit" in str(data).lower())):
            return
        wait = lower.get("retry-after")
        reset = lower.get("ratelimit-reset", lower.get("x-ratelimit-reset"))
        when = "later"
        try:
            if wait is not None:
                when = f"in {max(0, round(float(wait) / 60))} min"
            elif reset is not None:
                when = f"in {max(0, round((float(reset) - time.time()) / 60))} min"
        except ValueError:
            pass
        hint = "" if self.has_token else f" (a token raises it: {self.token_hint})"
        raise ForgeRateLimited(f"{self.name} API rate limit reached; try again {when}{hint}")


_apis: weakref.WeakKeyDictionary[GitHubSettings, dict[tuple[str, ...], Any]] = \
    weakref.WeakKeyDictionary()
_apis_lock = threading.Lock()


def shared(settings: GitHubSettings, key: tuple[str, ...], make: Callable[[], Any]) -> Any:
    """One client per run and key (a batch's targets on one host share its cache and count)."""
    with _apis_lock:
        per_run = _apis.setdefault(settings, {})
        if key not in per_run:
            per_run[key] = make()
        return per_run[key]


def settings_of(options: Mapping[str, Any]) -> GitHubSettings:
    """The run's remote settings (cache folder, blob limit, timeouts, ref)."""
    settings = options.get("github")
    return settings if isinstance(settings, GitHubSettings) else GitHubSettings()


def requests_transport(timeout: float, auth: dict[str, str] | None = None,
                       follow: bool = True) -> Transport:
    """A transport over requests (a dependency of PyGithub): up to 3 redirects followed on the
    same host (a renamed repository), never to another host (the token stays home), answers
    read up to :data:`MAX_ANSWER` + 1 bytes."""
    import requests

    local = threading.local()

    def send(url: str, headers: dict[str, str]) -> Raw:
        session = getattr(local, "session", None)
        if session is None:
            session = local.session = requests.Session()
            session.headers["User-Agent"] = "dpgcheck"
            session.trust_env = False
        sent = {**headers, **(auth or {})} if auth else headers
        for _ in range(4):
            try:
                with session.get(url, headers=sent, timeout=timeout, stream=True,
                                 allow_redirects=False) as answer:
                    body = answer.raw.read(MAX_ANSWER + 1, decode_content=True)
                    raw = Raw(answer.status_code, dict(answer.headers), body)
            except requests.RequestException as exc:
                host = urlsplit(url).netloc
                raise RemoteError(f"cannot reach {host}: {type(exc).__name__}") from None
            location = {k.lower(): v for k, v in raw.headers.items()}.get("location")
            if raw.status not in (301, 302, 307, 308) or not location or not follow:
                return raw
            moved = urljoin(url, location)
            if netloc(moved) != netloc(url) or urlsplit(moved).scheme != urlsplit(url).scheme:
                return raw
            url = moved
        return raw

    return send
