"""Indicator 5 on real repositories: README presence and quality, install path, categories."""

from __future__ import annotations

import json

import pytest

from dpgcheck.evidence.readme import english_verdict, parse

PROSE = ("This tool helps clinics keep patient records that work offline. It is used by "
         "health workers in rural areas and syncs with the district server when a "
         "connection is available. ")


def run5(cli, root, *args):
    out = cli("--only", "5", "--format", "json", *args, root)
    (ind,) = json.loads(out.stdout)["indicators"]
    return ind


def ids(ind):
    return {f["id"]: f["status"] for f in ind["findings"]}


def test_no_readme_fails(cli, repo):
    ind = run5(cli, repo({"main.py": "print(1)\n"}))
    assert ind["status"] == "fail"
    assert ids(ind) == {"documentation/no-readme": "fail"}


@pytest.mark.parametrize("text", [
    "# my-project\n",
    "# my-project\n\nTODO\n",
    "",
    "# Project\n\n## Getting started\n\nTo make it easy for you to get started with GitLab, "
    "here's a list of recommended next steps.\n" + PROSE * 3,
])
def test_stub_or_template_readme_fails(cli, repo, text):
    ind = run5(cli, repo({"README.md": text}))
    assert ind["status"] == "fail"
    assert ids(ind)["documentation/readme-stub"] == "fail"


def test_markdown_readme_with_install_section_passes(cli, repo):
    root = repo({"README.md": f"# Clinic\n\n{PROSE}\n\n## Installation\n\n```sh\n"
                              "pip install clinic\n```\n",
                 "docs/guide.md": "# Guide\n", "Dockerfile": "FROM python:3.12\n",
                 "CHANGELOG.md": "# 1.0\n", "api/openapi.yaml": "openapi: 3.0.0\n"})
    ind = run5(cli, root)
    assert ind["status"] == "pass"
    assert ids(ind)["documentation/install-path"] == "pass"
    kinds = {a["kind"] for a in ind["artefacts"]}
    assert {"Dockerfile", "CHANGELOG", "OpenAPI/Swagger spec"} <= kinds
    assert any(k.startswith("docs/ folder") for k in kinds)


def test_readme_without_install_path_warns(cli, repo):
    ind = run5(cli, repo({"README.md": f"# Clinic\n\n{PROSE * 2}\n\n## Features\n\n{PROSE}"}))
    assert ind["status"] == "warning"
    assert ids(ind)["documentation/no-install-path"] == "warning"


@pytest.mark.parametrize(("name", "text"), [
    ("README.rst", f"Clinic\n======\n\n{PROSE}\n\nGetting started\n---------------\n\n"
                   "Run the server.\n"),
    ("README.adoc", f"= Clinic\n\n{PROSE}\n\n== Quick start\n\nRun the server.\n"),
    ("README.org", f"* Clinic\n\n{PROSE}\n\n** Setup\n\nRun the server.\n"),
    ("README.txt", f"CLINIC\n\n{PROSE}\n\nINSTALLATION\n\nRun the server.\n"),
    ("README", f"Clinic\n\n{PROSE}\n\nUsage:\n  clinic serve\n"),
])
def test_install_heading_in_other_markups(cli, repo, name, text):
    ind = run5(cli, repo({name: text}))
    assert ind["status"] == "pass", ind
    assert ids(ind)["documentation/install-path"] == "pass"


def test_link_to_docs_site_counts_as_install_path(cli, repo):
    root = repo({"README.md": f"# Clinic\n\n{PROSE * 2}\n\nSee the "
                              "[documentation](https://clinic.readthedocs.io/) to set it up.\n"})
    ind = run5(cli, root)
    assert ids(ind)["documentation/install-path"] == "pass"


def test_declared_documentation_url_counts(cli, repo):
    root = repo({"README.md": f"# Clinic\n\n{PROSE * 2}",
                 "dpg.yml": "documentation: [https://docs.clinic.org]\n"})
    ind = run5(cli, root)
    assert ind["status"] == "pass"
    assert ind["declared"] == ["https://docs.clinic.org"]


def test_readme_in_github_folder_is_found(cli, repo):
    ind = run5(cli, repo({".github/README.md": f"# Clinic\n\n{PROSE}\n## Usage\n\nrun it\n"}))
    assert ind["readme"] == ".github/README.md"
    assert ind["status"] == "pass"


