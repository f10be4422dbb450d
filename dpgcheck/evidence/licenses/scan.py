"""Find every piece of licence evidence in a tree and identify it (reads only candidates).

Licence files (root first, then ``.github/`` and ``docs/``, then REUSE ``LICENSES/``), files
named after a licence (``MIT.md``), root manifests, ``SPDX-License-Identifier`` headers in a
bounded sample of source files, REUSE ``.reuse/dep5``/``REUSE.toml``, and a README licence
section (weak evidence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from dpgcheck.evidence.licenses import expression
from dpgcheck.evidence.licenses.identify import identify_text
from dpgcheck.evidence.licenses.manifests import Declared, read_manifests
from dpgcheck.evidence.licenses.notices import find_notices, flatten

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
    #: What the licence covers, when its file name or README section says so:
    #: "software", "content" or "data"; ``None`` covers the whole repository.
    scope: str | None = None
    #: A modified copy whose change restricts or removes a right (never approved).
    restricts: bool = False


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
        if path in root or not _texty(path) or len(stem) > 40:
            continue
        if stem.lower() in known or (any(c.isdigit() for c in stem)
                                     and expression.normalise(stem) in expression.known_ids()):
            root.append(path)  # a file named after a licence: MIT.md, "CC BY-SA 4.0.md"
    reuse = [p for p in view.in_dir("LICENSES") if not p.lower().endswith(".license")]
    fallback = [p for p in view.find(*LICENSE_PATTERNS, dirs=(".github", "docs")) if _texty(p)]
    if root:
        return root, reuse + fallback
    if fallback:
        return fallback, reuse
    return reuse, []


_SCOPE_WORDS = (
    ("data", ("data", "database", "databases", "dataset", "datasets", "db")),
    ("content", ("docs", "doc", "documentation", "content", "contents", "text", "texts",
                 "media", "assets", "images", "art", "artwork", "manual", "curriculum",
                 "book", "books", "lessons", "course")),
    ("software", ("code", "software", "source", "src", "program", "programs")),
)
_WORD = re.compile(r"[a-z]+")
_CRAN_STUB = re.compile(r"^\s*YEAR:\s*\S.*\n\s*COPYRIGHT HOLDER:\s*\S", re.I)
_INCLUDE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|^--8<--.*$|^\.\. include::.*$", re.S | re.M)


def scope_of(words: str) -> str | None:
    """The scope a file name or heading names (``LICENSE-DATA``, "### Legal code text"):
    data first, then content, then code, as "the code's documentation" is content."""
    found = set(_WORD.findall(words.lower()))
    for scope, names in _SCOPE_WORDS:
        if found & set(names):
            return scope
    return None


def _file_scope(path: str) -> str | None:
    name = path.rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if name.lower().rsplit(".", 1)[-1] in ("md", "txt", "rst")\
        else name
    rest = re.sub(r"(?i)licen[cs]es?|copying", " ", stem)
    return scope_of(rest)


def _cran_stub(view: RepoView, text: str) -> str | None:
    """CRAN's two-line ``LICENSE`` (YEAR / COPYRIGHT HOLDER) completes the DESCRIPTION's
    ``License: MIT + file LICENSE``: the licence is the one DESCRIPTION names."""
    if not _CRAN_STUB.match(text) or len(text.split()) > 40:
        return None
    path = view.lookup("DESCRIPTION")
    desc = view.read_text(path, 64 * 1024) if path else None
    match = re.search(r"^License:\s*(.+)$", desc or "", re.M)
    if not match or "file license" not in match.group(1).lower():
        return None
    return expression.from_cran(match.group(1).strip())


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
    if _INCLUDE.search(text) and len(_INCLUDE.sub(" ", text).split()) < 10:
        return []  # a documentation page that includes the licence file by a macro
    scope = _file_scope(path)
    stub = _cran_stub(view, text)
    if stub is not None:
        return [Hit(stub, path, 1, "text", 0.9, primary, scope=scope)]
    result = identify_text(text)
    hits = [Hit(f.spdx, path, f.line, f.method, f.confidence, primary, f.added, scope=scope,
                restricts=f.restricts) for f in result.found]
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
        if not text:
            continue
        match = _HEADER.search(text) if "SPDX-License-Identifier" in text else None
        if match is None:
            # Licence boilerplate in the header comment (Apache, GPL, EUPL notices).
            spdx, line = _header_notice(text)
            if spdx is None:
                continue
            if spdx in seen:
                seen[spdx].count += 1
            else:
                seen[spdx] = Hit(spdx, path, line, "header", 0.85)
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


_HEADER_COMMENT = re.compile(r"\A(?:[ \t]*(?:#![^\n]*|<\?php|package [^\n]*|'use strict';?)?\n)*"
                             r"\s*(/\*.*?\*/|(?:[ \t]*(?://|#|--|;|\*)[^\n]*\n)+)", re.S)


def _header_notice(text: str) -> tuple[str | None, int]:
    """The licence a file's leading comment names in its boilerplate notice, if any."""
    match = _HEADER_COMMENT.match(text) if "licen" in text.lower() else None
    if not match:
        return None, 0
    spdx = _comment_notice(match.group(1))
    return (None, 0) if spdx is None else (spdx, text.count("\n", 0, match.start(1)) + 1)


