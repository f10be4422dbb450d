"""--format cyclonedx and --format spdx: the solution's SBOM, valid against the official
CycloneDX 1.6 JSON Schema (shipped in cyclonedx-python-lib) and spdx-tools' SPDX 2.3
validator, offline, and parsed back with the same libraries."""

from __future__ import annotations

import json

import pytest

from tests.license_texts import filled

PACKAGE = json.dumps({"name": "app", "dependencies": {
    "docstore-server": "^5.0.0", "left-pad": "^1.3.0", "closed-sdk": "^2.0.0",
    "odd": "^1.0.0", "mystery": "^0.1.0"}, "devDependencies": {"jest": "^29.0.0"}}, indent=2)


def lockfile(extra: int = 0) -> str:
    packages: dict[str, dict[str, object]] = {"": {"name": "app"}}
    for name, version, licence in (("docstore-server", "5.0.3", "SSPL-1.0"),
                                   ("left-pad", "1.3.0", "MIT"),
                                   ("closed-sdk", "2.0.1", "UNLICENSED"),
                                   ("odd", "1.0.0", "SEE LICENSE IN EULA.txt"),
                                   ("jest", "29.7.0", "MIT")):
        packages[f"node_modules/{name}"] = {"version": version, "license": licence,
                                            **({"dev": True} if name == "jest" else {})}
    for i in range(extra):
        packages[f"node_modules/dep-{i}"] = {"version": f"1.0.{i}", "license": "Apache-2.0"}
    return json.dumps({"name": "app", "lockfileVersion": 3, "packages": packages}, indent=2)


FILES = {"LICENSE": filled("MIT"), "package.json": PACKAGE, "package-lock.json": lockfile()}


def render(cli, root, fmt):
    result = cli(root, "-f", fmt)
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout


def cyclonedx_errors(text: str):
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    return JsonStrictValidator(SchemaVersion.V1_6).validate_str(text)


def test_cyclonedx_validates_and_parses_back(cli, repo):
    from cyclonedx.model.bom import Bom

    text = render(cli, repo(FILES), "cyclonedx")
    assert json.loads(text)["specVersion"] == "1.6"
    assert cyclonedx_errors(text) is None
    bom = Bom.from_json(json.loads(text))
    solution = bom.metadata.component
    assert [str(lic.value) for lic in solution.licenses] == ["MIT"]
    props = {p.name: p.value for p in solution.properties}
    assert props["dpgcheck:platform-independence"] == "warning"
    assert props["dpgcheck:verdict"] in ("pass", "fail", "incomplete")
    assert props["dpgcheck:license"] == "MIT"
    comps = {c.name: c for c in bom.components}
    assert set(comps) == {"docstore-server", "left-pad", "closed-sdk", "odd", "mystery",
                          "jest"}
    sspl = comps["docstore-server"]
    assert sspl.version == "5.0.3" and str(sspl.purl) == "pkg:npm/docstore-server@5.0.3"
    assert [str(lic.value) for lic in sspl.licenses] == ["SSPL-1.0"]
    sspl_props = {p.name: p.value for p in sspl.properties}
    assert sspl_props["dpgcheck:license-category"] == "source-available"
    line = next(i for i, row in enumerate(lockfile().splitlines(), 1)
                if '"node_modules/docstore-server"' in row)
    assert sspl_props["dpgcheck:license-source"] == f"lockfile: package-lock.json:{line}"
    assert sspl_props["dpgcheck:declared-in"] == "package.json:4"
    assert comps["jest"].scope.value == "excluded"
    assert [lic.name for lic in comps["odd"].licenses] == ["SEE LICENSE IN EULA.txt"]
    assert list(comps["mystery"].licenses) == []


def test_the_cyclonedx_validator_rejects_a_broken_document(cli, repo):
    data = json.loads(render(cli, repo(FILES), "cyclonedx"))
    del data["components"][0]["name"]
    assert cyclonedx_errors(json.dumps(data)) is not None


def spdx_document(text: str):
    from spdx_tools.spdx.parser.jsonlikedict.json_like_dict_parser import JsonLikeDictParser

    return JsonLikeDictParser().parse(json.loads(text))


