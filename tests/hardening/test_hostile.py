"""Hostile and broken input: every case ends in a report or a one-line error with the
documented exit code, never a traceback or a hang, and the checked tree is left unchanged."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import git, make_repo

SECRET = "TOPSECRET-MARKER-7f3a"
REPORT_CODES = {0, 1, 3}


def dpgcheck(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The real console entry in a subprocess, so a hang or a crash cannot hide."""
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "dpgcheck", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, env=env,
                          stdin=subprocess.DEVNULL)


def snapshot(root: Path) -> dict[str, tuple[int, int, str]]:
    """Every entry below root (``.git`` included): size, mtime and a content hash."""
    state: dict[str, tuple[int, int, str]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            st = path.lstat()
            digest = ""
            if path.is_file() and not path.is_symlink() and st.st_size < 10_000_000:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            state[str(path.relative_to(root))] = (st.st_size, st.st_mtime_ns, digest)
    return state


def assert_report(proc: subprocess.CompletedProcess[str]) -> dict:
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in REPORT_CODES, (proc.returncode, proc.stderr)
    return json.loads(proc.stdout)


def assert_one_line_error(proc: subprocess.CompletedProcess[str], code: int = 2) -> None:
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("dpgcheck: error:") and proc.stderr.count("\n") == 1


# --------------------------------------------------------------------------- symlinks
@pytest.mark.parametrize("git_init", [True, False], ids=["git", "walk"])
def test_symlinks_never_leak_outside_the_tree(tmp_path, git_init):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"MIT License\n{SECRET}\n")
    (outside / "sub").mkdir()
    (outside / "sub" / "README.md").write_text(f"# {SECRET}\n## Installation\n")
    root = tmp_path / "repo"
    root.mkdir()
    (root / "main.py").write_text("print('hi')\n")
    os.symlink(outside / "secret.txt", root / "LICENSE")
    os.symlink("/etc/passwd", root / "COPYING")
    os.symlink(outside / "sub", root / "docs")
    os.symlink(outside / "sub" / "README.md", root / "README.md")
    os.symlink("loop-b", root / "loop-a")
    os.symlink("loop-a", root / "loop-b")
    os.symlink("nowhere", root / "CODE_OF_CONDUCT.md")
    if git_init:
        git(root, "init", "-q")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "links")
    before = snapshot(root)
    proc = dpgcheck("--format", "json", root)
    report = assert_report(proc)
    text = proc.stdout + proc.stderr
    assert SECRET not in text
    assert "root:x:0:0" not in text
    assert report["target"]["path"] == str(root)
    assert snapshot(root) == before


# --------------------------------------------------------------------------- special files
def test_fifo_named_readme_and_license_does_not_hang(tmp_path):
    root = make_repo(tmp_path / "r", {"main.py": "x = 1\n"})
    os.mkfifo(root / "README.md")
    os.mkfifo(root / "LICENSE")
    report = assert_report(dpgcheck("--format", "json", root, timeout=60))
    assert len(report["indicators"]) == 11


def test_fifo_in_a_plain_folder_does_not_hang(tmp_path):
    root = make_repo(tmp_path / "r", {"main.py": "x = 1\n"}, git_init=False)
    os.mkfifo(root / "README.md")
    os.mkfifo(root / "package.json")
    assert_report(dpgcheck("--format", "json", root, timeout=60))


def test_sparse_10gb_license_is_read_with_bounded_time_and_memory(tmp_path):
    root = make_repo(tmp_path / "r", {"README.md": "# Project\n"})
    with open(root / "LICENSE", "wb") as fh:
        fh.write(b"MIT License\n\nCopyright (c) 2024 Example\n")
        fh.truncate(10 * 1024**3)
    code = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "p = subprocess.run([sys.executable, '-m', 'dpgcheck', '--format', 'json',"
            " sys.argv[1]], capture_output=True); "
            "print(p.returncode, time.perf_counter() - t, "
            "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)")
    out = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True,
                         text=True, timeout=300, check=True)
    returncode, seconds, peak_mb = out.stdout.split()
    assert int(returncode) in REPORT_CODES
    assert float(seconds) < 60
    assert int(peak_mb) < 400, f"peak memory {peak_mb} MB"


def test_binary_nul_and_odd_encodings(tmp_path):
    root = make_repo(tmp_path / "r", {
        "README.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00" + bytes(range(256)) * 10,
        "LICENSE": "Lizenz: Gr\u00fc\u00dfe\n".encode("latin-1") + b"\xff\xfe\xfd",
        "CONTRIBUTING.md": "\ufeffHow to contribute\n".encode("utf-16"),
        "docs/notes.txt": b"text\x00with\x00nul",
        "package.json": b'{"name": "x", "license": "MIT"}\xff',
    })
    assert_report(dpgcheck("--format", "json", root))


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without permission")
def test_unreadable_files_are_skipped(tmp_path):
    root = make_repo(tmp_path / "r", {"README.md": "# x\n", "LICENSE": "MIT License\n"})
    (root / "LICENSE").chmod(0)
    try:
        assert_report(dpgcheck("--format", "json", root))
    finally:
        (root / "LICENSE").chmod(0o644)


# --------------------------------------------------------------------------- malformed input
def test_broken_manifests_become_findings_not_crashes(tmp_path):
    root = make_repo(tmp_path / "r", {
        "README.md": "# Project\n\n## Install\n\npip install x\n",
        "package.json": '{"name": "x", "dependencies": {',
        "pyproject.toml": "[project\nname = 'x'\n",
        "pom.xml": "<project><dependencies><dependency>",
        "setup.cfg": "[metadata\nname=x",
        "Cargo.toml": "[package]\nname = \n",
        "composer.json": "[1, 2",
        "docker-compose.yml": "services: [unclosed\n",
        "requirements.txt": "\x00\x01\x02 ===== \n-e \n",
        "go.mod": "module\nrequire (\n",
        "CITATION.cff": "cff-version: [\n",
        "publiccode.yml": "publiccodeYmlVersion: {\n",
        "datapackage.json": "{\"resources\": [}\n",
    })
    before = snapshot(root)
    assert_report(dpgcheck("--format", "json", root))
    assert snapshot(root) == before


