"""Indicator 9c on real repositories: code of conduct, enforcement contact, declarations."""

from __future__ import annotations

import json

import pytest

from dpgcheck.evidence.coc import analyse, enforcement_contact, recognise

CC21 = """# Contributor Covenant Code of Conduct

## Our Pledge

We as members, contributors, and leaders pledge to make participation in our
community a harassment-free experience for everyone.

## Enforcement

Instances of abusive, harassing, or otherwise unacceptable behavior may be
reported to the community leaders responsible for enforcement at
{contact}.

## Attribution

This Code of Conduct is adapted from the [Contributor Covenant][homepage],
version 2.1, available at
[https://www.contributor-covenant.org/version/2/1/code_of_conduct.html][v2.1].

[homepage]: https://www.contributor-covenant.org
"""


def run9c(cli, root):
    out = cli("--only", "9c", "--format", "json", root)
    (ind,) = json.loads(out.stdout)["indicators"]
    return ind


def ids(ind):
    return {f["id"]: f["status"] for f in ind["findings"]}


def test_filled_covenant_and_no_interaction_passes(cli, repo):
    root = repo({"CODE_OF_CONDUCT.md": CC21.format(contact="conduct@example-project.org"),
                 "dpg.yml": "interaction:\n  users_interact: false\n"})
    ind = run9c(cli, root)
    assert ind["status"] == "pass"
    assert ind["code_of_conduct"]["name"] == "Contributor Covenant"
    assert ind["code_of_conduct"]["version"] == "2.1"
    assert ids(ind)["harassment-protection/no-user-interaction"] == "not-applicable"
    assert ids(ind)["harassment-protection/enforcement-contact"] == "pass"


def test_placeholder_contact_is_a_warning(cli, repo):
    root = repo({".github/CODE_OF_CONDUCT.md": CC21.format(contact="[INSERT CONTACT METHOD]"),
                 "dpg.yml": "interaction:\n  users_interact: false\n"})
    ind = run9c(cli, root)
    assert ind["status"] == "warning"
    finding = next(f for f in ind["findings"]
                   if f["id"] == "harassment-protection/contact-placeholder")
    assert finding["evidence"][0]["path"] == ".github/CODE_OF_CONDUCT.md"
    assert finding["evidence"][0]["line"] == 12


def test_undeclared_interaction_needs_declaration_and_shows_contributor_side(cli, repo):
    root = repo({"docs/CODE_OF_CONDUCT.md": CC21.format(contact="coc@project.org")})
    ind = run9c(cli, root)
    assert ind["status"] == "needs-declaration"
    assert ids(ind)["harassment-protection/code-of-conduct"] == "pass"
    assert ids(ind)["harassment-protection/interaction-undeclared"] == "needs-declaration"


def test_missing_coc_fails_only_when_interaction_is_declared(cli, repo):
    undeclared = run9c(cli, repo({"README.md": "# x\n"}))
    assert ids(undeclared)["harassment-protection/no-code-of-conduct"] == "warning"
    declared = run9c(cli, repo({"dpg.yml": "interaction:\n  users_interact: true\n"
                                           "  protections: block and report\n"
                                           "  minors: no accounts under 13\n"}))
    assert declared["status"] == "fail"
    assert ids(declared)["harassment-protection/protections"] == "pass"
    assert ids(declared)["harassment-protection/minors"] == "pass"


def test_interaction_without_protections_or_minors_needs_declaration(cli, repo):
    root = repo({"CODE_OF_CONDUCT.md": CC21.format(contact="coc@project.org"),
                 "dpg.yml": "interaction:\n  users_interact: true\n"})
    ind = run9c(cli, root)
    assert ind["status"] == "needs-declaration"
    assert ids(ind)["harassment-protection/protections-undeclared"] == "needs-declaration"
    assert ids(ind)["harassment-protection/minors-undeclared"] == "needs-declaration"


def test_interaction_with_protections_and_minors_passes(cli, repo):
    root = repo({"CODE_OF_CONDUCT.md": CC21.format(contact="coc@project.org"),
                 "dpg.yml": "interaction:\n  users_interact: true\n"
                            "  protections: [blocking, reporting]\n  minors: 13+ only\n"
                            "  policy_url: https://project.org/safety\n"})
    assert run9c(cli, root)["status"] == "pass"


def test_custom_coc_without_contact_warns(cli, repo):
    text = "# Code of Conduct\n\nBe kind to each other. " + "Respect everyone. " * 20
    ind = run9c(cli, repo({"CODE_OF_CONDUCT.md": text,
                           "dpg.yml": "interaction:\n  users_interact: false\n"}))
    assert ind["status"] == "warning"
    assert ind["code_of_conduct"]["text"] is None
    assert ids(ind)["harassment-protection/no-contact"] == "warning"


