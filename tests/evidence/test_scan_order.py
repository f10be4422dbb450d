"""The evidence scan reads its candidates most telling first, and stops at its bounds."""

from __future__ import annotations

from dpgcheck.evidence.signals.scan import build_scan
from dpgcheck.repo.view import RepoView

#: Expected reading order, worked out by hand from the ranking rules: keys, code, config,
#: docs; a telling path one rank up; a fixture four ranks down; then folder depth; then path.
EXPECTED = [
    ".env",               # key (0), its name telling: -1
    "src/app/models.py",  # code (1), telling "model": 0, depth 2
    "a.py",               # code (1), depth 0, by path
    "b.py",
    "settings.toml",      # config (2), telling "setting": 1, depth 0, after b.py by path
    "Src/zeta.py",        # code (1), depth 1, by path: upper case sorts first, and "Src"
    "lib/mid.py",         # and "src" are one folder to the look-ups, so the folders' own
    "src/alpha.py",       # order would put lib/ last
    "src/util.py",
    "data.json",          # config (2)
    "README.md",          # doc (3)
    "src/foo_test.py",    # code (1) with a fixture name: 5
    "tests/test_a.py",    # code (1) in a fixture folder: 5, after src/ by path
    "docs/guide.md",      # doc (3) in a fixture folder: 7
]


def test_candidates_are_read_most_telling_first_up_to_the_file_bound(repo):
    files = {path: f"x = {n}\n" for n, path in enumerate(EXPECTED)}
    files["logo.png"] = b"\x89PNG\r\n"  # no scanned kind: never a candidate
    files["web/app.min.js"] = "var a;\n"  # generated: skipped
    view = RepoView.from_path(repo(files))
    for bound in range(1, len(EXPECTED) + 1):
        scan = build_scan(view, max_files=bound)
        assert [f.path for f in scan.files] == EXPECTED[:bound]
        assert scan.candidates == len(EXPECTED)
        assert scan.skipped == len(EXPECTED) - bound
    fixtures = {f.path for f in build_scan(view).files if f.fixture}
    assert fixtures == {"src/foo_test.py", "tests/test_a.py", "docs/guide.md"}
