"""Indicator 6: Mechanism for extracting data and content.

Evidence that non-personal data can leave the solution in open formats: API specifications
and API standards, export/import code and libraries, documentation of exports, data files in
open formats (data category) and model weights in open formats (AI models). Shown next to the
``data_extraction`` answers of ``dpg.yml``.
"""

from __future__ import annotations

from dpgcheck.api import (
    STANDARD_URL,
    Category,
    Context,
    Evidence,
    Finding,
    FindingSpec,
    FindingTable,
    Indicator,
    Result,
    Status,
    signals,
    source_scan,
)

ExtractionSignals = signals.extraction.ExtractionSignals
extraction_signals = signals.extraction.extraction_signals
text_of = signals.declared.text_of

#: Evidence kinds that on their own do not show data can be exported.
WEAK_KINDS = frozenset({"api", "import"})

FINDINGS = FindingTable(
    "data-extraction",
    FindingSpec("mechanism", "Export or import mechanism"),
    FindingSpec("no-mechanism", "No export of data in an open format",
                "Document how non-personal data can be exported or imported in open formats "
                "(an API, CSV/JSON export) and declare it under `data_extraction:` in dpg.yml "
                "(mechanism, formats, evidence_url)."),
    FindingSpec("no-non-pii-data", "Declared: no non-personal data"),
    FindingSpec("proprietary-only-data", "Data only in proprietary formats",
                "Publish the data in an open format too (CSV, JSON, Parquet, ODS, GeoJSON), "
                "so it can be read without proprietary software."),
    FindingSpec("pickle-weights", "Model weights only in pickle-based formats",
                "Publish the weights as safetensors, ONNX or GGUF too: pickle files can run "
                "code when loaded and tie users to one framework."),
)


def _declared(ctx: Context) -> list[Evidence]:
    decl = ctx.declarations
    mechanism = text_of(decl.get("data_extraction.mechanism"))
    formats = text_of(decl.get("data_extraction.formats"))
    url = decl.get("data_extraction.evidence_url")
    if not mechanism and not formats:
        return []
    text = "declared mechanism: " + (mechanism or "(not named)")
    if formats:
        text += f" (formats: {formats})"
    return [Evidence(text, path=decl.path, url=str(url) if url else None)]


def _file_evidence(sig: ExtractionSignals, ctx: Context) -> tuple[list[Evidence], list[Finding]]:
    evidence: list[Evidence] = []
    findings: list[Finding] = []
    if Category.DATA in ctx.categories:
        if sig.data_open:
            evidence.append(Evidence(f"{len(sig.data_open)} data file(s) in open formats",
                                     sig.data_open[0]))
        if sig.data_proprietary and not sig.data_open:
            findings.append(FINDINGS.create(
                "proprietary-only-data", Status.WARNING,
                f"{len(sig.data_proprietary)} data file(s), all in formats tied to one vendor's "
                "software (" + ", ".join(sorted({p.rpartition('.')[2].lower()
                                                 for p in sig.data_proprietary})) + ")",
                tuple(Evidence("data file in a proprietary format", p)
                      for p in sig.data_proprietary[:3])))
    if Category.AIMODEL in ctx.categories:
        if sig.weights_open:
            evidence.append(Evidence(f"{len(sig.weights_open)} model weight file(s) in open "
                                     "formats", sig.weights_open[0]))
        elif sig.weights_pickle:
            findings.append(FINDINGS.create(
                "pickle-weights", Status.WARNING,
                f"{len(sig.weights_pickle)} weight file(s) only in pickle-based formats",
                tuple(Evidence("pickle-based weights", p) for p in sig.weights_pickle[:3])))
    return evidence, findings


class DataExtraction(Indicator):
    number = "6"
    id = "data-extraction"
    title = "Mechanism for extracting data and content"
    url = f"{STANDARD_URL}#6-mechanism-for-extracting-data-and-content"
    findings = FINDINGS

    def scan_hints(self) -> list[str]:
        """The extraction detectors' words, answered by the source scan in one pass."""
        return signals.extraction.hints()

    def check(self, ctx: Context) -> Result:
        sig = extraction_signals(ctx)
        declared = _declared(ctx)
        file_evidence, findings = _file_evidence(sig, ctx)
        code_evidence = [Evidence(f"{m.name}" + (f" ({m.count} signs)" if m.count > 1 else ""),
                                  m.evidence[0].path, m.evidence[0].line, m.evidence[0].url)
                         for m in sig.matches if m.evidence]
        strong = [m for m in sig.matches if m.kind not in WEAK_KINDS] or file_evidence
        all_evidence = code_evidence + file_evidence + declared
        handles = ctx.declarations.get("data_extraction.handles_non_pii")
        if handles is False:
            findings.insert(0, self.finding(
                "no-non-pii-data", Status.NOT_APPLICABLE,
                "declared: the solution handles no non-personal data",
                (Evidence("declared data_extraction.handles_non_pii: false",
                          path=ctx.declarations.path),)))
        elif strong or declared:
            names = [m.name for m in sig.matches if m.kind not in WEAK_KINDS]
            names += [e.message for e in file_evidence]
            message = ("export or import mechanisms: " + ", ".join(names)) if names else \
                "mechanism declared in dpg.yml"
            findings.insert(0, self.finding("mechanism", Status.PASS, message,
                                            tuple(all_evidence)))
        else:
            weak = ", ".join(m.name for m in sig.matches)
            findings.insert(0, self.finding(
                "no-mechanism", Status.NEEDS_DECLARATION,
                "no export of data in an open format found" + (f" (only: {weak})"
                                                               if weak else ""),
                tuple(all_evidence)))
        summary = findings[0].message
        data = {**sig.to_dict(), "declared": bool(declared), "scan": source_scan(ctx).figures()}
        return Result.from_findings(findings, summary, evidence=all_evidence, data=data)
