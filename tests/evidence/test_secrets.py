"""Committed secrets: found with file and line, never printed, fixtures reported apart.

Token-looking values are assembled at run time so that this file holds none itself.
"""

from __future__ import annotations

import base64
import json

import pytest

from dpgcheck.evidence.signals.scan import build_scan
from dpgcheck.evidence.signals.secrets import scan_secrets
from dpgcheck.repo.view import RepoView
from tests.evidence_helpers import dpg_yml, finding_ids, indicator

AWS = "AK" + "IA" + "QX7MZ3KD5PW2TR4N"           # 20 characters, base32 alphabet
AWS_SECRET = "9fK2" + "mQ7xLp3Rt8VwZ1bN6cY4hJ0sD5gF2kA7eU9o"
GITHUB = "gh" + "p_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
SLACK = "xo" + "xb-" + "538201746913-4729105836201-AbCdEfGhIjKlMnOpQrStUvWx"
GOOGLE = "AI" + "za" + "SyB1c2D3e4F5g6H7i8J9k0L1m2N3o4P5q6R"
STRIPE = "sk" + "_live_" + "4eC39HqLyjWDarjtT1zdp7dcQ9"
PEM_BODY = base64.b64encode(bytes(range(200))).decode()
PEM = ("-----BEGIN RSA " + "PRIVATE KEY-----\n" + "\n".join(
    PEM_BODY[i:i + 64] for i in range(0, len(PEM_BODY), 64)) + "\n-----END RSA PRIVATE KEY-----\n")
DECLARED_NONE = dpg_yml(data_privacy="  pii: none\n",
                        declared_by="  name: Jane Doe\n  role: Director\n")


def hits(root):
    return scan_secrets(build_scan(RepoView.from_path(root)))


@pytest.mark.parametrize(("kind", "value"), [
    ("aws-access-key-id", AWS), ("github-token", GITHUB), ("slack-token", SLACK),
    ("google-api-key", GOOGLE), ("stripe-live-key", STRIPE)])
def test_token_formats_found_with_line_and_never_printed(repo, cli, kind, value):
    # an AWS key ID is a credential with its secret access key beside it
    pair = f"SECRET = '{AWS_SECRET}'\n" if kind == "aws-access-key-id" else ""
    root = repo({"app/settings.py": f"DEBUG = False\nKEY = '{value}'\n{pair}",
                 "dpg.yml": DECLARED_NONE})
    found = hits(root)
    assert [(h.kind, h.path, h.line, h.counted) for h in found] == [
        (kind, "app/settings.py", 2, True)]
    for fmt in ("json", "terminal", "markdown"):
        out = cli(root, "--only", "9a", "-f", fmt, "-v")
        assert out.exit_code == 1
        assert value not in out.stdout and value[4:] not in out.stdout
    ind = indicator(cli, root, "9a")
    assert ind["status"] == "fail"
    assert finding_ids(ind)["data-privacy-security/committed-secret"] == "fail"
    assert value not in json.dumps(ind)


def test_private_key_file_fails_but_header_string_in_code_does_not(repo):
    root = repo({"deploy/server.key": PEM,
                 "src/keys.py": 'if text.startswith("-----BEGIN RSA PRIVATE KEY-----"):\n'
                                "    kind = 'rsa'\n"})
    assert [(h.kind, h.path, h.line) for h in hits(root)] == [
        ("private-key", "deploy/server.key", 1)]


def test_fixture_keys_and_placeholders_are_mentioned_not_counted(repo, cli):
    root = repo({
        "tests/fixtures/test.pem": PEM,
        "docs/setup.md": "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n",
        "config/example.py": "AWS_KEY = 'AKIAIOSFODNN7EXAMPLE'\n",
        "dpg.yml": DECLARED_NONE,
    })
    found = hits(root)
    assert {h.path for h in found} == {"tests/fixtures/test.pem", "docs/setup.md",
                                       "config/example.py"}
    assert not any(h.counted for h in found)
    ind = indicator(cli, root, "9a")
    assert ind["status"] == "not-applicable"
    assert "data-privacy-security/committed-secret" not in finding_ids(ind)
    notes = [e["message"] for e in ind["evidence"]]
    assert any("not counted" in m for m in notes)


def test_secret_finding_can_be_waived(repo, cli):
    waiver = ("  - id: data-privacy-security/committed-secret\n"
              "    reason: Public key of the documented demo instance.\n")
    root = repo({"deploy/server.key": PEM, "dpg.yml": DECLARED_NONE + "waivers:\n" + waiver})
    result = cli(root, "--only", "9a", "-f", "json")
    assert result.exit_code == 0
    ind = json.loads(result.stdout)["indicators"][0]
    assert ind["status"] == "fail"
    assert ind["waiver"]["reason"] == "Public key of the documented demo instance."


def test_vendored_folders_are_not_scanned(repo):
    root = repo({"node_modules/pkg/index.js": f"const k = '{AWS}'\n",
                 "vendor/lib/a.rb": f"K = '{AWS}'\n"})
    assert hits(root) == []


def test_non_ascii_heads_keep_lines_and_hints_aligned(repo):
    root = repo({"app/i18n.py": f"# İstanbul ключ 😀 Straße\nLABEL = 'ß'\nKEY = '{AWS}'\n",
                 "app/plain.py": "x = 1\n"})
    found = hits(root)
    assert [(h.path, h.line) for h in found] == [("app/i18n.py", 3)]
