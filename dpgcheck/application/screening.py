"""The DPGA screening questionnaire (``data/dpga/screening-schema.json``) from an application.

One function per question (indicators 3 to 9, and where the solution is developed and
deployed). A question is answered from the declarations first; where the file is silent, a
finding may answer a yes/no question (ownership documented, documentation found), and the
standards, practices (indicator 8) and export mechanisms (indicator 6) the check found are
listed beside the declared ones with where they were found (``application/found.py``). Anything
still unknown is answered "Unknown", which keeps the document valid, and recorded as missing.
"""

from __future__ import annotations

from typing import Any

from dpgcheck.application.answers import Application, as_list, named_entries, yes_no
from dpgcheck.application.found import catalogue, described, mechanisms, not_declared


def screening(app: Application) -> dict[str, Any]:
    return {
        "name": app.text("name") or app.facts.name or "",
        "clearOwnership": _ownership(app),
        "platformIndependence": _platform(app),
        "documentation": _documentation(app),
        "NonPII": _non_pii(app),
        "locations": _locations(app),
        "privacy": _privacy(app),
        "standards": _standards(app),
        "doNoHarm": {
            "preventHarm": _prevent_harm(app),
            "dataPrivacySecurity": _data_privacy(app),
            "inappropriateIllegalContent": _content(app),
            "protectionFromHarassment": _harassment(app),
        },
    }


def _ownership(app: Application) -> dict[str, Any]:
    url = app.text("owner.evidence_url")
    found = app.found("clear-ownership")
    if url or found:
        answer = "Yes"
    elif found is False:
        answer = "No"
    else:
        answer = "Unknown"
        app.need("where ownership is documented", "owner.evidence_url")
    out = {"isOwnershipExplicit": answer}
    url = url or app.repo_file_url(app.facts.license_path)
    if url and answer == "Yes":
        out["copyrightURL"] = url
    return out


def _platform(app: Application) -> dict[str, Any]:
    closed = [d for d in app.get("platform_independence.closed_dependencies") or []
              if isinstance(d, dict)]
    mandatory = [d for d in closed if d.get("mandatory")]
    found = app.found("platform-independence")
    if mandatory or found is False:
        answer = "Yes"
    elif closed or found:
        answer = "No"
    else:
        app.need("whether mandatory dependencies are more restrictive than the licence",
                 "platform_independence.closed_dependencies")
        answer = "Unknown"
    out: dict[str, Any] = {"mandatoryDepsCreateMoreRestrictions": answer,
                           "isSoftwarePltIndependent": ""}
    if answer == "Yes":
        ok = bool(mandatory) and all(d.get("alternative") for d in mandatory)
        out["isSoftwarePltIndependent"] = "Yes" if ok else "No"
        desc = "; ".join(
            f"{d['name']}: {d.get('alternative') or 'no open alternative named'}"
            + (f" ({d['explanation']})" if d.get("explanation") else "") for d in mandatory)
        if desc:
            out["pltIndependenceDesc"] = desc
        if not ok:
            app.need("the open alternative to each mandatory closed dependency",
                     "platform_independence.closed_dependencies[].alternative")
    return out


def _documentation(app: Application) -> dict[str, Any]:
    urls = as_list(app.get("documentation"))
    found = app.found("documentation")
    readme = next(iter(app.view.find("readme*")), None)
    if not urls and found and readme and app.repo_file_url(readme):
        urls = [str(app.repo_file_url(readme))]
    answer = "Yes" if urls or found else ("No" if found is False else "Unknown")
    if answer == "Unknown":
        app.need("where the documentation is", "documentation")
    return {"isDocumentationAvailable": answer, "documentationURL": urls}


def _non_pii(app: Application) -> dict[str, Any]:
    found = mechanisms(app)
    handles = app.get("data_extraction.handles_non_pii")
    if not isinstance(handles, bool):
        if not found:
            app.need("whether the solution handles non-PII data",
                     "data_extraction.handles_non_pii")
            return {"collectsNonPII": "Unknown", "checkNonPIIAccessMechanism": ""}
        handles = True  # an export of data the check found is data the solution handles
    out: dict[str, Any] = {"collectsNonPII": yes_no(handles), "checkNonPIIAccessMechanism": ""}
    if handles:
        mechanism = app.text("data_extraction.mechanism")
        formats = as_list(app.get("data_extraction.formats"))
        url = app.text("data_extraction.evidence_url")
        seen = f"Found in the repository: {described(found)}." if found else None
        if mechanism or found:
            out["checkNonPIIAccessMechanism"] = "Yes"
            out["nonPIIAccessMechanism"] = " ".join(filter(None, [
                mechanism, f"Formats: {', '.join(formats)}." if formats else None, url, seen]))
        else:
            out["checkNonPIIAccessMechanism"] = "Unknown"
            app.need("how non-PII data can be exported", "data_extraction.mechanism")
    return out


def _locations(app: Application) -> dict[str, Any]:
    development = as_list(app.get("locations.development")) or as_list(app.get("owner.country"))
    deployment = as_list(app.get("locations.deployment"))
    if not development:
        app.need("countries the solution is developed in", "locations.development")
    if not deployment:
        app.need("countries the solution is deployed in", "locations.deployment")
    return {"developmentCountries": development, "deploymentCountries": deployment}


