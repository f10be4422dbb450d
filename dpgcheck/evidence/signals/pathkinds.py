"""Where a path sits and what kind of file it names, decided from the path alone.

The source scan picks its candidates with these rules, and the detectors that judge a hit by
where it was found (tests, fixtures, vendored code) use the same ones, so both agree.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from dpgcheck.evidence.regex_literals import folds_to_ascii

if TYPE_CHECKING:
    from dpgcheck.repo.lookups import TreeIndex

#: Folder names whose content is someone else's code or generated output.
SKIP_DIRS = frozenset({
    "node_modules", "vendor", "vendors", "third_party", "third-party", "thirdparty",
    "bower_components", "site-packages", "__pycache__", ".venv", "venv", ".tox", ".git",
    "dist", ".next", ".nuxt", "coverage", "jspm_packages", ".yarn", "pods", "external",
})
#: Folder names that hold tests, fixtures, samples or examples (their hits are reported apart).
FIXTURE_DIRS = frozenset({
    "test", "tests", "spec", "specs", "__tests__", "__mocks__", "fixtures", "fixture",
    "testdata", "test-data", "test_data", "testing", "examples", "example", "samples",
    "sample", "mocks", "mock", "e2e", "cypress", "integration-tests", "src/test", "testutils",
    "test-resources", "demo", "demos", "docs", "doc", "documentation",
})
FIXTURE_NAME = re.compile(
    r"(^|[._-])(test|tests|spec|example|examples|sample|fixture|fixtures|mock|dummy|fake|"
    r"stories)([._-]|$)|^test_|_test\.|\.(example|sample|dist|template|tmpl)$|Tests?\.\w+$",
    re.IGNORECASE,
)
#: Every name ``FIXTURE_NAME`` matches contains one of these (lower case).
FIXTURE_NAME_HINTS = ("test", "spec", "exampl", "sampl", "fixture", "mock", "dummy", "fake",
                      "stories", ".dist", ".templat", ".tmpl")
#: A cheap necessary test for ``FIXTURE_NAME`` on a lower-cased name: a literal alternation
#: is skipped through at the first letters it can start with, where the case-insensitive
#: regex is tried at every character (a third of its cost over 100k names). Not for a name
#: that ``folds_to_ascii`` (case folding matches ``ſ`` to ``s``, which lower case keeps).
_MAY_NAME_FIXTURE = re.compile("|".join(map(re.escape, FIXTURE_NAME_HINTS)))
_FIXTURE_DIR_WORD = re.compile(
    r"(^|[._-])(tests?|specs?|fixtures?|mocks?|examples?|samples?|testdata|e2e|storybook)"
    r"([._-]|$)",
    re.IGNORECASE,
)

CODE_EXT = frozenset({
    "py", "js", "jsx", "ts", "tsx", "mjs", "cjs", "vue", "svelte", "rb", "erb", "php", "java",
    "kt", "kts", "scala", "groovy", "go", "rs", "cs", "fs", "vb", "swift", "m", "mm", "dart",
    "r", "jl", "ex", "exs", "erl", "clj", "lua", "pl", "pm", "sh", "bash", "sql", "prisma",
    "graphql", "gql", "proto", "html", "htm", "hbs", "ejs", "jinja", "jinja2", "j2", "twig",
    "haml", "slim", "cshtml", "razor", "jsp", "c", "h", "cpp", "hpp", "cc",
})
CONFIG_EXT = frozenset({
    "yml", "yaml", "json", "toml", "ini", "cfg", "conf", "properties", "env", "xml", "tf",
    "tfvars", "gradle", "config", "plist", "xsd", "avsc",
})
DOC_EXT = frozenset({"md", "rst", "txt", "adoc", "markdown"})
KEY_EXT = frozenset({"pem", "key", "ppk", "asc", "p8", "priv"})
KEY_NAMES = frozenset({"id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", ".env", ".npmrc",
                       ".pypirc", ".netrc", "credentials", ".htpasswd", ".dockercfg"})
#: Generated or lock files never scanned: by suffix and by exact name (case-insensitive).
SKIP_SUFFIXES = (".min.js", ".min.css", ".bundle.js", ".bundle.css", ".chunk.js",
                 ".chunk.css", ".map")
SKIP_NAMES = ("package-lock.json", "yarn.lock", "pnpm-lock.yaml", "poetry.lock",
              "composer.lock", "gemfile.lock", "cargo.lock", "go.sum", "uv.lock")
#: Path words that make a file more telling for the detectors (read first).
TELLING_WORDS = ("model", "migrat", "schema", "entit", "serializ", "api", "route",
                 "controller", "view", "upload", "export", "import", "attach", "moderat",
                 "report", "abuse", "flag", "setting", "config", "secret", "credential",
                 ".env", "db/", "resource", "graphql", "handler", "endpoint", "form")


def path_parts(path: str) -> list[str]:
    return path.lower().split("/")


@lru_cache(maxsize=65536)
def dir_skipped(directory: str) -> bool:
    return any(part in SKIP_DIRS for part in directory.split("/"))


@lru_cache(maxsize=65536)
def dir_fixture(directory: str) -> bool:
    return any(p in FIXTURE_DIRS or _FIXTURE_DIR_WORD.search(p) for p in directory.split("/"))


def skipped_dir(path: str) -> bool:
    directory = path.rpartition("/")[0].lower()
    return bool(directory) and dir_skipped(directory)


def is_fixture(path: str) -> bool:
    """True for tests, fixtures, examples, samples and docs: hits there are reported apart."""
    directory, _, name = path.lower().rpartition("/")
    if directory and dir_fixture(directory):
        return True
    return fixture_name(name)


def fixture_name(name: str) -> bool:
    """True for a lower-cased file name that marks a test, fixture, example or template."""
    return may_name_fixture(name) and FIXTURE_NAME.search(name) is not None


def paths_with_fixture_names(view: TreeIndex) -> set[str]:
    """The listed paths whose file name is a ``fixture_name``. The regex is tried only on the
    paths a search of the whole (lower-cased) listing finds holding one of its literals, and
    on those that ``folds_to_ascii`` (see ``may_name_fixture``): at 100k paths one C-level
    pass over the listing costs less than a call per name."""
    maybe = {*view.containing(*FIXTURE_NAME_HINTS), *filter(folds_to_ascii, view.files)}
    return {path for path in maybe if fixture_name(path.rpartition("/")[2].lower())}


def may_name_fixture(name: str) -> bool:
    """False only when the lower-cased ``name`` cannot match ``FIXTURE_NAME``."""
    return folds_to_ascii(name) or _MAY_NAME_FIXTURE.search(name) is not None


#: Kind by extension, the first of key, code, config, doc that lists it.
_KIND_BY_EXT = {**{e: "doc" for e in DOC_EXT}, **{e: "config" for e in CONFIG_EXT},
                **{e: "code" for e in CODE_EXT}, **{e: "key" for e in KEY_EXT}}


def kind_of_name(name: str) -> str | None:
    """code, config, doc or key for a lower-cased file name; ``None``: not scanned."""
    if name in KEY_NAMES or name.startswith(".env"):
        return "key" if name != ".env.example" else "config"
    return _KIND_BY_EXT.get(name.rpartition(".")[2]) if "." in name else None
