"""Find the numbers in a sentence that can be claims, and read their value and unit.

Skipped: years, durations ("four consecutive years"), group sizes ("Top 10"),
ordinals of events ("30th anniversary"), identifiers ("Patent No. 10,000,000"),
numbers inside names ("IP5", "4G"). Ranks written in words ("the top filer",
"remained the largest source", "led the way") are numbers too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from spacy.tokens import Span

from kg.extract.numbers import (
    CURRENCY_CODES,
    QUALIFIERS,
    SCALES,
    currency_of,
    parse_ordinal,
    parse_quantity,
    split_qualifier,
)
from kg.extract.sentences import SentenceView
from kg.extract.statistics.vocabulary import NUMBER_LABELS, RANK_HEADS, TIME_UNITS
from kg.extract.syntax import MentionIndex

_RANK_FOLLOWERS = frozenset(
    """place position spot largest biggest most highest among in on globally worldwide overall
    )""".split()
)


_RANK_WORDS = frozenset(
    "rank ranking ranked ranks place placed position top list league index".split()
)


_IDENTIFIED_NOUNS = frozenset(
    "patent case resolution decree law article certificate registration application order".split()
)


_MEMBER_WORDS = frozenset("member contracting party signatory".split())
_FIELD_SIZE_NOUNS = frozenset(
    "economy country nation participant entrant university company".split()
)


def _not_a_year_or_day(text: str) -> bool:
    """A bare number the NER tagged as a date that can be neither a day nor a year
    ("ranked second with 54"): 32 and above, and not 1800-2099."""
    digits = text.replace(",", "")
    return digits.isdigit() and int(digits) >= 32 and not 1800 <= int(digits) <= 2099


_ORDINAL_TOKEN = re.compile(r"^\d{1,3}(?:st|nd|rd|th)$")


_YEAR = re.compile(r"^(?:19|20)\d{2}s?$")
#: Units of physical measures: a QUANTITY with one is no count of things.
_PHYSICAL_UNIT = re.compile(
    r"\b(?:k?m|km2|kg|g|mg|t|tons?|tonnes?|kilo\w*|meters?|metres?|miles?|feet|foot|inch\w*|"
    r"acres?|hectares?|ha|litres?|liters?|gallons?|barrels?|degrees?|square|sq|cubic|pounds?|lbs?|"
    r"ounces?|[kmgt]wh?|watts?|volts?|bytes?|[kmgt]b|nanometers?|nm|mm|cm|°\w?)\b",
    re.IGNORECASE,
)
# digits, optionally signed ("(+0.6%)", "(-0.6%)": changes the NER leaves untagged)
_DIGITS = re.compile(r"^[+\-−]?(?:\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?)$")


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
    marker = list_position(span, index)
    if marker is not None:
        covered.add(marker.tokens.start)
        yield marker
    for ent in sentence.ents:
        if marker is not None and ent.start == marker.tokens.start:
            continue
        if ent.label_ not in NUMBER_LABELS and ent.label_ != "DATE":
            continue
        if ent.label_ == "DATE" and len(ent) > 1 and _ordinals_only(ent):
            # "were fifth and sixth" tagged as one date: each ordinal is a place
            covered.update(range(ent.start, ent.end))
            for token in ent:
                if token.lower_ in _ORDINAL_WORDS or _ORDINAL_TOKEN.match(token.text):
                    number = _read(Span(ent.doc, token.i, token.i + 1, label="ORDINAL"), index)
                    if number is not None:
                        yield number
            continue
        covered.update(range(ent.start, ent.end))
        if ent.label_ == "DATE" and len(ent) == 1 and _ORDINAL_TOKEN.match(ent.text):
            ent = Span(
                ent.doc, ent.start, ent.end, label="ORDINAL"
            )  # "ranked 12th" tagged as a date
        elif ent.label_ == "CARDINAL" and len(ent) == 1 and _ORDINAL_TOKEN.match(ent.text):
            ent = Span(ent.doc, ent.start, ent.end, label="ORDINAL")  # "placed 52nd" as a count
        elif ent.label_ == "DATE" and len(ent) == 1 and _not_a_year_or_day(ent.text):
            ent = Span(ent.doc, ent.start, ent.end, label="CARDINAL")  # "ranked second with 54"
        elif ent.label_ == "QUANTITY" and not _PHYSICAL_UNIT.search(ent.text):
            # "a record 3.46 million (applications)": a count the NER took for a measure; the
            # words before its first digit are read as a qualifier from outside the span
            first = next((t.i for t in ent if t.like_num), ent.start)
            ent = Span(ent.doc, first, ent.end, label="CARDINAL")
        elif ent.label_ == "DATE" or ent.label_ == "QUANTITY":
            continue
        number = _read(ent, index)
        if number is not None:
            yield number
    doc = span.doc
    for token in span:
        if token.i not in covered and (
            _ORDINAL_TOKEN.match(token.text)
            # "and Microsoft third with 712.9 billion dollars": a place the NER left untagged
            or (
                token.lower_ in _ORDINAL_WORDS
                and token.i > span.start
                and index.at(doc[token.i - 1]) is not None
            )
        ):
            number = _read(Span(doc, token.i, token.i + 1, label="ORDINAL"), index)
            if number is not None:
                yield number
            continue
        if token.i in covered or not token.like_num:
            continue
        if token.pos_ != "NUM" and not _DIGITS.match(token.text):
            continue  # "one" as a pronoun; but "181" tagged PROPN at the end of a list line counts
        end = token.i + 1
        while end < span.end and (doc[end].lower_ in SCALES or doc[end].lower_ in {"percent", "%"}):
            end += 1
        number = _read(Span(doc, token.i, end, label="CARDINAL"), index)
        if number is not None:
            yield number
    yield from _rank_words(span)


LIST_POSITION = "list position"


def list_position(span: Span, index: MentionIndex) -> Number | None:
    """The place a numbered list line gives a name: "3. Stanford University - 244" -> rank 3
    of Stanford University (the line must start with the number and the name must follow)."""
    doc = span.doc
    start = span.start
    while start < span.end and doc[start].is_space:
        start += 1
    if start + 2 >= span.end:
        return None
    number, mark = doc[start], doc[start + 1]
    if not (number.like_num and number.text.isdigit() and len(number.text) <= 3):
        return None
    if mark.text not in {".", ")"} or index.at(doc[start + 2]) is None:
        return None
    if number.text == "0":
        return None
    return Number(
        Span(doc, start, start + 1, label="ORDINAL"),
        Decimal(number.text),
        "Rank",
        None,
        pattern=LIST_POSITION,
    )


_IDENTIFIER = re.compile(r"\d+(?:\.(?:HK|SZ|SS|SH|T|KS|KQ|TW|NS|BO|L|PA|DE)|-[A-Z]{2,}-?\d*)")
_IDENTIFIER_AFTER = re.compile(r"\.(?:HK|SZ|SS|SH|T|KS|KQ|TW|NS|BO|L|PA|DE)\b|-[A-Z]{2,}-?\d*")


def _read(ent: Span, index: MentionIndex) -> Number | None:
    doc = ent.doc
    if ent.end < len(doc) and doc[ent.end].lower_ in SCALES and len(doc[ent.end].text) > 2:
        ent = Span(doc, ent.start, ent.end + 1, label=ent.label_)  # "1.03 lakh", "2 crore"
    text = ent.text
    if any(index.at(t) for t in ent):
        return None  # part of a name: "IP5", "Global Innovation Index 2023"
    before = doc[ent.start - 1] if ent.start > 0 else None
    after = doc[ent.end] if ent.end < len(doc) else None
    if before is not None and before.lower_ == "top" and _completes_group(before):
        value = parse_quantity(text)  # "rounded out the top five", "completed the top 10"
        return Number(ent, value, "Rank", None, pattern="rank-completes-top") if value else None
    if before is not None and before.lower_ in {
        "per",  # "per million inhabitants", "per 10,000 people": a rate's denominator
        "top",
        "article",
        "rule",
        "section",
        "chapter",
        "phase",
        "part",
        "grade",
        "level",
        "g",
        "covid",
        "vol",
        "page",
        "code",  # "stock code 1810"
        "resolution",  # "Resolution 2467", "Decree 65": an instrument's number
        "decree",
        "ordinance",
        "regulation",
        "class",  # "class 35 (advertising ...)": a classification's number
        "classes",
        "ep",  # "European patent EP 949": a patent's number
        "series",  # "Apple Watch Series 9", "Ultra 2": a product's model
        "ultra",
        "gen",
        "version",
        "model",
        "mark",
    }:
        return None
    if (
        before is not None
        and before.lower_ == "of"
        and ent.start > 2
        and doc[ent.start - 2].lower_ == "out"
        and doc[ent.start - 3].like_num
    ):
        return None  # "a score of 64.6 out of 100": the scale, not a figure
    if re.fullmatch(r"0\d+", text.strip()):
        return None  # "Jing 0491": a code written with a leading zero
    if (
        before is not None
        and before.text == ":"
        and doc[ent.start - 2].lower_ in {"code", "ticker"}
    ):
        return None  # "(stock code: 1810)"
    if (
        before is not None
        and before.lower_ in {"the", "among"}
        and after is not None
        and after.lower_ in {"largest", "biggest", "leading", "highest", "top", "most"}
    ):
        return None  # "among the 20 largest foreign sources": the size of a group
    if (
        ent.label_ == "ORDINAL"
        and after is not None
        and after.lower_ == "of"
        and ent.end + 1 < len(doc)
        and doc[ent.end + 1].like_num
        and not any(
            t.lemma_.lower() in {"rank", "place", "come", "finish", "stand"}
            for t in doc[max(ent.sent.start, ent.start - 5) : ent.start]
        )
    ):
        return None  # "the first of five treaties Ottawa will join": a sequence, no ranking
    if _IDENTIFIER_AFTER.match(doc.text, ent.end_char) or _IDENTIFIER.fullmatch(text):
        return None  # "(1810.HK)": a ticker; "337-TA-1191": a case number
    if (
        after is not None
        and after.lower_ in {"list", "ranking", "index", "league"}
        and before is not None
        and before.is_alpha
        and before.text[:1].isupper()
        and not before.is_sent_start
    ):
        return None  # "the Fortune Global 500 list": part of the list's name
    if ent.label_ == "CARDINAL" and _YEAR.match(text.strip()):
        return None
    if after is not None and after.lower_ in {"mark", "threshold", "milestone", "barrier"}:
        return None  # "passed the 4-million mark": a threshold crossed, the figure is elsewhere
    last = doc[ent.end - 1]
    if not last.whitespace_ and after is not None and after.is_alpha and len(after.text) <= 3:
        return None  # "4G", "5G", "3D": part of a name
    if (
        ent.label_ == "CARDINAL"
        and not last.whitespace_
        and after is not None
        and after.text in {"-", "‑"}
        and not after.whitespace_
        and ent.end + 1 < len(doc)
        and doc[ent.end + 1].is_lower
        and doc[ent.end + 1].is_alpha
    ):
        return None  # "3-nanometer chips", "a 20-member delegation": a modifier, no claim
    if (
        after is not None
        and after.lemma_.lower() in TIME_UNITS
        and not re.search(r"%|percent|per cent", ent.text, re.I)  # "5.4% year on year"
    ):
        return None  # "five years", "30 months": a duration
    if (
        ent.label_ == "CARDINAL"
        and after is not None
        and after.lemma_.lower() in {"place", "spot", "position", "notch"}
    ):
        return None  # "jumped 18 places to sixth": a move in a ranking, its place is read
    if (
        before is not None
        and (
            before.lower_ == "among"
            # "rose five places to 49th among the 132 economies assessed"
            or (before.lower_ == "the" and ent.start >= 2 and doc[ent.start - 2].lower_ == "among")
            or (
                before.lower_ == "of"
                and (
                    doc[ent.start - 2].lower_ == "out"
                    or doc[ent.start - 2].lower_ in {"first", *_ORDINAL_WORDS}
                    or _ORDINAL_TOKEN.match(doc[ent.start - 2].text)
                )
            )
        )
        and after is not None
        and after.lemma_.lower() in _FIELD_SIZE_NOUNS
        and any(
            t.lower_ in {"ranked", "ranks", "rank", "placed", "came"}
            or _ORDINAL_TOKEN.match(t.text)
            for t in doc[max(0, ent.start - 8) : ent.start]
        )
    ):
        return None  # "39th among 133 economies": the size of the field ranked, no claim
    if after is not None and after.lower_ == "consecutive":
        return None
    if before is not None and (
        before.lower_ == "per"
        or (before.lower_ == "every" and ent.start >= 2 and doc[ent.start - 2].lower_ == "for")
    ):
        return None  # "per 10,000 people", "for every 10,000 residents": the denominator
    qualifier, bare = split_qualifier(text)
    if qualifier is None and before is not None:
        qualifier = _qualifier_before(ent)
    if any(t.text in {"Nos.", "Nos", "nos."} for t in doc[max(0, ent.start - 8) : ent.start]):
        return None  # "U.S. Patent Nos. 7,619,912, 11,093,417 and 10,268,608": identifiers
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
        if ent.root.dep_ == "conj" and (
            head.lower_ in _ORDINAL_WORDS or _ORDINAL_TOKEN.match(head.text)
        ):
            head = head.head  # "were fifth and sixth": the second place hangs on the first
        for _ in range(2):  # "rose to second", "pushing Qualcomm down to third"
            if head.pos_ == "ADP" and head.head.i != head.i:
                head = head.head
        rank_context = (
            head.lemma_.lower() in RANK_HEADS
            or (after is not None and after.lower_ in _RANK_FOLLOWERS)
            or _sentence_ranks(ent.sent)
        )
        if (
            ent.label_ == "ORDINAL"
            and after is not None
            and after.lemma_.lower() in _MEMBER_WORDS
            and (parse_ordinal(bare) or 0) >= 2
        ):
            # "becoming the 108th member of the Madrid System": the system's member count
            count = Decimal(parse_ordinal(bare) or 0)
            return Number(ent, count, "Count", None, pattern="nth-member")
        if ent.label_ == "ORDINAL" and not rank_context:
            return None
        if ent.label_ == "ORDINAL" and _historic_first(ent):
            return (
                None  # "the first WIPO treaty to deal with ...": a first, not a place in a ranking
            )
        rank = parse_ordinal(("no. " if ent.label_ == "CARDINAL" else "") + bare)
        if numbered and rank and rank > 1000:
            return None  # "Min Chu No. 11279": a case's number, no place in a ranking
        return Number(ent, Decimal(rank), "Rank", None, pattern="rank-ordinal") if rank else None
    per_cent_after = re.match(r"(?:per cent|percent)\b", doc[ent.end : ent.end + 2].text, re.I)
    if per_cent_after and ent.label_ == "CARDINAL":
        text = f"{text} per cent"  # "a decline of only about 3 per cent": the NER stops at 3
    if ent.label_ == "PERCENT" or re.search(r"%|percent|per cent|percentage point", text, re.I):
        value = parse_quantity(bare)
        return (
            Number(ent, value, "Percent", qualifier, pattern="percent")
            if value is not None
            else None
        )
    following = doc[ent.end : min(ent.end + 3, len(doc))].text
    if ent.label_ in {"CARDINAL", "MONEY"} and before is not None and before.text in CURRENCY_CODES:
        ent = Span(doc, ent.start, ent.end, label="MONEY")  # "SEK 3.6 billion", "EUR 32,184,000"
        text = f"{before.text} {text}"
    elif ent.label_ in {"CARDINAL", "MONEY"} and re.match(
        r"^(?:U\.S\. |US |Hong Kong |Singapore |Australian |Canadian )?(?:dollars|yuan|euros?|yen|won|"
        r"pounds|rupees|francs|renminbi)\b",
        following,
        re.IGNORECASE,
    ):
        ent = Span(doc, ent.start, ent.end, label="MONEY")  # "98.3 billion U.S. dollars"
        text = f"{text} {following}"
    if ent.label_ == "MONEY" and currency_of(text) is None:
        # "Nike (53.7 billion)" among dollar figures is money; "2 billion smartphones" is not
        sentence_currency = currency_of(ent.sent.text)
        if sentence_currency is not None:
            text = f"{text} {sentence_currency}"
        else:
            ent = Span(doc, ent.start, ent.end, label="CARDINAL")
    if ent.label_ == "MONEY":
        paren = (
            ent.start - 1
            if before is not None and before.text == "("
            else ent.start - 2
            if ent.start >= 2
            and doc[ent.start - 2].text == "("
            and before is not None
            and before.lower_ in {"about", "around", "approximately", "roughly", "some", "or"}
            else None
        )
        if paren is not None and paren > 0 and index.at(doc[paren - 1]) is None:
            # "800 billion yuan (about 112 billion U.S. dollars)": a conversion; but
            # "Amazon (276.9 billion dollars)" is Amazon's figure
            return None
        value = parse_quantity(bare)
        return (
            Number(ent, value, "Money", qualifier, currency_of(text), "money")
            if value is not None
            else None
        )
    value = parse_quantity(bare)
    if value is None:
        return None
    if (
        value <= 12
        and bare.strip().isalpha()
        and qualifier is None
        and not _counted_words(ent, index)
    ):
        return None  # "the two offices", "all three filing systems": a description, not a claim
    return Number(ent, value, "Count", qualifier, pattern="count")


_DETERMINERS = frozenset("the all both these those its their his her our every each".split())


def _counted_words(ent: Span, index: MentionIndex) -> bool:
    """A small number in words that is a count: "Germany had seven entries", gapped "France
    six" after a name; not "the two offices" or "Three organizations returned"."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and index.at(before) is not None:
        return True  # "France six, Switzerland four"
    if (
        before is not None
        and before.lower_ == "with"
        and ent.start >= 2
        and index.at(doc[ent.start - 2]) is not None
    ):
        return True  # "followed by China with 18, South Korea with six"
    if before is not None and before.lower_ in _DETERMINERS:
        return False
    after = doc[ent.end : ent.end + 4]
    if len(after) == 4 and [t.lower_ for t in after[:3]] == ["of", "the", "top"]:
        return after[3].like_num  # "Chinese institutions took four of the top 10 places"
    noun = ent.root.head
    return (
        noun.pos_ == "NOUN"
        and noun.dep_ == "dobj"
        and noun.head.lemma_
        in {"have", "hold", "win", "place", "contribute", "file", "receive", "obtain"}
    )


