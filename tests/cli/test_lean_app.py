"""A run builds only the command it runs; what it prints is what the whole app prints."""

from __future__ import annotations

import pytest
import typer

from dpgcheck.cli.app import app, app_for, command_names


def _said(application: typer.Typer, argv: list[str],
          capsys: pytest.CaptureFixture[str]) -> tuple[str, str, str]:
    capsys.readouterr()
    raised = ""
    try:
        application(args=argv, prog_name="dpgcheck", standalone_mode=False)
    except (typer.Exit, SystemExit):
        pass
    except Exception as exc:  # usage errors: the message is the behaviour
        raised = f"{type(exc).__name__}: {exc}"
    out, err = capsys.readouterr()
    return out, err, raised


def test_each_command_is_built_alone():
    names = command_names()
    assert names == ["check", "merge", "init", "export", "badge", "indicators", "review",
                     "reassess"]
    callbacks = {c.callback.__name__: c.callback for c in app.registered_commands}
    for name, callback in zip(names, callbacks.values(), strict=True):
        assert [c.callback for c in app_for([name, "x"]).registered_commands] == [callback]
    # targets and options without a command word are check's
    for argv in ([], ["."], ["-f", "json", "."], ["owner/repo"]):
        assert [c.callback for c in app_for(argv).registered_commands] == [callbacks["check"]]
    # the app's own options (its help lists every command) get the whole app
    assert app_for(["--help"]) is app and app_for(["--version"]) is app


@pytest.mark.parametrize("argv", [
    *([name, "--help"] for name in ["check", "merge", "init", "export", "badge", "indicators",
                                    "review", "reassess"]),
    ["check", "--no-such-option"], ["merge", "--no-such-option"],
    ["chek"], ["mrege", "x"], ["-f", "nosuchformat", "."], ["--jobs", "zero", "."],
])
def test_the_lean_app_says_what_the_whole_app_says(argv, capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    whole = _said(app, argv, capsys)
    lean = _said(app_for(argv), argv, capsys)
    assert lean == whole
    assert any(whole)  # a help text or an error, not silence
