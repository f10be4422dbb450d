"""Facts from a ``publiccode.yml`` (name, description, licence, URLs, maintenance contacts).

Only reads what the DPG application shares with it; full validation of publiccode.yml
belongs to the discoverability plugin. A file that does not parse gives no facts (and its
problem), never an error for the whole run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dpgcheck.errors import ParseError

if TYPE_CHECKING:
    from dpgcheck.repo.view import RepoView

PUBLICCODE_PATHS = ("publiccode.yml", "publiccode.yaml", ".publiccode.yml")
MAX_BYTES = 256 * 1024


@dataclass(frozen=True)
class Contact:
    name: str
    email: str | None = None


@dataclass
class PublicCode:
    """What a publiccode.yml says; ``path`` is None when the repository has none."""

    path: str | None = None
    name: str | None = None
    short_description: str | None = None
    long_description: str | None = None
    license: str | None = None
    url: str | None = None
    landing_url: str | None = None
    contacts: list[Contact] = field(default_factory=list)
    copyright_owner: str | None = None
    problem: str | None = None

    @property
    def description(self) -> str | None:
        return self.short_description or _first_paragraph(self.long_description)


def _first_paragraph(text: str | None) -> str | None:
    if not text:
        return None
    return text.strip().split("\n\n")[0].replace("\n", " ").strip() or None


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _description(data: dict[str, Any]) -> tuple[str | None, str | None]:
    """English first, else the first language given."""
    desc = data.get("description")
    if not isinstance(desc, dict) or not desc:
        return None, None
    lang = next((k for k in ("en", "en-GB", "en-US", "eng") if k in desc), next(iter(desc)))
    block = desc.get(lang)
    if not isinstance(block, dict):
        return None, None
    return _text(block.get("shortDescription")), _text(block.get("longDescription"))


def parse_publiccode(data: Any, path: str) -> PublicCode:
    if not isinstance(data, dict):
        return PublicCode(path=path, problem="publiccode.yml is not a mapping")
    short, long = _description(data)
    legal = data.get("legal") if isinstance(data.get("legal"), dict) else {}
    maintenance = data.get("maintenance") if isinstance(data.get("maintenance"), dict) else {}
    contacts = []
    for item in maintenance.get("contacts") or []:
        if isinstance(item, dict) and _text(item.get("name")):
            contacts.append(Contact(str(item["name"]).strip(), _text(item.get("email"))))
    return PublicCode(
        path=path, name=_text(data.get("name")), short_description=short,
        long_description=long, license=_text(legal.get("license")),
        url=_text(data.get("url")), landing_url=_text(data.get("landingURL")),
        contacts=contacts,
        copyright_owner=_text(legal.get("mainCopyrightOwner")) or _text(legal.get("repoOwner")),
    )


def read_publiccode(view: RepoView) -> PublicCode:
    """The repository's publiccode.yml facts, or an empty PublicCode."""
    from dpgcheck.declarations.loader import parse_yaml

    path = next((p for p in (view.lookup(c) for c in PUBLICCODE_PATHS) if p), None)
    if path is None:
        return PublicCode()
    text = view.read_text(path, MAX_BYTES + 1)
    if text is None:
        return PublicCode(path=path, problem="cannot read publiccode.yml")
    try:
        data = parse_yaml(text, path)
    except ParseError as exc:
        return PublicCode(path=path, problem=str(exc))
    return parse_publiccode(data, path)
