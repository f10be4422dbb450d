"""Property-based tests (issue 9) for the parsers of untrusted text that the first property
file does not cover: the declarations file through schema validation, the publiccode.yml
reader, README parsing, copyright lines, version ranges, text decoding, ``.gitignore`` rules,
and the repository view's queries against a naive reference. Each either returns or raises
our own error type; nothing else escapes."""

from __future__ import annotations

import contextlib
import fnmatch
import string
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dpgcheck.declarations.loader import parse_yaml, validate
from dpgcheck.declarations.schema import line_map
from dpgcheck.errors import ParseError
from dpgcheck.evidence import copyright as copyright_lines
from dpgcheck.evidence import readme
from dpgcheck.evidence.deps.versions import range_relation, spec_intervals
from dpgcheck.evidence.publiccode import parse_publiccode
from dpgcheck.repo.ignore import IgnoreRules
from dpgcheck.repo.reads import decode
from dpgcheck.repo.view import RepoView

PROFILE = settings(max_examples=80, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

SCALARS = st.none() | st.booleans() | st.integers(-5, 20) | st.text(max_size=15) \
    | st.sampled_from(["software", "data", "2030-01-01", "https://x.org", "MIT", "yes"])
KEYS = st.sampled_from([
    "dpg", "name", "aliases", "description", "categories", "repository", "website", "sectors",
    "locations", "owner", "organizations", "declared_by", "sdgs", "privacy", "data_privacy",
    "content", "interaction", "data_extraction", "platform_independence", "standards",
    "best_practices", "documentation", "licenses", "harm_prevention", "waivers", "number",
    "relevance", "evidence_url", "laws", "pii", "id", "reason", "expires", "level", "unknown",
]) | st.text(max_size=8)
VALUES = st.recursive(SCALARS, lambda kids: st.lists(kids, max_size=3)
                      | st.dictionaries(KEYS, kids, max_size=4), max_leaves=15)
DOCUMENTS = st.dictionaries(KEYS, VALUES, max_size=8)


@PROFILE
@given(DOCUMENTS)
def test_any_declarations_document_validates_or_raises_parse_error(document):
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    data = parse_yaml(text, "dpg.yml")
    try:
        warnings = validate(text, data, "dpg.yml")
    except ParseError as exc:
        assert exc.path == "dpg.yml" and str(exc)
    else:
        assert all(isinstance(w, str) for w in warnings)
    assert isinstance(line_map(text, yaml.SafeLoader), dict)


YAMLISH = st.text(alphabet=string.printable + "&*!|>{}[]-:?#@`'\"\u00e9", max_size=300)


@PROFILE
@given(YAMLISH)
def test_any_text_as_declarations_is_data_or_parse_error(text):
    try:
        data = parse_yaml(text, "dpg.yml")
    except ParseError:
        return
    if isinstance(data, dict):
        with contextlib.suppress(ParseError):
            validate(text, data, "dpg.yml")


@PROFILE
@given(VALUES | DOCUMENTS)
def test_publiccode_reader_accepts_any_parsed_value(data):
    facts = parse_publiccode(data, "publiccode.yml")
    assert facts.path == "publiccode.yml"


MARKUP = st.text(alphabet=string.printable + "#=-*`[]()<>!|\u00e9\u4e2d", max_size=600)


@PROFILE
@given(st.sampled_from(["README.md", "README.rst", "README.txt", "README", "README.adoc",
                        "README.org"]), MARKUP)
def test_readme_parser_never_raises(name, text):
    doc = readme.parse(name, text)
    assert doc.path == name
    readme.english_verdict(doc)
    readme.stub_reason(doc)
    readme.install_commands(doc)
    readme.docs_links(doc)


@PROFILE
@given(st.text(alphabet=string.printable + "\u00a9\u00e9", max_size=200)
       .map(lambda s: "Copyright " + s) | st.text(max_size=200))
def test_copyright_lines_never_raise(line):
    found = copyright_lines.holder_from_line(line)
    assert found is None or isinstance(found[0], str)
    copyright_lines.holders_in_text(line, "LICENSE", "licence", licence_text=True)


SPECS = st.text(alphabet="0123456789.^~<>=!*xX|, -v", max_size=25) | st.text(max_size=25)


@PROFILE
@given(SPECS, st.lists(SPECS, max_size=3))
def test_version_ranges_never_raise(spec, ranges):
    assert spec_intervals(spec) is None or isinstance(spec_intervals(spec), list)
    assert range_relation(spec, ranges) in (None, "inside", "overlaps", "no")


@PROFILE
@given(st.binary(max_size=300))
def test_decode_returns_text_or_none(data):
    text = decode(data)
    assert text is None or isinstance(text, str)


@PROFILE
@given(st.lists(st.text(alphabet=string.printable + "[]!*?\\", max_size=20), max_size=8),
       st.text(alphabet="abc/._-*", min_size=1, max_size=20), st.booleans())
def test_gitignore_rules_never_raise(lines, path, is_dir):
    rules = IgnoreRules()
    rules.add("", "\n".join(lines))  # a broken ignore file must not stop the walk
    assert rules.ignored(path.strip("/") or "x", is_dir) in (True, False)


SEGMENT = st.sampled_from(["src", "Docs", "docs", "a", "B", "readme.md", "README.MD", "x.py",
                           "locale", "fr.po", "values.yaml", "Dockerfile", "é", "a b", "[x]"])
PATHS = st.lists(st.lists(SEGMENT, min_size=1, max_size=4).map("/".join), max_size=25)
GLOBS = st.sampled_from(["*", "*.md", "readme*", "*/readme.md", "docs/*", "*o*", "?",
                         "[ab]*", "*.py", "src/*/x.py", "values*.yaml", "docker*", "é*"])


@PROFILE
@given(PATHS, GLOBS, st.sampled_from(["", "docs", "DOCS", "src", "a/b"]))
def test_view_queries_agree_with_a_naive_reference(tmp_path_factory, paths, pattern, folder):
    view = RepoView(Path(tmp_path_factory.getbasetemp()), paths)
    files = sorted(set(paths))
    assert list(view.files) == files
    assert view.glob(pattern) == [p for p in files if fnmatch.fnmatchcase(p.lower(), pattern)]
    assert view.named(pattern) == sorted(
        p for p in files if fnmatch.fnmatchcase(p.rpartition("/")[2].lower(), pattern))
    prefix = folder.lower() + "/"
    assert view.under(folder) == ([p for p in files if p.lower().startswith(prefix)]
                                  if folder else [])
    if folder:  # "/docs/" also matches a path starting "docs/"
        needle = "/" + folder.lower() + "/"
        assert view.containing(needle) == [
            p for p in files if needle in p.lower() or p.lower().startswith(needle[1:])]
    assert view.containing("o", ".md") == [p for p in files
                                           if "o" in p.lower() or ".md" in p.lower()]
    # from four needles on, one automaton pass: overlapping, anchored and non-ASCII needles
    many = ("/docs/", "/a", "ocs", "é", "s/x", "me.m", "/a b/")
    assert view.containing(*many) == [
        p for p in files if any(n in p.lower() or (n.startswith("/") and
                                                   p.lower().startswith(n[1:])) for n in many)]
    assert view.with_suffix(".md", ".PY") == [p for p in files
                                              if p.lower().endswith((".md", ".py"))]
    assert view.with_suffix("e.md", ".MD", "s.yaml", ".y") == [  # buckets by extension
        p for p in files if p.lower().endswith(("e.md", ".md", "s.yaml", ".y"))]
    dirs = {""} | {"/".join(p.lower().split("/")[:i]) for p in files
                   for i in range(1, p.count("/") + 1)}
    assert view.directories == dirs
    assert view.in_dir(folder) == [p for p in files
                                   if p.lower().rpartition("/")[0] == folder.lower()]
    for asked in [*files, *(p.upper() for p in files[:3]), "missing.md"]:
        spellings = [p for p in files if p.lower() == asked.lower()]
        expected = asked if asked in spellings else (spellings[0] if spellings else None)
        assert view.lookup(asked) == expected
        if not any(ch in asked for ch in "*?["):
            assert view.glob(asked) == spellings


# --------------------------------------------------------------------------- licences
EXPRESSIONS = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(["MIT", "Apache-2.0", "GPL-3.0-or-later", "AND", "OR", "WITH",
                              "(", ")", "+", "Classpath-exception-2.0", "LicenseRef-x",
                              "BSD", "GPLv3", "mit license", "UNKNOWN", "", "/", ","]),
             max_size=8).map(" ".join),
)


