"""The command line as a user meets it: exit codes, one-line errors, formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from dpgcheck import __version__


def test_version_is_printed(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"dpgcheck {__version__}"


def test_console_script_version_without_heavy_imports():
    code = ("import sys; sys.argv=['dpgcheck','--version']; from dpgcheck.cli.entry import main; "
            "main(); print(sorted(m for m in ('typer','rich','github') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == [f"dpgcheck {__version__}", "[]"]


def test_nonexistent_path_is_one_line_exit_2(cli, tmp_path):
    result = cli(tmp_path / "nope")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_file_instead_of_folder_exit_2(cli, tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("x")
    result = cli(target)
    assert result.exit_code == 2
    assert "not a folder" in result.stderr


def test_bad_option_is_one_line_exit_2(cli, tmp_path):
    result = cli("--no-such-option", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("dpgcheck: error:")
    assert result.stderr.count("\n") == 1


def test_unknown_category_and_indicator_exit_2(cli, repo):
    root = repo({"README.md": "# x\n"})
    assert cli("--category", "games", root).exit_code == 2
    bad = cli("--only", "no-such-indicator", root)
    assert bad.exit_code == 2
    assert "unknown indicator 'no-such-indicator'" in bad.stderr


def test_unknown_standard_version_exit_2(cli, repo):
    root = repo({"README.md": "# x\n"})
    result = cli("--standard-version", "0.9", root)
    assert result.exit_code == 2
    assert "1.1.6 or 1.1.7" in result.stderr


def test_check_subcommand_and_default_target(cli, repo, monkeypatch):
    root = repo({"README.md": "# Project\n"})
    monkeypatch.chdir(root)
    bare = cli("--format", "json")
    explicit = cli("check", "--format", "json", ".")
    assert bare.exit_code == explicit.exit_code
    a, b = json.loads(bare.stdout), json.loads(explicit.stdout)
    assert a["target"]["path"] == b["target"]["path"] == str(root)
    assert [i["id"] for i in a["indicators"]] == [i["id"] for i in b["indicators"]]


def test_every_standard_indicator_is_reported_in_order(cli, repo):
    root = repo({"README.md": "# Project\n"})
    report = json.loads(cli("--format", "json", root).stdout)
    numbers = [i["number"] for i in report["indicators"]]
    assert numbers == ["1", "2", "3", "4", "5", "6", "7", "8", "9a", "9b", "9c"]
    ids = [i["id"] for i in report["indicators"]]
    assert ids == ["sdg-relevance", "open-license", "clear-ownership", "platform-independence",
                   "documentation", "data-extraction", "privacy-and-laws", "standards",
                   "data-privacy-security", "content-moderation", "harassment-protection"]


def test_json_report_validates_against_shipped_schema(cli, repo):
    from importlib.resources import files

    import jsonschema

    schema = json.loads(files("dpgcheck").joinpath("data/report.schema.json").read_text())
    root = repo({"README.md": "# Project\n", "dpg.yml": "dpg: 1\ncategories: [software, data]\n"})
    result = cli("--format", "json", root)
    report = json.loads(result.stdout)
    jsonschema.Draft202012Validator(schema).validate(report)
    assert report["categories"] == ["software", "data"]
    assert report["declarations"] == "dpg.yml"
    assert report["target"]["commit"] and len(report["target"]["commit"]) == 40
    assert report["tool"] == {"name": "dpgcheck", "version": __version__}


def test_output_file_and_markdown(cli, repo, tmp_path):
    root = repo({"README.md": "# Project\n"})
    out = tmp_path / "report.md"
    result = cli("--format", "markdown", "--output", out, root)
    assert result.stdout == ""
    text = out.read_text()
    assert text.startswith("## DPG Standard check:")
    assert "| 9c |" in text.replace("| 9c | [", "| 9c |")


def test_terminal_report_is_plain_when_not_a_tty(cli, repo):
    root = repo({"README.md": "# Project\n"})
    result = cli(root)
    assert "\x1b[" not in result.stdout
    lines = result.stdout.splitlines()
    verdict = next(i for i, text in enumerate(lines) if text.startswith("Verdict:"))
    # The verdict closes the report; only what is left and the next command follow it.
    assert all(text.startswith(("Left:", "Application:")) for text in lines[verdict + 1:])


def test_quiet_prints_only_the_verdict(cli, repo):
    root = repo({"README.md": "# Project\n"})
    lines = cli("-q", root).stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Verdict:")


def test_indicators_command_lists_builtins_with_origin(cli):
    result = cli("indicators", "--format", "json")
    rows = json.loads(result.stdout)
    by_id = {r["id"]: r for r in rows}
    assert by_id["open-license"]["number"] == "2"
    assert by_id["open-license"]["origin"].endswith("(built-in)")
    assert len([r for r in rows if r["affects_verdict"]]) >= 11


def test_indicators_findings_lists_every_declared_finding(cli):
    from dpgcheck_indicators.license import FINDINGS

    rows = json.loads(cli("indicators", "--findings", "-f", "json").stdout)
    by_id = {r["id"]: r for r in rows}
    assert len(by_id) == len(rows)  # each declared once
    assert {r["indicator"] for r in rows} >= {"open-license", "standards", "discoverability"}
    missing = by_id["open-license/missing"]
    assert missing["indicator"] == "open-license" and missing["title"] == "No licence found"
    assert missing["remediation"] == [{"case": None, "text": FINDINGS["missing"].remediation}]
    cases = by_id["open-license/not-approved"]["remediation"]
    assert [c["case"] for c in cases] == ["software", "content", "data"]
    assert by_id["open-license/approved"]["remediation"] == []
    closed = by_id["platform-independence/closed/{component}"]
    assert "component" in closed["fields"]
    assert by_id["open-license/unrecognised"]["help_url"] == "https://spdx.org/licenses/"

    text = cli("indicators", "--findings").stdout
    assert "2   open-license  Use of an approved open licence\n" in text
    assert "    open-license/missing  No licence found\n        fix: Add a LICENSE file" in text
    assert "        fix [software]: License the code under an OSI-approved licence" in text
    assert "    open-license/approved  Licence approved for the category\n" \
        "        fix: none (never a gap)" in text


def test_indicators_findings_shows_plugins_without_a_table(cli, hello_plugin):
    out = cli("indicators", "--findings")
    assert out.exit_code == 0
    assert "hello-file  Hello file says its status  (declares no findings)" in out.stdout
    assert "broken-plugin  ERROR: cannot load plugin" in out.stdout
    assert not [r for r in json.loads(cli("indicators", "--findings", "-f", "json").stdout)
                if r["indicator"].startswith("hello-")]
    assert cli("indicators", "--findings", "-f", "xml").exit_code == 2


def test_checked_tree_is_not_modified(cli, repo):
    root = repo({"README.md": "# Project\n", "src/app.py": "print('hi')\n"})
    before = {p: p.stat().st_mtime_ns for p in root.rglob("*")}
    cli("--format", "json", root)
    after = {p: p.stat().st_mtime_ns for p in root.rglob("*")}
    assert before == after


def test_unwritable_output_is_one_line_error(cli, repo, tmp_path):
    root = repo({"README.md": "# Project\n"})
    result = cli("--output", tmp_path / "missing-dir" / "r.json", root)
    assert result.exit_code == 2
    assert result.stderr.startswith("dpgcheck: error: cannot write")


def test_module_entry_point_runs(tmp_path: Path):
    proc = subprocess.run([sys.executable, "-m", "dpgcheck", str(tmp_path / "nope")],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith("dpgcheck: error: no such file or folder")


def test_verdict_line_says_when_no_standard_indicator_ran(cli, repo):
    root = repo({"README.md": "# Project\n"})
    result = cli("--only", "discoverability", root)
    assert result.stdout.strip().splitlines()[-1] == (
        "Verdict: PASS (no indicator of the Standard was run)")
