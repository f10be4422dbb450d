"""The light entry-point reader gives importlib.metadata's answers."""

from __future__ import annotations

import sys
from importlib.metadata import entry_points

import pytest

from dpgcheck.engine.entrypoints import _from_importlib, group_entries


def as_set(entries):
    return {(e.name, e.value, e.dist_name.lower().replace("_", "-"), e.dist_version)
            for e in entries}


@pytest.mark.parametrize("group", ["dpgcheck.indicators", "console_scripts", "pytest11"])
def test_same_entries_as_importlib_metadata_in_this_environment(group):
    ours = group_entries(group)
    assert as_set(ours) == as_set(_from_importlib(group))
    assert len(ours) == len({(ep.name, ep.value) for ep in entry_points(group=group)})


def dist(folder, name, version, entry_points_txt, suffix=".dist-info"):
    meta = folder / f"{name.replace('-', '_')}-{version}{suffix}"
    meta.mkdir(parents=True)
    header = "PKG-INFO" if suffix == ".egg-info" else "METADATA"
    (meta / header).write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\n"
                               "Name: not-a-header\n")
    (meta / "entry_points.txt").write_text(entry_points_txt)


def test_first_distribution_of_a_name_on_the_path_wins_and_extras_are_ignored(
        tmp_path, monkeypatch):
    first, second = tmp_path / "a", tmp_path / "b"
    dist(first, "acme-plugins", "2.0", "# comment\n[dpgcheck.indicators]\n"
         "alpha = acme.alpha:Alpha [extra]\n\n[console_scripts]\nacme = acme:main\n")
    dist(second, "acme_plugins", "1.0", "[dpgcheck.indicators]\nold = acme.old:Old\n")
    dist(second, "beta", "0.3", "[dpgcheck.indicators]\nbeta = beta:Beta\n", ".egg-info")
    monkeypatch.setattr(sys, "path", [str(first), str(second), str(tmp_path / "missing")])
    ours = group_entries("dpgcheck.indicators")
    assert [(e.name, e.dist_name, e.dist_version) for e in sorted(ours, key=lambda e: e.name)] \
        == [("alpha", "acme-plugins", "2.0"), ("beta", "beta", "0.3")]
    assert as_set(ours) == as_set(_from_importlib("dpgcheck.indicators"))


def test_entries_load_their_object(tmp_path, monkeypatch):
    (tmp_path / "greeter.py").write_text("class Outer:\n    class Inner:\n        word = 'hi'\n")
    dist(tmp_path, "greeter", "1.0", "[dpgcheck.indicators]\nhi = greeter:Outer.Inner\n"
         "mod = greeter [extra]\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    entries = {e.name: e for e in group_entries("dpgcheck.indicators")}
    assert entries["hi"].load().word == "hi"
    assert entries["mod"].load().Outer.Inner.word == "hi"  # a module, extras ignored
