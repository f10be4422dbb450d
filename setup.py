"""Build hook: the wheel ships the licence index prebuilt (dpgcheck/evidence/licenses/prebuilt.py)
and the YAML catalogues parsed (dpgcheck/datafile.py).

Everything else about the package is declared in pyproject.toml.
"""

from __future__ import annotations

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildPyWithLicenceIndex(build_py):
    """``build_py``, then the licence index and the parsed catalogues written into the built
    package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable checkout builds and caches the index on first use
        sys.path.insert(0, str(HERE))
        try:
            from dpgcheck.evidence.licenses import prebuilt, reference

            prebuilt.write(Path(self.build_lib) / "dpgcheck" / "data" / prebuilt.FILE_NAME,
                           reference._cache_key(), reference._build_index())
            from dpgcheck import datafile

            datafile.write_parsed(Path(self.build_lib) / "dpgcheck" / "data" /
                                  datafile.PARSED_NAME)
        finally:
            sys.path.remove(str(HERE))


setup(cmdclass={"build_py": BuildPyWithLicenceIndex})
