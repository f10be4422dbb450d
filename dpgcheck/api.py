"""The public API for indicator plugins: import from here, nothing else of dpgcheck's."""

from dpgcheck import coc, copyright, licenses, owners, readme  # evidence helpers (2, 3, 5, 9c)
from dpgcheck.context import Context
from dpgcheck.declarations import Declarations
from dpgcheck.deps.closed import ClosedCatalogue, ClosedComponent, ClosedHit, load_closed_catalogue
from dpgcheck.deps.interface import Dependency, DependencySet, ManifestProblem
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
    "ClosedCatalogue",
    "ClosedComponent",
    "ClosedHit",
    "Context",
    "Declarations",
    "Dependency",
    "DependencySet",
    "Evidence",
    "Finding",
    "Indicator",
    "ManifestProblem",
    "ParseError",
    "PublicCode",
    "RepoView",
    "Result",
    "SdgHints",
    "Status",
    "coc",
    "copyright",
    "find_sdg_hints",
    "goal_name",
    "goals_in_url",
    "licenses",
    "load_closed_catalogue",
    "owners",
    "readme",
]
