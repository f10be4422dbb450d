"""Who the repository says owns it: copyright notices, authors files, manifests, citations.

Each source is read with a bound; source-file headers are sampled (not every file is read) so
large repositories stay fast. Nothing here decides pass or fail: indicator 3 does.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from itertools import filterfalse
from typing import TYPE_CHECKING, Any

from dpgcheck.evidence.copyright import (
    Holder,
    data,
    filled_appendix_holders,
    holders_in_text,
    is_placeholder,
    strip_template_variables,
)
from dpgcheck.evidence.signals.pathkinds import is_fixture

if TYPE_CHECKING:
    from dpgcheck.repo.view import RepoView

LEGAL_NAMES = ("license*", "licence*", "copying*", "notice*", "copyright*", "legal*")
#: Only the head of a legal file holds the project's own notice; the rest is licence text or
#: bundled third-party notices.
LEGAL_HEAD_LINES = 40
AUTHOR_NAMES = ("authors*", "contributors*", "credits*")
READ_LIMIT = 256 * 1024
HEADER_SAMPLE = 150
HEADER_BYTES = 3000
#: Vendored or generated code carries other people's notices.
_VENDORED = re.compile(r"(^|/)(node_modules|vendor|third[_-]?party|external|static|assets|dist|"
                       r"build)/|\.(?:min|bundle)\.js$")
#: The folder names ``_VENDORED`` knows, to pre-select paths before the regex runs.
_VENDORED_DIRS = ("node_modules", "vendor", "thirdparty", "third_party", "third-party",
                  "external", "static", "assets", "dist", "build")
SOURCE_SUFFIXES = (".py", ".js", ".ts", ".tsx", ".jsx", ".java", ".kt", ".go", ".rs", ".rb",
                   ".php", ".c", ".h", ".cc", ".cpp", ".cs", ".swift", ".scala", ".dart",
                   ".vue", ".r", ".sh", ".ex", ".exs", ".groovy", ".m", ".hs", ".lua")


def legal_holders(view: RepoView) -> list[Holder]:
    """Notices at the head of root LICENSE/COPYING/NOTICE/COPYRIGHT files (placeholders too)."""
    holders: list[Holder] = []
    templates = set(view.find(*data()["header_templates"], dirs=("",)))
    for path in view.find(*LEGAL_NAMES, dirs=("",)):
        text = view.read_text(path, READ_LIMIT)
        if not text:
            continue
        head = "\n".join(text.splitlines()[:LEGAL_HEAD_LINES])
        name = path.lower()
        source = "notice" if name.startswith(("notice", "copyright", "legal")) else "licence"
        if path in templates:
            # A build plugin's header template: its variables are filled at build time.
            found = holders_in_text(strip_template_variables(head), path, source)
            holders.extend(h for h in found if not h.placeholder)
            continue
        found = holders_in_text(head, path, source, licence_text=True)
        if not any(not h.placeholder for h in found):
            found += filled_appendix_holders(text, path)
        holders.extend(found)
    return holders


_README_COPYRIGHT = re.compile(r"^\s*(?:[*_>-]+\s*)?(?:[Cc]opyright|COPYRIGHT|©)\s+(?:\(c\)\s*)?"
                               r"(?P<name>[A-Z][^\n]{2,100}?)\s*$")


def readme_holders(view: RepoView) -> list[Holder]:
    """Copyright lines in the root README, with or without a year ("Copyright Management
    Sciences for Health.")."""
    path = view.lookup("README.md") or view.lookup("README.rst") or view.lookup("README")
    text = view.read_text(path, READ_LIMIT) if path else None
    if not text or path is None:
        return []
    out = holders_in_text(text, path, "readme", max_holders=5)
    out = [h for h in out if not h.placeholder]
    if out:
        return out
    for number, line in enumerate(text.splitlines(), 1):
        match = _README_COPYRIGHT.match(line.replace("**", ""))
        if match:
            name = match.group("name").strip(" .*_")
            if name and not is_placeholder(name) and not re.match(
                    r"(?i)(?:notice|holder|owner|law|licen|and |or |of |the copyright|"
                    r"information|\d)", name):
                out.append(Holder(name, path, number, "readme"))
                break
    return out


def author_file_names(view: RepoView, limit: int = 200) -> list[Holder]:
    """Names listed in AUTHORS/CONTRIBUTORS/CREDITS (one per line, comments skipped)."""
    names: list[Holder] = []
    for path in view.find(*AUTHOR_NAMES, dirs=("", ".github", "docs")):
        text = view.read_text(path, READ_LIMIT) or ""
        notices = holders_in_text(text, path, "authors")
        names.extend(notices)
        for number, line in enumerate(text.splitlines(), 1):
            entry = _author_line(line)
            if entry:
                names.append(Holder(entry, path, number, "authors", is_placeholder(entry)))
            if len(names) >= limit:
                return names
    return names


def _author_line(line: str) -> str | None:
    text = line.strip()
    if (not text or text.startswith(("#", "//", "=", "-" * 3, "<", "!", "|")) or
            re.match(r"(?i)copyright|\(c\)|©", text) or len(text) > 100):
        return None
    text = re.sub(r"^[*+-]\s+", "", text)
    text = re.sub(r"\[([^\]]{0,300})\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]*>|\([^)]*\)|https?://\S+|\S+@\S+", "", text).strip(" ,;:-*")
    words = text.split()
    if not 1 <= len(words) <= 6 or text.endswith((".", ":")):
        return None
    if not any(ch.isalpha() for ch in text):
        return None
    return text


def manifest_names(view: RepoView) -> list[Holder]:
    """Authors, maintainers and organisations from root manifests and citation files."""
    found: list[Holder] = []
    readers = (("package.json", _package_json), ("composer.json", _composer_json),
               ("pyproject.toml", _pyproject), ("Cargo.toml", _cargo), ("pom.xml", _pom),
               ("DESCRIPTION", _r_description), ("setup.cfg", _setup_cfg),
               ("setup.py", _setup_py), ("CITATION.cff", _citation),
               ("publiccode.yml", _publiccode), ("publiccode.yaml", _publiccode))
    for name, reader in readers:
        path = view.lookup(name)
        if path is None:
            continue
        text = view.read_text(path, READ_LIMIT)
        if not text:
            continue
        try:
            entries = reader(text)
        except Exception:  # a broken manifest is some other indicator's finding
            continue
        source = "citation" if name == "CITATION.cff" else "manifest"
        for entry, line_hint in entries:
            entry = " ".join(str(entry).split())
            if entry:
                found.append(Holder(entry, path, _line_of(text, line_hint), source,
                                    is_placeholder(entry)))
    for path in view.find("*.gemspec", dirs=("",))[:2]:
        text = view.read_text(path, READ_LIMIT) or ""
        for match in re.finditer(r"\.authors?\s*=\s*\[?([^\]\n]{1,300})\]?", text):
            for entry in re.findall(r"[\"']([^\"']+)[\"']", match.group(1)):
                found.append(Holder(entry, path, _line_of(text, entry), "manifest",
                                    is_placeholder(entry)))
    return found


def _line_of(text: str, needle: str) -> int | None:
    index = text.find(needle) if needle else -1
    return text.count("\n", 0, index) + 1 if index >= 0 else None


def _person(value: Any) -> str | None:
    if isinstance(value, str):
        name = re.sub(r"<[^>]*>|\([^)]*\)|https?://\S+|\S+@\S+", "", value).strip(" ,")
        return name or None
    if isinstance(value, dict):
        name = value.get("name")
        if not name and (value.get("given-names") or value.get("family-names")):
            name = f"{value.get('given-names', '')} {value.get('family-names', '')}"
        return str(name).strip() if name else None
    return None


def _people(values: Any) -> list[tuple[str, str]]:
    values = values if isinstance(values, list) else [values]
    people = [_person(v) for v in values]
    return [(p, p) for p in people if p]


def _package_json(text: str) -> list[tuple[str, str]]:
    data = json.loads(text)
    out = _people(data.get("author")) if data.get("author") else []
    out += _people(data.get("contributors") or [])[:20]
    out += _people(data.get("maintainers") or [])[:20]
    return out


def _composer_json(text: str) -> list[tuple[str, str]]:
    return _people(json.loads(text).get("authors") or [])[:20]


def _pyproject(text: str) -> list[tuple[str, str]]:
    import tomllib

    data = tomllib.loads(text)
    project = data.get("project") or {}
    out = _people(project.get("authors") or []) + _people(project.get("maintainers") or [])
    poetry = (data.get("tool") or {}).get("poetry") or {}
    out += _people(poetry.get("authors") or []) + _people(poetry.get("maintainers") or [])
    return out[:30]


def _cargo(text: str) -> list[tuple[str, str]]:
    import tomllib

    return _people((tomllib.loads(text).get("package") or {}).get("authors") or [])[:20]


def _pom(text: str) -> list[tuple[str, str]]:
    out = []
    org = re.search(r"<organization>\s*<name>([^<]+)</name>", text)
    if org:
        out.append((org.group(1).strip(), org.group(1)))
    for match in re.finditer(r"<developer>.*?<name>([^<]+)</name>", text, re.DOTALL):
        out.append((match.group(1).strip(), match.group(1)))
        if len(out) >= 20:
            break
    return out


def _r_description(text: str) -> list[tuple[str, str]]:
    out = []
    block = re.search(r"^Authors@R:(.*?)(?=^\S)", text + "\nEnd:", re.MULTILINE | re.DOTALL)
    if block:
        for match in re.finditer(r"person\(\s*(?:given\s*=\s*)?\"([^\"]+)\"\s*,\s*"
                                 r"(?:family\s*=\s*)?\"([^\"]+)\"", block.group(1)):
            out.append((f"{match.group(1)} {match.group(2)}", match.group(1)))
    for field_name in ("Author", "Maintainer"):
        match = re.search(rf"^{field_name}:\s*(.+)$", text, re.MULTILINE)
        if match:
            out.append((re.sub(r"<[^>]*>|\[[^\]]{0,300}\]", "", match.group(1)).strip(),
                        match.group(1)))
    return out


def _setup_cfg(text: str) -> list[tuple[str, str]]:
    match = re.search(r"^(?:author|maintainer)\s*=\s*(.+)$", text, re.MULTILINE)
    name = _person(match.group(1)) if match else None
    return [(name, match.group(1))] if match and name else []


def _setup_py(text: str) -> list[tuple[str, str]]:
    match = re.search(r"\b(?:author|maintainer)\s*=\s*[\"']([^\"']+)[\"']", text)
    return [(match.group(1), match.group(1))] if match else []


def _citation(text: str) -> list[tuple[str, str]]:
    from dpgcheck.declarations.loader import parse_yaml

    data = parse_yaml(text)
    authors = data.get("authors") if isinstance(data, dict) else None
    return _people(authors or [])[:30]


def _publiccode(text: str) -> list[tuple[str, str]]:
    from dpgcheck.declarations.loader import parse_yaml

    data = parse_yaml(text)
    legal = data.get("legal") if isinstance(data, dict) else None
    if not isinstance(legal, dict):
        return []
    return [(str(legal[k]), str(legal[k])) for k in ("repoOwner", "mainCopyrightOwner")
            if legal.get(k)]


def header_holders(view: RepoView,
                   sample: int = HEADER_SAMPLE) -> tuple[list[tuple[Holder, int]], int]:
    """Copyright and ``SPDX-FileCopyrightText`` lines in the heads of sampled source files.

    Returns the most frequent names (first place seen, files naming it) and how many files
    were read.
    """
    # the regex runs only on paths that contain one of its literals (C-level pre-selection)
    suspect = view.containing(*(f"/{d}/" for d in _VENDORED_DIRS), ".min.js", ".bundle.js")
    vendored = {p for p in suspect if _VENDORED.search(p)}
    # Tests, fixtures and examples hold copyright lines as test data (a string a test writes
    # into a temporary LICENSE), not as the project's own headers.
    sources = [p for p in filterfalse(vendored.__contains__, view.with_suffix(*SOURCE_SUFFIXES))
               if not is_fixture(p)]
    if len(sources) > sample:
        step = len(sources) / sample
        sources = [sources[int(i * step)] for i in range(sample)]
    counts: Counter[str] = Counter()
    first: dict[str, Holder] = {}
    frameworks = data()["framework_holders"]
    for path in sources:
        text = view.read_text(path, HEADER_BYTES) or ""
        for holder in holders_in_text(text, path, "header", max_holders=3):
            if holder.placeholder or any(f in holder.name.lower() for f in frameworks):
                continue  # a framework's own notice in the skeleton files it generated
            counts[holder.name] += 1
            first.setdefault(holder.name, holder)
    return [(first[name], n) for name, n in counts.most_common(5)], len(sources)
