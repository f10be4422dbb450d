"""The DPGs of a registry export with the answers the DPGA accepted, and their targets."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dpgcheck.batch.targets import REGISTRY_CATEGORIES, BatchTarget, from_registry, unique
from dpgcheck.errors import DpgcheckError


@dataclass
class Dpg:
    id: str
    name: str
    licences: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    documentation: str | None = None
    users_interact: bool = False
    #: The accepted harassment answer relies on a code of conduct.
    coc_claimed: bool = False
    categories: list[str] = field(default_factory=list)
    repositories: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name}


def read_dpgs(path: Path) -> tuple[list[Dpg], list[BatchTarget]]:
    """Every DPG and the (unique) repository targets of all of them, in registry order."""
    targets = unique(from_registry(path))  # also reports unreadable files as one line
    data = json.loads(path.read_text(encoding="utf-8"))
    dpgs: dict[str, Dpg] = {}
    for n, entry in enumerate(data):
        if not isinstance(entry, dict):
            continue
        ident = str(entry.get("id") or entry.get("dpgid") or f"#{n + 1}")
        harass = entry.get("protectionFromHarassment") or {}
        dpgs[ident] = Dpg(
            id=ident, name=str(entry.get("name") or ident),
            licences=[str(x.get("openLicense")) for x in entry.get("openlicenses") or []
                      if isinstance(x, dict) and x.get("openLicense")],
            owners=[str(x.get("clearOwnershipName")) for x in entry.get("clearOwnership") or []
                    if isinstance(x, dict) and x.get("clearOwnershipName")],
            documentation=str(entry.get("documentation") or "") or None,
            users_interact=str(harass.get("facilitatesUserInteraction") or "").lower()
            .startswith("yes"),
            coc_claimed="code of conduct" in json.dumps(harass).lower(),
            categories=[REGISTRY_CATEGORIES.get(str(c).strip().lower(), str(c).strip())
                        for c in entry.get("categories") or [] if str(c).strip()])
    if not dpgs:
        raise DpgcheckError(f"{path}: the registry export lists no DPG")
    for target in targets:
        declared = target.declared or {}
        dpg = dpgs.get(str(declared.get("registry_id")))
        if dpg is not None:
            dpg.repositories.append(target.spec)
    return list(dpgs.values()), targets