@lru_cache(maxsize=1024)
def _comment_notice(comment: str) -> str | None:
    """The first known licence a header comment names (per comment: one boilerplate header
    is in every file, and the 41 notice patterns cost ~0.1 s a 400-header sample)."""
    return next((n.spdx for n in find_notices(comment) if n.spdx in expression.known_ids()),
                None)


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


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$", re.M)
_SCOPED_SENTENCE = re.compile(
    r"^(?:all |the |our |this |any )?(?:[\w/-]+ ){0,3}?(data|databases?|datasets?|content|"
    r"documentation|texts?|code|software|source code)\b(?: [\w/().,-]+){0,8}? (?:is|are|"
    r"has been|have been|is made|are made) (?:\w+ )?(?:licensed|available|released|"
    r"dedicated|published|distributed|provided|shared)\b", re.I)
_SECTION_CHARS = 6000
#: The CC0 deed's own statement of a project's waiver.
_CC0_WAIVER = re.compile(r"has waived all copyright and related or neighbou?ring\s+rights",
                         re.I)


def _notice_hits(text: str, path: str, line: int, scope: str | None) -> list[Hit]:
    return [Hit(n.spdx, path, line, "notice", 0.5, weak=True, scope=scope)
            for n in find_notices(text) if n.spdx in expression.known_ids()]


def _licence_section(text: str, path: str) -> list[Hit]:
    """The README's licence section: its opening paragraphs (the whole project, weak), and
    sub-sections whose heading names a scope ("### Code", "### Data", "### Legal code text")."""
    match = _README_HEADING.search(text)
    if not match:
        return []
    level = len(match.group(1).strip()) or 7
    start = match.end()
    body = text[start: start + _SECTION_CHARS]
    end = len(body)
    for heading in _MD_HEADING.finditer(body):
        if len(heading.group(1)) <= level:
            end = heading.start()
            break
    body = body[:end]
    line0 = text.count("\n", 0, match.start()) + 1
    subs = [h for h in _MD_HEADING.finditer(body)]
    head = body[: subs[0].start()] if subs else body
    hits = _notice_hits(head[:1500], path, line0, None)
    for i, sub in enumerate(subs):
        scope = scope_of(sub.group(2))
        if scope is None:
            continue
        chunk = body[sub.end(): subs[i + 1].start() if i + 1 < len(subs) else len(body)]
        line = line0 + body.count("\n", 0, sub.start())
        hits += _notice_hits(chunk[:1500], path, line, scope)
    return hits


def _scoped_sentences(text: str, path: str) -> list[Hit]:
    """Sentences anywhere in the README that license one part: "The data is licensed under
    ODbL", "All content is available under CC BY 4.0"."""
    hits: list[Hit] = []
    offset = 0
    for para in re.split(r"\n\s*\n", text):
        flat = flatten(para).strip()
        for sentence in re.split(r"(?<=[.!?])\s+", flat):
            match = _SCOPED_SENTENCE.match(sentence.lstrip("-*> ").strip())
            if match:
                scope = scope_of(match.group(1))
                line = text.count("\n", 0, offset) + 1
                hits += _notice_hits(sentence, path, line, scope)
        offset += len(para) + 2
    return hits


def _readme(view: RepoView) -> list[Hit]:
    path = view.lookup("README.md") or view.lookup("README.rst") or view.lookup("README")
    text = view.read_text(path, 256 * 1024) if path else None
    if not text or path is None:
        return []
    hits = _licence_section(text, path)
    waiver = _CC0_WAIVER.search(text)
    if waiver and not any(h.spdx == "CC0-1.0" for h in hits):
        hits.append(Hit("CC0-1.0", path, text.count("\n", 0, waiver.start()) + 1, "notice",
                        0.6, weak=True))
    seen = {(h.spdx, h.scope) for h in hits}
    for hit in _scoped_sentences(text, path):
        if (hit.spdx, hit.scope) not in seen:
            seen.add((hit.spdx, hit.scope))
            hits.append(hit)
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
