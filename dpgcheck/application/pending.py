"""The answers a check's application still lacks, so the check can say it is not done."""

from __future__ import annotations

from pathlib import Path

from dpgcheck.engine.report import Report


def missing_answers(report: Report) -> list[str] | None:
    """What ``dpgcheck export`` would list as missing for a local target; ``None`` when the
    target is not a local folder (the application is written from a checkout)."""
    from dpgcheck.application.answers import build
    from dpgcheck.application.nominee import nominee
    from dpgcheck.application.screening import screening
    from dpgcheck.declarations.loader import load_declarations
    from dpgcheck.errors import DpgcheckError
    from dpgcheck.repo.view import RepoView

    if report.target.url or not report.target.path:
        return None
    root = Path(report.target.path)
    if not root.is_dir():
        return None
    try:
        decl = load_declarations(RepoView.from_path(root))
        app = build(root, report, decl)
        nominee(app)
        screening(app)
    except DpgcheckError:
        return None
    return list(app.missing)
