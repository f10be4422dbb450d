"""Run the selected indicators over one target and build its report.

The runner never imports an indicator: it runs whatever the entry points provide.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from dpgcheck.declarations.loader import Declarations, Waiver, load_declarations
from dpgcheck.engine import excerpts, split
from dpgcheck.engine.context import DEFAULT_STANDARD_VERSION, STANDARD_VERSIONS, Context
from dpgcheck.engine.findings import FindingTable
from dpgcheck.engine.plugins import LoadedIndicator, load_indicators
from dpgcheck.engine.report import IndicatorReport, Report
from dpgcheck.errors import DpgcheckError, ParseError, did_you_mean
from dpgcheck.model import Category, Result, Status
from dpgcheck.repo.view import RepoView
from dpgcheck.sources import Prepared, resolve

CATEGORY_ALIASES = {
    "software": Category.SOFTWARE, "open-software": Category.SOFTWARE,
    "data": Category.DATA, "open-data": Category.DATA,
    "content": Category.CONTENT, "open-content": Category.CONTENT,
    "aimodel": Category.AIMODEL, "ai-model": Category.AIMODEL, "ai_model": Category.AIMODEL,
    "ai": Category.AIMODEL, "open-ai-model": Category.AIMODEL,
}


@dataclass
class RunConfig:
    """Everything a run needs besides the targets; ``options`` reach indicators as-is."""

    categories: list[str] = field(default_factory=list)
    only: list[str] = field(default_factory=list)
    skip: list[str] = field(default_factory=list)
    standard_version: str = DEFAULT_STANDARD_VERSION
    options: dict[str, Any] = field(default_factory=dict)


def parse_category(value: str) -> Category:
    key = value.strip().lower().replace(" ", "-")
    if key not in CATEGORY_ALIASES:
        raise DpgcheckError(
            f"unknown category '{value}': use software, data, content or aimodel"
            + did_you_mean(key, CATEGORY_ALIASES))
    return CATEGORY_ALIASES[key]


def resolve_categories(given: list[str], declarations: Declarations,
                       implied: list[str] | None = None) -> frozenset[Category]:
    """CLI first, then the declarations file, then what the forge's kind implies (a Hugging
    Face model is an AI model), then ``software`` (see :func:`categories_for`, which guesses
    from the tree instead)."""
    names = given or declarations.categories or implied
    if not names:
        return frozenset({Category.SOFTWARE})
    try:
        return frozenset(parse_category(n) for n in names)
    except DpgcheckError as exc:
        if given:
            raise
        raise ParseError(str(exc), path=declarations.path) from None


def categories_for(config: RunConfig, declarations: Declarations, view: RepoView,
                   implied: list[str] | None = None
                   ) -> tuple[frozenset[Category], dict[str, Any]]:
    """The categories to judge by and where they came from: the command line (or a registry
    entry in a batch), the declarations file, else a guess from the tree that the report
    names as a guess."""
    if config.categories or declarations.categories:
        source = ("registry" if config.options.get("categories_from") == "registry" else
                  "command line") if config.categories else "declarations"
        return resolve_categories(config.categories, declarations), {"source": source}
    if implied:
        return resolve_categories([], declarations, implied), {"source": "forge"}
    from dpgcheck.evidence.category import infer

    guess = infer(view)
    return frozenset({guess.category}), {"source": "inferred", **guess.to_dict()}


def select(loaded: list[LoadedIndicator], only: list[str],
           skip: list[str]) -> list[LoadedIndicator]:
    """Filter by id or number (``open-license`` or ``2``); unknown names are a usage error."""
    def listed(values: list[str]) -> list[str]:
        return [v.strip().lower() for item in values for v in item.split(",") if v.strip()]

    known = {li.id.lower() for li in loaded} | {li.number.lower() for li in loaded if li.number}
    only_set, skip_set = set(listed(only)), set(listed(skip))
    unknown = sorted((only_set | skip_set) - known)
    if unknown:
        raise DpgcheckError(
            f"unknown indicator '{unknown[0]}': see 'dpgcheck indicators' for ids and numbers"
            + did_you_mean(unknown[0], sorted(known)))

    def named(li: LoadedIndicator, names: set[str]) -> bool:
        return li.id.lower() in names or (bool(li.number) and li.number.lower() in names)

    return [li for li in loaded
            if (not only_set or named(li, only_set)) and not named(li, skip_set)]


def scan_hints(selected: list[LoadedIndicator]) -> frozenset[str]:
    """Every word the selected indicators will ask the source scan about, so the scan answers
    them in one pass; an indicator whose declaration breaks is left out here and reports its
    error when it runs."""
    return frozenset().union(*(li.scan_hints for li in selected))


def run_indicator(li: LoadedIndicator, ctx: Context) -> IndicatorReport:
    ind = li.indicator
    if ind is None:
        return IndicatorReport(number="", id=li.name, title=li.name, url="",
                               status=Status.ERROR, summary=li.error or "cannot load plugin",
                               origin=li.origin)
    started = time.perf_counter()
    categories = frozenset(getattr(ind, "categories", ctx.categories))
    if not categories & ctx.categories:
        names = ", ".join(sorted(c.value for c in categories))
        result = Result(Status.NOT_APPLICABLE, f"applies to {names} only")
    else:
        try:
            result = ind.check(ctx)
            if not isinstance(result, Result):
                raise TypeError(f"check() returned {type(result).__name__}, not a Result")
        except ParseError as exc:
            result = Result(Status.ERROR, f"could not parse {exc}")
        except DpgcheckError as exc:
            result = Result(Status.ERROR, str(exc))
        except Exception as exc:
            result = Result(Status.ERROR,
                            f"internal error in indicator {ind.id}: {type(exc).__name__}: {exc}")
    table = declared_findings(ind)
    result = excerpts.complete(result, ctx, table)
    return IndicatorReport(
        number=ind.number, id=ind.id, title=ind.title, url=ind.url,
        status=result.status, summary=result.summary, evidence=result.evidence,
        remediation=result.remediation, findings=result.findings, data=result.data,
        origin=li.origin, affects_verdict=bool(getattr(ind, "affects_verdict", True)),
        finding_table=table, seconds=time.perf_counter() - started,
    )


def declared_findings(indicator: object) -> FindingTable | None:
    """The indicator's declared findings, when it declares them for its own id."""
    table = getattr(indicator, "findings", None)
    if isinstance(table, FindingTable) and table.indicator == getattr(indicator, "id", None):
        return table
    return None


