"""Deposit signals: a DOI, a Software Heritage reference, published packages or images,
releases or tags."""

from __future__ import annotations

import re

from dpgcheck_indicators.discoverability import texts
from dpgcheck_indicators.discoverability.data import named_patterns, patterns
from dpgcheck_indicators.discoverability.signal import first_quoted, line_of, missing, present

from dpgcheck.api import Context, Evidence, Finding

DEPOSITS = "discover_deposits.yml"
MAX_EVIDENCE = 6


def _metadata_texts(ctx: Context) -> list[tuple[str, str]]:
    """README, CITATION.cff, codemeta.json, .zenodo.json and root docs, bounded."""
    names = ("CITATION.cff", "codemeta.json", ".zenodo.json", "publiccode.yml", "*.md", "*.rst")
    return texts.readme_and(ctx, names, dirs=("", "docs"), limit=20)


def doi(ctx: Context) -> Finding:
    zenodo = ctx.view.lookup(".zenodo.json")
    if zenodo:
        return present("doi", f"{zenodo} sets the metadata of Zenodo's DOI deposits",
                       [Evidence("Zenodo deposit metadata", path=zenodo, line=1)])
    cff = ctx.view.lookup("CITATION.cff")
    data = texts.yaml_file(ctx, cff) if cff else None
    if isinstance(data, dict):
        ids = data.get("identifiers") if isinstance(data.get("identifiers"), list) else []
        dois = [data.get("doi")] + [i.get("value") for i in ids
                                    if isinstance(i, dict) and i.get("type") == "doi"]
        dois = [str(d) for d in dois if d]
        if dois:
            return present("doi", f"DOI {dois[0]} in {cff}",
                           [Evidence(f"doi: {dois[0]}", path=cff)])
    found = first_quoted(_metadata_texts(ctx), patterns(DEPOSITS, "doi_patterns"))
    if found:
        return present("doi", f"DOI reference in {found[0]}", [found[1]])
    return missing("doi", "no DOI (no Zenodo badge, .zenodo.json or CITATION.cff doi)")


def software_heritage(ctx: Context) -> Finding:
    found = first_quoted(_metadata_texts(ctx), patterns(DEPOSITS, "swh_patterns"))
    if found:
        return present("software-heritage", f"Software Heritage reference in {found[0]}",
                       [found[1]])
    return missing("software-heritage", "no Software Heritage reference")


def _manifest_evidence(ctx: Context) -> list[Evidence]:
    """Manifests that carry what a registry needs to publish the solution."""
    out: list[Evidence] = []
    path = ctx.view.lookup("package.json")
    pkg = texts.json_file(ctx, path) if path else None
    if isinstance(pkg, dict) and not pkg.get("private") and pkg.get("name") and (
            pkg.get("publishConfig") or pkg.get("version")):
        out.append(Evidence(f"npm package {pkg['name']}", path=path))
    path = ctx.view.lookup("pyproject.toml")
    pyproject = texts.toml_file(ctx, path) if path else None
    if pyproject and "build-system" in pyproject:
        project = pyproject.get("project") or {}
        poetry = (pyproject.get("tool") or {}).get("poetry") or {}
        name = (project.get("name") if isinstance(project, dict) else None) or (
            poetry.get("name") if isinstance(poetry, dict) else None)
        if name:
            out.append(Evidence(f"Python package {name}", path=path))
    for name in ("setup.py", "setup.cfg"):
        path = ctx.view.lookup(name)
        if path and not any("Python package" in e.message for e in out):
            out.append(Evidence("Python package (setuptools)", path=path))
    for path in ctx.view.find("*.gemspec", "Chart.yaml", ".goreleaser.yml", ".goreleaser.yaml",
                              dirs=("", "chart", "charts", "helm")):
        out.append(Evidence("package or chart manifest", path=path))
    path = ctx.view.lookup("Cargo.toml")
    cargo = texts.toml_file(ctx, path) if path else None
    if cargo and isinstance(cargo.get("package"), dict) and cargo["package"].get(
            "publish", True) is not False:
        out.append(Evidence(f"crate {cargo['package'].get('name')}", path=path))
    path = ctx.view.lookup("pom.xml")
    if path and "<distributionManagement>" in (texts.read(ctx, path) or ""):
        out.append(Evidence("Maven distributionManagement", path=path))
    return out


def published(ctx: Context) -> Finding:
    evidence: list[Evidence] = []
    kinds: list[str] = []
    for path in texts.ci_files(ctx):
        text = texts.read(ctx, path)
        if not text:
            continue
        for label, regex in named_patterns(DEPOSITS, "publish_patterns"):
            m = regex.search(text)
            if m:
                if label not in kinds:
                    kinds.append(label)
                evidence.append(Evidence(f"{label}: {m.group(0)[:80]}", path=path,
                                         line=line_of(text, m)))
    manifests = _manifest_evidence(ctx)
    if kinds:
        return present("published", "release workflow publishes: " + ", ".join(kinds),
                       (evidence + manifests)[:MAX_EVIDENCE])
    if manifests:
        return present("published", "manifest with publish metadata: "
                       + "; ".join(e.message for e in manifests[:3]), manifests[:MAX_EVIDENCE])
    return missing("published", "no release workflow publishes packages or container images")


_VERSION_TAG = re.compile(r"(?:[A-Za-z][\w.]*[-_/])?v?(\d+(?:\.\d+)+)")


def latest_versions(tags: list[str], count: int = 3) -> list[str]:
    """The highest version-like tags (``v2.10.0`` above ``v2.9.1``); other tags if none."""
    versions = [t for t in tags if _VERSION_TAG.fullmatch(t)]
    if not versions:
        return sorted(tags)[-count:]
    def key(tag: str) -> tuple[int, ...]:
        return tuple(int(x) for x in _VERSION_TAG.fullmatch(tag).group(1).split("."))  # type: ignore[union-attr]
    return sorted(versions, key=key, reverse=True)[:count]


_VERSION_HEADING = re.compile(r"^#{1,4}\s*\[?v?\d+\.\d+(?:\.\d+)?", re.MULTILINE)


def releases(ctx: Context) -> Finding:
    git = ctx.view.git
    tags = git.tags if git is not None else []
    if tags:
        shown = ", ".join(latest_versions(tags))
        return present("releases", f"{len(tags)} git tag(s) (latest: {shown})",
                       [Evidence(f"{len(tags)} tags")])
    for path in ctx.view.find("CHANGELOG*", "CHANGES*", "HISTORY*", "RELEASES*",
                              "NEWS*", dirs=("", "docs")):
        text = texts.read(ctx, path) or ""
        m = _VERSION_HEADING.search(text)
        if m:
            return present("releases", f"{path} lists released versions",
                           [Evidence(m.group(0).strip(), path=path, line=line_of(text, m))])
    note = "" if git is not None else " (not a git work tree: tags cannot be read)"
    return missing("releases", "no git tags and no changelog with versions" + note)


def check(ctx: Context) -> list[Finding]:
    return [doi(ctx), software_heritage(ctx), published(ctx), releases(ctx)]
