"""Agreement of dpgcheck's reports with what the DPGA accepted, on clones of recognised DPGs.

Every DPG in the DPGA registry was accepted, so on its repository every indicator should pass (a
warning passes too), or be ``needs-declaration`` where the Standard asks the maintainer to answer.
Each indicator of each report gets one outcome:

- ``agree``: pass or warning; not-applicable on a conditional indicator (4, 6, 9a, 9b, 9c);
  needs-declaration where the Standard requires the maintainer's answer and the repository does
  not already hold the answer the DPGA accepted (counted apart as ``nd allowed``).
- ``false-fail``: fail (every DPG met every indicator), or not-applicable on an indicator every
  solution must meet (1, 2, 3, 5, 7, 8).
- ``false-pass``: the few cases the registry lets us measure. 2: pass or warning with licences
  that share no licence family (the SPDX id without -only/-or-later/+) with the accepted ones.
  4: pass although the applicant answered that restrictive (closed, source-available) components
  exist and named their open alternatives.
- ``nd-evidence``: needs-declaration although the repository holds the accepted answer, found by a
  small probe of this script (not by dpgcheck): 2, a licence file holds the text or name of an
  accepted licence; 3, the accepted owner's name is in a licence, NOTICE/COPYRIGHT/AUTHORS file,
  manifest or a README line about copyright or authorship; 5, the registry's documentation link
  is this repository, or the root README has 200 words or more; 6, an OpenAPI/Swagger/GraphQL
  spec, or (non-software categories) five or more open-format data files; 8, an open standard
  the registry names (FHIR, OpenAPI, GeoJSON, OAuth/OIDC, CSV, XForms, SDMX, DCAT, WCAG, HL7)
  shows in the file paths, root manifests or README.
- ``error``: status error, or dpgcheck did not produce a report (crash, timeout).

Which needs-declaration is allowed, per indicator (dpg-standard summary, "what must be
declared"): 1 always (which SDGs and why); 2 when no licence file holds an accepted licence
(components and licences hosted elsewhere); 3 when the owner is not named in the repository
(legal owner, country, type); 4 always (which restrictive components are mandatory, and the
alternative); 5 when the probe finds no README of substance and the documentation is elsewhere;
6 when the probe finds nothing (whether non-PII data is handled, and how); 7 always (laws,
evidence, authorised person); 8 when the probe finds none of the standards the registry names;
9a, 9b, 9c always (PII level, content level, whether users interact).

Also printed: what dpgcheck suggests for 1 (SDG hints), 9a and 9b (PII and content levels)
against the accepted answers, and the warnings by finding id (for 4, marked where the applicant
answered that no restrictive component is mandatory). Modes: ``maintainer`` runs
``dpgcheck DIR --offline -f json`` (nothing declared; default category), ``reviewer`` adds
``--category`` for each of the registry's categories. The registry file is read by this
benchmark only.

    python benchmarks/registry_agreement.py --clones DIR --sample sample.tsv \\
        --registry dpga-registry.json [--dpgcheck CMD] [--mode both] [--jobs 2] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

INDICATORS = ["1", "2", "3", "4", "5", "6", "7", "8", "9a", "9b", "9c"]
CONDITIONAL = {"4", "6", "9a", "9b", "9c"}
ALWAYS_DECLARED = {"1", "4", "7", "9a", "9b", "9c"}
OUTCOMES = ["agree", "false-fail", "false-pass", "nd-evidence", "error"]
CATEGORIES = {
    "Open Software": "software",
    "Open Data": "data",
    "Open Content": "content",
    "Open AI Model": "aimodel",
}
LEVELS = ["none", "collected", "stored", "distributed"]
READ_LIMIT = 64 * 1024
NO_RESTRICTIVE = "warning; the applicant answered: no restrictive mandatory component"

# Licence families a licence file's text or name shows (first match per family).
LICENCE_TEXTS: dict[str, list[str]] = {
    "MIT": [r"permission is hereby granted, free of charge", r"\bmit license\b"],
    "APACHE-2.0": [r"apache license,?\s+version 2\.0"],
    "AGPL-3.0": [r"gnu affero general public license"],
    "LGPL-3.0": [r"gnu lesser general public license\s+version 3"],
    "LGPL-2.1": [r"gnu lesser general public license\s+version 2\.1"],
    "GPL-3.0": [r"gnu general public license\s+version 3"],
    "GPL-2.0": [r"gnu general public license\s+version 2"],
    "MPL-2.0": [r"mozilla public license,?\s+(version\s+)?2\.0"],
    "EPL-2.0": [r"eclipse public license\s*-?\s*v?(ersion)?\s*2\.0"],
    "BSD-3-CLAUSE": [r"neither the name of .{0,200} nor the names of"],
    "BSD-2-CLAUSE": [r"redistribution and use in source and binary forms"],
    "CC-BY-4.0": [r"attribution 4\.0 international", r"licenses/by/4\.0"],
    "CC-BY-SA-4.0": [r"attribution-sharealike 4\.0", r"licenses/by-sa/4\.0"],
    "CC-BY-SA-3.0": [r"attribution-sharealike 3\.0", r"licenses/by-sa/3\.0"],
    "CC-BY-NC-SA-4.0": [r"attribution-noncommercial-sharealike 4\.0", r"licenses/by-nc-sa/4\.0"],
    "CC0-1.0": [r"\bcc0 1\.0", r"publicdomain/zero/1\.0"],
    "ODBL-1.0": [r"open database licen[cs]e", r"opendatacommons\.org/licenses/odbl"],
    "ODC-BY-1.0": [r"open data commons attribution licen[cs]e"],
}
LICENCE_FILE = re.compile(r"^(licen[cs]es?|copying|unlicense|copyright)([._-].*)?$", re.I)
OWNER_FILE = re.compile(
    r"^(notice|copyright|authors|contributors|citation\.cff|codemeta\.json|package\.json|"
    r"pyproject\.toml|setup\.py|setup\.cfg|description|pom\.xml|composer\.json|mix\.exs|"
    r"build\.gradle(\.kts)?|publiccode\.ya?ml|.*\.gemspec)([._-].*)?$",
    re.I,
)
README_OWNER_LINE = re.compile(
    r"copyright|©|\(c\)|trademark|owned by|maintained by|developed by|built by|a project of"
    r"|an initiative of|created by",
    re.I,
)
MANIFESTS = re.compile(
    r"^(package\.json|requirements[^/]*\.txt|pyproject\.toml|setup\.py|pom\.xml|"
    r"build\.gradle(\.kts)?|gemfile|composer\.json|mix\.exs|description|go\.mod|readme[^/]*)$",
    re.I,
)
# Open standard: (what the registry's answer says, what the repository shows). Short names must
# not start inside a word: "oidc" is in "MPAndroidChart".
STANDARD_PROBES: dict[str, tuple[str, str]] = {
    "FHIR": (r"\bfhir\b", r"fhir"),
    "OpenAPI": (r"open ?api|swagger", r"openapi|swagger"),
    "GeoJSON": (r"geo ?json", r"geojson"),
    "OAuth/OIDC": (r"oauth|openid|\boidc\b", r"oauth|openid|(?<![a-z])oidc"),
    "CSV": (r"\bcsv\b", r"\.csv\b"),
    "XForms": (r"xform|\bodk\b", r"xform"),
    "SDMX": (r"sdmx", r"sdmx"),
    "DCAT": (r"\bdcat\b", r"(?<![a-z])dcat"),
    "WCAG": (r"wcag", r"wcag|axe-core|pa11y"),
    "HL7": (r"\bhl7\b", r"(?<![a-z])hl7"),
}
SPEC_PATH = re.compile(r"(^|/)[^/]*(openapi|swagger)[^/]*\.(ya?ml|json)$|\.graphqls?$", re.I)
DATA_PATH = re.compile(r"\.(csv|tsv|json|geojson|xml|parquet|jsonl|ttl|rdf)$", re.I)
SKIP_DIRS = re.compile(
    r"(^|/)(node_modules|vendor|tests?|fixtures?|\.github|\.vscode|\.devcontainer)/", re.I)


@dataclass
class Clone:
    """One clone folder and its registry entry."""

    folder: str
    path: Path
    entry: dict[str, Any]
    categories: list[str] = field(default_factory=list)


def family(spdx: str) -> str:
    """The licence family of an SPDX id: upper case, without -only, -or-later or +."""
    return re.sub(r"(-ONLY|-OR-LATER|\+)$", "", spdx.strip().upper())


def expression_ids(expression: str) -> set[str]:
    """The licence ids of an SPDX expression."""
    words = re.split(r"[\s()]+", expression or "")
    return {family(w) for w in words if w and w.upper() not in {"AND", "OR", "WITH"}}


def level_of(answer: str) -> str | None:
    """The level (none, collected, stored, distributed) of a registry 9a/9b answer."""
    text = answer.lower()
    if not text:
        return None
    if "not collected" in text:
        return "none"
    if "not stored" in text:
        return "collected"
    if "not distributed" in text:
        return "stored"
    return "distributed"


def sdg_numbers(entry: dict[str, Any]) -> set[str]:
    """The SDG numbers the registry accepted."""
    found = set()
    for item in entry.get("sdgs", {}).get("sdg", []):
        match = re.match(r"\s*SDG\s*(\d+)", item, re.I)
        if match:
            found.add(match.group(1))
    return found


def listed_files(path: Path) -> list[str]:
    """The clone's files (git ls-files, else a walk), relative, with forward slashes."""
    try:
        out = subprocess.run(
            ["git", "-C", str(path), "ls-files", "-z"],
            capture_output=True,
            check=True,
            timeout=120,
        ).stdout
        return [f for f in out.decode("utf-8", "replace").split("\0") if f]
    except (OSError, subprocess.SubprocessError):
        files = []
        for root, dirs, names in os.walk(path):
            dirs[:] = [d for d in dirs if d != ".git"]
            rel = Path(root).relative_to(path).as_posix()
            files += [n if rel == "." else f"{rel}/{n}" for n in names]
        return files


