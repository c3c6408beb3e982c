"""Who a number is about: the entity it is written against, a possessor, the clause's
subject (pronouns and "the Office" resolved), a demonym on the counted noun, the place
"in X" — in that order of evidence."""

from __future__ import annotations

import re

from spacy.tokens import Token

from kg.extract.mentions import Mention
from kg.extract.numbers import parse_ordinal
from kg.extract.statistics.context import Context
from kg.extract.statistics.numbers_found import LIST_POSITION, Number
from kg.extract.statistics.vocabulary import (
    CHANGE_VERBS,
    DECREASE,
    INCREASE,
    REPORT_VERBS,
    SUBJECT_CLASSES,
)
from kg.extract.syntax import MentionIndex, governing_verb, resolve_reference, subject_token
from kg.records import Statistic, is_subclass


def find_subject(
    number: Number, noun: Token | None, ctx: Context, earlier: list[Statistic]
) -> Mention | None:
    found = _find_subject(number, noun, ctx, earlier)
    if found is not None and found.cls in {"City", "Region", "Country"}:
        described = _described_by_place(found, ctx.index)
        if described is not None:
            return described  # "The North Chicago, Illinois-based company's revenues": AbbVie
    return found


def _described_by_place(place: Mention, index: MentionIndex) -> Mention | None:
    """The entity a "<place>-based <noun>" description stands for, when ``place`` is in one."""
    doc = place.span.doc
    for token in doc[place.span.end : min(len(doc), place.span.end + 6)]:
        if token.lower_ in {"based", "headquartered"} and token.dep_ == "amod":
            found = resolve_reference(token.head, index, SUBJECT_CLASSES)
            return found if found is not None and found is not place else None
        if token.is_sent_start or token.lower_ in {"and", "or"}:
            return None
    return None


