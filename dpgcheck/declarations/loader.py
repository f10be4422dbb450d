"""The declarations file (``dpg.yml``): what only the maintainer can answer.

This module finds and safely loads the file and offers typed access to the parts indicators
need. The format is documented in ``docs/declarations.md``; unknown keys are kept so that
validation (schema, line and column messages) can report them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

from dpgcheck.errors import ParseError
from dpgcheck.model import Evidence

if TYPE_CHECKING:
    from dpgcheck.repo.view import RepoView

#: Where the file may live, in order of preference.
DECLARATION_PATHS = ("dpg.yml", "dpg.yaml", ".dpg.yml", ".dpg.yaml", ".github/dpg.yml",
                     ".github/dpg.yaml")
MAX_DECLARATIONS_BYTES = 256 * 1024
FORMAT_VERSION = 1
#: The four fixed answers of 9a and 9b, shortened (see docs/declarations.md).
LEVELS = ("none", "collected", "stored", "distributed")


@cache
def _bounded_loader() -> type:
    """Safe YAML without aliases: a declarations file never needs them and they enable bombs.

    Built on first use, so checking a repository without YAML never imports the parser."""
    import yaml

    class BoundedLoader(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                mark = event.start_mark
                raise ParseError("YAML aliases are not allowed in a declarations file",
                                 line=mark.line + 1, column=mark.column + 1)
            return super().compose_node(parent, index)

    return BoundedLoader


def parse_yaml(text: str, path: str | None = None) -> Any:
    """Parse bounded, alias-free YAML (see :mod:`dpgcheck.repo.yamlsafe`); syntax errors
    carry line and column."""
    from dpgcheck.repo import yamlsafe

    return yamlsafe.load(text, path, max_bytes=MAX_DECLARATIONS_BYTES, aliases=False)


@dataclass(frozen=True)
class Waiver:
    """An accepted gap: an indicator id or finding id, with the reason shown in reports."""

    id: str
    reason: str
    expires: date | None = None

    def active(self, today: date | None = None) -> bool:
        return self.expires is None or self.expires >= (today or date.today())


@dataclass
class Declarations:
    """A loaded declarations file, or an empty one when the repository has none."""

    data: dict[str, Any] = field(default_factory=dict)
    path: str | None = None
    #: Non-fatal problems (unknown keys), "file:line:column: message", shown in report notes.
    warnings: list[str] = field(default_factory=list)
    #: Line of each key and list item by dotted path (``sdgs.0``), for evidence.
    lines: dict[str, int] = field(default_factory=dict)

    @property
    def present(self) -> bool:
        return self.path is not None

    def get(self, dotted: str, default: Any = None) -> Any:
        """``get("data_privacy.pii")``: a nested value, or ``default`` when absent.

        A number steps into a list: ``get("sdgs.0.number")``.
        """
        node: Any = self.data
        for key in dotted.split("."):
            if isinstance(node, list) and key.isdigit() and int(key) < len(node):
                node = node[int(key)]
            elif isinstance(node, dict) and key in node:
                node = node[key]
            else:
                return default
        return node

    def line(self, dotted: str) -> int | None:
        """``line("sdgs.0.number")``: where a key or item is written, when known."""
        return self.lines.get(dotted)

    def evidence(self, dotted: str, message: str | None = None) -> Evidence:
        """Evidence pointing at a declared key: the file, its line, and what it says."""
        value = self.get(dotted)
        text = message or f"declared {dotted}: {value}"
        return Evidence(text, path=self.path, line=self.line(dotted))

    @property
    def categories(self) -> list[str]:
        value = self.data.get("categories") or []
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]

    @property
    def waivers(self) -> list[Waiver]:
        waivers = []
        for item in self.data.get("waivers") or []:
            if isinstance(item, dict) and item.get("id") and item.get("reason"):
                expires = item.get("expires")
                if isinstance(expires, str):
                    try:
                        expires = date.fromisoformat(expires)
                    except ValueError:
                        expires = None
                waivers.append(Waiver(str(item["id"]), str(item["reason"]),
                                      expires if isinstance(expires, date) else None))
        return waivers


def find_declarations(view: RepoView) -> str | None:
    for candidate in DECLARATION_PATHS:
        found = view.lookup(candidate)
        if found:
            return found
    return None


def validate(text: str, data: Any, path: str | None) -> list[str]:
    """Check ``data`` (parsed from ``text``) against the shipped schema.

    Raises ParseError (exit 2) naming file, line and column of the first errors; returns the
    warnings (unknown keys) as rendered lines.
    """
    from dpgcheck.declarations.schema import check_against_schema, raise_for

    errors, warnings = check_against_schema(data, text, path, _bounded_loader())
    raise_for(errors, path)
    return [w.render(path) for w in warnings]


def load_declarations(view: RepoView) -> Declarations:
    """Load and validate the repository's declarations file; empty when there is none."""
    path = find_declarations(view)
    if path is None:
        return Declarations()
    size = view.size(path)
    if size is not None and size > MAX_DECLARATIONS_BYTES:
        raise ParseError(f"file is larger than {MAX_DECLARATIONS_BYTES // 1024} KiB", path=path)
    text = view.read_text(path, MAX_DECLARATIONS_BYTES + 1)
    if text is None:
        raise ParseError("cannot read the declarations file", path=path)
    data = parse_yaml(text, path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ParseError("the declarations file must be a mapping of keys to values", path=path,
                         line=1, column=1)
    from dpgcheck.declarations.schema import line_map

    return Declarations(data=data, path=path, warnings=validate(text, data, path),
                        lines=line_map(text, _bounded_loader()))
