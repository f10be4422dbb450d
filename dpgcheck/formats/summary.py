"""The batch summary: one row per target, a column per indicator.

Works on *entries* (a report's JSON plus ``input``, or an error entry) so that a live batch
and ``dpgcheck merge`` of JSON Lines files render the same table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dpgcheck.model import Status

Entry = dict[str, Any]


@dataclass(frozen=True)
class Column:
    id: str
    label: str  # the indicator number (``9a``), or its id beyond the Standard
    title: str


def indicator_columns(entries: list[Entry]) -> list[Column]:
    """Every indicator seen in any entry, in the order first seen."""
    seen: dict[str, Column] = {}
    for entry in entries:
        for ind in entry.get("indicators") or []:
            key = str(ind.get("id"))
            if key not in seen:
                seen[key] = Column(key, str(ind.get("number") or key), str(ind.get("title", key)))
    return list(seen.values())


def statuses(entry: Entry) -> dict[str, str]:
    return {str(i.get("id")): str(i.get("status")) for i in entry.get("indicators") or []}


def target_label(entry: Entry) -> str:
    return str(entry.get("input") or entry.get("target", {}).get("name") or "?")


def found_license(entry: Entry) -> str:
    """The licence as the forge reports it (the open-licence indicator's data otherwise)."""
    forge = entry.get("forge") or {}
    if forge.get("license_spdx"):
        return str(forge["license_spdx"])
    for ind in entry.get("indicators") or []:
        if ind.get("id") == "open-license":
            value = ind.get("licenses") or ind.get("license")
            if isinstance(value, list):
                return ", ".join(str(v.get("spdx", v) if isinstance(v, dict) else v)
                                 for v in value)
            if value:
                return str(value)
    return ""


def has_declared(entries: list[Entry]) -> bool:
    return any(e.get("declared") for e in entries)


def declared_license(entry: Entry) -> str:
    return ", ".join((entry.get("declared") or {}).get("licenses") or [])


def rows(entries: list[Entry]) -> tuple[list[str], list[list[str]], list[Column]]:
    """Header, rows (plain strings: statuses by value), and the indicator columns."""
    columns = indicator_columns(entries)
    declared = has_declared(entries)
    header = ["target", "verdict", "commit", *(c.label for c in columns)]
    if declared:
        header += ["declared licence", "found licence"]
    header.append("error")
    out = []
    for entry in entries:
        found = statuses(entry)
        commit = str((entry.get("target") or {}).get("commit") or "")[:12]
        row = [target_label(entry), str(entry.get("verdict")), commit,
               *(found.get(c.id, "") for c in columns)]
        if declared:
            row += [declared_license(entry), found_license(entry)]
        row.append(str(entry.get("error") or entry.get("review") or ""))
        out.append(row)
    return header, out, columns


def totals(entries: list[Entry]) -> str:
    counts: dict[str, int] = {}
    for entry in entries:
        counts[str(entry.get("verdict"))] = counts.get(str(entry.get("verdict")), 0) + 1
    return ", ".join(f"{n} {v}" for v, n in sorted(counts.items()))


def render_terminal(entries: list[Entry], color: bool = False, width: int | None = None) -> str:
    """A compact table that fits 80 columns: one mark per indicator (legend below); the
    commit goes under the target, licences and errors into one wrapping last column."""
    import io

    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from dpgcheck.formats.labels import MARKS, STYLES
    from dpgcheck.formats.sanitize import rich_markup

    _, table_rows, columns = rows(entries)
    declared = has_declared(entries)
    table = Table(title=rich_markup(f"dpgcheck: {len(entries)} target(s): {totals(entries)}"),
                  box=box.SIMPLE_HEAD, title_justify="left", padding=(0, 0))
    # The box's column separator is the only gap: 11 marks take 33 columns.
    table.add_column("target", overflow="fold", min_width=12)
    table.add_column("verdict", no_wrap=True)
    for column in columns:
        table.add_column(column.label[:3], no_wrap=True, justify="center", width=2)
    verdict_style = {"pass": "green", "fail": "bold red", "error": "magenta"}
    notes: list[str] = []
    for row in table_rows:
        target = Text(row[0])
        if row[2]:
            target.append(f"\n@ {row[2][:10]}", style="dim")
        cells: list[Text | str] = [target, Text(row[1], style=verdict_style.get(row[1],
                                                                              "yellow"))]
        for value in row[3:3 + len(columns)]:
            try:
                status = Status(value)
            except ValueError:
                cells.append(value)
                continue
            cells.append(Text(MARKS[status], style=STYLES[status]))
        table.add_row(*cells)
        rest = row[3 + len(columns):]
        if declared and (rest[0] or rest[1]):
            notes.append(f"{row[0]}: licence declared {rest[0] or '-'}, found {rest[1] or '-'}")
        if rest[-1]:
            notes.append(f"{row[0]}: could not check: {rest[-1]}")
    legend = "  ".join(f"{MARKS[s]} {s.value}" for s in Status)
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width or 80,
                      highlight=False, emoji=False)
    console.print(table)
    for note in notes:  # under the table, so its columns stay within 80
        console.print(Text(note), overflow="fold")
    console.print(legend, markup=False)
    return buffer.getvalue()


def render_markdown(entries: list[Entry]) -> str:
    from dpgcheck.formats.labels import EMOJI

    header, table_rows, columns = rows(entries)

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    out = [f"## dpgcheck batch: {len(entries)} target(s): {totals(entries)}", "",
           "| " + " | ".join(cell(h) for h in header) + " |",
           "|" + "---|" * len(header)]
    for row in table_rows:
        cells = [cell(row[0]), f"**{row[1]}**", f"`{row[2]}`" if row[2] else ""]
        for value in row[3:3 + len(columns)]:
            try:
                cells.append(f"{EMOJI[Status(value)]} {value}")
            except ValueError:
                cells.append(cell(value))
        cells += [cell(v) for v in row[3 + len(columns):]]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"
