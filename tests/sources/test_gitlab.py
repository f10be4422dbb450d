"""GitLab projects against recorded v4 answers on 127.0.0.1 and git over smart HTTP."""

from __future__ import annotations

import json

import pytest

from dpgcheck.sources import resolve
from tests.conftest import git
from tests.forge_server import Answer
from tests.sources.recorded import PROJECT, gitlab_project, publish

API = "/api/v4/projects/"


@pytest.fixture
def gitlab(stand_in):
    return stand_in(rate_status=429, rate_prefix="RateLimit-",
                    not_found={"message": "404 Project Not Found"})


def add(gitlab, tmp_path, full_path, files=PROJECT, *, private=False, **kwargs):
    root, url = publish(gitlab, tmp_path, f"{full_path}.git", files)
    route = f"{API}{full_path.replace('/', '%2F')}"
    gitlab.routes[route] = gitlab_project(gitlab, full_path, url, **kwargs)
    if private:
        gitlab.private.add(route)
    return root


def run(cli, gitlab, tmp_path, *args):
    return cli("--gitlab-url", gitlab.url, "--cache-dir", tmp_path / "cache", *args)


def test_nested_group_project_is_a_full_report_in_one_call(cli, gitlab, tmp_path):
    root = add(gitlab, tmp_path, "health/tools/tracker", forked_from="upstream/tracker")
    result = run(cli, gitlab, tmp_path, "-f", "json", f"{gitlab.url}/health/tools/tracker")
    assert result.exit_code in (0, 1), result.stderr
    report = json.loads(result.stdout)
    local = json.loads(cli("-f", "json", root).stdout)
    assert report["target"]["commit"] == git(root, "rev-parse", "HEAD").strip()
    assert report["target"]["url"] == "https://gitlab.test/health/tools/tracker"
    forge = report["forge"]
    assert (forge["full_name"], forge["license_spdx"], forge["owner_login"],
            forge["owner_type"], forge["topics"], forge["parent"], forge["fork"]) == (
        "health/tools/tracker", "mit", "health/tools", "Organization", ["records"],
        "upstream/tracker", True)
    assert forge["extra"] == {"visibility": "public", "namespace_kind": "group"}
    assert [i["status"] for i in report["indicators"]] == \
        [i["status"] for i in local["indicators"]]
    calls = gitlab.api_calls()
    assert [(c.path, c.status) for c in calls] == [
        (f"{API}health%2Ftools%2Ftracker?license=true", 200)]


def test_warm_recheck_costs_only_304s_and_sees_a_change(cli, gitlab, tmp_path):
    root = add(gitlab, tmp_path, "health/tracker")
    first = json.loads(run(cli, gitlab, tmp_path, "-f", "json", "gitlab:health/tracker").stdout)
    gitlab.log.clear()
    second = json.loads(run(cli, gitlab, tmp_path, "-f", "json",
                            "gitlab:health/tracker").stdout)
    assert second["target"] == first["target"] and second["forge"] == first["forge"]
    assert [c.status for c in gitlab.api_calls()] == [304]
    gitlab.routes[f"{API}health%2Ftracker"]["topics"] = ["education"]
    (root / "NEW.md").write_text("new\n")
    git(root, "add", "NEW.md")
    git(root, "commit", "-qm", "second")
    git(root, "push", "-q", str(tmp_path / "bare" / "health_tracker.git.git"), "HEAD:main")
    third = json.loads(run(cli, gitlab, tmp_path, "-f", "json", "gitlab:health/tracker").stdout)
    assert third["forge"]["topics"] == ["education"]
    assert third["target"]["commit"] == git(root, "rev-parse", "HEAD").strip()


def test_instance_from_the_environment_and_a_web_url_with_a_branch(cli, gitlab, tmp_path,
                                                                    monkeypatch):
    root = add(gitlab, tmp_path, "acme/tool")
    git(root, "checkout", "-q", "-b", "next")
    (root / "NEXT.md").write_text("next\n")
    git(root, "add", "NEXT.md")
    git(root, "commit", "-qm", "next")
    git(root, "push", "-q", str(tmp_path / "bare" / "acme_tool.git.git"), "next")
    monkeypatch.setenv("GITLAB_URL", gitlab.url)
    result = cli("--cache-dir", tmp_path / "cache", "-f", "json",
                 f"{gitlab.url}/acme/tool/-/tree/next")
    report = json.loads(result.stdout)
    assert report["target"]["ref"] == "next"
    assert report["target"]["commit"] == git(root, "rev-parse", "HEAD").strip()


def test_private_project_needs_gitlab_token_which_goes_only_to_its_host(
        cli, gitlab, tmp_path, monkeypatch):
    add(gitlab, tmp_path, "acme/secret", private=True, visibility="private")
    anonymous = run(cli, gitlab, tmp_path, "gitlab:acme/secret")
    assert anonymous.exit_code == 3
    assert anonymous.stderr.count("\n") == 1
    assert "GitLab project acme/secret not found" in anonymous.stderr
    assert "needs a token: GITLAB_TOKEN" in anonymous.stderr
    monkeypatch.setenv("GITLAB_TOKEN", gitlab.token)
    out = tmp_path / "out.jsonl"
    both = run(cli, gitlab, tmp_path, "-f", "jsonl", "-o", out, "gitlab:acme/secret")
    entries = [json.loads(line) for line in out.read_text().splitlines()]
    assert entries[0]["forge"]["extra"]["visibility"] == "private"
    assert entries[0]["target"]["commit"]
    assert any(r.authorization == gitlab.token for r in gitlab.log)
    # Another GitLab instance (a gitlab.* host named by its URL) never gets the token.
    options = {"gitlab_url": gitlab.url}
    assert resolve("gitlab:acme/secret", options).token == gitlab.token
    assert resolve("https://gitlab.example.org/acme/open", options).token is None
    assert resolve("https://gitlab.com/acme/open", options).token is None
    for text in (anonymous.stderr, both.stdout, both.stderr, out.read_text(),
                 *(p.read_bytes().decode("latin-1") for p in (tmp_path / "cache").rglob("*")
                   if p.is_file())):
        assert gitlab.token not in text


