"""The nominee record: declarations first, then the facts; the DPGA's spellings and lists."""

from __future__ import annotations

from dpgcheck.application.nominee import nominee
from tests.application_helpers import EXAMPLE_FILES, application, validate


def test_nominee_mapping(repo):
    doc = nominee(application(repo(EXAMPLE_FILES)))
    assert doc["license"] == [{"spdx": "MIT", "licenseURL":
                               "https://github.com/example-health/kijiji-records/blob/HEAD/LICENSE"}]
    assert [s["SDGNumber"] for s in doc["SDGs"]] == [3, 10]
    assert doc["organizations"][0]["org_type"] == "owner"
    assert doc["stage"] == "nominee" and doc["type"] == ["software"]


def test_incomplete_nominee_lists_required_fields(repo):
    app = application(repo({"README.md": "no heading\n", "LICENSE": "Some custom licence\n"}))
    doc = nominee(app)
    assert "at least one SDG with its relevance (sdgs in dpg.yml)" in app.missing
    assert "an approved open licence (licenses in dpg.yml)" in app.missing
    errors = validate("nominee", doc)
    assert any("'SDGs' is a required property" in e for e in errors)


def test_licence_outside_the_dpga_list_is_reported(repo):
    files = dict(EXAMPLE_FILES)
    files["dpg.yml"] += "licenses:\n  - component: weights\n    spdx: LicenseRef-Custom\n"
    app = application(repo(files))
    nominee(app)
    assert any("licence 'LicenseRef-Custom' is not on the DPGA's list" in m for m in app.missing)


def test_publiccode_facts_fill_what_dpg_yml_leaves_out(repo):
    root = repo({
        "publiccode.yml": "name: Medusa\nurl: https://github.com/city/medusa.git\n"
                          "landingURL: https://medusa.example.org\nlegal:\n  license: "
                          "GPL-3.0-or-later\n  mainCopyrightOwner: City of Example\n"
                          "description:\n  en:\n    shortDescription: Permits online.\n"
                          "maintenance:\n  contacts:\n    - name: Ann Lee\n"
                          "      email: ann@example.org\n",
        "dpg.yml": "sdgs:\n  - number: 16\n    relevance: Open permits.\n"})
    app = application(root)
    doc = nominee(app)
    assert app.missing == []
    assert validate("nominee", doc) == []
    assert (doc["name"], doc["description"], doc["website"]) == (
        "Medusa", "Permits online.", "https://medusa.example.org")
    assert doc["license"] == [{"spdx": "GPL-3.0", "licenseURL":
                               "https://github.com/city/medusa/blob/HEAD/publiccode.yml"}]
    assert doc["repositories"] == [{"name": "main", "url": "https://github.com/city/medusa"}]
    assert doc["organizations"] == [{"name": "City of Example", "org_type": "owner",
                                     "contact_name": "Ann Lee",
                                     "contact_email": "ann@example.org"}]
