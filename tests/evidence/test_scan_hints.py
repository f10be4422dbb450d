"""The one-pass hint search gives the answers of one corpus search per hint."""

from __future__ import annotations

from dpgcheck.evidence.signals.scan import build_scan
from dpgcheck.repo.view import RepoView

FILES = {
    "src/export.py": "def export_csv(rows):\n    return rows  # exported as CSV\n",
    "src/import_data.py": "import csv\n\ndef importing(path):\n    return csv.reader(path)\n",
    "src/ümlaut_modèle.py": "# Données exportées — naïve café\nEXPORT = 'ÉXPORT'\n",
    "src/keys.py": "AWS = 'AKIA' + 'X' * 16\nGH = 'ghp_' + 'y' * 36\n",
    "app/models.py": "class Report(Model):\n    flagged = True\n    fhir_id = ''\n",
    "config/settings.yml": "moderation: true\nreport_abuse: enabled\n",
    "docs/guide.md": "Run the export, then report it.\n",
}
HINTS = ["export", "exported", "port", "xport", "import", "importing", "csv", "akia", "ghp_",
         "fhir", "flagged", "report", "report_abuse", "données", "café", "éxport", "absent",
         "moderation", "# d"]


def scans(root):
    view = RepoView.from_path(root)
    primed, searched = build_scan(view), build_scan(RepoView.from_path(root))
    searched._primed = True  # never primed: one corpus search per hint
    primed.prime(HINTS)
    return primed, searched


def test_one_pass_matches_one_search_per_hint_including_nested_and_non_ascii(repo):
    primed, searched = scans(repo(FILES))
    assert set(HINTS) <= set(primed._hints)  # answered by the pass, before any question
    for hint in HINTS:
        assert primed.files_with(hint) == searched.files_with(hint), hint
    names = {primed.files[i].path for i in primed.files_with("éxport")}
    assert names == {"src/ümlaut_modèle.py"}
    assert not primed.files_with("absent")


def test_the_first_question_primes_every_hint_the_selected_indicators_declare(repo):
    from dpgcheck.engine.context import Context
    from dpgcheck.engine.plugins import load_indicators
    from dpgcheck.engine.runner import scan_hints, select
    from dpgcheck.evidence.signals.scan import source_scan
    from dpgcheck.sources.interface import TargetInfo

    loaded = load_indicators()
    declared = scan_hints(loaded)
    assert {"akia", "ghp_"} <= declared  # secret patterns (9a)
    assert len(declared) > 50  # catalogue rules and moderation words as well
    assert scan_hints(select(loaded, ["2"], [])) == frozenset()  # licence asks the scan nothing
    root = repo(FILES)
    ctx = Context(RepoView.from_path(root), TargetInfo(name=str(root)))
    ctx.scan_hints = declared
    scan = source_scan(ctx)
    scan.files_with("a hint nobody declared")
    assert declared <= set(scan._hints)


def test_importing_the_detectors_registers_nothing():
    import subprocess
    import sys

    code = ("import dpgcheck.api, dpgcheck.engine.plugins as p; p.load_indicators(); "
            "from dpgcheck.evidence.signals.scan import registered_hints; "
            "print(len(registered_hints()))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "0"


def test_the_one_pass_answers_without_building_the_joined_corpus(repo):
    """A full check asks only primed hints: the heads are not held a second time."""
    primed, searched = scans(repo(FILES))
    assert primed._corpus is None  # prime lowered each head in turn
    assert searched.files_with("export") == primed.files_with("export")
    assert searched._corpus is not None  # the fallback search built it when asked
    empty_first = build_scan(RepoView.from_path(repo({"a/empty.py": "", "b/x.py": "csv\n"})))
    empty_first._primed = True
    assert {empty_first.files[i].path for i in empty_first.files_with("csv")} == {"b/x.py"}


def test_a_full_check_keeps_no_lowered_copy_of_any_head(repo):
    """Most heads are lowered once in a check: each lowered copy is dropped after its use,
    not kept beside the head for the rest of the check (7.8 MB at 100k files)."""
    from dpgcheck.engine.context import Context
    from dpgcheck.engine.plugins import load_indicators
    from dpgcheck.engine.runner import run_indicator, scan_hints
    from dpgcheck.evidence.signals.scan import source_scan
    from dpgcheck.sources.interface import TargetInfo

    root = repo(FILES)
    ctx = Context(RepoView.from_path(root), TargetInfo(name=str(root)))
    loaded = load_indicators()
    ctx.scan_hints = scan_hints(loaded)
    item = source_scan(ctx).get("src/ümlaut_modèle.py")
    assert item is not None and item.lower == item.text.lower()
    assert "lower" not in vars(item)
    for li in loaded:  # every indicator, the scan's readers among them
        assert run_indicator(li, ctx).status is not None
    assert all("lower" not in vars(f) for f in source_scan(ctx).files)
