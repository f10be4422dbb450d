"""Property-based tests: every parser of untrusted text either parses or raises our own
ParseError, whatever the input."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dpgcheck.declarations.loader import parse_yaml
from dpgcheck.errors import ParseError
from dpgcheck.evidence.deps import parsers

YAMLISH = st.text(alphabet=string.printable + "&*!|>{}[]-:?#@`'\"\u00e9\u2603", max_size=400)
PROFILE = settings(max_examples=150, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow])


@PROFILE
@given(YAMLISH)
def test_declarations_yaml_parses_or_raises_parse_error(text):
    try:
        parse_yaml(text, "dpg.yml")
    except ParseError as exc:
        assert exc.path == "dpg.yml"


MANIFEST_NAMES = ["package.json", "requirements.txt", "pyproject.toml", "setup.cfg", "Pipfile",
                  "poetry.lock", "uv.lock", "pom.xml", "build.gradle", "build.gradle.kts",
                  "go.mod", "Cargo.toml", "composer.json", "Gemfile", "Gemfile.lock",
                  "packages.config", "app.csproj", "DESCRIPTION", "pubspec.yaml",
                  "docker-compose.yml", "values.yaml", "Dockerfile", "package-lock.json",
                  "yarn.lock", "pnpm-lock.yaml"]
STRUCTURED = st.one_of(
    st.text(max_size=500),
    st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                 lambda kids: st.lists(kids, max_size=4)
                 | st.dictionaries(st.text(max_size=10), kids, max_size=4),
                 max_leaves=20).map(repr),
)


@PROFILE
@given(st.sampled_from(MANIFEST_NAMES), STRUCTURED)
def test_every_manifest_parser_parses_or_raises_parse_error(name, text):
    for parser in parsers():
        if parser.matches(name):
            try:
                deps = parser.parse(name, text)
            except ParseError:
                continue
            assert all(d.name and d.path == name for d in deps)
