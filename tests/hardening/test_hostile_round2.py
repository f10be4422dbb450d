"""Issue 17: each hostile case ends in a report or a one-line error with the documented exit
code, within bounded time and memory measured on the child process (wait4), leaves the checked
tree unchanged, and lets no control character from the repository and no secret reach any
output."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest

from tests.hardening import hostile_repos as h
from tests.hardening.test_hostile import snapshot

REPORT_CODES = {0, 1, 3}
FORMATS = ("terminal", "json", "markdown", "sarif", "junit", "jsonl", "csv", "html")
LOCAL_SECONDS = 30
LOCAL_MB = 500


def assert_bounded(run: h.Measured, seconds: float = LOCAL_SECONDS, mb: float = LOCAL_MB) -> None:
    assert run.seconds < seconds, f"took {run.seconds:.1f} s"
    assert run.peak_mb < mb, f"peak memory {run.peak_mb:.0f} MB"


def assert_report(run: h.Measured) -> dict:
    assert "Traceback" not in run.stderr, run.stderr
    assert run.returncode in REPORT_CODES, (run.returncode, run.stderr)
    return json.loads(run.stdout)


def assert_one_line_error(run: h.Measured, code: int = 2) -> str:
    assert run.returncode == code, (run.returncode, run.stdout, run.stderr)
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
    assert run.stderr.startswith("dpgcheck: error:") and run.stderr.count("\n") == 1, run.stderr
    return run.stderr


def build(tmp_path, name: str) -> h.Case:
    return h.LOCAL_CASES[name](tmp_path)


# ------------------------------------------------------------------------------ 1. YAML
@pytest.mark.parametrize("name", ["yaml alias bomb in CITATION.cff",
                                  "yaml alias bomb in README front matter",
                                  "yaml alias bomb in every YAML file",
                                  "yaml nested 50000 deep"])
def test_yaml_bombs_are_refused_in_bounded_time_and_memory(tmp_path, name):
    case = build(tmp_path, name)
    before = snapshot(case.root)
    run = h.run_case(case, timeout=120)
    report = assert_report(run)
    assert_bounded(run)
    assert snapshot(case.root) == before
    if "alias" in name:
        notes = " ".join(report["notes"]) + json.dumps(report["indicators"])
        assert "file too complex to read" in notes


def test_yaml_bomb_in_declarations_is_one_line_exit_2(tmp_path):
    run = h.run_case(build(tmp_path, "yaml alias bomb in dpg.yml"))
    assert "aliases are not allowed" in assert_one_line_error(run)
    assert_bounded(run)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_yaml_error_is_one_line_and_exit_2_in_every_format(tmp_path, fmt):
    run = h.run_case(build(tmp_path, "yaml syntax error in dpg.yml"), "--format", fmt)
    assert "dpg.yml:2:" in assert_one_line_error(run)
    assert run.stdout == ""


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_missing_folder_is_exit_2_in_every_format(tmp_path, fmt):
    run = h.run_measured(["--format", fmt, str(tmp_path / "nowhere")])
    assert_one_line_error(run)


# ------------------------------------------------------------------------------ 2. escapes
@pytest.mark.parametrize("fmt", FORMATS)
def test_no_control_character_or_markup_from_the_repository_reaches_any_format(tmp_path, fmt):
    case = build(tmp_path, "terminal/markdown/markup injection")
    before = snapshot(case.root)
    run = h.run_measured(["--format", fmt, "--verbose", str(case.root)])
    assert run.returncode in REPORT_CODES, run.stderr
    assert_bounded(run)
    text = run.stdout + run.stderr
    assert not h.CONTROL.search(text.replace("\r\n", "\n")), \
        repr(h.CONTROL.search(text).group(0))
    assert snapshot(case.root) == before
    # The hostile text is still there, escaped, so a reviewer sees what the repository says
    # (the CSV table has no free text of the repository's).
    assert "pwned-title" in text or fmt == "csv"
    if fmt in ("markdown", "html"):
        lowered = text.lower()
        assert "<script>alert" not in lowered and "<img" not in lowered
        assert 'href="javascript:' not in lowered
    if fmt == "markdown":  # brackets escaped: no link or image can start
        assert not re.search(r"(?<!\\)\]\(javascript:", lowered)
    if fmt == "terminal":
        assert "\\x1b" in text and "[bold red]BOLD[/bold red]" in text


def test_waiver_reasons_and_markup_stay_literal_in_the_batch_table(tmp_path):
    case = build(tmp_path, "terminal/markdown/markup injection")
    run = h.run_measured(["--jobs", "2", "--honour-waivers", str(case.root), str(case.root)])
    assert not h.CONTROL.search(run.stdout + run.stderr)
    assert "Traceback" not in run.stderr


def test_csv_cells_cannot_start_a_formula(tmp_path):
    (tmp_path / "=HYPERLINK(1)").mkdir()
    (tmp_path / "@SUM(1)").mkdir()
    run = h.run_measured(["--format", "csv", "=HYPERLINK(1)", "@SUM(1)"], cwd=tmp_path)
    assert run.returncode in REPORT_CODES, run.stderr
    rows = [line.split(",")[0] for line in run.stdout.splitlines()[1:]]
    assert rows == ["'=HYPERLINK(1)", "'@SUM(1)"]


# ------------------------------------------------------------------------------ 5. smaller
def test_security_and_licence_symlinks_out_of_the_tree_are_ignored_and_reported(tmp_path):
    case = build(tmp_path, "SECURITY.md and LICENSE symlinks out of the tree")
    run = h.run_case(case)
    report = assert_report(run)
    assert h.SECRET not in run.stdout + run.stderr
    notes = " ".join(report["notes"])
    assert "SECURITY.md is a symbolic link that leads outside the checked tree" in notes
    assert "LICENSE is a symbolic link" in notes
    security = next(i for i in report["indicators"] if i["id"] == "data-privacy-security")
    practices = security.get("practices", security.get("data", {}).get("practices"))
    assert practices is not None and "security-policy" not in json.dumps(practices)


@pytest.mark.parametrize("name", ["5000-character owner/name", "5000-character folder name"])
def test_names_too_long_for_a_path_are_a_one_line_error(tmp_path, name):
    run = h.run_case(build(tmp_path, name))
    assert "no such file or folder" in assert_one_line_error(run)
    assert len(run.stderr) < 400


@pytest.mark.parametrize("name", ["credentials in the target URL",
                                  "credentials in the target URL, --offline"])
def test_credentials_in_a_target_url_are_never_echoed(tmp_path, name):
    run = h.run_case(build(tmp_path, name))
    assert_one_line_error(run)
    assert h.URL_SECRET not in run.stdout + run.stderr and "reviewer" not in run.stderr
    assert h.SECRET not in run.stdout + run.stderr


def test_licence_and_manifest_over_the_read_limit_are_reported_as_too_large(tmp_path):
    report = assert_report(h.run_case(build(tmp_path, "licence and manifest over the read "
                                                     "limit")))
    licence = next(i for i in report["indicators"] if i["id"] == "open-license")
    assert "LICENSE is too large to read" in json.dumps(licence)
    assert licence["summary"] != "no licence found"
    assert any("package.json: too large to read" in n for n in report["notes"])


def test_a_report_is_written_whole_or_not_at_all(tmp_path):
    """A report goes to a temporary file renamed into place: a failed write leaves the
    previous report intact, not a truncated one."""
    root = h.make_repo(tmp_path / "r", {"README.md": "# x\n"})
    out = tmp_path / "report.json"
    out.write_text("previous\n")
    os.chmod(tmp_path, 0o555)
    try:
        run = h.run_measured(["--format", "json", "-o", str(out), str(root)])
    finally:
        os.chmod(tmp_path, 0o755)
    if os.geteuid() != 0:
        assert_one_line_error(run)
        assert out.read_text() == "previous\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".report.json")]


def test_full_disk_leaves_no_truncated_report(tmp_path):
    """/dev/full answers every write with ENOSPC: one line, exit 2, nothing half written."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    root = h.make_repo(tmp_path / "r", {"README.md": "# x\n"})
    run = h.run_measured(["--format", "json", "-o", "/dev/full", str(root)])
    assert "No space left" in assert_one_line_error(run)


