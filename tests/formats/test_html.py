"""The HTML reports in a real headless Chromium: axe-core finds nothing, the keyboard works,
and the page reads without JavaScript."""

from __future__ import annotations

import json

import pytest

from tests.browser import Browser, axe_source
from tests.license_texts import filled

FILES = {"README.md": "# Clinic Stock\n\nClinic Stock helps rural clinics count medicine "
                      "stock.\n\n## Install\n\npip install clinic-stock\n",
         "LICENSE": filled("MIT")}
AXE_RUN = """axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a',
  'wcag21aa', 'wcag22aa', 'best-practice']}, resultTypes: ['violations']}).then(r =>
  JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact,
  nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))"""


@pytest.fixture(scope="module")
def browser():
    chromium = Browser()
    yield chromium
    chromium.close()


@pytest.fixture
def reports(cli, repo, tmp_path):
    hostile = repo({**FILES, "dpg.yml": "waivers:\n  - id: sdg-relevance\n    reason: "
                    "'<img src=x onerror=alert(2)><script>alert(1)</script>'\n"})
    plain = repo(FILES)
    single, batch = tmp_path / "single.html", tmp_path / "batch.html"
    cli("-q", "-f", "html", "-o", single, plain)
    # waivers are only shown in batches unless honoured: honour them so the reason is shown
    cli("-q", "-f", "html", "-o", batch, "--honour-waivers", plain, hostile, tmp_path / "missing")
    return single, batch


def violations(browser: Browser) -> list[dict[str, object]]:
    browser.evaluate(axe_source())
    return json.loads(browser.evaluate(AXE_RUN, promise=True))  # type: ignore[no-any-return]


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_violation_in_either_report(browser, reports, width):
    for page in reports:
        browser.open(page, width=width)
        assert violations(browser) == [], page.name


def test_keyboard_opens_a_targets_evidence(browser, reports):
    _, batch = reports
    browser.open(batch)
    assert browser.evaluate("getComputedStyle(document.querySelector('tr.detail')).display") \
        == "none"
    for _ in range(40):  # Tab until a row's button has the focus
        browser.press("Tab")
        if browser.evaluate("document.activeElement.classList.contains('toggle')"):
            break
    else:
        raise AssertionError("Tab never reached a row")
    assert browser.evaluate("document.activeElement.getAttribute('aria-expanded')") == "false"
    browser.press("Enter")
    assert browser.evaluate("document.activeElement.getAttribute('aria-expanded')") == "true"
    detail = "document.getElementById(document.activeElement.getAttribute('aria-controls'))"
    assert browser.evaluate(f"getComputedStyle({detail}).display") == "table-row"
    assert "Relevance to the SDGs" in browser.evaluate(f"{detail}.innerText")
    browser.press("Enter")
    assert browser.evaluate(f"getComputedStyle({detail}).display") == "none"


def test_sort_headers_are_buttons_with_aria_sort(browser, reports):
    _, batch = reports
    browser.open(batch)
    headers = browser.evaluate("[...document.querySelectorAll('thead th')].map(th => "
                               "[th.getAttribute('aria-sort'), !!th.querySelector('button')])")
    assert headers and all(sort == "none" and has for sort, has in headers)
    names = browser.evaluate("[...document.querySelectorAll('thead th')].map(th => "
                             "th.innerText.replace(/\\s+/g, ' ').trim())")
    assert "1 Relevance to the SDGs" in names and "9c Do no harm: protection from harassment" \
        in names
    browser.evaluate("document.querySelectorAll('button.sort')[1].click()")
    assert browser.evaluate("document.querySelectorAll('thead th')[1].getAttribute('aria-sort')") \
        == "ascending"
    order = browser.evaluate("[...document.querySelectorAll('tbody tr.row td:nth-child(2)')]"
                             ".map(td => td.dataset.k)")
    assert order == sorted(order)


def test_readable_without_javascript_and_repository_text_is_escaped(browser, reports):
    single, batch = reports
    browser.open(batch, javascript=False)
    text = browser.evaluate("document.body.innerText")
    assert "could not check" in text.lower()
    assert browser.evaluate("[...document.querySelectorAll('tr.detail')].every(r => "
                            "getComputedStyle(r).display == 'table-row')")
    assert browser.evaluate("document.querySelectorAll('script').length") == 1  # ours only
    assert browser.evaluate("document.querySelectorAll('img').length") == 0
    assert "&lt;img src=x onerror=alert(2)&gt;&lt;script&gt;" in batch.read_text()
    assert "waived: <img src=x onerror=alert(2)><script>alert(1)</script>" in text
    browser.open(single)
    # One target: laid out like the terminal report, every gap open, the verdict last.
    assert browser.evaluate("document.querySelectorAll('main table').length") == 0
    assert browser.evaluate("[...document.querySelectorAll('details')].filter(d => "
                            "d.querySelector('.badge.needs-declaration')).every(d => d.open)")
    paragraphs = browser.evaluate("[...document.querySelectorAll('section.report > p')]"
                                  ".map(p => p.innerText)")
    assert paragraphs[-2].startswith("Verdict:") and paragraphs[-1].startswith("Left:")


def test_batch_table_keeps_the_target_column_at_phone_width(browser, reports):
    _, batch = reports
    browser.open(batch, width=390)
    assert browser.evaluate("document.documentElement.scrollWidth") <= 390  # no page overflow
    assert browser.evaluate("getComputedStyle(document.querySelector('th.target')).position") \
        == "sticky"
    browser.evaluate("document.querySelector('.table-wrap').scrollLeft = 2000")
    left = browser.evaluate("document.querySelector('tbody th.target')"
                            ".getBoundingClientRect().left")
    assert 0 <= left < 40  # still on screen after scrolling the table sideways
