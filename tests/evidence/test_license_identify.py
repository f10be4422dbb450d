"""Licence text identification on SPDX reference texts with realistic edits, and the traps."""

from __future__ import annotations

import pytest

from dpgcheck.cachedir import derived_path
from dpgcheck.evidence.licenses import identify_text, reference
from tests.license_texts import OWNER, as_markdown, filled, rewrapped, spdx_text, without_appendix


def ids(text: str) -> list[str]:
    return [f.spdx for f in identify_text(text).found]


@pytest.mark.parametrize("ident", ["MIT", "Apache-2.0", "BSD-3-Clause", "BSD-2-Clause", "ISC",
                                   "MPL-2.0", "EUPL-1.2", "Unlicense", "CC0-1.0", "ODbL-1.0",
                                   "CC-BY-SA-4.0", "EPL-2.0", "AGPL-3.0-only"])
def test_full_texts_with_edits_are_identified(ident):
    for text in (filled(ident), rewrapped(filled(ident)), filled(ident).replace("\n", "\r\n"),
                 as_markdown(filled(ident))):
        found = identify_text(text).found
        assert [f.spdx for f in found] == [ident]
        assert found[0].method == "text"
        assert found[0].confidence >= 0.92
        assert found[0].added is None


def test_apache_without_appendix_is_apache_not_pixar():
    assert ids(without_appendix(filled("Apache-2.0"))) == ["Apache-2.0"]


def test_gpl_text_alone_is_only_even_though_its_appendix_says_or_later():
    text = filled("GPL-3.0-only")
    assert "any later version" in text  # the GPL's own how-to-apply appendix
    assert ids(text) == ["GPL-3.0-only"]


def test_gpl_or_later_comes_from_the_projects_notice():
    notice = ("This program is free software: you can redistribute it and/or modify it under "
              "the terms of the GNU General Public License as published by the Free Software "
              "Foundation, either version 3 of the License, or (at your option) any later "
              "version.\n\n")
    assert ids(OWNER + "\n\n" + notice + spdx_text("GPL-3.0-only")) == ["GPL-3.0-or-later"]


def test_lgpl_file_is_lgpl_not_gpl():
    assert ids(spdx_text("LGPL-3.0-only")) == ["LGPL-3.0-only"]
    assert ids(spdx_text("LGPL-2.1-only")) == ["LGPL-2.1-only"]


@pytest.mark.parametrize("ident", ["CC-BY-NC-4.0", "CC-BY-ND-4.0", "CC-BY-NC-SA-4.0",
                                   "CC-BY-NC-ND-4.0", "CC-BY-4.0"])
def test_creative_commons_variants_are_told_apart(ident):
    assert ids(spdx_text(ident)) == [ident]
    without_title = spdx_text(ident).split("\n", 1)[1]
    assert ids(without_title) == [ident]


def test_short_notice_is_identified_as_notice():
    result = identify_text("Licensed under the Apache License, Version 2.0 (the \"License\"); "
                           "you may not use this file except in compliance with the License.")
    assert [(f.spdx, f.method) for f in result.found] == [("Apache-2.0", "notice")]


def test_two_licences_in_one_file_dual():
    text = ("This project is dual licensed: you may choose either license.\n\n"
            + filled("MIT") + "\n\n" + "-" * 30 + "\n\n" + spdx_text("Apache-2.0"))
    result = identify_text(text)
    assert sorted(f.spdx for f in result.found) == ["Apache-2.0", "MIT"]
    assert result.operator == "OR"


def test_code_and_docs_licences_in_one_file_are_and():
    text = spdx_text("Apache-2.0") + "\n\n" + "=" * 30 + "\n\n" + spdx_text("CC-BY-4.0")
    result = identify_text(text)
    assert sorted(f.spdx for f in result.found) == ["Apache-2.0", "CC-BY-4.0"]
    assert result.operator == "AND"


def test_mit_with_commons_clause_is_not_plain_mit():
    text = (filled("MIT") + "\n\n\"Commons Clause\" License Condition v1.0\n\nThe grant of "
            "rights under the License will not include, and the License does not grant to "
            "you, the right to Sell the Software.\n")
    assert ids(text) == ["MIT", "LicenseRef-Commons-Clause"]


def test_modified_licence_names_the_added_text():
    text = spdx_text("MPL-2.0").replace(
        "1.1. \"Contributor\"", "0. You may not use the Covered Software for commercial "
        "purposes without prior written permission of the Licensor.\n\n1.1. \"Contributor\"")
    found = identify_text(text).found
    assert [f.spdx for f in found] == ["MPL-2.0"]
    assert found[0].added and "commercial purposes" in found[0].added


@pytest.mark.parametrize("ident", ["SSPL-1.0", "BUSL-1.1", "Elastic-2.0", "JSON",
                                   "PolyForm-Noncommercial-1.0.0"])
def test_non_approved_licences_are_named(ident):
    assert ids(filled(ident)) == [ident]


def test_unrelated_text_is_not_recognised():
    result = identify_text("The quick brown fox jumps over the lazy dog. " * 40)
    assert not result.recognised


def test_reference_data_loads_once():
    assert reference.load() is reference.load()
    assert identify_text(filled("MIT")) == identify_text(filled("MIT"))


def test_word_lists_are_cached_on_disk_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("DPGCHECK_CACHE_DIR", str(tmp_path))
    reference._index_for.cache_clear()
    built = reference._word_lists()
    cached = list(tmp_path.glob("spdx-index*"))
    assert len(cached) == 1
    reference._index_for.cache_clear()
    assert reference._word_lists() == built  # read back from the file
    assert built["MIT"] == " ".join(reference.load().ids["MIT"].words)
    monkeypatch.setenv("DPGCHECK_CACHE_DIR", "-")
    assert derived_path(reference.INDEX_CACHE_NAME) is None


@pytest.mark.parametrize(("ident", "phrase"), [
    ("MIT", "COPYRIGHT HOLDERS BE LIABLE"),
    ("BSD-3-Clause", "COPYRIGHT HOLDERS AND CONTRIBUTORS"),
    ("Apache-2.0", "copyright owner or by an individual"),
])
def test_a_wrapped_line_that_starts_with_copyright_is_part_of_the_terms(ident, phrase):
    """Hard-wrapped texts where a line of the terms begins with "COPYRIGHT HOLDERS ..." (a
    real DPG's MIT file): the line is the licence's, not a notice to leave out."""
    text = filled(ident)
    at = text.lower().find(phrase.lower())
    assert at > 0
    wrapped = text[:at].rstrip(" ") + " \n" + text[at:]
    found = identify_text(wrapped).found
    assert [f.spdx for f in found] == [ident]
    assert found[0].confidence >= 0.92 and found[0].added is None
