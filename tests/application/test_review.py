"""dpgcheck review: applications in both DPGA formats judged against real repositories."""

from __future__ import annotations

import json

import pytest

from dpgcheck.application.answers import dpga_schema
from tests.reassess_world import World, project
from tests.smart_http import SmartHttp


def validator_for(name, schema=None):
    """The shipped schema ``name`` (or ``schema``), checked itself before it checks."""
    from importlib import resources

    from jsonschema import validators

    if schema is None:
        schema = json.loads(resources.files("dpgcheck").joinpath(f"data/{name}")
                            .read_text("utf-8"))
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@pytest.fixture
def world(server, tmp_path):
    w = World(tmp_path / "world", server, SmartHttp(tmp_path / "world" / "git").start())
    yield w
    w.http.stop()


def nominee(repos, licence="MIT", name="Tool"):
    return {"name": name, "description": "Clinic records.", "stage": "nominee",
            "license": [{"spdx": licence, "licenseURL": f"{repos[0]}/blob/main/LICENSE"}],
            "SDGs": [{"SDGNumber": 3, "evidenceText": "Health records."}],
            "type": ["software"],
            "repositories": [{"name": f"part {i}", "url": u} for i, u in enumerate(repos)],
            "organizations": [{"name": "Example Health Foundation", "org_type": "owner"}]}


def screening(**overrides):
    doc = {"name": "Tool",
           "clearOwnership": {"isOwnershipExplicit": "Yes"},
           "platformIndependence": {"mandatoryDepsCreateMoreRestrictions": "No"},
           "documentation": {"isDocumentationAvailable": "Yes", "documentationURL": []},
           "NonPII": {"collectsNonPII": "Unknown"},
           "locations": {"developmentCountries": ["Kenya"], "deploymentCountries": ["Kenya"]},
           "privacy": {"isPrivacyCompliant": "Yes", "privacyComplianceList": ["GDPR"]},
           "standards": {"supportStandards": "Unknown", "implementBestPractices": ""},
           "doNoHarm": {"preventHarm": {"stepsToPreventHarm": "Unknown"},
                        "dataPrivacySecurity": {"collectsPII": "No"},
                        "inappropriateIllegalContent": {"collectStoreDistribute": "No"},
                        "protectionFromHarassment": {
                            "userInteraction": "Yes",
                            "harassmentProtectionSteps": ["Our code of conduct applies."]}}}
    doc.update(overrides)
    return doc


def write(tmp_path, name, doc):
    path = tmp_path / name
    path.write_text(json.dumps(doc))
    return path


def review(cli, server, tmp_path, *args):
    return cli("review", *args, "--github-url", server.url, "--cache-dir", tmp_path / "cache")


def test_contradicted_licence_exits_1_naming_it_with_evidence(cli, server, world, tmp_path):
    url = world.add_repo("acme/tool", project("Tool", "BUSL-1.1"), licence="BUSL-1.1")
    app = write(tmp_path, "nominee.json", nominee([url]))
    result = review(cli, server, tmp_path, app, "-f", "json")
    assert result.exit_code == 1, result.stderr
    doc = json.loads(result.stdout)
    lic = next(a for a in doc["answers"] if a["indicator"] == "2")
    assert lic["judgement"] == "contradicted"
    assert "claims MIT" in lic["reason"]
    assert any("BUSL-1.1" in q["message"] and q["where"] == "LICENSE:1"
               for q in lic["evidence"])
    assert {a["judgement"] for a in doc["answers"]} <= {"consistent", "contradicted",
                                                         "unverifiable"}
    validator_for("review.schema.json").validate(doc)
    text = review(cli, server, tmp_path, app).stdout
    assert "CONTRADICTED  license: spdx: MIT" in text and "BUSL-1.1" in text


def test_consistent_application_in_both_formats_exits_0(cli, server, world, tmp_path):
    url = world.add_repo("acme/tool", project("Tool"))
    files = [write(tmp_path, "nominee.json", nominee([url])),
             write(tmp_path, "screening.json", screening())]
    for path, kind in zip(files, ("nominee", "screening"), strict=True):
        dpga = validator_for(None, dpga_schema(kind))
        dpga.validate(json.loads(path.read_text()))  # the inputs are real DPGA documents
    result = review(cli, server, tmp_path, *files, "-f", "json")
    assert result.exit_code == 0, result.stdout + result.stderr
    doc = json.loads(result.stdout)
    validator_for("review.schema.json").validate(doc)
    judged = {a["indicator"]: a["judgement"] for a in doc["answers"]}
    assert judged["2"] == judged["3"] == judged["5"] == judged["9c"] == "consistent"
    assert judged["4"] == "consistent" and judged["7"] == "unverifiable"
    assert next(a for a in doc["answers"] if a["indicator"] == "9c")["evidence"][0][
        "where"] == "CODE_OF_CONDUCT.md"
    missing = {(m["indicator"], m["field"]) for m in doc["missing"]}
    assert ("6", "NonPII") in missing and ("8", "standards") in missing
    markdown = review(cli, server, tmp_path, *files, "-f", "markdown").stdout
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert [h.split(".")[0][3:] for h in headings] == [
        "1", "2", "3", "4", "5", "6", "7", "8", "9a", "9b", "9c"]
    assert "- **missing**: NonPII" in markdown


