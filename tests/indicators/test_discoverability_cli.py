"""The discoverability extra never changes the verdict or exit code; --skip removes it."""

from __future__ import annotations

import json

INTRO = "Tiny is a library.\n"


def test_warning_extra_changes_neither_verdict_nor_exit_code(repo, cli):
    path = repo({"README.md": INTRO, "web/index.html": "<html></html>"})
    with_extra = cli(path, "--format", "json")
    without = cli(path, "--format", "json", "--skip", "discoverability")
    report, bare = json.loads(with_extra.stdout), json.loads(without.stdout)
    (item,) = report["extras"]
    assert item["id"] == "discoverability" and item["status"] == "warning"
    assert bare["extras"] == []
    assert with_extra.exit_code == without.exit_code
    assert report["verdict"] == bare["verdict"]
    assert report["counts"] == bare["counts"]
    assert [i["id"] for i in report["indicators"]] == [i["id"] for i in bare["indicators"]]


def test_only_the_extra_exits_zero_even_when_it_warns(repo, cli):
    out = cli(repo({"README.md": INTRO}), "--only", "discoverability")
    assert out.exit_code == 0, out.stdout + out.stderr
    assert "Beyond the Standard" in out.stdout
    assert "discoverable: " in out.stdout


def test_summary_line_in_terminal_and_markdown(repo, cli):
    path = repo({"README.md": INTRO})
    terminal = cli(path)
    markdown = cli(path, "--format", "markdown")
    summary = json.loads(cli(path, "--format", "json").stdout)["extras"][0]["summary"]
    assert summary.startswith("discoverable: ") and " signals" in summary
    assert summary in terminal.stdout
    assert "### Beyond the Standard" in markdown.stdout
    assert summary in markdown.stdout
    assert "discoverable: " not in cli(path, "--skip", "discoverability").stdout


def test_listed_as_a_plugin_beyond_the_standard(cli):
    out = cli("indicators", "--format", "json")
    rows = {r["id"]: r for r in json.loads(out.stdout)}
    assert rows["discoverability"]["number"] == ""


def test_plugin_uses_only_the_public_api():
    """Built as a third party would: from dpgcheck it imports dpgcheck.api, nothing else."""
    import ast
    from pathlib import Path

    root = Path(__file__).parents[2]
    modules = sorted((root / "indicators" / "discoverability").glob("*.py"))
    assert len(modules) > 5
    for module in modules:
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                if name == "dpgcheck" or name.startswith("dpgcheck."):
                    assert name == "dpgcheck.api", f"{module.name} imports {name}"
