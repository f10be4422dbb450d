"""The shared dependency layer: every manifest parser run once over the repository view.

Manifests say what the project declares; lockfiles add exact versions (merged into the
manifest's entry, which keeps its declaration line) and what those dependencies pull in
(kept as ``direct=False``). Manifests in test, example and docs folders count as dev.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from dpgcheck.errors import ParseError
from dpgcheck.evidence.deps.interface import (
    DEV,
    RUNTIME,
    Dependency,
    DependencySet,
    ManifestParser,
    ManifestProblem,
)

if TYPE_CHECKING:
    from dpgcheck.repo.view import RepoView

__all__ = ["DEV", "RUNTIME", "Dependency", "DependencySet", "ManifestParser",
           "ManifestProblem", "collect", "parsers"]

#: Largest lockfile read: those of big monorepos run to tens of MiB.
MAX_LOCKFILE_BYTES = 32 * 1024 * 1024
#: Largest other manifest read.
MAX_MANIFEST_BYTES = 4 * 1024 * 1024
#: Folders whose contents are other projects' code, never this project's declarations.
SKIP_DIRS = frozenset({"node_modules", "vendor", "third_party", "third-party", "bower_components",
                       ".git", "site-packages", ".venv", "venv", ".tox", "jspm_packages"})
#: Folders whose manifests describe tests, examples or docs sites, not what ships.
DEV_DIRS = frozenset({"test", "tests", "__tests__", "spec", "specs", "e2e", "integration-tests",
                      "example", "examples", "sample", "samples", "demo", "demos", "docs", "doc",
                      "documentation", "benchmark", "benchmarks", "bench", "fixtures",
                      "testdata", "test-data", ".devcontainer", ".github", "cypress",
                      "playwright", "storybook", ".storybook"})


#: First words of folder names that mark tests and examples (``test-infrastructure``).
_DEV_DIR_PREFIXES = ("test", "tests", "testing", "e2e", "example", "examples", "sample",
                     "samples", "demo", "benchmark", "benchmarks", "fixtures")


def _dev_dir(part: str) -> bool:
    low = part.lower()
    return low in DEV_DIRS or re.split(r"[-_.]", low, maxsplit=1)[0] in _DEV_DIR_PREFIXES


def parsers() -> list[ManifestParser]:
    from dpgcheck.evidence.deps import (
        cargo,
        composer,
        containers,
        dart,
        elixir,
        golang,
        jvm,
        npm,
        nuget,
        python,
        rlang,
        ruby,
    )

    return [
        npm.PackageJsonParser(), npm.PackageLockParser(), npm.YarnLockParser(),
        npm.PnpmLockParser(),
        python.RequirementsParser(), python.PyprojectParser(), python.SetupCfgParser(),
        python.SetupPyParser(),
        python.PipfileParser(), python.TomlLockParser(),
        jvm.PomParser(), jvm.GradleParser(), jvm.VersionCatalogParser(),
        python.PipfileLockParser(),
        golang.GoModParser(), golang.GoSumLockParser(), cargo.CargoParser(),
        cargo.CargoLockParser(),
        composer.ComposerParser(), composer.ComposerLockParser(),
        ruby.GemfileParser(), ruby.GemfileLockParser(), ruby.GemspecParser(),
        nuget.CsprojParser(), nuget.PackagesConfigParser(),
        rlang.DescriptionParser(), dart.PubspecParser(),
        elixir.MixExsParser(), elixir.MixLockParser(),
        containers.DockerfileParser(), containers.ComposeParser(),
        containers.HelmValuesParser(), containers.HelmChartParser(),
        containers.KubernetesParser(),
    ]


def _lockfile_parser(parser: ManifestParser) -> bool:
    return type(parser).__name__.endswith("LockParser")


def collect(view: RepoView) -> DependencySet:
    result = DependencySet()
    active = parsers()
    found: list[Dependency] = []
    # Most parsers match exact file names: look those up, ask the others.
    by_name: dict[str, list[ManifestParser]] = {}
    others: list[ManifestParser] = []
    for parser in active:
        names = getattr(parser, "names", None)
        if names:
            for name in names:
                by_name.setdefault(name, []).append(parser)
        else:
            others.append(parser)
    # Pre-select in one pass over the file names (case-insensitive, so a superset) when
    # every other parser says which names it can accept; the checks below stay exact.
    globs = [getattr(p, "name_globs", None) for p in others]
    candidates: Iterable[str] = view.files
    if all(globs):
        candidates = view.named(*by_name, *(g for gs in globs for g in gs or ()))
    for path in candidates:
        matching = by_name.get(path.rpartition("/")[2], []) + [
            p for p in others if p.matches(path)]
        if not matching:
            continue
        folders = path.split("/")[:-1]
        if SKIP_DIRS.intersection(folders) or "{{" in path or "{%" in path:
            continue  # vendored code, or a project template (cookiecutter, copier)
        in_dev_dir = any(_dev_dir(p) for p in folders)
        for parser in matching:
            bound = MAX_LOCKFILE_BYTES if _lockfile_parser(parser) else MAX_MANIFEST_BYTES
            size = view.size(path)
            if size is not None and size > bound:
                result.problems.append(ManifestProblem(
                    path, f"larger than {bound // (1024 * 1024)} MiB: not parsed"))
                continue
            text = view.read_text(path, bound)
            if text is None:
                result.problems.append(ManifestProblem(path, "cannot read the file as text"))
                continue
            try:
                deps = parser.parse(path, text)
            except ParseError as exc:
                result.problems.append(ManifestProblem(path, str(exc.args[0]), exc.line))
                continue
            except Exception as exc:  # a parser bug must not cost the other manifests
                result.problems.append(ManifestProblem(
                    path, f"internal error while parsing: {type(exc).__name__}: {exc}"))
                continue
            result.manifests.append(path)
            if in_dev_dir:
                deps = [replace(d, scope=DEV) for d in deps]
            found.extend(deps)
    result.dependencies = merge(found)
    return result


def normalise(ecosystem: str, name: str) -> str:
    name = name.lower()
    return re.sub(r"[-_.]+", "-", name) if ecosystem == "pypi" else name


def merge(deps: list[Dependency]) -> list[Dependency]:
    """Fold lockfile entries into the manifest declarations they resolve.

    A manifest entry takes its resolved version from the nearest lockfile of the same
    ecosystem in its folder or a parent folder (a workspace root); the lockfile's own entry
    for that name is then dropped. Lockfile entries nobody declares stay, as transitive.
    """
    locks: dict[tuple[str, str], dict[str, list[Dependency]]] = {}
    for dep in deps:
        if dep.lockfile:
            folder = dep.path.rpartition("/")[0]
            by_name = locks.setdefault((dep.ecosystem, folder), {})
            by_name.setdefault(normalise(dep.ecosystem, dep.name), []).append(dep)
    consumed: set[tuple[str, str]] = set()  # (lockfile path, normalised name)
    out: list[Dependency] = []
    for dep in deps:
        if dep.lockfile:
            continue
        key = normalise(dep.ecosystem, dep.name)
        folder = dep.path.rpartition("/")[0]
        while True:
            candidates = locks.get((dep.ecosystem, folder), {}).get(key)
            if candidates:
                chosen = _best(dep, candidates)
                consumed.update((c.path, key) for c in candidates)
                if chosen.resolved and not dep.resolved:
                    dep = replace(dep, resolved=chosen.resolved)
                if chosen.license and not dep.license:
                    dep = replace(dep, license=chosen.license)
                break
            if not folder:
                break
            folder = folder.rpartition("/")[0]
        out.append(dep)
    seen: set[tuple[str, str, str | None]] = set()
    for dep in deps:
        if not dep.lockfile:
            continue
        key = normalise(dep.ecosystem, dep.name)
        ident = (dep.path, key, dep.resolved)
        if (dep.path, key) in consumed or ident in seen:
            continue
        seen.add(ident)
        out.append(replace(dep, direct=False, version=dep.resolved or dep.version))
    return out


def _best(declared: Dependency, candidates: list[Dependency]) -> Dependency:
    """The lockfile entry for the declared range (Yarn), else the top-level one, else any."""
    for cand in candidates:
        if declared.version and cand.version == declared.version:
            return cand
    for cand in candidates:
        if cand.direct:
            return cand
    return candidates[0]
