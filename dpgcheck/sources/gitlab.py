"""A GitLab project (gitlab.com or self-hosted): metadata through python-gitlab, files by one
shallow clone.

One REST call per project (``GET /projects/:path?license=true`` holds the description,
topics, licence, visibility, archived, fork parent, default branch and namespace kind),
conditional on the ETag of the previous answer. GitLab has no inherited community files (no
``.github`` repository): the clone has what the project has. Nested groups
(``group/sub/project``) work; the instance is ``--gitlab-url``/``GITLAB_URL`` or the host of
the URL itself.
"""

from __future__ import annotations

import os
import re
import threading
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

DEFAULT_URL = "https://gitlab.com"
PREFIX = "gitlab:"
_SEGMENT = re.compile(r"[A-Za-z0-9_.][A-Za-z0-9_.-]{0,254}")


def configured_url(options: Mapping[str, Any]) -> str:
    return str(options.get("gitlab_url") or os.environ.get("GITLAB_URL") or DEFAULT_URL)


def is_gitlab_host(host: str, options: Mapping[str, Any]) -> bool:
    """gitlab.com, the configured instance, or a host named ``gitlab.*`` (self-hosted)."""
    return host in ("gitlab.com", netloc(configured_url(options))) \
        or host.split(".")[0] == "gitlab"


def _project_path(segments: list[str], target: str) -> tuple[str, str | None]:
    """``group/sub/project`` and a ref from ``/-/tree/REF`` (GitLab's web URLs)."""
    ref = None
    if "-" in segments:
        at = segments.index("-")
        rest, segments = segments[at + 1:], segments[:at]
        if len(rest) >= 2 and rest[0] in ("tree", "blob"):
            ref = "/".join(rest[1:])
    if segments and segments[-1].lower().endswith(".git"):
        segments[-1] = segments[-1][:-4]
    if not all(_SEGMENT.fullmatch(s) for s in segments):
        raise TargetError(f"'{target}' does not name a GitLab project")
    return "/".join(segments), ref