@PROFILE
@given(EXPRESSIONS, st.lists(EXPRESSIONS, max_size=3))
def test_licence_expressions_normalise_or_give_none(value, others):
    from dpgcheck.evidence.licenses import expression

    result = expression.normalise(value)
    assert result is None or (isinstance(result, str) and result)
    assert isinstance(expression.ids_of(value), list)
    combined = expression.combine([value, *others])
    assert combined is None or isinstance(combined, str)


LICENCE_TEXT = st.text(alphabet=string.printable + "\u00a9\u00e9", max_size=800) | st.lists(
    st.sampled_from(["Permission is hereby granted, free of charge,", "GNU GENERAL PUBLIC",
                     "Version 3", "Apache License", "Copyright (c) 2024 X", "\n",
                     "SPDX-License-Identifier: MIT", "or (at your option) any later version",
                     "THE SOFTWARE IS PROVIDED \"AS IS\"", "Licensed under the"]),
    max_size=12).map(" ".join)


@PROFILE
@given(LICENCE_TEXT)
def test_licence_text_identification_never_raises(text):
    from dpgcheck.evidence.licenses.identify import identify_text

    result = identify_text(text)
    assert result is not None


@PROFILE
@given(st.sampled_from(["package.json", "composer.json", "pyproject.toml", "setup.cfg",
                        "setup.py", "Cargo.toml", "pom.xml", "DESCRIPTION", "x.gemspec",
                        "x.csproj", "datapackage.json", "README.md"]),
       st.text(alphabet=string.printable, max_size=300) | DOCUMENTS.map(
           lambda d: __import__("json").dumps({"license": d, "name": "x"})))
