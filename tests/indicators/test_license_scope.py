"""Indicator 2 on repositories of every category: the category guessed when nothing is
declared, licences by scope, and the real-world texts (BUSL parameter blocks, Confluent,
modified Apache, CRAN stubs) a reviewer meets."""

from __future__ import annotations

import json

from tests.license_texts import filled, spdx_text


def report(cli, root, *args):
    result = cli("--only", "2", "-f", "json", *args, root)
    assert result.exit_code in (0, 1, 3), result.stderr
    return json.loads(result.stdout)


def indicator(cli, root, *args):
    return report(cli, root, *args)["indicators"][0]


def statuses(ind) -> dict[str, str]:
    return {f["id"]: f["status"] for f in ind["findings"]}


def prose(n: int) -> dict[str, str]:
    return {f"stories/{i:03d}.md": f"# Story {i}\n\nOnce upon a time, {i}.\n" for i in range(n)}


def test_content_repository_is_judged_as_content_and_says_it_assumed(cli, repo):
    root = repo({"LICENSE": spdx_text("CC-BY-4.0"), **prose(30)})
    out = report(cli, root)
    assert out["categories"] == ["content"]
    assert out["category_basis"]["source"] == "inferred"
    assert "prose" in out["category_basis"]["reason"]
    assert any(n.startswith("category assumed: content") for n in out["notes"])
    assert out["indicators"][0]["status"] == "pass"


def test_licence_for_another_plausible_category_is_a_warning_when_assumed(cli, repo):
    files = {"LICENSE": spdx_text("ODbL-1.0"), **prose(20),
             **{f"tables/t{i}.csv": "a,b\n1,2\n" for i in range(4)}}
    ind = indicator(cli, repo(files))
    assert ind["status"] == "warning"
    finding = next(f for f in ind["findings"] if f["id"] == "open-license/approved-elsewhere")
    assert "approved for data, not content" in finding["message"]
    assert "assumed" in finding["message"]


def test_declared_category_still_fails_a_licence_not_approved_for_it(cli, repo):
    ind = indicator(cli, repo({"LICENSE": spdx_text("CC-BY-4.0"), "app.py": "print(1)\n"}),
                    "--category", "software")
    assert ind["status"] == "fail"
    assert statuses(ind)["open-license/not-approved"] == "fail"


def test_code_and_data_licence_files_each_cover_their_scope(cli, repo):
    files = {"LICENSE-CODE.txt": filled("BSD-3-Clause"), "LICENSE-DATA.txt": spdx_text("ODbL-1.0"),
             "app/main.py": "print(1)\n", "pyproject.toml": "[project]\nname = 'x'\n"}
    for category in ("software", "data"):
        ind = indicator(cli, repo(files), "--category", category)
        assert ind["status"] == "pass", (category, ind["findings"])
        assert ind["scopes"]["software"]["expression"] == "BSD-3-Clause"
        assert ind["scopes"]["data"]["paths"] == ["LICENSE-DATA.txt"]
        assert "data: ODbL-1.0 (LICENSE-DATA.txt)" in ind["summary"]


def test_software_licence_of_a_data_dpg_asks_which_licence_covers_the_data(cli, repo):
    files = {"LICENSE": filled("MIT"), "src/app.py": "print(1)\n", "src/b.py": "x = 1\n",
             "src/c.py": "y = 2\n", "package.json": '{"name": "x"}'}
    ind = indicator(cli, repo(files), "--category", "data")
    assert ind["status"] == "needs-declaration"
    uncovered = next(f for f in ind["findings"] if f["id"] == "open-license/uncovered")
    assert "covers the code" in uncovered["message"]
    assert "LICENSE-DATA" in uncovered["remediation"]


