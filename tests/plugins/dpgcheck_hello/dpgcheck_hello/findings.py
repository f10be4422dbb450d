"""A third-party indicator built from findings: FINDINGS.txt in the checked tree lists them.

One finding a line: ``ID STATUS [PATH[:LINE]] [-- MESSAGE]``; ``-`` for no path. Lets tests
produce any mix of statuses, evidence locations and finding ids through the real plugin path.
"""

from dpgcheck.api import Context, Evidence, Finding, Indicator, Result, Status


class HelloFindings(Indicator):
    number = ""
    id = "hello-findings"
    title = "Findings listed in FINDINGS.txt"
    url = "https://example.org/hello-findings"
    source = "findings.txt"

    def check(self, ctx: Context) -> Result:
        path = ctx.view.lookup(self.source)
        if path is None:
            return Result(Status.NOT_APPLICABLE, f"no {self.source}")
        findings = []
        for raw in (ctx.view.read_text(path) or "").splitlines():
            head, _, message = raw.partition("--")
            parts = head.split()
            if len(parts) < 2:
                continue
            fid, status = parts[0], Status(parts[1])
            where = parts[2] if len(parts) > 2 else "-"
            text = message.strip() or f"{fid} is {status.value}"
            evidence: tuple[Evidence, ...] = ()
            if where != "-":
                file, _, line = where.partition(":")
                evidence = (Evidence(text, path=file, line=int(line) if line else None),)
            findings.append(Finding(fid, status, text, evidence, remediation=f"Resolve {fid}."))
        return Result.from_findings(findings, f"{len(findings)} findings listed")


class HelloAdvice(HelloFindings):
    """The same, from ADVICE.txt, as a check beyond the Standard (never in the verdict)."""

    id = "hello-advice"
    title = "Advice listed in ADVICE.txt"
    source = "advice.txt"
    affects_verdict = False
