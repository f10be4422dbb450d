"""The discoverability extra: every signal, present and missing, on small real repositories."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from dpgcheck_indicators.discoverability import Discoverability

from dpgcheck.engine.context import Context
from dpgcheck.repo.view import RepoView
from dpgcheck.sources.interface import ForgeInfo, TargetInfo
from tests.conftest import git

INTRO = ("Example Health is an open-source platform that helps community health workers "
         "keep patient records offline in rural clinics.\n")


def extra(cli: Any, path: Path) -> dict[str, Any]:
    out = cli(path, "--only", "discoverability", "--format", "json")
    assert out.exit_code in (0, 1, 3), out.stderr
    report = json.loads(out.stdout)
    (item,) = [e for e in report["extras"] if e["id"] == "discoverability"]
    return item


def signals(item: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["id"].removeprefix("discoverability/"): f for f in item["findings"]}


def status_of(cli: Any, path: Path, signal: str) -> str:
    return str(signals(extra(cli, path))[signal]["status"])


def check_with_forge(root: Path, forge: ForgeInfo | None) -> dict[str, Any]:
    ctx = Context(RepoView.from_path(root), TargetInfo(name=str(root)), forge=forge)
    result = Discoverability().check(ctx)
    return {f.id.removeprefix("discoverability/"): f for f in result.findings}


# ---------------------------------------------------------------- metadata
def test_citation_and_codemeta_present_or_missing(repo, cli):
    bare = repo({"README.md": INTRO})
    rich = repo({
        "README.md": INTRO,
        "CITATION.cff": "cff-version: 1.2.0\ntitle: Example Health\nmessage: cite us\n"
                        "authors:\n  - name: Example Foundation\n",
        "codemeta.json": json.dumps({"@context": "https://w3id.org/codemeta/3.0",
                                     "name": "Example Health"}),
    })
    assert status_of(cli, bare, "citation") == "warning"
    assert status_of(cli, bare, "codemeta") == "warning"
    found = signals(extra(cli, rich))
    assert found["citation"]["status"] == "pass"
    assert "Example Health" in found["citation"]["message"]
    assert found["codemeta"]["status"] == "pass"


def test_broken_codemeta_and_citation_are_not_counted(repo, cli):
    path = repo({"README.md": INTRO, "codemeta.json": "{not json",
                 "CITATION.cff": "cff-version: 1.2.0\n"})
    found = signals(extra(cli, path))
    assert found["codemeta"]["status"] == "warning"
    assert "not valid JSON" in found["codemeta"]["message"]
    assert found["citation"]["status"] == "warning"


@pytest.mark.parametrize(("readme", "expected"), [
    ("# Example\n\n[![CI](https://ci.example/badge.svg)](https://ci.example)\n\n" + INTRO,
     "pass"),
    ("Example\n=======\n\n.. image:: https://ci.example/badge.svg\n   :alt: CI\n\n" + INTRO,
     "pass"),
    ("# Example\n\n## Install\n\n```\npip install example\n```\n", "warning"),
    ("# Example\n\nA digital public good for civil registration.\n", "warning"),
])
def test_readme_first_paragraph_says_what_and_for_whom(repo, cli, readme, expected):
    name = "README.rst" if "=====" in readme else "README.md"
    assert status_of(cli, repo({name: readme}), "readme-intro") == expected


def test_forge_about_box_only_in_remote_mode(repo):
    root = repo({"README.md": INTRO})
    local = check_with_forge(root, None)
    assert {local[s].status.value for s in
            ("repository-description", "repository-homepage", "repository-topics")} == {
        "not-applicable"}
    empty = check_with_forge(root, ForgeInfo(host="github.com", full_name="ex/health"))
    assert empty["repository-description"].status.value == "warning"
    assert empty["repository-homepage"].status.value == "warning"
    assert empty["repository-topics"].status.value == "warning"
    full = check_with_forge(root, ForgeInfo(
        host="github.com", full_name="ex/health", description="Health records for clinics",
        homepage="https://health.example.org", topics=["health", "digital-public-goods",
                                                       "sdg-3"]))
    assert full["repository-description"].status.value == "pass"
    assert full["repository-homepage"].status.value == "pass"
    assert full["repository-topics"].status.value == "pass"
    # forge topics feed the tagging signals too
    assert full["dpg-topics"].status.value == "pass"
    assert full["sector-tags"].status.value == "pass"


# ---------------------------------------------------------------- tagging
def test_dpg_and_sector_tags_from_manifest_keywords(repo, cli):
    unseen = repo({"README.md": INTRO, "package.json": '{"name": "x", "private": true}'})
    untagged = repo({"README.md": INTRO,
                     "package.json": '{"name": "x", "private": true, "keywords": ["react"]}'})
    tagged = repo({
        "README.md": INTRO,
        "package.json": json.dumps({"name": "x", "private": True,
                                    "keywords": ["Digital Public Goods", "Health"]}),
        "pyproject.toml": '[project]\nname = "x"\nkeywords = ["sdg3", "agriculture"]\n',
    })
    # locally, without any manifest keywords, the forge topics cannot be seen: not counted
    assert status_of(cli, unseen, "dpg-topics") == "not-applicable"
    assert status_of(cli, unseen, "sector-tags") == "not-applicable"
    missing = signals(extra(cli, untagged))
    assert missing["dpg-topics"]["status"] == "warning"
    assert "among the keywords of package.json" in missing["dpg-topics"]["message"]
    assert "repository topics are read only" in missing["dpg-topics"]["message"]
    assert missing["sector-tags"]["status"] == "warning"
    found = signals(extra(cli, tagged))
    assert found["dpg-topics"]["status"] == "pass"
    assert "digital-public-goods" in found["dpg-topics"]["message"]
    assert "sdg3" in found["dpg-topics"]["message"]
    assert found["sector-tags"]["status"] == "pass"
    assert "health" in found["sector-tags"]["message"]


def test_publiccode_categories_and_codemeta_keywords_are_tags(repo, cli):
    path = repo({"README.md": INTRO,
                 "codemeta.json": json.dumps({"name": "x", "keywords": "dpg, education"})})
    found = signals(extra(cli, path))
    assert found["dpg-topics"]["status"] == "pass"
    assert found["sector-tags"]["status"] == "pass"


def test_dpg_badge_or_registry_link(repo, cli):
    without = repo({"README.md": INTRO})
    badge = repo({"README.md": "# X\n\n" + INTRO + "\n[![DPG](https://img.shields.io/badge/"
                   "Verified-DPG-3333AB)](https://app.digitalpublicgoods.net/a/10001)\n"})
    link = repo({"README.md": INTRO, "ABOUT.md": "See https://digitalpublicgoods.net/registry/"
                 "example-health\n"})
    assert status_of(cli, without, "dpg-badge") == "warning"
    found = signals(extra(cli, badge))["dpg-badge"]
    assert found["status"] == "pass"
    assert found["evidence"][0]["line"] == 5
    assert status_of(cli, link, "dpg-badge") == "pass"


def test_sdgs_consistent_with_declarations(repo, cli):
    dpg = "dpg: 1\nsdgs:\n  - number: 3\n    relevance: clinics\n"
    consistent = repo({"README.md": INTRO + "\nIt serves SDG 3.\n", "dpg.yml": dpg})
    undeclared = repo({"README.md": INTRO + "\nIt serves SDG 3 and SDG 4.\n", "dpg.yml": dpg})
    unnamed = repo({"README.md": INTRO, "dpg.yml": dpg})
    only_tags = repo({"README.md": INTRO, "package.json": '{"keywords": ["sdg-5"]}'})
    nothing = repo({"README.md": INTRO})
    assert status_of(cli, consistent, "sdg-consistency") == "pass"
    extra_goal = signals(extra(cli, undeclared))["sdg-consistency"]
    assert extra_goal["status"] == "warning"
    assert "SDG 4 named but not declared" in extra_goal["message"]
    missing_goal = signals(extra(cli, unnamed))["sdg-consistency"]
    assert "declares SDG 3" in missing_goal["message"]
    assert "sdg-3" in missing_goal["remediation"]
    assert "no dpg.yml declares" in signals(extra(cli, only_tags))["sdg-consistency"]["message"]
    assert status_of(cli, nothing, "sdg-consistency") == "warning"


# ---------------------------------------------------------------- deposits
def test_doi_from_badge_zenodo_json_or_citation(repo, cli):
    assert status_of(cli, repo({"README.md": INTRO}), "doi") == "warning"
    badge = repo({"README.md": INTRO + "\n[![DOI](https://zenodo.org/badge/123.svg)]"
                  "(https://zenodo.org/badge/latestdoi/123)\n"})
    zenodo = repo({"README.md": INTRO, ".zenodo.json": '{"title": "x"}'})
    cff = repo({"README.md": INTRO, "CITATION.cff": "cff-version: 1.2.0\ntitle: x\n"
                "doi: 10.5281/zenodo.42\n"})
    assert status_of(cli, badge, "doi") == "pass"
    assert status_of(cli, zenodo, "doi") == "pass"
    found = signals(extra(cli, cff))["doi"]
    assert found["status"] == "pass" and "10.5281/zenodo.42" in found["message"]


def test_software_heritage_reference(repo, cli):
    assert status_of(cli, repo({"README.md": INTRO}), "software-heritage") == "warning"
    swh = repo({"README.md": INTRO + "\nArchived as swh:1:dir:" + "a" * 40 + "\n"})
    assert status_of(cli, swh, "software-heritage") == "pass"


def test_published_packages_and_images(repo, cli):
    private_app = repo({"README.md": INTRO, "package.json": '{"name": "app", "private": true}'})
    workflow = repo({
        "README.md": INTRO,
        ".github/workflows/release.yml": "on: release\njobs:\n  push:\n    steps:\n"
                                         "      - uses: docker/build-push-action@v5\n",
    })
    manifest = repo({"README.md": INTRO,
                     "pyproject.toml": '[build-system]\nrequires = ["setuptools"]\n'
                                       '[project]\nname = "example-health"\n'})
    assert status_of(cli, private_app, "published") == "warning"
    found = signals(extra(cli, workflow))["published"]
    assert found["status"] == "pass" and "container image" in found["message"]
    assert found["evidence"][0]["line"] == 5
    found = signals(extra(cli, manifest))["published"]
    assert found["status"] == "pass" and "example-health" in found["message"]


def test_releases_from_tags_or_changelog(repo, cli):
    untagged = repo({"README.md": INTRO})
    assert status_of(cli, untagged, "releases") == "warning"
    tagged = repo({"README.md": INTRO})
    git(tagged, "tag", "v1.0.0")
    git(tagged, "tag", "v1.10.0")
    git(tagged, "tag", "v1.9.2")
    git(tagged, "tag", "nightly")
    found = signals(extra(cli, tagged))["releases"]
    assert found["status"] == "pass"
    assert "4 git tag(s) (latest: v1.10.0, v1.9.2, v1.0.0)" in found["message"]
    changelog = repo({"README.md": INTRO, "CHANGELOG.md": "# Changelog\n\n## [2.1.0] - 2026\n"})
    assert status_of(cli, changelog, "releases") == "pass"


# ---------------------------------------------------------------- localisation
def test_localisation_lists_locales_from_every_catalogue_kind(repo, cli):
    path = repo({
        "README.md": INTRO,
        "app/locale/fr/LC_MESSAGES/django.po": 'msgid "a"\nmsgstr "b"\n',
        "app/locale/ach_UG/LC_MESSAGES/django.po": 'msgid "a"\nmsgstr "b"\n',
        "app/locale/README/notes.json": "{}",
        "app/locale/django.pot": 'msgid "a"\n',
        "web/src/locales/pt-BR.json": "{}",
        "web/src/i18n/sw/common.json": "{}",
        "android/app/src/main/res/values-es/strings.xml": "<resources/>",
        "android/app/src/main/res/values-night/colors.xml": "<resources/>",
        "ios/App/ar.lproj/Localizable.strings": '"a" = "b";',
        "config/locales/devise.am.yml": "am: {}",
        "lib/l10n/app_hi.arb": "{}",
        "docs/messages.de.xlf": "<xliff/>",
        "package.json": json.dumps({"name": "w", "private": True,
                                    "dependencies": {"i18next": "^23"}}),
    })
    item = extra(cli, path)
    found = signals(item)["localisation"]
    assert found["status"] == "pass"
    assert item["discoverability"]["locales"] == ["ach-UG", "am", "ar", "de", "es", "fr", "hi",
                                                  "pt-BR", "sw"]
    assert item["discoverability"]["i18n_frameworks"] == ["i18next"]
    assert "9 locale(s)" in found["message"]


def test_no_localisation_and_single_language(repo, cli):
    ui = {"README.md": INTRO, "web/index.html": "<html></html>"}
    assert status_of(cli, repo(ui), "localisation") == "warning"
    # a library without a user interface has nothing to translate
    assert status_of(cli, repo({"README.md": INTRO}), "localisation") == "not-applicable"
    single = repo({"README.md": INTRO, "locales/en.json": "{}"})
    found = signals(extra(cli, single))["localisation"]
    assert found["status"] == "warning" and "one language only" in found["message"]


# ---------------------------------------------------------------- accessibility
WEB = {"README.md": INTRO, "web/index.html": "<!doctype html><title>x</title>"}


def test_accessibility_offline_light_build_missing_on_a_web_ui(repo, cli):
    found = signals(extra(cli, repo(WEB)))
    assert found["accessibility"]["status"] == "warning"
    assert "web/index.html" in found["accessibility"]["message"]
    assert found["offline"]["status"] == "warning"
    assert found["light-build"]["status"] == "warning"


def test_no_user_interface_means_not_applicable(repo, cli):
    found = signals(extra(cli, repo({"README.md": INTRO, "lib/core.py": "x = 1\n",
                                     "docs/index.html": "<html></html>"})))
    for signal in ("accessibility", "offline", "light-build"):
        assert found[signal]["status"] == "not-applicable"


def test_accessibility_tooling_and_statement(repo, cli):
    tooling = repo({**WEB, "package.json": json.dumps(
        {"name": "w", "private": True, "devDependencies": {"eslint-plugin-jsx-a11y": "6"}})})
    statement = repo({**WEB, "ACCESSIBILITY.md": "We target WCAG 2.1 AA.\n"})
    guide = repo({**WEB, "docs/testing/a11y_resources/index.rst": "Screen readers\n"})
    component = repo({**WEB, "web/AccessibleCard.vue": "<template/>",
                      "web/a11y.js": "export {}\n"})
    ci = repo({**WEB, ".github/workflows/a11y.yml": "jobs:\n  a:\n    steps:\n"
                                                     "      - run: npx pa11y-ci\n"})
    assert "eslint-plugin-jsx-a11y" in signals(extra(cli, tooling))["accessibility"]["message"]
    assert signals(extra(cli, statement))["accessibility"]["status"] == "pass"
    assert signals(extra(cli, guide))["accessibility"]["status"] == "pass"
    assert signals(extra(cli, component))["accessibility"]["status"] == "warning"
    assert signals(extra(cli, ci))["accessibility"]["status"] == "pass"


def test_offline_support_from_service_worker_manifest_or_library(repo, cli):
    sw = repo({**WEB, "web/service-worker.js": "self.addEventListener('fetch', () => {})\n"})
    manifest = repo({**WEB, "web/manifest.json": '{"name": "x", "start_url": "/"}'})
    extension = repo({**WEB, "web/manifest.json": '{"manifest_version": 3}'})
    pouch = repo({**WEB, "package.json": json.dumps(
        {"name": "w", "private": True, "dependencies": {"pouchdb": "8"}})})
    assert status_of(cli, sw, "offline") == "pass"
    assert status_of(cli, manifest, "offline") == "pass"
    assert status_of(cli, extension, "offline") == "warning"
    assert "PouchDB" in signals(extra(cli, pouch))["offline"]["message"]


def test_light_build_from_budget_tool_or_android_shrinking(repo, cli):
    budget = repo({**WEB, "package.json": json.dumps(
        {"name": "w", "private": True, "size-limit": [{"path": "dist/*.js", "limit": "50 kB"}]})})
    android = repo({"README.md": INTRO,
                    "app/src/main/AndroidManifest.xml": "<manifest/>",
                    "app/build.gradle": "android {\n  buildTypes {\n    release {\n"
                                        "      minifyEnabled true\n    }\n  }\n}\n"})
    assert status_of(cli, budget, "light-build") == "pass"
    found = signals(extra(cli, android))["light-build"]
    assert found["status"] == "pass" and found["evidence"][0]["line"] == 4


# ---------------------------------------------------------------- summary and status
def test_summary_counts_signals_and_status_follows_the_majority(repo, cli):
    sparse = extra(cli, repo({"README.md": INTRO}))
    assert sparse["status"] == "warning"
    data = sparse["discoverability"]
    assert sparse["summary"].startswith(
        f"discoverable: {data['present']} of {data['applicable']} signals")
    rich_root = repo({
        **WEB,
        "CITATION.cff": "cff-version: 1.2.0\ntitle: x\ndoi: 10.5281/zenodo.1\n"
                        "keywords: [digital-public-goods, health, sdg-3]\n",
        "codemeta.json": '{"name": "x"}',
        "dpg.yml": "dpg: 1\nsdgs:\n  - number: 3\n",
        "README.md": INTRO + "\n[DPG](https://app.digitalpublicgoods.net/a/1) swh:1:rev:"
                     + "b" * 40 + "\n",
        "locales/fr.json": "{}", "locales/en.json": "{}",
        "ACCESSIBILITY.md": "WCAG 2.1\n",
        "web/sw.js": "//\n",
    })
    git(rich_root, "tag", "v1.0")
    rich = extra(cli, rich_root)
    assert rich["status"] == "pass"
    assert rich["discoverability"]["present"] * 2 > rich["discoverability"]["applicable"]
