"""Helpers shared by the evidence tests (6, 8, 9a, 9b): run one indicator, read its JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def indicator(cli: Callable[..., Any], root: Path, number: str,
              *extra: str) -> dict[str, Any]:
    """Run ``dpgcheck ROOT --only NUMBER -f json`` and return that indicator's object."""
    result = cli(root, "--only", number, "-f", "json", *extra)
    assert result.exit_code in (0, 1, 3), result.stderr
    report = json.loads(result.stdout)
    (found,) = report["indicators"]
    return found  # type: ignore[no-any-return]


def finding_ids(ind: dict[str, Any]) -> dict[str, str]:
    """Finding id -> status."""
    return {f["id"]: f["status"] for f in ind["findings"]}


def dpg_yml(**sections: str) -> str:
    """A declarations file from YAML snippets, one per top-level key."""
    return "dpg: 1\n" + "".join(f"{key}:\n{body}" if body.startswith("  ") else
                                f"{key}: {body}\n" for key, body in sections.items())


def printed_by_fresh_python(code: str) -> list[str]:
    """The words a new interpreter prints running ``code`` (what it imports is its own)."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.split()
