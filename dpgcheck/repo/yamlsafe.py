"""The one bounded YAML loader every reader of repository YAML goes through.

``safe_load`` is safe against code execution but not against size: a few hundred bytes of
nested aliases (a "billion laughs") build a graph that a later ``str()`` or walk expands to
gigabytes, and deep nesting exhausts the stack. Before anything is constructed, the event
stream (libyaml's parser when present: iterative, so nesting cannot crash it) is counted:
bytes, nesting depth, nodes, and the nodes every alias would expand to. Over a budget, the
file is refused with :class:`TooComplex` ("file too complex to read"), a ParseError callers
report like any unreadable file; nothing is built.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from dpgcheck.errors import ParseError

#: Defaults: far above any real metadata file or lock file, far below trouble.
MAX_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 100
MAX_NODES = 2_000_000
#: Nodes aliases may add when expanded (what a walk or ``str()`` of the result would visit).
MAX_ALIAS_NODES = 100_000


class TooComplex(ParseError):
    """Over a size, depth or node budget: refused before anything was built."""

    def __init__(self, reason: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(f"file too complex to read: {reason}", path=path, line=line)


def _base(tolerant_tags: bool) -> type:
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return _tolerant(base) if tolerant_tags else base


@cache
def _tolerant(base: type) -> type:
    """A safe loader that reads application tags (Compose's ``!reset``, CloudFormation's
    ``!Ref``) as the plain value they tag, instead of refusing the file."""
    import yaml

    class TolerantLoader(base):  # type: ignore[misc, valid-type]
        pass

    def plain(loader: Any, _suffix: str, node: Any) -> Any:
        if isinstance(node, yaml.MappingNode):
            return loader.construct_mapping(node)
        if isinstance(node, yaml.SequenceNode):
            return loader.construct_sequence(node)
        return loader.construct_scalar(node)

    TolerantLoader.add_multi_constructor("!", plain)
    return TolerantLoader


def measure(text: str, path: str | None = None, *, max_depth: int = MAX_DEPTH,
            max_nodes: int = MAX_NODES, max_alias_nodes: int = MAX_ALIAS_NODES,
            aliases: bool = True) -> int:
    """Count the file's nodes as the composer would build them, aliases expanded; raise
    TooComplex past a budget, ParseError for invalid YAML. Returns the expanded count."""
    import yaml

    events = yaml.parse(text, Loader=_base(False))
    # One counter per open collection: [anchor, expanded size so far].
    stack: list[list[Any]] = []
    anchors: dict[str, int] = {}
    nodes = alias_nodes = 0

    def add(size: int) -> None:
        if stack:
            stack[-1][1] += size

    try:
        for event in events:
            kind = type(event)
            if kind is yaml.ScalarEvent:
                nodes += 1
                if event.anchor:
                    anchors[event.anchor] = 1
                add(1)
            elif kind in (yaml.SequenceStartEvent, yaml.MappingStartEvent):
                nodes += 1
                stack.append([event.anchor, 1])
                if len(stack) > max_depth:
                    raise TooComplex(f"nested too deeply (over {max_depth} levels)", path,
                                     event.start_mark.line + 1)
            elif kind in (yaml.SequenceEndEvent, yaml.MappingEndEvent):
                anchor, size = stack.pop()
                if anchor:
                    anchors[anchor] = size
                add(size)
            elif kind is yaml.AliasEvent:
                line = event.start_mark.line + 1
                if not aliases:
                    raise ParseError("YAML aliases are not allowed in this file", path=path,
                                     line=line, column=event.start_mark.column + 1)
                size = anchors.get(event.anchor)
                if size is None:
                    if any(entry[0] == event.anchor for entry in stack):
                        raise TooComplex("an alias refers to the node that contains it",
                                         path, line)
                    size = 1  # undefined: the constructor reports it
                alias_nodes += size
                if alias_nodes > max_alias_nodes:
                    raise TooComplex(f"its aliases expand to more than {max_alias_nodes} "
                                     "nodes", path, line)
                add(size)
            if nodes > max_nodes:
                raise TooComplex(f"more than {max_nodes} nodes", path)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ParseError(f"invalid YAML: {exc.problem or exc.context}", path=path,
                         line=mark.line + 1 if mark else None,
                         column=mark.column + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise ParseError(f"invalid YAML: {str(exc).splitlines()[0] if str(exc) else exc}",
                         path=path) from None
    return nodes + alias_nodes


def load_all(text: str, path: str | None = None, *, max_bytes: int = MAX_BYTES,
             max_depth: int = MAX_DEPTH, max_nodes: int = MAX_NODES,
             max_alias_nodes: int = MAX_ALIAS_NODES, aliases: bool = True,
             tolerant_tags: bool = False) -> list[Any]:
    """Every document of ``text``, safe-loaded within the budgets (see :func:`measure`)."""
    import yaml

    size = len(text.encode("utf-8", "replace")) if len(text) * 4 > max_bytes else len(text)
    if size > max_bytes:
        raise TooComplex(f"larger than {max_bytes // 1024} KiB", path)
    measure(text, path, max_depth=max_depth, max_nodes=max_nodes,
            max_alias_nodes=max_alias_nodes, aliases=aliases)
    try:
        return list(yaml.load_all(text, Loader=_base(tolerant_tags)))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ParseError(f"invalid YAML: {exc.problem or exc.context}", path=path,
                         line=mark.line + 1 if mark else None,
                         column=mark.column + 1 if mark else None) from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ParseError(f"invalid YAML: {message}", path=path) from None
    except RecursionError:
        raise TooComplex("nested too deeply", path) from None


def load(text: str, path: str | None = None, **budgets: Any) -> Any:
    """The first document of ``text`` (``None`` when empty), within the budgets."""
    docs = load_all(text, path, **budgets)
    return docs[0] if docs else None


def front_matter(text: str) -> str | None:
    """The ``---`` YAML block at the top of a Markdown file, unparsed; ``None`` without one."""
    if not text.startswith("---"):
        return None
    end = text.find("\n---", 3)
    return text[3:end] if end >= 0 else None
