"""Indicator 3 on real repositories: holders, placeholders, conflicts, supporting evidence."""

from __future__ import annotations

import json

import pytest

from dpgcheck.evidence.copyright import holder_from_line, same_owner

MIT = ("MIT License\n\nCopyright (c) {holder}\n\nPermission is hereby granted, free of charge, "
       "to any person obtaining a copy\n\nThe above copyright notice and this permission "
       "notice shall be included in all copies.\n")
APACHE_TAIL = ("\n   END OF TERMS AND CONDITIONS\n\n   APPENDIX: How to apply the Apache License"
               "\n\n   Copyright [yyyy] [name of copyright owner]\n")
GPL_HEAD = ("GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n\n Copyright (C) 2007 Free "
            "Software Foundation, Inc. <https://fsf.org/>\n")


def run3(cli, root):
    out = cli("--only", "3", "--format", "json", root)
    (ind,) = json.loads(out.stdout)["indicators"]
    return ind


def ids(ind):
    return {f["id"]: f["status"] for f in ind["findings"]}


def test_named_holder_in_licence_passes(cli, repo):
    ind = run3(cli, repo({"LICENSE": MIT.format(holder="2021-2024 Example Health Foundation")}))
    assert ind["status"] == "pass"
    assert ind["holders"][0] == {"name": "Example Health Foundation", "path": "LICENSE",
                                 "line": 3, "source": "licence"}


@pytest.mark.parametrize("holder", ["[year] [fullname]", "<copyright holders>", "YOUR NAME",
                                    "{{ cookiecutter.author_name }}", "2024 [Your Name]"])
def test_placeholder_is_not_an_owner(cli, repo, holder):
    ind = run3(cli, repo({"LICENSE": MIT.format(holder=holder)}))
    assert ind["status"] == "needs-declaration"
    assert ids(ind)["clear-ownership/placeholder"] == "warning"
    assert ids(ind)["clear-ownership/no-owner"] == "needs-declaration"
    assert ind["holders"] == []


def test_placeholder_with_owner_elsewhere_warns(cli, repo):
    root = repo({"LICENSE": MIT.format(holder="[year] [fullname]"),
                 "package.json": '{"name": "x", "author": "Jane Roe <jane@roe.org>"}'})
    ind = run3(cli, root)
    assert ind["status"] == "warning"
    assert ind["holders"][0]["name"] == "Jane Roe"


def test_licence_appendix_and_steward_lines_are_ignored(cli, repo):
    ind = run3(cli, repo({"LICENSE": "Apache License\n" + APACHE_TAIL,
                          "COPYING": GPL_HEAD}))
    assert ind["status"] == "needs-declaration"
    assert "clear-ownership/placeholder" not in ids(ind)
    assert ind["holders"] == []


def test_nothing_named_needs_declaration(cli, repo):
    assert run3(cli, repo({"README.md": "# x\n"}))["status"] == "needs-declaration"


def test_declared_owner_alone_passes(cli, repo):
    ind = run3(cli, repo({"dpg.yml": "owner:\n  name: Example Foundation\n  country: Kenya\n"}))
    assert ind["status"] == "pass"
    assert ids(ind)["clear-ownership/declared-owner"] == "pass"


def test_declared_owner_differing_from_notice_warns(cli, repo):
    root = repo({"LICENSE": MIT.format(holder="2020 Acme Widgets Ltd"),
                 "dpg.yml": "owner:\n  name: Example Foundation\n"})
    ind = run3(cli, root)
    assert ind["status"] == "warning"
    assert ids(ind)["clear-ownership/declared-owner-differs"] == "warning"


def test_declared_owner_matching_loosely_is_no_conflict(cli, repo):
    root = repo({"LICENSE": MIT.format(holder="2015 The CKAN Association and contributors"),
                 "dpg.yml": "owner:\n  name: CKAN Association\n"})
    assert run3(cli, root)["status"] == "pass"


def test_legal_files_naming_unrelated_owners_warn(cli, repo):
    root = repo({"LICENSE": MIT.format(holder="2020 Acme Widgets Ltd"),
                 "NOTICE": "Copyright 2021 Globex Corporation\n"})
    assert ids(run3(cli, root))["clear-ownership/holders-disagree"] == "warning"


def test_many_authors_are_not_a_conflict(cli, repo):
    root = repo({"LICENSE": MIT.format(holder="2020 Acme Widgets Ltd"),
                 "AUTHORS": "# Authors\nAlice Smith\nBob Jones <bob@x.org>\nCarol Wu\n"})
    ind = run3(cli, root)
    assert ind["status"] == "pass"


