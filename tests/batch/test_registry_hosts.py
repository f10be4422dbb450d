"""``--from-registry`` over a 245-DPG export with the registry's mix of hosts, every host
kind served by its stand-in: every entry is classified, none refused as an error."""

from __future__ import annotations

import json
import re

from tests.batch.registry_export import (
    CKAN,
    CODEBERG,
    GITLAB_PROJECTS,
    GITLAB_SELF_HOSTED,
    HF,
    PLAIN_GIT,
    Bases,
    build,
    github_repos,
)
from tests.conftest import make_repo
from tests.forge_server import Answer, bare_copy
from tests.sources.recorded import (
    ckan_package,
    forgejo_repo,
    gitlab_project,
    hf_dataset,
    hf_model,
)

PAGE = Answer(200, "<!doctype html><title>A DPG</title>", raw=True,
              headers={"Content-Type": "text/html"})
FILES = {"README.md": "# A DPG\n\nInstall it with `make install`.\n",
         "LICENSE": "MIT License\n\nCopyright (c) 2026 Acme\n"}
CARD = "---\nlicense: apache-2.0\n---\n\n# Model\n"


def test_every_registry_entry_is_checked_or_needs_a_review(cli, server, stand_in, tmp_path,
                                                          monkeypatch):
    gitlab = stand_in(rate_prefix="RateLimit-", rate_status=429)
    hub, forgejo, git, ckan = stand_in(), stand_in(), stand_in(), stand_in(fallback=PAGE)
    web = stand_in(fallback=PAGE)
    monkeypatch.setenv("HF_ENDPOINT", hub.url)
    bare = bare_copy(make_repo(tmp_path / "work", FILES), tmp_path / "shared.git")
    for full in github_repos():
        owner, name = full.split("/")
        server.add_repo(owner, name, bare, smart_http=True)
    for path in (*GITLAB_PROJECTS, GITLAB_SELF_HOSTED):
        url = gitlab.add_git(f"{path}.git", bare)
        gitlab.routes[f"/api/v4/projects/{path.replace('/', '%2F')}"] = \
            gitlab_project(gitlab, path, url)
    for repo_id, kind in HF:
        card = {"license": {"rail": "openrail", "gated": "llama3"}.get(kind, "apache-2.0")}
        work = make_repo(tmp_path / "hub" / repo_id, {"README.md": CARD})
        if kind == "dataset":
            hub.add_git(f"datasets/{repo_id}", bare_copy(work, tmp_path / f"{repo_id}.d.git"))
            hub.routes[f"/api/datasets/{repo_id}"] = hf_dataset(repo_id, {}, [])
        else:
            hub.add_git(repo_id, bare_copy(work, tmp_path / f"{repo_id}.git"))
            hub.routes[f"/api/models/{repo_id}"] = hf_model(
                repo_id, card, [("README.md", 40, False)], gated=kind == "gated")
    forgejo.routes[f"/api/v1/repos/{CODEBERG}"] = forgejo_repo(
        forgejo, CODEBERG, forgejo.add_git(f"{CODEBERG}.git", bare))
    for name in CKAN:
        ckan.routes[f"/api/3/action/package_show?id={name}"] = ckan_package(name)
    for path in PLAIN_GIT:
        git.add_git(path, bare)
    web.routes["/ph-ee/info/refs"] = Answer(301, b"", headers={
        "Location": "https://github.com/openMF/ph-ee-env-template"})

    registry = tmp_path / "registry.json"
    registry.write_text(json.dumps(build(Bases(server.url, gitlab.url, hub.url, forgejo.url,
                                               ckan.url, git.url, web.url))))
    out = tmp_path / "out.jsonl"
    result = cli("--github-url", server.url, "--gitlab-url", gitlab.url, "--forgejo-url",
                 forgejo.url, "--cache-dir", tmp_path / "cache", "--from-registry", registry,
                 "-f", "jsonl", "-o", out, "-j", "2", "--only", "2")
    entries = [json.loads(line) for line in out.read_text().splitlines()]

    assert len(entries) == 224 + 12 + 5 + 1 + 2 + 3 + 26
    assert {str(e["declared"]["registry_id"]) for e in entries} == \
        {str(10001 + i) for i in range(245)}
    errors = [(e["input"], e["error"]) for e in entries if e["verdict"] == "error"]
    assert errors == []
    reviews = {e["input"]: e["review"] for e in entries if e["verdict"] == "needs-review"}
    assert len(reviews) == 24 + 2 + 1 + 26
    assert all(r.startswith("not a repository or dataset: needs a manual review: ")
               for r in reviews.values())
    assert "a GitLab group or page" in reviews[f"{gitlab.url}/VIPS"]
    assert "a GitHub account page" in reviews[f"{server.url}/account3"]
    assert "a Hugging Face account or listing page" in reviews[f"{hub.url}/ministry"]
    assert "redirects to https://github.com/openMF/ph-ee-env-template" in \
        reviews[f"{web.url}/ph-ee"]
    assert "is not a URL" in reviews["www.CIELterminology.org"]
    assert "plain http address" in reviews["http://aims.example.org/agrontology"]
    checked = [e for e in entries if e["verdict"] in ("pass", "fail", "incomplete")]
    assert len(checked) == 200 + 10 + 4 + 1 + 2 + 3
    assert all(e["forge"] for e in checked)
    by_kind = {e["input"]: e["forge"].get("kind") for e in checked}
    assert sorted(v for v in by_kind.values() if v != "repository") == \
        ["dataset", "dataset", "dataset", "model", "model", "model"]

    # At most 3 API calls per target on every forge.
    assert len(server.api_calls()) <= 3 * 200
    assert len(gitlab.api_calls()) == 10
    assert len(hub.api_calls()) == 4 and len(forgejo.api_calls()) == 2
    assert len(ckan.api_calls()) == 2 + 2  # two datasets, two organisation pages probed

    line = result.stderr.strip().splitlines()[-1]
    assert line == (
        "dpgcheck: 245 registry entries, 273 targets: github 200 checked, 24 to review; other "
        "26 to review; gitlab 10 checked, 2 to review; huggingface 4 checked, 1 to review; git "
        "3 checked; ckan 2 checked; forgejo 1 checked. In all: 220 checked, 53 need a manual "
        "review, 0 could not be checked; registry entries: 192 checked, 53 with a target to "
        "review, 0 with a target not checked")
    assert re.search(r"exit|Traceback", result.stderr) is None
    assert result.exit_code in (1, 3)
