"""A review: an application's claims, the checks of its repositories, a judgement per answer.

The JSON shape (:meth:`Review.to_dict`) is described by ``data/review.schema.json``; bump
``REVIEW_SCHEMA_VERSION`` (minor: fields added; major: a reader could break) with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dpgcheck import __version__
from dpgcheck.application.claims import Answer, Claims
from dpgcheck.application.judge import CONTRADICTED, Judgement, judge
from dpgcheck.application.observed import Observed
from dpgcheck.application.solution import Solution, combine
from dpgcheck.errors import EXIT_FAILED, EXIT_INCOMPLETE, EXIT_OK

REVIEW_SCHEMA_VERSION = "1.0"
TITLES = {
    "1": "Relevance to Sustainable Development Goals", "2": "Use of approved open licenses",
    "3": "Clear ownership", "4": "Platform independence", "5": "Documentation",
    "6": "Mechanism for extracting data and content", "7": "Adherence to privacy and "
    "applicable laws", "8": "Adherence to standards & best practices", "9a": "Data privacy "
    "and security", "9b": "Inappropriate and illegal content", "9c": "Protection from "
    "harassment",
}


@dataclass
class Review:
    claims: Claims
    repositories: list[tuple[str, Observed]]
    judgements: list[Judgement] = field(default_factory=list)
    missing: list[Answer] = field(default_factory=list)
    solution: Solution | None = None

    @property
    def counts(self) -> dict[str, int]:
        out = {"consistent": 0, "contradicted": 0, "unverifiable": 0,
               "missing": len(self.missing)}
        for j in self.judgements:
            out[j.verdict] += 1
        return out

    @property
    def verdict(self) -> str:
        return "contradicted" if self.counts["contradicted"] else (
            "incomplete" if self.missing or any(o.error for _, o in self.repositories)
            else "consistent")

    def exit_code(self) -> int:
        """1 when an answer is contradicted, else 3 when a repository could not be checked."""
        if self.counts["contradicted"]:
            return EXIT_FAILED
        if any(o.error for _, o in self.repositories):
            return EXIT_INCOMPLETE
        return EXIT_OK

    def by_indicator(self) -> list[tuple[str, list[Judgement], list[Answer]]]:
        """(number, judgements, missing answers) per indicator in the Standard's order."""
        return [(n, [j for j in self.judgements if j.answer.number == n],
                 [a for a in self.missing if a.number == n]) for n in TITLES]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": REVIEW_SCHEMA_VERSION,
            "tool": {"name": "dpgcheck", "version": __version__},
            "application": {"name": self.claims.name, "kind": self.claims.kind},
            "verdict": self.verdict,
            "counts": self.counts,
            "repositories": [{
                "repository": name, "input": obs.input, "url": obs.url,
                "verdict": obs.entry.get("verdict"), "error": obs.error,
                "commit": (obs.entry.get("target") or {}).get("commit"),
                "waivers": obs.waivers(),
            } for name, obs in self.repositories],
            "answers": [j.to_dict() for j in self.judgements],
            "missing": [{"indicator": a.number, "field": a.field, "question": a.question}
                        for a in self.missing],
            "solution": None if self.solution is None else self.solution.to_dict(),
        }


def build_review(claims: Claims, repositories: list[tuple[str, Observed]]) -> Review:
    review = Review(claims, repositories)
    for answer in claims.answers:
        if answer.empty:
            review.missing.append(answer)
        else:
            review.judgements.append(judge(answer, repositories))
    if len(repositories) > 1:
        review.solution = combine(claims.name, repositories)
    return review


def contradictions(review: Review) -> list[Judgement]:
    return [j for j in review.judgements if j.verdict == CONTRADICTED]
