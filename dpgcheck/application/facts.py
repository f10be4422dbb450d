"""Facts about a project that ``dpgcheck init`` and ``dpgcheck export`` start from.

Name, description, licence, repository URL, owner and a category guess, read from files
(publiccode.yml, manifests, README, licence, ``.git/config``) with bounded reads and nothing
executed. These are first guesses for the maintainer to confirm, never verdicts: indicator 2
identifies licences properly and indicator 3 judges ownership.
"""

from __future__ import annotations

import configparser
import json
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from dpgcheck.evidence.publiccode import PublicCode, read_publiccode
from dpgcheck.repo.view import RepoView

MAX_BYTES = 128 * 1024
_YEARS = r"\d{4}(?:\s*[-–,]\s*(?:\d{4}|present))*,?"
COPYRIGHT_RE = re.compile(
    r"^\W*(?:SPDX-FileCopyrightText:\s*(?:\(c\)|©)?\s*(?:" + _YEARS + r")?"
    r"|copyright\s*(?:(?:\(c\)|©)\s*(?:" + _YEARS + r")?|" + _YEARS + r"))"
    r"\s*(?:by\s+)?(?P<owner>.+?)\s*$",
    re.IGNORECASE)
PLACEHOLDER_RE = re.compile(r"[\[<{]|copyright (holder|owner)|the authors?$|yyyy|^notice"
                            r"|free software foundation|^(and|of|law|notice|statement)\b",
                            re.IGNORECASE)
CODE_SUFFIXES = (".py", ".js", ".ts", ".tsx", ".jsx", ".java", ".kt", ".go", ".rb", ".php",
                 ".rs", ".cs", ".c", ".cpp", ".h", ".swift", ".dart", ".scala", ".ex", ".vue")
MODEL_SUFFIXES = (".safetensors", ".onnx", ".gguf", ".pt", ".h5", ".tflite")


@dataclass
class ProjectFacts:
    """What files say about the project; ``sources`` names where each fact came from."""

    name: str | None = None
    description: str | None = None
    license: str | None = None
    license_path: str | None = None
    repository: str | None = None
    website: str | None = None
    owner: str | None = None
    categories: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    publiccode: PublicCode = field(default_factory=PublicCode)

    def set(self, key: str, value: str | None, source: str) -> None:
        if value and not getattr(self, key):
            value = re.sub(r"\s*[=\-~]{4,}\s*", " ", value).strip()
            if value:
                setattr(self, key, value)
                self.sources[key] = source


