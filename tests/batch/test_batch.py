"""Batch mode on local repositories: target lists, jobs, errors, resume, shards, formats."""

from __future__ import annotations

import csv
import io
import json

from tests.conftest import git

FILES = {"README.md": "# Project\n", "LICENSE": "MIT License\n"}


def lines(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_from_file_with_jobs_and_a_failing_target(cli, repo, tmp_path):
    roots = [repo({**FILES, "n.txt": str(i)}) for i in range(3)]
    listing = tmp_path / "targets.txt"
    listing.write_text("# nominations\n\n" + "\n".join(str(r) for r in roots)
                       + f"\n{tmp_path / 'missing'}  # gone\n")
    out = tmp_path / "out.jsonl"
    result = cli("--from-file", listing, "--jobs", "2", "-f", "jsonl", "-o", out)
    entries = {e["input"]: e for e in lines(out)}
    # A missing folder is wrong input: exit 2, as when it is the only target; the others are
    # still checked and written.
    assert result.exit_code == 2
    assert set(entries) == {*(str(r) for r in roots), str(tmp_path / "missing")}
    missing = entries[str(tmp_path / "missing")]
    assert missing["verdict"] == "error"
    assert "no such file or folder" in missing["error"]
    for root in roots:
        assert entries[str(root)]["target"]["commit"] == git(root, "rev-parse", "HEAD").strip()
    # Not a terminal: one progress line per target, then the summary table on stderr.
    assert result.stderr.count("[") >= 4
    assert "[4/4]" in result.stderr
    assert "4 target(s)" in result.stderr


def test_resume_skips_done_targets_and_repairs_a_torn_line(cli, repo, tmp_path):
    first, second, third = (repo({**FILES, "n.txt": str(i)}) for i in range(3))
    out = tmp_path / "out.jsonl"
    cli("-f", "jsonl", "-o", out, first, second)
    assert [e["input"] for e in lines(out)] == [str(first), str(second)]
    with out.open("a") as fh:
        fh.write('{"input": "' + str(third) + '", "verd')  # killed mid-write
    result = cli("-f", "jsonl", "-o", out, first, second, third)
    assert "resuming: 2 target(s) already in" in result.stderr
    assert [e["input"] for e in lines(out)] == [str(first), str(second), str(third)]
    again = cli("-f", "jsonl", "-o", out, first, second, third)
    assert "resuming: 3" in again.stderr
    assert len(lines(out)) == 3


def test_shards_split_the_input_and_merge_combines_them(cli, repo, tmp_path):
    roots = [repo({**FILES, "n.txt": str(i)}) for i in range(5)]
    listing = tmp_path / "targets.txt"
    listing.write_text("\n".join(str(r) for r in roots) + "\n")
    outputs = []
    for k in (1, 2, 3):
        out = tmp_path / f"shard-{k}.jsonl"
        cli("--from-file", listing, "--shard", f"{k}/3", "-f", "jsonl", "-o", out, "-q")
        outputs.append(out)
    inputs = [[e["input"] for e in lines(o)] for o in outputs]
    assert inputs == [[str(roots[0]), str(roots[3])], [str(roots[1]), str(roots[4])],
                      [str(roots[2])]]
    merged = cli("merge", "-f", "csv", *outputs)
    table = list(csv.DictReader(io.StringIO(merged.stdout)))
    assert sorted(row["target"] for row in table) == sorted(str(r) for r in roots)
    assert "5 target(s)" in cli("merge", *outputs).stdout
    assert cli("--shard", "4/3", roots[0]).exit_code == 2
    assert cli("--shard", "x", roots[0]).exit_code == 2


def test_merge_keeps_the_last_entry_and_rejects_other_files(cli, tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(json.dumps({"input": "x", "verdict": "error", "error": "offline"}) + "\n")
    b.write_text(json.dumps({"input": "x", "verdict": "pass", "indicators": []}) + "\n")
    result = cli("merge", "-f", "jsonl", a, b)
    assert [json.loads(line)["verdict"] for line in result.stdout.splitlines()] == ["pass"]
    assert result.exit_code == 0
    failing = tmp_path / "c.jsonl"
    failing.write_text(json.dumps({"input": "y", "verdict": "fail", "indicators": []}) + "\n")
    assert cli("merge", a, failing).exit_code == 1
    assert cli("merge", a).exit_code == 3
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")
    broken = cli("merge", bad)
    assert broken.exit_code == 2
    assert "bad.jsonl:1: not a JSON line" in broken.stderr


def test_csv_markdown_and_terminal_summaries(cli, repo, tmp_path):
    roots = [repo({**FILES, "n.txt": str(i)}) for i in range(2)]
    table = list(csv.DictReader(io.StringIO(cli("-f", "csv", *roots).stdout)))
    assert [row["target"] for row in table] == [str(r) for r in roots]
    assert {"target", "verdict", "commit", "1", "2", "9c"} <= set(table[0])
    assert table[0]["commit"] == git(roots[0], "rev-parse", "HEAD").strip()[:12]
    markdown = cli("-f", "markdown", *roots).stdout
    assert "## dpgcheck batch: 2 target(s)" in markdown
    assert "| target | verdict | commit | 1 |" in markdown
    terminal = cli(*roots).stdout
    assert "dpgcheck: 2 target(s)" in terminal
    assert "✔ pass" in terminal  # the legend


def test_html_is_self_contained_with_evidence_per_target(cli, repo, tmp_path):
    roots = [repo({**FILES, "n.txt": str(i)}) for i in range(2)]
    out = tmp_path / "report.html"
    cli("-f", "html", "-o", out, *roots, tmp_path / "missing")
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert "<script src" not in page and "<link" not in page and "@import" not in page
    assert page.count("<tbody>") == 3
    assert '<button type="button" class="sort" data-col="0">' in page
    assert 'class="s error"' in page
    assert "Could not check:</strong> no such file or folder" in page
    assert page.count('class="detail"') == 3


def test_json_batch_lists_reports_and_error_entries(cli, repo, tmp_path):
    root = repo(FILES)
    payload = json.loads(cli("-f", "json", root, tmp_path / "missing").stdout)
    assert [e["input"] for e in payload["reports"]] == [str(root), str(tmp_path / "missing")]
    assert payload["reports"][0]["verdict"] != "error"
    assert payload["reports"][0]["indicators"]
    assert payload["reports"][1]["verdict"] == "error"


def test_bad_jobs_value_is_usage_error(cli, repo):
    root = repo(FILES)
    assert cli("--jobs", "0", root, root).exit_code == 2


def test_offline_batch_refuses_remote_targets_from_a_list(cli, repo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    root = repo(FILES)
    listing = tmp_path / "targets.txt"
    listing.write_text(f"{root}\nacme/tool\n")
    out = tmp_path / "out.jsonl"
    cli("--offline", "--from-file", listing, "-f", "jsonl", "-o", out)
    entries = {e["input"]: e for e in lines(out)}
    assert "--offline: 'acme/tool' is a remote repository" in entries["acme/tool"]["error"]
    assert entries[str(root)]["target"]["commit"]


def test_ignore_errors_and_write_in_batch(cli, repo, tmp_path):
    root = repo(FILES)
    summary = tmp_path / "summary.csv"
    result = cli("--ignore-errors", "-f", "jsonl", "-w", f"csv={summary}", root,
                 tmp_path / "missing")
    entries = [json.loads(line) for line in result.stdout.splitlines()]
    # --ignore-errors forgives checks that could not run, not a folder that does not exist.
    assert entries[1]["exit_code"] == 2
    assert result.exit_code == 2
    rows = list(csv.DictReader(io.StringIO(summary.read_text())))
    assert [r["target"] for r in rows] == [str(root), str(tmp_path / "missing")]


def test_a_missing_folder_exits_2_alone_and_beside_another_target(cli, repo, tmp_path):
    root = repo(FILES)
    missing = tmp_path / "missing"
    alone = cli(missing)
    beside = cli(root, missing)
    assert alone.exit_code == beside.exit_code == 2
    assert alone.stderr.strip() == f"dpgcheck: error: no such file or folder: {missing}"
    assert f"{missing}: could not check: no such file or folder" in beside.stdout
    assert str(root) in beside.stdout  # the other target is still reported
    # merge keeps the rule for the entries it reads
    out = tmp_path / "out.jsonl"
    assert cli("-f", "jsonl", "-o", out, root, missing).exit_code == 2
    assert cli("merge", out).exit_code == 2
