"""Indicator 6: export/import mechanisms, open data formats, open weight formats."""

from __future__ import annotations

from tests.evidence_helpers import dpg_yml, finding_ids, indicator

EXPORT_VIEW = """import csv

from django.http import HttpResponse


def export_csv(request):
    response = HttpResponse(content_type="text/csv")
    writer = csv.writer(response)
    writer.writerow(["district", "cases"])
    return response
"""


def test_export_code_and_docs_pass_with_evidence(repo, cli):
    root = repo({"reports/views.py": EXPORT_VIEW,
                 "docs/export.md": "# Data\n\nAdmins can export all records to CSV or JSON.\n"})
    ind = indicator(cli, root, "6")
    assert ind["status"] == "pass"
    assert finding_ids(ind) == {"data-extraction/mechanism": "pass"}
    mechanisms = {m["id"]: m for m in ind["mechanisms"]}
    assert {"export-code", "export-docs"} <= set(mechanisms)
    assert mechanisms["export-code"]["evidence"][0]["path"] == "reports/views.py"
    assert mechanisms["export-docs"]["evidence"][0]["line"] == 3


def test_api_spec_is_a_mechanism(repo, cli):
    root = repo({"openapi.json": '{"openapi": "3.1.0", "info": {}, "paths": {}}\n'})
    ind = indicator(cli, root, "6")
    assert ind["status"] == "pass"
    assert [m["id"] for m in ind["mechanisms"]] == ["openapi"]


def test_import_statements_are_not_import_features(repo, cli):
    root = repo({"tool.py": "import csv\nimport json\nfrom xml import dom\n",
                 "web/app.js": "import data from './a.json';\nexport const json = data;\n",
                 "Api.java": "import org.json.JSONObject;\nexport(JSONObject.class);\n",
                 "README.md": "```python\nimport json\n```\n"})
    ind = indicator(cli, root, "6")
    assert ind["status"] == "needs-declaration"
    assert ind["mechanisms"] == []


def test_a_web_framework_alone_is_not_enough(repo, cli):
    root = repo({"package.json": '{"dependencies": {"express": "4.19.2"}}\n'})
    ind = indicator(cli, root, "6")
    assert finding_ids(ind) == {"data-extraction/no-mechanism": "needs-declaration"}
    assert "web API framework" in ind["summary"]


def test_declared_mechanism_passes_and_no_data_is_not_applicable(repo, cli):
    declared = repo({"dpg.yml": dpg_yml(data_extraction=(
        "  handles_non_pii: true\n  mechanism: REST API\n  formats: [json, csv]\n"
        "  evidence_url: https://example.org/api\n"))})
    ind = indicator(cli, declared, "6")
    assert ind["status"] == "pass"
    assert ind["evidence"][-1] == {"message": "declared mechanism: REST API (formats: json, csv)",
                                   "path": "dpg.yml", "line": None,
                                   "url": "https://example.org/api", "excerpt": None,
                                   "basis": "declared"}
    none = repo({"dpg.yml": dpg_yml(data_extraction="  handles_non_pii: false\n")})
    assert indicator(cli, none, "6")["status"] == "not-applicable"


def test_data_repository_with_only_proprietary_formats_warns(repo, cli):
    files = {"data/survey.sav": b"\x00SPSS", "data/survey.dta": b"\x00STATA",
             "dpg.yml": dpg_yml(categories="[data]")}
    ind = indicator(cli, repo(files), "6")
    assert finding_ids(ind) == {"data-extraction/no-mechanism": "needs-declaration",
                                "data-extraction/proprietary-only-data": "warning"}
    assert "dta, sav" in ind["findings"][-1]["message"]
    files["data/survey.csv"] = "id,answer\n1,yes\n"
    ind = indicator(cli, repo(files), "6")
    assert ind["status"] == "pass"
    assert ind["data_files"] == {"open": 1, "proprietary": 2,
                                 "proprietary_examples": ["data/survey.dta", "data/survey.sav"]}


