"""A small GitHub REST API on 127.0.0.1 for offline tests.

It answers the few endpoints dpgcheck calls with JSON written here in the shape GitHub
documents (https://docs.github.com/rest/repos/repos#get-a-repository,
.../metrics/community#get-community-profile-metrics), with ETags and 304 answers, rate-limit
headers and a budget that runs out, private repositories that need the token, and a log of
every request. Clone URLs point at local bare repositories (``file://``).

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
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


@dataclass
class Request:
    method: str
    path: str
    status: int
    authorization: str | None


@dataclass
class FakeGitHub:
    token: str = "ghp_testtoken0123456789abcdefTOKEN"
    #: Requests answered with 200/404 before the budget is spent (``None``: unlimited).
    budget: int | None = None
    limit: int = 60
    routes: dict[str, Any] = field(default_factory=dict)
    private: set[str] = field(default_factory=set)
    #: Renamed repositories: old path -> new path (answered 301, as GitHub does).
    moved: dict[str, str] = field(default_factory=dict)
    log: list[Request] = field(default_factory=list)
    #: path -> (kind, argument) of a fault to serve instead of the route (see module doc).
    faults: dict[str, tuple[str, Any]] = field(default_factory=dict)
    reset_at: int = field(default_factory=lambda: int(time.time()) + 1800)

    def __post_init__(self) -> None:
        server = self
        self._lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server._answer(self)

            def log_message(self, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def start(self) -> FakeGitHub:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    # -- data -------------------------------------------------------------------------------
    def add_repo(self, owner: str, name: str, bare: Path, *, license_spdx: str | None = "MIT",
                 private: bool = False, owner_type: str = "Organization",
                 topics: tuple[str, ...] = ("health",), fork_of: str | None = None,
                 default_branch: str = "main") -> None:
        full = f"{owner}/{name}"
        user = {"login": owner, "id": 1, "type": owner_type,
                "url": f"{self.url}/users/{owner}", "html_url": f"https://github.test/{owner}"}
        repo: dict[str, Any] = {
            "id": abs(hash(full)) % 10**6, "name": name, "full_name": full, "owner": user,
            "private": private, "html_url": f"https://github.test/{full}",
            "description": f"{name}, a test repository", "fork": fork_of is not None,
            "url": f"{self.url}/repos/{full}", "clone_url": bare.resolve().as_uri(),
            "homepage": "https://example.org", "archived": False, "disabled": False,
            "topics": list(topics), "default_branch": default_branch, "visibility":
            "private" if private else "public",
            "license": None if license_spdx is None else {
                "key": license_spdx.lower(), "name": license_spdx, "spdx_id": license_spdx,
                "url": f"{self.url}/licenses/{license_spdx.lower()}"},
        }
        if fork_of:
            repo["parent"] = {"full_name": fork_of, "name": fork_of.split("/")[1],
                              "owner": {"login": fork_of.split("/")[0], "type": "User"}}
            repo["source"] = repo["parent"]
        self.routes[f"/repos/{full}"] = repo
        self.routes[f"/repos/{full}/community/profile"] = {
            "health_percentage": 42, "description": repo["description"], "documentation": None,
            "files": {"code_of_conduct": None, "code_of_conduct_file": None,
                      "contributing": None, "issue_template": None,
                      "pull_request_template": None, "license": None,
                      "readme": {"url": f"{self.url}/repos/{full}/contents/README.md",
                                 "html_url": f"https://github.test/{full}/blob/main/README.md"}},
            "updated_at": "2026-01-01T00:00:00Z", "content_reports_enabled": False}
        if private:
            self.private.update({f"/repos/{full}", f"/repos/{full}/community/profile"})

    def calls_for(self, full_name: str) -> list[Request]:
        return [r for r in self.log if r.path.startswith(f"/repos/{full_name}")]

    # -- serving ----------------------------------------------------------------------------
    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?")[0]
        auth = handler.headers.get("Authorization")
        if path in self.faults and self._fault(handler, path, auth):
            return
        if path in self.moved:
            with self._lock:
                self.log.append(Request("GET", path, 301, auth))
            handler.send_response(301)
            handler.send_header("Location", f"{self.url}{self.moved[path]}")
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        with self._lock:
            body: Any = self.routes.get(path)
            status = 200 if body is not None else 404
            if path in self.private and (not auth or self.token not in auth):
                status, body = 404, None
            if body is None:
                body = {"message": "Not Found",
                        "documentation_url": "https://docs.github.com/rest"}
            payload = json.dumps(body, sort_keys=True).encode()
            etag = f'W/"{hashlib.sha256(payload).hexdigest()[:32]}"'
            if status == 200 and handler.headers.get("If-None-Match") == etag:
                status, payload = 304, b""
            elif self.budget is not None:
                if self.budget <= 0:
                    status = 403
                    payload = json.dumps({
                        "message": "API rate limit exceeded for 127.0.0.1.",
                        "documentation_url": "https://docs.github.com/rest/rate-limit"}).encode()
                else:
                    self.budget -= 1
            remaining = self.limit if self.budget is None else max(0, self.budget)
            self.log.append(Request("GET", path, status, auth))
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json; charset=utf-8")
        handler.send_header("X-RateLimit-Limit", str(self.limit))
        handler.send_header("X-RateLimit-Remaining", str(remaining))
        handler.send_header("X-RateLimit-Reset", str(self.reset_at))
        handler.send_header("X-RateLimit-Resource", "core")
        if status in (200, 304):
            handler.send_header("ETag", etag)
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)


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
                self._send(handler, 200, b"<html>this is not JSON</html>")
            elif kind == "wrong-types":
                self._send(handler, 200, json.dumps({**self.routes.get(path, {}), **arg}).encode())
            elif kind in ("5xx", "secondary"):
                if kind == "5xx":
                    self._send(handler, 502, b'{"message": "Server Error"}')
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
              headers: dict[str, str] | None = None) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json; charset=utf-8")
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)


def bare_copy(work_tree: Path, dest: Path) -> Path:
    """A bare repository cloned from ``work_tree`` that serves partial clones."""
    import subprocess

    subprocess.run(["git", "clone", "-q", "--bare", str(work_tree), str(dest)], check=True,
                   capture_output=True)
    subprocess.run(["git", "-C", str(dest), "config", "uploadpack.allowFilter", "true"],
                   check=True, capture_output=True)
    return dest
