"""dpgcheck reassess on a recorded registry of 20 DPGs: planted drift found, nothing else."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.reassess_world import (
    PLANTED_SINCE_ACCEPTANCE,
    PLANTED_SINCE_PREVIOUS,
    build_world,
    plant,
)


def lines(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def kinds(path, key):
    out: dict[str, set[str]] = {}
    for entry in lines(path):
        for change in entry.get(key) or []:
            out.setdefault(entry["dpg"]["name"], set()).add(change["kind"])
    return out


@pytest.fixture
def world(server, tmp_path):
    w = build_world(tmp_path / "world", server)
    yield w
    w.http.stop()


def run(cli, server, tmp_path, registry, out, *extra):
    return cli("reassess", registry, "--github-url", server.url, "--cache-dir",
               tmp_path / "cache", "-o", out, *extra)


def test_planted_drift_is_found_and_nothing_else(cli, server, world, tmp_path):
    registry = world.write_registry()
    first = tmp_path / "first.jsonl"
    baseline = run(cli, server, tmp_path, registry, first)
    assert baseline.exit_code == 0, baseline.stdout + baseline.stderr
    assert kinds(first, "changes") == {}  # every DPG meets what was accepted
    assert len(lines(first)) == 21  # 20 DPGs, the first with two repositories

    plant(world)
    second = tmp_path / "second.jsonl"
    html, table = tmp_path / "dashboard.html", tmp_path / "changes.csv"
    drifted = run(cli, server, tmp_path, registry, second, "--previous", first,
                  "--html", html, "--csv", table)
    assert drifted.exit_code == 1, drifted.stderr  # a licence and a 404 break the Standard
    assert kinds(second, "changes") == PLANTED_SINCE_ACCEPTANCE
    assert kinds(second, "since_previous") == PLANTED_SINCE_PREVIOUS
    by_name = {e["dpg"]["name"]: e for e in lines(second)}
    busl = by_name["Tool 2"]["changes"][0]
    assert busl["severity"] == "breaks the Standard"
    assert "BUSL-1.1" in busl["message"] and "accepted: MIT" in busl["message"]
    assert any(q["where"] == "LICENSE:1" for q in busl["evidence"])
    moved = by_name["Tool 5"]["changes"][0]
    assert moved["severity"] == "informational" and "org5/tool5-renamed" in moved["message"]
    assert by_name["Tool 4"]["changes"][0]["severity"] == "breaks the Standard"
    assert by_name["Tool 6"]["changes"][0]["message"].endswith("(last 2023-01-01)")
    rows = list(csv.DictReader(io.StringIO(table.read_text())))
    assert {(r["dpg"], r["kind"]) for r in rows if r["since"] == "previous"} == {
        (name, kind) for name, ks in PLANTED_SINCE_PREVIOUS.items() for kind in ks}
    assert "Tool 2" in drifted.stdout and "20 DPGs reassessed, 6 with changes" in drifted.stdout

    issue = tmp_path / "breaks.md"
    merged = cli("reassess", registry, "--merge", second, "--breaks", issue, "-q")
    assert merged.exit_code == 1
    assert issue.read_text().startswith("2 change(s) break the DPG Standard since the previous")
    assert "**Tool 2**" in issue.read_text() and "**Tool 4**" in issue.read_text()

    third = tmp_path / "third.jsonl"
    again = run(cli, server, tmp_path, registry, third, "--previous", second)
    assert kinds(third, "since_previous") == {}  # nothing changed since the last run
    assert kinds(third, "changes") == PLANTED_SINCE_ACCEPTANCE
    assert again.exit_code == 0, again.stderr
    assert cli("reassess", registry, "--merge", third, "--breaks", issue, "-q").exit_code == 0
    assert issue.read_text() == ""  # nothing new breaks the Standard: no issue

    # A month later: a security policy and a README removed, another owner named.
    world.commit("org8/tool8", {"SECURITY.md": None}, "Drop the security policy")
    world.commit("org9/tool9", {"README.md": None}, "Drop the README")
    licence = (world.trees["org10/tool10"] / "LICENSE").read_text()
    world.commit("org10/tool10", {"LICENSE": licence.replace(
        "Example Health Foundation", "Acme Clinics Ltd")}, "New owner")
    fourth = tmp_path / "fourth.jsonl"
    later = run(cli, server, tmp_path, registry, fourth, "--previous", third)
    assert kinds(fourth, "since_previous") == {
        "Tool 8": {"security-policy-removed"}, "Tool 9": {"documentation-removed"},
        "Tool 10": {"ownership-changed"}}
    assert kinds(fourth, "changes") == {**PLANTED_SINCE_ACCEPTANCE,
                                        "Tool 9": {"documentation-missing"}}
    assert later.exit_code == 1  # documentation is required


def test_resume_checks_only_what_is_missing(cli, server, world, tmp_path):
    registry = world.write_registry()
    out = tmp_path / "out.jsonl"
    first = run(cli, server, tmp_path, registry, out)
    assert first.exit_code == 0, first.stderr
    kept = out.read_text().splitlines()[:5]
    out.write_text("\n".join(kept) + "\n" + kept[-1][:20])  # interrupted mid-line
    server.log.clear()
    resumed = run(cli, server, tmp_path, registry, out)
    assert resumed.exit_code == 0
    assert "resumed: 5 repositories" in resumed.stdout
    assert len(lines(out)) == 21
    asked = {r.path.split("/")[2] for r in server.log if r.path.count("/") >= 3}
    done = {json.loads(k)["input"].split("/")[3] for k in kept}
    assert not asked & done


def test_shards_split_the_registry(cli, server, world, tmp_path):
    registry = world.write_registry()
    parts = [tmp_path / f"s{k}.jsonl" for k in (1, 2)]
    for k, part in enumerate(parts, 1):
        run(cli, server, tmp_path, registry, part, "--shard", f"{k}/2")
    inputs = [e["input"] for p in parts for e in lines(p)]
    assert len(inputs) == len(set(inputs)) == 21


def test_bad_registry_is_one_line_exit_2(cli, tmp_path):
    bad = tmp_path / "registry.json"
    bad.write_text("{not json")
    result = cli("reassess", bad, "-o", tmp_path / "o.jsonl")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "is not JSON" in result.stderr


def test_dashboard_in_headless_chromium_shows_the_planted_changes(cli, server, world,
                                                                  tmp_path):
    from tests.chromium_dom import dump_dom

    registry = world.write_registry()
    first = tmp_path / "first.jsonl"
    assert run(cli, server, tmp_path, registry, first).exit_code == 0
    plant(world)
    page = tmp_path / "dashboard.html"
    result = run(cli, server, tmp_path, registry, tmp_path / "second.jsonl", "--previous",
                 first, "--html", page)
    assert result.exit_code == 1, result.stderr
    from bs4 import BeautifulSoup

    dom = BeautifulSoup(dump_dom(page, tmp_path), "html.parser")
    found: dict[str, set[str]] = {}
    for item in dom.select("li.change[data-since=acceptance]"):
        name = item.find_parent("tbody").find("th").contents[0].strip()
        found.setdefault(name, set()).add(item["data-kind"])
    assert found == PLANTED_SINCE_ACCEPTANCE
    assert dom.select_one("#shown").get_text() == "20 of 20 DPGs shown"  # the script ran
    assert dom.select_one("main") and dom.select_one("nav[aria-label=Filters]")
    assert all(b.name == "button" and b["aria-expanded"] == "false"
               for b in dom.select("button.open"))

    # The page's own filter: only DPGs with a change that breaks the Standard.
    filtered = BeautifulSoup(dump_dom(page, tmp_path, "#severity=breaks%20the%20Standard"),
                             "html.parser")
    shown = {g.find("th").contents[0].strip() for g in filtered.select("tbody.dpg")
             if not g.has_attr("hidden")}
    assert shown == {"Tool 2", "Tool 4"}
    assert filtered.select_one("#shown").get_text() == "2 of 20 DPGs shown"
