"""``dpgcheck init``: write a ``dpg.yml`` pre-filled from what the repository already says.

Every answer dpgcheck cannot know is left empty with a ``# TODO:`` comment, so the file
validates at once and each indicator that needs it reports ``needs-declaration`` until the
maintainer fills it in. On a terminal the main questions are asked (rich prompts); ``--yes``
takes the guesses as they are. Only that one file is written, and never over an existing
declarations file without ``--force``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dpgcheck.application.facts import ProjectFacts, gather
from dpgcheck.declarations.loader import DECLARATION_PATHS, LEVELS
from dpgcheck.errors import DpgcheckError
from dpgcheck.evidence.sdg_hints import SdgHints, find_sdg_hints, goal_name
from dpgcheck.repo.view import RepoView

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


def from_facts(facts: ProjectFacts, hints: SdgHints) -> Answers:
    sdgs = []
    for number in hints.numbers[:5]:
        first = hints.by_goal[number][0]
        where = f"{first.path}:{first.line}" if first.path else first.message
        sdgs.append((number, None, f"found: {first.message} ({where})"))
    return Answers(name=facts.name, description=facts.description,
                   categories=facts.categories or ["software"], repository=facts.repository,
                   website=facts.website, license=facts.license, owner_name=facts.owner,
                   sdgs=sdgs)


Ask = Callable[[str, str | None, tuple[str, ...] | None], str | None]


def rich_ask(question: str, default: str | None, choices: tuple[str, ...] | None) -> str | None:
    from rich.prompt import Prompt

    if choices:
        shown = "/".join(c for c in choices if c)
        question = f"{question} ({shown}; Enter to skip)"
    answer = Prompt.ask(question, default=default or "", choices=list(choices) if choices
                        else None, show_choices=False, show_default=bool(default))
    return answer.strip() or None


def interview(answers: Answers, ask: Ask) -> Answers:
    """The questions a maintainer can answer in a minute; empty answers stay TODO."""
    answers.name = ask("Solution name", answers.name, None) or answers.name
    answers.description = ask("One-line description", answers.description,
                              None) or answers.description
    answers.owner_name = ask("Legal owner (organisation or person)", answers.owner_name,
                             None) or answers.owner_name
    answers.owner_country = ask("Owner's country", None, None)
    owner_type = ask("Owner type", None, ("", *OWNER_TYPES))
    answers.owner_type = owner_type if owner_type in OWNER_TYPES else None
    guessed = ",".join(str(n) for n, _, _ in answers.sdgs)
    numbers = ask("SDG numbers the solution serves (comma-separated, 1-17)", guessed, None)
    if numbers is not None:
        notes = {n: note for n, _, note in answers.sdgs}
        picked = [int(n) for n in numbers.replace(" ", "").split(",")
                  if n.isdigit() and 1 <= int(n) <= 17]
        answers.sdgs = [(n, ask(f"Why is it relevant to SDG {n} ({goal_name(n)})?", None,
                                None), notes.get(n, "")) for n in dict.fromkeys(picked)]
    laws = ask("Privacy and other laws it complies with (comma-separated, e.g. GDPR)", None,
               None)
    answers.laws = [law.strip() for law in (laws or "").split(",") if law.strip()]
    pii = ask("Personal data (PII): is it collected, stored or distributed?", None,
              ("", *LEVELS))
    answers.pii = pii if pii in LEVELS else None
    content = ask("User content: is it collected, stored or distributed?", None,
                  ("", *LEVELS))
    answers.content = content if content in LEVELS else None
    interact = ask("Do users interact with each other through it?", None,
                   ("", "yes", "no"))
    answers.users_interact = {"yes": True, "no": False}.get(interact or "")
    answers.declared_by_name = ask("Your name (who declares these answers)", None, None)
    answers.declared_by_role = ask("Your role in the project", None, None)
    return answers


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


def existing_declarations(root: Path) -> Path | None:
    for rel in DECLARATION_PATHS:
        if (root / rel).is_file():
            return root / rel
    return None


def run_init(path: Path, *, yes: bool, force: bool, interactive: bool,
             ask: Ask = rich_ask) -> Path:
    """Write the file and return where; raises DpgcheckError (exit 2) on any refusal."""
    root = path.expanduser()
    if not root.is_dir():
        raise DpgcheckError(f"not a folder: {path}")
    existing = existing_declarations(root)
    if existing is not None and not force:
        raise DpgcheckError(f"{existing.relative_to(root)} already exists: "
                            "use --force to overwrite it")
    view = RepoView.from_path(root)
    facts = gather(view)
    answers = from_facts(facts, find_sdg_hints(view))
    if interactive and not yes:
        answers = interview(answers, ask)
    target = existing or root / "dpg.yml"
    try:
        target.write_text(render(answers, facts), encoding="utf-8")
    except OSError as exc:
        raise DpgcheckError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target
