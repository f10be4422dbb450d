"""Excerpts are quoted lines of the checked repository: credentials on them are masked even
when no detector flagged the line (defence in depth behind ``excerpt=""`` on secret evidence)."""

from __future__ import annotations

import pytest

from dpgcheck.engine.excerpts import mask

KEY_ID = "AK" + "IA" + "UQ7XK2MZTD4RW3PZ"  # assembled: this file holds no key
TOKEN = "gh" + "p_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"


@pytest.mark.parametrize("line, hidden", [
    (f"SMTP_USER: {KEY_ID}", KEY_ID),
    (f"export AWS_ACCESS_KEY_ID={KEY_ID}", KEY_ID),
    (f"token = '{TOKEN}'", TOKEN),
    (f"  url: https://example.org/?t={TOKEN}", TOKEN),
    ("PASSWORD=s3cret!x", "s3cret!x"),
])
def test_credentials_on_a_quoted_line_are_masked(line: str, hidden: str) -> None:
    masked = mask(line)
    assert hidden not in masked and "***" in masked


@pytest.mark.parametrize("line", [
    "password = models.CharField(max_length=128)",
    "## Installation with Docker Compose",
    "SCREEN_SIZE_PHONE = 3",
    "version: 2.4.1",
])
def test_ordinary_lines_are_quoted_as_they_are(line: str) -> None:
    assert mask(line) == line
