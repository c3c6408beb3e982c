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
from dataclasses import replace

from kg.extract.dates import fiscal_year_end, is_fiscal
from kg.extract.mentions import Mention
from kg.extract.sentences import SentenceView
from kg.extract.statistics.context import Context
from kg.extract.statistics.measure import counted_noun, phrase_measure
from kg.extract.statistics.numbers_found import LIST_POSITION, Number, find_numbers
from kg.extract.statistics.qualifiers import (
    find_date,
    find_technology_field,
    present_tense_year,
)
from kg.extract.statistics.subject import change_direction, find_subject
from kg.extract.syntax import MentionIndex
from kg.gazetteer import load_gazetteer
from kg.records import Statistic

__all__ = ["statistics_in"]


def _list_measure(number: Number, previous: list[Statistic], measure: str) -> str:
    """A figure on a list line measures what the list counts: the figure the text gave before
    the list ("heads the list, with 505 utility patents" -> "utility patents")."""
    for stat in reversed(previous):
        if stat.unit == number.unit and stat.pattern != LIST_POSITION:
            return stat.measure
    return measure if measure != "quantity" else "figure in the ranked list"


def statistics_in(
    sentence: SentenceView,
    index: MentionIndex,
    article_date: str | None,
    fallback_subject: str | None,
    discourse_date: str | None = None,
    discourse_year: str | None = None,
    discourse_index: str | None = None,
    discourse_reporter: Mention | None = None,
    previous: list[Statistic] | None = None,
    announcer: Mention | None = None,
) -> list[Statistic]:
    """Every Statistic one sentence states.

    ``discourse_date`` is the date the paragraph was last talking about; numbers in a
    sentence with no date of its own take it ("China remained the largest source ...").
    ``discourse_index`` is the ranking the article was last talking about; bare ranks
    ("Japan followed in 13th place") are places in it. ``discourse_reporter`` is the
    organisation the article last named as a source ("according to WIPO"): figures with
    no owner in their sentence ("Resident filings grew 6.8%") are its figures.
    ``announcer`` is who the sentence says states its figures (``find_announcer``), found
    once by the caller, which also carries it forward as the discourse reporter.
    """
    reporter = announcer if announcer is not None and announcer.cls != "Person" else None
    ctx = Context(sentence, index, article_date, previous or [], reporter or discourse_reporter)
    index_mention = next((m for m in sentence.mentions if m.cls == "Index"), None)
    results: list[Statistic] = []
    positions: list[int] = []
    seen: set[tuple] = set()
    numbers = sorted(find_numbers(sentence, index), key=lambda n: n.tokens.start)
    list_rank = next((n for n in numbers if n.pattern == LIST_POSITION), None)
    for number in numbers:
        noun = counted_noun(number)
        skip = set(range(number.tokens.start, number.tokens.end))
        subject = find_subject(number, noun, ctx, results)
        if subject is None and fallback_subject:
            subject_key = fallback_subject
        elif subject is None:
            continue
        else:
            subject_key = subject.key
        measure = (
            phrase_measure(number, noun, skip, ctx, results, index_mention).strip() or "quantity"
        )
        if subject is not None and measure == subject.text and results:
            measure = results[-1].measure  # gapped "Germany had seven entries, France six"
        if measure == "quantity" and number.unit == "Count":
            # "CSIRO ranked second with 54": the figures counted just before
            counted = [st for st in [*(previous or []), *results] if st.unit == "Count"]
            if counted and counted[-1].measure != "quantity":
                measure = counted[-1].measure
        if list_rank is not None:  # a line of a ranked list: its place, then its figure
            measure = (
                "position in the ranked list"
                if number is list_rank
                else _list_measure(number, ctx.previous, measure)
            )
        ranking = None
        if number.unit == "Rank":
            counted_here = any(st.unit != "Rank" for st in results)
            ranking = index_mention.key if index_mention else None
            if ranking is None and discourse_index and not counted_here:
                # "Japan followed in 13th place": a place in the ranking the article is about
                ranking, measure = discourse_index, "rank"
        if number.unit == "Percent" and number.value > 0 and change_direction(number) == "decrease":
            number.value = -number.value  # a change rate is signed: "down 5.3%" -> -5.3
        tech = find_technology_field(number, noun, sentence, index)
        date, phrase = find_date(number, sentence, article_date, discourse_year)
        if date is not None and is_fiscal(phrase):
            # "in fiscal 2023" at the USPTO ends on 2023-09-30, "2023-24" in India on 2024-03-31
            country = (
                country_of(subject_key)
                or country_of(fallback_subject or "")
                or _most_named_country(index)  # "the ministry said ... during 2024-25"
            )
            date = fiscal_year_end(date, country, phrase)
        if date is None and index_mention is not None and number.unit == "Rank":
            year = re.search(r"\b((?:19|20)\d{2})$", index_mention.text)
            date = year.group(1) if year else None  # "12th on the Global Innovation Index 2023"
        if date is None:
            date = discourse_date or discourse_year or present_tense_year(number, article_date)
        if date is None and discourse_index:
            # figures in an article about "the Brand Finance Global 500 2024": that year's
            edition = re.search(r"-((?:19|20)\d{2})$", discourse_index)
            date = edition.group(1) if edition else None
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
            index=ranking,
            announced_by=announcer.key if announcer and announcer.key != subject_key else None,
            currency=number.currency,
        )
        identity = (stat.subject, stat.value, stat.unit, number.tokens.start)
        claim = (stat.subject, stat.value, stat.unit, stat.measure)  # one node per claim
        if stat.subject and identity not in seen and claim not in seen:
            seen.update((identity, claim))
            results.append(stat)
            positions.append(index.offset(number.tokens[0]))  # article offsets, as mentions
    results = _respectively(sentence, results, positions)
    results.extend(_followed_by(sentence, results, positions))
    results.extend(_apiece(sentence, results, positions))
    claims: set[tuple] = set()
    distinct = []
    for stat in results:  # one node per claim: two rules reading one rank give one statistic
        claim = (stat.subject, stat.value, stat.unit, stat.measure)
        if claim not in claims:
            claims.add(claim)
            distinct.append(stat)
    return distinct


