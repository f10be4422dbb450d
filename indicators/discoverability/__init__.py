"""Beyond the Standard: can catalogues, deployers and users find and use the solution?

The DPGA's and GitHub's advice to DPG maintainers: publish rich FAIR metadata, tag for
catalogues, deposit in trusted repositories, localise, and serve low-connectivity and
disabled users. This plugin counts those signals. It is an extra: it never changes the DPG
verdict or the exit code. It imports only ``dpgcheck.api`` (and its own detectors, which do
the same), as a third-party plugin would.
"""

from __future__ import annotations

from dpgcheck_indicators.discoverability.findings import FINDINGS

from dpgcheck.api import Context, Evidence, Finding, Indicator, Result, Status

#: The Standard for Public Code's findability criterion: the closest published checklist.
ADVICE_URL = "https://standard.publiccode.net/criteria/make-the-codebase-findable.html"


class Discoverability(Indicator):
    number = ""
    id = "discoverability"
    title = "Discoverability"
    url = ADVICE_URL
    affects_verdict = False
    findings = FINDINGS

    def check(self, ctx: Context) -> Result:
        from dpgcheck_indicators.discoverability import (
            access,
            deposits,
            localisation,
            metadata,
            tagging,
        )

        groups: dict[str, list[Finding]] = {
            "metadata": metadata.check(ctx),
            "tagging": tagging.check(ctx),
            "deposits": deposits.check(ctx),
            "localisation": localisation.check(ctx),
            "accessibility": access.check(ctx),
        }
        findings = [f for group in groups.values() for f in group]
        return summarise(findings, groups, ctx)


def summarise(findings: list[Finding], groups: dict[str, list[Finding]],
              ctx: Context) -> Result:
    """Pass when more than half of the applicable signals are present, else warning."""
    from dpgcheck_indicators.discoverability import localisation

    applicable = [f for f in findings if f.status is not Status.NOT_APPLICABLE]
    found = [f for f in applicable if f.status is Status.PASS]
    status = Status.PASS if applicable and 2 * len(found) > len(applicable) else Status.WARNING
    skipped = len(findings) - len(applicable)
    summary = f"discoverable: {len(found)} of {len(applicable)} signals"
    if skipped:
        summary += f" ({skipped} not applicable)"
    catalogues, libs = localisation.scan(ctx)
    data = {
        "discoverability": {
            "present": len(found),
            "applicable": len(applicable),
            "signals": {
                f.id.rpartition("/")[2]: {
                    "group": group,
                    "status": f.status.value,
                    "present": f.status is Status.PASS if f.status is not
                    Status.NOT_APPLICABLE else None,
                    "message": f.message,
                }
                for group, items in groups.items() for f in items
            },
            "locales": sorted(catalogues.locales),
            "i18n_frameworks": sorted(libs),
        }
    }
    # One line per signal found (what the terminal lists); each finding keeps its own evidence.
    evidence = [Evidence(f"{f.id.rpartition('/')[2]}: {f.message}",
                         path=f.evidence[0].path if f.evidence else None,
                         line=f.evidence[0].line if f.evidence else None,
                         url=f.evidence[0].url if f.evidence else None) for f in found]
    # publiccode.yml errors (line:column) are what a maintainer fixes first: list them on top.
    broken = [e for f in applicable if f.id.endswith("/publiccode")
              and f.status is not Status.PASS for e in f.evidence]
    evidence = broken + evidence
    result = Result.from_findings(findings, summary, evidence=evidence, data=data)
    result.status = status
    return result
