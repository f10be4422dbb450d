"""Licence services for remote checks: GitHub's dependency-graph SBOM, then deps.dev.

The network clients live in ``dpgcheck/sources/`` (``depsgraph``, ``depsdev``); the command
line hands them to :class:`LicenseServices`, so this layer never imports a source. Budget per
repository: one GitHub call (an SPDX 2.3 document with licences for the whole graph,
revalidated with its ETag) and at most four deps.dev batches for what is still unknown.
Local folders are not looked up (a local check stays on the machine); ``--offline`` skips
both, and the report says so.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from dpgcheck.evidence.deps.held import HeldLicenses, key
from dpgcheck.evidence.deps.interface import Dependency, StatedLicense
from dpgcheck.evidence.deps.licensing import ServiceAnswer

#: ``github_sbom(forge)`` -> (the SPDX document or None, its URL, a note, calls made).
GitHubSbom = Callable[[Any], tuple[dict[str, Any] | None, str, str | None, int]]
#: ``depsdev(triples)`` -> an answer with ``licenses``, ``calls``, ``cached``, ``notes``, and
#: ``url(ecosystem, name, version)`` naming where each licence came from.
DepsDevLookup = Callable[[list[tuple[str, str, str]]], Any]


class LicenseServices:
    """The :class:`~dpgcheck.evidence.deps.licensing.LicenseService` of a run."""

    def __init__(self, github_sbom: GitHubSbom, depsdev: DepsDevLookup,
                 exact_version: Callable[[str, str | None], str | None],
                 systems: frozenset[str]) -> None:
        self.github_sbom = github_sbom
        self.depsdev = depsdev
        self.exact_version = exact_version
        self.systems = systems

    def lookup(self, forge: Any, wanted: list[Dependency]) -> ServiceAnswer:
        answer = ServiceAnswer()
        if forge is None:
            answer.notes.append("not asked for a local folder (remote checks ask GitHub's "
                                "dependency graph and deps.dev)")
            return answer
        held = HeldLicenses()
        sbom, url, note, calls = self.github_sbom(forge)
        if calls:
            answer.calls["github-sbom"] = calls
        if note:
            answer.notes.append(note)
        if sbom is not None:
            self._read_github(sbom, url, held, answer)
        still: list[Dependency] = []
        for dep in wanted:
            found = held.find(dep.ecosystem, dep.name, (dep.resolved, dep.version))
            if found and found[1] is None:
                for version in (dep.resolved, dep.version):
                    answer.found[(dep.ecosystem, key(dep.ecosystem, dep.name), version)] = \
                        found[0]
            else:
                still.append(dep)
        self._depsdev(still, answer)
        return answer

    @staticmethod
    def _read_github(sbom: dict[str, Any], url: str, held: HeldLicenses,
                     answer: ServiceAnswer) -> None:
        from dpgcheck.evidence.deps.sboms import read_sbom_text

        try:
            read_sbom_text(url, json.dumps(sbom, indent=1), held, method="github-sbom")
        except Exception as exc:  # spdx-tools raises many kinds on an odd document
            text = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
            answer.notes.append(f"GitHub dependency graph SBOM not read: {text}")
            return
        answer.notes.append(f"GitHub dependency graph: {len(held)} package versions with a "
                            "licence")

    def _depsdev(self, wanted: list[Dependency], answer: ServiceAnswer) -> None:
        asked: dict[tuple[str, str, str], Dependency] = {}
        for dep in wanted:
            if dep.ecosystem not in self.systems:
                continue
            version = self.exact_version(dep.ecosystem, dep.resolved or dep.version)
            if version:
                asked.setdefault((dep.ecosystem, dep.name, version), dep)
        if not asked:
            return
        result = self.depsdev(list(asked))
        answer.calls["deps.dev"] = result.calls
        answer.notes.extend(result.notes)
        for (eco, name, version), licences in result.licenses.items():
            dep = asked[(eco, name, version)]
            text = " AND ".join(f"({x})" if " " in x else x for x in licences)
            stated = StatedLicense.of(text or None, result.url(eco, name, version), None,
                                      "deps.dev")
            if stated is None:
                continue
            for v in (dep.resolved, dep.version):
                answer.found[(eco, key(eco, dep.name), v)] = stated
        answer.notes.append(f"deps.dev: {len(asked)} package versions asked, "
                            f"{result.cached} answered from the cache, {result.calls} "
                            f"{'call' if result.calls == 1 else 'calls'}")
