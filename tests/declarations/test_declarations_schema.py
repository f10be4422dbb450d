"""The declarations schema: good files load, broken ones say file, line, column and the fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from dpgcheck.declarations.loader import load_declarations
from dpgcheck.declarations.schema import schema
from dpgcheck.errors import ParseError
from dpgcheck.evidence.publiccode import read_publiccode
from dpgcheck.repo.view import RepoView

ROOT = Path(__file__).resolve().parents[2]


def load(repo, text: str, name: str = "dpg.yml"):
    return load_declarations(RepoView.from_path(repo({name: text})))


def test_schema_is_a_valid_2020_12_schema():
    Draft202012Validator.check_schema(schema())


def test_documented_example_and_shipped_example_are_valid(repo):
    doc = (ROOT / "docs/declarations.md").read_text("utf-8")
    block = doc.split("```yaml\n")[1].split("```")[0]
    decl = load(repo, block)
    assert decl.warnings == [] and decl.get("data_privacy.pii") == "stored"
    example = load(repo, (ROOT / "examples/dpg.yml").read_text("utf-8"))
    assert example.warnings == [] and len(example.get("sdgs")) == 2


def test_sdg_out_of_range_points_at_line_and_column(repo):
    with pytest.raises(ParseError) as info:
        load(repo, "name: X\nsdgs:\n  - number: 3\n    relevance: ok\n  - number: 18\n")
    err = info.value
    assert (err.path, err.line, err.column) == ("dpg.yml", 5, 13)
    assert str(err) == "dpg.yml:5:13: sdgs[1].number: SDG 18 does not exist: use 1-17"


def test_sdg_given_as_text_says_what_is_expected(repo):
    with pytest.raises(ParseError, match=r"dpg.yml:2:13: sdgs\[0\].number: expected an SDG "
                                         r"number from 1 to 17, not 'three'"):
        load(repo, "sdgs:\n  - number: three\n")


def test_wrong_level_names_the_four_answers(repo):
    with pytest.raises(ParseError) as info:
        load(repo, "data_privacy:\n  pii: maybe\n", ".github/dpg.yml")
    assert str(info.value).startswith(".github/dpg.yml:2:8: data_privacy.pii: expected one of "
                                      "the DPGA's four answers: none, collected, stored or "
                                      "distributed")


def test_bad_url_and_missing_required_key(repo):
    with pytest.raises(ParseError) as info:
        load(repo, "privacy:\n  policy_url: www.example.org\n")
    assert "2:15: privacy.policy_url: expected a URL starting with https://" in str(info.value)
    with pytest.raises(ParseError, match=r"dpg.yml:2:5: waivers\[0\]: missing 'reason'"):
        load(repo, "waivers:\n  - id: standards\n")


def test_several_errors_are_listed_on_one_line(repo):
    with pytest.raises(ParseError) as info:
        load(repo, "categories: [games]\nsdgs:\n  - number: 0\ncontent:\n  level: lots\n")
    text = str(info.value)
    assert "\n" not in text
    assert text.startswith("dpg.yml:1:14: categories[0]: expected software, data")
    assert "dpg.yml:3:13: sdgs[0].number: SDG 0 does not exist" in text
    assert "dpg.yml:5:10: content.level" in text


def test_unknown_keys_are_warnings_with_a_hint(repo):
    decl = load(repo, "name: X\nsdg: [3]\nowner:\n  nmae: Y\nfuture_key: 1\n")
    assert decl.get("name") == "X"
    assert decl.warnings == [
        "dpg.yml:2:1: unknown key 'sdg' (ignored): did you mean 'sdgs'?",
        "dpg.yml:4:3: unknown key 'owner.nmae' (ignored): did you mean 'owner.name'?",
        "dpg.yml:5:1: unknown key 'future_key' (ignored)",
    ]


def test_unknown_keys_reach_the_report_notes_and_do_not_stop_the_run(cli, repo):
    root = repo({"dpg.yml": "name: X\nsdg: [3]\n", "README.md": "# X\n"})
    result = cli("--only", "1", "-f", "json", root)
    assert result.exit_code == 0
    notes = json.loads(result.stdout)["notes"]
    assert "dpg.yml:2:1: unknown key 'sdg' (ignored): did you mean 'sdgs'?" in notes


def test_schema_error_exits_2_with_one_line(cli, repo):
    root = repo({"dpg.yml": "sdgs:\n  - number: 18\n    relevance: x\n"})
    result = cli(root)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == ("dpgcheck: error: dpg.yml:2:13: sdgs[0].number: SDG 18 does not "
                             "exist: use 1-17\n")


def test_empty_values_and_yaml_dates_are_accepted(repo):
    decl = load(repo, "name:\nsdgs:\nprivacy:\n  laws:\n  policy_url:\ninteraction:\n"
                      "  users_interact: no\nwaivers:\n  - id: 2\n    reason: r\n"
                      "    expires: 2030-01-01\n")
    assert decl.warnings == [] and decl.get("interaction.users_interact") is False
    assert decl.waivers[0].id == "2"


def test_bad_waiver_date(repo):
    with pytest.raises(ParseError, match=r"3:15: waivers\[0\].expires: expected a date"):
        load(repo, "waivers:\n  - {id: 2, reason: r,\n     expires: soon}\n")


def test_declaration_lines_for_evidence(repo):
    decl = load(repo, "name: X\nsdgs:\n  - number: 3\n    relevance: r\n")
    assert decl.line("sdgs") == 2 and decl.line("sdgs.0") == 3
    assert decl.line("sdgs.0.relevance") == 4 and decl.line("nope") is None
    ev = decl.evidence("sdgs.0.number")
    assert (ev.path, ev.line, ev.message) == ("dpg.yml", 3, "declared sdgs.0.number: 3")


def test_publiccode_facts(repo):
    view = RepoView.from_path(repo({"publiccode.yml": (
        "publiccodeYmlVersion: '0.4'\nname: Medusa\nurl: https://github.com/x/medusa.git\n"
        "landingURL: https://medusa.example.org\nlegal:\n  license: AGPL-3.0-or-later\n"
        "  mainCopyrightOwner: City of X\ndescription:\n  it:\n    shortDescription: Ciao\n"
        "  en:\n    shortDescription: Patient records\n    longDescription: Long text\n"
        "maintenance:\n  type: internal\n  contacts:\n    - name: Ann\n      email: a@x.org\n"
        "    - email: no-name@x.org\n")}))
    pc = read_publiccode(view)
    assert (pc.name, pc.description, pc.license) == ("Medusa", "Patient records",
                                                     "AGPL-3.0-or-later")
    assert pc.landing_url == "https://medusa.example.org" and pc.copyright_owner == "City of X"
    assert [(c.name, c.email) for c in pc.contacts] == [("Ann", "a@x.org")]
    broken = read_publiccode(RepoView.from_path(repo({"publiccode.yml": "name: [x\n"})))
    assert broken.name is None and "invalid YAML" in (broken.problem or "")
    assert read_publiccode(RepoView.from_path(repo({"README.md": "x"}))).path is None
