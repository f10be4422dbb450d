"""Python manifests: requirements, pyproject (PEP 621, PEP 735, Poetry, tool sections),
setup.cfg, Pipfile, poetry.lock and uv.lock."""

from __future__ import annotations

from tests.deps_helpers import by_name, collect_from


def test_requirements_files_and_dev_names(repo):
    deps = collect_from(repo, {
        "requirements.txt": "# pinned\nDjango[argon2]==4.2.7 ; python_version > '3.8'\n"
                            "-r other.txt\n-e .\ngit+https://example.org/x.git\n"
                            "psycopg2-binary>=2.9  # db\n",
        "requirements-dev.txt": "pytest==8.0\n",
        "requirements/test.txt": "coverage\n",
        "requirements/base.txt": "celery>=5\n",
    })
    found = by_name(deps)
    assert found["Django"].version == "==4.2.7" and found["Django"].line == 2
    assert found["psycopg2-binary"].version == ">=2.9"
    assert found["pytest"].scope == "dev" and found["coverage"].scope == "dev"
    assert found["celery"].scope == "runtime"
    assert {d.name for d in deps.runtime} == {"Django", "psycopg2-binary", "celery"}


def test_requirement_that_is_not_one_is_a_problem(repo):
    deps = collect_from(repo, {"requirements.txt": "ok==1\n!!! broken\n"})
    assert deps.problems[0].line == 2


PYPROJECT = '''[project]
name = "app"
dependencies = [
    "fastapi>=0.110",
    "pymongo>=4; python_version >= '3.9'",
]

[project.optional-dependencies]
postgres = ["psycopg>=3"]
test = ["pytest>=8"]
docs = ["sphinx"]

[dependency-groups]
lint = ["ruff"]

[tool.poetry.dependencies]
python = "^3.11"
requests = "^2.31"
firebase-admin = { version = "^6.0", optional = true }

[tool.poetry.group.dev.dependencies]
black = "^24"

[tool.uv]
dev-dependencies = ["mypy>=1"]
'''


def test_pyproject_sections(repo):
    found = by_name(collect_from(repo, {"pyproject.toml": PYPROJECT}))
    assert found["fastapi"].scope == "runtime" and found["fastapi"].line == 4
    assert found["pymongo"].version == ">=4"
    assert found["psycopg"].scope == "runtime"
    assert found["pytest"].scope == "dev" and found["sphinx"].scope == "dev"
    assert found["ruff"].scope == "dev" and found["mypy"].scope == "dev"
    assert found["requests"].scope == "runtime" and found["requests"].line == 18
    assert found["firebase-admin"].version == "^6.0"
    assert found["black"].scope == "dev"
    assert "python" not in found


def test_invalid_toml_reports_line(repo):
    deps = collect_from(repo, {"pyproject.toml": "[project]\ndependencies = [\n"})
    assert deps.problems and deps.problems[0].path == "pyproject.toml"
    assert "invalid TOML" in deps.problems[0].message


def test_setup_cfg_and_pipfile(repo):
    found = by_name(collect_from(repo, {
        "setup.cfg": "[metadata]\nname = x\n\n[options]\ninstall_requires =\n"
                     "    requests>=2\n    boto3\ntests_require = pytest\n\n"
                     "[options.extras_require]\ntesting = tox\nredis = redis>=5\n",
        "svc/Pipfile": '[packages]\nflask = "*"\nsqlalchemy = {version = ">=2"}\n\n'
                       '[dev-packages]\npylint = "*"\n',
    }))
    assert found["requests"].scope == "runtime" and found["requests"].line == 6
    assert found["boto3"].scope == "runtime"
    assert found["pytest"].scope == "dev" and found["tox"].scope == "dev"
    assert found["redis"].scope == "runtime"
    assert found["flask"].version is None and found["sqlalchemy"].version == ">=2"
    assert found["pylint"].scope == "dev"


POETRY_LOCK = '''[[package]]
name = "requests"
version = "2.31.0"
description = "HTTP"
optional = false
python-versions = ">=3.7"
files = [
    {file = "requests-2.31.0.tar.gz", hash = "sha256:abc"},
]

[package.dependencies]
urllib3 = ">=1.21.1"

[[package]]
name = "urllib3"
version = "2.2.1"
description = "HTTP library"
category = "main"

[[package]]
name = "pytest"
version = "8.1.0"
category = "dev"

[metadata]
lock-version = "2.0"
'''


def test_poetry_lock_resolves_and_keeps_transitive(repo):
    pyproject = '[tool.poetry.dependencies]\npython = "^3.11"\nrequests = "^2.31"\n'
    found = by_name(collect_from(repo, {"pyproject.toml": pyproject,
                                        "poetry.lock": POETRY_LOCK}))
    assert found["requests"].resolved == "2.31.0" and found["requests"].path == "pyproject.toml"
    assert found["urllib3"].version == "2.2.1" and not found["urllib3"].direct
    assert found["urllib3"].line == 14
    assert found["pytest"].scope == "dev"


def test_uv_lock_skips_the_project_itself_and_normalises_names(repo):
    uv = '''version = 1
requires-python = ">=3.11"

[[package]]
name = "app"
version = "0.1.0"
source = { editable = "." }

[[package]]
name = "typing-extensions"
version = "4.11.0"
source = { registry = "https://pypi.org/simple" }
'''
    pyproject = '[project]\nname = "app"\ndependencies = ["typing_extensions>=4"]\n'
    deps = collect_from(repo, {"pyproject.toml": pyproject, "uv.lock": uv})
    found = by_name(deps)
    assert "app" not in found
    assert found["typing_extensions"].resolved == "4.11.0"
    assert "typing-extensions" not in found


def test_lockfile_that_is_not_one_is_a_problem(repo):
    deps = collect_from(repo, {"poetry.lock": "hello\nworld\n"})
    assert deps.problems and deps.problems[0].path == "poetry.lock"


def test_setup_py_literal_lists(repo):
    setup = '''from setuptools import setup

setup(
    name="app",
    install_requires=[
        "requests>=2",
        'pymongo',  # the database
    ],
    tests_require=["pytest"],
    extras_require={
        "test": ["coverage"],
        "s3": ["boto3>=1.28"],
    },
)
'''
    found = by_name(collect_from(repo, {"setup.py": setup}))
    assert found["requests"].scope == "runtime" and found["requests"].line == 6
    assert found["pymongo"].line == 7
    assert found["pytest"].scope == "dev" and found["coverage"].scope == "dev"
    assert found["boto3"].scope == "runtime" and found["boto3"].version == ">=1.28"
    assert "test" not in found and "s3" not in found
