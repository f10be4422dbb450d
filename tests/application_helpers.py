"""Helpers shared by the application tests: the complete example, an application built from a
repository as ``dpgcheck export`` builds it, and validation against the DPGA's schemas."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator

from dpgcheck.application.answers import Application, build, dpga_schema
from dpgcheck.declarations.loader import load_declarations
from dpgcheck.engine.runner import RunConfig, check_target
from dpgcheck.repo.view import RepoView

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_FILES = {
    "dpg.yml": (ROOT / "examples/dpg.yml").read_text("utf-8"),
    "README.md": "# Kijiji Clinic Records\n\nPatient records for rural clinics (SDG 3: Good "
                 "Health and Well-being).\n",
    "LICENSE": "MIT License\n\nCopyright (c) 2025 Example Health Foundation\n\nPermission is "
               "hereby granted, free of charge, to any person obtaining a copy... "
               "MERCHANTABILITY\n",
}


def validate(kind: str, document: dict[str, Any]) -> list[str]:
    validator = Draft7Validator(dpga_schema(kind))
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


def application(path: Path) -> Application:
    """The application of the repository at ``path``, assembled as ``dpgcheck export`` does."""
    root = path.resolve()
    report = check_target(str(root), RunConfig())
    return build(root, report, load_declarations(RepoView.from_path(root)))
