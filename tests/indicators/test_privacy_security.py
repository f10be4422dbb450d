"""Indicator 9a: PII fields suggest a level; dpg.yml decides; contradictions warn."""

from __future__ import annotations

from pathlib import Path

from dpgcheck_indicators.data_privacy_security import DataPrivacySecurity

from dpgcheck.declarations.loader import Declarations
from dpgcheck.engine.context import Context
from dpgcheck.evidence.signals.pii import find_pii
from dpgcheck.evidence.signals.scan import build_scan, source_scan
from dpgcheck.repo.view import RepoView
from dpgcheck.sources.interface import TargetInfo
from tests.evidence_helpers import dpg_yml, finding_ids, indicator

MODELS = """from django.db import models


class Patient(models.Model):
    given_name = models.CharField(max_length=100)
    dateOfBirth = models.DateField()
    national_id = models.CharField(max_length=20)
    email = models.EmailField()
"""
DECLARER = "  name: Jane Doe\n  role: Executive Director\n"


def test_pii_fields_suggest_stored_and_need_declaration(repo, cli):
    root = repo({"clinic/models.py": MODELS})
    ind = indicator(cli, root, "9a")
    assert ind["status"] == "needs-declaration"
    assert finding_ids(ind) == {"data-privacy-security/pii-undeclared": "needs-declaration"}
    assert ind["suggested_pii"] == "stored" and ind["declared_pii"] is None
    by_id = {c["id"]: c for c in ind["pii_fields"]}
    assert by_id["date-of-birth"]["fields"] == ["dateOfBirth"]
    assert by_id["date-of-birth"]["evidence"][0]["line"] == 6
    assert {"name", "national-id", "contact"} <= set(by_id)


def test_declared_none_with_pii_fields_is_a_warning_showing_both(repo, cli):
    root = repo({"clinic/models.py": MODELS,
                 "dpg.yml": dpg_yml(data_privacy="  pii: none\n", declared_by=DECLARER)})
    ind = indicator(cli, root, "9a")
    assert ind["status"] == "warning"
    finding = next(f for f in ind["findings"]
                   if f["id"] == "data-privacy-security/pii-contradiction")
    messages = [e["message"] for e in finding["evidence"]]
    assert messages[0].startswith("declared: PII is not collected")
    assert any("dateOfBirth" in m for m in messages)


def test_declared_none_with_the_fields_explained_passes_showing_both(repo, cli):
    root = repo({"clinic/models.py": MODELS, "dpg.yml": dpg_yml(
        data_privacy="  pii: none\n  safeguards: The models are sample data for training.\n",
        declared_by=DECLARER)})
    ind = indicator(cli, root, "9a")
    assert ind["status"] == "pass"
    finding = next(f for f in ind["findings"]
                   if f["id"] == "data-privacy-security/pii-explained")
    messages = [e["message"] for e in finding["evidence"]]
    assert "declared explanation: The models are sample data for training." in messages
    assert any("dateOfBirth" in m for m in messages)


def test_declared_none_without_pii_is_not_applicable(repo, cli):
    root = repo({"app/models.py": "class Sensor:\n    reading = 1\n    latitude = 0.0\n",
                 "dpg.yml": dpg_yml(data_privacy="  pii: none\n", declared_by=DECLARER)})
    ind = indicator(cli, root, "9a")
    assert ind["status"] == "not-applicable"
    assert [p["id"] for p in ind["pii_fields"]] == ["location"]  # weak: shown, not counted


def test_declared_level_with_safeguards_passes(repo, cli):
    root = repo({
        "clinic/models.py": MODELS,
        "SECURITY.md": "Email security@example.org\n",
        "dpg.yml": dpg_yml(data_privacy=("  pii: stored\n  types: [name, date of birth]\n"
                                         "  safeguards: Encrypted at rest; audit log.\n"),
                           declared_by=DECLARER),
    })
    ind = indicator(cli, root, "9a")
    assert ind["status"] == "pass", ind["findings"]
    messages = [e["message"] for e in ind["evidence"]]
    assert "declared by Jane Doe, Executive Director" in messages
    assert "Security policy (SECURITY.md)" in messages


def test_missing_safeguards_declarer_and_security_policy(repo, cli):
    root = repo({"dpg.yml": dpg_yml(data_privacy="  pii: distributed\n")})
    ids = finding_ids(indicator(cli, root, "9a"))
    assert ids == {"data-privacy-security/no-declarer": "needs-declaration",
                   "data-privacy-security/no-safeguards": "needs-declaration",
                   "data-privacy-security/no-pii-types": "needs-declaration",
                   "data-privacy-security/no-security-policy": "warning"}


def test_declared_collected_while_models_store_pii_warns(repo, cli):
    root = repo({"clinic/models.py": MODELS, "SECURITY.md": "x\n",
                 "dpg.yml": dpg_yml(data_privacy=("  pii: collected\n  types: [email]\n"
                                                  "  safeguards: TLS.\n"),
                                    declared_by=DECLARER)})
    ind = indicator(cli, root, "9a")
    assert ind["status"] == "warning"
    assert finding_ids(ind)["data-privacy-security/level-below-code"] == "warning"


def test_invalid_level_is_rejected_by_the_cli_and_reported_by_the_indicator(repo, cli):
    root = repo({"dpg.yml": dpg_yml(data_privacy="  pii: sometimes\n")})
    result = cli(root, "--only", "9a")
    assert result.exit_code == 2 and "data_privacy.pii" in result.stderr
    # A context built without validation (a plugin host, a library call) still gets a reason.
    ctx = Context(RepoView.from_path(root), TargetInfo("t"),
                  declarations=Declarations({"data_privacy": {"pii": "sometimes"}}, "dpg.yml"))
    found = DataPrivacySecurity().check(ctx)
    assert [f.id for f in found.findings] == ["data-privacy-security/invalid-pii-level"]
    assert "sometimes" in found.summary


def test_key_fingerprints_and_config_passwords_are_not_personal(repo):
    root = repo({
        "app/models.py": ("class Certificate:\n    cert_fingerprint = ''\n"
                          "    db_password = ''\n"),
        "app/db/schema.sql": "CREATE TABLE person (fingerprint_template BLOB);\n",
    })
    found = {c.id: c for c in find_pii(build_scan(RepoView.from_path(root))).categories}
    assert found["biometrics"].fields == ["fingerprint_template"]
    assert "credentials" not in found
    assert found["biometrics"].evidence[0].path == "app/db/schema.sql"


def test_only_model_migration_and_schema_files_are_read_for_pii(repo):
    root = repo({"app/views.py": "email = request.POST['email']\n",
                 "tests/models.py": "date_of_birth = 1\n"})
    assert find_pii(build_scan(RepoView.from_path(root))).categories == []


def test_scan_is_bounded_and_counts_what_it_left(repo):
    files = {f"src/m{i}.py": "x = 1\n" * 50 for i in range(6)}
    root = repo(files)
    view = RepoView.from_path(root)
    scan = build_scan(view, max_files=4)
    assert len(scan.files) == 4 and scan.skipped == 2 and not scan.complete
    heads = build_scan(view, max_file_bytes=10)
    assert all(len(f.text) <= 10 and f.truncated for f in heads.files)
    budget = build_scan(view, max_total_bytes=250)
    assert len(budget.files) == 1 and budget.skipped == 5


def test_scan_is_built_once_per_target(repo):
    root = repo({"a.py": "x = 1\n"})
    ctx = Context(RepoView.from_path(Path(root)), TargetInfo("t"))
    assert source_scan(ctx) is source_scan(ctx)
