"""Output formats by name: the only list of them. Modules are imported only when chosen, so
start-up stays light."""

from __future__ import annotations

from importlib import import_module

from dpgcheck.errors import DpgcheckError, did_you_mean
from dpgcheck.formats.interface import FormatOptions, Formatter

__all__ = ["FORMATS", "FormatOptions", "Formatter", "format_names", "formats_where",
           "get_formatter"]

#: name -> "module:class", in the order help texts list them.
FORMATS: dict[str, str] = {
    "terminal": "dpgcheck.formats.terminal:TerminalFormat",
    "json": "dpgcheck.formats.json:JsonFormat",
    "markdown": "dpgcheck.formats.markdown:MarkdownFormat",
    "sarif": "dpgcheck.formats.sarif:SarifFormat",
    "junit": "dpgcheck.formats.junit:JunitFormat",
    "jsonl": "dpgcheck.formats.jsonl:JsonlFormat",
    "csv": "dpgcheck.formats.csv:CsvFormat",
    "html": "dpgcheck.formats.html:HtmlFormat",
    "lines": "dpgcheck.formats.lines:LinesFormat",
    "rdjson": "dpgcheck.formats.rdjson:RdjsonFormat",
    "cyclonedx": "dpgcheck.formats.cyclonedx:CycloneDxFormat",
    "spdx": "dpgcheck.formats.spdx:SpdxFormat",
}


def format_names() -> str:
    """"terminal, json, ... or html": for help texts."""
    names = list(FORMATS)
    return f"{', '.join(names[:-1])} or {names[-1]}"


def get_formatter(name: str) -> Formatter:
    spec = FORMATS.get(name)
    if spec is None:
        raise DpgcheckError(f"unknown format '{name}': use {', '.join(FORMATS)}"
                            + did_you_mean(name, FORMATS))
    module, _, attr = spec.partition(":")
    formatter: Formatter = getattr(import_module(module), attr)()
    formatter.name = name
    return formatter


def formats_where(flag: str) -> list[str]:
    """Names of the formats with ``flag`` set (imports each: for error messages)."""
    return [name for name in FORMATS if getattr(get_formatter(name), flag)]
