"""Validate a declarations file against ``data/dpg.schema.json`` and say where it is wrong.

jsonschema reports an instance path (``sdgs/1/number``); the YAML is composed a second time
with position marks so each message carries the file, line and column of the offending node.
Unknown keys are warnings, not errors: a newer dpgcheck may know them, and a typo should not
stop a check (a "did you mean" hint is given instead).
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any

import yaml

from dpgcheck.errors import ParseError

#: At most this many problems are spelled out in the one-line error.
MAX_LISTED = 5


@dataclass(frozen=True)
class Problem:
    """One schema problem at a place in the file."""

    message: str
    line: int | None
    column: int | None

    def render(self, path: str | None) -> str:
        where = path or "dpg.yml"
        if self.line is not None:
            where += f":{self.line}:{self.column}"
        return f"{where}: {self.message}"


@cache
def schema() -> dict[str, Any]:
    """The shipped JSON Schema of the declarations file."""
    text = resources.files("dpgcheck").joinpath("data/dpg.schema.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def to_json(value: Any) -> Any:
    """YAML values as JSON sees them: dates become ISO strings, keys become strings."""
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _node_at(root: yaml.Node | None, path: list[Any], key: bool = False) -> yaml.Node | None:
    """The YAML node at an instance path; with ``key`` the last step's key node."""
    node = root
    for i, step in enumerate(path):
        if isinstance(node, yaml.MappingNode):
            for knode, vnode in node.value:
                if str(knode.value) == str(step):
                    node = knode if key and i == len(path) - 1 else vnode
                    break
            else:
                return node
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if step >= len(node.value):
                return node
            node = node.value[step]
        else:
            return node
    return node


def line_map(text: str, loader: type[yaml.SafeLoader]) -> dict[str, int]:
    """Line (1-based) of every key and item, by dotted path (``sdgs.0.number``)."""
    try:
        root = yaml.compose(text, Loader=loader)
    except (yaml.YAMLError, ParseError):
        return {}
    lines: dict[str, int] = {}
    stack: list[tuple[str, yaml.Node]] = [("", root)] if root is not None else []
    while stack and len(lines) < 20_000:
        prefix, node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            children = [(str(k.value), k, v) for k, v in node.value]
        elif isinstance(node, yaml.SequenceNode):
            children = [(str(i), v, v) for i, v in enumerate(node.value)]
        else:
            continue
        for name, mark_node, child in children:
            dotted = f"{prefix}.{name}" if prefix else name
            lines[dotted] = mark_node.start_mark.line + 1
            stack.append((dotted, child))
    return lines


def _dotted(path: list[Any]) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def _custom(error: Any) -> str | None:
    custom = error.schema.get("x-message") if isinstance(error.schema, dict) else None
    if isinstance(custom, dict):
        custom = custom.get(error.validator, custom.get("default"))
    return str(custom).format(value=error.instance) if custom else None


def _message(error: Any, fallback: str | None = None) -> str:
    custom = _custom(error)
    if custom:
        return custom
    if fallback and error.validator != "required":
        return fallback
    if error.validator == "required":
        return f"missing {error.message.split(' is a required')[0]}"
    if error.validator == "type":
        wanted = error.validator_value
        wanted = wanted if isinstance(wanted, str) else " or ".join(
            w for w in wanted if w != "null")
        names = {"object": "a mapping of keys to values", "array": "a list",
                 "string": "a text", "integer": "a whole number", "boolean": "true or false"}
        return f"expected {names.get(wanted, wanted)}"
    return str(error.message)


def _unknown_keys(error: Any) -> list[str]:
    known = error.schema.get("properties", {})
    return [k for k in error.instance if k not in known]


def _branch_errors(error: Any) -> list[Any] | None:
    """For a failed ``anyOf``: the errors of the branch whose type matched, if only one did."""
    branches: dict[int, list[Any]] = {}
    for sub in error.context:
        branches.setdefault(sub.schema_path[0], []).append(sub)
    matched = [errs for errs in branches.values()
               if not any(e.validator in ("type", "enum") and not e.relative_path
                          for e in errs)]
    return matched[0] if len(matched) == 1 else None


