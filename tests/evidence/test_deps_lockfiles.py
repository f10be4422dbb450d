"""Cargo.lock, Pipfile.lock and go.sum folded into their manifests; lockfile licences."""

from __future__ import annotations

import json

from tests.deps_helpers import by_name, collect_from

CARGO_TOML = '''[package]
name = "app"
version = "0.1.0"

[dependencies]
serde = "1"

[dev-dependencies]
criterion = "0.5"
'''


def cargo_lock(extra: int = 0) -> str:
    blocks = ['version = 3\n', '[[package]]\nname = "app"\nversion = "0.1.0"\n'
              'dependencies = [\n "serde",\n]\n',
              '[[package]]\nname = "serde"\nversion = "1.0.197"\n'
              'source = "registry+https://github.com/rust-lang/crates.io-index"\n'
              'checksum = "3fb1c873e1b9b056a4dc4c0c198b24c3ffa059243875552b2bd0933b1aee4ce2"\n',
              '[[package]]\nname = "criterion"\nversion = "0.5.1"\n'
              'source = "registry+https://github.com/rust-lang/crates.io-index"\n']
    blocks += [f'[[package]]\nname = "crate-{i}"\nversion = "0.{i}.0"\n'
               'source = "registry+https://github.com/rust-lang/crates.io-index"\n'
               for i in range(extra)]
    return "\n".join(blocks)


def test_cargo_lock_resolves_the_manifest_and_keeps_the_rest_transitive(repo):
    deps = collect_from(repo, {"Cargo.toml": CARGO_TOML, "Cargo.lock": cargo_lock(3000)})
    found = by_name(deps)
    serde = found["serde"]
    assert (serde.path, serde.line, serde.resolved, serde.direct) == (
        "Cargo.toml", 6, "1.0.197", True)
    assert found["criterion"].scope == "dev" and found["criterion"].resolved == "0.5.1"
    assert "app" not in found  # the workspace member itself
    crate = found["crate-2999"]
    assert not crate.direct and crate.resolved == "0.2999.0" and crate.path == "Cargo.lock"
    assert cargo_lock(3000).splitlines()[crate.line - 1] == 'name = "crate-2999"'
    assert len(deps.transitive) == 3000
    assert "Cargo.lock" in deps.manifests


def test_cargo_lock_that_is_not_one_is_a_problem(repo):
    deps = collect_from(repo, {"Cargo.lock": "[workspace]\nmembers = []\n"})
    assert deps.problems and deps.problems[0].path == "Cargo.lock"


PIPFILE = '''[packages]
django = ">=4.2"

[dev-packages]
pytest = "*"
'''


def test_pipfile_lock_keeps_default_and_develop_apart(repo):
    lock = {"_meta": {"hash": {"sha256": "0" * 64}, "pipfile-spec": 6},
            "default": {"django": {"hashes": [], "version": "==4.2.11"},
                        "sqlparse": {"hashes": [], "version": "==0.4.4"},
                        "local-pkg": {"path": ".", "editable": True}},
            "develop": {"pytest": {"hashes": [], "version": "==8.1.1"},
                        "pluggy": {"hashes": [], "version": "==1.4.0"}}}
    text = json.dumps(lock, indent=4)
    deps = collect_from(repo, {"Pipfile": PIPFILE, "Pipfile.lock": text})
    found = by_name(deps)
    assert found["django"].resolved == "4.2.11" and found["django"].path == "Pipfile"
    assert found["pytest"].resolved == "8.1.1" and found["pytest"].scope == "dev"
    assert found["sqlparse"].scope == "runtime" and not found["sqlparse"].direct
    assert found["pluggy"].scope == "dev" and not found["pluggy"].direct
    assert found["local-pkg"].resolved is None
    line = found["sqlparse"].line
    assert '"sqlparse"' in text.splitlines()[line - 1]


def test_pipfile_lock_that_is_not_one_is_a_problem(repo):
    deps = collect_from(repo, {"Pipfile.lock": "[1, 2]"})
    assert deps.problems[0].message.startswith("not a Pipfile.lock")


