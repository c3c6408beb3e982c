"""Find entity mentions in a Doc: gazetteer and NER spans, cleaned, non-entities rejected.

A mention keeps its token span (for dependency patterns) and its character
offsets in the article's text (for provenance).  Cleaning drops a leading
"the", a trailing possessive, and titles glued to names ("Spokesperson Wang
Wenbin" -> "Wang Wenbin"); rejection removes photo credits and URLs, the
concept "IP", dates and numbers tagged as organisations, and fragments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.extract.numbers import CURRENCY_CODES
from kg.nlp.ruler import DEMONYM_LABEL, RULER_LABELS

#: spaCy NER labels that can name an entity kg keeps.
NER_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "EVENT", "LAW", "NORP", "FAC", "WORK_OF_ART"}
)
TITLE_WORDS = frozenset(
    [
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "president",
        "vice-president",
        "director",
        "director-general",
        "general",
        "deputy",
        "commissioner",
        "minister",
        "vice",
        "chairman",
        "chairwoman",
        "chair",
        "head",
        "chief",
        "secretary",
        "secretary-general",
        "ceo",
        "cto",
        "cfo",
        "dr",
        "dr.",
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "prof",
        "prof.",
        "professor",
        "ambassador",
        "premier",
        "governor",
        "mayor",
        "senator",
        "judge",
        "controller",
        "controller-general",
        "comptroller",
        "comptroller-general",
        "registrar",
        "official",
        "officer",
        "executive",
        "founder",
        "senior",
        "former",
        "acting",
        "assistant",
        "under",
        "undersecretary",
        "counsellor",
        "counselor",
        "spokespeople",
        "administrator",
        "registrar",
        "examiner",
        "member",
        "manager",
        "partner",
        "analyst",
        "lawyer",
        "attorney",
        "expert",
        "researcher",
        "chairperson",
        "commissioner-general",
        "councilor",
        "councillor",
        "mep",
        "lawmaker",
        "legislator",
        "rapporteur",
    ]
)
#: Portfolio words of a minister's title: "Finance Minister", "Minister of Industry and
#: Handicraft" (not "Prime Minister", "Chief Minister")
PORTFOLIO_WORDS = frozenset(
    """Finance Trade Commerce Justice Economy Economic Industry Industrial Technology Foreign
    Affairs Science Innovation Culture Education Health Agriculture Defence Defense Energy
    Environment Labour Labor Tourism Development Planning Investment Enterprise Handicraft
    Handicrafts Information Communications Digital Law Human Rights Interior Home Treasury
    Business and""".split()
)
#: Words that spaCy sometimes tags as names but never are entities here (case-folded).
NON_ENTITIES = frozenset(
    {
        # roles an office plays under the PCT, not bodies of their own
        "international searching authority",
        "international preliminary examining authority",
        "abroad",
        "ai",
        "community",
        "copyright",
        "covid",
        "covid-19",
        "domestic",
        "ev",
        "evs",
        "file photo",
        "globally",
        "intellectual property",
        "internet",
        "ip",
        "ip protection",
        "ipr",
        "iprs",
        "nationwide",
        "nev",
        "nevs",
        "overseas",
        "patent",
        "patents",
        "photo",
        "photos",
        "r&d",
        "statewide",
        "top",
        "trademark",
        "trademarks",
        "web",
        "worldwide",
        # kinds of IP right, not holders of them
        "eutm",
        "eutms",
        "rcd",
        "rcds",
        "sep",
        "seps",
        "pct application",
        "pct applications",
    }
)
_URLISH = re.compile(
    r"(https?://|www\.|@|\b[\w-]+\.(com|cn|org|gov|net|int|edu|io|uk|de|jp|kr|eu|info)\b)",
    re.IGNORECASE,
)
_WEEKDAYS_MONTHS = re.compile(
    r"^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|"
    r"may|june|july|august|september|october|november|december|today|yesterday)$",
    re.IGNORECASE,
)
_TITLES = frozenset(t.strip(".") for t in TITLE_WORDS)
_TRAILING_DROP = frozenset({"photo", "photos", "said", "says", "told", "'s", "’s", "'", "’"})


@dataclass
class Mention:
    """One span of text naming an entity (mutable while resolution runs)."""

    span: Span
    start: int
    end: int
    text: str
    label: str
    gaz_key: str | None = None
    key: str | None = None
    cls: str | None = None

    @property
    def is_demonym(self) -> bool:
        return self.label == DEMONYM_LABEL


_OPENING_PREPOSITIONS = frozenset(
    "among within for with in at by from after before during under unlike like".split()
)


def clean_span(span: Span) -> Span | None:
    """Trim determiners, titles and possessives off an entity span; None if nothing is left."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].lower_ in {"the", "a", "an"}
        or doc[start].is_punct
        # "Among Big Ten Conference institutions": a sentence's opening preposition
        or (doc[start].lower_ in _OPENING_PREPOSITIONS and doc[start].is_sent_start)
    ):
        start += 1
    if span.label_ in {"GPE", "LOC", "City", "Region", "Country", "PERSON"}:
        while end - 1 > start and doc[end - 1].like_num:
            end -= 1  # "and Bavaria 85": the place, not the figure after it
    while end > start and (
        doc[end - 1].lower_ in _TRAILING_DROP
        or doc[end - 1].is_punct
        or doc[end - 1].is_space
        or (
            doc[end - 1].lower_ in {"of", "for", "and", "the", "on", "in"}  # "District of"
            and not (end - 2 > start and doc[end - 2].text == "-")  # "Moon Jae-in"
        )
        or _WEEKDAYS_MONTHS.match(doc[end - 1].lower_)  # "Council of Ministers on Thursday"
        or re.fullmatch(r"\d{1,3}(?:st|nd|rd|th)", doc[end - 1].lower_)  # "Cayman Islands 16th"
    ):
        end -= 1
    if span.label_ in {"PERSON", "ORG"}:
        # "Spokesperson Wang Wenbin", "Director General Daren Tang": titles before a person.
        cut = start
        while cut < end - 1 and (
            doc[cut].lower_.strip(".") in _TITLES
            # "Mr Justice Richard Meade": a judge's title (not "Justice Ministry", an ORG)
            or (span.label_ == "PERSON" and doc[cut].lower_ == "justice")
        ):
            cut += 1
        if cut > start and span.label_ == "PERSON":
            start = cut
    # "Stanford University - 244": a dash and figures after a name (a list line) are not in it
    for i in range(start + 1, end):
        if doc[i].text in {"-", "–", "—", ":"} and all(
            t.like_num or t.is_space or t.is_punct for t in doc[i + 1 : end]
        ):
            end = i
            break
    # "South Asian Association for Regional Cooperation (SAARC": an unclosed bracket ends the name
    for i in range(start, end):
        if doc[i].text == "(" and not any(doc[j].text == ")" for j in range(i, end)):
            end = i
            break
    if start >= end:
        return None
    if (
        span.label_ == "ORG"
        and end + 1 < len(doc)
        and doc[end].lower_ == "and"
        and doc[end - 2 : end - 1].text == "of"
        and doc[end + 1].is_title
        and not doc[end + 1].ent_type_
        and (end + 2 >= len(doc) or not doc[end + 2].is_title)
    ):
        end += 2  # "Department of Science [and Technology]": the NER stops at "and"
    elif (
        span.label_ == "ORG"
        and end + 2 < len(doc)
        and doc[end].lower_ == "and"
        and doc[start].lower_ in {"ministry", "department", "federal", "state", "directorate"}
        and doc[end - 2 : end - 1].text == "of"
    ):
        # "Federal Ministry of Justice [and Consumer Protection]": a portfolio of two words
        k = 0
        while k < 3 and end + 1 + k < len(doc) and doc[end + 1 + k].is_title:
            if doc[end + 1 + k].ent_type_ not in {"", "ORG"}:  # a place or a person: not
                k = 0
                break
            k += 1
        if 0 < k < 3:
            end += 1 + k
    return Span(doc, start, end, label=span.label_, kb_id=span.kb_id_, span_id=span.id_)


