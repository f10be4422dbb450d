"""A command line that forgives typos: suggestions, one name per format, clear refusals."""

from __future__ import annotations

import os
import subprocess
import sys

FILES = {"README.md": "# Project\n\nProject helps people.\n"}


def test_a_mistyped_command_is_not_taken_for_a_folder(cli, repo, monkeypatch):
    monkeypatch.chdir(repo(FILES))
    result = cli("chek", ".")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip() == ("dpgcheck: error: 'chek' is neither a command nor a "
                                     "folder (did you mean `check`?)")
    assert "did you mean `merge`" in cli("merg", "x.jsonl").stderr


def test_a_folder_named_like_a_command_is_still_checked(cli, repo, monkeypatch):
    root = repo(FILES)
    (root / "chek").mkdir()
    (root / "chek" / "README.md").write_text("# Chek\n")
    monkeypatch.chdir(root)
    result = cli("chek")
    assert result.exit_code in (0, 1)
    assert "Verdict:" in result.stdout
    # A word far from every command is a target as before (a missing folder: exit 2).
    assert "no such file or folder" in cli("zzzqqq").stderr


def test_wrong_option_values_suggest_the_closest(cli, repo):
    root = repo(FILES)
    cases = {
        ("-f", "jsno"): "(did you mean `json`?)",
        ("--fail-on", "warn"): "(did you mean `warning`?)",
        ("-c", "sofware"): "(did you mean `software`?)",
        ("--license-policy", "osii"): "(did you mean `osi`?)",
        ("--only", "open-licence"): "(did you mean `open-license`?)",
        ("--color", "nevr"): "(did you mean `never`?)",
    }
    for args, hint in cases.items():
        result = cli(*args, root)
        assert result.exit_code == 2, args
        assert result.stderr.count("\n") == 1 and hint in result.stderr, (args, result.stderr)
    assert "(did you mean `markdown`?)" in cli("export", "-f", "markdwn", root).stderr
    assert "(did you mean `json`?)" in cli("indicators", "-f", "jsn").stderr


def test_jobs_zero_is_refused(cli, repo):
    result = cli("--jobs", "0", repo(FILES))
    assert result.exit_code == 2
    assert "--jobs" in result.stderr and "x>=1" in result.stderr


def test_one_name_for_the_text_format(cli):
    terminal = cli("indicators", "-f", "terminal")
    assert terminal.exit_code == 0 and "open-license" in terminal.stdout
    assert cli("indicators", "-f", "text").stdout == terminal.stdout  # the old name still works
    assert cli("indicators").stdout == terminal.stdout


def test_merge_help_has_its_own_exit_codes(cli):
    text = " ".join(cli("merge", "--help").stdout.split())
    assert "Exit codes: 0 no merged target failed" in text
    assert "--strict" not in text


def test_shell_completion_is_switched_on(tmp_path):
    # typer finds the shell among the parent processes, which a test runner started without
    # a shell above it (orphaned, or a container's entry point) does not have; its own switch
    # for tests takes the shell named after --show-completion instead.
    env = {**os.environ, "HOME": str(tmp_path), "SHELL": "/bin/bash",
           "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    shown = subprocess.run([sys.executable, "-m", "dpgcheck", "--show-completion", "bash"],
                           capture_output=True, text=True, env=env, timeout=60)
    assert shown.returncode == 0
    assert "_dpgcheck_completion" in shown.stdout
    # The completion script asks dpgcheck itself, through this variable.
    words = subprocess.run(
        [sys.executable, "-m", "dpgcheck"], capture_output=True, text=True, timeout=60,
        env={**env, "_DPGCHECK_COMPLETE": "complete_bash", "COMP_WORDS": "dpgcheck mer",
             "COMP_CWORD": "1"})
    assert "merge" in words.stdout.split()
