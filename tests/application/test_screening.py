"""The screening questionnaire: each question answered from the declarations and findings."""

from __future__ import annotations

from dpgcheck.application.screening import screening
from tests.application_helpers import EXAMPLE_FILES, application


def test_screening_mapping_uses_the_fixed_answers(repo):
    doc = screening(application(repo(EXAMPLE_FILES)))
    harm = doc["doNoHarm"]
    assert harm["dataPrivacySecurity"]["collectsPII"] == "Yes"
    assert harm["dataPrivacySecurity"]["thirdPartyDataSharing"] == "No"
    assert harm["inappropriateIllegalContent"] == {"collectStoreDistribute": "No"}
    assert harm["protectionFromHarassment"] == {"userInteraction": "No"}
    assert doc["privacy"]["privacyComplianceList"] == ["Kenya Data Protection Act 2019", "GDPR"]
    assert doc["platformIndependence"]["mandatoryDepsCreateMoreRestrictions"] == "No"
    assert doc["locations"]["deploymentCountries"] == ["Kenya", "Uganda", "Tanzania"]
