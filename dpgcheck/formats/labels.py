"""Words and marks for statuses, shared by the human-readable formats."""

from __future__ import annotations

from dpgcheck.model import Status

MARKS = {
    Status.PASS: "✔",
    Status.WARNING: "!",
    Status.FAIL: "✘",
    Status.NEEDS_DECLARATION: "?",
    Status.NOT_APPLICABLE: "–",
    Status.ERROR: "E",
}
EMOJI = {
    Status.PASS: "✅",
    Status.WARNING: "⚠️",
    Status.FAIL: "❌",
    Status.NEEDS_DECLARATION: "📝",
    Status.NOT_APPLICABLE: "➖",
    Status.ERROR: "💥",
}
STYLES = {
    Status.PASS: "green",
    Status.WARNING: "yellow",
    Status.FAIL: "bold red",
    Status.NEEDS_DECLARATION: "cyan",
    Status.NOT_APPLICABLE: "dim",
    Status.ERROR: "magenta",
}
VERDICT_TEXT = {
    "pass": "meets every indicator dpgcheck can judge",
    "fail": "does not meet the Standard yet",
    "incomplete": "nothing failed, but some indicators need declarations or could not run",
}


def location(path: str | None, line: int | None, url: str | None = None) -> str:
    if path:
        return f"{path}:{line}" if line else path
    return url or ""
