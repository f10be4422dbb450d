"""Indicator 5: Documentation.

Fail: no README, or a stub (empty, a title and a line, mostly a template left unchanged: the
template phrases are weighed against the whole README).
Warning: a template or placeholder phrase left in a README that is mostly the project's own
text (the line and phrase are shown); software or AI model whose README shows no install/run
path (no install, getting started, usage, run, deploy or configuration section, no install
command, no link to a docs page, no declared ``documentation`` URL); a README that is not in
English; category gaps (data without field descriptions or collection method, content without
access instructions, an AI model without a model card or with card sections missing).
Pass: the evidence found, including documentation beyond the README (docs folders, site
generators, install artefacts, CONTRIBUTING, CHANGELOG, API specs).
"""

from __future__ import annotations

import json
import re
from typing import Any

from dpgcheck.api import (
    STANDARD_URL,
    Category,
    Context,
    Evidence,
    Finding,
    FindingSpec,
    FindingTable,
    Indicator,
    Result,
    Status,
    readme,
)

#: Documentation beyond the README: (label, whole-path globs).
ARTEFACTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("MkDocs site", ("mkdocs.yml", "mkdocs.yaml", "*/mkdocs.yml")),
    ("Sphinx docs", ("docs/conf.py", "doc/conf.py", "docs/source/conf.py", "doc/source/conf.py",
                     "*/docs/conf.py")),
    ("Docusaurus site", ("docusaurus.config.*", "*/docusaurus.config.*")),
    ("mdBook", ("book.toml", "*/book.toml")),
    ("Jupyter Book", ("_toc.yml", "*/_toc.yml", "book/_config.yml")),
    ("Read the Docs config", (".readthedocs.yml", ".readthedocs.yaml")),
    ("Antora docs", ("antora.yml", "*/antora.yml")),
    ("Dockerfile", ("dockerfile", "*/dockerfile", "dockerfile.*", "*/dockerfile.*",
                    "*.dockerfile")),
    ("Compose file", ("docker-compose*.yml", "docker-compose*.yaml", "compose.yml",
                      "compose.yaml", "*/docker-compose*.yml", "*/docker-compose*.yaml")),
    ("Helm chart", ("chart.yaml", "*/chart.yaml")),
    ("INSTALL guide", ("install", "install.*", "installing*", "docs/install*")),
    ("CONTRIBUTING guide", ("contributing*", ".github/contributing*", "docs/contributing*")),
    ("CHANGELOG", ("changelog*", "changes*", "history.md", "history.rst", "news.md",
                   "releases.md", "docs/changelog*")),
    ("OpenAPI/Swagger spec", ("*openapi*.json", "*openapi*.y*ml", "*swagger*.json",
                              "*swagger*.y*ml")),
    ("GraphQL schema", ("*.graphql", "*.graphqls", "*.gql")),
    ("AsyncAPI spec", ("*asyncapi*.y*ml", "*asyncapi*.json")),
)
MAKE_TARGETS = re.compile(r"^(install|setup|run|start|serve|build|deploy|docker[\w-]*|dev|up)\s*:",
                          re.MULTILINE)
DOC_SUFFIXES = (".md", ".rst", ".adoc", ".txt", ".html", ".org", ".ipynb", ".mdx")
HF_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)

FINDINGS = FindingTable(
    "documentation",
    FindingSpec("no-readme", "No README",
                "Add a README.md saying what the project is and how to install and run it."),
    FindingSpec("readme-stub", "README is a stub",
                "Write {path}: what the project does, who it is for, and how to install "
                "and run it."),
    FindingSpec("readme", "README"),
    FindingSpec("readme-template-text", "README holds template text",
                "Replace the template text at {path}:{line} ('{phrase}') with the project's "
                "own words, or delete it."),
    FindingSpec("not-english", "README not in English",
                "Add an English README (README.md, or README.en.md beside the current one): "
                "DPGA reviewers read English."),
    FindingSpec("language-unsure", "README language could not be told"),
    FindingSpec("install-path", "Install or run instructions"),
    FindingSpec("no-install-path", "No install or run instructions",
                "Add an 'Installation' or 'Getting started' section to {path} (the commands an "
                "unfamiliar technical person runs), or link to the page that has them."),
    FindingSpec("beyond-readme", "Documentation beyond the README"),
    FindingSpec("data-dictionary", "Field descriptions for the data"),
    FindingSpec("no-data-dictionary", "No field descriptions for the data",
                "Describe every field (a data dictionary, codebook, or field descriptions in "
                "datapackage.json or CSVW metadata)."),
    FindingSpec("data-collection", "How the data was collected"),
    FindingSpec("no-data-collection", "How the data was collected is not documented",
                "Add a 'Methodology' or 'Data collection' section: sources, collection "
                "method, processing and known gaps."),
    FindingSpec("content-access", "How to access and use the content"),
    FindingSpec("no-content-access", "How to access and use the content is not described",
                "Add a section saying where the content is published, in which formats, and "
                "how to read, download or reuse it."),
    FindingSpec("model-card", "Model card"),
    FindingSpec("no-model-card", "No model card",
                "Add a model card (MODEL_CARD.md, or Hugging Face card metadata in README.md) "
                "with intended use, training data, evaluation and limitations."),
    FindingSpec("model-card-incomplete", "Model card lacks sections",
                "Add to {path} the sections: {sections}."),
)


