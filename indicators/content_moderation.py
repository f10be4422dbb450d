"""Indicator 9b: Do no harm: inappropriate and illegal content.

Upload handlers and user-generated-content models suggest whether content is collected,
stored or distributed; moderation and reporting code, moderation libraries and content
policies are evidence of handling it. All of it is set beside the ``content`` answers of
``dpg.yml``, which alone decide the level; a contradiction is a warning with both sides.
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
    signals,
    source_scan,
)

explained_contradiction_parts = signals.declared.explained_contradiction_parts
LEVEL_TEXT = signals.declared.LEVEL_TEXT
ContentSignals = signals.content.ContentSignals
content_signals = signals.content.content_signals
declared_level = signals.declared.declared_level
declarer = signals.declared.declarer
text_of = signals.declared.text_of

DECLARE = ("Declare under `content:` in dpg.yml whether user content is handled (`level: none "
           "| collected | stored | distributed`) and, if it is, the `policy_url`, "
           "`response_time` and `moderation` (how content is detected, reported and removed), "
           "with `declared_by`.")

FINDINGS = FindingTable(
    "content-moderation",
    FindingSpec("invalid-level", "Declared content level is not one of the four", DECLARE),
    FindingSpec("undeclared", "User content handling not declared", DECLARE),
    FindingSpec("level-explained", "Declared no user content and explained what the code "
                "suggests"),
    FindingSpec("level-contradiction", "Declared no user content, but the code suggests some",
                "Check the uploads and models shown: if users can submit content, "
                "declare the level and how it is moderated; if these only handle "
                "administrators' files, say so in `content.moderation`."),
    FindingSpec("no-content", "Declared: no user content"),
    FindingSpec("policy", "Content policy or moderation declared"),
    FindingSpec("no-policy", "User content without a policy or moderation process", DECLARE),
    FindingSpec("no-response-time", "No response time for reports of inappropriate content",
                "Declare `content.response_time` (e.g. \"48 hours\"): reviewers ask how "
                "quickly reported content is handled."),
    FindingSpec("no-declarer", "The content answer does not say who declared it",
                "Add `declared_by: {name, role}`: the DPGA accepts 9b answers only from "
                "someone authorised to speak for the project."),
)


def _collection_evidence(sig: ContentSignals) -> list[Evidence]:
    return [*sig.uploads.evidence[:2], *sig.ugc_models[:2]]


def _handling_evidence(sig: ContentSignals) -> list[Evidence]:
    return [*sig.policies.evidence[:2], *sig.moderation_deps.evidence[:2], *sig.moderation[:2]]


def _suggestion(sig: ContentSignals) -> str:
    if not sig.collects_content:
        return "no upload handler or user-content model found"
    parts = []
    if sig.uploads.count:
        parts.append("file uploads")
    if sig.ugc_count:
        parts.append("user-content models")
    return f"the code suggests content is at least collected and stored ({', '.join(parts)})"


class ContentModeration(Indicator):
    number = "9b"
    id = "content-moderation"
    title = "Do no harm: inappropriate and illegal content"
    url = f"{STANDARD_URL}#9b-inappropriate--illegal-content"
    findings = FINDINGS

    def scan_hints(self) -> list[str]:
        """The content detectors' words, answered by the source scan in one pass."""
        return signals.content.hints()

    def check(self, ctx: Context) -> Result:
        sig = content_signals(ctx)
        findings = self._findings(ctx, sig)
        evidence = [*_collection_evidence(sig), *_handling_evidence(sig)]
        by = declarer(ctx)
        if by:
            evidence.append(by)
        evidence = list(dict.fromkeys(evidence))  # each piece once
        data = {"declared_level": declared_level(ctx, "content.level")[0], **sig.to_dict(),
                "scan": source_scan(ctx).figures()}
        return Result.from_findings(findings, findings[0].message, evidence=evidence, data=data)

    def _findings(self, ctx: Context, sig: ContentSignals) -> list[Finding]:
        level, problem = declared_level(ctx, "content.level")
        decl = ctx.declarations
        suggestion = _suggestion(sig)
        collected = tuple(_collection_evidence(sig))
        if problem:
            return [self.finding("invalid-level", Status.NEEDS_DECLARATION, problem,
                                 (Evidence(problem, path=decl.path),))]
        if level is None:
            handling = "; moderation or policy signs found" if sig.moderates or \
                sig.policies.count else ""
            return [self.finding("undeclared", Status.NEEDS_DECLARATION,
                                 f"user content handling not declared; {suggestion}{handling}",
                                 collected + tuple(_handling_evidence(sig)))]
        declared = Evidence(f"declared: content is {LEVEL_TEXT[level]} (`level: {level}`)",
                            path=decl.path, url=text_of(decl.get("content.policy_url")))
        findings: list[Finding] = []
        if level == "none":
            explained = text_of(decl.get("content.moderation"))
            if sig.collects_content and explained:
                findings.append(self.finding(
                    "level-explained", Status.PASS, *explained_contradiction_parts(
                        "user content", explained, declared, collected, decl.path)))
            elif sig.collects_content:
                findings.append(self.finding(
                    "level-contradiction", Status.WARNING,
                    f"declared no user content, but {suggestion}", (declared, *collected)))
            else:
                findings.append(self.finding("no-content", Status.NOT_APPLICABLE,
                                             f"declared: content is {LEVEL_TEXT['none']}",
                                             (declared,)))
        else:
            policy = text_of(decl.get("content.policy_url"))
            moderation = text_of(decl.get("content.moderation"))
            if policy or moderation:
                shown = [declared]
                if moderation:
                    shown.append(Evidence(f"declared moderation: {moderation}", path=decl.path))
                findings.append(self.finding(
                    "policy", Status.PASS,
                    f"declared: content is {LEVEL_TEXT[level]}; "
                    + ("policy and moderation declared" if policy and moderation else
                       "policy declared" if policy else "moderation declared"),
                    tuple(shown)))
            else:
                findings.append(self.finding(
                    "no-policy", Status.NEEDS_DECLARATION,
                    f"declared content as {level} without a policy or moderation process",
                    (declared,)))
            if not text_of(decl.get("content.response_time")):
                findings.append(self.finding(
                    "no-response-time", Status.WARNING,
                    "no response time declared for reports of inappropriate content",
                    (declared,)))
        if not declarer(ctx):
            findings.append(self.finding(
                "no-declarer", Status.NEEDS_DECLARATION,
                "the content answer does not say who declared it", (declared,)))
        return findings
