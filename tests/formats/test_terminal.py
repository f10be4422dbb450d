"""The terminal report as a person meets it: in a real terminal of 80 and 120 columns."""

from __future__ import annotations

import re

import pytest

from tests.license_texts import filled
from tests.terminal_helpers import run_in_terminal

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
INDICATOR_LINE = re.compile(r"^ (\S) (PASS|WARNING|FAIL|NEEDS-DECLARATION|NOT-APPLICABLE|ERROR)"
                            r" +(\d[abc]?|\+) +\S")
BARE = {
    "README.md": "# Tool\n\nTool is a small program that helps clinics keep stock of medicine.\n"
                 "\n## Install\n\npip install tool\n",
    "LICENSE": filled("MIT"),
}


@pytest.fixture
def bare(repo):
    return repo(BARE)


#: The marks that open a rule that fired under an indicator (its findings' statuses).
RULE_MARKS = ("✔ ", "! ", "✘ ", "? ", "– ", "E ")


@pytest.mark.parametrize("width", [80, 120])
def test_report_is_laid_out_at_the_terminal_width(bare, width):
    screen, code = run_in_terminal([str(bare)], bare, width)
    assert code == 0
    lines = screen.splitlines()
    assert all(len(line) <= width for line in lines), max(lines, key=len)
    # The longest status label has room: the number never touches it.
    assert any(line.startswith(" ? NEEDS-DECLARATION 1 ") for line in lines), screen
    starts = [i for i, line in enumerate(lines) if INDICATOR_LINE.match(line)]
    assert len(starts) >= 11
    # A wrapped indicator line continues under its own text, not at the left edge.
    text_column = INDICATOR_LINE.match(lines[starts[0]]).end() - 1  # type: ignore[union-attr]
    wrapped = [lines[i + 1] for i in starts
               if i + 1 < len(lines) and lines[i + 1].strip()
               and not INDICATOR_LINE.match(lines[i + 1])
               and not lines[i + 1].lstrip().startswith(("·", "→", "http", *RULE_MARKS))]
    if width == 80:
        assert wrapped, "nothing wrapped at 80 columns"
    assert all(line[:text_column].strip() == "" for line in wrapped), wrapped
    # Fixes wrap under their own text too.
    fix = next(i for i, line in enumerate(lines) if line.lstrip().startswith("→ "))
    indent = len(lines[fix]) - len(lines[fix].lstrip())
    follow = lines[fix + 1]
    assert follow.startswith(" " * (indent + 2)) or follow.lstrip().startswith("→"), follow


def test_verdict_comes_last_then_what_is_left(bare):
    screen, _ = run_in_terminal([str(bare)], bare, 80)
    lines = [line for line in screen.splitlines() if line.strip()]
    beyond = next(i for i, line in enumerate(lines) if line.startswith("Beyond the Standard"))
    verdict = next(i for i, line in enumerate(lines) if line.startswith("Verdict: "))
    assert beyond < verdict
    tail = " ".join(" ".join(line.split()) for line in lines[verdict:])
    assert "Verdict: INCOMPLETE" in tail
    assert "Left: declare 8 indicators (1, 4, 6, 7, 8, 9a, 9b, 9c) only you can answer: run " \
           "`dpgcheck init`" in tail
    assert "Application: the DPGA application is not complete yet:" in tail
    assert "`dpgcheck export` lists them all" in tail
    assert not any(INDICATOR_LINE.match(line) for line in lines[verdict:])


def test_colour_follows_the_terminal_and_the_conventions(bare):
    coloured, _ = run_in_terminal([str(bare)], bare, 100, colors=True)
    assert ANSI.search(coloured.split("Verdict:")[0])
    plain, _ = run_in_terminal([str(bare)], bare, 100, env={"NO_COLOR": "1"}, colors=True)
    assert not ANSI.search(plain.split("Verdict:")[0].split("\n", 1)[1])
    never, _ = run_in_terminal(["--color", "never", str(bare)], bare, 100, colors=True)
    assert not ANSI.search(never.split("Verdict:")[0].split("\n", 1)[1])


def test_color_option_and_force_color_in_a_pipe(cli, bare, monkeypatch):
    assert "\x1b[" not in cli(bare).stdout  # NO_COLOR is set by the fixture
    assert "\x1b[" in cli("--color", "always", bare).stdout
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in cli(bare).stdout
    assert "\x1b[" not in cli("--color", "never", bare).stdout
    bad = cli("--color", "alway", bare)
    assert bad.exit_code == 2
    assert bad.stderr.strip() == ("dpgcheck: error: unknown --color 'alway': use auto, always, "
                                  "never (did you mean `always`?)")


def test_piped_report_keeps_each_item_on_one_line(cli, bare):
    out = cli(bare).stdout
    assert " ? NEEDS-DECLARATION 1   Relevance to the SDGs: no SDG declared" in out
    assert "Left: declare 8 indicators" in out


def test_evidence_location_is_printed_once(cli, bare):
    out = cli("-v", bare).stdout
    assert "(LICENSE:1) (LICENSE:1)" not in out
    assert "LICENSE:1" in out


def test_batch_summary_fits_80_columns(repo, tmp_path):
    roots = [repo(BARE), repo({**BARE, "dpg.yml": "sdgs: [{number: 3, relevance: health}]\n"})]
    screen, _ = run_in_terminal(["-q", *map(str, roots), str(tmp_path / "missing")], tmp_path, 80)
    lines = screen.splitlines()
    table = lines[next(i for i, line in enumerate(lines) if "target(s)" in line):]
    assert all(len(line) <= 80 for line in table)
    header = next(line for line in table if line.lstrip().startswith("target"))
    assert header.split()[-3:] == ["9a", "9b", "9c"]
    joined = " ".join(line.strip() for line in table)
    assert "could not check: no such file or folder" in joined  # below the table, wrapped
