"""Every machine output of the CLI validates against the JSON Schema dpgcheck ships for it:
one report, a batch of several, ``merge`` output and each kind of JSON Lines entry (a checked
target, one that could not be checked, one that needs a manual review). The documents are
real outputs of the CLI on built repositories (and one remote target from the GitHub
stand-in), validated with jsonschema against the package's own data files."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

import pytest

from tests.github_server import bare_copy

SCHEMAS = ("report", "entry-report", "entry-error", "entry-review", "entry", "batch")
PROJECT = {"README.md": "# Tool\n\nTool counts stock.\n", "LICENSE": "MIT License\n"}
UNREACHABLE = "http://127.0.0.1:9/site"  # a plain-http website: needs a manual review


@cache
def shipped(name: str) -> dict[str, Any]:
    text = files("dpgcheck").joinpath(f"data/{name}.schema.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def errors(name: str, document: Any) -> list[str]:
    """Violations of the shipped schema ``name``, the others resolvable by their ``$id``."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    registry = Registry().with_resources(
        (shipped(n)["$id"], Resource.from_contents(shipped(n))) for n in SCHEMAS)
    validator = Draft202012Validator(shipped(name), registry=registry)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(document)]


KIND = {"error": "entry-error", "needs-review": "entry-review"}


def kind_of(entry: dict[str, Any]) -> str:
    return KIND.get(entry["verdict"], "entry-report")


@pytest.fixture
def targets(repo, tmp_path):
    """A passing-ish repository, one with a broken dpg.yml (exit 2 entry), a missing folder,
    and a website."""
    good = repo(PROJECT)
    declared = repo({**PROJECT, "dpg.yml": "dpg: 1\ncategories: [software, data]\n"})
    broken = repo({**PROJECT, "dpg.yml": "sdgs:\n  - number: 42\n"})
    return [str(good), str(declared), str(broken), str(tmp_path / "gone"), UNREACHABLE]


def test_the_schemas_are_valid_json_schemas():
    from jsonschema import Draft202012Validator

    for name in SCHEMAS:
        Draft202012Validator.check_schema(shipped(name))
        assert shipped(name)["$id"].startswith("https://dpgcheck.invalid/schemas/")


def test_one_report(cli, repo):
    result = cli("-f", "json", repo(PROJECT))
    report = json.loads(result.stdout)
    assert errors("report", report) == []
    assert errors("entry-report", report) == []  # a report is a line of its own kind too
    assert errors("entry-error", report) != []


def test_a_batch_of_several_and_each_json_lines_entry(cli, targets, tmp_path):
    batch = cli("--cache-dir", tmp_path / "cache", "-f", "json", *targets)
    assert batch.exit_code in (2, 3), batch.stderr
    document = json.loads(batch.stdout)
    assert errors("batch", document) == []
    assert [kind_of(e) for e in document["reports"]] == [
        "entry-report", "entry-report", "entry-error", "entry-error", "entry-review"]

    out = tmp_path / "out.jsonl"
    cli("--cache-dir", tmp_path / "cache", "-f", "jsonl", "-o", out, *targets)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(lines) == 5
    for entry in lines:
        assert errors("entry", entry) == [], entry["input"]
        assert errors(kind_of(entry), entry) == [], entry["input"]
        others = {"entry-report", "entry-error", "entry-review"} - {kind_of(entry)}
        assert all(errors(other, entry) for other in others)  # exactly one kind
    assert {e.get("exit_code") for e in lines if e["verdict"] == "error"} == {2}


def test_merge_output(cli, targets, tmp_path):
    shard1, shard2 = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    cli("--cache-dir", tmp_path / "cache", "-f", "jsonl", "-o", shard1, *targets[:3])
    cli("--cache-dir", tmp_path / "cache", "-f", "jsonl", "-o", shard2, *targets[3:])
    merged = cli("merge", "-f", "json", shard1, shard2)
    document = json.loads(merged.stdout)
    assert errors("batch", document) == []
    assert len(document["reports"]) == 5
    lines = cli("merge", "-f", "jsonl", shard1, shard2).stdout.splitlines()
    assert len(lines) == 5
    assert all(errors("entry", json.loads(line)) == [] for line in lines)


def test_a_remote_entry_with_forge_facts(cli, server, repo, tmp_path):
    root = repo(PROJECT)
    server.add_repo("acme", "tool", bare_copy(root, tmp_path / "remotes" / "tool.git"))
    out = tmp_path / "remote.jsonl"
    cli("--github-url", server.url, "--cache-dir", tmp_path / "cache", "-f", "jsonl",
        "-o", out, "acme/tool", str(root))
    remote, local = (json.loads(line) for line in out.read_text().splitlines())
    assert remote["forge"] and not local.get("forge")
    assert errors("entry-report", remote) == [] and errors("entry", local) == []


@pytest.mark.parametrize(("change", "schema"), [
    (lambda e: e.pop("exit_code"), "entry-error"),
    (lambda e: e.update(exit_code=1), "entry-error"),
    (lambda e: e.update(indicators=[{"number": "1"}]), "entry-error"),
    (lambda e: e.update(review="not a repository or dataset: needs a manual review: x"),
     "entry"),
])
def test_broken_entries_are_rejected(cli, repo, tmp_path, change, schema):
    """The schemas say something: an error entry without its exit code, with the exit code of
    a failed verdict, with results, or also claiming a review, does not validate."""
    out = tmp_path / "e.jsonl"
    cli("-f", "jsonl", "-o", out, str(repo(PROJECT)), str(tmp_path / "gone"))
    entry = json.loads(out.read_text().splitlines()[1])
    assert entry["verdict"] == "error" and errors(schema, entry) == []
    change(entry)
    assert errors(schema, entry) != []


def test_the_batch_schema_rejects_a_report_in_place_of_a_batch(cli, repo):
    report = json.loads(cli("-f", "json", repo(PROJECT)).stdout)
    assert errors("batch", report) != []