def apply_waivers(reports: list[IndicatorReport], waivers: list[Waiver],
                  today: date | None = None) -> list[str]:
    """Attach waivers to what they name (indicator id, number or finding id); return notes."""
    notes: list[str] = []
    used: set[str] = set()
    for waiver in waivers:
        if not waiver.active(today):
            notes.append(f"waiver '{waiver.id}' expired on {waiver.expires}: not applied")
            used.add(waiver.id)
    active = {w.id: w for w in waivers if w.active(today)}
    for rep in reports:
        direct = active.get(rep.id) or (active.get(rep.number) if rep.number else None)
        if direct is not None:
            rep.waiver = direct
            used.add(direct.id)
            continue
        open_findings = [f for f in rep.findings
                         if f.status not in (Status.PASS, Status.NOT_APPLICABLE)]
        if open_findings and all(f.id in active for f in open_findings):
            reasons = "; ".join(dict.fromkeys(active[f.id].reason for f in open_findings))
            rep.waiver = Waiver(",".join(f.id for f in open_findings), reasons)
        rep.finding_waivers = {f.id: active[f.id] for f in rep.findings if f.id in active}
        used.update(rep.finding_waivers)
    for waiver_id in sorted(set(active) - used):
        notes.append(f"waiver '{waiver_id}' names no indicator or finding of this report")
    return notes


def honour_waivers(config: RunConfig, remote: bool) -> bool:
    """Apply the checked repository's own waivers? ``--honour-waivers``/``--no-waivers``;
    by default only for a local folder checked alone (a nominee's waiver must not turn a
    reviewer's verdict)."""
    chosen = config.options.get("waivers")
    if chosen is not None:
        return bool(chosen)
    return not remote and not config.options.get("batch")


def shown_not_applied(waivers: list[Waiver]) -> list[str]:
    """Notes for waivers read but not applied (``--no-waivers``, the default for remote
    targets and batches)."""
    return [f"waiver '{w.id}' in the repository's declarations not applied (--honour-waivers "
            f"applies it): {w.reason}" for w in waivers]


def check_prepared(prepared: Prepared, config: RunConfig,
                   loaded: list[LoadedIndicator] | None = None, *,
                   remote: bool = False) -> Report:
    started_at = datetime.now(UTC)
    if config.standard_version not in STANDARD_VERSIONS:
        raise DpgcheckError(f"unknown Standard version '{config.standard_version}': "
                            f"use {' or '.join(STANDARD_VERSIONS)}")
    view = RepoView.from_path(prepared.root)
    declarations = load_declarations(view)
    implied = prepared.forge.categories if prepared.forge is not None else []
    categories, basis = categories_for(config, declarations, view, implied)
    ctx = Context(view, prepared.target, categories=categories,
                  standard_version=config.standard_version, forge=prepared.forge,
                  declarations=declarations, options=config.options, category_basis=basis)
    selected = select(loaded if loaded is not None else load_indicators(),
                      config.only, config.skip)
    ctx.scan_hints = scan_hints(selected)
    if split.wanted(len(view), config.options, remote):
        results = split.run_split(selected, ctx, run_indicator)
    else:
        results = [run_indicator(li, ctx) for li in selected]
    notes = [*prepared.notes, *declarations.warnings,
             *(apply_waivers(results, declarations.waivers)
               if honour_waivers(config, remote) else shown_not_applied(declarations.waivers)),
             *dict.fromkeys(ctx.notes)]
    if basis["source"] == "inferred":
        notes.append(f"category assumed: {basis['assumed']}, because {basis['reason']}; "
                     "declare `categories:` in dpg.yml or pass --category")
    if view.truncated:
        notes.append(f"the tree has more files than dpgcheck lists; only {len(view)} were seen")
    if prepared.target.commit is None and view.git is not None:
        prepared.target.commit = view.git.head
    order = {c: i for i, c in enumerate(Category)}
    return Report(
        target=prepared.target,
        categories=[c.value for c in sorted(categories, key=order.__getitem__)],
        standard_version=config.standard_version,
        indicators=[r for r in results if r.affects_verdict],
        extras=[r for r in results if not r.affects_verdict],
        declarations_path=declarations.path,
        notes=notes,
        forge=prepared.forge_dict(),
        declared=config.options.get("declared"),
        category_basis=basis,
        started_at=started_at,
    )


def check_target(target: str, config: RunConfig,
                 loaded: list[LoadedIndicator] | None = None) -> Report:
    """Resolve, prepare and check one target; errors about the target raise DpgcheckError."""
    source = resolve(target, config.options)
    prepared = source.prepare()
    try:
        return check_prepared(prepared, config, loaded, remote=source.remote)
    finally:
        prepared.close()
