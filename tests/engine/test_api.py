"""The plugin face: small, and the names of version 0.1 still import, with a warning."""

from __future__ import annotations

import importlib
import warnings

import pytest

import dpgcheck.api as api


@pytest.mark.parametrize("name", sorted(api._MOVED))
def test_a_moved_name_still_imports_and_says_where_it_went(name):
    module, attribute = api._MOVED[name]
    with pytest.warns(DeprecationWarning, match=rf"use dpgcheck\.api\.{api.new_spelling(name)}"):
        old = getattr(api, name)
    assert old is getattr(importlib.import_module(module), attribute)
    # the new spelling reaches the same object through the face's own names
    head, *rest = api.new_spelling(name).split(".")
    value = getattr(api, head)
    for part in rest:
        value = getattr(value, part)
    assert value is old


def test_the_face_imports_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name in api.__all__:
            getattr(api, name)


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        api.nope  # noqa: B018


@pytest.mark.parametrize("name", ["CODE_EXT", "CONFIG_EXT", "DOC_EXT", "FIXTURE_DIRS", "KEY_EXT",
                                  "KEY_NAMES", "SKIP_DIRS", "is_fixture", "kind_of_name",
                                  "path_parts", "skipped_dir"])
def test_path_rules_moved_out_of_the_scan_are_still_reached_through_it(name):
    # 0.1's deprecation warnings send plugins to api.signals.scan.<name>
    from dpgcheck.evidence.signals import pathkinds

    assert getattr(api.signals.scan, name) is getattr(pathkinds, name)
