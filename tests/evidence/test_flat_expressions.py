"""Flat SPDX expressions of plain ids are normalised as license-expression renders them,
without building its symbol table."""

from __future__ import annotations

import random

from dpgcheck.evidence.licenses import expression
from tests.evidence_helpers import printed_by_fresh_python


def library_render(value: str) -> str | None:
    """What ``normalise`` gives through license-expression alone."""
    library = expression.licensing()
    try:
        parsed = library.parse(value, validate=False)
        keys = library.license_keys(parsed) if parsed is not None else None
    except Exception:
        return None
    if keys is None or not set(keys) <= expression.known_ids():
        return None
    return str(parsed.render())


def test_flat_expressions_render_as_the_library_renders_them():
    catalogue = expression._catalogue()
    ids = sorted(i for i in catalogue.ids if i not in catalogue.deprecated)
    rng = random.Random(7)
    values = ["MIT OR Apache-2.0", "CC-BY-4.0 AND OFL-1.1 AND MIT", "MIT  OR\tISC"]
    for _ in range(600):
        chosen = rng.sample(ids, rng.choice([2, 3, 4]))
        operator = rng.choice(["OR", "AND"])
        values.append(f" {operator} ".join(chosen))
    compared = 0
    for value in values:
        fast = expression.flat_expression(value)
        assert fast is not None, value
        assert fast == library_render(value), value
        compared += 1
    assert compared > 600


def test_other_shapes_are_left_to_the_library():
    for value in ("MIT OR MIT", "MIT AND ISC OR Apache-2.0", "MIT or Apache-2.0",
                  "GPL-2.0+ OR MIT", "GPL-2.0-only WITH Classpath-exception-2.0",
                  "MIT OR Apache2", "GPL-3.0 OR MIT", "MIT OR (Apache-2.0 AND ISC)", "MIT",
                  "MIT OR"):
        assert expression.flat_expression(value) is None, value
    # through normalise they still get the library's answers
    assert expression.normalise("MIT or Apache-2.0") == "MIT OR Apache-2.0"
    assert expression.normalise("GPL-2.0+ OR MIT") == "GPL-2.0-or-later OR MIT"


def test_flat_expressions_are_judged_as_the_parsed_tree_is():
    from dpgcheck.evidence.deps import categories

    catalogue = expression._catalogue()
    ids = sorted(i for i in catalogue.ids if i not in catalogue.deprecated)
    rng = random.Random(11)
    for _ in range(400):
        chosen = rng.sample(ids, rng.choice([2, 3, 4]))
        value = f" {rng.choice(['OR', 'AND'])} ".join(chosen)
        parsed = expression.licensing().parse(value, validate=False)
        assert categories._evaluate_expression(value, "dpga") == \
            categories._walk(parsed, "dpga"), value


def test_sorting_a_flat_expression_imports_no_license_expression():
    code = ("import sys; from dpgcheck.evidence.deps.categories import sort_statement; "
            "s = sort_statement('(MIT OR Apache-2.0)'); "
            "print(s.expression, s.category, 'license_expression' in sys.modules)")
    out = printed_by_fresh_python(code)
    assert out == ["MIT", "OR", "Apache-2.0", "permissive", "False"]


def test_flat_expressions_are_approved_as_the_parsed_tree_is():
    from dpgcheck.evidence.licenses import policy

    catalogue = expression._catalogue()
    ids = sorted(i for i in catalogue.ids if i not in catalogue.deprecated)
    approvable = [i for i in ids if policy.approved_anywhere(i)]
    rng = random.Random(5)
    for _ in range(200):
        chosen = rng.sample(approvable if rng.random() < 0.6 else ids, rng.choice([2, 3]))
        value = f" {rng.choice(['OR', 'AND'])} ".join(chosen)
        parsed = expression.licensing().parse(value, validate=False)
        for category in ("software", "content", "data", "aimodel"):
            for rules in ("dpga", "osi"):
                assert policy.approved(value, category, rules) == \
                    policy._evaluate(parsed, category, rules), (value, category, rules)
    code = ("import sys; from dpgcheck.evidence.licenses.policy import approved; "
            "print(approved('MIT OR Apache-2.0', 'software'), "
            "'license_expression' in sys.modules)")
    out = printed_by_fresh_python(code)
    assert out == ["True", "False"]