@cache
def license_data() -> dict[str, Any]:
    text = resources.files("dpgcheck").joinpath("data/license-titles.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def dpga_spelling(spdx: str) -> str:
    """The spelling the DPGA's application schema uses (``GPL-3.0`` for ``GPL-3.0-only``)."""
    return str(license_data()["dpga_spellings"].get(spdx, spdx))


def license_from_text(text: str) -> str | None:
    head = " ".join(text[:1000].split())  # titles are at the top; later text cites others
    for entry in license_data()["titles"]:
        if all(part.lower() in head.lower() for part in entry["all"]):
            return str(entry["spdx"])
    return None


def clean_remote(url: str) -> str | None:
    """An https URL for a git remote, with any credentials removed."""
    url = url.strip()
    match = re.match(r"^(?:ssh://)?git@([^:/]+)[:/](.+?)(?:\.git)?/?$", url)
    if match:
        return f"https://{match.group(1)}/{match.group(2)}"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https", "git") or not parts.hostname:
        return None
    host = parts.hostname + (f":{parts.port}" if parts.port else "")
    path = parts.path.rstrip("/")
    path = path[:-4] if path.endswith(".git") else path
    return urlunsplit(("https", host, path, "", ""))


def git_origin(root: Path) -> str | None:
    """The ``origin`` remote from ``.git/config`` (read as text; git is not run)."""
    git = root / ".git"
    try:
        if git.is_file():
            pointer = git.read_text("utf-8", "replace")[:4096].strip()
            if not pointer.startswith("gitdir:"):
                return None
            git = (root / pointer[7:].strip()).resolve()
            common = git / "commondir"
            if common.is_file():
                git = (git / common.read_text("utf-8", "replace")[:4096].strip()).resolve()
        config = git / "config"
        if not config.is_file() or config.stat().st_size > MAX_BYTES:
            return None
        parser = configparser.ConfigParser(strict=False, interpolation=None)
        parser.read_string(config.read_text("utf-8", "replace"))
    except (OSError, configparser.Error):
        return None
    section = 'remote "origin"'
    if parser.has_option(section, "url"):
        return clean_remote(parser.get(section, "url"))
    return None


#: Constructs that span lines: HTML comments, and badges or images whose alt text or URL
#: wraps (``[![License:\nMIT](...)](...)``), removed before the README is read line by line.
MULTILINE_NOISE = re.compile(r"<!--.*?(?:-->|\Z)|\[!\[[^\]]{0,300}\]\([^)]{0,2000}\)\]"
                             r"\([^)]{0,2000}\)|!\[[^\]]{0,300}\]\([^)]{0,2000}\)", re.DOTALL)
#: A line of links and separators only (``[English](README.md) | [Français](README.fr.md)``).
NAV_LINE = re.compile(r"(?:\s*\[[^\]]+\]\([^)]*\)\s*[|·•/,-]?)+\s*")
#: Headings that name a part of the README, never the project.
NOT_TITLES = frozenset({"table of contents", "contents", "toc", "overview", "introduction"})
#: An HTML heading on a line of its own (``<h1 align="center">Querido Diário</h1>``).
HTML_HEADING = re.compile(r"<h[12][^>]{0,200}>(.{1,200}?)</h[12]>", re.IGNORECASE)


def navigation(line: str) -> bool:
    """A language or section switcher: short parts between ``|``, one of them a link."""
    parts = line.split("|")
    return bool(NAV_LINE.fullmatch(line)) or (
        len(parts) >= 2 and "](" in line and all(len(p.strip()) <= 60 for p in parts))


def readme_facts(text: str) -> tuple[str | None, str | None]:
    """(first heading, first prose paragraph) of a Markdown or reST README."""
    title = None
    paragraph: list[str] = []
    in_code = False
    if text.startswith("---\n"):  # front matter: metadata, not the README's words
        end = text.find("\n---", 4)
        text = text[end + 4:] if end > 0 else text
    for raw in MULTILINE_NOISE.sub("", text).splitlines():
        line = raw.strip()
        if navigation(line):
            continue
        heading = HTML_HEADING.fullmatch(line)
        if heading and title is None:
            title = plain_text(heading.group(1)) or None
            if paragraph:
                break
            continue
        if line.startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if in_code:
            continue
        if line.startswith("#"):
            heading_text = plain_text(line.lstrip("#"))
            if title is None and heading_text.lower() not in NOT_TITLES:
                title = heading_text or None
            if paragraph:
                break
            continue
        if not line:
            if paragraph:
                break
            continue
        if re.match(r"^([=\-~*^]{3,}|<|!\[|\[!\[|\||>|-\s|\*\s|\d+[.)]\s|\.\. |:\w+:"
                    r"|\[[^\]]+\]:\s)",
                    line):
            if title is None and re.match(r"^[=\-~]{3,}$", line) and paragraph:
                title, paragraph = " ".join(paragraph), []
            continue
        paragraph.append(line)
    if title is not None and re.match(r"^[=\-~]{3,}$", title):
        title = None
    title = strip_symbols(title) if title else None
    text_out = plain_text(" ".join(paragraph))
    return title, (text_out[:500] or None)


def strip_symbols(text: str) -> str | None:
    """A title without the emoji and symbols that decorate it (``🌤️🌐 ClimWeb``)."""
    import unicodedata

    def decoration(ch: str) -> bool:
        return unicodedata.category(ch) in ("So", "Sk", "Mn", "Me", "Cf", "Zs") or ch == "\u200d"

    start, end = 0, len(text)
    while start < end and decoration(text[start]):
        start += 1
    while end > start and decoration(text[end - 1]):
        end -= 1
    return text[start:end].strip() or None


def plain_text(markdown: str) -> str:
    """Markdown or reST inline text as the plain words an application form wants: badges,
    images and HTML tags dropped, links kept as their text, emphasis and code marks gone."""
    text = re.sub(r"\[!\[[^\]]*\]\([^)]*\)\]\([^)]*\)", "", markdown)  # linked badge
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # image
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # link -> its text
    text = re.sub(r"\[([^\]]+)\]\[[^\]]*\]", r"\1", text)  # reference link
    text = re.sub(r"<[^>]{0,300}>", "", text)  # HTML tags
    text = re.sub(r"`([^`<]+?)\s*<[^>]+>`_", r"\1", text)  # reST link
    text = re.sub(r":\w+:`([^`]+)`", r"\1", text)  # reST role
    text = re.sub(r"(\*\*|__|``|`|\*(?=\S)|(?<=\S)\*|(?<![\w])_(?=\S)|(?<=\S)_(?![\w]))", "",
                  text)
    return re.sub(r"\s+([.,;:!?])", r"\1", " ".join(text.split())).strip(" -:|")


def _json(view: RepoView, path: str) -> dict[str, Any]:
    text = view.read_text(path, MAX_BYTES) if view.exists(path) else None
    try:
        data = json.loads(text) if text else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _toml(view: RepoView, path: str) -> dict[str, Any]:
    text = view.read_text(path, MAX_BYTES) if view.exists(path) else None
    try:
        return tomllib.loads(text) if text else {}
    except tomllib.TOMLDecodeError:
        return {}


def _str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def owner_from_copyright(view: RepoView) -> tuple[str | None, str | None]:
    """The first real holder on a copyright line of the licence, NOTICE or COPYRIGHT file."""
    files = view.find("license*", "licence*", "copying*", "notice*", "copyright*",
                      dirs=("", ".github", "docs"))
    for path in files:
        text = view.read_text(path, 16 * 1024) or ""
        for line in text.splitlines()[:80]:
            match = COPYRIGHT_RE.match(line.strip())
            if not match:
                continue
            owner = re.sub(r"\s*(all rights reserved|<[^>]*>|\(?https?://|located at\b).*$", "",
                           match.group("owner"), flags=re.IGNORECASE).strip(" ,")
            if owner.endswith(".") and not re.search(r"(\.\w{1,3}|\b(Inc|Ltd|Co|Corp))\.$",
                                                     owner):
                owner = owner[:-1].strip()
            if owner and not PLACEHOLDER_RE.search(owner) and len(owner) < 120:
                return owner, path
    return None, None


def guess_categories(view: RepoView) -> list[str]:
    """software unless the tree looks like a dataset, a model or a content collection."""
    files = view.files
    code = sum(1 for p in files if p.lower().endswith(CODE_SUFFIXES))
    if any(p.lower().endswith(MODEL_SUFFIXES) for p in files) or view.named("model_card.md",
                                                                             "modelcard.md"):
        return ["aimodel", "software"] if code else ["aimodel"]
    if view.named("datapackage.json", "datapackage.yaml") and code < 5:
        return ["data"]
    if code == 0 and len(files) >= 10:
        docs = sum(1 for p in files if p.lower().endswith((".md", ".rst", ".pdf", ".ipynb")))
        if docs * 2 > len(files):
            return ["content"]
    return ["software"]


def gather(view: RepoView) -> ProjectFacts:
    """Every fact dpgcheck can read without asking the maintainer."""
    facts = ProjectFacts()
    pc = read_publiccode(view)
    facts.publiccode = pc
    if pc.path:
        facts.set("name", pc.name, pc.path)
        facts.set("description", pc.description, pc.path)
        facts.set("license", pc.license, pc.path)
        facts.set("repository", pc.url and clean_remote(pc.url), pc.path)
        facts.set("website", pc.landing_url, pc.path)
        facts.set("owner", pc.copyright_owner, pc.path)
    lic_path = next(iter(view.find("license*", "licence*", "copying*", "unlicense*")), None)
    if lic_path:
        facts.license_path = lic_path
        facts.set("license", license_from_text(view.read_text(lic_path, 16 * 1024) or ""),
                  lic_path)
    project = _toml(view, "pyproject.toml").get("project", {})
    if isinstance(project, dict):
        facts.set("name", _str(project.get("name")), "pyproject.toml")
        facts.set("description", _str(project.get("description")), "pyproject.toml")
        lic = project.get("license")
        facts.set("license", _str(lic) or (_str(lic.get("text")) if isinstance(lic, dict)
                                           else None), "pyproject.toml")
    cargo = _toml(view, "Cargo.toml").get("package", {})
    if isinstance(cargo, dict):
        facts.set("name", _str(cargo.get("name")), "Cargo.toml")
        facts.set("description", _str(cargo.get("description")), "Cargo.toml")
        facts.set("license", _str(cargo.get("license")), "Cargo.toml")
    readme = next(iter(view.find("readme.md", "readme*", dirs=("", ".github", "docs"))), None)
    if readme:
        title, paragraph = readme_facts(view.read_text(readme, MAX_BYTES) or "")
        facts.set("name", title, readme)
        facts.set("description", paragraph, readme)
    pkg = _json(view, "package.json")
    facts.set("name", _str(pkg.get("name")), "package.json")
    facts.set("description", _str(pkg.get("description")), "package.json")
    facts.set("license", _str(pkg.get("license")), "package.json")
    facts.set("website", _str(pkg.get("homepage")), "package.json")
    facts.set("repository", git_origin(view.root), ".git/config")
    owner, where = owner_from_copyright(view)
    facts.set("owner", owner, where or "")
    facts.set("name", view.root.name, "folder name")
    facts.categories = guess_categories(view)
    return facts