class Documentation(Indicator):
    number = "5"
    id = "documentation"
    title = "Documentation"
    url = f"{STANDARD_URL}#5-documentation"
    findings = FINDINGS

    def check(self, ctx: Context) -> Result:
        declared = _declared_docs(ctx)
        doc = _readme(ctx)
        findings: list[Finding] = []
        data: dict[str, Any] = {"readme": None, "artefacts": [], "declared": declared}
        if doc is None:
            findings.append(self.finding(
                "no-readme", Status.FAIL, "no README found (root, .github/ or docs/)"))
            return Result.from_findings(findings, "no README", data=data)
        data["readme"] = doc.path
        stub = readme.stub_reason(doc)
        weight = readme.template_weight(doc)
        shape = f"{len(doc.words)} words, {len(doc.headings)} headings"
        if stub:
            findings.append(self.finding(
                "readme-stub", Status.FAIL, f"{doc.path} is a stub: {stub}",
                (*weight.evidence(doc.path), Evidence(shape, path=doc.path)), path=doc.path))
        else:
            findings.append(self.finding(
                "readme", Status.PASS, f"README: {doc.path} ({shape})",
                (Evidence(f"{doc.markup} README, {shape}", path=doc.path),)))
            findings.extend([_template_text(doc, weight)] if weight.hits else [])
        findings.extend(_language(ctx, doc))
        categories = ctx.categories
        if categories & {Category.SOFTWARE, Category.AIMODEL} and not stub:
            findings.append(_install_path(doc, declared, ctx))
        artefacts = _artefacts(ctx)
        data["artefacts"] = [{"kind": kind, "path": path} for kind, path in artefacts]
        if artefacts:
            kinds = list(dict.fromkeys(kind for kind, _ in artefacts))
            findings.append(self.finding(
                "beyond-readme", Status.PASS,
                "documentation beyond the README: " + ", ".join(kinds[:8]),
                tuple(Evidence(kind, path=path) for kind, path in artefacts[:10])))
        if Category.DATA in categories:
            findings.extend(_data_rules(ctx, doc))
        if Category.CONTENT in categories:
            findings.append(_content_rule(ctx, doc, declared))
        if Category.AIMODEL in categories:
            findings.extend(_model_card(ctx, doc))
        return Result.from_findings(findings, _summary(findings, doc), data=data)


# --------------------------------------------------------------------------- README
def _readme(ctx: Context) -> readme.Readme | None:
    for path in readme.find_readmes(ctx.view):
        text = ctx.view.read_text(path, readme.README_READ_LIMIT)
        if text is None:
            continue
        doc = readme.parse(path, text)
        if readme.english_verdict(doc)[0] == "not-english":
            alternative = readme.english_alternative(ctx.view, path)
            alt_text = ctx.view.read_text(alternative, readme.README_READ_LIMIT) \
                if alternative else None
            if alternative and alt_text:
                return readme.parse(alternative, alt_text)
        return doc
    return None


def _template_text(doc: readme.Readme,
                   weight: readme.readme_templates.TemplateWeight) -> Finding:
    """A template phrase left in a README that is mostly the project's own: a warning."""
    first = weight.hits[0]
    return FINDINGS.create("readme-template-text", Status.WARNING, weight.describe(doc.path),
                           weight.evidence(doc.path), path=doc.path, line=first.line,
                           phrase=first.phrase)


def _language(ctx: Context, doc: readme.Readme) -> list[Finding]:
    verdict, share = readme.english_verdict(doc)
    if verdict == "not-english":
        return [FINDINGS.create(
            "not-english", Status.WARNING,
            f"{doc.path} does not look English ({share:.0%} common English words)",
            (Evidence("language heuristic", path=doc.path),))]
    if verdict == "unsure":
        return [FINDINGS.create(
            "language-unsure", Status.PASS,
            f"could not tell whether {doc.path} is English (too little prose)",
            (Evidence(f"{len(doc.words)} words of prose", path=doc.path),))]
    return []