def test_claimed_code_of_conduct_missing_and_closed_dependency(cli, server, world,
                                                               tmp_path):
    files = project("Tool")
    del files["CODE_OF_CONDUCT.md"]
    files["package.json"] = json.dumps({"name": "tool", "dependencies": {
        "firebase": "^10.0.0"}})
    used = world.add_repo("acme/used", files)
    files["dpg.yml"] = ("platform_independence:\n  closed_dependencies:\n"
                        "    - name: firebase\n      mandatory: true\n")
    mandatory = world.add_repo("acme/mandatory", files)
    judged = {}
    for url in (used, mandatory):
        apps = [write(tmp_path, "n.json", nominee([url])),
                write(tmp_path, "s.json", screening())]
        result = review(cli, server, tmp_path, *apps, "-f", "json")
        assert result.exit_code == 1, result.stderr  # the code of conduct, both times
        judged[url] = {a["indicator"]: a for a in json.loads(result.stdout)["answers"]}
        assert judged[url]["9c"]["judgement"] == "contradicted"
    # Used at runtime: only a person can say whether the core works without it.
    assert judged[used]["4"]["judgement"] == "unverifiable"
    assert any("firebase" in q["message"].lower() for q in judged[used]["4"]["evidence"])
    # Declared mandatory with no open alternative: the claim is contradicted.
    assert judged[mandatory]["4"]["judgement"] == "contradicted"
    assert any("mandatory" in q["message"] for q in judged[mandatory]["4"]["evidence"])


def test_another_approved_licence_is_for_a_person_to_place(cli, server, world, tmp_path):
    url = world.add_repo("acme/code", project("Code", "Apache-2.0"), licence="Apache-2.0")
    doc = nominee([url], licence="CC-BY-4.0")
    result = review(cli, server, tmp_path, write(tmp_path, "n.json", doc), "-f", "json")
    lic = next(a for a in json.loads(result.stdout)["answers"] if a["indicator"] == "2")
    assert lic["judgement"] == "unverifiable", lic
    assert "Apache-2.0 (approved as a software licence)" in lic["evidence"][0]["message"]
    assert result.exit_code == 0


def test_waivers_are_shown_never_applied(cli, server, world, tmp_path):
    files = project("Tool", "BUSL-1.1")
    files["dpg.yml"] = ("waivers:\n  - id: open-license\n    reason: relicensing under "
                        "review\n")
    url = world.add_repo("acme/tool", files, licence="BUSL-1.1")
    result = review(cli, server, tmp_path, write(tmp_path, "n.json", nominee([url])),
                    "-f", "markdown")
    assert result.exit_code == 1
    assert "waiver declared for 2 (shown, not applied): relicensing under review" \
        in result.stdout


def test_solution_of_three_fails_indicator_2_naming_the_repository(cli, server, world,
                                                                   tmp_path):
    urls = [world.add_repo("acme/server", project("Server")),
            world.add_repo("acme/mobile", project("Mobile", "BUSL-1.1"), licence="BUSL-1.1"),
            world.add_repo("acme/docs", project("Docs"))]
    result = cli("check", *urls, "--solution", "Tool", "-f", "json", "--github-url",
                 server.url, "--cache-dir", tmp_path / "cache")
    assert result.exit_code == 1, result.stderr
    doc = json.loads(result.stdout)
    schema = validator_for("review.schema.json").schema
    validator_for(None, {**schema, "$ref": "#/$defs/solution", "required": [],
                         "properties": {}}).validate(doc)
    lic = next(i for i in doc["indicators"] if i["number"] == "2")
    assert lic["status"] == "fail"
    assert "mobile" in lic["reason"] and "server" not in lic["reason"]
    assert "every repository's licence must be approved" in lic["rule"]
    # only acme/mobile fails; the others pass (or warn: no code of their own to judge by)
    assert [r["status"] != "fail" for r in lic["repositories"]] == [True, False, True]
    assert all(r["evidence"] for r in lic["repositories"])  # each repository's evidence
    coc = next(i for i in doc["indicators"] if i["number"] == "9c")
    assert coc["rule"].startswith("present for the solution")
    assert len(doc["facts"]["code_of_conduct"]) == 3
    text = cli("check", *urls, "--solution", "Tool", "--github-url", server.url,
               "--cache-dir", tmp_path / "cache").stdout
    assert "rule: every repository's licence must be approved" in text
    # The same three through an application: the review carries the solution.
    app = write(tmp_path, "n.json", nominee(urls))
    reviewed = json.loads(review(cli, server, tmp_path, app, "-f", "json").stdout)
    assert next(i for i in reviewed["solution"]["indicators"] if i["number"] == "2")[
        "status"] == "fail"


