"""A small GitHub REST API on 127.0.0.1 for offline tests: the generic stand-in
(:mod:`tests.forge_server`) with GitHub's routes.

It answers the few endpoints dpgcheck calls with JSON written here in the shape GitHub
documents (https://docs.github.com/rest/repos/repos#get-a-repository,
.../metrics/community#get-community-profile-metrics), with ETags and 304 answers, rate-limit
headers and a budget that runs out, private repositories that need the token, and a log of
every request. Clone URLs point at local bare repositories (``file://``), or at the same
server over smart HTTP with ``smart_http=True``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.forge_server import ForgeServer, Request, bare_copy

__all__ = ["FakeGitHub", "Request", "bare_copy"]


@dataclass
class FakeGitHub(ForgeServer):
    token: str = "ghp_testtoken0123456789abcdefTOKEN"
    not_found: Any = field(default_factory=lambda: {
        "message": "Not Found", "documentation_url": "https://docs.github.com/rest"})

    # -- data -------------------------------------------------------------------------------
    def add_repo(self, owner: str, name: str, bare: Path, *, license_spdx: str | None = "MIT",
                 private: bool = False, owner_type: str = "Organization",
                 topics: tuple[str, ...] = ("health",), fork_of: str | None = None,
                 default_branch: str = "main", smart_http: bool = False) -> None:
        full = f"{owner}/{name}"
        user = {"login": owner, "id": 1, "type": owner_type,
                "url": f"{self.url}/users/{owner}", "html_url": f"https://github.test/{owner}"}
        repo: dict[str, Any] = {
            "id": abs(hash(full)) % 10**6, "name": name, "full_name": full, "owner": user,
            "private": private, "html_url": f"https://github.test/{full}",
            "description": f"{name}, a test repository", "fork": fork_of is not None,
            "url": f"{self.url}/repos/{full}", "clone_url":
            self.add_git(f"git/{full}.git", bare) if smart_http else bare.resolve().as_uri(),
            "homepage": "https://example.org", "archived": False, "disabled": False,
            "topics": list(topics), "default_branch": default_branch, "visibility":
            "private" if private else "public",
            "license": None if license_spdx is None else {
                "key": license_spdx.lower(), "name": license_spdx, "spdx_id": license_spdx,
                "url": f"{self.url}/licenses/{license_spdx.lower()}"},
        }
        if fork_of:
            repo["parent"] = {"full_name": fork_of, "name": fork_of.split("/")[1],
                              "owner": {"login": fork_of.split("/")[0], "type": "User"}}
            repo["source"] = repo["parent"]
        self.routes[f"/repos/{full}"] = repo
        self.routes[f"/repos/{full}/community/profile"] = {
            "health_percentage": 42, "description": repo["description"], "documentation": None,
            "files": {"code_of_conduct": None, "code_of_conduct_file": None,
                      "contributing": None, "issue_template": None,
                      "pull_request_template": None, "license": None,
                      "readme": {"url": f"{self.url}/repos/{full}/contents/README.md",
                                 "html_url": f"https://github.test/{full}/blob/main/README.md"}},
            "updated_at": "2026-01-01T00:00:00Z", "content_reports_enabled": False}
        if private:
            self.private.update({f"/repos/{full}", f"/repos/{full}/community/profile"})

    def calls_for(self, full_name: str) -> list[Request]:
        return [r for r in self.log if r.path.startswith(f"/repos/{full_name}")]