def test_reporting_path_in_issue_template(cli, repo):
    root = repo({
        "CODE_OF_CONDUCT.md": CC21.format(contact="coc@project.org"),
        ".github/ISSUE_TEMPLATE/report-abuse.md": "---\nname: Report abuse\n---\n"
                                                  "Report harassment privately here.\n",
        "SECURITY.md": "Report vulnerabilities to security@project.org.\n",
    })
    ind = run9c(cli, root)
    assert ind["reporting_paths"] == [".github/ISSUE_TEMPLATE/report-abuse.md"]


def test_inherited_code_of_conduct_from_forge(repo):
    from dpgcheck.evidence.coc import locate
    from dpgcheck.repo.view import RepoView

    view = RepoView.from_path(repo({"README.md": "# x\n"}))
    coc = locate(view, {"CODE_OF_CONDUCT.md": CC21.format(contact="coc@org.org")})
    assert coc is not None and coc.inherited and coc.contact.state == "filled"


@pytest.mark.parametrize(("text", "expected"), [
    ("In the interest of fostering an open and welcoming environment, we as contributors and "
     "maintainers pledge to making participation...", ("contributor-covenant", "1.4")),
    ("We pledge to make our community welcoming, safe, and equitable for all.",
     ("contributor-covenant", "3.0")),
    ("This is the Citizen Code of Conduct, by Stumptown Syndicate.", ("citizen", None)),
    ("We follow the Django Code of Conduct: https://www.djangoproject.com/conduct/",
     ("django", None)),
    ("See the PSF Code of Conduct at https://www.python.org/psf/conduct/", ("python", None)),
    ("Mozilla Community Participation Guidelines apply.", ("mozilla-cpg", None)),
])
def test_recognises_known_texts(text, expected):
    found = recognise(text)
    assert found is not None
    assert (found.id, found.version) == expected


def test_unknown_text_is_not_recognised():
    assert recognise("Please be nice.") is None


@pytest.mark.parametrize(("text", "state"), [
    ("reported at [INSERT EMAIL ADDRESS].", "placeholder"),
    ("reported at <insert contact email>.", "placeholder"),
    ("write to {{ coc_email }}", "placeholder"),
    ("reported to coc@example.com", "placeholder"),
    ("contact the team at conduct [at] project [dot] org", "filled"),
    ("Report via our form https://forms.gle/abc123", "filled"),
    ("Contact @acme/conduct-team on GitHub to report.", "filled"),
    ("Be excellent to each other.", "missing"),
])
def test_enforcement_contact(text, state):
    assert enforcement_contact(text).state == state


def test_short_pointer_file_defers_to_the_referenced_code():
    coc = analyse("CODE_OF_CONDUCT.md", "We follow the Apache Software Foundation Code of "
                  "Conduct: https://www.apache.org/foundation/policies/conduct\n")
    assert coc.by_reference and coc.recognised is not None


def test_code_of_conduct_folder_outside_standard_places(cli, repo):
    root = repo({"docs/community/code-of-conduct/README.md":
                 "# Code of conduct\n\nBe respectful. Report incidents to coc@project.org.\n"})
    ind = run9c(cli, root)
    assert ind["code_of_conduct"]["path"] == "docs/community/code-of-conduct/README.md"
    assert ids(ind)["harassment-protection/enforcement-contact"] == "pass"


def test_code_of_conduct_linked_from_readme(cli, repo):
    root = repo({"README.md": "# x\n\n- [Code of Conduct](https://docs.project.org/coc)\n",
                 "dpg.yml": "interaction:\n  users_interact: false\n"})
    ind = run9c(cli, root)
    assert ind["status"] == "pass"
    assert ind["linked_code_of_conduct"] == "https://docs.project.org/coc"
    assert "not checked" in ind["summary"]


def test_text_derived_from_a_known_code_is_labelled_adapted():
    found = recognise("Our own rules. Portions derived from the Django Code of Conduct.")
    assert found is not None and found.adapted
    assert not recognise(CC21.format(contact="x@y.org")).adapted


def remote_context(root, **forge):
    from dpgcheck.engine.context import Context
    from dpgcheck.repo.view import RepoView
    from dpgcheck.sources.interface import ForgeInfo, TargetInfo

    info = ForgeInfo(host="github.com", full_name="acme/tool", owner_login="acme", **forge)
    return Context(RepoView.from_path(root), TargetInfo(name="acme/tool"), forge=info)


def test_remote_mode_inherits_the_owners_code_of_conduct(repo):
    from dpgcheck_indicators.harassment import HarassmentProtection

    ctx = remote_context(repo({"README.md": "# tool\n"}), inherited_files={
        "CODE_OF_CONDUCT.md": CC21.format(contact="[INSERT CONTACT METHOD]")})
    result = HarassmentProtection().check(ctx)
    assert result.data["code_of_conduct"]["inherited"] is True
    assert {f.id for f in result.findings} >= {"harassment-protection/contact-placeholder"}
