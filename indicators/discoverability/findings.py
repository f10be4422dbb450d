"""Every discoverability signal, declared once: its title and the fix when it is missing.

Each signal is one finding (``discoverability/<signal>``): pass when present, warning when
missing, not-applicable when it cannot apply. The detectors (metadata, tagging, deposits,
localisation, access) create them through ``signal.present`` / ``missing`` /
``not_applicable``.
"""

from __future__ import annotations

from dpgcheck.api import FindingSpec, FindingTable

FINDINGS = FindingTable(
    "discoverability",
    # metadata
    FindingSpec("publiccode", "publiccode.yml valid against the core schema", {
        "missing": "Add a publiccode.yml at the root (https://yml.publiccode.tools) so "
                   "public-software catalogues can index the solution.",
        "unreadable": "Save {path} as UTF-8 text.",
        "invalid": "Fix {path} ({count} error(s), first at line {line}); check it with "
                   "publiccode-parser or https://publiccode-editor.developers.italia.it.",
    }, help_url="https://yml.publiccode.tools"),
    FindingSpec("citation", "CITATION.cff with a title", {
        "missing": "Add CITATION.cff (https://citation-file-format.github.io) so GitHub, "
                   "Zenodo and researchers cite the solution the same way.",
        "invalid": "Make {path} valid CFF with at least cff-version, title, authors and "
                   "message (validate with cffconvert --validate).",
    }, help_url="https://citation-file-format.github.io"),
    FindingSpec("codemeta", "codemeta.json with a name", {
        "missing": "Add codemeta.json (https://codemeta.github.io/codemeta-generator/) with "
                   "name, description, keywords and license so software catalogues and "
                   "Software Heritage can read the metadata.",
        "invalid": "Make {path} valid CodeMeta JSON-LD with at least name and description.",
    }, help_url="https://codemeta.github.io"),
    FindingSpec("readme-intro", "README opens by saying what the solution is and for whom", {
        "no-readme": "Add a README whose first paragraph says what the solution is and for "
                     "whom.",
        "unclear": "Open {path} with one paragraph that says what the solution is and who it "
                   "is for (e.g. 'X is an open-source platform that helps community health "
                   "workers ...').",
    }),
    FindingSpec("repository-description", "Repository description on the forge",
                "Fill the description in {repository}'s About box with one sentence saying "
                "what the solution is and for whom."),
    FindingSpec("repository-homepage", "Repository homepage on the forge",
                "Set the website in {repository}'s About box (project site or documentation)."),
    FindingSpec("repository-topics", "Repository topics on the forge",
                "Add topics to {repository} (digital-public-goods, the SDGs as sdg-N, the "
                "sector) so GitHub search and catalogues find it."),
    # tagging
    FindingSpec("dpg-topics", "digital-public-goods or sdg-N tags",
                "Add the topics digital-public-goods and sdg-N for each SDG the solution "
                "serves (repository topics, and keywords in codemeta.json or the package "
                "manifest)."),
    FindingSpec("sector-tags", "Tags naming the sector",
                "Add topics or keywords naming the sector (e.g. health, education, "
                "agriculture, climate, identity, payments) so catalogues file the solution "
                "where users look."),
    FindingSpec("dpg-badge", "DPG badge or registry link",
                "Add the DPG badge to the README linking to the solution's page in the "
                "registry (https://app.digitalpublicgoods.net/registry) once recognised.",
                help_url="https://app.digitalpublicgoods.net/registry"),
    FindingSpec("sdg-consistency", "The same SDGs in dpg.yml, tags and README", {
        "disagree": "Name the same SDGs everywhere: declare in {where} `sdgs` every goal "
                    "the topics and README name, and tag each declared goal as sdg-N.",
        "unnamed": "Add topics {topics} and name the goals in the README.",
        "undeclared": "Declare the SDGs in dpg.yml `sdgs` (number, relevance, evidence) so "
                      "the README, topics and the DPG application agree.",
        "none": "Declare the SDGs in dpg.yml `sdgs` and tag each as sdg-N so catalogues "
                "can filter by goal.",
    }),
    # deposits
    FindingSpec("doi", "DOI for the releases",
                "Mint a DOI for releases (Zenodo's GitHub integration does it per release), "
                "then add its badge to the README and `doi:` to CITATION.cff."),
    FindingSpec("software-heritage", "Software Heritage reference",
                "Ask Software Heritage to archive the repository "
                "(https://archive.softwareheritage.org/save/) and cite its SWHID in the "
                "README or CITATION.cff.", help_url="https://archive.softwareheritage.org/save/"),
    FindingSpec("published", "Packages or container images published",
                "Publish the solution where deployers look (a container image on a public "
                "registry, a package on npm/PyPI/...) from a release workflow, and link it "
                "from the README."),
    FindingSpec("releases", "Tagged releases or a changelog with versions",
                "Tag releases (vX.Y.Z) and publish them as GitHub/GitLab releases with "
                "notes, so deployers can pin a version."),
    # localisation
    FindingSpec("localisation", "Translations in more than one language", {
        "one-language": "Add a second locale (and a translation platform such as Weblate "
                        "or Transifex) so users can read the solution in their language.",
        "none": "Externalise user-facing strings with an i18n framework (gettext, i18next, "
                "vue-i18n, Rails I18n...) and ship catalogues per locale so the solution can "
                "be translated.",
    }),
    # accessibility and low connectivity
    FindingSpec("accessibility", "Accessibility tooling or statement",
                "Test the interface with axe or pa11y in CI (or eslint-plugin-jsx-a11y / "
                "eslint-plugin-vuejs-accessibility) and publish ACCESSIBILITY.md stating "
                "the WCAG level targeted and known gaps."),
    FindingSpec("offline", "Offline support",
                "Make the interface usable on poor connections: a service worker (Workbox) "
                "and web app manifest, or offline-first sync (PouchDB, WatermelonDB, RxDB)."),
    FindingSpec("light-build", "Bundle-size budget or build shrinking",
                "Set a size budget in CI (size-limit, bundlewatch or Lighthouse CI budgets; "
                "minify/shrink Android builds) so the solution stays light for low-bandwidth "
                "users."),
)
