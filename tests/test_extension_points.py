"""A new format and a new source are each one new file plus one registry line.

The test does exactly that on a copy of the package and runs the copy as a user would.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.license_texts import filled

ROOT = Path(__file__).resolve().parents[1]

TSV_FORMAT = '''
from dpgcheck.formats.interface import Formatter


class TsvFormat(Formatter):
    def render(self, reports, options):
        return "".join(f"{r.target.name}\\t{i.number}\\t{i.status}\\n"
                       for r in reports for i in r.indicators)
'''

FIXTURE_SOURCE = '''
import os
from pathlib import Path

from dpgcheck.sources.interface import ForgeInfo, Prepared, Source, TargetInfo


class FixtureSource(Source):
    name = "fixture"

    def __init__(self, target):
        self.target = target

    @classmethod
    def claim(cls, target, options):
        return cls(target) if target.startswith("fixture:") else None

    def prepare(self):
        root = Path(os.environ["FIXTURE_ROOT"]) / self.target.removeprefix("fixture:")
        forge = ForgeInfo(host="fixture.test", full_name=self.target.removeprefix("fixture:"))
        return Prepared(root=root, target=TargetInfo(name=self.target, url="https://x.test"),
                        forge=forge)
'''


def add_line_after(path: Path, anchor: str, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(anchor) == 1, anchor
    path.write_text(text.replace(anchor, anchor + line), encoding="utf-8")


@pytest.fixture(scope="module")
def extended(tmp_path_factory):
    """A copy of the package with one format and one source added, the documented way."""
    site = tmp_path_factory.mktemp("site")
    package = site / "dpgcheck"
    shutil.copytree(ROOT / "dpgcheck", package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "indicators", site / "dpgcheck_indicators",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (package / "formats" / "tsv.py").write_text(TSV_FORMAT, encoding="utf-8")
    add_line_after(package / "formats" / "__init__.py",
                   '    "html": "dpgcheck.formats.html:HtmlFormat",\n',
                   '    "tsv": "dpgcheck.formats.tsv:TsvFormat",\n')
    (package / "sources" / "fixture.py").write_text(FIXTURE_SOURCE, encoding="utf-8")
    add_line_after(package / "sources" / "__init__.py",
                   '    "dpgcheck.sources.local:LocalSource",\n',
                   '    "dpgcheck.sources.fixture:FixtureSource",\n')
    return site


#: Runs the package found first on PYTHONPATH, also when this checkout is installed editable
#: (an editable install's import finder would otherwise answer for ``dpgcheck``).
LAUNCH = ("import sys; sys.meta_path[:] = [f for f in sys.meta_path if not "
          "getattr(f, '__module__', '').startswith('__editable__')]; "
          "from dpgcheck.cli.entry import main; sys.argv[0] = 'dpgcheck'; main()")


def run(site: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(site), **(env or {})}
    return subprocess.run([sys.executable, "-c", LAUNCH, *args], capture_output=True,
                          text=True, env=environment, cwd=site, timeout=120, check=False)


def small_repository(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "README.md").write_text("# Tool\n\nA tool.\n", encoding="utf-8")
    (root / "LICENSE").write_text(filled("MIT"), encoding="utf-8")
    return root


def test_a_new_format_is_one_file_and_one_line(extended, tmp_path):
    repo = small_repository(tmp_path / "tool")
    done = run(extended, "check", str(repo), "--offline", "-f", "tsv", "--only", "2", "--only", "5")
    assert done.returncode in (0, 1), done.stderr
    rows = [line.split("\t") for line in done.stdout.splitlines()]
    assert [number for _, number, _ in rows] == ["2", "5"]
    assert rows[0] == [str(repo), "2", "pass"]
    assert "tsv" in run(extended, "check", "--help").stdout


def test_a_new_source_is_one_file_and_one_line(extended, tmp_path):
    small_repository(tmp_path / "fixtures" / "demo")
    done = run(extended, "check", "fixture:demo", "-f", "json", "--only", "2",
               env={"FIXTURE_ROOT": str(tmp_path / "fixtures")})
    assert done.returncode in (0, 1), done.stderr
    report = json.loads(done.stdout)
    assert report["target"]["name"] == "fixture:demo"
    assert report["forge"]["host"] == "fixture.test"
    assert report["indicators"][0]["status"] == "pass"


def test_without_the_registry_line_the_format_is_unknown(tmp_path):
    done = subprocess.run([sys.executable, "-m", "dpgcheck", "check",
                           str(small_repository(tmp_path / "t")), "-f", "tsv"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2
    assert "unknown format 'tsv'" in done.stderr
