"""Texts and facts several detectors share, read once per target through ``ctx.memo``.

Every read is bounded; JSON and TOML that do not parse are simply not used (the
documentation indicator reports broken files, this report only looks for signals).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from dpgcheck.api import Context, ParseError, yamlsafe

MAX_TEXT = 256 * 1024
MAX_MANIFEST = 1024 * 1024
SKIP_PARTS = ("node_modules/", "vendor/", "third_party/", "bower_components/", ".venv/")

#: Folders whose HTML is documentation or test fixtures, not the solution's interface.
NOT_UI_DIRS = ("docs/", "doc/", "examples/", "example/", "test/", "tests/", "spec/",
               "site/", "website/")

README_NAMES = ("README.md", "README.markdown", "README.rst", "README.txt", "README",
                "README.*")




def skipped(path: str) -> bool:
    """Vendored copies say nothing about the solution itself."""
    lowered = f"/{path.lower()}"
    return any(f"/{part}" in lowered for part in SKIP_PARTS)


def read(ctx: Context, path: str, limit: int = MAX_TEXT) -> str | None:
    return ctx.view.read_text(path, limit)


def readme(ctx: Context) -> tuple[str, str] | None:
    """The root README's path and text (bounded), if there is one."""
    def load() -> tuple[str, str] | None:
        for path in ctx.view.find(*README_NAMES, dirs=("", ".github", "docs")):
            text = read(ctx, path)
            if text is not None:
                return path, text
        return None

    return ctx.memo("discover.readme", load)


def json_file(ctx: Context, path: str) -> Any:
    text = read(ctx, path, MAX_MANIFEST)
    if text is None:
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def toml_file(ctx: Context, path: str) -> dict[str, Any] | None:
    import tomllib

    text = read(ctx, path, MAX_MANIFEST)
    if text is None:
        return None
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return None


def yaml_file(ctx: Context, path: str) -> Any:
    """Bounded safe YAML (:mod:`dpgcheck.repo.yamlsafe`); ``None`` when it does not parse or
    is too complex to read (a note in the report says which)."""
    text = read(ctx, path)
    if text is None:
        return None
    try:
        return yamlsafe.load(text, path)
    except yamlsafe.TooComplex as exc:
        ctx.notes.append(str(exc))
        return None
    except ParseError:
        return None


@dataclass
class Tags:
    """Topics and keywords, each with where it came from."""

    items: dict[str, list[str]] = field(default_factory=dict)  # normalised tag -> sources

    def add(self, values: Any, source: str) -> None:
        if isinstance(values, str):
            values = [v for v in re.split(r"[,;]", values)]
        if not isinstance(values, list):
            return
        for value in values:
            if isinstance(value, str) and value.strip():
                tag = normalise(value)
                self.items.setdefault(tag, [])
                if source not in self.items[tag]:
                    self.items[tag].append(source)

    @property
    def sources(self) -> list[str]:
        return sorted({s for srcs in self.items.values() for s in srcs})


def normalise(tag: str) -> str:
    """``"Digital Public Goods"`` and ``digital_public_goods`` become ``digital-public-goods``."""
    return re.sub(r"[\s_]+", "-", tag.strip().lower())


def tags(ctx: Context) -> Tags:
    """Forge topics plus keywords of codemeta, package.json, pyproject, CITATION, publiccode."""
    def collect() -> Tags:
        found = Tags()
        if ctx.forge is not None:
            found.add(list(ctx.forge.topics), "repository topics")
        path = ctx.view.lookup("codemeta.json")
        meta = json_file(ctx, path) if path else None
        if isinstance(meta, dict):
            found.add(meta.get("keywords"), path or "codemeta.json")
        path = ctx.view.lookup("package.json")
        pkg = json_file(ctx, path) if path else None
        if isinstance(pkg, dict):
            found.add(pkg.get("keywords"), path or "package.json")
        path = ctx.view.lookup("pyproject.toml")
        pyproject = toml_file(ctx, path) if path else None
        if pyproject:
            project = pyproject.get("project") or {}
            poetry = (pyproject.get("tool") or {}).get("poetry") or {}
            found.add(project.get("keywords") if isinstance(project, dict) else None,
                      path or "pyproject.toml")
            found.add(poetry.get("keywords") if isinstance(poetry, dict) else None,
                      path or "pyproject.toml")
        path = ctx.view.lookup("CITATION.cff")
        cff = yaml_file(ctx, path) if path else None
        if isinstance(cff, dict):
            found.add(cff.get("keywords"), path or "CITATION.cff")
        for name in ("publiccode.yml", "publiccode.yaml"):
            path = ctx.view.lookup(name)
            pc = yaml_file(ctx, path) if path else None
            if isinstance(pc, dict):
                found.add(pc.get("categories"), path or name)
                scope = pc.get("intendedAudience")
                if isinstance(scope, dict):
                    found.add(scope.get("scope"), path or name)
        return found

    return ctx.memo("discover.tags", collect)


def packages(ctx: Context) -> dict[str, str]:
    """Packages the repository itself declares (any scope), lower-cased, with a manifest path.

    Transitive entries from lockfiles are left out: a signal is about what the project chose.
    """
    def collect() -> dict[str, str]:
        names: dict[str, str] = {}
        for dep in ctx.dependencies.dependencies:
            if dep.direct:
                names.setdefault(dep.name.lower(), dep.path)
        return names

    return ctx.memo("discover.packages", collect)


def ci_files(ctx: Context) -> list[str]:
    """CI and release configuration: GitHub workflows, GitLab CI, others at the root."""
    found = [p for p in ctx.view.in_dir(".github/workflows")
             if p.lower().endswith((".yml", ".yaml"))]
    found += ctx.view.find(".gitlab-ci.yml", ".travis.yml", "Jenkinsfile",
                           "azure-pipelines.yml", "bitbucket-pipelines.yml", dirs=("",))
    found += [p for p in ctx.view.in_dir(".circleci") if p.lower().endswith((".yml", ".yaml"))]
    return found


def has_ui(ctx: Context) -> str | None:
    """A file that shows the solution has a user interface, or ``None``."""
    return ctx.memo("discover.ui", lambda: _find_ui(ctx))


def _find_ui(ctx: Context) -> str | None:
    from dpgcheck_indicators.discoverability.data import load

    access = load("discover_access.yml")
    suffixes = tuple(access["ui_suffixes"])
    names = set(access["ui_files"])
    # pre-selected by file name (C-level passes); the listing is sorted, so is this
    candidates = sorted({*ctx.view.with_suffix(*suffixes), *ctx.view.named(*names)})
    for path in candidates:
        lowered = path.lower()
        if skipped(path) or lowered.startswith(NOT_UI_DIRS) or "/test" in lowered:
            continue
        if lowered.endswith(suffixes) or lowered.rpartition("/")[2] in names:
            return path
    return None


def readme_and(ctx: Context, names: tuple[str, ...], dirs: tuple[str, ...],
               limit: int) -> list[tuple[str, str]]:
    """The README's text first, then up to ``limit`` other files named ``names`` in ``dirs``
    (where badges, DOIs and registry links are written), each read with the usual bound."""
    out: list[tuple[str, str]] = []
    first = readme(ctx)
    if first:
        out.append(first)
    for path in ctx.view.find(*names, dirs=dirs)[:limit]:
        if first and path == first[0]:
            continue
        text = read(ctx, path)
        if text:
            out.append((path, text))
    return out
