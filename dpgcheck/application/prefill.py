"""The pre-filled ``dpg.yml`` that ``dpgcheck init`` writes.

``Answers`` holds what goes into the file: first the guesses from the repository's facts and
SDG hints, then whatever the maintainer answered. ``render`` writes it with every answer
dpgcheck cannot know left empty and marked ``# TODO:``, so the file validates at once and each
indicator that needs an answer reports ``needs-declaration`` until it is filled in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from dpgcheck.application.facts import ProjectFacts
from dpgcheck.evidence.sdg_hints import SdgHints, goal_name

OWNER_TYPES = ("company", "non-profit", "government", "academic", "individual", "other")


@dataclass
class Answers:
    """What goes into the file: guesses first, then whatever the maintainer answered."""

    name: str | None = None
    description: str | None = None
    categories: list[str] = field(default_factory=list)
    repository: str | None = None
    website: str | None = None
    license: str | None = None
    owner_name: str | None = None
    owner_country: str | None = None
    owner_type: str | None = None
    declared_by_name: str | None = None
    declared_by_role: str | None = None
    sdgs: list[tuple[int, str | None, str]] = field(default_factory=list)
    laws: list[str] = field(default_factory=list)
    pii: str | None = None
    content: str | None = None
    users_interact: bool | None = None


#: Hints quoted per suggested Goal in the written file (the count says how many more).
HINTS_SHOWN = 3


def ranked_goals(hints: SdgHints) -> list[int]:
    """Every Goal the repository mentions, the best supported first: most hints, then hints
    in most files, then the Goal mentioned first (READMEs are read before docs)."""
    order = {n: i for i, n in enumerate(hints.by_goal)}

    def key(number: int) -> tuple[int, int, int]:
        found = hints.by_goal[number]
        return (-len(found), -len({e.path for e in found}), order[number])

    return sorted(hints.by_goal, key=key)


def _one_line(text: str) -> str:
    """Repository text made safe for a YAML comment: one line, no control characters."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())[:160]


def why_suggested(hints: SdgHints, number: int, rank: int) -> str:
    """``suggested #1 of 7: mentions 'SDG 3' (README.md:3); ...; 2 more hints``."""
    found = hints.by_goal[number]
    quoted = []
    for ev in found[:HINTS_SHOWN]:
        where = f"{ev.path}:{ev.line}" if ev.path and ev.line else ev.path
        quoted.append(_one_line(f"{ev.message} ({where})" if where else ev.message))
    more = len(found) - HINTS_SHOWN
    tail = f"; {more} more hint{'s' if more > 1 else ''}" if more > 0 else ""
    return f"suggested #{rank} of {len(hints.by_goal)}: " + "; ".join(quoted) + tail


def from_facts(facts: ProjectFacts, hints: SdgHints) -> Answers:
    """The first answers: facts from the repository's files and every Goal it mentions,
    ranked, each with why it was suggested."""
    sdgs = [(number, None, why_suggested(hints, number, rank))
            for rank, number in enumerate(ranked_goals(hints), 1)]
    return Answers(name=facts.name, description=facts.description,
                   categories=facts.categories or ["software"], repository=facts.repository,
                   website=facts.website, license=facts.license, owner_name=facts.owner,
                   sdgs=sdgs)


