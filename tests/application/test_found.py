"""The standards, practices (indicator 8) and export mechanisms (indicator 6) the check found
fill the screening answers, each with a link to the line that shows it."""

from __future__ import annotations

import json

from dpgcheck.application.screening import screening
from tests.application_helpers import EXAMPLE_FILES, application, validate
from tests.conftest import git

EXPORTER = ("import csv\n\n\ndef export(rows, out):\n    writer = csv.writer(out)\n"
            "    writer.writerows(rows)\n")
CITATION = ("cff-version: 1.2.0\nmessage: Cite it.\ntitle: Stock\nauthors:\n"
            "  - name: Clinic Tools\n")


def found_repo(repo, dpg_yml: str = ""):
    files = {"README.md": "# Stock\n\nStock counts for clinics.\n",
             "src/stock/export.py": EXPORTER, "CITATION.cff": CITATION,
             "SECURITY.md": "# Security\n\nReport issues to security@example.org.\n"}
    if dpg_yml:
        files["dpg.yml"] = dpg_yml
    root = repo(files)
    git(root, "remote", "add", "origin", "https://github.com/clinic/stock.git")
    return root


def test_found_standards_and_practices_answer_question_8(repo):
    app = application(found_repo(repo))
    std = screening(app)["standards"]
    assert std["supportStandards"] == "Yes"
    assert "Citation File Format (CITATION.cff)" in std["standardsList"]
    assert "https://github.com/clinic/stock/blob/HEAD/CITATION.cff" in \
        std["evidenceStandardSupport"]
    assert std["implementBestPractices"] == "Yes"
    assert "Security policy (SECURITY.md)" in std["bestPracticesList"]
    assert not any(m.startswith(("the open standards", "the best practices"))
                   for m in app.missing)


def test_found_mechanism_answers_question_6_with_its_line(repo):
    app = application(found_repo(repo))
    npii = screening(app)["NonPII"]
    assert npii["collectsNonPII"] == "Yes"
    assert npii["checkNonPIIAccessMechanism"] == "Yes"
    assert npii["nonPIIAccessMechanism"].startswith("Found in the repository: export or "
                                                    "download in an open format")
    assert "https://github.com/clinic/stock/blob/HEAD/src/stock/export.py#L5" in \
        npii["nonPIIAccessMechanism"]
    assert not any("non-PII" in m for m in app.missing)
    assert validate("screening", screening(app)) == []


def test_declared_answers_come_first_and_are_not_repeated(repo):
    root = found_repo(repo, "standards:\n  - name: Citation File Format 1.2\n"
                            "    evidence_url: https://example.org/cff\n"
                            "data_extraction:\n  handles_non_pii: true\n"
                            "  mechanism: CSV export of stock counts.\n")
    scr = screening(application(root))
    assert scr["standards"]["standardsList"][0] == "Citation File Format 1.2"
    assert not any(s.startswith("Citation File Format (") for s in
                   scr["standards"]["standardsList"])  # the declared one names it
    mech = scr["NonPII"]["nonPIIAccessMechanism"]
    assert mech.startswith("CSV export of stock counts. Found in the repository: ")
    assert "declared" not in mech


def test_without_evidence_or_declaration_the_answers_stay_open(repo):
    app = application(repo({"README.md": "# Notes\n\nA few notes.\n"}))
    scr = screening(app)
    assert scr["standards"]["supportStandards"] == "Unknown"
    assert scr["NonPII"] == {"collectsNonPII": "Unknown", "checkNonPIIAccessMechanism": ""}
    assert "the open standards the solution supports (standards in dpg.yml)" in app.missing
    assert ("whether the solution handles non-PII data (data_extraction.handles_non_pii in "
            "dpg.yml)") in app.missing


def test_off_the_forges_the_evidence_is_the_path_and_line(cli, repo, tmp_path):
    root = repo({"README.md": "# Stock\n\nStock counts.\n", "src/export.py": EXPORTER})
    out = tmp_path / "s.json"
    cli("export", "-f", "dpga-screening", "--allow-incomplete", "-o", out, root)
    mech = json.loads(out.read_text())["NonPII"]["nonPIIAccessMechanism"]
    assert "(src/export.py:5)" in mech


def test_the_complete_example_is_unchanged(repo):
    scr = screening(application(repo(EXAMPLE_FILES)))
    assert scr["standards"]["standardsList"] == ["HL7 FHIR R4", "WCAG 2.1 AA"]
