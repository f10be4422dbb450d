"""Each answer of an application judged against what the checks of its repositories observed.

``consistent`` quotes the evidence that supports the answer, ``contradicted`` quotes the
evidence that says otherwise, ``unverifiable`` says what a person must look at. A rule judges
only what the repository can show; everything else is unverifiable by design, never a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dpgcheck.application.claims import Answer, flatten
from dpgcheck.application.observed import Observed, Quote, licence_family, same_owner

CONSISTENT, CONTRADICTED, UNVERIFIABLE = "consistent", "contradicted", "unverifiable"


@dataclass
class Judgement:
    answer: Answer
    verdict: str
    reason: str
    evidence: list[Quote] = field(default_factory=list)
    look_at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"indicator": self.answer.number, "field": self.answer.field,
                "question": self.answer.question, "answer": self.answer.text(),
                "judgement": self.verdict, "reason": self.reason,
                "evidence": [q.to_dict() for q in self.evidence], "look_at": self.look_at}


Repos = list[tuple[str, Observed]]


def tagged(name: str, quotes: list[Quote]) -> list[Quote]:
    return [Quote(f"{name}: {q.message}", q.where) for q in quotes]


def checked(repos: Repos) -> Repos:
    return [(n, o) for n, o in repos if o.error is None]


def _yes(value: Any) -> bool:
    return str(value or "").strip().lower().startswith("yes")


def _no(value: Any) -> bool:
    return str(value or "").strip().lower().startswith("no")


def _field(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, dict) else None


def unverifiable(answer: Answer, look_at: str, evidence: list[Quote] | None = None,
                 reason: str = "only a person can judge this answer") -> Judgement:
    return Judgement(answer, UNVERIFIABLE, reason, evidence or [], look_at)


def licence(answer: Answer, repos: Repos) -> Judgement:
    claimed = {licence_family(str(x.get("spdx"))): str(x.get("spdx"))
               for x in answer.value if isinstance(x, dict) and x.get("spdx")}
    ok = checked(repos)
    if not ok:
        return unverifiable(answer, "the repositories could not be checked: open each "
                            "repository's licence file")
    against: list[Quote] = []
    support: list[Quote] = []
    other: list[Quote] = []
    for name, obs in ok:
        found = {licence_family(i) for i in obs.licence_ids()}
        quotes = tagged(name, obs.licence_quotes()) or [
            Quote(f"{name}: no licence identified"), *tagged(name, obs.evidence("2", 2))]
        if obs.licence_approved is False:
            against += [Quote(f"{name}: {obs.expression or 'no licence'}: not an approved "
                              "open licence for any role"), *quotes]
        elif not found:
            against += quotes
        elif found & set(claimed):
            support += quotes
        else:
            states = obs.expression or ", ".join(sorted(found))
            other.append(Quote(f"{name}: states {states} (approved as a {obs.licence_role} "
                               f"licence), not the claimed {', '.join(claimed.values())}"))
            other += quotes
    if against:
        return Judgement(answer, CONTRADICTED, f"the application claims "
                         f"{', '.join(claimed.values())}; the repository says otherwise",
                         against + support + other)
    if other:
        return unverifiable(answer, "which part of the solution each licence covers (the "
                            "claimed licence may cover data or content kept elsewhere)",
                            other + support, "a repository states another approved licence")
    return Judgement(answer, CONSISTENT, "every repository states a claimed, approved licence",
                     support)


def ownership(answer: Answer, repos: Repos) -> Judgement:
    value = answer.value
    names = [str(n) for n in value if n] if isinstance(value, list) else []
    url = _field(value, "copyrightURL")
    if isinstance(value, dict) and _no(value.get("isOwnershipExplicit")):
        return unverifiable(answer, "the application says ownership is not explicit: ask "
                            "who owns the solution")
    ok = checked(repos)
    evidence: list[Quote] = []
    for name, obs in ok:
        evidence += tagged(name, [Quote(f"owner named: {o}") for o in obs.owners()[:2]])
        evidence += tagged(name, obs.evidence("3", 1))
    if names:
        stated = [o for _, obs in ok for o in obs.owners()]
        stated += [obs.owner_login for _, obs in ok if obs.owner_login]
        matched = [n for n in names if any(same_owner(n, s) for s in stated)]
        if matched:
            return Judgement(answer, CONSISTENT, f"the repositories name {matched[0]}",
                             evidence)
        return unverifiable(answer, f"the repositories do not name {', '.join(names)}: check "
                            "the owner's website or legal documents", evidence,
                            "the claimed owner is not named in the repositories")
    if ok and all(obs.status("3") == "fail" for _, obs in ok) and not url:
        return Judgement(answer, CONTRADICTED, "ownership is claimed explicit, but no "
                         "repository names an owner (no copyright line, NOTICE or owner "
                         "file)", tagged(ok[0][0], ok[0][1].evidence("3")))
    if any(obs.status("3") in ("pass", "warning") for _, obs in ok):
        return Judgement(answer, CONSISTENT, "the repositories name their owner", evidence)
    return unverifiable(answer, f"open {url or 'the ownership documentation'} and check it "
                        "names the legal owner", evidence)


def platform(answer: Answer, repos: Repos) -> Judgement:
    value = answer.value
    restrictive = _field(value, "mandatoryDepsCreateMoreRestrictions")
    independent = _field(value, "independent")
    closed = [q for name, obs in checked(repos)
              for q in tagged(name, obs.closed_components(mandatory=True))]
    used = [q for name, obs in checked(repos)
            for q in tagged(name, obs.closed_components(mandatory=False))]
    claims_open = _no(restrictive) or _yes(independent)
    if claims_open and closed:
        return Judgement(answer, CONTRADICTED, "the application claims no restrictive "
                         "mandatory dependency; these closed or source-available components "
                         "are mandatory with no open alternative", closed + used,
                         "whether the core works without each component")
    if claims_open and used:
        return unverifiable(answer, "whether the solution works without each closed or "
                            "source-available component used at runtime, or an open "
                            "alternative swaps in", used,
                            "closed or source-available runtime components are used")
    if claims_open:
        counts = [Quote(f"{name}: {obs.indicator('4').get('summary', '')}")
                  for name, obs in checked(repos)]
        return Judgement(answer, CONSISTENT, "no closed or source-available runtime "
                         "component was found", counts)
    return unverifiable(answer, "the open alternatives the application names for each "
                        "closed component: "
                        + (flatten(_field(value, "pltIndependenceDesc")
                                   or _field(value, "alternatives")) or "none named"), closed)


def documentation(answer: Answer, repos: Repos) -> Judgement:
    value = answer.value
    urls = _field(value, "documentationURL")
    ok = checked(repos)
    found = [Quote(f"{name}: {obs.documentation}") for name, obs in ok if obs.documentation]
    if _no(_field(value, "isDocumentationAvailable")):
        return unverifiable(answer, "the application says there is no documentation")
    if found:
        return Judgement(answer, CONSISTENT, "documentation is in the repositories", found)
    if urls:
        return unverifiable(answer, f"open {flatten(urls)}: it should let a technical person "
                            "unfamiliar with the solution install and run it")
    if ok:
        return Judgement(answer, CONTRADICTED, "documentation is claimed, but no repository "
                         "has a README or documentation of substance",
                         [q for n, o in ok for q in tagged(n, o.evidence("5", 2))])
    return unverifiable(answer, "the repositories could not be checked")


def standards(answer: Answer, repos: Repos) -> Judgement:
    value = answer.value if isinstance(answer.value, dict) else {}
    claimed = [str(s) for key in ("standardsList", "bestPracticesList")
               for s in (value.get(key) or []) if str(s).strip()]
    evidenced = {str(m.get("name")): name for name, obs in checked(repos)
                 for key in ("standards", "practices")
                 for m in obs.indicator("8").get(key) or [] if isinstance(m, dict)}
    matched, unmatched = [], []
    for item in claimed:
        hit = next((e for e in evidenced if item.strip().lower() in e.lower()
                    or e.lower().split(" (")[0] in item.lower()), None)
        (matched if hit else unmatched).append((item, hit))
    quotes = [Quote(f"{evidenced[hit]}: {hit}") for _, hit in matched if hit]
    if claimed and not unmatched:
        return Judgement(answer, CONSISTENT, "every claimed standard shows in the "
                         "repositories", quotes)
    return unverifiable(answer, "the evidence for: " + (", ".join(i for i, _ in unmatched)
                                                        or "the claimed standards"), quotes)


def harassment(answer: Answer, repos: Repos) -> Judgement:
    value = answer.value
    steps = flatten(_field(value, "harassmentProtectionSteps"))
    cocs = [Quote(f"{name}: code of conduct", obs.code_of_conduct)
            for name, obs in checked(repos) if obs.code_of_conduct]
    if _no(_field(value, "userInteraction")):
        return unverifiable(answer, "whether users or contributors really never interact",
                            cocs)
    if "code of conduct" in steps.lower():
        if cocs:
            return Judgement(answer, CONSISTENT, "the claimed code of conduct exists", cocs)
        if checked(repos) and all(o.remote for _, o in checked(repos)):
            return Judgement(answer, CONTRADICTED, "a code of conduct is claimed, but no "
                             "repository (nor its owner's .github) has one",
                             [Quote(f"{n}: {o.indicator('9c').get('summary', '')}")
                              for n, o in checked(repos)])
        if checked(repos):
            return unverifiable(answer, "the owner's .github repository for an inherited code "
                                "of conduct (local folders were checked, so it was not read)")
    return unverifiable(answer, "the product's protections the application describes"
                        + (f": {steps[:200]}" if steps else ""), cocs)


def suggested(key: str, number: str, look_at: str) -> Callable[[Answer, Repos], Judgement]:
    def rule(answer: Answer, repos: Repos) -> Judgement:
        hints = [Quote(f"{n}: {o.indicator(number).get('summary', '')}")
                 for n, o in checked(repos) if o.indicator(number)]
        return unverifiable(answer, look_at, hints)
    return rule


RULES: dict[str, Callable[[Answer, Repos], Judgement]] = {
    "1": suggested("sdg", "1", "whether the SDG evidence fits what the solution does"),
    "2": licence,
    "3": ownership,
    "4": platform,
    "5": documentation,
    "6": suggested("nonpii", "6", "the described extraction mechanism, in the running "
                                  "solution or its API documentation"),
    "7": suggested("laws", "7", "the named laws and the privacy policy against where the "
                                "solution is deployed"),
    "8": standards,
    "9a": suggested("pii", "9a", "the privacy policy and the safeguards described, against "
                                 "the personal data the code suggests"),
    "9b": suggested("content", "9b", "the content policy and moderation process"),
    "9c": harassment,
}


def judge(answer: Answer, repos: Repos) -> Judgement:
    return RULES[answer.number](answer, repos)
