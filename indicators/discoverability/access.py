"""Accessibility and low-connectivity signals: accessibility tooling or statement, offline
support, light builds. They apply only to solutions with a user interface."""

from __future__ import annotations

import re

from dpgcheck_indicators.discoverability import texts
from dpgcheck_indicators.discoverability.data import load
from dpgcheck_indicators.discoverability.signal import line_of, missing, not_applicable, present

from dpgcheck.api import Context, Evidence, Finding

ACCESS = "discover_access.yml"
MAX_EVIDENCE = 6
MAX_MANIFESTS_READ = 20
_WCAG = re.compile(r"\bWCAG\s*[0-9.]*|\baccessibility statement\b", re.IGNORECASE)
_A11Y_CI = re.compile(r"\bpa11y\b|\baxe(?:-core)?\b(?![-\w])|\blighthouse\b", re.IGNORECASE)
_A11Y_DOC = re.compile(r"accessibility|(?:^|[/_-])a11y(?:[/_.-]|$)", re.IGNORECASE)
_MINIFY = re.compile(r"\b(?:isMinifyEnabled|minifyEnabled|isShrinkResources|shrinkResources)"
                     r"\s*(?:=\s*)?true\b")
_BUDGETS = re.compile(r'"budgets"\s*:|\bmaxAssetSize\b|\bmaxEntrypointSize\b')


def _package_hits(ctx: Context, key: str) -> list[Evidence]:
    known: dict[str, str] = load(ACCESS)[key]
    return [Evidence(f"{known[name]} ({name})", path=path)
            for name, path in sorted(texts.packages(ctx).items()) if name in known]


def _files_named(ctx: Context, names: list[str]) -> list[str]:
    return [p for p in ctx.view.named(*names) if not texts.skipped(p)]


def accessibility(ctx: Context, ui: str) -> Finding:
    conf = load(ACCESS)
    evidence = _package_hits(ctx, "accessibility_packages")
    evidence += [Evidence("accessibility tool configuration", path=p)
                 for p in _files_named(ctx, conf["accessibility_files"])]
    for path in texts.ci_files(ctx):
        text = texts.read(ctx, path) or ""
        m = _A11Y_CI.search(text)
        if m:
            evidence.append(Evidence(f"CI runs {m.group(0)}", path=path, line=line_of(text, m)))
    statements = [Evidence("accessibility statement", path=p)
                  for p in _files_named(ctx, conf["accessibility_statements"])]
    statements += [Evidence("accessibility documentation", path=p)
                   for p in ctx.view.with_suffix(".md", ".rst", ".txt", ".adoc")
                   if _A11Y_DOC.search(p) and not texts.skipped(p)
                   and not any(p == s.path for s in statements)][:3]
    readme = texts.readme(ctx)
    if readme and not statements:
        m = _WCAG.search(readme[1])
        if m:
            statements.append(Evidence(f"README mentions {m.group(0).strip()}", path=readme[0],
                                       line=line_of(readme[1], m)))
    found = evidence + statements
    if found:
        kinds = (["tooling"] if evidence else []) + (["statement"] if statements else [])
        return present("accessibility", f"accessibility {' and '.join(kinds)}: "
                       + "; ".join(dict.fromkeys(e.message for e in found[:4])),
                       found[:MAX_EVIDENCE])
    return missing("accessibility", f"user interface ({ui}) without accessibility tooling or "
                   "statement")


def _web_manifests(ctx: Context) -> list[Evidence]:
    out = [Evidence("web app manifest", path=p) for p in ctx.view.with_suffix(".webmanifest")
           if not texts.skipped(p)]
    for path in [p for p in ctx.view.named("manifest.json") if not texts.skipped(p)][
            :MAX_MANIFESTS_READ]:
        text = texts.read(ctx, path, 64 * 1024) or ""
        if '"start_url"' in text or '"display"' in text:
            out.append(Evidence("web app manifest", path=path))
    return out


def offline(ctx: Context, ui: str) -> Finding:
    conf = load(ACCESS)
    evidence = _package_hits(ctx, "offline_packages")
    evidence += [Evidence("service worker", path=p)
                 for p in _files_named(ctx, conf["service_worker_files"])]
    evidence += _web_manifests(ctx)
    if evidence:
        return present("offline", "offline support: "
                       + "; ".join(dict.fromkeys(e.message for e in evidence[:4])),
                       evidence[:MAX_EVIDENCE])
    return missing("offline", f"user interface ({ui}) without offline support found")


def light_build(ctx: Context, ui: str) -> Finding:
    conf = load(ACCESS)
    evidence = _package_hits(ctx, "light_build_packages")
    evidence += [Evidence("build budget configuration", path=p)
                 for p in _files_named(ctx, conf["light_build_files"])]
    path = ctx.view.lookup("package.json")
    pkg = texts.json_file(ctx, path) if path else None
    if isinstance(pkg, dict) and ("size-limit" in pkg or "bundlesize" in pkg):
        evidence.append(Evidence("bundle size budget in package.json", path=path))
    for path in ctx.view.named("build.gradle", "build.gradle.kts", "angular.json",
                               "webpack.config.js", "webpack.config.ts")[:MAX_MANIFESTS_READ]:
        if texts.skipped(path):
            continue
        text = texts.read(ctx, path) or ""
        m = _MINIFY.search(text) or _BUDGETS.search(text)
        if m:
            evidence.append(Evidence(f"build size setting {m.group(0).strip()}", path=path,
                                     line=line_of(text, m)))
    if evidence:
        return present("light-build", "build size is watched: "
                       + "; ".join(dict.fromkeys(e.message for e in evidence[:3])),
                       evidence[:MAX_EVIDENCE])
    return missing("light-build", "no bundle-size budget or build shrinking found")


def check(ctx: Context) -> list[Finding]:
    ui = texts.has_ui(ctx)
    if ui is None:
        reason = "no user interface found (no HTML, templates or mobile app)"
        return [not_applicable(s, reason) for s in ("accessibility", "offline", "light-build")]
    return [accessibility(ctx, ui), offline(ctx, ui), light_build(ctx, ui)]