def test_missing_project_and_rate_limit_are_one_line_exit_3(cli, gitlab, tmp_path):
    missing = run(cli, gitlab, tmp_path, "gitlab:acme/nothing")
    assert missing.exit_code == 3 and missing.stderr.count("\n") == 1
    assert "GitLab project acme/nothing not found" in missing.stderr
    add(gitlab, tmp_path, "acme/tool")
    gitlab.budget = 0
    limited = run(cli, gitlab, tmp_path, "gitlab:acme/tool")
    assert limited.exit_code == 3 and limited.stderr.count("\n") == 1
    assert "GitLab API rate limit reached; try again in 30 min (a token raises it: " \
        "GITLAB_TOKEN)" in limited.stderr
    assert [c.status for c in gitlab.api_calls()][-1] == 429


def test_archived_project_says_so(cli, gitlab, tmp_path):
    add(gitlab, tmp_path, "acme/old", archived=True, license_key=None, kind="user")
    report = json.loads(run(cli, gitlab, tmp_path, "-f", "json", "gitlab:acme/old").stdout)
    assert report["forge"]["archived"] is True
    assert report["forge"]["owner_type"] == "User"
    assert report["forge"]["license_spdx"] is None
    assert "the GitLab project acme/old is archived (read-only)" in report["notes"]


def test_a_group_page_needs_a_manual_review(cli, gitlab, tmp_path):
    result = run(cli, gitlab, tmp_path, f"{gitlab.url}/health")
    assert result.exit_code == 3
    assert "not a repository or dataset: needs a manual review (a GitLab group or page" \
        in result.stderr
    assert gitlab.log == []


@pytest.mark.parametrize(("target", "path"), [
    ("https://gitlab.com/pcmt/pcmt", "pcmt/pcmt"),
    ("https://gitlab.com/a/b/c/d.git", "a/b/c/d"),
    ("https://gitlab.torproject.org/tpo/core/tor/-/blob/main/README", "tpo/core/tor"),
    ("gitlab:group/sub/project", "group/sub/project"),
])
def test_gitlab_targets(target, path):
    source = resolve(target)
    assert type(source).__name__ == "GitLabSource"
    assert source.path == path


def test_plain_http_is_refused_for_a_real_host(cli, tmp_path):
    result = cli("--gitlab-url", "http://gitlab.example.org", "gitlab:a/b")
    assert result.exit_code == 2
    assert "plain http only for 127.0.0.1 or localhost" in result.stderr


def test_a_redirect_to_another_host_is_not_followed_with_the_token(cli, gitlab, stand_in,
                                                                   tmp_path, monkeypatch):
    elsewhere = stand_in()
    gitlab.routes[f"{API}acme%2Fmoved"] = Answer(
        301, b"", headers={"Location": f"{elsewhere.url}{API}acme%2Fmoved?license=true"})
    monkeypatch.setenv("GITLAB_TOKEN", gitlab.token)
    result = run(cli, gitlab, tmp_path, "gitlab:acme/moved")
    assert result.exit_code == 3
    assert f"GitLab redirected to another host ({elsewhere.netloc}); not followed" \
        in result.stderr
    assert elsewhere.log == []


def test_a_spent_budget_in_the_headers_stops_before_the_next_request(cli, gitlab, tmp_path):
    add(gitlab, tmp_path, "acme/one")
    add(gitlab, tmp_path, "acme/two")
    gitlab.budget = 1  # the first answer says RateLimit-Remaining: 0
    out = tmp_path / "out.jsonl"
    run(cli, gitlab, tmp_path, "-f", "jsonl", "-o", out, "gitlab:acme/one", "gitlab:acme/two")
    one, two = (json.loads(line) for line in out.read_text().splitlines())
    assert one["target"]["commit"]
    assert two["verdict"] == "error"
    assert two["error"].startswith("GitLab API rate limit reached; try again in 30 min")
    assert [c.path for c in gitlab.api_calls()] == [f"{API}acme%2Fone?license=true"]


def test_an_answer_of_another_shape_is_read_defensively(cli, gitlab, tmp_path):
    add(gitlab, tmp_path, "acme/odd")
    body = gitlab.routes[f"{API}acme%2Fodd"]
    body.update(namespace="acme", license=["mit"], topics=["ok", {"x": 1}],
                forked_from_project="upstream", path_with_namespace="../../etc")
    result = run(cli, gitlab, tmp_path, "-f", "json", "gitlab:acme/odd")
    report = json.loads(result.stdout)
    assert report["forge"]["topics"] == ["ok"]
    assert report["forge"]["owner_type"] is None and report["forge"]["parent"] is None
    cache = (tmp_path / "cache").resolve()
    assert all(cache in p.resolve().parents for p in cache.rglob("*"))
