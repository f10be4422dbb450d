"""The regex-free glob predicates give fnmatchcase's answers."""

from __future__ import annotations

import fnmatch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpgcheck.repo.globs import glob_matcher, matches_any

ALPHABET = "ab./-*"
PATTERNS = st.text(alphabet=ALPHABET + "?[]!", max_size=8)
NAMES = st.text(alphabet="ab./-*?[", max_size=10)


@settings(max_examples=600, deadline=None)
@given(PATTERNS, NAMES)
def test_matcher_agrees_with_fnmatchcase(pattern, name):
    assert glob_matcher(pattern)(name) == fnmatch.fnmatchcase(name, pattern)


@pytest.mark.parametrize(("pattern", "name", "expected"), [
    ("package.json", "package.json", True),
    ("package.json", "package.jsonx", False),
    ("@dhis2/*", "@dhis2/ui", True),
    ("@dhis2/*", "@dhis2", False),
    ("*.graphql", "schema.graphql", True),
    ("*.graphql", "schema.graphqls", False),
    ("*openapi*", "my-openapi.yml", True),
    ("docker-compose*.yml", "docker-compose.prod.yml", True),
    ("docker-compose*.yml", "docker-compose.yml", True),
    ("ab*ba", "aba", False),  # head and tail may not overlap
    ("*", "", True),
    ("req*.t?t", "requirements.txt", True),
    ("[Rr]eadme*", "Readme.md", True),
])
def test_common_catalogue_globs(pattern, name, expected):
    assert glob_matcher(pattern)(name) is expected
    assert fnmatch.fnmatchcase(name, pattern) is expected


def test_matches_any_is_case_sensitive_like_fnmatchcase():
    assert matches_any("org.openmrs.api", ["com.*", "org.openmrs*"])
    assert not matches_any("ORG.openmrs", ("org.openmrs*",))


@settings(max_examples=400, deadline=None)
@given(st.lists(PATTERNS, max_size=6), NAMES)
def test_any_of_several_globs_agrees_with_fnmatchcase(patterns, name):
    expected = any(fnmatch.fnmatchcase(name, p) for p in patterns)
    assert matches_any(name, patterns) is expected
    assert matches_any(name, tuple(patterns)) is expected
