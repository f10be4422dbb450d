"""Indicator 9c: Do no harm: protection from harassment.

Two sides, reported as separate findings:

* Contributor side (from the repository): a code of conduct at the root, ``.github/``,
  ``docs/`` or inherited from the owner's ``.github`` repository, which known text it is,
  whether its enforcement contact is filled in, and any reporting path (issue templates,
  ``SECURITY.md``/``SUPPORT.md`` that talk about abuse or conduct).
* Product side (from ``dpg.yml`` ``interaction``): whether users interact through the product,
  and if so which protections (blocking, reporting...) and what safety for minors.

Rules:

* ``users_interact: false``: the product side is not applicable (the declaration is the
  evidence); the contributor side is still shown. A missing code of conduct is then a warning:
  contributors still meet in the repository, but the Standard's product requirement is met.
* ``users_interact: true``: ``protections`` and ``minors`` must be declared (else
  needs-declaration); a missing code of conduct is a fail, because the project says people
  interact and gives them no rules of conduct nor anyone to report to.
* ``users_interact`` undeclared: needs-declaration, with the contributor side as found (a
  missing code of conduct is a warning here, never a fail: nothing says anyone interacts).
* A code of conduct with a template blank for the contact (``[INSERT CONTACT METHOD]``) or no
  contact at all is a warning: nobody can be told about a breach.
"""

from __future__ import annotations

from typing import Any

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
    coc,
    signals,
)

DECLARATION_PATH_HINT = "dpg.yml"

FINDINGS = FindingTable(
    "harassment-protection",
    FindingSpec("code-of-conduct", "Code of conduct"),
    FindingSpec("code-of-conduct-linked", "Code of conduct linked from outside the repository"),
    FindingSpec("no-code-of-conduct", "No code of conduct",
                "Add a CODE_OF_CONDUCT.md (for example the Contributor Covenant 2.1) with a real "
                "contact for reports."),
    FindingSpec("enforcement-contact", "Enforcement contact of the code of conduct"),
    FindingSpec("contact-placeholder", "Code of conduct contact left as a template blank",
                "Replace '{placeholder}' in {path} with a monitored e-mail address or "
                "form for reports."),
    FindingSpec("enforcement-by-reference", "Code of conduct enforced by its steward"),
    FindingSpec("no-contact", "Code of conduct names no way to report a breach",
                "Add to {path} who receives reports and how to reach them (an e-mail "
                "address or form)."),
    FindingSpec("reporting-path", "Reporting path for abuse or conduct problems"),
    FindingSpec("no-user-interaction", "Declared: users do not interact"),
    FindingSpec("interaction-undeclared", "Whether users interact is not declared",
                "Declare interaction.users_interact in dpg.yml; if true, also "
                "interaction.protections (blocking, reporting...) and interaction.minors."),
    FindingSpec("protections", "Protections for interacting users declared"),
    FindingSpec("protections-undeclared", "Users interact, but no protections are declared",
                "Declare interaction.protections in dpg.yml: how users block, mute and report "
                "others, and who acts on reports."),
    FindingSpec("minors", "Safety of minors declared"),
    FindingSpec("minors-undeclared", "Users interact, but the safety of minors is not declared",
                "Declare interaction.minors in dpg.yml: age limits, parental consent or the "
                "protections for under-age users."),
)


class HarassmentProtection(Indicator):
    number = "9c"
    id = "harassment-protection"
    title = "Do no harm: protection from harassment"
    url = f"{STANDARD_URL}#9c-protection-from-harassment"
    findings = FINDINGS

    def check(self, ctx: Context) -> Result:
        inherited = ctx.forge.inherited_files if ctx.forge is not None else {}
        code = coc.locate(ctx.view, inherited)
        interact = _boolean(ctx.declarations.get("interaction.users_interact"))
        decl_path = ctx.declarations.path or DECLARATION_PATH_HINT
        link = coc.linked(ctx.view) if code is None else None
        findings = (linked_findings(link) if link is not None
                    else contributor_findings(code, interact,
                                              signals.catalogue.owner_files_unchecked(
                                                  ctx, "a code of conduct")))
        paths = coc.reporting_paths(ctx.view)
        if paths:
            findings.append(self.finding(
                "reporting-path", Status.PASS,
                "a reporting path for abuse or conduct problems is documented",
                tuple(Evidence(what, path=path) for path, what in paths[:5])))
        findings.extend(product_findings(ctx, interact, decl_path))
        data: dict[str, Any] = {
            "code_of_conduct": None if code is None else {
                "path": code.path, "inherited": code.inherited,
                "text": code.recognised.id if code.recognised else None,
                "name": code.recognised.name if code.recognised else None,
                "version": code.recognised.version if code.recognised else None,
                "adapted": code.recognised.adapted if code.recognised else None,
                "contact": code.contact.state,
            },
            "linked_code_of_conduct": link[0] if link else None,
            "reporting_paths": [p for p, _ in paths],
            "users_interact": interact if isinstance(interact, bool) else None,
        }
        return Result.from_findings(findings, summary(code, interact, link), data=data)


