"""The header notice remembered per comment gives what a fresh search gives, line included."""

from __future__ import annotations

import importlib

from dpgcheck.evidence.licenses import expression
from dpgcheck.evidence.licenses.notices import find_notices

scan = importlib.import_module("dpgcheck.evidence.licenses.scan")

APACHE = ("/*\n * Licensed under the Apache License, Version 2.0 (the \"License\");\n"
          " * you may not use this file except in compliance with the License.\n */\n")
MPL = ("# This Source Code Form is subject to the terms of the Mozilla Public\n"
       "# License, v. 2.0. If a copy of the MPL was not distributed with this\n"
       "# file, You can obtain one at http://mozilla.org/MPL/2.0/.\n")


def fresh(text: str) -> tuple[str | None, int]:
    match = scan._HEADER_COMMENT.match(text)
    if "licen" not in text.lower() or not match:
        return None, 0
    known = [n.spdx for n in find_notices(match.group(1)) if n.spdx in expression.known_ids()]
    return (known[0], text.count("\n", 0, match.start(1)) + 1) if known else (None, 0)


def test_the_same_comment_in_many_files_keeps_each_files_own_line():
    texts = [APACHE + "package a;\n", "#!/bin/sh\n" + MPL, "#!/usr/bin/env bash\n\n" + MPL,
             APACHE + "class B {}\n", "/* Licensed under the Frobnicator Licence */\n",
             "// no licence here\nint x;\n", "package p;\n" + APACHE]
    for _ in range(2):  # the second round answers from the memo
        for text in texts:
            assert scan._header_notice(text) == fresh(text), text
    assert scan._header_notice(APACHE)[0] == "Apache-2.0"
    assert scan._header_notice("#!/bin/sh\n" + MPL) == ("MPL-2.0", 2)
