"""Indicator 3: Clear ownership.

Pass when the repository (or the declarations file) names an owner: a copyright holder in a
licence or notice file, manifest or citation authors, an AUTHORS file, source headers, or
``owner.name`` in dpg.yml. Governance files, CLA/DCO set-up, trademark policies and an
organisation account on the forge are shown as supporting evidence.

Warnings: a template blank in place of a holder (``[fullname]``, ``YOUR NAME``); legal notice
files that name different owners with nothing in common; a declared owner that no notice
names. Many names in AUTHORS or manifests are normal and never a conflict.
Needs-declaration: nothing names an owner.
"""

from __future__ import annotations

import re
from typing import Any

from dpgcheck.api import (
    STANDARD_URL,
    Context,
    Evidence,
    Finding,
    FindingSpec,
    FindingTable,
    Indicator,
    Result,
    Status,
    copyright,
    owners,
)

GOVERNANCE_NAMES = ("governance*", "maintainers*", "codeowners", "owners", "owners_aliases",
                    "steering*", "charter*")
CLA_FILES = (".clabot", "cla.yml", ".cla.yml", "cla.json", "cla.md", "cla.txt", "cla",
             "dco.yml", ".dco.yml", "dco", "dco.md", "dco.txt", "individual-cla*",
             "corporate-cla*", "contributor-license-agreement*")
CLA_WORKFLOW = re.compile(r"cla-assistant|contributor-assistant/github-action|"
                          r"\bcla[-_ ]?(?:bot|check|signature)|\bdco\b|signed-off-by|"
                          r"tisonkun/actions-dco|christophebedard/dco-check", re.IGNORECASE)
CLA_PROSE = re.compile(r"contributor license agreement|developer certificate of origin|"
                       r"\bsign(?:ed)?[- ]off\b|\bDCO\b|\bCLA\b")
TRADEMARK_NAMES = ("trademark*", "trademarks*", "trademark-policy*", "brand*")
MAX_LISTED = 8
BACKUP_SUFFIXES = (".bak", ".orig", ".old", "~", ".swp")

FINDINGS = FindingTable(
    "clear-ownership",
    FindingSpec("owner-named", "An owner is named"),
    FindingSpec("no-owner", "No owner named",
                "Put 'Copyright (c) YEAR OWNER' in the LICENSE or a NOTICE file, and declare "
                "owner.name (with country and type) in dpg.yml."),
    FindingSpec("placeholder", "Copyright holder left as a template blank",
                "Replace '{holder}' in {path} with the legal owner's name "
                "(a person or organisation)."),
    FindingSpec("holders-disagree", "Legal notices name different owners",
                "Make the copyright notices agree, or explain in NOTICE which parts each "
                "owner holds."),
    FindingSpec("declared-owner-differs", "Declared owner not named in the notices",
                "Name the declared owner in the LICENSE or NOTICE, or explain in dpg.yml "
                "(owner.evidence_url) how ownership passed to it."),
    FindingSpec("governance", "Governance or maintainer files"),
    FindingSpec("cla-dco", "Contribution terms (CLA or DCO)"),
    FindingSpec("trademark", "Trademark policy"),
    FindingSpec("forge-organisation", "The repository belongs to an organisation"),
    FindingSpec("declared-owner", "Owner declared in dpg.yml"),
)


