"""Indicator 9a: Do no harm: data privacy and security.

What the repository shows (a disclosure policy, dependency update bots, secrets committed to
the tree, PII-looking fields in models and migrations) is set beside the ``data_privacy``
answers of ``dpg.yml``. The PII level is the maintainer's to declare; the fields only suggest
it, and a contradiction is a warning with both sides. A committed secret fails whatever is
declared (a waiver of ``data-privacy-security/committed-secret`` can accept a public test key).
"""

from __future__ import annotations

from dpgcheck.api import (
    STANDARD_URL,
    Context,
    Evidence,
    Finding,
    FindingSpec,
    FindingTable,
    Indicator,
    Result,
    Status,
    load_data,
    signals,
    source_scan,
)

explained_contradiction_parts = signals.declared.explained_contradiction_parts
LEVEL_TEXT = signals.declared.LEVEL_TEXT
Match = signals.catalogue.Match
PiiFindings = signals.pii.PiiFindings
SecretGroup = signals.secrets.SecretGroup
SecretHit = signals.secrets.SecretHit
group_hits = signals.secrets.group_hits
declared_level = signals.declared.declared_level
declarer = signals.declared.declarer
level_rank = signals.declared.level_rank
match_entry = signals.catalogue.match_entry
pii_fields = signals.pii.pii_fields
secrets = signals.secrets.secrets
text_of = signals.declared.text_of

PRACTICES = ("security-policy", "dependency-updates")
DECLARE = ("Declare under `data_privacy:` in dpg.yml which PII the solution handles "
           "(`pii: none | collected | stored | distributed`, `types`, `safeguards`, "
           "`evidence_url`) and who declares it (`declared_by`).")

FINDINGS = FindingTable(
    "data-privacy-security",
    FindingSpec("committed-secret", "Secret committed to the tree",
                "Remove the secret from the tree and from history (git filter-repo), revoke and "
                "rotate it, and load secrets from the environment or a secret store. If it is a "
                "deliberately public test key, move it under a test folder or waive this "
                "finding in dpg.yml with the reason.", excerpts=False),
    FindingSpec("public-client-key", "Publishable client key committed",
                "These keys are public by design (Firebase app configuration, browser Maps "
                "keys, Stripe and Mapbox publishable keys): restrict each one to your apps and "
                "the APIs they call (API and application restrictions in the Google Cloud "
                "console, URL restrictions at Mapbox) so that nobody else can spend its quota.",
                excerpts=False),
    FindingSpec("invalid-pii-level", "Declared PII level is not one of the four", DECLARE),
    FindingSpec("pii-undeclared", "PII handling not declared", DECLARE),
    FindingSpec("no-declarer", "The PII answer does not say who declared it",
                "Add `declared_by: {name, role}`: the DPGA accepts 9a answers only from "
                "someone authorised to speak for the project."),
    FindingSpec("pii-explained", "Declared no PII and explained what the code suggests"),
    FindingSpec("pii-contradiction", "Declared no PII, but the code suggests PII",
                "Check the fields shown: if they hold personal data, declare the level "
                "that applies and the safeguards; if not, say why in "
                "`data_privacy.safeguards`."),
    FindingSpec("no-pii", "Declared: no PII"),
    FindingSpec("level-below-code", "Declared PII level below what the code suggests",
                "If these fields hold personal data that is kept, declare `pii: stored` (or "
                "`distributed`) and the safeguards."),
    FindingSpec("safeguards", "PII safeguards declared"),
    FindingSpec("no-safeguards", "PII declared without safeguards",
                "Describe in `data_privacy.safeguards` how the privacy, security and integrity "
                "of the PII are ensured (encryption, access control, audit, retention)."),
    FindingSpec("no-pii-types", "PII declared without its types",
                "List the kinds of PII in `data_privacy.types` (e.g. name, phone, location)."),
    FindingSpec("no-security-policy", "PII handled without a security policy",
                "Add SECURITY.md with a private way to report vulnerabilities and the "
                "response time."),
)