def test_licence_manifest_readers_report_problems_not_crashes(tmp_path_factory, name, text):
    from dpgcheck.evidence.licenses.manifests import read_manifests

    root = tmp_path_factory.mktemp("lic")
    (root / name).write_text(text)
    found, problems = read_manifests(RepoView.from_path(root))
    assert all(d.path == name for d in found)
    assert all(p.startswith(name) for p in problems)


FIXTURE_WORDS = st.sampled_from(["test", "Tests", "spec", "example", "sample", "fixture", "mock",
                                 "dummy", "fake", "stories", "dist", "template", "tmpl", "x",
                                 "model", "api", "_", ".", "-", "py", "js", "\u017f", "\u212a",
                                 "\u0130", "t\u0131", "te", "t", "pec", "ample"])


@settings(max_examples=400, deadline=None)
@given(st.lists(FIXTURE_WORDS, min_size=1, max_size=5).map("".join))
@example("te\u017ft")  # the long s folds to s: a fixture name without the hint "test"
@example("\u017fpec.js")
def test_fixture_name_hints_cover_every_fixture_name(name):
    # build_scan and is_fixture run the fixture-name regex on an ASCII name only when it
    # holds one of the hints; case folding (long s, Kelvin sign, dotted I) needs the regex.
    from dpgcheck.evidence.signals.pathkinds import (
        FIXTURE_NAME,
        FIXTURE_NAME_HINTS,
        is_fixture,
        may_name_fixture,
        paths_with_fixture_names,
    )
    from dpgcheck.repo.lookups import TreeIndex

    lower = name.lower()
    if FIXTURE_NAME.search(lower):
        assert may_name_fixture(lower), name
        assert not lower.isascii() or any(h in lower for h in FIXTURE_NAME_HINTS), name
    assert is_fixture(f"src/{name}") == bool(FIXTURE_NAME.search(lower))
    named = paths_with_fixture_names(TreeIndex([f"src/{name}", "src/plain.py"]))
    assert named == ({f"src/{name}"} if FIXTURE_NAME.search(lower) else set())


MODEL_WORDS = st.sampled_from(["models", "Model", "migrations", "migrate", "entities", "entity",
                               "domain", "schemas", "db", "Database", "prisma", "liquibase",
                               "changelogs", "dto", "serializers", "alembic", "x", "/", "_",
                               ".", "sql", "hbm", "xml", "graphql", "gql", "proto", "avsc",
                               "py", "ts"])


@settings(max_examples=500, deadline=None)
@given(st.lists(MODEL_WORDS, min_size=1, max_size=6).map("".join))
def test_model_path_hints_cover_the_model_path_expression(path):
    # is_model_file runs the expression only on paths holding one of the hints.
    import re as regex

    from dpgcheck.datafile import load_data

    data = load_data("pii-fields.yml")
    if regex.search(data["model_paths"], path, regex.IGNORECASE):
        assert any(h in path.lower() for h in data["model_path_hints"]), path
