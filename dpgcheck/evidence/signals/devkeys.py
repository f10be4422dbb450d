"""Development TLS keys: private keys that secure nothing a stranger could reach.

A ``snakeoil`` or ``self-signed`` key beside the nginx file of a docker development setup, or a
key whose certificate is issued for ``localhost``, is committed on purpose so that a local
stack starts with HTTPS; no browser trusts it for a real site. Such a key is told apart by the
words of its path or by its companion certificate (same folder, same public key or same stem):
self-signed, issued only for local or reserved names, or expired. A key that the repository's
own container stack needs (mounted by its Compose file, copied or used by its Dockerfile) is
that stack's key. Production words in the path (``prod``, ``live``) always keep a key
credible. Only the reason is reported, never a value.
"""

from __future__ import annotations

import ipaddress
import re
from datetime import UTC, datetime
from typing import Any

from dpgcheck.evidence.signals.composemounts import mounted_by
from dpgcheck.evidence.signals.dockerfiles import used_by
from dpgcheck.evidence.signals.pathwords import PRODUCTION_WORDS, path_words, production_path

#: Path words that mark a key as made for development, tests or examples.
DEV_WORDS = frozenset({
    "snakeoil", "selfsigned", "localhost", "local", "dev", "devenv", "development", "example",
    "examples", "sample", "samples", "demo", "dummy", "fake", "insecure", "expired", "test",
    "tests", "testing", "mock", "fixture", "fixtures", "devcert", "devcerts", "mkcert",
})
#: Names no public certificate authority issues for: local, reserved and example domains.
_LOCAL_SUFFIXES = (".localhost", ".local", ".test", ".example", ".invalid", ".lan", ".internal",
                   ".home.arpa", "example.com", "example.org", "example.net")
_CERT_EXT = (".crt", ".cer", ".cert", ".pem")
_CERT_PEM = re.compile(rb"-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----")
MAX_CERT_BYTES = 64 * 1024
MAX_CERTS = 8


def dev_path_word(path: str) -> str | None:
    """The development word of ``path`` (``snakeoil``), unless the path also says production."""
    words = path_words(path)
    if any(w in PRODUCTION_WORDS for w in words):
        return None
    return next((w for w in reversed(words) if w in DEV_WORDS), None)


def _local_name(name: str) -> bool:
    name = name.lower().strip().rstrip(".").removeprefix("*.")
    if name in ("localhost", "local", "example", "test"):
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return name.endswith(_LOCAL_SUFFIXES)
    return address.is_loopback or address.is_private or address.is_link_local


def _names(cert: Any) -> list[str]:
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    names = [a.value for a in cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)]
    try:
        alt = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except (x509.ExtensionNotFound, ValueError):
        return [str(n) for n in names]
    names += [str(n) for n in alt.get_values_for_type(x509.DNSName)]
    names += [str(ip) for ip in alt.get_values_for_type(x509.IPAddress)]
    return [str(n) for n in names]


def certificate_reason(cert: Any) -> str | None:
    """Why a key with this certificate is a development key, else ``None``."""
    names = _names(cert)
    if names and all(_local_name(n) for n in names):
        return "its certificate is issued only for local or example names"
    if cert.issuer == cert.subject:
        return "its certificate is self-signed"
    if cert.not_valid_after_utc < datetime.now(UTC):
        return f"its certificate expired on {cert.not_valid_after_utc:%Y-%m-%d}"
    return None


def _certificates(data: bytes) -> list[Any]:
    from cryptography import x509

    found = []
    blocks = _CERT_PEM.findall(data)[:MAX_CERTS] if b"-----BEGIN CERTIFICATE" in data else [data]
    for block in blocks:
        try:
            found.append(x509.load_pem_x509_certificate(block) if block is not data
                         else x509.load_der_x509_certificate(block))
        except ValueError:
            continue
    return found


def _public_key(key_text: str) -> bytes | None:
    """The DER public key of a PEM private key, when it parses without a passphrase."""
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives import serialization

    start = key_text.find("-----BEGIN")
    end = key_text.find("-----END", start)
    end = key_text.find("-----", end + 8) + 5 if end > 0 else -1
    if start < 0 or end <= start:
        return None
    block = key_text[start:end].replace("\\n", "\n").encode("ascii", "ignore")
    try:
        key = serialization.load_pem_private_key(block, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):  # encrypted, damaged or unsupported
        return None
    return _spki(key.public_key())


def _spki(public_key: Any) -> bytes | None:
    from cryptography.hazmat.primitives import serialization

    try:
        return bytes(public_key.public_bytes(serialization.Encoding.DER,
                                             serialization.PublicFormat.SubjectPublicKeyInfo))
    except (ValueError, TypeError):
        return None


def _stem(name: str) -> str:
    stem = name.lower().rpartition("/")[2]
    for suffix in (".pem", ".key", ".crt", ".cer", ".cert"):
        stem = stem.removesuffix(suffix)
    return re.sub(r"[._-]?(key|cert|crt|certificate|private|priv|public)$", "", stem)


def companion_reason(view: Any, path: str, key_text: str) -> str | None:
    """The development reason read from the certificate beside the key (same public key,
    else same stem, else the only certificate in the folder), or ``None``."""
    if view is None:
        return None
    folder = path.rpartition("/")[0]
    candidates = [p for p in view.in_dir(folder) if p.lower().endswith(_CERT_EXT)][:MAX_CERTS]
    if path not in candidates and path.lower().endswith(".pem"):
        candidates.append(path)
    certs: list[tuple[str, Any]] = []
    for candidate in candidates:
        data = view.read_bytes(candidate, MAX_CERT_BYTES)
        if data:
            certs += [(candidate, c) for c in _certificates(data)]
    if not certs:
        return None
    public = _public_key(key_text)
    if public is not None:
        paired = [c for _, c in certs if _spki(c.public_key()) == public]
    else:
        stem = _stem(path)
        paired = [c for p, c in certs if _stem(p) == stem] or (
            [certs[0][1]] if len({p for p, _ in certs}) == 1 else [])
    for cert in paired:
        reason = certificate_reason(cert)
        if reason:
            return reason
    return None


def dev_key_reason(view: Any, path: str, key_text: str) -> str | None:
    """Why the private key at ``path`` is a development key, else ``None`` (credible)."""
    if production_path(path):
        return None
    word = dev_path_word(path)
    if word:
        return f"development or example TLS key (its path says '{word}')"
    reason = companion_reason(view, path, key_text)
    if reason:
        return f"development TLS key ({reason})"
    compose = mounted_by(view, path)
    if compose:
        return f"key of the bundled development stack (mounted by {compose})"
    dockerfile = used_by(view, path)
    return f"key of the bundled container stack (used by {dockerfile})" if dockerfile else None
