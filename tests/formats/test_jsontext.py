"""The report encoder writes what ``json.dumps(value, indent=2, ensure_ascii=False)`` writes."""

from __future__ import annotations

import enum
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpgcheck.formats import jsontext


def reference(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


class Level(enum.StrEnum):
    FAIL = "fail"


SCALARS = (st.none() | st.booleans() | st.integers(min_value=-(10**30), max_value=10**30)
           | st.floats(allow_nan=True, allow_infinity=True)
           | st.text(alphabet=st.characters(codec="utf-8"), max_size=20)
           | st.sampled_from(["", "\x00\x1f\x7f\u2028\u2029", 'a"b\\c', "é😀", "\b\f\n\r\t",
                              1e-05, -0.0, 1.5e-07, 1e16]))
KEYS = st.text(max_size=8) | st.integers() | st.booleans() | st.none() | st.floats()
VALUES = st.recursive(SCALARS, lambda inner: (st.lists(inner, max_size=5)
                                              | st.tuples(inner, inner)
                                              | st.dictionaries(KEYS, inner, max_size=5)),
                      max_leaves=40)


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_every_value_is_written_as_json_writes_it(value):
    assert jsontext.dumps(value) == reference(value)


def test_reports_are_written_as_json_writes_them(tmp_path):
    from dpgcheck.engine.runner import RunConfig, check_target

    (tmp_path / "README.md").write_text("# Demo\n\nSupports Good Health and Well-being.\n")
    (tmp_path / "LICENSE").write_text("MIT License\n\nCopyright (c) 2024 Someone\n")
    (tmp_path / "package.json").write_text(
        '{"name": "demo", "license": "MIT", "dependencies": {"left-pad": "1.3.0"}}')
    report = check_target(str(tmp_path), RunConfig(options={"offline": True}))
    payload = report.to_dict()
    assert len(payload["indicators"]) >= 9
    assert jsontext.dumps(payload) == reference(payload)


def test_special_values():
    for value in ({Level.FAIL: Level.FAIL}, [math.nan, math.inf, -math.inf], {1: 2, 2.5: None},
                  {True: False, None: []}, {}, [], [[]], {"a": {}}, "x"):
        assert jsontext.dumps(value) == reference(value)


def test_what_json_cannot_write_is_refused_as_json_refuses_it():
    for value in ({"a": object()}, [b"bytes"], {(1, 2): "tuple key"}, {1, 2}):
        with pytest.raises(TypeError):
            reference(value)
        with pytest.raises(TypeError):
            jsontext.dumps(value)
