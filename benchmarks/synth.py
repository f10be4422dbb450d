"""Build synthetic repositories (git work trees) shaped like large DPGs, for benchmarks.

``python benchmarks/synth.py 1000 10000 --out benchmarks/out`` builds ``tree-1000`` and
``tree-10000`` once (re-used on later runs). Each tree has realistic depth, source files in
several languages, nested manifests (npm, Python, Maven, Go), a licence file, a README with an
install section, docs, binaries and a few very large files (sparse, so they cost no disk).

File sizes follow real DPGs: a log-normal with a 2 KB median and a 14 KB 90th percentile
(measured on CKAN, Apache Fineract and Kolibri: medians 1.2-2.2 KB, 90th percentiles
14-26 KB, means 8.6-17 KB), capped at 256 KB. Each file repeats lines typical of its
language (imports, functions, comments, a few words such as "email" or "token" that the
evidence scan looks for), so the scan reads and searches as much text as on a real tree.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGS = [(".py", "def f{n}(x):\n    return x + {n}\n"),
         (".js", "export function f{n}(x) {{ return x + {n}; }}\n"),
         (".java", "class C{n} {{ int f(int x) {{ return x + {n}; }} }}\n"),
         (".go", "package p\n\nfunc F{n}(x int) int {{ return x + {n} }}\n"),
         (".md", "# Note {n}\n\nSome text about module {n}.\n"),
         (".json", '{{"id": {n}, "name": "item-{n}"}}\n'),
         (".css", ".c{n} {{ color: #{n:06x}; }}\n")]
#: Per language: the lines a file opens with (imports), the neutral lines its body repeats,
#: and one line naming a field (``email``, ``token``...) that comes back every ~40 lines, so
#: the words the evidence scan looks for are about as rare as in real sources.
BODY = {
    ".py": (["import logging\n", "from typing import Any\n", "\n"],
            ["def step_{n}_{i}(values: list[int]) -> int:\n",
             "    total = sum(v * {i} for v in values if v > 0)\n",
             "    # keep the running total within bounds\n",
             "    return min(total, limit) if total else 0\n", "\n"],
            "    record.email = form.cleaned_data['email']\n"),
    ".js": (["import {{ format }} from './format';\n", "\n"],
            ["function step{i}(items) {{\n", "  let total = 0;\n",
             "  for (const item of items) total += item.size * {i};\n",
             "  // totals are shown rounded\n", "  return Math.round(total);\n", "}}\n"],
            "  state.user.token = action.payload.token;\n"),
    ".java": (["package org.example.mod{n};\n", "\n", "import java.util.List;\n", "\n"],
              ["  private int step{i}(List<Integer> values) {{\n",
               "    int total = 0;\n", "    for (int v : values) {{ total += v * {i}; }}\n",
               "    // keep the running total within bounds\n", "    return total;\n", "  }}\n"],
              "  @Column(name = \"phone_number\") private String phoneNumber;\n"),
    ".go": (["package p\n", "\n", "import \"strings\"\n", "\n"],
            ["func step{i}(values []int) int {{\n", "\ttotal := 0\n",
             "\tfor _, v := range values {{ total += v * {i} }}\n", "\treturn total\n", "}}\n"],
            "\tname := strings.TrimSpace(req.Name)\n"),
    ".md": ([], ["Some text about module {n}, section {i}.\n", "\n",
                 "- step {i}: run the migration, then restart the server\n"],
            "The service stores each user's name and email address.\n"),
    ".json": ([], ['  "key{i}": "value for item {n} number {i}",\n'], '  "email": "",\n'),
    ".css": ([], [".c{n}-{i} {{ color: #{i:06x}; margin: 0 auto; padding: 4px 8px; }}\n"],
             ".c{n}-{i} {{ display: none; }}\n"),
}
MEDIAN_BYTES, SIGMA, MAX_BYTES = 2048, 1.5, 256 * 1024
#: Bump when the trees change, so old ones are rebuilt rather than re-used.
VERSION = "sized-3"


def body(ext: str, n: int, size: int) -> str:
    """About ``size`` characters of ``ext``'s kind: its opening lines, then its body."""
    head, lines, rare = BODY[ext]
    parts = list(head)
    total, i = sum(map(len, parts)), 0
    while total < size:
        line = (rare if i % 40 == 39 else lines[i % len(lines)]).format(n=n, i=i)
        parts.append(line)
        total += len(line)
        i += 1
    return "".join(parts)
