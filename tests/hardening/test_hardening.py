"""More hostile input (issue 9): odd targets, hooks and submodules, symlinked folders, a tree
with every kind of file left unchanged, and reads that stay bounded as trees grow."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dpgcheck.engine.runner import RunConfig, check_target
from dpgcheck.repo.view import RepoView
from tests.conftest import git, make_repo
from tests.hardening.test_hostile import (
    SECRET,
    assert_one_line_error,
    assert_report,
    dpgcheck,
    snapshot,
)


# --------------------------------------------------------------------------- odd targets
@pytest.mark.parametrize("target", [
    "ext::sh -c touch% {marker}",
    "file://{marker}",
    "ftp://127.0.0.1:9/repo.git",
    "ssh://127.0.0.1:9/repo.git",
    "git@127.0.0.1:owner/repo.git",
    "--upload-pack=touch {marker}",
])
def test_targets_with_unexpected_protocols_are_refused_without_running_anything(
        tmp_path, target):
    """Only local folders are checked today: anything else is a one-line usage error, fast,
    and no transport (``ext::`` runs a command) is ever invoked."""
    marker = tmp_path / "pwned"
    arg = target.format(marker=marker)
    proc = dpgcheck("--format", "json", "--", arg, timeout=30) if arg.startswith("--") \
        else dpgcheck("--format", "json", arg, timeout=30)
    assert_one_line_error(proc)
    assert not marker.exists()


# --------------------------------------------------------------------------- hooks, submodules
def test_hooks_and_submodules_are_never_run_or_fetched(tmp_path):
    marker = tmp_path / "pwned"
    sub_source = make_repo(tmp_path / "sub", {"README.md": "# sub\n"})
    root = make_repo(tmp_path / "r", {"README.md": "# Project\n", "LICENSE": "MIT License\n"})
    # a submodule recorded in the index but never cloned, and one whose URL runs a command
    git(root, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(sub_source),
        "vendor/sub")
    git(root, "commit", "-qm", "submodule")
    gitmodules = (root / ".gitmodules").read_text()
    (root / ".gitmodules").write_text(
        gitmodules + f'[submodule "evil"]\n\tpath = evil\n\turl = ext::sh -c touch% {marker}\n')
    subprocess.run(["rm", "-rf", str(root / "vendor" / "sub")], check=True)
    (root / "vendor" / "sub").mkdir()
    hook = f"#!/bin/sh\ntouch {marker}\n"  # installed last: the set-up above must not run them
    for name in ("pre-commit", "post-checkout", "post-index-change", "reference-transaction",
                 "fsmonitor-watchman", "pre-auto-gc", "post-merge"):
        path = root / ".git" / "hooks" / name
        path.write_text(hook)
        path.chmod(0o755)
    git(root, "config", "core.fsmonitor", str(root / ".git" / "hooks" / "fsmonitor-watchman"))
    assert not marker.exists()
    before = snapshot(root)
    report = assert_report(dpgcheck("--format", "json", root))
    assert report["target"]["commit"]
    assert not marker.exists()
    assert not any((root / "vendor" / "sub").iterdir())  # never fetched
    assert snapshot(root) == before


# --------------------------------------------------------------------------- symlinked folders
def test_symlinked_folders_are_confined(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "LICENSE").write_text(SECRET)
    root = make_repo(tmp_path / "r", {"real/LICENSE": "MIT License\n", "README.md": "# x\n"},
                     git_init=False)
    os.symlink(outside, root / "docs")               # folder out of the tree
    os.symlink("real", root / "alias")               # folder inside the tree
    os.symlink("alias", root / "alias2")             # chain inside the tree
    os.symlink("../outside", root / "real" / "up")   # folder link to outside, one level down
    (root / "real" / "back").symlink_to(root / "real")  # absolute link back inside
    view = RepoView.from_path(root)
    assert view.read_text("docs/LICENSE") is None
    assert view.read_text("real/up/LICENSE") is None
    assert view.size("docs/LICENSE") is None
    assert view.read_text("alias/LICENSE") == "MIT License\n"
    assert view.read_text("alias2/LICENSE") == "MIT License\n"
    assert view.read_text("real/back/LICENSE") == "MIT License\n"
    assert view.read_text("docs/../real/LICENSE") is None  # no parent steps at all
    proc = dpgcheck("--format", "json", root)
    assert_report(proc)
    assert SECRET not in proc.stdout and SECRET not in proc.stderr


# --------------------------------------------------------------------------- tree unchanged
def _every_kind_of_file(tmp_path: Path, git_init: bool) -> Path:
    outside = tmp_path / "outside.txt"
    outside.write_text(SECRET)
    root = make_repo(tmp_path / "r", {
        "README.md": "# Project\n\nInstall with `pip install x`.\n",
        "LICENSE": "MIT License\n\nCopyright (c) 2024 Someone\n",
        "package.json": '{"name": "x", "dependencies": {"left-pad": "^1.0.0"}}',
        "requirements.txt": "requests==2.0\n",
        "pom.xml": "<project><dependencies>",          # broken XML
        "dpg.yml": "name: x\ncategories: [software]\n",
        "docs/index.md": "# Docs\n",
        "bin/data.bin": "\x00\x01\x02" * 100,
        "src/main.py": "# Copyright 2024 Someone\nprint('x')\n",
        ".gitignore": "build/\n",
    }, git_init=git_init)
    (root / "build").mkdir()
    (root / "build" / "ignored.js").write_text("ignored")
    (root / "untracked.txt").write_text("new")
    (root / "empty-dir").mkdir()
    (root / "run.sh").write_text("#!/bin/sh\necho hi\n")
    (root / "run.sh").chmod(0o755)
    (root / "utf16.txt").write_bytes("\ufeffhello".encode("utf-16"))
    (root / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    os.symlink(outside, root / "COPYING")
    os.symlink("README.md", root / "README-link.md")
    os.symlink("missing", root / "dangling")
    os.symlink("loop-b", root / "loop-a")
    os.symlink("loop-a", root / "loop-b")
    os.mkfifo(root / "CONTRIBUTING.md")
    secret = root / "private.txt"
    secret.write_text("not readable")
    secret.chmod(0)
    return root


@pytest.mark.parametrize("git_init", [True, False], ids=["git", "walk"])
def test_tree_with_every_kind_of_file_is_unchanged(tmp_path, git_init):
    root = _every_kind_of_file(tmp_path, git_init)
    if git_init:
        git(root, "add", "-A")
        git(root, "commit", "-qm", "everything")
        (root / "README.md").write_text("# Project\n\nChanged, not committed.\n")
    before = snapshot(root)
    for fmt in ("json", "markdown", "terminal"):
        proc = dpgcheck("--format", fmt, root)
        assert "Traceback" not in proc.stderr, proc.stderr
        assert proc.returncode in {0, 1, 3}, proc.stderr
        assert SECRET not in proc.stdout
    assert snapshot(root) == before  # .git (index, locks, config) included


# --------------------------------------------------------------------------- bounded reads
def _count_reads(monkeypatch, root: Path) -> set[str]:
    """Which files a full check opens (observed, not altered)."""
    opened: set[str] = set()
    real = RepoView._read_uncached

    def counting(self: RepoView, path: str, limit: int) -> bytes | None:
        opened.add(path)
        return real(self, path, limit)

    with monkeypatch.context() as m:
        m.setattr(RepoView, "_read_uncached", counting)
        check_target(str(root), RunConfig())
    return opened


def _tree(base: Path, n: int) -> Path:
    files = {"README.md": "# Project\n\nA tool.\n", "LICENSE": "MIT License\n",
             "package.json": '{"name": "x"}'}
    for i in range(n):
        files[f"src/m{i % 37}/f{i}.js"] = f"export const x{i} = {i};\n"
    for i in range(100):
        files[f"assets/img{i}.png"] = "\x89PNG"
    return make_repo(base, files)


def test_file_reads_stay_bounded_as_the_listing_grows(tmp_path, monkeypatch):
    """Reads are bounded by the candidates (text heads for the evidence scan, capped at
    ``scan.MAX_FILES``), never by the listing: binaries are never opened, and past the cap
    the reads stop growing."""
    from dpgcheck.evidence.signals.scan import MAX_FILES

    small = _count_reads(monkeypatch, _tree(tmp_path / "small", 150))
    large = _count_reads(monkeypatch, _tree(tmp_path / "large", MAX_FILES + 1500))
    assert {"README.md", "LICENSE", "package.json"} <= small
    assert not any(p.endswith(".png") for p in small | large)
    assert len(small) <= 150 + 10
    assert len(large) <= MAX_FILES + 200, len(large)  # plus sampled heads, never the rest


def test_huge_listing_is_checked_through_the_real_cli(tmp_path):
    """A 20k-file work tree: the check finishes and reports, with no per-file reads."""
    root = make_repo(tmp_path / "r", {"README.md": "# x\n", "LICENSE": "MIT License\n"})
    flat = root / "gen"
    flat.mkdir()
    for i in range(20_000):
        (flat / f"f{i}.txt").write_bytes(b"")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "many")
    report = assert_report(dpgcheck("--format", "json", root, timeout=300))
    assert report["target"]["commit"]


@pytest.mark.skipif(sys.platform != "linux", reason="wall-clock start-up on the CI machine")
def test_version_does_not_import_the_cli():
    code = ("import sys; sys.argv = ['dpgcheck', '--version']; "
            "from dpgcheck.cli.entry import main; main(); "
            "print(sorted(m for m in sys.modules if m.startswith(('typer', 'rich', "
            "'dpgcheck.cli.app', 'yaml', 'pydantic'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.splitlines()[-1] == "[]", out


def test_unreadable_gitignore_pattern_outside_git_is_skipped_not_fatal(tmp_path):
    """A lone backslash is no pattern to git; the walk skips it and keeps the other rules."""
    root = make_repo(tmp_path / "r", {".gitignore": "build/\n\\\n", "README.md": "# x\n",
                                      "build/out.js": "x", "src/a.py": "x"}, git_init=False)
    view = RepoView.from_path(root)
    assert set(view.files) == {".gitignore", "README.md", "src/a.py"}
    assert_report(dpgcheck("--format", "json", root))


# --------------------------------------------------------------------------- listing ahead
def test_listing_started_ahead_is_collected_and_never_reused_stale(repo, cli):
    """The CLI starts ``git ls-files`` before its imports; a run that stops early must not
    leave that listing for a later run of the same tree."""
    from dpgcheck.repo import git as repogit

    root = repo({"README.md": "# x\n", "LICENSE": "MIT License\n"})
    first = cli("--format", "json", "--standard-version", "9.9", root)
    assert first.exit_code == 2
    assert not repogit._PREFETCHED  # discarded
    (root / "NEW-FILE.md").write_text("# added after the failed run\n")
    repogit.prefetch_listings([str(root)])
    assert str(root.resolve()) in repogit._PREFETCHED
    view = RepoView.from_path(root)
    assert "NEW-FILE.md" in view.files and view.listed_by == "git"
    assert not repogit._PREFETCHED  # collected
    second = cli("--format", "json", root)
    assert second.exit_code in (0, 1, 3)
    assert not repogit._PREFETCHED


# --------------------------------------------------------------------------- stalling forge
def test_a_stalling_forge_api_times_out_with_a_one_line_error(tmp_path, monkeypatch):
    """A server that accepts the connection and never answers: the run ends at the request
    timeout with dpgcheck's own error, never hangs (PyGithub retries are bounded too)."""
    import socket
    import threading
    import time

    from dpgcheck.errors import DpgcheckError
    from dpgcheck.sources.github import GitHubSettings

    for name in ("GITHUB_TOKEN", "GH_TOKEN", "GITHUB_API_URL", "DPGCHECK_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:  # take connections, say nothing
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        config = RunConfig()
        config.options["github"] = GitHubSettings(
            api_url=f"http://127.0.0.1:{listener.getsockname()[1]}", cache_dir=tmp_path,
            request_timeout=2)
        started = time.monotonic()
        with pytest.raises(DpgcheckError) as caught:
            check_target("acme/tool", config)
        assert time.monotonic() - started < 60
        assert "\n" not in str(caught.value)
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        listener.close()
