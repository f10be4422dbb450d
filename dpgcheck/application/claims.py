"""An application's claims, read from what a reviewer is given.

Three shapes: the DPGA nominee record and screening questionnaire (``data/dpga/``, also what
``dpgcheck export`` writes; a nominee and its screening may be given together), and an entry
of the DPGA registry export (``--id`` picks one). Each becomes :class:`Claims`: the solution's
name, its repositories, and one :class:`Answer` per question, in the Standard's order. Bad or
partial input raises :class:`ApplicationError` naming the field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dpgcheck.application.answers import dpga_schema
from dpgcheck.errors import DpgcheckError

MAX_BYTES = 16 * 1024 * 1024
EMPTY = (None, "", [], {}, "Unknown")


class ApplicationError(DpgcheckError):
    """The application cannot be read; exit 2."""


@dataclass
class Answer:
    """One answer of the application: the indicator it belongs to, the field, the value."""

    number: str
    field: str
    question: str
    value: Any

    @property
    def empty(self) -> bool:
        if isinstance(self.value, dict):
            return all(v in EMPTY for v in self.value.values())
        if isinstance(self.value, list):
            return not any(v not in EMPTY for v in self.value)
        return self.value in EMPTY

    def text(self) -> str:
        """The answer as one line (what the reviewer quotes back)."""
        return flatten(self.value)


@dataclass
class Claims:
    name: str
    kind: str  # nominee, screening, nominee+screening, registry
    repositories: list[tuple[str, str]] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)

    def of(self, number: str) -> list[Answer]:
        return [a for a in self.answers if a.number == number]


def flatten(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k}: {flatten(v)}" for k, v in value.items() if v not in EMPTY)
    if isinstance(value, list):
        return "; ".join(flatten(v) for v in value if v not in EMPTY)
    return "" if value is None else " ".join(str(value).split())


def read_json(path: Path) -> Any:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ApplicationError(f"{path}: larger than {MAX_BYTES // 2**20} MiB")
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ApplicationError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApplicationError(f"{path} is not JSON: {exc}") from None


def kind_of(doc: Any) -> str:
    if isinstance(doc, list):
        return "registry"
    if not isinstance(doc, dict):
        return "unknown"
    if "openlicenses" in doc or "dpgid" in doc:
        return "registry"
    if ("clearOwnership" in doc and isinstance(doc["clearOwnership"], dict)) \
            or "doNoHarm" in doc:
        return "screening"
    if {"license", "SDGs", "repositories", "stage"} & set(doc):
        return "nominee"
    return "unknown"


def validate(doc: dict[str, Any], kind: str, path: Path) -> None:
    """Schema errors name their field; empty answers are not errors (they are missing)."""
    from jsonschema import Draft7Validator

    for error in sorted(Draft7Validator(dpga_schema(kind)).iter_errors(doc),
                        key=lambda e: [str(p) for p in e.absolute_path]):
        if error.instance in EMPTY and error.validator != "required":
            continue
        where = field_name(list(error.absolute_path))
        if error.validator == "required":
            missing = error.message.split("'")[1] if "'" in error.message else error.message
            where = field_name([*error.absolute_path, missing])
            raise ApplicationError(f"{path}: {kind} field '{where}' is missing")
        raise ApplicationError(f"{path}: {kind} field '{where or '(top)'}': {error.message}")


def field_name(parts: list[Any]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def load_claims(paths: list[Path], registry_id: str | None = None,
                repositories: list[str] | None = None) -> Claims:
    """The claims of one application given as one or more files; ``repositories`` (from
    ``--repo``) replace the ones it lists."""
    if not paths:
        raise ApplicationError("give an application file (nominee, screening or registry JSON)")
    claims: Claims | None = None
    for path in paths:
        doc = read_json(path)
        kind = kind_of(doc)
        if kind == "registry":
            part = registry_claims(pick_entry(doc, registry_id, path), path)
        elif kind in ("nominee", "screening"):
            validate(doc, kind, path)
            part = nominee_claims(doc) if kind == "nominee" else screening_claims(doc)
        else:
            raise ApplicationError(f"{path}: not a DPGA application (expected a nominee record "
                                   "with 'repositories', a screening questionnaire with "
                                   "'clearOwnership', or a registry export)")
        claims = part if claims is None else merge(claims, part)
    assert claims is not None
    if repositories:
        claims.repositories = [(f"repository {i + 1}", r) for i, r in enumerate(repositories)]
    if not claims.repositories:
        raise ApplicationError("field 'repositories' is missing: the application lists no "
                               "repository (give the nominee record too, or --repo URL)")
    claims.answers.sort(key=lambda a: ORDER.index(a.number))
    return claims


ORDER = ["1", "2", "3", "4", "5", "6", "7", "8", "9a", "9b", "9c"]


def merge(a: Claims, b: Claims) -> Claims:
    return Claims(name=a.name or b.name, kind=f"{a.kind}+{b.kind}",
                  repositories=a.repositories + [r for r in b.repositories
                                                 if r not in a.repositories],
                  answers=a.answers + b.answers,
                  categories=a.categories or b.categories)


def pick_entry(doc: Any, registry_id: str | None, path: Path) -> dict[str, Any]:
    entries = doc if isinstance(doc, list) else [doc]
    entries = [e for e in entries if isinstance(e, dict)]
    if registry_id is not None:
        found = [e for e in entries if str(e.get("id")) == registry_id
                 or str(e.get("dpgid")) == registry_id]
        if not found:
            raise ApplicationError(f"{path}: no registry entry with id '{registry_id}'")
        return found[0]
    if len(entries) != 1:
        raise ApplicationError(f"{path}: the registry export has {len(entries)} entries: "
                               "pick one with --id")
    return entries[0]


def _repositories(value: Any, field_label: str) -> list[tuple[str, str]]:
    from dpgcheck.batch.targets import URL

    if value in (None, []):
        return []
    if not isinstance(value, list):
        raise ApplicationError(f"field '{field_label}' must be a list of {{name, url}}")
    out = []
    for n, item in enumerate(value):
        url = item.get("url") if isinstance(item, dict) else None
        if not isinstance(url, str) or not url.strip():
            raise ApplicationError(f"field '{field_label}[{n}].url' is missing")
        found = [u.rstrip("/.") for u in URL.findall(url)] or [url.strip()]
        name = str(item.get("name") or "main")
        out += [(name if len(found) == 1 else f"{name} {i + 1}", u)
                for i, u in enumerate(found)]
    return out


def nominee_claims(doc: dict[str, Any]) -> Claims:
    owners = [o for o in doc.get("organizations") or [] if isinstance(o, dict)]
    return Claims(
        name=str(doc.get("name") or ""), kind="nominee",
        repositories=_repositories(doc.get("repositories"), "repositories"),
        categories=[str(t) for t in doc.get("type") or []],
        answers=[
            Answer("1", "SDGs", "Which SDGs does the solution serve, and how?",
                   [{"SDG": s.get("SDGNumber"), "evidence": s.get("evidenceText"),
                     "url": s.get("evidenceURL")} for s in doc.get("SDGs") or []
                    if isinstance(s, dict)]),
            Answer("2", "license", "Which approved open licences does it use?",
                   [{"spdx": x.get("spdx"), "url": x.get("licenseURL")}
                    for x in doc.get("license") or [] if isinstance(x, dict)]),
            Answer("3", "organizations", "Who owns the solution?",
                   [o.get("name") for o in owners if o.get("org_type") == "owner"]),
        ])


def screening_claims(doc: dict[str, Any]) -> Claims:
    harm = doc.get("doNoHarm") or {}
    std = doc.get("standards") or {}
    return Claims(
        name=str(doc.get("name") or ""), kind="screening",
        answers=[
            Answer("3", "clearOwnership", "Is ownership clearly defined and documented?",
                   doc.get("clearOwnership")),
            Answer("4", "platformIndependence", "Do mandatory dependencies create more "
                   "restrictions than the licence?", doc.get("platformIndependence")),
            Answer("5", "documentation", "Is there documentation?", doc.get("documentation")),
            Answer("6", "NonPII", "Is non-PII data extractable in an open format?",
                   doc.get("NonPII")),
            Answer("7", "privacy", "Does it comply with privacy and applicable laws?",
                   doc.get("privacy")),
            Answer("8", "standards", "Which open standards and best practices?",
                   {k: std.get(k) for k in ("supportStandards", "standardsList",
                                             "implementBestPractices", "bestPracticesList")}),
            Answer("9a", "doNoHarm.dataPrivacySecurity", "Does it collect personal data, and "
                   "how is it protected?", harm.get("dataPrivacySecurity")),
            Answer("9b", "doNoHarm.inappropriateIllegalContent", "Does it collect, store or "
                   "distribute content, and how is it moderated?",
                   harm.get("inappropriateIllegalContent")),
            Answer("9c", "doNoHarm.protectionFromHarassment", "Do users interact, and how are "
                   "they protected from harassment?", harm.get("protectionFromHarassment")),
        ])


def registry_claims(entry: dict[str, Any], path: Path) -> Claims:
    """A registry entry: the answers the DPGA accepted."""
    for key in ("name", "repositories"):
        if not entry.get(key):
            raise ApplicationError(f"{path}: registry field '{key}' is missing")
    from dpgcheck.batch.targets import REGISTRY_CATEGORIES

    pi = entry.get("platformIndependence") or {}
    harass = entry.get("protectionFromHarassment") or {}
    return Claims(
        name=str(entry["name"]), kind="registry",
        repositories=_repositories(entry.get("repositories"), "repositories"),
        categories=[REGISTRY_CATEGORIES.get(str(c).lower(), str(c))
                    for c in entry.get("categories") or []],
        answers=[
            Answer("1", "sdgs", "Which SDGs does the solution serve, and how?",
                   entry.get("sdgs")),
            Answer("2", "openlicenses", "Which approved open licences does it use?",
                   [{"spdx": x.get("openLicense"), "url": x.get("openLicenseEvidenceURLs")}
                    for x in entry.get("openlicenses") or [] if isinstance(x, dict)]),
            Answer("3", "clearOwnership", "Who owns the solution?",
                   [x.get("clearOwnershipName") for x in entry.get("clearOwnership") or []
                    if isinstance(x, dict)]),
            Answer("4", "platformIndependence", "Is the solution platform independent?",
                   {"independent": pi.get("isPlatformIndependent"),
                    "alternatives": pi.get("openAlternatives")}),
            Answer("5", "documentation", "Is there documentation?",
                   {"isDocumentationAvailable": "Yes" if entry.get("documentation") else "",
                    "documentationURL": entry.get("documentation")}),
            Answer("6", "NonPII", "Is non-PII data extractable in an open format?",
                   entry.get("NonPII")),
            Answer("7", "privacy", "Does it comply with privacy and applicable laws?",
                   entry.get("privacy")),
            Answer("8", "openStandards", "Which open standards and best practices?",
                   {"standardsList": entry.get("openStandards"),
                    "bestPracticesList": entry.get("bestPractices")}),
            Answer("9a", "dataPrivacySecurity", "Does it collect personal data, and how is it "
                   "protected?", entry.get("dataPrivacySecurity")),
            Answer("9b", "userContent", "Does it collect, store or distribute content?",
                   entry.get("userContent")),
            Answer("9c", "protectionFromHarassment", "Do users interact, and how are they "
                   "protected from harassment?",
                   {"userInteraction": harass.get("facilitatesUserInteraction"),
                    "harassmentProtectionSteps": harass.get("harassmentPolicy")}),
        ])
