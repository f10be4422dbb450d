"""A dataset on a CKAN data portal (the Humanitarian Data Exchange and many open-data
portals run CKAN): ``https://HOST/dataset/NAME`` is read through that site's action API.

One call (``/api/3/action/package_show?id=NAME``, conditional on its ETag): licence id and
title, each resource's format, the organisation, the notes. No resource is downloaded. The
folder checked holds what the portal says, written by dpgcheck from that answer and named so
in the report: ``README.md`` (title and notes) and ``datapackage.json`` (a Frictionless Data
Package descriptor of the licence and resources, the format data tools read).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from dpgcheck.sources.checkout import clone_dir
from dpgcheck.sources.clone import RemoteError
from dpgcheck.sources.interface import ForgeInfo, NeedsReview, Prepared, Source, TargetInfo
from dpgcheck.sources.restapi import (
    JsonApi,
    checked_base,
    is_loopback,
    netloc,
    refuse_offline,
    requests_transport,
    settings_of,
    shared,
)

#: ``/dataset/NAME`` (optionally after a language prefix such as ``/en``).
DATASET = re.compile(r"^((?:/[a-z]{2}(?:[_-][A-Za-z]{2})?)?)/dataset/([A-Za-z0-9_-]{2,100})/?")
NOTES_LIMIT = 200_000
WRITTEN = ("README.md", "datapackage.json")


class CkanSource(Source):
    name = "ckan"

    def __init__(self, target: str, site: str, dataset: str, options: Mapping[str, Any]
                 ) -> None:
        self.target, self.site, self.dataset = target, site, dataset
        self.settings = settings_of(options)
        self.options = options
        token = os.environ.get("CKAN_TOKEN")
        own = os.environ.get("CKAN_URL")
        self.token = token if token and own and netloc(own) == netloc(site) else None

    @classmethod
    def claim(cls, target: str, options: Mapping[str, Any]) -> CkanSource | None:
        """A URL whose path is ``/dataset/NAME`` (CKAN's dataset pages)."""
        text = target.strip()
        if "://" not in text:
            return None
        parts = urlsplit(text)
        match = DATASET.match(parts.path)
        if parts.scheme not in ("http", "https") or match is None:
            return None
        if parts.scheme == "http" and not is_loopback(text):
            return None  # the plain git/website source says why it is not fetched
        site = checked_base(f"{parts.scheme}://{parts.netloc}{match.group(1)}", "CKAN site")
        return cls(text, site, unquote(match.group(2)), options)

    def _api(self) -> JsonApi:
        auth = {"Authorization": self.token} if self.token else None
        return shared(self.settings, ("ckan", self.site, self.token or ""),
                      lambda: JsonApi("CKAN", f"{self.site}/api/3/action", self.settings,
                                      self.token, requests_transport(
                                          self.settings.request_timeout, auth),
                                      "CKAN_TOKEN with CKAN_URL"))

    def prepare(self) -> Prepared:
        refuse_offline(self.options, self.target)
        status, data = self._api().get(f"/package_show?id={quote(self.dataset)}")
        result = data.get("result") if isinstance(data, dict) and data.get("success") else None
        if status == 404 and isinstance(data, dict) and "success" in data:
            raise RemoteError(f"dataset {self.dataset} not found on {netloc(self.site)}")
        if status == 403 and isinstance(data, dict) and "success" in data:
            raise RemoteError(f"dataset {self.dataset} on {netloc(self.site)} is private "
                              "(a token of that portal: CKAN_TOKEN with CKAN_URL)")
        if status != 200 or not isinstance(result, dict):
            raise NeedsReview(self.target, f"{netloc(self.site)} has no CKAN action API "
                                           f"(package_show answered {status})")
        org = result.get("organization") if isinstance(result.get("organization"), dict) \
            else {}
        resources = [r for r in result.get("resources") or [] if isinstance(r, dict)]
        formats = sorted({str(r.get("format")).strip().upper() for r in resources
                          if str(r.get("format") or "").strip()})
        page = f"{self.site}/dataset/{result.get('name') or self.dataset}"
        forge = ForgeInfo(
            host=netloc(self.site), full_name=str(result.get("name") or self.dataset),
            kind="dataset", categories=["data"],
            description=result.get("title") or None, homepage=result.get("url") or None,
            topics=[str(t.get("name")) for t in result.get("tags") or []
                    if isinstance(t, dict) and t.get("name")],
            license_spdx=result.get("license_id") or None,
            owner_login=org.get("title") or org.get("name"),
            owner_type="Organization" if org else None,
            html_url=page,
            extra={"license_title": result.get("license_title"),
                   "license_url": result.get("license_url"), "resource_formats": formats,
                   "resources": len(resources), "private": result.get("private"),
                   "metadata_modified": result.get("metadata_modified")})
        dest = clone_dir(self.settings, netloc(self.site), "dataset", forge.full_name)
        _write_folder(dest, result, resources, forge)
        notes = [f"a CKAN dataset: no resource was downloaded; {' and '.join(WRITTEN)} were "
                 f"written by dpgcheck from {netloc(self.site)}'s package_show answer "
                 f"({len(resources)} resource(s): {', '.join(formats) or 'no format given'})"]
        target = TargetInfo(name=self.target, url=page,
                            commit=str(result.get("metadata_modified") or "") or None)
        return Prepared(root=dest, target=target, forge=forge, notes=notes)


def _write_folder(dest: Any, result: dict[str, Any], resources: list[dict[str, Any]],
                  forge: ForgeInfo) -> None:
    """Replace the folder's files with the portal's answer (never anything else)."""
    dest.mkdir(parents=True, exist_ok=True)
    for child in dest.iterdir():
        if child.is_file() and child.name in WRITTEN:
            child.unlink()
    notes = str(result.get("notes") or "")[:NOTES_LIMIT]
    (dest / "README.md").write_text(f"# {forge.description or forge.full_name}\n\n{notes}\n",
                                    encoding="utf-8")
    licence = {k: v for k, v in (("name", result.get("license_id")),
                                 ("title", result.get("license_title")),
                                 ("path", result.get("license_url"))) if v}
    package = {
        "name": forge.full_name, "title": forge.description,
        "licenses": [licence] if licence else [],
        "resources": [{k: v for k, v in (("name", r.get("name") or f"resource-{i}"),
                                         ("path", r.get("url")),
                                         ("format", str(r.get("format") or "").lower() or None),
                                         ("mediatype", r.get("mimetype"))) if v}
                      for i, r in enumerate(resources, 1)],
    }
    if forge.owner_login:
        package["contributors"] = [{"title": forge.owner_login, "role": "publisher"}]
    (dest / "datapackage.json").write_text(json.dumps(package, indent=1), encoding="utf-8")
