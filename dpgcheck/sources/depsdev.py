"""deps.dev: licences per package version for what the repository and GitHub did not state.

One ``POST /v3alpha/versionbatch`` asks for up to :data:`BATCH` package versions at once;
at most :data:`MAX_CALLS` batches per repository. A published version's licence does not
change, so each answer is kept in the same on-disk cache as the GitHub answers
(:class:`~dpgcheck.sources.httpcache.HttpCache`, keyed by the version's URL) and a version
seen before costs no call. The base URL is ``DPGCHECK_DEPSDEV_URL`` when set (tests point it
at a stand-in on 127.0.0.1).
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from dpgcheck.sources.httpcache import HttpCache

DEFAULT_URL = "https://api.deps.dev"
ENV_URL = "DPGCHECK_DEPSDEV_URL"
#: Package versions per batch request, and batch requests per repository.
BATCH = 1000
MAX_CALLS = 4
TIMEOUT = 30
#: How long "deps.dev does not know this version" is believed without asking again.
MISSING_TTL = 24 * 3600
MAX_ANSWER_BYTES = 64 * 1024 * 1024
#: dpgcheck's ecosystem -> deps.dev's system.
SYSTEMS = {"npm": "NPM", "pypi": "PYPI", "maven": "MAVEN", "go": "GO", "cargo": "CARGO",
           "nuget": "NUGET", "rubygems": "RUBYGEMS"}
_EXACT = re.compile(r"^v?[0-9][0-9A-Za-z.+_-]*$")


def exact_version(ecosystem: str, version: str | None) -> str | None:
    """The version as deps.dev names it, when it is exact (no range, no tag)."""
    if not version:
        return None
    version = version.strip().lstrip("=")
    if not _EXACT.match(version):
        return None
    return version if ecosystem == "go" else version.removeprefix("v")


@dataclass
class DepsDevAnswer:
    #: (ecosystem, name, version) -> the licences deps.dev states (may be empty).
    licenses: dict[tuple[str, str, str], list[str]] = field(default_factory=dict)
    calls: int = 0
    cached: int = 0
    notes: list[str] = field(default_factory=list)
    #: ``url(ecosystem, name, version)``: where deps.dev states that version's licences.
    url: Callable[[str, str, str], str] = lambda eco, name, version: ""


class DepsDev:
    def __init__(self, cache: HttpCache, base_url: str | None = None) -> None:
        self.base_url = (base_url or os.environ.get(ENV_URL) or DEFAULT_URL).rstrip("/")
        self.cache = cache

    def version_url(self, system: str, name: str, version: str) -> str:
        return (f"{self.base_url}/v3/systems/{system}/packages/{quote(name, safe='')}"
                f"/versions/{quote(version, safe='')}")

    def lookup(self, wanted: list[tuple[str, str, str]]) -> DepsDevAnswer:
        """Licences for (ecosystem, name, exact version) triples, cache first."""
        answer = DepsDevAnswer(url=lambda eco, name, version: self.version_url(
            SYSTEMS[eco], name, version))
        missing: list[tuple[str, str, str]] = []
        for eco, name, version in dict.fromkeys(wanted):
            cached = self.cache.get(self.version_url(SYSTEMS[eco], name, version))
            if cached is not None and isinstance(cached.body, list):
                answer.licenses[(eco, name, version)] = [str(x) for x in cached.body]
                answer.cached += 1
            elif cached is not None and cached.missing_since is not None and (
                    time.time() - cached.missing_since < MISSING_TTL):
                answer.cached += 1  # deps.dev did not know it a short while ago
            else:
                missing.append((eco, name, version))
        batches = [missing[i:i + BATCH] for i in range(0, len(missing), BATCH)]
        if len(batches) > MAX_CALLS:
            left = sum(len(b) for b in batches[MAX_CALLS:])
            answer.notes.append(f"deps.dev: call budget of {MAX_CALLS} batches reached; "
                                f"{left} package versions not asked")
            batches = batches[:MAX_CALLS]
        for batch in batches:
            try:
                responses = self._batch(batch)
            except OSError as exc:
                answer.notes.append(f"deps.dev not reachable ({self.base_url}): "
                                    f"{type(exc).__name__}")
                break
            finally:
                answer.calls += 1
            by_key = {_key(r.get("request")): r.get("version") for r in responses
                      if isinstance(r, dict)}
            for eco, name, version in batch:
                found = by_key.get((SYSTEMS[eco], name, version))
                if not isinstance(found, dict):
                    self.cache.put_missing(self.version_url(SYSTEMS[eco], name, version),
                                           time.time())
                    continue
                licences = [str(x) for x in found.get("licenses") or [] if isinstance(x, str)]
                answer.licenses[(eco, name, version)] = licences
                self.cache.put(self.version_url(SYSTEMS[eco], name, version), "immutable",
                               licences)
        return answer

    def _batch(self, batch: list[tuple[str, str, str]]) -> list[Any]:
        from urllib.request import Request, urlopen

        body = json.dumps({"requests": [
            {"versionKey": {"system": SYSTEMS[eco], "name": name, "version": version}}
            for eco, name, version in batch]}).encode()
        request = Request(f"{self.base_url}/v3alpha/versionbatch", data=body, method="POST",
                          headers={"Content-Type": "application/json",
                                   "User-Agent": "dpgcheck"})
        with urlopen(request, timeout=TIMEOUT) as response:
            raw = response.read(MAX_ANSWER_BYTES)
        try:
            data = json.loads(raw)
        except ValueError:
            raise OSError("deps.dev answered with something that is not JSON") from None
        responses = data.get("responses") if isinstance(data, dict) else None
        return responses if isinstance(responses, list) else []


def _key(request: Any) -> tuple[str, str, str] | None:
    key = request.get("versionKey") if isinstance(request, dict) else None
    if not isinstance(key, dict):
        return None
    return (str(key.get("system", "")).upper(), str(key.get("name", "")),
            str(key.get("version", "")))