def _find_subject(
    number: Number, noun: Token | None, ctx: Context, earlier: list[Statistic]
) -> Mention | None:
    index = ctx.index
    if number.pattern == LIST_POSITION:  # "3. Stanford University - 244"
        return index.at(number.tokens.doc[number.tokens.end + 1])
    adjacent = _adjacent_mention(number, index) or _described_mention(number, index)
    if adjacent is not None:
        return adjacent
    if _PART_OF_THESE.match(ctx.sentence.text) and ctx.previous:
        # "Of these, 299,000 were high-value invention patents": a part of the figure before
        continued = mention_for_key(ctx.previous[-1].subject, ctx)
        if continued is not None and continued.cls not in {"Person", "Event"}:
            return continued
    verb = governing_verb(number.tokens.root)
    said_of = subject_token(verb) if verb is not None else None
    if said_of is not None and _global_phrase(said_of) and ctx.reporter is not None:
        # "Global growth in R&D spending fell to 2.9 percent, the report said": the world's
        # figure, which the report states, not the last country's
        return ctx.reporter
    if (
        said_of is not None
        and said_of.lemma_.lower() in _TOTAL_NOUNS
        and index.at(said_of) is None
        and not any(c.dep_ in {"poss", "compound", "prep"} for c in said_of.children)
        and said_of.left_edge.i == ctx.sentence.span.start  # "The total was ..." opens it
        and said_of.left_edge.lower_ in {"the", "this", "that"}
    ):
        # "Canon was granted 2,890 patents. The total was 7.3% higher than ...": the total
        # is the previous figure's, whoever else the sentence names
        continued = _continued_subject(ctx)
        if continued is not None:
            return continued
    if number.unit == "Percent" and is_change(number):
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
        if owner is not None and (is_subject_like(owner) or owner.cls == "TechnologyField"):
            return owner
        if subj_tok is not None and _global_phrase(subj_tok):
            # "Global growth in R&D spending fell to 2.9 percent": the world's figure, which
            # the report states, not the last country's
            return ctx.reporter if ctx.reporter is not None else None
        if earlier:
            return mention_for_key(earlier[-1].subject, ctx) or None
    if noun is not None:  # "Huawei's patents", "the country's applications"
        for child in noun.children:
            if child.dep_ == "poss":
                found = resolve_reference(child, index, SUBJECT_CLASSES)
                if found and is_subject_like(found):
                    return found
    if noun is not None:  # "the 2,694 U.S. patents the Tokyo-based company received"
        for clause in (c for c in noun.children if c.dep_ == "relcl"):
            subj = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            relative = any(
                t.lower_ in {"which", "that", "who", "whom", "whose", "where", "when"}
                for t in clause.subtree
                if subj is not None and t.i < subj.i
            )
            # a bare relative only: "the patents the company received" (not "states, after
            # which the office handles ...")
            if subj is not None and not relative and subj.lower_ not in {"which", "that", "who"}:
                found = resolve_reference(subj, index, SUBJECT_CLASSES)
                if found and is_subject_like(found):
                    return found
    clause_subject = _clause_subject(number, ctx)
    if clause_subject is not None and clause_subject.cls != "TechnologyField":
        return clause_subject  # "The Office received 160,000 EU trade mark applications"
    if noun is not None:  # "Chinese applicants filed ...", "applications from Japanese firms"
        for child in noun.children:
            if child.dep_ in {"compound", "amod", "nmod"}:
                found = resolve_reference(child, index, SUBJECT_CLASSES)
                if found and is_subject_like(found):
                    return found
        inside = [m for m in index.in_subtree(noun, SUBJECT_CLASSES) if is_subject_like(m)]
        if inside:
            return inside[0]
    if clause_subject is not None:
        return clause_subject  # "Digital communication remained the busiest field with ..."
    # "in China", "for overseas applicants in China"
    for mention in ctx.sentence.mentions:
        tok = mention.span.root
        if (
            tok.head.lower_ in {"in", "from", "by"}
            and mention.cls in {"Country", "Region", "City"}
            # "A federal jury in Los Angeles ordered ...": where the court sits
            and tok.head.head.lemma_.lower() not in _SEAT_HOLDERS
            and not _in_adverbial_clause_without(tok, number)
            and not _in_reporting_clause(tok, number)
        ):
            return mention
    sources = _source_phrase_tokens(ctx)
    agents = [
        m
        for m in ctx.sentence.mentions
        if is_subject_like(m)
        and m.cls != "Person"
        and m.span.root.i not in sources
        # "the UN agency": the agency the noun refers to, not the UN that qualifies it
        and not (m.span.root.dep_ == "compound" and index.at(m.span.root.head) is not None)
        and not _in_adverbial_clause_without(m.span.root, number)
        and not _court_seat(m)
    ]
    if agents:
        return agents[0]
    if _WORLDWIDE.search(ctx.sentence.span.text):
        # "Worldwide, about 193,000 green and low-carbon patent applications were published":
        # a world total is the field's, not the country named before
        fields = [m for m in ctx.sentence.mentions if m.cls == "TechnologyField"]
        if fields:
            return fields[0]
    continued = _continued_subject(ctx)
    if continued is not None:
        # "Overall, the USPTO granted 324,043 patents. Applications reached a record 430,625":
        # an ownerless figure right after another continues its subject
        return continued
    if ctx.reporter is not None and ctx.reporter.cls == "Index":
        return None  # figures of a report with no owner named: the article's topic
    if ctx.reporter is not None and not is_subclass(ctx.reporter.cls or "", "GovernmentAgency"):
        # "Resident filings grew 6.8%" in a WIPO report: WIPO's figure (a national agency's
        # unowned figures are its country's, which the text names before)
        return ctx.reporter
    if ctx.reporter is not None and ctx.reporter.cls == "IPOffice":
        return ctx.reporter  # "Applications for designs totalled 31,711, the report showed"
    return index.salient_before(ctx.sentence.start, ("Country", "Organization", "Region"))


_GLOBAL_WORDS = frozenset({"global", "world", "worldwide"})


