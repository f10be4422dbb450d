"""The SBOM outputs against their official JSON Schemas, with jsonschema: SPDX 2.3 (the SPDX
project's ``schemas/spdx-schema.json``, a test fixture: see ``tests/fixtures/spdx/``) and
CycloneDX 1.6 (the official schema cyclonedx-python-lib ships, read from the installed
library). spdx-tools' own validator is applied in test_sbom_formats.py; these tests hold the
documents to the schemas themselves, on repositories of several ecosystems."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.formats.test_sbom_formats import FILES
from tests.license_texts import filled

SPDX_SCHEMA = Path(__file__).resolve().parents[1] / "fixtures" / "spdx" / "spdx-2.3-schema.json"

CARGO = ('[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\nserde = "1"\n')
CARGO_LOCK = ('version = 3\n\n[[package]]\nname = "app"\nversion = "0.1.0"\n'
              'dependencies = ["serde"]\n\n[[package]]\nname = "serde"\nversion = "1.0.197"\n'
              'source = "registry+https://github.com/rust-lang/crates.io-index"\n')
GO_MOD = "module example.org/app\n\ngo 1.22\n\nrequire github.com/google/uuid v1.6.0\n"
GO_SUM = ("github.com/google/uuid v1.6.0 h1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=\n"
          "github.com/google/uuid v1.6.0/go.mod h1:TIyPZe4MgqvfeYDBFedMoGGpEw/LqOeaOT+nhxU+yHo=\n")
REPOS = {
    "npm": FILES,
    "python": {"LICENSE": filled("Apache-2.0"),
               "requirements.txt": "requests==2.31.0\nflask>=3.0\n"},
    "cargo-go": {"LICENSE": filled("MIT"), "Cargo.toml": CARGO, "Cargo.lock": CARGO_LOCK,
                 "go.mod": GO_MOD, "go.sum": GO_SUM},
    "nothing": {"README.md": "# Notes\n"},
}


def render(cli, root: Path, fmt: str) -> str:
    """The SBOM of ``root`` (indicators 2 and 4 are what it is made of)."""
    result = cli(root, "-f", fmt, "--only", "2,4")
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout


@cache
def spdx_schema() -> dict[str, Any]:
    return json.loads(SPDX_SCHEMA.read_text("utf-8"))  # type: ignore[no-any-return]


def spdx_errors(document: Any) -> list[str]:
    from jsonschema import Draft201909Validator

    validator = Draft201909Validator(spdx_schema())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(document)]


@cache
def cyclonedx_schema_path() -> Path:
    from importlib.resources import files

    return Path(str(files("cyclonedx.schema").joinpath("_res/bom-1.6.SNAPSHOT.schema.json")))


def test_the_schemas_are_the_official_ones():
    assert spdx_schema()["$id"] == "http://spdx.org/rdf/terms/2.3"
    assert spdx_schema()["title"] == "SPDX 2.3"
    cdx = json.loads(cyclonedx_schema_path().read_text("utf-8"))
    assert cdx["$id"] == "http://cyclonedx.org/schema/bom-1.6.schema.json"


@pytest.mark.parametrize("kind", REPOS)
def test_spdx_output_validates_against_the_spdx_2_3_schema(cli, repo, kind):
    document = json.loads(render(cli, repo(REPOS[kind]), "spdx"))
    assert document["spdxVersion"] == "SPDX-2.3"
    assert spdx_errors(document) == []
    if kind != "nothing":
        assert len(document["packages"]) > 1


@pytest.mark.parametrize(("change", "what"), [
    (lambda d: d.pop("documentNamespace"), "'documentNamespace' is a required property"),
    (lambda d: d["packages"][1].update(filesAnalyzed="no"), "is not of type 'boolean'"),
    (lambda d: d["relationships"][0].update(relationshipType="USES"), "is not one of"),
])
def test_the_spdx_schema_rejects_a_broken_document(cli, repo, change, what):
    document = json.loads(render(cli, repo(FILES), "spdx"))
    change(document)
    assert any(what in e for e in spdx_errors(document))


@pytest.mark.parametrize("kind", REPOS)
def test_cyclonedx_output_validates_against_the_official_schema(cli, repo, kind):
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    text = render(cli, repo(REPOS[kind]), "cyclonedx")
    assert json.loads(text)["$schema"] == "http://cyclonedx.org/schema/bom-1.6.schema.json"
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None
    broken = json.loads(text)
    broken["bomFormat"] = "SPDX"
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(json.dumps(broken)) is not None
