"""Every manifest parser, on any text, either returns dependencies or raises ParseError."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dpgcheck.errors import ParseError
from dpgcheck.evidence.deps import parsers
from dpgcheck.evidence.deps.interface import Dependency

PATHS = {
    "PackageJsonParser": "package.json", "PackageLockParser": "package-lock.json",
    "YarnLockParser": "yarn.lock", "PnpmLockParser": "pnpm-lock.yaml",
    "RequirementsParser": "requirements.txt", "PyprojectParser": "pyproject.toml",
    "SetupCfgParser": "setup.cfg", "SetupPyParser": "setup.py",
    "GemspecParser": "app.gemspec", "PipfileParser": "Pipfile", "TomlLockParser": "poetry.lock",
    "PomParser": "pom.xml", "GradleParser": "build.gradle",
    "VersionCatalogParser": "gradle/libs.versions.toml", "GoModParser": "go.mod",
    "CargoParser": "Cargo.toml", "ComposerParser": "composer.json",
    "ComposerLockParser": "composer.lock", "GemfileParser": "Gemfile",
    "GemfileLockParser": "Gemfile.lock", "CsprojParser": "App.csproj",
    "PackagesConfigParser": "packages.config", "DescriptionParser": "DESCRIPTION",
    "PubspecParser": "pubspec.yaml", "DockerfileParser": "Dockerfile",
    "ComposeParser": "docker-compose.yml", "HelmValuesParser": "values.yaml",
    "HelmChartParser": "Chart.yaml",
    "KubernetesParser": "k8s/app.yaml", "PipfileLockParser": "Pipfile.lock",
    "GoSumLockParser": "go.sum", "CargoLockParser": "Cargo.lock",
    "MixExsParser": "mix.exs", "MixLockParser": "mix.lock",
}

#: Fragments of real manifest syntax, so that generated text gets past the first line.
FRAGMENTS = st.sampled_from([
    "{", "}", "[", "]", '"', "'", ":", ",", "=", "\n", "  ", "\t", "#", "-", "@", "^1.2.3",
    "dependencies", "[project]", "[[package]]", 'name = "x"', "version", "kind: Deployment",
    "image: mongo:6", "FROM node:20", "require (", ")", "<project>", "</project>",
    "<dependency>", "&a;", "*a", "&a", "!tag", "services:", "gem 'x'", "group :test do", "end",
    "Package: x", "Imports: a", "GEM", "  specs:", "    x (1.0)", "implementation 'a:b:1'",
    "lockfileVersion: 5", "packages:", "  /a/1.0.0:", "\x00", "\ufeff", "${X:-1}",
    '{:x, "~> 1.0"', "only: @envs", "@envs [:prod]", '"x": {:hex, :x, "1.0"',
])
TEXTS = st.one_of(st.text(max_size=300),
                  st.lists(FRAGMENTS, max_size=40).map("".join))


@pytest.mark.parametrize("parser", parsers(), ids=lambda p: type(p).__name__)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS)
def test_parser_parses_or_raises_parse_error(parser, text):
    path = PATHS[type(parser).__name__]
    assert parser.matches(path)
    try:
        result = parser.parse(path, text)
    except ParseError as exc:
        assert str(exc.args[0])
        return
    assert isinstance(result, list)
    assert all(isinstance(d, Dependency) and d.name and d.scope in ("runtime", "dev")
               for d in result)


def test_every_parser_has_a_path_in_this_test():
    assert {type(p).__name__ for p in parsers()} == set(PATHS)