def _global_phrase(token: Token) -> bool:
    """ "Global growth in R&D spending", "world patent filings": a worldwide quantity (not "the
    world's largest chipmaker", not the "World Intellectual Property Organization")."""
    return token.pos_ in {"NOUN"} and any(
        t.lower_ in _GLOBAL_WORDS and t.dep_ in {"amod", "compound"} and t.pos_ != "PROPN"
        for t in token.children
    )


def _in_adverbial_clause_without(token: Token, number: Number) -> bool:
    """ "Speaking at a press conference in Beijing, X said authorities investigated 44,000
    cases": the place is where the speaking happened, in a clause the figure is not in."""
    figure = number.tokens.root.i
    current = token
    for _ in range(12):
        if current.head.i == current.i:
            return False
        if current.dep_ == "advcl":
            return not any(t.i == figure for t in current.subtree)
        current = current.head
    return False


def _in_reporting_clause(token: Token, number: Number) -> bool:
    """ "70% of them came from Russian companies, X told a press conference in Moscow": the
    place is where the telling happened, in the reporting clause the figure's clause hangs on."""
    verb = governing_verb(token)
    if verb is None or verb.lemma_.lower() not in REPORT_VERBS:
        return False
    figure_verb = governing_verb(number.tokens.root)
    return figure_verb is not None and figure_verb.i != verb.i


_OF_THESE = re.compile(r"(?:Of|Among) (?:these|them|those)\b|(?:They|These) ")
_PART_OF_THESE = re.compile(r"(?:Of|Among) (?:these|them|those)\b")
_SEAT_HOLDERS = frozenset("jury court judge tribunal panel".split())


def _court_seat(mention: Mention) -> bool:
    """ "A federal jury in Los Angeles": the place a court sits in."""
    root = mention.span.root
    return (
        mention.cls in {"City", "Region", "Country"}
        and root.head.lower_ in {"in", "at"}
        and root.head.head.lemma_.lower() in _SEAT_HOLDERS
    )


_TOTAL_NOUNS = frozenset("total figure tally count sum number".split())
_WORLDWIDE = re.compile(r"\b(?:worldwide|globally|around the world|across the world)\b", re.I)


def _continued_subject(ctx: Context) -> Mention | None:
    """The subject of the figures of the sentence just before (none when a sentence without
    figures came between, or when they were a person's)."""
    if not ctx.previous:
        return None
    last = ctx.previous[-1]
    gap = ctx.sentence.evidence.start - last.evidence.end
    if last.evidence.start == ctx.sentence.evidence.start or not 0 <= gap <= 3:
        return None
    mention = mention_for_key(last.subject, ctx)
    if mention is None or mention.cls in {"Person", "TechnologyField", "Event"}:
        return None
    if mention.cls == "Index" and not _OF_THESE.match(ctx.sentence.text):
        return None  # a report's figures go on only in "Of these, 229 ...", "They employed ..."
    if ctx.reporter is not None and mention.cls in {"Country", "Region", "City"}:
        return None  # "Applicants from India filed ... Resident filings grew": the report's total
    return mention


def _source_phrase_tokens(ctx: Context) -> set[int]:
    """Tokens of "according to ..." phrases: the names there say who reports, not about whom."""
    tokens: set[int] = set()
    for token in ctx.sentence.span:
        if token.lower_ == "according" and token.i + 1 < len(token.doc):
            tokens.update(t.i for t in token.nbor(1).subtree)
    return tokens