_GENERIC_NAMES = frozenset(
    """institute office council commission court agency ministry department bureau authority
    administration organization organisation association university heads south-east north-east
    south-west north-west southeast northeast southwest northwest customs police courts
    prosecutors state national federal regional""".split()
) | {"national ip", "national ipr", "provincial ip", "local ip"}  # "National IP protection centers"
_ROLE_PHRASE = re.compile(
    r"^(?:(?:permanent|executive|deputy|vice|acting|former|senior|chief)\s+)*"
    r"(?:representative|president|director(?:[- ]general)?|secretary(?:[- ]general)?|minister|"
    r"ambassador|chair(?:man|woman|person)?|commissioner|head|chief|spokes(?:person|man|woman)|"
    r"officer|official|governor|mayor|c(?:on|omp)troller(?:[- ]general)?|registrar(?:[- ]general)?|heads?|"
    r"founder|co-founder|ceo|(?:state )?council+or|mep|lawmaker|legislator|rapporteur|premier)"
    r"(?:\s+(?:of|to|for|at)\s+.*)?$",
    re.IGNORECASE,
)


def is_non_entity(text: str, label: str) -> bool:
    """True for spans that name nothing kg keeps (URLs, "IP", weekdays, numbers, and role
    phrases such as "Permanent Representative" or "President of the Conference")."""
    folded = text.casefold().strip()
    if label in {"ORG", "PERSON", "EVENT", "WORK_OF_ART", "FAC"} and _ROLE_PHRASE.match(folded):
        return True
    if label in {"ORG", "GPE", "LOC", "NORP"} and folded in _GENERIC_NAMES:
        return True  # "Institute", "Office", "South-east" alone name nothing
    last = text.split()[-1] if text.split() else ""
    if label in {"ORG", "PERSON", "EVENT", "FAC"} and last.isalpha() and last.islower():
        return True  # "EU trade mark": a name ends in a capitalised word
    if not any(ch.isalpha() for ch in text) or len(folded) < 2:
        return True
    if folded in NON_ENTITIES and label not in RULER_LABELS:
        return True
    if _URLISH.search(text) or _WEEKDAYS_MONTHS.match(folded):
        return True
    if (
        label in {"ORG", "PERSON", "GPE", "LOC", "EVENT", "LAW"}
        and not text[:1].isupper()
        and not text[:1].isdigit()
    ):
        return True
    return bool(re.fullmatch(r"[\d\s.,%-]+", text))