def _privacy(app: Application) -> dict[str, Any]:
    laws = named_entries(app.get("privacy.laws"))
    if not laws:
        app.need("the privacy and other laws complied with", "privacy.laws")
        return {"isPrivacyCompliant": "Unknown"}
    steps = as_list(app.get("privacy.steps"))
    steps += [f"{name}: {url}" for name, url in laws if url]
    if app.text("privacy.policy_url"):
        steps.append(f"Privacy policy: {app.text('privacy.policy_url')}")
    rep = app.indicator("privacy-and-laws")
    for path in (rep.data.get("privacy_documents") or []) if rep else []:
        steps.append(f"In the repository: {app.repo_file_url(path) or path}")
    if not steps:
        app.need("evidence of compliance (policy or law evidence URLs)", "privacy.policy_url")
    return {"isPrivacyCompliant": "Yes", "privacyComplianceList": [n for n, _ in laws],
            "adherenceSteps": steps}


def _standards(app: Application) -> dict[str, Any]:
    """Declared standards and practices first, then those indicator 8 found in the
    repository (each with the link to where it was found as evidence)."""
    standards = named_entries(app.get("standards"))
    practices = named_entries(app.get("best_practices"))
    found_standards = not_declared(catalogue(app, "standards"), [n for n, _ in standards])
    found_practices = not_declared(catalogue(app, "practices"), [n for n, _ in practices])
    standards += [(f.name, f.where) for f in found_standards]
    practices += [(f.name, None) for f in found_practices]
    if not standards:
        app.need("the open standards the solution supports", "standards")
    if not practices:
        app.need("the best practices the solution follows", "best_practices")
    return {
        "supportStandards": "Yes" if standards else "Unknown",
        "standardsList": [n for n, _ in standards],
        "evidenceStandardSupport": list(dict.fromkeys(u for _, u in standards if u)),
        "implementBestPractices": "Yes" if practices else "Unknown",
        "bestPracticesList": list(dict.fromkeys(n for n, _ in practices)),
    }


def _prevent_harm(app: Application) -> dict[str, Any]:
    text = app.text("harm_prevention")
    if not text:
        app.need("the steps taken to anticipate and prevent harm", "harm_prevention")
        return {"stepsToPreventHarm": "Unknown"}
    return {"stepsToPreventHarm": "Yes", "additionalInfoMechanismProcessesPolicies": text}


def _data_privacy(app: Application) -> dict[str, Any]:
    level = app.get("data_privacy.pii")
    if level is None:
        app.need("the PII level (none, collected, stored or distributed)", "data_privacy.pii")
        return {"collectsPII": "Unknown"}
    if level == "none":
        return {"collectsPII": "No"}
    out: dict[str, Any] = {"collectsPII": "Yes",
                           "typesOfDataCollected": as_list(app.get("data_privacy.types")),
                           "thirdPartyDataSharing": "Yes" if level == "distributed" else "No"}
    if not out["typesOfDataCollected"]:
        app.need("the types of personal data", "data_privacy.types")
    sharing = as_list(app.get("data_privacy.sharing"))
    if sharing:
        out["dataSharingCircumstances"] = sharing
    elif level == "distributed":
        app.need("when personal data is shared with third parties", "data_privacy.sharing")
    safeguards = app.text("data_privacy.safeguards")
    if safeguards:
        out["ensurePrivacySecurity"] = "Yes"
        url = app.text("data_privacy.evidence_url")
        out["privacySecurityDescription"] = safeguards + (f" {url}" if url else "")
    else:
        out["ensurePrivacySecurity"] = "Unknown"
        app.need("how privacy, security and integrity of PII are ensured",
                 "data_privacy.safeguards")
    return out


def _content(app: Application) -> dict[str, Any]:
    level = app.get("content.level")
    if level is None:
        app.need("the content level (none, collected, stored or distributed)", "content.level")
        return {"collectStoreDistribute": "Unknown"}
    if level == "none":
        return {"collectStoreDistribute": "No"}
    out: dict[str, Any] = {"collectStoreDistribute": "Yes", "contentFilter": "",
                           "illegalContentDetection": ""}
    kinds = app.text("content.types")
    if kinds:
        out["type"] = kinds
    policy = app.text("content.policy_url")
    if policy:
        out["contentFilter"] = "Yes"
        out["policyGuidelinesDocumentationLink"] = policy
    else:
        out["contentFilter"] = "Unknown"
        app.need("the content policy", "content.policy_url")
    moderation = app.text("content.moderation")
    if moderation:
        out["illegalContentDetection"] = "Yes"
        response = app.text("content.response_time")
        out["illegalContentDetectionMechanism"] = moderation + (
            f" Average response time: {response}." if response else "")
        if not response:
            app.need("the average response time to reports", "content.response_time")
    else:
        out["illegalContentDetection"] = "Unknown"
        app.need("how content is detected, moderated, reported and removed",
                 "content.moderation")
    return out


def _harassment(app: Application) -> dict[str, Any]:
    interact = app.get("interaction.users_interact")
    if not isinstance(interact, bool):
        app.need("whether users interact with each other", "interaction.users_interact")
        return {"userInteraction": "Unknown"}
    if not interact:
        return {"userInteraction": "No"}
    out: dict[str, Any] = {"userInteraction": "Yes"}
    minors = as_list(app.get("interaction.minors"))
    protections = as_list(app.get("interaction.protections"))
    policy = app.text("interaction.policy_url")
    out["addressSafetySecurityUnderageUsers"] = "Yes" if minors else "Unknown"
    out["stepsAddressRiskPreventSafetyUnderageUsers"] = minors
    if not minors:
        app.need("how under-age users are kept safe", "interaction.minors")
    out["griefAbuseHarassmentProtection"] = "Yes" if protections else "Unknown"
    out["harassmentProtectionSteps"] = protections + ([f"Policy: {policy}"] if policy else [])
    if not protections:
        app.need("how users protect themselves from abuse", "interaction.protections")
    return out
