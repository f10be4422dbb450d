"""Every finding a built-in indicator emits is declared in its FindingTable.

Two ways: every built-in indicator runs over real repositories built here (every emitted id
must match a declaration, and no check may fail with UndeclaredFinding, which the runner would
turn into an 'internal error'); and the indicator sources are read with ast (every literal
name given to the finding factory is declared, every declaration is used, no finding or
remediation is built by hand).
"""

from __future__ import annotations

import ast
import importlib
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from dpgcheck.api import (
    Context,
    Declarations,
    FindingTable,
    Indicator,
    RepoView,
    Result,
    Status,
)
from dpgcheck.engine.plugins import load_indicators
from dpgcheck.engine.report import Report
from dpgcheck.engine.runner import RunConfig, check_prepared, declared_findings, run_indicator
from dpgcheck.sources.interface import ForgeInfo, Prepared, TargetInfo
from tests.conftest import make_repo, undeclared
from tests.indicators.test_dependency_licenses import files as dependency_files
from tests.license_texts import filled, spdx_text

INDICATORS = Path(__file__).resolve().parents[2] / "indicators"
ALL_CATEGORIES = ["software", "data", "content", "aimodel"]
MIT = filled("MIT")
AWS = "AK" + "IA" + "QX7MZ3KD5PW2TR4N"  # assembled at run time: this file holds no token
AWS_SECRET = "9fK2" + "mQ7xLp3Rt8VwZ1bN6cY4hJ0sD5gF2kA7eU9o"
GOOGLE = "AI" + "za" + "SyB1c2D3e4F5g6H7i8J9k0L1m2N3o4P5q6R"
README = ("# Kijiji\n\nKijiji is an open-source platform that helps community health workers "
          "keep patient records offline.\n\n## Installation\n\n```\npip install kijiji\n```\n")
FRENCH = ("# Projet\n\n" + "Ce projet est un logiciel libre pour les écoles et les enseignants "
          "du pays. Il permet de suivre les élèves, les notes et les absences, et de partager "
          "les leçons avec les familles. " * 3 + "\n")
MODELS = ("class User(Model):\n    email = EmailField()\n    phone_number = CharField()\n"
          "    date_of_birth = DateField()\n    first_name = CharField()\n")
UPLOAD = "from flask import request\nf = request.files['upload']\nf.save('/tmp/x')\n"
COVENANT = ("# Contributor Covenant Code of Conduct\n\n## Our Pledge\n\nWe pledge to make "
            "participation in our community a harassment-free experience for everyone.\n\n"
            "## Enforcement\n\nInstances of abusive behavior may be reported to the community "
            "leaders responsible for enforcement at {contact}.\n\n## Attribution\n\nThis Code "
            "of Conduct is adapted from the [Contributor Covenant][homepage], version 2.1.\n\n"
            "[homepage]: https://www.contributor-covenant.org\n")
DATA_README = ("# Rainfall\n\nThis open dataset gives farmers and researchers daily rainfall "
               "figures.\n\n## Data dictionary\n\nOne row a day.\n\n## Methodology\n\n"
               "Collected by survey.\n\n## Access\n\nDownload the CSV files.\n")
MIXED_DPG = """dpg: 1
owner: {name: Nobody Ltd, country: Kenya, type: company, evidence_url: https://example.org}
sdgs:
  - number: 3
  - number: 4
    relevance: Schools.
    evidence: [https://example.org/sdg-4]
  - number: 13
    relevance: Climate.
privacy:
  laws: [GDPR]
data_privacy:
  pii: none
content:
  level: stored
interaction:
  users_interact: true
  protections: [block, report]
data_extraction:
  handles_non_pii: false
platform_independence:
  closed_dependencies:
    - name: mongodb
      mandatory: true
    - name: oracle-db
      mandatory: true
    - name: google-maps
      mandatory: false
standards: [FHIR]
best_practices:
  - name: CI
    evidence_url: https://example.org/ci
"""
EXPLAINED_DPG = """dpg: 1
declared_by: {name: A, role: CEO}
sdgs:
  - number: 3
    relevance: Health.
data_privacy:
  pii: none
  safeguards: the fields are synthetic
privacy:
  laws: [GDPR]
content:
  level: none
  moderation: only administrators upload files
interaction:
  users_interact: false
licenses:
  - component: weights
    spdx: CC-BY-NC-4.0
"""
STORED_DPG = """dpg: 1
declared_by: {name: A}
data_privacy:
  pii: collected
privacy:
  laws:
    - name: GDPR
      evidence_url: https://example.org/privacy
content:
  level: distributed
  policy_url: https://example.org/terms
interaction:
  users_interact: true
  protections: [block]
  minors: under-13s cannot register
platform_independence:
  closed_dependencies:
    - name: mongodb-client
      mandatory: false
"""
NONE_DPG = """dpg: 1
declared_by: {name: A, role: CEO}
sdgs:
  - number: 5
data_privacy:
  pii: none
content:
  level: none
interaction:
  users_interact: true
  minors: no accounts for minors
"""
SAFEGUARDED_DPG = """dpg: 1
categories: [data]
data_privacy:
  pii: stored
  types: [name]
  safeguards: encrypted at rest
content:
  level: stored
"""