def _clause_subject(number: Number, ctx: Context) -> Mention | None:
    """The subject of the clause a number is in, climbing through reported speech ("Wang said
    China has filed ..."); a technology field counts only when it is the subject itself."""
    index = ctx.index
    verb = governing_verb(number.tokens.root)
    while verb is not None:
        demonstrative = subject_token(verb)
        if (
            demonstrative is not None
            and demonstrative.lower_ in {"that", "this"}
            and demonstrative.dep_ in {"nsubj", "nsubjpass"}
            and ctx.previous
        ):
            # "That corresponds to 1,085 applications per million inhabitants": the figure
            # before it is restated, about the same subject
            return mention_for_key(ctx.previous[-1].subject, ctx)
        if verb.lemma_.lower() in REPORT_VERBS:
            # "Huawei was the top filer, with 6,494 applications, WIPO said": the parser hangs
            # the number on "said"; the claim is about the reported clause's subject
            reported = _reported_subject(verb, index)
            if reported is not None:
                return reported
        subj_tok = subject_token(verb)
        if subj_tok is not None:
            found = resolve_reference(subj_tok, index, SUBJECT_CLASSES)
            if (
                found is not None
                and found.cls == "TechnologyField"
                and index.at(subj_tok) is not found
            ):
                found = None  # a field inside the subject phrase qualifies; it is not the subject
            if found and not (
                found.cls in {"Person", "Index"} and verb.lemma_.lower() in REPORT_VERBS
            ):
                return found  # ("the report showed": the figures are not the report's own)
            counted = subj_tok.i == number.tokens.root.head.i or subj_tok in number.tokens
            reported = verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORT_VERBS
            # "the Office reported that applications reached 49,832": no owner in the
            # reported clause, so the figure is the reporter's
            if found is None and not (counted and verb.dep_ == "pcomp") and not reported:
                return None
        if verb.dep_ in {"ccomp", "advcl", "xcomp", "conj", "pcomp"} and verb.head.i != verb.i:
            # "..., with 285 patents issued that year": the figure of the clause it hangs on
            verb = governing_verb(verb.head)
        else:
            return None
    return None


def _reported_subject(verb: Token, index: MentionIndex) -> Mention | None:
    """The subject of the clause a reporting verb reports (its ``ccomp``), resolved."""
    for child in verb.children:
        if child.dep_ != "ccomp":
            continue
        subj_tok = subject_token(child)
        if subj_tok is None:
            continue
        found = resolve_reference(subj_tok, index, SUBJECT_CLASSES)
        if found is not None and is_subject_like(found) and found.cls != "Person":
            return found
    return None


def _adjacent_mention(number: Number, index: MentionIndex) -> Mention | None:
    """The entity a number is written against: "Germany (6,613)", "the United States with
    55,678", "Finland (6th)", "Singapore fifth", "Indonesia, at 61st"."""
    doc = number.tokens.doc
    for written_against in (
        _parenthesised_after_mention,  # "Japan (48,879)"
        _listed_figure_then_place,  # ": about 107,900 in Jiangsu, 65,000 in Zhejiang"
        _figure_for_owner,  # "23.4% for Europe"
        _group_before_figure,  # "German firms with 14,663"
    ):
        found = written_against(number, index)
        if found is not None:
            return found
    i = number.tokens.start - 1
    skipped = 0
    between_words = {"(", "with", ",", "at", "in", "the", "-", "—"}
    if number.unit == "Rank":
        between_words |= {"to", "down", "up"}  # "pushing Qualcomm down to third"
    while (
        i >= 0
        and skipped < 3
        and (
            doc[i].lower_ in between_words
            # "the Japan Patent Office (JPO) with 300,133": past the acronym's bracket
            or (doc[i].text == ")" and doc[i + 1].lower_ == "with")
            # "Microsoft third with 712.9 billion dollars": a place between the name and its figure
            or (_is_ordinal(doc[i]) and skipped > 0 and doc[i + 1].lower_ == "with")
        )
    ):
        i -= 1
        skipped += 1
    if i < 0 or i < number.tokens.sent.start:
        return None
    mention = index.at(doc[i])
    if mention is None or not (is_subject_like(mention) or mention.cls == "TechnologyField"):
        return None
    mention = _city_of_region(mention, index) or mention
    between = {t.lower_ for t in doc[i + 1 : number.tokens.start]}
    if not between and number.unit != "Rank" and not number.tokens.text.isalpha():
        # "China 5G" is no claim about China; but in an enumeration each name is written
        # against its figure: "Guangdong 687,000, Beijing 213,587 and Zhejiang 193,348"
        first = mention.span.start
        end = number.tokens.end
        listed = first > 0 and doc[first - 1].lower_ in {",", "and", ":", ";", "by"}
        closed = end >= len(doc) or doc[end].lower_ in {",", "and", ".", ";"}
        if not (listed and closed and mention.cls in {"Country", "Region", "City", "Company"}):
            return None
    return mention


