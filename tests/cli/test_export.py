"""``dpgcheck export``: the DPGA application validates against the DPGA's own schemas."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from dpgcheck.application.answers import dpga_schema

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_FILES = {
    "dpg.yml": (ROOT / "examples/dpg.yml").read_text("utf-8"),
    "README.md": "# Kijiji Clinic Records\n\nPatient records for rural clinics (SDG 3: Good "
                 "Health and Well-being).\n",
    "LICENSE": "MIT License\n\nCopyright (c) 2025 Example Health Foundation\n\nPermission is "
               "hereby granted, free of charge, to any person obtaining a copy... "
               "MERCHANTABILITY\n",
}


def validate(kind: str, document: dict) -> list[str]:
    validator = Draft7Validator(dpga_schema(kind))
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


@pytest.mark.parametrize("kind", ["nominee", "screening"])
def test_complete_example_exports_valid_json(cli, repo, tmp_path, kind):
    root = repo(EXAMPLE_FILES)
    out = tmp_path / f"{kind}.json"
    result = cli("export", "--format", f"dpga-{kind}", "--output", out, root)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "" and result.stdout == ""
    document = json.loads(out.read_text())
    assert validate(kind, document) == []
    shipped = json.loads((ROOT / f"examples/application-{kind}.json").read_text())
    assert document == shipped


def test_nominee_mapping(cli, repo):
    result = cli("export", "-f", "dpga-nominee", repo(EXAMPLE_FILES))
    doc = json.loads(result.stdout)
    assert doc["license"] == [{"spdx": "MIT", "licenseURL":
                               "https://github.com/example-health/kijiji-records/blob/HEAD/LICENSE"}]
    assert [s["SDGNumber"] for s in doc["SDGs"]] == [3, 10]
    assert doc["organizations"][0]["org_type"] == "owner"
    assert doc["stage"] == "nominee" and doc["type"] == ["software"]


def test_screening_mapping_uses_the_fixed_answers(cli, repo):
    doc = json.loads(cli("export", "-f", "dpga-screening", repo(EXAMPLE_FILES)).stdout)
    harm = doc["doNoHarm"]
    assert harm["dataPrivacySecurity"]["collectsPII"] == "Yes"
    assert harm["dataPrivacySecurity"]["thirdPartyDataSharing"] == "No"
    assert harm["inappropriateIllegalContent"] == {"collectStoreDistribute": "No"}
    assert harm["protectionFromHarassment"] == {"userInteraction": "No"}
    assert doc["privacy"]["privacyComplianceList"] == ["Kenya Data Protection Act 2019", "GDPR"]
    assert doc["platformIndependence"]["mandatoryDepsCreateMoreRestrictions"] == "No"
    assert doc["locations"]["deploymentCountries"] == ["Kenya", "Uganda", "Tanzania"]


def test_incomplete_answers_are_listed_and_exit_1(cli, repo, tmp_path):
    root = repo({"README.md": "# Tool\n\nDoes things.\n",
                 "dpg.yml": "data_privacy:\n  pii: distributed\ninteraction:\n"
                            "  users_interact: true\n"})
    out = tmp_path / "s.json"
    result = cli("export", "-f", "dpga-screening", "-o", out, root)
    assert result.exit_code == 1
    missing = result.stderr.splitlines()
    assert "missing: the types of personal data (data_privacy.types in dpg.yml)" in missing
    assert ("missing: how under-age users are kept safe (interaction.minors in dpg.yml)"
            in missing)
    assert "missing: the privacy and other laws complied with (privacy.laws in dpg.yml)" \
        in missing
    document = json.loads(out.read_text())
    assert validate("screening", document) == []  # "Unknown" keeps it valid
    assert document["doNoHarm"]["dataPrivacySecurity"]["thirdPartyDataSharing"] == "Yes"
    assert cli("export", "-f", "dpga-screening", "--allow-incomplete", root).exit_code == 0


def test_incomplete_nominee_lists_required_fields(cli, repo):
    root = repo({"README.md": "no heading\n", "LICENSE": "Some custom licence\n"})
    result = cli("export", "-f", "dpga-nominee", "--allow-incomplete", root)
    assert result.exit_code == 0
    assert "missing: at least one SDG with its relevance (sdgs in dpg.yml)" in result.stderr
    assert "missing: an approved open licence (licenses in dpg.yml)" in result.stderr
    errors = validate("nominee", json.loads(result.stdout))
    assert any("'SDGs' is a required property" in e for e in errors)


def test_licence_outside_the_dpga_list_is_reported(cli, repo):
    files = dict(EXAMPLE_FILES)
    files["dpg.yml"] += "licenses:\n  - component: weights\n    spdx: LicenseRef-Custom\n"
    result = cli("export", "-f", "dpga-nominee", repo(files))
    assert result.exit_code == 1
    assert "licence 'LicenseRef-Custom' is not on the DPGA's list" in result.stderr


def test_markdown_draft(cli, repo):
    result = cli("export", "-f", "markdown", repo(EXAMPLE_FILES))
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("# DPG application draft: Kijiji Clinic Records\n")
    assert "- **SDG 3 (Good Health and Well-being)**: Gives rural clinics" in text
    assert "## 9a. Data privacy and security" in text and "(stored)" in text
    assert "## Missing answers" not in text
    bare = cli("export", "-f", "markdown", "--allow-incomplete",
               repo({"README.md": "# T\n\nx\n"})).stdout
    assert "## Missing answers" in bare and "- [ ] at least one SDG" in bare


def test_unknown_format_and_broken_declarations_exit_2(cli, repo):
    root = repo(EXAMPLE_FILES)
    bad = cli("export", "-f", "pdf", root)
    assert bad.exit_code == 2 and "unknown format 'pdf'" in bad.stderr
    broken = repo({"dpg.yml": "sdgs:\n  - number: 42\n"})
    result = cli("export", broken)
    assert result.exit_code == 2 and "SDG 42 does not exist" in result.stderr


def test_publiccode_facts_fill_what_dpg_yml_leaves_out(cli, repo):
    root = repo({
        "publiccode.yml": "name: Medusa\nurl: https://github.com/city/medusa.git\n"
                          "landingURL: https://medusa.example.org\nlegal:\n  license: "
                          "GPL-3.0-or-later\n  mainCopyrightOwner: City of Example\n"
                          "description:\n  en:\n    shortDescription: Permits online.\n"
                          "maintenance:\n  contacts:\n    - name: Ann Lee\n"
                          "      email: ann@example.org\n",
        "dpg.yml": "sdgs:\n  - number: 16\n    relevance: Open permits.\n"})
    result = cli("export", "-f", "dpga-nominee", root)
    doc = json.loads(result.stdout)
    assert validate("nominee", doc) == []
    assert (doc["name"], doc["description"], doc["website"]) == (
        "Medusa", "Permits online.", "https://medusa.example.org")
    assert doc["license"] == [{"spdx": "GPL-3.0", "licenseURL":
                               "https://github.com/city/medusa/blob/HEAD/publiccode.yml"}]
    assert doc["repositories"] == [{"name": "main", "url": "https://github.com/city/medusa"}]
    assert doc["organizations"] == [{"name": "City of Example", "org_type": "owner",
                                     "contact_name": "Ann Lee",
                                     "contact_email": "ann@example.org"}]
