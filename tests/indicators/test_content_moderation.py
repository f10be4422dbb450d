"""Indicator 9b: uploads and user-content models suggest a level; dpg.yml decides."""

from __future__ import annotations

from tests.evidence_helpers import dpg_yml, finding_ids, indicator

UGC_MODELS = """from django.db import models


class Comment(models.Model):
    body = models.TextField()
    attachment = models.FileField(upload_to="comments/")
"""
DECLARER = "  name: Jane Doe\n  role: Executive Director\n"


def test_uploads_and_ugc_models_suggest_stored(repo, cli):
    root = repo({"forum/models.py": UGC_MODELS})
    ind = indicator(cli, root, "9b")
    assert ind["status"] == "needs-declaration"
    assert finding_ids(ind) == {"content-moderation/undeclared": "needs-declaration"}
    assert ind["suggested_level"] == "stored"
    messages = [e["message"] for e in ind["evidence"]]
    assert "user-generated-content model or table 'Comment'" in messages
    assert any("models.FileField(" in m for m in messages)


def test_declared_none_with_uploads_warns(repo, cli):
    root = repo({"forum/models.py": UGC_MODELS,
                 "dpg.yml": dpg_yml(content="  level: none\n", declared_by=DECLARER)})
    ind = indicator(cli, root, "9b")
    assert ind["status"] == "warning"
    finding = ind["findings"][0]
    assert finding["id"] == "content-moderation/level-contradiction"
    assert finding["evidence"][0]["message"].startswith("declared: content is not collected")


def test_declared_none_with_uploads_explained_passes_showing_both(repo, cli):
    root = repo({"forum/models.py": UGC_MODELS, "dpg.yml": dpg_yml(
        content="  level: none\n  moderation: Only administrators upload report templates.\n",
        declared_by=DECLARER)})
    ind = indicator(cli, root, "9b")
    assert ind["status"] == "pass"
    finding = next(f for f in ind["findings"] if f["id"] == "content-moderation/level-explained")
    messages = [e["message"] for e in finding["evidence"]]
    assert messages[0].startswith("declared: content is not collected")
    assert "declared explanation: Only administrators upload report templates." in messages
    assert any("models.FileField(" in m for m in messages)


def test_declared_none_and_nothing_seen_is_not_applicable(repo, cli):
    root = repo({"calc.py": "print(1 + 1)\n",
                 "dpg.yml": dpg_yml(content="  level: none\n", declared_by=DECLARER)})
    assert indicator(cli, root, "9b")["status"] == "not-applicable"


def test_declared_level_with_policy_and_response_time_passes(repo, cli):
    root = repo({"forum/models.py": UGC_MODELS,
                 "dpg.yml": dpg_yml(content=("  level: distributed\n"
                                             "  policy_url: https://example.org/rules\n"
                                             "  response_time: 48 hours\n"
                                             "  moderation: Reports go to moderators.\n"),
                                    declared_by=DECLARER)})
    ind = indicator(cli, root, "9b")
    assert ind["status"] == "pass", ind["findings"]
    assert finding_ids(ind) == {"content-moderation/policy": "pass"}


def test_declared_level_without_policy_needs_declaration(repo, cli):
    root = repo({"dpg.yml": dpg_yml(content="  level: stored\n", declared_by=DECLARER)})
    assert finding_ids(indicator(cli, root, "9b")) == {
        "content-moderation/no-policy": "needs-declaration",
        "content-moderation/no-response-time": "warning"}


def test_moderation_code_and_policy_files_are_evidence(repo, cli):
    root = repo({
        "app/moderation.rb": "class ModerationAction\n  def report_abuse(status)\n  end\nend\n",
        "package.json": '{"dependencies": {"akismet-api": "6.0.0", "multer": "1.4.5"}}\n',
        "docs/COMMUNITY_GUIDELINES.md": "# Be kind\n",
    })
    ind = indicator(cli, root, "9b")
    messages = [e["message"] for e in ind["evidence"]]
    assert any("ModerationAction" in m for m in messages)
    assert any("akismet-api" in m for m in messages)
    assert any("multer" in m for m in messages)
    assert ind["policies"]["evidence"][0]["path"] == "docs/COMMUNITY_GUIDELINES.md"
    assert "moderation or policy signs found" in ind["summary"]


def test_lookalikes_are_not_uploads_or_moderation(repo, cli):
    root = repo({
        "src/badges.js": "const field = ImageField({src: badge.url});\n",
        "api/allergy.py": "SEVERITY = ['MILD', 'MODERATE', 'SEVERE']\n",
        "notify/models.py": "class Message:\n    title = ''\n",
        "src/Upload.stories.tsx": '<input type="file" />\n',
        "core/model.py": "class Status(StrEnum):\n    PASS = 'pass'\n",
        "config/uploads.yml": "pattern: 'request.FILES|MultipartFile'\n",
    })
    ind = indicator(cli, root, "9b")
    assert ind["suggested_level"] is None
    assert ind["moderation_signs"] == 0
    assert ind["evidence"] == []