def _completes_group(top) -> bool:
    """Whether "the top N" is completed by the sentence's subject ("Huawei rounded out the
    top five", "Tencent completed the top 10"): its last place is then N."""
    head = top.head
    for _ in range(3):
        lemma = head.lemma_.lower()
        if lemma in {"round", "complete", "close"}:
            # "The US, Korea and Germany completed the top five": several places, not one
            subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
            return not any(any(g.dep_ == "conj" for g in c.children) for c in subjects)
        if head.head.i == head.i:
            return False
        head = head.head
    return False


def _historic_first(ent: Span) -> bool:
    """ "the first treaty to ...", "It is the first WIPO treaty to deal with ...", "the second
    time": an ordinal naming an occasion, not a place in a ranking."""
    head = ent.root.head
    if head.pos_ != "NOUN":
        return False
    if any(child.dep_ in {"relcl", "acl", "xcomp"} for child in head.children):
        return True
    # "... the first N to <verb>": the infinitive may hang from the copula instead
    following = ent.doc[head.i + 1 : head.i + 3]
    return any(
        t.lower_ == "to" and t.i + 1 < len(ent.doc) and ent.doc[t.i + 1].pos_ == "VERB"
        for t in following
    )


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
    assignee innovator destination field economy company office user market contributor
    number""".split()
)


_SUPERLATIVES = frozenset("largest biggest busiest highest most leading top greatest".split())


_LEAD_OBJECTS = frozenset("way list ranking ranks table field pack rankings chart league".split())


_HYPHENS = frozenset({"-", "–"})


def _ordinals_only(ent: Span) -> bool:
    """ "fifth and sixth", "4th, 5th and 6th": ordinals joined by commas and "and"."""
    return all(
        t.lower_ in _ORDINAL_WORDS or _ORDINAL_TOKEN.match(t.text) or t.lower_ in {"and", ","}
        for t in ent
    )


_ORDINAL_WORDS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10,
}  # fmt: skip


def _ordinal_before(token, span: Span) -> int | None:
    """The place an ordinal before a superlative gives: "fifth-largest" -> 5; 0 when the
    ordinal stands apart ("the second largest", read as an ordinal elsewhere); None if none."""
    doc = token.doc
    i = token.i - 1
    hyphen = i >= span.start and doc[i].text in _HYPHENS
    if hyphen:
        i -= 1
    if i < span.start:
        return None
    word = doc[i].lower_
    value = _ORDINAL_WORDS.get(word)
    if value is None and _ORDINAL_TOKEN.match(word):
        value = int(re.sub(r"\D", "", word))
    if value is None:
        return None
    return value if hyphen else 0


def _top_of_ranking(token) -> bool:
    """ "returned to the top of the EPO's applicant ranking", "at the top of the list"."""
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if nxt is None or nxt.lower_ != "of":
        return False
    window = doc[token.i + 2 : min(len(doc), token.i + 8)]
    return any(
        (t.lemma_.lower() in _LEAD_OBJECTS or t.lower_ in _LEAD_OBJECTS) and t.lower_ != "way"
        for t in window
    )


_RANK_TRIGGERS = _SUPERLATIVES | {"top", "than", "lead", "head"}


def _rank_words(span: Span) -> Iterator[Number]:
    """Ranks written without a number: "the top filer", "rank top", "topped the list",
    "remained the largest source", "filed the most applications", "led the way"."""
    doc = span.doc
    for token in span:
        lower, lemma = token.lower_, token.lemma_.lower()
        if lower not in _RANK_TRIGGERS and lemma not in _RANK_TRIGGERS:
            continue  # most tokens: decided before building neighbours (this runs on every token)
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
            ordinal = _ordinal_before(token, span)
            if ordinal == 0:
                continue  # "the second largest": an ordinal rank, read elsewhere
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
            # "filed the most applications": "the most" as the determiner of what was counted
            most_of = (
                lower == "most"
                and head.pos_ == "NOUN"
                and head.dep_ == "dobj"
                and token.i > span.start
                and doc[token.i - 1].lower_ == "the"
            )
            if lower == "most" and (token.i == span.start or doc[token.i - 1].lower_ != "the"):
                continue  # "most European markets": a quantity, not first place
            if noun is not None and any(
                c.dep_ == "poss" and c.lower_ not in {"world", "globe", "planet"}
                for c in noun.children
            ):
                continue  # "Latin America's largest economy": a description, not a ranking
            if ordinal and (copular or ranked_noun):
                # "the fifth-largest country of origin", "the fourth-largest number of filings"
                start = token.i - (2 if doc[token.i - 1].text in _HYPHENS else 1)
                words = Span(doc, start, token.i + 1)
                yield Number(words, Decimal(ordinal), "Rank", None, pattern=f"rank-nth-{lower}")
            elif (lower == "top" and copular) or ranked_noun or most_of:
                yield Number(one, Decimal(1), "Rank", None, pattern=f"rank-{lower}")
            elif lower == "top" and _top_of_ranking(token):
                yield Number(one, Decimal(1), "Rank", None, pattern="rank-top-of")
        elif lemma == "top" and token.pos_ == "VERB":
            yield Number(one, Decimal(1), "Rank", None, pattern="rank-topped")
        elif (
            lower == "than"
            and token.i + 2 < span.end
            and doc[token.i + 1].lower_ == "any"
            and doc[token.i + 2].lower_ == "other"
            and any(t.lower_ in {"more", "most"} for t in doc[span.start : token.i])
        ):
            # "received more U.S. patents than any other company": first place
            yield Number(
                Span(doc, token.i, token.i + 3), Decimal(1), "Rank", None, pattern="rank-than-any"
            )
        elif lower == "top" and token.pos_ == "NOUN" and _top_of_ranking(token):
            yield Number(one, Decimal(1), "Rank", None, pattern="rank-top-of")
        elif (
            lemma in {"lead", "head"}
            and token.pos_ == "VERB"
            and any(c.dep_ == "dobj" and c.lemma_.lower() in _LEAD_OBJECTS for c in token.children)
        ):
            yield Number(one, Decimal(1), "Rank", None, pattern="rank-led")