@pytest.mark.parametrize(("files", "expected"), [
    ({"pyproject.toml": '[project]\nname = "x"\nauthors = [{name = "Ada Lovelace"}]\n'},
     "Ada Lovelace"),
    ({"Cargo.toml": '[package]\nname = "x"\nauthors = ["Grace Hopper <g@h.org>"]\n'},
     "Grace Hopper"),
    ({"composer.json": '{"authors": [{"name": "Linus Example"}]}'}, "Linus Example"),
    ({"pom.xml": "<project><organization><name>Acme Org</name></organization></project>"},
     "Acme Org"),
    ({"DESCRIPTION": 'Package: x\nAuthors@R: person("Hadley", "Example", role = "cre")\n'},
     "Hadley Example"),
    ({"CITATION.cff": "cff-version: 1.2.0\nauthors:\n  - family-names: Curie\n"
                      "    given-names: Marie\n"}, "Marie Curie"),
    ({"src/main.py": "# SPDX-FileCopyrightText: 2023 Header Holder GmbH\nprint(1)\n"},
     "Header Holder GmbH"),
])
def test_holders_from_manifests_citation_and_headers(cli, repo, files, expected):
    ind = run3(cli, repo(files))
    assert ind["status"] == "pass"
    assert expected in [h["name"] for h in ind["holders"]]


def test_copyright_strings_in_tests_are_test_data_not_owners(cli, repo):
    root = repo({
        "src/app.py": "# Copyright 2024 Real Owner Ltd\nprint(1)\n",
        "tests/test_init.py": 'FILES = {"LICENSE": "Copyright 2021 Fixture Commons e.V.\\n"}\n',
        "examples/demo.py": "# Copyright 2019 Example Person\n",
    })
    names = [h["name"] for h in run3(cli, root)["holders"]]
    assert "Real Owner Ltd" in names
    assert not [n for n in names if "Fixture" in n or "Example Person" in n], names


def test_supporting_evidence_governance_cla_trademark_signoff(cli, repo):
    root = repo({
        "LICENSE": MIT.format(holder="2020 Acme Widgets Ltd"),
        "GOVERNANCE.md": "# Governance\nThe steering committee decides.\n",
        ".github/CODEOWNERS": "* @acme/maintainers\n",
        ".github/workflows/cla.yml": "jobs:\n  cla:\n    steps:\n"
                                     "      - uses: contributor-assistant/github-action@v2\n",
        "TRADEMARK.md": "Acme is a trademark of Acme Widgets Ltd.\n",
    }, message="Add files\n\nSigned-off-by: Test Author <author@example.org>")
    found = ids(run3(cli, root))
    for finding in ("governance", "cla-dco", "trademark"):
        assert found[f"clear-ownership/{finding}"] == "pass"


def test_empty_codeowners_is_not_governance(cli, repo):
    root = repo({"LICENSE": MIT.format(holder="2020 Acme"), "CODEOWNERS": "# nobody yet\n"})
    assert "clear-ownership/governance" not in ids(run3(cli, root))


@pytest.mark.parametrize(("line", "expected"), [
    ("Copyright (c) 2015-2020 The CKAN Foundation and contributors",
     ("The CKAN Foundation and contributors", False)),
    ("Copyright [yyyy] [name of copyright owner]", ("[name of copyright owner]", True)),
    ("The above copyright notice and this permission notice", None),
    ("Copyright notice", None),
    (" * Copyright (C) OpenMRS Inc. OpenMRS is a registered trademark", ("OpenMRS Inc.", False)),
    ("Copyright (C) <year>  <name of author>", ("<name of author>", True)),
])
def test_holder_from_line(line, expected):
    assert holder_from_line(line) == expected


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Mastodon gGmbH", "mastodon", True),
    ("Nordic Institute for Interoperability Solutions (NIIS)", "NIIS", True),
    ("The Apache Software Foundation", "Apache Software Foundation", True),
    ("Open Knowledge Foundation", "Acme Widgets Ltd", False),
])
def test_same_owner(a, b, same):
    assert same_owner(a, b) is same


def test_third_party_notices_in_licence_are_not_the_project_holders(cli, repo):
    text = (MIT.format(holder="2006-2023 Open Data Org and contributors")
            + "\nNote\n====\n\nThe pagination module contains parts of WebHelpers, distributed "
              "under the following license:\n\nCopyright (c) 2005, Some Newspaper\n")
    ind = run3(cli, repo({"LICENSE": text, "NOTICE": "Copyright 2020 Open Data Org\n"}))
    assert [h["name"] for h in ind["holders"]] == ["Open Data Org and contributors",
                                                   "Open Data Org"]
    assert ind["status"] == "pass"


def test_broken_manifests_do_not_break_the_check(cli, repo):
    root = repo({"package.json": "{not json", "pyproject.toml": "[project\nauthors = 3",
                 "CITATION.cff": "authors: [unclosed", "LICENSE": MIT.format(holder="2020 Acme")})
    ind = run3(cli, root)
    assert ind["status"] == "pass"
    assert [h["name"] for h in ind["holders"]] == ["Acme"]


def test_remote_organisation_is_supporting_evidence_not_an_owner(repo):
    from dpgcheck_indicators.ownership import ClearOwnership

    from dpgcheck.model import Status
    from tests.indicators.test_harassment import remote_context

    ctx = remote_context(repo({"README.md": "# tool\n"}), owner_type="Organization")
    result = ClearOwnership().check(ctx)
    assert result.status == Status.NEEDS_DECLARATION
    assert "clear-ownership/forge-organisation" in {f.id for f in result.findings}
    assert "organisation" in result.findings[0].evidence[0].message
