"""The repository view: the only way indicators see files.

``RepoView`` is the face of the ``repo`` package and composes one module per job:

- ``listing``: the tree is listed once (``git ls-files`` in a work tree, otherwise a walk
  that honours ``.gitignore``);
- ``lookups``: case-insensitive look-ups over that listing (names, folders, globs), because
  licence and README names vary in case (``TreeIndex``);
- ``reads``: reads that are bounded, never leave the checked tree (symlinks are resolved and
  confined), never block on special files, and decode with a fallback so odd encodings do not
  crash a check (``ConfinedReader``);
- ``git``: git plumbing with the repository's configuration neutralised, and its history.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path

from dpgcheck.errors import TargetError
from dpgcheck.repo.git import GitHistory, is_bare_repository
from dpgcheck.repo.listing import MAX_FILES, git_files, walk_files
from dpgcheck.repo.lookups import TreeIndex
from dpgcheck.repo.reads import ConfinedReader


class RepoView(TreeIndex, ConfinedReader):
    """A listed, read-only tree. Paths are POSIX strings relative to the root.

    The look-ups come from ``TreeIndex``, the reads from ``ConfinedReader`` (inherited, so a
    call costs what it did when they were written here).
    """

    def __init__(self, root: Path, files: Iterable[str], *, listed_by: str = "walk",
                 truncated: bool = False) -> None:
        ConfinedReader.__init__(self, root)
        TreeIndex.__init__(self, files)
        self.listed_by = listed_by
        self.truncated = truncated

    # ----------------------------------------------------------------- construction
    @classmethod
    def from_path(cls, root: Path, *, max_files: int = MAX_FILES) -> RepoView:
        if not root.exists():
            raise TargetError(f"no such file or folder: {root}")
        if not root.is_dir():
            raise TargetError(f"not a folder: {root} (give the repository's folder)")
        if not os.access(root, os.R_OK | os.X_OK):
            raise TargetError(f"cannot read folder: {root}")
        if is_bare_repository(root):
            raise TargetError(f"{root} is a bare git repository (no files to check): "
                              "check a clone of it instead")
        files = git_files(root, max_files)
        if files is not None:
            return cls(root, files[:max_files], listed_by="git", truncated=len(files) > max_files)
        walked, truncated = walk_files(root, max_files)
        return cls(root, walked, listed_by="walk", truncated=truncated)

    # ----------------------------------------------------------------- history
    @cached_property
    def git(self) -> GitHistory | None:
        return GitHistory(self.root) if self.listed_by == "git" else None