def head(path: Path) -> str:
    """The first READ_LIMIT bytes of a file, decoded leniently."""
    try:
        with path.open("rb") as fh:
            return fh.read(READ_LIMIT).decode("utf-8", "replace")
    except OSError:
        return ""


class Probe:
    """What the repository itself shows of the registry's accepted answers."""

    def __init__(self, clone: Clone) -> None:
        self.clone = clone
        self.files = listed_files(clone.path)
        self.lower = [f.lower() for f in self.files]

    def _licence_files(self) -> list[str]:
        out = []
        for f in self.files:
            parts = f.split("/")
            top = len(parts) == 1 or (len(parts) == 2 and parts[0].lower() in {".github", "docs"})
            if (top and LICENCE_FILE.match(parts[-1])) or parts[0].lower() == "licenses":
                out.append(f)
        return out[:20]

    def licence(self, accepted: set[str]) -> str | None:
        """A licence file holding an accepted licence: 'path: FAMILY', else None."""
        for rel in self._licence_files():
            text = re.sub(r"\s+", " ", head(self.clone.path / rel).lower())
            for fam, patterns in LICENCE_TEXTS.items():
                if fam in accepted and any(re.search(p, text) for p in patterns):
                    return f"{rel}: {fam}"
        return None

    def owner(self, names: list[str]) -> str | None:
        """A file naming an accepted owner: 'path:line', else None."""
        variants = set()
        for name in names:
            name = re.sub(r"\s+", " ", name).strip()
            variants |= {name, re.sub(r"\s*\(.*?\)\s*", " ", name).strip()}
            variants |= set(re.findall(r"\(([^)]+)\)", name))
        wanted = [re.compile(rf"\b{re.escape(v)}\b", re.I) for v in variants if len(v) > 2]
        if not wanted:
            return None
        candidates = self._licence_files()
        candidates += [f for f in self.files if "/" not in f and OWNER_FILE.match(f)]
        readmes = [f for f in self.files if "/" not in f and f.lower().startswith("readme")]
        for rel in candidates + readmes:
            lines = head(self.clone.path / rel).splitlines()
            for number, line in enumerate(lines, 1):
                if rel in readmes and not README_OWNER_LINE.search(line):
                    continue
                text = re.sub(r"\s+", " ", line)
                if any(w.search(text) for w in wanted):
                    return f"{rel}:{number}"
        return None

    def documentation(self, links: str, repo: str) -> str | None:
        """The registry's documentation link is this repository, or a README of 200+ words."""
        if repo and f"github.com/{repo.lower()}" in links.lower():
            return f"registry documentation link is the repository ({repo})"
        for rel in self.files:
            if "/" not in rel and rel.lower().startswith("readme"):
                words = len(head(self.clone.path / rel).split())
                if words >= 200:
                    return f"{rel} ({words} words)"
        return None

    def data_extraction(self, non_software: bool) -> str | None:
        """An API spec, or open-format data files for a non-software DPG."""
        specs = [f for f in self.files if SPEC_PATH.search(f) and not SKIP_DIRS.search(f)]
        if specs:
            return f"API spec {specs[0]}"
        if non_software:
            data = [f for f in self.files if DATA_PATH.search(f) and not SKIP_DIRS.search(f)]
            if len(data) >= 5:
                return f"{len(data)} open-format data files, e.g. {data[0]}"
        return None

    def standards(self, claimed: str) -> str | None:
        """An open standard the registry names that the repository shows."""
        paths = "\n".join(f for f in self.lower if not SKIP_DIRS.search(f))
        texts = None
        for name, (claim, shown) in STANDARD_PROBES.items():
            if not re.search(claim, claimed, re.I):
                continue
            hit = re.search(shown, paths)
            if hit:
                line = paths[paths.rfind("\n", 0, hit.start()) + 1 : paths.find("\n", hit.end())]
                return f"{name}: {line}"
            if texts is None:
                texts = {
                    f: head(self.clone.path / f).lower()
                    for f in self.files
                    if "/" not in f and MANIFESTS.match(f)
                }
            for rel, text in texts.items():
                if re.search(shown, text):
                    return f"{name}: named in {rel}"
        return None


