"""Tagging signals: DPG/SDG topics, sector words, the DPG badge, SDGs consistent with dpg.yml."""

from __future__ import annotations

from typing import Any

from dpgcheck_indicators.discoverability import texts
from dpgcheck_indicators.discoverability.data import load, patterns
from dpgcheck_indicators.discoverability.signal import (
    first_quoted,
    line_of,
    missing,
    not_applicable,
    present,
)

from dpgcheck.api import Context, Evidence, Finding

TAGS = "discover_tags.yml"
SDG_RANGE = range(1, 18)


def _where(tags: texts.Tags, tag: str) -> str:
    return ", ".join(tags.items.get(tag, []))


def _unseen(ctx: Context, tags: texts.Tags, signal: str) -> Finding | None:
    """Locally, with no manifest keywords, the tags (forge topics) cannot be seen at all."""
    if ctx.forge is None and not tags.sources:
        return not_applicable(signal, "no keywords in codemeta.json, package.json, pyproject, "
                              "CITATION.cff or publiccode.yml; repository topics are read only "
                              "when checking the repository URL")
    return None


def _searched(ctx: Context, tags: texts.Tags) -> str:
    """Where tags were looked for, and that forge topics need a remote check."""
    where = (f"among the keywords of {', '.join(tags.sources)}" if tags.sources
             else "(no topics or keywords found)")
    if ctx.forge is None:
        where += "; repository topics are read only when checking the repository URL"
    return where


def sdgs_in_tag(tag: str) -> int | None:
    for regex in patterns(TAGS, "sdg_patterns"):
        m = regex.fullmatch(tag)
        if m:
            number = int(m.group(1))
            return number if number in SDG_RANGE else None
    return None


def dpg_topics(ctx: Context) -> Finding:
    tags = texts.tags(ctx)
    known = set(load(TAGS)["dpg_topics"])
    hits = [t for t in tags.items if t in known or sdgs_in_tag(t) is not None]
    if hits:
        return present("dpg-topics", "DPG/SDG tags: " + ", ".join(hits),
                       [Evidence(f"tag '{t}' in {_where(tags, t)}") for t in hits[:8]])
    unseen = _unseen(ctx, tags, "dpg-topics")
    if unseen:
        return unseen
    return missing("dpg-topics", "no digital-public-goods or sdg-N tag " + _searched(ctx, tags))


def _sector_of(tag: str, sectors: set[str]) -> str | None:
    for candidate in (tag, tag.removesuffix("s"), tag.removesuffix("-sector")):
        if candidate in sectors:
            return candidate
    return None


def sector_tags(ctx: Context) -> Finding:
    tags = texts.tags(ctx)
    sectors = set(load(TAGS)["sectors"])
    hits = [t for t in tags.items if _sector_of(t, sectors)]
    if hits:
        return present("sector-tags", "sector tags: " + ", ".join(hits[:10]),
                       [Evidence(f"tag '{t}' in {_where(tags, t)}") for t in hits[:8]])
    unseen = _unseen(ctx, tags, "sector-tags")
    if unseen:
        return unseen
    return missing("sector-tags", "no tag names the sector the solution serves "
                   + _searched(ctx, tags))


def _texts(ctx: Context) -> list[tuple[str, str]]:
    """README plus other root Markdown (badges and registry links live there)."""
    return texts.readme_and(ctx, ("*.md", "*.rst"), dirs=("",), limit=12)


def dpg_badge(ctx: Context) -> Finding:
    found = first_quoted(_texts(ctx), patterns(TAGS, "dpg_badge_patterns"))
    if found:
        return present("dpg-badge", f"DPG badge or registry link in {found[0]}", [found[1]])
    if ctx.forge and ctx.forge.homepage and "digitalpublicgoods.net" in ctx.forge.homepage:
        return present("dpg-badge", "the repository homepage is the DPG registry page",
                       [Evidence("homepage", url=ctx.forge.homepage)])
    return missing("dpg-badge", "no DPG badge and no link to the DPG registry")


def declared_sdgs(ctx: Context) -> set[int]:
    found: set[int] = set()
    value: Any = ctx.declarations.get("sdgs") or []
    for item in value if isinstance(value, list) else []:
        number = item.get("number") if isinstance(item, dict) else item
        try:
            n = int(str(number).strip().lower().removeprefix("sdg").strip(" -"))
        except ValueError:
            continue
        if n in SDG_RANGE:
            found.add(n)
    return found


def named_sdgs(ctx: Context) -> dict[int, list[Evidence]]:
    """SDGs named by tags and by the README, with where."""
    named: dict[int, list[Evidence]] = {}
    tags = texts.tags(ctx)
    for tag in tags.items:
        n = sdgs_in_tag(tag)
        if n is not None:
            named.setdefault(n, []).append(Evidence(f"tag '{tag}' in {_where(tags, tag)}"))
    readme = texts.readme(ctx)
    if readme:
        path, text = readme
        for regex in patterns(TAGS, "sdg_text_patterns"):
            for m in regex.finditer(text):
                n = int(m.group(1))
                if n in SDG_RANGE:
                    named.setdefault(n, []).append(
                        Evidence(m.group(0), path=path, line=line_of(text, m)))
    return named


def _goals(numbers: set[int] | list[int]) -> str:
    return ", ".join(f"SDG {n}" for n in sorted(numbers))


def sdg_consistency(ctx: Context) -> Finding:
    declared = declared_sdgs(ctx)
    named = named_sdgs(ctx)
    evidence = [e for n in sorted(named) for e in named[n][:2]]
    where = ctx.declarations.path or "dpg.yml"
    if declared:
        evidence.append(Evidence(f"declared: {_goals(declared)}", path=where))
    if declared and named:
        extra = set(named) - declared
        unnamed = declared - set(named)
        if not extra and not unnamed:
            return present("sdg-consistency", f"{_goals(declared)} named in tags or README "
                           f"as declared in {where}", evidence)
        parts = []
        if extra:
            parts.append(f"{_goals(extra)} named but not declared in {where}")
        if unnamed:
            parts.append(f"{_goals(unnamed)} declared but not named in topics or README")
        return missing("sdg-consistency", "; ".join(parts), evidence, case="disagree",
                       where=where)
    if declared:
        return missing("sdg-consistency",
                       f"{where} declares {_goals(declared)} but no topic, keyword or README "
                       "names it", evidence, case="unnamed",
                       topics=", ".join(f"sdg-{n}" for n in sorted(declared)))
    if named:
        return missing("sdg-consistency",
                       f"{_goals(set(named))} named in tags or README but no dpg.yml declares "
                       "SDGs", evidence, case="undeclared")
    return missing("sdg-consistency", "no SDG is named in dpg.yml, topics or README",
                   case="none")


def check(ctx: Context) -> list[Finding]:
    return [dpg_topics(ctx), sector_tags(ctx), dpg_badge(ctx), sdg_consistency(ctx)]
