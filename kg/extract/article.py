"""Wire the extraction stages for one article: the one place that shows the whole flow.

Example:
    >>> from kg.ingest import article_from_text
    >>> from kg.nlp.run import parse_article
    >>> article = article_from_text("WIPO Director General Daren Tang spoke in Geneva.")
    >>> result = extract_article(article, parse_article(article))
    >>> [(r.subject, r.predicate, r.object) for r in result.relations][:1]
    [('daren-tang', 'headOf', 'world-intellectual-property-organization')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc

from kg.extract.confidence import confidence
from kg.extract.group_members import group_member_relations
from kg.extract.meeting_places import is_meeting_event, unnamed_meeting_places
from kg.extract.mentions import Mention, collect_mentions
from kg.extract.relations import (
    Found,
    bare_member_list_relations,
    bare_title_relations,
    cooperating_pairs,
    delegation_relations,
    dependency_relations,
    event_context_relations,
    formed_group_relations,
    group_list_relations,
    headquarters_relations,
    instrument_relations,
    joined_treaty_relations,
    joint_action_relations,
    list_relations,
    located_in_relations,
    membership_list_relations,
    national_commissioner_relations,
    org_named_index_relations,
    place_based_relations,
    portfolio_minister_relations,
    possessed_index_relations,
    short_body_title_relations,
    surface_relations,
    unit_relations,
    within_group_relations,
)
from kg.extract.resolve import ArticleEntities, EntityDraft
from kg.extract.sentences import SentenceView, build_sentences
from kg.extract.statistics import statistics_in
from kg.extract.statistics.qualifiers import find_announcer
from kg.extract.syntax import MentionIndex
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.records import (
    DOMAIN_RANGE,
    Article,
    Entity,
    Extraction,
    Relation,
    Statistic,
    is_subclass,
)
from kg.slug import slugify

#: Rules that guess an organisation from the discourse ("Executive Director X said", "their
#: report"): a rule that reads it in the same sentence wins over them.
_GUESSES = frozenset({"bare-title-last-organization", "possessed-index"})


def _signatories_bodies(
    sentences: list[SentenceView], found: dict[tuple[str, str, str], tuple[Found, SentenceView]]
) -> list[tuple[Found, SentenceView]]:
    """ "Kim Wan-ki, commissioner of KIPO, and EPO President António Campinos signed a work
    plan": the bodies the signatories head, as this sentence says, cooperate."""
    heads: dict[int, dict[str, str]] = {}
    for (subj, prop, obj), (_rel, sentence) in found.items():
        if prop == "headOf":
            heads.setdefault(sentence.index, {}).setdefault(subj, obj)
    out = []
    for sentence in sentences:
        bodies = list(dict.fromkeys(heads.get(sentence.index, {}).values()))
        if len(bodies) < 2 or "sign" not in sentence.lemmas:
            continue
        if not any(m.cls == "Agreement" for m in sentence.mentions):
            continue
        out += [(rel, sentence) for rel in cooperating_pairs(bodies, "signatories-bodies")]
    return out


