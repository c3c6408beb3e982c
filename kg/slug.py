"""Readable, stable identifiers: the local part of every IRI kg mints.

Example:
    >>> slugify("China National Intellectual Property Administration")
    'china-national-intellectual-property-administration'
    >>> slugify("L'Oréal")
    'loreal'
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(name: str, fallback: str = "unnamed") -> str:
    """Lower-case ASCII words joined by hyphens; accents folded, apostrophes dropped."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    folded = re.sub(r"['’`]", "", folded.lower())
    slug = _NON_WORD.sub("-", folded).strip("-")
    return slug[:120].rstrip("-") or fallback