class ClearOwnership(Indicator):
    number = "3"
    id = "clear-ownership"
    title = "Clear ownership"
    url = f"{STANDARD_URL}#3-clear-ownership"
    findings = FINDINGS

    def check(self, ctx: Context) -> Result:
        view = ctx.view
        legal = owners.legal_holders(view)
        manifests = owners.manifest_names(view)
        authors = owners.author_file_names(view)
        headers, sampled = owners.header_holders(view)
        declared = ctx.declarations.get("owner.name")
        declared = str(declared).strip() if declared else None
        decl_path = ctx.declarations.path or "dpg.yml"
        login = ctx.forge.owner_login if ctx.forge is not None else None

        readme = owners.readme_holders(view)
        named = [h for h in legal + manifests + readme if not h.placeholder]
        # Source headers name the owner when many files carry them or when the licence,
        # manifests, README or forge name the same owner (not a framework's skeleton files).
        headers = [(h, n) for h, n in headers
                   if n >= max(1, sampled // 10)
                   or any(copyright.same_owner(h.name, o.name) for o in named)
                   or (login and copyright.same_owner(h.name, login))]
        named += [h for h, _ in headers]
        author_names = [h for h in authors if not h.placeholder]
        findings: list[Finding] = []

        placeholders = [h for h in legal + manifests if h.placeholder]
        if placeholders:
            first = placeholders[0]
            findings.append(self.finding(
                "placeholder", Status.WARNING,
                f"copyright holder left as a template blank: '{first.name}'",
                tuple(Evidence(f"placeholder '{h.name}'", path=h.path, line=h.line)
                      for h in placeholders[:MAX_LISTED]), holder=first.name, path=first.path))

        if named or author_names or declared:
            notices = _distinct([h for h in legal + manifests + readme if not h.placeholder])
            evidence = [Evidence(f"{h.source}: {h.name}", path=h.path, line=h.line)
                        for h in notices[:MAX_LISTED]]
            evidence += [Evidence(f"source headers: {h.name} ({n} of {sampled} sampled "
                                  "files)", path=h.path, line=h.line) for h, n in headers[:3]]
            if author_names:
                evidence.append(Evidence(f"authors file lists {len(author_names)} names "
                                         f"(first: {author_names[0].name})",
                                         path=author_names[0].path))
            if declared:
                evidence.append(Evidence(f"declared owner: {declared}", path=decl_path))
            primary = declared or (named[0].name if named else author_names[0].name)
            findings.append(self.finding("owner-named", Status.PASS,
                                         f"owner named: {primary}", tuple(evidence)))
        else:
            findings.append(self.finding(
                "no-owner", Status.NEEDS_DECLARATION,
                "no copyright holder, author or declared owner found",
                (Evidence(f"the forge account {login} is an organisation, but no file names "
                          "the legal owner"),) if _is_org(ctx) else ()))

        findings.extend(_conflicts(legal, named, authors, declared, decl_path, login))
        findings.extend(_supporting(ctx, login))
        data: dict[str, Any] = {
            "holders": [{"name": h.name, "path": h.path, "line": h.line, "source": h.source}
                        for h in _distinct(named)[:50]],
            "placeholders": [{"name": h.name, "path": h.path, "line": h.line}
                             for h in placeholders],
            "declared_owner": declared,
            "header_files_sampled": sampled,
        }
        return Result.from_findings(findings, _summary(findings, named, declared), data=data)


def _is_org(ctx: Context) -> bool:
    return ctx.forge is not None and ctx.forge.owner_type == "Organization"


def _distinct(holders: list[copyright.Holder]) -> list[copyright.Holder]:
    seen: set[str] = set()
    out = []
    for holder in holders:
        key = holder.name.lower()
        if key not in seen:
            seen.add(key)
            out.append(holder)
    return out


def _conflicts(legal: list[copyright.Holder], named: list[copyright.Holder],
               authors: list[copyright.Holder], declared: str | None, decl_path: str,
               login: str | None) -> list[Finding]:
    """Legal files naming unrelated owners; a declared owner no notice names."""
    findings = []
    by_file: dict[str, list[str]] = {}
    for holder in legal:
        if not holder.placeholder:
            by_file.setdefault(holder.path, []).append(holder.name)
    files = list(by_file)
    for i, first in enumerate(files):
        for second in files[i + 1:]:
            if not any(copyright.same_owner(a, b) for a in by_file[first]
                       for b in by_file[second]):
                findings.append(FINDINGS.create(
                    "holders-disagree", Status.WARNING,
                    f"{first} and {second} name different owners",
                    (Evidence(", ".join(by_file[first][:3]), path=first),
                     Evidence(", ".join(by_file[second][:3]), path=second))))
                break
    legal_names = [h.name for h in legal if not h.placeholder]
    if declared and legal_names:
        everyone = [h.name for h in named + authors if not h.placeholder]
        everyone += [login] if login else []
        if not any(copyright.same_owner(declared, name) for name in everyone):
            findings.append(FINDINGS.create(
                "declared-owner-differs", Status.WARNING,
                f"declared owner '{declared}' is not named in the copyright notices "
                f"({', '.join(legal_names[:3])})",
                (Evidence(f"owner.name: {declared}", path=decl_path),
                 *(Evidence(f"holder: {h.name}", path=h.path, line=h.line)
                   for h in legal if not h.placeholder))))
    return findings


def _supporting(ctx: Context, login: str | None) -> list[Finding]:
    view = ctx.view
    findings = []
    governance = [p for p in view.find(*GOVERNANCE_NAMES, dirs=("", ".github", "docs"))
                  if not p.lower().endswith(BACKUP_SUFFIXES) and _has_content(view, p)]
    if governance:
        findings.append(FINDINGS.create(
            "governance", Status.PASS, "governance or maintainer files: "
            + ", ".join(governance[:4]),
            tuple(Evidence("governance", path=p) for p in governance[:4])))
    cla = _cla_evidence(ctx)
    if cla:
        findings.append(FINDINGS.create(
            "cla-dco", Status.PASS, "contribution terms (CLA or DCO) are set up", tuple(cla[:4])))
    trademarks = view.find(*TRADEMARK_NAMES, dirs=("", ".github", "docs"))
    if trademarks:
        findings.append(FINDINGS.create(
            "trademark", Status.PASS, "trademark policy: " + trademarks[0],
            (Evidence("trademark policy", path=trademarks[0]),)))
    if _is_org(ctx):
        findings.append(FINDINGS.create(
            "forge-organisation", Status.PASS,
            f"the repository belongs to the organisation {login}",
            (Evidence(f"{ctx.forge.host} organisation {login}"),)))  # type: ignore[union-attr]
    declared = ctx.declarations.get("owner")
    if isinstance(declared, dict) and declared.get("name"):
        details = ", ".join(str(declared[k]) for k in ("type", "country") if declared.get(k))
        evidence = [Evidence(f"owner: {declared['name']}" + (f" ({details})" if details else ""),
                             path=ctx.declarations.path)]
        if declared.get("evidence_url"):
            evidence.append(Evidence("owner evidence", url=str(declared["evidence_url"]),
                                     basis="declared"))
        findings.append(FINDINGS.create("declared-owner", Status.PASS,
                                        f"declared owner: {declared['name']}", tuple(evidence)))
    return findings


def _has_content(view: Any, path: str) -> bool:
    text = view.read_text(path, 16 * 1024) or ""
    return any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines())


