"""SBOMs for tests, written by the same maintained libraries dpgcheck reads them with."""

from __future__ import annotations

from typing import Any


def cyclonedx(components: list[tuple[str, str, str | None, str | None]], *, version: str = "1.5",
              xml: bool = False, expression: bool = True) -> str:
    """(purl or name, version, licence, licence name) -> a CycloneDX document."""
    from cyclonedx.model.bom import Bom
    from cyclonedx.model.component import Component
    from cyclonedx.model.license import DisjunctiveLicense, LicenseExpression
    from cyclonedx.output import make_outputter
    from cyclonedx.schema import OutputFormat, SchemaVersion
    from packageurl import PackageURL

    bom = Bom()
    for ident, ver, spdx, named in components:
        purl = PackageURL.from_string(ident) if ident.startswith("pkg:") else None
        licences: list[Any] = []
        if spdx:
            licences.append(LicenseExpression(spdx) if expression and " " in spdx
                            else DisjunctiveLicense(id=spdx))
        if named:
            licences.append(DisjunctiveLicense(name=named))
        name = purl.name if purl else ident
        bom.components.add(Component(name=name, group=purl.namespace if purl else None,
                                     version=ver, purl=purl, licenses=licences))
    schema = SchemaVersion.from_version(version)
    fmt = OutputFormat.XML if xml else OutputFormat.JSON
    return make_outputter(bom, fmt, schema).output_as_string(indent=2)


def spdx2(packages: list[tuple[str, str, str | None, str | None]], *, version: str = "SPDX-2.3",
          tagvalue: bool = False) -> str:
    """(name, version, declared licence or "NONE"/None for NOASSERTION, purl) -> SPDX 2."""
    import io
    from datetime import datetime

    from license_expression import get_spdx_licensing
    from spdx_tools.spdx.model import (
        Actor,
        ActorType,
        CreationInfo,
        Document,
        ExternalPackageRef,
        ExternalPackageRefCategory,
        Package,
        Relationship,
        RelationshipType,
        SpdxNoAssertion,
        SpdxNone,
    )

    info = CreationInfo(version, "SPDXRef-DOCUMENT", "test", "https://example.org/spdx/test",
                        [Actor(ActorType.TOOL, "tests")], datetime(2026, 1, 1))
    licensing = get_spdx_licensing()
    pkgs = []
    for i, (name, ver, lic, purl) in enumerate(packages):
        declared: Any = SpdxNoAssertion() if lic is None else (
            SpdxNone() if lic == "NONE" else licensing.parse(lic))
        refs = [ExternalPackageRef(ExternalPackageRefCategory.PACKAGE_MANAGER, "purl", purl)] \
            if purl else []
        pkgs.append(Package(f"SPDXRef-P{i}", name, SpdxNoAssertion(), version=ver,
                            license_declared=declared, license_concluded=SpdxNoAssertion(),
                            copyright_text=SpdxNoAssertion(), external_references=refs,
                            files_analyzed=False))
    relations = [Relationship("SPDXRef-DOCUMENT", RelationshipType.DESCRIBES, p.spdx_id)
                 for p in pkgs]
    doc = Document(info, packages=pkgs, relationships=relations)
    out = io.StringIO()
    if tagvalue:
        from spdx_tools.spdx.writer.tagvalue.tagvalue_writer import write_document_to_stream

        write_document_to_stream(doc, out)
    else:
        from spdx_tools.spdx.writer.json.json_writer import write_document_to_stream

        write_document_to_stream(doc, out)
    return out.getvalue()
