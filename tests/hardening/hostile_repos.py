"""Hostile repositories, built on demand, and a measured run of dpgcheck against them.

Each case of issue 17 is a function that builds what an attacker would publish (a YAML alias
bomb in CITATION.cff, terminal escapes in dpg.yml, a SECURITY.md symlink out of the tree...)
in a temporary folder and returns the command line to check it. Tests assert the outcome;
``benchmarks/hostile.py`` prints each case's time and peak memory from the same builders.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import make_repo

SECRET = "TOPSECRET-MARKER-7f3a"
URL_SECRET = "hunter2-url-password-9c1d"
#: Every character that could steer a terminal or reorder text, as the outputs must not carry.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                     "\u202a-\u202e\u2066-\u2069]")
ESC_TITLE = "\x1b]0;pwned-title\x07"
ESC_CLEAR = "\x1b[2J\x1b[H"
OSC8 = "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\"
BIDI = "\u202egnp.exe"
MARKUP = "[bold red]BOLD[/bold red] [link=https://evil.example/]rich-link[/link]"
HTMLISH = ("<script>alert(1)</script> <img src=x onerror=alert(2)> "
           "[click](javascript:alert(3)) ![i](javascript:alert(4))")


def alias_bomb(levels: int = 12, key: str = "license") -> str:
    """Nine items, each level nine aliases of the one before: 9**levels nodes when walked."""
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, levels)]
    lines.append(f"{key}: *l{levels - 1}")
    return "\n".join(lines) + "\n"


@dataclass
class Case:
    """What to run and where: ``argv`` after ``dpgcheck``; ``root`` is left unchanged."""

    argv: list[str]
    root: Path | None = None
    cwd: Path | None = None
    env: dict[str, str] | None = None


Builder = Callable[[Path], Case]


def yaml_bomb_citation(tmp: Path) -> Case:
    root = make_repo(tmp / "r", {"README.md": "# Project\n", "CITATION.cff": alias_bomb()})
    return Case(["--format", "json", str(root)], root)


def yaml_bomb_front_matter(tmp: Path) -> Case:
    root = make_repo(tmp / "r", {"README.md": "---\n" + alias_bomb() + "---\n# Model\n"})
    return Case(["--format", "json", "--category", "aimodel", str(root)], root)


def yaml_bomb_everywhere(tmp: Path) -> Case:
    bomb = alias_bomb(14, "services")
    root = make_repo(tmp / "r", {name: bomb for name in (
        "publiccode.yml", "docker-compose.yml", "pubspec.yaml", "pnpm-lock.yaml", "mkdocs.yml",
        ".github/workflows/ci.yml", ".github/dependabot.yml", "codemeta.yml", "CITATION.cff")})
    return Case(["--format", "json", str(root)], root)


def yaml_bomb_declarations(tmp: Path) -> Case:
    root = make_repo(tmp / "r", {"dpg.yml": alias_bomb(12, "name")})
    return Case(["--format", "json", str(root)], root)


def yaml_deep(tmp: Path) -> Case:
    deep = "a: " + "[" * 50_000 + "]" * 50_000 + "\n"
    root = make_repo(tmp / "r", {"CITATION.cff": deep, "publiccode.yml": deep,
                                 "docker-compose.yml": deep, "README.md": "---\n" + deep
                                 + "---\n"})
    return Case(["--format", "json", str(root)], root)


def yaml_error(tmp: Path) -> Case:
    root = make_repo(tmp / "r", {"dpg.yml": "name: [unclosed\nowner: {\n"})
    return Case([str(root)], root)


def escapes(tmp: Path) -> Case:
    """Repository text built to steer a terminal, a Markdown renderer and rich markup."""
    hostile = f"{ESC_TITLE}{ESC_CLEAR}{OSC8} {BIDI} {MARKUP} {HTMLISH}"
    quoted = hostile.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    dpg = (f'dpg: 1\nname: "{quoted}"\nowner:\n  name: "{quoted}"\n'
           f'waivers:\n  - id: open-license\n    reason: "{quoted}"\n'
           f'  - id: "{quoted}"\n    reason: "{quoted}"\n')
    root = make_repo(tmp / "r", {
        "dpg.yml": dpg,
        "README.md": f"# {hostile}\n\n{hostile}\n",
        f"LICENSE{ESC_CLEAR}.md": f"Licence {hostile}\n",
        "package.json": json.dumps({"name": hostile, "license": hostile}),
        "CITATION.cff": f'cff-version: 1.2.0\ntitle: "{quoted}"\nlicense: "{quoted}"\n',
    })
    return Case(["--format", "json", str(root)], root)


def security_symlink(tmp: Path) -> Case:
    outside = tmp / "outside"
    outside.mkdir()
    (outside / "SECURITY.md").write_text(f"# Security\n{SECRET}\nReport to x@example.org\n")
    root = make_repo(tmp / "r", {"README.md": "# x\n"}, git_init=False)
    os.symlink(outside / "SECURITY.md", root / "SECURITY.md")
    os.symlink(outside / "SECURITY.md", root / "LICENSE")
    return Case(["--format", "json", str(root)], root)


def long_name(tmp: Path) -> Case:
    return Case(["--format", "json", "--offline", "a" * 5000 + "/" + "b" * 5000], cwd=tmp)


def long_path(tmp: Path) -> Case:
    return Case(["--format", "json", "x" * 5000], cwd=tmp)


def url_credentials(tmp: Path) -> Case:
    return Case(["--format", "json", "--github-url", "http://127.0.0.1:9",
                 f"https://reviewer:{URL_SECRET}@github.com/acme/tool"], cwd=tmp,
                env={"GITHUB_TOKEN": SECRET})


def url_credentials_offline(tmp: Path) -> Case:
    return Case(["--offline", f"https://reviewer:{URL_SECRET}@github.com/acme/tool"], cwd=tmp)


def too_large(tmp: Path) -> Case:
    words = " ".join(f"word{i}" for i in range(60_000))  # ~500 KiB, no licence in it
    root = make_repo(tmp / "r", {"README.md": "# x\n", "LICENSE": words[:400_000],
                                 "package.json": '{"name": "x", "license": "MIT", "d": "'
                                 + "y" * 600_000 + '"}'})
    return Case(["--format", "json", str(root)], root)


def waived_nominee(tmp: Path) -> Case:
    root = make_repo(tmp / "r", {"README.md": "# x\n", "dpg.yml": (
        "dpg: 1\nwaivers:\n  - id: open-license\n    reason: we say so\n")})
    return Case(["--format", "json", str(root)], root)


LOCAL_CASES: dict[str, Builder] = {
    "yaml alias bomb in CITATION.cff": yaml_bomb_citation,
    "yaml alias bomb in README front matter": yaml_bomb_front_matter,
    "yaml alias bomb in every YAML file": yaml_bomb_everywhere,
    "yaml alias bomb in dpg.yml": yaml_bomb_declarations,
    "yaml nested 50000 deep": yaml_deep,
    "yaml syntax error in dpg.yml": yaml_error,
    "terminal/markdown/markup injection": escapes,
    "SECURITY.md and LICENSE symlinks out of the tree": security_symlink,
    "5000-character owner/name": long_name,
    "5000-character folder name": long_path,
    "credentials in the target URL": url_credentials,
    "credentials in the target URL, --offline": url_credentials_offline,
    "licence and manifest over the read limit": too_large,
    "nominee waiver on open-license": waived_nominee,
}


@dataclass
class Measured:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float


def run_measured(argv: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None,
                 timeout: float = 300) -> Measured:
    """``python -m dpgcheck ARGV`` in a child; its wall time and peak RSS (wait4)."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "dpgcheck", *argv], cwd=cwd,
                                env=full_env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Measured(proc.returncode, out.read().decode("utf-8", "replace"),
                        err.read().decode("utf-8", "replace"), seconds,
                        usage.ru_maxrss / 1024)


def run_case(case: Case, *extra: str, timeout: float = 300) -> Measured:
    return run_measured([*case.argv[:-1], *extra, case.argv[-1]] if extra else case.argv,
                        cwd=case.cwd, env=case.env, timeout=timeout)
