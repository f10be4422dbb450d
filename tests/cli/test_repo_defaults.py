"""Defaults kept in the repository ([tool.dpgcheck] or a dpgcheck block in dpg.yml)."""

from __future__ import annotations

import json

from tests.license_texts import filled

FILES = {"README.md": "# Project\n\nProject helps clinics.\n\n## Install\n\npip install p\n",
         "LICENSE": filled("MIT")}
PYPROJECT = ('[project]\nname = "p"\n\n[tool.dpgcheck]\nfail-on = "needs-declaration"\n'
             'skip = ["9b", "discoverability"]\nformat = "json"\n')


def test_pyproject_defaults_apply_and_are_shown(cli, repo):
    root = repo({**FILES, "pyproject.toml": PYPROJECT})
    result = cli(root)
    assert result.exit_code == 1  # needs-declaration now breaks the run
    report = json.loads(result.stdout)  # format = "json"
    ids = [i["id"] for i in report["indicators"]]
    assert "content-moderation" not in ids and report["extras"] == []
    assert ("defaults from pyproject.toml [tool.dpgcheck]: fail-on needs-declaration; "
            "skip 9b, discoverability; format json") in report["notes"]


def test_flags_win_over_repository_defaults(cli, repo):
    root = repo({**FILES, "pyproject.toml": PYPROJECT})
    result = cli("--fail-on", "fail", "-f", "terminal", root)
    assert result.exit_code == 0
    assert "Verdict:" in result.stdout
    assert "(overridden on the command line: fail-on, format)" in result.stdout


def test_dpg_yml_block_is_read_when_pyproject_has_none(cli, repo):
    root = repo({**FILES, "pyproject.toml": '[project]\nname = "p"\n',
                 "dpg.yml": "dpgcheck:\n  only: [2, 5]\n  category: software\n"})
    result = cli("-f", "json", root)
    report = json.loads(result.stdout)
    assert [i["number"] for i in report["indicators"]] == ["2", "5"]
    assert "defaults from dpg.yml (dpgcheck:): only 2, 5; category software" in report["notes"]


def test_bad_defaults_are_one_line_exit_2(cli, repo):
    typo = repo({**FILES, "pyproject.toml": '[tool.dpgcheck]\nfail_on = "warn"\nskp = [1]\n'})
    result = cli(typo)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "did you mean `skip`" in result.stderr
    # A pyproject.toml that is not TOML at all is the repository's problem, reported by the
    # check; it has no defaults to read.
    broken = repo({**FILES, "pyproject.toml": "[tool.dpgcheck\n"})
    assert "Verdict:" in cli(broken).stdout


def test_oversized_or_linked_pyproject_is_not_read(cli, repo, tmp_path):
    outside = tmp_path / "outside.toml"
    outside.write_text('[tool.dpgcheck]\nformat = "json"\n')
    root = repo(FILES)
    (root / "pyproject.toml").symlink_to(outside)
    assert "Verdict:" in cli(root).stdout  # the link is not followed: terminal, not json
    big = repo({**FILES, "pyproject.toml": '[tool.dpgcheck]\nformat = "json"\n'
                + "# pad\n" * 60_000})
    assert "Verdict:" in cli(big).stdout


def test_batches_ignore_repository_defaults(cli, repo):
    roots = [repo({**FILES, "pyproject.toml": PYPROJECT}), repo(FILES)]
    result = cli(*roots)
    assert "defaults from" not in result.stdout