STORIES = {f"stories/{i:03d}.md": f"# Story {i}\n\nOnce upon a time, {i}.\n" for i in range(20)}
REPOS: dict[str, dict[str, str]] = {
    "scoped": {"LICENSE-CODE": spdx_text("MIT"), "LICENSE-DATA": spdx_text("ODbL-1.0"),
               "README.md": "# x\n", "src/a.py": "x = 1\n"},
    "assumed": {"LICENSE": spdx_text("ODbL-1.0"), **STORIES,
                **{f"tables/t{i}.csv": "a,b\n1,2\n" for i in range(4)}},
    # runtime dependencies under SSPL, BUSL and GPL (an MIT solution), one declared mandatory
    "dependency-licences": {**dependency_files(**{"dpg.yml": (
        "platform_independence:\n  closed_dependencies:\n"
        "    - name: docstore-server\n      mandatory: false\n"
        "      alternative: PostgreSQL\n    - name: queue-*\n      mandatory: true\n")})},
    "unversioned": {"pom.xml": "<project><licenses><license><name>GNU Lesser General Public "
                               "License</name></license></licenses></project>",
                    "src/A.java": "class A {}\n"},
    "empty": {"x.txt": "hello\n"},
    "stub": {"README.md": "# x\n", "package.json": '{"name": "s", "license": "Apache-2.0"}'},
    # one placeholder line in a README that is otherwise the project's own text
    "template-text": {"README.md": README + "\n## Usage\n\nTODO: write\n\n" + DATA_README * 4},
    "full": {
        "LICENSE": MIT, "NOTICE": "Copyright 2021 Other Corp\n", "README.md": README,
        "SECURITY.md": "# Security\nsecurity@example.org\n",
        "CODE_OF_CONDUCT.md": COVENANT.format(contact="[INSERT CONTACT METHOD]"),
        "package.json": json.dumps({"name": "k", "version": "1.0.0", "license": "GPL-3.0",
                                    "dependencies": {"mongodb": "^5", "express": "4"},
                                    "devDependencies": {"newrelic": "1"}}),
        "GOVERNANCE.md": "# Governance\nThe board decides.\n", "TRADEMARKS.md": "# Marks\nx\n",
        "CITATION.cff": "cff-version: 1.2.0\ntitle: Kijiji\ndoi: 10.5281/zenodo.1\n",
        "codemeta.json": '{"name": "Kijiji"}', "publiccode.yml": "publiccodeYmlVersion: '0.2'\n",
        "index.html": "<html><body>hi</body></html>\n", "docs/index.md": "# Docs\n",
        "locale/fr/LC_MESSAGES/django.po": 'msgid ""\n', "CHANGELOG.md": "# Changes\n## 1.0.0\n",
        "requirements.txt": "requests==2.0\n[[[broken\n",
        ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    steps:\n"
                                    "      - uses: cla-assistant/github-action@v2\n",
    },
    "placeholders": {
        "LICENSE": MIT.replace("Example Health Foundation", "[fullname]"), "README.md": FRENCH,
        "setup.py": "from setuptools import setup\nsetup(name='x', license='GPL-3.0')\n",
        "CODE_OF_CONDUCT.md": "# Code of conduct\nBe kind to each other.\n",
    },
    "unrecognised": {"LICENSE": "You may use this only on Tuesdays.\n" * 3, "README.md": README},
    "modified": {"LICENSE": spdx_text("MPL-2.0").replace(
        "1.1. \"Contributor\"", "0. You may not use the Covered Software for commercial "
        "purposes without prior written permission.\n\n1.1. \"Contributor\""),
        "README.md": DATA_README, "data/a.csv": "a,b\n1,2\n",
        "CODE_OF_CONDUCT.md": "We follow the Apache Software Foundation Code of Conduct: "
                              "https://www.apache.org/foundation/policies/conduct\n"},
    "mixed": {
        "dpg.yml": MIXED_DPG, "LICENSE": MIT, "README.md": README + "\nServes SDG 4 and SDG 3.\n",
        "package.json": json.dumps({"name": "m", "dependencies": {"mongodb": "5"}}),
        "models.py": MODELS, "upload.py": UPLOAD, "AUTHORS": "Alice\nBob\n",
        "app/settings.py": f"DEBUG = False\nKEY = '{AWS}'\nSECRET = '{AWS_SECRET}'\n",
        "android/app/google-services.json": f'{{"api_key": [{{"current_key": "{GOOGLE}"}}]}}',
        "model.pt": "x",
        "data/table.xlsx": "x", "codemeta.json": "{not json", "CITATION.cff": "x: [\n",
        "datapackage.json": json.dumps({"resources": [{"schema": {"fields": [{"name": "a"}]}}]}),
    },
    "explained": {
        "dpg.yml": EXPLAINED_DPG, "LICENSE": MIT, "README.md": README, "PRIVACY.md": "# P\n",
        "models.py": MODELS, "upload.py": UPLOAD, "Dockerfile": "FROM oraclelinux:8\n",
        "MODEL_CARD.md": "# Card\n## Intended use\nx\n", "model.safetensors": "x",
        "CONTRIBUTING.md": "Read our [code of conduct](https://example.org/coc).\n",
        "data/a.csv": "a,b\n1,2\n",
    },
    "stored": {
        "dpg.yml": STORED_DPG, "LICENSE": MIT, "README.md": README, "models.py": MODELS,
        "package.json": json.dumps({"name": "s", "dependencies": {"mongodb": "5"}}),
        "CODE_OF_CONDUCT.md": COVENANT.format(contact="conduct@kijiji-health.org"),
        ".github/ISSUE_TEMPLATE/abuse.md": "Report abuse or harassment here.\n",
    },
    "none": {"dpg.yml": NONE_DPG, "LICENSE": MIT, "README.md": README, "models.py": MODELS,
             "upload.py": UPLOAD},
    "quiet": {"dpg.yml": NONE_DPG, "LICENSE": MIT, "README.md": README},
    "safeguarded": {"dpg.yml": SAFEGUARDED_DPG, "LICENSE": spdx_text("CC-BY-NC-4.0"),
                    "README.md": DATA_README, "SECURITY.md": "# Security\nsecurity@example.org\n",
                    "data/a.csv": "a,b\n1,2\n"},
}
#: Declarations the schema would refuse (a plugin host or library call skips the schema).
UNVALIDATED = {"data_privacy": {"pii": "sometimes"}, "content": {"level": "sideways"}}
FORGE = ForgeInfo(host="github.com", full_name="ex/kijiji", owner_login="ex",
                  owner_type="Organization", topics=["digital-public-goods", "health"])


