"""Every package folder is installed (pyproject lists them because of the indicators mapping)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_folder_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in
             (ROOT / "dpgcheck").rglob("__init__.py")}
    found |= {"dpgcheck_indicators" + "".join("." + part for part in
              p.parent.relative_to(ROOT / "indicators").parts)
              for p in (ROOT / "indicators").rglob("__init__.py")}
    assert found == listed


def test_builtin_indicators_are_registered_as_entry_points():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    eps = project["entry-points"]["dpgcheck.indicators"]
    for target in eps.values():
        module = target.split(":")[0].removeprefix("dpgcheck_indicators.")
        path = ROOT / "indicators" / module.replace(".", "/")
        assert path.with_suffix(".py").is_file() or (path / "__init__.py").is_file(), target
