"""A committed-secret finding needs a credible secret; the rest is reported with the reason.

Each class seen on recognised DPGs is built twice, as the discounted pattern and as the
credible one that must still fail: development TLS keys (by path words, by the companion
certificate), keys in database seeds, publishable client keys, AWS key IDs with and without
their secret, placeholder and low-entropy values, one value repeated in several files. Keys
and certificates are generated at run time; token-looking values are assembled from parts.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from dpgcheck.evidence.signals.scan import build_scan
from dpgcheck.evidence.signals.secrets import scan_secrets
from dpgcheck.repo.view import RepoView
from tests.evidence_helpers import dpg_yml, finding_ids, indicator

AWS = "AK" + "IA" + "QX7MZ3KD5PW2TR4N"
AWS_SECRET = "9fK2" + "mQ7xLp3Rt8VwZ1bN6cY4hJ0sD5gF2kA7eU9o"
GITHUB = "gh" + "p_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
GOOGLE = "AI" + "za" + "SyB1c2D3e4F5g6H7i8J9k0L1m2N3o4P5q6R"
STRIPE_PUBLISHABLE = "pk" + "_live_" + "51HxQ2eLkd8Zr7TmWq3Ys9Bv"
STRIPE_SECRET = "sk" + "_live_" + "4eC39HqLyjWDarjtT1zdp7dcQ9"
SECRET_FOUND = "data-privacy-security/committed-secret"
PUBLIC_FOUND = "data-privacy-security/public-client-key"
DECLARED_NONE = dpg_yml(data_privacy="  pii: none\n",
                        declared_by="  name: Jane Doe\n  role: Director\n")


def key_and_cert(names: list[str], *, issuer: str | None = None, days: int = 365,
                 ) -> tuple[str, str]:
    """A fresh EC key and a certificate for ``names``: self-signed unless ``issuer`` names
    a separate authority (whose own key signs it)."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])])
    signer = key if issuer is None else ec.generate_private_key(ec.SECP256R1())
    issuer_name = subject if issuer is None else x509.Name(
        [x509.NameAttribute(NameOID.COMMON_NAME, issuer)])
    now = datetime.now(UTC)
    start, end = (now - timedelta(days=400), now - timedelta(days=35)) if days < 0 else (
        now - timedelta(days=1), now + timedelta(days=days))
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer_name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(end)
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in names]),
                           critical=False)
            .sign(signer, hashes.SHA256()))
    pem_key = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
    return pem_key, cert.public_bytes(serialization.Encoding.PEM).decode()


def scan(root):
    view = RepoView.from_path(root)
    return scan_secrets(build_scan(view), view)


def only(found, path):
    (hit,) = [h for h in found if h.path == path]
    return hit


@pytest.mark.parametrize("path", [
    "file-server/nginx/certs/snakeoil.key.pem", "scripts/tls_certificates/self-signed.key",
    "scripts/tls_certificates/local-ip-expired.key", "docker/devenv/files/selfsigned.key",
    "deploy/localhost.key"])
def test_development_tls_keys_by_path_words_are_discounted(repo, cli, path):
    key, _ = key_and_cert(["api.kijiji-health.org"], issuer="Real CA")
    root = repo({path: key, "dpg.yml": DECLARED_NONE})
    hit = only(scan(root), path)
    assert not hit.counted and "development or example TLS key" in hit.reason_ignored
    ind = indicator(cli, root, "9a")
    assert SECRET_FOUND not in finding_ids(ind)
    assert ind["status"] == "not-applicable"
    note = next(e for e in ind["evidence"] if e["path"] == path)
    assert "not counted: development" in note["message"] and "value withheld" in note["message"]
    assert key.splitlines()[1] not in json.dumps(ind)


@pytest.mark.parametrize(("names", "issuer", "days", "reason"), [
    (["localhost"], "Real CA", 365, "issued only for local or example names"),
    (["api.kijiji-health.org"], None, 365, "self-signed"),
    (["api.kijiji-health.org"], "Real CA", -1, "expired on"),
])
def test_keys_whose_companion_certificate_is_a_development_one_are_discounted(
        repo, cli, names, issuer, days, reason):
    key, cert = key_and_cert(names, issuer=issuer, days=days)
    root = repo({"charts/services/certs/tls.key": key, "charts/services/certs/tls.crt": cert,
                 "dpg.yml": DECLARED_NONE})
    hit = only(scan(root), "charts/services/certs/tls.key")
    assert not hit.counted and reason in hit.reason_ignored
    assert SECRET_FOUND not in finding_ids(indicator(cli, root, "9a"))