def _language_use(ent: Span) -> bool:
    """A demonym used alone as a singular noun ("against 42% for German", "filed in
    Japanese") names a language; "Japanese applicants" and "Germans" name the country."""
    root = ent.root
    while root.dep_ == "conj" and root.head.i != root.i and root.head.ent_type_ == DEMONYM_LABEL:
        root = root.head
    doc = ent.doc
    if (
        ent.end + 1 < len(doc)
        and doc[ent.end].text == "-"
        and doc[ent.end + 1].lower_ == "speaking"
    ):
        return True  # "French-speaking countries"
    if len(ent) != 1 or ent.root.tag_ in {"NNS", "NNPS"}:
        return False
    if root.dep_ in {"dobj", "pobj", "nsubj", "nsubjpass"}:
        return True
    # "English has overtaken German": next to a language the NER knows, not a modifier
    return root.dep_ not in {"amod", "compound", "nmod", "poss"} and any(
        e.label_ == "LANGUAGE" for e in ent.sent.ents
    )


def _portfolio_before_title(ent: Span) -> bool:
    """An ORG span that is a portfolio before "Commissioner"/"Minister" and a name: "Digital
    Economy Commissioner Mariya Gabriel", "Commerce and Industry Minister Piyush Goyal"."""
    doc = ent.doc
    if ent.label_ != "ORG" or ent.end + 1 >= len(doc) or ent.ent_id_:
        return False
    title, after = doc[ent.end], doc[ent.end + 1]
    return (
        title.lower_ in {"commissioner", "minister"}
        and after.ent_type_ == "PERSON"
        and ent[-1].lower_ not in _ORG_HEADS | _GROUPING_HEADS
    )


def _stock_listing(ent: Span) -> bool:
    """An exchange in a ticker parenthesis: "(NYSE: CLVT)", "(KRX: 005930)", "(TSE:6758)"."""
    doc = ent.doc
    exchange = (
        ent.start > 0
        and doc[ent.start - 1].text == "("
        and ent.end + 1 < len(doc)
        and doc[ent.end].text == ":"
        and re.fullmatch(r"[A-Z0-9.]{1,8}", doc[ent.end + 1].text) is not None
    )
    # "(NYSE: PFE)": the ticker itself, after the exchange and its colon
    ticker = (
        ent.start > 2
        and doc[ent.start - 1].text == ":"
        and doc[ent.start - 3].text == "("
        and re.fullmatch(r"[A-Z]{2,8}", doc[ent.start - 2].text) is not None
        and re.fullmatch(r"[A-Z0-9.]{1,8}", ent.text) is not None
    )
    return exchange or ticker


_SERIES_HEADS = re.compile(
    r"^(?:the )?(?:Department|Ministry|Office|Commission|Committee|Council|Institute|School|"
    r"Faculty|Centre|Center|Bureau|Agency|Secretariat|Directorate) (?:for|of) ",
    re.IGNORECASE,
)


_NAME_PARTICLES = frozenset(
    "dos da das do de del della di du van von der den bin binti al el".split()
)


def mended_names(doc: Doc) -> list[Span]:
    """The Doc's entities with names the NER cut at a comma or an "and" made whole again:
    "Department for Culture" + "Media" + "Sport" -> "Department for Culture, Media and
    Sport"; "Commonwealth Scientific and" + "Industrial Research Organisation" -> one."""
    ents = list(doc.ents)
    out: list[Span] = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        end = ent.end
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        if (
            ent.label_ == "PERSON"
            and nxt is not None
            and (nxt.label_ == "PERSON" or (len(nxt) == 1 and nxt[0].is_title))
            and nxt.start == ent.end + 1
            and doc[ent.end].lower_ in _NAME_PARTICLES
            and doc[ent.end].is_lower
        ):
            end = nxt.end  # "Fernando" dos "Santos" (the NER may take Santos for a place)
        elif (
            ent.label_ in _ORG_LABELS
            and end < len(doc)
            and doc[end].text == "System"
            and ent[0].lower_ in {"university", "the"}
        ):
            end += 1  # "the University of Texas" + "System": one name
        elif ent.label_ in _ORG_LABELS and len(ent) > 1 and ent[-1].lower_ == "and":
            if nxt is not None and nxt.start == ent.end and nxt.label_ in _ORG_LABELS:
                end = nxt.end  # "Commonwealth Scientific and" | "Industrial Research Organisation"
        elif (
            ent.label_ in _ORG_LABELS
            and nxt is not None
            and nxt.start == ent.end + 1
            and doc[ent.end].lower_ in {"and", "&"}
            and nxt.text.casefold() in _GENERIC_NAMES
        ):
            end = nxt.end  # "HM Revenue" and "Customs"
        elif ent.label_ in _ORG_LABELS and _SERIES_HEADS.match(ent.text):
            j = ent.end
            while (
                j + 2 < len(doc)
                and doc[j].text == ","
                and doc[j + 1].is_title
                and (doc[j + 2].text == "," or doc[j + 2].lower_ == "and")
            ):
                j += 2
            if j > ent.end and j + 1 < len(doc) and doc[j].lower_ == "and" and doc[j + 1].is_title:
                end = j + 2  # "Department for Culture, Media and Sport"
        label, kb_id = ent.label_, ent.kb_id_
        chain = _place_chain_end(doc, ents, i)
        if chain > ent.end:
            end, label, kb_id = chain, "LOC", ""  # "Shenzhen-Hong Kong-Guangzhou": one cluster
        if (
            end == ent.end
            and len(ent) == 1
            and ent.text.istitle()
            and ent[0].lower_ in _TREATY_HEADS
        ):
            end = _instrument_name_end(doc, ent.end)
            label, kb_id = "LAW", ""  # "Protocol" + "on the Protection of ... to the EAPC"
        if end > ent.end:
            out.append(Span(doc, ent.start, end, label=label, kb_id=kb_id))
            while i + 1 < len(ents) and ents[i + 1].start < end:
                i += 1
        else:
            out.append(ent)
        i += 1
    return out