def test_non_english_readme_warns_and_english_translation_is_preferred(cli, repo):
    french = ("# Clinique\n\n" + "Cet outil aide les cliniques à garder les dossiers des "
              "patients qui fonctionnent hors ligne. Il est utilisé par les agents de santé "
              "dans les zones rurales et se synchronise avec le serveur du district. " * 2
              + "\n## Installation\n\nlancer le serveur\n")
    ind = run5(cli, repo({"README.md": french}))
    assert ids(ind)["documentation/not-english"] == "warning"
    both = run5(cli, repo({"README.md": french,
                           "README.en.md": f"# Clinic\n\n{PROSE}\n## Install\n\nrun it\n"}))
    assert both["readme"] == "README.en.md"
    assert both["status"] == "pass"


def test_data_category_needs_field_descriptions_and_collection(cli, repo):
    readme = f"# Dataset\n\n{PROSE}\n"
    bare = run5(cli, repo({"README.md": readme}), "--category", "data")
    assert ids(bare)["documentation/no-data-dictionary"] == "warning"
    assert ids(bare)["documentation/no-data-collection"] == "warning"
    package = json.dumps({"resources": [{"schema": {"fields": [
        {"name": "id", "description": "Row id"}, {"name": "x", "description": "Value"}]}}],
        "sources": [{"title": "Census 2020"}]})
    good = run5(cli, repo({"README.md": readme, "datapackage.json": package}),
                "--category", "data")
    assert good["status"] == "pass"
    assert ids(good)["documentation/data-dictionary"] == "pass"
    assert "no-install-path" not in str(ids(good))


def test_content_category_needs_access_instructions(cli, repo):
    bare = run5(cli, repo({"README.md": f"# Book\n\n{PROSE * 2}"}), "--category", "content")
    assert ids(bare)["documentation/no-content-access"] == "warning"
    good = run5(cli, repo({"README.md": f"# Book\n\n{PROSE}\n## Read online\n\nAt the site.\n"}),
                "--category", "content")
    assert ids(good)["documentation/content-access"] == "pass"


def test_aimodel_category_needs_a_model_card(cli, repo):
    bare = run5(cli, repo({"README.md": f"# Model\n\n{PROSE}\n## Usage\n\nload it\n"}),
                "--category", "aimodel")
    assert ids(bare)["documentation/no-model-card"] == "warning"
    card = ("---\nlicense: apache-2.0\npipeline_tag: text-classification\n---\n# Model\n\n"
            f"{PROSE}\n## Intended uses\n\nx\n## Training data\n\nx\n## Evaluation\n\nx\n"
            "## How to use\n\nx\n")
    partial = run5(cli, repo({"README.md": card}), "--category", "aimodel")
    assert ids(partial)["documentation/model-card"] == "pass"
    assert ids(partial)["documentation/model-card-incomplete"] == "warning"
    full = run5(cli, repo({"README.md": card + "## Limitations\n\nx\n"}), "--category",
                "aimodel")
    assert full["status"] == "pass"


def test_parse_headings_links_and_code_lines():
    doc = parse("README.md", "# Title\n\nSome text.\n\n```sh\nnpm install\n```\n\n"
                             "Setup\n-----\n\n[docs](https://x.org/docs)\n")
    assert [(h.level, h.text, h.line) for h in doc.headings] == [(1, "Title", 1),
                                                                 (2, "Setup", 9)]
    assert doc.links[0].url == "https://x.org/docs"
    assert 6 in doc.code_lines


def test_english_verdict_is_unsure_for_little_text():
    assert english_verdict(parse("README.md", "# x\n\nHello world.\n"))[0] == "unsure"
    assert english_verdict(parse("README.md", PROSE * 2))[0] == "english"


def test_data_docs_linked_from_readme_count(cli, repo):
    text = (f"# Dataset\n\n{PROSE}\nA description of the metadata we collect is "
            "[here](https://site.org/spreadsheet_metadata/). Read [how we select entries]"
            "(docs/methodology.md).\n")
    ind = run5(cli, repo({"README.md": text}), "--category", "data")
    assert ids(ind)["documentation/data-dictionary"] == "pass"
    assert ids(ind)["documentation/data-collection"] == "pass"


