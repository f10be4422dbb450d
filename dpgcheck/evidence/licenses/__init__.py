"""Licence evidence: find it, identify it, combine it into SPDX expressions, judge it.

The plugin-facing surface (re-exported by :mod:`dpgcheck.api` as ``licenses``). Reference data
loads lazily, on the first text that needs identifying.
"""

from dpgcheck.evidence.licenses.expression import combine, ids_of, normalise
from dpgcheck.evidence.licenses.identify import Identified, TextResult, identify_text
from dpgcheck.evidence.licenses.policy import (
    POLICIES,
    approved,
    approved_id,
    data_warning,
    restriction,
)
from dpgcheck.evidence.licenses.scan import MAX_LICENSE_FILE, Hit, ScanResult, Unrecognised, scan

__all__ = [
    "MAX_LICENSE_FILE",
    "POLICIES",
    "Hit",
    "Identified",
    "ScanResult",
    "TextResult",
    "Unrecognised",
    "approved",
    "approved_id",
    "combine",
    "data_warning",
    "identify_text",
    "ids_of",
    "normalise",
    "restriction",
    "scan",
]