def test_a_production_key_still_fails(repo, cli):
    """A key in config/ with a valid certificate from an authority for a real name, and a
    self-signed one whose path says production, are credible."""
    real_key, real_cert = key_and_cert(["api.kijiji-health.org"], issuer="Real CA")
    prod_key, prod_cert = key_and_cert(["localhost"])
    root = repo({"config/tls/server.key": real_key, "config/tls/server.crt": real_cert,
                 "deploy/prod/selfsigned.key": prod_key, "deploy/prod/selfsigned.crt": prod_cert,
                 "dpg.yml": DECLARED_NONE})
    found = scan(root)
    assert only(found, "config/tls/server.key").counted
    assert only(found, "deploy/prod/selfsigned.key").counted
    ind = indicator(cli, root, "9a")
    assert ind["status"] == "fail" and finding_ids(ind)[SECRET_FOUND] == "fail"
    assert "2 secret(s)" in ind["summary"]
    assert real_key.splitlines()[1] not in json.dumps(ind)


def test_a_key_cert_pair_is_matched_by_public_key_not_by_folder(repo):
    """Two keys in one folder: only the one whose certificate is self-signed is discounted."""
    dev_key, dev_cert = key_and_cert(["api.kijiji-health.org"])
    real_key, real_cert = key_and_cert(["api.kijiji-health.org"], issuer="Real CA")
    root = repo({"certs/a.key": dev_key, "certs/a-cert.pem": dev_cert,
                 "certs/b.key": real_key, "certs/b-cert.pem": real_cert})
    found = scan(root)
    assert not only(found, "certs/a.key").counted
    assert only(found, "certs/b.key").counted


def test_a_key_inside_a_database_seed_is_discounted_but_not_in_a_config(repo, cli):
    key, _ = key_and_cert(["api.kijiji-health.org"], issuer="Real CA")
    embedded = json.dumps({"channels": [{"config": {"app_private_key": key}}]}, indent=2)
    root = repo({"app/management/commands/data/demo_db.json": embedded,
                 "dpg.yml": DECLARED_NONE})
    hit = only(scan(root), "app/management/commands/data/demo_db.json")
    assert hit.reason_ignored == "database seed or dump for development"
    assert SECRET_FOUND not in finding_ids(indicator(cli, root, "9a"))
    config = repo({"config/channels.json": embedded, "config/db.json": embedded,
                   "seeds/prod_db.json": embedded, "dpg.yml": DECLARED_NONE})
    found = scan(config)
    assert all(h.counted for h in found) and len(found) == 3


def test_firebase_and_browser_google_keys_are_public_but_server_keys_fail(repo, cli):
    firebase = json.dumps({"client": [{"api_key": [{"current_key": GOOGLE}]}]}, indent=2)
    root = repo({
        "app/google-services.json": firebase,
        "client/src/components/AddressForm.js": f"const mapKey = '{GOOGLE}';\n",
        "server/src/main/resources/application.properties":
            f"# Google Maps JavaScript API key\napp.google.map.api.key={GOOGLE}\n",
        "dpg.yml": DECLARED_NONE})
    found = scan(root)
    assert all(h.public and not h.counted for h in found) and len(found) == 3
    ind = indicator(cli, root, "9a")
    ids = finding_ids(ind)
    assert SECRET_FOUND not in ids and ids[PUBLIC_FOUND] == "warning"
    assert ind["status"] == "warning" and "restrict them" in ind["summary"]
    public = next(f for f in ind["findings"] if f["id"] == PUBLIC_FOUND)
    assert "restrict" in public["message"] and len(public["evidence"]) == 3
    assert "same value again" in json.dumps(public)
    assert GOOGLE not in json.dumps(ind)
    server = repo({"server/translate.py": f"TRANSLATE_KEY = '{GOOGLE}'\n",
                   "dpg.yml": DECLARED_NONE})
    assert finding_ids(indicator(cli, server, "9a"))[SECRET_FOUND] == "fail"


def test_publishable_stripe_key_is_advice_the_secret_key_fails(repo, cli):
    public = repo({"web/src/pay.js": f"Stripe('{STRIPE_PUBLISHABLE}')\n",
                   "dpg.yml": DECLARED_NONE})
    ids = finding_ids(indicator(cli, public, "9a"))
    assert SECRET_FOUND not in ids and ids[PUBLIC_FOUND] == "warning"
    secret = repo({"server/pay.py": f"stripe.api_key = '{STRIPE_SECRET}'\n",
                   "dpg.yml": DECLARED_NONE})
    assert finding_ids(indicator(cli, secret, "9a"))[SECRET_FOUND] == "fail"


