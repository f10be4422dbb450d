"""The public API for indicator plugins: import from here, nothing else of dpgcheck's."""

from dpgcheck.context import Context
from dpgcheck.declarations import Declarations
from dpgcheck.deps.interface import Dependency, DependencySet
from dpgcheck.errors import ParseError
from dpgcheck.indicator import STANDARD_URL, Indicator
from dpgcheck.model import ALL_CATEGORIES, Category, Evidence, Finding, Result, Status
from dpgcheck.repoview import RepoView
from dpgcheck.signals.catalogue import Match, load_data, match_catalogue, match_entry
from dpgcheck.signals.content import ContentSignals, content_signals
from dpgcheck.signals.declared import LEVEL_TEXT, declared_level, declarer, level_rank, text_of
from dpgcheck.signals.extraction import ExtractionSignals, extraction_signals
from dpgcheck.signals.pii import PiiFindings, pii_fields
from dpgcheck.signals.scan import ScannedFile, SourceScan, is_fixture, source_scan
from dpgcheck.signals.secrets import SecretHit, secrets

__all__ = [
    "ALL_CATEGORIES",
    "LEVEL_TEXT",
    "STANDARD_URL",
    "Category",
    "ContentSignals",
    "Context",
    "Declarations",
    "Dependency",
    "DependencySet",
    "Evidence",
    "ExtractionSignals",
    "Finding",
    "Indicator",
    "Match",
    "ParseError",
    "PiiFindings",
    "RepoView",
    "Result",
    "ScannedFile",
    "SecretHit",
    "SourceScan",
    "Status",
    "content_signals",
    "declared_level",
    "declarer",
    "extraction_signals",
    "is_fixture",
    "level_rank",
    "load_data",
    "match_catalogue",
    "match_entry",
    "pii_fields",
    "secrets",
    "source_scan",
    "text_of",
]
