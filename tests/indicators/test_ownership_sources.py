"""Indicator 3: the owner is who the project's own licence, manifests, README and forge name,
not a licence steward's boilerplate, a framework's skeleton headers or a build template."""

from __future__ import annotations

import json

MIT = ("MIT License\n\nCopyright (c) {holder}\n\nPermission is hereby granted, free of charge, "
       "to any person obtaining a copy\n\nThe above copyright notice and this permission "
       "notice shall be included in all copies.\n")


def run3(cli, root):
    out = cli("--only", "3", "--format", "json", root)
    (ind,) = json.loads(out.stdout)["indicators"]
    return ind


def test_a_steward_named_as_the_project_owner_is_the_owner(cli, repo):
    ind = run3(cli, repo({"LICENSE": MIT.format(holder="2020 Creative Commons")}))
    assert ind["status"] == "pass"
    assert ind["holders"][0]["name"] == "Creative Commons"


def test_steward_boilerplate_of_its_own_licence_is_not_the_owner(cli, repo):
    text = ("Attribution 4.0 International\n\nCreative Commons Corporation (\"Creative "
            "Commons\") is not a law firm.\n\nCopyright (c) 2016 Creative Commons "
            "Corporation\n")
    ind = run3(cli, repo({"LICENSE": text}))
    assert ind["status"] == "needs-declaration"


def test_readme_copyright_line_without_year_names_the_owner(cli, repo):
    readme = "# Tool\n\nAbout the tool.\n\nCopyright Management Sciences for Health.\n"
    ind = run3(cli, repo({"README.md": readme}))
    assert ind["status"] == "pass"
    assert ind["holders"][0]["name"] == "Management Sciences for Health"


def test_filled_in_apache_appendix_line_names_the_owner(cli, repo):
    text = ("Apache License\nVersion 2.0, January 2004\n\nTERMS AND CONDITIONS\n\n"
            + "Some terms.\n" * 50 + "END OF TERMS AND CONDITIONS\n\nAPPENDIX: How to apply "
            "the Apache License to your work.\n\n   Copyright 2019 Jembi Health Systems\n\n"
            "   Licensed under the Apache License, Version 2.0\n")
    ind = run3(cli, repo({"LICENSE": text}))
    assert ind["status"] == "pass"
    assert ind["holders"][0]["name"] == "Jembi Health Systems"


def test_build_plugin_header_template_is_no_placeholder(cli, repo):
    ind = run3(cli, repo({"LICENSE-header.txt": "/**\n * Copyright (C) ${year} City Health "
                          "Department\n */\n", "LICENSE": MIT.format(holder="2024 City Health "
                                                                     "Department")}))
    assert "clear-ownership/placeholder" not in {f["id"] for f in ind["findings"]}
    assert ind["status"] == "pass"


def test_filled_in_brackets_are_a_name_not_a_placeholder(cli, repo):
    ind = run3(cli, repo({"LICENSE": MIT.format(holder="<2020> <Bluesquare>")}))
    assert ind["status"] == "pass"
    assert ind["holders"][0]["name"] == "Bluesquare"
    assert "clear-ownership/placeholder" not in {f["id"] for f in ind["findings"]}


def test_framework_skeleton_headers_are_not_the_owner(cli, repo):
    files = {f"app/gen{i}.java": "/*\n * Copyright (C) 2017 The Android Open Source Project\n"
             " */\nclass A {}\n" for i in range(5)}
    files["LICENSE"] = MIT.format(holder="2023 Real Health NGO")
    ind = run3(cli, repo(files))
    names = [h["name"] for h in ind["holders"]]
    assert names[0] == "Real Health NGO"
    assert not any("Android Open Source" in n for n in names)


def test_copyright_line_right_after_end_of_terms_names_the_owner(cli, repo):
    text = ("Apache License\nVersion 2.0, January 2004\n\n" + "Some terms.\n" * 50
            + "   END OF TERMS AND CONDITIONS\n\n   Copyright 2021, TIP Global Health\n\n"
            "   Licensed under the Apache License, Version 2.0\n")
    ind = run3(cli, repo({"LICENSE.txt": text}))
    assert ind["status"] == "pass"
    assert ind["holders"][0]["name"] == "TIP Global Health"
