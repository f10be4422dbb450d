"""JUnit XML: well-formed, one test case per indicator, statuses mapped to what CI shows."""

from __future__ import annotations

import xml.etree.ElementTree as ET

STATUSES = ["pass", "fail", "warning", "needs-declaration", "not-applicable", "error"]


def junit(cli, *args):
    out = cli(*args, "--format", "junit")
    assert out.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return out, ET.fromstring(out.stdout)


def outcome(case):
    kinds = [child.tag for child in case if child.tag in ("failure", "error", "skipped")]
    assert len(kinds) <= 1
    return kinds[0] if kinds else "passed"


def case_for(root, indicator_id):
    (case,) = [c for c in root.iter("testcase") if c.get("name").endswith(f"[{indicator_id}]")]
    return case


def test_one_case_per_indicator_and_counts_add_up(cli, repo, hello_plugin):
    root_dir = repo({"HELLO.txt": "fail\n", "FINDINGS.txt": "x warning README.md:1\n",
                     "README.md": "hi\n"})
    out, root = junit(cli, "--only", "hello-file,hello-findings,broken-plugin,2", root_dir)
    assert out.exit_code == 1
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == 4
    assert outcome(case_for(root, "broken-plugin")) == "error"
    # Indicator 2 finds no licence in this tree: a failure, like hello-file.
    assert {outcome(case_for(root, i)) for i in ("open-license", "hello-file")} == {"failure"}
    warned = case_for(root, "hello-findings")
    assert outcome(warned) == "passed" and list(warned) == []  # its note is the suite's
    notes = suite.find("system-out").text
    assert f"{warned.get('name')}: warning: " in notes and "x: x is warning" in notes
    assert root.attrib == {}  # totals are the suites' (the Ant schema allows none here)
    assert suite.get("tests") == "4"
    assert suite.get("failures") == "2" and suite.get("errors") == "1"
    assert suite.get("skipped") == "0"
    props = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert props["verdict"] == "fail" and props["standard.version"] == "1.1.7"
    failure = case_for(root, "hello-file").find("failure")
    assert failure.get("message") == "fail: HELLO.txt says fail"
    assert "Fix: Change HELLO.txt." in failure.text and "HELLO.txt:1" in failure.text


def test_each_status_maps_to_one_outcome(cli, repo, hello_plugin):
    found = {}
    for status in STATUSES:
        _, root = junit(cli, "--only", "hello-file", repo({"HELLO.txt": status}))
        found[status] = outcome(case_for(root, "hello-file"))
    assert found == {"pass": "passed", "fail": "failure", "warning": "passed",
                     "needs-declaration": "skipped", "not-applicable": "skipped",
                     "error": "error"}


def test_fail_on_policy_turns_more_statuses_into_failures(cli, repo, hello_plugin):
    for status, level in (("warning", "warning"), ("needs-declaration", "needs-declaration")):
        out, root = junit(cli, "--fail-on", level, "--only", "hello-file",
                          repo({"HELLO.txt": status}))
        assert out.exit_code == 1
        assert outcome(case_for(root, "hello-file")) == "failure"
    out, root = junit(cli, "--strict", "--only", "hello-file", repo({"HELLO.txt": "warning"}))
    assert out.exit_code == 1 and outcome(case_for(root, "hello-file")) == "failure"


def test_waived_failure_is_skipped_with_the_reason(cli, repo, hello_plugin):
    root_dir = repo({"HELLO.txt": "fail",
                     "dpg.yml": "waivers:\n  - id: hello-file\n    reason: fix due in May\n"})
    out, root = junit(cli, "--only", "hello-file", root_dir)
    assert out.exit_code == 0
    skipped = case_for(root, "hello-file").find("skipped")
    assert skipped.get("message") == "waived: fix due in May (was fail: HELLO.txt says fail)"


def test_text_that_xml_cannot_carry_is_replaced(cli, repo, hello_plugin):
    root_dir = repo({"FINDINGS.txt": "bad\x07id fail README.md:1 -- bell \x07 and <tag> & co\n",
                     "README.md": "x"})
    _, root = junit(cli, "--only", "hello-findings", root_dir)
    failure = case_for(root, "hello-findings").find("failure")
    # Control characters from the repository are shown escaped (formats/sanitize.py).
    assert "bell \\x07 and <tag> & co" in failure.text


def test_several_targets_are_several_suites(cli, repo, hello_plugin):
    out, root = junit(cli, "--only", "hello-file", repo({"HELLO.txt": "pass"}),
                      repo({"HELLO.txt": "fail"}))
    assert out.exit_code == 1
    suites = root.findall("testsuite")
    assert [s.get("failures") for s in suites] == ["0", "1"]
    assert [s.get("id") for s in suites] == ["0", "1"]
    assert sum(int(s.get("tests")) for s in suites) == 2


def test_checks_beyond_the_standard_never_fail(cli, repo, hello_plugin):
    root_dir = repo({"ADVICE.txt": "cite fail -- add CITATION.cff\n"})
    out, root = junit(cli, "--strict", "--only", "hello-advice", root_dir)
    assert out.exit_code == 0
    case = case_for(root, "hello-advice")
    assert outcome(case) == "passed"
    assert "[fail] cite: add CITATION.cff" in root.find("testsuite/system-out").text
    assert "(beyond the Standard)" in case.get("name")


def test_partly_waived_findings_are_marked_in_the_failure(cli, repo, hello_plugin):
    root_dir = repo({"FINDINGS.txt": "a fail\nb fail\n",
                     "dpg.yml": "waivers:\n  - id: a\n    reason: known gap\n"})
    out, root = junit(cli, "--only", "hello-findings", root_dir)
    assert out.exit_code == 1
    text = case_for(root, "hello-findings").find("failure").text
    assert "[fail] a: a is fail (waived: known gap)" in text
    assert "[fail] b: b is fail\n" in text