_LIST_ITEM = (
    # "Japan's Disco", "Sydney-based design software company Canva"
    r"(?:the )?(?:⟦\d+:(?:Country|Region|City)⟧(?:'s|’s|-based)? )?(?:\b(?!and )[a-z][\w-]* ){0,3}?"
    r"⟦(\d+):[A-Za-z]+⟧(?: of ⟦\d+:(?:Country|Region|City)⟧)?(?: \([^()]*\))?"  # "X of Japan"
)


def _respectively(
    sentence: SentenceView, results: list[Statistic], positions: list[int]
) -> list[Statistic]:
    """ "A, B and C grew by 59.4%, 39.3% and 30.8% respectively": the n-th number is about the
    n-th item of the list."""
    lower = sentence.text.lower()
    if len(results) < 2:
        return results
    # "Pakistan, Nepal and Bangladesh were placed 105th, 109th and 116th": places listed
    # against names are paired in order even without the word
    paired_ranks = "respectively" not in lower
    if paired_ranks and not re.search(
        # "Stanford (203) and Harvard (187) were fifth and sixth"
        r"\b(?:were|are) (?:placed|ranked|(?:\w+(?:st|nd|rd|th)|first|second|third)(?:,| and)\b)",
        lower,
    ):
        return results
    tagged = sentence.tagged
    cue = sentence.end if paired_ranks else sentence.start + lower.index("respectively")
    runs = [
        [_item_index(item) for item in re.finditer(_LIST_ITEM, match.group())]
        for match in re.finditer(rf"{_LIST_ITEM}(?:(?:,| and|, and) {_LIST_ITEM})+", tagged)
    ]
    # the numbers the cue distributes: after the list's last name, before "respectively"
    last_name_end = max((m.end for m in sentence.mentions if m.end <= cue), default=sentence.start)
    by_unit: dict[str, list[int]] = {}
    for i, (stat, pos) in enumerate(zip(results, positions, strict=True)):
        if last_name_end <= pos < cue:
            by_unit.setdefault(stat.unit, []).append(i)
    for unit, indices in by_unit.items():
        if paired_ranks and unit != "Rank":
            continue
        for run in runs:
            if len(run) == len(indices) >= 2:
                for i, item in zip(indices, run, strict=True):
                    mention = sentence.mentions[item]
                    if mention.key:
                        results[i] = replace(
                            results[i],
                            subject=mention.key,
                            pattern=results[i].pattern + "+respectively",
                        )
                break
    return results