#: labels of the places a hyphenated cluster name joins (not demonyms: "Saudi-Japan" is no place)
_CHAIN_PLACE_LABELS = frozenset({"GPE", "LOC", "City", "Region", "Country"})
_CLUSTER_NOUNS = frozenset({"cluster", "region", "corridor", "area", "hub", "megaregion"})


def _place_chain_end(doc: Doc, ents: list[Span], i: int) -> int:
    """The end of places joined by hyphens with no spaces ("Tokyo-Yokohama", "Shenzhen-Hong
    Kong-Guangzhou", the names of science clusters), or the first place's own end."""
    end, j = ents[i].end, i
    while (
        ents[j].label_ in _CHAIN_PLACE_LABELS
        and j + 1 < len(ents)
        and ents[j + 1].label_ in _CHAIN_PLACE_LABELS
        and ents[j + 1].start == ents[j].end + 1
        and doc[ents[j].end].text in {"-", "–"}
        and not doc[ents[j].end - 1].whitespace_
        and not doc[ents[j].end].whitespace_
    ):
        j += 1
        end = ents[j].end
    following = doc[end] if end < len(doc) else None
    if (
        end > ents[i].end
        and following is not None
        and following.pos_ in {"NOUN", "PROPN", "ADJ"}
        and following.lemma_.lower() not in _CLUSTER_NOUNS
    ):
        return ents[
            i
        ].end  # "China-U.S. trade talks", "the Saudi-Japan Vision 2030 group": a modifier
    return end


def _instrument_name_end(doc: Doc, start: int) -> int:
    """Where an instrument's name that the NER cut after its head word ends: "Protocol" [on the
    Protection of Industrial Designs to the EAPC]; ``start`` when no such name follows."""
    if start >= len(doc) or doc[start].lower_ not in {"on", "for", "concerning", "relating"}:
        return start
    j, titled, end = start + 1, 0, start
    while j < len(doc) and (
        doc[j].is_title or doc[j].is_upper or doc[j].lower_ in {"the", "of", "and", "to", "on", "-"}
    ):
        if doc[j].is_title or doc[j].is_upper:
            titled += 1
            end = j + 1
        j += 1
    return end if titled >= 2 else start


def _possessed_acronyms(doc: Doc) -> list[Span]:
    """Acronyms the NER left untagged after a country's possessive: "China's ICBC", "Japan's
    NEC", "Korea's KT" name organisations."""
    found = []
    for i in range(2, len(doc)):
        token = doc[i]
        if token.ent_type_ or not (token.is_upper and token.is_alpha and 2 <= len(token) <= 6):
            continue
        if doc[i - 1].text in {"'s", "’s"} and doc[i - 2].ent_type_ in {"Country", "Region"}:
            found.append(Span(doc, i, i + 1, label="ORG"))
    return found


