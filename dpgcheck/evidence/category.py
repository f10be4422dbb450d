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
from weakref import WeakKeyDictionary

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
#: JSON is configuration in most trees, but data in a folder named for data
#: (``datasets/scripted-speech/cv-corpus-1.json``).
DATA_FOLDERS = frozenset(("data", "dataset", "datasets", "corpus", "corpora"))
FOLDER_DATA = frozenset(("json",))


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


#: Kind by suffix, in the order ``_kind`` tries them (code first).
_KIND_BY_SUFFIX = {**{s: "model" for s in MODEL}, **{s: "data" for s in DATA},
                   **{s: "prose" for s in PROSE}, **{s: "code" for s in CODE}}


def _kind(path: str) -> str | None:
    """The kind of one path (the rule; ``_classify`` applies it to a whole listing)."""
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
    if suffix in FOLDER_DATA and not DATA_FOLDERS.isdisjoint(parts[:-1]):
        return "data"
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


def _classify(view: RepoView) -> tuple[dict[str, int], dict[str, list[str]]]:
    """``_kind`` over the whole listing in one pass: the count of each kind and its first
    ``SIZED`` paths in listing order. A folder's skipped-or-not is decided once for all its
    files (the run asks per path otherwise: a split and a scan of every part, twice over
    100k paths)."""
    counts = {"code": 0, "prose": 0, "data": 0, "model": 0}
    first: dict[str, list[str]] = {"code": [], "prose": [], "data": [], "model": []}
    skipped: dict[str, bool] = {}
    data_folder: dict[str, bool] = {}
    by_suffix = _KIND_BY_SUFFIX
    for path in view.files:
        directory, _, name = path.rpartition("/")
        if directory:
            skip = skipped.get(directory)
            if skip is None:
                skip = skipped[directory] = not SKIP_PARTS.isdisjoint(
                    directory.lower().split("/"))
            if skip:
                continue
        dot = name.rfind(".")
        if dot < 0:
            continue
        suffix = name[dot + 1:].lower()
        kind = by_suffix.get(suffix)
        if kind is None and suffix in FOLDER_DATA and directory:
            inside = data_folder.get(directory)
            if inside is None:
                inside = data_folder[directory] = not DATA_FOLDERS.isdisjoint(
                    directory.lower().split("/"))
            kind = "data" if inside else None
        if kind is not None:
            counts[kind] += 1
            if len(first[kind]) < SIZED:
                first[kind].append(path)
    return counts, first


def _bytes(view: RepoView, paths: list[str]) -> int:
    return sum(view.size(p) or 0 for p in paths)


#: One guess per view: the runner asks before the context exists, the licence indicator again.
_GUESSES: WeakKeyDictionary[RepoView, CategoryGuess] = WeakKeyDictionary()


def infer(view: RepoView) -> CategoryGuess:
    guess = _GUESSES.get(view)
    if guess is None:
        guess = _GUESSES[view] = _infer(view)
    return guess


def _infer(view: RepoView) -> CategoryGuess:
    counts, first = _classify(view)
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
    data_heavier = counts["data"] >= 1 and _bytes(view, first["data"]) > _bytes(view,
                                                                             first["prose"])
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