def test_aws_key_id_alone_is_not_a_secret_with_its_secret_it_is(repo, cli):
    alone = repo({"backend/.env.prod": f"SMTP_USERNAME={AWS}\nSMTP_HOST=email-smtp.aws\n",
                  "docker-compose.yml": f"services:\n  api:\n    environment:\n"
                                        f"      SMTP_USERNAME: {AWS}\n",
                  "dpg.yml": DECLARED_NONE})
    found = scan(alone)
    assert len(found) == 2 and not any(h.counted for h in found)
    assert "without its AWS secret access key" in found[0].reason_ignored
    ind = indicator(cli, alone, "9a")
    assert SECRET_FOUND not in finding_ids(ind)
    # a git commit id of 40 hexadecimal characters is not a secret access key
    sha = repo({"deploy/.env": f"AWS_ACCESS_KEY_ID={AWS}\nREVISION={'0a1b2c3d4e' * 4}\n"})
    assert not scan(sha)[0].counted
    paired = repo({"backend/.env": f"AWS_ACCESS_KEY_ID={AWS}\n"
                                   f"AWS_SECRET_ACCESS_KEY={AWS_SECRET}\n",
                   "dpg.yml": DECLARED_NONE})
    assert scan(paired)[0].counted
    ind = indicator(cli, paired, "9a")
    assert finding_ids(ind)[SECRET_FOUND] == "fail"
    assert AWS_SECRET not in json.dumps(ind) and AWS not in json.dumps(ind)


