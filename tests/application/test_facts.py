"""Facts read from the repository for init and export: first guesses, cleaned of secrets."""

from __future__ import annotations

from dpgcheck.application.facts import clean_remote


def test_remote_urls_are_cleaned():
    assert clean_remote("git@github.com:o/r.git") == "https://github.com/o/r"
    assert clean_remote("ssh://git@gitlab.com/g/s/r.git") == "https://gitlab.com/g/s/r"
    assert clean_remote("https://tok@github.com/o/r.git/") == "https://github.com/o/r"
    assert clean_remote("/srv/git/r.git") is None


def test_name_and_description_are_plain_text(cli, repo, tmp_path):
    import json

    readme = ("# Clinic Stock [![CI](https://ci.example.org/badge.svg)](https://ci.example.org)\n"
              "\n[![coverage](https://cov.example.org/b.svg)](https://cov.example.org)\n\n"
              "**Clinic Stock** is an _open_ [stock tool](https://example.org/docs) for "
              "`rural clinics` <br>in three countries.\n")
    root = repo({"README.md": readme})
    out = tmp_path / "nominee.json"
    cli("export", "--allow-incomplete", "-o", out, root)
    document = json.loads(out.read_text())
    assert document["name"] == "Clinic Stock"
    assert document["description"] == ("Clinic Stock is an open stock tool for rural clinics "
                                       "in three countries.")


def test_readme_noise_real_readmes_carry_is_not_the_name_or_description():
    """Patterns seen in registry READMEs: comments, badges that wrap, language switchers,
    HTML headings, emoji, numbered tables of contents, front matter."""
    from dpgcheck.application.facts import readme_facts

    wrapped = ("<!--\n - SPDX-FileCopyrightText: 2020 Coop\n-->\n"
               "[![License:\nMIT](https://img.shields.io/badge/MIT.svg)](https://x.org/mit)\n"
               "[![Python](https://img.shields.io/pypi/v/tool\n)](https://pypi.org/x/)\n\n"
               "# Tool\n\nTool signs documents.\n")
    assert readme_facts(wrapped) == ("Tool", "Tool signs documents.")
    switcher = ("**Português (BR)** | [English (US)](README-en-US.md)\n\n"
                '<h1 align="center">Querido Diário</h1>\n\n'
                "Dentro do ecossistema, este repositório raspa diários.\n")
    assert readme_facts(switcher) == ("Querido Diário",
                                      "Dentro do ecossistema, este repositório raspa diários.")
    assert readme_facts("# 🌤️🌐 ClimWeb\n\nWeather sites.\n") == ("ClimWeb", "Weather sites.")
    toc = ("## Table of Contents\n\n1. [Description](#d)\n2. [Start](#s)\n\n"
           "# Hub\n\nModels for drug discovery.\n")
    assert readme_facts(toc) == ("Hub", "Models for drug discovery.")
    front = "---\ntitle: Conjectures\nlayout: page\n---\n\nA database of conjectures.\n"
    assert readme_facts(front) == (None, "A database of conjectures.")