def _declared_docs(ctx: Context) -> list[str]:
    value = ctx.declarations.get("documentation")
    values = value if isinstance(value, list) else [value] if value else []
    return [str(v) for v in values if isinstance(v, str) and v.strip()]


def _install_path(doc: readme.Readme, declared: list[str], ctx: Context) -> Finding:
    config = readme.data()
    evidence: list[Evidence] = []
    for heading in readme.headings_matching(doc, config["install_headings"])[:4]:
        evidence.append(Evidence(f"section '{heading.text}'", path=doc.path, line=heading.line))
    commands = readme.install_commands(doc)
    for command, line in commands[:2]:
        evidence.append(Evidence(f"command: {command}", path=doc.path, line=line))
    links = readme.docs_links(doc)
    for link in links[:2]:
        evidence.append(Evidence(f"linked docs: {link.text or link.url}", path=doc.path,
                                 line=link.line, url=link.url if "://" in link.url else None))
    for path in ctx.view.find("install", "install.*", "installing*", dirs=("", "docs")):
        evidence.append(Evidence("install guide", path=path))
    for url in declared:
        evidence.append(Evidence("declared documentation", path=ctx.declarations.path, url=url))
    if evidence:
        return FINDINGS.create("install-path", Status.PASS,
                               "install or run instructions found", tuple(evidence[:6]))
    return FINDINGS.create(
        "no-install-path", Status.WARNING,
        f"{doc.path} does not say how to install or run the software",
        (Evidence("no install, getting-started, usage, run or deploy section, no install "
                  "command, no link to documentation", path=doc.path),), path=doc.path)


# --------------------------------------------------------------------------- beyond README
def _artefacts(ctx: Context) -> list[tuple[str, str]]:
    view = ctx.view
    found: list[tuple[str, str]] = []
    for folder in ("docs", "doc", "documentation", "wiki", "guides"):
        pages = [p for p in view.under(folder) if p.lower().endswith(DOC_SUFFIXES)]
        if pages:
            found.append((f"{folder}/ folder ({len(pages)} pages)", pages[0]))
    for kind, patterns in ARTEFACTS:
        for pattern in patterns:
            hits = [p for p in view.glob(pattern) if "node_modules/" not in p
                    and p.count("/") <= 3]
            if hits:
                found.append((kind, hits[0]))
                break
    makefile = view.lookup("Makefile") or view.lookup("makefile")
    if makefile:
        text = view.read_text(makefile, 128 * 1024) or ""
        targets = list(dict.fromkeys(MAKE_TARGETS.findall(text)))
        if targets:
            found.append((f"Makefile targets ({', '.join(targets[:4])})", makefile))
    return found


# --------------------------------------------------------------------------- categories
def _data_rules(ctx: Context, doc: readme.Readme) -> list[Finding]:
    config = readme.data()
    view = ctx.view
    dictionary: list[Evidence] = []
    undescribed: list[Evidence] = []
    collection: list[Evidence] = []
    for path in view.named("datapackage.json")[:5]:
        described, total, sources = _datapackage(view.read_text(path, 2 * 1024 * 1024) or "")
        if total and described * 2 >= total:
            dictionary.append(Evidence(f"datapackage.json: {described} of {total} fields "
                                       "described", path=path))
        elif total:
            undescribed.append(Evidence(f"datapackage.json: only {described} of {total} "
                                        "fields described", path=path))
        if sources:
            collection.append(Evidence("datapackage.json sources", path=path))
    for path in view.named("*-metadata.json", "csv-metadata.json")[:3]:
        dictionary.append(Evidence("CSVW metadata", path=path))
    for path in view.named(*config["data_dictionary_files"])[:3]:
        dictionary.append(Evidence("data dictionary", path=path))
    for path in view.named(*config["data_collection_files"])[:3]:
        collection.append(Evidence("methodology document", path=path))
    for heading in readme.headings_matching(doc, config["data_dictionary_headings"])[:2]:
        dictionary.append(Evidence(f"section '{heading.text}'", path=doc.path, line=heading.line))
    for heading in readme.headings_matching(doc, config["data_collection_headings"])[:2]:
        collection.append(Evidence(f"section '{heading.text}'", path=doc.path, line=heading.line))
    for link in readme.links_matching(doc, config["data_dictionary_link_words"])[:2]:
        dictionary.append(Evidence(f"field descriptions linked: {link.text or link.url}",
                                   path=doc.path,
                                   line=link.line, url=_url(link.url)))
    for link in readme.links_matching(doc, config["data_collection_link_words"])[:2]:
        collection.append(Evidence(f"collection method linked: {link.text or link.url}",
                                   path=doc.path,
                                   line=link.line, url=_url(link.url)))
    findings = []
    if dictionary:
        findings.append(FINDINGS.create("data-dictionary", Status.PASS,
                                        "field descriptions found", tuple(dictionary[:5])))
    else:
        findings.append(FINDINGS.create(
            "no-data-dictionary", Status.WARNING, "no field descriptions found for the data",
            tuple(undescribed)))
    if collection:
        findings.append(FINDINGS.create("data-collection", Status.PASS,
                                        "how the data was collected is documented",
                                        tuple(collection[:5])))
    else:
        findings.append(FINDINGS.create(
            "no-data-collection", Status.WARNING, "how the data was collected is not documented"))
    return findings


