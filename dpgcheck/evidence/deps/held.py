"""Licences of dependencies from what the repository holds besides lockfiles: vendored
``node_modules/*/package.json``, Go's ``vendor/modules.txt`` with the vendored licence files,
vendored ``*.dist-info/METADATA``, and committed SBOMs (:mod:`dpgcheck.evidence.deps.sboms`).

Every statement keeps where it was found (:class:`StatedLicense`). Nothing is executed; every
read is bounded, and the number of files read is capped (big vendored trees are sampled
in path order and the cap is reported).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dpgcheck.evidence.deps.interface import StatedLicense, line_of

if TYPE_CHECKING:
    from dpgcheck.repo.view import RepoView

#: Vendored manifests read at most (a committed node_modules can hold tens of thousands).
MAX_VENDORED_FILES = 5000
MAX_VENDORED_BYTES = 256 * 1024
#: Go modules whose vendored licence file is identified at most.
MAX_GO_MODULES = 1000
_LICENSE_NAME = re.compile(r"^(?:licen[cs]e|copying|unlicense)(?:[._-].*)?$", re.I)


def key(ecosystem: str, name: str) -> str:
    """How names compare within an ecosystem (PyPI folds ``-``, ``_`` and ``.``)."""
    name = name.strip().lower()
    return re.sub(r"[-_.]+", "-", name) if ecosystem == "pypi" else name


@dataclass
class HeldLicenses:
    """Licence statements by (ecosystem, name key) -> {version or "": statement}."""

    by_name: dict[tuple[str, str], dict[str, StatedLicense]] = field(default_factory=dict)
    #: Files read for licences (SBOMs, vendored manifests), for the report.
    sources: list[str] = field(default_factory=list)
    #: Files that could not be read, and what dpgcheck cannot read (SPDX 3), one line each.
    problems: list[tuple[str, str]] = field(default_factory=list)

    def add(self, ecosystem: str | None, name: str, version: str | None,
            stated: StatedLicense | None) -> None:
        if stated is None or not name:
            return
        versions = self.by_name.setdefault((ecosystem or "*", key(ecosystem or "", name)), {})
        versions.setdefault(version or "", stated)

    def find(self, ecosystem: str, name: str,
             versions: tuple[str | None, ...]) -> tuple[StatedLicense, str | None] | None:
        """The statement for this version (else for the name at any version), and the
        version it was stated for when that is not one of ``versions``."""
        for eco in (ecosystem, "*"):
            held = self.by_name.get((eco, key(ecosystem, name)))
            if not held:
                continue
            for version in versions:
                for candidate in _spellings(version):
                    if candidate in held:
                        return held[candidate], None
            stated_for, stated = next(iter(held.items()))
            return stated, stated_for or None
        return None

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_name.values())


def _spellings(version: str | None) -> tuple[str, ...]:
    if not version:
        return ()
    bare = version.lstrip("=v")
    return (version, bare, f"v{bare}")


def read_vendored(view: RepoView, held: HeldLicenses) -> None:
    """Add what vendored manifests and licence files state to ``held``."""
    _node_modules(view, held)
    _go_vendor(view, held)
    _dist_info(view, held)


def _node_modules(view: RepoView, held: HeldLicenses) -> None:
    from dpgcheck.errors import ParseError
    from dpgcheck.evidence.deps.loaders import load_json

    paths = [p for p in view.named("package.json")
             if re.search(r"(?:^|/)node_modules/(?:@[^/]+/)?[^/@]+/package\.json$", p)]
    if len(paths) > MAX_VENDORED_FILES:
        held.problems.append((paths[MAX_VENDORED_FILES], f"more than {MAX_VENDORED_FILES} "
                              "vendored package.json files: the rest were not read"))
    for path in paths[:MAX_VENDORED_FILES]:
        text = view.read_text(path, MAX_VENDORED_BYTES)
        if text is None:
            continue
        try:
            data = load_json(path, text)
        except ParseError:
            continue  # another project's file: nothing of ours to report
        if not isinstance(data, dict) or not isinstance(data.get("name"), str):
            continue
        value = data.get("license") or data.get("licenses")
        stated = StatedLicense.of(value, path, line_of(text, '"license'), "vendored")
        version = data.get("version") if isinstance(data.get("version"), str) else None
        held.add("npm", data["name"], version, stated)
        if stated:
            held.sources.append(path)


_GO_MODULE = re.compile(r"^# (\S+) (v\S+)(?:\s+=>\s+(\S+)(?:\s+(v\S+))?)?\s*$")


def _go_vendor(view: RepoView, held: HeldLicenses) -> None:
    from dpgcheck.evidence.licenses.identify import identify_text

    for listing in [p for p in view.named("modules.txt") if p.endswith("vendor/modules.txt")]:
        text = view.read_text(listing, MAX_VENDORED_BYTES * 8) or ""
        base = listing.rpartition("/")[0]
        modules = [m for m in map(_GO_MODULE.match, text.splitlines()) if m]
        for match in modules[:MAX_GO_MODULES]:
            module, version = match.group(1), match.group(2)
            folder = f"{base}/{module}"  # vendored under the module path, even if replaced
            files = [p for p in view.in_dir(folder)
                     if _LICENSE_NAME.match(p.rpartition("/")[2])]
            for path in sorted(files)[:1]:
                body = view.read_text(path, MAX_VENDORED_BYTES)
                result = identify_text(body) if body else None
                if result is None or not result.found:
                    held.problems.append((path, "vendored licence text not recognised"))
                    continue
                ids = list(dict.fromkeys(i.spdx for i in result.found))
                expr = f" {result.operator} ".join(ids)
                held.add("go", module, version, StatedLicense(expr, path, 1, "vendored"))
                held.sources.append(path)


def _dist_info(view: RepoView, held: HeldLicenses) -> None:
    paths = [p for p in view.named("METADATA") if p.rpartition("/")[0].endswith(".dist-info")]
    for path in paths[:MAX_VENDORED_FILES]:
        text = view.read_text(path, MAX_VENDORED_BYTES)
        if not text:
            continue
        head = text.split("\n\n", 1)[0]
        fields: dict[str, list[tuple[str, int]]] = {}
        for number, raw in enumerate(head.splitlines(), start=1):
            name, sep, value = raw.partition(":")
            if sep and not raw[:1].isspace():
                fields.setdefault(name.strip().lower(), []).append((value.strip(), number))
        name = (fields.get("name") or [("", 0)])[0][0]
        version = (fields.get("version") or [("", 0)])[0][0] or None
        stated = None
        for value, number in fields.get("license-expression", []):
            stated = StatedLicense.of(value, path, number, "vendored")
        if stated is None:
            classifiers = [(v, n) for v, n in fields.get("classifier", [])
                           if v.startswith("License ::") and v != "License :: OSI Approved"]
            if classifiers:
                from dpgcheck.evidence.licenses.expression import from_name

                ids = [from_name(v) for v, _ in classifiers]
                text_ = " OR ".join(dict.fromkeys(i for i in ids if i)) if all(ids) \
                    else classifiers[0][0]
                stated = StatedLicense.of(text_, path, classifiers[0][1], "vendored")
        if stated is None:
            for value, number in fields.get("license", []):
                if value and value.upper() != "UNKNOWN" and len(value) < 100:
                    stated = StatedLicense.of(value, path, number, "vendored")
        if name:
            held.add("pypi", name, version, stated)
            if stated:
                held.sources.append(path)