# ------------------------------------------------------------------------------ 6. waivers
def test_waivers_apply_for_a_local_folder_and_not_with_no_waivers(tmp_path):
    case = build(tmp_path, "nominee waiver on open-license")
    honoured = assert_report(h.run_case(case))
    licence = next(i for i in honoured["indicators"] if i["id"] == "open-license")
    assert licence["waiver"]["reason"] == "we say so"
    shown = assert_report(h.run_case(case, "--no-waivers"))
    licence = next(i for i in shown["indicators"] if i["id"] == "open-license")
    assert licence["waiver"] is None and licence["status"] == "fail"
    assert any("waiver 'open-license'" in n and "not applied" in n and "we say so" in n
               for n in shown["notes"])


def test_a_batch_does_not_apply_waivers_unless_asked(tmp_path):
    case = build(tmp_path, "nominee waiver on open-license")
    out = tmp_path / "out.jsonl"
    run = h.run_measured(["--format", "jsonl", "-o", str(out), str(case.root), "--jobs", "2"])
    assert run.returncode in REPORT_CODES, run.stderr
    entry = json.loads(out.read_text().splitlines()[0])
    licence = next(i for i in entry["indicators"] if i["id"] == "open-license")
    assert licence["waiver"] is None and licence["status"] == "fail"
    out.unlink()
    h.run_measured(["--format", "jsonl", "-o", str(out), "--honour-waivers", "--jobs", "2",
                    str(case.root)])
    entry = json.loads(out.read_text().splitlines()[0])
    licence = next(i for i in entry["indicators"] if i["id"] == "open-license")
    assert licence["waiver"]["reason"] == "we say so"


