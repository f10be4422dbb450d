"""``dpgcheck indicators``: the loaded indicators, and with ``--findings`` every finding each
one declares (id, title, fix), read from the same tables SARIF rules are built from."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from dpgcheck.errors import DpgcheckError, did_you_mean

if TYPE_CHECKING:
    from dpgcheck.engine.plugins import LoadedIndicator


def list_indicators(
    format: Annotated[str, typer.Option(
        "--format", "-f", help="terminal (the same name as check's; text is accepted too) or "
        "json.")] = "terminal",
    findings: Annotated[bool, typer.Option(
        "--findings", help="List every finding each indicator declares: id, title, fix.")
    ] = False,
) -> None:
    """List every loaded indicator: number, id, title, and where it came from."""
    import json

    from dpgcheck.engine.plugins import load_indicators

    if format not in ("terminal", "text", "json"):
        raise DpgcheckError(f"unknown format '{format}': use terminal or json"
                            + did_you_mean(format, ("terminal", "json")))
    loaded = load_indicators()
    if findings:
        _list_findings(loaded, format)
        return
    rows = []
    for li in loaded:
        ind = li.indicator
        rows.append({
            "number": li.number, "id": li.id, "title": getattr(ind, "title", li.name),
            "origin": li.origin, "affects_verdict": bool(getattr(ind, "affects_verdict", True)),
            "categories": sorted(c.value for c in getattr(ind, "categories", ())),
            "error": li.error,
        })
    if format == "json":
        typer.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        extra = "" if row["affects_verdict"] else "  [beyond the Standard]"
        error = f"  ERROR: {row['error']}" if row["error"] else ""
        typer.echo(f"{row['number'] or '+':<4}{row['id']:<26}{row['title']:<48}"
                   f"{row['origin']}{extra}{error}")


def _list_findings(loaded: list[LoadedIndicator], format: str) -> None:
    """``indicators --findings``: one row per declared finding (JSON), or grouped (text)."""
    import json

    from dpgcheck.engine.runner import declared_findings

    rows = []
    lines = []
    for li in loaded:
        table = declared_findings(li.indicator) if li.indicator is not None else None
        head = f"{li.number or '+':<4}{li.id}  {getattr(li.indicator, 'title', '')}".rstrip()
        if li.error:
            lines += [f"{head}  ERROR: {li.error}", ""]
            continue
        if table is None:
            lines += [f"{head}  (declares no findings)", ""]
            continue
        lines.append(head)
        for spec in table.values():
            fixes = [{"case": case or None, "text": text} for case, text in spec.fixes.items()]
            rows.append({"indicator": li.id, "id": spec.id, "title": spec.title,
                         "remediation": fixes, "help_url": spec.help_url,
                         "fields": list(spec.fields)})
            lines.append(f"    {spec.id}  {spec.title}")
            for fix in fixes:
                case = f" [{fix['case']}]" if fix["case"] else ""
                lines.append(f"        fix{case}: {fix['text']}")
            if not fixes:
                lines.append("        fix: none (never a gap)")
            if spec.help_url:
                lines.append(f"        see: {spec.help_url}")
        lines.append("")
    if format == "json":
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        typer.echo("\n".join(lines).rstrip())
