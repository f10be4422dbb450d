"""One small stand-in for every forge and portal API, on 127.0.0.1, for offline tests.

It serves recorded JSON per route (written in each API's documented shape by the tests), with
ETags and 304 answers, rate-limit headers and a budget that runs out, routes that need the
token, redirects, a fallback page (a website), a log of every request, and real git
repositories over smart HTTP (``git http-backend`` as a CGI program, the way a forge runs it).
The GitHub stand-in (:mod:`tests.github_server`) is this server with GitHub's routes.

``faults`` turns a path into a misbehaving server, as a hostile or broken forge would be:
``drip`` (one byte a second), ``drip-headers`` (the same, before the headers end), ``huge``
(an endless body), ``truncated`` (a body shorter than its Content-Length), ``invalid`` (not
JSON), ``wrong-types`` (the route's JSON with fields replaced), ``5xx`` (N server errors, then
the real answer), ``secondary`` (N secondary rate limits with Retry-After, then the answer)
and ``redirect`` (to another host).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote


@dataclass
class Request:
    method: str
    path: str
    status: int
    authorization: str | None


@dataclass
class Answer:
    """A recorded answer other than a plain 200 JSON body."""

    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    #: ``body`` is sent as is (bytes or text), not as JSON.
    raw: bool = False


@dataclass
class ForgeServer:
    token: str = "forge-test-token-0123456789abcdef"
    #: Requests answered with 200/404 before the budget is spent (``None``: unlimited).
    budget: int | None = None
    limit: int = 60
    #: How a spent budget is answered: GitHub says 403, GitLab and the Hub say 429.
    rate_status: int = 403
    #: "X-RateLimit-" (GitHub, Gitea) or "RateLimit-" (GitLab).
    rate_prefix: str = "X-RateLimit-"
    #: Path (with its query, or without to match any query) -> JSON body or Answer.
    routes: dict[str, Any] = field(default_factory=dict)
    private: set[str] = field(default_factory=set)
    #: Old path -> new path (answered 301).
    moved: dict[str, str] = field(default_factory=dict)
    #: URL path of a repository (``/group/project.git``) -> bare repository served over HTTP.
    git: dict[str, Path] = field(default_factory=dict)
    #: The answer for any other path (``None``: a JSON 404).
    fallback: Answer | None = None
    not_found: Any = field(default_factory=lambda: {"message": "Not Found"})
    log: list[Request] = field(default_factory=list)
    #: path -> (kind, argument) of a fault to serve instead of the route (see module doc).
    faults: dict[str, tuple[str, Any]] = field(default_factory=dict)
    reset_at: int = field(default_factory=lambda: int(time.time()) + 1800)

    def __post_init__(self) -> None:
        server = self
        self._lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                server._dispatch(self, "GET")

            def do_POST(self) -> None:
                server._dispatch(self, "POST")

            def log_message(self, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    @property
    def netloc(self) -> str:
        return f"127.0.0.1:{self._httpd.server_address[1]}"

    def start(self) -> ForgeServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def add_git(self, path: str, bare: Path) -> str:
        """Serve ``bare`` at ``/path`` over smart HTTP; returns its clone URL."""
        self.git["/" + path.strip("/")] = bare
        return f"{self.url}/{path.strip('/')}"

    def api_calls(self) -> list[Request]:
        """Requests that were not git traffic."""
        return [r for r in self.log if not r.path.startswith(tuple(self.git))]

    # -- serving ----------------------------------------------------------------------------
    def _authorised(self, handler: BaseHTTPRequestHandler) -> bool:
        for name in ("Authorization", "PRIVATE-TOKEN"):
            value = handler.headers.get(name)
            if value and self.token in value:
                return True
        return False

    def _auth_header(self, handler: BaseHTTPRequestHandler) -> str | None:
        return handler.headers.get("Authorization") or handler.headers.get("PRIVATE-TOKEN")

    def _dispatch(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        raw_path, _, query = handler.path.partition("?")
        for prefix, bare in self.git.items():
            if unquote(raw_path) == prefix or unquote(raw_path).startswith(prefix + "/"):
                self._git(handler, method, bare, unquote(raw_path)[len(prefix):], query)
                return
        if method != "GET":
            self._send(handler, 405, b"", {})
            return
        self._answer(handler, raw_path, query)

    def _git(self, handler: BaseHTTPRequestHandler, method: str, bare: Path, rest: str,
             query: str) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        env = {**{k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
               "GIT_PROJECT_ROOT": str(bare), "GIT_HTTP_EXPORT_ALL": "1",
               "PATH_INFO": rest or "/", "QUERY_STRING": query, "REQUEST_METHOD": method,
               "CONTENT_TYPE": handler.headers.get("Content-Type", ""),
               "CONTENT_LENGTH": str(len(body)), "GIT_CONFIG_NOSYSTEM": "1",
               "REMOTE_ADDR": "127.0.0.1"}
        for header in ("Content-Encoding", "Git-Protocol"):
            if handler.headers.get(header):
                env["HTTP_" + header.upper().replace("-", "_")] = handler.headers[header]
        if "HTTP_GIT_PROTOCOL" in env:
            env["GIT_PROTOCOL"] = env["HTTP_GIT_PROTOCOL"]
        proc = subprocess.run(["git", "http-backend"], input=body, env=env,
                              capture_output=True, check=False, timeout=60)
        head, _, payload = proc.stdout.partition(b"\r\n\r\n")
        if not _:
            head, _, payload = proc.stdout.partition(b"\n\n")
        status, headers = 200, {}
        for line in head.decode("latin-1").splitlines():
            name, _, value = line.partition(":")
            if name.lower() == "status":
                status = int(value.strip().split()[0])
            elif name:
                headers[name.strip()] = value.strip()
        with self._lock:
            self.log.append(Request(method, handler.path, status, self._auth_header(handler)))
        self._send(handler, status, payload, headers)

    def _answer(self, handler: BaseHTTPRequestHandler, path: str, query: str) -> None:
        full = f"{path}?{query}" if query else path
        auth = self._auth_header(handler)
        if path in self.faults and self._fault(handler, path, auth):
            return
        if path in self.moved:
            with self._lock:
                self.log.append(Request("GET", full, 301, auth))
            self._send(handler, 301, b"", {"Location": f"{self.url}{self.moved[path]}"})
            return
        with self._lock:
            key = full if full in self.routes else path
            found: Any = self.routes.get(key)
            if found is None and self.fallback is not None:
                found = self.fallback
            answer = found if isinstance(found, Answer) else (
                Answer(404, self.not_found) if found is None else Answer(200, found))
            if key in self.private and not self._authorised(handler):
                answer = Answer(404, self.not_found)
            payload = (answer.body if isinstance(answer.body, bytes) else
                       str(answer.body).encode() if answer.raw else
                       json.dumps(answer.body, sort_keys=True).encode())
            status = answer.status
            etag = f'W/"{hashlib.sha256(payload).hexdigest()[:32]}"'
            if status == 200 and handler.headers.get("If-None-Match") == etag:
                status, payload = 304, b""
            elif self.budget is not None:
                if self.budget <= 0:
                    status = self.rate_status
                    payload = json.dumps({"message": "API rate limit exceeded for 127.0.0.1."}
                                         ).encode()
                else:
                    self.budget -= 1
            remaining = self.limit if self.budget is None else max(0, self.budget)
            self.log.append(Request("GET", full, status, auth))
        headers = {"Content-Type": "application/json; charset=utf-8", **answer.headers}
        headers[f"{self.rate_prefix}Limit"] = str(self.limit)
        headers[f"{self.rate_prefix}Remaining"] = str(remaining)
        headers[f"{self.rate_prefix}Reset"] = str(self.reset_at)
        if status == self.rate_status and self.budget is not None and self.budget <= 0:
            headers["Retry-After"] = str(max(0, self.reset_at - int(time.time())))
        if status in (200, 304):
            headers["ETag"] = etag
        self._send(handler, status, payload, headers)

    def _fault(self, handler: BaseHTTPRequestHandler, path: str, auth: str | None) -> bool:
        """Serve the fault of ``path``; ``False`` when it has run its course (answer normally)."""
        kind, arg = self.faults[path]
        with self._lock:
            if kind in ("5xx", "secondary"):
                if int(arg) <= 0:
                    return False  # run its course: the real answer follows
                self.faults[path] = (kind, int(arg) - 1)
            self.log.append(Request("GET", path, -1, auth))
        try:
            if kind == "drip":  # headers at once, then one byte a second, for ``arg`` seconds
                handler.send_response(200)
                handler.send_header("Content-Type", "application/json")
                handler.send_header("Content-Length", str(10**6))
                handler.end_headers()
                handler.wfile.write(b"{")
                for _ in range(int(arg)):
                    time.sleep(1)
                    handler.wfile.write(b" ")
                    handler.wfile.flush()
            elif kind == "drip-headers":  # the status line and headers, a byte a second
                head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + b"X" * 10**5
                for i in range(min(int(arg), len(head))):
                    handler.wfile.write(head[i:i + 1])
                    handler.wfile.flush()
                    time.sleep(1)
                handler.close_connection = True
            elif kind == "huge":  # ``arg`` MiB of an endless JSON string, chunk by chunk
                handler.send_response(200)
                handler.send_header("Content-Type", "application/json")
                handler.send_header("Transfer-Encoding", "chunked")
                handler.end_headers()
                chunk = b" " * (1024 * 1024)
                frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
                handler.wfile.write(b'1\r\n"\r\n')
                for _ in range(int(arg)):
                    handler.wfile.write(frame)
            elif kind == "truncated":
                payload = json.dumps(self.routes.get(path, {})).encode()
                handler.send_response(200)
                handler.send_header("Content-Type", "application/json")
                handler.send_header("Content-Length", str(len(payload)))
                handler.end_headers()
                handler.wfile.write(payload[: len(payload) // 2])
                handler.close_connection = True
            elif kind == "invalid":
                self._send(handler, 200, b"<html>this is not JSON</html>", {})
            elif kind == "wrong-types":
                self._send(handler, 200, json.dumps({**self.routes.get(path, {}), **arg}).encode(),
                           {})
            elif kind in ("5xx", "secondary"):
                if kind == "5xx":
                    self._send(handler, 502, b'{"message": "Server Error"}', {})
                else:
                    self._send(handler, 403, json.dumps({
                        "message": "You have exceeded a secondary rate limit. Please wait a "
                                   "few minutes before you try again."}).encode(),
                               {"Retry-After": "1", "X-RateLimit-Remaining": "4000"})
            elif kind == "redirect":
                handler.send_response(301)
                handler.send_header("Location", f"http://{arg}{path}")
                handler.send_header("Content-Length", "0")
                handler.end_headers()
            else:
                raise ValueError(f"unknown fault {kind}")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should
        return True

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, status: int, payload: bytes,
              headers: dict[str, str]) -> None:
        handler.send_response(status)
        for name, value in headers.items():
            if name.lower() != "content-length":
                handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        if status != 304:
            handler.wfile.write(payload)


def bare_copy(work_tree: Path, dest: Path) -> Path:
    """A bare repository cloned from ``work_tree`` that serves partial clones."""
    subprocess.run(["git", "clone", "-q", "--bare", str(work_tree), str(dest)], check=True,
                   capture_output=True)
    subprocess.run(["git", "-C", str(dest), "config", "uploadpack.allowFilter", "true"],
                   check=True, capture_output=True)
    return dest
