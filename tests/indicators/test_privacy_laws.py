"""Indicator 7: declared laws with evidence, privacy documents, and who declared them."""

from __future__ import annotations

import json
from pathlib import Path

SIGNED = "declared_by:\n  name: Jane Doe\n  role: Director\n"


def indicator(cli, root: Path) -> dict:
    result = cli("--only", "7", "-f", "json", root)
    assert result.exit_code in (0, 1), result.stderr
    (ind,) = json.loads(result.stdout)["indicators"]
    return ind


def ids(ind: dict) -> dict[str, str]:
    return {f["id"]: f["status"] for f in ind["findings"]}


def test_nothing_declared_shows_privacy_documents(cli, repo):
    root = repo({"README.md": "# x\n", "PRIVACY.md": "# Privacy\n",
                 "docs/terms-of-service.md": "terms\n", "docs/legal/dpia-2025.pdf": b"%PDF",
                 "src/privacy.py": "x = 1\n"})
    ind = indicator(cli, root)
    assert ind["status"] == "needs-declaration"
    assert ids(ind) == {"privacy-and-laws/no-laws": "needs-declaration"}
    assert ind["privacy_documents"] == ["PRIVACY.md", "docs/terms-of-service.md",
                                        "docs/legal/dpia-2025.pdf"]
    assert ind["summary"].startswith("no applicable laws declared; the repository has PRIVACY.md")


def test_laws_with_evidence_url_and_signature_pass(cli, repo):
    root = repo({"dpg.yml": SIGNED + "privacy:\n  laws:\n    - name: GDPR\n"
                                     "      evidence_url: https://example.org/privacy\n"})
    ind = indicator(cli, root)
    assert ind["status"] == "pass"
    assert ids(ind) == {"privacy-and-laws/declared": "pass",
                        "privacy-and-laws/declared-by": "pass"}
    assert ind["laws"] == [{"name": "GDPR", "evidence_url": "https://example.org/privacy"}]
    urls = [e["url"] for f in ind["findings"] for e in f["evidence"] if e["url"]]
    assert urls == ["https://example.org/privacy"]


def test_laws_without_any_evidence_need_declaration(cli, repo):
    root = repo({"dpg.yml": SIGNED + "privacy:\n  laws: [GDPR, HIPAA]\n"})
    ind = indicator(cli, root)
    assert ind["status"] == "needs-declaration"
    assert ids(ind)["privacy-and-laws/no-evidence"] == "needs-declaration"
    assert "GDPR, HIPAA" in ind["findings"][0]["message"]


def test_a_privacy_policy_file_is_evidence_enough(cli, repo):
    root = repo({"dpg.yml": SIGNED + "privacy:\n  laws: [LGPD]\n",
                 "docs/privacy-policy.md": "# Privacy policy\n"})
    ind = indicator(cli, root)
    assert ind["status"] == "pass"
    assert ind["summary"] == "laws declared: LGPD (evidence: docs/privacy-policy.md)"


def test_policy_url_alone_is_evidence(cli, repo):
    root = repo({"dpg.yml": SIGNED + "privacy:\n  laws: [POPIA]\n"
                                     "  policy_url: https://example.org/p\n"})
    assert indicator(cli, root)["status"] == "pass"


def test_answers_without_an_authorised_person_warn(cli, repo):
    root = repo({"dpg.yml": "privacy:\n  laws: [GDPR]\n  policy_url: https://example.org/p\n"
                            "declared_by:\n  name: Jane\n"})
    ind = indicator(cli, root)
    assert ind["status"] == "warning"
    warn = next(f for f in ind["findings"] if f["id"] == "privacy-and-laws/no-authorised-person")
    assert "declared_by.role missing" in warn["message"]
    assert "authorised" in warn["remediation"]


def test_9a_answers_alone_also_need_a_signature(cli, repo):
    root = repo({"dpg.yml": "data_privacy:\n  pii: none\n"})
    ind = indicator(cli, root)
    assert ids(ind) == {"privacy-and-laws/no-laws": "needs-declaration",
                        "privacy-and-laws/no-authorised-person": "warning"}
    warn = ind["findings"][1]
    assert "data_privacy" in warn["message"]
    assert warn["evidence"][0] == {"message": "declared: data_privacy", "path": "dpg.yml",
                                   "line": 1, "url": None, "excerpt": "data_privacy:",
                                   "basis": "declared"}