def load_sample(sample: Path, clones: Path, registry: Path) -> list[Clone]:
    """The clones of the sample (header with 'folder' and 'registry_id', else columns 1-2)."""
    entries = {str(e["id"]): e for e in json.loads(registry.read_text(encoding="utf-8"))}
    rows = [r.split("\t") for r in sample.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r and r[0] and not r[0].startswith("#")]
    folder_col, id_col = 0, 1
    if rows and "folder" in rows[0] and "registry_id" in rows[0]:
        folder_col, id_col = rows[0].index("folder"), rows[0].index("registry_id")
        rows = rows[1:]
    out = []
    for row in rows:
        entry = entries.get(row[id_col].strip())
        if entry is None:
            print(f"skipped {row[folder_col]}: no registry id {row[id_col]}", file=sys.stderr)
            continue
        cats = [CATEGORIES[c] for c in entry.get("categories", []) if c in CATEGORIES]
        out.append(Clone(row[folder_col], clones / row[folder_col], entry, cats or ["software"]))
    return out


def run_dpgcheck(command: list[str], clone: Clone, mode: str, timeout: float) -> dict[str, Any]:
    """One full check; the JSON report, or {'error': reason}."""
    argv = [*command, str(clone.path), "--offline", "-f", "json"]
    if mode == "reviewer":
        for cat in clone.categories:
            argv += ["--category", cat]
    env = {**os.environ, "NO_COLOR": "1"}
    try:
        proc = subprocess.run(argv, capture_output=True, timeout=timeout, env=env, cwd="/")
    except subprocess.TimeoutExpired:
        return {"error": f"timeout after {timeout:.0f} s", "exit_code": None}
    try:
        report = json.loads(proc.stdout)
    except ValueError:
        tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        return {
            "error": f"exit {proc.returncode}, no JSON: {' '.join(tail)}"[:300],
            "exit_code": proc.returncode,
        }
    report["exit_code"] = proc.returncode
    return report


