"""What a check observed about one repository, read back from its JSON report (a batch entry).

Reviews, solutions and reassessments compare claims and past observations against these
facts. They read the report's JSON shape (``data/report.schema.json``) rather than live
objects, so a JSON Lines line written months ago is read exactly as a fresh check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from dpgcheck.sources.spec import parse_remote

Entry = dict[str, Any]
#: The extra result reassessments add for the last commit's date (see batch/reassess).
FRESHNESS_ID = "reassess-freshness"


@dataclass
class Quote:
    """A piece of evidence as a reviewer reads it: what, and where."""

    message: str
    where: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"message": self.message, "where": self.where}

    def __str__(self) -> str:
        return f"{self.message} ({self.where})" if self.where else self.message


def quote(ev: dict[str, Any]) -> Quote:
    where = ev.get("path") or ev.get("url")
    if ev.get("path") and ev.get("line"):
        where = f"{ev['path']}:{ev['line']}"
    return Quote(str(ev.get("message") or ""), where)


@dataclass
class Observed:
    """The facts of one repository's entry; ``gone``/``error`` when it could not be checked."""

    input: str
    entry: Entry
    error: str | None = None
    gone: bool = False
    full_name: str | None = None
    url: str | None = None
    archived: bool | None = None
    owner_login: str | None = None
    licences: list[dict[str, Any]] = field(default_factory=list)
    expression: str | None = None
    last_commit: str | None = None

    @classmethod
    def from_entry(cls, entry: Entry) -> Observed:
        error = entry.get("error")
        forge = entry.get("forge") or {}
        ind = _by_number(entry)
        lic = ind.get("2") or {}
        extras = {e.get("id"): e for e in entry.get("extras") or [] if isinstance(e, dict)}
        return cls(
            input=str(entry.get("input") or (entry.get("target") or {}).get("name") or ""),
            entry=entry,
            error=str(error) if error else None,
            gone=bool(error) and "not found" in str(error).lower(),
            full_name=forge.get("full_name"),
            url=(entry.get("target") or {}).get("url"),
            archived=forge.get("archived"),
            owner_login=forge.get("owner_login"),
            licences=[x for x in lic.get("licenses") or [] if isinstance(x, dict)],
            expression=lic.get("expression"),
            last_commit=(extras.get(FRESHNESS_ID) or {}).get("last_commit"),
        )

    # -- indicators -------------------------------------------------------------------------
    def indicator(self, number: str) -> dict[str, Any]:
        return _by_number(self.entry).get(number) or {}

    def status(self, number: str) -> str | None:
        return self.indicator(number).get("status")

    def evidence(self, number: str, limit: int = 3) -> list[Quote]:
        ind = self.indicator(number)
        quotes = [quote(e) for e in ind.get("evidence") or []]
        if not quotes:
            quotes = [quote(e) for f in ind.get("findings") or []
                      if f.get("status") not in ("not-applicable",)
                      for e in f.get("evidence") or []]
        return quotes[:limit]

    def waivers(self) -> list[dict[str, Any]]:
        """Waivers the repository's dpg.yml declares, per indicator (shown, never applied)."""
        out = []
        for ind in self.entry.get("indicators") or []:
            if ind.get("waiver"):
                out.append({"indicator": ind.get("number"), **ind["waiver"]})
            for f in ind.get("findings") or []:
                if f.get("waiver"):
                    out.append({"indicator": ind.get("number"), "finding": f.get("id"),
                                **f["waiver"]})
        return out

    # -- facts ------------------------------------------------------------------------------
    @property
    def requested_name(self) -> str | None:
        spec = parse_remote(self.input)
        return spec.full_name if spec is not None else None

    @property
    def moved_to(self) -> str | None:
        """The repository's canonical name when the forge answered for another one."""
        asked = self.requested_name
        if asked and self.full_name and asked.lower() != self.full_name.lower():
            return self.full_name
        return None

    def licence_ids(self) -> set[str]:
        ids = {str(x["spdx"]) for x in self.licences if x.get("spdx")}
        if self.expression:
            ids |= set(expression_ids(self.expression))
        return ids

    def licence_quotes(self) -> list[Quote]:
        return [Quote(f"{x.get('method', 'found')}: {x['spdx']}"
                      + ("" if x.get("approved", True) else " (not approved)"),
                      f"{x['path']}:{x['line']}" if x.get("path") and x.get("line")
                      else x.get("path"))
                for x in self.licences if x.get("spdx")][:4]

    @property
    def licence_role(self) -> str | None:
        """The first role (software, data, content) the found licence is approved for: a
        data DPG's code repository under MIT is approved as software."""
        from dpgcheck.evidence.licenses.policy import approved, approved_anywhere

        expr = self.expression or " AND ".join(sorted(self.licence_ids()))
        if not expr:
            return None
        role = next((c for c in ("software", "data", "content") if approved(expr, c)), None)
        ids = expression_ids(expr)
        if role is None and ids and all(approved_anywhere(i) for i in ids):
            return "mixed"  # code under one licence, data under another: each approved
        return role

    @property
    def licence_approved(self) -> bool | None:
        """Approved for some role; False when none was found or none approves it; None when
        the licence check did not run."""
        status = self.status("2")
        if status in (None, "error", "not-applicable"):
            return None
        if status in ("pass", "warning"):
            return True
        return self.licence_role is not None

    @property
    def remote(self) -> bool:
        """Checked through a forge (so the owner's inherited community files were read)."""
        return bool(self.entry.get("forge"))

    @property
    def code_of_conduct(self) -> str | None:
        data = self.indicator("9c")
        coc = data.get("code_of_conduct")
        if isinstance(coc, dict) and coc.get("path"):
            return str(coc["path"]) + (" (inherited from the owner's .github)"
                                       if coc.get("inherited") else "")
        linked = data.get("linked_code_of_conduct")
        return str(linked) if linked else None

    @property
    def security_policy(self) -> str | None:
        for item in self.indicator("8").get("practices") or []:
            if isinstance(item, dict) and item.get("id") == "security-policy":
                evidence = item.get("evidence") or [{}]
                return str(quote(evidence[0]).where or item.get("name") or "SECURITY.md")
        return None

    @property
    def documentation(self) -> str | None:
        """The README and other documentation found, when indicator 5 passed."""
        data = self.indicator("5")
        if data.get("status") not in ("pass", "warning"):
            return None
        parts = [str(data["readme"])] if data.get("readme") else []
        parts += [f"{a.get('kind')} ({a.get('path')})" for a in data.get("artefacts") or []
                  if isinstance(a, dict)][:3]
        return "; ".join(parts) or str(data.get("summary") or "documentation")

    def owners(self) -> list[str]:
        """Owner names the repository states (copyright holders), most likely first."""
        names = [str(h.get("name")) for h in self.indicator("3").get("holders") or []
                 if isinstance(h, dict) and h.get("name")]
        return list(dict.fromkeys(names))

    def closed_components(self, mandatory: bool) -> list[Quote]:
        """Closed or source-available runtime components indicator 4 flagged: ``mandatory``
        ones (declared mandatory without an open alternative: a fail) or the others (used,
        but nobody said whether the solution works without them: a warning)."""
        out = []
        for f in self.indicator("4").get("findings") or []:
            fid = str(f.get("id") or "")
            if not ("/closed/" in fid or fid.endswith(("/mandatory-closed", "/declared"))):
                continue
            if f.get("status") == ("fail" if mandatory else "warning"):
                ev = (f.get("evidence") or [{}])[0]
                out.append(Quote(str(f.get("message") or fid), quote(ev).where))
        return out


