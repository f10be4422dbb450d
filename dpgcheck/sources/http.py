"""Bounded GETs for forge APIs: a size cap, a deadline, retries, and only same-host redirects.

A forge's answer is untrusted input like any file: a 3 GB body or a server dripping one byte a
second must end the target, not the run. Each GET has a deadline (the request's own, and what
is left of the target's: ``--api-deadline``); the body is read in pieces of whatever arrived
(``read1``), so a drip is noticed at once, and refused past ``max_bytes`` (decoded: a small
gzip that inflates counts as what it inflates to). Server errors (5xx) and secondary rate
limits are retried with backoff while the deadline allows. Redirects are followed only on the
API's own host, so a token is never sent elsewhere.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from dpgcheck.sources.clone import RemoteError

#: Far above any REST answer dpgcheck reads (a repository is ~10 KB).
MAX_BODY = 8 * 1024 * 1024
RETRY_STATUSES = frozenset({500, 502, 503, 504})
MAX_ATTEMPTS = 4
MAX_REDIRECTS = 5
CHUNK = 64 * 1024


@dataclass
class Answer:
    status: int
    #: Header names in lower case.
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


class Deadline(RemoteError):
    """No complete answer in the time allowed."""


_local = threading.local()


def _session() -> Any:
    """One requests session per thread (connections are not shared across threads)."""
    session = getattr(_local, "session", None)
    if session is None:
        import requests

        session = requests.Session()
        session.trust_env = False  # no .netrc credentials or proxies from the environment
        _local.session = session
    return session


def get(url: str, headers: dict[str, str], *, deadline: float, request_timeout: float,
        max_bytes: int = MAX_BODY, what: str = "the API",
        sleep: Any = time.sleep) -> Answer:
    """GET ``url`` within ``deadline`` (``time.monotonic()``), retrying 5xx answers and
    secondary rate limits; raises RemoteError (one line) for anything else that goes wrong."""
    delay = 1.0
    for attempt in range(1, MAX_ATTEMPTS + 1):
        answer = _follow(url, headers, deadline, request_timeout, max_bytes, what)
        wait = _retry_after(answer, delay)
        if wait is None or attempt == MAX_ATTEMPTS:
            return answer
        if time.monotonic() + wait >= deadline:
            reason = ("a secondary rate limit" if answer.status in (403, 429)
                      else f"HTTP {answer.status}")
            raise Deadline(f"{what} answered {reason}; retrying would pass the deadline")
        sleep(wait)
        delay *= 2
    raise AssertionError("unreachable")


def _retry_after(answer: Answer, delay: float) -> float | None:
    """Seconds to wait before asking again, or ``None`` when the answer is final."""
    if answer.status in RETRY_STATUSES:
        return delay
    if answer.status in (403, 429) and answer.headers.get("x-ratelimit-remaining") != "0":
        secondary = b"secondary rate limit" in answer.body.lower()
        retry = answer.headers.get("retry-after")
        if retry is not None or secondary:
            try:
                return min(60.0, max(1.0, float(retry))) if retry is not None else delay * 2
            except ValueError:
                return delay * 2
    return None


def _follow(url: str, headers: dict[str, str], deadline: float, request_timeout: float,
            max_bytes: int, what: str) -> Answer:
    host = urlsplit(url).netloc.lower()
    for _ in range(MAX_REDIRECTS + 1):
        answer = _once(url, headers, deadline, request_timeout, max_bytes, what)
        if answer.status not in (301, 302, 303, 307, 308) or "location" not in answer.headers:
            return answer
        url = urljoin(url, answer.headers["location"])
        parts = urlsplit(url)
        if parts.netloc.lower() != host or parts.scheme not in ("http", "https"):
            raise RemoteError(f"{what} redirected to another host ({parts.hostname or '?'}): "
                              "not followed")
    raise RemoteError(f"{what} redirected more than {MAX_REDIRECTS} times")


def _once(url: str, headers: dict[str, str], deadline: float, request_timeout: float,
          max_bytes: int, what: str) -> Answer:
    import requests

    left = deadline - time.monotonic()
    if left <= 0:
        raise Deadline(f"{what} gave no complete answer in time")
    timeout = (min(10.0, left), min(request_timeout, left))
    try:
        response = _headers_by(deadline, _session(), url, headers, timeout, what)
    except requests.Timeout:
        raise Deadline(f"{what} did not answer within {min(request_timeout, left):.0f} s") \
            from None
    except requests.RequestException as exc:
        raise RemoteError(f"cannot reach {what}: {type(exc).__name__}") from None
    try:
        lower = {k.lower(): v for k, v in response.headers.items()}
        declared = lower.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise RemoteError(f"{what} sent an answer larger than {max_bytes // 1024} KiB")
        return Answer(response.status_code, lower,
                      _read(response, deadline, max_bytes, what))
    finally:
        response.close()


def _headers_by(deadline: float, session: Any, url: str, headers: dict[str, str],
                timeout: tuple[float, float], what: str) -> Any:
    """The response (headers read, body not yet) by ``deadline``: a server dripping its
    status line or headers byte by byte is left behind in a helper thread (which its own
    read timeout ends), and this thread's session, which that thread still uses, is
    replaced."""
    box: dict[str, Any] = {}

    def fetch() -> None:
        try:
            box["response"] = session.get(url, headers=headers, timeout=timeout, stream=True,
                                          allow_redirects=False)
        except BaseException as exc:  # handed to the waiting thread
            box["error"] = exc

    helper = threading.Thread(target=fetch, daemon=True, name="dpgcheck-http")
    helper.start()
    helper.join(max(0.0, deadline - time.monotonic()))
    if helper.is_alive():
        _local.session = None
        raise Deadline(f"{what} had not sent its answer's headers at the deadline")
    if "error" in box:
        raise box["error"]
    return box["response"]


def _read(response: Any, deadline: float, max_bytes: int, what: str) -> bytes:
    import requests
    import urllib3

    parts: list[bytes] = []
    size = 0
    try:
        while True:
            if time.monotonic() > deadline:
                raise Deadline(f"{what} was still sending its answer at the deadline")
            piece = response.raw.read1(CHUNK)
            if not piece:
                return b"".join(parts)
            size += len(piece)
            if size > max_bytes:
                raise RemoteError(f"{what} sent an answer larger than {max_bytes // 1024} KiB")
            parts.append(piece)
    except (urllib3.exceptions.HTTPError, requests.RequestException, OSError) as exc:
        if isinstance(exc, urllib3.exceptions.ReadTimeoutError | TimeoutError):
            raise Deadline(f"{what} stopped sending its answer") from None
        raise RemoteError(f"{what} sent an incomplete answer ({type(exc).__name__})") from None
