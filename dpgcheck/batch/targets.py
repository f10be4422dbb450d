"""Where batch targets come from: arguments, a file, or the DPGA registry JSON; shards."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dpgcheck.errors import DpgcheckError

#: The registry's category names -> dpgcheck's.
REGISTRY_CATEGORIES = {
    "open software": "software", "open data": "data", "open content": "content",
    "open ai model": "aimodel", "open ai models": "aimodel", "ai model": "aimodel",
}


URL = re.compile(r"https?://[^\s,;()<>\"']+")


@dataclass(frozen=True)
class BatchTarget:
    """One target of a batch; ``declared`` is what a registry entry says about it."""

    spec: str
    declared: dict[str, Any] | None = None
    #: Why this target cannot be checked at all (reported as its error entry).
    problem: str | None = None
    #: Why this is no repository or dataset (reported as an entry for a manual review).
    review: str | None = None


def from_file(path: Path) -> list[BatchTarget]:
    """One target per line; blank lines and ``#`` comments are skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DpgcheckError(f"cannot read {path}: {exc.strerror or exc}") from None
    out = []
    for line in text.splitlines():
        spec = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if spec:
            out.append(BatchTarget(spec))
    return out


def from_registry(path: Path) -> list[BatchTarget]:
    """The DPGA registry export (a JSON list of DPGs): every repository URL of every entry,
    with the entry's declared licences and categories."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DpgcheckError(f"cannot read {path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise DpgcheckError(f"{path} is not JSON: {exc}") from None
    if not isinstance(data, list):
        raise DpgcheckError(f"{path}: expected the registry's list of DPGs")
    out = []
    for entry in data:
        if not isinstance(entry, dict):
            continue
        declared = {
            "name": entry.get("name"),
            "registry_id": entry.get("id"),
            "licenses": sorted({str(lic.get("openLicense")).strip()
                                for lic in entry.get("openlicenses") or []
                                if isinstance(lic, dict) and lic.get("openLicense")}),
            "categories": sorted({REGISTRY_CATEGORIES.get(str(c).strip().lower(),
                                                          str(c).strip())
                                  for c in entry.get("categories") or [] if str(c).strip()}),
        }
        before = len(out)
        for repo in entry.get("repositories") or []:
            url = repo.get("url") if isinstance(repo, dict) else None
            if not isinstance(url, str):
                continue
            # Some entries list several URLs in one field ("Backend - https://a , https://b").
            found = [u.rstrip("/.") for u in URL.findall(url)]
            out += [BatchTarget(u, declared) for u in found]
            if not found and url.strip():
                out.append(BatchTarget(url.strip(), declared,
                                       review=f"the registry's repository '{url.strip()}' "
                                              "is not a URL"))
        if len(out) == before:
            # Every DPG is accounted for, even one that lists no repository.
            label = f"registry entry {entry.get('id') or '?'} ({entry.get('name') or 'unnamed'})"
            out.append(BatchTarget(label, declared,
                                   review="the registry lists no repository for it"))
    return out


def parse_shard(text: str) -> tuple[int, int]:
    """``K/N`` with 1 <= K <= N."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not match or not 1 <= int(match.group(1)) <= int(match.group(2)):
        raise DpgcheckError(f"bad --shard '{text}': use K/N with 1 <= K <= N, e.g. 2/4")
    return int(match.group(1)), int(match.group(2))


def shard(targets: list[BatchTarget], k: int, n: int) -> list[BatchTarget]:
    """The K-th of N interleaved slices (target i goes to shard i mod N + 1), so slices stay
    balanced and every target lands in exactly one."""
    return [t for i, t in enumerate(targets) if i % n == k - 1]


def unique(targets: list[BatchTarget]) -> list[BatchTarget]:
    """Drop repeated targets (the registry lists a few repositories twice)."""
    seen: set[str] = set()
    out = []
    for t in targets:
        key = t.spec.lower()
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out
