"""What changed for one repository: since the DPGA accepted its DPG, and since last time.

Each change names its kind, the indicator it touches (``repository`` for the repository's
own state), a severity, a message and the evidence. Against acceptance only what the export
lets us compare is judged (licences, documentation, user interaction) plus the repository's
state; against a previous reassessment every observed fact is compared.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from dpgcheck.application.observed import Observed, Quote, licence_family, same_owner
from dpgcheck.batch.reassess.registry import Dpg

BREAKS, LOOK, INFO = "breaks the Standard", "needs a look", "informational"
SEVERITIES = (BREAKS, LOOK, INFO)
ACCEPTANCE, PREVIOUS = "acceptance", "previous"


@dataclass
class Change:
    kind: str
    indicator: str
    severity: str
    repository: str
    message: str
    since: str
    evidence: list[Quote] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "indicator": self.indicator, "severity": self.severity,
                "repository": self.repository, "message": self.message, "since": self.since,
                "evidence": [q.to_dict() for q in self.evidence]}


def is_stale(obs: Observed, now: datetime, months: int) -> bool:
    if not obs.last_commit:
        return False
    try:
        when = datetime.fromisoformat(obs.last_commit)
    except ValueError:
        return False
    return now - when > timedelta(days=round(months * 30.44))


def state_changes(obs: Observed, now: datetime, months: int, since: str) -> list[Change]:
    """Gone, moved, archived, stale: the repository's own state."""
    repo = obs.input
    if obs.gone:
        return [Change("gone", "repository", BREAKS, repo, "the repository is gone (the "
                       "forge answers 404)", since, [Quote(str(obs.error))])]
    out = []
    if obs.moved_to:
        out.append(Change("moved", "repository", INFO, repo, f"the repository moved to "
                          f"{obs.moved_to} (the forge redirects)", since,
                          [Quote(f"canonical name {obs.moved_to}", obs.url)]))
        asked_owner = (obs.requested_name or "").split("/")[0].lower()
        if asked_owner and asked_owner != obs.moved_to.split("/")[0].lower():
            out.append(Change("ownership-changed", "3", LOOK, repo, "the repository now "
                              f"belongs to {obs.moved_to.split('/')[0]}", since,
                              [Quote(f"moved to {obs.moved_to}", obs.url)]))
    if obs.archived:
        out.append(Change("archived", "repository", LOOK, repo, "the repository is archived "
                          "(read-only, no longer maintained)", since,
                          [Quote("archived: true (forge)", obs.url)]))
    if is_stale(obs, now, months):
        out.append(Change("stale", "repository", LOOK, repo, f"no commit for more than "
                          f"{months} months (last {obs.last_commit[:10]})", since,
                          [Quote(f"last commit {obs.last_commit}")]))
    return out


def licence_change(obs: Observed, accepted: list[str], since: str,
                   categories: list[str] | None = None) -> Change | None:
    found = {licence_family(i) for i in obs.licence_ids()}
    names = obs.expression or ", ".join(sorted(obs.licence_ids())) or "no licence"
    if obs.licence_approved is False:
        return Change("licence-not-approved", "2", BREAKS, obs.input, f"the licence ({names}) "
                      "is not an approved open licence"
                      + (f"; accepted: {', '.join(accepted)}" if accepted else ""), since,
                      obs.licence_quotes() or obs.evidence("2"))
    wanted = {licence_family(a) for a in accepted}
    if wanted and found and not found & wanted:
        # A licence approved for another role than the DPG's (the MIT code of an open-data
        # DPG): the accepted licence may cover what is published elsewhere.
        own_role = not categories or obs.licence_role in (*categories, "mixed")
        return Change("licence-changed", "2", LOOK if own_role else INFO, obs.input,
                      f"the licence is {names}, not the accepted {', '.join(accepted)}"
                      + ("" if own_role else f" (approved as a {obs.licence_role} licence)"),
                      since, obs.licence_quotes())
    return None


def since_acceptance(dpg: Dpg, obs: Observed, now: datetime, months: int) -> list[Change]:
    if obs.error and not obs.gone:
        return []  # could not check: reported as an error, not as drift
    out = state_changes(obs, now, months, ACCEPTANCE)
    if obs.gone:
        return out
    lic = licence_change(obs, dpg.licences, ACCEPTANCE, dpg.categories)
    out += [lic] if lic else []
    if obs.status("5") == "fail":
        out.append(Change("documentation-missing", "5", BREAKS, obs.input, "no documentation "
                          "any more (accepted with documentation)", ACCEPTANCE,
                          obs.evidence("5")))
    if dpg.users_interact and dpg.coc_claimed \
            and obs.status("9c") not in (None, "not-applicable", "error") \
            and not obs.code_of_conduct:
        out.append(Change("code-of-conduct-missing", "9c", LOOK, obs.input, "no code of "
                          "conduct, although the accepted answer to 9c relies on one",
                          ACCEPTANCE, [Quote(str(obs.indicator("9c").get("summary", "")))]))
    return out


def since_previous(prev: Observed, obs: Observed, now: datetime,
                   months: int) -> list[Change]:
    """What differs from the previous reassessment's observation of the same repository."""
    if (obs.error and not obs.gone) or (prev.error and not prev.gone):
        return []
    before = {(c.kind, c.indicator) for c in state_changes(prev, now, months, PREVIOUS)}
    out = [c for c in state_changes(obs, now, months, PREVIOUS)
           if (c.kind, c.indicator) not in before]
    if obs.gone:
        return out
    if prev.gone:
        return [*out, Change("back", "repository", INFO, obs.input,
                             "the repository is reachable again", PREVIOUS)]
    was = {licence_family(i) for i in prev.licence_ids()}
    now_ids = {licence_family(i) for i in obs.licence_ids()}
    if was != now_ids:
        severity = BREAKS if obs.licence_approved is False else LOOK
        out.append(Change("licence-changed", "2", severity, obs.input,
                          f"the licence changed from {prev.expression or 'none'} to "
                          f"{obs.expression or 'none'}", PREVIOUS, obs.licence_quotes()))
    for kind, indicator, attr, severity in (
            ("code-of-conduct-removed", "9c", "code_of_conduct", LOOK),
            ("security-policy-removed", "9a", "security_policy", LOOK),
            ("documentation-removed", "5", "documentation", BREAKS)):
        if getattr(prev, attr) and not getattr(obs, attr):
            out.append(Change(kind, indicator, severity, obs.input,
                              f"{kind.rsplit('-', 1)[0].replace('-', ' ')} removed (was "
                              f"{getattr(prev, attr)})", PREVIOUS,
                              [Quote(f"previously {getattr(prev, attr)}")]))
    old, new = prev.owners()[:1], obs.owners()[:1]
    if old and new and not same_owner(old[0], new[0]):
        out.append(Change("ownership-changed", "3", LOOK, obs.input, f"the repository now "
                          f"names {new[0]} as owner (was {old[0]})", PREVIOUS,
                          obs.evidence("3", 2)))
    return out


def utcnow() -> datetime:
    return datetime.now(UTC)