def test_ai_model_weights_pickle_only_warns_open_formats_pass(repo, cli):
    pickle_only = {"weights/model.pt": b"\x80\x02pickle",
                   "dpg.yml": dpg_yml(categories="[aimodel]")}
    ind = indicator(cli, repo(pickle_only), "6")
    assert finding_ids(ind)["data-extraction/pickle-weights"] == "warning"
    both = {**pickle_only, "weights/model.safetensors": b"\x08\x00\x00\x00{}"}
    ind = indicator(cli, repo(both), "6")
    assert ind["status"] == "pass"
    assert ind["weights"]["open"] == ["weights/model.safetensors"]


def test_software_repositories_are_not_judged_on_data_files(repo, cli):
    root = repo({"data/old.xlsx": b"PK\x03\x04", "views.py": EXPORT_VIEW})
    ind = indicator(cli, root, "6")
    assert ind["status"] == "pass"
    assert "data-extraction/proprietary-only-data" not in finding_ids(ind)


def test_the_declarations_file_is_not_scanned_as_evidence(repo, cli):
    """A declared mechanism is shown once, as the declaration, not again as 'found'."""
    import json

    root = repo({"README.md": "# Tool\n", "dpg.yml": (
        "data_extraction:\n  handles_non_pii: true\n"
        "  mechanism: REST API and CSV export of clinic statistics.\n")})
    report = json.loads(cli("--only", "data-extraction", "--format", "json", root).stdout)
    paths = [e["path"] for f in report["indicators"][0]["findings"] for e in f["evidence"]]
    messages = [e["message"] for f in report["indicators"][0]["findings"]
                for e in f["evidence"]]
    assert all(not m.startswith("export or download") for m in messages), messages
    assert any(m.startswith("declared mechanism") for m in messages)
    assert paths.count("dpg.yml") == 1


def test_download_as_csv_action_in_ui_code_is_an_export(repo, cli):
    root = repo({
        "web/src/Report.jsx": ("export default function Report({ rows }) {\n"
                               "  return <Button onClick={save}>Download data as CSV</Button>;\n"
                               "}\n"),
        "web/templates/table.html": '<a href="/t.tsv" download="cases.tsv">Get the table</a>\n',
        "package.json": '{"dependencies": {"express": "4.19.2"}}\n',
    })
    ind = indicator(cli, root, "6")
    assert ind["status"] == "pass"
    export = next(m for m in ind["mechanisms"] if m["id"] == "export-code")
    where = {(e["path"], e["line"]) for e in export["evidence"]}
    assert where == {("web/src/Report.jsx", 2), ("web/templates/table.html", 1)}
    assert "Download data as CSV" in export["evidence"][0]["message"] or \
        "Download data as CSV" in export["evidence"][1]["message"]


def test_documented_rest_api_and_spec_in_docs_are_mechanisms(repo, cli):
    api_page = ("# API\n\nList facilities as JSON:\n\n```\nGET /api/v1/facilities?page=2\n```\n"
                "\nOr with curl: `curl https://demo.example.org/api/v1/facilities`\n")
    ind = indicator(cli, repo({"docs/api.md": api_page}), "6")
    assert ind["status"] == "pass"
    (docs,) = [m for m in ind["mechanisms"] if m["id"] == "api-docs"]
    assert (docs["evidence"][0]["path"], docs["evidence"][0]["line"]) == ("docs/api.md", 6)
    spec = indicator(cli, repo({"docs/reference/openapi_spec.yaml": "openapi: 3.0.0\n"}), "6")
    assert spec["status"] == "pass"
    assert [m["id"] for m in spec["mechanisms"]] == ["api-spec-docs"]


def test_words_near_a_format_are_not_an_export(repo, cli):
    root = repo({"app/util.js": ("import { download } from './csv';\n"
                                 "export default csvRows;\nexportJSONSchema(schema);\n"),
                 "README.md": "We get /api questions often; see the FAQ.\n"})
    ind = indicator(cli, root, "6")
    assert ind["status"] == "needs-declaration" and ind["mechanisms"] == []