def _places(group: SecretGroup, what: str) -> list[Evidence]:
    """Where a value occurs; ``excerpt=""``: its line is never quoted, whether the value was
    counted as a secret or not (a discounted key ID is still a key ID)."""
    first, *again = group.shown
    return [Evidence(f"{first.name}{what}", first.path, first.line, excerpt=""),
            *(Evidence(f"{h.name}: the same value again (value withheld)", h.path, h.line,
                       excerpt="")
              for h in again)]


def _secret_findings(hits: list[SecretHit]
                     ) -> tuple[list[Finding], list[Finding], list[Evidence]]:
    """One secret per value, with every place it occurs; discounted ones as notes."""
    groups = group_hits(hits)
    counted = [g for g in groups if g.counted]
    public = [g for g in groups if g.public]
    ignored = [g for g in groups if not g.counted and not g.public]
    findings: list[Finding] = []
    advice: list[Finding] = []
    if counted:
        kinds = ", ".join(dict.fromkeys(g.first.name for g in counted))
        places = sum(len(g.hits) for g in counted)
        where = f" in {places} places" if places > len(counted) else ""
        findings.append(FINDINGS.create(
            "committed-secret", Status.FAIL,
            f"{len(counted)} secret(s) committed to the tree ({kinds}){where}; values not shown",
            tuple(e for g in counted for e in _places(g, " (value withheld)"))))
    if public:
        kinds = ", ".join(dict.fromkeys(g.shown[0].name for g in public))
        advice.append(FINDINGS.create(
            "public-client-key", Status.WARNING,
            f"{len(public)} publishable client key(s) committed ({kinds}): public by design, "
            "not secrets; restrict them",
            tuple(e for g in public for e in _places(
                g, f" {g.shown[0].reason_ignored}: restrict this key (value withheld)"))))
    notes = [e for g in ignored[:5] for e in _places(
        g, f" not counted: {g.first.reason_ignored} (value withheld)")[:3]]
    if len(ignored) > 5:
        notes.append(Evidence(f"… {len(ignored) - 5} more not counted: test, example, "
                              "development or placeholder values (see JSON data)"))
    return findings, advice, notes


def _secret_data(hits: list[SecretHit]) -> list[dict[str, object]]:
    """Each place with the number of its value (``value``: places with the same number hold
    the same value), never the value itself."""
    number = {id(h): n for n, g in enumerate(group_hits(hits), 1) for h in g.hits}
    return [{**h.to_dict(), "value": number[id(h)]} for h in hits]


def _pii_evidence(pii: PiiFindings) -> list[Evidence]:
    return [e for c in pii.categories for e in c.evidence[:1]]


def _practice_evidence(practices: list[Match]) -> list[Evidence]:
    return [Evidence(f"{m.name}", m.evidence[0].path, m.evidence[0].line)
            for m in practices if m.evidence]


