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