def collect_mentions(doc: Doc, base: int) -> list[Mention]:
    """Mentions in one Doc (offsets shifted by ``base`` into the article text)."""
    mentions: list[Mention] = []
    for ent in [*mended_names(doc), *_possessed_acronyms(doc)]:
        if ent.label_ not in RULER_LABELS and ent.label_ not in NER_LABELS:
            continue
        if ent.label_ == "NORP":
            continue  # demonyms the gazetteer knows come from the ruler; others name no entity
        if ent.end < len(doc) and doc[ent.end].lemma_.lower() in {"dollar", "cent"}:
            continue  # "U.S. dollars", "Hong Kong dollars": a currency, not the place
        if ent.label_ == DEMONYM_LABEL and _language_use(ent):
            continue  # "42% for German", "in English": a language, not the country
        if re.match(r"[A-Z]{3} \d", ent.text) and ent.text[:3] in CURRENCY_CODES:
            continue  # "EUR 32,184,000" tagged as a name: an amount
        if _stock_listing(ent):
            continue  # "Clarivate Plc (NYSE: CLVT)": the exchange is no party to the news
        if _portfolio_before_title(ent):
            continue  # "Digital Economy Commissioner Mariya Gabriel": a portfolio, no body
        ent = _university_system(_person_after_title(longer_name(ent)))
        parts = [
            p
            for piece in split_coordination(ent)
            for unit in split_unit_of(piece)
            for p in split_title(unit)
        ]
        for part in parts:
            span = clean_span(part)
            if span is None or is_non_entity(span.text, part.label_):
                continue
            if _capitalised_word_opening(span, part.label_):
                continue
            if (
                len(span) > 2
                and span[-1].lower_ in {"based", "headquartered"}
                and (span[-2].text == "-")
            ):
                # "Maranello-based carmaker Ferrari": the NER's "person" is the place
                span = Span(span.doc, span.start, span.end - 2, label="GPE")
                part = span
            mentions.append(_mention(span, part, base))
    mentions.extend(_names_sharing_a_head(doc, base))
    # A name grown over its neighbours swallows the mentions inside it (and its duplicates).
    mentions = list({(m.start, m.end): m for m in mentions}.values())
    return [
        m
        for m in mentions
        if not any(
            o is not m
            and o.start <= m.start
            and m.end <= o.end
            and (o.end - o.start) > (m.end - m.start)
            for o in mentions
        )
    ]


def _capitalised_word_opening(span: Span, label: str) -> bool:
    """ "Royalties collected ...", "Digital income was ...": a common word the NER took for a
    name only because it opens the sentence (tagged as a noun or adjective, not a proper noun)."""
    return (
        label in NER_LABELS
        and len(span) == 1
        and span[0].is_sent_start
        and span[0].tag_ in {"NN", "NNS", "JJ"}
    )


#: Plural heads shared by coordinated names: "the Swakopmund and Arusha protocols".
_SHARED_HEADS = {
    "protocols": "Protocol",
    "conventions": "Convention",
    "treaties": "Treaty",
    "agreements": "Agreement",
    "systems": "System",
}


def _names_sharing_a_head(doc: Doc, base: int) -> list[Mention]:
    """ "the Madrid and Hague systems", "the Swakopmund and Arusha protocols": one mention
    per name, each named with the shared head ("Arusha Protocol"), over its own words."""
    found: list[Mention] = []
    for head in doc:
        word = _SHARED_HEADS.get(head.lower_)
        if word is None:
            continue
        names: list[Span] = []
        end = head.i
        while True:  # walk left over "A, B and C"
            start = end
            while start > 0 and _capitalised(doc[start - 1]) and doc[start - 1].lower_ != "the":
                start -= 1
            if start == end or end - start > 3:
                break
            names.insert(0, doc[start:end])
            if start >= 2 and doc[start - 1].lower_ in {"and", "or", ","}:
                end = start - 1
                if doc[end - 1].text == "," and doc[start - 1].lower_ in {"and", "or"}:
                    end -= 1
                continue
            break
        if len(names) < 2:
            continue
        if word in {"System", "Agreement"}:
            from kg.gazetteer import load_gazetteer

            # "the Global Dossier and WIPO CASE systems" are no "Global Dossier System": only
            # names the gazetteer knows with the head ("Madrid and Hague systems")
            gaz = load_gazetteer()
            if not all(gaz.lookup(f"{name.text} {word}") for name in names):
                continue
        for name in names:
            found.append(
                Mention(
                    span=name,
                    start=base + name.start_char,
                    end=base + name.end_char,
                    text=f"{name.text} {word}",
                    label="LAW",
                )
            )
    return found


_ORG_HEADS = frozenset(
    """office administration bureau department commission agency council committee institute
    centre center authority service board university college academy school hospital bank
    ministry court tribunal chamber directorate association society foundation laboratory
    corporation company group""".split()
)
#: heads that make a name a body, besides _ORG_HEADS ("Trade Ministry Spokesman", "the Union")
_GROUPING_HEADS = frozenset({"organization", "organisation", "union"})
_TREATY_HEADS = frozenset(
    "act treaty convention protocol agreement accord declaration charter".split()
)
_CONNECTORS = frozenset({"of", "and", "for", "the", "&", "on"})
_PLACE_LABELS = frozenset({"City", "Region", "Country", "Demonym", "GPE", "LOC", "NORP"})
_ORG_LABELS = frozenset(
    {"GovernmentAgency", "Organization", "InternationalOrganization", "IPOffice", "ORG"}
)


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and (token.is_alpha or "-" in token.text or "." in token.text)


#: Heads of names that go on with "for the ...": "14th Five-Year Plan for the Protection and
#: Application of Intellectual Property", "Strategy for the Development of ...".
_PLAN_HEADS = frozenset(
    "plan strategy programme program outline roadmap agenda framework initiative action".split()
)
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")


