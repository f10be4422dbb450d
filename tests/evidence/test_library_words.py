"""Licence values with a word license-expression cannot know are refused without building
it, and only values it would refuse itself."""

from __future__ import annotations

import random

from dpgcheck.evidence.licenses import expression, library_words
from tests.evidence_helpers import printed_by_fresh_python


def test_the_words_are_those_of_the_library_tokenizer():
    tokenizer = expression.licensing().get_advanced_tokenizer()
    live = {t for t in tokenizer._known_tokens if t not in ("(", ")")}
    derived = library_words.known_words()
    assert derived is not None
    assert derived == live
    assert {"mit", "apache-2.0", "and", "or", "with", "gpl-2.0+"} <= derived


def _values(rng: random.Random) -> list[str]:
    """Values of every shape: known and unknown words, ids in odd case, LicenseRef-,
    operators and parentheses, non-ASCII letters, versions written as licences."""
    library = sorted(library_words.known_words() or ())
    ours = sorted(expression.known_ids())
    strange = ["Mozilla", "Public", "License", "2.0", "Healthcare", "Disclaimer", "sbom-v19.14.0",
               "postgres14", "#}", "MIT/Apache-2.0", "see", "LICENSE.txt", "LicenseRef-Acme",
               "licenseref-acme", "İnc", "Straße", "ſ", "BSD", "+", "apache", "2", "v3", "GPL"]
    pools = [library, ours, [i.lower() for i in ours], [i.upper() for i in ours], strange]
    values = ["(Mozilla Public License 2.0 with Healthcare Disclaimer)", "sbom-v19.14.0",
              "postgres14", "MIT #}", "Apache License, Version 2.0", "GPL 2.0+", "gpl 2.0",
              "MIT AND LicenseRef-Acme", "MIT WITH foo-exception", "(MIT OR Foo) AND BSD"]
    for _ in range(6000):
        words = [rng.choice(rng.choice(pools)) for _ in range(rng.choice([1, 1, 2, 3, 4, 5]))]
        glue = [rng.choice([" ", " AND ", " OR ", " with ", " (", ") ", "  "])
                for _ in words[1:]]
        values.append(words[0] + "".join(g + w for g, w in zip(glue, words[1:], strict=True)))
    return values


def test_a_value_refused_early_is_one_the_library_refuses():
    rng = random.Random(5)
    refused = kept = 0
    for value in _values(rng):
        if expression.surely_unknown(value):
            refused += 1
            assert expression.by_library(value) is None, value
        else:
            kept += 1
    # both kinds are drawn: the comparison tests the refusals, and some go to the library
    assert refused > 1000 and kept > 1000, (refused, kept)


def test_normalise_gives_the_library_answers():
    rng = random.Random(9)
    for value in _values(rng)[:3000]:
        stripped = value.strip().strip("()").strip() if value.count("(") == 1 else value.strip()
        if not stripped or expression.from_name(stripped) or expression.plain_id(stripped) \
                or expression.flat_expression(stripped):
            continue
        assert expression.normalise(value) == expression.by_library(stripped), value


def test_values_the_library_can_read_are_left_to_it():
    for value in ("GPL-2.0+ OR mit", "gpl 2.0", "Apache-2.0 WITH LLVM-exception",
                  "MIT AND LicenseRef-Acme", "(MIT OR Apache-2.0) AND BSD-3-Clause"):
        assert not expression.surely_unknown(value), value
    assert expression.normalise("GPL-2.0+ OR mit") == "GPL-2.0-or-later OR MIT"
    assert expression.normalise("MIT AND LicenseRef-Acme") == "MIT AND LicenseRef-Acme"


def test_a_maven_licence_name_is_refused_without_importing_the_library():
    code = ("import sys; from dpgcheck.evidence.licenses.expression import normalise; "
            "print(normalise('(Mozilla Public License 2.0 with Healthcare Disclaimer)'), "
            "normalise('sbom-v19.14.0'), 'license_expression' in sys.modules)")
    out = printed_by_fresh_python(code)
    assert out == ["None", "None", "False"]


def test_words_come_from_keys_and_aliases_of_spdx_entries_only():
    entries = [{"spdx_license_key": "Foo-1.0", "other_spdx_license_keys": ["Foo 1.0+"]},
               {"license_key": "scancode-only", "spdx_license_key": ""},
               {"spdx_license_key": "Bar-2.0 WITH (Baz)"}]
    assert library_words.words_of_index(entries) == {
        "and", "or", "with", "foo-1.0", "foo", "1.0+", "bar-2.0", "baz"}