def _by_number(entry: Entry) -> dict[str, dict[str, Any]]:
    return {str(i.get("number")): i for i in entry.get("indicators") or []
            if isinstance(i, dict)}


def expression_ids(expression: str) -> list[str]:
    return [t for t in re.split(r"\s+(?:AND|OR|WITH)\s+|[()\s]+", expression) if t]


def licence_family(spdx: str) -> str:
    """``GPL-3.0-only`` and ``GPL-3.0`` and ``GPL-3.0+`` are one family for comparisons."""
    key = spdx.strip().upper().rstrip("+")
    for suffix in ("-ONLY", "-OR-LATER"):
        key = key.removesuffix(suffix)
    return key


NAME_NOISE = re.compile(r"\b(inc|ltd|llc|gmbh|foundation|the|org|project|team|and|of|"
                        r"contributors|authors|e\.?v|s\.?a|co)\b\.?", re.IGNORECASE)


def name_words(name: str) -> set[str]:
    """The significant words of an owner name, to compare spellings of one organisation."""
    cleaned = NAME_NOISE.sub(" ", name.lower())
    return {w for w in re.split(r"[^a-z0-9]+", cleaned) if len(w) > 1}


def same_owner(a: str, b: str) -> bool:
    wa, wb = name_words(a), name_words(b)
    return bool(wa and wb and (wa <= wb or wb <= wa or len(wa & wb) >= 2))
