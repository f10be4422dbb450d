"""The DPGA nominee record (``data/dpga/nominee-schema.json``) from an application.

Name, description, website, licences (the DPGA's spellings, each with a URL where it is
stated), SDGs with their relevance, sectors, type, repositories and organisations. What the
record needs and nobody declared is recorded on the application as missing.
"""

from __future__ import annotations

import re
from typing import Any

from dpgcheck.application.answers import Application, as_list, dpga_schema
from dpgcheck.application.facts import dpga_spelling

CATEGORY_TYPES = {"software": "software", "data": "data", "content": "content",
                  "aimodel": "aimodel"}


def _ids(expression: str) -> list[str]:
    return [t for t in re.split(r"\s+(?:AND|OR|WITH)\s+|[()\s]+", expression) if t]


def licenses(app: Application) -> list[dict[str, str]]:
    """Licences as the nominee schema wants them: DPGA spellings from its enum, with a URL."""
    allowed = set(dpga_schema("nominee")["properties"]["license"]["items"]["properties"]
                  ["spdx"]["enum"])
    found: list[tuple[str, str | None]] = []
    # What the maintainer declared comes first and its URL wins, on any host: a repository
    # off the known forges has no file URL dpgcheck could build.
    for item in app.get("licenses") or []:
        if isinstance(item, dict) and item.get("spdx"):
            found += [(i, item.get("url")) for i in _ids(str(item["spdx"]))]
    rep = app.indicator("open-license")
    if rep is not None:
        for value in rep.data.values():
            items = value if isinstance(value, list) else [value]
            for item in items:
                if isinstance(item, dict):
                    spdx = item.get("spdx") or item.get("id") or item.get("expression")
                    if isinstance(spdx, str):
                        found += [(i, item.get("path")) for i in _ids(spdx)]
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
        entry = out.setdefault(name, {"spdx": name, "licenseURL": ""})
        if url and not entry["licenseURL"]:
            entry["licenseURL"] = url
    for name, entry in out.items():
        if not entry["licenseURL"]:
            app.need(f"a URL where the licence {name} is stated", "licenses[].url")
    if not out:
        app.need("an approved open licence", "licenses")
    return list(out.values())


def nominee(app: Application) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    name = app.text("name") or app.facts.name
    description = app.text("description") or app.facts.description
    if name:
        doc["name"] = name
    else:
        app.need("the solution's name", "name")
    aliases = as_list(app.get("aliases"))
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
        urls = as_list(entry.get("evidence"))
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
    for sector in as_list(app.get("sectors")):
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
