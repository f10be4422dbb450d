"""The public API for indicator plugins: import from here, nothing else of dpgcheck's."""

from dpgcheck import licenses
from dpgcheck.context import Context
from dpgcheck.declarations import Declarations
from dpgcheck.deps.interface import Dependency, DependencySet
from dpgcheck.errors import ParseError
from dpgcheck.indicator import STANDARD_URL, Indicator
from dpgcheck.model import ALL_CATEGORIES, Category, Evidence, Finding, Result, Status
from dpgcheck.publiccode import PublicCode
from dpgcheck.repoview import RepoView
from dpgcheck.sdg_hints import SdgHints, find_sdg_hints, goal_name, goals_in_url

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
    "ParseError",
    "PublicCode",
    "RepoView",
    "Result",
    "SdgHints",
    "Status",
    "find_sdg_hints",
    "goal_name",
    "goals_in_url",
    "licenses",
]