def where(evidence: list[dict[str, Any]], limit: int = 3) -> list[str]:
    """Evidence as 'message (path:line)'."""
    out = []
    for ev in evidence[:limit]:
        loc = ev.get("path") or ev.get("url") or ""
        if ev.get("path") and ev.get("line"):
            loc += f":{ev['line']}"
        message = ev.get("message", "")
        out.append(f"{message} ({loc})" if loc and loc not in message else message)
    return out


def reason(ind: dict[str, Any]) -> dict[str, Any]:
    """The summary and the findings that are not a pass, with their evidence."""
    findings = [
        {
            "id": f["id"],
            "status": f["status"],
            "message": f["message"],
            "evidence": where(f.get("evidence") or []),
        }
        for f in ind.get("findings", [])
        if f.get("status") != "pass"
    ]
    return {"summary": ind.get("summary", ""), "findings": findings}


def judge(number: str, ind: dict[str, Any] | None, clone: Clone, probe: Probe) -> tuple[str, str]:
    """(outcome, note) for one indicator; see the module docstring for the rules."""
    entry = clone.entry
    if ind is None or ind.get("status") == "error":
        return "error", (ind or {}).get("summary", "no report")
    status = ind["status"]
    if status == "fail":
        note = ""
        if number == "2" and clone.categories != ["software"]:
            note = f"registry categories {clone.categories}"
        return "false-fail", note
    if status == "not-applicable":
        return ("agree", "") if number in CONDITIONAL else ("false-fail", "not-applicable")
    accepted = {family(x.get("openLicense", "")) for x in entry.get("openlicenses", [])}
    accepted.discard("")
    if status in {"pass", "warning"}:
        if number == "2":
            found = expression_ids(ind.get("expression") or "")
            found |= {family(x["spdx"]) for x in ind.get("licenses", []) if x.get("spdx")}
            if found and accepted and not found & accepted:
                return "false-pass", f"found {sorted(found)}, accepted {sorted(accepted)}"
        if number == "4" and status == "pass":
            answer = entry.get("platformIndependence", {})
            alternatives = " ".join(answer.get("openAlternatives") or []).strip()
            if answer.get("isPlatformIndependent") == "Yes" and alternatives:
                return "false-pass", f"applicant declared restrictive components: {alternatives}"
        independence = entry.get("platformIndependence", {}).get("isPlatformIndependent")
        if number == "4" and status == "warning" and independence == "No":
            return "agree", NO_RESTRICTIVE
        return "agree", ""
    # needs-declaration
    evidence: str | None = None
    if number == "2":
        evidence = probe.licence(accepted)
    elif number == "3":
        names = [x.get("clearOwnershipName", "") for x in entry.get("clearOwnership", [])]
        evidence = probe.owner(names)
    elif number == "5":
        evidence = probe.documentation(entry.get("documentation") or "", repo_of(clone))
    elif number == "6":
        evidence = probe.data_extraction(clone.categories != ["software"])
    elif number == "8" and any(f.get("id") == "standards/no-open-standards"
                               for f in ind.get("findings", [])):
        # The probe looks for standards only: when dpgcheck found the standards and asks for
        # the practices alone, a standard in the tree is no evidence of what it asks.
        claimed = " ".join(entry.get("openStandards") or []) + " "
        claimed += " ".join(entry.get("bestPractices") or [])
        evidence = probe.standards(claimed)
    if evidence and number not in ALWAYS_DECLARED:
        return "nd-evidence", evidence
    return "agree", "nd allowed"


