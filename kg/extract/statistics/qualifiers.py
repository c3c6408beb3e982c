"""A statistic's technology field, date and announcing agent."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from kg.extract.dates import resolve_date
from kg.extract.mentions import Mention
from kg.extract.sentences import SentenceView
from kg.extract.statistics.numbers_found import Number
from kg.extract.statistics.subject import is_agent
from kg.extract.statistics.vocabulary import REPORT_VERBS
from kg.extract.syntax import MentionIndex, governing_verb, resolve_reference, subject_token

_UNTIL = frozenset({"to", "until", "through", "till", "and"})
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


_REPORT_NOUNS = frozenset("report survey study review ranking index yearbook".split())
_COMPARISON_DATE = re.compile(r"\ba year (earlier|ago|before)\b|\bthe previous year\b", re.I)


def present_tense_year(number: Number, article_date: str | None) -> str | None:
    """The article's year for a figure stated in the present tense with no date of its own:
    "ARIPO has 21 member states" is true as of publication."""
    verb = governing_verb(number.tokens.root)
    if article_date is None or verb is None:
        return None
    tags = {verb.tag_, *(c.tag_ for c in verb.children if c.dep_ in {"aux", "auxpass"})}
    if tags & {"VBD", "VBN"} and not tags & {"VBZ", "VBP"}:
        return None  # past tense: the text does not say when
    return article_date[:4] if tags & {"VBZ", "VBP"} else None


def _dates_something_else(ent: Span, number: Number) -> bool:
    """Whether a date belongs to another phrase than the figure: "last year's leader" (a
    possessive), "12,505, up from 12,078 in 2022" (a nearer figure), "Since it was set up in
    1996, ..." (a clause the figure is not in)."""
    doc = ent.doc
    figure = number.tokens
    possessive = ent[-1].text in {"'s", "’s"} or (
        ent.end < len(doc) and doc[ent.end].text in {"'s", "’s"}
    )
    if possessive and not ent.end < figure.start <= ent.end + 3:
        return True
    if figure.end <= ent.start and any(
        t.like_num and t.ent_type_ != "DATE"
        for t in doc[max(figure.end, ent.start - 2) : ent.start]
    ):
        return True  # the date just after another figure is that figure's
    if figure.end <= ent.start and any(
        t.lower_ in _BASELINE_WORDS or t.lower_ == "times" for t in doc[figure.end : ent.start]
    ):
        return True  # "141, almost three times its total for 2018": the baseline's date
    for verb in ent.root.ancestors:
        if any(c.dep_ == "mark" and c.lower_ in {"since", "when"} for c in verb.children):
            return figure.root not in verb.subtree
    # "Last month, CNIPA said it had rejected 482,000 ... in 2021": the date of the saying
    head = ent.root.head
    return (
        ent.root.dep_ in {"npadvmod", "tmod", "prep", "pobj"}
        and head.lemma_.lower() in _SAYING
        and any(c.dep_ == "ccomp" and figure.root in c.subtree for c in head.children)
    )


_SAYING = frozenset("say announce report state tell disclose reveal add note".split())


def _when_clause_date(
    number: Number, dates: list, article_date: str | None, discourse_year: str | None
) -> tuple[str, str] | None:
    """ "an increase of 27.4% on 2019, when 107,526 were filed", "since 2015, when
    applications stood at 58,627": a figure in a when-clause is dated by the date it hangs on."""
    start = number.tokens.start
    for ent in dates:
        doc = ent.doc
        if not (
            ent.end + 2 <= start and doc[ent.end].text == "," and doc[ent.end + 1].lower_ == "when"
        ):
            continue
        between = doc[ent.end + 2 : start]
        if any(t.text in {",", ";", "."} or t.ent_type_ == "DATE" or t.like_num for t in between):
            continue
        phrase = re.sub(r"^(?:since|on|in|from|than|of)\s+", "", ent.text, flags=re.I)
        resolved = resolve_date(phrase, article_date, discourse_year)
        if resolved is not None:
            return resolved, phrase
    return None


def _period_start(
    number: Number, dates: list, article_date: str | None, discourse_year: str | None
) -> tuple[str, str] | None:
    """ "between 2016 ... and 2023, rising from 3,266 to 7,084": the figure a change starts
    "from" is dated by the period's start."""
    doc = number.tokens.doc
    begin, end = number.tokens.start, number.tokens.end
    if begin == 0 or doc[begin - 1].lower_ != "from" or end + 1 >= len(doc):
        return None
    if doc[end].lower_ != "to" or not doc[end + 1].like_num:
        return None
    del dates  # the NER often leaves "between 2016" untagged: read the words
    for token in number.tokens.sent:
        if token.i >= begin or token.lower_ not in {"between", "from", "since"}:
            continue
        year = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if year is not None and re.fullmatch(r"(?:19|20)\d{2}", year.text):
            resolved = resolve_date(year.text, article_date, discourse_year)
            if resolved is not None:
                return resolved, year.text
    return None


