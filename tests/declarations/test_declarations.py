"""Loading the declarations file safely."""

from __future__ import annotations

from datetime import date

import pytest

from dpgcheck.declarations.loader import Declarations, load_declarations, parse_yaml
from dpgcheck.errors import ParseError
from dpgcheck.repo.view import RepoView


def test_found_in_any_accepted_place(repo):
    for name in ("dpg.yml", ".dpg.yml", ".github/dpg.yml"):
        view = RepoView.from_path(repo({name: "name: X\n"}))
        decl = load_declarations(view)
        assert decl.path == name and decl.get("name") == "X"


def test_absent_file_gives_empty_declarations(repo):
    decl = load_declarations(RepoView.from_path(repo({"README.md": "x"})))
    assert not decl.present and decl.get("owner.name") is None and decl.waivers == []


def test_syntax_error_has_line_and_column():
    with pytest.raises(ParseError) as info:
        parse_yaml("name: x\nsdgs: [1, 2\n", "dpg.yml")
    assert info.value.path == "dpg.yml" and info.value.line == 3
    assert str(info.value).startswith("dpg.yml:3:")


def test_alias_bomb_is_refused_quickly():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8))
    with pytest.raises(ParseError, match="aliases are not allowed"):
        parse_yaml(bomb)


def test_size_bound():
    with pytest.raises(ParseError, match="larger than"):
        parse_yaml("a: " + "x" * (300 * 1024))


def test_python_tags_are_not_executed():
    with pytest.raises(ParseError):
        parse_yaml("x: !!python/object/apply:os.system ['true']\n")


def test_not_a_mapping_is_an_error(repo):
    with pytest.raises(ParseError, match="mapping"):
        load_declarations(RepoView.from_path(repo({"dpg.yml": "- a\n- b\n"})))


def test_waivers_need_a_reason_and_parse_expiry(repo):
    view = RepoView.from_path(repo({"dpg.yml": (
        "waivers:\n"
        "  - id: open-license\n    reason: relicensing in progress\n    expires: 2030-01-31\n")}))
    (waiver,) = load_declarations(view).waivers
    assert waiver.id == "open-license" and waiver.expires == date(2030, 1, 31)
    assert waiver.active(date(2029, 1, 1)) and not waiver.active(date(2031, 1, 1))
    # A waiver without a reason is refused by the schema; the model also skips it.
    with pytest.raises(ParseError, match=r"waivers\[0\]: missing 'reason'"):
        load_declarations(RepoView.from_path(repo({"dpg.yml": "waivers:\n  - id: standards\n"})))
    assert Declarations(data={"waivers": [{"id": "standards"}]}).waivers == []


def test_broken_declarations_exit_2_with_location(cli, repo):
    root = repo({"dpg.yml": "name: [unclosed\n"})
    result = cli(root)
    assert result.exit_code == 2
    assert result.stderr.startswith("dpgcheck: error: dpg.yml:2:")
    assert result.stderr.count("\n") == 1


def test_sectors_are_checked_against_the_dpga_list_when_loaded(cli, repo):
    root = repo({"README.md": "# Tool\n", "dpg.yml": "sectors:\n  - Health\n  - Educaton\n"})
    result = cli(root)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "dpgcheck: error: dpg.yml:3:5: sectors: 'Educaton' is not one of the DPGA's sectors: "
        "did you mean 'Education'?")
    assert result.stderr.count("\n") == 1
    fine = repo({"README.md": "# Tool\n", "dpg.yml": "sectors: [health, Climate]\n"})
    assert cli(fine).exit_code in (0, 1)
