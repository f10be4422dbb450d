"""Declared findings: the table, the factory, and what raises at once."""

from __future__ import annotations

import pytest

from dpgcheck.api import (
    Evidence,
    Finding,
    FindingSpec,
    FindingTable,
    Indicator,
    Status,
    UndeclaredFinding,
)

TABLE = FindingTable(
    "demo",
    FindingSpec("found", "Thing found"),
    FindingSpec("missing", "Thing missing", "Add {path} with a line {{like this}}: {name, role}."),
    FindingSpec("closed/{component}", "Closed component", {
        "undeclared": "Declare {component}.",
        "unexplained": "Explain {component} in {where}.",
    }, help_url="https://example.org/closed"),
)


class Demo(Indicator):
    id = "demo"
    findings = TABLE


def test_a_gap_gets_its_declared_remediation_with_placeholders_filled():
    finding = Demo().finding("missing", Status.WARNING, "no thing",
                             (Evidence("looked", path="x"),), path="THING.md")
    assert finding == Finding("demo/missing", Status.WARNING, "no thing",
                              (Evidence("looked", path="x"),),
                              "Add THING.md with a line {like this}: {name, role}.")
    assert finding.rule == "demo/missing"


def test_a_pass_carries_no_remediation_and_may_have_none_declared():
    assert Demo().finding("found", Status.PASS, "ok").remediation is None
    assert Demo().finding("missing", Status.NOT_APPLICABLE, "n/a").remediation is None
    with pytest.raises(UndeclaredFinding, match="cannot be a gap"):
        Demo().finding("found", Status.FAIL, "not ok")


def test_a_templated_id_and_remediation_cases():
    finding = Demo().finding("closed/{component}", Status.WARNING, "closed", case="unexplained",
                             component="mongodb-server", where="dpg.yml")
    assert finding.id == "demo/closed/mongodb-server"
    assert finding.rule == "demo/closed/{component}"
    assert finding.remediation == "Explain mongodb-server in dpg.yml."
    assert TABLE.spec_for("demo/closed/mongodb-server") is TABLE["closed/{component}"]
    assert TABLE.spec_for("demo/missing") is TABLE["missing"]
    assert TABLE.spec_for("demo/other") is None


@pytest.mark.parametrize("call", [
    lambda: Demo().finding("not-declared", Status.PASS, "x"),
    lambda: Demo().finding("missing", Status.FAIL, "x"),  # {path} not given
    lambda: Demo().finding("missing", Status.FAIL, "x", path="a", typo="b"),
    lambda: Demo().finding("closed/{component}", Status.FAIL, "x", component="c"),  # no case
    lambda: Demo().finding("closed/{component}", Status.FAIL, "x", case="other", component="c"),
    lambda: Demo().finding("missing", Status.FAIL, "x", case="any", path="a"),
    lambda: Demo().finding("closed/{component}", Status.PASS, "x"),  # the id needs the field
])
def test_programming_errors_raise_at_once(call):
    with pytest.raises(UndeclaredFinding):
        call()


def test_an_indicator_without_a_table_or_with_another_ones_cannot_create_findings():
    class Bare(Indicator):
        id = "bare"

    class Other(Demo):
        id = "other"

    with pytest.raises(UndeclaredFinding, match="declares no findings"):
        Bare().finding("found", Status.PASS, "x")
    with pytest.raises(UndeclaredFinding, match="declared for 'demo'"):
        Other().finding("found", Status.PASS, "x")


def test_bad_declarations_fail_when_declared():
    with pytest.raises(ValueError, match="twice"):
        FindingTable("d", FindingSpec("a", "A"), FindingSpec("a", "B"))
    with pytest.raises(ValueError, match="title"):
        FindingTable("d", FindingSpec("a", " "))
    with pytest.raises(ValueError, match="reserved"):
        FindingTable("d", FindingSpec("a", "A", "Fix {evidence}."))


def test_findings_built_by_hand_still_work():
    """Plugins written before declared findings keep building them directly."""
    finding = Finding("mine/x", Status.FAIL, "bad", (), "Fix it.")
    assert finding.rule is None
    assert finding.to_dict() == {"id": "mine/x", "status": "fail", "message": "bad",
                                 "evidence": [], "remediation": "Fix it."}
