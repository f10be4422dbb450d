"""Remote mode against a real HTTP server on 127.0.0.1 and local bare repositories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dpgcheck.errors import TargetError
from dpgcheck.sources import resolve
from dpgcheck.sources.github import GitHubSettings, GitHubSource, session_for
from dpgcheck.sources.spec import parse_remote
from tests.conftest import git
from tests.github_server import bare_copy

PROJECT = {
    "README.md": "# Tool\n\nInstall with `pip install tool`.\n",
    "LICENSE": "MIT License\n\nCopyright (c) 2026 Acme\n",
    "src/app.py": "print('hello')\n",
}


@pytest.fixture
def remote(server, repo, tmp_path):
    """Publish a work tree as ``owner/name`` on the fake server; returns the work tree."""

    def publish(owner: str, name: str, files: dict[str, str | bytes], **kwargs) -> Path:
        root = repo(files)
        bare = bare_copy(root, tmp_path / "remotes" / owner / f"{name}.git")
        server.add_repo(owner, name, bare, **kwargs)
        return root

    return publish


def run_remote(cli, server, tmp_path, *args):
    return cli("--github-url", server.url, "--cache-dir", tmp_path / "cache", *args)


def test_remote_report_equals_local_report_plus_forge_facts(cli, server, remote, tmp_path):
    root = remote("acme", "tool", PROJECT, topics=("records", "offline-first"))
    remote_run = run_remote(cli, server, tmp_path, "-f", "json", "acme/tool")
    local_run = cli("-f", "json", root)
    assert remote_run.exit_code == local_run.exit_code, remote_run.stderr
    remote_report, local_report = json.loads(remote_run.stdout), json.loads(local_run.stdout)
    head = git(root, "rev-parse", "HEAD").strip()
    assert remote_report["target"]["commit"] == head
    assert remote_report["target"]["ref"] == "main"
    assert remote_report["target"]["url"] == "https://github.test/acme/tool"

    def outcome(report):
        return [(i["id"], i["status"], i["summary"]) for i in report["indicators"]]

    # Same files, same results (topics chosen so that no indicator reads an SDG from them:
    # forge facts may legitimately add to a remote report).
    assert outcome(remote_report) == outcome(local_report)
    forge = remote_report["forge"]
    assert forge["license_spdx"] == "MIT"
    assert forge["topics"] == ["records", "offline-first"]
    assert forge["owner_type"] == "Organization"
    assert forge["default_branch"] == "main"
    assert forge["community"] == {"health_percentage": 42}
    # Indicators see the forge facts (the discoverability report reads the topics).
    findings = {f["id"]: f for e in remote_report["extras"] for f in e["findings"]}
    assert findings["discoverability/repository-topics"]["status"] == "pass"
    assert "records, offline-first" in findings["discoverability/repository-topics"]["message"]


def test_at_most_three_api_calls_per_repository(cli, server, remote, tmp_path):
    for name in ("one", "two", "three"):
        remote("acme", name, PROJECT)
    result = run_remote(cli, server, tmp_path, "-f", "jsonl", "acme/one", "acme/two",
                        "acme/three")
    assert result.exit_code in (0, 1, 3), result.stderr
    assert len(result.stdout.splitlines()) == 3
    for name in ("one", "two", "three"):
        paths = [r.path for r in server.calls_for(f"acme/{name}")]
        assert paths == [f"/repos/acme/{name}", f"/repos/acme/{name}/community/profile"]
    # The owner's .github repository is asked once per run, shared by its repositories.
    assert [r.path for r in server.log if r.path == "/repos/acme/.github"] == \
        ["/repos/acme/.github"]
    assert len(server.log) == 7  # 2 per repository + 1 per owner: at most 3 per repository


def test_etag_revalidation_costs_no_budget(cli, server, remote, tmp_path):
    remote("acme", "tool", PROJECT)
    first = run_remote(cli, server, tmp_path, "-f", "json", "acme/tool")
    calls_first = len(server.log)
    server.log.clear()
    second = run_remote(cli, server, tmp_path, "-f", "json", "acme/tool")
    assert second.exit_code == first.exit_code
    assert json.loads(second.stdout)["target"] == json.loads(first.stdout)["target"]
    # Repository and community profile revalidate (304, free); the owner's missing .github
    # repository (a 404, which has no ETag) is remembered for a day, not asked again.
    assert calls_first == 3
    assert [(r.path, r.status) for r in server.log] == [
        ("/repos/acme/tool", 304), ("/repos/acme/tool/community/profile", 304)]


def test_owner_github_repository_is_revalidated_too(cli, server, remote, tmp_path):
    remote("acme", ".github", {"CODE_OF_CONDUCT.md": "# Be kind\n"})
    remote("acme", "tool", PROJECT)
    first = json.loads(run_remote(cli, server, tmp_path, "-f", "json", "acme/tool").stdout)
    server.log.clear()
    second = json.loads(run_remote(cli, server, tmp_path, "-f", "json", "acme/tool").stdout)
    assert first["forge"]["inherited_files"] == second["forge"]["inherited_files"] == \
        ["CODE_OF_CONDUCT.md"]
    assert [r.status for r in server.log] == [304, 304, 304]


def test_etag_cache_sees_a_changed_repository(cli, server, remote, tmp_path):
    root = remote("acme", "tool", PROJECT)
    run_remote(cli, server, tmp_path, "-f", "json", "acme/tool")
    server.routes["/repos/acme/tool"]["description"] = "changed"
    server.routes["/repos/acme/tool"]["topics"] = ["education"]
    (root / "NEW.md").write_text("new\n")
    git(root, "add", "NEW.md")
    git(root, "commit", "-qm", "second")
    git(root, "push", "-q", str(tmp_path / "remotes" / "acme" / "tool.git"), "HEAD:main")
    report = json.loads(run_remote(cli, server, tmp_path, "-f", "json", "acme/tool").stdout)
    assert report["forge"]["topics"] == ["education"]
    assert report["target"]["commit"] == git(root, "rev-parse", "HEAD").strip()


def test_not_found_is_one_line_exit_3(cli, server, tmp_path):
    result = run_remote(cli, server, tmp_path, "acme/missing")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "repository acme/missing not found" in result.stderr


def test_private_repository_needs_the_token_which_is_never_shown(cli, server, remote, tmp_path,
                                                                monkeypatch):
    remote("acme", "secret", PROJECT, private=True)
    anonymous = run_remote(cli, server, tmp_path, "acme/secret")
    assert anonymous.exit_code == 3
    assert "needs a token" in anonymous.stderr
    out = tmp_path / "report.json"
    with_option = run_remote(cli, server, tmp_path, "--token", server.token, "-v", "-f", "json",
                             "-o", out, "acme/secret")
    assert with_option.exit_code in (0, 1, 3), with_option.stderr
    assert json.loads(out.read_text())["target"]["commit"]
    monkeypatch.setenv("GITHUB_TOKEN", server.token)
    jsonl = tmp_path / "out.jsonl"
    from_env = run_remote(cli, server, tmp_path, "-f", "jsonl", "-o", jsonl, "acme/secret",
                          "acme/nope")
    entries = [json.loads(line) for line in jsonl.read_text().splitlines()]
    assert [e["input"] for e in entries] == ["acme/secret", "acme/nope"]
    assert entries[0]["target"]["commit"]
    # The unreachable target makes it 3, unless an indicator of the other one failed (1).
    assert from_env.exit_code == (1 if entries[0]["verdict"] == "fail" else 3)
    assert "token cannot see it" in entries[1]["error"]
    assert any(r.authorization and server.token in r.authorization for r in server.log)
    written = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    for text in (with_option.stdout, with_option.stderr, from_env.stdout, from_env.stderr,
                 out.read_text(), jsonl.read_text(),
                 *(p.read_bytes().decode("latin-1") for p in written)):
        assert server.token not in text


def test_inherited_code_of_conduct_from_owner_github_repository(server, remote, tmp_path):
    remote("acme", ".github", {
        "CODE_OF_CONDUCT.md": "# Contributor Covenant\n\nBe kind.\n",
        "docs/SECURITY.md": "# Security\n\nMail security@acme.test\n",
        "profile/README.md": "# Acme\n",
    })
    remote("acme", "tool", PROJECT)
    settings = GitHubSettings(api_url=server.url, cache_dir=tmp_path / "cache")
    prepared = GitHubSource("acme/tool", parse_remote("acme/tool"), {"github": settings}).prepare()
    assert prepared.forge is not None
    assert prepared.forge.inherited_files == {
        "CODE_OF_CONDUCT.md": "# Contributor Covenant\n\nBe kind.\n",
        "docs/SECURITY.md": "# Security\n\nMail security@acme.test\n",
    }
    assert prepared.forge_dict()["inherited_files"] == ["CODE_OF_CONDUCT.md", "docs/SECURITY.md"]
    # The inherited files are not part of the checked tree.
    assert not (prepared.root / "CODE_OF_CONDUCT.md").exists()


def test_fork_parent_and_user_owner(cli, server, remote, tmp_path):
    remote("alice", "tool", PROJECT, fork_of="acme/tool", owner_type="User", license_spdx=None)
    report = json.loads(run_remote(cli, server, tmp_path, "-f", "json", "alice/tool").stdout)
    assert report["forge"]["fork"] is True
    assert report["forge"]["parent"] == "acme/tool"
    assert report["forge"]["owner_type"] == "User"
    assert report["forge"]["license_spdx"] is None


def test_large_files_are_listed_but_not_downloaded(server, remote, tmp_path):
    remote("acme", "data", {**PROJECT, "big/data.bin": b"\0" * 300_000})
    settings = GitHubSettings(api_url=server.url, cache_dir=tmp_path / "cache",
                              blob_limit=100_000)
    prepared = GitHubSource("acme/data", parse_remote("acme/data"),
                            {"github": settings}).prepare()
    assert (prepared.root / "README.md").is_file()
    assert not (prepared.root / "big" / "data.bin").exists()
    assert any("big/data.bin" in n and "not downloaded" in n for n in prepared.notes)
    listed = git(prepared.root, "ls-files").split()
    assert "big/data.bin" in listed
    again = GitHubSource("acme/data", parse_remote("acme/data"),
                         {"github": GitHubSettings(api_url=server.url, blob_limit=100_000,
                                                   cache_dir=tmp_path / "cache")}).prepare()
    assert again.notes == prepared.notes
    assert again.target.commit == prepared.target.commit
    config = git(prepared.root, "config", "--list", "--local")
    assert "partialclone" not in config.replace("partialclonefilter", "")
    assert "promisor" not in config


def test_ref_option_checks_another_branch(cli, server, remote, tmp_path):
    root = remote("acme", "tool", PROJECT)
    git(root, "checkout", "-q", "-b", "next")
    (root / "NEXT.md").write_text("next\n")
    git(root, "add", "NEXT.md")
    git(root, "commit", "-qm", "next")
    git(root, "push", "-q", str(tmp_path / "remotes" / "acme" / "tool.git"), "next")
    report = json.loads(run_remote(cli, server, tmp_path, "-f", "json", "--ref", "next",
                                   "acme/tool").stdout)
    assert report["target"]["ref"] == "next"
    assert report["target"]["commit"] == git(root, "rev-parse", "HEAD").strip()


def test_submodules_are_not_fetched(server, remote, repo, tmp_path):
    inner = bare_copy(repo({"inner.txt": "inner\n"}), tmp_path / "inner.git")
    root = repo(PROJECT)
    git(root, "-c", "protocol.file.allow=always", "submodule", "add", "-q", inner.as_uri(), "sub")
    git(root, "commit", "-qm", "submodule")
    bare = bare_copy(root, tmp_path / "remotes" / "acme" / "withsub.git")
    server.add_repo("acme", "withsub", bare)
    settings = GitHubSettings(api_url=server.url, cache_dir=tmp_path / "cache")
    prepared = GitHubSource("acme/withsub", parse_remote("acme/withsub"),
                            {"github": settings}).prepare()
    assert (prepared.root / ".gitmodules").is_file()
    assert not (prepared.root / "sub" / "inner.txt").exists()


def test_clone_url_scheme_is_checked(server, tmp_path):
    settings = GitHubSettings(api_url="https://ghe.example.test/api/v3",
                              cache_dir=tmp_path / "cache")
    session = session_for(settings)
    assert session.host == "ghe.example.test"
    assert session.checked_clone_url("https://ghe.example.test/a/b.git")
    for url in ("file:///etc", "ext::sh -c id", "ssh://git@ghe.example.test/a/b"):
        with pytest.raises(TargetError):
            session.checked_clone_url(url)


def test_token_goes_only_to_the_forge_host(tmp_path):
    settings = GitHubSettings(api_url="https://ghe.example.test/api/v3", token="secret",
                              cache_dir=tmp_path)
    session = session_for(settings)
    assert session.token_for("https://ghe.example.test/a/b.git") == "secret"
    assert session.token_for("https://elsewhere.test/a/b.git") is None
    github = session_for(GitHubSettings(token="secret", cache_dir=tmp_path))
    assert github.token_for("https://github.com/a/b.git") == "secret"


def test_bad_ref_is_exit_2_before_any_clone(cli, server, remote, tmp_path):
    remote("acme", "tool", PROJECT)
    for ref in ("--upload-pack=touch /tmp/x", "a:b", "../x", "main..dev"):
        result = run_remote(cli, server, tmp_path, "--ref", ref, "acme/tool")
        assert result.exit_code == 2, ref
        assert "is not a branch, tag or commit name" in result.stderr
    assert not (tmp_path / "cache" / "repos").exists()


@pytest.mark.parametrize(("target", "expected"), [
    ("acme/tool", ("acme", "tool", None, None)),
    ("https://github.com/acme/tool", ("acme", "tool", "github.com", None)),
    ("https://github.com/acme/tool.git", ("acme", "tool", "github.com", None)),
    ("https://www.github.com/acme/tool/", ("acme", "tool", "github.com", None)),
    ("https://github.com/acme/tool/tree/release/2.x", ("acme", "tool", "github.com",
                                                      "release/2.x")),
    ("github.com/acme/tool", ("acme", "tool", "github.com", None)),
    ("git@github.com:acme/tool.git", ("acme", "tool", "github.com", None)),
    ("./acme/tool", None),
    ("some/deeper/path", None),
])
def test_target_spec_parsing(target, expected, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    spec = parse_remote(target)
    assert (None if spec is None else (spec.owner, spec.repo, spec.host, spec.ref)) == expected


def test_existing_local_folder_wins(tmp_path, monkeypatch):
    (tmp_path / "acme" / "tool").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    assert type(resolve("acme/tool")).__name__ == "LocalSource"
    monkeypatch.chdir(tmp_path / "acme")
    assert type(resolve("acme/tool")).__name__ == "GitHubSource"


def test_account_page_needs_a_review_and_other_hosts_are_not_github(cli, server, tmp_path):
    account = run_remote(cli, server, tmp_path, "https://github.com/acme")
    assert account.exit_code == 3
    assert account.stderr.count("\n") == 1
    assert "https://github.com/acme: not a repository or dataset: needs a manual review " \
        "(a GitHub account page, not a repository" in account.stderr
    bad = run_remote(cli, server, tmp_path, "https://github.com/acme/bad%20name")
    assert bad.exit_code == 2
    assert "does not name a repository" in bad.stderr
    # Another forge's address is that forge's source's, never GitHub's.
    settings = GitHubSettings(api_url=server.url, cache_dir=tmp_path / "cache")
    for target in ("https://gitlab.com/acme/tool", "https://codeberg.org/acme/tool",
                   "https://huggingface.co/acme/model", "https://git.example.org/tool.git"):
        assert GitHubSource.claim(target, {"github": settings}) is None, target
    assert server.log == []


def test_unreachable_api_is_exit_3(cli, tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    result = cli("--github-url", "http://127.0.0.1:9", "--cache-dir", tmp_path, "acme/tool")
    assert result.exit_code == 3
    assert "cannot reach http://127.0.0.1:9" in result.stderr
    assert result.stderr.count("\n") == 1


def test_renamed_repository_is_followed(cli, server, remote, tmp_path):
    remote("acme", "newname", PROJECT)
    server.moved["/repos/acme/oldname"] = "/repos/acme/newname"
    result = run_remote(cli, server, tmp_path, "-f", "json", "acme/oldname")
    report = json.loads(result.stdout)
    assert report["forge"]["full_name"] == "acme/newname"
    assert report["target"]["name"] == "acme/oldname"
    assert report["forge"]["community"] == {"health_percentage": 42}
    assert [(r.path, r.status) for r in server.log][:3] == [
        ("/repos/acme/oldname", 301), ("/repos/acme/newname", 200),
        ("/repos/acme/newname/community/profile", 200)]


def test_api_url_from_the_environment(cli, server, remote, tmp_path, monkeypatch):
    remote("acme", "tool", PROJECT)
    monkeypatch.setenv("GITHUB_API_URL", server.url)
    result = cli("--cache-dir", tmp_path / "cache", "-f", "json", "acme/tool")
    assert json.loads(result.stdout)["forge"]["full_name"] == "acme/tool"
    assert server.calls_for("acme/tool")


def test_unreadable_owner_github_repository_is_a_note_not_an_error(cli, server, remote,
                                                                   tmp_path):
    remote("acme", "tool", PROJECT)
    server.add_repo("acme", ".github", tmp_path / "no-such-bare.git")
    report = json.loads(run_remote(cli, server, tmp_path, "-f", "json", "acme/tool").stdout)
    assert report["target"]["commit"]
    assert report["forge"]["inherited_files"] == []
    assert any(n.startswith("could not read acme/.github for inherited community files")
               for n in report["notes"])
