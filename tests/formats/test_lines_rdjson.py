"""The annotation formats: one line per gap, and reviewdog's rdjson."""

from __future__ import annotations

import json
import re

from tests.license_texts import filled

LINE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+): (?P<level>error|warning|info) "
                  r"(?P<id>[a-z0-9-]+(?:/[a-z0-9-]+)?): (?P<message>\S.*)$")
FILES = {"README.md": "# Tool\n\nTool helps clinics count stock.\n\n## Install\n\npip install t\n",
         "package.json": '{"name": "t", "license": "GPL-3.0-only"}\n',
         "LICENSE": filled("MIT")}


def test_lines_format_is_one_gap_per_line(cli, repo):
    root = repo(FILES)
    result = cli("-f", "lines", root)
    lines = result.stdout.splitlines()
    assert lines, result.stdout
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), [line for line, m in zip(lines, parsed, strict=True) if not m]
    by_id = {m["id"]: m for m in parsed if m}
    # A gap with no file goes on the declarations file, where its answer belongs.
    sdg = by_id["sdg-relevance/not-declared"]
    assert (sdg["path"], sdg["line"], sdg["level"]) == ("dpg.yml", "1", "info")
    assert sdg["message"].startswith("1 Relevance to the SDGs: ")
    assert "Fix: " in sdg["message"]
    # A gap found in a file is placed on it.
    licence = by_id["open-license/inconsistent"]
    assert (licence["path"], licence["line"], licence["level"]) == ("package.json", "1",
                                                                   "warning")
    assert result.exit_code == cli("-f", "json", root).exit_code


def test_rdjson_has_one_diagnostic_per_gap(cli, repo):
    root = repo(FILES)
    log = json.loads(cli("-f", "rdjson", root).stdout)
    lines = cli("-f", "lines", root).stdout.splitlines()
    assert log["source"]["name"] == "dpgcheck"
    assert len(log["diagnostics"]) == len(lines)
    for diagnostic, line in zip(log["diagnostics"], lines, strict=True):
        m = LINE.match(line)
        assert m is not None
        assert diagnostic["location"]["path"] == m["path"]
        assert diagnostic["location"]["range"]["start"]["line"] == int(m["line"])
        assert diagnostic["severity"] == m["level"].upper()
        assert diagnostic["code"]["value"] == m["id"]
        assert set(diagnostic) <= {"message", "location", "severity", "source", "code",
                                   "suggestions", "original_output", "related_locations"}


def test_waived_gaps_are_not_annotated(cli, repo):
    root = repo({**FILES, "dpg.yml": "waivers:\n  - id: sdg-relevance\n    reason: later\n"})
    out = cli("-f", "lines", root).stdout
    assert "sdg-relevance" not in out
    assert "privacy-and-laws" in out