def repo_of(clone: Clone) -> str:
    """owner/name from the folder name OWNER__NAME."""
    return clone.folder.replace("__", "/", 1)


def suggestions(report: dict[str, Any], clone: Clone) -> dict[str, str]:
    """dpgcheck's suggestions for 1, 9a and 9b against the accepted answers."""
    ind = {i["number"]: i for i in report.get("indicators", [])}
    out: dict[str, str] = {}
    hints = set((ind.get("1") or {}).get("sdg_hints") or {})
    accepted = sdg_numbers(clone.entry)
    if not hints:
        out["1"] = "no hint"
    else:
        out["1"] = "hint accepted" if hints & accepted else "hint not accepted"
    for number, key, answer in (
        ("9a", "suggested_pii", clone.entry.get("dataPrivacySecurity", {}).get("collectsPII", "")),
        ("9b", "suggested_level", clone.entry.get("userContent", {}).get("contentManagement", "")),
    ):
        suggested = (ind.get(number) or {}).get(key)
        want = level_of(answer or "")
        if want is None:
            out[number] = "no accepted answer"
        elif suggested not in LEVELS:
            out[number] = "no suggestion" + (" (accepted: none)" if want == "none" else "")
        elif LEVELS.index(suggested) == LEVELS.index(want):
            out[number] = "same level"
        else:
            out[number] = "lower" if LEVELS.index(suggested) < LEVELS.index(want) else "higher"
    return out


