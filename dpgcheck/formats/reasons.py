"""Why each indicator got its status, the same way in every format.

A reviewer signs a verdict only when the report says why, without a rerun: each gap (a
``fail``, ``warning`` or ``needs-declaration`` finding) names the rule that fired (finding id
and title), the text that triggered it (``README.md:12: template text — "This project was
bootstrapped with ..."``) and its fix; each ``pass`` shows its one decisive piece of evidence.
Evidence the maintainer only declared is labelled as attested, evidence this run could not
look at as not checked, and no evidence line is printed twice for one indicator.

Works on the JSON form of an indicator (``IndicatorReport.to_dict()``), so live reports,
batch entries and merged JSON Lines render alike. Text comes out unescaped: each format's
sink (:mod:`dpgcheck.formats.sanitize`) escapes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dpgcheck.formats.labels import location

Item = dict[str, Any]
GAPS = ("fail", "warning", "needs-declaration")
#: How evidence that was not observed is labelled, before its text.
BASIS_LABELS = {
    "declared": "attested by the maintainer, not verified",
    "not-checked": "not checked in this run",
}


@dataclass
class Reason:
    """One rule that fired: what it found, on what evidence, and the fix."""

    id: str
    title: str | None
    status: str
    message: str
    evidence: list[Item] = field(default_factory=list)
    fix: str | None = None
    #: The waiver reason, when this finding is waived.
    waived: str | None = None

    def detail(self, summary: str) -> str:
        """The message without what the indicator's summary line already says."""
        message, summary = self.message.strip(), summary.strip()
        if not message or message in summary:
            return ""
        if summary and message.startswith(summary):
            return message[len(summary):].lstrip(" :;,")
        return message

    @property
    def rule(self) -> str:
        """``documentation/readme-stub (README is a stub)``."""
        return f"{self.id} ({self.title})" if self.title else self.id


def where(item: Item) -> str:
    return location(item.get("path"), item.get("line"), item.get("url"))


def basis_label(item: Item) -> str:
    """``attested by the maintainer, not verified`` for declared evidence, else ``""``."""
    return BASIS_LABELS.get(str(item.get("basis") or "observed"), "")


def evidence_text(item: Item) -> str:
    """One piece of evidence on one line: ``where: message — "excerpt"``, unlabelled.

    A message that already ends with its place (``MIT (LICENSE:1)``) does not repeat it.
    """
    message = str(item.get("message") or "").strip()
    place = where(item)
    excerpt = item.get("excerpt")
    if place:
        suffix = f" ({place})"
        if message.endswith(suffix):
            message = message[:-len(suffix)].rstrip()
        text = f"{place}: {message}" if message else place
    else:
        text = message
    if excerpt:
        text += f' — "{excerpt}"' if message else f': "{excerpt}"'
    return text


def evidence_line(item: Item, mark: str = "[{}] ") -> str:
    """:func:`evidence_text` with the basis label first (``mark`` shapes it) when the
    evidence was not observed."""
    label = basis_label(item)
    text = evidence_text(item)
    return mark.format(label) + text if label else text


def unique(items: list[Item], seen: set[str] | None = None) -> list[Item]:
    """Evidence whose line has not been printed yet (``seen`` is updated)."""
    seen = set() if seen is None else seen
    out = []
    for item in items:
        line = evidence_line(item)
        if line not in seen:
            seen.add(line)
            out.append(item)
    return out


def reasons(ind: Item) -> list[Reason]:
    """The rules that fired for an indicator with a gap, in its own order.

    An indicator whose gap comes from no finding (a plugin's hand-built result) is its own
    rule, with its evidence and fixes.
    """
    if str(ind.get("status")) not in GAPS:
        return []
    seen: set[str] = set()
    out = []
    for finding in ind.get("findings") or []:
        if str(finding.get("status")) in GAPS:
            out.append(Reason(str(finding.get("id")), finding.get("title"),
                              str(finding.get("status")), str(finding.get("message") or ""),
                              unique(list(finding.get("evidence") or []), seen),
                              finding.get("remediation"),
                              (finding.get("waiver") or {}).get("reason")))
    if not out:
        fixes = " ".join(str(f) for f in ind.get("remediation") or []) or None
        out.append(Reason(str(ind.get("id")), str(ind.get("title") or "") or None,
                          str(ind.get("status")), str(ind.get("summary") or ""),
                          unique(list(ind.get("evidence") or []), seen), fixes))
    return out


def context(ind: Item, shown: list[Reason]) -> list[Item]:
    """The indicator's other evidence (what passed beside its gaps, its own evidence), without
    what the reasons already show."""
    seen = {evidence_line(e) for r in shown for e in r.evidence}
    items = list(ind.get("evidence") or [])
    items += [e for f in ind.get("findings") or [] if str(f.get("status")) not in GAPS
              for e in f.get("evidence") or []]
    return unique(items, seen)


def other_fixes(ind: Item, shown: list[Reason]) -> list[str]:
    """The indicator's fixes that no reason carries."""
    carried = {r.fix for r in shown if r.fix}
    return [str(f) for f in dict.fromkeys(ind.get("remediation") or []) if f not in carried]


def all_evidence(ind: Item) -> list[Item]:
    """Everything an indicator cites, each line once (for ``-v`` and passes in detail)."""
    items = list(ind.get("evidence") or [])
    items += [e for f in ind.get("findings") or [] for e in f.get("evidence") or []]
    return unique(items)


def decisive(ind: Item) -> Item | None:
    """A pass's decisive evidence (``None`` for other statuses or when it has none)."""
    item = ind.get("decisive")
    return item if isinstance(item, dict) and str(ind.get("status")) == "pass" else None
