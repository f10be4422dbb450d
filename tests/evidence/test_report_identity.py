"""Speed changes keep reports identical: the JSON report of a benchmark tree (benchmarks/synth.py,
built here, plus data models) is the same through the fast paths and the plain ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpgcheck.evidence.signals import pii
from dpgcheck.evidence.signals.words import find_many, find_words, same_offsets_lower
from tests.identity_helpers import benchmark_tree, strip

MODELS = {
    "app/models/person.py": "class Person(Model):\n    first_name = CharField()\n"
                            "    emailAddress = EmailField()\n    date_of_birth = DateField()\n"
                            "    email_template = TextField()\n    phone = CharField()\n" * 3,
    "db/migrations/0001_people.sql": "CREATE TABLE people (national_id TEXT, postcode TEXT,"
                                     " mobile_number TEXT, lastName TEXT);\n",
    "src/main/java/org/x/entity/Patient.java":
        "@Entity class Patient {\n  @Column(name = \"birth_date\") LocalDate birthDate;\n"
        "  private String familyName; private String phoneNumber;\n}\n",
}


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # commits the models with the synthetic files
    return benchmark_tree(tmp_path_factory.mktemp("bench") / "tree", MODELS, 600)


def report(cli, tree: Path) -> dict:
    result = cli(str(tree), "--offline", "-f", "json")
    return strip(json.loads(result.stdout))


def test_pii_one_pass_gives_the_report_of_per_hint_searches(cli, tree, monkeypatch):
    fast = report(cli, tree)
    found = next(i for i in fast["indicators"] if i["id"] == "data-privacy-security")
    assert "first_name" in json.dumps(found)  # the models were seen
    monkeypatch.setattr(pii, "_hint_automaton", lambda: None)  # the plain search
    assert report(cli, tree) == fast


def test_the_scan_wide_automaton_gives_the_report_of_per_hint_corpus_searches(cli, tree,
                                                                             monkeypatch):
    from dpgcheck.evidence.signals import scan

    fast = report(cli, tree)
    monkeypatch.setattr(scan, "ahocorasick_rs", None)  # one joined-corpus search per hint
    assert report(cli, tree) == fast


def test_hints_present_equals_substring_tests():
    text = "emailaddress phone_number dob firstname x-e_mail-y zipcode surnames"
    automaton_answer = pii.hints_present(text)
    assert automaton_answer is not None
    every_hint = {h for _, words in pii._rules()[2] for h in words.search_hints}
    assert automaton_answer == {h for h in every_hint if h in text}


#: Pieces of model code: PII words in every spelling, near misses, licence headers, separators.
PIECES = ["email", "Email", "_", "-", "Address", "phone", "Number", "driver", "License",
          "licence", " ", "\n", ".", "(", "'", "date", "Of", "Birth", "first", "Name", "last",
          "client", "Ip", "lat", "Lng", "nin", "running", "template", "zip", "code", "hiv",
          "Status", "SCREEN", "PHONE", "x9", "İ", "é"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_one_pass_finds_what_per_hint_searches_find(pieces):
    """The one automaton pass over rarer search hints (find_many) yields, for every PII
    category, the hits of the per-hint search (find_words), in the same order."""
    text = "".join(pieces)
    lower = same_offsets_lower(text, text.lower())
    lists = [words for _, words in pii._rules()[2]]
    occurrences = pii._occurrences(lower, pii._all_hints())
    found = find_many(text, lower, lists, occurrences)
    expected = [list(find_words(text, lower, words)) for words in lists]
    assert found == expected
    for hits in found:  # offsets stay on the identifiers, whatever lowering does to length
        for hit in hits:
            assert text[hit.offset:hit.offset + len(hit.identifier)] == hit.identifier
            assert hit.identifier.isascii()