def test_resume_skips_error_entries_unless_retry_errors(tmp_path):
    good = h.make_repo(tmp_path / "good", {"README.md": "# x\n"})
    late = tmp_path / "late"
    out = tmp_path / "out.jsonl"
    argv = ["--format", "jsonl", "-o", str(out), "-q", str(good), str(late)]
    first = h.run_measured(argv)
    assert first.returncode == 2, first.stderr  # a missing folder, beside another target too
    assert [json.loads(line)["verdict"] == "error" for line in out.read_text().splitlines()] \
        == [False, True]
    h.make_repo(late, {"README.md": "# late\n"})
    h.run_measured(argv)  # plain resume: the error entry counts as done
    assert len(out.read_text().splitlines()) == 2
    retried = h.run_measured([*argv, "--retry-errors"])
    assert retried.returncode in REPORT_CODES, retried.stderr
    entries = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(entries) == 3 and entries[-1]["input"] == str(late)
    assert entries[-1]["verdict"] != "error"


@pytest.mark.skipif(not shutil.which("chromium"), reason="needs chromium (apt-get install "
                    "chromium)")
def test_repository_html_never_runs_in_the_html_report(tmp_path):
    """The HTML report opened in a real headless browser: script, event handlers and
    ``javascript:`` links written into the repository stay text, never run."""
    payload = ('<script>document.body.setAttribute("data-pwned","script")</script>'
               '<img src=x onerror="document.body.setAttribute(\'data-pwned\',\'img\')">'
               '"><svg onload="document.body.setAttribute(\'data-pwned\',\'svg\')">')
    root = h.make_repo(tmp_path / "r", {
        "README.md": f"# {payload}\n", "dpg.yml": "dpg: 1\nname: " + json.dumps(payload) + "\n"
        "owner:\n  name: " + json.dumps(payload) + "\n", f"LICENSE{payload[:20]}": payload})
    page = tmp_path / "report.html"
    run = h.run_measured(["--format", "html", "-o", str(page), "--verbose", str(root)])
    assert run.returncode in REPORT_CODES, run.stderr
    dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                          "--dump-dom", page.as_uri()], capture_output=True, text=True,
                         timeout=120).stdout
    assert "<body" in dom
    assert "data-pwned=" not in dom.split(">", 2)[0] + re.findall(r"<body[^>]*>", dom)[0]
    assert "<svg" not in dom and "<img" not in dom
    assert "&lt;script&gt;" in dom  # shown to the reviewer as text
