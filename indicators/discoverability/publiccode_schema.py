"""Validate ``publiccode.yml`` against the core schema of the standard (0.4).

The YAML is composed into nodes first so that each schema error points at the line and
column of the offending value (or of its parent mapping for a missing key). Safe YAML only:
no aliases, no custom tags, bounded size and depth.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

MAX_BYTES = 256 * 1024
MAX_DEPTH = 64
SCHEMA = "publiccode.core.schema.json"


@dataclass(frozen=True)
class Problem:
    """One reason the file is not valid, at a 1-based line and column."""

    message: str
    line: int | None = None
    column: int | None = None

    def where(self) -> str:
        return f"{self.line}:{self.column}" if self.line is not None else ""


@dataclass
class Validation:
    data: Any
    problems: list[Problem]

    @property
    def valid(self) -> bool:
        return not self.problems


@cache
def schema() -> dict[str, Any]:
    text = (resources.files("dpgcheck") / "data" / SCHEMA).read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


class _Located:
    """Plain data built from YAML nodes, with the start mark of every value by JSON path."""

    def __init__(self) -> None:
        import yaml

        self.marks: dict[tuple[Any, ...], tuple[int, int]] = {}
        self._loader = yaml.SafeLoader("")

    def close(self) -> None:
        self._loader.dispose()

    def build(self, node: Any, path: tuple[Any, ...] = (), depth: int = 0) -> Any:
        import yaml

        if depth > MAX_DEPTH:
            raise ValueError("nested too deeply")
        self.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = self._scalar(key_node)
                key = str(key)
                out[key] = self.build(value_node, (*path, key), depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: Any) -> Any:
        """A scalar as safe YAML resolves it (``true``, ``3``); dates stay ISO strings."""
        import yaml

        if not isinstance(node, yaml.ScalarNode):
            return str(node.value)
        value = self._loader.construct_object(node, deep=True)
        if isinstance(value, dt.date | dt.datetime):
            return value.isoformat()[:10]
        return value


def _compose(text: str) -> Any:
    import yaml

    class NoAliases(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
            if self.check_event(yaml.AliasEvent):
                mark = self.peek_event().start_mark
                raise yaml.MarkedYAMLError(problem="YAML aliases are not allowed here",
                                           problem_mark=mark)
            return super().compose_node(parent, index)

    loader = NoAliases(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _message(error: Any) -> str:
    where = "/".join(str(p) for p in error.absolute_path)
    prefix = f"{where}: " if where else ""
    if error.validator == "required":
        return f"{prefix}{error.message}"
    if error.validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return f"{prefix}{error.instance!r} is not one of: {allowed}"
    if error.validator == "type":
        return f"{prefix}{error.instance!r} should be a {error.validator_value}"
    if error.validator in ("minLength", "maxLength"):
        length = len(error.instance) if isinstance(error.instance, str) else 0
        word = "at least" if error.validator == "minLength" else "at most"
        return f"{prefix}is {length} characters, {word} {error.validator_value} are required"
    return f"{prefix}{error.message}"


def validate(text: str) -> Validation:
    """Parse and validate; problems are sorted by position."""
    import jsonschema
    import yaml

    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        return Validation(None, [Problem(f"file is larger than {MAX_BYTES // 1024} KiB")])
    from dpgcheck.api import ParseError, yamlsafe

    try:
        yamlsafe.measure(text, max_depth=MAX_DEPTH, aliases=False)
    except ParseError as exc:
        message = str(exc.args[0])
        if "aliases" in message:
            message = "invalid YAML: " + message.replace(" in this file", " here")
        return Validation(None, [Problem(message, exc.line, exc.column)])
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return Validation(None, [Problem(f"invalid YAML: {exc.problem or exc.context}",
                                         mark.line + 1 if mark else None,
                                         mark.column + 1 if mark else None)])
    except (yaml.YAMLError, RecursionError) as exc:
        return Validation(None, [Problem(f"invalid YAML: {exc}")])
    if node is None:
        return Validation(None, [Problem("the file is empty", 1, 1)])
    located = _Located()
    try:
        data = located.build(node)
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        mark = getattr(exc, "problem_mark", None)
        return Validation(None, [Problem(f"invalid YAML: {exc}",
                                         mark.line + 1 if mark else None,
                                         mark.column + 1 if mark else None)])
    finally:
        located.close()
    validator = jsonschema.Draft202012Validator(schema())
    problems = []
    for error in validator.iter_errors(data):
        path = tuple(error.absolute_path)
        while path not in located.marks and path:
            path = path[:-1]
        line, column = located.marks.get(path, (None, None))
        problems.append(Problem(_message(error), line, column))
    problems.sort(key=lambda p: (p.line or 0, p.column or 0, p.message))
    return Validation(data, problems)
