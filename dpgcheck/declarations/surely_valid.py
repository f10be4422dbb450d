"""Is a declarations file plainly valid? A check that can only say "yes" or "ask jsonschema".

Importing jsonschema (with ``referencing``, ``attrs``, ``rpds`` and its format checkers) costs
about 50 ms, a sixth of a small repository's whole check, and most files that reach it are
valid. This walks the instance along the shipped schema with the few keywords that schema
uses and answers ``True`` only when every one of them plainly holds. Anything it does not
model exactly (a keyword it does not know, a ``$ref`` that is not local, a float where a whole
number is wanted, an ``enum`` member of another type) answers ``False``, and jsonschema then
judges and words the errors as before. So a ``True`` here is always a file jsonschema finds no
error and no unknown key in (``tests/declarations/test_surely_valid.py`` checks it on
generated files); a ``False`` is only "not sure".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

#: Keywords that only describe: they never make an instance invalid.
_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "default",
                          "examples", "x-message", "x-force", "$defs"})

#: JSON Schema's types as Python's exact types (``bool`` is not an integer here, and a float
#: that is a whole number is left to jsonschema).
_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,), "integer": (int,), "number": (int, float), "boolean": (bool,),
    "null": (type(None),), "object": (dict,), "array": (list,)}

#: One keyword's check: does ``instance`` plainly satisfy ``value`` (the keyword's value in
#: ``node``, with ``root`` to resolve references)?
_Check = Callable[[Any, Any, dict[str, Any], dict[str, Any]], bool]


def surely_valid(instance: Any, schema: dict[str, Any]) -> bool:
    """``True`` only if ``instance`` plainly satisfies ``schema`` (its ``$defs`` resolve
    local ``$ref``s); ``False`` when it does not or this cannot tell."""
    return _holds(instance, schema, schema)


def _holds(instance: Any, node: Any, root: dict[str, Any]) -> bool:
    if node is True:
        return True
    if not isinstance(node, dict):
        return False
    for keyword, value in node.items():
        if keyword in _ANNOTATIONS:
            continue
        check = _CHECKS.get(keyword)
        if check is None or not check(instance, value, node, root):
            return False
    return True


def _type(instance: Any, value: Any, node: dict[str, Any], root: dict[str, Any]) -> bool:
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list):
        return False
    return any(type(instance) in _TYPES.get(name, ()) for name in names)


def _enum(instance: Any, value: Any, node: dict[str, Any], root: dict[str, Any]) -> bool:
    if not isinstance(value, list) or not isinstance(instance, str | int | float | type(None)):
        return False
    return any(type(member) is type(instance) and member == instance for member in value)


def _ref(instance: Any, value: Any, node: dict[str, Any], root: dict[str, Any]) -> bool:
    prefix = "#/$defs/"
    if not isinstance(value, str) or not value.startswith(prefix):
        return False
    target = root.get("$defs", {}).get(value[len(prefix):])
    return target is not None and _holds(instance, target, root)


def _any_of(instance: Any, value: Any, node: dict[str, Any], root: dict[str, Any]) -> bool:
    return isinstance(value, list) and any(_holds(instance, branch, root) for branch in value)


def _properties(instance: Any, value: Any, node: dict[str, Any], root: dict[str, Any]) -> bool:
    if not isinstance(instance, dict):
        return True
    return isinstance(value, dict) and all(
        _holds(instance[key], sub, root) for key, sub in value.items() if key in instance)


def _additional(instance: Any, value: Any, node: dict[str, Any], root: dict[str, Any]) -> bool:
    if not isinstance(instance, dict):
        return True
    if "patternProperties" in node:
        return False
    known = node.get("properties", {})
    extra = [key for key in instance if key not in known]
    return all(_holds(instance[key], value, root) for key in extra)


def _required(instance: Any, value: Any, node: dict[str, Any], root: dict[str, Any]) -> bool:
    if not isinstance(value, list):
        return False
    return not isinstance(instance, dict) or all(key in instance for key in value)


def _items(instance: Any, value: Any, node: dict[str, Any], root: dict[str, Any]) -> bool:
    if not isinstance(instance, list):
        return True
    return "prefixItems" not in node and all(_holds(item, value, root) for item in instance)


def _pattern(instance: Any, value: Any, node: dict[str, Any], root: dict[str, Any]) -> bool:
    if not isinstance(instance, str):
        return True
    try:
        return re.search(value, instance) is not None  # as jsonschema's own ``pattern`` does
    except re.error:
        return False


def _bound(wanted: str) -> _Check:
    def check(instance: Any, value: Any, node: dict[str, Any], root: dict[str, Any]) -> bool:
        if isinstance(instance, bool) or not isinstance(instance, int | float):
            return True
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        return instance >= value if wanted == "minimum" else instance <= value
    return check


def _min_length(instance: Any, value: Any, node: dict[str, Any], root: dict[str, Any]) -> bool:
    return not isinstance(instance, str) or (isinstance(value, int) and len(instance) >= value)


_CHECKS: dict[str, _Check] = {
    "type": _type, "enum": _enum, "$ref": _ref, "anyOf": _any_of, "properties": _properties,
    "additionalProperties": _additional, "required": _required, "items": _items,
    "pattern": _pattern, "minimum": _bound("minimum"), "maximum": _bound("maximum"),
    "minLength": _min_length}
