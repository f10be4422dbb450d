"""Indicator discovery through the ``dpgcheck.indicators`` entry-point group.

Built-ins are registered in dpgcheck's own ``pyproject.toml`` exactly as a third-party
package registers its indicators, so both load through this one path.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from dpgcheck.engine.entrypoints import PluginEntry, group_entries
from dpgcheck.engine.indicator import Indicator, sort_key

GROUP = "dpgcheck.indicators"


@dataclass
class LoadedIndicator:
    indicator: Indicator | None
    name: str
    origin: str
    error: str | None = None

    @property
    def id(self) -> str:
        return self.indicator.id if self.indicator else self.name

    @property
    def number(self) -> str:
        return self.indicator.number if self.indicator else ""

    @cached_property
    def scan_hints(self) -> frozenset[str]:
        """The words the indicator declares it will ask the source scan about, read once;
        none when a plugin's declaration breaks (its check reports the error when it runs)."""
        if self.indicator is None:
            return frozenset()
        try:
            return frozenset(self.indicator.scan_hints())
        except Exception:  # a plugin's bug must not stop the others
            return frozenset()


def _origin(ep: PluginEntry) -> str:
    builtin = " (built-in)" if ep.dist_name.lower() == "dpgcheck" else ""
    return f"{ep.dist_name} {ep.dist_version}{builtin}"


def load_indicators() -> list[LoadedIndicator]:
    """Every registered indicator, ordered by number; a broken plugin is kept with its error."""
    loaded: list[LoadedIndicator] = []
    seen: set[str] = set()
    for ep in sorted(group_entries(GROUP), key=lambda e: e.name):
        origin = _origin(ep)
        try:
            obj = ep.load()
            indicator = obj() if isinstance(obj, type) else obj
            if not isinstance(getattr(indicator, "id", None), str) or not callable(
                    getattr(indicator, "check", None)):
                raise TypeError("not an indicator (needs an 'id' and a 'check' method)")
        except Exception as exc:
            loaded.append(LoadedIndicator(None, ep.name, origin,
                                          f"cannot load plugin {ep.value}: {exc}"))
            continue
        if indicator.id in seen:
            continue
        seen.add(indicator.id)
        loaded.append(LoadedIndicator(indicator, ep.name, origin))
    loaded.sort(key=lambda li: (not _affects(li), sort_key(li.number), li.id))
    return loaded


def _affects(li: LoadedIndicator) -> bool:
    return bool(getattr(li.indicator, "affects_verdict", True))