def _grow_left(doc: Doc, start: int, floor: int) -> int:
    while start > floor:
        previous = doc[start - 1]
        if (
            previous.lower_ == "the"
            and start - 3 >= floor
            and doc[start - 2].lower_ in {"for", "on"}
            and doc[start - 3].lower_ in _PLAN_HEADS
            and _capitalised(doc[start - 3])
        ):
            start -= 2  # "... Plan for the Protection ...": one name, over "for the"
            continue
        if (
            previous.lower_ == "the"
            and start - 3 >= floor
            and doc[start - 2].lower_ == "of"
            and doc[start - 3].lower_ in _ORG_HEADS
            and _capitalised(doc[start - 3])
        ):
            start -= 2  # "Intellectual Property Tribunal of the Supreme People's Court": a unit
            continue
        if previous.lower_ in {"the", "a", "an"}:
            break
        if _ORDINAL.match(previous.text) and start < len(doc) and _capitalised(doc[start]):
            start -= 1  # "the 14th Five-Year Plan", "the 10th Heads Meeting"
            break
        if (
            previous.text == "-"
            and start - 2 >= floor
            and _capitalised(doc[start - 2])
            and not previous.whitespace_
        ):
            start -= 2  # "Five-Year Plan": a hyphenated capitalised word
            continue
        if _capitalised(previous) or (
            previous.lower_ in {"of", "for"} and start - 1 > floor and _capitalised(doc[start - 2])
        ):
            start -= 1
        else:
            break
    return start


def _grow_right(doc: Doc, end: int, ceiling: int, limit: int) -> int:
    grown = 0
    while end < ceiling and grown < limit:
        token = doc[end]
        if _capitalised(token):
            end, grown = end + 1, grown + 1
            continue
        if token.lower_ not in _CONNECTORS or end + 1 >= ceiling:
            break
        following = doc[end + 1]
        heads = _ORG_HEADS | _TREATY_HEADS
        if token.lower_ in {"and", "&"} and (
            following.lower_ == "the" or any(t.lower_ in heads for t in doc[end - grown - 1 : end])
        ):
            break  # "Shenzhen University and the ...", "... of Technology and Tsinghua ...": a new name
        if not (_capitalised(following) or following.lower_ == "the"):
            break
        end, grown = end + 1, grown + 1
    while end > 0 and doc[end - 1].lower_ in _CONNECTORS:
        end -= 1
    return end


def _with_given_name_before(ent: Span) -> Span:
    """ "Luiz Otávio Pimentel" when the NER took only "Otávio Pimentel": a proper noun
    right before a name of two words or more, which no title or other name claims."""
    doc = ent.doc
    if ent.start == 0 or len(ent) < 2:
        return ent
    before = doc[ent.start - 1]
    if (
        before.tag_ == "NNP"
        and before.is_alpha
        and before.text[:1].isupper()
        and not before.text.isupper()
        and not before.ent_type_
        and before.lower_ not in _TITLES
        and before.lower_ not in _NAME_PARTICLES
        and not before.is_sent_start
        and not (ent.start >= 2 and doc[ent.start - 2].lower_ in {"of", "for"})
        # "Trade and Industry Minister X" is a title; "(left) and Ana Margarida Bandeira" not
        and not (
            ent.start >= 3
            and doc[ent.start - 2].lower_ in {"and", "&"}
            and doc[ent.start - 3].text[:1].isupper()
        )
    ):  # not the last word of a title: "Minister of Commerce Majid Al-Kassabi"
        return Span(doc, ent.start - 1, ent.end, label=ent.label_, kb_id=ent.kb_id_)
    return ent


def _with_hyphenated_given_name(ent: Span) -> Span:
    """ "Lee In-sil", "Moon Jae-in": a Korean given name the tagger cut at its hyphen."""
    doc = ent.doc
    for hyphen in (ent.end, ent.end + 1):  # "Moon Jae" + "-in"; "Lee" + "In-sil"
        if hyphen + 1 < len(doc) and doc[hyphen - 1].is_alpha and _glued_hyphen(doc, hyphen):
            return Span(doc, ent.start, hyphen + 2, label=ent.label_)
    return ent


def _glued_hyphen(doc: Doc, i: int) -> bool:
    """A hyphen with no space around it, between a capitalised and a lower-case part."""
    return (
        doc[i].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and doc[i - 1].text[:1].isupper()
        and doc[i + 1].is_alpha
        and doc[i + 1].is_lower
    )


def _with_subject_of_treaty(ent: Span) -> Span:
    """A known treaty's name with what it is on: "Banjul Protocol" + "on Marks" (the
    gazetteer key is kept; the longer form becomes one of its names)."""
    end = _treaty_subject_end(ent.doc, ent.end, ent.sent.end)
    if end == ent.end:
        return ent
    return Span(ent.doc, ent.start, end, label=ent.label_, span_id=ent.id_)