README = """# Synthetic Health Platform

An open-source platform for community health workers, used by ministries of health.

## Installation

    docker compose up -d

## Usage

Open http://localhost:8080 and sign in with the admin account.

## Contributing

See CONTRIBUTING.md.
"""


def git(cwd: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
    subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "core.autocrlf=false", *args],
                   cwd=cwd, env=env, check=True, capture_output=True)


def build(path: Path, n_files: int, seed: int = 7) -> Path:
    """Write ``n_files`` files under ``path`` and commit them; skip if already built."""
    marker = path / ".git" / "synth-done"
    if marker.exists():
        if marker.read_text().startswith(VERSION):
            return path
        import shutil

        shutil.rmtree(path)  # an older kind of tree: rebuilt
    rng = random.Random(seed)
    path.mkdir(parents=True, exist_ok=True)
    fixed: dict[str, str | bytes] = {
        "README.md": README,
        "LICENSE": (ROOT / "LICENSE").read_text(),
        "CONTRIBUTING.md": "# Contributing\n\nOpen a pull request.\n",
        "CODE_OF_CONDUCT.md": (ROOT / "CODE_OF_CONDUCT.md").read_text(),
        "SECURITY.md": "# Security\n\nReport vulnerabilities to security@example.org.\n",
        "package.json": json.dumps({"name": "synth", "version": "1.0.0", "license": "MIT",
                                    "dependencies": {f"dep-{i}": "^1.0.0" for i in range(40)},
                                    "devDependencies": {"jest": "^29.0.0"}}, indent=2),
        "requirements.txt": "".join(f"package{i}==1.{i}\n" for i in range(30)),
        "docker-compose.yml": "services:\n  db:\n    image: postgres:16\n  app:\n    build: .\n",
        "Dockerfile": "FROM python:3.12-slim\nCOPY . /app\n",
        "docs/index.md": "# Documentation\n",
        ".github/workflows/ci.yml": "on: push\njobs: {}\n",
    }
    written = 0
    for rel, content in fixed.items():
        target = path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content) if isinstance(content, str) else target.write_bytes(content)
        written += 1
    # Folders: a tree of modules 2-6 levels deep, ~40 files a folder.
    dirs = [""]
    while written < n_files:
        if rng.random() < 0.04 or len(dirs) < 4:
            parent = rng.choice(dirs)
            depth = parent.count("/") + 1 if parent else 0
            if depth < 6:
                dirs.append(f"{parent}/mod{len(dirs)}" if parent else f"src{len(dirs)}")
        folder = rng.choice(dirs)
        ext, template = rng.choice(LANGS)
        rel = f"{folder}/f{written}{ext}" if folder else f"f{written}{ext}"
        roll = rng.random()
        target = path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if roll < 0.01:
            target = target.with_suffix(".png")
            target.write_bytes(bytes(rng.getrandbits(8) for _ in range(2048)))
        elif roll < 0.012:
            target = target.parent / "package.json"
            target.write_text(json.dumps({"name": f"pkg{written}", "dependencies":
                                          {"left-pad": "1.0.0"}}))
        else:
            size = min(MAX_BYTES, int(rng.lognormvariate(0, SIGMA) * MEDIAN_BYTES))
            target.write_text(template.format(n=written) + body(ext, written, size))
        written += 1
    # A few very large files: sparse, so they cost no disk but a naive read would hurt.
    (path / "data").mkdir(exist_ok=True)
    for i in range(3):
        with open(path / "data" / f"large-{i}.bin", "wb") as fh:
            fh.truncate(50 * 1024 * 1024)
    git(path, "init", "-q")
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "Synthetic tree")
    marker.write_text(f"{VERSION} {n_files}")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="+", type=int)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    args = parser.parse_args()
    for size in args.sizes:
        repo = build(args.out / f"tree-{size}", size)
        print(f"{repo}: {size} files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
