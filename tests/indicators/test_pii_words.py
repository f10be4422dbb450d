"""Hints of 9a and 9b match identifiers and words in context, and each evidence shows once.

The loose matches seen on recognised DPGs, each next to the real field it must still find:
a constant ``SCREEN_SIZE_PHONE`` or ``EMAIL_PORT`` is not contact details, ``EmailStr`` is a
type, ``request_fingerprint`` is not biometric data, ``quarantine`` in a health model is not
content moderation.
"""

from __future__ import annotations

from dpgcheck.evidence.signals.pii import find_pii
from dpgcheck.evidence.signals.scan import build_scan
from dpgcheck.repo.view import RepoView
from tests.evidence_helpers import indicator


def pii(root):
    return {c.id: c for c in find_pii(build_scan(RepoView.from_path(root))).categories}


def test_constants_and_configuration_names_are_not_contact_details(repo):
    root = repo({
        "app/src/main/java/org/x/models/GlobalConstants.java":
            "public class GlobalConstants {\n  public static final int SCREEN_SIZE_PHONE = 1;\n"
            "  public static final String EMAIL_PORT = \"587\";\n}\n",
        "api/app/models/settings.py": "email_host = env('EMAIL_HOST')\n"
                                      "email_template = 'welcome.html'\n"
                                      "phone_validator = PhoneValidator()\n",
    })
    assert "contact" not in pii(root)


def test_fields_that_name_the_datum_are_contact_details(repo):
    root = repo({
        "api/app/models/person.py": "class Person(Model):\n    phone_number = CharField()\n"
                                    "    emailAddress = CharField()\n"
                                    "    email: EmailStr\n",
        "db/schema.sql": "CREATE TABLE PERSON (MOBILE_PHONE VARCHAR(20));\n",
    })
    contact = pii(root)["contact"]
    assert set(contact.fields) == {"phone_number", "emailAddress", "email", "MOBILE_PHONE"}
    assert "EmailStr" not in contact.fields  # a type, not a field


def test_a_request_fingerprint_is_not_biometric_a_fingerprint_template_is(repo):
    migration = ("def upgrade():\n    op.create_table('map_export_jobs',\n"
                 "        sa.Column('request_fingerprint', sa.String()))\n"
                 "    op.create_index('ix_jobs_request_fingerprint', 'map_export_jobs')\n")
    root = repo({"api/alembic/versions/export_jobs_001.py": migration,
                 "api/migrations/0002_schema_fingerprint.py": "fingerprint = sha256(schema)\n"})
    assert "biometrics" not in pii(root)
    enrolment = repo({"api/alembic/versions/enrol_001.py": migration
                      + "    sa.Column('fingerprint_template', sa.LargeBinary())\n"
                      + "    sa.Column('left_thumb_fingerprint_image', sa.LargeBinary())\n"})
    assert pii(enrolment)["biometrics"].fields == ["fingerprint_template",
                                                   "left_thumb_fingerprint_image"]


def test_the_eye_in_an_ophthalmology_record_is_not_a_biometric_scan(repo):
    root = repo({"protected/models/Examination.php": "class Examination { public $left_iris_id;"
                                                     " public $retina; }\n"})
    assert "biometrics" not in pii(root)
    scans = repo({"src/models/Enrolment.php": "class Enrolment { public $iris_scan; }\n"})
    assert pii(scans)["biometrics"].fields == ["iris_scan"]


def test_quarantine_of_patients_is_not_content_moderation(repo, cli):
    health = repo({"app/models/case.py": "class Case(Model):\n    home_quarantine = Bool()\n"
                                         "    quarantine_reason = Text()\n"
                                         "    def prepareReportContent(self): pass\n"})
    ind = indicator(cli, health, "9b")
    assert ind["moderation_signs"] == 0
    assert not any("moderation" in e["message"] for e in ind["evidence"])
    forum = repo({"app/models/post.py": "class Post(Model):\n    quarantined_content = Bool()\n"
                                        "    def report_abuse(self): pass\n"})
    ind = indicator(cli, forum, "9b")
    assert ind["moderation_signs"] == 2
    assert any(e["message"].startswith("moderation or reporting code: 'quarantined_content'")
               for e in ind["evidence"])


def test_each_9a_and_9b_evidence_shows_once_in_the_terminal(repo, cli):
    root = repo({
        "api/app/models.py": "class User(Model):\n    email = EmailField()\n"
                             "    coordinates = Point()\n",
        "api/upload.py": "from fastapi import UploadFile\n",
        "api/forms/file.html": '<input type="file" name="x">\n',
    })
    out = cli(root, "--only", "9a", "--only", "9b").stdout
    lines = [line.strip() for line in out.splitlines() if line.strip().startswith("·")]
    assert any("field 'email'" in line for line in lines)
    assert any("UploadFile" in line for line in lines)
    assert len(lines) == len(set(lines)), out
