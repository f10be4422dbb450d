"""The Markdown draft: the answers per indicator, and a checklist of what is missing."""

from __future__ import annotations

from pathlib import Path

from dpgcheck.application.markdown import markdown
from dpgcheck.application.nominee import nominee
from dpgcheck.application.screening import screening
from tests.application_helpers import EXAMPLE_FILES, application


def draft(root: Path) -> str:
    app = application(root)
    return markdown(app, nominee(app), screening(app))


def test_markdown_draft(repo):
    text = draft(repo(EXAMPLE_FILES))
    assert text.startswith("# DPG application draft: Kijiji Clinic Records\n")
    assert "- **SDG 3 (Good Health and Well-being)**: Gives rural clinics" in text
    assert "## 9a. Data privacy and security" in text and "(stored)" in text
    assert "## Missing answers" not in text
    bare = draft(repo({"README.md": "# T\n\nx\n"}))
    assert "## Missing answers" in bare and "- [ ] at least one SDG" in bare


def test_markdown_draft_shows_what_the_check_found_with_its_evidence(repo):
    from tests.application.test_found import found_repo

    text = draft(found_repo(repo))
    section = text.split("## 8. Standards and best practices")[1].split("\n## ")[0]
    assert "Citation File Format (CITATION.cff)" in section
    assert "- Evidence: https://github.com/clinic/stock/blob/HEAD/CITATION.cff" in section
    mechanism = text.split("## 6. Data extraction")[1].split("\n## ")[0]
    assert "- Mechanism: Found in the repository: export or download in an open format" \
        in mechanism