def check_against_schema(data: Any, text: str, path: str | None,
                         loader: type[yaml.SafeLoader]) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) of ``data`` against the schema, placed in ``text``.

    A plainly valid file (``surely_valid``) skips jsonschema, which is imported only for the
    files it must judge; the YAML is composed again only to place a problem."""
    from dpgcheck.declarations.surely_valid import surely_valid

    instance = to_json(data)
    errors: list[Problem] = []
    warnings: list[Problem] = []
    @cache
    def root() -> yaml.Node | None:
        try:
            return yaml.compose(text, Loader=loader)
        except (yaml.YAMLError, ParseError):
            return None

    def place(where: list[Any], key: bool = False) -> tuple[int | None, int | None]:
        node = _node_at(root(), where, key)
        if node is None:
            return None, None
        return node.start_mark.line + 1, node.start_mark.column + 1

    def handle(error: Any, fallback: str | None = None) -> None:
        where = list(error.absolute_path)
        if error.validator == "additionalProperties":
            known = list(error.schema.get("properties", {}))
            for name in _unknown_keys(error):
                hint = difflib.get_close_matches(name, known, n=1)
                full = _dotted([*where, name])
                msg = f"unknown key '{full}' (ignored)"
                if hint:
                    msg += f": did you mean '{_dotted([*where, hint[0]])}'?"
                warnings.append(Problem(msg, *place([*where, name], key=True)))
            return
        if error.validator == "anyOf" and not error.schema.get("x-force"):
            branch = _branch_errors(error)
            if branch is not None:
                for sub in branch:
                    handle(sub, _custom(error) or fallback)
                return
        label = _dotted(where)
        msg = _message(error, fallback)
        errors.append(Problem(f"{label}: {msg}" if label else msg, *place(where)))

    if not surely_valid(instance, schema()):
        from jsonschema import Draft202012Validator

        for error in Draft202012Validator(schema()).iter_errors(instance):
            handle(error)
    errors += [Problem(msg, *place(where)) for where, msg in _sector_problems(instance)]
    key = lambda p: (p.line or 0, p.column or 0)  # noqa: E731
    return sorted(errors, key=key), sorted(warnings, key=key)


@cache
def dpga_sectors() -> tuple[str, ...]:
    """The sectors the DPGA's application accepts (its nominee schema's list)."""
    text = resources.files("dpgcheck").joinpath("data/dpga/nominee-schema.json").read_text(
        "utf-8")
    return tuple(json.loads(text)["properties"]["sectors"]["items"]["enum"])


def _sector_problems(instance: Any) -> list[tuple[list[Any], str]]:
    """Sectors the export would reject, found when the file is loaded, with a suggestion."""
    if not isinstance(instance, dict):
        return []
    value = instance.get("sectors")
    items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    allowed = dpga_sectors()
    by_lower = {s.lower(): s for s in allowed}
    out = []
    for index, item in enumerate(items):
        if not isinstance(item, str) or item.strip().lower() in by_lower:
            continue
        hint = difflib.get_close_matches(item.strip().lower(), list(by_lower), n=1, cutoff=0.5)
        msg = f"sectors: '{item}' is not one of the DPGA's sectors"
        msg += f": did you mean '{by_lower[hint[0]]}'?" if hint else \
            f" ({', '.join(allowed[:6])}, ...: see docs/declarations.md)"
        out.append((["sectors", index] if isinstance(value, list) else ["sectors"], msg))
    return out


def raise_for(errors: list[Problem], path: str | None) -> None:
    """One ParseError (one line on stderr, exit 2) naming the first problems."""
    if not errors:
        return
    first = errors[0]
    message = first.message
    if len(errors) > 1:
        more = "; ".join(p.render(path) for p in errors[1:MAX_LISTED])
        extra = len(errors) - MAX_LISTED
        message += f" (also: {more}{f'; and {extra} more' if extra > 0 else ''})"
    raise ParseError(message, path=path, line=first.line, column=first.column)
