"""The app built with the one command a run runs.

typer turns every command's signature into click options before it parses anything: in a
fresh process, dpgcheck's eight commands cost 18-24 ms, ``check`` alone 11-12. The whole app
still answers ``--help`` (it lists the commands) and shell completion.
"""

from __future__ import annotations

import os
from typing import Any

import typer


def command_name(info: Any) -> str:
    """A registered command's name, as typer derives it (``init_command`` is ``init``)."""
    return info.name or info.callback.__name__.lower().replace("_", "-")


def command_names(app: typer.Typer) -> list[str]:
    return [command_name(info) for info in app.registered_commands]


def app_for(app: typer.Typer, settings: dict[str, Any], argv: list[str],
            app_options: tuple[str, ...]) -> typer.Typer:
    """``app`` itself for its own options and completion; else a Typer built like it
    (``settings``) with its callback and the command ``argv`` names (``check`` when the
    first word is no command)."""
    first = argv[0] if argv else None
    if first in app_options or "_DPGCHECK_COMPLETE" in os.environ:
        return app
    name = first if first in command_names(app) else "check"
    lean = typer.Typer(**settings)
    lean.registered_callback = app.registered_callback
    lean.registered_commands = [i for i in app.registered_commands
                                if command_name(i) == name]
    return lean