def compare(clone: Clone, report: dict[str, Any]) -> dict[str, Any]:
    """The per-indicator comparison of one report."""
    probe = Probe(clone)
    by_number = {i["number"]: i for i in report.get("indicators", [])}
    rows = {}
    for number in INDICATORS:
        ind = by_number.get(number)
        if "error" in report:
            ind = {"status": "error", "summary": report["error"]}
        outcome, note = judge(number, ind, clone, probe)
        row = {"status": (ind or {}).get("status", "missing"), "outcome": outcome, "note": note}
        if outcome != "agree" or (ind or {}).get("status") == "warning":
            row.update(reason(ind or {}))
        rows[number] = row
    return {
        "folder": clone.folder,
        "registry_id": clone.entry.get("id"),
        "name": clone.entry.get("name"),
        "categories": clone.categories,
        "exit_code": report.get("exit_code"),
        "verdict": report.get("verdict"),
        "indicators": rows,
        "suggestions": suggestions(report, clone) if "error" not in report else {},
    }


def table(results: list[dict[str, Any]]) -> str:
    """The agreement table, in Markdown."""
    head_ = (
        "| indicator | agree | of which nd allowed | of which warning | false fail "
        "| false pass | nd, evidence in repo | error | agree % |"
    )
    lines = [head_, "|---|--:|--:|--:|--:|--:|--:|--:|--:|"]
    total: Counter[str] = Counter()
    for number in [*INDICATORS, "all"]:
        c: Counter[str] = Counter()
        if number == "all":
            c = total
        else:
            for r in results:
                row = r["indicators"][number]
                c[row["outcome"]] += 1
                c["nd"] += row["note"] == "nd allowed"
                c["warning"] += row["status"] == "warning"
            total.update(c)
        n = sum(c[o] for o in OUTCOMES) or 1
        lines.append(
            f"| {number} | {c['agree']} | {c['nd']} | {c['warning']} | {c['false-fail']} "
            f"| {c['false-pass']} | {c['nd-evidence']} | {c['error']} "
            f"| {100 * c['agree'] / n:.0f} |"
        )
    return "\n".join(lines)


def suggestion_table(results: list[dict[str, Any]]) -> str:
    """dpgcheck's suggestions against the accepted answers, in Markdown."""
    lines = ["| indicator | suggestion against the accepted answer: repositories |", "|---|---|"]
    for number in ("1", "9a", "9b"):
        c = Counter(r["suggestions"].get(number, "no report") for r in results)
        lines.append(f"| {number} | " + ", ".join(f"{k}: {v}" for k, v in sorted(c.items())) + " |")
    return "\n".join(lines)


