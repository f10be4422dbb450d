"""The layout holds: few loose modules, small modules, no import circle, a small plugin face.

Read from the source text (ast), so every import counts: top-level, inside functions (lazy)
and under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = {"dpgcheck": ROOT / "dpgcheck", "dpgcheck_indicators": ROOT / "indicators"}
MAX_LOOSE_MODULES = 8
MAX_MODULE_LINES = 400
MAX_API_NAMES = 35


def modules() -> dict[str, Path]:
    """Every module of ours by dotted name (a package by the name of its ``__init__``)."""
    found = {}
    for top, folder in PACKAGES.items():
        for path in folder.rglob("*.py"):
            parts = [top, *path.relative_to(folder).with_suffix("").parts]
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of ours that ``name`` imports, anywhere in its text."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # ``from pkg import mod`` imports pkg.mod when that is a module
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base
                       for a in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {name: imports_of(name, path, known) for name, path in mods.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def is_ancestor(package: str, module: str) -> bool:
    return module.startswith(package + ".")


def test_no_import_circle():
    graph = import_graph()
    # A package's __init__ importing its own submodules is how packages expose names, not a
    # circle between modules: leave those edges out.
    graph = {name: {t for t in targets if not is_ancestor(name, t)}
             for name, targets in graph.items()}
    assert cycles(graph) == []


def test_few_loose_modules_at_the_top():
    loose = sorted(p.name for p in (ROOT / "dpgcheck").glob("*.py"))
    assert len(loose) <= MAX_LOOSE_MODULES, loose


def test_no_module_over_the_size_limit():
    long = {str(p.relative_to(ROOT)): n for p in modules().values()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}


def test_the_plugin_face_stays_small():
    import dpgcheck.api

    assert len(dpgcheck.api.__all__) <= MAX_API_NAMES
    for name in dpgcheck.api.__all__:
        assert hasattr(dpgcheck.api, name), name


def test_the_cycle_finder_finds_a_planted_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def package_edges() -> dict[str, set[str]]:
    """Which package imports which (``dpgcheck.engine -> dpgcheck.repo``), for the docs."""
    def package(name: str) -> str:
        parts = name.split(".")
        return ".".join(parts[:2]) if parts[0] == "dpgcheck" else parts[0]

    edges: dict[str, set[str]] = {}
    for name, targets in import_graph().items():
        for target in targets:
            if package(name) != package(target):
                edges.setdefault(package(name), set()).add(package(target))
    return edges


if __name__ == "__main__":  # python -m tests.test_layout: the package graph, one line each
    for source, targets in sorted(package_edges().items()):
        print(f"{source} -> {', '.join(sorted(targets))}")
