"""Hugging Face Hub models and datasets against recorded /api answers and git over smart
HTTP, the Hub being HF_ENDPOINT (huggingface_hub's own variable)."""

from __future__ import annotations

import json

import pytest

from dpgcheck.sources import resolve
from tests.conftest import git
from tests.sources.recorded import hf_dataset, hf_model, publish

POINTER = ("version https://git-lfs.github.com/spec/v1\noid sha256:" + "ab" * 32
           + "\nsize 987654321\n")
CARD = {"license": "apache-2.0", "tags": ["speech", "automatic-speech-recognition"],
        "datasets": ["acme/speech"], "base_model": "acme/base-asr",
        "pipeline_tag": "automatic-speech-recognition", "language": ["id"]}


def card_text(card: dict, body: str) -> str:
    import yaml

    return f"---\n{yaml.safe_dump(card)}---\n\n{body}"


MODEL_FILES = {
    ".gitattributes": "*.safetensors filter=lfs diff=lfs merge=lfs -text\n",
    "config.json": '{"model_type": "asr"}\n',
    "model.safetensors": POINTER,
}
FILES = [(".gitattributes", 60, False), ("README.md", 900, False), ("config.json", 30, False),
         ("model.safetensors", 987654321, True)]


@pytest.fixture
def hub(stand_in, monkeypatch):
    server = stand_in(rate_status=429, not_found={"error": "Repository not found"})
    monkeypatch.setenv("HF_ENDPOINT", server.url)
    return server


def add_model(hub, tmp_path, repo_id, card, *, body="# Tiny ASR\n\nUse it with `pipeline`.\n",
              **kwargs):
    root, _ = publish(hub, tmp_path, repo_id, {**MODEL_FILES,
                                               "README.md": card_text(card, body)})
    hub.routes[f"/api/models/{repo_id}"] = hf_model(repo_id, card, FILES, **kwargs)
    return root


def run(cli, tmp_path, *args):
    return cli("--cache-dir", tmp_path / "cache", "-f", "json", *args)


def findings(report):
    return {f["id"]: f for i in report["indicators"] for f in i["findings"]}


def test_model_card_metadata_card_text_and_weights_not_downloaded(cli, hub, tmp_path):
    root = add_model(hub, tmp_path, "acme/tiny-asr", CARD)
    result = run(cli, tmp_path, "hf:acme/tiny-asr")
    assert result.exit_code in (0, 1), result.stderr
    report = json.loads(result.stdout)
    assert report["categories"] == ["aimodel"]
    assert report["target"]["commit"] == git(root, "rev-parse", "HEAD").strip()
    forge = report["forge"]
    assert (forge["kind"], forge["license_spdx"], forge["topics"]) == (
        "model", "apache-2.0", ["speech", "automatic-speech-recognition"])
    extra = forge["extra"]
    assert (extra["gated"], extra["base_model"], extra["datasets"], extra["lfs_files"],
            extra["files"]) == (False, ["acme/base-asr"], ["acme/speech"], 1, 4)
    assert any("stored with LFS" in n and "model.safetensors" in n for n in report["notes"])
    # The weights' licence is the card's, judged under the AI-model policy.
    assert findings(report)["open-license/aimodel-weights"]["status"] == "pass"
    assert "weights: Apache-2.0 is approved" in \
        findings(report)["open-license/aimodel-weights"]["message"]
    # The card text is the documentation the checks read; the weights stayed a pointer.
    checked = next((tmp_path / "cache" / "repos").glob("*/models/acme/tiny-asr"))
    assert "Use it with `pipeline`." in (checked / "README.md").read_text()
    assert (checked / "model.safetensors").stat().st_size < 200
    assert [(c.path, c.status) for c in hub.api_calls()] == [
        ("/api/models/acme/tiny-asr?blobs=true", 200)]
    hub.log.clear()
    again = json.loads(run(cli, tmp_path, "hf:acme/tiny-asr").stdout)
    assert again["forge"] == forge
    assert [c.status for c in hub.api_calls()] == [304]


def test_rail_licence_is_not_approved_with_its_reason(cli, hub, tmp_path):
    add_model(hub, tmp_path, "acme/painter", {**CARD, "license": "creativeml-openrail-m"})
    report = json.loads(run(cli, tmp_path, f"{hub.url}/acme/painter").stdout)
    weights = findings(report)["open-license/aimodel-weights"]
    assert weights["status"] == "fail"
    assert weights["message"] == (
        "weights: LicenseRef-CreativeML-OpenRAIL-M is not an approved open licence: the "
        "CreativeML OpenRAIL-M licence restricts how the model may be used (its Attachment "
        "A), so it is not an open licence")


