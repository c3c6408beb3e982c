"""A statistic's technology field, date and announcing agent."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.dates import resolve_date
from kg.extract.mentions import Mention
from kg.extract.sentences import SentenceView
from kg.extract.statistics.numbers_found import Number
from kg.extract.statistics.subject import is_agent
from kg.extract.statistics.vocabulary import REPORT_VERBS
from kg.extract.syntax import MentionIndex, governing_verb, resolve_reference, subject_token

_BASELINE_WORDS = frozenset("than from compared versus vs since over against".split())


def find_technology_field(
    number: Number, noun: Token | None, sentence: SentenceView, index: MentionIndex
) -> Mention | None:
    if noun is not None:
        inside = index.in_subtree(noun, ("TechnologyField",))
        if inside:
            return inside[0]
    verb = governing_verb(number.tokens.root)
    if verb is not None:
        inside = index.in_subtree(verb, ("TechnologyField",))
        if len(inside) == 1:
            return inside[0]
    fields = [m for m in sentence.mentions if m.cls == "TechnologyField"]
    return fields[0] if len(fields) == 1 else None


def find_date(
    number: Number, sentence: SentenceView, article_date: str | None, discourse_year: str | None
) -> str | None:
    dates = [e for e in sentence.span.ents if e.label_ == "DATE"]
    best: tuple[int, str] | None = None
    for ent in dates:
        window = ent.doc[max(ent.start - 4, sentence.span.start) : ent.end]
        if any(t.lower_ in _BASELINE_WORDS for t in window[: -len(ent)] if t.i >= ent.start - 2):
            continue  # "1.8% fewer than in 2022": the baseline, not the claim's date
        resolved = resolve_date(window.text, article_date, discourse_year)
        if resolved is None:
            continue
        distance = abs(ent.start - number.tokens.start)
        if best is None or distance < best[0]:
            best = (distance, resolved)
    return best[1] if best else None


def find_announcer(sentence: SentenceView, index: MentionIndex) -> Mention | None:
    for token in sentence.span:
        lemma = token.lemma_.lower()
        if lemma == "according" and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to":
            for t in token.nbor(1).subtree:
                found = index.at(t)
                if found and is_agent(found):
                    return found
        if lemma in REPORT_VERBS and token.pos_ == "VERB":
            subj = subject_token(token)
            if subj is not None:
                found = resolve_reference(subj, index, ("Organization", "Person", "Country"))
                if found and is_agent(found):
                    return found
    return None
