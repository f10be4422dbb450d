"""Elixir: ``mix.exs`` (read as text, never evaluated) and ``mix.lock`` (exact versions).

A dependency is a tuple in ``deps``: ``{:oban_pro, "~> 1.5", repo: "oban", only: [:prod]}``.
``only:`` without ``:prod`` (``[:dev, :test]``) marks development and test tools; ``only:``
naming a module attribute (``@oban_envs``) is looked up in the same file, and counts as
runtime unless the attribute plainly leaves ``:prod`` out.
"""

from __future__ import annotations

import re

from dpgcheck.evidence.deps.interface import DEV, RUNTIME, ByName, Dependency, LineIndex

#: ``{:name, "requirement", options}`` (a version requirement, so that other tuples such as
#: ``{:no_warn, "priv/x.plt"}`` are not taken for dependencies), or
#: ``{:name, git:/github:/path:/in_umbrella: ...}``.
_DEP = re.compile(
    r"""\{\s*:([a-z_][a-zA-Z0-9_]*)\s*,\s*(?:"((?:~>|>=|<=|==|!=|>|<|\d)[^"\n]*)"\s*(?:,([^{}]*))?|"""
    r"""((?:git|github|path|in_umbrella)\s*:[^{}]*))\}""")
_ONLY = re.compile(r"\bonly\s*:\s*(\[[^\]]*\]|:\w+|@\w+)")
_LOCK = re.compile(r"""^\s*"([^"]+)"\s*:\s*\{\s*:hex\s*,\s*:([a-zA-Z0-9_]+)\s*,\s*"([^"]+)\"""",
                   re.MULTILINE)


def _expand(text: str, value: str, depth: int = 0) -> str:
    """``value`` with each module attribute it names (``@test_envs``) replaced by the
    attribute's value in ``text``; one that cannot be found reads as ``:prod``."""
    def one(match: re.Match[str]) -> str:
        found = re.search(rf"^\s*@{re.escape(match.group(1))}\s+(.+)$", text, re.MULTILINE)
        if found is None or depth >= 3:
            return ":prod"
        return _expand(text, found.group(1), depth + 1)

    return re.sub(r"@(\w+)", one, value)


def _scope(text: str, options: str) -> str:
    only = _ONLY.search(options)
    if only is None:
        return RUNTIME
    return RUNTIME if ":prod" in _expand(text, only.group(1)) else DEV


class MixExsParser(ByName):
    ecosystem = "hex"

    names = frozenset({"mix.exs"})

    def parse(self, path: str, text: str) -> list[Dependency]:
        lines = LineIndex(text)
        deps = []
        for match in _DEP.finditer(text):
            start = text.rfind("\n", 0, match.start()) + 1
            if text[start:match.start()].lstrip().startswith("#"):
                continue  # commented out
            options = match.group(3) or match.group(4) or ""
            deps.append(Dependency(match.group(1), self.ecosystem, match.group(2),
                                   _scope(text, options), path, lines.line(match.start())))
        return deps


class MixLockParser(ByName):
    ecosystem = "hex"

    names = frozenset({"mix.lock"})

    def parse(self, path: str, text: str) -> list[Dependency]:
        lines = LineIndex(text)
        return [Dependency(m.group(2), self.ecosystem, m.group(3), RUNTIME, path,
                           lines.line(m.start(1)), resolved=m.group(3), direct=False,
                           lockfile=True)
                for m in _LOCK.finditer(text)]