def test_spdx_validates_and_parses_back(cli, repo):
    from spdx_tools.spdx.model import RelationshipType
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    text = render(cli, repo(FILES), "spdx")
    doc = spdx_document(text)
    assert doc.creation_info.spdx_version == "SPDX-2.3"
    assert validate_full_spdx_document(doc) == []
    packages = {p.name: p for p in doc.packages}
    root = next(p for p in doc.packages if p.spdx_id == "SPDXRef-Solution")
    assert str(root.license_declared) == "MIT"
    assert "platform independence: warning" in root.comment
    assert doc.annotations[0].annotation_comment.startswith("dpgcheck verdict:")
    sspl = packages["docstore-server"]
    assert str(sspl.license_declared) == "SSPL-1.0" and sspl.version == "5.0.3"
    assert "licence found in lockfile: package-lock.json:" in sspl.license_comment
    assert sspl.external_references[0].locator == "pkg:npm/docstore-server@5.0.3"
    assert str(packages["closed-sdk"].license_declared) == "LicenseRef-Proprietary"
    assert [e.license_id for e in doc.extracted_licensing_info] == ["LicenseRef-Proprietary"]
    assert doc.extracted_licensing_info[0].extracted_text == "UNLICENSED"
    kinds = {(r.relationship_type, r.related_spdx_element_id if r.relationship_type is
              RelationshipType.DEPENDS_ON else r.spdx_element_id) for r in doc.relationships}
    jest = packages["jest"].spdx_id
    assert (RelationshipType.DEV_DEPENDENCY_OF, jest) in kinds
    assert (RelationshipType.DEPENDS_ON, sspl.spdx_id) in kinds


def test_spdx_validator_rejects_a_broken_document(cli, repo):
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    data = json.loads(render(cli, repo(FILES), "spdx"))
    data["packages"][1]["licenseDeclared"] = "LicenseRef-Undefined"
    assert validate_full_spdx_document(spdx_document(json.dumps(data))) != []


@pytest.mark.parametrize("fmt", ["cyclonedx", "spdx"])
def test_thousands_of_components_stay_valid(cli, repo, fmt):
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    text = render(cli, repo({**FILES, "package-lock.json": lockfile(2500)}), fmt)
    if fmt == "cyclonedx":
        assert cyclonedx_errors(text) is None
        assert len(json.loads(text)["components"]) == 2506
    else:
        from tests.formats.test_sbom_schemas import spdx_errors

        doc = spdx_document(text)
        assert validate_full_spdx_document(doc) == []
        assert len(doc.packages) == 2507
        assert spdx_errors(json.loads(text)) == []  # the official SPDX 2.3 JSON Schema too


@pytest.mark.parametrize("fmt", ["cyclonedx", "spdx"])
def test_one_target_at_a_time(cli, repo, tmp_path, fmt):
    one, two = repo(FILES), tmp_path / "other"
    two.mkdir()
    result = cli(one, two, "-f", fmt)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1].endswith("check one target at a time")


def test_write_an_sbom_beside_the_report(cli, repo, tmp_path):
    out = tmp_path / "app.cdx.json"
    result = cli(repo(FILES), "-f", "json", "--write", f"cyclonedx={out}")
    assert result.exit_code in (0, 1)
    assert cyclonedx_errors(out.read_text()) is None
    assert json.loads(result.stdout)["indicators"]


def test_without_indicator_4_the_sbom_says_dependencies_were_not_examined(cli, repo):
    text = cli(repo(FILES), "-f", "cyclonedx", "--only", "2").stdout
    data = json.loads(text)
    props = {p["name"]: p["value"] for p in data["metadata"]["component"]["properties"]}
    assert props["dpgcheck:dependencies"] == "not examined: indicator 4 did not run"
    assert "components" not in data or data["components"] == []


MIX_FILES = {
    "LICENSE": filled("MIT"),
    "mix.exs": 'defmodule App.MixProject do\n  defp deps do\n    [\n'
               '      {:phoenix, "~> 1.7"},\n      {:credo, "~> 1.7", only: [:dev, :test]}\n'
               '    ]\n  end\nend\n',
    "mix.lock": '%{\n  "credo": {:hex, :credo, "1.7.7", "abc", [:mix], [], "hexpm", "d"},\n'
                '  "phoenix": {:hex, :phoenix, "1.7.14", "abc", [:mix], [], "hexpm", "d"},\n}\n',
}


def test_elixir_dependencies_get_hex_purls(cli, repo):
    text = render(cli, repo(MIX_FILES), "cyclonedx")
    assert cyclonedx_errors(text) is None
    purls = {c["name"]: c.get("purl") for c in json.loads(text)["components"]}
    assert purls["phoenix"] == "pkg:hex/phoenix@1.7.14"
