"""README discovery and light parsing for Markdown, reStructuredText, AsciiDoc, Org and text.

Indicators need the README's headings (to find an install or usage path), its links (to find
external documentation), its prose (is it more than a title? is it English?) and whether it is
a template left unchanged. Full parsers for five markups would be heavy and brittle on real
READMEs; these line-based rules recognise the heading forms people actually write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dpgcheck.datafile import load_json

if TYPE_CHECKING:
    from dpgcheck.repo.view import RepoView

#: Folders searched for a README, in order (GitHub shows .github/ and docs/ ones too).
README_DIRS = ("", ".github", "docs")
#: Preferred names first; any ``README*`` is accepted after them.
README_NAMES = ("readme.md", "readme.markdown", "readme.rst", "readme.adoc", "readme.asciidoc",
                "readme.org", "readme.txt", "readme", "readme.*", "read_me*", "read-me*")
README_READ_LIMIT = 256 * 1024

_TRANSLATION = re.compile(r"^readme[._-]([a-z]{2}(?:[-_][a-z]{2,4})?)\.", re.IGNORECASE)
_ENGLISH_TAGS = {"en", "en-us", "en_us", "en-gb", "en_gb", "eng"}
_MD_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
_MD_HTML_HEADING = re.compile(r"<h([1-6])[^>]*>(.*?)</h\1>", re.IGNORECASE | re.DOTALL)
_MD_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)([^*_]{2,60})(?:\*\*|__)\s*:?\s*$")
_ADOC = re.compile(r"^(={1,6})\s+(.+?)\s*$")
_ORG = re.compile(r"^(\*{1,6})\s+(.+?)\s*$")
_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+:.])\1{2,}\s*$")
_NUMBERED = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)[.)]?\s+([A-Z][^.:!?]{2,60})$")
_LINK_PATTERNS = (
    re.compile(r"\[([^\]\n]{0,300})\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)"),   # Markdown
    re.compile(r"^\s*\[([^\]\n]{1,300})\]:\s*<?(\S+?)>?\s*$", re.MULTILINE),         # MD reference
    re.compile(r"`([^`<\n]*)<([^>\n]+)>`_"),                                    # rST
    re.compile(r"\b(?:link:)?(https?://[^\s\[\]]+)\[([^\]\n]{0,300})\]"),             # AsciiDoc
    re.compile(r"\[\[([^\]\n]{1,300})\](?:\[([^\]\n]{0,300})\])?\]"),                        # Org
    re.compile(r"<a\s[^>]*href=[\"']([^\"']+)[\"'][^>]*>(.*?)</a>", re.IGNORECASE | re.DOTALL),
)
_BARE_URL = re.compile(r"https?://[^\s<>\"'`)\]]+")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_FENCE = re.compile(r"^\s*(```|~~~)")
_TABLE_ROW = re.compile(r"^\s*(?:\|.*\||\+[-=+]+\+|[^|]*\|[^|]*\|[^|]*\|.*)\s*$")
_BADGE_LINE = re.compile(r"^\s*(?:\[?!\[[^\]]{0,300}\]\([^)]*\)\]?(?:\([^)]*\))?\s*)+$")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int


@dataclass(frozen=True)
class Link:
    url: str
    text: str
    line: int


@dataclass
class Readme:
    """A parsed README: headings, links, prose words and code, with line numbers."""

    path: str
    markup: str
    text: str
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    prose: str = ""
    code: str = ""
    #: Line numbers (1-based) of code-block lines.
    code_lines: frozenset[int] = frozenset()

    @property
    def words(self) -> list[str]:
        return _WORD.findall(self.prose)

    def section_text(self, heading: Heading) -> str:
        """The text under ``heading`` up to the next heading of the same or higher level."""
        lines = self.text.splitlines()
        end = len(lines)
        for other in self.headings:
            if other.line > heading.line and other.level <= heading.level:
                end = other.line - 1
                break
        return "\n".join(lines[heading.line:end])


def data() -> dict[str, Any]:
    return load_json("documentation.json")  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- discovery
def find_readmes(view: RepoView) -> list[str]:
    """README candidates, best first: root before .github/ and docs/, plain before translated."""
    found = view.find(*README_NAMES, dirs=README_DIRS)
    return sorted(found, key=lambda p: (README_DIRS.index(_parent(p)) if _parent(p) in
                                        README_DIRS else 9, _translation_rank(p)))


def _parent(path: str) -> str:
    return path.rpartition("/")[0].lower()


def _translation_rank(path: str) -> int:
    """0 for an untagged README, 1 for an English-tagged one, 2 for other languages."""
    name = path.rpartition("/")[2]
    match = _TRANSLATION.match(name)
    if not match:
        return 0
    return 1 if match.group(1).lower() in _ENGLISH_TAGS else 2


def english_alternative(view: RepoView, path: str) -> str | None:
    """An English translation beside ``path`` (``README.en.md``, ``README_EN.md``...)."""
    parent = path.rpartition("/")[0]
    for other in view.in_dir(parent):
        match = _TRANSLATION.match(other.rpartition("/")[2])
        if match and match.group(1).lower() in _ENGLISH_TAGS:
            return other
    return None


def markup_of(path: str, text: str) -> str:
    """``markdown``, ``rst``, ``asciidoc``, ``org`` or ``text`` from the name, else the content."""
    name = path.rpartition("/")[2].lower()
    suffix = name.rpartition(".")[2] if "." in name else ""
    if suffix in ("md", "markdown", "mdown", "mkd", "mdx"):
        return "markdown"
    if suffix in ("rst", "rest"):
        return "rst"
    if suffix in ("adoc", "asciidoc", "asc"):
        return "asciidoc"
    if suffix == "org":
        return "org"
    head = text[:4000]
    if re.search(r"^#{1,6}\s", head, re.MULTILINE) or "](" in head:
        return "markdown"
    if re.search(r"^={1,3}\s\S", head, re.MULTILINE):
        return "asciidoc"
    if re.search(r"^\.\. \w+::|`_", head, re.MULTILINE):
        return "rst"
    return "text"


# --------------------------------------------------------------------------- parsing
def parse(path: str, text: str) -> Readme:
    markup = markup_of(path, text)
    doc = Readme(path=path, markup=markup, text=text)
    lines = text.splitlines()
    prose: list[str] = []
    code: list[str] = []
    code_numbers: set[int] = set()
    in_fence = False
    in_front_matter = markup == "markdown" and bool(lines) and lines[0].strip() == "---"
    for index, raw in enumerate(lines):
        number = index + 1
        line = raw.rstrip()
        if in_front_matter:
            if index > 0 and line.strip() in ("---", "..."):
                in_front_matter = False
            continue
        if markup in ("markdown", "text") and _FENCE.match(line):
            in_fence = not in_fence
            continue
        if markup == "asciidoc" and line.strip() in ("----", "...."):
            in_fence = not in_fence
            continue
        if markup == "org" and re.match(r"^\s*#\+(begin|end)_(src|example)", line, re.I):
            in_fence = line.strip().lower().startswith("#+begin")
            continue
        if in_fence or (markup in ("markdown", "rst") and raw.startswith(("    ", "\t"))
                        and line.strip()):
            code.append(line)
            code_numbers.add(number)
            continue
        heading = _heading(markup, lines, index)
        if heading is not None:
            doc.headings.append(Heading(heading[0], _clean(heading[1]), number))
            continue
        if _UNDERLINE.match(line) or _BADGE_LINE.match(line) or _TABLE_ROW.match(line):
            continue  # tables hold data (names, codes), not prose to judge
        if markup == "rst" and line.lstrip().startswith(".. "):
            continue
        prose.append(line)
    for match in _MD_HTML_HEADING.finditer(text):
        number = text.count("\n", 0, match.start()) + 1
        doc.headings.append(Heading(int(match.group(1)), _clean(match.group(2)), number))
    doc.headings.sort(key=lambda h: h.line)
    doc.links = _links(text)
    doc.prose = _strip_markup("\n".join(prose))
    doc.code = "\n".join(code)
    doc.code_lines = frozenset(code_numbers)
    return doc


def _heading(markup: str, lines: list[str], index: int) -> tuple[int, str] | None:
    line = lines[index].rstrip()
    following = lines[index + 1].rstrip() if index + 1 < len(lines) else ""
    stripped = line.strip()
    if not stripped:
        return None
    if markup == "markdown":
        match = _MD_ATX.match(line)
        if match:
            return len(match.group(1)), match.group(2)
        match = _MD_BOLD_LINE.match(line)
        if match:
            return 6, match.group(1)
    if markup == "asciidoc":
        match = _ADOC.match(line)
        if match:
            return len(match.group(1)), match.group(2)
    if markup == "org":
        match = _ORG.match(line)
        if match:
            return len(match.group(1)), match.group(2)
    if (markup in ("markdown", "rst", "text") and _UNDERLINE.match(following)
            and len(following.strip()) >= min(len(stripped), 3) and not _UNDERLINE.match(line)
            and len(stripped) <= 100):
        level = {"=": 1, "-": 2}.get(following.strip()[0], 3)
        return level, stripped
    if markup == "text":
        if (stripped.isupper() and 3 <= len(stripped) <= 60 and _WORD.search(stripped)
                and not stripped.endswith((".", ","))):
            return 2, stripped
        match = _NUMBERED.match(line)
        if match:
            return 2, match.group(2)
        if stripped.endswith(":") and len(stripped) <= 40 and stripped[0].isupper():
            return 3, stripped[:-1]
    return None


def _clean(text: str) -> str:
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"!\[[^\]]{0,300}\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]{0,300})\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`:]+", " ", text)
    return " ".join(text.split()).strip(" #=-")


def _strip_markup(text: str) -> str:
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.DOTALL)
    text = re.sub(r"!\[[^\]]{0,300}\]\([^)]*\)", " ", text)
    text = re.sub(r"\[([^\]]{0,300})\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = _BARE_URL.sub(" ", text)
    text = re.sub(r"`[^`]*`", " ", text)
    return text


def _links(text: str) -> list[Link]:
    links: list[Link] = []
    seen: set[str] = set()

    def add(url: str, label: str, pos: int) -> None:
        url = url.strip().rstrip(".,;")
        if url and url not in seen and not url.startswith("#"):
            seen.add(url)
            links.append(Link(url, _clean(label), text.count("\n", 0, pos) + 1))

    for index, pattern in enumerate(_LINK_PATTERNS):
        for match in pattern.finditer(text):
            first, second = match.group(1), match.group(2) or ""
            if index in (0, 1, 2):  # label first, address second
                add(second, first, match.start())
            else:
                add(first, second, match.start())
    for match in _BARE_URL.finditer(text):
        add(match.group(0), "", match.start())
    return links


# --------------------------------------------------------------------------- judgements
def english_verdict(doc: Readme) -> tuple[str, float]:
    """``english``, ``not-english`` or ``unsure`` with the share of common English words.

    Function words make up a third or more of running English text; below a few percent the
    text is in another language (or another script). Short texts are ``unsure``.
    """
    words = [w.lower() for w in doc.words][:5000]
    if len(words) < 25:
        return "unsure", 0.0
    common = set(data()["english_words"])
    latin = sum(1 for w in words if w.isascii())
    if latin / len(words) < 0.5:
        return "not-english", 0.0
    share = sum(1 for w in words if w in common) / len(words)
    if share >= 0.12:
        return "english", share
    if share < 0.05:
        return "not-english", share
    return "unsure", share


def stub_reason(doc: Readme) -> str | None:
    """Why the README is a stub (title only, almost empty, a template left unchanged), or None."""
    lowered = " ".join(doc.text.lower().split())
    for phrase in data()["template_phrases"]:
        if phrase in lowered:
            return f"it still holds template text ('{phrase}')"
    words = doc.words
    if not doc.text.strip():
        return "it is empty"
    if (len(words) < 12 and len(doc.headings) <= 1 and len(doc.code.split()) < 6
            and not docs_links(doc)):
        return f"it has only {len(words)} words of text"
    return None


def template_line(doc: Readme) -> tuple[str, int] | None:
    """The first template phrase of the README (as :func:`stub_reason` finds it) and the line
    it starts on, so the report can quote it."""
    lowered = " ".join(doc.text.lower().split())
    found = [(lowered.find(p), p) for p in data()["template_phrases"] if p in lowered]
    if not found:
        return None
    at, phrase = min(found)
    length = 0
    for number, line in enumerate(doc.text.splitlines(), 1):
        words = line.lower().split()
        if words:
            length += len(" ".join(words)) + (1 if length else 0)
            if length > at:
                return phrase, number
    return phrase, 1


def _matches(text: str, keywords: list[str]) -> str | None:
    lowered = " " + re.sub(r"[^a-z0-9]+", " ", text.lower()) + " "
    for word in keywords:
        if f" {re.sub(r'[^a-z0-9]+', ' ', word.lower()).strip()} " in lowered:
            return word
    return None


def headings_matching(doc: Readme, keywords: list[str]) -> list[Heading]:
    """Headings whose text contains one of the keywords as whole words."""
    return [h for h in doc.headings if _matches(h.text, keywords)]


def install_commands(doc: Readme) -> list[tuple[str, int]]:
    """Install or run commands shown as code (blocks, inline spans, ``$`` prompts)."""
    found: list[tuple[str, int]] = []
    for number, line in enumerate(doc.text.splitlines(), 1):
        if number in doc.code_lines:
            snippets = [line]
        else:
            snippets = re.findall(r"`([^`\n]+)`", line)
            if line.lstrip().startswith(("$ ", "> $ ")):
                snippets.append(line)
        for snippet in snippets:
            lowered = snippet.lower()
            if any(command in lowered for command in data()["install_commands"]):
                found.append((snippet.strip().strip("`$ ")[:80], number))
                break
    return found


def links_matching(doc: Readme, keywords: list[str]) -> list[Link]:
    """Links whose text or address (path words) contains one of the keywords."""
    hits = []
    for link in doc.links:
        address = re.sub(r"https?://[^/]*", "", link.url)
        if _matches(link.text, keywords) or _matches(address, keywords):
            hits.append(link)
    return hits


def docs_links(doc: Readme) -> list[Link]:
    """Links whose text or address suggests documentation or installation instructions.

    Links labelled with install words come first; links to community files (conduct,
    contributing, licence) are not documentation of the software.
    """
    words = data()["docs_link_words"]
    install_words = data()["install_headings"]
    hits = []
    for link in doc.links:
        url = link.url.lower()
        if url.startswith(("mailto:",)) or re.search(r"\.(png|jpe?g|gif|svg)(\?|$)", url):
            continue
        if any(host in url for host in ("img.shields.io", "badge", "travis-ci", "codecov",
                                        "circleci", "/actions/workflows/")):
            continue
        if re.search(r"conduct|licen[cs]e|contribut|security|changelog", link.text.lower()
                     + " " + url.rpartition("/")[2]):
            continue
        target = re.sub(r"https?://", "", url)
        if _matches(link.text, words) or _matches(target.replace(".", " "), words):
            hits.append(link)
    return sorted(hits, key=lambda link: _matches(link.text, install_words) is None)
