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


def schema_errors(kind: str, document: dict[str, object]) -> list[str]:
    """Where ``document`` breaks the DPGA's own schema (``nominee`` or ``screening``)."""
    from jsonschema import Draft7Validator

    from dpgcheck.application.answers import dpga_schema

    errors = Draft7Validator(dpga_schema(kind)).iter_errors(document)
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
            for e in sorted(errors, key=lambda e: list(map(str, e.absolute_path)))]


def run_export(path: Path, fmt: str) -> tuple[str, list[str], list[str]]:
    """(the application text, the missing answers, where the text breaks the DPGA's
    schema) for the repository at ``path``."""
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
    errors: list[str] = []
    if fmt == "dpga-nominee":
        text = json.dumps(nom, indent=2, ensure_ascii=False) + "\n"
        errors = schema_errors("nominee", nom)
    elif fmt == "dpga-screening":
        text = json.dumps(scr, indent=2, ensure_ascii=False) + "\n"
        errors = schema_errors("screening", scr)
    else:
        text = markdown(app, nom, scr)
    from dpgcheck.formats.sanitize import json_text, terminal

    # Control characters from the repository shown escaped (JSON: as \u escapes, lossless).
    text = json_text(text) if fmt != "markdown" else terminal(text)
    return text, app.missing, errors
