"""Licences of dependencies from what the repository holds: lockfiles, vendored manifests,
Go vendor folders, dist-info METADATA and committed SBOMs (CycloneDX and SPDX)."""

from __future__ import annotations

import json

import pytest

from dpgcheck.evidence.deps import collect
from dpgcheck.evidence.deps.licensing import resolve
from dpgcheck.repo.view import RepoView
from tests.license_texts import filled
from tests.sbom_helpers import cyclonedx, spdx2

PACKAGE = {"name": "app", "dependencies": {"left-pad": "^1.3.0", "@acme/db": "^1.0.0",
                                            "dual": "^2.0.0"}}


def licensed(repo, files):
    view = RepoView.from_path(repo(files))
    return resolve(view, collect(view))


def entry(result, name):
    return next(e for e in result.entries if e.dependency.name == name)


def test_committed_node_modules_manifests(repo):
    result = licensed(repo, {
        "package.json": json.dumps(PACKAGE),
        "node_modules/left-pad/package.json": json.dumps(
            {"name": "left-pad", "version": "1.3.0", "license": "WTFPL"}),
        "node_modules/@acme/db/package.json": json.dumps(
            {"name": "@acme/db", "version": "1.0.2", "license": "SSPL-1.0"}),
        "node_modules/dual/package.json": json.dumps(
            {"name": "dual", "version": "2.0.0", "licenses": [{"type": "MIT"},
                                                               {"type": "GPL-3.0"}]}),
    })
    pad = entry(result, "left-pad")
    assert (pad.category, pad.stated.path, pad.stated.method) == (
        "permissive", "node_modules/left-pad/package.json", "vendored")
    db = entry(result, "@acme/db")
    assert db.category == "source-available" and db.expression == "SSPL-1.0"
    assert db.stated_for == "1.0.2"  # the manifest asks ^1.0.0; the vendored copy is 1.0.2
    assert entry(result, "dual").expression == "MIT OR GPL-3.0-only"
    assert entry(result, "dual").category == "permissive"


def test_go_vendor_licence_files_are_identified(repo):
    go_mod = "module example.org/app\n\ngo 1.22\n\nrequire (\n\tgithub.com/a/lib v1.2.0\n" \
             "\tgithub.com/b/other v0.3.0\n)\n"
    modules = "# github.com/a/lib v1.2.0\n## explicit; go 1.20\ngithub.com/a/lib\n" \
              "# github.com/b/other v0.3.0\n## explicit\ngithub.com/b/other/pkg\n"
    result = licensed(repo, {
        "go.mod": go_mod, "vendor/modules.txt": modules,
        "vendor/github.com/a/lib/LICENSE": filled("Apache-2.0"),
        "vendor/github.com/a/lib/lib.go": "package lib\n",
        "vendor/github.com/b/other/LICENSE.md": filled("GPL-3.0-only"),
    })
    lib = entry(result, "github.com/a/lib")
    assert (lib.expression, lib.stated.path, lib.stated.method) == (
        "Apache-2.0", "vendor/github.com/a/lib/LICENSE", "vendored")
    assert entry(result, "github.com/b/other").category == "strong-copyleft"


def test_vendored_dist_info_metadata(repo):
    meta = ("Metadata-Version: 2.4\nName: Acme_Client\nVersion: 3.1.0\n"
            "License-Expression: BUSL-1.1\n\nLong description\n")
    classic = ("Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\nLicense: Apache 2.0\n"
               "Classifier: License :: OSI Approved :: Apache Software License\n\n")
    result = licensed(repo, {
        "requirements.txt": "acme-client==3.1.0\nrequests==2.31.0\n",
        "lib/acme_client-3.1.0.dist-info/METADATA": meta,
        "lib/requests-2.31.0.dist-info/METADATA": classic,
    })
    acme = entry(result, "acme-client")
    assert (acme.category, acme.stated.line) == ("source-available", 4)
    assert entry(result, "requests").expression == "Apache-2.0"