def _city_of_region(place: Mention, index: MentionIndex) -> Mention | None:
    """ "Meycauayan, Bulacan, with 292": the region set off after a city says where the city
    is; the figure is the city's."""
    root = place.span.root
    if place.cls not in {"Region", "Country"} or root.dep_ != "appos":
        return None
    city = index.at(root.head)
    return city if city is not None and city.cls == "City" else None


_GROUP_NOUNS = frozenset(
    "applicants firms companies filers universities inventors residents businesses".split()
)


def _group_before_figure(number: Number, index: MentionIndex) -> Mention | None:
    """ "..., and Japanese applicants 7,298", "ahead of ... German firms with 14,663": a
    figure written against a group its demonym or country names."""
    doc = number.tokens.doc
    i = number.tokens.start - 1
    if i >= 0 and doc[i].lower_ in {"with", "at"}:
        i -= 1
    if i < 1 or doc[i].lower_ not in _GROUP_NOUNS or i < number.tokens.sent.start:
        return None
    owner = index.at(doc[i - 1])
    if owner is None or owner.cls not in {"Country", "Region"}:
        return None
    return owner


def _figure_for_owner(number: Number, index: MentionIndex) -> Mention | None:
    """ "53.7%, compared with 23.4% for Europe and 21.4% for North America": a figure written
    "for" a name right after it is that name's."""
    doc = number.tokens.doc
    end = number.tokens.end
    if number.unit == "Rank" or end + 1 >= len(doc) or doc[end].lower_ != "for":
        return None
    after = doc[end + 2] if doc[end + 1].lower_ == "the" and end + 2 < len(doc) else doc[end + 1]
    mention = index.at(after)
    if mention is None or not is_subject_like(mention):
        return None
    return mention


_LIST_MARKS = frozenset({":", ",", ";", "and"})
_QUALIFYING = frozenset("about around nearly almost some roughly over more than another".split())


def _listed_figure_then_place(number: Number, index: MentionIndex) -> Mention | None:
    """ "247,700 patents: about 107,900 in Jiangsu, 65,000 in Zhejiang and 30,500 in Anhui":
    in a list of figures each followed by where, the place after a figure is its owner."""
    doc = number.tokens.doc
    end = number.tokens.end
    if number.unit == "Rank" or end + 1 >= len(doc) or doc[end].lower_ not in {"in", "from"}:
        return None
    after = doc[end + 2] if doc[end + 1].lower_ == "the" and end + 2 < len(doc) else doc[end + 1]
    mention = index.at(after)
    if mention is None or mention.cls not in {"Country", "Region", "City"}:
        return None
    i = number.tokens.start - 1
    while i > number.tokens.sent.start and doc[i].lower_ in _QUALIFYING:
        i -= 1
    # an enumeration after a colon ("China filed 5,000 in Europe and 3,000 in Japan" says
    # where China filed, not who)
    opened = any(t.text == ":" for t in doc[number.tokens.sent.start : number.tokens.start])
    return mention if opened and doc[i].lower_ in _LIST_MARKS else None


def _is_ordinal(token: Token) -> bool:
    return token.ent_type_ == "ORDINAL" or parse_ordinal(token.text) is not None


def _parenthesised_after_mention(number: Number, index: MentionIndex) -> Mention | None:
    """ "Amazon (276.9 billion dollars, up 1%)", "Japan (48,879, -0.6%)": every number in a
    parenthesis that follows a name is about that name."""
    doc = number.tokens.doc
    sent_start = number.tokens.sent.start
    i = number.tokens.start - 1
    while i >= sent_start and number.tokens.start - i <= 10:
        text = doc[i].text
        if text in {")", ";"}:
            return None
        if text == "(":
            if i - 1 < sent_start:
                return None
            mention = index.at(doc[i - 1])
            if mention is not None and (
                is_subject_like(mention) or mention.cls == "TechnologyField"
            ):
                return _owner_of_place(mention, index) or mention
            return None
        i -= 1
    return None


