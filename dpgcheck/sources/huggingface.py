"""A Hugging Face Hub model or dataset: the card's metadata through huggingface_hub, the card
and the small files from one shallow clone; weights and other LFS content are never fetched.

One API call per repository (``/api/models/ID?blobs=true`` or ``/api/datasets/ID``: card
metadata, gated, tags, base model, and every file with its size and LFS flag), conditional
on its ETag. The clone runs with no LFS filter, so LFS files arrive as their small pointer
files; the report lists them as not downloaded. The Hub is ``HF_ENDPOINT`` (huggingface_hub's
own variable), the token ``HF_TOKEN``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from dpgcheck.errors import TargetError
from dpgcheck.sources.checkout import checked_clone_url, clone, clone_dir
from dpgcheck.sources.clone import RemoteError
from dpgcheck.sources.interface import ForgeInfo, NeedsReview, Prepared, Source, TargetInfo
from dpgcheck.sources.restapi import (
    MAX_ANSWER,
    JsonApi,
    Raw,
    checked_base,
    netloc,
    refuse_offline,
    settings_of,
    shared,
    token_for,
)

DEFAULT_ENDPOINT = "https://huggingface.co"
PREFIX = "hf:"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,95}")
KINDS = {"models": ("model", "aimodel"), "datasets": ("dataset", "data")}


def endpoint() -> str:
    return os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT


class HuggingFaceSource(Source):
    name = "huggingface"

    def __init__(self, target: str, base: str, kind: str, repo_id: str, ref: str | None,
                 options: Mapping[str, Any]) -> None:
        self.target, self.base, self.kind, self.repo_id, self.ref = \
            target, base, kind, repo_id, ref
        self.settings = settings_of(options)
        self.options = options
        self.token = token_for(base, os.environ.get("HF_TOKEN"), endpoint())

    @classmethod
    def claim(cls, target: str, options: Mapping[str, Any]) -> HuggingFaceSource | None:
        """``hf:owner/model``, ``hf:datasets/owner/name``, or a URL on the Hub."""
        text = target.strip()
        if text.lower().startswith(PREFIX):
            rest = text[len(PREFIX):]
        elif "://" in text and netloc(text) in ("huggingface.co", netloc(endpoint())):
            rest = urlsplit(text).path
        else:
            return None
        base = checked_base(endpoint(), "HF_ENDPOINT")
        segments = [unquote(s) for s in rest.split("/") if s]
        kind = "models"
        if segments and segments[0] in ("datasets", "spaces"):
            kind = segments.pop(0)
        if kind == "spaces":
            raise NeedsReview(text, "a Hugging Face Space (an app), not a model or dataset")
        if len(segments) < 2:
            raise NeedsReview(text, "a Hugging Face account or listing page, not a model or "
                                    "dataset: name one (https://huggingface.co/OWNER/NAME)")
        if not (_NAME.fullmatch(segments[0]) and _NAME.fullmatch(segments[1])):
            raise TargetError(f"'{target}' does not name a model or dataset: give "
                              "hf:OWNER/MODEL or hf:datasets/OWNER/NAME")
        ref = "/".join(segments[3:]) if len(segments) > 3 and segments[2] in ("tree", "blob") \
            else None
        return cls(text, base, kind, f"{segments[0]}/{segments[1]}", ref, options)

    def _api(self) -> JsonApi:
        return shared(self.settings, ("huggingface", self.base, self.token or ""),
                      lambda: JsonApi("Hugging Face", f"{self.base}/api", self.settings,
                                      self.token, _transport(self.token,
                                                             self.settings.request_timeout),
                                      "HF_TOKEN"))

    def prepare(self) -> Prepared:
        refuse_offline(self.options, self.target)
        kind, category = KINDS[self.kind]
        status, data = self._api().get(f"/{self.kind}/{quote(self.repo_id)}?blobs=true")
        if status in (401, 404):
            hint = ("or the token cannot see it" if self.token else
                    "(a private one needs a token: HF_TOKEN)")
            raise RemoteError(f"Hugging Face {kind} {self.repo_id} not found {hint}")
        if status != 200 or not isinstance(data, dict):
            raise RemoteError(f"the Hub answered {status} for {self.repo_id}")
        try:
            info = _info(self.kind, data)
        except (TypeError, KeyError, ValueError, AttributeError):
            raise RemoteError(f"the Hub's answer for {self.repo_id} is not a {kind}'s "
                              "information") from None
        forge = _forge_info(netloc(self.base), kind, category, self.repo_id, info,
                            f"{self.base}/{'datasets/' if kind == 'dataset' else ''}"
                            f"{self.repo_id}")
        lfs = sorted(s.rfilename for s in info.siblings or [] if s.lfs is not None)
        notes = []
        if lfs:
            notes.append(f"{len(lfs)} file(s) stored with LFS (weights, large data) are listed "
                         f"as their pointer files, not downloaded: {', '.join(lfs[:5])}"
                         + (" …" if len(lfs) > 5 else ""))
        dest = clone_dir(self.settings, netloc(self.base), self.kind, *self.repo_id.split("/"))
        gated = forge.extra.get("gated")
        ref = self.ref or self.settings.ref or "main"
        commit = None
        if gated and not self.token:
            dest.mkdir(parents=True, exist_ok=True)
            notes.append(f"the {kind} is gated: its files (the card text too) need its "
                         "conditions accepted on the Hub and HF_TOKEN; only the card metadata "
                         "was read")
        else:
            url = checked_clone_url(str(forge.html_url), self.base)
            fetched, more = clone(self.settings, url, ref, dest,
                                  token=token_for(url, self.token, self.base),
                                  token_user="hf_user")
            commit, notes = fetched.commit, notes + more
        target = TargetInfo(name=self.target, url=forge.html_url, commit=commit, ref=ref)
        return Prepared(root=dest, target=target, forge=forge, notes=notes)


def _info(kind: str, data: dict[str, Any]) -> Any:
    """The answer read through huggingface_hub's ModelInfo / DatasetInfo."""
    from huggingface_hub.hf_api import DatasetInfo, ModelInfo

    return (ModelInfo if kind == "models" else DatasetInfo)(**data)


