"""A review (and a solution) as terminal text, Markdown, JSON and HTML.

Markdown is one section per indicator in the Standard's order, ready to paste as the
reviewer's comments. Repository text (answers, summaries, paths) is escaped in Markdown and
HTML (Jinja2 autoescape); terminal text has control characters removed.
"""

from __future__ import annotations

import json
import re
from typing import Any

from dpgcheck.application.review import TITLES, Review
from dpgcheck.application.solution import Solution

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x1b]")
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|])")
MARK = {"consistent": "consistent", "contradicted": "CONTRADICTED",
        "unverifiable": "unverifiable"}
FORMATS = ("terminal", "markdown", "json", "html")


def plain(text: Any, limit: int = 400) -> str:
    out = CONTROL.sub("", " ".join(str(text).split()))
    return out if len(out) <= limit else out[:limit] + "…"


def md(text: Any, limit: int = 400) -> str:
    return MD_SPECIAL.sub(r"\\\1", plain(text, limit))


def render(review: Review, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(review.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return markdown(review)
    if fmt == "html":
        return html_page("review.html.j2", review=review.to_dict(), titles=TITLES)
    return terminal(review)


def terminal(review: Review) -> str:
    c = review.counts
    lines = [f"Review of {plain(review.claims.name)} ({review.claims.kind})", ""]
    for name, obs in review.repositories:
        state = f"could not check: {plain(obs.error)}" if obs.error else obs.entry.get("verdict")
        lines.append(f"  repository {plain(name)}: {plain(obs.input)} ({state})")
        lines += [f"    waiver (shown, not applied): {w['indicator']} {plain(w['reason'])}"
                  for w in obs.waivers()]
    for number, judgements, missing in review.by_indicator():
        if not judgements and not missing:
            continue
        lines += ["", f"{number} {TITLES[number]}"]
        for j in judgements:
            lines.append(f"  {MARK[j.verdict]:<13} {j.answer.field}: {plain(j.answer.text(), 120)}")
            lines.append(f"                {plain(j.reason)}")
            lines += [f"                - {plain(q)}" for q in j.evidence[:5]]
            if j.look_at:
                lines.append(f"                look at: {plain(j.look_at)}")
        lines += [f"  missing       {a.field}: {a.question}" for a in missing]
    if review.solution is not None:
        lines += ["", *solution_terminal(review.solution).splitlines()]
    lines += ["", f"Answers: {c['consistent']} consistent, {c['contradicted']} contradicted, "
                  f"{c['unverifiable']} unverifiable, {c['missing']} missing. "
                  f"Verdict: {review.verdict}"]
    return "\n".join(lines) + "\n"


def markdown(review: Review) -> str:
    c = review.counts
    out = [f"# Review: {md(review.claims.name)}", "",
           f"**{c['contradicted']} contradicted**, {c['consistent']} consistent, "
           f"{c['unverifiable']} unverifiable, {c['missing']} missing.", "",
           "Repositories checked:", ""]
    for name, obs in review.repositories:
        state = f"could not check: {md(obs.error)}" if obs.error else obs.entry.get("verdict")
        commit = (obs.entry.get("target") or {}).get("commit")
        out.append(f"- {md(name)}: {md(obs.input)} ({state}"
                   + (f", commit `{commit[:12]}`" if commit else "") + ")")
        out += [f"  - waiver declared for {w['indicator']} (shown, not applied): "
                f"{md(w['reason'])}" for w in obs.waivers()]
    for number, judgements, missing in review.by_indicator():
        out += ["", f"## {number}. {TITLES[number]}", ""]
        if not judgements and not missing:
            out.append("_No answer in this application._")
        for j in judgements:
            out.append(f"- **{j.verdict}**: {md(j.answer.field)}: "
                       f"\u201c{md(j.answer.text(), 300)}\u201d")
            out.append(f"  - {md(j.reason)}")
            out += [f"  - {md(q.message)}" + (f" (`{plain(q.where)}`)" if q.where else "")
                    for q in j.evidence[:6]]
            if j.look_at:
                out.append(f"  - Please look at: {md(j.look_at)}")
        out += [f"- **missing**: {md(a.field)}: {md(a.question)}" for a in missing]
    if review.solution is not None:
        out += ["", *solution_markdown(review.solution, level=2).splitlines()]
    return "\n".join(out) + "\n"


def solution_terminal(solution: Solution) -> str:
    lines = [f"Solution {plain(solution.name)}: {len(solution.repositories)} repositories, "
             f"verdict {solution.verdict}"]
    for ind in solution.indicators:
        lines.append(f"  {ind.number:<4}{ind.status:<18}{ind.title}: {plain(ind.reason)}")
        lines.append(f"      rule: {ind.rule}")
        for row in ind.repositories:
            lines.append(f"      {plain(row.name)}: {row.status}: {plain(row.summary, 160)}")
            lines += [f"        - {plain(q)}" for q in row.evidence[:2]]
    return "\n".join(lines) + "\n"


def solution_markdown(solution: Solution, level: int = 1) -> str:
    h = "#" * level
    out = [f"{h} Solution: {md(solution.name)} ({solution.verdict})", ""]
    out += ["| indicator | solution | rule | reason |", "|---|---|---|---|"]
    out += [f"| {i.number} {i.title} | {i.status} | {md(i.rule)} | {md(i.reason)} |"
            for i in solution.indicators]
    for name, obs in solution.repositories:
        out += ["", f"{h}# Repository {md(name)}: {md(obs.input)}", ""]
        if obs.error:
            out.append(f"Could not check: {md(obs.error)}")
            continue
        for ind in solution.indicators:
            row = next((r for r in ind.repositories if r.name == name), None)
            if row is not None:
                where = "; ".join(md(q) for q in row.evidence[:2])
                out.append(f"- {ind.number}: {row.status}: {md(row.summary, 200)}"
                           + (f" ({where})" if where else ""))
    return "\n".join(out) + "\n"


def render_solution(solution: Solution, fmt: str) -> str:
    if fmt == "json":
        from dpgcheck.application.review import REVIEW_SCHEMA_VERSION

        doc = {"schema_version": REVIEW_SCHEMA_VERSION, **solution.to_dict()}
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return solution_markdown(solution)
    if fmt == "html":
        return html_page("solution.html.j2", solution=solution.to_dict())
    return solution_terminal(solution)


def html_page(template: str, **values: Any) -> str:
    """A self-contained page from a shipped template, every value autoescaped."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("dpgcheck", "data/templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    return env.get_template(template).render(**values)
