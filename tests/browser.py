"""A real headless Chromium driven through the DevTools protocol, for the HTML tests.

Debian's ``chromium`` is started by the test with a fresh profile and no network features;
pages are opened from ``file://``. Skips with the reason when chromium or the WebSocket
client is missing.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-extensions", "--remote-debugging-port=0", "--hide-scrollbars"]
AXE_PATHS = (Path(__file__).parent / ".axe" / "node_modules" / "axe-core" / "axe.min.js",)


def axe_source() -> str:
    for path in AXE_PATHS:
        if path.is_file():
            return path.read_text(encoding="utf-8")
    pytest.skip("axe-core is not installed: .ci/run runs 'npm install --prefix tests/.axe "
                "axe-core@4.10.2'")


class Browser:
    def __init__(self) -> None:
        binary = shutil.which("chromium") or shutil.which("chromium-browser")
        if binary is None:
            pytest.skip("chromium is not installed (apt-get install -y chromium; .ci/run "
                        "installs it): cannot open the report in a real browser")
        try:
            import websocket
        except ImportError:
            pytest.skip("the websocket-client package is missing (pip install -e '.[test]')")
        self.profile = tempfile.TemporaryDirectory(ignore_cleanup_errors=True)
        self.proc = subprocess.Popen([binary, *FLAGS, f"--user-data-dir={self.profile.name}",
                                      "about:blank"], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True)
        url = None
        deadline = time.monotonic() + 60
        assert self.proc.stderr is not None
        while url is None and time.monotonic() < deadline:
            line = self.proc.stderr.readline()
            if not line and self.proc.poll() is not None:
                break
            found = re.search(r"DevTools listening on (ws://\S+)", line)
            url = found.group(1) if found else None
        if url is None:
            self.close()
            raise AssertionError("chromium did not start its DevTools endpoint")
        self.ws = websocket.create_connection(url, timeout=60)
        self.next_id = 0
        self.session: str | None = None

    def send(self, method: str, params: dict[str, Any] | None = None,
             session: bool = True) -> dict[str, Any]:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        self.ws.send(json.dumps(message))
        while True:
            answer = json.loads(self.ws.recv())
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise AssertionError(f"{method}: {answer['error']}")
                return answer.get("result", {})  # type: ignore[no-any-return]

    def open(self, path: Path, width: int = 1280, height: int = 900,
             javascript: bool = True) -> None:
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)
        attached = self.send("Target.attachToTarget", {"targetId": target["targetId"],
                                                       "flatten": True}, session=False)
        self.session = attached["sessionId"]
        self.send("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1,
            "mobile": width < 600})
        if not javascript:
            self.send("Emulation.setScriptExecutionDisabled", {"value": True})
        self.send("Page.navigate", {"url": path.as_uri()})
        deadline = time.monotonic() + 30
        while self.evaluate("document.readyState", allow_disabled=True) != "complete":
            if time.monotonic() > deadline:
                raise AssertionError("the page did not load")
            time.sleep(0.1)

    def evaluate(self, expression: str, promise: bool = False,
                 allow_disabled: bool = False) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression,
                                                "awaitPromise": promise,
                                                "returnByValue": True})
        if "exceptionDetails" in result:
            raise AssertionError(f"script error: {result['exceptionDetails']}")
        return result["result"].get("value")

    def press(self, key: str) -> None:
        codes = {"Tab": 9, "Enter": 13, " ": 32}
        base = {"key": key, "code": "Space" if key == " " else key,
                "windowsVirtualKeyCode": codes[key], "nativeVirtualKeyCode": codes[key]}
        text = {"Enter": "\r", " ": " "}.get(key)
        self.send("Input.dispatchKeyEvent", {"type": "keyDown", **base,
                                             **({"text": text} if text else {})})
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", **base})

    def screenshot(self, out: Path) -> None:
        data = self.send("Page.captureScreenshot", {"format": "png",
                                                    "captureBeyondViewport": True})
        out.write_bytes(base64.b64decode(data["data"]))

    def close(self) -> None:
        try:
            if getattr(self, "ws", None) is not None:
                self.ws.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            self.profile.cleanup()