def test_readme_section_and_licence_named_file_give_scopes(cli, repo):
    readme = ("# Tool\n\nThings.\n\n## Licenses\n\n### Code\n\nSee LICENSE.\n\n"
              "### Legal code text\n\nThe text is dedicated to the public domain under the "
              "CC0 1.0 Universal Public Domain Dedication.\n\n## Other\n")
    ind = indicator(cli, repo({"LICENSE": filled("MIT"), "README.md": readme,
                               "manage.py": "print(1)\n"}), "--category", "content")
    assert ind["status"] == "pass"
    assert ind["scopes"]["content"]["expression"] == "CC0-1.0"
    ind = indicator(cli, repo({"LICENSE": filled("MIT"), "CC BY-SA 4.0.md":
                               spdx_text("CC-BY-SA-4.0"), "code/model.py": "print(1)\n"}),
                    "--category", "content", "--category", "software")
    assert ind["status"] == "pass"
    assert ind["scopes"]["content"]["paths"] == ["CC BY-SA 4.0.md"]


def test_data_sentence_in_readme_is_scoped_evidence(cli, repo):
    readme = "# Atlas\n\nAll data in this repository is licensed under the ODbL.\n"
    ind = indicator(cli, repo({"LICENSE": filled("MIT"), "README.md": readme,
                               "src/a.py": "1\n", "src/b.py": "2\n", "src/c.py": "3\n"}),
                    "--category", "data")
    assert ind["status"] == "pass"
    assert ind["scopes"]["data"]["expression"] == "ODbL-1.0"


BUSL_PARAMS = (
    "License text copyright (c) 2020 MariaDB Corporation Ab, All Rights Reserved.\n"
    "\"Business Source License\" is a trademark of MariaDB Corporation Ab.\n\nParameters\n\n"
    "Licensor:             Example Corp.\nLicensed Work:        Example 2.0. The Licensed Work "
    "is (c) 2024 Example Corp.\nAdditional Use Grant: You may make production use of the "
    "Licensed Work, provided\n                      it does not compete with Example.\n"
    "Change Date:          2028-01-01\nChange License:       MPL 2.0\n\nNotice\n\n")


def test_busl_with_its_parameter_block_fails(cli, repo):
    busl = spdx_text("BUSL-1.1")
    text = BUSL_PARAMS + busl
    ind = indicator(cli, repo({"LICENSE": text, "main.go": "package main\n"}))
    assert ind["expression"] == "BUSL-1.1"
    assert ind["status"] == "fail"
    assert not any(f["id"] == "open-license/modified" for f in ind["findings"])


CONFLUENT = """Confluent Community License Agreement
Version 1.0

This Confluent Community License Agreement Version 1.0 (the "Agreement") sets forth the terms
on which Confluent, Inc. makes available certain software made available by Confluent under
this Agreement.

1. License Grant. Subject to the terms and conditions of this Agreement, Confluent hereby
grants to Licensee a non-exclusive, royalty-free, worldwide, non-transferable license to use,
reproduce, distribute and modify the Software, in each case subject to the limitation that
the Software may not be used for an Excluded Purpose.

"Excluded Purpose" is making available any software-as-a-service, platform-as-a-service,
infrastructure-as-a-service or other similar online service that competes with Confluent
products or services that provide the Software (a "SaaS Offering").
"""


def test_confluent_community_license_is_recognised_and_fails(cli, repo):
    ind = indicator(cli, repo({"LICENSE": CONFLUENT, "main.go": "package main\n"}))
    assert ind["expression"] == "LicenseRef-Confluent-Community-1.0"
    assert ind["status"] == "fail"


def test_modified_apache_is_never_approved(cli, repo):
    apache = spdx_text("Apache-2.0")
    variants = {
        "retitled": apache.replace("Apache License", "Modified Apache License", 1),
        "no patent grant": apache[: apache.find("3. Grant of Patent License")]
        + apache[apache.find("4. Redistribution"):],
        "non-commercial": apache.replace("perpetual, worldwide, non-exclusive, no-charge, "
                                         "royalty-free, irrevocable", "revocable, non-commercial"),
    }
    for name, text in variants.items():
        ind = indicator(cli, repo({"LICENSE": text, "main.py": "print(1)\n"}))
        assert ind["status"] == "fail", name
        assert statuses(ind)["open-license/modified"] == "fail", name
        assert all(x["approved"] is not True for x in ind["licenses"] if x["method"] == "text")


