"""Container images: Dockerfiles (``FROM``), Compose files, Helm ``values*.yaml`` and
Kubernetes manifests. Image names are normalised (``docker.io/library/mongo`` -> ``mongo``);
the tag is the version.

In a multi-stage Dockerfile only the final stage ships: earlier stages are build tooling.
"""

from __future__ import annotations

import re
from typing import Any

from dpgcheck.errors import ParseError
from dpgcheck.evidence.deps.interface import (
    DEV,
    RUNTIME,
    ByName,
    Dependency,
    basename,
    is_dev_name,
    line_of,
)
from dpgcheck.evidence.deps.loaders import load_yaml, load_yaml_documents

ECOSYSTEM = "docker"
#: Bound on the YAML nodes walked in one file (aliases can make a small file a huge graph).
MAX_NODES = 100_000

_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-=]([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)")


def substitute(value: str, env: dict[str, str] | None = None) -> str:
    """``${TAG:-7.4}`` -> ``7.4`` (a default or a known value); unknown variables stay."""
    env = env or {}

    def repl(m: re.Match[str]) -> str:
        name = m.group(1) or m.group(3)
        if name in env:
            return env[name]
        return m.group(2) if m.group(2) is not None else m.group(0)

    return _VAR.sub(repl, value)


def split_image(ref: str) -> tuple[str, str | None]:
    """``docker.io/library/redis:7.4.1@sha256:..`` -> (``redis``, ``7.4.1``)."""
    ref = ref.strip().strip("'\"")
    ref = ref.split("@", 1)[0]
    slash = ref.rfind("/")
    colon = ref.rfind(":")
    tag = None
    if colon > slash:
        ref, tag = ref[:colon], ref[colon + 1:] or None
    name = ref.lower()
    for prefix in ("docker.io/", "index.docker.io/", "registry-1.docker.io/"):
        name = name.removeprefix(prefix)
    name = name.removeprefix("library/")
    return name, tag


def image_dependency(ref: str, scope: str, path: str, line: int | None,
                     env: dict[str, str] | None = None) -> Dependency | None:
    ref = substitute(str(ref), env)
    if not ref or "{{" in ref or ref.startswith("$") or ref.lower() == "scratch":
        return None
    name, tag = split_image(ref)
    if not name or "$" in name:
        return None
    return Dependency(name, ECOSYSTEM, tag, scope, path, line)


def _file_scope(path: str) -> str:
    stem = basename(path).lower()
    for word in ("dockerfile", "containerfile", "docker-compose", "compose", "values"):
        stem = stem.replace(word, " ")
    return DEV if is_dev_name(stem.rsplit(".", 1)[0]) else RUNTIME


class DockerfileParser:
    ecosystem = ECOSYSTEM
    #: Base-name globs covering every path ``matches`` accepts (pre-selection on big trees).
    name_globs = ("dockerfile", "containerfile", "dockerfile.*", "*.dockerfile",
                  "*.containerfile")

    def matches(self, path: str) -> bool:
        name = basename(path).lower()
        if name.endswith((".dockerignore", ".md", ".txt", ".orig", ".bak")):
            return False
        return (name in ("dockerfile", "containerfile") or name.startswith("dockerfile.")
                or name.endswith((".dockerfile", ".containerfile")))

    def parse(self, path: str, text: str) -> list[Dependency]:
        logical: list[tuple[int, str]] = []
        pending, start = "", 0
        heredoc: str | None = None
        for number, raw in enumerate(text.splitlines(), start=1):
            stripped = raw.strip()
            if heredoc is not None:  # RUN <<EOF ... EOF: the body is not instructions
                if stripped == heredoc:
                    heredoc = None
                continue
            if not stripped or stripped.startswith("#"):
                continue  # Docker skips these, inside a continued instruction too
            if not pending:
                start = number
            marker = re.search(r"<<-?[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?", stripped)
            if marker and stripped.split(None, 1)[0].upper() in ("RUN", "COPY", "ADD"):
                heredoc = marker.group(1)
            if stripped.endswith("\\"):
                pending += stripped[:-1] + " "
                continue
            logical.append((start, pending + stripped))
            pending = ""
        if pending:
            logical.append((start, pending))
        args: dict[str, str] = {}
        stages: list[tuple[int, str, str | None]] = []  # (line, image, alias)
        names: set[str] = set()
        for number, line in logical:
            word, _, rest = line.partition(" ")
            word = word.upper()
            if word == "ARG" and not stages:
                key, _, default = rest.strip().partition("=")
                if default:
                    args[key.strip()] = default.strip().strip("'\"")
            elif word == "FROM":
                parts = [p for p in rest.split() if not p.startswith("--")]
                if not parts:
                    raise ParseError("FROM without an image", path=path, line=number)
                alias = parts[2].lower() if len(parts) >= 3 and parts[1].lower() == "as" \
                    else None
                stages.append((number, parts[0], alias))
                if alias:
                    names.add(alias)
            elif not re.fullmatch(r"[A-Za-z]+", word):
                raise ParseError(f"not a Dockerfile instruction: {word[:30]!r}", path=path,
                                 line=number)
        if logical and not stages:
            raise ParseError("no FROM instruction", path=path)
        file_scope = _file_scope(path)
        deps = []
        for i, (number, image, _alias) in enumerate(stages):
            if image.lower() in names:
                continue  # FROM an earlier stage
            scope = file_scope if i == len(stages) - 1 else DEV
            dep = image_dependency(image, scope, path, number, args)
            if dep:
                deps.append(dep)
        return deps


class ComposeParser:
    ecosystem = ECOSYSTEM
    #: Base-name globs covering every path ``matches`` accepts (pre-selection on big trees).
    name_globs = ("docker-compose*.yml", "docker-compose*.yaml", "compose*.yml", "compose*.yaml")

    def matches(self, path: str) -> bool:
        name = basename(path).lower()
        return (name.startswith(("docker-compose", "compose")) and
                name.endswith((".yml", ".yaml")))

    def parse(self, path: str, text: str) -> list[Dependency]:
        data = load_yaml(path, text)
        if data is None:
            return []
        if not isinstance(data, dict):
            raise ParseError("a Compose file is a mapping", path=path)
        services = data.get("services", data if "version" not in data else {})
        if not isinstance(services, dict):
            return []
        scope = _file_scope(path)
        deps = []
        for name, service in services.items():
            if not isinstance(service, dict) or not isinstance(service.get("image"), str):
                continue
            start = text.find(f"{name}:")
            service_scope = DEV if scope == DEV or is_dev_name(str(name)) else RUNTIME
            dep = image_dependency(service["image"], service_scope, path,
                                   line_of(text, str(service["image"]), start))
            if dep:
                deps.append(dep)
        return deps


def _walk(root: Any) -> list[Any]:
    """Every mapping in a YAML tree, bounded in count and safe with shared (aliased) nodes."""
    found: list[Any] = []
    stack, seen = [root], set()
    while stack and len(seen) < MAX_NODES:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, dict):
            found.append(node)
            stack.extend(v for v in node.values() if isinstance(v, dict | list))
        elif isinstance(node, list):
            stack.extend(v for v in node if isinstance(v, dict | list))
    return found


