"""A deps.dev stand-in on 127.0.0.1: ``POST /v3alpha/versionbatch`` answered from recorded
versions, in the shape deps.dev documents (https://docs.deps.dev/api/v3alpha/#versionbatch),
with a log of every request."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class FakeDepsDev:
    #: (SYSTEM, name, version) -> licences
    versions: dict[tuple[str, str, str], list[str]] = field(default_factory=dict)
    #: Each batch request's version keys.
    log: list[list[dict[str, Any]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                server._answer(self)

            def log_message(self, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def start(self) -> FakeDepsDev:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = json.loads(handler.rfile.read(length) or b"{}")
        if handler.path != "/v3alpha/versionbatch":
            payload, status = b'{"code": 5, "message": "not found"}', 404
        else:
            requests = body.get("requests", [])
            self.log.append([r["versionKey"] for r in requests])
            responses = []
            for request in requests:
                key = request["versionKey"]
                licences = self.versions.get((key["system"], key["name"], key["version"]))
                responses.append({"request": request, "version": None if licences is None else {
                    "versionKey": key, "licenses": licences, "isDefault": True}})
            payload, status = json.dumps({"responses": responses,
                                          "nextPageToken": ""}).encode(), 200
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)
