"""Any other address: a git repository on a plain git server (Gerrit, Pagure, cgit,
SourceForge...), checked from one shallow clone; or anything else (a website, a short link),
which needs a manual review.

Which it is, is asked of the server the way git itself asks: ``GET URL/info/refs?service=
git-upload-pack`` answers a git advertisement only from a git server. Forge metadata is not
available here and is never guessed: the report says so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from dpgcheck.sources.checkout import clone, clone_dir
from dpgcheck.sources.clone import RemoteError
from dpgcheck.sources.interface import ForgeInfo, NeedsReview, Prepared, Source, TargetInfo
from dpgcheck.sources.restapi import (
    is_loopback,
    netloc,
    refuse_offline,
    requests_transport,
    settings_of,
)

ADVERTISEMENT = "application/x-git-upload-pack-advertisement"
#: SourceForge's web pages of a repository -> its git address.
SOURCEFORGE = re.compile(r"^/p/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)(?:/|$)")
NOT_AVAILABLE = "not available (a plain git server has no API dpgcheck reads)"


def git_address(url: str) -> str:
    """The address git is asked at: SourceForge's ``/p/NAME/REPO/...`` pages map to
    ``git.code.sf.net``; a ``/tree/...`` or ``/-/...`` tail of a web page is dropped."""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    match = SOURCEFORGE.match(parts.path)
    if host == "sourceforge.net" and match:
        return f"https://git.code.sf.net/p/{match.group(1)}/{match.group(2)}"
    return url.split("?", 1)[0].split("#", 1)[0].rstrip("/")


class GitUrlSource(Source):
    name = "git"

    def __init__(self, target: str, options: Mapping[str, Any]) -> None:
        self.target = target.strip()
        self.settings = settings_of(options)
        self.options = options

    @classmethod
    def claim(cls, target: str, options: Mapping[str, Any]) -> GitUrlSource | None:
        """Every http(s) address no forge claimed (this source is asked last)."""
        text = target.strip()
        scheme = text.split("://", 1)[0].lower() if "://" in text else ""
        return cls(text, options) if scheme in ("http", "https") else None

    def prepare(self) -> Prepared:
        refuse_offline(self.options, self.target)
        url = self.target
        if url.lower().startswith("http://") and not is_loopback(url):
            raise NeedsReview(url, "a plain http address: dpgcheck fetches https only")
        address = self._probe(git_address(url))
        path = urlsplit(address).path.strip("/").removesuffix(".git") or "_"
        dest = clone_dir(self.settings, netloc(address), *path.split("/"))
        fetched, notes = clone(self.settings, address, self.settings.ref or "HEAD", dest,
                               token=None)
        forge = ForgeInfo(host=netloc(address), full_name=path, html_url=url,
                          extra={"forge_metadata": NOT_AVAILABLE})
        notes.insert(0, f"forge metadata for {netloc(address)} is {NOT_AVAILABLE}: "
                        "description, topics, licence and owner come from the files only")
        target = TargetInfo(name=self.target, url=url, commit=fetched.commit,
                            ref=self.settings.ref or "HEAD")
        return Prepared(root=dest, target=target, forge=forge, notes=notes)

    def _probe(self, address: str) -> str:
        """The address when it is a git repository (same-host redirects followed, as git
        does); NeedsReview otherwise."""
        send = requests_transport(self.settings.request_timeout, follow=False)
        for _ in range(4):
            try:
                raw = send(f"{address}/info/refs?service=git-upload-pack", {})
            except RemoteError as exc:
                raise NeedsReview(self.target, str(exc)) from None
            kind = {k.lower(): v for k, v in raw.headers.items()}.get("content-type", "")
            if raw.status == 200 and kind.startswith(ADVERTISEMENT):
                return address
            location = {k.lower(): v for k, v in raw.headers.items()}.get("location")
            if raw.status in (301, 302, 303, 307, 308) and location:
                moved = location if "://" in location else \
                    f"{urlsplit(address).scheme}://{urlsplit(address).netloc}{location}"
                if netloc(moved) != netloc(address):
                    raise NeedsReview(self.target, f"redirects to {moved.split('?')[0]}")
                address = moved.split("/info/refs", 1)[0]
                continue
            break
        what = "a website" if raw.status < 400 else f"answered {raw.status}"
        raise NeedsReview(self.target, f"{netloc(address)} is {what}, not a git repository"
                          if raw.status < 400 else
                          f"{netloc(address)} {what} to git: not a git repository")
