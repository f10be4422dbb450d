"""Licences declared in package manifests and metadata files (read as data, never run).

Each reader returns ``(raw value, line)`` pairs; :func:`read_manifests` normalises them to SPDX
expressions. Lists in npm ``licenses``, composer, CITATION.cff and Cargo's legacy ``/`` mean OR.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dpgcheck.errors import ParseError
from dpgcheck.evidence.licenses import expression

if TYPE_CHECKING:
    from dpgcheck.repo.view import RepoView

MAX_MANIFEST = 512 * 1024


@dataclass(frozen=True)
class Declared:
    """One licence statement in a manifest."""

    path: str
    line: int | None
    raw: str
    spdx: str | None  # normalised expression, ``None`` when not recognisable
    kind: str  # manifest kind, e.g. "package.json"
    weak: bool = False  # classifiers and README sections are weaker than an explicit field
    #: A GNU licence named without its version ("GNU Lesser General Public License"):
    #: the family (GPL, LGPL, AGPL), never a guessed version.
    unversioned: str | None = None


_UNVERSIONED = re.compile(
    r"^(?:the )?(?:gnu )?(?:(?P<word>lesser|library|affero) )?general public licen[cs]e"
    r"(?: \((?P<abbr>[la]?gpl)\))?$|^(?P<short>[la]?gpl)$")


def unversioned(raw: str) -> str | None:
    """The GNU family a licence name without any version names, if it is one."""
    name = " ".join(raw.lower().replace("classifier:", "").split("::")[-1].split())
    match = _UNVERSIONED.match(name.strip("() "))
    if not match:
        return None
    if match.group("short") or match.group("abbr"):
        return (match.group("short") or match.group("abbr")).upper()
    word = match.group("word")
    return {"lesser": "LGPL", "library": "LGPL", "affero": "AGPL"}.get(word or "", "GPL")


def _line(text: str, needle: str) -> int | None:
    idx = text.find(needle)
    return text.count("\n", 0, idx) + 1 if idx >= 0 else None


def _or(values: list[str]) -> str:
    return " OR ".join(f"({v})" if " " in v.strip() else v.strip() for v in values if v.strip())


def _package_json(text: str) -> list[tuple[str, str]]:
    data = json.loads(text)
    if not isinstance(data, dict):
        return []
    out = []
    lic = data.get("license")
    if isinstance(lic, dict):
        lic = lic.get("type")
    if isinstance(lic, str) and not lic.upper().startswith("SEE LICEN"):
        out.append((lic, '"license"'))
    many = data.get("licenses")
    if isinstance(many, list):
        names = [x.get("type") if isinstance(x, dict) else x for x in many]
        names = [n for n in names if isinstance(n, str)]
        if names:
            out.append((_or(names), '"licenses"'))
    return out


def _composer_json(text: str) -> list[tuple[str, str]]:
    data = json.loads(text)
    lic = data.get("license") if isinstance(data, dict) else None
    if isinstance(lic, list):
        lic = _or([x for x in lic if isinstance(x, str)])
    return [(lic, '"license"')] if isinstance(lic, str) and lic else []


def _classifiers(values: Any) -> list[tuple[str, str]]:
    out = []
    for c in values or []:
        if isinstance(c, str) and c.strip().startswith("License ::"):
            name = c.split("::")[-1].strip()
            out.append((name, c.strip()))
    return out


def _pyproject(text: str) -> list[tuple[str, str]]:
    import tomllib

    data = tomllib.loads(text)
    project = data.get("project") or {}
    out = []
    lic = project.get("license")
    if isinstance(lic, str):
        out.append((lic, "license"))
    elif isinstance(lic, dict) and isinstance(lic.get("text"), str):
        out.append((lic["text"], "license"))
    poetry = (data.get("tool") or {}).get("poetry") or {}
    if isinstance(poetry.get("license"), str):
        out.append((poetry["license"], "license"))
    out += [("classifier:" + n, needle) for n, needle in _classifiers(
        project.get("classifiers") or poetry.get("classifiers"))]
    return out


def _setup_cfg(text: str) -> list[tuple[str, str]]:
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(text)
    if not parser.has_section("metadata"):
        return []
    out = []
    lic = parser.get("metadata", "license", fallback="").strip()
    if lic:
        out.append((lic, "license"))
    classifiers = parser.get("metadata", "classifiers", fallback="").splitlines()
    out += [("classifier:" + n, needle) for n, needle in _classifiers(classifiers)]
    return out


def _setup_py(text: str) -> list[tuple[str, str]]:
    tree = ast.parse(text)
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for kw in node.keywords:
            if kw.arg == "license" and isinstance(kw.value, ast.Constant) \
                    and isinstance(kw.value.value, str) and len(kw.value.value) < 200:
                out.append((kw.value.value, "license"))
            if kw.arg == "classifiers" and isinstance(kw.value, ast.List | ast.Tuple):
                values = [e.value for e in kw.value.elts if isinstance(e, ast.Constant)]
                out += [("classifier:" + n, needle) for n, needle in _classifiers(values)]
    return out


def _cargo(text: str) -> list[tuple[str, str]]:
    import tomllib

    data = tomllib.loads(text)
    package = data.get("package") or (data.get("workspace") or {}).get("package") or {}
    lic = package.get("license")
    if isinstance(lic, str):
        if "/" in lic and " " not in lic:
            lic = " OR ".join(lic.split("/"))  # legacy Cargo spelling "MIT/Apache-2.0"
        return [(lic, "license")]
    return []


_GEMSPEC = re.compile(r"\.licen[cs]es?\s*=\s*(\[[^\]]*\]|['\"][^'\"]+['\"])")


def _gemspec(text: str) -> list[tuple[str, str]]:
    match = _GEMSPEC.search(text)
    if not match:
        return []
    values = re.findall(r"['\"]([^'\"]+)['\"]", match.group(1))
    return [(_or(values), match.group(0))] if values else []


_POM_LICENSE = re.compile(r"<license>\s*(?:<!--.*?-->\s*)*<name>([^<]+)</name>", re.S)


def _pom(text: str) -> list[tuple[str, str]]:
    names = [n.strip() for n in _POM_LICENSE.findall(text)]
    return [(_or([expression.from_name(n) or n for n in names]), "<license>")] if names else []


_DOTNET = re.compile(r"<(?:PackageLicenseExpression|license type=\"expression\")>([^<]+)<")


def _dotnet(text: str) -> list[tuple[str, str]]:
    match = _DOTNET.search(text)
    return [(match.group(1).strip(), match.group(0))] if match else []


def _description(text: str) -> list[tuple[str, str]]:
    match = re.search(r"^License:\s*(.+(?:\n[ \t]+.+)*)", text, re.M)
    if not match:
        return []
    raw = " ".join(match.group(1).split())
    return [("cran:" + raw, "License:")]


def _datapackage(text: str) -> list[tuple[str, str]]:
    data = json.loads(text)
    out = []
    for item in (data.get("licenses") or []) if isinstance(data, dict) else []:
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            out.append((item["name"], item["name"]))
    return out


def _yaml_license(text: str) -> list[tuple[str, str]]:
    from dpgcheck.repo import yamlsafe

    data = yamlsafe.load(text)
    lic = data.get("license") if isinstance(data, dict) else None
    if isinstance(lic, list):
        lic = _or([str(x) for x in lic if isinstance(x, str | int | float)])
    return [(str(lic), "license")] if isinstance(lic, str | int | float) and lic else []


def _model_card(text: str) -> list[tuple[str, str]]:
    """A Hugging Face model card's front matter (``---`` YAML block at the top of README)."""
    from dpgcheck.repo import yamlsafe

    block = yamlsafe.front_matter(text)
    return [] if block is None else _yaml_license(block)


