"""Metadata signals: publiccode.yml, CITATION.cff, codemeta.json, the README's opening, and
(remote mode) the repository's description, homepage and topics."""

from __future__ import annotations

import re

from dpgcheck_indicators.discoverability import texts
from dpgcheck_indicators.discoverability.data import load
from dpgcheck_indicators.discoverability.signal import missing, not_applicable, present

from dpgcheck.api import Context, Evidence, Finding

MAX_PROBLEMS_SHOWN = 10
MIN_INTRO_WORDS = 5


def publiccode(ctx: Context) -> Finding:
    from dpgcheck_indicators.discoverability.publiccode_schema import validate

    path = ctx.view.lookup("publiccode.yml") or ctx.view.lookup("publiccode.yaml")
    if path is None:
        return missing("publiccode", "no publiccode.yml", case="missing")
    text = ctx.view.read_text(path, 512 * 1024)
    if text is None:
        return missing("publiccode", f"{path} cannot be read as text",
                       [Evidence("unreadable", path=path)], case="unreadable", path=path)
    result = validate(text)
    if result.valid:
        return present("publiccode", f"{path} is valid against the publiccode.yml core schema",
                       [Evidence("valid publiccode.yml", path=path, line=1)])
    evidence = [Evidence(f"{p.where()} {p.message}".strip(), path=path, line=p.line)
                for p in result.problems[:MAX_PROBLEMS_SHOWN]]
    first = result.problems[0]
    return missing(
        "publiccode",
        f"{path} has {len(result.problems)} schema error(s); first at {first.where() or '?'}: "
        f"{first.message}",
        evidence, case="invalid", path=path, count=len(result.problems), line=first.line)


def citation(ctx: Context) -> Finding:
    path = ctx.view.lookup("CITATION.cff")
    if path is None:
        return missing("citation", "no CITATION.cff", case="missing")
    data = texts.yaml_file(ctx, path)
    if not isinstance(data, dict) or not data.get("title"):
        return missing("citation", f"{path} does not parse or has no title",
                       [Evidence("unusable CITATION.cff", path=path)], case="invalid", path=path)
    return present("citation", f"{path} cites '{data.get('title')}'",
                   [Evidence("citation metadata", path=path, line=1)])


def codemeta(ctx: Context) -> Finding:
    path = ctx.view.lookup("codemeta.json")
    if path is None:
        return missing("codemeta", "no codemeta.json", case="missing")
    data = texts.json_file(ctx, path)
    if not isinstance(data, dict) or not data.get("name"):
        return missing("codemeta", f"{path} is not valid JSON or has no name",
                       [Evidence("unusable codemeta.json", path=path)], case="invalid",
                       path=path)
    return present("codemeta", f"{path} describes '{data.get('name')}'",
                   [Evidence("codemeta metadata", path=path, line=1)])


_MD_LINK = re.compile(r"!?\[([^\]]{0,300})\]\([^)]*\)")
_HTML = re.compile(r"<[^>]+>")
_RST_ROLE = re.compile(r"`([^`<]+?)\s*(?:<[^>]*>)?`_{0,2}")


def first_paragraph(text: str) -> tuple[str, int] | None:
    """The README's first prose paragraph (headings, badges, HTML and directives skipped)."""
    text = re.sub(r"<!--.*?-->", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    lines = text.splitlines()
    paragraph: list[str] = []
    start = 0
    in_fence = False
    in_directive = False
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if in_directive:
            # reStructuredText: a directive's options and body are indented below it
            if not line or raw[:1].isspace() or line.startswith(":"):
                continue
            in_directive = False
        if line.startswith(".."):
            in_directive = True
            if paragraph:
                break
            continue
        if line.startswith(("```", "~~~")):
            in_fence = not in_fence
            if paragraph:
                break
            continue
        if in_fence:
            continue
        prose = _HTML.sub("", _MD_LINK.sub(r"\1", line)).strip()
        skip = (not line or line.startswith(("#", "|", "..", ">", "[!", "[![", "---", "***"))
                or re.fullmatch(r"[=\-~^*#+`]{3,}", line) is not None
                or (len(prose.split()) < 3 and not paragraph)
                or (line.startswith("<") and not prose))
        if skip:
            if paragraph:
                # an underline under one line makes that line a heading, not a paragraph
                if re.fullmatch(r"[=\-~^*#+`]{3,}", line) and len(paragraph) == 1:
                    paragraph = []
                    continue
                break
            continue
        if not paragraph:
            start = number
        paragraph.append(prose)
    if not paragraph:
        return None
    joined = " ".join(paragraph)
    return _RST_ROLE.sub(r"\1", re.sub(r"\s+", " ", joined)).strip(), start


def readme_intro(ctx: Context) -> Finding:
    found = texts.readme(ctx)
    if found is None:
        return missing("readme-intro", "no README", case="no-readme")
    path, text = found
    paragraph = first_paragraph(text)
    if paragraph is None:
        return missing("readme-intro", f"{path} has no prose paragraph before its details",
                       [Evidence("no opening paragraph", path=path)], case="unclear", path=path)
    intro, line = paragraph
    cues = load("discover_tags.yml")
    padded = " " + re.sub(r"[^\w\s-]", " ", intro.lower()) + " "
    what = any(c in padded for c in cues["what_cues"])
    whom = any(c in padded for c in cues["audience_cues"])
    short = intro if len(intro) <= 160 else intro[:157] + "..."
    evidence = [Evidence(f"opening: {short}", path=path, line=line)]
    if len(intro.split()) >= MIN_INTRO_WORDS and what and whom:
        return present("readme-intro", f"{path} opens by saying what the solution is and for "
                       "whom", evidence)
    words = len(intro.split())
    lacking = [name for name, ok in (("what the solution is", what), ("who it is for", whom))
               if not ok]
    problem = (f"does not say {' or '.join(lacking)}" if lacking
               else f"is {words} word(s) long")
    return missing("readme-intro", f"{path}'s first paragraph {problem}", evidence,
                   case="unclear", path=path)


def forge_about(ctx: Context) -> list[Finding]:
    """Description, homepage and topics as the forge shows them (remote mode only)."""
    forge = ctx.forge
    if forge is None:
        reason = "local check: run on the repository URL to check the forge's About box"
        return [not_applicable(s, reason) for s in
                ("repository-description", "repository-homepage", "repository-topics")]
    where = forge.html_url or forge.full_name
    out = []
    if forge.description and forge.description.strip():
        out.append(present("repository-description", f"description: {forge.description.strip()}",
                           [Evidence("repository description", url=where)]))
    else:
        out.append(missing("repository-description", "the repository has no description",
                           repository=forge.full_name))
    if forge.homepage and forge.homepage.strip():
        out.append(present("repository-homepage", f"homepage: {forge.homepage.strip()}",
                           [Evidence("repository homepage", url=forge.homepage.strip())]))
    else:
        out.append(missing("repository-homepage", "the repository names no homepage",
                           repository=forge.full_name))
    if forge.topics:
        out.append(present("repository-topics", f"{len(forge.topics)} topics: "
                           + ", ".join(forge.topics[:12]),
                           [Evidence("repository topics", url=where)]))
    else:
        out.append(missing("repository-topics", "the repository has no topics",
                           repository=forge.full_name))
    return out


def check(ctx: Context) -> list[Finding]:
    return [publiccode(ctx), citation(ctx), codemeta(ctx), readme_intro(ctx),
            *forge_about(ctx)]