def _baseline_date(
    number: Number, dates: list, article_date: str | None, discourse_year: str | None
) -> tuple[str, str] | None:
    """ "the 199,452 received a year earlier", "up 3 percent from 418,111 a year earlier": the
    figure a comparison date follows is the year before the one the sentence is about."""
    doc = number.tokens.doc
    if number.unit not in {"Count", "Money"}:
        return None  # "up 15.4% from a year earlier": the change is this year's
    after = next(
        (
            e
            for e in dates
            if number.tokens.end <= e.start <= number.tokens.end + 3
            and _COMPARISON_DATE.search(e.text)
            and not any(
                t.like_num or t.lower_ in {"from", "over", "on", "than", "compared", "versus"}
                for t in doc[number.tokens.end : e.start + 1]
            )
        ),
        None,
    )
    if after is None:
        return None
    years = [
        int(e.text[-4:])
        for e in dates
        if e is not after
        and re.search(r"(?:19|20)\d{2}$", e.text)
        and not _COMPARISON_DATE.search(e.text)
    ]
    reference = (
        years[0] if len(years) == 1 else (int(discourse_year[:4]) if discourse_year else None)
    )
    if reference is None and article_date:
        reference = int(article_date[:4])
    return (str(reference - 1), after.text) if reference else None


def find_date(
    number: Number, sentence: SentenceView, article_date: str | None, discourse_year: str | None
) -> tuple[str | None, str]:
    """The date a figure's sentence gives it, and the phrase that says so ("" if none)."""
    dates = [e for e in sentence.ents if e.label_ == "DATE"]
    baseline = _baseline_date(number, dates, article_date, discourse_year)
    if baseline is not None:
        return baseline
    when = _when_clause_date(number, dates, article_date, discourse_year)
    if when is not None:
        return when
    start = _period_start(number, dates, article_date, discourse_year)
    if start is not None:
        return start
    best: tuple[tuple[int, bool], str, str] | None = None
    for ent in dates:
        window = ent.doc[max(ent.start - 4, sentence.span.start) : ent.end]
        lead = [t for t in window[: -len(ent)] if t.i >= ent.start - 3]
        numbers = [i for i, t in enumerate(lead) if t.like_num]
        lead = lead[numbers[-1] + 1 :] if numbers else lead  # "from 733 in 2014": 733's date
        if any(t.lower_ in _BASELINE_WORDS for t in lead):
            continue  # "1.8% fewer than in 2022", "than in the 2022 edition": the baseline
        if _dates_something_else(ent, number):
            continue
        if (
            _COMPARISON_DATE.search(ent.text)
            and ent.start > 0
            and ent.doc[ent.start - 1].lower_ not in {"in", "during", "for"}
        ):
            continue  # "up from 4,398 a year earlier", "over the previous year": the baseline
        if (
            re.fullmatch(r"(?:19|20)\d{2}", ent.text)
            and ent.start > 0
            and ent.doc[ent.start - 1].lower_ == "on"
        ):
            continue  # "up 2.6% on 2022": compared with a year, not dated in it
        before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        after = {t.lower_ for t in ent.doc[ent.end : ent.end + 2]}
        if (
            ent.text.lower().startswith(("between", "since"))
            or before in {"between", "since"}
            or ((before == "from" or ent.text.lower().startswith("from")) and after & _UNTIL)
        ):
            continue  # "between January 2010 and March 2019": the period's start
        # the words just before the date, back to the previous figure or date ("from 18,270 in
        # 2010 to 22,698 in 2014": "in 2014", not "2010 ... 2014")
        lead = window[: len(window) - len(ent)]
        cut = max(
            (t.i + 1 for t in lead if t.like_num or t.ent_type_ == "DATE" or t.is_digit),
            default=lead.start,
        )
        phrase = ent.doc[cut : ent.end]
        resolved = resolve_date(phrase.text, article_date, discourse_year)
        if resolved is None:
            continue
        # nearest first; at equal distance the date after the figure ("22,698 in 2014")
        distance = (abs(ent.start - number.tokens.start), ent.start < number.tokens.start)
        if best is None or distance < best[0]:
            best = (distance, resolved, phrase.text)
    return (best[1], best[2]) if best else (None, "")


def find_announcer(sentence: SentenceView, index: MentionIndex) -> Mention | None:
    for token in sentence.span:
        lemma = token.lemma_.lower()
        if (
            token.lower_ == "according"
            and token.i + 1 < len(token.doc)
            and token.nbor(1).lower_ == "to"
        ):
            report = None
            for t in token.nbor(1).subtree:
                if t.dep_ == "compound" and index.at(t.head) is not None:
                    continue  # "the UN agency": the agency the noun refers to, not the UN
                found = index.at(t)
                if found and is_agent(found):
                    return found
                if found and found.cls == "Index" and report is None:
                    report = found  # no agent named: the report the figures come from
            # "according to the report published by WIPO": the parser may hang "by" elsewhere
            start = index.offset(token)
            for found in sentence.mentions:
                if found.start > start and is_agent(found):
                    return found
            if report is not None:
                return report
        if lemma in REPORT_VERBS and token.pos_ == "VERB":
            subj = subject_token(token)
            if subj is not None:
                found = resolve_reference(subj, index, ("Organization", "Person", "Country"))
                if found and is_agent(found):
                    return found
                if found is None and subj.lemma_.lower() in _REPORT_NOUNS:
                    # "..., the report showed": the report named before is the source
                    report = index.last_before(index.offset(subj), ("Index",))
                    if report is not None:
                        return report
    return None
