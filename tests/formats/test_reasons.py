"""Reasons a reviewer can sign, in every format: each gap names the rule that fired, quotes the
line that triggered it and gives the fix; each pass shows its decisive evidence; no evidence
line twice; declared answers are labelled as attested; a local check says what it could not
look at; a secret's line is never quoted. Real repositories, real formats."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from importlib.resources import files

import jsonschema
import pytest

from tests.license_texts import filled
from tests.schemas import SARIF, schema
from tests.terminal_helpers import run_in_terminal

FILLER = "\n".join(f"Clinic Stock counts medicine stock in rural clinic number {n}." for n in
                   range(1, 30))
# A README whose template line also carries a terminal escape and HTML.
README = ("# Clinic Stock\n\nClinic Stock serves SDG 3 (Good Health and Well-being).\n"
          + FILLER + "\n\n## Notes\n\n"
          "This project was bootstrapped with Create React App \x1b]0;owned\x07 <b>x</b>.\n")
TEMPLATE_LINE = README.splitlines().index(
    next(line for line in README.splitlines() if "bootstrapped" in line)) + 1
LICENSE = filled("MIT")  # Copyright (c) 2024 Example Health Foundation
TOKEN = "gh" + "p_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"  # assembled: none in this file
PASSWORD = "Clinic" + "Stock-2024!"  # a password literal on a line the report quotes
# Values dpgcheck does not count as secrets still never reach an output: an AWS key ID
# without its secret, and a Firebase app key (public by design).
KEY_ID = "AK" + "IA" + "UQ7XK2MZTD4RW3PZ"
APP_KEY = "AI" + "za" + "SyD3kF8qL2mN7pR4tV9wX1yZ5bC6dE0gH2j"
FILES = {
    "README.md": README,
    "LICENSE": LICENSE,
    "app/models.py": "class Patient:\n    email = models.EmailField()\n"
                     "    phone_number = models.CharField()\n"
                     f"    password = models.CharField(default='{PASSWORD}')\n",
    "app/settings.py": f"DEBUG = False\nKEY = '{TOKEN}'\n",
    "docker-compose.yml": f"services:\n  mail:\n    environment:\n      SMTP_USER: {KEY_ID}\n",
    "android/app/google-services.json": json.dumps(
        {"client": [{"api_key": [{"current_key": APP_KEY}]}]}, indent=2),
    "dpg.yml": "sdgs:\n  - number: 3\n    relevance: Medicine stock for rural clinics.\n"
               "    evidence: [https://example.org/impact]\n",
}


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    from tests.conftest import make_repo

    return make_repo(tmp_path_factory.mktemp("reasons") / "clinic", FILES)


def run(cli, root, *args):
    result = cli(*args, root)
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout


def indicator(report: dict, number: str) -> dict:
    return next(i for i in report["indicators"] if i["number"] == number)


def test_terminal_names_the_rule_quotes_the_line_and_gives_the_fix(checked):
    screen, code = run_in_terminal([str(checked)], checked, 120)
    assert code == 1
    flat = " ".join(screen.split())
    assert "✘ documentation/readme-stub (README is a stub)" in flat
    assert f'README.md:{TEMPLATE_LINE}: template text' in flat
    assert '"This project was bootstrapped with Create React App \\x1b]0;owned\\x07 <b>x</b>."' \
        in flat
    assert "\x1b]0;" not in screen  # the escape is shown, never sent to the terminal
    rule = flat.index("documentation/readme-stub")
    assert flat.index("→ Write README.md", rule) > flat.index('"This project was', rule)
    # Passes show their decisive evidence without -v.
    assert "· LICENSE:1: MIT, full text, 100% match" in flat
    assert re.search(r'· LICENSE:\d: licence: Example Health Foundation — "Copyright \(c\) 2024 '
                     r'Example Health Foundation"', flat), flat
    # The declared SDG passes on the maintainer's word, and says so.
    assert re.search(r"· \[attested by the maintainer, not verified\] dpg.yml:\d: declared: "
                     r"SDG 3", flat), flat


def test_no_evidence_line_is_printed_twice(cli, checked):
    for args in ((), ("-v",)):
        lines = run(cli, checked, *args).splitlines()
        evidence = [line.strip() for line in lines if line.strip().startswith("· ")]
        assert evidence
        assert len(evidence) == len(set(evidence)), [e for e in evidence
                                                     if evidence.count(e) > 1]
        assert sum("app/models.py:2" in line for line in lines) == 1
    markdown = run(cli, checked, "-f", "markdown")
    for block in markdown.split("<details>")[1:]:
        items = [line.strip() for line in block.split("</details>")[0].splitlines()
                 if line.lstrip().startswith("- ") and "**Fix:**" not in line]
        assert len(items) == len(set(items)), block
    for case in ET.fromstring(run(cli, checked, "-f", "junit")).iter("testcase"):
        text = "".join(case.itertext())
        items = [line.strip() for line in text.splitlines() if line.lstrip().startswith("- ")]
        assert len(items) == len(set(items)), text


def test_json_carries_titles_excerpts_bases_and_decisive_evidence(cli, checked):
    report = json.loads(run(cli, checked, "-f", "json"))
    schema_doc = json.loads(files("dpgcheck").joinpath("data/report.schema.json").read_text())
    jsonschema.validate(report, schema_doc)
    assert report["schema_version"] == "1.1"
    docs = indicator(report, "5")
    (stub,) = [f for f in docs["findings"] if f["id"] == "documentation/readme-stub"]
    assert stub["title"] == "README is a stub"
    quoted = stub["evidence"][0]
    assert (quoted["path"], quoted["line"], quoted["basis"]) == ("README.md", TEMPLATE_LINE,
                                                                 "observed")
    assert quoted["excerpt"].startswith("This project was bootstrapped")
    assert indicator(report, "2")["decisive"]["message"] == "MIT, full text, 100% match"
    owner = indicator(report, "3")["decisive"]
    assert owner["path"] == "LICENSE"
    assert owner["excerpt"] == "Copyright (c) 2024 Example Health Foundation"
    sdg = indicator(report, "1")
    assert sdg["status"] == "pass" and sdg["decisive"]["basis"] == "declared"
    assert docs["decisive"] is None
    every = [e for i in report["indicators"] for e in
             [*i["evidence"], *(e for f in i["findings"] for e in f["evidence"])]]
    assert all(e["excerpt"] is None or len(e["excerpt"]) <= 120 for e in every)


def test_a_secrets_line_is_never_quoted_in_any_format(cli, checked):
    from dpgcheck.formats import FORMATS

    report = json.loads(run(cli, checked, "-f", "json"))
    secret = [f for f in indicator(report, "9a")["findings"]
              if f["id"] == "data-privacy-security/committed-secret"]
    assert secret and secret[0]["evidence"][0]["path"] == "app/settings.py"
    assert secret[0]["evidence"][0]["excerpt"] is None
    for name in FORMATS:
        out = run(cli, checked, "-f", name)
        for value in (TOKEN, PASSWORD, KEY_ID, APP_KEY):
            assert value not in out, (name, value)
    # The password's line is quoted, its value masked.
    hints = [e for f in indicator(report, "9a")["findings"] for e in f["evidence"]
             if e["path"] == "app/models.py" and e["line"] == 4]
    assert hints and all(e["excerpt"] in (None, "password = models.CharField(default='***')")
                         for e in hints)


class _Text(HTMLParser):
    """The page's text by element class, and every tag seen."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.by_class: dict[str, list[str]] = {}
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.open.append(" ".join(v or "" for k, v in attrs if k == "class"))

    def handle_endtag(self, tag):
        if self.open:
            self.open.pop()

    def handle_data(self, data):
        for classes in self.open:
            for name in classes.split():
                self.by_class.setdefault(name, []).append(data)


