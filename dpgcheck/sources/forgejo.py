"""A Forgejo or Gitea repository (Codeberg, or self-hosted with ``--forgejo-url``): metadata
through their REST API (``/api/v1``), files by one shallow clone.

Two calls per repository: the repository (description, topics, licences, archived, fork
parent, default branch, website) and the owner as an organisation (``/orgs/:owner``: 200 for
an organisation, 404 for a user), each conditional on its ETag.
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
    JsonApi,
    checked_base,
    netloc,
    refuse_offline,
    requests_transport,
    settings_of,
    shared,
    token_for,
)

CODEBERG = "https://codeberg.org"
PREFIX = "codeberg:"
_NAME = re.compile(r"[A-Za-z0-9_.-]{1,100}")


def configured_url(options: Mapping[str, Any]) -> str | None:
    value = options.get("forgejo_url") or os.environ.get("FORGEJO_URL")
    return str(value) if value else None


class ForgejoSource(Source):
    name = "forgejo"

    def __init__(self, target: str, base: str, owner: str, repo: str, ref: str | None,
                 options: Mapping[str, Any]) -> None:
        self.target, self.base, self.owner, self.repo, self.ref = target, base, owner, repo, ref
        self.settings = settings_of(options)
        self.options = options
        own = configured_url(options) or CODEBERG
        self.token = token_for(base, os.environ.get("FORGEJO_TOKEN"), own)

    @classmethod
    def claim(cls, target: str, options: Mapping[str, Any]) -> ForgejoSource | None:
        """``codeberg:owner/repo``, a URL on codeberg.org or on the configured instance."""
        text = target.strip()
        own = configured_url(options)
        if text.lower().startswith(PREFIX):
            base, rest = CODEBERG, text[len(PREFIX):]
        elif "://" in text:
            host = netloc(text)
            if host == "codeberg.org":
                base = CODEBERG
            elif own and host == netloc(own):
                base = checked_base(own, "--forgejo-url")
            else:
                return None
            rest = urlsplit(text).path
        else:
            return None
        segments = [unquote(s) for s in rest.split("/") if s]
        if len(segments) < 2:
            raise NeedsReview(text, f"an account page on {netloc(base)}, not a repository: "
                                    "name one of its repositories")
        owner, repo = segments[0], segments[1].removesuffix(".git")
        if not (_NAME.fullmatch(owner) and _NAME.fullmatch(repo)):
            raise TargetError(f"'{target}' does not name a repository: give "
                              "codeberg:OWNER/REPO or https://HOST/OWNER/REPO")
        ref = "/".join(segments[4:]) if len(segments) > 4 and segments[2] == "src" \
            and segments[3] in ("branch", "tag", "commit") else None
        return cls(target, base, owner, repo, ref, options)

    def _api(self) -> JsonApi:
        auth = {"Authorization": f"token {self.token}"} if self.token else None
        return shared(self.settings, ("forgejo", self.base, self.token or ""),
                      lambda: JsonApi("Forgejo", f"{self.base}/api/v1", self.settings,
                                      self.token, requests_transport(
                                          self.settings.request_timeout, auth),
                                      "FORGEJO_TOKEN"))

    def prepare(self) -> Prepared:
        refuse_offline(self.options, self.target)
        api = self._api()
        full = f"{self.owner}/{self.repo}"
        status, data = api.get(f"/repos/{quote(self.owner)}/{quote(self.repo)}")
        if status == 404:
            hint = ("or the token cannot see it" if self.token else
                    "(a private repository needs a token: FORGEJO_TOKEN)")
            raise RemoteError(f"repository {full} not found on {netloc(self.base)} {hint}")
        if status != 200 or not isinstance(data, dict):
            raise RemoteError(f"{netloc(self.base)} answered {status} for {full}")
        owner = data.get("owner") if isinstance(data.get("owner"), dict) else {}
        login = str(owner.get("login") or self.owner)
        if not _NAME.fullmatch(login):
            login = self.owner
        org_status, _ = api.get(f"/orgs/{quote(login)}")
        licences = [x for x in data.get("licenses") or [] if isinstance(x, str) and x]
        parent = data.get("parent") if isinstance(data.get("parent"), dict) else {}
        forge = ForgeInfo(
            host=netloc(self.base), full_name=str(data.get("full_name") or full),
            description=data.get("description") or None, homepage=data.get("website") or None,
            topics=[str(t) for t in data.get("topics") or [] if isinstance(t, str)],
            license_spdx=licences[0] if len(licences) == 1 else None,
            owner_login=login,
            owner_type="Organization" if org_status == 200 else
            "User" if org_status == 404 else None,
            archived=data.get("archived"), fork=data.get("fork"),
            parent=parent.get("full_name") if parent else None,
            default_branch=data.get("default_branch"), html_url=data.get("html_url"),
            extra={"licenses": licences, "mirror": data.get("mirror"),
                   "private": data.get("private")})
        notes = [f"the repository {forge.full_name} is archived (read-only)"] \
            if forge.archived else []
        ref = self.ref or self.settings.ref or forge.default_branch or "HEAD"
        url = checked_clone_url(str(data.get("clone_url") or ""), self.base)
        dest = clone_dir(self.settings, netloc(self.base), *forge.full_name.split("/"))
        fetched, more = clone(self.settings, url, ref, dest,
                              token=token_for(url, self.token, self.base))
        target = TargetInfo(name=self.target, url=forge.html_url, commit=fetched.commit,
                            ref=ref)
        return Prepared(root=dest, target=target, forge=forge, notes=notes + more)