def _q(value: Any) -> str:
    """A YAML scalar: JSON quoting is valid YAML and never changes a string's type."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def _field(key: str, value: Any, todo: str, indent: int = 0) -> str:
    pad = " " * indent
    if value in (None, "", []):
        return f"{pad}{key}:  # TODO: {todo}\n"
    return f"{pad}{key}: {_q(value)}\n"


def render(answers: Answers, facts: ProjectFacts) -> str:
    """The file's text: answers filled in, open questions marked ``# TODO:``."""
    src = facts.sources
    out = ["# Declarations for dpgcheck and the DPG application; format: docs/declarations.md\n",
           "# Fill in every TODO, then run 'dpgcheck .'. Empty keys count as not answered.\n",
           "dpg: 1\n"]
    out.append(_field("name", answers.name, "the solution's full name"))
    if answers.name and src.get("name"):
        out[-1] = out[-1].rstrip("\n") + f"  # from {src['name']}: check it\n"
    out.append(_field("description", answers.description, "one sentence: what it does, for whom"))
    if answers.description and src.get("description"):
        out[-1] = out[-1].rstrip("\n") + f"  # from {src['description']}: check it\n"
    cats = ", ".join(answers.categories)
    out.append(f"categories: [{cats}]  # TODO: check (software | data | content | aimodel)\n")
    out.append(_field("repository", answers.repository, "https URL of the repository"))
    out.append(_field("website", answers.website, "public website, if any"))
    out.append("\nowner:                     # indicator 3\n")
    out.append(_field("name", answers.owner_name, "legal owner", 2))
    if answers.owner_name and src.get("owner"):
        out[-1] = out[-1].rstrip("\n") + f"  # from {src['owner']}: check it\n"
    out.append(_field("country", answers.owner_country, "owner's country", 2))
    out.append(_field("type", answers.owner_type, " | ".join(OWNER_TYPES), 2))
    out.append(_field("evidence_url", None, "page that shows the ownership", 2))
    out.append("\ndeclared_by:               # who may speak for the project on 7-9\n")
    out.append(_field("name", answers.declared_by_name, "your name", 2))
    out.append(_field("role", answers.declared_by_role, "your role", 2))
    out.append("\n# Indicator 1: the Goals the solution serves, why, and links.\n")
    if answers.sdgs:
        if any(note.startswith("suggested #") for _, _, note in answers.sdgs):
            out.append("# The Goals below are suggested from what the repository mentions, the\n"
                       "# best supported first; keep those the solution serves, delete the rest.\n")
        out.append("sdgs:\n")
        for number, relevance, note in answers.sdgs:
            comment = f"  # {goal_name(number)}" + (f"; {note}" if note else "")
            out.append(f"  - number: {number}{comment}\n")
            out.append(_field("relevance", relevance, f"why it serves SDG {number}", 4))
            out.append("    evidence: []  # TODO: links that show it\n")
    else:
        out.append("sdgs:  # TODO: e.g. [{number: 3, relevance: '...', evidence: [https://...]}]"
                   "\n")
    out.append("\nprivacy:                   # indicator 7\n")
    if answers.laws:
        out.append("  laws:\n" + "".join(
            f"    - name: {_q(law)}\n      evidence_url:  # TODO: privacy policy or terms\n"
            for law in answers.laws))
    else:
        out.append("  laws:  # TODO: e.g. [{name: GDPR, evidence_url: https://...}]\n")
    out.append("  policy_url:  # TODO: privacy policy URL\n")
    out.append("\ndata_privacy:              # 9a\n")
    out.append(_field("pii", answers.pii, "none | collected | stored | distributed", 2))
    out.append("  types:  # TODO: kinds of personal data, if any\n")
    out.append("  safeguards:  # TODO: how privacy, security and integrity are ensured\n")
    out.append("  evidence_url:\n")
    out.append("\ncontent:                   # 9b\n")
    out.append(_field("level", answers.content, "none | collected | stored | distributed", 2))
    out.append("  policy_url:\n  response_time:\n  moderation:\n")
    out.append("\ninteraction:                # 9c\n")
    out.append(_field("users_interact", answers.users_interact, "true | false", 2))
    out.append("  protections:\n  minors:\n  policy_url:\n")
    out.append("\ndata_extraction:            # 6\n"
               "  handles_non_pii:  # TODO: true | false\n  mechanism:\n  formats: []\n"
               "  evidence_url:\n")
    out.append("\nstandards: []               # 8: [{name: ..., evidence_url: ...}]\n"
               "best_practices: []\n")
    out.append("documentation: []           # 5: URLs of documentation outside the repository\n")
    out.append("\nlocations:                  # the DPGA application asks for these\n"
               "  development: []  # TODO: countries it is developed in\n"
               "  deployment: []   # TODO: countries it is deployed in\n")
    if answers.license:
        out.append(f"\n# Licence found: {answers.license}"
                   f" ({src.get('license', 'repository')}); indicator 2 checks it.\n")
    out.append("\nwaivers: []                 # [{id: ..., reason: ..., expires: 2027-06-30}]\n")
    return "".join(out)
