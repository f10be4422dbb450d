"""A recorded registry for reviews and reassessments: DPGs whose repositories are real git
repositories served over smart HTTP, their API answers served by the GitHub stand-in, and the
drift a reassessment must find planted by hand (licence, archive, 404, rename, age, CoC)."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.conftest import GIT_ENV, git, make_repo
from tests.github_server import FakeGitHub
from tests.license_texts import filled
from tests.smart_http import SmartHttp

COC = ("# Contributor Covenant Code of Conduct\n\nWe pledge to make participation in our "
       "community a harassment-free experience for everyone.\n\nReport unacceptable "
       "behaviour to conduct@example.org.\n")
SECURITY = "# Security policy\n\nReport vulnerabilities privately to security@example.org.\n"


def project(name: str, licence: str = "MIT") -> dict[str, str | bytes]:
    return {
        "README.md": f"# {name}\n\n{name} keeps clinic records for rural health workers.\n\n"
                     "## Install\n\n```\npip install tool\n```\n\n## Run\n\n`tool serve`\n",
        "LICENSE": filled(licence),
        "CODE_OF_CONDUCT.md": COC,
        "SECURITY.md": SECURITY,
        "src/app.py": "print('hello')\n",
    }


@dataclass
class World:
    root: Path
    server: FakeGitHub
    http: SmartHttp
    trees: dict[str, Path] = field(default_factory=dict)
    registry: list[dict[str, Any]] = field(default_factory=list)

    def add_repo(self, full: str, files: dict[str, str | bytes],
                 licence: str | None = "MIT") -> str:
        owner, name = full.split("/")
        tree = make_repo(self.root / "trees" / full, files)
        bare = self.http.root / owner / f"{name}.git"
        bare.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "clone", "-q", "--bare", str(tree), str(bare)], check=True,
                       capture_output=True)
        git(bare, "config", "uploadpack.allowFilter", "true")
        git(bare, "config", "http.receivepack", "false")
        self.server.add_repo(owner, name, bare, license_spdx=licence)
        self.server.routes[f"/repos/{full}"]["clone_url"] = f"{self.http.url}/{full}.git"
        git(tree, "remote", "add", "origin", str(bare))
        self.trees[full] = tree
        return f"{self.server.url}/{full}"

    def add_dpg(self, ident: str, name: str, repos: list[str], licence: str = "MIT",
                owner: str = "Example Health Foundation") -> None:
        self.registry.append({
            "id": ident, "name": name, "categories": ["Open Software"],
            "openlicenses": [{"openLicense": licence, "openLicenseEvidenceURLs": repos[0]}],
            "clearOwnership": [{"clearOwnershipName": owner, "clearOwnershipURL": repos[0]}],
            "documentation": f"{repos[0]}/blob/main/README.md",
            "protectionFromHarassment": {"facilitatesUserInteraction": "Yes",
                                         "harassmentPolicy": "Our code of conduct."},
            "repositories": [{"name": f"part {i + 1}", "url": r} for i, r in enumerate(repos)],
        })

    def write_registry(self) -> Path:
        path = self.root / "registry.json"
        path.write_text(json.dumps(self.registry, indent=1), encoding="utf-8")
        return path

    # -- drift --------------------------------------------------------------------------
    def commit(self, full: str, files: dict[str, str | None], message: str,
               date: str | None = None, amend: bool = False) -> None:
        tree = self.trees[full]
        for rel, text in files.items():
            if text is None:
                git(tree, "rm", "-q", rel)
            else:
                (tree / rel).write_text(text, encoding="utf-8")
                git(tree, "add", rel)
        env = {**os.environ, **GIT_ENV}
        if date:
            env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        args = ["commit", "-q", "-m", message] + (["--amend", "--allow-empty"] if amend else [])
        subprocess.run(["git", *args], cwd=tree, env=env, check=True, capture_output=True)
        git(tree, "push", "-q", "--force", "origin", "HEAD:main")

    def relicense(self, full: str, spdx: str) -> None:
        self.commit(full, {"LICENSE": filled(spdx)}, f"Relicense under {spdx}")
        self.server.routes[f"/repos/{full}"]["license"] = {
            "key": spdx.lower(), "name": spdx, "spdx_id": spdx, "url": None}

    def archive(self, full: str) -> None:
        self.server.routes[f"/repos/{full}"]["archived"] = True

    def remove(self, full: str) -> None:
        for key in [k for k in self.server.routes if k.startswith(f"/repos/{full}")]:
            del self.server.routes[key]

    def rename(self, full: str, new: str) -> None:
        for key in [k for k in self.server.routes if k.startswith(f"/repos/{full}")]:
            self.server.routes[key.replace(full, new, 1)] = self.server.routes.pop(key)
        repo = self.server.routes[f"/repos/{new}"]
        repo["full_name"], repo["name"] = new, new.split("/")[1]
        repo["html_url"] = f"https://github.test/{new}"
        self.server.moved[f"/repos/{full}"] = f"/repos/{new}"
        self.server.moved[f"/repos/{full}/community/profile"] = f"/repos/{new}/community/profile"

    def age(self, full: str, date: str = "2023-01-01T12:00:00+00:00") -> None:
        self.commit(full, {}, "An old commit", date=date, amend=True)


def build_world(root: Path, server: FakeGitHub, size: int = 20) -> World:
    """``size`` DPGs (the first of two repositories), all meeting the Standard today."""
    http = SmartHttp(root / "git").start()
    world = World(root, server, http)
    for n in range(1, size + 1):
        urls = [world.add_repo(f"org{n}/tool{n}", project(f"Tool {n}"))]
        if n == 1:
            urls.append(world.add_repo("org1/tool1-web", project("Tool 1 web")))
        world.add_dpg(str(1000 + n), f"Tool {n}", urls)
    return world


#: The drift planted by :func:`plant`: DPG name -> the change kinds a reassessment must find
#: since acceptance, and since the previous reassessment.
PLANTED_SINCE_ACCEPTANCE = {
    "Tool 2": {"licence-not-approved"}, "Tool 3": {"archived"}, "Tool 4": {"gone"},
    "Tool 5": {"moved"}, "Tool 6": {"stale"}, "Tool 7": {"code-of-conduct-missing"},
}
PLANTED_SINCE_PREVIOUS = {
    "Tool 2": {"licence-changed"}, "Tool 3": {"archived"}, "Tool 4": {"gone"},
    "Tool 5": {"moved"}, "Tool 6": {"stale"}, "Tool 7": {"code-of-conduct-removed"},
}


def plant(world: World) -> None:
    world.relicense("org2/tool2", "BUSL-1.1")
    world.archive("org3/tool3")
    world.remove("org4/tool4")
    world.rename("org5/tool5", "org5/tool5-renamed")
    world.age("org6/tool6")
    world.commit("org7/tool7", {"CODE_OF_CONDUCT.md": None}, "Drop the code of conduct")
