"""Any other address: a plain git server over smart HTTP, or a website that needs a review."""

from __future__ import annotations

import json

import pytest

from dpgcheck.sources import resolve
from dpgcheck.sources.giturl import git_address
from tests.conftest import git
from tests.forge_server import Answer
from tests.sources.recorded import PROJECT, publish

PAGE = Answer(200, "<!doctype html><title>Our project</title><p>Welcome</p>", raw=True,
              headers={"Content-Type": "text/html; charset=utf-8"})


def test_plain_git_url_is_a_full_report_without_forge_metadata(cli, stand_in, tmp_path):
    server = stand_in()
    root, url = publish(server, tmp_path, "core", PROJECT)
    result = cli("--cache-dir", tmp_path / "cache", "-f", "json", url)
    assert result.exit_code in (0, 1), result.stderr
    report = json.loads(result.stdout)
    local = json.loads(cli("-f", "json", root).stdout)
    assert report["target"]["commit"] == git(root, "rev-parse", "HEAD").strip()
    assert [i["status"] for i in report["indicators"]] == \
        [i["status"] for i in local["indicators"]]
    forge = report["forge"]
    assert forge["extra"] == {
        "forge_metadata": "not available (a plain git server has no API dpgcheck reads)"}
    assert (forge["description"], forge["license_spdx"], forge["owner_type"],
            forge["topics"]) == (None, None, None, [])
    assert report["notes"][0].startswith(f"forge metadata for {server.netloc} is not available")
    # Nothing but git's own requests: the probe git itself makes, then the fetch.
    assert {r.path.split("?")[0] for r in server.log} == {"/core/info/refs",
                                                          "/core/git-upload-pack"}


def test_a_git_url_ending_in_dot_git_and_a_redirect_on_the_same_host(cli, stand_in, tmp_path):
    server = stand_in()
    root, url = publish(server, tmp_path, "repos/tool.git", PROJECT)
    server.moved["/tool/info/refs"] = "/repos/tool.git/info/refs?service=git-upload-pack"
    for target in (url, f"{server.url}/tool"):
        report = json.loads(cli("--cache-dir", tmp_path / "cache", "-f", "json",
                                target).stdout)
        assert report["target"]["commit"] == git(root, "rev-parse", "HEAD").strip()


def test_a_website_needs_a_manual_review(cli, stand_in, tmp_path):
    site = stand_in(fallback=PAGE)
    result = cli("--cache-dir", tmp_path / "cache", f"{site.url}/about/")
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1
    assert result.stderr == (
        f"dpgcheck: {site.url}/about/: not a repository or dataset: needs a manual review "
        f"({site.netloc} is a website, not a git repository)\n")
    assert not (tmp_path / "cache" / "repos").exists()


def test_a_short_link_to_another_host_needs_a_manual_review(cli, stand_in, tmp_path):
    site = stand_in()
    site.routes["/ph-ee/info/refs"] = Answer(301, b"", headers={
        "Location": "https://github.com/openMF/ph-ee-env-template?utm=x"})
    result = cli("--cache-dir", tmp_path / "cache", f"{site.url}/ph-ee")
    assert result.exit_code == 3
    assert "needs a manual review (redirects to https://github.com/openMF/" \
        "ph-ee-env-template)" in result.stderr


def test_missing_page_unreachable_host_and_plain_http_need_a_review(cli, stand_in, tmp_path):
    site = stand_in()
    missing = cli("--cache-dir", tmp_path, f"{site.url}/nothing")
    assert "needs a manual review" in missing.stderr and "answered 404 to git" in missing.stderr
    down = cli("--cache-dir", tmp_path, "http://127.0.0.1:9/x")
    assert down.exit_code == 3 and "needs a manual review (cannot reach 127.0.0.1:9" \
        in down.stderr
    plain = cli("--cache-dir", tmp_path, "http://aims.example.org/aos/agrontology")
    assert plain.exit_code == 3
    assert "(a plain http address: dpgcheck fetches https only)" in plain.stderr


def test_a_batch_accounts_for_every_target(cli, stand_in, tmp_path):
    server = stand_in(fallback=PAGE)
    _, url = publish(server, tmp_path, "core", PROJECT)
    out = tmp_path / "out.jsonl"
    result = cli("--cache-dir", tmp_path / "cache", "-f", "jsonl", "-o", out, url,
                 f"{server.url}/website")
    entries = {e["input"]: e for e in map(json.loads, out.read_text().splitlines())}
    assert entries[url]["target"]["commit"]
    review = entries[f"{server.url}/website"]
    assert review["verdict"] == "needs-review" and "error" not in review
    assert review["review"].startswith("not a repository or dataset: needs a manual review: ")
    # A failed verdict exits 1; otherwise the target that was not checked makes it 3.
    assert result.exit_code == (1 if entries[url]["verdict"] == "fail" else 3)


@pytest.mark.parametrize(("url", "address"), [
    ("https://sourceforge.net/p/open-clinic/code/ci/master/tree/",
     "https://git.code.sf.net/p/open-clinic/code"),
    ("https://git.libreoffice.org/core", "https://git.libreoffice.org/core"),
    ("https://pagure.io/fedora-infra/ansible/", "https://pagure.io/fedora-infra/ansible"),
])
def test_git_addresses(url, address):
    assert git_address(url) == address
    assert type(resolve(url)).__name__ == "GitUrlSource"
