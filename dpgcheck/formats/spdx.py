"""SPDX 2.3 JSON: the solution's SBOM, written and validated by spdx-tools.

The solution is the package the document describes, with its own licence as
``licenseDeclared`` and dpgcheck's verdict as an annotation; each dependency indicator 4
examined is a package with its version, purl, declared licence and, in ``licenseComments``,
where that licence was found. Runtime dependencies are ``DEPENDS_ON`` relationships,
development ones ``DEV_DEPENDENCY_OF``. Licence references dpgcheck uses
(``LicenseRef-Proprietary``) carry the text as stated. spdx-tools validates the document
before writing it.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from dpgcheck.errors import DpgcheckError
from dpgcheck.formats.cyclonedx import one_report, purl_of, sbom_facts, serial, where
from dpgcheck.formats.interface import FormatOptions, Formatter

if TYPE_CHECKING:
    from dpgcheck.engine.report import Report

NAMESPACE = "https://spdx.org/spdxdocs/dpgcheck"
FIRST_STATED = ("as first stated by a dependency; each package's own statement is in its "
                "licenseComments")


class SpdxFormat(Formatter):
    def render(self, reports: list[Report], options: FormatOptions) -> str:
        from spdx_tools.spdx.model import (
            Actor,
            ActorType,
            Annotation,
            AnnotationType,
            CreationInfo,
            Document,
            ExternalPackageRef,
            ExternalPackageRefCategory,
            ExtractedLicensingInfo,
            Package,
            Relationship,
            RelationshipType,
            SpdxNoAssertion,
        )
        from spdx_tools.spdx.writer.json.json_writer import write_document_to_stream

        from dpgcheck import __version__

        facts = sbom_facts(one_report(reports, self.name or "spdx"))
        now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
        tool = Actor(ActorType.TOOL, f"dpgcheck-{__version__}")
        info = CreationInfo("SPDX-2.3", "SPDXRef-DOCUMENT", f"{facts['name']} SBOM",
                            f"{NAMESPACE}/{_safe(facts['name'])}-{serial(facts)}", [tool], now)
        refs: dict[str, str] = {}
        root = Package(
            "SPDXRef-Solution", facts["name"], facts["url"] or SpdxNoAssertion(),
            version=facts["commit"] or None, files_analyzed=False,
            license_declared=_expression(facts["license"], None, refs),
            license_concluded=SpdxNoAssertion(), copyright_text=SpdxNoAssertion(),
            comment=f"dpgcheck verdict: {facts['verdict']} (DPG Standard "
                    f"{facts['standard']}); platform independence: "
                    f"{facts['indicator4'] or 'not examined'}")
        packages = [root]
        relations = [Relationship("SPDXRef-DOCUMENT", RelationshipType.DESCRIBES,
                                  root.spdx_id)]
        for index, record in enumerate(facts["dependencies"]):
            purl = purl_of(record)
            spdx_id = f"SPDXRef-Dep-{index}"
            comment = [f"category: {record['category']}", f"scope: {record['scope']}",
                       f"declared in {record['path']}"
                       + (f":{record['line']}" if record.get("line") else "")]
            if where(record):
                comment.append(f"licence found in {where(record)}")
            if record.get("license_stated"):
                comment.append(f"stated as: {record['license_stated']}")
            packages.append(Package(
                spdx_id, record["name"], SpdxNoAssertion(),
                version=record.get("resolved") or record.get("version"), files_analyzed=False,
                license_declared=_expression(record.get("license"),
                                             record.get("license_stated"), refs),
                license_concluded=SpdxNoAssertion(), copyright_text=SpdxNoAssertion(),
                license_comment="; ".join(comment),
                external_references=[ExternalPackageRef(
                    ExternalPackageRefCategory.PACKAGE_MANAGER, "purl", purl)] if purl else []))
            if record["scope"] == "runtime":
                relations.append(Relationship(root.spdx_id, RelationshipType.DEPENDS_ON,
                                              spdx_id))
            else:
                relations.append(Relationship(spdx_id, RelationshipType.DEV_DEPENDENCY_OF,
                                              root.spdx_id))
        extracted = [ExtractedLicensingInfo(ref, text, ref.removeprefix("LicenseRef-"),
                                            comment=FIRST_STATED)
                     for ref, text in sorted(refs.items())]
        verdict = Annotation("SPDXRef-Solution", AnnotationType.OTHER, tool, now,
                             f"dpgcheck verdict: {facts['verdict']}")
        doc = Document(info, packages=packages, relationships=relations,
                       extracted_licensing_info=extracted, annotations=[verdict])
        out = io.StringIO()
        try:
            write_document_to_stream(doc, out, validate=True)
        except ValueError as exc:  # our bug, not the user's: say so in one line
            raise DpgcheckError("internal error: the SPDX document did not validate: "
                                f"{str(exc)[:300]}") from None
        return out.getvalue() + "\n"


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-." else "-" for c in name)[:100] or "solution"


@lru_cache(maxsize=1)
def _licensing() -> Any:
    """One SPDX symbol table per process: building it reads the whole licence list (~40 ms),
    so building it per package made a 2,500-package SBOM take minutes."""
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


def _expression(expression: str | None, stated: str | None, refs: dict[str, str]) -> Any:
    """A parsed expression; ``LicenseRef-*`` parts recorded for the extracted-licence list."""
    from spdx_tools.spdx.model import SpdxNoAssertion

    if not expression:
        return SpdxNoAssertion()
    licensing = _licensing()
    try:
        parsed = licensing.parse(expression)
    except Exception:
        return SpdxNoAssertion()
    for key in licensing.license_keys(parsed):
        if key.startswith("LicenseRef-"):
            refs.setdefault(key, stated or key)
    return parsed
