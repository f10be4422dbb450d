"""The public API for indicator plugins: import from here, nothing else of dpgcheck's."""

from dpgcheck.datafile import load_data
from dpgcheck.declarations.loader import Declarations
from dpgcheck.engine.context import Context
from dpgcheck.engine.findings import FindingSpec, FindingTable, UndeclaredFinding
from dpgcheck.engine.indicator import STANDARD_URL, Indicator
from dpgcheck.engine.offline import is_offline, network_unavailable
from dpgcheck.errors import ParseError
from dpgcheck.evidence import (  # evidence helpers (2, 3, 5, 9c)
    category,
    coc,
    copyright,
    licenses,
    owners,
    readme,
)
from dpgcheck.evidence.deps.closed import (
    ClosedCatalogue,
    ClosedComponent,
    ClosedHit,
    load_closed_catalogue,
)
from dpgcheck.evidence.deps.interface import Dependency, DependencySet, ManifestProblem
from dpgcheck.evidence.publiccode import PublicCode
from dpgcheck.evidence.sdg_hints import SdgHints, find_sdg_hints, goal_name, goals_in_url
from dpgcheck.evidence.signals.catalogue import Match, match_catalogue, match_entry, rule_hints
from dpgcheck.evidence.signals.content import ContentSignals, content_signals
from dpgcheck.evidence.signals.declared import (
    LEVEL_TEXT,
    declared_level,
    declarer,
    explained_contradiction,
    explained_contradiction_parts,
    level_rank,
    text_of,
)
from dpgcheck.evidence.signals.extraction import ExtractionSignals, extraction_signals
from dpgcheck.evidence.signals.pii import PiiFindings, pii_fields
from dpgcheck.evidence.signals.scan import (
    ScannedFile,
    SourceScan,
    is_fixture,
    register_hints,
    source_scan,
)
from dpgcheck.evidence.signals.secrets import SecretHit, secrets
from dpgcheck.model import ALL_CATEGORIES, Category, Evidence, Finding, Result, Status
from dpgcheck.repo.view import RepoView

__all__ = [
    "ALL_CATEGORIES",
    "LEVEL_TEXT",
    "STANDARD_URL",
    "Category",
    "ClosedCatalogue",
    "ClosedComponent",
    "ClosedHit",
    "ContentSignals",
    "Context",
    "Declarations",
    "Dependency",
    "DependencySet",
    "Evidence",
    "ExtractionSignals",
    "Finding",
    "FindingSpec",
    "FindingTable",
    "Indicator",
    "ManifestProblem",
    "Match",
    "ParseError",
    "PiiFindings",
    "PublicCode",
    "RepoView",
    "Result",
    "ScannedFile",
    "SdgHints",
    "SecretHit",
    "SourceScan",
    "Status",
    "UndeclaredFinding",
    "category",
    "coc",
    "content_signals",
    "copyright",
    "declared_level",
    "declarer",
    "explained_contradiction",
    "explained_contradiction_parts",
    "extraction_signals",
    "find_sdg_hints",
    "goal_name",
    "goals_in_url",
    "is_fixture",
    "is_offline",
    "level_rank",
    "licenses",
    "load_closed_catalogue",
    "load_data",
    "match_catalogue",
    "match_entry",
    "network_unavailable",
    "owners",
    "pii_fields",
    "readme",
    "register_hints",
    "rule_hints",
    "secrets",
    "source_scan",
    "text_of",
]