def _treaty_subject_end(doc: Doc, j: int, sent_end: int) -> int:
    """Where "on Patents, Utility Models and Industrial Designs" after a treaty head ends
    (``j`` itself when no such phrase follows)."""
    if not (j + 1 < sent_end and doc[j].lower_ in {"on", "for"} and _capitalised(doc[j + 1])):
        return j
    k = j + 1
    while k < sent_end and (
        _capitalised(doc[k])
        or (
            doc[k].lower_ in {"and", "of", "the", ","}
            and k + 1 < sent_end
            and _capitalised(doc[k + 1])
        )
    ):
        k += 1
    return k


_STATEMENT_HEADS = frozenset({"statement", "declaration", "memorandum", "communique", "communiqué"})


def longer_name(ent: Span) -> Span:
    """The longer name a known name is part of, when the words around it make one:
    "State Council" + "Information Office", "University of" + "California",
    "Shenzhen" + "University", "Geneva" + "Act of the Hague Agreement".

    The span grows over capitalised words and inner connectors ("of the") within the
    sentence; it is kept only if it then ends in an organisation or treaty head word.
    """
    if ent.label_ == "PERSON" and ent[-1].lower_ in _STATEMENT_HEADS:
        # "The 2016 ID5 Joint Statement was adopted": a text the NER took for a person, named
        # with its year and its parties' acronym
        start = ent.start
        while (
            start - 1 >= ent.sent.start
            and (ent.doc[start - 1].text[:1].isupper() or ent.doc[start - 1].like_num)
            and ent.doc[start - 1].lower_ not in {"the", "a", "an", "this"}
        ):
            start -= 1
        return Span(ent.doc, start, ent.end, label="ORG")
    if ent.label_ == "PERSON":
        return _with_given_name_before(_with_hyphenated_given_name(ent))
    if ent.label_ == "Treaty":
        return _with_subject_of_treaty(ent)
    if ent.label_ not in _ORG_LABELS | _PLACE_LABELS:
        return ent
    doc, sent = ent.doc, ent.sent
    start = _grow_left(doc, ent.start, sent.start)
    end = _grow_right(doc, ent.end, sent.end, 8)
    if any(
        t.lower_ in _PLAN_HEADS and doc[t.i + 1].lower_ in {"for", "on"}
        for t in doc[start : ent.start]
    ):
        # "14th Five-Year Plan" + "for the Protection and Application of Intellectual Property"
        return Span(doc, start, ent.end, label="ORG")  # typed by its name: an Initiative
    for stop in range(end, ent.end, -1):
        head = doc[stop - 1].lower_
        if head in _ORG_HEADS:
            if stop + 1 < end and doc[stop].lower_ in {"of", "for"}:
                stop = end  # "University of Technology", "Economic Commission for Africa"
            return Span(doc, start, stop, label="ORG")
        if head in _TREATY_HEADS:
            stop = _treaty_subject_end(doc, stop, sent.end)  # "Banjul Protocol on Marks"
            return Span(doc, start, stop, label="LAW")
    if (
        start < ent.start
        and ent.label_ in _ORG_LABELS
        and any(
            doc[i].lower_ in _ORG_HEADS and doc[i + 1].lower_ == "of"
            for i in range(start, ent.start)
        )
    ):
        return Span(doc, start, ent.end, label="ORG")  # "Tribunal of the Supreme People's Court"
    if (
        ent.label_ in _ORG_LABELS
        and end > ent.end + 1
        and doc[ent.end].lower_ in {"for", "of", "on"}
        and _capitalised(doc[end - 1])
    ):
        # "... Economic Commission" + "for Africa", "European Observatory" + "on Infringements
        # of Intellectual Property Rights"
        return Span(doc, start, end, label="ORG")
    if (
        start < ent.start
        and ent.label_ in _PLACE_LABELS
        and (
            doc[ent.end - 1].lower_ in _ORG_HEADS
            or doc[start].lower_
            in {
                "university",
                "institute",
                "academy",
                "bank",
                "ministry",
                "court",
                "department",
                "college",
            }
        )
    ):
        return Span(doc, start, ent.end, label="ORG")  # "University of California"
    return ent


def split_coordination(ent: Span) -> list[Span]:
    """Two names the NER ran together: "Dalian University of Technology and Tsinghua
    University" (both sides have an organisation head), but not "Patent and Trademark
    Office" or "Ministry of Science and Technology"."""
    if ent.label_ not in _ORG_LABELS:
        return [ent]
    for i in range(ent.start + 1, ent.end - 1):
        if ent.doc[i].lower_ not in {"and", "&"}:
            continue
        left, right = ent.doc[ent.start : i], ent.doc[i + 1 : ent.end]
        if any(t.lower_ in _ORG_HEADS for t in left) and any(t.lower_ in _ORG_HEADS for t in right):
            start = i + 2 if right[0].lower_ == "the" else i + 1
            return [
                Span(ent.doc, ent.start, i, label=ent.label_),
                *split_coordination(Span(ent.doc, start, ent.end, label=ent.label_)),
            ]
    return [ent]


_UNIT_WORDS = frozenset("office bureau directorate division department".split())
_PARENT_WORDS = frozenset(
    "administration ministry commission organization organisation agency".split()
)


