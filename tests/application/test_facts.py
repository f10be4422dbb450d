"""Facts read from the repository for init and export: first guesses, cleaned of secrets."""

from __future__ import annotations

from dpgcheck.application.facts import clean_remote


def test_remote_urls_are_cleaned():
    assert clean_remote("git@github.com:o/r.git") == "https://github.com/o/r"
    assert clean_remote("ssh://git@gitlab.com/g/s/r.git") == "https://gitlab.com/g/s/r"
    assert clean_remote("https://tok@github.com/o/r.git/") == "https://github.com/o/r"
    assert clean_remote("/srv/git/r.git") is None