class GitLabSource(Source):
    name = "gitlab"

    def __init__(self, target: str, base: str, path: str, ref: str | None,
                 options: Mapping[str, Any]) -> None:
        self.target, self.base, self.path, self.ref = target, base, path, ref
        self.settings = settings_of(options)
        self.options = options
        own = configured_url(options)
        self.token = token_for(base, os.environ.get("GITLAB_TOKEN"), own)

    @classmethod
    def claim(cls, target: str, options: Mapping[str, Any]) -> GitLabSource | None:
        text = target.strip()
        if text.lower().startswith(PREFIX):
            base = checked_base(configured_url(options), "--gitlab-url")
            segments = [s for s in text[len(PREFIX):].split("/") if s]
            if len(segments) < 2:
                raise TargetError(f"'{target}' does not name a project: give "
                                  "gitlab:GROUP/PROJECT")
            path, ref = _project_path(segments, target)
            return cls(target, base, path, ref, options)
        if "://" not in text:
            return None
        parts = urlsplit(text)
        host = parts.netloc.lower().removeprefix("www.")
        if parts.scheme not in ("http", "https") or not is_gitlab_host(host, options):
            return None
        own = configured_url(options)
        base = checked_base(own if host == netloc(own) else f"https://{host}", "GitLab URL")
        segments = [unquote(s) for s in parts.path.split("/") if s]
        if len(segments) < 2 or segments[1] == "-":
            raise NeedsReview(text, "a GitLab group or page, not a project: name one of its "
                                    "projects (https://HOST/GROUP/PROJECT)")
        path, ref = _project_path(segments, target)
        return cls(target, base, path, ref, options)

    def _api(self) -> JsonApi:
        return shared(self.settings, ("gitlab", self.base, self.token or ""),
                      lambda: JsonApi("GitLab", f"{self.base}/api/v4", self.settings,
                                      self.token, _transport(self.base, self.token,
                                                             self.settings.request_timeout),
                                      "GITLAB_TOKEN"))

    def prepare(self) -> Prepared:
        refuse_offline(self.options, self.target)
        api = self._api()
        status, data = api.get(f"/projects/{quote(self.path, safe='')}?license=true")
        if status == 404:
            hint = ("or the token cannot see it" if self.token else
                    "(a private project needs a token: GITLAB_TOKEN)")
            raise RemoteError(f"GitLab project {self.path} not found on "
                              f"{netloc(self.base)} {hint}")
        if status != 200 or not isinstance(data, dict):
            message = data.get("message") if isinstance(data, dict) else None
            raise RemoteError(f"GitLab answered {status} for {self.path}"
                              + (f": {message}" if message else ""))
        forge = self._forge_info(data)
        notes = []
        if forge.archived:
            notes.append(f"the GitLab project {forge.full_name} is archived (read-only)")
        ref = self.ref or self.settings.ref or forge.default_branch or "HEAD"
        url = checked_clone_url(str(data.get("http_url_to_repo") or ""), self.base)
        dest = clone_dir(self.settings, netloc(self.base), *forge.full_name.split("/"))
        fetched, more = clone(self.settings, url, ref, dest, token=token_for(
            url, self.token, self.base), token_user="oauth2")
        target = TargetInfo(name=self.target, url=forge.html_url, commit=fetched.commit,
                            ref=ref)
        return Prepared(root=dest, target=target, forge=forge, notes=notes + more)

    def _forge_info(self, data: dict[str, Any]) -> ForgeInfo:
        """Read the answer through python-gitlab's Project (no further calls)."""
        import gitlab
        from gitlab.v4.objects import Project

        project = Project(gitlab.Gitlab(self.base).projects, data)
        attrs: dict[str, Any] = project.attributes
        namespace, licence, parent = (_mapping(attrs.get(k)) for k in (
            "namespace", "license", "forked_from_project"))
        key = licence.get("key") if isinstance(licence.get("key"), str) else None
        return ForgeInfo(
            host=netloc(self.base),
            full_name=str(attrs.get("path_with_namespace") or self.path),
            description=attrs.get("description") or None,
            topics=[str(t) for t in attrs.get("topics") or attrs.get("tag_list") or []
                    if isinstance(t, str)],
            license_spdx=key if key and key != "other" else None,
            owner_login=namespace.get("full_path"),
            owner_type={"group": "Organization", "user": "User"}.get(
                str(namespace.get("kind"))),
            archived=attrs.get("archived"),
            fork=bool(parent),
            parent=parent.get("path_with_namespace") if parent else None,
            default_branch=attrs.get("default_branch"),
            html_url=attrs.get("web_url"),
            extra={"visibility": attrs.get("visibility"),
                   "namespace_kind": namespace.get("kind")},
        )


def _mapping(value: Any) -> dict[str, Any]:
    """An answer's nested object, or an empty one when the answer has another shape."""
    return value if isinstance(value, dict) else {}


def _transport(base: str, token: str | None, timeout: float):  # type: ignore[no-untyped-def]
    """GETs through python-gitlab (one client per thread): no retries, no sleeping on 429
    (a batch must not stall silently), and no redirect followed to another host with the
    token."""
    local = threading.local()

    def client() -> Any:
        gl = getattr(local, "gl", None)
        if gl is None:
            import gitlab

            gl = gitlab.Gitlab(base, private_token=token, timeout=timeout,
                               user_agent="dpgcheck", retry_transient_errors=False)
            gl.session.trust_env = False
            gl.session.hooks["response"].append(_guard)
            local.gl = gl
        return gl

    def _guard(response: Any, *args: Any, **kwargs: Any) -> None:
        local.last = response
        if response.is_redirect and netloc(response.headers.get("Location", base)) \
                not in ("", netloc(base)):
            raise RemoteError(f"GitLab redirected to another host "
                              f"({netloc(response.headers['Location'])}); not followed")

    def send(url: str, headers: dict[str, str]) -> Raw:
        import gitlab
        import requests

        local.last = None
        try:
            answer = client().http_request("get", url, obey_rate_limit=False,
                                           retry_transient_errors=False, max_retries=0,
                                           extra_headers=headers, streamed=True)
            with answer:
                body = answer.raw.read(MAX_ANSWER + 1, decode_content=True)
        except gitlab.exceptions.GitlabHttpError:
            answer = local.last
            if answer is None:
                raise RemoteError(f"cannot read {netloc(base)}'s answer") from None
            body = answer.content[:MAX_ANSWER + 1]
        except requests.RequestException as exc:
            raise RemoteError(f"cannot reach {netloc(base)}: {type(exc).__name__}") from None
        return Raw(answer.status_code, dict(answer.headers), body)

    return send
