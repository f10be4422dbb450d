"""publiccode.yml is validated against the core schema; errors carry line and column."""

from __future__ import annotations

import json

from dpgcheck_indicators.discoverability.publiccode_schema import validate
from hypothesis import given, settings
from hypothesis import strategies as st

LONG = "Example Health keeps patient records for rural clinics. " * 4

VALID = f"""\
publiccodeYmlVersion: "0.4"
name: Example Health
url: https://github.com/example/health.git
platforms: [web, android]
categories: [electronic-health-records]
developmentStatus: stable
softwareType: standalone/web
releaseDate: 2026-01-31
description:
  en:
    shortDescription: Patient records for rural clinics.
    longDescription: >
      {LONG}
    features: [Offline records]
legal:
  license: AGPL-3.0-or-later
maintenance:
  type: community
  contacts:
    - name: Jane Doe
localisation:
  localisationReady: true
  availableLanguages: [en, fr]
"""


def test_valid_file_has_no_problems():
    assert validate(VALID).problems == []


def test_errors_point_at_line_and_column_of_the_value():
    text = (VALID.replace('publiccodeYmlVersion: "0.4"', "publiccodeYmlVersion: 0.4")
            .replace("developmentStatus: stable", "developmentStatus: stabel")
            .replace("    shortDescription: Patient records for rural clinics.",
                     "    shortDescription: " + "x" * 151))
    problems = validate(text).problems
    where = {(p.line, p.column): p.message for p in problems}
    assert where[(1, 23)] == "publiccodeYmlVersion: 0.4 should be a string"
    assert "'stabel' is not one of" in where[(6, 20)]
    assert "at most 150" in where[(11, 23)]
    assert len(problems) == 3


def test_missing_keys_point_at_their_parent_mapping():
    text = VALID.replace("  contacts:\n    - name: Jane Doe\n", "").replace(
        "categories: [electronic-health-records]\n", "")
    problems = validate(text).problems
    messages = [(p.line, p.column, p.message) for p in problems]
    assert (1, 1, "'categories' is a required property") in messages
    assert (17, 3, "maintenance: 'contacts' is a required property") in messages


def test_syntax_errors_aliases_and_size_are_reported_not_raised():
    broken = validate("name: [unclosed\nurl: x\n").problems
    assert broken[0].message.startswith("invalid YAML") and broken[0].line is not None
    alias = validate("a: &x [1]\nb: *x\n").problems
    assert alias[0].message == "invalid YAML: YAML aliases are not allowed here"
    assert (alias[0].line, alias[0].column) == (2, 4)
    big = validate("a: " + "x" * 300_000).problems
    assert "larger than" in big[0].message
    assert validate("").problems[0].message == "the file is empty"
    assert "should be a object" in validate("- just\n- a list\n").problems[0].message


def test_report_shows_publiccode_errors_with_line_and_column(repo, cli):
    path = repo({"README.md": "x\n",
                 "publiccode.yml": VALID.replace("softwareType: standalone/web",
                                                 "softwareType: website")})
    out = cli(path, "--only", "discoverability", "--format", "json")
    item = json.loads(out.stdout)["extras"][0]
    (finding,) = [f for f in item["findings"] if f["id"] == "discoverability/publiccode"]
    assert finding["status"] == "warning"
    assert "first at 7:15" in finding["message"]
    assert finding["evidence"][0]["path"] == "publiccode.yml"
    assert finding["evidence"][0]["line"] == 7
    assert "line 7" in finding["remediation"]
    valid = repo({"README.md": "x\n", "publiccode.yml": VALID})
    out = cli(valid, "--only", "discoverability", "--format", "json")
    item = json.loads(out.stdout)["extras"][0]
    (finding,) = [f for f in item["findings"] if f["id"] == "discoverability/publiccode"]
    assert finding["status"] == "pass"


def test_terminal_lists_publiccode_errors_with_line_and_column(repo, cli):
    path = repo({"README.md": "x\n",
                 "publiccode.yml": VALID.replace("developmentStatus: stable",
                                                 "developmentStatus: done")})
    out = cli(path, "--only", "discoverability")
    assert "6:20 developmentStatus: 'done' is not one of" in out.stdout
    assert "publiccode.yml:6: " in out.stdout


def test_deep_nesting_is_refused():
    deep = "a: " + "[" * 200 + "]" * 200 + "\n"
    assert "nested too deeply" in validate(deep).problems[0].message


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:- \n[]{}&*!'\"#|>0.4")), max_size=80))
def test_any_text_gives_problems_or_a_valid_file_never_an_exception(text):
    result = validate(text)
    assert isinstance(result.problems, list)
    for problem in result.problems:
        assert problem.line is None or problem.line >= 1


def test_shipped_data_files_are_well_formed_and_name_their_sources():
    from importlib import resources

    import jsonschema
    import yaml
    from dpgcheck_indicators.discoverability.publiccode_schema import schema

    jsonschema.Draft202012Validator.check_schema(schema())
    assert "publiccode.yml" in schema()["$comment"]
    data = resources.files("dpgcheck") / "data"
    for name in ("discover_tags.yml", "discover_i18n.yml", "discover_access.yml",
                 "discover_deposits.yml"):
        text = (data / name).read_text(encoding="utf-8")
        header = "".join(line for line in text.splitlines(keepends=True)[:8]
                         if line.startswith("#"))
        assert "Sources:" in header, name
        assert isinstance(yaml.safe_load(text), dict)