def test_binary_readme_is_skipped_for_a_text_one(cli, repo):
    root = repo({"README.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00binary",
                 "docs/README.md": f"# Clinic\n\n{PROSE}\n## Usage\n\nrun it\n"})
    ind = run5(cli, root)
    assert ind["readme"] == "docs/README.md"
    assert ind["status"] == "pass"


def test_datapackage_with_most_fields_undescribed_is_not_a_dictionary(cli, repo):
    package = json.dumps({"resources": [{"schema": {"fields": [
        {"name": "a", "description": "A"}, {"name": "b"}, {"name": "c"}]}}]})
    ind = run5(cli, repo({"README.md": f"# Data\n\n{PROSE}\n", "datapackage.json": package}),
               "--category", "data")
    finding = next(f for f in ind["findings"] if f["id"] == "documentation/no-data-dictionary")
    assert "only 1 of 3 fields described" in finding["evidence"][0]["message"]


def test_short_readme_pointing_to_a_docs_site_is_not_a_stub(cli, repo):
    ind = run5(cli, repo({"README.md": "# Clinic\n\nSee https://clinic.readthedocs.io\n"}))
    assert ind["status"] == "pass"
    assert ids(ind)["documentation/install-path"] == "pass"


# --------------------------------------------------------------------------- template text
SECTIONS = "".join(f"## Part {n}\n\n{PROSE * 2}\n\n" for n in range(1, 9))


def test_template_line_deep_in_a_long_readme_is_a_warning_naming_line_and_phrase(cli, repo):
    text = ("# Flood maps\n\n" + SECTIONS + "## Frontend\n\nThis project was bootstrapped "
            "with [Create React App](https://example.org/cra), using TypeScript.\n\n" + SECTIONS)
    line = text.splitlines().index("## Frontend") + 3
    ind = run5(cli, repo({"README.md": text}))
    assert ind["status"] == "warning"
    assert ids(ind)["documentation/readme"] == "pass"
    (hit,) = [f for f in ind["findings"] if f["id"] == "documentation/readme-template-text"]
    assert hit["status"] == "warning"
    assert hit["message"].startswith(
        f'README.md:{line}: "this project was bootstrapped with [create react app]"')
    assert (hit["evidence"][0]["path"], hit["evidence"][0]["line"]) == ("README.md", line)
    assert "Create React App" in hit["evidence"][0]["message"]
    assert f"README.md:{line}" in hit["remediation"]


def test_readme_that_is_mostly_a_generator_template_is_a_stub_with_the_line(cli, repo):
    text = ("# Getting Started\n\nThis project was bootstrapped with\nCreate React App.\n\n"
            "## Available Scripts\n\nRun `npm start` for the development mode and open the "
            "local address in the browser; the page reloads when you edit. Run `npm test` for "
            "the test runner in watch mode and `npm run build` for a production build in the "
            "build folder, minified with hashed file names, ready to deploy.\n\n"
            "## Our app\n\nA tool for clinics that keeps records offline.\n")
    ind = run5(cli, repo({"README.md": text}))
    assert ind["status"] == "fail"
    (stub,) = [f for f in ind["findings"] if f["id"] == "documentation/readme-stub"]
    assert "mostly template text (Create React App's README" in stub["message"]
    # the phrase is wrapped over two lines: it is found, at the line where it starts
    assert (stub["evidence"][0]["path"], stub["evidence"][0]["line"]) == ("README.md", 3)
    assert "documentation/readme-template-text" not in ids(ind)


@pytest.mark.parametrize(("own", "status"), [(1, "fail"), (6, "warning")])
def test_placeholder_weighs_against_the_words_around_it(cli, repo, own, status):
    text = "# Kliniki\n\nTODO: add description\n\n" + PROSE * own + "\n"
    ind = run5(cli, repo({"README.md": text}))
    assert ind["status"] == status
    finding = "documentation/readme-stub" if status == "fail" else \
        "documentation/readme-template-text"
    assert ids(ind)[finding] == status
    (hit,) = [f for f in ind["findings"] if f["id"] == finding]
    assert hit["evidence"][0]["line"] == 3
