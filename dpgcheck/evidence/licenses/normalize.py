"""Turn a licence text into comparable words (licensee's approach, with more edits undone).

Both the reference texts and the texts found in repositories go through the same steps, so
edits that do not change a licence's meaning (copyright lines filled in, Markdown, comment
markers, re-wrapping, CRLF, British spelling, an appendix) do not change the words compared.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Where a licence's terms end; what follows is advice on applying it (Apache, GPL family).
END_OF_TERMS = re.compile(r"end\s+of\s+terms\s+and\s+conditions")
_COPYRIGHT_STARTS = ("copyright", "(c) ", "©", "all rights reserved", "spdx-filecopyrighttext")
#: A hard-wrapped licence line that starts with the word, inside a sentence of the terms
#: ("... SHALL THE AUTHORS OR\nCOPYRIGHT HOLDERS BE LIABLE"): not a copyright notice.
_TERMS_WORD = re.compile(r"copyright\s+(?:holders?|owners?|notices?|laws?|protection|"
                         r"infringement|and\s+related|or\s+other)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(
    r"(?:\.|reserved)\s+(?=[A-Z])"
    r"|\s(?=(?:Permission|Redistribution|Licensed|THE SOFTWARE|This|Everyone|Anyone)\b)")
_LINE_MARKS = " \t#*/;!>|-"
#: Spelling variants (after licensee's list); left side is replaced by the right side.
_VARIANTS = {
    "licence": "license", "licences": "licenses", "licenced": "licensed",
    "licencing": "licensing", "licensor": "licensor", "acknowledgement": "acknowledgment",
    "analogue": "analog", "analyse": "analyze", "artefact": "artifact",
    "authorisation": "authorization", "authorised": "authorized", "calibre": "caliber",
    "cancelled": "canceled", "catalogue": "catalog", "centre": "center",
    "favour": "favor", "fulfil": "fulfill", "fulfilment": "fulfillment",
    "judgement": "judgment", "labelling": "labeling", "labour": "labor",
    "offence": "offense", "organisation": "organization", "organise": "organize",
    "practise": "practice", "programme": "program", "realise": "realize",
    "recognise": "recognize", "whilst": "while", "wilful": "willful",
    "noncommercial": "noncommercial", "percent": "percent", "sublicence": "sublicense",
    "utilisation": "utilization", "utilise": "utilize", "behaviour": "behavior",
    "colour": "color", "defence": "defense", "modelling": "modeling",
}


def cut_terms(text: str) -> str:
    """The text up to "END OF TERMS AND CONDITIONS" (the how-to-apply appendix dropped)."""
    lowered = text.lower()
    start = lowered.find("end of terms")
    while start >= 0:
        if END_OF_TERMS.match(lowered, start):
            return text[:start]
        start = lowered.find("end of terms", start + 1)
    match = END_OF_TERMS.search(lowered)  # the words split across lines
    return text[: match.start()] if match else text


def drop_copyright_lines(text: str) -> str:
    """Copyright lines differ in every copy of a licence: leave them out."""
    kept = []
    for line in text.split("\n"):
        stripped = line.lstrip(_LINE_MARKS)
        if stripped[:30].lower().startswith(_COPYRIGHT_STARTS) \
                and not _TERMS_WORD.match(stripped):
            if len(stripped) <= 160:
                continue
            # A re-wrapped file: the copyright line ran into the licence; drop one sentence.
            end = _SENTENCE_END.search(stripped, 0, 300)
            line = stripped[end.end():] if end else stripped
        kept.append(line)
    return "\n".join(kept)


_PUNCT = str.maketrans({ch: " " for ch in
                        "!\"#$%&'()*+,./:;<=>?@[\\]^_`{|}~\t\n\r\f\v’‘“”«»–—§•·…©®™"})
_URLISH = ("http://", "https://", "ftp://", "www.", "<http", "(http", "[http", "<www")


def clean(text: str) -> str:
    """Lower-cased text without copyright lines, links, markup, punctuation or hyphens."""
    text = drop_copyright_lines(text.replace("\r\n", "\n").replace("\r", "\n")).lower()
    text = text.replace("&", " and ")
    if "://" in text or "www." in text:
        text = "\n".join(_drop_urls(line) if ("://" in line or "www." in line) else line
                         for line in text.split("\n"))
    # "non-commercial" and "sub-license" are one word; a hyphen at a line end joins too.
    text = text.replace("-\n", "").replace("-", "")
    return text.translate(_PUNCT)


def _drop_urls(line: str) -> str:
    return " ".join(chunk for chunk in line.split() if not _is_url(chunk))


def _is_url(chunk: str) -> bool:
    if chunk.startswith(_URLISH):
        return True
    return "://" in chunk and "](" in chunk  # a Markdown link: [text](https://...)


def words(text: str) -> list[str]:
    """Comparable words of a text (already cut where the caller wants it cut)."""
    tokens = clean(text).split()
    changed = {tok: new for tok in set(tokens) if (new := _variant(tok)) != tok}
    if not changed:
        return tokens
    return [changed.get(tok, tok) for tok in tokens]


@lru_cache(maxsize=65536)
def _variant(tok: str) -> str:
    tok = _VARIANTS.get(tok, tok)
    for british, american in (("ise", "ize"), ("ised", "ized"), ("ising", "izing"),
                              ("isation", "ization")):
        if tok.endswith(british) and len(tok) > len(british) + 3:
            return tok[: -len(british)] + american
    return tok