@pytest.mark.parametrize(("value", "reason"), [
    ("gh" + "p_" + "x" * 36, "placeholder value"),
    ("gh" + "p_" + "ab" * 18, "low-entropy value"),
    ("gh" + "p_" + "EXAMPLE" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o", "placeholder value"),
])
def test_placeholder_and_low_entropy_tokens_are_not_secrets(repo, value, reason):
    root = repo({"config/settings.py": f"TOKEN = '{value}'\n"})
    (hit,) = scan(root)
    assert hit.reason_ignored is not None and hit.reason_ignored.startswith(reason)


def test_a_random_token_with_entropy_fails(repo, cli):
    root = repo({"config/settings.py": f"TOKEN = '{GITHUB}'\n", "dpg.yml": DECLARED_NONE})
    (hit,) = scan(root)
    assert hit.counted
    assert finding_ids(indicator(cli, root, "9a"))[SECRET_FOUND] == "fail"


def test_a_private_key_of_repeated_characters_is_not_a_secret(repo):
    body = "A" * 64
    root = repo({"config/server.key": "-----BEGIN PRIVATE KEY-----\n" + "\n".join([body] * 4)
                 + "\n-----END PRIVATE KEY-----\n"})
    (hit,) = scan(root)
    assert hit.reason_ignored and hit.reason_ignored.startswith("low-entropy")


def test_one_value_in_several_files_counts_once_with_every_place(repo, cli):
    files = {f"services/{name}/config.py": f"GITHUB_TOKEN = '{GITHUB}'\n"
             for name in ("api", "worker", "web", "cron", "admin")}
    other = "gh" + "p_" + "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2"
    root = repo({**files, "services/api/other.py": f"T = '{other}'\n",
                 "dpg.yml": DECLARED_NONE})
    ind = indicator(cli, root, "9a")
    secret = next(f for f in ind["findings"] if f["id"] == SECRET_FOUND)
    assert secret["message"].startswith("2 secret(s) committed to the tree (GitHub token) "
                                        "in 6 places")
    places = {e["path"] for e in secret["evidence"]}
    assert places == {*files, "services/api/other.py"}
    again = [e for e in secret["evidence"] if "same value again" in e["message"]]
    assert len(again) == 4
    values = {e["value"] for e in ind["secrets"]}
    assert len(values) == 2 and GITHUB not in json.dumps(ind)


def test_json_data_marks_discounted_and_public_hits_without_values(repo, cli):
    key, _ = key_and_cert(["localhost"])
    root = repo({"docker/devenv/selfsigned.key": key,
                 "ios/App/GoogleService-Info.plist": f"<key>API_KEY</key><string>{GOOGLE}"
                                                     "</string>\n",
                 "dpg.yml": DECLARED_NONE})
    data = indicator(cli, root, "9a")["secrets"]
    by_path = {d["path"]: d for d in data}
    assert by_path["docker/devenv/selfsigned.key"]["public"] is False
    assert "development" in by_path["docker/devenv/selfsigned.key"]["ignored"]
    assert by_path["ios/App/GoogleService-Info.plist"]["public"] is True
    raw = json.dumps(data)
    assert GOOGLE not in raw and key.splitlines()[1] not in raw


def test_a_public_key_also_copied_into_a_test_is_still_one_public_key(repo, cli):
    firebase = json.dumps({"client": [{"api_key": [{"current_key": GOOGLE}]}]})
    root = repo({"app/src/test/resources/google-services.json": firebase,
                 "app/google-services.json": firebase, "dpg.yml": DECLARED_NONE})
    ind = indicator(cli, root, "9a")
    public = next(f for f in ind["findings"] if f["id"] == PUBLIC_FOUND)
    assert public["message"].startswith("1 publishable client key(s)")
    assert [e["path"] for e in public["evidence"]] == [
        "app/google-services.json", "app/src/test/resources/google-services.json"]


def assert_stack_keys(cli, root, paths: tuple[str, ...], reason: str) -> None:
    """Each key at ``paths`` is discounted with ``reason`` and 9a finds no secret."""
    found = scan(root)
    for path in paths:
        hit = only(found, path)
        assert not hit.counted, path
        assert hit.reason_ignored == reason
    assert SECRET_FOUND not in finding_ids(indicator(cli, root, "9a"))


COMPOSE = ("services:\n  signer:\n    image: example/signer:1\n    volumes:\n"
           "      - ./${KEYS_DIR-imports}:/etc/keys:ro\n      - type: bind\n"
           "        source: ./realm\n        target: /opt/realm\n")


def test_a_key_the_bundled_compose_stack_mounts_is_a_development_key(repo, cli):
    """``docker compose up`` mounts ./imports and ./realm: their keys belong to the local
    stack. The same key in a folder nothing mounts, or mounted only by a production Compose
    file, is credible."""
    key, _ = key_and_cert(["api.kijiji-health.org"], issuer="Real CA")
    embedded = json.dumps({"issuers": {"default": {"privateKey": key}}}, indent=2)
    root = repo({"docker-compose.yml": COMPOSE, "imports/config.json": embedded,
                 "realm/keys/signing.pem": key, "dpg.yml": DECLARED_NONE})
    assert_stack_keys(cli, root, ("imports/config.json", "realm/keys/signing.pem"),
                      "key of the bundled development stack (mounted by docker-compose.yml)")

    elsewhere = repo({"docker-compose.yml": COMPOSE, "keys/config.json": embedded,
                      "docker-compose.prod.yml": COMPOSE.replace("${KEYS_DIR-imports}", "keys"),
                      "dpg.yml": DECLARED_NONE})
    assert only(scan(elsewhere), "keys/config.json").counted
    assert finding_ids(indicator(cli, elsewhere, "9a"))[SECRET_FOUND] == "fail"


DOCKERFILE = ("FROM node:20\nWORKDIR /src/backend/site\nCOPY certs/tls.key /etc/tls/tls.key\n"
              "ENTRYPOINT node ../../tools/signConfig.js --key ../../tools/signing.pem "
              "--config ./config.json > out.json && npm start\n")


def test_a_key_the_bundled_dockerfile_uses_belongs_to_its_stack(repo, cli):
    """The image's start command signs its configuration with tools/signing.pem and the
    image copies certs/tls.key from its build context: ``docker build`` needs both in the
    tree. The same key used only by a production Dockerfile, or a bare file name that is not
    in the Dockerfile's build context, stays credible."""
    key, _ = key_and_cert(["api.kijiji-health.org"], issuer="Real CA")
    root = repo({"backend/Dockerfile": DOCKERFILE, "tools/signing.pem": key,
                 "backend/certs/tls.key": key, "dpg.yml": DECLARED_NONE})
    assert_stack_keys(cli, root, ("tools/signing.pem", "backend/certs/tls.key"),
                      "key of the bundled container stack (used by backend/Dockerfile)")

    production = repo({"backend/Dockerfile.prod": DOCKERFILE, "tools/signing.pem": key,
                       "dpg.yml": DECLARED_NONE})
    assert only(scan(production), "tools/signing.pem").counted
    assert finding_ids(indicator(cli, production, "9a"))[SECRET_FOUND] == "fail"

    bare = "FROM nginx\nCOPY signing.pem /etc/nginx/\n"
    outside = repo({"web/Dockerfile": bare, "tools/signing.pem": key, "dpg.yml": DECLARED_NONE})
    assert only(scan(outside), "tools/signing.pem").counted
