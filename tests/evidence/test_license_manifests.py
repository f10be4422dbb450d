"""Licence statements in manifests, expressions and the approval policy."""

from __future__ import annotations

import json

import pytest

from dpgcheck.datafile import load_json
from dpgcheck.evidence.licenses import approved, normalise
from dpgcheck.evidence.licenses.manifests import read_manifests
from dpgcheck.repo.view import RepoView


def manifest_ids(root) -> dict[str, list[str | None]]:
    found, problems = read_manifests(RepoView.from_path(root))
    assert problems == []
    out: dict[str, list[str | None]] = {}
    for d in found:
        out.setdefault(d.path, []).append(d.spdx)
    return out


def test_every_manifest_kind_is_read(repo):
    root = repo({
        "package.json": json.dumps({"name": "x", "license": "ISC"}),
        "composer.json": json.dumps({"license": ["MIT", "GPL-3.0-or-later"]}),
        "pyproject.toml": '[project]\nname = "x"\nlicense = "Apache-2.0"\nclassifiers = '
                          '["License :: OSI Approved :: Apache Software License"]\n',
        "setup.cfg": "[metadata]\nlicense = BSD-3-Clause\n",
        "Cargo.toml": '[package]\nname = "x"\nlicense = "MIT/Apache-2.0"\n',
        "pom.xml": "<project><licenses><license><name>Apache License, Version 2.0</name>"
                   "</license></licenses></project>",
        "x.csproj": "<Project><PackageLicenseExpression>MIT</PackageLicenseExpression>"
                    "</Project>",
        "x.gemspec": "Gem::Specification.new do |s|\n  s.licenses = ['MIT', 'Ruby']\nend\n",
        "DESCRIPTION": "Package: x\nLicense: GPL (>= 2)\n",
        "datapackage.json": json.dumps({"licenses": [{"name": "ODbL-1.0"}]}),
        "CITATION.cff": "cff-version: 1.2.0\nlicense: CC-BY-4.0\n",
        "README.md": "---\nlicense: apache-2.0\n---\n# Model card\n",
    })
    got = manifest_ids(root)
    assert got["package.json"] == ["ISC"]
    assert got["composer.json"] == ["MIT OR GPL-3.0-or-later"]
    assert got["pyproject.toml"] == ["Apache-2.0", "Apache-2.0"]
    assert got["setup.cfg"] == ["BSD-3-Clause"]
    assert got["Cargo.toml"] == ["MIT OR Apache-2.0"]
    assert got["pom.xml"] == ["Apache-2.0"]
    assert got["x.csproj"] == ["MIT"]
    assert got["x.gemspec"] == ["MIT OR Ruby"]
    assert got["DESCRIPTION"] == ["GPL-2.0-or-later"]
    assert got["datapackage.json"] == ["ODbL-1.0"]
    assert got["CITATION.cff"] == ["CC-BY-4.0"]
    assert got["README.md"] == ["Apache-2.0"]


def test_setup_py_is_read_as_ast_never_run(repo, tmp_path):
    marker = tmp_path / "pwned"
    root = repo({"setup.py": f"import pathlib\npathlib.Path({str(marker)!r}).touch()\n"
                             "from setuptools import setup\nsetup(name='x', license='MIT', "
                             "classifiers=['License :: OSI Approved :: MIT License'])\n"})
    assert manifest_ids(root)["setup.py"] == ["MIT", "MIT"]
    assert not marker.exists()


def test_broken_manifest_is_a_problem_not_a_crash(repo):
    root = repo({"package.json": "{not json"})
    found, problems = read_manifests(RepoView.from_path(root))
    assert found == []
    assert problems and problems[0].startswith("package.json")


@pytest.mark.parametrize(("raw", "expected"), [
    ("GPL-2.0+", "GPL-2.0-or-later"), ("GPL-3.0", "GPL-3.0-only"), ("Apache 2.0", "Apache-2.0"),
    ("MIT License", "MIT"), ("UNLICENSED", "LicenseRef-Proprietary"), ("Unlicense", "Unlicense"),
    ("(MIT OR Apache-2.0)", "MIT OR Apache-2.0"), ("no such licence at all", None),
    ("Apache-2.0 WITH LLVM-exception", "Apache-2.0 WITH LLVM-exception"),
])
def test_names_and_expressions_normalise(raw, expected):
    assert normalise(raw) == expected


@pytest.mark.parametrize(("expr", "category", "policy", "ok"), [
    ("MIT", "software", "dpga", True),
    ("GPL-3.0-or-later", "software", "dpga", True),
    ("MIT OR SSPL-1.0", "software", "dpga", True),
    ("MIT AND SSPL-1.0", "software", "dpga", False),
    ("MIT AND LicenseRef-Commons-Clause", "software", "dpga", False),
    ("EUPL-1.1", "software", "dpga", False),
    ("EUPL-1.1", "software", "osi", True),
    ("BlueOak-1.0.0", "software", "osi", True),
    ("CC-BY-ND-4.0", "content", "dpga", False),
    ("CC-BY-NC-4.0", "content", "dpga", True),
    ("MIT", "data", "dpga", False),
    ("ODbL-1.0", "data", "dpga", True),
    ("LicenseRef-Proprietary", "software", "osi", False),
])
def test_approval_by_category_and_policy(expr, category, policy, ok):
    assert approved(expr, category, policy) is ok


def test_policy_data_names_its_source_and_keeps_dpga_spellings():
    policy = load_json("license-policy.json")
    assert "publicgoods-candidates" in policy["_source"]
    assert "GPL-3.0" in policy["software"] and "CC-BY-4.0" in policy["content"]