def extract_article(
    article: Article, docs: list[tuple[int, Doc]], gaz: Gazetteer | None = None
) -> Extraction:
    """Entities, relations and statistics of one parsed article."""
    gaz = gaz or load_gazetteer()
    mentions: list[Mention] = [m for base, doc in docs for m in collect_mentions(doc, base)]
    table = ArticleEntities(gaz)
    table.resolve(docs, mentions)
    dateline = _dateline_key(article, gaz)
    if dateline is not None:  # "GENEVA, March 7 (Xinhua) --": the place the story was filed from
        table.ensure_gazetteer_entity(dateline, mentioned=True)
    index = MentionIndex(table.mentions, docs)
    sentences = build_sentences(docs, table.mentions, article.text, article.prose)

    found: dict[tuple[str, str, str], tuple[Found, SentenceView]] = {}
    recent_event: str | None = None
    event_counts: dict[str, int] = {}
    previous: SentenceView | None = None
    for sentence in sentences:
        rels = [
            *group_list_relations(sentence, previous, index),
            *formed_group_relations(sentence, index),
            *membership_list_relations(sentence, index),
            *possessed_index_relations(sentence, index),
            *surface_relations(sentence),
            *list_relations(sentence),
            *bare_member_list_relations(sentence, index),
            *within_group_relations(sentence),
            *dependency_relations(sentence, index),
            *event_context_relations(sentence, recent_event),
            *bare_title_relations(sentence, index),
            *portfolio_minister_relations(sentence, index),
            *short_body_title_relations(sentence, index),
            *national_commissioner_relations(sentence, index),
            *org_named_index_relations(sentence, index),
            *group_member_relations(sentence),
            *joint_action_relations(sentence, index),
            *located_in_relations(sentence, index),
            *place_based_relations(sentence, index),
            *headquarters_relations(sentence, index),
            *unit_relations(sentence),
            *joined_treaty_relations(sentence, index),
            *instrument_relations(sentence, index),
        ]
        # a title or a report read with its organisation ("The EUIPO, which ..., is led by
        # Executive Director X") wins over the guess from the discourse
        named_roles = {(r.subject, r.prop) for r in rels if r.pattern not in _GUESSES}
        rels = [
            r for r in rels if r.pattern not in _GUESSES or (r.subject, r.prop) not in named_roles
        ]
        events = [m.key for m in sentence.mentions if m.cls == "Event" and m.key]
        rels.extend(delegation_relations(sentence, rels, events[-1] if events else recent_event))
        for rel in rels:
            _keep(found, rel, sentence, table)
        for event in dict.fromkeys(events):  # ("SOM (SOM1)": one naming, written twice)
            event_counts[event] = event_counts.get(event, 0) + 1
        if events:
            # the event the story is about: named most often so far (the last one of those),
            # not one named in passing ("on the margins of the first SOM")
            best = max(event_counts.values())
            recent_event = next(
                e for e in reversed(events + list(event_counts)) if event_counts[e] == best
            )
        previous = sentence
    for agreement, parties, token in table.agreements:
        sentence = next(
            (
                v
                for v in sentences
                if v.span.doc is token.doc and v.span.start <= token.i < v.span.end
            ),
            None,
        )
        if sentence is None:
            continue
        for i, party in enumerate(parties):
            _keep(
                found, Found(party, "partyTo", agreement, 0.85, "signed-agreement"), sentence, table
            )
            for other in parties[i + 1 :]:
                if "Person" in {table.drafts[party].cls, table.drafts[other].cls}:
                    continue  # signatories sign for their bodies; the bodies cooperate
                _keep(
                    found,
                    Found(party, "cooperatesWith", other, 0.75, "agreement-parties"),
                    sentence,
                    table,
                )

    for rel, sentence in _signatories_bodies(sentences, found):
        _keep(found, rel, sentence, table)
    for (subj, prop, event), (rel, sentence) in list(found.items()):
        body = table.event_bodies.get(event)
        if prop == "participatedIn" and rel.pattern == "partners-at-recent-event" and body:
            # the partners of "the annual meeting of the ID5 forum" are the forum's members
            _keep(found, Found(subj, "memberOf", body, 0.7, "partners-of-body"), sentence, table)
    for rel, sentence in _meeting_locations(sentences, index, table, found, dateline):
        _keep(found, rel, sentence, table)

    topic = _topic(table)
    statistics: list[Statistic] = []
    discourse: str | None = None
    year: str | None = None
    ranking: str | None = None
    reporter: Mention | None = None
    previous_end = 0
    carried: str | None = None  # the last date talked about, across paragraphs
    fiscal = _FISCAL_STORY.search(article.text) is not None
    headline_starts: set[int] = set()
    for sentence in sentences:
        if "\n\n" in article.text[previous_end : sentence.start]:
            discourse = None  # a new paragraph may talk about another day; the year carries on
            other_year = re.search(r"\b(?:19|20)\d{2}\b(?![-–/]\d)", sentence.text)
            if _SAME_PERIOD.search(sentence.text) or (
                fiscal and carried and _FISCAL_END.search(carried) and other_year is None
            ):
                # "during the six months", "over the same period"; in a story about a fiscal
                # year ("2024-25"), the fiscal year's end carries on as the year does
                discourse = carried
        indices = [m.key for m in sentence.mentions if m.cls == "Index" and m.key]
        ranking = indices[-1] if indices else ranking
        announcer = find_announcer(sentence, index)
        if announcer is not None and announcer.cls != "Person":
            reporter = announcer
        if announcer is not None and announcer.cls == "Index":
            announcer = None  # "according to the Australian IP Report 2024": a source, no agent
        in_sentence = statistics_in(
            sentence,
            index,
            article.date,
            topic,
            discourse,
            year,
            ranking,
            reporter,
            statistics,
            announcer=announcer,
        )
        statistics.extend(in_sentence)
        if _title_line(article, sentence):
            headline_starts.add(sentence.start)
        # a headline's present tense ("Tsinghua ranks second ...") dates it by the article, not
        # the period the story then names ("in 2019"): titles set no discourse date
        dated = (
            [s.date for s in in_sentence if s.date] if not _title_line(article, sentence) else []
        )
        # the latest: the others are baselines ("up 3% from 6,165 in 2023"); a look back to an
        # earlier year ("Samsung had led the table in 2020 ...") leaves the story's year as it was
        announced = _FIGURES_FOR_YEAR.search(sentence.text) if not in_sentence else None
        if announced is not None:
            # "Official statistics ... break the picture down by right for calendar 2022.":
            # the figures that follow are that year's
            discourse = year = carried = announced.group("year")
        if fiscal and carried and _FISCAL_END.search(carried) and dated and max(dated) == year:
            dated = [carried]  # "in the year" of a fiscal-year story: that fiscal year still
        if dated and not (year and max(dated)[:4] < year):
            discourse = max(dated)
            year = discourse[:4]
            carried = discourse
        previous_end = sentence.end

    statistics = _without_restated_headlines(statistics, headline_starts)
    publisher = _publisher(article, table, gaz)
    facts = _background_facts(table, gaz)
    return _assemble(article, table, found, statistics, publisher, facts)


