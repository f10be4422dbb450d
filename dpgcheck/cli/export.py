"""``dpgcheck export``: the DPGA application from dpg.yml and what the check found.

Two JSON formats follow the DPGA's own schemas (``data/dpga/``): the nominee record and the
screening questionnaire; ``markdown`` is a draft a person can read and paste. The answers and
their writers live in ``dpgcheck.application``; anything still unanswered is listed so the
command can fail (exit 1) until the maintainer fills it in.
"""

from __future__ import annotations

import json
from pathlib import Path

from dpgcheck.application.answers import build
from dpgcheck.application.markdown import markdown
from dpgcheck.application.nominee import nominee
from dpgcheck.application.screening import screening
from dpgcheck.errors import DpgcheckError, did_you_mean
from dpgcheck.repo.view import RepoView

FORMATS = ("dpga-nominee", "dpga-screening", "markdown")


def run_export(path: Path, fmt: str) -> tuple[str, list[str]]:
    """(the application text, the missing answers) for the repository at ``path``."""
    if fmt not in FORMATS:
        raise DpgcheckError(f"unknown format '{fmt}': use {', '.join(FORMATS)}"
                            + did_you_mean(fmt, FORMATS))
    from dpgcheck.declarations.loader import load_declarations
    from dpgcheck.engine.runner import RunConfig, check_target

    if not path.is_dir():
        raise DpgcheckError(f"not a folder: {path}")
    root = path.resolve()
    report = check_target(str(root), RunConfig())
    decl = load_declarations(RepoView.from_path(root))
    app = build(root, report, decl)
    nom = nominee(app)
    scr = screening(app)
    if fmt == "dpga-nominee":
        text = json.dumps(nom, indent=2, ensure_ascii=False) + "\n"
    elif fmt == "dpga-screening":
        text = json.dumps(scr, indent=2, ensure_ascii=False) + "\n"
    else:
        text = markdown(app, nom, scr)
    return text, app.missing
