"""Errors that end a run with a one-line message and a documented exit code."""

from __future__ import annotations

from collections.abc import Iterable

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INCOMPLETE = 3


class DpgcheckError(Exception):
    """A problem with the user's input or configuration (exit 2 unless said otherwise)."""

    exit_code = EXIT_USAGE


class TargetError(DpgcheckError):
    """The target cannot be checked at all (missing path, not a folder, unreachable)."""


class ParseError(DpgcheckError):
    """A file in the checked tree could not be parsed; carries where, for reports."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 column: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = self.path or ""
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        msg = super().__str__()
        return f"{where}: {msg}" if where else msg


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """`` (did you mean `x`?)`` when one choice is close to ``word``, else nothing: appended
    to the one-line error of a mistyped value."""
    import difflib

    found = difflib.get_close_matches(word.strip().lower(), list(choices), n=1, cutoff=cutoff)
    return f" (did you mean `{found[0]}`?)" if found else ""