def built_in() -> list[Indicator]:
    return [li.indicator for li in load_indicators()
            if li.indicator is not None and li.origin.endswith("(built-in)")]


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> list[Report]:
    """Every built-in indicator over every repository, locally and with forge facts, under
    the default category and under all four."""
    root = tmp_path_factory.mktemp("declared")
    loaded = [li for li in load_indicators() if li.origin.endswith("(built-in)")]
    out = []
    for name, files in REPOS.items():
        path = make_repo(root / name, files)
        forges = [None] + ([FORGE, ForgeInfo(host="github.com", full_name="ex/bare")]
                           if name in ("empty", "full") else [])
        for forge in forges:
            for categories in ([], ALL_CATEGORIES):
                prepared = Prepared(path, TargetInfo(name=name, path=str(path)), forge=forge)
                out.append(check_prepared(prepared, RunConfig(categories=categories), loaded))
    path = make_repo(root / "unvalidated", {"README.md": README})
    ctx = Context(RepoView.from_path(path), TargetInfo("unvalidated"),
                  declarations=Declarations(UNVALIDATED, "dpg.yml"))
    results = [run_indicator(li, ctx) for li in loaded]
    out.append(Report(TargetInfo("unvalidated"), ["software"], "1.1.7",
                      indicators=[r for r in results if r.affects_verdict],
                      extras=[r for r in results if not r.affects_verdict]))
    return out


def emitted(reports: list[Report]) -> Iterator[tuple[str, object]]:
    for report in reports:
        for ind in [*report.indicators, *report.extras]:
            for finding in ind.findings:
                yield ind.id, finding


