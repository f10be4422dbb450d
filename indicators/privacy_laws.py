"""Indicator 7: Adherence to privacy and applicable laws.

Which laws a solution complies with is the maintainer's answer (``privacy.laws`` in dpg.yml);
what dpgcheck adds is the evidence the repository holds (privacy policy, terms, DPIA
documents) and a check that an authorised person (``declared_by``) signs the answers to 7-9.
"""

from __future__ import annotations

from typing import Any

from dpgcheck.api import (
    STANDARD_URL,
    Context,
    Evidence,
    Finding,
    FindingSpec,
    FindingTable,
    Indicator,
    Result,
    Status,
)

#: Names of documents that show privacy or legal work (matched case-insensitively).
PRIVACY_PATTERNS = (
    "privacy*", "privacy-policy*", "privacy_policy*", "data-protection*", "data_protection*",
    "terms*", "tos.*", "terms-of-service*", "terms-of-use*", "*dpia*", "gdpr*", "legal*",
    "cookie-policy*", "cookies.*",
)
DOC_SUFFIXES = (".md", ".markdown", ".rst", ".txt", ".html", ".htm", ".pdf", ".adoc", ".odt",
                ".docx")
DOC_DIRS = ("", ".github", "docs", "doc", "legal", "policies", "policy", "documentation")
#: Sections of dpg.yml whose answers must come from an authorised person (7 and 9a-9c).
SIGNED_SECTIONS = ("privacy", "data_privacy", "content", "interaction")

FINDINGS = FindingTable(
    "privacy-and-laws",
    FindingSpec("declared", "Applicable laws declared with evidence"),
    FindingSpec("no-laws", "No applicable laws declared",
                "List the privacy and other laws the solution is designed to comply with "
                "(e.g. GDPR, national data-protection acts) under 'privacy: laws:' in dpg.yml, "
                "each with an evidence_url (privacy policy, terms, DPIA)."),
    FindingSpec("no-evidence", "Laws declared without evidence",
                "Add 'evidence_url' to each law or 'privacy: policy_url:' in dpg.yml, or add "
                "a privacy policy (PRIVACY.md, docs/privacy.md) to the repository."),
    FindingSpec("declared-by", "Answers to 7-9 signed by an authorised person"),
    FindingSpec("no-authorised-person", "Answers to 7-9 not signed",
                "Evidence for indicators 7-9 must come from someone authorised to speak for the "
                "project: add 'declared_by: {name: ..., role: ...}' to dpg.yml."),
)


def privacy_documents(ctx: Context) -> list[str]:
    """Privacy policies, terms and DPIA documents near the top of the repository."""
    found = ctx.view.find(*PRIVACY_PATTERNS, dirs=DOC_DIRS)
    for path in ctx.view.under("docs"):
        name = path.rpartition("/")[2].lower()
        if any(k in name for k in ("privacy", "dpia", "terms-of", "data-protection")):
            found.append(path)
    suffix_ok = [p for p in dict.fromkeys(found)
                 if p.lower().endswith(DOC_SUFFIXES) or "." not in p.rpartition("/")[2]]
    return suffix_ok[:20]


def declared_laws(ctx: Context) -> list[tuple[str, str | None]]:
    laws: list[tuple[str, str | None]] = []
    for item in ctx.declarations.get("privacy.laws") or []:
        if isinstance(item, str) and item.strip():
            laws.append((item.strip(), None))
        elif isinstance(item, dict) and str(item.get("name") or "").strip():
            url = item.get("evidence_url")
            laws.append((str(item["name"]).strip(), str(url) if url else None))
    return laws


def _answered(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_answered(v) for v in value.values())
    if isinstance(value, list):
        return any(_answered(v) for v in value)
    return value is not None and value != ""


def signature_finding(ctx: Context) -> Finding | None:
    """A warning when answers to 7-9 are given but nobody authorised is named."""
    decl = ctx.declarations
    sections = [s for s in SIGNED_SECTIONS if _answered(decl.get(s))]
    if not sections:
        return None
    missing = [k for k in ("name", "role") if not str(decl.get(f"declared_by.{k}") or "").strip()]
    if not missing:
        return FINDINGS.create(
            "declared-by", Status.PASS,
            f"answers declared by {decl.get('declared_by.name')} "
            f"({decl.get('declared_by.role')})",
            (decl.evidence("declared_by", f"declared by {decl.get('declared_by.name')}"
                                          f", {decl.get('declared_by.role')}"),))
    return FINDINGS.create(
        "no-authorised-person", Status.WARNING,
        f"answers in {', '.join(sections)} do not say who declared them "
        f"(declared_by.{' and declared_by.'.join(missing)} missing)",
        tuple(decl.evidence(s, f"declared: {s}") for s in sections))


class PrivacyAndLaws(Indicator):
    number = "7"
    id = "privacy-and-laws"
    title = "Adherence to privacy and applicable laws"
    url = f"{STANDARD_URL}#7-adherence-to-privacy-and-applicable-laws"
    findings = FINDINGS

    def check(self, ctx: Context) -> Result:
        decl = ctx.declarations
        documents = privacy_documents(ctx)
        laws = declared_laws(ctx)
        policy_url = decl.get("privacy.policy_url")
        doc_evidence = [Evidence("privacy or legal document in the repository", path=p)
                        for p in documents]
        urls = [u for _, u in laws if u] + ([str(policy_url)] if policy_url else [])
        data = {"laws": [{"name": n, "evidence_url": u} for n, u in laws],
                "policy_url": policy_url, "privacy_documents": documents}
        findings: list[Finding] = []
        if not laws:
            hint = (f"; the repository has {', '.join(documents[:3])}" if documents else "")
            findings.append(self.finding(
                "no-laws", Status.NEEDS_DECLARATION, "no applicable laws declared" + hint,
                tuple(doc_evidence)))
        elif not urls and not documents:
            findings.append(self.finding(
                "no-evidence", Status.NEEDS_DECLARATION,
                f"laws declared ({', '.join(n for n, _ in laws)}) but no evidence: no "
                "evidence URL and no privacy policy in the repository",
                (decl.evidence("privacy.laws", "declared: " + ", ".join(n for n, _ in laws)),)))
        else:
            evidence = [decl.evidence("privacy.laws", "declared: " + ", ".join(
                n for n, _ in laws))]
            evidence += [Evidence("evidence URL (not fetched: dpgcheck works offline)", url=u,
                                  basis="declared")
                         for u in dict.fromkeys(urls)]
            findings.append(self.finding(
                "declared", Status.PASS,
                f"complies with {', '.join(n for n, _ in laws)}",
                tuple(evidence + doc_evidence)))
        signed = signature_finding(ctx)
        if signed is not None:
            findings.append(signed)
        if laws:
            summary = f"laws declared: {', '.join(n for n, _ in laws)}"
            if not urls and documents:
                summary += f" (evidence: {documents[0]})"
        else:
            summary = findings[0].message
        return Result.from_findings(findings, summary, evidence=doc_evidence, data=data)
