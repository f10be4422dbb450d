"""The application as a Markdown draft a person can read, check and paste.

The answers per indicator, each heading with what dpgcheck found for that indicator, and a
checklist of the answers still missing.
"""

from __future__ import annotations

from typing import Any

from dpgcheck.application.answers import Application
from dpgcheck.evidence.sdg_hints import goal_name


def markdown(app: Application, nom: dict[str, Any], scr: dict[str, Any]) -> str:
    """A readable application draft: the answers per indicator with what dpgcheck found."""
    lines = [f"# DPG application draft: {nom.get('name', '(name missing)')}", "",
             f"{nom.get('description', '(description missing)')}", "",
             f"- Type: {', '.join(nom['type'])}",
             f"- Repository: {app.repository or '(missing)'}",
             f"- Website: {nom.get('website', '-')}",
             "- Owner: " + (", ".join(o["name"] for o in nom["organizations"]
                                      if o["org_type"] == "owner") or "(missing)"),
             f"- Declared by: {app.text('declared_by.name') or '(missing)'}"
             f" ({app.text('declared_by.role') or 'role missing'})",
             f"- Checked by dpgcheck against DPG Standard {app.report.standard_version}: "
             f"verdict **{app.report.verdict}**", ""]

    def status(ident: str) -> str:
        rep = app.indicator(ident)
        return f" _(dpgcheck: {rep.status.value}: {rep.summary})_" if rep else ""

    lines += ["## 1. Relevance to the SDGs" + status("sdg-relevance"), ""]
    for sdg in nom.get("SDGs", []):
        lines.append(f"- **SDG {sdg['SDGNumber']} ({goal_name(sdg['SDGNumber'])})**: "
                     f"{sdg.get('evidenceText', '(relevance missing)')}"
                     + (f" <{sdg['evidenceURL']}>" if sdg.get("evidenceURL") else ""))
    lines += ["", "## 2. Open licence" + status("open-license"), ""]
    lines += [f"- {lic['spdx']} <{lic['licenseURL']}>" for lic in nom.get("license", [])]
    own = scr["clearOwnership"]
    lines += ["", "## 3. Clear ownership" + status("clear-ownership"), "",
              f"- Ownership documented: {own['isOwnershipExplicit']}"
              + (f" <{own['copyrightURL']}>" if own.get("copyrightURL") else "")]
    plat = scr["platformIndependence"]
    lines += ["", "## 4. Platform independence" + status("platform-independence"), "",
              f"- Mandatory dependencies more restrictive than the licence: "
              f"{plat['mandatoryDepsCreateMoreRestrictions']}"]
    if plat.get("pltIndependenceDesc"):
        lines.append(f"- Open alternatives: {plat['pltIndependenceDesc']}")
    doc = scr["documentation"]
    lines += ["", "## 5. Documentation" + status("documentation"), "",
              f"- Available: {doc['isDocumentationAvailable']}"]
    lines += [f"- <{u}>" for u in doc["documentationURL"]]
    npii = scr["NonPII"]
    lines += ["", "## 6. Data extraction" + status("data-extraction"), "",
              f"- Handles non-PII data: {npii['collectsNonPII']}"]
    if npii.get("nonPIIAccessMechanism"):
        lines.append(f"- Mechanism: {npii['nonPIIAccessMechanism']}")
    priv = scr["privacy"]
    lines += ["", "## 7. Privacy and applicable laws" + status("privacy-and-laws"), "",
              f"- Complies with: {', '.join(priv.get('privacyComplianceList', [])) or '?'}"]
    lines += [f"- {s}" for s in priv.get("adherenceSteps", [])]
    std = scr["standards"]
    lines += ["", "## 8. Standards and best practices" + status("standards"), "",
              f"- Standards: {', '.join(std['standardsList']) or '?'}",
              f"- Best practices: {', '.join(std['bestPracticesList']) or '?'}"]
    lines += [f"- Evidence: {e}" for e in std["evidenceStandardSupport"]]
    harm = scr["doNoHarm"]
    dps = harm["dataPrivacySecurity"]
    lines += ["", "## 9a. Data privacy and security" + status("data-privacy-security"), "",
              f"- Collects or stores PII: {dps['collectsPII']}"
              + (f" ({app.text('data_privacy.pii')})" if app.text("data_privacy.pii") else "")]
    if dps.get("typesOfDataCollected"):
        lines.append(f"- Types: {', '.join(dps['typesOfDataCollected'])}")
    if dps.get("privacySecurityDescription"):
        lines.append(f"- Safeguards: {dps['privacySecurityDescription']}")
    cont = harm["inappropriateIllegalContent"]
    lines += ["", "## 9b. Inappropriate and illegal content" + status("content-moderation"), "",
              f"- Collects, stores or distributes content: {cont['collectStoreDistribute']}"
              + (f" ({app.text('content.level')})" if app.text("content.level") else "")]
    if cont.get("policyGuidelinesDocumentationLink"):
        lines.append(f"- Policy: <{cont['policyGuidelinesDocumentationLink']}>")
    if cont.get("illegalContentDetectionMechanism"):
        lines.append(f"- Moderation: {cont['illegalContentDetectionMechanism']}")
    har = harm["protectionFromHarassment"]
    lines += ["", "## 9c. Protection from harassment" + status("harassment-protection"), "",
              f"- Users interact: {har['userInteraction']}"]
    lines += [f"- Protection: {s}" for s in har.get("harassmentProtectionSteps", [])]
    lines += [f"- Under-age users: {s}"
              for s in har.get("stepsAddressRiskPreventSafetyUnderageUsers", [])]
    loc = scr["locations"]
    lines += ["", "## Locations", "",
              f"- Developed in: {', '.join(loc['developmentCountries']) or '?'}",
              f"- Deployed in: {', '.join(loc['deploymentCountries']) or '?'}"]
    if app.missing:
        lines += ["", "## Missing answers", ""] + [f"- [ ] {m}" for m in app.missing]
    return "\n".join(lines) + "\n"