@pytest.mark.parametrize("version", ["1.4", "1.5", "1.6"])
@pytest.mark.parametrize("xml", [False, True])
def test_committed_cyclonedx(repo, version, xml):
    bom = cyclonedx([("pkg:npm/%40acme/db@1.0.0", "1.0.0", "SSPL-1.0", None),
                     ("pkg:npm/left-pad@1.3.0", "1.3.0", "MIT", None),
                     ("pkg:npm/dual@2.0.0", "2.0.0", "MIT OR BUSL-1.1", None)],
                    version=version, xml=xml)
    name = "sbom/app.cdx.xml" if xml else "sbom/app.cdx.json"
    result = licensed(repo, {"package.json": json.dumps(PACKAGE), name: bom})
    db = entry(result, "@acme/db")
    assert db.category == "source-available" and db.stated.path == name
    assert db.stated.method == "sbom" and db.stated.line is not None
    assert "db" in bom.splitlines()[db.stated.line - 1]
    assert entry(result, "left-pad").expression == "MIT"
    assert entry(result, "dual").category == "permissive"
    assert result.sources == [name]


@pytest.mark.parametrize("version", ["SPDX-2.2", "SPDX-2.3"])
@pytest.mark.parametrize("tagvalue", [False, True])
def test_committed_spdx2(repo, version, tagvalue):
    doc = spdx2([("@acme/db", "1.0.0", "BUSL-1.1", "pkg:npm/%40acme/db@1.0.0"),
                 ("left-pad", "1.3.0", "NONE", "pkg:npm/left-pad@1.3.0"),
                 ("dual", "2.0.0", None, None)], version=version, tagvalue=tagvalue)
    name = "app.spdx" if tagvalue else "app.spdx.json"
    result = licensed(repo, {"package.json": json.dumps(PACKAGE), name: doc})
    db = entry(result, "@acme/db")
    assert (db.expression, db.category, db.stated.path) == ("BUSL-1.1", "source-available",
                                                            name)
    assert "acme/db" in doc.splitlines()[db.stated.line - 1]
    assert entry(result, "left-pad").category == "no-license"
    assert entry(result, "dual").category == "unknown"  # NOASSERTION says nothing


def test_spdx3_is_recognised_and_reported_as_not_read(repo):
    doc = {"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld",
           "@graph": [{"type": "software_Package", "name": "x"}]}
    result = licensed(repo, {"package.json": json.dumps(PACKAGE),
                             "app.spdx3.json": json.dumps(doc)})
    assert result.problems == [("app.spdx3.json", "SPDX 3.0 JSON-LD not read: spdx-tools 0.8 "
                                "has no SPDX 3 parser (it writes and validates SPDX 3 only)")]


def test_a_broken_sbom_is_a_problem_not_a_crash(repo):
    broken = json.dumps({"spdxVersion": "SPDX-2.3", "packages": [{"name": 3}]})
    result = licensed(repo, {"package.json": json.dumps(PACKAGE), "bom.spdx.json": broken,
                             "x.cdx.json": "{not json"})
    paths = sorted(p for p, _ in result.problems)
    assert paths == ["bom.spdx.json", "x.cdx.json"]
    assert all(m.startswith("SBOM not read") for _, m in result.problems)


def test_cyclonedx_xml_with_an_entity_is_refused(repo):
    evil = ('<?xml version="1.0"?><!DOCTYPE bom [<!ENTITY x "boom">]>'
            '<bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components><component '
            'type="library"><name>&x;</name></component></components></bom>')
    result = licensed(repo, {"package.json": json.dumps(PACKAGE), "bom.xml": evil})
    assert result.problems and "unsafe XML refused" in result.problems[0][1]


def test_sboms_in_test_folders_are_not_the_projects(repo):
    bom = cyclonedx([("pkg:npm/left-pad@1.3.0", "1.3.0", "SSPL-1.0", None)])
    result = licensed(repo, {"package.json": json.dumps(PACKAGE),
                             "tests/fixtures/bom.json": bom})
    assert entry(result, "left-pad").category == "unknown"


def test_counts(repo):
    lock = {"lockfileVersion": 3, "packages": {
        "": {"name": "app"},
        "node_modules/left-pad": {"version": "1.3.0", "license": "MIT"},
        "node_modules/dual": {"version": "2.0.0", "license": "SEE LICENSE IN EULA.txt"},
        "node_modules/jest": {"version": "29.0.0", "dev": True, "license": "MIT"}}}
    result = licensed(repo, {"package.json": json.dumps(PACKAGE),
                             "package-lock.json": json.dumps(lock, indent=2)})
    counts = result.counts()
    assert counts["examined"] == 3  # left-pad, @acme/db, dual (jest is dev)
    assert (counts["known"], counts["unknown"]) == (2, 1)
    assert counts["by_category"] == {"permissive": 1, "unknown": 1, "unrecognised": 1}
