"""Headless Chromium for HTML tests: the DOM after the page's scripts ran (``--dump-dom``).

Skips with the reason when Debian's ``chromium`` is not installed (``.ci/run`` installs it).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-extensions", "--virtual-time-budget=5000"]


def dump_dom(page: Path, tmp: Path, fragment: str = "") -> str:
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium; .ci/run does)")
    profile = tmp / f"chromium-profile-{len(list(tmp.glob('chromium-profile-*')))}"
    proc = subprocess.run([binary, *FLAGS, f"--user-data-dir={profile}", "--dump-dom",
                           page.resolve().as_uri() + fragment],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout
