"""Which files the tree holds, listed once: ``git ls-files`` in a work tree, else a walk.

Git lists tracked plus untracked-but-not-ignored files; outside a work tree (or when git has
nothing to say) the walk honours every ``.gitignore`` and never follows symlinked folders.
Both stop at a bound and say so, so a huge tree cannot exhaust memory.
"""

from __future__ import annotations

import os
from pathlib import Path

from dpgcheck.repo.git import ls_files

#: Bound on how many paths are listed; beyond it the view says it is truncated.
MAX_FILES = 2_000_000


def git_files(root: Path, max_files: int) -> list[str] | None:
    """Tracked plus untracked-but-not-ignored files, or ``None`` outside a work tree."""
    out = ls_files(root)
    if out is None:
        return None
    files = [f for f in dict.fromkeys(out.split("\0")) if f]
    if not files:
        return None  # an empty or wholly ignored listing: let the walk decide
    return files


def walk_files(root: Path, max_files: int) -> tuple[list[str], bool]:
    """Walk without following symlinked folders, honouring ``.gitignore`` files."""
    from dpgcheck.repo.ignore import IgnoreRules

    rules = IgnoreRules()
    files: list[str] = []
    stack = [""]
    while stack:
        rel_dir = stack.pop()
        abs_dir = os.path.join(root, rel_dir) if rel_dir else str(root)
        try:
            entries = sorted(os.scandir(abs_dir), key=lambda e: e.name)
        except OSError:
            continue
        gitignore = next((e for e in entries if e.name == ".gitignore"), None)
        if gitignore is not None and gitignore.is_file(follow_symlinks=False):
            try:
                with open(gitignore.path, "rb") as fh:
                    rules.add(rel_dir, fh.read(256 * 1024).decode("utf-8", "replace"))
            except OSError:
                pass
        for entry in entries:
            if entry.name == ".git":
                continue
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if rules.ignored(rel, is_dir):
                continue
            if is_dir:
                stack.append(rel)
            else:
                files.append(rel)
                if len(files) > max_files:
                    return files[:max_files], True
    return files, False
