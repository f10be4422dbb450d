"""``dpgcheck merge *.jsonl``: combine shard outputs into one summary."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from dpgcheck.errors import EXIT_FAILED, EXIT_INCOMPLETE, EXIT_OK, DpgcheckError

MERGE_FORMATS = ("terminal", "markdown", "csv", "html", "jsonl", "json")


def merge(
    files: Annotated[list[Path], typer.Argument(help="JSON Lines files written by "
                                                     "'dpgcheck --format jsonl'.")],
    format: Annotated[str, typer.Option(
        "--format", "-f", help="terminal, markdown, csv, html, jsonl or json.")] = "terminal",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write to FILE instead of standard output.")] = None,
) -> None:
    """Combine JSON Lines outputs (shards, resumed runs) into one summary; a target seen twice
    keeps its last entry. Exit 1 if any target failed, else 3 if any could not be checked."""
    import json

    from dpgcheck.batch.run import read_entries
    from dpgcheck.engine.report import SCHEMA_VERSION
    from dpgcheck.formats import summary
    from dpgcheck.formats.interface import FormatOptions

    if format not in MERGE_FORMATS:
        raise DpgcheckError(f"unknown format '{format}': use {', '.join(MERGE_FORMATS)}")
    entries = read_entries(files)
    if format == "terminal":
        color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        text = summary.render_terminal(entries, color=color)
    elif format == "markdown":
        text = summary.render_markdown(entries)
    elif format == "json":
        text = json.dumps({"schema_version": SCHEMA_VERSION, "reports": entries}, indent=2,
                          ensure_ascii=False) + "\n"
    else:
        from dpgcheck.formats import get_formatter

        text = get_formatter(format).render_entries(entries, FormatOptions())  # type: ignore[attr-defined]
    if output is None:
        sys.stdout.write(text)
    else:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise DpgcheckError(f"cannot write {output}: {exc.strerror or exc}") from None
    raise typer.Exit(entries_exit_code(entries))


def entries_exit_code(entries: list[dict[str, object]]) -> int:
    verdicts = {e.get("verdict") for e in entries}
    if "fail" in verdicts:
        return EXIT_FAILED
    errored = any(e.get("error") or any(i.get("status") == "error"
                                        for i in e.get("indicators") or [])  # type: ignore[union-attr]
                  for e in entries)
    return EXIT_INCOMPLETE if errored else EXIT_OK
