"""Shipped YAML catalogues are parsed once and read back from the cache folder as JSON."""

from __future__ import annotations

import json

import pytest

from dpgcheck import datafile


@pytest.fixture()
def fresh(monkeypatch, tmp_path):
    monkeypatch.setenv("DPGCHECK_CACHE_DIR", str(tmp_path))
    datafile.load_yaml.cache_clear()
    yield tmp_path
    datafile.load_yaml.cache_clear()


def test_parsed_yaml_is_kept_and_read_back_while_the_file_is_unchanged(fresh):
    parsed = datafile.load_yaml("standards.yml")
    stored = json.loads((fresh / "data-standards.yml.json").read_text())
    assert stored["data"] == parsed
    # Prove the second process-level load comes from the cache: mark the cached copy.
    stored["data"]["marker"] = "from the cache"
    (fresh / "data-standards.yml.json").write_text(json.dumps(stored))
    datafile.load_yaml.cache_clear()
    assert datafile.load_yaml("standards.yml")["marker"] == "from the cache"


def test_a_copy_derived_from_another_version_of_the_file_is_ignored(fresh):
    parsed = datafile.load_yaml("standards.yml")
    path = fresh / "data-standards.yml.json"
    path.write_text(json.dumps({"key": "other", "data": {"stale": True}}))
    datafile.load_yaml.cache_clear()
    assert datafile.load_yaml("standards.yml") == parsed
    assert json.loads(path.read_text())["key"] != "other"  # rewritten


def test_cache_can_be_turned_off_and_a_broken_copy_is_harmless(monkeypatch, fresh):
    (fresh / "data-closed_components.yaml.json").write_text("{not json")
    datafile.load_yaml.cache_clear()
    assert datafile.load_yaml("closed_components.yaml")["components"]
    monkeypatch.setenv("DPGCHECK_CACHE_DIR", "-")
    datafile.load_yaml.cache_clear()
    assert datafile.load_yaml("content-signals.yml")
    assert not (fresh / "data-content-signals.yml.json").exists()


def test_every_shipped_yaml_file_survives_json_so_it_is_cached(fresh):
    from importlib import resources

    names = [p.name for p in resources.files("dpgcheck").joinpath("data").iterdir()
             if p.name.endswith((".yml", ".yaml"))]
    assert len(names) >= 10
    for name in names:
        datafile.load_yaml(name)
        assert (fresh / f"data-{name}.json").exists(), name
