"""Recorded API answers, in the shapes each API documents, written here for the stand-ins.

GitLab v4 ``GET /projects/:id`` (docs.gitlab.com/api/projects), Forgejo/Gitea ``GET
/repos/{owner}/{repo}`` (codeberg.org/api/swagger), the Hugging Face Hub ``GET
/api/models/{id}`` and ``/api/datasets/{id}`` (huggingface.co/docs/hub/api), CKAN
``package_show`` (docs.ckan.org/en/latest/api). Only fields dpgcheck reads, plus a few it must
ignore.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import make_repo
from tests.forge_server import ForgeServer, bare_copy

PROJECT = {
    "README.md": "# Tracker\n\nInstall with `pip install tracker`. Run `tracker serve`.\n",
    "LICENSE": "MIT License\n\nCopyright (c) 2026 Acme\n",
    "src/app.py": "print('hello')\n",
}


def publish(server: ForgeServer, tmp: Path, path: str, files: dict[str, str | bytes]) -> tuple[
        Path, str]:
    """A real repository served by ``server`` at ``/path`` over smart HTTP: (work tree, URL)."""
    root = make_repo(tmp / "work" / path.replace("/", "_"), files)
    bare = bare_copy(root, tmp / "bare" / f"{path.replace('/', '_')}.git")
    return root, server.add_git(path, bare)


def gitlab_project(server: ForgeServer, full_path: str, clone_url: str, *,
                   license_key: str | None = "mit", visibility: str = "public",
                   archived: bool = False, kind: str = "group",
                   forked_from: str | None = None) -> dict[str, Any]:
    namespace, _, name = full_path.rpartition("/")
    body: dict[str, Any] = {
        "id": abs(hash(full_path)) % 10**6, "description": f"{name}, a test project",
        "name": name, "name_with_namespace": full_path.replace("/", " / "), "path": name,
        "path_with_namespace": full_path, "created_at": "2024-01-01T00:00:00.000Z",
        "default_branch": "main", "tag_list": ["records"], "topics": ["records"],
        "ssh_url_to_repo": f"git@gitlab.test:{full_path}.git", "http_url_to_repo": clone_url,
        "web_url": f"https://gitlab.test/{full_path}", "readme_url": None,
        "forks_count": 0, "star_count": 3, "last_activity_at": "2026-01-01T00:00:00.000Z",
        "namespace": {"id": 7, "name": namespace.split("/")[-1],
                      "path": namespace.split("/")[-1], "kind": kind, "full_path": namespace,
                      "parent_id": 6 if "/" in namespace else None},
        "archived": archived, "visibility": visibility, "empty_repo": False,
        "license_url": None if license_key is None else f"{server.url}/{full_path}/LICENSE",
        "license": None if license_key is None else {
            "key": license_key, "name": f"{license_key.upper()} License", "nickname": None,
            "html_url": f"https://opensource.org/licenses/{license_key}",
            "source_url": None},
    }
    if forked_from:
        body["forked_from_project"] = {"id": 1, "path_with_namespace": forked_from,
                                       "name": forked_from.rsplit("/", 1)[-1]}
    return body


def forgejo_repo(server: ForgeServer, full: str, clone_url: str, *,
                 licenses: tuple[str, ...] = ("MIT",), archived: bool = False,
                 private: bool = False) -> dict[str, Any]:
    owner, name = full.split("/")
    return {
        "id": 42, "owner": {"id": 3, "login": owner, "full_name": owner.title(),
                            "avatar_url": "", "visibility": "public"},
        "name": name, "full_name": full, "description": f"{name}, a test repository",
        "empty": False, "private": private, "fork": False, "template": False, "parent": None,
        "mirror": False, "size": 120, "website": "https://example.org",
        "html_url": f"https://codeberg.test/{full}", "ssh_url": f"git@codeberg.test:{full}.git",
        "clone_url": clone_url, "default_branch": "main", "archived": archived,
        "topics": ["health", "records"], "licenses": list(licenses),
        "stars_count": 1, "forks_count": 0, "open_issues_count": 0,
    }


def hf_model(repo_id: str, card: dict[str, Any], files: list[tuple[str, int, bool]], *,
             gated: bool | str = False, private: bool = False) -> dict[str, Any]:
    """``files``: (name, size, stored with LFS)."""
    return {
        "_id": "66aa00", "id": repo_id, "modelId": repo_id, "author": repo_id.split("/")[0],
        "sha": "0123456789abcdef0123456789abcdef01234567", "private": private,
        "gated": gated, "disabled": False, "downloads": 10, "likes": 1,
        "tags": [*card.get("tags", []), f"license:{card.get('license', 'unknown')}"],
        "pipeline_tag": card.get("pipeline_tag"), "library_name": "transformers",
        "createdAt": "2025-01-01T00:00:00.000Z", "lastModified": "2026-01-01T00:00:00.000Z",
        "cardData": card, "siblings": [_sibling(*f) for f in files],
    }


def hf_dataset(repo_id: str, card: dict[str, Any], files: list[tuple[str, int, bool]],
               **kwargs: Any) -> dict[str, Any]:
    body = hf_model(repo_id, card, files, **kwargs)
    for key in ("modelId", "pipeline_tag", "library_name"):
        body.pop(key)
    return body


def _sibling(name: str, size: int, lfs: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"rfilename": name, "size": size,
                           "blobId": f"{abs(hash(name)) % 10**12:040d}"}
    if lfs:
        out["lfs"] = {"sha256": "ab" * 32, "size": size, "pointerSize": 134}
    return out


def ckan_package(name: str, *, license_id: str | None = "cc-by",
                 formats: tuple[str, ...] = ("CSV", "GeoJSON"), org: str | None = "Healthsites",
                 notes: str = "") -> dict[str, Any]:
    return {"help": "https://ckan.test/api/3/action/help_show?name=package_show",
            "success": True, "result": {
                "id": "d0c2f1", "name": name, "title": name.replace("-", " ").title(),
                "notes": notes, "license_id": license_id,
                "license_title": {"cc-by": "Creative Commons Attribution",
                                  "odc-odbl": "Open Data Commons Open Database License (ODbL)",
                                  None: None}.get(license_id, license_id),
                "license_url": "http://www.opendefinition.org/licenses/cc-by"
                if license_id == "cc-by" else None,
                "private": False, "state": "active", "type": "dataset",
                "metadata_modified": "2026-03-01T10:00:00.000000", "url": "",
                "organization": None if org is None else {
                    "id": "o1", "name": org.lower(), "title": org, "is_organization": True,
                    "type": "organization"},
                "tags": [{"name": "health"}, {"name": "facilities"}],
                "resources": [{"id": f"r{i}", "name": f"part {i}", "format": fmt,
                               "url": f"https://data.test/{name}/{i}.{fmt.lower()}",
                               "mimetype": None} for i, fmt in enumerate(formats, 1)],
                "num_resources": len(formats)}}