def test_xml_entity_expansion_is_not_performed(tmp_path):
    lol = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
           + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                     for i in range(1, 10))
           + ']>\n<project><name>&lol9;</name></project>\n')
    root = make_repo(tmp_path / "r", {"pom.xml": lol, "x.csproj": lol, "README.md": "# x\n"})
    assert_report(dpgcheck("--format", "json", root, timeout=60))


def test_yaml_alias_bomb_in_declarations_is_refused(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(12))
    root = make_repo(tmp_path / "r", {"dpg.yml": bomb})
    assert_one_line_error(dpgcheck(root, timeout=60))


def test_yaml_alias_bomb_in_other_yaml_files_does_not_explode(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(14))
    root = make_repo(tmp_path / "r", {"docker-compose.yml": bomb, "publiccode.yml": bomb,
                                      "CITATION.cff": bomb, "pubspec.yaml": bomb,
                                      "pnpm-lock.yaml": bomb, "mkdocs.yml": bomb,
                                      ".github/dependabot.yml": bomb})
    assert_report(dpgcheck("--format", "json", root, timeout=120))


def test_deeply_nested_json(tmp_path):
    deep = "[" * 200_000 + "]" * 200_000
    root = make_repo(tmp_path / "r", {"package.json": deep, "composer.json": deep,
                                      "package-lock.json": deep, "codemeta.json": deep,
                                      "datapackage.json": deep})
    assert_report(dpgcheck("--format", "json", root, timeout=120))


def test_huge_single_line_files(tmp_path):
    root = make_repo(tmp_path / "r", {"x": "x"})
    line = b"a" * (100 * 1024 * 1024)
    for name in ("README.md", "main.js", "requirements.txt"):
        (root / name).write_bytes(line)
    assert_report(dpgcheck("--format", "json", root, timeout=300))


def test_many_files_in_one_folder_and_very_long_paths(tmp_path):
    root = make_repo(tmp_path / "r", {"README.md": "# x\n"}, git_init=False)
    flat = root / "flat"
    flat.mkdir()
    for i in range(20_000):
        (flat / f"f{i}.txt").write_bytes(b"")
    deep = root
    for i in range(30):
        deep = deep / (f"d{i}" + "x" * 100)
    deep.mkdir(parents=True)
    (deep / ("LICENSE" + "y" * 200)).write_text("z")
    report = assert_report(dpgcheck("--format", "json", root, timeout=300))
    assert report["target"]["path"] == str(root)


# --------------------------------------------------------------------------- not a repository
def test_empty_folder_gets_a_report(tmp_path):
    (tmp_path / "empty").mkdir()
    report = assert_report(dpgcheck("--format", "json", tmp_path / "empty"))
    assert report["verdict"] in {"fail", "incomplete"}


def test_a_file_is_a_one_line_error(tmp_path):
    (tmp_path / "f.txt").write_text("x")
    assert_one_line_error(dpgcheck(tmp_path / "f.txt"))


def test_bare_repository_is_a_one_line_error(tmp_path):
    source = make_repo(tmp_path / "src", {"README.md": "# x\n"})
    subprocess.run(["git", "clone", "-q", "--bare", str(source), str(tmp_path / "bare.git")],
                   check=True, capture_output=True)
    proc = dpgcheck(tmp_path / "bare.git")
    assert_one_line_error(proc)
    assert "bare git repository" in proc.stderr


def test_repository_in_the_middle_of_a_merge(tmp_path):
    root = make_repo(tmp_path / "r", {"README.md": "# Project\n", "LICENSE": "MIT License\n"})
    git(root, "checkout", "-q", "-b", "other")
    (root / "README.md").write_text("# Other\n")
    git(root, "commit", "-qam", "other")
    git(root, "checkout", "-q", "main")
    (root / "README.md").write_text("# Main\n")
    git(root, "commit", "-qam", "main")
    subprocess.run(["git", "merge", "other"], cwd=root, capture_output=True)
    assert "<<<<<<<" in (root / "README.md").read_text()
    before = snapshot(root)
    report = assert_report(dpgcheck("--format", "json", root))
    assert len(report["indicators"]) == 11
    assert snapshot(root) == before


def test_shallow_clone(tmp_path):
    source = make_repo(tmp_path / "src", {"README.md": "# x\n"})
    git(source, "commit", "-q", "--allow-empty", "-m", "second")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{source}", str(clone)],
                   check=True, capture_output=True)
    report = assert_report(dpgcheck("--format", "json", clone))
    assert report["target"]["commit"]


def test_repository_config_cannot_run_programs(tmp_path):
    """A hostile .git/config (fsmonitor, pager, hooks) must never execute."""
    root = make_repo(tmp_path / "r", {"README.md": "# x\n"})
    marker = tmp_path / "pwned"
    script = tmp_path / "evil.sh"
    script.write_text(f"#!/bin/sh\ntouch {marker}\n")
    script.chmod(0o755)
    git(root, "config", "core.fsmonitor", str(script))
    git(root, "config", "core.pager", str(script))
    git(root, "config", "core.hooksPath", str(tmp_path))
    (tmp_path / "post-checkout").write_text(f"#!/bin/sh\ntouch {marker}\n")
    assert_report(dpgcheck("--format", "json", root))
    assert not marker.exists()
