"""One bounded read of the repository's text files, shared by every evidence detector.

Candidates are picked from the listing by path and extension only (no file is opened to
choose), the most telling paths first (models, migrations, routes, configuration), and only
the head of each file is read. Three bounds keep a 100k-file tree fast: a file count, a
per-file head size and a total byte budget. What was left out is counted, never hidden.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dpgcheck.repoview import RepoView

SCAN_MEMO_KEY = "signals.source-scan"
MAX_FILES = 6000
MAX_FILE_BYTES = 48 * 1024
MAX_TOTAL_BYTES = 48 * 1024 * 1024

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
_FIXTURE_NAME = re.compile(
    r"(^|[._-])(test|tests|spec|example|examples|sample|fixture|fixtures|mock|dummy|fake|"
    r"stories)([._-]|$)|^test_|_test\.|\.(example|sample|dist|template|tmpl)$|Tests?\.\w+$",
    re.IGNORECASE,
)
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
_SKIP_NAME = re.compile(
    r"\.(min|bundle|chunk)\.(js|css)$|\.map$|(^|/)(package-lock\.json|yarn\.lock|"
    r"pnpm-lock\.yaml|poetry\.lock|composer\.lock|gemfile\.lock|cargo\.lock|go\.sum|uv\.lock)$",
    re.IGNORECASE,
)
#: Path words that make a file more telling for the detectors (read first).
_TELLING = re.compile(
    r"model|migrat|schema|entit|serializ|api|route|controller|view|upload|export|import|"
    r"attach|moderat|report|abuse|flag|setting|config|secret|credential|\.env|db/|resource|"
    r"graphql|handler|endpoint|form",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ScannedFile:
    """The head of one text file: ``kind`` is code, config, doc or key."""

    path: str
    text: str
    kind: str
    fixture: bool
    truncated: bool
    lower: str = field(default="", repr=False)

    def mentions(self, hints: list[str] | tuple[str, ...]) -> bool:
        """Cheap pre-filter: does the lower-cased head contain one of ``hints``?"""
        return any(h in self.lower for h in hints)

    def line_of(self, index: int) -> int:
        """1-based line of a character offset in ``text``."""
        return self.text.count("\n", 0, index) + 1


@dataclass
class SourceScan:
    """The scanned heads plus the figures that say how complete the scan was."""

    files: list[ScannedFile] = field(default_factory=list)
    candidates: int = 0
    skipped: int = 0
    bytes_read: int = 0
    _by_path: dict[str, ScannedFile] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return self.skipped == 0

    def get(self, path: str) -> ScannedFile | None:
        return self._by_path.get(path)

    def of_kind(self, *kinds: str) -> Iterator[ScannedFile]:
        return (f for f in self.files if f.kind in kinds)

    def figures(self) -> dict[str, Any]:
        """Machine figures for ``Result.data``: how much was read and what was left out."""
        return {"files_scanned": len(self.files), "candidates": self.candidates,
                "skipped_by_budget": self.skipped, "bytes_read": self.bytes_read}


def path_parts(path: str) -> list[str]:
    return path.lower().split("/")


def skipped_dir(path: str) -> bool:
    return any(part in SKIP_DIRS for part in path_parts(path)[:-1])


def is_fixture(path: str) -> bool:
    """True for tests, fixtures, examples, samples and docs: hits there are reported apart."""
    parts = path_parts(path)
    if any(p in FIXTURE_DIRS or _FIXTURE_DIR_WORD.search(p) for p in parts[:-1]):
        return True
    return bool(_FIXTURE_NAME.search(parts[-1]))


def kind_of(path: str) -> str | None:
    name = path.rpartition("/")[2].lower()
    if name in KEY_NAMES or name.startswith(".env"):
        return "key" if name != ".env.example" else "config"
    ext = name.rpartition(".")[2] if "." in name else ""
    if ext in KEY_EXT:
        return "key"
    if ext in CODE_EXT:
        return "code"
    if ext in CONFIG_EXT:
        return "config"
    if ext in DOC_EXT:
        return "doc"
    return None


def _priority(path: str, kind: str) -> tuple[int, int, str]:
    fixture = is_fixture(path)
    rank = {"key": 0, "code": 1, "config": 2, "doc": 3}[kind]
    if _TELLING.search(path) and kind != "doc":
        rank -= 1
    if fixture:
        rank += 4
    return (rank, path.count("/"), path)


def build_scan(view: RepoView, *, max_files: int = MAX_FILES,
               max_file_bytes: int = MAX_FILE_BYTES,
               max_total_bytes: int = MAX_TOTAL_BYTES) -> SourceScan:
    """Read the heads of the most telling text files within the three bounds."""
    picked: list[tuple[tuple[int, int, str], str, str]] = []
    for path in view.files:
        if skipped_dir(path) or _SKIP_NAME.search(path):
            continue
        kind = kind_of(path)
        if kind is not None:
            picked.append((_priority(path, kind), path, kind))
    picked.sort()
    scan = SourceScan(candidates=len(picked))
    for index, (_, path, kind) in enumerate(picked):
        if len(scan.files) >= max_files or scan.bytes_read >= max_total_bytes:
            scan.skipped = len(picked) - index
            break
        data = view.read_bytes(path, max_file_bytes)
        if data is None:
            continue
        scan.bytes_read += len(data)
        from dpgcheck.repoview import decode

        text = decode(data)
        if text is None:
            continue
        item = ScannedFile(path, text, kind, is_fixture(path), len(data) >= max_file_bytes,
                           text.lower())
        scan.files.append(item)
        scan._by_path[path] = item
    return scan


def source_scan(ctx: Any) -> SourceScan:
    """The shared scan of ``ctx.view``, built once per target (``ctx.memo``)."""
    return ctx.memo(SCAN_MEMO_KEY, lambda: build_scan(ctx.view))  # type: ignore[no-any-return]
