"""``dpgcheck export``: the DPGA application from dpg.yml and what the check found.

Two JSON formats follow the DPGA's own schemas (``data/dpga/``): the nominee record and the
screening questionnaire; ``markdown`` is a draft a person can read and paste. Answers come
from the declarations first; where the file is silent, a finding may answer a yes/no question
(documentation found, ownership documented). Anything still unanswered is listed so the
command can fail (exit 1) until the maintainer fills it in.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from dpgcheck.application.facts import ProjectFacts, dpga_spelling, gather
from dpgcheck.declarations.loader import Declarations
from dpgcheck.engine.report import IndicatorReport, Report
from dpgcheck.errors import DpgcheckError
from dpgcheck.evidence.sdg_hints import goal_name
from dpgcheck.model import Status
from dpgcheck.repo.view import RepoView

FORMATS = ("dpga-nominee", "dpga-screening", "markdown")
CATEGORY_TYPES = {"software": "software", "data": "data", "content": "content",
                  "aimodel": "aimodel"}
PASSED = (Status.PASS, Status.WARNING)


@cache
def dpga_schema(kind: str) -> dict[str, Any]:
    """The shipped DPGA schema: ``nominee`` or ``screening``."""
    path = f"data/dpga/{kind}-schema.json"
    return json.loads(resources.files("dpgcheck").joinpath(path).read_text("utf-8"))  # type: ignore[no-any-return]


def _list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    return [str(value).strip()]


def _named(value: Any) -> list[tuple[str, str | None]]:
    out = []
    for item in value or []:
        if isinstance(item, str) and item.strip():
            out.append((item.strip(), None))
        elif isinstance(item, dict) and item.get("name"):
            url = item.get("evidence_url")
            out.append((str(item["name"]), str(url) if url else None))
    return out


def _yes_no(value: bool | None) -> str:
    return {True: "Yes", False: "No"}.get(value, "Unknown")  # type: ignore[arg-type]


@dataclass
class Application:
    """Everything the formats need, and the answers still missing."""

    decl: Declarations
    facts: ProjectFacts
    report: Report
    view: RepoView
    missing: list[str] = field(default_factory=list)

    def get(self, dotted: str) -> Any:
        return self.decl.get(dotted)

    def text(self, dotted: str) -> str | None:
        value = self.decl.get(dotted)
        if isinstance(value, list):
            return "; ".join(_list(value)) or None
        return str(value).strip() or None if value not in (None, "") else None

    def need(self, what: str, key: str) -> None:
        item = f"{what} ({key} in dpg.yml)"
        if item not in self.missing:
            self.missing.append(item)

    def indicator(self, ident: str) -> IndicatorReport | None:
        return next((r for r in self.report.indicators if r.id == ident), None)

    def found(self, ident: str) -> bool | None:
        """True when the indicator passed, False when it failed, None otherwise."""
        rep = self.indicator(ident)
        if rep is None:
            return None
        if rep.status in PASSED:
            return True
        return False if rep.status == Status.FAIL else None

    @property
    def repository(self) -> str | None:
        return self.text("repository") or self.facts.repository

    def repo_file_url(self, path: str | None) -> str | None:
        if not path or not self.repository:
            return None
        if "github.com" in self.repository or "gitlab" in self.repository:
            return f"{self.repository}/blob/HEAD/{path}"
        return None


# ----------------------------------------------------------------------------- licences
def _ids(expression: str) -> list[str]:
    return [t for t in re.split(r"\s+(?:AND|OR|WITH)\s+|[()\s]+", expression) if t]


def licenses(app: Application) -> list[dict[str, str]]:
    """Licences as the nominee schema wants them: DPGA spellings from its enum, with a URL."""
    allowed = set(dpga_schema("nominee")["properties"]["license"]["items"]["properties"]
                  ["spdx"]["enum"])
    found: list[tuple[str, str | None]] = []
    rep = app.indicator("open-license")
    if rep is not None:
        for value in rep.data.values():
            items = value if isinstance(value, list) else [value]
            for item in items:
                if isinstance(item, dict):
                    spdx = item.get("spdx") or item.get("id") or item.get("expression")
                    if isinstance(spdx, str):
                        found += [(i, item.get("path")) for i in _ids(spdx)]
    for item in app.get("licenses") or []:
        if isinstance(item, dict) and item.get("spdx"):
            found += [(i, item.get("url")) for i in _ids(str(item["spdx"]))]
    if app.facts.license:
        where = app.facts.sources.get("license") or app.facts.license_path
        found += [(i, where) for i in _ids(app.facts.license)]
    out: dict[str, dict[str, str]] = {}
    for spdx, where in found:
        name = dpga_spelling(spdx)
        if name not in allowed:
            app.missing.append(f"licence '{spdx}' is not on the DPGA's list of approved "
                               "licences (nominee schema)")
            continue
        url = where if where and where.startswith("http") else app.repo_file_url(where)
        if url is None:
            app.need(f"a URL where the licence {name} is stated", "repository")
            url = ""
        out.setdefault(name, {"spdx": name, "licenseURL": url})
    if not out:
        app.need("an approved open licence", "licenses")
    return list(out.values())


# ----------------------------------------------------------------------------- nominee
def nominee(app: Application) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    name = app.text("name") or app.facts.name
    description = app.text("description") or app.facts.description
    if name:
        doc["name"] = name
    else:
        app.need("the solution's name", "name")
    aliases = _list(app.get("aliases"))
    if aliases:
        doc["aliases"] = list(dict.fromkeys(aliases))
    if description:
        doc["description"] = description
    else:
        app.need("a one-line description", "description")
    website = app.text("website") or app.facts.website
    if website:
        doc["website"] = website
    doc["license"] = licenses(app)
    if not doc["license"]:
        del doc["license"]
    sdgs = []
    for entry in app.get("sdgs") or []:
        if not isinstance(entry, dict) or not isinstance(entry.get("number"), int):
            continue
        item: dict[str, Any] = {"SDGNumber": entry["number"]}
        relevance = str(entry.get("relevance") or "").strip()
        if relevance:
            item["evidenceText"] = relevance
        else:
            app.need(f"why the solution serves SDG {entry['number']}", "sdgs[].relevance")
        urls = _list(entry.get("evidence"))
        if urls:
            item["evidenceURL"] = urls[0]
            if len(urls) > 1:
                item["evidenceText"] = (item.get("evidenceText", "") + " See also: "
                                        + ", ".join(urls[1:])).strip()
        if item not in sdgs:
            sdgs.append(item)
    if sdgs:
        doc["SDGs"] = sdgs
    else:
        app.need("at least one SDG with its relevance", "sdgs")
    sectors = _sectors(app)
    if sectors:
        doc["sectors"] = sectors
    categories = [CATEGORY_TYPES[c] for c in app.report.categories if c in CATEGORY_TYPES]
    doc["type"] = list(dict.fromkeys(categories)) or ["software"]
    if app.repository:
        doc["repositories"] = [{"name": "main", "url": app.repository}]
    doc["organizations"] = organizations(app)
    doc["stage"] = "nominee"
    return doc


def _sectors(app: Application) -> list[str]:
    allowed = dpga_schema("nominee")["properties"]["sectors"]["items"]["enum"]
    by_lower = {s.lower(): s for s in allowed}
    out = []
    for sector in _list(app.get("sectors")):
        match = by_lower.get(sector.lower())
        if match is None:
            app.missing.append(f"sector '{sector}' is not one of the DPGA's sectors (sectors "
                               "in dpg.yml; see the nominee schema)")
        elif match not in out:
            out.append(match)
    return out


def organizations(app: Application) -> list[dict[str, str]]:
    out = []
    owner = app.text("owner.name") or app.facts.owner
    if owner:
        org = {"name": owner, "org_type": "owner"}
        site = app.text("owner.website") or app.text("owner.evidence_url")
        if site:
            org["website"] = site
        contacts = app.facts.publiccode.contacts
        name = app.text("declared_by.name") or (contacts[0].name if contacts else None)
        if name:
            org["contact_name"] = name
        email = (app.text("declared_by.email") or app.text("owner.email")
                 or (contacts[0].email if contacts and not app.text("declared_by.name")
                     else None))
        if email:
            org["contact_email"] = email
        out.append(org)
    else:
        app.need("the legal owner", "owner.name")
    for item in app.get("organizations") or []:
        if isinstance(item, dict) and item.get("name"):
            org = {"name": str(item["name"]), "org_type": str(item.get("role") or "maintainer")}
            for key in ("website", "contact_name", "contact_email"):
                if item.get(key):
                    org[key] = str(item[key])
            out.append(org)
    return out


# ----------------------------------------------------------------------------- screening
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
    urls = _list(app.get("documentation"))
    found = app.found("documentation")
    readme = next(iter(app.view.find("readme*")), None)
    if not urls and found and readme and app.repo_file_url(readme):
        urls = [str(app.repo_file_url(readme))]
    answer = "Yes" if urls or found else ("No" if found is False else "Unknown")
    if answer == "Unknown":
        app.need("where the documentation is", "documentation")
    return {"isDocumentationAvailable": answer, "documentationURL": urls}


def _non_pii(app: Application) -> dict[str, Any]:
    handles = app.get("data_extraction.handles_non_pii")
    if not isinstance(handles, bool):
        app.need("whether the solution handles non-PII data", "data_extraction.handles_non_pii")
        return {"collectsNonPII": "Unknown", "checkNonPIIAccessMechanism": ""}
    out: dict[str, Any] = {"collectsNonPII": _yes_no(handles), "checkNonPIIAccessMechanism": ""}
    if handles:
        mechanism = app.text("data_extraction.mechanism")
        formats = _list(app.get("data_extraction.formats"))
        url = app.text("data_extraction.evidence_url")
        if mechanism:
            out["checkNonPIIAccessMechanism"] = "Yes"
            out["nonPIIAccessMechanism"] = " ".join(filter(None, [
                mechanism, f"Formats: {', '.join(formats)}." if formats else None, url]))
        else:
            out["checkNonPIIAccessMechanism"] = "Unknown"
            app.need("how non-PII data can be exported", "data_extraction.mechanism")
    return out


def _locations(app: Application) -> dict[str, Any]:
    development = _list(app.get("locations.development")) or _list(app.get("owner.country"))
    deployment = _list(app.get("locations.deployment"))
    if not development:
        app.need("countries the solution is developed in", "locations.development")
    if not deployment:
        app.need("countries the solution is deployed in", "locations.deployment")
    return {"developmentCountries": development, "deploymentCountries": deployment}


def _privacy(app: Application) -> dict[str, Any]:
    laws = _named(app.get("privacy.laws"))
    if not laws:
        app.need("the privacy and other laws complied with", "privacy.laws")
        return {"isPrivacyCompliant": "Unknown"}
    steps = _list(app.get("privacy.steps"))
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
    standards = _named(app.get("standards"))
    practices = _named(app.get("best_practices"))
    if not standards:
        app.need("the open standards the solution supports", "standards")
    if not practices:
        app.need("the best practices the solution follows", "best_practices")
    return {
        "supportStandards": "Yes" if standards else "Unknown",
        "standardsList": [n for n, _ in standards],
        "evidenceStandardSupport": [u for _, u in standards if u],
        "implementBestPractices": "Yes" if practices else "Unknown",
        "bestPracticesList": [n for n, _ in practices],
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
                           "typesOfDataCollected": _list(app.get("data_privacy.types")),
                           "thirdPartyDataSharing": "Yes" if level == "distributed" else "No"}
    if not out["typesOfDataCollected"]:
        app.need("the types of personal data", "data_privacy.types")
    sharing = _list(app.get("data_privacy.sharing"))
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
    minors = _list(app.get("interaction.minors"))
    protections = _list(app.get("interaction.protections"))
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


# ----------------------------------------------------------------------------- markdown
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


# ----------------------------------------------------------------------------- entry
def build(root: Path, report: Report, decl: Declarations) -> Application:
    view = RepoView.from_path(root)
    return Application(decl=decl, facts=gather(view), report=report, view=view)


def run_export(path: Path, fmt: str) -> tuple[str, list[str]]:
    """(the application text, the missing answers) for the repository at ``path``."""
    if fmt not in FORMATS:
        raise DpgcheckError(f"unknown format '{fmt}': use {', '.join(FORMATS)}")
    from dpgcheck.declarations.loader import load_declarations
    from dpgcheck.engine.runner import RunConfig, check_target

    if not path.is_dir():
        raise DpgcheckError(f"not a folder: {path}")
    root = path.resolve()
    report = check_target(str(root), RunConfig())
    decl = load_declarations(RepoView.from_path(root))
    app = build(root, report, decl)
    nom = nominee(app)
    scr = screening(app)
    if fmt == "dpga-nominee":
        text = json.dumps(nom, indent=2, ensure_ascii=False) + "\n"
    elif fmt == "dpga-screening":
        text = json.dumps(scr, indent=2, ensure_ascii=False) + "\n"
    else:
        text = markdown(app, nom, scr)
    from dpgcheck.formats.sanitize import json_text, terminal

    # Control characters from the repository shown escaped (JSON: as \u escapes, lossless).
    text = json_text(text) if fmt != "markdown" else terminal(text)
    return text, app.missing
