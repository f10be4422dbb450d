"""Find every piece of licence evidence in a tree and identify it (reads only candidates).

Licence files (root first, then ``.github/`` and ``docs/``, then REUSE ``LICENSES/``), files
named after a licence (``MIT.md``), root manifests, ``SPDX-License-Identifier`` headers in a
bounded sample of source files, REUSE ``.reuse/dep5``/``REUSE.toml``, and a README licence
section (weak evidence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dpgcheck.evidence.licenses import expression
from dpgcheck.evidence.licenses.identify import identify_text
from dpgcheck.evidence.licenses.manifests import Declared, read_manifests
from dpgcheck.evidence.licenses.notices import find_notices

if TYPE_CHECKING:
    from dpgcheck.repo.view import RepoView

LICENSE_PATTERNS = ("license", "licence", "copying", "unlicense", "license.*", "licence.*",
                    "copying.*", "unlicense.*", "license-*", "licence-*", "license_*",
                    "licence_*", "copying-*", "copying_*", "*-license", "*-license.*",
                    "*_license", "*_license.*", "mit-license*")
MAX_LICENSE_FILE = 256 * 1024
HEADER_SAMPLE = 400
HEADER_BYTES = 4096
SOURCE_SUFFIXES = (".py", ".js", ".ts", ".tsx", ".jsx", ".java", ".kt", ".go", ".rs", ".c",
                   ".h", ".cc", ".cpp", ".hpp", ".cs", ".rb", ".php", ".swift", ".scala",
                   ".sh", ".r", ".dart", ".vue", ".m", ".lua", ".pl", ".ex", ".exs")
_HEADER = re.compile(r"SPDX-License-Identifier:\s*([^\n*]+?)\s*(?:\*/|-->|$)", re.M)
_README_HEADING = re.compile(r"^(#{1,6}\s*|)(?:licen[cs]e|licensing|copyright and licen[cs]e)"
                             r"s?\b.*$", re.I | re.M)


@dataclass
class Hit:
    """One licence seen in one place (the indicator's ``licenses`` entries)."""

    spdx: str
    path: str | None
    line: int | None
    method: str  # text | notice | header | manifest | forge | declared
    confidence: float
    primary: bool = False  # from the project's own licence files
    added: str | None = None  # modified licence: what the text adds
    component: str | None = None  # declared component (code, weights, data, content)
    weak: bool = False
    count: int = 1  # headers: how many sampled files carry it


@dataclass
class Unrecognised:
    path: str
    guess: str | None
    score: float | None
    #: The file's size when it is over the read limit (the text may lie past what was read).
    too_large: int | None = None


@dataclass
class ScanResult:
    hits: list[Hit] = field(default_factory=list)
    unrecognised: list[Unrecognised] = field(default_factory=list)
    manifests: list[Declared] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    #: The combined expression of the project's own licence files, with its sources.
    primary_expression: str | None = None
    primary_paths: list[str] = field(default_factory=list)
    headers_sampled: int = 0
    #: Licence files holding several licences: path -> their expression (AND, or OR if dual).
    file_expressions: dict[str, str] = field(default_factory=dict)


TEXT_SUFFIXES = ("", ".md", ".txt", ".rst", ".markdown", ".adoc", ".org", ".html", ".mit",
                 ".apache", ".gpl", ".bsd", ".apache2", ".mpl", ".lesser", ".agpl", ".lgpl")


def _texty(path: str) -> bool:
    """Licence files are text: ``license-config.json`` or ``license.py`` are not."""
    name = path.rsplit("/", 1)[-1].lower()
    suffix = "." + name.rsplit(".", 1)[1] if "." in name else ""
    return suffix in TEXT_SUFFIXES or (suffix[1:].replace("-", "").isalnum() and \
        suffix[1:] not in _CODE_SUFFIXES)


_CODE_SUFFIXES = frozenset(("json", "js", "ts", "py", "yml", "yaml", "sh", "xml", "css",
                            "java", "go", "rs", "rb", "php", "cs", "toml", "cfg", "ini", "svg",
                            "png", "jpg", "pdf", "tsx", "jsx", "kt", "swift", "c", "h", "lock"))


def licence_files(view: RepoView) -> tuple[list[str], list[str]]:
    """(primary licence files, other licence files such as REUSE ``LICENSES/``)."""
    known = {i.lower(): i for i in expression.known_ids()}
    root = [p for p in view.find(*LICENSE_PATTERNS, dirs=("",)) if _texty(p)]
    for path in view.in_dir(""):
        stem = path.rsplit(".", 1)[0] if "." in path else path
        if stem.lower() in known and path not in root:
            root.append(path)  # a file named after a licence: MIT.md, CC-BY-4.0.txt
    reuse = [p for p in view.in_dir("LICENSES") if not p.lower().endswith(".license")]
    fallback = [p for p in view.find(*LICENSE_PATTERNS, dirs=(".github", "docs")) if _texty(p)]
    if root:
        return root, reuse + fallback
    if fallback:
        return fallback, reuse
    return reuse, []


def _identify_file(view: RepoView, path: str, primary: bool, out: ScanResult) -> list[Hit]:
    text = view.read_text(path, MAX_LICENSE_FILE)
    size = view.size(path)
    too_large = size if size is not None and size > MAX_LICENSE_FILE else None
    if text is None and view.is_symlink(path):
        out.problems.append(f"{path} is a symbolic link that leads outside the checked tree "
                            "(or nowhere): ignored")
        return []
    if text is None or not text.strip():
        if too_large:
            out.unrecognised.append(Unrecognised(path, None, None, too_large))
        return []
    result = identify_text(text)
    hits = [Hit(f.spdx, path, f.line, f.method, f.confidence, primary, f.added)
            for f in result.found]
    if not hits:
        stem = path.rsplit("/", 1)[-1]
        stem = stem.rsplit(".", 1)[0] if "." in stem else stem
        if path.lower().startswith("licenses/") and stem in expression.known_ids():
            # REUSE names each file after its SPDX id; the text may be a trimmed copy.
            hits = [Hit(stem, path, None, "text", 0.6, primary)]
        else:
            guess = result.best_guess
            out.unrecognised.append(Unrecognised(path, guess[0] if guess else None,
                                                 guess[1] if guess else None, too_large))
    if len(hits) > 1:
        combined = expression.combine([h.spdx for h in hits], result.operator)
        if combined and primary:
            out.primary_paths.append(path)
            out.file_expressions[path] = combined
    return hits


def _headers(view: RepoView, out: ScanResult) -> list[Hit]:
    """``SPDX-License-Identifier`` lines in a bounded, evenly spread sample of source files."""
    sources = [p for p in view.files if p.lower().endswith(SOURCE_SUFFIXES)]
    if len(sources) > HEADER_SAMPLE:
        step = len(sources) / HEADER_SAMPLE
        sources = [sources[int(i * step)] for i in range(HEADER_SAMPLE)]
    out.headers_sampled = len(sources)
    seen: dict[str, Hit] = {}
    for path in sources:
        text = view.read_text(path, HEADER_BYTES)
        if not text or "SPDX-License-Identifier" not in text:
            continue
        match = _HEADER.search(text)
        if not match:
            continue
        spdx = expression.normalise(match.group(1))
        if spdx is None:
            continue
        if spdx in seen:
            seen[spdx].count += 1
        else:
            line = text.count("\n", 0, match.start()) + 1
            seen[spdx] = Hit(spdx, path, line, "header", 0.95)
    return list(seen.values())


def _reuse(view: RepoView) -> list[Hit]:
    hits = []
    for name in (".reuse/dep5", "REUSE.toml"):
        path = view.lookup(name)
        text = view.read_text(path, 256 * 1024) if path else None
        if not text:
            continue
        pattern = (r"^License:\s*(.+)$" if name.endswith("dep5")
                   else r"SPDX-License-Identifier\"?\s*=\s*\"([^\"]+)\"")
        for match in re.finditer(pattern, text, re.M):
            spdx = expression.normalise(match.group(1))
            if spdx:
                line = text.count("\n", 0, match.start()) + 1
                hits.append(Hit(spdx, path, line, "header", 0.9))
    return hits


def _readme(view: RepoView) -> list[Hit]:
    path = view.lookup("README.md") or view.lookup("README.rst") or view.lookup("README")
    text = view.read_text(path, 256 * 1024) if path else None
    if not text:
        return []
    match = _README_HEADING.search(text)
    if not match:
        return []
    section = text[match.end(): match.end() + 1500]
    nxt = re.search(r"^#{1,6}\s", section, re.M)
    section = section[: nxt.start()] if nxt else section
    line = text.count("\n", 0, match.start()) + 1
    hits = [Hit(n.spdx, path, line, "notice", 0.5, weak=True)
            for n in find_notices(section) if n.spdx in expression.known_ids()]
    return hits


def scan(view: RepoView) -> ScanResult:
    out = ScanResult()
    primary, secondary = licence_files(view)
    primary_hits: list[Hit] = []
    for path in primary:
        primary_hits += _identify_file(view, path, True, out)
    out.hits += primary_hits
    for path in secondary:
        out.hits += _identify_file(view, path, False, out)
    out.manifests, problems = read_manifests(view)
    out.problems += problems
    for m in out.manifests:
        if m.spdx:
            out.hits.append(Hit(m.spdx, m.path, m.line, "manifest",
                                0.6 if m.weak else 0.9, weak=m.weak))
    out.hits += _reuse(view)
    out.hits += _headers(view, out)
    out.hits += _readme(view)
    out.primary_expression = _primary_expression(primary_hits, out)
    return out


def _primary_expression(hits: list[Hit], out: ScanResult) -> str | None:
    """The project's licence from its own licence files; manifests supply OR when they agree."""
    if not hits:
        return None
    ids = [h.spdx for h in hits]
    # "Or later" stated by a notice in one file applies to the bare text in another.
    later = {i[: -len("-or-later")] for i in ids if i.endswith("-or-later")}
    ids = [f"{i[: -len('-only')]}-or-later" if i.endswith("-only") and i[: -len("-only")]
           in later else i for i in ids]
    # LGPL-3.0 is GPL-3.0 plus extra permissions: projects ship both texts (COPYING + LESSER).
    if any(i.startswith("LGPL-3.0") for i in ids):
        ids = [i for i in ids if not i.startswith("GPL-3.0")] or ids
    per_file = list(out.file_expressions.values())
    if len(set(ids)) == 1:
        return ids[0]
    wanted = set(ids)
    for m in out.manifests:
        if m.spdx and set(expression.ids_of(m.spdx)) == wanted:
            return m.spdx  # e.g. LICENSE-MIT + LICENSE-APACHE with Cargo's "MIT OR Apache-2.0"
    if len(per_file) == 1 and set(expression.ids_of(per_file[0])) == wanted:
        return per_file[0]
    return expression.combine(list(dict.fromkeys(ids)), "AND")
