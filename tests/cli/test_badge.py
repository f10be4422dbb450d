"""``dpgcheck badge``: a shields.io endpoint JSON and a local SVG that agree with the report."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

SVG_NS = "{http://www.w3.org/2000/svg}"
COLORS = {"pass": "brightgreen", "incomplete": "yellow", "fail": "red"}


def expected_from_report(cli, root):
    report = json.loads(cli("-f", "json", root).stdout)
    applicable = [i for i in report["indicators"] if i["status"] != "not-applicable"]
    waived = [i for i in applicable if i["waiver"] and i["status"] != "pass"]
    passed = [i for i in applicable if i["status"] == "pass"] + waived
    message = f"{len(passed)}/{len(applicable)} indicators pass"
    if waived:
        message += f" ({len(waived)} waived)"
    return message, COLORS[report["verdict"]]


def make_badge(cli, root, out_dir, *args):
    result = cli("badge", root, "--output-dir", out_dir, *args)
    assert result.exit_code == 0, result.stderr
    endpoint = json.loads((out_dir / "dpgcheck-badge.json").read_text())
    svg = ET.fromstring((out_dir / "dpgcheck-badge.svg").read_text())
    return result, endpoint, svg


def test_badge_counts_what_the_report_shows(cli, repo, hello_plugin, tmp_path):
    root = repo({"HELLO.txt": "fail", "FINDINGS.txt": "a pass\n"})
    message, color = expected_from_report(cli, root)
    result, endpoint, svg = make_badge(cli, root, tmp_path / "badges" / "new")
    assert endpoint == {"schemaVersion": 1, "label": "DPG Standard", "message": message,
                        "color": color}
    assert color == "red"  # hello-file fails
    assert svg.find(f"{SVG_NS}title").text == f"DPG Standard: {message}"
    assert svg.get("aria-label") == f"DPG Standard: {message}"
    assert message in result.stdout


def test_waived_gap_counts_as_passed_and_is_named(cli, repo, hello_plugin, tmp_path):
    root = repo({"HELLO.txt": "fail", "dpg.yml": "waivers:\n  - id: hello-file\n    reason: x\n"})
    message, _ = expected_from_report(cli, root)
    _, endpoint, _ = make_badge(cli, root, tmp_path)
    assert endpoint["message"] == message and message.endswith("(1 waived)")


def test_svg_escapes_text_and_grows_with_it(cli, repo, tmp_path):
    root = repo({"README.md": "x"})
    _, _, short = make_badge(cli, root, tmp_path / "a", "--label", "DPG")
    _, endpoint, long = make_badge(cli, root, tmp_path / "b", "--label", "<DPG & friends>")
    assert endpoint["label"] == "<DPG & friends>"
    texts = [t.text for t in long.iter(f"{SVG_NS}text")]
    assert "<DPG & friends>" in texts  # escaped in the file, intact once parsed
    assert float(long.get("width")) > float(short.get("width")) + 40
    rects = list(long.iter(f"{SVG_NS}rect"))
    assert rects[2].get("fill") in {"#4c1", "#dfb317", "#e05d44", "#9f9f9f"}


def test_badge_errors_are_one_line_exit_2(cli, tmp_path):
    missing = cli("badge", tmp_path / "nope", "--output-dir", tmp_path)
    assert missing.exit_code == 2 and missing.stderr.startswith("dpgcheck: error: no such")
    remote = cli("badge", "example/project", "--offline", "--output-dir", tmp_path)
    assert remote.exit_code == 2 and "--offline" in remote.stderr
    assert not (tmp_path / "dpgcheck-badge.json").exists()
