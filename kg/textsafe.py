"""Characters no RDF serialisation carries safely, and the one-for-one cleaning of them.

XML 1.0 (RDF/XML) cannot hold C0 control characters at all, and line-based readers
(N-Triples, and Python's ``splitlines``) break lines at form feeds, the information
separators, NEL and the Unicode line and paragraph separators.  kg replaces each such
character by a space, one for one, so that character offsets stay true.

Example:
    >>> safe_text("WIPO\\x0bsaid\\u2028so")
    'WIPO said so'
"""

from __future__ import annotations

import re

UNSAFE_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]"
)


def safe_text(text: str) -> str:
    """``text`` with every unsafe character replaced by a space (same length)."""
    return UNSAFE_CHARS.sub(" ", text)
