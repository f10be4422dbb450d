"""Localisation signal: translation catalogues and i18n frameworks, with the locales found."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from dpgcheck_indicators.discoverability import texts
from dpgcheck_indicators.discoverability.data import load
from dpgcheck_indicators.discoverability.signal import missing, not_applicable, present

from dpgcheck.api import Context, Evidence, Finding

I18N = "discover_i18n.yml"
_LOCALE = re.compile(r"([a-z]{2,3})(?:[-_](?:r(?=[A-Z]{2}\b))?([A-Za-z]{4}|[A-Za-z]{2}|\d{3}))?"
                     r"(?:[-_]([A-Za-z]{2}|\d{3}))?")
_ANDROID = re.compile(r"(?:^|/)res/values-([^/]+)/[^/]+\.xml$", re.IGNORECASE)
_LPROJ = re.compile(r"(?:^|/)([^/]+)\.lproj/", re.IGNORECASE)
_RAILS = re.compile(r"(?:^|/)config/locales/(?:.*/)?([^/]+)\.ya?ml$", re.IGNORECASE)
_STEM_SPLIT = re.compile(r"[._]")


@cache
def _languages() -> frozenset[str]:
    return frozenset(str(code) for code in load(I18N)["languages"])


def locale_code(name: str) -> str | None:
    """``fr``, ``pt_BR``, ``pt-rBR``, ``zh-Hans``, ``es-419`` as a BCP 47 tag; else ``None``."""
    if name.startswith("b+"):  # Android's BCP 47 form: values-b+sr+Latn
        name = name[2:].replace("+", "-")
    m = _LOCALE.fullmatch(name)
    if not m:
        return None
    known = m.group(1).lower() in _languages()
    # a three-letter language with a region (ach_UG, kab_DZ) is a locale even if unlisted
    region = m.group(2) or ""
    if not known and not (len(m.group(1)) == 3 and m.group(1).islower()
                          and len(region) == 2 and region.isupper()):
        return None
    lang, second, third = m.group(1).lower(), m.group(2), m.group(3)
    parts = [lang]
    for sub in (second, third):
        if sub:
            parts.append(sub.title() if len(sub) == 4 else sub.upper())
    return "-".join(parts)


@dataclass
class Catalogues:
    files: list[str] = field(default_factory=list)
    locales: set[str] = field(default_factory=set)

    def add(self, path: str, locale: str | None) -> None:
        self.files.append(path)
        if locale:
            self.locales.add(locale)


def _locale_from_parts(parts: Iterable[str]) -> str | None:
    for part in parts:
        code = locale_code(part)
        if code:
            return code
    return None


def find_catalogues(paths: Iterable[str]) -> Catalogues:
    conf = load(I18N)
    suffixes = tuple(conf["catalogue_suffixes"])
    locale_dirs = set(conf["locale_dirs"])
    found = Catalogues()
    for path in paths:
        if texts.skipped(path):
            continue
        lowered = path.lower()
        segments = path.split("/")
        name = segments[-1]
        stem = name.rsplit(".", 1)[0]
        if lowered.endswith(suffixes):
            if lowered.endswith(".pot"):
                found.add(path, None)
                continue
            parent = segments[-2] if len(segments) > 1 else ""
            if parent.lower() == "lc_messages" and len(segments) > 2:
                parent = segments[-3]
            stem_parts = _STEM_SPLIT.split(stem)
            candidates = [stem, parent, stem_parts[-1], "_".join(stem_parts[-2:])]
            found.add(path, _locale_from_parts(candidates))
            continue
        m = _ANDROID.search(path)
        if m and name.lower() == "strings.xml":
            code = locale_code(m.group(1))
            if code:
                found.add(path, code)
            continue
        m = _LPROJ.search(path)
        if m:
            code = locale_code(m.group(1))
            if code:
                found.add(path, code)
            continue
        m = _RAILS.search(path)
        if m:
            found.add(path, _locale_from_parts(reversed(m.group(1).split("."))))
            continue
        if not lowered.endswith((".json", ".yml", ".yaml", ".js", ".ts", ".properties",
                                 ".toml", ".xml", ".strings", ".mo")):
            continue
        for i, segment in enumerate(segments[:-1]):
            if segment.lower() not in locale_dirs:
                continue
            rest = segments[i + 1:]
            first = rest[0].rsplit(".", 1)[0] if len(rest) == 1 else rest[0]
            code = locale_code(first)
            if code is None and len(rest) == 1:
                # messages_fr.properties, strings.fr.json
                code = _locale_from_parts(reversed(_STEM_SPLIT.split(first)[1:]))
            if code:
                found.add(path, code)
                break
    return found


def frameworks(ctx: Context) -> dict[str, str]:
    """Framework label -> manifest that depends on it."""
    known: dict[str, str] = load(I18N)["frameworks"]
    out: dict[str, str] = {}
    for name, path in texts.packages(ctx).items():
        label = known.get(name)
        if label and label not in out:
            out[label] = path
    return out


def scan(ctx: Context) -> tuple[Catalogues, dict[str, str]]:
    """Catalogues and frameworks, computed once per target."""
    return ctx.memo("discover.localisation",
                    lambda: (find_catalogues(_candidates(ctx)), frameworks(ctx)))


def _candidates(ctx: Context) -> list[str]:
    """Paths ``find_catalogues`` can accept, in listing order: a catalogue suffix, a locale
    folder, an Android, Apple or Rails locale path. Pre-selected by C-level string searches
    so huge trees cost no Python work per path."""
    conf = load(I18N)
    needles = [f"/{str(d).lower()}/" for d in conf["locale_dirs"]]
    needles += ["res/values-", ".lproj/", "config/locales/"]
    suffixes = [str(s).lower() for s in conf["catalogue_suffixes"]]
    return sorted({*ctx.view.with_suffix(*suffixes), *ctx.view.containing(*needles)})


def localisation(ctx: Context) -> Finding:
    catalogues, libs = scan(ctx)
    locales = sorted(catalogues.locales)
    evidence = [Evidence(f"i18n framework {label}", path=path) for label, path in libs.items()]
    evidence += [Evidence("translation catalogue", path=p) for p in catalogues.files[:4]]
    if catalogues.files or libs:
        parts = []
        if locales:
            shown = ", ".join(locales[:20]) + (" ..." if len(locales) > 20 else "")
            parts.append(f"{len(locales)} locale(s): {shown}")
        if catalogues.files:
            parts.append(f"{len(catalogues.files)} catalogue file(s)")
        if libs:
            parts.append("via " + ", ".join(libs))
        finding = present("localisation", "; ".join(parts), evidence)
        if len(locales) <= 1 and not libs:
            return missing("localisation", "; ".join(parts) + " (one language only)",
                           evidence, case="one-language")
        return finding
    if texts.has_ui(ctx) is None:
        return not_applicable("localisation", "no translation catalogues and no user "
                              "interface found")
    return missing("localisation", "no translation catalogues or i18n framework found",
                   case="none")


def check(ctx: Context) -> list[Finding]:
    return [localisation(ctx)]