#: an article about a fiscal year: "FY2024", "fiscal 2023", "2024-25", "financial year"
_FISCAL_STORY = re.compile(
    r"\b(?:FY ?\d{2,4}|fiscal(?: year)? \d{4}|financial year|(?:19|20)\d{2}[-–/]\d{2}\b)", re.I
)
_FISCAL_END = re.compile(r"-(?:03-31|06-30|09-30)$")
_FIGURES_FOR_YEAR = re.compile(
    r"\b(?:statistics|figures|data|numbers)\b.{0,80}?\b(?:for|in|of) (?:calendar |the year )?"
    r"(?P<year>(?:19|20)\d{2})\b(?![-–/]\d)",
    re.I,
)


def _without_restated_headlines(
    statistics: list[Statistic], headline_starts: set[int]
) -> list[Statistic]:
    """A headline's figure the story states again ("Filings climb 2.2%" over "rose 2.2 percent
    in 2024"): the story's statement, which dates it, stands alone."""
    # (the subject may be named otherwise there: "Japan" in the headline, the JPO below)
    in_story = {(s.value, s.unit) for s in statistics if s.evidence.start not in headline_starts}
    return [
        s
        for s in statistics
        if s.evidence.start not in headline_starts or (s.value, s.unit) not in in_story
    ]


def _title_line(article: Article, sentence: SentenceView) -> bool:
    """Whether a sentence is a line of its own with no closing stop: a headline."""
    text = sentence.text.rstrip()
    after = article.text[sentence.end : sentence.end + 1]
    return not text.endswith((".", "!", "?", '"', "”", ":")) and after in {"\n", ""}


def _dateline_key(article: Article, gaz: Gazetteer) -> str | None:
    """The gazetteer key of the place a wire dateline names ("GENEVA, March 7 (Xinhua) --")."""
    if not article.dateline:
        return None
    place = gaz.lookup(article.dateline)
    if place is not None and place.cls in {"City", "Country", "Region"}:
        return place.key
    return None


def _meeting_locations(
    sentences: list[SentenceView],
    index: MentionIndex,
    table: ArticleEntities,
    found: dict[tuple[str, str, str], tuple[Found, SentenceView]],
    dateline: str | None,
) -> Iterator[tuple[Found, SentenceView]]:
    """Meetings the text places without naming them ("their annual meeting in Seoul"): the
    article's meeting-like events no sentence has placed. A singular noun places the one
    such event only; "meetings held in X" places each."""
    located = {s for s, p, _ in found if p == "location"}
    events = [
        d.key
        for d in table.drafts.values()
        if d.mentioned and d.cls == "Event" and d.key not in located and is_meeting_event(d.label)
    ]
    city = dateline if dateline and table.drafts[dateline].cls == "City" else None
    for phrase in unnamed_meeting_places(sentences, index, city):
        if phrase.plural and len(events) <= 3:
            targets = events
        else:
            targets = events if len(events) == 1 else []
        for event in targets:
            yield (
                Found(event, "location", phrase.place, 0.65, "unnamed-meeting-in-place"),
                (phrase.sentence),
            )


