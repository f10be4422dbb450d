"""Licences from SBOMs committed in the repository, read by the maintained libraries.

CycloneDX JSON and XML (1.4 to 1.6) through ``cyclonedx-python-lib``; SPDX 2.2 and 2.3 JSON
and tag-value through ``spdx-tools``. SPDX 3.0 JSON-LD is recognised but not read:
spdx-tools 0.8 can write and validate SPDX 3 but has no parser for it, so such a file is
reported as not read. XML is parsed by defusedxml before the library sees it. Components are
matched to dependencies by their package URL (purl), else by name.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from dpgcheck.evidence.deps.interface import LineIndex, StatedLicense

if TYPE_CHECKING:
    from dpgcheck.evidence.deps.held import HeldLicenses
    from dpgcheck.repo.view import RepoView

#: File names that may hold an SBOM (case-insensitive globs); the content decides.
SBOM_NAMES = ("*.cdx.json", "*.cdx.xml", "bom.json", "bom.xml", "*sbom*.json", "*sbom*.xml",
              "*.spdx", "*.spdx.json", "*.spdx.jsonld", "*.spdx3.json", "*.spdx.tv",
              "*bom*.spdx*", "cyclonedx*.json", "cyclonedx*.xml")
MAX_SBOM_BYTES = 32 * 1024 * 1024
MAX_SBOMS = 50
#: purl type -> dpgcheck's ecosystem name.
PURL_TYPES = {"npm": "npm", "pypi": "pypi", "maven": "maven", "golang": "go", "cargo": "cargo",
              "composer": "composer", "gem": "rubygems", "nuget": "nuget", "cran": "cran",
              "pub": "pub", "hex": "hex", "docker": "docker", "oci": "docker",
              "helm": "helm"}


def ecosystem_name(purl: str | None) -> tuple[str | None, str | None, str | None]:
    """``pkg:npm/%40scope/x@1.0`` -> (``npm``, ``@scope/x``, ``1.0``), as dpgcheck names them."""
    if not purl:
        return None, None, None
    try:
        from packageurl import PackageURL

        parsed = PackageURL.from_string(str(purl))
    except ValueError:
        return None, None, None
    eco = PURL_TYPES.get(parsed.type)
    namespace = parsed.namespace or ""
    if eco == "maven" and namespace:
        name = f"{namespace}:{parsed.name}"
    elif namespace and eco in ("npm", "go", "composer", "docker"):
        name = f"{namespace}/{parsed.name}"
    else:
        name = parsed.name
    return eco, name, parsed.version


def read_sboms(view: RepoView, held: HeldLicenses) -> None:
    from dpgcheck.evidence.deps import SKIP_DIRS, _dev_dir

    candidates = [p for p in view.named(*SBOM_NAMES)
                  if not any(part in SKIP_DIRS or _dev_dir(part) for part in p.split("/")[:-1])]
    for path in candidates[:MAX_SBOMS]:
        size = view.size(path)
        if size is not None and size > MAX_SBOM_BYTES:
            held.problems.append((path, f"SBOM larger than {MAX_SBOM_BYTES >> 20} MiB: "
                                  "not read"))
            continue
        text = view.read_text(path, MAX_SBOM_BYTES)
        if not text:
            continue
        try:
            read_sbom_text(path, text, held)
        except Exception as exc:  # the libraries raise many kinds on malformed input
            message = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
            held.problems.append((path, f"SBOM not read: {message}"))


def read_sbom_text(path: str, text: str, held: HeldLicenses, method: str = "sbom") -> str | None:
    """Add one SBOM's licences to ``held``; returns its kind (``CycloneDX 1.5 JSON``...), or
    ``None`` when the text is no SBOM dpgcheck knows."""
    head = text.lstrip()[:1]
    index = LineIndex(text)
    if head in "{[":
        data = json.loads(text)
        if not isinstance(data, dict):
            return None
        if data.get("bomFormat") == "CycloneDX":
            from cyclonedx.model.bom import Bom

            _cyclonedx(Bom.from_json(data), path, index, held, method, json_text=True)
            kind = f"CycloneDX {data.get('specVersion', '?')} JSON"
        elif str(data.get("spdxVersion", "")).startswith("SPDX-2"):
            from spdx_tools.spdx.parser.jsonlikedict.json_like_dict_parser import (
                JsonLikeDictParser,
            )

            _spdx(JsonLikeDictParser().parse(data), path, index, held, method, "json")
            kind = f"{data['spdxVersion']} JSON"
        elif "spdx.org/rdf/3" in json.dumps(data.get("@context", ""))[:2000]:
            held.problems.append((path, "SPDX 3.0 JSON-LD not read: spdx-tools 0.8 has no "
                                  "SPDX 3 parser (it writes and validates SPDX 3 only)"))
            return "SPDX 3.0 JSON-LD"
        else:
            return None
    elif head == "<":
        if "cyclonedx.org/schema/bom" not in text[:4000]:
            return None
        from cyclonedx.model.bom import Bom

        from dpgcheck.evidence.deps.loaders import load_xml

        root = load_xml(path, text)
        _cyclonedx(Bom.from_xml(root), path, index, held, method, json_text=False)
        kind = "CycloneDX XML"
    elif re.search(r"^SPDXVersion:\s*SPDX-2", text[:4000], re.M):
        from spdx_tools.spdx.parser.tagvalue.parser import Parser

        _spdx(Parser().parse(text), path, index, held, method, "tv")
        kind = "SPDX tag-value"
    else:
        return None
    held.sources.append(path)
    return kind


def _cyclonedx(bom: Any, path: str, index: LineIndex, held: HeldLicenses, method: str,
               json_text: bool) -> None:
    stack = list(bom.components)
    seen = 0
    while stack and seen < 200_000:
        comp = stack.pop()
        seen += 1
        stack.extend(comp.components or ())
        texts = []
        for lic in comp.licenses or ():
            value = getattr(lic, "value", None) or getattr(lic, "id", None) or getattr(
                lic, "name", None)
            if value:
                texts.append(str(value))
        eco, name, version = ecosystem_name(str(comp.purl) if comp.purl else None)
        name = name or comp.name
        needle = f'"name": "{comp.name}"' if json_text else f"<name>{comp.name}</name>"
        line = index.find(needle) or index.find(f'"{comp.name}"')
        stated = StatedLicense.of(" AND ".join(f"({t})" if " " in t else t for t in texts),
                                  path, line, method) if texts else None
        held.add(eco, name, version or comp.version, stated)


def _spdx(doc: Any, path: str, index: LineIndex, held: HeldLicenses, method: str,
          form: str) -> None:
    from spdx_tools.spdx.model import SpdxNoAssertion, SpdxNone

    for package in doc.packages:
        chosen = None
        for value in (package.license_declared, package.license_concluded):
            if value is None or isinstance(value, SpdxNoAssertion):
                continue
            chosen = "NONE" if isinstance(value, SpdxNone) else str(value)
            break
        purl = next((ref.locator for ref in package.external_references
                     if ref.reference_type == "purl"), None)
        eco, name, version = ecosystem_name(purl)
        needle = f'"name" : "{package.name}"' if form == "json" else \
            f"PackageName: {package.name}"
        line = (index.find(needle) or index.find(f'"name": "{package.name}"')
                or index.find(package.name))
        stated = StatedLicense.of(chosen, path, line, method) if chosen else None
        held.add(eco, name or package.name, version or package.version, stated)
