"""Output formats by name, imported only when chosen (start-up stays light)."""

from __future__ import annotations

from importlib import import_module

from dpgcheck.errors import DpgcheckError
from dpgcheck.formats.interface import FormatOptions, Formatter

__all__ = ["FORMATS", "FormatOptions", "Formatter", "get_formatter"]

#: name -> "module:class"
FORMATS: dict[str, str] = {
    "terminal": "dpgcheck.formats.terminal:TerminalFormat",
    "json": "dpgcheck.formats.json:JsonFormat",
    "markdown": "dpgcheck.formats.markdown:MarkdownFormat",
    "jsonl": "dpgcheck.formats.jsonl:JsonlFormat",
    "csv": "dpgcheck.formats.csv:CsvFormat",
    "html": "dpgcheck.formats.html:HtmlFormat",
    "sarif": "dpgcheck.formats.sarif:SarifFormat",
    "junit": "dpgcheck.formats.junit:JunitFormat",
}


def get_formatter(name: str) -> Formatter:
    spec = FORMATS.get(name)
    if spec is None:
        raise DpgcheckError(f"unknown format '{name}': use {', '.join(FORMATS)}")
    module, _, attr = spec.partition(":")
    return getattr(import_module(module), attr)()  # type: ignore[no-any-return]
