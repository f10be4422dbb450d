"""CycloneDX 1.6 JSON: the solution's SBOM, written by cyclonedx-python-lib.

The solution is ``metadata.component`` with its own licence and dpgcheck's verdict as
properties; every dependency indicator 4 examined is a component with its version, purl,
licence, scope (``required`` at runtime, ``excluded`` for development) and, as properties,
where its licence was found and where it is declared. Reviewers hand the file to
Dependency-Track, ORT or any CycloneDX tool.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from typing import TYPE_CHECKING, Any

from dpgcheck.errors import DpgcheckError
from dpgcheck.formats.interface import FormatOptions, Formatter

if TYPE_CHECKING:
    from dpgcheck.engine.report import Report

INDICATOR = "platform-independence"
#: dpgcheck's ecosystem -> purl type (https://github.com/package-url/purl-spec).
PURL_TYPES = {"npm": "npm", "pypi": "pypi", "maven": "maven", "go": "golang",
              "cargo": "cargo", "composer": "composer", "rubygems": "gem", "nuget": "nuget",
              "cran": "cran", "pub": "pub", "docker": "docker", "hex": "hex"}
_EXACT = re.compile(r"^v?[0-9][0-9A-Za-z.+_-]*$")
PREFIX = "dpgcheck:"


def one_report(reports: list[Report], name: str) -> Report:
    if len(reports) != 1:
        raise DpgcheckError(f"the {name} format writes one solution's SBOM: check one target "
                            "at a time")
    return reports[0]


def sbom_facts(report: Report) -> dict[str, Any]:
    """What both SBOM formats write: the solution, its licence, verdict and dependencies."""
    by_id = {i.id: i for i in report.indicators}
    deps_ind = by_id.get(INDICATOR)
    licence = by_id["open-license"].data.get("expression") if "open-license" in by_id else None
    data = deps_ind.data if deps_ind is not None else {}
    licence = licence or (data.get("licenses") or {}).get("solution_license")
    target = report.target
    forge = report.forge or {}
    name = forge.get("full_name") or (target.path or target.name).rstrip("/").rpartition(
        "/")[2] or target.name
    seen: dict[tuple[str, str, str | None], dict[str, Any]] = {}
    for record in data.get("dependencies") or []:
        ident = (record["ecosystem"], record["name"].lower(),
                 record.get("resolved") or record.get("version"))
        if ident in seen:
            seen[ident].setdefault("also_declared", []).append(
                (record["path"], record.get("line")))
            continue
        seen[ident] = dict(record)
    return {"name": name, "commit": target.commit, "url": target.url or forge.get("html_url"),
            "license": licence, "verdict": report.verdict,
            "standard": report.standard_version,
            "indicator4": deps_ind.status.value if deps_ind is not None else None,
            "counts": (data.get("licenses") or {}).get("counts"),
            "dependencies": list(seen.values()), "examined": deps_ind is not None}


def purl_of(record: dict[str, Any]) -> str | None:
    kind = PURL_TYPES.get(record["ecosystem"])
    if kind is None:
        return None
    from packageurl import PackageURL

    name, namespace = record["name"], None
    if kind == "maven" and ":" in name:
        namespace, _, name = name.partition(":")
    elif kind in ("npm", "golang", "composer", "docker") and "/" in name:
        namespace, _, name = name.rpartition("/")
    version = record.get("resolved") or record.get("version")
    version = version if version and _EXACT.match(version) else None
    try:
        return str(PackageURL(type=kind, namespace=namespace, name=name, version=version))
    except ValueError:
        return None


def where(record: dict[str, Any]) -> str | None:
    source = record.get("license_source")
    if not source:
        return None
    line = f":{source['line']}" if source.get("line") else ""
    return f"{source['method']}: {source['path']}{line}"


def serial(facts: dict[str, Any]) -> uuid.UUID:
    """The same solution at the same commit gets the same serial number."""
    digest = hashlib.sha256(f"{facts['name']}@{facts['commit']}".encode()).hexdigest()
    return uuid.UUID(digest[:32], version=5)


class CycloneDxFormat(Formatter):
    def render(self, reports: list[Report], options: FormatOptions) -> str:
        from cyclonedx.model import Property
        from cyclonedx.model.bom import Bom
        from cyclonedx.model.component import Component, ComponentScope, ComponentType
        from cyclonedx.output.json import JsonV1Dot6
        from packageurl import PackageURL

        from dpgcheck import __version__

        facts = sbom_facts(one_report(reports, self.name or "cyclonedx"))
        props = [Property(name=f"{PREFIX}verdict", value=facts["verdict"]),
                 Property(name=f"{PREFIX}standard-version", value=facts["standard"]),
                 Property(name=f"{PREFIX}tool-version", value=__version__),
                 Property(name=f"{PREFIX}license",
                          value=facts["license"] or "not identified")]
        if facts["indicator4"]:
            props.append(Property(name=f"{PREFIX}platform-independence",
                                  value=facts["indicator4"]))
        else:
            props.append(Property(name=f"{PREFIX}dependencies",
                                  value="not examined: indicator 4 did not run"))
        for key, value in (facts["counts"] or {}).items():
            if key != "by_category":
                props.append(Property(name=f"{PREFIX}licenses:{key}", value=str(value)))
        root = Component(name=facts["name"], type=ComponentType.APPLICATION,
                         version=facts["commit"] or None, bom_ref="solution",
                         licenses=_licences(facts["license"], None), properties=props)
        bom = Bom(serial_number=serial(facts))
        bom.metadata.component = root
        for index, record in enumerate(facts["dependencies"]):
            purl = purl_of(record)
            dep_props = [Property(name=f"{PREFIX}license-category", value=record["category"]),
                         Property(name=f"{PREFIX}scope", value=record["scope"]),
                         Property(name=f"{PREFIX}direct", value=str(record["direct"]).lower()),
                         Property(name=f"{PREFIX}ecosystem", value=record["ecosystem"]),
                         Property(name=f"{PREFIX}declared-in",
                                  value=_at(record["path"], record.get("line")))]
            dep_props += [Property(name=f"{PREFIX}declared-in", value=_at(p, line))
                          for p, line in record.get("also_declared", [])[:20]]
            if where(record):
                dep_props.append(Property(name=f"{PREFIX}license-source", value=where(record)))
            if record.get("license_stated"):
                dep_props.append(Property(name=f"{PREFIX}license-stated",
                                          value=record["license_stated"]))
            bom.components.add(Component(
                name=record["name"], type=ComponentType.LIBRARY,
                version=record.get("resolved") or record.get("version"),
                purl=PackageURL.from_string(purl) if purl else None,
                bom_ref=f"dep-{index}", scope=ComponentScope.REQUIRED
                if record["scope"] == "runtime" else ComponentScope.EXCLUDED,
                licenses=_licences(record.get("license"), record.get("license_stated")),
                properties=dep_props))
        bom.register_dependency(root, list(bom.components))
        return JsonV1Dot6(bom).output_as_string(indent=2) + "\n"


def _at(path: str, line: int | None) -> str:
    return f"{path}:{line}" if line else path


def _licences(expression: str | None, stated: str | None) -> list[Any]:
    from cyclonedx.model.license import DisjunctiveLicense, LicenseExpression

    if expression:
        return [LicenseExpression(expression)]
    if stated:
        return [DisjunctiveLicense(name=stated)]
    return []