GO_MOD = '''module example.org/app

go 1.22

require (
\tgithub.com/lib/pq v1.10.9
\tgolang.org/x/text v0.14.0 // indirect
)
'''
GO_SUM = '''github.com/lib/pq v1.10.9 h1:YXG7RB+JIjhP29X+OtkiDnYaXQwpS4JEWq7dtCCRUEw=
github.com/lib/pq v1.10.9/go.mod h1:AlVN5x4E4T544tWzH6hKfbfQvm3HdbOxrmggDNAPY9o=
golang.org/x/text v0.14.0 h1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bX+0zXaVJ8=
golang.org/x/text v0.14.0/go.mod h1:18ZOQIKpY8NJVqYksKHtTdi31H5itFRjB5/qKTNYzSU=
golang.org/x/tools v0.1.12/go.mod h1:hNGJHUnrk4Ppqc0nWJTDDZHUoTiUN1GexzFxndTfqd8=
github.com/stretchr/testify v1.8.4 h1:CcVxjf3Q8PM0mHUKJCdn+eZZtm5yQwehR5yeSVQQcUk=
'''


def test_go_sum_adds_exact_versions_and_leaves_go_mod_only_lines_out(repo):
    deps = collect_from(repo, {"go.mod": GO_MOD, "go.sum": GO_SUM})
    found = by_name(deps)
    assert found["github.com/lib/pq"].path == "go.mod" and found["github.com/lib/pq"].line == 6
    assert found["github.com/lib/pq"].resolved == "v1.10.9"
    assert "golang.org/x/tools" not in found  # only its go.mod was read
    testify = found["github.com/stretchr/testify"]
    assert not testify.direct and testify.path == "go.sum" and testify.line == 6


def test_go_sum_garbage_is_a_problem_with_its_line(repo):
    deps = collect_from(repo, {"go.sum": "github.com/a/b v1.0.0 h1:x=\nnot a line\n"})
    assert (deps.problems[0].path, deps.problems[0].line) == ("go.sum", 2)


def test_composer_lock_licences_reach_the_declared_dependency(repo):
    composer = {"require": {"php": ">=8.1", "guzzlehttp/guzzle": "^7.8"}}
    lock = {"packages": [
        {"name": "guzzlehttp/guzzle", "version": "7.8.1", "license": ["MIT"]},
        {"name": "acme/dual", "version": "v2.0.0", "license": ["GPL-2.0-only", "MIT"]}],
        "packages-dev": [{"name": "phpunit/phpunit", "version": "10.5.0",
                          "license": ["BSD-3-Clause"]}]}
    text = json.dumps(lock, indent=4)
    found = by_name(collect_from(repo, {"composer.json": json.dumps(composer),
                                        "composer.lock": text}))
    guzzle = found["guzzlehttp/guzzle"]
    assert guzzle.path == "composer.json" and guzzle.license is not None
    assert (guzzle.license.text, guzzle.license.path, guzzle.license.method) == (
        "MIT", "composer.lock", "lockfile")
    assert '"guzzlehttp/guzzle"' in text.splitlines()[guzzle.license.line - 1]
    assert found["acme/dual"].license.text == "GPL-2.0-only OR MIT"


def test_npm_lockfile_v3_licences(repo):
    lock = {"name": "app", "lockfileVersion": 3, "packages": {
        "": {"name": "app", "dependencies": {"left-pad": "^1.3.0"}},
        "node_modules/left-pad": {"version": "1.3.0", "license": "WTFPL"},
        "node_modules/old": {"version": "0.1.0", "licenses": [{"type": "MIT"},
                                                               {"type": "Apache-2.0"}]},
        "node_modules/none": {"version": "1.0.0"}}}
    found = by_name(collect_from(repo, {
        "package.json": json.dumps({"dependencies": {"left-pad": "^1.3.0"}}),
        "package-lock.json": json.dumps(lock, indent=2)}))
    assert found["left-pad"].license.text == "WTFPL"
    assert found["left-pad"].license.path == "package-lock.json"
    assert found["old"].license.text == "MIT OR Apache-2.0"
    assert found["none"].license is None


def test_composer_lock_dependencies_point_at_their_own_lines():
    from dpgcheck.evidence.deps.composer import ComposerLockParser

    packages = [{"name": f"vendor/pkg{n}", "version": f"v1.{n}.0", "license": ["MIT"]}
                for n in range(40)]
    text = json.dumps({"packages": packages[:30], "packages-dev": packages[30:]}, indent=4)
    lines = text.split("\n")
    deps = ComposerLockParser().parse("composer.lock", text)
    assert len(deps) == 40
    for dep in deps:
        assert f'"name": "{dep.name}"' in lines[dep.line - 1], dep.name
        assert dep.license is not None and dep.license.line == dep.line
    assert [d.scope for d in deps].count("dev") == 10