_SHARED = re.compile(r"\b(?:apiece|each|tied for|shared)\b", re.IGNORECASE)
_SHARERS = re.compile(
    rf"(?:^|, while |, and |; )(?P<run>{_LIST_ITEM}(?:(?:,| and|, and) {_LIST_ITEM})+) "
    r"(?:both |each |all )?(?:tied|shared|had|received|won|were granted|obtained|filed|earned)\b"
)


def _apiece(
    sentence: SentenceView, results: list[Statistic], positions: list[int]
) -> list[Statistic]:
    """ "Caltech and the University of Michigan tied for seventh with 168 patents apiece": the
    figures of the first name are the others' too."""
    if not results or _SHARED.search(sentence.text) is None:
        return []
    extra = []
    for found in _SHARERS.finditer(sentence.tagged):
        items = [
            sentence.mentions[_item_index(i)] for i in re.finditer(_LIST_ITEM, found.group("run"))
        ]
        first, others = items[0], [m for m in items[1:] if m.key and m.key != items[0].key]
        for stat, pos in zip(results, positions, strict=False):
            if stat.subject == first.key and pos > first.end:
                extra += [
                    replace(stat, subject=m.key, pattern=stat.pattern + "+apiece") for m in others
                ]
    return extra


def _item_index(item: re.Match[str]) -> int:
    """The mention a list item names ("Japan's ⟦Sony⟧", "⟦Mitsubishi Electric⟧ of ⟦Japan⟧")."""
    return int(item.group(1))


def _followed_by(
    sentence: SentenceView, results: list[Statistic], positions: list[int]
) -> list[Statistic]:
    """ "Huawei was the top applicant, followed by Samsung and LG": the list continues the
    ranking from the rank stated before it."""
    tagged = sentence.tagged
    match = re.search(
        rf"(?P<cue>followed by|ahead of) (?P<list>{_LIST_ITEM}(?:(?:,| and|, and) {_LIST_ITEM})*)",
        tagged,
    )
    if not match:
        return []
    offset = sentence.text.lower().find(match.group("cue"))
    before = [
        (pos, st)
        for pos, st in zip(positions, results, strict=False)
        if st.unit == "Rank" and pos < sentence.start + offset
    ]
    if not before:
        return []
    _, first = before[-1]
    extra: list[Statistic] = []
    items = [_item_index(item) for item in re.finditer(_LIST_ITEM, match.group("list"))]
    for step, item in enumerate(items, start=1):
        mention = sentence.mentions[item]
        if mention.key and mention.key != first.subject and not mention.is_demonym:
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


def _most_named_country(index: MentionIndex) -> str | None:
    """The country the article names most often (whose fiscal year a ministry's figures use)."""
    counts: dict[str, int] = {}
    for mention in index.mentions:
        if mention.cls == "Country" and mention.key:
            counts[mention.key] = counts.get(mention.key, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def country_of(key: str | None) -> str | None:
    """The country a known entity is in (a country is its own): whose fiscal year applies.

    Example:
        >>> country_of("united-states-patent-and-trademark-office")
        'united-states'
    """
    entry = load_gazetteer().get(key)
    if entry is None:
        return None
    return entry.key if entry.cls == "Country" else entry.country
