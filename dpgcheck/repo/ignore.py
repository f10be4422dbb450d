"""``.gitignore`` rules for trees that are not git work trees (pathspec does the matching)."""

from __future__ import annotations

import pathspec


class IgnoreRules:
    """Per-folder ignore files, applied to paths below their folder, deepest last."""

    def __init__(self) -> None:
        self._specs: list[tuple[str, pathspec.PathSpec]] = []

    def add(self, directory: str, text: str) -> None:
        lines = text.splitlines()
        try:
            spec = pathspec.GitIgnoreSpec.from_lines(lines)
        except ValueError:
            # git skips a pattern it cannot read (a lone backslash); so do we, keeping the rest
            spec = pathspec.GitIgnoreSpec.from_lines([ln for ln in lines if _readable(ln)])
        self._specs.append((directory, spec))

    def ignored(self, path: str, is_dir: bool) -> bool:
        result = False
        for directory, spec in self._specs:
            if directory and not path.startswith(directory + "/"):
                continue
            rel = path[len(directory) + 1:] if directory else path
            if is_dir:
                rel += "/"
            check = spec.check_file(rel)
            if check.include is not None:
                result = check.include
        return result


def _readable(line: str) -> bool:
    try:
        pathspec.GitIgnoreSpec.from_lines([line])
    except ValueError:
        return False
    return True