def _cla_evidence(ctx: Context) -> list[Evidence]:
    view = ctx.view
    evidence = [Evidence("CLA/DCO configuration", path=p)
                for p in view.find(*CLA_FILES, dirs=("", ".github"))]
    for path in view.in_dir(".github/workflows")[:40]:
        text = view.read_text(path, 64 * 1024) or ""
        match = CLA_WORKFLOW.search(text)
        if match:
            evidence.append(Evidence(f"workflow step: {match.group(0)}", path=path,
                                     line=text.count("\n", 0, match.start()) + 1))
    for path in view.find("contributing*", dirs=("", ".github", "docs"))[:2]:
        text = view.read_text(path, 128 * 1024) or ""
        match = CLA_PROSE.search(text)
        if match:
            evidence.append(Evidence(f"contributing guide requires '{match.group(0)}'",
                                     path=path, line=text.count("\n", 0, match.start()) + 1))
    if view.git is not None:
        commits = view.git.recent_commits(50)
        signed = sum(1 for c in commits if "signed-off-by:" in c.body.lower())
        if commits and signed >= max(3, len(commits) // 2):
            evidence.append(Evidence(f"{signed} of the last {len(commits)} commits carry "
                                     "Signed-off-by"))
    return evidence


def _summary(findings: list[Finding], named: list[copyright.Holder],
             declared: str | None) -> str:
    ids = {f.id for f in findings}
    if "clear-ownership/no-owner" in ids:
        return "no owner named in the repository or dpg.yml"
    names = [h.name for h in _distinct(named)]
    count = sum(1 for n in names[1:] if not copyright.same_owner(n, names[0]))
    others = f" ({count} other name{'s' if count > 1 else ''} found)" if count else ""
    who = declared or (names[0] + others if names else "authors file")
    extra = []
    if "clear-ownership/placeholder" in ids:
        extra.append("a placeholder notice")
    if "clear-ownership/holders-disagree" in ids or "clear-ownership/declared-owner-differs" \
            in ids:
        extra.append("owners disagree")
    return f"owner: {who}" + (f" ({'; '.join(extra)})" if extra else "")