class DataPrivacySecurity(Indicator):
    number = "9a"
    id = "data-privacy-security"
    title = "Do no harm: data privacy and security"
    url = f"{STANDARD_URL}#9a-data-privacy--security"
    findings = FINDINGS

    def scan_hints(self) -> list[str]:
        """The secret patterns' words, answered by the source scan in one pass."""
        return signals.secrets.hints()

    def check(self, ctx: Context) -> Result:
        entries = {e["id"]: e for e in load_data("standards.yml")["entries"]}
        practices = [m for m in (match_entry(ctx, entries[i]) for i in PRACTICES) if m.count]
        hits = secrets(ctx)
        pii = pii_fields(ctx)
        findings, advice, secret_notes = _secret_findings(hits)
        code_pii = _pii_evidence(pii)
        strong = [c.name for c in pii.strong]
        suggestion = (f"the code suggests PII is at least collected and stored ("
                      f"{'; '.join(strong)} in models or migrations)" if strong else
                      f"no PII-looking fields found in {pii.model_files} model, migration or "
                      "schema files")
        findings += self._declaration_findings(ctx, pii, code_pii, suggestion, practices)
        findings += advice
        committed = [e for f in findings for e in f.evidence]
        # Findings may carry the same evidence as the lists beside them (the PII fields):
        # each piece is shown once.
        evidence = list(dict.fromkeys(
            [*committed, *_practice_evidence(practices), *code_pii, *secret_notes]))
        by = declarer(ctx)
        if by:
            evidence.append(by)
        summary = findings[0].message if findings else suggestion
        if any(f.status is Status.FAIL for f in findings):
            summary = next(f.message for f in findings if f.status is Status.FAIL)
        elif advice and Status.worst([f.status for f in findings]) is Status.WARNING and \
                all(f.status is not Status.WARNING for f in findings if f not in advice):
            summary = advice[0].message  # the advice is what makes it a warning
        data = {
            "declared_pii": declared_level(ctx, "data_privacy.pii")[0],
            "suggested_pii": pii.suggested_level,
            "pii_fields": [c.to_dict() for c in pii.categories],
            "secrets": _secret_data(hits),
            "practices": [m.to_dict() for m in practices],
            "scan": source_scan(ctx).figures(),
        }
        return Result.from_findings(findings, summary, evidence=evidence, data=data)

    def _declaration_findings(self, ctx: Context, pii: PiiFindings, code_pii: list[Evidence],
                              suggestion: str, practices: list[Match]) -> list[Finding]:
        level, problem = declared_level(ctx, "data_privacy.pii")
        decl_path = ctx.declarations.path
        if problem:
            return [self.finding("invalid-pii-level", Status.NEEDS_DECLARATION, problem,
                                 (Evidence(problem, path=decl_path),))]
        if level is None:
            return [self.finding("pii-undeclared", Status.NEEDS_DECLARATION,
                                 f"PII handling not declared; {suggestion}", tuple(code_pii))]
        declared = Evidence(f"declared: PII is {LEVEL_TEXT[level]} (`pii: {level}`)",
                            path=decl_path,
                            url=text_of(ctx.declarations.get("data_privacy.evidence_url")))
        findings: list[Finding] = []
        if not declarer(ctx):
            findings.append(self.finding(
                "no-declarer", Status.NEEDS_DECLARATION,
                "the PII answer does not say who declared it", (declared,)))
        if level == "none":
            explained = text_of(ctx.declarations.get("data_privacy.safeguards"))
            if pii.strong and explained:
                findings.append(self.finding(
                    "pii-explained", Status.PASS, *explained_contradiction_parts(
                        "PII", explained, declared, tuple(code_pii), decl_path)))
            elif pii.strong:
                findings.append(self.finding(
                    "pii-contradiction", Status.WARNING,
                    f"declared no PII, but {suggestion}", (declared, *code_pii)))
            else:
                findings.append(self.finding("no-pii", Status.NOT_APPLICABLE,
                                             f"declared: PII is {LEVEL_TEXT['none']}",
                                             (declared,)))
            return findings
        if pii.suggested_level and level_rank(level) < level_rank(pii.suggested_level):
            findings.append(self.finding(
                "level-below-code", Status.WARNING,
                f"declared PII as {level}, but {suggestion}", (declared, *code_pii)))
        safeguards = text_of(ctx.declarations.get("data_privacy.safeguards"))
        types = text_of(ctx.declarations.get("data_privacy.types"))
        if safeguards:
            findings.append(self.finding(
                "safeguards", Status.PASS,
                f"declared: PII is {LEVEL_TEXT[level]}; safeguards: {safeguards}",
                (declared, Evidence(f"declared safeguards: {safeguards}", path=decl_path))))
        else:
            findings.append(self.finding(
                "no-safeguards", Status.NEEDS_DECLARATION,
                f"declared PII as {level} without the safeguards", (declared,)))
        if not types:
            findings.append(self.finding(
                "no-pii-types", Status.NEEDS_DECLARATION,
                "declared PII without naming its types", (declared,)))
        if not any(m.id == "security-policy" for m in practices):
            unchecked = signals.catalogue.owner_files_unchecked(ctx, "a security policy")
            findings.append(self.finding(
                "no-security-policy", Status.WARNING,
                "PII is handled but no security policy (SECURITY.md) says how to report "
                "vulnerabilities" + (" (the owner's .github repository not checked locally)"
                                     if unchecked else ""),
                (unchecked,) if unchecked else ()))
        return findings
