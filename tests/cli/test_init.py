"""``dpgcheck init``: a pre-filled dpg.yml that validates and round-trips through ``check``."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from dpgcheck.cli.init import run_init
from dpgcheck.declarations.loader import load_declarations
from dpgcheck.repo.view import RepoView
from tests.conftest import git

FILES = {
    "package.json": json.dumps({"name": "farm-ledger", "description": "Ledgers for farmer "
                                "co-operatives.", "license": "Apache-2.0"}),
    "README.md": "# Farm Ledger\n\n[![ci](https://x/badge.svg)](https://x)\n\nHelps co-ops "
                 "fight hunger (SDG 2).\n",
    "LICENSE": "Apache License\nVersion 2.0, January 2004\n\n"
               "Copyright 2021-2024 Harvest Commons e.V.\n",
    "index.js": "module.exports = 1;\n",
}


def statuses(cli, root: Path) -> dict[str, str]:
    result = cli("--only", "1", "--only", "7", "-f", "json", root)
    assert result.exit_code in (0, 1), result.stderr
    return {i["id"]: i["status"] for i in json.loads(result.stdout)["indicators"]}


def test_init_yes_prefills_and_validates(cli, repo):
    root = repo(FILES)
    git(root, "remote", "add", "origin", "https://user:s3cret@github.com/harvest/farm-ledger.git")
    before = sorted(p.name for p in root.iterdir())
    result = cli("init", "--yes", root)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in root.iterdir()) == sorted([*before, "dpg.yml"])
    text = (root / "dpg.yml").read_text()
    assert "s3cret" not in text and "TODO" in text
    decl = load_declarations(RepoView.from_path(root))
    assert decl.warnings == []
    assert decl.get("name") == "Farm Ledger"
    assert decl.get("description") == "Helps co-ops fight hunger (SDG 2)."
    assert decl.get("repository") == "https://github.com/harvest/farm-ledger"
    assert decl.get("owner.name") == "Harvest Commons e.V."
    assert decl.categories == ["software"]
    assert decl.get("sdgs") == [{"number": 2, "relevance": None, "evidence": []}]
    assert "# Licence found: Apache-2.0 (LICENSE)" in text
    assert "# TODO: legal owner" not in text and "country:  # TODO" in text


def test_init_round_trips_through_check(cli, repo):
    root = repo(FILES)
    assert cli("init", "--yes", root).exit_code == 0
    assert statuses(cli, root) == {"sdg-relevance": "needs-declaration",
                                   "privacy-and-laws": "needs-declaration"}
    data = yaml.safe_load((root / "dpg.yml").read_text())
    data["sdgs"][0]["relevance"] = "Co-ops keep fair records of harvests."
    data["privacy"]["laws"] = [{"name": "GDPR", "evidence_url": "https://example.org/privacy"}]
    data["declared_by"] = {"name": "Ana", "role": "Chair"}
    (root / "dpg.yml").write_text(yaml.safe_dump(data))
    assert statuses(cli, root) == {"sdg-relevance": "pass", "privacy-and-laws": "pass"}


def test_never_overwrites_without_force(cli, repo):
    root = repo({"README.md": "# x\n", ".github/dpg.yml": "name: Mine\n"})
    result = cli("init", "--yes", root)
    assert result.exit_code == 2
    assert ".github/dpg.yml already exists: use --force" in result.stderr
    assert (root / ".github/dpg.yml").read_text() == "name: Mine\n"
    assert not (root / "dpg.yml").exists()
    assert cli("init", "--yes", "--force", root).exit_code == 0
    assert "TODO" in (root / ".github/dpg.yml").read_text()
    assert not (root / "dpg.yml").exists()


def test_without_hints_or_facts_the_file_still_validates(cli, tmp_path):
    root = tmp_path / "bare"
    root.mkdir()
    assert cli("init", "-y", root).exit_code == 0
    decl = load_declarations(RepoView.from_path(root))
    assert decl.get("name") == "bare" and decl.get("sdgs") is None and decl.warnings == []


def test_interview_answers_are_written(repo):
    root = repo({"README.md": "# Water\n\nClean Water and Sanitation for towns.\n"})
    replies = {"Owner's country": "Peru", "Owner type": "government",
               "SDG numbers": "6, 99, 11", "Why is it relevant to SDG 6": "Water for towns.",
               "Why is it relevant to SDG 11": "", "Privacy and other laws": "Ley 29733, GDPR",
               "Personal data": "collected", "User content": "none",
               "Do users interact": "no", "Your name": "Luz", "Your role": "CTO"}
    asked: list[str] = []

    def ask(question: str, default: str | None, choices: tuple[str, ...] | None) -> str | None:
        asked.append(question)
        for start, reply in replies.items():
            if question.startswith(start):
                return reply or None
        return default

    run_init(root, yes=False, force=False, interactive=True, ask=ask)
    decl = load_declarations(RepoView.from_path(root))
    assert decl.get("owner.country") == "Peru" and decl.get("owner.type") == "government"
    assert [s["number"] for s in decl.get("sdgs")] == [6, 11]
    assert decl.get("sdgs.0.relevance") == "Water for towns."
    assert decl.get("sdgs.1.relevance") is None
    assert [law["name"] for law in decl.get("privacy.laws")] == ["Ley 29733", "GDPR"]
    assert decl.get("data_privacy.pii") == "collected" and decl.get("content.level") == "none"
    assert decl.get("interaction.users_interact") is False
    assert decl.get("declared_by") == {"name": "Luz", "role": "CTO"}
    assert any(q.startswith("SDG numbers") for q in asked)


def test_every_sdg_mentioned_is_suggested_ranked_with_why(cli, repo):
    """Seven Goals mentioned: all are kept, the best supported first, each with its hints."""
    readme = ("# Clinic Maps\n\nMaps clinics for SDG 3 and SDG 6.\n\n"
              "Good Health and Well-being is our aim; we track SDG 3 targets.\n\n"
              "It also touches SDG 1, SDG 2, SDG 4, SDG 5 and SDG 11.\n")
    docs = "# Impact\n\nClean Water and Sanitation (SDG 6) in towns; SDG 3 again.\n"
    root = repo({"README.md": readme, "docs/impact.md": docs,
                 "notes/line.md": "x\n"})
    assert cli("init", "--yes", root).exit_code == 0
    text = (root / "dpg.yml").read_text()
    decl = load_declarations(RepoView.from_path(root))
    assert decl.warnings == []
    numbers = [s["number"] for s in decl.get("sdgs")]
    assert sorted(numbers) == [1, 2, 3, 4, 5, 6, 11]  # no cut at five
    assert numbers[:2] == [3, 6]  # most hints, in two files, first
    assert numbers[2:] == [1, 2, 4, 5, 11]  # one hint each: in the order they appear
    lines = {int(line.split(":")[1].split("#")[0]): line for line in text.splitlines()
             if line.startswith("  - number:")}
    assert "suggested #1 of 7: " in lines[3] and "(README.md:3)" in lines[3]
    assert "(docs/impact.md:3)" in lines[3] or "more hint" in lines[3]
    assert "Clean Water and Sanitation" in lines[6] and "(docs/impact.md:3)" in lines[6]
    assert "suggested #7 of 7: mentions 'SDG 11' (README.md:7)" in lines[11]
    assert "keep those the solution serves, delete the rest" in text


def test_hint_text_cannot_break_the_written_yaml(cli, repo):
    root = repo({"README.md": "# T\n\nWe serve SDG 4.\n",
                 "docs/we\nird.md": "SDG 4 here\n"})
    assert cli("init", "--yes", root).exit_code == 0
    decl = load_declarations(RepoView.from_path(root))
    assert [s["number"] for s in decl.get("sdgs")] == [4]
    assert "ird.md:1)" in (root / "dpg.yml").read_text()
