"""Forgejo/Gitea (Codeberg and self-hosted) against recorded /api/v1 answers."""

from __future__ import annotations

import json

import pytest

from dpgcheck.sources import resolve
from tests.conftest import git
from tests.sources.recorded import PROJECT, forgejo_repo, publish


@pytest.fixture
def forgejo(stand_in):
    return stand_in(not_found={"message": "The target couldn't be found.", "errors": []})


def add(forgejo, tmp_path, full, *, org=True, private=False, **kwargs):
    root, url = publish(forgejo, tmp_path, f"{full}.git", PROJECT)
    forgejo.routes[f"/api/v1/repos/{full}"] = forgejo_repo(forgejo, full, url, private=private,
                                                           **kwargs)
    if private:
        forgejo.private.add(f"/api/v1/repos/{full}")
    owner = full.split("/")[0]
    if org:
        forgejo.routes[f"/api/v1/orgs/{owner}"] = {"id": 3, "username": owner,
                                                   "full_name": owner.title(),
                                                   "visibility": "public"}
    return root


def run(cli, forgejo, tmp_path, *args):
    return cli("--forgejo-url", forgejo.url, "--cache-dir", tmp_path / "cache", *args)


def test_self_hosted_repository_full_report_two_calls_then_304s(cli, forgejo, tmp_path):
    root = add(forgejo, tmp_path, "gnuhealth/his")
    target = f"{forgejo.url}/gnuhealth/his"
    report = json.loads(run(cli, forgejo, tmp_path, "-f", "json", target).stdout)
    assert report["target"]["commit"] == git(root, "rev-parse", "HEAD").strip()
    forge = report["forge"]
    assert (forge["license_spdx"], forge["owner_type"], forge["topics"], forge["homepage"]) \
        == ("MIT", "Organization", ["health", "records"], "https://example.org")
    assert [(c.path, c.status) for c in forgejo.api_calls()] == [
        ("/api/v1/repos/gnuhealth/his", 200), ("/api/v1/orgs/gnuhealth", 200)]
    forgejo.log.clear()
    again = json.loads(run(cli, forgejo, tmp_path, "-f", "json", target).stdout)
    assert again["forge"] == forge
    assert [c.status for c in forgejo.api_calls()] == [304, 304]


def test_user_owner_archived_and_two_licences(cli, forgejo, tmp_path):
    add(forgejo, tmp_path, "alice/tool", org=False, archived=True,
        licenses=("MIT", "Apache-2.0"))
    report = json.loads(run(cli, forgejo, tmp_path, "-f", "json",
                            f"{forgejo.url}/alice/tool").stdout)
    assert report["forge"]["owner_type"] == "User"
    assert report["forge"]["license_spdx"] is None  # two licences: the files decide
    assert report["forge"]["extra"]["licenses"] == ["MIT", "Apache-2.0"]
    assert "the repository alice/tool is archived (read-only)" in report["notes"]


def test_private_repository_needs_forgejo_token(cli, forgejo, tmp_path, monkeypatch):
    add(forgejo, tmp_path, "acme/secret", private=True)
    anonymous = run(cli, forgejo, tmp_path, f"{forgejo.url}/acme/secret")
    assert anonymous.exit_code == 3 and anonymous.stderr.count("\n") == 1
    assert "needs a token: FORGEJO_TOKEN" in anonymous.stderr
    monkeypatch.setenv("FORGEJO_TOKEN", forgejo.token)
    result = run(cli, forgejo, tmp_path, "-f", "json", f"{forgejo.url}/acme/secret")
    assert json.loads(result.stdout)["target"]["commit"]
    assert any(r.authorization == f"token {forgejo.token}" for r in forgejo.log)
    assert forgejo.token not in result.stdout + result.stderr
    # The token is the configured instance's: codeberg.org gets it only when it is that.
    assert resolve("codeberg:acme/tool", {"forgejo_url": forgejo.url}).token is None
    assert resolve("codeberg:acme/tool", {}).token == forgejo.token


def test_missing_repository_and_rate_limit(cli, forgejo, tmp_path):
    missing = run(cli, forgejo, tmp_path, f"{forgejo.url}/acme/none")
    assert missing.exit_code == 3
    assert f"repository acme/none not found on {forgejo.netloc}" in missing.stderr
    forgejo.budget = 0
    limited = run(cli, forgejo, tmp_path, f"{forgejo.url}/acme/none")
    assert "Forgejo API rate limit reached" in limited.stderr


@pytest.mark.parametrize(("target", "full"), [
    ("codeberg:gnuhealth/his", "gnuhealth/his"),
    ("https://codeberg.org/gnuhealth/his", "gnuhealth/his"),
    ("https://codeberg.org/gnuhealth/his.git", "gnuhealth/his"),
    ("https://codeberg.org/gnuhealth/his/src/branch/main/README.md", "gnuhealth/his"),
])
def test_codeberg_targets(target, full):
    source = resolve(target)
    assert type(source).__name__ == "ForgejoSource"
    assert (source.base, f"{source.owner}/{source.repo}") == ("https://codeberg.org", full)


def test_codeberg_account_page_needs_a_review(cli, tmp_path):
    result = cli("--cache-dir", tmp_path, "https://codeberg.org/gnuhealth")
    assert result.exit_code == 3
    assert "needs a manual review (an account page on codeberg.org" in result.stderr


def test_a_renamed_repository_is_followed_on_its_own_host_only(cli, forgejo, stand_in,
                                                               tmp_path):
    add(forgejo, tmp_path, "acme/newname")
    forgejo.moved["/api/v1/repos/acme/oldname"] = "/api/v1/repos/acme/newname"
    report = json.loads(run(cli, forgejo, tmp_path, "-f", "json",
                            f"{forgejo.url}/acme/oldname").stdout)
    assert report["forge"]["full_name"] == "acme/newname"
    elsewhere = stand_in()
    from tests.forge_server import Answer

    forgejo.routes["/api/v1/repos/acme/away"] = Answer(301, b"", headers={
        "Location": f"{elsewhere.url}/api/v1/repos/acme/away"})
    away = run(cli, forgejo, tmp_path, f"{forgejo.url}/acme/away")
    assert away.exit_code == 3 and "answered 301" in away.stderr
    assert elsewhere.log == []