READERS: dict[str, tuple[str, Callable[[str], list[tuple[str, str]]]]] = {
    "package.json": ("package.json", _package_json),
    "composer.json": ("composer.json", _composer_json),
    "pyproject.toml": ("pyproject.toml", _pyproject),
    "setup.cfg": ("setup.cfg", _setup_cfg),
    "setup.py": ("setup.py", _setup_py),
    "cargo.toml": ("Cargo.toml", _cargo),
    "pom.xml": ("pom.xml", _pom),
    "description": ("DESCRIPTION", _description),
    "datapackage.json": ("datapackage.json", _datapackage),
    "citation.cff": ("CITATION.cff", _yaml_license),
    "readme.md": ("model card", _model_card),
}
SUFFIX_READERS: dict[str, tuple[str, Callable[[str], list[tuple[str, str]]]]] = {
    ".gemspec": ("gemspec", _gemspec),
    ".csproj": (".csproj", _dotnet),
    ".nuspec": (".nuspec", _dotnet),
}


def _normalise_raw(raw: str) -> tuple[str | None, bool]:
    if raw.startswith("classifier:"):
        return expression.from_name(raw[len("classifier:"):]), True
    if raw.startswith("cran:"):
        return expression.from_cran(raw[len("cran:"):]), False
    return expression.normalise(raw), False


def manifest_paths(view: RepoView) -> list[tuple[str, str, Callable[[str], list[tuple[str, str]]]]]:
    """Manifests at the root of the tree (the project's own, not vendored ones)."""
    out = []
    for path in view.in_dir(""):
        name = path.lower()
        if name in READERS:
            kind, reader = READERS[name]
            out.append((path, kind, reader))
            continue
        for suffix, (kind, reader) in SUFFIX_READERS.items():
            if name.endswith(suffix):
                out.append((path, kind, reader))
    return sorted(out)


def read_manifests(view: RepoView) -> tuple[list[Declared], list[str]]:
    """Every licence statement in the root manifests, and the files that could not be read."""
    found: list[Declared] = []
    problems: list[str] = []
    for path, kind, reader in manifest_paths(view):
        size = view.size(path)
        if size is not None and size > MAX_MANIFEST:
            problems.append(f"{path}: too large to read ({size // 1024} KiB, the limit is "
                            f"{MAX_MANIFEST // 1024} KiB)")
            continue
        text = view.read_text(path, MAX_MANIFEST)
        if text is None:
            continue
        try:
            pairs = reader(text)
        except ParseError as exc:
            exc.path = exc.path or path
            problems.append(str(exc))
            continue
        except Exception as exc:  # malformed manifests are reported, never fatal
            problems.append(f"{path}: cannot read ({type(exc).__name__})")
            continue
        for raw, needle in pairs:
            shown = raw.split(":", 1)[1] if raw.startswith(("classifier:", "cran:")) else raw
            family = unversioned(shown)
            spdx, weak = (None, False) if family else _normalise_raw(raw)
            found.append(Declared(path, _line(text, needle), shown, spdx, kind, weak,
                                  unversioned=family))
    return found, problems