def linked_findings(link: tuple[str, str, int]) -> list[Finding]:
    url, path, line = link
    return [FINDINGS.create(
        "code-of-conduct-linked", Status.PASS,
        f"code of conduct linked from {path} (kept outside the repository; its enforcement "
        "contact was not checked)",
        (Evidence("code of conduct link", path=path, line=line, url=url),))]


def contributor_findings(code: coc.CodeOfConduct | None, interact: Any,
                         unchecked: Evidence | None = None) -> list[Finding]:
    """``unchecked``: the owner's ``.github`` repository was not read (a local check)."""
    if code is None:
        status = Status.FAIL if interact is True else Status.WARNING
        places = ("root, .github/, docs/; the owner's .github repository not checked locally"
                  if unchecked is not None else "root, .github/, docs/, owner's .github "
                  "repository")
        return [FINDINGS.create(
            "no-code-of-conduct", status, f"no code of conduct found ({places})",
            (unchecked,) if unchecked is not None else ())]
    where = ("inherited from the owner's .github repository" if code.inherited else "found"
             if code.standard_place else "found outside root, .github/ and docs/ (GitHub "
             "does not show it)")
    evidence = (Evidence(f"{code.label} {where} ({code.path})") if code.inherited
                else Evidence(f"{code.label} {where}", path=code.path))
    findings = [FINDINGS.create("code-of-conduct", Status.PASS,
                                f"code of conduct: {code.label}", (evidence,))]
    contact = code.contact
    ev_path = None if code.inherited else code.path
    if contact.state == "filled":
        findings.append(FINDINGS.create(
            "enforcement-contact", Status.PASS,
            f"enforcement contact: {contact.detail}",
            (Evidence(f"contact {contact.detail}", path=ev_path, line=contact.line),)))
    elif contact.state == "placeholder":
        findings.append(FINDINGS.create(
            "contact-placeholder", Status.WARNING,
            f"the code of conduct's contact is a template blank: {contact.detail}",
            (Evidence(f"unfilled '{contact.detail}'", path=ev_path, line=contact.line),),
            placeholder=contact.detail, path=code.path))
    elif code.by_reference and code.recognised is not None and contact.state == "missing":
        findings.append(FINDINGS.create(
            "enforcement-by-reference", Status.PASS,
            f"the code of conduct defers to {code.recognised.name}, enforced by its steward",
            (Evidence(f"refers to {code.recognised.source}", path=ev_path),)))
    else:
        findings.append(FINDINGS.create(
            "no-contact", Status.WARNING,
            "the code of conduct names no way to report a breach (no e-mail, form or team)",
            (Evidence("no contact found", path=ev_path),), path=code.path))
    return findings


def product_findings(ctx: Context, interact: Any, decl_path: str) -> list[Finding]:
    if interact is False:
        return [FINDINGS.create(
            "no-user-interaction", Status.NOT_APPLICABLE,
            "declared: users do not interact with each other through the product",
            (Evidence("interaction.users_interact: false", path=decl_path),))]
    if interact is not True:
        return [FINDINGS.create(
            "interaction-undeclared", Status.NEEDS_DECLARATION,
            "whether users interact through the product is not declared")]
    findings = []
    protections = ctx.declarations.get("interaction.protections")
    minors = ctx.declarations.get("interaction.minors")
    policy = ctx.declarations.get("interaction.policy_url")
    if _filled(protections):
        findings.append(FINDINGS.create(
            "protections", Status.PASS,
            f"declared protections: {_text(protections)}",
            (Evidence("interaction.protections", path=decl_path),)
            + ((Evidence("policy", url=str(policy)),) if _filled(policy) else ())))
    else:
        findings.append(FINDINGS.create(
            "protections-undeclared", Status.NEEDS_DECLARATION,
            "users interact, but no protections (blocking, reporting, muting) are declared",
            (Evidence("interaction.users_interact: true", path=decl_path),)))
    if _filled(minors):
        findings.append(FINDINGS.create(
            "minors", Status.PASS,
            f"declared safety of minors: {_text(minors)}",
            (Evidence("interaction.minors", path=decl_path),)))
    else:
        findings.append(FINDINGS.create(
            "minors-undeclared", Status.NEEDS_DECLARATION,
            "users interact, but the safety of under-age users is not declared",
            (Evidence("interaction.users_interact: true", path=decl_path),)))
    return findings


def _boolean(value: Any) -> Any:
    """YAML booleans, and the yes/no/true/false strings people quote by mistake."""
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ("true", "yes", "y"):
            return True
        if lowered in ("false", "no", "n"):
            return False
    return value


def _filled(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, dict)):
        return bool(value)
    return value is not None and value is not False


def _text(value: Any) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return text if len(text) <= 100 else text[:97] + "..."


def summary(code: coc.CodeOfConduct | None, interact: Any,
            link: tuple[str, str, int] | None = None) -> str:
    side = ("code of conduct linked (not checked)" if link else
            "no code of conduct" if code is None else
            f"{code.label}" + (" (inherited)" if code.inherited else "")
            + {"filled": ", contact given", "placeholder": ", contact left blank",
               "missing": ", no contact"}[code.contact.state])
    if interact is False:
        return f"{side}; users do not interact (declared)"
    if interact is True:
        return f"{side}; users interact (declared)"
    return f"{side}; user interaction not declared"