def _url(url: str) -> str | None:
    return url if "://" in url else None


def _datapackage(text: str) -> tuple[int, int, bool]:
    try:
        package = json.loads(text)
    except ValueError:
        return 0, 0, False
    if not isinstance(package, dict):
        return 0, 0, False
    described = total = 0
    for resource in package.get("resources") or []:
        schema = resource.get("schema") if isinstance(resource, dict) else None
        fields = schema.get("fields") if isinstance(schema, dict) else None
        for item in fields or []:
            if isinstance(item, dict):
                total += 1
                described += bool(str(item.get("description") or "").strip())
    return described, total, bool(package.get("sources"))


def _content_rule(ctx: Context, doc: readme.Readme, declared: list[str]) -> Finding:
    config = readme.data()
    evidence = [Evidence(f"section '{h.text}'", path=doc.path, line=h.line)
                for h in readme.headings_matching(doc, config["content_access_headings"])[:3]]
    evidence += [Evidence(f"link: {link.text or link.url}", path=doc.path, line=link.line,
                          url=link.url if "://" in link.url else None)
                 for link in readme.docs_links(doc)[:2]]
    evidence += [Evidence("declared documentation", url=url) for url in declared]
    if ctx.forge is not None and ctx.forge.homepage:
        evidence.append(Evidence("website", url=ctx.forge.homepage))
    if evidence:
        return FINDINGS.create("content-access", Status.PASS,
                               "how to access and use the content is described",
                               tuple(evidence[:5]))
    return FINDINGS.create(
        "no-content-access", Status.WARNING,
        "the README does not say how to access and use the content",
        (Evidence("no access, usage or download section", path=doc.path),))


def _model_card(ctx: Context, doc: readme.Readme) -> list[Finding]:
    config = readme.data()
    view = ctx.view
    cards = view.find(*config["model_card_files"], dirs=("", "docs", ".github"))
    card_doc: readme.Readme | None = None
    evidence: list[Evidence] = []
    if cards:
        text = view.read_text(cards[0], readme.README_READ_LIMIT) or ""
        card_doc = readme.parse(cards[0], text)
        evidence.append(Evidence("model card", path=cards[0]))
    front = HF_FRONT_MATTER.match(doc.text)
    if front:
        keys = [k for k in config["model_card_metadata_keys"]
                if re.search(rf"^{re.escape(k)}\s*:", front.group(1), re.MULTILINE)]
        if keys:
            evidence.append(Evidence(f"Hugging Face card metadata ({', '.join(keys[:4])})",
                                     path=doc.path, line=1))
            card_doc = card_doc or doc
    if card_doc is None:
        return [FINDINGS.create("no-model-card", Status.WARNING, "no model card found")]
    missing = []
    for section, words in config["model_card_sections"].items():
        hits = readme.headings_matching(card_doc, words)
        if hits:
            evidence.append(Evidence(f"card section '{hits[0].text}'", path=card_doc.path,
                                     line=hits[0].line))
        else:
            missing.append(section)
    findings = [FINDINGS.create("model-card", Status.PASS, "model card found",
                                tuple(evidence[:6]))]
    if missing:
        findings.append(FINDINGS.create(
            "model-card-incomplete", Status.WARNING,
            "model card lacks sections: " + ", ".join(missing),
            (Evidence("model card", path=card_doc.path),), path=card_doc.path,
            sections=", ".join(missing)))
    return findings


def _summary(findings: list[Finding], doc: readme.Readme) -> str:
    ids = {f.id for f in findings}
    if "documentation/readme-stub" in ids:
        return f"{doc.path} is a stub"
    parts = [doc.path]
    parts.append("install/run path found" if "documentation/install-path" in ids else
                 "no install/run path" if "documentation/no-install-path" in ids else "")
    beyond = next((f for f in findings if f.id == "documentation/beyond-readme"), None)
    if beyond:
        parts.append(f"{len(beyond.evidence)} other documentation artefacts")
    gaps = [f.message for f in findings if f.status == Status.WARNING
            and f.id != "documentation/no-install-path"]
    parts.extend(gaps[:2])
    return "; ".join(p for p in parts if p)
