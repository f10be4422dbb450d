"""``dpgcheck init``: write a ``dpg.yml`` pre-filled from what the repository already says.

The file is drafted by ``dpgcheck.application.prefill`` (every answer dpgcheck cannot know
left empty with a ``# TODO:`` comment, so it validates at once). On a terminal the main
questions are asked (rich prompts); ``--yes`` takes the guesses as they are. Only that one
file is written, and never over an existing declarations file without ``--force``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dpgcheck.application.facts import gather
from dpgcheck.application.prefill import OWNER_TYPES, Answers, from_facts, render
from dpgcheck.declarations.loader import DECLARATION_PATHS, LEVELS
from dpgcheck.errors import DpgcheckError
from dpgcheck.evidence.sdg_hints import find_sdg_hints, goal_name
from dpgcheck.repo.view import RepoView

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
