"""CKAN datasets against recorded action-API answers (package_show) on 127.0.0.1."""

from __future__ import annotations

import json

import pytest

from dpgcheck.sources import resolve
from tests.forge_server import Answer
from tests.sources.recorded import ckan_package

NOTES = ("Health facilities of the world, collected by volunteers.\n\nDownload the data as "
         "CSV or GeoJSON; an API serves it too.")


@pytest.fixture
def portal(stand_in):
    return stand_in()


def add(portal, name, **kwargs):
    portal.routes[f"/api/3/action/package_show?id={name}"] = ckan_package(name, **kwargs)


def run(cli, tmp_path, *args):
    return cli("--cache-dir", tmp_path / "cache", "-f", "json", *args)


def test_dataset_is_read_from_package_show_without_downloading_resources(cli, portal,
                                                                         tmp_path):
    add(portal, "health-facilities", notes=NOTES)
    result = run(cli, tmp_path, f"{portal.url}/dataset/health-facilities")
    assert result.exit_code in (0, 1), result.stderr
    report = json.loads(result.stdout)
    assert report["categories"] == ["data"]
    forge = report["forge"]
    assert (forge["kind"], forge["license_spdx"], forge["owner_login"], forge["owner_type"],
            forge["topics"]) == ("dataset", "cc-by", "Healthsites", "Organization",
                                 ["health", "facilities"])
    assert forge["extra"]["resource_formats"] == ["CSV", "GEOJSON"]
    assert forge["extra"]["license_title"] == "Creative Commons Attribution"
    assert report["target"]["url"] == f"{portal.url}/dataset/health-facilities"
    # One call; no resource was fetched (they live on data.test, which the tests never reach).
    assert [(r.path, r.status) for r in portal.log] == [
        ("/api/3/action/package_show?id=health-facilities", 200)]
    assert any("no resource was downloaded" in n for n in report["notes"])
    licence = next(i for i in report["indicators"] if i["id"] == "open-license")
    assert "CC-BY-4.0" in licence["summary"]
    found = {f["id"]: f["status"] for f in licence["findings"]}
    assert found["open-license/approved"] == "pass"
    # A portal has no licence file: the licence comes from its metadata, which is said.
    assert found["open-license/no-license-file"] == "warning"
    # Open formats for indicator 8 come from the resources' formats, via datapackage.json.
    standards = next(i for i in report["indicators"] if i["number"] == "8")
    assert "Data Package" in json.dumps(standards)
    portal.log.clear()
    again = json.loads(run(cli, tmp_path, f"{portal.url}/dataset/health-facilities").stdout)
    assert again["forge"] == forge
    assert [r.status for r in portal.log] == [304]


def test_not_found_private_and_not_ckan(cli, portal, tmp_path):
    portal.routes["/api/3/action/package_show?id=gone"] = Answer(404, {
        "success": False, "error": {"message": "Not found", "__type": "Not Found Error"}})
    portal.routes["/api/3/action/package_show?id=closed"] = Answer(403, {
        "success": False, "error": {"message": "Access denied", "__type": "Authorization Error"}})
    gone = run(cli, tmp_path, f"{portal.url}/dataset/gone")
    assert gone.exit_code == 3 and f"dataset gone not found on {portal.netloc}" in gone.stderr
    closed = run(cli, tmp_path, f"{portal.url}/dataset/closed")
    assert closed.exit_code == 3 and "is private" in closed.stderr
    other = run(cli, tmp_path, f"{portal.url}/dataset/elsewhere")
    assert other.exit_code == 3
    assert f"needs a manual review ({portal.netloc} has no CKAN action API" in other.stderr


def test_a_licence_outside_the_open_lists_fails(cli, portal, tmp_path):
    add(portal, "closed-licence", license_id="other-closed", formats=("XLSX", "PDF"))
    report = json.loads(run(cli, tmp_path, f"{portal.url}/dataset/closed-licence").stdout)
    assert report["forge"]["extra"]["resource_formats"] == ["PDF", "XLSX"]
    licence = next(i for i in report["indicators"] if i["id"] == "open-license")
    assert licence["status"] != "pass"


@pytest.mark.parametrize(("url", "site", "name"), [
    ("https://data.humdata.org/dataset/health-facilities", "https://data.humdata.org",
     "health-facilities"),
    ("https://data.adb.org/dataset/green-roads-toolkit", "https://data.adb.org",
     "green-roads-toolkit"),
    ("https://open.canada.ca/data/en/dataset/abc-123", None, None),
    ("https://data.example.org/fr/dataset/x1", "https://data.example.org/fr", "x1"),
])
def test_ckan_targets(url, site, name):
    source = resolve(url)
    if site is None:
        assert type(source).__name__ == "GitUrlSource"
    else:
        assert (type(source).__name__, source.site, source.dataset) == ("CkanSource", site, name)
