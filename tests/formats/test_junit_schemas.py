"""JUnit output validated with lxml against the two schemas CI systems check JUnit XML with:
Jenkins xunit's ``junit-10.xsd`` and the Apache Ant one (windyroad's ``JUnit.xsd``), both
copied unmodified into ``tests/fixtures/junit/`` (see its README for sources and licences).
Every outcome, a waiver, several targets, hostile repository text and checks beyond the
Standard are rendered by the CLI on built repositories."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

etree = pytest.importorskip("lxml.etree", reason="lxml (a test dependency) validates XSDs")

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "junit"
SCHEMAS = ("jenkins-xunit-junit-10.xsd", "ant-junit.xsd")
STATUSES = ["pass", "fail", "warning", "needs-declaration", "not-applicable", "error"]


@cache
def schema(name: str):
    return etree.XMLSchema(etree.parse(str(FIXTURES / name)))


def violations(name: str, xml: bytes) -> list[str]:
    xsd = schema(name)
    xsd.validate(etree.fromstring(xml))
    return [f"{e.line}: {e.message}" for e in xsd.error_log]


def junit_xml(cli, *args) -> bytes:
    out = cli(*args, "--format", "junit")
    assert out.stdout.startswith("<?xml")
    return out.stdout.encode("utf-8")


@pytest.mark.parametrize("xsd", SCHEMAS)
@pytest.mark.parametrize("status", STATUSES)
def test_every_outcome_is_valid(cli, repo, hello_plugin, xsd, status):
    xml = junit_xml(cli, "--only", "hello-file,hello-findings,2",
                    repo({"HELLO.txt": status, "FINDINGS.txt": f"x {status} README.md:1\n",
                          "README.md": "hi\n"}))
    assert violations(xsd, xml) == []


@pytest.mark.parametrize("xsd", SCHEMAS)
def test_waivers_several_targets_hostile_text_and_extras_are_valid(cli, repo, hello_plugin,
                                                                  xsd):
    waived = repo({"HELLO.txt": "fail",
                   "dpg.yml": "waivers:\n  - id: hello-file\n    reason: due in May\n"})
    hostile = repo({"FINDINGS.txt": "bad\x07id fail README.md:1 -- bell \x07 <tag> & ]]>\n",
                    "README.md": "x"})
    advice = repo({"ADVICE.txt": "cite fail -- add CITATION.cff\n"})
    xml = junit_xml(cli, "--only", "hello-file,hello-findings,hello-advice", waived, hostile,
                    advice)
    assert violations(xsd, xml) == []
    assert len(etree.fromstring(xml).findall("testsuite")) == 3


@pytest.mark.parametrize("xsd", SCHEMAS)
def test_a_full_check_is_valid(cli, repo, xsd):
    xml = junit_xml(cli, repo({"README.md": "# Tool\n\nCounts stock.\n",
                               "LICENSE": "MIT License\n"}))
    assert violations(xsd, xml) == []


def test_what_each_schema_asks_is_in_the_output(cli, repo, hello_plugin):
    """The constraints that differ between the two: times, timestamps, ids and packages,
    child order, one child per case; none of them comes from a lenient schema."""
    root = etree.fromstring(junit_xml(cli, "--only", "hello-file,2",
                                      repo({"HELLO.txt": "warning"})))
    assert root.attrib == {}
    (suite,) = root.findall("testsuite")
    for key in ("name", "package", "id", "timestamp", "hostname", "tests", "failures",
                "errors", "skipped", "time"):
        assert suite.get(key), key
    assert suite[0].tag == "properties"
    assert [c.tag for c in suite][-2:] == ["system-out", "system-err"]
    for case in suite.findall("testcase"):
        assert float(case.get("time")) >= 0 and case.get("classname")
        assert len(case) <= 1
    assert float(suite.get("time")) == pytest.approx(
        sum(float(c.get("time")) for c in suite.findall("testcase")), abs=0.01)


@pytest.mark.parametrize(("xsd", "breakage"), [
    ("jenkins-xunit-junit-10.xsd", lambda root: root.set("skipped", "0")),
    ("ant-junit.xsd", lambda root: root.set("tests", "1")),
    ("ant-junit.xsd", lambda root: etree.SubElement(root.find("testsuite/testcase"),
                                                    "system-out")),
    ("ant-junit.xsd", lambda root: root.find("testsuite/testcase").attrib.pop("time")),
    ("ant-junit.xsd", lambda root: root.find("testsuite").attrib.pop("timestamp")),
    ("jenkins-xunit-junit-10.xsd", lambda root: root.find("testsuite").set("time", "1e-3")),
])
def test_the_schemas_reject_what_dpgcheck_no_longer_writes(cli, repo, hello_plugin, xsd,
                                                           breakage):
    """Each documented constraint is real: the output broken in that one way fails."""
    root = etree.fromstring(junit_xml(cli, "--only", "hello-file", repo({"HELLO.txt": "x"})))
    assert schema(xsd).validate(root)
    breakage(root)
    assert not schema(xsd).validate(root)
