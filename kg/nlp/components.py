"""spaCy components kg registers (imported for their side effect by the pipeline loader)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("kg_sentence_fixes")
def sentence_fixes(doc: Doc) -> Doc:
    """Preset sentence starts the parser would miss.

    A word after a full stop with no space ("Thursday.The") starts a sentence,
    and so does the first word after a blank line (paragraphs, masked headers).
    The parser keeps preset starts and decides the rest.
    """
    for i in range(1, len(doc)):
        token, prev = doc[i], doc[i - 1]
        if (
            prev.is_space and ("\n\n" in prev.text or len(prev.text) > 3) and not token.is_space
        ) or (
            prev.text in {".", "!", "?"}
            and not prev.whitespace_
            and i >= 2
            and (doc[i - 2].text[-1:].islower() or doc[i - 2].text[-1:].isdigit())
            and token.text[:1].isupper()
            and token.text[1:2].islower()
        ):
            token.is_sent_start = True
        elif (
            prev.text in _DOTTED_ABBREVIATIONS
            and token.text[:1].isupper()
            and token.lower_ not in _SENTENCE_OPENERS
        ):
            token.is_sent_start = False  # "U.S. Patent and Trademark Office": one name
        elif prev.text == "." and i >= 2 and doc[i - 2].lower_ in {"no", "nos"} and token.like_num:
            token.is_sent_start = False  # "U.S. Patent Nos. 7,619,912": an abbreviation
        elif prev.text == ")" and not token.is_space and token.text[:1].isalpha():
            # "Japan Patent Office (JPO) Commissioner Hamano Koichi": a closing bracket ends
            # no sentence (one that did would close with a full stop first)
            token.is_sent_start = False
    _list_items(doc)
    return doc


_DOTTED_ABBREVIATIONS = frozenset({"U.S.", "U.K.", "U.N.", "E.U.", "U.A.E.", "S."})
#: words that do open a sentence after an abbreviation ("... in the U.S. The company said")
_SENTENCE_OPENERS = frozenset(
    """the a an it its he she his her they their we our this that these those there in on at
    but and or however meanwhile as for while after before since according last in this""".split()
)


_MARKERS = frozenset({"-", "•", "*", "–", "—", "·"})


def _list_items(doc: Doc) -> None:
    """Each line of a list ("1. University of California - 505", "- Huawei: 6,494") is one
    sentence: its marker starts it and the rest stays with it."""
    for i in range(1, len(doc) - 1):
        prev, token = doc[i - 1], doc[i]
        if not (prev.is_space and "\n" in prev.text) or token.is_space:
            continue
        numbered = token.like_num and len(token.text) <= 3 and doc[i + 1].text in {".", ")"}
        if not (numbered or token.text in _MARKERS):
            continue
        token.is_sent_start = True
        line_end = i + 1
        while line_end < len(doc) and not (doc[line_end].is_space and "\n" in doc[line_end].text):
            line_end += 1
        for follower in doc[i + 1 : line_end]:
            follower.is_sent_start = False
        if line_end < len(doc) - 1:
            doc[line_end + 1 if doc[line_end].is_space else line_end].is_sent_start = True


@Language.factory("kg_attribute_table")
def make_attribute_table(nlp: Language, name: str):
    """The pipeline's own AttributeRuler rules, applied by table lookup (same result, a
    fraction of the time: see kg.nlp.attribute_table); added only where the rules allow."""
    from kg.nlp.attribute_table import AttributeTable

    table = AttributeTable.from_ruler(nlp.get_pipe("attribute_ruler"))
    if table is None:
        raise ValueError("the attribute ruler's rules are beyond the table")
    return table


_NER_KEY = "kg_ner_kept"
#: gazetteer labels a given name or surname may spell ("Santiago", "Victoria", "Florence"),
#: or a currency ("Swiss francs", "Hong Kong dollars")
_INNER_LABELS = {
    "PERSON": frozenset({"City", "Region"}),
    "MONEY": frozenset({"City", "Region", "Country", "Demonym"}),
}


@Language.component("kg_keep_ner_spans")
def keep_ner_spans(doc: Doc) -> Doc:
    """Keep the NER's multi-word person names and sums of money before the gazetteer ruler
    overwrites entities."""
    doc.spans[_NER_KEY] = [e for e in doc.ents if e.label_ in _INNER_LABELS and len(e) > 1]
    return doc


@Language.component("kg_restore_ner_spans")
def restore_ner_spans(doc: Doc) -> Doc:
    """Give back names and sums the gazetteer cut into a place: "Santiago Nieto Castillo",
    "Josephine Santiago" are people, not the Chilean capital; "790.8 million Swiss francs" is
    money, not the demonym (the ruler matched one or two words inside them)."""
    kept = doc.spans.get(_NER_KEY, [])
    if not kept:
        return doc
    ents = list(doc.ents)
    for span in kept:
        inside = [e for e in ents if e.start < span.end and span.start < e.end]
        if not inside or any(
            e.label_ not in _INNER_LABELS[span.label_] or e.start < span.start or e.end > span.end
            for e in inside
        ):
            continue  # a name the gazetteer knows as a whole, or one that runs past the span
        if sum(len(e) for e in inside) >= len(span):
            continue  # "Victoria Falls": the gazetteer names all of it
        ents = [e for e in ents if e not in inside] + [span]
    doc.ents = sorted(ents, key=lambda e: e.start)
    del doc.spans[_NER_KEY]
    return doc
