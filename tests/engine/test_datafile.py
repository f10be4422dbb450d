"""Shipped YAML catalogues are parsed once and read back from the cache folder."""

from __future__ import annotations

import marshal

import pytest

from dpgcheck import datafile


@pytest.fixture()
def fresh(monkeypatch, tmp_path):
    monkeypatch.setenv("DPGCHECK_CACHE_DIR", str(tmp_path))
    datafile.load_yaml.cache_clear()
    yield tmp_path
    datafile.load_yaml.cache_clear()


def stored(path):
    return marshal.loads(path.read_bytes())


def test_parsed_yaml_is_kept_and_read_back_while_the_file_is_unchanged(fresh):
    parsed = datafile.load_yaml("standards.yml")
    path = fresh / "data-standards.yml.marshal"
    key, data = stored(path)
    assert data == parsed
    # Prove the next process-level load comes from the copy: mark it.
    data["marker"] = "from the cache"
    path.write_bytes(marshal.dumps((key, data)))
    datafile.load_yaml.cache_clear()
    assert datafile.load_yaml("standards.yml")["marker"] == "from the cache"


def test_a_copy_derived_from_another_version_of_the_file_is_ignored(fresh):
    parsed = datafile.load_yaml("standards.yml")
    path = fresh / "data-standards.yml.marshal"
    path.write_bytes(marshal.dumps(("another key", {"stale": True})))
    datafile.load_yaml.cache_clear()
    assert datafile.load_yaml("standards.yml") == parsed
    assert stored(path)[0] != "another key"  # rebuilt and rewritten


@pytest.mark.parametrize("garbage", [b"", b"\x00\xff not marshal", marshal.dumps([1, 2, 3])])
def test_a_broken_copy_is_rebuilt(fresh, garbage):
    (fresh / "data-closed_components.yaml.marshal").write_bytes(garbage)
    datafile.load_yaml.cache_clear()
    assert datafile.load_yaml("closed_components.yaml")["components"]


def test_copies_can_be_turned_off(monkeypatch, fresh):
    monkeypatch.setenv("DPGCHECK_CACHE_DIR", "-")
    assert datafile.load_yaml("content-signals.yml")
    assert not list(fresh.iterdir())


def test_every_shipped_yaml_file_is_plain_data_so_it_is_kept(fresh):
    from importlib import resources

    names = [p.name for p in resources.files("dpgcheck").joinpath("data").iterdir()
             if p.name.endswith((".yml", ".yaml"))]
    assert len(names) >= 10
    for name in names:
        datafile.load_yaml(name)
        assert (fresh / f"data-{name}.marshal").exists(), name
