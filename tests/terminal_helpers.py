"""Run dpgcheck in a real terminal (tmux) of a given width and read what the screen shows."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

DONE = "__DPGCHECK_EXIT="


def need_tmux() -> str:
    tmux = shutil.which("tmux")
    if tmux is None:
        pytest.skip("tmux is not installed (.ci/run installs it): cannot open a real terminal")
    return tmux


def run_in_terminal(args: list[str], cwd: Path, width: int, env: dict[str, str] | None = None,
                    colors: bool = False, timeout: float = 90) -> tuple[str, int]:
    """(the screen's text, the exit code) of ``dpgcheck ARGS`` in a ``width``-column tmux
    terminal; ``colors`` keeps the escape sequences tmux shows."""
    tmux = need_tmux()
    socket = f"dpgcheck-test-{uuid.uuid4().hex[:8]}"
    base = [tmux, "-L", socket, "-f", "/dev/null"]
    command = " ".join([sys.executable, "-m", "dpgcheck", *(_quote(a) for a in args)])
    script = f"{command}; echo {DONE}$?; sleep 600"
    full_env = {k: v for k, v in os.environ.items()
                if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "TMUX")}
    full_env.update({"TERM": "xterm-256color", **(env or {})})
    exports = " ".join(f"{k}={_quote(v)}" for k, v in (env or {}).items())
    subprocess.run([*base, "new-session", "-d", "-x", str(width), "-y", "400", "-c", str(cwd),
                    f"env {exports} sh -c {_quote(script)}"], check=True, env=full_env)
    try:
        deadline = time.monotonic() + timeout
        while True:
            screen = subprocess.run([*base, "capture-pane", "-p", *(["-e"] if colors else []),
                                     "-S", "-"],
                                    check=True, capture_output=True, text=True).stdout
            if DONE in screen:
                break
            if time.monotonic() > deadline:
                raise AssertionError(f"dpgcheck did not finish in the terminal:\n{screen}")
            time.sleep(0.2)
    finally:
        subprocess.run([*base, "kill-server"], capture_output=True)
    text, _, rest = screen.partition(DONE)
    code = re.match(r"\d+", rest)
    assert code is not None, screen
    return text.rstrip("\n") + "\n", int(code.group())


def _quote(value: str) -> str:
    import shlex

    return shlex.quote(str(value))