class HelmValuesParser:
    """``values.yaml`` of a Helm chart: ``image: {registry, repository, tag}`` or a string."""

    ecosystem = ECOSYSTEM
    #: Base-name globs covering every path ``matches`` accepts (pre-selection on big trees).
    name_globs = ("values*.yaml", "values*.yml")

    def matches(self, path: str) -> bool:
        name = basename(path).lower()
        return name.startswith("values") and name.endswith((".yaml", ".yml"))

    def parse(self, path: str, text: str) -> list[Dependency]:
        data = load_yaml(path, text)
        scope = _file_scope(path)
        deps = []
        for node in _walk(data):
            image = node.get("image")
            ref = None
            if isinstance(image, str) and ("/" in image or ":" in image):
                ref = image
            elif isinstance(image, dict) and isinstance(image.get("repository"), str):
                ref = image["repository"]
                if isinstance(image.get("registry"), str) and image["registry"]:
                    ref = f"{image['registry']}/{ref}"
                tag = image.get("tag")
                if tag not in (None, "") and ":" not in ref.rpartition("/")[2]:
                    ref = f"{ref}:{tag}"
            if ref:
                needle = image if isinstance(image, str) else image["repository"]
                dep = image_dependency(ref, scope, path, line_of(text, str(needle)))
                if dep:
                    deps.append(dep)
        return deps


class HelmChartParser(ByName):
    """``Chart.yaml`` (and Helm 2's ``requirements.yaml``): sub-charts such as Bitnami's
    ``mongodb`` deploy their own servers. Ecosystem ``helm``; the version is the chart's."""

    ecosystem = "helm"
    names = frozenset({"Chart.yaml", "requirements.yaml"})

    def parse(self, path: str, text: str) -> list[Dependency]:
        data = load_yaml(path, text)
        if data is None:
            return []
        if not isinstance(data, dict):
            raise ParseError("a Helm chart file is a mapping", path=path)
        if basename(path) == "requirements.yaml" and "dependencies" not in data:
            return []
        deps = []
        for item in data.get("dependencies") or []:
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                continue
            version = item.get("version")
            start = text.find(f"name: {item['name']}")
            deps.append(Dependency(item["name"], self.ecosystem,
                                   str(version) if version is not None else None,
                                   _file_scope(path), path, line_of(text, item["name"], start)))
        return deps


_K8S_DIRS = {"k8s", "kubernetes", "kube", "manifests", "deploy", "deployment", "deployments",
             "openshift", "kustomize", "overlays", "helm", "charts", "infra", "ops", "argocd"}
_K8S_NAMES = ("deployment", "statefulset", "daemonset", "cronjob", "k8s", "kube", "pod")


class KubernetesParser:
    """Kubernetes manifests in deployment folders: ``containers[].image``. Helm templates
    (with ``{{ }}``) are skipped: their images come from ``values.yaml``."""

    ecosystem = ECOSYSTEM
    #: Base-name globs covering every path ``matches`` accepts (pre-selection on big trees).
    name_globs = ("*.yaml", "*.yml")

    def matches(self, path: str) -> bool:
        low = path.lower()
        if not low.endswith((".yaml", ".yml")) or basename(low).startswith(
                ("values", "docker-compose", "compose", "chart", "pnpm-lock", "pubspec",
                 "requirements")):
            return False
        parts = low.split("/")
        return bool(_K8S_DIRS & set(parts[:-1])) or any(n in parts[-1] for n in _K8S_NAMES)

    def parse(self, path: str, text: str) -> list[Dependency]:
        if "{{" in text or not re.search(r"^kind:", text, re.M):
            return []
        deps = []
        for doc in load_yaml_documents(path, text):
            for node in _walk(doc):
                for key in ("containers", "initContainers"):
                    items = node.get(key)
                    for container in items if isinstance(items, list) else []:
                        if isinstance(container, dict) and isinstance(container.get("image"),
                                                                      str):
                            dep = image_dependency(container["image"], RUNTIME, path,
                                                   line_of(text, container["image"]))
                            if dep:
                                deps.append(dep)
        return deps