def _listed(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in (value if isinstance(value, list) else [value]) if v]


def _forge_info(host: str, kind: str, category: str, repo_id: str, info: Any,
                html_url: str) -> ForgeInfo:
    card = info.card_data.to_dict() if info.card_data is not None else {}
    licences = _listed(card.get("license"))
    owner = repo_id.split("/")[0]
    return ForgeInfo(
        host=host, full_name=repo_id, kind=kind, categories=[category],
        description=card.get("pretty_name") or None,
        topics=_listed(card.get("tags")),
        license_spdx=licences[0] if len(licences) == 1 else None,
        owner_login=getattr(info, "author", None) or owner,
        html_url=html_url, default_branch="main",
        extra={"gated": info.gated or False, "private": info.private,
               "card_license": licences, "license_name": card.get("license_name"),
               "license_link": card.get("license_link"),
               "base_model": _listed(card.get("base_model")),
               "datasets": _listed(card.get("datasets")),
               "pipeline_tag": getattr(info, "pipeline_tag", None),
               "files": len(info.siblings or []),
               "lfs_files": sum(1 for s in info.siblings or [] if s.lfs is not None)},
    )


def _transport(token: str | None, timeout: float):  # type: ignore[no-untyped-def]
    """GETs through huggingface_hub's own HTTP session, redirects not followed. The headers
    are ours: ``build_hf_headers`` would read a saved login and, to name an agent in the
    user agent, fetch a registry from the Hub and write it to the user's cache; the token
    is HF_TOKEN, for the Hub's host only."""
    auth = {"Authorization": f"Bearer {token}"} if token else {}

    def send(url: str, headers: dict[str, str]) -> Raw:
        from huggingface_hub.utils import get_session

        sent = {"User-Agent": "dpgcheck", **auth, **headers}
        try:
            with get_session().stream("GET", url, headers=sent, timeout=timeout,
                                      follow_redirects=False) as answer:
                body = bytearray()
                for chunk in answer.iter_bytes():
                    body += chunk
                    if len(body) > MAX_ANSWER:
                        break
                return Raw(answer.status_code, dict(answer.headers), bytes(body))
        except Exception as exc:  # httpx's many transport errors
            raise RemoteError(f"cannot reach {netloc(url)}: {type(exc).__name__}") from None

    return send
