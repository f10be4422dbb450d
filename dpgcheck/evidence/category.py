"""Which DPG category a repository is, when nobody said (``--category``, ``dpg.yml``).

A content or data DPG judged as software fails indicator 2 for its CC or ODbL licence; a
guess from the tree is better than a fixed default, as long as the report says it was a guess
and why. The guess weighs the share of code files against prose and data files, the package
manifests at the root, and model weight files; it also lists the other categories the tree
makes plausible, so a licence approved for one of those is a warning, not a failure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dpgcheck.model import Category

if TYPE_CHECKING:
    from dpgcheck.repo.view import RepoView

CODE = frozenset((
    "py", "js", "mjs", "cjs", "ts", "tsx", "jsx", "java", "kt", "kts", "go", "rs", "c", "h",
    "cc", "cpp", "hpp", "cs", "rb", "php", "swift", "scala", "sh", "r", "dart", "vue", "m",
    "lua", "pl", "ex", "exs", "erl", "clj", "cljs", "cljc", "elm", "hs", "ml", "fs", "groovy",
    "svelte", "jl", "sql", "ps1", "bat", "pyx", "f90", "zig", "nim", "cr"))
PROSE = frozenset(("md", "markdown", "rst", "adoc", "asciidoc", "tex", "org", "txt", "html",
                   "htm", "docx", "odt", "pdf", "epub", "textile"))
DATA = frozenset(("csv", "tsv", "geojson", "topojson", "parquet", "xlsx", "xls", "ods", "shp",
                  "gpkg", "nc", "h5", "hdf5", "sqlite", "db", "jsonl", "ndjson", "rdf", "ttl",
                  "nt", "dbf", "kml", "arrow", "feather", "dta", "sav", "tif", "tiff", "gml",
                  "osm", "pbf", "dat"))
MODEL = frozenset(("onnx", "safetensors", "gguf", "ggml", "pt", "pth", "ckpt", "tflite",
                   "mlmodel", "keras", "pb"))
#: Root manifests that make a repository software (a Gemfile or mkdocs.yml alone does not:
#: static sites of prose use them).
MANIFESTS = frozenset((
    "package.json", "pyproject.toml", "setup.py", "setup.cfg", "pom.xml", "build.gradle",
    "build.gradle.kts", "cargo.toml", "go.mod", "composer.json", "mix.exs", "deps.edn",
    "project.clj", "cmakelists.txt", "pipfile", "requirements.txt", "elm.json", "pubspec.yaml",
    "manage.py", "build.sbt", "gemfile.lock", "namespace", "stack.yaml", "dune-project",
    "dockerfile", "docker-compose.yml", "docker-compose.yaml", "compose.yaml"))
#: Code share at or above which a tree with no manifest is still software.
CODE_SHARE = 0.30
SKIP_PARTS = frozenset(("node_modules", "vendor", ".git", "third_party", "dist", "build"))


@dataclass(frozen=True)
class CategoryGuess:
    """The assumed category, the others the tree makes plausible, and why."""

    category: Category
    plausible: frozenset[Category]
    reason: str
    counts: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {"assumed": self.category.value,
                "plausible": sorted(c.value for c in self.plausible),
                "reason": self.reason, "files": dict(self.counts)}


def _kind(path: str) -> str | None:
    parts = path.lower().split("/")
    if any(p in SKIP_PARTS for p in parts[:-1]):
        return None
    name = parts[-1]
    if "." not in name:
        return None
    suffix = name.rsplit(".", 1)[1]
    for kind, suffixes in (("code", CODE), ("prose", PROSE), ("data", DATA),
                           ("model", MODEL)):
        if suffix in suffixes:
            return kind
    return None


def _model_card(view: RepoView) -> bool:
    """A Hugging Face model card: README front matter naming a pipeline or library."""
    path = view.lookup("README.md")
    text = view.read_text(path, 8192) if path else None
    if not text or not text.startswith("---"):
        return False
    end = text.find("\n---", 3)
    head = text[:end] if end > 0 else ""
    return any(key in head for key in ("pipeline_tag:", "library_name:", "model-index:"))


#: At most this many files of a kind are weighed by size.
SIZED = 500


def _bytes(view: RepoView, kind: str) -> int:
    paths = [p for p in view.files if _kind(p) == kind][:SIZED]
    return sum(view.size(p) or 0 for p in paths)


def infer(view: RepoView) -> CategoryGuess:
    counts = {"code": 0, "prose": 0, "data": 0, "model": 0}
    for path in view.files:
        kind = _kind(path)
        if kind:
            counts[kind] += 1
    manifests = sorted(p for p in view.in_dir("") if p.lower() in MANIFESTS
                       or p.lower().endswith((".gemspec", ".csproj", ".sln")))
    if view.lookup("DESCRIPTION") and view.lookup("NAMESPACE"):
        manifests.append("DESCRIPTION")
    counted = counts["code"] + counts["prose"] + counts["data"]
    share = counts["code"] / counted if counted else 0.0
    card = _model_card(view)
    figures = (f"{counts['code']} code, {counts['prose']} prose, {counts['data']} data, "
               f"{counts['model']} model files")
    plausible: set[Category] = set()
    if manifests or counts["code"] >= 3:
        plausible.add(Category.SOFTWARE)
    if counts["prose"] >= 3 or (counted and counts["prose"] / counted >= 0.10):
        plausible.add(Category.CONTENT)
    if counts["data"] >= 3:
        plausible.add(Category.DATA)
    if counts["model"] or card:
        plausible.add(Category.AIMODEL)
    data_heavier = counts["data"] >= 1 and _bytes(view, "data") > _bytes(view, "prose")
    if card or (counts["model"] and counts["code"] <= 5 and not manifests):
        category, why = Category.AIMODEL, ("a model card" if card else "model weight files")
    elif manifests and (share >= 0.05 or counts["code"] >= 20 or counted < 10):
        category = Category.SOFTWARE
        why = f"package manifest {manifests[0]}"
    elif share >= CODE_SHARE or counts["prose"] + counts["data"] < 3:
        category = Category.SOFTWARE
        why = (f"{share:.0%} of the files are code" if share >= CODE_SHARE else
               "too few prose or data files to be content or data")
    elif data_heavier or (counts["data"] >= 3 and counts["data"] * 4 >= counts["prose"]):
        category = Category.DATA
        why = f"{share:.0%} of the files are code; data files outweigh prose"
    else:
        category = Category.CONTENT
        why = f"{share:.0%} of the files are code; the tree is mostly prose"
    plausible.add(category)
    return CategoryGuess(category, frozenset(plausible), f"{why} ({figures})", counts)
