"""What was counted: the measure of a statistic, phrased from the counted noun, the
clause, or the statistic it changes ("year-on-year increase in invention patents")."""

from __future__ import annotations

import re

from spacy.tokens import Token

from kg.extract.mentions import Mention
from kg.extract.statistics.context import Context
from kg.extract.statistics.numbers_found import Number
from kg.extract.statistics.subject import change_direction
from kg.extract.syntax import MentionIndex, governing_verb, subject_token
from kg.records import Statistic


def counted_noun(number: Number) -> Token | None:
    """The noun a number counts ("126,400 global patent applications" -> applications)."""
    root = number.tokens.root
    if root.dep_ in {"nummod", "quantmod", "amod", "compound", "nmod"} and root.head.pos_ in {
        "NOUN",
        "PROPN",
    }:
        return root.head
    return None  # "reached 4.015 million": the measure comes from the clause instead


def _measure_from(
    noun: Token, skip: set[int], index: MentionIndex, date_tokens: frozenset[int] = frozenset()
) -> str:
    """The counted noun phrase as written, without determiners, possessors, the number
    itself, and what follows a comma, a clause or a place ("patents in China").

    "the Chinese mainland's invention patent inventory" -> "invention patent inventory";
    "126,400 global patent applications for solar panels, ranking ..." ->
    "global patent applications for solar panels".
    """
    dropped: set[int] = set(skip)
    dates = date_tokens
    for token in noun.subtree:
        if (
            token.dep_ in {"poss", "det", "predet", "npadvmod"}
            or token.i in skip
            or token.i in dates
        ):
            dropped.update(t.i for t in token.subtree)
    subtree = sorted(noun.subtree, key=lambda t: t.i)
    words: list[Token] = []
    for token in subtree:
        if token.i < noun.i:
            if token.i not in dropped and not (token.is_punct and token.text != "-"):
                words.append(token)
            continue
        if token.i > noun.i and (
            token.dep_ in {"relcl", "acl", "advcl", "appos", "cc", "conj"}
            or (token.is_punct and token.text != "-")
            or token.text in {"(", ","}
        ):
            break
        if (
            token.i > noun.i
            and token.lower_ in {"in", "from", "by"}
            and any(
                (m := index.at(c)) is not None and m.cls in {"Country", "Region", "City"}
                for c in token.children
            )
        ):
            break
        if token.i not in dropped:
            words.append(token)
    text = "".join(t.text_with_ws for t in words).strip(" ,;-")
    text = re.sub(r"^(?:a total of|total of|of)\s+", "", text, flags=re.I)
    return " ".join(text.split())


def phrase_measure(
    number: Number,
    noun: Token | None,
    skip: set[int],
    ctx: Context,
    earlier: list[Statistic],
    index_mention: Mention | None,
) -> str:
    if number.unit == "Rank":
        if index_mention is not None:
            return "rank"
        bases = [st.measure for st in earlier if st.unit != "Rank"]
        base = bases[-1] if bases else _rank_topic(number)
        return f"rank in {base}" if base and base != "quantity" else "rank"
    if number.unit == "Percent":
        direction = change_direction(number)
        change_word = _change_phrase(number) or (f"{direction}" if direction else None)
        if change_word:
            counts = [st for st in earlier if st.unit in {"Count", "Money"}]
            of_what = counts[-1].measure if counts else None
            return f"{change_word} in {of_what}" if of_what else change_word
        if noun is not None:
            return "share of " + _measure_from(noun, skip, ctx.index, ctx.sentence.date_tokens)
        verb = governing_verb(number.tokens.root)
        subj = subject_token(verb) if verb is not None else None
        if subj is not None and subj.pos_ == "NOUN" and not ctx.index.at(subj):
            # "Global growth in R&D spending fell to 2.9 percent": the rate the verb's subject is
            return _measure_from(subj, skip, ctx.index, ctx.sentence.date_tokens) or "share"
        return "share"
    if noun is not None:
        measure = _measure_from(noun, skip, ctx.index, ctx.sentence.date_tokens)
        if _in_force(noun):
            measure += " in force"
        return measure or noun.lemma_
    same_unit = [st for st in earlier if st.unit == number.unit]
    if same_unit and number.tokens.root.dep_ in {"pobj", "appos", "npadvmod", "conj", "dep"}:
        return same_unit[-1].measure  # "ahead of the United States with 55,678"
    verb = governing_verb(number.tokens.root)
    if verb is not None:
        subj = subject_token(verb)
        if subj is not None and subj.pos_ in {"NOUN", "PROPN"} and not ctx.index.at(subj):
            return _measure_from(subj, skip, ctx.index, ctx.sentence.date_tokens)
        for child in verb.children:
            if child.dep_ in {"dobj", "attr"} and child.pos_ == "NOUN" and child.i not in skip:
                return _measure_from(child, skip, ctx.index, ctx.sentence.date_tokens)
    return "quantity"


def _change_phrase(number: Number) -> str | None:
    """'year-on-year increase', 'annual increase', 'growth' around a percentage."""
    root = number.tokens.root
    head = root.head
    if head.lower_ in {"of", "by"} and head.head.pos_ == "NOUN":
        noun = head.head
        mods = [
            c.text for c in noun.children if c.dep_ in {"amod", "compound", "nmod"} and c.i < noun.i
        ]
        return " ".join([*mods, noun.text]).lower()
    return None


def _rank_topic(number: Number) -> str | None:
    root = number.tokens.root
    noun = root.head if root.dep_ in {"amod", "compound"} and root.head.pos_ == "NOUN" else None
    for token in number.tokens.sent:
        if token.lower_ == "terms" and token.head.lower_ == "in":
            for child in token.children:
                if child.lower_ == "of":
                    return " ".join(t.text for t in child.subtree if t.i != child.i) or None
    if noun is not None:
        return " ".join(t.text for t in noun.subtree if t.i != root.i and t.dep_ != "det")
    return None


def _in_force(noun: Token) -> bool:
    head = noun.head
    if head.lemma_ in {"be", "remain"}:
        return any(
            c.lower_ == "in" and any(g.lower_ in {"force", "effect"} for g in c.children)
            for c in head.children
        )
    return any(
        c.lower_ == "in" and any(g.lower_ == "force" for g in c.children) for c in noun.children
    )