def test_gated_model_reads_the_card_metadata_only(cli, hub, tmp_path):
    add_model(hub, tmp_path, "acme/gated", {**CARD, "license": "llama3"}, gated="manual")
    report = json.loads(run(cli, tmp_path, "hf:acme/gated").stdout)
    assert report["forge"]["extra"]["gated"] == "manual"
    assert any(n.startswith("the model is gated") for n in report["notes"])
    assert report["target"]["commit"] is None
    assert hub.log and all(r.path.startswith("/api/") for r in hub.log)  # no git fetch
    weights = findings(report)["open-license/aimodel-weights"]
    assert weights["status"] == "fail" and "acceptable-use policy" in weights["message"]


def test_dataset_whose_licence_is_only_in_the_card_text(cli, hub, tmp_path):
    card = {"task_categories": ["automatic-speech-recognition"], "language": ["id"],
            "pretty_name": "Speech"}
    body = ("# Speech\n\nRecordings of read speech in Indonesian.\n\n## Licence\n\n"
            "This dataset is licensed under the Creative Commons Attribution 4.0 "
            "International licence (CC BY 4.0).\n")
    publish(hub, tmp_path, "datasets/acme/speech",
            {"README.md": card_text(card, body), "data/train.csv": "path,text\na.wav,halo\n"})
    hub.routes["/api/datasets/acme/speech"] = hf_dataset(
        "acme/speech", card, [("README.md", 400, False), ("data/train.csv", 30, False)])
    report = json.loads(run(cli, tmp_path, f"{hub.url}/datasets/acme/speech").stdout)
    assert report["categories"] == ["data"]
    assert report["forge"]["kind"] == "dataset"
    assert report["forge"]["license_spdx"] is None
    assert report["forge"]["description"] == "Speech"
    licence = next(i for i in report["indicators"] if i["id"] == "open-license")
    assert "CC-BY-4.0" in licence["summary"]
    assert findings(report)["open-license/approved"]["status"] == "pass"


def test_private_model_needs_hf_token_sent_to_the_hub_only(cli, hub, tmp_path, monkeypatch):
    add_model(hub, tmp_path, "acme/secret", CARD, private=True)
    hub.private.add("/api/models/acme/secret")
    anonymous = run(cli, tmp_path, "hf:acme/secret")
    assert anonymous.exit_code == 3 and anonymous.stderr.count("\n") == 1
    assert "Hugging Face model acme/secret not found (a private one needs a token: HF_TOKEN)" \
        in anonymous.stderr
    monkeypatch.setenv("HF_TOKEN", hub.token)
    report = json.loads(run(cli, tmp_path, "hf:acme/secret").stdout)
    assert report["forge"]["extra"]["private"] is True
    assert any(r.authorization == f"Bearer {hub.token}" for r in hub.log)
    # HF_TOKEN is for the Hub in use (HF_ENDPOINT): a huggingface.co URL is asked there.
    monkeypatch.setenv("HF_ENDPOINT", "https://hub.example.org")
    source = resolve("https://huggingface.co/acme/secret")
    assert (source.base, source.token) == ("https://hub.example.org", hub.token)


def test_missing_model_rate_limit_and_a_space(cli, hub, tmp_path):
    missing = run(cli, tmp_path, "hf:acme/none")
    assert missing.exit_code == 3 and "Hugging Face model acme/none not found" in missing.stderr
    hub.budget = 0
    limited = run(cli, tmp_path, "hf:acme/none")
    assert "Hugging Face API rate limit reached" in limited.stderr
    space = run(cli, tmp_path, "https://huggingface.co/spaces/acme/demo")
    assert space.exit_code == 3 and "a Hugging Face Space (an app)" in space.stderr


@pytest.mark.parametrize(("target", "kind", "repo_id"), [
    ("hf:bookbot/tiny", "models", "bookbot/tiny"),
    ("hf:datasets/acme/speech", "datasets", "acme/speech"),
    ("https://huggingface.co/bookbot/tiny/tree/main", "models", "bookbot/tiny"),
    ("https://huggingface.co/datasets/acme/speech/blob/main/README.md", "datasets",
     "acme/speech"),
])
def test_hub_targets(target, kind, repo_id, monkeypatch):
    monkeypatch.delenv("HF_ENDPOINT", raising=False)
    source = resolve(target)
    assert (source.kind, source.repo_id, source.base) == (kind, repo_id,
                                                          "https://huggingface.co")


def test_offline_refuses_every_forge_prefix(cli, tmp_path):
    for target in ("hf:acme/model", "gitlab:acme/tool", "codeberg:acme/tool",
                   "https://data.example.org/dataset/x"):
        result = cli("--offline", "--cache-dir", tmp_path, target)
        assert result.exit_code == 2, target
        assert "--offline" in result.stderr


def test_an_answer_that_is_no_model_is_one_line_exit_3(cli, hub, tmp_path):
    hub.routes["/api/models/acme/odd"] = {"siblings": "none", "cardData": []}
    result = run(cli, tmp_path, "hf:acme/odd")
    assert result.exit_code == 3 and result.stderr.count("\n") == 1
    assert "the Hub's answer for acme/odd is not a model's information" in result.stderr
