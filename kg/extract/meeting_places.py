"""Where a meeting took place when the sentence that says so does not name it.

News often places a meeting before (or without) naming it: "as they wrapped up their annual
meeting in Seoul ... It was the 17th meeting of the IP5 Heads of Office", "after the country
was selected at meetings held in the resort town of Victoria Falls ... the 18th session of the
ARIPO Council of Ministers". The phrase gives the place; the article's meeting-like events that
no sentence placed elsewhere are the ones it speaks of.

Example:
    >>> from kg.ingest import article_from_text
    >>> from kg.nlp.run import parse_article
    >>> from kg.extract.article import extract_article
    >>> article = article_from_text(
    ...     "The heads wrapped up their annual meeting in Seoul on Friday. It was the 9th "
    ...     "meeting of the Nordic Patent Heads, the offices said."
    ... )
    >>> result = extract_article(article, parse_article(article))
    >>> ("9th-meeting-of-the-nordic-patent-heads", "location", "seoul") in {
    ...     (r.subject, r.predicate, r.object) for r in result.relations
    ... }
    True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from kg.extract.sentences import SentenceView
from kg.extract.syntax import MentionIndex

#: Nouns that stand for a meeting without naming it.
MEETING_NOUNS = frozenset(
    """meeting session conference summit talks forum assembly gathering congress symposium
    workshop dialogue roundtable""".split()
)
#: Events whose name says they are meetings (not a prize, a day or a campaign).
_MEETING_NAME = re.compile(
    r"\b(?:meeting|session|conference|summit|talks|forum|assembl(?:y|ies)|congress|symposium|"
    r"workshop|dialogue|roundtable)s?\b",
    re.IGNORECASE,
)
#: Words that make "the meeting" another sitting than the one the article is about
#: ("last year's meeting in Honolulu", "the next session", "the forum's inaugural meeting").
OTHER_SITTING = frozenset(
    "next last previous coming following future upcoming inaugural earlier prior".split()
)
_OTHER_TIME = OTHER_SITTING | {"first"}  # "its first meeting, held in ...": long before
_HOLD_VERBS = frozenset("hold host stage convene organize organise take".split())
_TOWN_NOUNS = frozenset("town city capital village port resort municipality".split())


@dataclass(frozen=True)
class MeetingPlace:
    """An unnamed meeting ("their annual meeting", "meetings") placed in a city."""

    place: str
    plural: bool
    sentence: SentenceView


def is_meeting_event(label: str) -> bool:
    """Whether an event's name says it is a meeting: "17th IP5 Heads of Office Meeting"."""
    return bool(_MEETING_NAME.search(label))


def unnamed_meeting_places(
    sentences: Iterable[SentenceView], index: MentionIndex, dateline: str | None
) -> Iterator[MeetingPlace]:
    """Each meeting noun that is no event's name, with the city it was in ("in Seoul",
    "held in the resort town of Victoria Falls", "held here" under a dateline)."""
    for sentence in sentences:
        for noun in sentence.tokens_with_lemma(MEETING_NOUNS):
            if noun.pos_ != "NOUN" or _named(noun, index) or _another_time(noun):
                continue
            place = _place_of(noun, index, dateline)
            if place is not None:
                yield MeetingPlace(place, noun.tag_ == "NNS", sentence)


def _named(noun: Token, index: MentionIndex) -> bool:
    """The noun is (part of) a named mention, or an event's name is in apposition to it."""
    if index.at(noun) is not None:
        return True
    return any(c.dep_ == "appos" and index.at(c) is not None for c in noun.children)


def _another_time(noun: Token) -> bool:
    """ "next year's meeting", "its first meeting", and "Korea last hosted the heads' meeting
    in Incheon": a verb said of another sitting ("last", "previously")."""
    verb = noun.head if noun.dep_ in {"dobj", "nsubjpass", "nsubj"} else None
    if verb is not None and any(
        c.dep_ == "advmod" and c.lower_ in {"last", "previously", "first", "once", "earlier"}
        for c in verb.children
    ):
        return True
    return any(
        w.lower_ in _OTHER_TIME
        for c in noun.children
        if c.dep_ in {"amod", "poss", "det"}
        for w in c.subtree
    )


def _place_of(noun: Token, index: MentionIndex, dateline: str | None) -> str | None:
    """The city of "meeting in X", "meetings held in X", "the session held here"."""
    heads = [noun, *(c for c in noun.children if c.dep_ in {"acl", "relcl"})]
    for head in heads:
        if head is not noun and head.lemma_.lower() not in _HOLD_VERBS:
            continue
        for child in head.children:
            if child.dep_ == "advmod" and child.lower_ == "here" and dateline:
                return dateline
            if child.dep_ != "prep" or child.lower_ not in {"in", "at"}:
                continue
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                city = _city(pobj, index)
                if city is not None:
                    return city
    return None


def _city(token: Token, index: MentionIndex) -> str | None:
    mention = index.at(token)
    if mention is None and token.lemma_.lower() in _TOWN_NOUNS:
        # "the resort town of Victoria Falls"
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        inner = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        mention = index.at(inner) if inner is not None else None
    if mention is not None and mention.key and mention.cls == "City":
        return mention.key
    return None