@pytest.mark.parametrize(("doc", "message"), [
    ({"name": "X", "stage": "nominee", "license": [{"spdx": "MIT"}], "SDGs": [],
      "type": ["software"], "organizations": [], "description": "d"},
     "field 'license[0].licenseURL' is missing"),
    (screening(clearOwnership={"isOwnershipExplicit": "Maybe"}),
     "screening field 'clearOwnership.isOwnershipExplicit'"),
    ([{"id": "1", "name": "A", "repositories": [{"url": "https://x/y"}]},
      {"id": "2", "name": "B", "repositories": [{"url": "https://x/z"}]}], "pick one with --id"),
    ({"hello": 1}, "not a DPGA application"),
])
def test_bad_or_partial_input_is_one_line_naming_the_field(cli, tmp_path, doc, message):
    result = cli("review", write(tmp_path, "app.json", doc))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr


def test_registry_entry_by_id_and_html(cli, server, world, tmp_path):
    url = world.add_repo("acme/tool", project("Tool <script>alert(1)</script>"))
    world.add_dpg("77", "Tool <b>", [url])
    registry = world.write_registry()
    result = review(cli, server, tmp_path, registry, "--id", "77", "-f", "html")
    assert result.exit_code == 0, result.stderr
    assert "<b>" not in result.stdout and "Tool &lt;b&gt;" in result.stdout
    assert 'data-judgement="consistent"' in result.stdout


def test_dpgcheck_own_export_reviews_clean_against_its_repository(cli, repo, tmp_path):
    """What ``dpgcheck export`` writes for the shipped example is consistent with the very
    repository it came from (a local folder given with --repo)."""
    from tests.application_helpers import EXAMPLE_FILES
    from tests.license_texts import filled

    root = repo({**EXAMPLE_FILES, "LICENSE": filled("MIT")})
    files = []
    for kind in ("nominee", "screening"):
        out = tmp_path / f"{kind}.json"
        assert cli("export", "-f", f"dpga-{kind}", "-o", out, root).exit_code == 0
        files.append(out)
    result = cli("review", *files, "--repo", root, "-f", "json")
    assert result.exit_code == 0, result.stdout
    doc = json.loads(result.stdout)
    judged = {a["indicator"]: a["judgement"] for a in doc["answers"]}
    assert judged["2"] == judged["3"] == "consistent"
    assert judged["5"] == "unverifiable"  # a one-line README: the documentation URL decides
    assert "contradicted" not in judged.values()
    assert doc["application"]["kind"] == "nominee+screening"


def test_review_page_in_headless_chromium(cli, server, world, tmp_path):
    from bs4 import BeautifulSoup

    from tests.chromium_dom import dump_dom

    url = world.add_repo("acme/tool", project("Tool", "BUSL-1.1"), licence="BUSL-1.1")
    page = tmp_path / "review.html"
    apps = [write(tmp_path, "n.json", nominee([url])), write(tmp_path, "s.json", screening())]
    assert review(cli, server, tmp_path, *apps, "-f", "html", "-o", page).exit_code == 1
    dom = BeautifulSoup(dump_dom(page, tmp_path), "html.parser")
    sections = [h.get_text() for h in dom.select("main section h2")]
    assert sections[1:12] == [f"{n}. {t}" for n, t in __import__(
        "dpgcheck.application.review", fromlist=["TITLES"]).TITLES.items()]
    licence = dom.select_one("section[aria-labelledby=i2] li[data-judgement]")
    assert licence["data-judgement"] == "contradicted" and "BUSL-1.1" in licence.get_text()
    assert dom.select("li[data-judgement=missing]")
