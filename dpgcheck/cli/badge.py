"""``dpgcheck badge``: a shields.io endpoint JSON and an SVG badge, both made locally.

The badge says how many of the applicable indicators pass (a waived gap counts as passed and
is named on the badge), coloured by the verdict. Writing the badge never fails a build: exit 0
once written, 2 on a usage or input error.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from dpgcheck.engine.report import Report

JSON_NAME = "dpgcheck-badge.json"
SVG_NAME = "dpgcheck-badge.svg"
DEFAULT_LABEL = "DPG Standard"
#: shields.io's named colours, by verdict.
COLORS = {"pass": "brightgreen", "incomplete": "yellow", "fail": "red"}
HEX = {"brightgreen": "#4c1", "yellow": "#dfb317", "red": "#e05d44", "lightgrey": "#9f9f9f"}


@dataclass(frozen=True)
class Badge:
    label: str
    message: str
    color: str

    def endpoint(self) -> dict[str, object]:
        """shields.io's endpoint format (https://shields.io/badges/endpoint-badge)."""
        return {"schemaVersion": 1, "label": self.label, "message": self.message,
                "color": self.color}


def badge_for(report: Report, label: str = DEFAULT_LABEL) -> Badge:
    from dpgcheck.model import Status

    applicable = [i for i in report.indicators if i.status is not Status.NOT_APPLICABLE]
    passed = [i for i in applicable if i.effective_status is Status.PASS]
    waived = sum(1 for i in passed if i.status is not Status.PASS)
    message = f"{len(passed)}/{len(applicable)} indicators pass"
    if waived:
        message += f" ({waived} waived)"
    return Badge(label, message, COLORS[report.verdict] if applicable else "lightgrey")


# Verdana 11px advance widths (px) for printable ASCII, as badge renderers measure text;
# anything else counts as a wide letter.
_NARROW = dict.fromkeys(" !',.:;|", 3.9) | dict.fromkeys("Iijl", 3.1) | dict.fromkeys("ft", 4.3)
_WIDE = dict.fromkeys("MW", 10.9) | dict.fromkeys("mw", 9.8) | dict.fromkeys("%", 11.9)
_DEFAULT_UPPER, _DEFAULT_OTHER = 7.7, 6.8


def text_width(text: str) -> float:
    width = 0.0
    for ch in text:
        if ch in _NARROW:
            width += _NARROW[ch]
        elif ch in _WIDE:
            width += _WIDE[ch]
        elif ch.isdigit():
            width += 7.0
        elif ch.isupper():
            width += _DEFAULT_UPPER
        elif ch.isascii():
            width += _DEFAULT_OTHER
        else:
            width += 8.5
    return width


def svg(badge: Badge) -> str:
    """A flat badge in the shields.io style, self-contained (no fonts or scripts fetched)."""
    from xml.sax.saxutils import escape, quoteattr

    left = round(text_width(badge.label) + 10)
    right = round(text_width(badge.message) + 10)
    total = left + right
    fill = HEX.get(badge.color, badge.color)
    title = f"{badge.label}: {badge.message}"
    label, message = escape(badge.label), escape(badge.message)

    def text(x: float, value: str) -> str:
        return (f'<text x="{x:.1f}" y="15" fill="#010101" fill-opacity=".3">{value}</text>'
                f'<text x="{x:.1f}" y="14">{value}</text>')

    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img" '
        f'aria-label={quoteattr(title)}><title>{escape(title)}</title>'
        '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" '
        'stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>'
        f'<clipPath id="r"><rect width="{total}" height="20" rx="3" fill="#fff"/></clipPath>'
        f'<g clip-path="url(#r)"><rect width="{left}" height="20" fill="#555"/>'
        f'<rect x="{left}" width="{right}" height="20" fill={quoteattr(fill)}/>'
        f'<rect width="{total}" height="20" fill="url(#s)"/></g>'
        '<g fill="#fff" text-anchor="middle" '
        'font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">'
        f"{text(left / 2, label)}{text(left + right / 2, message)}</g></svg>\n"
    )


def badge(
    target: Annotated[str, typer.Argument(
        help="The folder to check (default: the current folder).")] = ".",
    output_dir: Annotated[Path, typer.Option(
        "--output-dir", "-d", help="Where to write dpgcheck-badge.json and dpgcheck-badge.svg "
        "(created if missing).")] = Path("."),
    label: Annotated[str, typer.Option("--label", help="The badge's left text.")]
        = DEFAULT_LABEL,
    category: Annotated[list[str] | None, typer.Option(
        "--category", "-c", help="software, data, content or aimodel (repeatable).")] = None,
    standard_version: Annotated[str, typer.Option(
        "--standard-version", help="DPG Standard version: 1.1.6 or 1.1.7.")] = "1.1.7",
    offline: Annotated[bool, typer.Option(
        "--offline", help="No network at all (as for check).")] = False,
) -> None:
    """Write a badge showing how many indicators pass: a shields.io endpoint JSON and an SVG.

    Serve the JSON anywhere public and point https://img.shields.io/endpoint?url=... at it,
    or commit the SVG. Exit 0 once written, 2 on a usage or input error.
    """
    from dpgcheck.engine.runner import RunConfig, check_target
    from dpgcheck.errors import DpgcheckError

    config = RunConfig(categories=list(category or []), standard_version=standard_version)
    if offline:
        from dpgcheck.engine.offline import OPTION, refuse_remote_targets

        refuse_remote_targets([target])
        config.options[OPTION] = True
    made = badge_for(check_target(target, config), label)
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        (output_dir / JSON_NAME).write_text(json.dumps(made.endpoint(), indent=2) + "\n",
                                            encoding="utf-8")
        (output_dir / SVG_NAME).write_text(svg(made), encoding="utf-8")
    except OSError as exc:
        raise DpgcheckError(f"cannot write the badge to {output_dir}: "
                            f"{exc.strerror or exc}") from None
    typer.echo(f"{made.label}: {made.message} -> {output_dir / JSON_NAME}, "
               f"{output_dir / SVG_NAME}")
