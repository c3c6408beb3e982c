"""Entity-ruler patterns made from the gazetteer.

Proper names and acronyms match case-exactly (``kg_names``); technology
fields match case-insensitively (``kg_terms``).  Indices that come with a
year ("Global Innovation Index 2023") match with the year included.  Each
pattern's label is the entity's core class and its id the gazetteer key;
demonyms ("Chinese") are labelled ``Demonym`` with the country's key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.gazetteer import Gazetteer, load_gazetteer

if TYPE_CHECKING:
    from spacy.language import Language

DEMONYM_LABEL = "Demonym"
#: Labels the rulers give (so extraction can tell them from spaCy's NER labels).
RULER_LABELS = frozenset(
    {
        "Country",
        "Region",
        "City",
        "IPOffice",
        "GovernmentAgency",
        "InternationalOrganization",
        "Organization",
        "Company",
        "Treaty",
        "Index",
        "Initiative",
        "TechnologyField",
        DEMONYM_LABEL,
    }
)


def _token_pattern(nlp: Language, text: str, attr: str) -> list[dict[str, Any]]:
    doc = nlp.make_doc(text)
    return [{attr: t.lower_ if attr == "LOWER" else t.text} for t in doc]


def build_patterns(nlp: Language, gaz: Gazetteer) -> tuple[list[dict], list[dict]]:
    """(case-exact name patterns, case-insensitive term patterns) for the two rulers.

    Plain names are phrase patterns (PhraseMatcher: fast with thousands of names);
    only names followed by an optional year need token patterns.
    """
    names: list[dict] = []
    terms: list[dict] = []
    for entry in gaz.entries.values():
        for form in entry.names:
            if entry.cls == "TechnologyField" and not form.isupper():
                terms.append({"label": entry.cls, "pattern": form.lower(), "id": entry.key})
            elif entry.yearly:
                pattern = [*_token_pattern(nlp, form, "ORTH"), {"SHAPE": "dddd", "OP": "?"}]
                names.append({"label": entry.cls, "pattern": pattern, "id": entry.key})
            else:
                names.append({"label": entry.cls, "pattern": form, "id": entry.key})
        for demonym in entry.demonyms:
            names.append({"label": DEMONYM_LABEL, "pattern": demonym, "id": entry.key})
    return names, terms


def add_entity_rulers(nlp: Language, gaz: Gazetteer | None = None) -> None:
    """Add the two gazetteer rulers before the statistical NER."""
    gaz = gaz or load_gazetteer()
    names, terms = build_patterns(nlp, gaz)
    before = {"after": "ner"} if "ner" in nlp.pipe_names else {}
    if before:
        nlp.add_pipe("kg_keep_ner_spans", after="ner")
        before = {"after": "kg_keep_ner_spans"}
    ruler = nlp.add_pipe("entity_ruler", name="kg_names", config={"overwrite_ents": True}, **before)
    if before:
        nlp.add_pipe("kg_restore_ner_spans", after="kg_names")
    # The ruler tokenises phrase patterns by running the components before it; they match on
    # ORTH/LOWER only, so the tokenizer alone does (4x faster start-up than the whole model).
    with nlp.select_pipes(disable=[n for n in nlp.pipe_names if not n.startswith("kg_")]):
        ruler.add_patterns(names)  # type: ignore[attr-defined]
    # Technology terms go after the NER, filling only what it left: a capitalised term inside
    # a name ("Acme Robotics") stays part of the name.
    after = {"after": "kg_names"}
    term_ruler = nlp.add_pipe(
        "entity_ruler",
        name="kg_terms",
        **after,
        config={"overwrite_ents": False, "phrase_matcher_attr": "LOWER"},
    )
    with nlp.select_pipes(disable=[n for n in nlp.pipe_names if not n.startswith("kg_")]):
        term_ruler.add_patterns(terms)  # type: ignore[attr-defined]