#: Words that point back to the period the text was talking about.
_SAME_PERIOD = re.compile(
    r"\b(?:the same period|(?:during|in|over|for) (?:the|that|this) (?:period|"
    r"(?:six|three|nine|twelve|\d{1,2}) months|(?:first|second) half|quarter))\b",
    re.IGNORECASE,
)


def _keep(found: dict, rel: Found, sentence: SentenceView, table: ArticleEntities) -> None:
    """Keep a relation whose ends fit the property's domain and range (best confidence wins)."""
    domain, range_ = DOMAIN_RANGE[rel.prop]
    subj, obj = table.drafts.get(rel.subject), table.drafts.get(rel.object)
    if subj is None or obj is None or subj.key == obj.key:
        return
    if not any(is_subclass(subj.cls, c) for c in domain) or not any(
        is_subclass(obj.cls, c) for c in range_
    ):
        return
    if rel.prop == "location" and not table.gaz.may_sit_in(
        subj.gaz_key, table.gaz.seat_country(obj.gaz_key)
    ):
        return  # "the Munich-based office" is not the Australian office named before it
    ident = (rel.subject, rel.prop, rel.object)
    if rel.prop == "cooperatesWith":
        ident = (*sorted((rel.subject, rel.object)), rel.prop)  # type: ignore[assignment]
    if ident not in found or found[ident][0].confidence < rel.confidence:
        found[ident] = (rel, sentence)


def _first_sentence(key: str, sentences: list[SentenceView]) -> SentenceView | None:
    return next((s for s in sentences if any(m.key == key for m in s.mentions)), None)


def _background_facts(table: ArticleEntities, gaz: Gazetteer) -> dict[str, set[tuple[str, str]]]:
    """What kg knows about the entities an article mentions, beyond what the article says:
    an office's or company's country, a place's parent, an index's publisher (from the
    gazetteer), and the country an organisation's name begins with ("Chinese Foreign
    Ministry", "Korean Intellectual Property Office").

    These become triples of the entity's description, not statements of the article:
    the article is not their evidence.
    """
    facts: dict[str, set[tuple[str, str]]] = {}
    for draft in list(table.drafts.values()):
        if not draft.mentioned:
            continue
        entry = gaz.get(draft.gaz_key)
        found: list[tuple[str, str]] = []
        if entry is not None:
            if entry.country and draft.cls not in {"Country", "City", "Region"}:
                found.append(("country", entry.country))
            parent = entry.part_of or (entry.country if draft.cls in {"City", "Region"} else None)
            if parent:
                found.append(("partOf", parent))
            if entry.publisher:
                found.append(("publishedBy", entry.publisher))
        if is_subclass(draft.cls, "Organization") and not any(p == "country" for p, _ in found):
            for form in [draft.label, *draft.forms]:
                first = form.split()[0].removesuffix("'s").removesuffix("’s")
                country = gaz.demonym(first) or gaz.lookup(first)
                if country is not None and country.cls == "Country" and len(form.split()) > 1:
                    found.append(("country", country.key))
                    break
        for prop, other in found:
            if other in gaz.entries and _fits(prop, draft.cls, gaz.entries[other].cls):
                table.ensure_gazetteer_entity(other)
                facts.setdefault(draft.key, set()).add((prop, other))
    return facts


def _fits(prop: str, subject_cls: str, object_cls: str) -> bool:
    domain, range_ = DOMAIN_RANGE[prop]
    return any(is_subclass(subject_cls, c) for c in domain) and any(
        is_subclass(object_cls, c) for c in range_
    )


