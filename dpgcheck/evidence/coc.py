"""Codes of conduct: where they are, which known text they are, and whether enforcement is real.

GitHub resolves a repository's code of conduct from the root, ``.github/`` and ``docs/``, then
from the owner's ``.github`` repository; this module looks in the same places (the last one
only when the forge handed its files over). A code of conduct only protects anyone if someone
can be told about a breach, so the enforcement contact is checked: a template blank such as
``[INSERT CONTACT METHOD]`` is not a contact. Recognition uses short phrases and links kept in
``data/codes_of_conduct.json``, never whole texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from dpgcheck.datafile import load_json
from dpgcheck.repo.globs import matches_any

if TYPE_CHECKING:
    from dpgcheck.repo.view import RepoView

COC_DIRS = ("", ".github", "docs")
COC_NAMES = ("code_of_conduct.md", "code-of-conduct.md", "code_of_conduct.*",
             "code-of-conduct.*", "codeofconduct.*", "code_of_conduct", "code-of-conduct",
             "conduct.md", "conduct.rst", "conduct.txt")
COC_READ_LIMIT = 128 * 1024

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"https?://[^\s<>\"'`)\]]+")
#: Addresses written to dodge harvesters: ``info AT example.org``, ``conduct [at] x [dot] org``.
_OBFUSCATED_EMAIL = re.compile(
    r"[\w.+-]+\s*(?:\s(?-i:AT)\s|[\[({]\s*at\s*[\])}])\s*[\w-]+"
    r"(?:\s*(?:\.|[\[({]\s*dot\s*[\])}]|\s(?-i:DOT)\s)\s*[\w-]+)+", re.IGNORECASE)
#: Hosts of the template texts themselves: a link there is not a contact.
_TEMPLATE_HOSTS = ("contributor-covenant.org", "creativecommons.org", "github.com/mozilla/",
                   "citizencodeofconduct.org", "stumpsyn", "djangoproject.com/conduct")
_VENDORED = re.compile(r"(^|/)(node_modules|vendor|third[_-]?party|external)/", re.IGNORECASE)
_TEAM = re.compile(r"(?<![\w.])@[\w-]+/[\w-]+")
_FORM_HINT = re.compile(r"(forms\.gle|docs\.google\.com/forms|typeform|jotform|airtable\.com|"
                        r"/contact|/report|/conduct|/abuse|/coc|/safety|/support|formspree)",
                        re.IGNORECASE)


@dataclass(frozen=True)
class Recognised:
    id: str
    name: str
    version: str | None
    source: str
    #: True when the text only derives from the known one ("portions derived from...").
    adapted: bool = False


@dataclass(frozen=True)
class Contact:
    """``filled`` (with what), ``placeholder`` (the blank left) or ``missing``."""

    state: str
    detail: str = ""
    line: int | None = None


@dataclass
class CodeOfConduct:
    path: str
    text: str
    inherited: bool = False
    recognised: Recognised | None = None
    contact: Contact = field(default_factory=lambda: Contact("missing"))
    #: False when found outside the places GitHub looks (root, .github/, docs/).
    standard_place: bool = True
    #: True when the file mostly points to a code kept elsewhere (a short pointer file).
    by_reference: bool = False

    @property
    def label(self) -> str:
        if self.recognised is None:
            return "a project-specific code of conduct"
        version = f" {self.recognised.version}" if self.recognised.version else ""
        prefix = "a code of conduct adapted from the " if self.recognised.adapted else ""
        return f"{prefix}{self.recognised.name}{version}"


def data() -> dict[str, Any]:
    return load_json("codes_of_conduct.json")  # type: ignore[no-any-return]


def _normalise(text: str) -> str:
    text = re.sub(r"[*_`>]+", "", text.lower())
    return " ".join(text.split())


# --------------------------------------------------------------------------- locating
def locate(view: RepoView, inherited: dict[str, str] | None = None) -> CodeOfConduct | None:
    """The code of conduct GitHub would show: repository first, then the owner's ``.github``."""
    for path in view.find(*COC_NAMES, dirs=COC_DIRS):
        text = view.read_text(path, COC_READ_LIMIT)
        if text and text.strip():
            return analyse(path, text)
    for path, text in (inherited or {}).items():
        name = path.rpartition("/")[2].lower()
        if _is_coc_name(name) and text and text.strip():
            return analyse(path, text[:COC_READ_LIMIT], inherited=True)
    # Elsewhere (docs/developers/..., a docs/code-of-conduct/ folder): GitHub will not show
    # it, but a reader finds it.
    elsewhere = [p for p in view.named(*COC_NAMES) if p.count("/") <= 3]
    elsewhere += [p for p in view.named("readme.md", "index.md", "readme.rst", "index.rst")
                  if 1 <= p.count("/") <= 3 and _is_coc_name(p.rsplit("/", 2)[-2].lower())]
    for path in elsewhere:
        if _VENDORED.search(path):
            continue
        text = view.read_text(path, COC_READ_LIMIT)
        if text and text.strip():
            return analyse(path, text, standard_place=False)
    return None


def linked(view: RepoView) -> tuple[str, str, int] | None:
    """A code of conduct the README or CONTRIBUTING links to: ``(url, file, line)``.

    Its text is elsewhere (a website), so its contact cannot be checked offline.
    """
    link = re.compile(r"\[[^\]]{0,300}code[ -]of[ -]conduct[^\]]{0,300}\]\(\s*(https?://[^)\s]+)|"
                      r"code[ -]of[ -]conduct\W{1,5}(https?://[^\s)>\]]+)", re.IGNORECASE)
    for path in view.find("readme*", "contributing*", dirs=COC_DIRS)[:4]:
        text = view.read_text(path, 256 * 1024) or ""
        match = link.search(text)
        if match:
            return (match.group(1) or match.group(2), path,
                    text.count("\n", 0, match.start()) + 1)
    return None


