"""Container images: Dockerfiles (multi-stage), Compose, Helm values, Kubernetes manifests."""

from __future__ import annotations

from tests.deps_helpers import collect_from

DOCKERFILE = '''# syntax=docker/dockerfile:1
ARG NODE_VERSION=20.11
FROM node:${NODE_VERSION}-alpine AS build
RUN npm ci && \\
    npm run build

FROM build AS test
RUN npm test

FROM --platform=linux/amd64 docker.io/library/nginx:1.25.3@sha256:abc AS final
COPY --from=build /app/dist /usr/share/nginx/html
'''


def images(deps):
    return {(d.name, d.version, d.scope, d.path, d.line) for d in deps.dependencies}


def test_dockerfile_final_stage_is_runtime_earlier_stages_dev(repo):
    deps = collect_from(repo, {"Dockerfile": DOCKERFILE})
    assert images(deps) == {("node", "20.11-alpine", "dev", "Dockerfile", 3),
                            ("nginx", "1.25.3", "runtime", "Dockerfile", 10)}


def test_dockerfile_named_for_development_and_ignore_files(repo):
    deps = collect_from(repo, {"docker/dev.Dockerfile": "FROM python:3.12\n",
                               "Dockerfile.dockerignore": "*.md\nnode_modules\n",
                               "Dockerfile.prod": "FROM scratch\nCOPY app /\n"})
    assert images(deps) == {("python", "3.12", "dev", "docker/dev.Dockerfile", 1)}
    assert not deps.problems


def test_dockerfile_without_from_is_a_problem(repo):
    deps = collect_from(repo, {"Dockerfile": "RUN echo hi\n"})
    assert deps.problems[0].message == "no FROM instruction"


COMPOSE = '''x-common: &common
  restart: unless-stopped

services:
  db:
    <<: *common
    image: mongo:${MONGO_TAG:-6.0}
  search:
    image: "docker.elastic.co/elasticsearch/elasticsearch:8.15.1"
  app:
    build: .
  cache:
    image: redis:7.4.1-alpine
    volumes: !override
      - data:/data
'''


def test_compose_images_with_variables_anchors_and_tags(repo):
    deps = collect_from(repo, {"docker-compose.yml": COMPOSE,
                               "docker-compose.test.yml": "services:\n  t:\n    image: x:1\n",
                               "compose.perftest.yaml": "services:\n  p:\n    image: y:2\n"})
    assert images(deps) == {
        ("mongo", "6.0", "runtime", "docker-compose.yml", 7),
        ("docker.elastic.co/elasticsearch/elasticsearch", "8.15.1", "runtime",
         "docker-compose.yml", 9),
        ("redis", "7.4.1-alpine", "runtime", "docker-compose.yml", 13),
        ("x", "1", "dev", "docker-compose.test.yml", 3),
        ("y", "2", "dev", "compose.perftest.yaml", 3),
    }


def test_helm_values_and_kubernetes_manifests(repo):
    values = '''replicaCount: 1
image:
  repository: ghcr.io/example/app
  tag: "2.0.1"
mongodb:
  image:
    registry: docker.io
    repository: bitnami/mongodb
    tag: 7.0.5-debian-12-r0
sidecar:
  image: busybox:1.36
'''
    manifest = '''apiVersion: apps/v1
kind: Deployment
metadata:
  name: search
spec:
  template:
    spec:
      initContainers:
        - name: init
          image: busybox:1.36
      containers:
        - name: es
          image: elasticsearch:7.17.18
---
apiVersion: v1
kind: Service
metadata:
  name: search
'''
    template = ('apiVersion: apps/v1\nkind: Deployment\nspec:\n  containers:\n'
                '    - image: "{{ .Values.image.repository }}"\n')
    deps = collect_from(repo, {"charts/app/values.yaml": values,
                               "charts/app/templates/deployment.yaml": template,
                               "k8s/search.yaml": manifest,
                               "config/settings.yaml": "image: not-a-manifest\n"})
    found = images(deps)
    assert ("ghcr.io/example/app", "2.0.1", "runtime", "charts/app/values.yaml", 3) in found
    assert ("bitnami/mongodb", "7.0.5-debian-12-r0", "runtime", "charts/app/values.yaml",
            8) in found
    assert ("busybox", "1.36", "runtime", "charts/app/values.yaml", 11) in found
    assert ("elasticsearch", "7.17.18", "runtime", "k8s/search.yaml", 13) in found
    assert ("busybox", "1.36", "runtime", "k8s/search.yaml", 10) in found
    assert len(found) == 5
    assert not deps.problems


def test_yaml_alias_bomb_stays_bounded(repo):
    lines = ["a0: &a0 [{image: 'x:1'}]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 25)]
    deps = collect_from(repo, {"values.yaml": "\n".join(lines) + "\n"})
    # Refused before anything is built (4^24 nodes), and said so: never a hang or a crash.
    assert not deps.dependencies
    assert any("file too complex to read" in p.message for p in deps.problems), deps.problems


def test_helm_chart_dependencies(repo):
    chart = '''apiVersion: v2
name: app
version: 1.0.0
dependencies:
  - name: mongodb
    version: 13.6.2
    repository: https://charts.bitnami.com/bitnami
  - name: postgresql
    version: "12.x"
    repository: oci://registry-1.docker.io/bitnamicharts
'''
    deps = collect_from(repo, {"charts/app/Chart.yaml": chart})
    assert {(d.name, d.ecosystem, d.version, d.line) for d in deps.dependencies} == {
        ("mongodb", "helm", "13.6.2", 5), ("postgresql", "helm", "12.x", 8)}