def _topic(table: ArticleEntities) -> str | None:
    """The article's main agent (most-mentioned country or organisation), for orphan numbers."""
    counts: dict[str, int] = {}
    for mention in table.mentions:
        if (
            mention.key
            and mention.cls
            and (is_subclass(mention.cls, "Organization") or mention.cls == "Country")
        ):
            counts[mention.key] = counts.get(mention.key, 0) + 1
    return max(sorted(counts), key=lambda k: counts[k]) if counts else None


def _publisher(article: Article, table: ArticleEntities, gaz: Gazetteer) -> str | None:
    """The publisher the header names, as an Organization entity (not a mention of the text)."""
    if not article.publisher:
        return None
    entry = gaz.lookup(article.publisher)
    if entry is not None:
        draft = table.ensure_gazetteer_entity(entry.key)
    else:
        key = slugify(article.publisher)
        draft = table.drafts.get(key) or EntityDraft(
            key, article.publisher, "Organization", mentioned=False
        )
        table.drafts.setdefault(key, draft)
    if not is_subclass(draft.cls, "Organization"):
        return None
    draft.add_form(article.publisher)  # "Kyodo" in the header names Kyodo News
    return draft.key


def _assemble(
    article: Article,
    table: ArticleEntities,
    found: dict,
    statistics: list[Statistic],
    publisher: str | None,
    facts: dict[str, set[tuple[str, str]]],
) -> Extraction:
    """Re-key non-gazetteer entities by their final label and freeze everything into records."""
    rekey: dict[str, str] = {}
    entities: dict[str, Entity] = {}
    gaz = table.gaz
    referenced = {publisher} | {o for fs in facts.values() for _, o in fs}
    referenced |= {k for f, _ in found.values() for k in (f.subject, f.object)}
    referenced |= {
        k for s in statistics for k in (s.subject, s.technology_field, s.index, s.announced_by)
    }
    for draft in table.drafts.values():
        if not draft.mentioned and draft.key not in referenced:
            continue  # a resolution left it behind (an acronym that turned out to mean another entity)
        key = draft.key if draft.gaz_key or draft.pinned_key else slugify(draft.label)
        rekey[draft.key] = key
        alt = tuple(sorted({f for f in draft.forms if f != draft.label}))
        entry = gaz.get(draft.gaz_key)
        if entry is not None and entry.key != draft.key:
            entry = None  # an edition of a yearly index is not the series Wikidata describes
        previous = entities.get(key)
        if previous is not None:
            alt = tuple(sorted(set(previous.alt_labels) | set(alt)))
        entities[key] = Entity(
            key=key,
            label=draft.label,
            cls=draft.cls,
            alt_labels=alt,
            wikidata=entry.wikidata if entry else None,
            mentioned=draft.mentioned or bool(previous and previous.mentioned),
            facts=tuple(sorted(facts.get(draft.key, ()))),
        )
    relations = tuple(
        Relation(
            rekey[f.subject],
            f.prop,
            rekey[f.object],
            sentence.evidence,
            confidence(f.pattern, f.confidence),
            f.pattern,
        )
        for f, sentence in sorted(found.values(), key=lambda item: (item[1].start, item[0].prop))
    )

    def linked(key: str | None, ancestor: str) -> str | None:
        """A statistic's link, kept only when it points at an entity of the right class."""
        target = rekey.get(key) if key else None
        if target is None or target not in entities:
            return None
        cls = entities[target].cls
        return (
            target
            if is_subclass(cls, ancestor) or (ancestor == "Agent" and cls == "Country")
            else None
        )

    stats = tuple(
        replace(
            s,
            subject=rekey.get(s.subject, s.subject),
            technology_field=linked(s.technology_field, "TechnologyField"),
            index=linked(s.index, "Index") if s.unit == "Rank" else None,
            announced_by=linked(s.announced_by, "Agent"),
        )
        for s in statistics
        if rekey.get(s.subject, s.subject) in entities
        and (s.unit != "Rank" or (s.value == s.value.to_integral_value() and s.value >= 1))
        and (s.unit != "Count" or s.value >= 0)
    )
    entities = {
        key: replace(entity, facts=tuple(sorted({(p, rekey.get(o, o)) for p, o in entity.facts})))
        for key, entity in entities.items()
    }
    return Extraction(
        article=article,
        entities=tuple(sorted(entities.values(), key=lambda e: e.key)),
        relations=relations,
        statistics=stats,
        publisher=rekey.get(publisher) if publisher else None,
    )