def _is_coc_name(name: str) -> bool:
    if name in ("code-of-conduct", "code_of_conduct", "codeofconduct", "conduct"):
        return True
    return matches_any(name, COC_NAMES)


def analyse(path: str, text: str, *, inherited: bool = False,
            standard_place: bool = True) -> CodeOfConduct:
    coc = CodeOfConduct(path=path, text=text, inherited=inherited,
                        standard_place=standard_place)
    coc.recognised = recognise(text)
    words = len(re.findall(r"\w+", text))
    coc.by_reference = words < 150 and (coc.recognised is not None or bool(_URL.search(text)))
    if coc.by_reference and coc.recognised is not None:
        coc.recognised = replace(coc.recognised, adapted=False)  # it follows, not adapts
    coc.contact = enforcement_contact(text)
    return coc


# --------------------------------------------------------------------------- recognition
def recognise(text: str) -> Recognised | None:
    """Which known code of conduct ``text`` is (or adapts), with the version when it says."""
    lowered = _normalise(text)
    best: tuple[int, dict[str, Any]] | None = None
    for entry in data()["texts"]:
        score = sum(3 for link in entry["links"] if link in lowered)
        score += sum(2 if len(p) > 40 else 1 for p in entry["phrases"] if p in lowered)
        if score and (best is None or score > best[0]):
            best = (score, entry)
    if best is None:
        return None
    entry = best[1]
    # Known wording (the long phrases) means the text itself; only a name or link plus
    # "derived from" means a project's own text built on it.
    long_phrases = [p for p in entry["phrases"] if len(p) > 40]
    verbatim = any(p in lowered for p in long_phrases)
    adapted = not verbatim and (bool(long_phrases) or bool(re.search(
        r"\b(derived from|adapted from|based on|inspired by)\b", lowered)))
    return Recognised(entry["id"], entry["name"], _version(entry, lowered), entry["source"],
                      adapted)


def _version(entry: dict[str, Any], lowered: str) -> str | None:
    for pattern in entry.get("version_patterns", []):
        match = re.search(pattern, lowered)
        if match:
            return ".".join(match.groups())
    for version, phrases in entry.get("version_phrases", {}).items():
        if any(p in lowered for p in phrases):
            return version
    return None


# --------------------------------------------------------------------------- enforcement
def placeholders_in(text: str) -> list[tuple[str, int]]:
    """Template blanks left in the text (``[INSERT CONTACT METHOD]``...), with line numbers."""
    found = []
    patterns = [re.compile(p, re.IGNORECASE) for p in data()["placeholders"]]
    for number, line in enumerate(text.splitlines(), 1):
        for pattern in patterns:
            match = pattern.search(line)
            if match:
                found.append((match.group(0), number))
                break
    return found


def enforcement_contact(text: str) -> Contact:
    """Whether the text names a way to report a breach: an address, a form, a team."""
    blanks = placeholders_in(text)
    lines = text.splitlines()
    keywords = data()["contact_keywords"]
    for number, line in enumerate(lines, 1):
        if any(number == b[1] for b in blanks):
            continue
        email = _EMAIL.search(line) or _OBFUSCATED_EMAIL.search(line)
        if email and not re.search(r"@example\.(com|org|net)", email.group(0), re.I):
            return Contact("filled", email.group(0), number)
        lowered = line.lower()
        team = _TEAM.search(line)
        if team and any(k in lowered for k in keywords):
            return Contact("filled", team.group(0), number)
        for url in _URL.findall(line):
            url = url.rstrip(".,;:")
            if any(host in url.lower() for host in _TEMPLATE_HOSTS):
                continue
            if _FORM_HINT.search(url) and any(k in lowered for k in keywords):
                return Contact("filled", url, number)
            if re.search(r"\b(contact|report|reach|write to|e-?mail)", lowered):
                return Contact("filled", url, number)
    if blanks:
        return Contact("placeholder", blanks[0][0], blanks[0][1])
    return Contact("missing")


# --------------------------------------------------------------------------- reporting paths
def reporting_paths(view: RepoView) -> list[tuple[str, str]]:
    """Places that tell people how to report abuse: issue templates, SECURITY.md, SUPPORT.md.

    Returns ``(path, what it says)`` pairs. Only files that talk about abuse, harassment or
    conduct count; a security policy about vulnerabilities alone is not an abuse channel.
    """
    words = re.compile(r"\b(abuse|abusive|harass\w*|code of conduct|conduct violation|"
                       r"unacceptable behaviou?r|moderat\w+|report (?:a |an )?(?:user|person|"
                       r"behaviou?r|incident))\b", re.IGNORECASE)
    candidates = [p for p in view.under(".github/ISSUE_TEMPLATE")
                  if p.lower().endswith((".md", ".yml", ".yaml"))][:40]
    candidates += view.find("security.*", "support.*", "security", "support", dirs=COC_DIRS)
    found = []
    for path in candidates:
        text = view.read_text(path, 64 * 1024) or ""
        match = words.search(text)
        if match:
            found.append((path, f"mentions '{match.group(0)}'"))
    return found
