"""Findings declared as data: every id an indicator can emit, its title and its fix.

Modelled on OpenSSF Scorecard's probes (each probe declares its id, a short description and
its remediation once, in a ``def.yml``) and on ruff's rule registry (each rule's code, name
and fix title declared once, beside the rule). An indicator declares a :class:`FindingTable`
of :class:`FindingSpec` at the top of its module and creates its findings from it with
``self.finding(name, status, message, evidence, **fields)``; SARIF rules and
``dpgcheck indicators --findings`` read the same table.

Texts are templates: ``{name}`` (a bare identifier in braces) is a placeholder filled from the
fields given when the finding is created; every other brace is literal (``{name, role}``);
``{{`` and ``}}`` write a literal ``{`` and ``}``. A finding id may hold placeholders too
(``closed/{component}``): one declared finding, many emitted ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from dpgcheck.model import Evidence, Finding, Status

PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")
#: Statuses whose findings carry no fix (nothing is missing).
NO_FIX = frozenset({Status.PASS, Status.NOT_APPLICABLE})
#: Keyword arguments of the factory, so never placeholder names.
RESERVED = frozenset({"evidence", "case"})


class UndeclaredFinding(LookupError):
    """A finding name the indicator never declared, or used against its declaration.

    Always a programming error in the indicator: it is raised at once, never reported.
    """


def placeholders(template: str) -> tuple[str, ...]:
    """The placeholder names of a template, in order, without repeats."""
    names = (m.group(1) for m in PLACEHOLDER.finditer(template) if m.group(1))
    return tuple(dict.fromkeys(names))


def render(template: str, fields: Mapping[str, Any], where: str = "") -> str:
    """Fill a template's placeholders from ``fields`` (values as ``str()``)."""

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None:
            return match.group(0)[0]
        if name not in fields:
            raise UndeclaredFinding(f"{where or template!r}: no value given for {{{name}}}")
        return str(fields[name])

    return PLACEHOLDER.sub(fill, template)


@dataclass(frozen=True)
class FindingSpec:
    """One finding an indicator can emit, declared once.

    ``name`` is the id within the indicator (``not-approved``, ``closed/{component}``); the
    full id is ``<indicator id>/<name>``. ``remediation`` is the fix a gap prints: one text,
    or several keyed by case (``{"missing": ..., "invalid": ...}``) when the fix depends on
    what was found; ``None`` only for a finding that is never a gap (pass, not-applicable).
    """

    name: str
    title: str
    remediation: str | Mapping[str, str] | None = None
    help_url: str | None = None
    #: The indicator id, set by the :class:`FindingTable` that declares the spec.
    indicator: str = field(default="", compare=False)
    #: False for a finding whose lines must never be quoted (a committed secret): its
    #: evidence gets no excerpt (see ``dpgcheck.engine.excerpts``).
    excerpts: bool = field(default=True, compare=False)

    @property
    def id(self) -> str:
        """The full id as declared (placeholders kept): ``open-license/not-approved``."""
        return f"{self.indicator}/{self.name}" if self.indicator else self.name

    @property
    def fixes(self) -> dict[str, str]:
        """Every remediation text by case (``""`` for a single text)."""
        if self.remediation is None:
            return {}
        if isinstance(self.remediation, str):
            return {"": self.remediation}
        return dict(self.remediation)

    @property
    def fields(self) -> tuple[str, ...]:
        """Every placeholder of the id and the remediation texts."""
        texts = [self.name, *self.fixes.values()]
        return tuple(dict.fromkeys(n for t in texts for n in placeholders(t)))

    def render_id(self, fields: Mapping[str, Any]) -> str:
        return render(self.id, fields, self.id)

    def fix(self, case: str | None = None, **fields: Any) -> str:
        """The remediation for ``case``, placeholders filled."""
        fixes = self.fixes
        if not fixes:
            raise UndeclaredFinding(f"{self.id} declares no remediation: it cannot be a gap")
        if isinstance(self.remediation, str):
            if case is not None:
                raise UndeclaredFinding(f"{self.id} has one remediation, not cases ({case!r})")
            return render(self.remediation, fields, self.id)
        if case not in fixes:
            raise UndeclaredFinding(f"{self.id}: remediation case {case!r} is not declared "
                                    f"(declared: {', '.join(fixes)})")
        return render(fixes[case], fields, f"{self.id} [{case}]")

    def pattern(self) -> re.Pattern[str]:
        """A regular expression matching the ids this spec can emit."""
        out, last = [], 0
        for match in PLACEHOLDER.finditer(self.id):
            out.append(re.escape(self.id[last:match.start()]))
            out.append(".+?" if match.group(1) else re.escape(match.group(0)[0]))
            last = match.end()
        out.append(re.escape(self.id[last:]))
        return re.compile("".join(out))


class FindingTable(Mapping[str, FindingSpec]):
    """An indicator's declared findings, by name; creates findings from them.

    Declared at the top of an indicator module and set as the indicator's ``findings``::

        FINDINGS = FindingTable("open-license",
            FindingSpec("missing", "No licence", "Add a LICENSE file ..."),
        )
    """

    def __init__(self, indicator: str, *specs: FindingSpec) -> None:
        self.indicator = indicator
        self._specs: dict[str, FindingSpec] = {}
        for spec in specs:
            if spec.name in self._specs:
                raise ValueError(f"{indicator}: finding {spec.name!r} declared twice")
            if not spec.title.strip():
                raise ValueError(f"{indicator}/{spec.name}: a finding needs a title")
            if isinstance(spec.remediation, Mapping) and not spec.remediation:
                raise ValueError(f"{indicator}/{spec.name}: remediation cases are empty")
            reserved = RESERVED & set(spec.fields)
            if reserved:
                raise ValueError(f"{indicator}/{spec.name}: placeholder names reserved by the "
                                 f"factory: {', '.join(sorted(reserved))}")
            self._specs[spec.name] = replace(spec, indicator=indicator)

    def __getitem__(self, name: str) -> FindingSpec:
        try:
            return self._specs[name]
        except KeyError:
            raise UndeclaredFinding(
                f"{self.indicator}: finding {name!r} is not declared in its FindingTable"
            ) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._specs)

    def __len__(self) -> int:
        return len(self._specs)

    def __repr__(self) -> str:
        return f"FindingTable({self.indicator!r}, {len(self)} findings)"

    def create(self, name: str, status: Status, message: str, /,
               evidence: Iterable[Evidence] = (), *, case: str | None = None,
               **fields: Any) -> Finding:
        """A finding from its declaration: the id rendered from ``fields`` and, for a gap,
        the declared remediation for ``case`` with its placeholders filled."""
        spec = self[name]
        unknown = set(fields) - set(spec.fields)
        if unknown:
            raise UndeclaredFinding(f"{spec.id}: no placeholder named "
                                    f"{', '.join(sorted(unknown))}")
        remediation = None if status in NO_FIX else spec.fix(case, **fields)
        return Finding(spec.render_id(fields), status, message, tuple(evidence), remediation,
                       rule=spec.id)

    def spec_for(self, finding_id: str) -> FindingSpec | None:
        """The spec that emits ``finding_id`` (a declared id or one rendered from a template;
        the most specific template wins)."""
        exact = [s for s in self._specs.values() if s.id == finding_id]
        if exact:
            return exact[0]
        matching = [s for s in self._specs.values() if s.pattern().fullmatch(finding_id)]
        if not matching:
            return None
        return max(matching, key=lambda s: len(PLACEHOLDER.sub("", s.id)))