def test_isc_and_0bsd_and_postgresql_are_told_apart(cli, repo):
    for ident in ("ISC", "0BSD", "PostgreSQL", "BSD-3-Clause"):
        ind = indicator(cli, repo({"LICENSE": filled(ident), "main.c": "int main;\n"}))
        assert ind["expression"] == ident


def test_cran_stub_with_description_is_mit(cli, repo):
    ind = indicator(cli, repo({"LICENSE": "YEAR: 2024\nCOPYRIGHT HOLDER: data.org\n",
                               "DESCRIPTION": "Package: x\nLicense: MIT + file LICENSE\n",
                               "NAMESPACE": "export(f)\n", "R/f.R": "f <- function() 1\n"}))
    assert ind["expression"] == "MIT"
    assert ind["status"] == "pass"
    assert "open-license/unrecognised" not in statuses(ind)


def test_licence_page_that_includes_the_licence_by_macro_is_not_unrecognised(cli, repo):
    ind = indicator(cli, repo({"LICENSE": filled("MIT"), "app.py": "print(1)\n",
                               "docs/license.md": "\n{{ gitsnippet('x.git', 'LICENSE') }}\n"}))
    assert ind["status"] == "pass"
    assert "open-license/unrecognised" not in statuses(ind)


def test_licence_notices_in_source_headers_are_evidence(cli, repo):
    headers = {
        "src/A.java": "/*\n * Copyright 2020 Example\n *\n * Licensed under the Apache License, "
                      "Version 2.0 (the \"License\");\n */\npackage a;\n",
        "lib/tool.py": "#!/usr/bin/env python\n# This program is free software: you can "
                       "redistribute it and/or modify\n# it under the terms of the GNU General "
                       "Public License as published by\n# the Free Software Foundation, either "
                       "version 3 of the License, or\n# (at your option) any later version.\n",
        "web/app.js": "// Licensed under the EUPL, Version 1.2 or - as soon they will be "
                      "approved by the European Commission\nvar x = 1;\n"}
    for path, text in headers.items():
        ind = indicator(cli, repo({path: text}))
        header = [x for x in ind["licenses"] if x["method"] == "header"]
        assert header and header[0]["path"] == path, path
        assert "open-license/no-license-file" in statuses(ind)


def test_cc0_waiver_in_readme_is_evidence(cli, repo):
    readme = ("# Open facts\n\nTo the extent possible under law, the Example Foundation has "
              "waived all copyright and related or neighboring rights to this work.\n")
    ind = indicator(cli, repo({"README.md": readme, **prose(10)}))
    assert ind["expression"] == "CC0-1.0"
    assert ind["licenses"][0]["path"] == "README.md"


def test_manifest_licence_without_version_is_reported_as_such(cli, repo):
    pom = ("<project><licenses><license><name>GNU Lesser General Public License</name>"
           "</license></licenses></project>")
    ind = indicator(cli, repo({"pom.xml": pom, "src/A.java": "class A {}\n"}))
    finding = next(f for f in ind["findings"] if f["id"] == "open-license/unversioned")
    assert "without a version" in finding["message"] and "LGPL" in finding["message"]
    assert not any(x["spdx"].startswith("LGPL-") for x in ind["licenses"])
    ind = indicator(cli, repo({"pom.xml": pom, "COPYING.LESSER": spdx_text("LGPL-2.1-only"),
                               "src/A.java": "class A {}\n"}))
    assert ind["expression"] == "LGPL-2.1-only"
    assert statuses(ind)["open-license/unversioned"] == "warning"


def test_licence_file_still_covers_the_code_when_the_readme_names_another(cli, repo):
    readme = "# Tool\n\nThe source code is licensed under the GPL-3.0 licence.\n"
    ind = indicator(cli, repo({"LICENSE": filled("MIT"), "README.md": readme,
                               "src/a.py": "1\n"}), "--category", "software")
    assert ind["status"] == "pass"
    assert next(f for f in ind["findings"]
                if f["id"] == "open-license/approved")["message"].startswith("MIT ")
