"""Reads through the repository view: bounded, confined to the tree, never blocking, decoded."""

from __future__ import annotations

import os
import threading

import pytest

from dpgcheck.repo.reads import decode
from dpgcheck.repo.view import RepoView


def test_symlink_out_of_tree_is_never_read(repo, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    root = repo({"README.md": "x"}, git_init=False)
    os.symlink(secret, root / "LICENSE")
    os.symlink("/etc/passwd", root / "COPYING")
    os.symlink("README.md", root / "README-link.md")
    os.symlink("loop-b", root / "loop-a")
    os.symlink("loop-a", root / "loop-b")
    os.symlink("missing-target", root / "dangling")
    view = RepoView.from_path(root)
    assert view.read_text("LICENSE") is None
    assert view.read_text("COPYING") is None
    assert view.read_text("../secret.txt") is None
    assert view.read_text("/etc/passwd") is None
    assert view.read_text("README-link.md") == "x"
    assert view.read_text("loop-a") is None and view.read_text("dangling") is None
    assert view.size("LICENSE") is None


def test_fifo_named_readme_does_not_hang(repo):
    root = repo({"a.txt": "x"}, git_init=False)
    os.mkfifo(root / "README.md")
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(
        RepoView.from_path(root).read_text("README.md")))
    worker.start()
    worker.join(timeout=5)
    assert not worker.is_alive(), "reading a FIFO hung"
    assert result == [None]


def test_reads_are_bounded(repo):
    root = repo({"big.txt": "a" * 5000}, git_init=False)
    view = RepoView.from_path(root)
    assert view.read_text("big.txt", limit=100) == "a" * 100
    assert len(view.read_text("big.txt") or "") == 5000
    assert view.read_text("big.txt", limit=10) == "a" * 10  # from the cache, still bounded


def test_sparse_huge_file_costs_only_the_bound(repo):
    root = repo({"x": ""}, git_init=False)
    with open(root / "LICENSE", "wb") as fh:
        fh.truncate(10 * 1024**3)
    view = RepoView.from_path(root)
    assert view.size("LICENSE") == 10 * 1024**3
    assert view.read_bytes("LICENSE", 4096) == b"\0" * 4096
    assert view.read_text("LICENSE", 4096) is None  # NUL bytes: binary


def test_decoding_fallbacks():
    assert decode("naïve".encode("latin-1")) == "naïve"
    assert decode("\ufeffhello".encode("utf-8")) == "hello"
    assert decode("hello".encode("utf-16")) == "hello"
    assert decode(b"\x89PNG\r\n\x1a\n\x00\x00") is None
    assert decode("é".encode() * 3 + "é".encode()[:1]) == "ééé"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file_reads_as_none(repo):
    root = repo({"README.md": "x"}, git_init=False)
    (root / "README.md").chmod(0)
    assert RepoView.from_path(root).read_text("README.md") is None


def test_the_read_cache_keeps_a_bounded_number_of_bytes(repo, monkeypatch):
    """Past the cache's bound files are read again rather than kept: the same answers, a
    bounded cache (the source scan's heads are not kept twice)."""
    import dpgcheck.repo.reads as reads

    monkeypatch.setattr(reads, "CACHE_BYTES", 10_000)
    root = repo({f"f{i}.txt": chr(65 + i) * 3000 for i in range(6)}, git_init=False)
    view = RepoView.from_path(root)
    first = [view.read_text(f"f{i}.txt") for i in range(6)]
    assert view.reads == 6 and view._cached_bytes <= 10_000
    again = [view.read_text(f"f{i}.txt") for i in range(6)]
    assert again == first == [chr(65 + i) * 3000 for i in range(6)]
    assert view.reads == 6 + 3  # the three that fit were answered from the cache
    assert view.read_text("f0.txt", 10) == "A" * 10 and view.reads == 9


def test_a_read_not_kept_uses_the_cache_but_does_not_fill_it(repo):
    """The source scan's heads are read with ``keep=False``: an answer already cached (a
    README read earlier) is used, a new one is read from disk and not kept."""
    root = repo({"README.md": "# Read me\n", "src/a.py": "x = 1\n"}, git_init=False)
    view = RepoView.from_path(root)
    assert view.read_text("README.md") == "# Read me\n" and view.reads == 1
    assert view.read_bytes("README.md", keep=False) == b"# Read me\n" and view.reads == 1
    assert view.read_bytes("src/a.py", keep=False) == b"x = 1\n" and view.reads == 2
    assert view.read_bytes("src/a.py", keep=False) == b"x = 1\n" and view.reads == 3
    assert "src/a.py" not in view._cache


def test_the_source_scan_does_not_fill_the_read_cache(repo):
    from dpgcheck.evidence.signals.scan import build_scan

    root = repo({f"src/m{i}.py": f"def f{i}():\n    return {i}\n" for i in range(30)},
                git_init=False)
    view = RepoView.from_path(root)
    scan = build_scan(view)
    assert len(scan.files) == 30 and scan.get("src/m7.py").text.startswith("def f7")
    assert view._cached_bytes == 0
