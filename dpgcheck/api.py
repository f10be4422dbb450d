"""The public API for indicator plugins: import from here, nothing else of dpgcheck's."""

from dpgcheck.context import Context
from dpgcheck.declarations import Declarations
from dpgcheck.deps.interface import Dependency, DependencySet
from dpgcheck.errors import ParseError
from dpgcheck.indicator import STANDARD_URL, Indicator
from dpgcheck.model import ALL_CATEGORIES, Category, Evidence, Finding, Result, Status
from dpgcheck.repoview import RepoView
from dpgcheck.signals.catalogue import Match, load_data, match_catalogue
from dpgcheck.signals.scan import ScannedFile, SourceScan, is_fixture, source_scan

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
    "Indicator",
    "Match",
    "ParseError",
    "RepoView",
    "Result",
    "ScannedFile",
    "SourceScan",
    "Status",
    "is_fixture",
    "load_data",
    "match_catalogue",
    "source_scan",
]
