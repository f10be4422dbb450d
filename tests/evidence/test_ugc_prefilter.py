"""The words the user-generated-content regex is pre-filtered by are in each of its branches."""

from __future__ import annotations

import re
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dpgcheck.evidence.signals.content import _may_name_ugc, _rules


def literal_runs(items, folded: bool = False) -> list[tuple[str, bool]]:
    """Runs of consecutive literal characters of a parsed (sub)pattern, nested groups too,
    each with whether it matches in either case."""
    runs, run = [], ""
    for op, arg in items:
        if op is c.LITERAL:
            run += chr(arg)
            continue
        runs.append((run, folded))
        run = ""
        if op is c.SUBPATTERN:
            runs += literal_runs(arg[-1], folded or bool(arg[1] & c.SRE_FLAG_IGNORECASE))
    return [*runs, (run, folded)]


def test_every_branch_of_the_regex_holds_class_or_create():
    pattern = _rules()[1]
    assert not pattern.flags & re.IGNORECASE
    (op, (_, branches)), = list(_parser.parse(pattern.pattern))
    assert op is c.BRANCH
    for branch in branches:
        runs = literal_runs(branch)
        assert any(("class" in run and not folded) or "create" in run.lower()
                   for run, folded in runs), runs


def test_the_prefilter_never_drops_a_match():
    ugc = _rules()[1]
    texts = ["public class Comment {}", "CREATE TABLE IF NOT EXISTS posts (id int)",
             "create_table :comments do |t|", "knex.schema.createTable('uploads', t => {})",
             "Create Table `app`.`photos`", "export default class Review extends Model {}",
             "const x = 1;\nfunction posts() {}\n", ""]
    for text in texts:
        if ugc.search(text):
            assert _may_name_ugc(text), text
    assert not _may_name_ugc("const x = 1;\nfunction posts() {}\n")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_match_the_pattern_can_make_passes_the_prefilter(data):
    ugc = _rules()[1]
    text = data.draw(st.from_regex(ugc, fullmatch=False))
    assert ugc.search(text)
    assert _may_name_ugc(text), text


def test_the_prefilter_reads_the_class_names_from_the_pattern_and_drops_other_heads():
    from dpgcheck.evidence.signals.content import _class_names

    names = _class_names()
    assert names is not None and names.search("class MediaAttachment ")
    # what most model heads of a Java or TypeScript tree say: no longer tried
    for text in ("public class LoanProduct extends AbstractPersistable {}",
                 "this.createdDate = createdDate;", "class CommentaryService {}",
                 "private static Comment create(String body) {}"):
        assert not _rules()[1].search(text)
        assert not _may_name_ugc(text), text
