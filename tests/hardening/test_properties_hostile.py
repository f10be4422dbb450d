"""Property-based tests (issue 17): the bounded YAML loader on random text and random
documents, every output sink on random text, and every formatter on reports whose every
string is random: no control character survives, nothing but our own errors escapes."""

from __future__ import annotations

import json
import string
from datetime import date

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dpgcheck.declarations.loader import Waiver
from dpgcheck.engine.report import IndicatorReport, Report
from dpgcheck.errors import ParseError
from dpgcheck.formats import FORMATS, FormatOptions, get_formatter, sanitize
from dpgcheck.model import Evidence, Finding, Status
from dpgcheck.repo import yamlsafe
from dpgcheck.sources.interface import TargetInfo
from tests.hardening.hostile_repos import CONTROL

PROFILE = settings(max_examples=60, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
HOSTILE = st.lists(st.characters(codec="utf-8") | st.sampled_from(
    ["\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\r", "[", "]", "<", ">", "`", "!", "=", "@",
     "&", "|", "(", ")", "javascript:", "[bold]", "[/]", "[link=x]", "\x1b]8;;"]),
    max_size=30).map("".join)
YAMLISH = st.text(alphabet=string.printable + "&*!|>{}[]-:?#@`'\"\u00e9", max_size=300)
VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                      lambda kids: st.lists(kids, max_size=4)
                      | st.dictionaries(st.text(max_size=8), kids, max_size=4), max_leaves=25)


@PROFILE
@given(YAMLISH | st.binary(max_size=300).map(lambda b: b.decode("utf-8", "replace")))
def test_bounded_yaml_loader_returns_data_or_raises_parse_error(text):
    try:
        yamlsafe.load_all(text, "x.yml")
    except ParseError as exc:
        assert exc.path == "x.yml" and "\n" not in str(exc.args[0])


@PROFILE
@given(VALUES)
def test_bounded_yaml_loader_reads_every_document_as_safe_load_does(value):
    text = yaml.safe_dump(value, allow_unicode=True)
    assert yamlsafe.load(text) == yaml.load(text, Loader=getattr(yaml, "CSafeLoader",
                                                                 yaml.SafeLoader))


@PROFILE
@given(st.integers(2, 30), st.integers(2, 9))
def test_no_alias_graph_past_the_budget_is_ever_built(levels, fan):
    lines = ["l0: &l0 [x]"] + [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * fan)}]"
                               for i in range(1, levels)]
    text = "\n".join(lines) + "\n"
    size, through_aliases = 2, 0  # l0: the sequence and its item
    for _ in range(1, levels):
        through_aliases += fan * size
        size = 1 + fan * size
    try:
        yamlsafe.load(text)
    except yamlsafe.TooComplex:
        assert through_aliases > yamlsafe.MAX_ALIAS_NODES
    else:
        assert through_aliases <= yamlsafe.MAX_ALIAS_NODES


@PROFILE
@given(HOSTILE)
def test_every_text_sink_leaves_no_control_character(text):
    for sink in (sanitize.terminal, sanitize.markdown, sanitize.csv_cell, sanitize.html,
                 sanitize.rich_markup):
        assert not CONTROL.search(sink(text).replace("\n", "").replace("\t", ""))
    md = sanitize.markdown(text)
    assert "<" not in md and ">" not in md
    assert all(md[i - 1] == "\\" for i, c in enumerate(md) if c in "[]`" and i)
    cell = sanitize.csv_cell(text)
    assert not cell.startswith(("=", "+", "-", "@")) or sanitize._is_number(cell)


@PROFILE
@given(VALUES | HOSTILE)
def test_json_sink_is_lossless_and_leaves_no_steering_character(value):
    encoded = sanitize.json_text(json.dumps(value, ensure_ascii=False))
    assert json.loads(encoded) == value
    assert not CONTROL.search(encoded)


def report_of(text: str) -> Report:
    waiver = Waiver(text or "w", text or "r", date(2030, 1, 1))
    finding = Finding(text or "f", Status.FAIL, text, (Evidence(text, path=text or None,
                                                                line=1),), text)
    indicator = IndicatorReport(number="2", id="open-license", title=text, url="https://x.org",
                                status=Status.FAIL, summary=text,
                                evidence=[Evidence(text, path=text or None)],
                                remediation=[text], findings=[finding], data={text: [text]},
                                waiver=waiver, finding_waivers={finding.id: waiver})
    return Report(target=TargetInfo(name=text or "t", path="/srv/x", url=None, commit="0" * 40),
                  categories=["software"], standard_version="1.1.7", indicators=[indicator],
                  notes=[text], declarations_path=text or None)


@PROFILE
@given(HOSTILE)
def test_every_formatter_renders_any_repository_text_without_control_characters(text):
    report = report_of(text)
    for name in FORMATS:
        formatter = get_formatter(name)
        out = formatter.render([report], FormatOptions())
        assert not CONTROL.search(out.replace("\r\n", "\n")), (name, out)
        if formatter.mergeable:
            out = formatter.render_entries([{**report.to_dict(), "input": text}], FormatOptions())
            assert not CONTROL.search(out.replace("\r\n", "\n")), (name, out)
    assert report.indicators[0].summary == text  # formatting never changes the report


@PROFILE
@given(HOSTILE)
def test_the_coloured_terminal_report_carries_only_its_own_colour_codes(text):
    """On a TTY rich adds SGR colour codes; nothing else that steers a terminal gets through."""
    import re

    formatter = get_formatter("terminal")
    for out in (formatter.render([report_of(text)], FormatOptions(color=True, verbosity=1)),
                formatter.render_entries([{**report_of(text).to_dict(), "input": text}],
                                         FormatOptions(color=True))):
        plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
        assert not CONTROL.search(plain.replace("\r\n", "\n")), repr(plain)
