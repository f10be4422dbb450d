"""Shared test helpers: real git repositories in temporary folders, the CLI run in-process."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from dpgcheck.cli.app import run

if TYPE_CHECKING:
    from dpgcheck.engine.context import Context
    from dpgcheck.engine.plugins import LoadedIndicator
    from dpgcheck.engine.report import IndicatorReport

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "author@example.org",
    "GIT_COMMITTER_NAME": "Test Author",
    "GIT_COMMITTER_EMAIL": "author@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": "/nonexistent-home-for-tests",
}


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(["git", "-c", "init.defaultBranch=main", *args], cwd=cwd, env=env,
                          check=True, capture_output=True, text=True).stdout


def write_tree(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def make_repo(root: Path, files: dict[str, str | bytes], *, git_init: bool = True,
              message: str = "Initial commit") -> Path:
    """A real repository (git work tree with one commit unless ``git_init`` is false)."""
    root.mkdir(parents=True, exist_ok=True)
    write_tree(root, files)
    if git_init:
        git(root, "init", "-q")
        git(root, "add", "-A")
        git(root, "commit", "-q", "--allow-empty", "-m", message)
    return root


def undeclared(report: IndicatorReport) -> list[str]:
    """What a built-in indicator's result breaks of its declared findings (docs/findings.md):
    an emitted id no declaration matches, a finding not created from its declaration, a
    check that raised UndeclaredFinding (the runner reports it as an internal error)."""
    from dpgcheck.engine.findings import UndeclaredFinding

    problems = []
    if UndeclaredFinding.__name__ in report.summary:
        problems.append(f"{report.id}: {report.summary}")
    table = report.finding_table
    for finding in report.findings:
        spec = table.spec_for(finding.id) if table is not None else None
        if spec is None or finding.rule != spec.id:
            problems.append(f"{report.id}: {finding.id} is not created from a declaration")
    return problems


@pytest.fixture(autouse=True)
def declared_findings_only(monkeypatch: pytest.MonkeyPatch,
                           tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """In every test, every finding a built-in indicator emits is a declared one: the whole
    suite's repositories check the findings tables. What is broken is written to a file,
    because a check of a large tree runs half its indicators in a forked child
    (``engine/split.py``), whose memory the test never sees."""
    from dpgcheck.engine import runner

    real = runner.run_indicator
    record = tmp_path_factory.mktemp("undeclared") / "problems.txt"

    def checked(li: LoadedIndicator, ctx: Context) -> IndicatorReport:
        report = real(li, ctx)
        problems = undeclared(report) if li.origin.endswith("(built-in)") else []
        if problems:
            with record.open("a", encoding="utf-8") as out:
                out.write("".join(f"{problem}\n" for problem in problems))
        return report

    monkeypatch.setattr(runner, "run_indicator", checked)
    yield
    problems = record.read_text(encoding="utf-8").splitlines() if record.exists() else []
    assert not problems, "\n".join(dict.fromkeys(problems))


@pytest.fixture
def repo(tmp_path: Path) -> Callable[..., Path]:
    counter = iter(range(1000))

    def factory(files: dict[str, str | bytes], **kwargs: object) -> Path:
        return make_repo(tmp_path / f"repo{next(counter)}", files, **kwargs)  # type: ignore[arg-type]

    return factory


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliResult]:
    """Run ``dpgcheck ARGS`` in-process; colour off as in a pipe."""
    monkeypatch.setenv("NO_COLOR", "1")

    def invoke(*args: str | Path) -> CliResult:
        capsys.readouterr()
        code = run([str(a) for a in args])
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    return invoke


PLUGIN_SRC = Path(__file__).parent / "plugins" / "dpgcheck_hello"


@pytest.fixture(scope="session")
def hello_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test plugin package (tests/plugins/dpgcheck_hello) installed once into a folder.

    Its indicators give any status on demand through the real plugin mechanism: ``hello-file``
    says what HELLO.txt says; ``hello-findings`` builds findings from FINDINGS.txt lines
    ``ID STATUS [PATH[:LINE]] [-- MESSAGE]``; ``broken-plugin`` cannot load (status error).
    """
    import shutil
    import sys

    target = tmp_path_factory.mktemp("hello-site")
    build = tmp_path_factory.mktemp("hello-build")
    # Built from a copy: setuptools writes build/ and *.egg-info into the source folder, and
    # parallel workers building in place would race each other.
    source = shutil.copytree(PLUGIN_SRC, build / "src",
                             ignore=shutil.ignore_patterns("build", "*.egg-info"))
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--no-cache-dir", "--no-build-isolation", "--target", str(target), str(source)],
        check=True, capture_output=True, env={**os.environ, "TMPDIR": str(build)},
    )
    return target


@pytest.fixture
def hello_plugin(hello_site: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test plugin loaded in-process (for the ``cli`` fixture) for this test only."""
    monkeypatch.syspath_prepend(str(hello_site))
    return hello_site


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch):
    """A recorded-GitHub API server on 127.0.0.1, with no token or API URL from the caller's
    environment leaking into the test."""
    from tests.github_server import FakeGitHub

    for name in ("GITHUB_TOKEN", "GH_TOKEN", "GITHUB_API_URL", "DPGCHECK_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
    fake = FakeGitHub().start()
    yield fake
    fake.stop()


FORGE_ENV = ("GITLAB_URL", "GITLAB_TOKEN", "FORGEJO_URL", "FORGEJO_TOKEN", "HF_ENDPOINT",
             "HF_TOKEN", "HF_HUB_OFFLINE", "CKAN_URL", "CKAN_TOKEN")


@pytest.fixture
def stand_in(monkeypatch: pytest.MonkeyPatch):
    """A factory of generic API stand-ins on 127.0.0.1 (tests/forge_server.py), each with
    its recorded routes and git over smart HTTP; no forge endpoint or token of the caller's
    environment leaks into the test."""
    from tests.forge_server import ForgeServer

    for name in (*FORGE_ENV, "GITHUB_TOKEN", "GH_TOKEN", "GITHUB_API_URL",
                 "DPGCHECK_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
    started: list[ForgeServer] = []

    def start(**kwargs: object) -> ForgeServer:
        started.append(ForgeServer(**kwargs).start())  # type: ignore[arg-type]
        return started[-1]

    yield start
    for fake in started:
        fake.stop()