def test_every_built_in_indicator_declares_its_findings():
    indicators = built_in()
    assert len(indicators) >= 12
    for ind in indicators:
        table = declared_findings(ind)
        assert isinstance(table, FindingTable), f"{ind.id} declares no FindingTable"
        assert table.indicator == ind.id


def test_every_emitted_finding_is_declared(reports):
    tables = {ind.id: declared_findings(ind) for ind in built_in()}
    problems = [p for report in reports for ind in [*report.indicators, *report.extras]
                for p in undeclared(ind)]
    assert not problems
    seen: set[str] = set()
    for indicator, finding in emitted(reports):
        table = tables[indicator]
        assert table is not None
        spec = table.spec_for(finding.id)
        assert spec is not None and finding.rule == spec.id
        if finding.status in (Status.PASS, Status.NOT_APPLICABLE):
            assert finding.remediation is None
        else:
            assert finding.remediation, f"{finding.id}: a gap without its declared fix"
            if not spec.fields:
                assert finding.remediation in spec.fixes.values(), finding.id
        seen.add(spec.id)
    declared = {spec.id for table in tables.values() if table for spec in table.values()}
    # The repositories reach every declared finding: none is dead text.
    assert seen == declared, sorted(declared - seen)


def test_an_undeclared_finding_is_caught(tmp_path):
    """What the checks above catch: an indicator emitting an id it did not declare."""
    from dpgcheck_indicators.standards import Standards

    class Typo(Standards):
        def check(self, ctx):
            return Result.from_findings([self.finding("no-open-standard", Status.FAIL, "x")],
                                        "x")

    li = next(li for li in load_indicators() if li.id == "standards")
    ctx = Context(RepoView.from_path(make_repo(tmp_path / "r", {"x": "y"})), TargetInfo("t"))
    report = run_indicator(replace(li, indicator=Typo()), ctx)
    assert report.status is Status.ERROR and "UndeclaredFinding" in report.summary
    assert undeclared(report)


def test_every_declaration_has_a_title_and_non_empty_fixes():
    for ind in built_in():
        table = declared_findings(ind)
        assert table is not None
        for spec in table.values():
            assert spec.title.strip(), spec.id
            assert spec.title.strip() == spec.title and not spec.title.endswith("."), spec.id
            for case, text in spec.fixes.items():
                assert text.strip() and text.endswith((".", "]")), (spec.id, case)
            assert spec.help_url is None or spec.help_url.startswith("https://"), spec.id


# ------------------------------------------------------------------- static check (ast)
FACTORIES = {"finding", "create", "present", "missing", "not_applicable"}


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(INDICATORS.rglob("*.py")):
        rel = path.relative_to(INDICATORS).with_suffix("")
        parts = [p for p in rel.parts if p != "__init__"]
        yield ".".join(["dpgcheck_indicators", *parts]), path


def _table_of(module_name: str) -> FindingTable | None:
    if module_name.startswith("dpgcheck_indicators.discoverability"):
        module_name = "dpgcheck_indicators.discoverability.findings"
    # a helper module of an indicator emits from its indicator's table
    module_name = {"dpgcheck_indicators.license_scopes": "dpgcheck_indicators.license",
                   "dpgcheck_indicators.platform_licenses":
                   "dpgcheck_indicators.platform_independence"}.get(module_name, module_name)
    table = getattr(importlib.import_module(module_name), "FINDINGS", None)
    return table if isinstance(table, FindingTable) else None


def _factory_calls(tree: ast.AST) -> Iterator[ast.Call]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name in FACTORIES:
                yield node


def test_every_literal_finding_name_is_declared_and_every_declaration_used():
    used: dict[str, set[str]] = {}
    for module_name, path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        table = _table_of(module_name)
        for call in _factory_calls(tree):
            first = call.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            assert table is not None, f"{path.name}:{call.lineno} creates a finding, no table"
            assert first.value in table, \
                f"{path.name}:{call.lineno}: {first.value!r} is not declared in {table!r}"
            used.setdefault(table.indicator, set()).add(first.value)
    for ind in built_in():
        table = declared_findings(ind)
        assert table is not None
        unused = set(table) - used.get(ind.id, set())
        assert not unused, f"{ind.id} declares findings it never creates: {sorted(unused)}"


def test_no_indicator_builds_a_finding_or_a_fix_by_hand():
    for _, path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
                assert name not in ("Finding", "explained_contradiction"), \
                    f"{path.name}:{node.lineno} builds a Finding by hand"
                assert not any(k.arg == "remediation" for k in node.keywords), \
                    f"{path.name}:{node.lineno} writes a remediation literal"