def split_unit_of(ent: Span) -> list[Span]:
    """Split "Trademark Office of the State Administration for Industry and Commerce", tagged
    as one name, into the unit and the body it belongs to (the text names both).

    Example: "Trademark Office of the SAIC" -> ["Trademark Office", "SAIC"]; "Office of the
    Chief Economist" (a unit of one word) stays whole.
    """
    if ent.label_ != "ORG":
        return [ent]
    doc = ent.doc
    for i in range(ent.start + 2, ent.end - 3):
        if doc[i].lower_ != "of" or doc[i + 1].lower_ != "the":
            continue
        if doc[i - 1].lower_ not in _UNIT_WORDS:
            continue
        parent = doc[i + 2 : ent.end]
        if len(parent) >= 2 and any(t.lower_ in _PARENT_WORDS for t in parent):
            return [Span(doc, ent.start, i, label="ORG"), Span(doc, i + 2, ent.end, label="ORG")]
    return [ent]


def _university_system(ent: Span) -> Span:
    """ "University of Texas" + "System": a state university system's name."""
    doc = ent.doc
    if (
        ent.label_ in _ORG_LABELS
        and ent[0].lower_ == "university"
        and ent.end < len(doc)
        and doc[ent.end].text == "System"
    ):
        return Span(doc, ent.start, ent.end + 1, label=ent.label_)
    return ent


_IP_PORTFOLIOS = frozenset({"Patents", "Trademarks", "Designs", "Copyright"})


def _person_after_title(ent: Span) -> Span:
    """A name the NER took for an organisation, set off by commas after a title: "SAIP's chief
    executive, Abdulaziz Al-Swailem, has said" names a person."""
    doc = ent.doc
    if (
        ent.label_ == "ORG"
        and not ent.ent_id_
        and ent.start >= 1
        and (ent[0].text in PORTFOLIO_WORDS or ent[0].text in _IP_PORTFOLIOS)
        and doc[ent.start - 1].lower_ in {"and", "for", "&", "of"}
        and 2 <= len(ent) - 1 <= 3
        and all(t.is_title for t in ent[1:])
        and not any(t.lower_ in _ORG_HEADS for t in ent)
        and any(
            t.lower_ in {"minister", "secretary", "commissioner", "registrar", "controller"}
            for t in doc[max(0, ent.start - 8) : ent.start]
        )
    ):
        # "Minister of State for Commerce and [Industry Arun Das]", "Commissioner of [Patents
        # Ofir Alon]": the portfolio's last word glued to the name
        return Span(doc, ent.start + 1, ent.end, label="PERSON")
    if (
        ent.label_ != "ORG"
        or ent.ent_id_
        or ent.start < 2
        or ent.end >= len(doc)
        or doc[ent.start - 1].text != ","
        or doc[ent.end].text != ","
        or doc[ent.start - 2].lower_.strip(".") not in _TITLES
        or not 2 <= len(ent) <= 4
        or not all(t.text[:1].isupper() or t.text == "-" for t in ent)
        or any(t.lower_ in _ORG_HEADS for t in ent)
    ):
        return ent
    return Span(doc, ent.start, ent.end, label="PERSON")


def split_title(ent: Span) -> list[Span]:
    """Split "Ministry of Commerce spokesperson Shu Jueting", tagged as one name, into the
    organisation and the person the title word between them separates."""
    if ent.label_ not in {"ORG", "PERSON"} or len(ent) < 3:
        return [ent]
    lead = ent.start
    while lead < ent.end and ent.doc[lead].lower_.strip(".") in _TITLES:
        lead += 1
    rest = ent.doc[lead : ent.end]
    if (
        ent.label_ == "ORG"
        and lead > ent.start
        and 2 <= len(rest) <= 4
        and all(t.text[:1].isupper() for t in rest)
        and not any(t.lower_ in _ORG_HEADS for t in rest)
    ):
        return [
            Span(ent.doc, lead, ent.end, label="PERSON")
        ]  # "Controller General Unnat P. Pandit"
    for i in range(ent.start + 1, ent.end - 1):
        token = ent.doc[i]
        if token.lower_ not in _SPLIT_TITLES:
            continue
        rest = ent.doc[i + 1 : ent.end]
        if not all(t.text[:1].isupper() for t in rest):
            continue
        if token.text[:1].isupper() and len(rest) < 2:
            continue  # "Office of the Chief Economist" is one name
        return [
            Span(ent.doc, ent.start, i, label="ORG"),
            Span(ent.doc, i + 1, ent.end, label="PERSON"),
        ]
    return [ent]


_SPLIT_TITLES = frozenset(
    "spokesperson spokesman spokeswoman director president commissioner head chief minister "
    "chairman chairwoman official secretary".split()
)


def _mention(span: Span, ent: Span, base: int) -> Mention:
    return Mention(
        span=span,
        start=base + span.start_char,
        end=base + span.end_char,
        text=span.text,
        label=ent.label_,
        gaz_key=ent.ent_id_ or None if ent.label_ in RULER_LABELS else None,
    )
