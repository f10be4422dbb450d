"""``dpgcheck merge *.jsonl``: combine shard outputs into one summary."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from dpgcheck.errors import EXIT_FAILED, EXIT_INCOMPLETE, EXIT_OK, DpgcheckError


def merge(
    files: Annotated[list[Path], typer.Argument(help="JSON Lines files written by "
                                                     "'dpgcheck --format jsonl'.")],
    format: Annotated[str, typer.Option(
        "--format", "-f", help="A format of 'dpgcheck check' that renders batch entries "
        "(SARIF and JUnit need the reports themselves, so they cannot merge).")] = "terminal",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write to FILE instead of standard output.")] = None,
    color: Annotated[str, typer.Option(
        "--color", help="auto (colour in a terminal unless NO_COLOR is set, or when "
        "FORCE_COLOR is set), always or never.")] = "auto",
) -> None:
    """Combine JSON Lines outputs (shards, resumed runs) into one summary; a target seen twice
    keeps its last entry. Exit 1 if any target failed, else 3 if any could not be checked."""
    from dpgcheck.batch.run import read_entries
    from dpgcheck.formats import FormatOptions, formats_where, get_formatter

    formatter = get_formatter(format)
    if not formatter.mergeable:
        raise DpgcheckError(f"the {format} format cannot merge batch results: use "
                            f"{', '.join(formats_where('mergeable'))}")
    entries = read_entries(files)
    from dpgcheck.cli.display import layout_width, want_color

    text = formatter.render_entries(entries, FormatOptions(
        color=want_color(color, sys.stdout, to_file=output is not None),
        width=layout_width(sys.stdout, to_file=output is not None)))
    if output is None:
        sys.stdout.write(text)
    else:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise DpgcheckError(f"cannot write {output}: {exc.strerror or exc}") from None
    raise typer.Exit(entries_exit_code(entries))


def entries_exit_code(entries: list[dict[str, object]]) -> int:
    from dpgcheck.errors import EXIT_USAGE

    if any(e.get("exit_code") == EXIT_USAGE for e in entries):
        return EXIT_USAGE
    verdicts = {e.get("verdict") for e in entries}
    if "fail" in verdicts:
        return EXIT_FAILED
    errored = any(e.get("error") or e.get("review") or any(i.get("status") == "error"
                                        for i in e.get("indicators") or [])  # type: ignore[union-attr]
                  for e in entries)
    return EXIT_INCOMPLETE if errored else EXIT_OK