def test_html_shows_rules_quotes_decisive_evidence_and_labels(cli, checked):
    page = _Text()
    page.feed(run(cli, checked, "-f", "html"))
    assert "b" not in page.tags and "script" in page.tags  # our script only; <b> is text
    assert "documentation/readme-stub" in page.by_class["rule"]
    text = " ".join(" ".join(page.by_class["reasons"]).split())
    assert f'README.md:{TEMPLATE_LINE}: template text' in text
    assert '<b>x</b>' in text and "\\x1b]0;owned\\x07" in text
    decisive = " ".join(page.by_class["decisive"])
    assert "LICENSE:1: MIT, full text, 100% match" in decisive
    assert "attested by the maintainer, not verified" in page.by_class["declared"]


def test_markdown_escapes_the_quote_and_labels_declarations(cli, checked):
    out = run(cli, checked, "-f", "markdown")
    assert "**documentation/readme-stub (README is a stub)**" in out
    assert "&lt;b&gt;x&lt;/b&gt;" in out and "<b>x</b>" not in out
    assert "\x1b" not in out
    assert "Evidence: LICENSE:1: MIT, full text, 100% match" in out
    assert "Evidence: *attested by the maintainer, not verified:* dpg.yml:" in out


def test_sarif_validates_and_snippets_the_triggering_line(cli, checked):
    log = json.loads(run(cli, checked, "-f", "sarif"))
    jsonschema.validate(log, schema(SARIF))
    run_ = log["runs"][0]
    (stub,) = [r for r in run_["results"] if r["ruleId"] == "documentation/readme-stub"]
    region = stub["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == TEMPLATE_LINE
    assert region["snippet"]["text"].startswith("This project was bootstrapped")
    assert stub["locations"][0]["message"]["text"].startswith("template text")
    assert "Fix: Write README.md" in stub["message"]["text"]
    passes = {p["indicator"]: p["evidence"] for p in run_["properties"]["passes"]}
    assert passes["open-license"]["message"] == "MIT, full text, 100% match"
    assert passes["sdg-relevance"]["basis"] == "declared"


def test_junit_lines_rdjson_and_csv_carry_the_reasons(cli, checked):
    suite = ET.fromstring(run(cli, checked, "-f", "junit"))
    failure = next(c for c in suite.iter("testcase") if "[documentation]" in c.get("name", "")
                   ).find("failure")
    assert failure is not None
    assert "documentation/readme-stub (README is a stub)" in failure.text
    assert '"This project was bootstrapped' in failure.text
    # A pass's note sits in its suite's system-out (the Ant XSD allows a test case at most
    # one child), under the case's name.
    notes = suite.find("testsuite").find("system-out").text
    licence = notes[notes.index("[open-license]"):]
    assert "Evidence: LICENSE:1: MIT, full text, 100% match" in licence.split("\n\n")[0]

    lines = run(cli, checked, "-f", "lines").splitlines()
    stub = next(line for line in lines if " documentation/readme-stub: " in line)
    assert stub.startswith(f"README.md:{TEMPLATE_LINE}: error ")
    assert '[rule: README is a stub] — "This project was bootstrapped' in stub
    assert "\x1b" not in stub

    rd = json.loads(run(cli, checked, "-f", "rdjson"))
    (diag,) = [d for d in rd["diagnostics"] if d["code"]["value"] == "documentation/readme-stub"]
    assert '"This project was bootstrapped' in diag["message"]

    (row,) = csv.DictReader(io.StringIO(run(cli, checked, "-f", "csv")))
    assert "5 fail: documentation/readme-stub (README is a stub)" in row["reasons"]
    assert "2 pass: LICENSE:1: MIT, full text, 100% match" in row["reasons"]


def test_a_local_check_says_it_did_not_look_at_the_owners_github_repository(cli, repo):
    root = repo({"README.md": "# Tool\n\nA tool for clinics.\n", "LICENSE": filled("MIT")})
    report = json.loads(run(cli, root, "-f", "json", "--only", "9c"))
    (missing,) = [f for f in report["indicators"][0]["findings"]
                  if f["id"] == "harassment-protection/no-code-of-conduct"]
    assert "owner's .github repository not checked locally" in missing["message"]
    assert [e["basis"] for e in missing["evidence"]] == ["not-checked"]
    screen = run(cli, root, "--only", "9c")
    assert re.search(r"· \[not checked in this run\] the owner's \.github repository", screen)


def test_a_check_through_the_forge_reads_the_owners_github_and_says_nothing_unchecked(
        cli, server, repo, tmp_path):
    from tests.github_server import bare_copy

    def publish(name: str, files: dict[str, str]) -> None:
        bare = bare_copy(repo(files), tmp_path / "remotes" / "acme" / f"{name}.git")
        server.add_repo("acme", name, bare)

    publish("tool", {"README.md": "# Tool\n\nA tool for clinics.\n", "LICENSE": filled("MIT")})
    publish(".github", {"CODE_OF_CONDUCT.md": "# Be kind\n\nReport to conduct@acme.org.\n"})
    args = ("--github-url", server.url, "--cache-dir", tmp_path / "cache", "-f", "json",
            "--only", "9c")
    inherited = json.loads(cli(*args, "acme/tool").stdout)["indicators"][0]
    assert "inherited" in inherited["summary"]
    bases = {e["basis"] for f in inherited["findings"] for e in f["evidence"]}
    assert "not-checked" not in bases
    assert "not checked" not in json.dumps(inherited)


def test_a_gap_on_a_declaration_is_marked_attested_in_annotations(cli, repo):
    root = repo({"README.md": "# Tool\n\nA tool for clinics.\n", "LICENSE": filled("MIT"),
                 "dpg.yml": "sdgs:\n  - number: 13\n    relevance: Climate.\n"})
    lines = run(cli, root, "-f", "lines", "--only", "1").splitlines()
    (gap,) = [line for line in lines if "sdg-relevance/sdg-13-unsupported" in line]
    assert gap.startswith("dpg.yml:2: warning ")
    assert "(declared: attested by the maintainer, not verified)" in gap
    sarif = json.loads(run(cli, root, "-f", "sarif", "--only", "1"))
    (result,) = sarif["runs"][0]["results"]
    assert result["locations"][0]["message"]["text"].startswith(
        "[attested by the maintainer, not verified] ")


def test_a_modified_licence_quotes_its_added_text(cli, repo):
    added = "The Software shall not be used for military purposes by any government agency."
    licence = filled("MIT") + "\n\n" + added + "\n"
    root = repo({"README.md": "# Tool\n\nA tool for clinics.\n", "LICENSE": licence})
    report = json.loads(run(cli, root, "-f", "json", "--only", "2"))
    (modified,) = [f for f in report["indicators"][0]["findings"]
                   if f["id"] == "open-license/modified"]
    first = modified["evidence"][0]
    assert (first["path"], first["line"]) == ("LICENSE", licence.splitlines().index(added) + 1)
    assert first["excerpt"] == added


def test_a_local_check_says_it_did_not_look_for_an_inherited_security_policy(cli, repo):
    root = repo({"README.md": "# Tool\n\nA tool for clinics.\n", "LICENSE": filled("MIT"),
                 "dpg.yml": "data_privacy:\n  pii: stored\n  types: [email]\n"
                            "  safeguards: encrypted at rest\n"
                            "  declared_by:\n    name: Jane Doe\n    role: Director\n"})
    report = json.loads(run(cli, root, "-f", "json", "--only", "9a"))
    (policy,) = [f for f in report["indicators"][0]["findings"]
                 if f["id"] == "data-privacy-security/no-security-policy"]
    assert "the owner's .github repository not checked locally" in policy["message"]
    assert [e["basis"] for e in policy["evidence"]] == ["not-checked"]
