"""A DPGA registry export of 245 DPGs with the same mix of hosts as the real one (mostly
GitHub, then GitLab, Hugging Face, Codeberg, CKAN portals, plain git servers, and websites),
written here; each kind's addresses point at the stand-in serving that kind.

Counts (entries / addresses): GitHub 196 / 224 (some entries list several repositories in one
field; 24 addresses are account pages, as in the real export), GitLab 12 (gitlab.com, nested
groups, a self-hosted instance, two group pages), Hugging Face 5 (a model, a gated model, a
RAIL model, a dataset, an account page), Codeberg 1, CKAN 2, plain git 3, and 26 that are no
repository (websites, a short link, an http:// site, portal organisation pages, a name that
is no URL).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

GITHUB_SINGLE, GITHUB_DOUBLE, GITHUB_TRIPLE = 172, 20, 4
#: Single-address GitHub entries that name an account, not a repository.
GITHUB_ACCOUNTS = 24
GITLAB_PROJECTS = ("pcmt/pcmt", "everwell/hub-foss", "openlmis/core", "health/tools/tracker",
                   "gov/registry", "edu/library", "maps/tiles", "civic/portal",
                   "agri/market-info")
GITLAB_SELF_HOSTED = "tpo/core/tor"
GITLAB_GROUPS = ("VIPS", "fuss")
HF = (("bookbot/asr-id", "model"), ("acme/gated-llm", "gated"), ("acme/painter", "rail"),
      ("acme/speech", "dataset"))
CODEBERG = "gnuhealth/his"
CKAN = ("green-roads-toolkit", "health-facilities")
PLAIN_GIT = ("core", "p/open-clinic/code", "project/drupal")
WEBSITE_PATHS = (
    "/", "/wapor/", "/faolex/en/", "/giews/earthobservation/access.jsp", "/documentation/v1",
    "/use/developer-installation", "/stories", "/apis-docs/Decko/Wikirate/1.0.0",
    "/arcgis/rest/services/LandCover/ImageServer", "/playlist", "/library/guest",
    "/wiki/How_To_Get_OpenStreetMap_Data", "/doc/GettingStarted/", "/en/lei-data/gleif-api",
    "/en/datasets", "/downloads/", "/about/", "/library-all", "/map", "/analytics",
    "/download.php",
)
REVIEW_SPECIAL = ("organization/crosscut", "organization/healthsites", "short-link",
                  "http-site", "not-a-url")


@dataclass(frozen=True)
class Bases:
    """Where each kind is served (the stand-ins' URLs)."""

    github: str
    gitlab: str
    hub: str
    forgejo: str
    ckan: str
    git: str
    web: str


def _entry(n: int, name: str, category: str, licence: str, urls: list[str]) -> dict[str, Any]:
    return {"id": str(10000 + n), "name": name, "dpgid": f"GID{90000 + n:07d}",
            "stage": "DPG", "categories": [category],
            "openlicenses": [{"openLicense": licence, "openLicenseEvidenceURLs": ""}],
            "repositories": [{"name": "main", "url": ", ".join(urls)}] if urls else []}


def github_repos() -> list[str]:
    """``owner/repo`` of every GitHub address, in export order."""
    return [f"org{i % 40}/tool{i}" for i in range(GITHUB_SINGLE - GITHUB_ACCOUNTS
                                                  + 2 * GITHUB_DOUBLE + 3 * GITHUB_TRIPLE)]


def build(bases: Bases) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    repos = iter(github_repos())

    def add(name: str, category: str, licence: str, *urls: str) -> None:
        entries.append(_entry(len(entries) + 1, name, category, licence, list(urls)))

    for i in range(GITHUB_SINGLE - GITHUB_ACCOUNTS):
        add(f"Software {i}", "Open Software", "MIT", f"{bases.github}/{next(repos)}")
    for i in range(GITHUB_ACCOUNTS):
        add(f"Organisation {i}", "Open Software", "MIT", f"{bases.github}/account{i}")
    for i in range(GITHUB_DOUBLE):
        add(f"Two-part {i}", "Open Software", "Apache-2.0",
            f"Backend - {bases.github}/{next(repos)}", f"Frontend: {bases.github}/{next(repos)}")
    for i in range(GITHUB_TRIPLE):
        add(f"Suite {i}", "Open Software", "AGPL-3.0",
            *(f"{bases.github}/{next(repos)}" for _ in range(3)))
    for path in GITLAB_PROJECTS:
        add(f"GitLab {path}", "Open Software", "MIT", f"{bases.gitlab}/{path}")
    add("Self-hosted GitLab", "Open Software", "BSD-3-Clause",
        f"{bases.gitlab}/{GITLAB_SELF_HOSTED}")
    for group in GITLAB_GROUPS:
        add(f"GitLab group {group}", "Open Software", "GPL-3.0", f"{bases.gitlab}/{group}")
    for repo_id, kind in HF:
        path = f"datasets/{repo_id}" if kind == "dataset" else repo_id
        add(f"Hub {repo_id}", "Open Data" if kind == "dataset" else "Open AI Model",
            "CC-BY-4.0" if kind == "dataset" else "Apache-2.0", f"{bases.hub}/{path}")
    add("Hub account", "Open AI Model", "Apache-2.0", f"{bases.hub}/ministry")
    add("Codeberg", "Open Software", "GPL-3.0", f"{bases.forgejo}/{CODEBERG}")
    for name in CKAN:
        add(f"Portal {name}", "Open Data", "CC-BY-4.0", f"{bases.ckan}/dataset/{name}")
    for path in PLAIN_GIT:
        add(f"Plain git {path}", "Open Software", "MPL-2.0", f"{bases.git}/{path}")
    for i, path in enumerate(WEBSITE_PATHS):
        add(f"Website {i}", "Open Content" if i % 2 else "Open Data", "CC-BY-4.0",
            f"{bases.web}{path}")
    add("Crosscut", "Open Data", "CC-BY-4.0", f"{bases.ckan}/organization/crosscut")
    add("Healthsites", "Open Data", "ODbL-1.0", f"{bases.ckan}/organization/healthsites")
    add("Short link", "Open Software", "Apache-2.0", f"{bases.web}/ph-ee")
    add("Plain http site", "Open Content", "CC-BY-4.0", "http://aims.example.org/agrontology")
    add("No URL", "Open Content", "CC-BY-4.0", "www.CIELterminology.org")
    return entries
