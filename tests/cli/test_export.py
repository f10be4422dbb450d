"""``dpgcheck export``: the command writes the DPGA application, lists what is missing, and
exits 1 until it is complete; the shipped examples are what it writes for examples/dpg.yml."""

from __future__ import annotations

import json

import pytest

from tests.application_helpers import EXAMPLE_FILES, ROOT, validate


@pytest.mark.parametrize("kind", ["nominee", "screening"])
def test_complete_example_exports_valid_json(cli, repo, tmp_path, kind):
    root = repo(EXAMPLE_FILES)
    out = tmp_path / f"{kind}.json"
    result = cli("export", "--format", f"dpga-{kind}", "--output", out, root)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "" and result.stdout == ""
    document = json.loads(out.read_text())
    assert validate(kind, document) == []
    shipped = (ROOT / f"examples/application-{kind}.json").read_text()
    assert document == json.loads(shipped)
    assert out.read_text() == shipped  # byte for byte


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


def test_unknown_format_and_broken_declarations_exit_2(cli, repo):
    root = repo(EXAMPLE_FILES)
    bad = cli("export", "-f", "pdf", root)
    assert bad.exit_code == 2 and "unknown format 'pdf'" in bad.stderr
    broken = repo({"dpg.yml": "sdgs:\n  - number: 42\n"})
    result = cli("export", broken)
    assert result.exit_code == 2 and "SDG 42 does not exist" in result.stderr


def test_an_application_that_breaks_the_schema_is_not_written(cli, repo, tmp_path):
    root = repo({"README.md": "# x\n"})
    out = tmp_path / "nominee.json"
    result = cli("export", "-o", out, root)
    assert result.exit_code == 1
    assert not out.exists()
    assert "schema: (top): 'license' is a required property" in result.stderr.splitlines()
    assert "not written" in result.stderr.splitlines()[-1]
    draft = cli("export", "--allow-incomplete", "-o", out, root)
    assert draft.exit_code == 1  # a draft is written, but it is not a success
    assert out.exists() and "license" not in json.loads(out.read_text())
    assert f"wrote a DRAFT to {out}" in draft.stderr.splitlines()[-1]


def test_a_declared_licence_url_wins_off_the_known_forges(cli, repo, tmp_path):
    from tests.conftest import git
    from tests.license_texts import filled

    root = repo({"README.md": "# Tool\n\nTool counts stock.\n", "LICENSE": filled("MIT"),
                 "dpg.yml": "repository: https://git.example.org/clinic/tool\nlicenses:\n"
                            "  - spdx: MIT\n    url: https://git.example.org/clinic/tool/"
                            "src/branch/main/LICENSE\n"})
    git(root, "remote", "add", "origin", "https://git.example.org/clinic/tool.git")
    out = tmp_path / "nominee.json"
    result = cli("export", "--allow-incomplete", "-o", out, root)
    document = json.loads(out.read_text())
    assert document["license"] == [{
        "spdx": "MIT",
        "licenseURL": "https://git.example.org/clinic/tool/src/branch/main/LICENSE"}]
    assert "a URL where the licence MIT is stated" not in result.stderr
