"""The public API for indicator plugins: import from here, nothing else of dpgcheck's.

The face is small on purpose: the contract (``Indicator``, ``Context``, ``Result``...), the
types a plugin annotates with, and the shared evidence helpers as modules
(``readme.parse_readme(...)``, ``signals.secrets.secrets(ctx)``), so each helper is found
where it is documented. Names that version 0.1 exported flat still import, with a
``DeprecationWarning`` naming the new spelling (see ``_MOVED``).
"""

from __future__ import annotations

import warnings
from importlib import import_module
from typing import Any

import dpgcheck.evidence.deps.categories
import dpgcheck.evidence.deps.closed
import dpgcheck.evidence.deps.licensing
import dpgcheck.evidence.signals.catalogue
import dpgcheck.evidence.signals.content
import dpgcheck.evidence.signals.declared
import dpgcheck.evidence.signals.extraction
import dpgcheck.evidence.signals.pii
import dpgcheck.evidence.signals.scan
import dpgcheck.evidence.signals.secrets  # noqa: F401  (the submodules ``signals`` offers)
from dpgcheck.datafile import load_data
from dpgcheck.declarations.loader import Declarations
from dpgcheck.engine.context import Context
from dpgcheck.engine.findings import FindingSpec, FindingTable, UndeclaredFinding
from dpgcheck.engine.indicator import STANDARD_URL, Indicator
from dpgcheck.engine.offline import is_offline, network_unavailable
from dpgcheck.errors import ParseError
from dpgcheck.evidence import (
    category,
    coc,
    copyright,
    deps,
    licenses,
    owners,
    readme,
    sdg_hints,
    signals,
)
from dpgcheck.evidence.deps.closed import load_closed_catalogue
from dpgcheck.evidence.deps.interface import Dependency, DependencySet, ManifestProblem
from dpgcheck.evidence.publiccode import PublicCode
from dpgcheck.evidence.signals.scan import register_hints, source_scan
from dpgcheck.model import ALL_CATEGORIES, Category, Evidence, Finding, Result, Status
from dpgcheck.repo import yamlsafe
from dpgcheck.repo.view import RepoView

__all__ = [
    "ALL_CATEGORIES",
    "STANDARD_URL",
    "Category",
    "Context",
    "Declarations",
    "Dependency",
    "DependencySet",
    "Evidence",
    "Finding",
    "FindingSpec",
    "FindingTable",
    "Indicator",
    "ManifestProblem",
    "ParseError",
    "PublicCode",
    "RepoView",
    "Result",
    "Status",
    "UndeclaredFinding",
    "category",
    "coc",
    "copyright",
    "deps",
    "is_offline",
    "licenses",
    "load_closed_catalogue",
    "load_data",
    "network_unavailable",
    "owners",
    "readme",
    "register_hints",
    "sdg_hints",
    "signals",
    "source_scan",
    "yamlsafe",
]

#: Old flat name -> (module, attribute) where it lives now; the new spelling is
#: ``<module's name in this API>.<attribute>``.
_MOVED: dict[str, tuple[str, str]] = {
    **{name: ("dpgcheck.evidence.deps.closed", name)
       for name in ("ClosedCatalogue", "ClosedComponent", "ClosedHit")},
    **{name: ("dpgcheck.evidence.sdg_hints", name)
       for name in ("SdgHints", "find_sdg_hints", "goal_name", "goals_in_url")},
    **{name: ("dpgcheck.evidence.signals.catalogue", name)
       for name in ("Match", "match_catalogue", "match_entry", "rule_hints")},
    **{name: ("dpgcheck.evidence.signals.content", name)
       for name in ("ContentSignals", "content_signals")},
    **{name: ("dpgcheck.evidence.signals.declared", name)
       for name in ("LEVEL_TEXT", "declared_level", "declarer", "explained_contradiction",
                    "level_rank", "text_of")},
    **{name: ("dpgcheck.evidence.signals.extraction", name)
       for name in ("ExtractionSignals", "extraction_signals")},
    **{name: ("dpgcheck.evidence.signals.pii", name) for name in ("PiiFindings", "pii_fields")},
    **{name: ("dpgcheck.evidence.signals.scan", name)
       for name in ("ScannedFile", "SourceScan", "is_fixture")},
    **{name: ("dpgcheck.evidence.signals.secrets", name) for name in ("SecretHit", "secrets")},
}


def new_spelling(name: str) -> str:
    """How a moved name is written now (``signals.secrets.secrets``)."""
    module, attribute = _MOVED[name]
    return module.removeprefix("dpgcheck.evidence.") + "." + attribute


def __getattr__(name: str) -> Any:
    """Names of version 0.1's flat API: still there, with a warning naming the new one."""
    if name not in _MOVED:
        raise AttributeError(f"module 'dpgcheck.api' has no attribute '{name}'")
    module, attribute = _MOVED[name]
    warnings.warn(f"dpgcheck.api.{name} is deprecated: use dpgcheck.api.{new_spelling(name)}",
                  DeprecationWarning, stacklevel=2)
    return getattr(import_module(module), attribute)