def disagreements(results: list[dict[str, Any]]) -> str:
    """Every disagreement with dpgcheck's reason and evidence, and the warnings by finding."""
    lines = []
    for r in results:
        for number, row in r["indicators"].items():
            if row["outcome"] == "agree":
                continue
            lines.append(
                f"- {r['folder']} [{number}] {row['outcome']} ({row['status']}): "
                f"{row.get('summary', '')}"
            )
            if row["note"]:
                lines.append(f"    - probe/registry: {row['note'][:300]}")
            for f in row.get("findings", [])[:3]:
                lines.append(f"    - {f['id']}: {f['message'][:300]}")
                lines.extend(f"        - {e[:300]}" for e in f["evidence"])
    warnings: dict[str, list[str]] = defaultdict(list)
    for r in results:
        for number, row in r["indicators"].items():
            if row["status"] == "warning":
                star = "*" if row["note"] == NO_RESTRICTIVE else ""
                for f in row.get("findings", []):
                    if f["status"] == "warning":
                        warnings[f"[{number}] {f['id']}"].append(r["folder"] + star)
    if warnings:
        lines.append("\nWarnings (counted as agree), by finding (*: " + NO_RESTRICTIVE[9:] + "):")
        for key, folders in sorted(warnings.items()):
            lines.append(f"- {key}: {len(folders)}: {', '.join(sorted(folders))}")
    return "\n".join(lines)


def run_mode(
    clones: list[Clone], command: list[str], mode: str, jobs: int, timeout: float
) -> list[dict[str, Any]]:
    """Check every clone in one mode, at most ``jobs`` dpgcheck processes at once."""

    def one(clone: Clone) -> dict[str, Any]:
        if not clone.path.is_dir():
            return compare(clone, {"error": "no such folder"})
        return compare(clone, run_dpgcheck(command, clone, mode, timeout))

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return sorted(pool.map(one, clones), key=lambda r: r["folder"].lower())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clones", type=Path, required=True, help="folder of clone folders")
    parser.add_argument("--sample", type=Path, required=True, help="TSV: folder, registry_id")
    parser.add_argument("--registry", type=Path, required=True, help="DPGA registry JSON")
    parser.add_argument("--dpgcheck", default="dpgcheck", help="dpgcheck command to run")
    parser.add_argument("--mode", choices=["maintainer", "reviewer", "both"], default="both")
    parser.add_argument("--jobs", type=int, default=2, help="dpgcheck processes at once")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per repository")
    parser.add_argument("--json", type=Path, help="write the raw comparison here")
    parser.add_argument("--quiet", action="store_true", help="tables only, no disagreement list")
    args = parser.parse_args()
    clones = load_sample(args.sample, args.clones, args.registry)
    command = shlex.split(args.dpgcheck)
    # dpgcheck runs from "/" (so that no checkout's files leak in): a relative path would not
    # resolve there.
    if command and "/" in command[0]:
        command[0] = str(Path(command[0]).resolve())
    if not command or shutil.which(command[0]) is None:
        parser.error(f"no dpgcheck command at {args.dpgcheck!r}")
    modes = ["maintainer", "reviewer"] if args.mode == "both" else [args.mode]
    version = subprocess.run([*command, "--version"], capture_output=True, text=True).stdout
    raw: dict[str, Any] = {"dpgcheck": version.strip(), "repositories": len(clones), "modes": {}}
    for mode in modes:
        results = run_mode(clones, command, mode, args.jobs, args.timeout)
        raw["modes"][mode] = results
        print(f"## {mode} ({len(results)} repositories, {version.strip()})\n")
        print(table(results), "\n")
        print(suggestion_table(results), "\n")
        if not args.quiet:
            print(disagreements(results), "\n")
    if args.json:
        args.json.write_text(json.dumps(raw, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