def _owner_of_place(place: Mention, index: MentionIndex) -> Mention | None:
    """ "Mitsubishi Electric of Japan (2,320)": the place qualifies the firm before it."""
    root = place.span.root
    if place.cls not in {"Country", "Region", "City"} or root.dep_ != "pobj":
        return None
    prep = root.head
    if prep.lower_ != "of":
        return None
    owner = index.at(prep.head)
    if owner is not None and owner.cls and is_subclass(owner.cls, "Organization"):
        return owner
    return None


def _described_mention(number: Number, index: MentionIndex) -> Mention | None:
    """ "Shenzhen University, the leading Chinese university with 252", "Sweden, which
    recorded 495": a number inside an apposition or relative clause of a name is its figure."""
    token = number.tokens.root
    for _ in range(8):
        if token.head.i == token.i:
            return None
        if token.dep_ == "appos" or token.dep_ == "relcl":
            owner = index.at(token.head)
            if owner is not None and is_subject_like(owner):
                return owner
            return None
        if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"relcl", "acl"}:
            return None
        token = token.head
    return None


def is_agent(mention: Mention) -> bool:
    """Who can announce: a person, an organisation or a country (not a place or a field)."""
    return bool(mention.cls) and (is_subclass(mention.cls, "Agent") or mention.cls == "Country")


def is_subject_like(mention: Mention) -> bool:
    return bool(mention.cls) and any(is_subclass(mention.cls, c) for c in SUBJECT_CLASSES)


def mention_for_key(key: str, ctx: Context) -> Mention | None:
    for mention in ctx.sentence.mentions:
        if mention.key == key:
            return mention
    return next((m for m in ctx.index.mentions if m.key == key), None)


_LEVEL_SKIP = frozenset(
    "about around nearly almost some roughly just over more less than under a an".split()
)


def _level_after_change(number: Number) -> bool:
    """A percentage a change verb went to or from ("fell to 2.9 percent from 4.4 percent"):
    the level before or after the change."""
    doc = number.tokens.doc
    i = number.tokens.start - 1
    while i >= 0 and doc[i].lower_ in _LEVEL_SKIP:
        i -= 1
    if i < 1 or doc[i].lower_ not in {"to", "from"} or doc[i - 1].lower_ == "up":
        return False
    verb = governing_verb(doc[i])
    return verb is not None and (
        verb.lemma_.lower() in INCREASE
        or verb.lemma_.lower() in DECREASE
        or verb.lower_ in INCREASE
    )


def is_change(number: Number) -> bool:
    return change_direction(number) is not None


def change_direction(number: Number) -> str | None:
    doc = number.tokens.doc
    text = number.tokens.text
    if text.startswith("+"):
        return "increase"
    if text.startswith("-") or text.startswith("−"):
        return "decrease"
    if _level_after_change(number):
        return None  # "fell to 2.9 percent ... from 4.4 percent": the levels, not the change
    verb = governing_verb(number.tokens.root)
    head = number.tokens.root.head
    if verb is not None and head.lower_ == "by" and head.head.i == verb.i:
        # "cut the stock of pending patent applications by more than 90%": the verb the
        # change is "by", however far before it
        lemma = verb.lemma_.lower()
        if lemma in INCREASE:
            return "increase"
        if lemma in DECREASE:
            return "decrease"
    window = doc[max(0, number.tokens.start - 5) : min(len(doc), number.tokens.end + 3)]
    for token in window:
        lemma = token.lemma_.lower()
        if lemma in INCREASE or token.lower_ in INCREASE:
            return "increase"
        if lemma in DECREASE or token.lower_ in DECREASE:
            return "decrease"
    return None
