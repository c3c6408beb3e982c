"""Numeric claims: each number the text asserts about an entity becomes a Statistic.

For every number in a sentence (spaCy's CARDINAL, PERCENT, MONEY and ORDINAL
spans, bare numerals, and rank words such as "top filer"):

1. skip what is not a claim: years, durations ("four consecutive years"),
   group sizes ("Top 10 makers"), ordinals of events ("30th anniversary"),
   numbers inside names ("IP5", "Global Innovation Index 2023");
2. read the value (scale words, written numbers) and the unit;
3. find the counted thing (the noun the number modifies, or the subject of
   "reached 4.015 million") and phrase the measure from it;
4. find the subject: a possessor or demonym on that noun, an entity inside
   it, the clause's subject (pronouns resolved), or the place "in X";
5. add the qualifier, date (resolved against the article's date),
   technology field, index and announcing agent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from spacy.tokens import Span, Token

from kg.extract.dates import resolve_date
from kg.extract.mentions import Mention
from kg.extract.numbers import (
    QUALIFIERS,
    currency_of,
    parse_ordinal,
    parse_quantity,
    split_qualifier,
)
from kg.extract.sentences import SentenceView
from kg.extract.syntax import MentionIndex, governing_verb, resolve_reference, subject_token
from kg.records import Statistic, is_subclass

NUMBER_LABELS = frozenset({"CARDINAL", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"})
TIME_UNITS = frozenset(
    """year decade month week day hour century minute quarter anniversary session
    edition time round term generation meeting conference forum summit congress assembly""".split()
)
RANK_HEADS = frozenset(
    """rank place come finish stand remain climb rise move jump fall drop slip list lead
    position spot be top occupy retain hold secure take keep follow return""".split()
)
REPORT_VERBS = frozenset(
    """announce say report state reveal disclose show release publish note add
    introduce tell point indicate unveil according confirm estimate find record""".split()
)
INCREASE = frozenset(
    """increase rise growth up grow jump surge climb gain higher more increment boost
    expand expansion rose grew""".split()
)
DECREASE = frozenset(
    """decrease decline drop fall down lower less dip shrink reduction contraction fell
    slip slide cut fewer""".split()
)
CHANGE_VERBS = frozenset(
    "rise grow increase fall decline drop slip climb jump surge dip shrink expand gain slide".split()
)
SUBJECT_CLASSES = ("Country", "Organization", "Region", "Initiative", "City", "Person")
_RANK_FOLLOWERS = frozenset(
    """place position spot largest biggest most highest among in on globally worldwide overall
    ) ,""".split()
)
_RANK_WORDS = frozenset(
    "rank ranking ranked ranks place placed position top list league index".split()
)
_BASELINE_WORDS = frozenset("than from compared versus vs since over against".split())
_IDENTIFIED_NOUNS = frozenset(
    "patent case resolution decree law article certificate registration application order".split()
)
_ORDINAL_TOKEN = re.compile(r"^\d{1,3}(?:st|nd|rd|th)$")
_YEAR = re.compile(r"^(?:19|20)\d{2}s?$")


@dataclass
class Number:
    """A number found in a sentence, before it becomes a Statistic."""

    tokens: Span
    value: Decimal
    unit: str
    qualifier: str | None
    currency: str | None = None
    pattern: str = "number"


def find_numbers(sentence: SentenceView, index: MentionIndex) -> Iterator[Number]:
    """The numbers in a sentence that can be claims (see module docstring for what is skipped)."""
    span = sentence.span
    covered: set[int] = set()
    for ent in span.ents:
        if ent.label_ not in NUMBER_LABELS and ent.label_ != "DATE":
            continue
        covered.update(range(ent.start, ent.end))
        if ent.label_ == "DATE" and len(ent) == 1 and _ORDINAL_TOKEN.match(ent.text):
            ent = Span(
                ent.doc, ent.start, ent.end, label="ORDINAL"
            )  # "ranked 12th" tagged as a date
        elif ent.label_ == "DATE" or ent.label_ == "QUANTITY":
            continue
        number = _read(ent, index)
        if number is not None:
            yield number
    doc = span.doc
    for token in span:
        if token.i not in covered and _ORDINAL_TOKEN.match(token.text):
            number = _read(Span(doc, token.i, token.i + 1, label="ORDINAL"), index)
            if number is not None:
                yield number
            continue
        if token.i in covered or not token.like_num or token.pos_ not in {"NUM"}:
            continue
        end = token.i + 1
        while end < span.end and doc[end].lower_ in {
            "million",
            "billion",
            "thousand",
            "trillion",
            "percent",
            "%",
        }:
            end += 1
        number = _read(Span(doc, token.i, end, label="CARDINAL"), index)
        if number is not None:
            yield number
    yield from _rank_words(span)


def _read(ent: Span, index: MentionIndex) -> Number | None:
    doc = ent.doc
    text = ent.text
    if any(index.at(t) for t in ent):
        return None  # part of a name: "IP5", "Global Innovation Index 2023"
    before = doc[ent.start - 1] if ent.start > 0 else None
    after = doc[ent.end] if ent.end < len(doc) else None
    if before is not None and before.lower_ in {
        "top",
        "article",
        "rule",
        "section",
        "chapter",
        "phase",
        "grade",
        "level",
        "g",
        "covid",
        "vol",
        "page",
    }:
        return None
    if ent.label_ == "CARDINAL" and _YEAR.match(text.strip()):
        return None
    last = doc[ent.end - 1]
    if not last.whitespace_ and after is not None and after.is_alpha and len(after.text) <= 3:
        return None  # "4G", "5G", "3D": part of a name
    if after is not None and after.lemma_.lower() in TIME_UNITS:
        return None
    if after is not None and after.lower_ == "consecutive":
        return None
    qualifier, bare = split_qualifier(text)
    if qualifier is None and before is not None:
        qualifier = _qualifier_before(ent)
    numbered = before is not None and (
        before.text in {"No.", "No", "Number", "number"}
        or (before.text == "." and ent.start >= 2 and doc[ent.start - 2].text == "No")
    )
    if numbered and (
        "," in text
        or (ent.start >= 2 and doc[ent.start - 2].lemma_.lower() in _IDENTIFIED_NOUNS)
        or (ent.start >= 3 and doc[ent.start - 3].lemma_.lower() in _IDENTIFIED_NOUNS)
    ):
        return None  # "U.S. Patent No. 10,000,000", "Resolution No. 12": an identifier
    if ent.label_ == "ORDINAL" or (numbered and ent.label_ == "CARDINAL"):
        head = ent.root.head
        rank_context = (
            head.lemma_.lower() in RANK_HEADS
            or (after is not None and after.lower_ in _RANK_FOLLOWERS)
            or _sentence_ranks(ent.sent)
        )
        if ent.label_ == "ORDINAL" and not rank_context:
            return None
        rank = parse_ordinal(("no. " if ent.label_ == "CARDINAL" else "") + bare)
        return Number(ent, Decimal(rank), "Rank", None, pattern="rank-ordinal") if rank else None
    if ent.label_ == "PERCENT" or re.search(r"%|percent|per cent|percentage point", text, re.I):
        value = parse_quantity(bare)
        return (
            Number(ent, value, "Percent", qualifier, pattern="percent")
            if value is not None
            else None
        )
    if ent.label_ == "MONEY" and currency_of(text) is None:
        ent = Span(
            doc, ent.start, ent.end, label="CARDINAL"
        )  # "2 billion smartphones": no currency
    if ent.label_ == "MONEY":
        if (before is not None and before.text == "(") or (
            ent.start >= 2
            and doc[ent.start - 2].text == "("
            and before is not None
            and before.lower_ in {"about", "around", "approximately", "roughly", "some", "or"}
        ):
            return None  # "800 billion yuan (about 112 billion U.S. dollars)": a conversion
        value = parse_quantity(bare)
        return (
            Number(ent, value, "Money", qualifier, currency_of(text), "money")
            if value is not None
            else None
        )
    value = parse_quantity(bare)
    if value is None:
        return None
    if value <= 12 and bare.strip().isalpha() and qualifier is None:
        return None  # "the two offices", "all three filing systems": a description, not a claim
    return Number(ent, value, "Count", qualifier, pattern="count")


def _sentence_ranks(sent: Span) -> bool:
    """A sentence about rankings: ordinals in it are ranks ("Indonesia, at 61st, ...")."""
    return any(t.lower_ in _RANK_WORDS or t.lemma_.lower() in _RANK_WORDS for t in sent)


def _qualifier_before(ent: Span) -> str | None:
    doc = ent.doc
    window = doc[max(0, ent.start - 4) : ent.start].text.lower()
    for q in sorted(QUALIFIERS, key=len, reverse=True):
        if window.endswith(q):
            return q
    return None


_RANKED_NOUNS = frozenset(
    """filer applicant spot position place player country source origin patentee holder recipient
    assignee innovator destination field economy company office user market contributor""".split()
)
_SUPERLATIVES = frozenset("largest biggest busiest highest most leading top greatest".split())
_LEAD_OBJECTS = frozenset("way list ranking ranks table field pack rankings chart league".split())


def _rank_words(span: Span) -> Iterator[Number]:
    """Ranks written without a number: "the top filer", "rank top", "topped the list",
    "remained the largest source", "filed the most applications", "led the way"."""
    doc = span.doc
    for token in span:
        lower, lemma = token.lower_, token.lemma_.lower()
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        one = Span(doc, token.i, token.i + 1)
        if lower in _SUPERLATIVES and token.dep_ in {
            "amod",
            "advmod",
            "acomp",
            "attr",
            "dobj",
            "npadvmod",
            "nsubj",
        }:
            if nxt is not None and (nxt.like_num or nxt.ent_type_ == "CARDINAL"):
                continue  # "top 10", "the largest five": a group, not a rank
            if token.i > span.start and doc[token.i - 1].lower_ in {
                "second",
                "third",
                "fourth",
                "fifth",
            }:
                continue  # "the second-largest": an ordinal rank, read elsewhere
            head = token.head
            noun = (
                nxt
                if nxt is not None and nxt.pos_ == "NOUN"
                else (head if head.pos_ == "NOUN" else None)
            )
            before = doc[max(span.start, token.i - 5) : token.i].text.lower()
            plural = noun is not None and noun.tag_ == "NNS" and lower != "most"
            if "one of" in before or "among" in before or plural:
                continue  # "one of the world's leading countries": a group, not first place
            copular = head.lemma_.lower() in {
                "rank",
                "be",
                "remain",
                "come",
                "stay",
                "emerge",
                "become",
            }
            ranked_noun = noun is not None and noun.lemma_.lower() in _RANKED_NOUNS
            # "filed the most applications": "most" as the determiner of what was counted
            most_of = lower == "most" and head.pos_ == "NOUN" and head.dep_ == "dobj"
            if (lower == "top" and copular) or ranked_noun or most_of:
                yield Number(one, Decimal(1), "Rank", None, pattern=f"rank-{lower}")
        elif lemma == "top" and token.pos_ == "VERB":
            yield Number(one, Decimal(1), "Rank", None, pattern="rank-topped")
        elif (
            lemma == "lead"
            and token.pos_ == "VERB"
            and any(c.dep_ == "dobj" and c.lemma_.lower() in _LEAD_OBJECTS for c in token.children)
        ):
            yield Number(one, Decimal(1), "Rank", None, pattern="rank-led")


def counted_noun(number: Number) -> Token | None:
    """The noun a number counts ("126,400 global patent applications" -> applications)."""
    root = number.tokens.root
    if root.dep_ in {"nummod", "quantmod", "amod", "compound", "nmod"} and root.head.pos_ in {
        "NOUN",
        "PROPN",
    }:
        return root.head
    if (
        root.dep_ == "pobj"
        and root.head.lower_ == "of"
        and root.head.head.pos_ == "NOUN"
        and root.head.head.lemma_.lower() in {"total", "number", "sum", "count"}
    ):
        return None
    return None


def _measure_from(noun: Token, skip: set[int], index: MentionIndex) -> str:
    """The counted noun phrase as written, without determiners, possessors, the number
    itself, and what follows a comma, a clause or a place ("patents in China").

    "the Chinese mainland's invention patent inventory" -> "invention patent inventory";
    "126,400 global patent applications for solar panels, ranking ..." ->
    "global patent applications for solar panels".
    """
    dropped: set[int] = set(skip)
    dates = {t.i for e in noun.doc.ents if e.label_ in {"DATE", "TIME"} for t in e}
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


@dataclass
class Context:
    """What statistics of one sentence share: the reporter, dates, index, tech fields."""

    sentence: SentenceView
    index: MentionIndex
    article_date: str | None
    previous: list[Statistic]


def statistics_in(
    sentence: SentenceView,
    index: MentionIndex,
    article_date: str | None,
    fallback_subject: str | None,
    discourse_date: str | None = None,
    discourse_year: str | None = None,
) -> list[Statistic]:
    """Every Statistic one sentence states.

    ``discourse_date`` is the date the paragraph was last talking about; numbers in a
    sentence with no date of its own take it ("China remained the largest source ...").
    """
    ctx = Context(sentence, index, article_date, [])
    announcer = _announcer(sentence, index)
    index_mention = next((m for m in sentence.mentions if m.cls == "Index"), None)
    results: list[Statistic] = []
    positions: list[int] = []
    seen: set[tuple] = set()
    for number in sorted(find_numbers(sentence, index), key=lambda n: n.tokens.start):
        noun = counted_noun(number)
        skip = set(range(number.tokens.start, number.tokens.end))
        subject = _subject(number, noun, ctx, results)
        if subject is None and fallback_subject:
            subject_key = fallback_subject
        elif subject is None:
            continue
        else:
            subject_key = subject.key
        measure = _measure(number, noun, skip, ctx, results, index_mention).strip() or "quantity"
        if number.unit == "Percent" and number.value > 0 and _direction(number) == "decrease":
            number.value = -number.value  # a change rate is signed: "down 5.3%" -> -5.3
        tech = _technology(number, noun, sentence, index)
        date = _date(number, sentence, article_date, discourse_year)
        if date is None and index_mention is not None and number.unit == "Rank":
            year = re.search(r"\b((?:19|20)\d{2})$", index_mention.text)
            date = year.group(1) if year else None  # "12th on the Global Innovation Index 2023"
        if date is None:
            date = discourse_date or discourse_year
        if number.unit == "Percent" and date is None and results:
            date = results[-1].date
        stat = Statistic(
            subject=subject_key or "",
            value=number.value,
            measure=measure,
            unit=number.unit,
            evidence=sentence.evidence,
            pattern=number.pattern,
            date=date,
            qualifier=number.qualifier,
            technology_field=tech.key if tech else None,
            index=index_mention.key if (index_mention and number.unit == "Rank") else None,
            announced_by=announcer.key if announcer and announcer.key != subject_key else None,
            currency=number.currency,
        )
        identity = (stat.subject, stat.value, stat.unit, number.tokens.start)
        if stat.subject and identity not in seen:
            seen.add(identity)
            results.append(stat)
            positions.append(number.tokens.start_char)
    results = _respectively(sentence, results, positions)
    results.extend(_followed_by(sentence, results, positions))
    return results


_LIST_ITEM = r"(?:the )?⟦(\d+):[A-Za-z]+⟧(?: \([^()]*\))?"


def _respectively(
    sentence: SentenceView, results: list[Statistic], positions: list[int]
) -> list[Statistic]:
    """ "A, B and C grew by 59.4%, 39.3% and 30.8% respectively": the n-th number is about the
    n-th item of the list."""
    if "respectively" not in sentence.text.lower() or len(results) < 2:
        return results
    tagged = sentence.tagged()
    runs = [
        re.findall(r"⟦(\d+):", match.group())
        for match in re.finditer(rf"{_LIST_ITEM}(?:(?:,| and|, and) {_LIST_ITEM})+", tagged)
    ]
    by_unit: dict[str, list[int]] = {}
    for i, stat in enumerate(results):
        by_unit.setdefault(stat.unit, []).append(i)
    for indices in by_unit.values():
        for run in runs:
            if len(run) == len(indices) >= 2:
                for i, item in zip(indices, run, strict=True):
                    mention = sentence.mentions[int(item)]
                    if mention.key:
                        results[i] = replace(
                            results[i],
                            subject=mention.key,
                            pattern=results[i].pattern + "+respectively",
                        )
                break
    return results


def _followed_by(
    sentence: SentenceView, results: list[Statistic], positions: list[int]
) -> list[Statistic]:
    """ "Huawei was the top applicant, followed by Samsung and LG": the list continues the
    ranking from the rank stated before it."""
    tagged = sentence.tagged()
    match = re.search(
        rf"followed by (?P<list>{_LIST_ITEM}(?:(?:,| and|, and) {_LIST_ITEM})*)", tagged
    )
    if not match:
        return []
    offset = sentence.text.lower().find("followed by")
    before = [
        (pos, st)
        for pos, st in zip(positions, results, strict=False)
        if st.unit == "Rank" and pos < sentence.start + offset
    ]
    if not before:
        return []
    _, first = before[-1]
    extra: list[Statistic] = []
    for step, item in enumerate(re.findall(r"⟦(\d+):", match.group("list")), start=1):
        mention = sentence.mentions[int(item)]
        if mention.key and mention.key != first.subject:
            extra.append(
                replace(
                    first,
                    subject=mention.key,
                    value=first.value + step,
                    qualifier=None,
                    pattern="rank-followed-by",
                )
            )
    return extra


def _subject(
    number: Number, noun: Token | None, ctx: Context, earlier: list[Statistic]
) -> Mention | None:
    index = ctx.index
    adjacent = _adjacent_mention(number, index)
    if adjacent is not None:
        return adjacent
    if number.unit == "Percent" and _is_change(number):
        # "French filings slipped by 1.5%": the changing thing names its owner
        verb = governing_verb(number.tokens.root)
        subj_tok = (
            subject_token(verb)
            if verb is not None and verb.lemma_.lower() in CHANGE_VERBS
            else None
        )
        owner = (
            resolve_reference(subj_tok, index, SUBJECT_CLASSES) if subj_tok is not None else None
        )
        if owner is not None and (_agentish(owner) or owner.cls == "TechnologyField"):
            return owner
        if earlier:
            return _mention_for_key(earlier[-1].subject, ctx) or None
    if noun is not None:  # "Huawei's patents", "the country's applications"
        for child in noun.children:
            if child.dep_ == "poss":
                found = resolve_reference(child, index, SUBJECT_CLASSES)
                if found and _agentish(found):
                    return found
    clause_subject = _clause_subject(number, index)
    if clause_subject is not None and clause_subject.cls != "TechnologyField":
        return clause_subject  # "The Office received 160,000 EU trade mark applications"
    if noun is not None:  # "Chinese applicants filed ...", "applications from Japanese firms"
        for child in noun.children:
            if child.dep_ in {"compound", "amod", "nmod"}:
                found = resolve_reference(child, index, SUBJECT_CLASSES)
                if found and _agentish(found):
                    return found
        inside = [m for m in index.in_subtree(noun, SUBJECT_CLASSES) if _agentish(m)]
        if inside:
            return inside[0]
    if clause_subject is not None:
        return clause_subject  # "Digital communication remained the busiest field with ..."
    # "in China", "for overseas applicants in China"
    for mention in ctx.sentence.mentions:
        tok = mention.span.root
        if tok.head.lower_ in {"in", "from", "by"} and mention.cls in {"Country", "Region", "City"}:
            return mention
    agents = [m for m in ctx.sentence.mentions if _agentish(m) and m.cls != "Person"]
    if agents:
        return agents[0]
    return index.last_before(ctx.sentence.start, ("Country", "Organization", "Region"))


def _clause_subject(number: Number, index: MentionIndex) -> Mention | None:
    """The subject of the clause a number is in, climbing through reported speech ("Wang said
    China has filed ..."); a technology field counts only when it is the subject itself."""
    verb = governing_verb(number.tokens.root)
    while verb is not None:
        subj_tok = subject_token(verb)
        if subj_tok is not None:
            found = resolve_reference(subj_tok, index, SUBJECT_CLASSES)
            if (
                found is not None
                and found.cls == "TechnologyField"
                and index.at(subj_tok) is not found
            ):
                found = None  # a field inside the subject phrase qualifies; it is not the subject
            if found and not (found.cls == "Person" and verb.lemma_.lower() in REPORT_VERBS):
                return found
            if found is None:
                return None
        if verb.dep_ in {"ccomp", "advcl", "xcomp", "conj"} and verb.head is not verb:
            verb = governing_verb(verb.head)
        else:
            return None
    return None


def _adjacent_mention(number: Number, index: MentionIndex) -> Mention | None:
    """The entity a number is written against: "Germany (6,613)", "the United States with
    55,678", "Finland (6th)", "Singapore fifth", "Indonesia, at 61st"."""
    doc = number.tokens.doc
    i = number.tokens.start - 1
    skipped = 0
    while (
        i >= 0 and skipped < 3 and doc[i].lower_ in {"(", "with", ",", "at", "in", "the", "-", "—"}
    ):
        i -= 1
        skipped += 1
    if i < 0 or i < number.tokens.sent.start:
        return None
    mention = index.at(doc[i])
    if mention is None or not (_agentish(mention) or mention.cls == "TechnologyField"):
        return None
    between = {t.lower_ for t in doc[i + 1 : number.tokens.start]}
    if not between and number.unit != "Rank":
        return None  # "Germany 8 million" is rare; "China 5G" is not a claim about China
    return mention


def _is_agent(mention: Mention) -> bool:
    """Who can announce: a person, an organisation or a country (not a place or a field)."""
    return bool(mention.cls) and (is_subclass(mention.cls, "Agent") or mention.cls == "Country")


def _agentish(mention: Mention) -> bool:
    return bool(mention.cls) and any(is_subclass(mention.cls, c) for c in SUBJECT_CLASSES)


def _mention_for_key(key: str, ctx: Context) -> Mention | None:
    for mention in ctx.sentence.mentions:
        if mention.key == key:
            return mention
    return next((m for m in ctx.index.mentions if m.key == key), None)


def _is_change(number: Number) -> bool:
    return _direction(number) is not None


def _direction(number: Number) -> str | None:
    doc = number.tokens.doc
    text = number.tokens.text
    if text.startswith("+"):
        return "increase"
    if text.startswith("-") or text.startswith("−"):
        return "decrease"
    window = doc[max(0, number.tokens.start - 5) : min(len(doc), number.tokens.end + 3)]
    for token in window:
        lemma = token.lemma_.lower()
        if lemma in INCREASE or token.lower_ in INCREASE:
            return "increase"
        if lemma in DECREASE or token.lower_ in DECREASE:
            return "decrease"
    return None


def _measure(
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
        return f"rank in {base}" if base else "rank"
    if number.unit == "Percent":
        direction = _direction(number)
        change_word = _change_phrase(number) or (f"{direction}" if direction else None)
        if change_word:
            counts = [st for st in earlier if st.unit in {"Count", "Money"}]
            of_what = counts[-1].measure if counts else None
            return f"{change_word} in {of_what}" if of_what else change_word
        if noun is not None:
            return "share of " + _measure_from(noun, skip, ctx.index)
        return "share"
    if noun is not None:
        measure = _measure_from(noun, skip, ctx.index)
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
            return _measure_from(subj, skip, ctx.index)
        for child in verb.children:
            if child.dep_ in {"dobj", "attr"} and child.pos_ == "NOUN" and child.i not in skip:
                return _measure_from(child, skip, ctx.index)
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


def _technology(
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


def _date(
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


def _announcer(sentence: SentenceView, index: MentionIndex) -> Mention | None:
    for token in sentence.span:
        lemma = token.lemma_.lower()
        if lemma == "according" and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to":
            for t in token.nbor(1).subtree:
                found = index.at(t)
                if found and _is_agent(found):
                    return found
        if lemma in REPORT_VERBS and token.pos_ == "VERB":
            subj = subject_token(token)
            if subj is not None:
                found = resolve_reference(subj, index, ("Organization", "Person", "Country"))
                if found and _is_agent(found):
                    return found
    return None
