"""Resolve mentions inside one article to entities with canonical names.

Order of evidence, strongest first:

1. the gazetteer (ruler id or a lookup of the surface form) gives the
   canonical name, class and key;
2. acronym definitions, both ways: "Korean Intellectual Property Office
   (KIPO)" and "KIPO (Korean Intellectual Property Office)"; later uses of
   the acronym resolve to the long form;
3. short forms: a one-word person name ("Wang") resolves to the full name
   that contains it; an organisation name that ends a longer one
   ("Foreign Ministry" in "Chinese Foreign Ministry") resolves to it;
4. otherwise the mention is its own entity, named by its longest form.

Example (conceptual): "the China National Intellectual Property Administration
(CNIPA) said ... CNIPA" -> one entity ``china-national-intellectual-property-
administration`` with the alternative label "CNIPA".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.extract.meeting_places import OTHER_SITTING
from kg.extract.mentions import PORTFOLIO_WORDS, Mention, clean_span, is_non_entity
from kg.extract.syntax import MentionIndex, crosses_phrase, doc_text, place_based
from kg.extract.typing_rules import classify
from kg.gazetteer import Gazetteer, GazetteerEntry, fold_name, is_acronym
from kg.records import is_subclass
from kg.slug import slugify

_STOP = frozenset({"of", "and", "the", "for", "on", "in", "&", "to", "de", "du", "des", "la", "le"})
_ACRONYM_IN_PARENS = re.compile(
    r"\(\s*(?P<acr>[A-Z][A-Za-z&]*[A-Z][A-Za-z&]*?\d{0,2})(?P<plural>s?)\s*\)"
)
_PARENS = re.compile(r"\(\s*(?P<inner>[^()]{3,90}?)\s*\)")
#: Definite nouns that refer back to the last entity of one of these classes.
#: Nominals that stand only for an entity whose name has the word ("the Act": an Act).
_NAMED_BY_HEAD = frozenset(
    {
        *("act", "protocol", "convention", "tribunal", "court", "system", "service", "institute"),
        *("confederation", "association", "federation", "society", "foundation"),
        *("corporation", "commission"),
    }
)
_NOMINAL_HEADS: dict[str, tuple[str, ...]] = {
    "office": ("IPOffice", "GovernmentAgency"),
    "administration": ("IPOffice", "GovernmentAgency"),
    "ministry": ("GovernmentAgency",),
    "tribunal": ("GovernmentAgency",),  # "the tribunal concluded 4,562 cases"
    "court": ("GovernmentAgency",),
    "agency": ("GovernmentAgency", "IPOffice", "InternationalOrganization"),
    # "the service": Russia's Federal Service for Intellectual Property, named with the word
    "service": ("IPOffice", "GovernmentAgency"),
    "institute": ("IPOffice", "GovernmentAgency"),  # "the institute": INPI, IMPI
    "organization": ("InternationalOrganization",),
    # "the confederation", "the association": the organisation so named before
    "confederation": ("Organization",),
    "association": ("Organization",),
    "federation": ("Organization",),
    "society": ("Organization",),
    "foundation": ("Organization",),
    # "the corporation": MyIPO (Intellectual Property Corporation of Malaysia), a firm so named
    "corporation": ("IPOffice", "GovernmentAgency", "Organization", "Company"),
    # "the Commission's Directorate-General": the European Commission named before
    "commission": ("GovernmentAgency", "InternationalOrganization"),
    "organisation": ("InternationalOrganization",),
    "company": ("Company",),
    "firm": ("Company",),
    "country": ("Country",),
    "city-state": ("Country",),
    "capital": ("City",),  # "The capital had 574,000 invention patents in force"
    "kingdom": ("Country",),  # "the Kingdom's most prolific patent holder"
    "republic": ("Country",),
    "archipelago": ("Country",),
    "meeting": ("Event",),
    "conference": ("Event",),
    "forum": ("Event",),
    "summit": ("Event",),
    "symposium": ("Event",),
    "memorandum": ("Agreement",),
    "mou": ("Agreement",),
    "agreement": ("Agreement",),
    "index": ("Index",),
    "report": ("Index",),  # "the report", "the study": the publication named before
    "study": ("Index",),
    "survey": ("Index",),
    "ranking": ("Index",),
    "scoreboard": ("Index",),
    "treaty": ("Treaty",),
    # "the Act", "the Protocol": the last treaty whose name has the word (_NAMED_BY_HEAD)
    "act": ("Treaty",),
    "protocol": ("Treaty",),
    "convention": ("Treaty",),
    "system": ("Treaty",),  # "the system": the Madrid or Hague system named before
}
#: a word of a person's name: "Wenbin", "Al-Swailem", "O'Neill", "Lee In-sil"'s "In-sil"
_NAME_WORD = r"[A-Z][a-zà-ÿ'’]+(?:-[A-Z]?[a-zà-ÿ'’]+)*"
_TITLED_NAME = re.compile(
    rf"(?<![\w-])(?P<name>{_NAME_WORD}(?: {_NAME_WORD}){{1,2}}), (?:the |a |an )?"
    r"(?:[A-Z][\w.]*(?:'s|’s) )?"  # "Socorro Flores Liera, Mexico's ambassador"
    r"(?:[a-z-]+ ){0,2}(?:(?:Under|Deputy|Vice|Assistant|Permanent) )?"
    r"(?:Commissioner|Director|President|Minister|Secretary|Chairman|Chairwoman|"
    r"Chair|Head|Chief|CEO|Ambassador|Governor|Administrator|Registrar|Deputy|Vice|"
    r"spokesperson|spokesman|spokeswoman|director|president|commissioner|head|chief|minister|"
    r"official|officer|judge|registrar|professor|researcher|founder|chairman|executive|"
    r"ambassador|member of)\b"
)
#: "MOFCOM spokesperson He Yadong", "DPMA President Eva Schewior": a name right after a title
_NAME_AFTER_TITLE = re.compile(
    r"\b(?:[Ss]pokes(?:person|man|woman)|Commissioner|Director[- ]General|(?:Executive )?Director|"
    r"President|Vice[- ]President|Minister|Secretary[- ]General|Chairman|Chairwoman|CEO|"
    r"Ambassador|Registrar|Judge|Justice|Administrator|Governor|Controller General) "
    # the name ends where the sentence goes on in lower case ("Director General Bemanya
    # Twebaze to OAPI's headquarters")
    rf"(?P<name>{_NAME_WORD}(?: {_NAME_WORD}){{1,2}})(?=[,.;:]| [a-z])"
)
_COMPANY_NOUNS = frozenset(
    """company firm maker manufacturer carmaker automaker chipmaker giant group groups insurer bank
    conglomerate startup start-up developer supplier vendor producer retailer contractor
    corporation multinational brand""".split()
)


def _company_context(span: Span) -> bool:
    """Words next to a mention that say it is a company."""
    doc = span.doc
    i = span.start - 1
    while (
        i >= span.sent.start
        and (doc[i].pos_ in {"ADJ", "PROPN", "NOUN"} and doc[i].lower_ not in _COMPANY_NOUNS)
        and span.start - i < 4
    ):
        i -= 1
    if i >= span.sent.start and doc[i].lower_ in _COMPANY_NOUNS and doc[i].pos_ == "NOUN":
        return True  # "telecommunications company Huawei", "U.S. chipmaker Qualcomm"
    after = doc[span.end : min(span.end + 8, span.sent.end)]
    words = [t.lower_ for t in after]
    if words[:1] and words[0] in {"executives", "shareholders", "employees", "engineers", "stock"}:
        return True
    if (
        words[:2]
        and words[0] in {"'s", "’s"}
        and words[1]
        in {"chief", "ceo", "executives", "shares", "revenue", "headquarters", "employees"}
    ):
        return True
    if words[:1] == [","]:  # "Acme, a U.S. chipmaker,"
        for token in after[1:]:
            if token.lower_ in _COMPANY_NOUNS and token.pos_ == "NOUN":
                return True
            if token.text == "," or token.pos_ == "VERB":
                break
    return False


# "Madrid applications", "Hague filings": the city names the filing system
_FILING_NOUNS = frozenset(
    """application filing registration designation renewal member membership route union
    user applicant mark trademark design accession""".split()
)
_TOWN_NOUNS = frozenset("town city capital village port municipality resort".split())


def _town_context(span: Span) -> bool:
    """ "the resort town of Victoria Falls", "the city of Chongqing", "the Newport-based
    Office": a named place."""
    doc = span.doc
    after = doc[span.end : span.end + 2]
    if len(after) == 2 and after[0].text == "-" and after[1].lower_ in {"based", "headquartered"}:
        return not after[0].whitespace_ and not span[-1].whitespace_
    if span.start < 2 or doc[span.start - 1].lower_ != "of":
        return False
    return doc[span.start - 2].lower_ in _TOWN_NOUNS


_AGENCY_UNIT_AFTER = re.compile(
    r"^(?: \([^()]{1,15}\))?, (?:the |an? )(?:[a-z-]+ ){0,2}(?:arm|agency|bureau|division|unit|"
    r"directorate|department|branch) of (?:the )?(?:US |U\.S\. |UK )?$"
)


def _agency_unit_context(mention: Mention, mentions: list[Mention], agencies: set[str]) -> bool:
    """ "Homeland Security Investigations (HSI), the investigative arm of US Immigration and
    Customs Enforcement": a unit of a government agency is an agency, not the firm a short
    name without an institutional word is taken for."""
    doc = mention.span.doc
    nxt = next(
        (
            m
            for m in mentions
            if m.span.doc is doc
            and m.span.start_char >= mention.span.end_char
            and m.key
            and m.key not in {mention.key}
            and m.cls not in {"Country"}
        ),
        None,
    )
    if nxt is None or nxt.key not in agencies:
        return False
    between = doc.text[mention.span.end_char : nxt.span.start_char]
    return bool(_AGENCY_UNIT_AFTER.match(between))


def _names_a_sitting(mention: Mention) -> bool:
    """A name used to qualify a sitting or a treaty ("the United Nations conference")."""
    root = mention.span.root
    return root.dep_ == "compound" and root.head.lemma_.lower() in {
        "conference",
        "meeting",
        "summit",
        "forum",
        "session",
        "assembly",
        "convention",
        "treaty",
    }


def _modifier_use(mention: Mention) -> bool:
    """A name used to describe another thing ("its Android-based operating system")."""
    return mention.span.root.dep_ in {"npadvmod", "amod"}


#: Nouns that describe a person right before the name: "patent litigator Kathi Vidal"
_PERSON_NOUNS = frozenset(
    """litigator lawyer attorney economist inventor professor judge engineer scientist
    researcher entrepreneur designer artist athlete skier diver singer author composer
    songwriter founder co-founder""".split()
)


def _person_context(span: Span) -> bool:
    """A two- or three-word name in title case right after a noun for a person."""
    words = span.text.split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w[1:].islower() for w in words):
        return False
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.lower_ in _PERSON_NOUNS


def _region_of_city(span: Span, mentions: list[Mention]) -> bool:
    """ "Antipolo, Rizal, kept the No. 1 spot", "Alexandria, Virginia, where ...": a one- or
    two-word name set off by commas right after a city is the region the city is in (a list of
    cities goes on with another name: "Shenzhen, Guangzhou, Beijing and ...")."""
    doc = span.doc
    if len(span) > 2 or span.start < 2 or doc[span.start - 1].text != ",":
        return False
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return False
    after = doc[span.end + 1]
    if after.pos_ == "PROPN" or after.lower_ in {"and", "or"}:
        return False
    before = doc[span.start - 2]
    city = next((m for m in mentions if m.span.start <= before.i < m.span.end), None)
    if city is None or city.cls != "City" or city.span.end != span.start - 1:
        return False
    # not itself in a list: "Paris, Lyon, Nice, ..." (the name before the city is no list item)
    first = city.span.start
    if first >= 2 and doc[first - 1].text in {",", ";"}:
        listed = next((m for m in mentions if m.span.end == first - 1), None)
        return listed is None or listed.cls not in {"City", "Region", "Country"}
    return True


def _coordinated_with(mention: Mention, index: MentionIndex) -> list[Mention]:
    """The other mentions in the same coordination ("A, B and C") as ``mention``."""
    root = mention.span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    members = [root, *[t for t in root.subtree if t.dep_ == "conj" and t.head.i != t.i]]
    found: list[Mention] = []
    for token in members:
        other = index.at(token)
        if other is not None and other is not mention and other not in found:
            found.append(other)
    return found


_SIDE_PREPS = frozenset({"in", "at", "from", "of"})
_SIDE_CLAUSES = frozenset({"relcl", "acl", "advcl"})


_SIGN_VERBS = frozenset(
    "sign ink conclude renew adopt issue release reach seal extend initial finalize finalise".split()
)


_AGREEMENT_HEADS = frozenset(
    "memorandum mou agreement statement arrangement accord letter plan".split()
)


def _agreement_kind(token: Token) -> str | None:
    """The kind of agreement a noun names: "memorandum (of understanding)", "MoU", "joint
    statement", "cooperation agreement", "letter of intent", "work plan"."""
    lemma = token.lemma_.lower()
    if lemma not in _AGREEMENT_HEADS:
        return None  # read for every token of an article: leave the children alone
    mods = {c.lower_ for c in token.children if c.dep_ in {"amod", "compound"}}
    if lemma in {"memorandum", "mou"}:
        return "Memorandum of Understanding"
    if lemma == "agreement":
        return "Cooperation Agreement" if "cooperation" in mods else "Agreement"
    if lemma == "statement" and "joint" in mods:
        return "Joint Statement"
    if lemma in {"arrangement", "accord"}:
        return lemma.title()
    if lemma == "letter" and "intent" in token.doc[token.i : token.i + 4].text.lower():
        return "Letter of Intent"
    if lemma == "plan" and mods & {"work", "action", "cooperation"}:
        return "Work Plan"
    return None


_EVENT_HEAD = (
    r"Meeting|Conference|Forum|Summit|Symposium|Congress|Assembly|Expo|Exhibition|Fair|Dialogue|"
    r"Roundtable|Workshop|Seminar|Week|Session|Talks|Games|Olympiad|Awards|Festival"
)
#: "the 45th session of the ARIPO Administrative Council", "the 62nd series of meetings of the
#: WIPO Assemblies": a numbered sitting of a body is an event
_ORDINAL_EVENT = re.compile(
    r"(?P<name>\d+(?:st|nd|rd|th) (?:(?:[Oo]rdinary |[Ee]xtraordinary |[Pp]lenary )?[Ss]ession|"
    r"[Ss]eries of [Mm]eetings|[Mm]eeting|[Rr]ound) of (?:the )?[A-Z][\w&'’-]*"
    r"(?: (?:(?:of|and|for|on|the) )*(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b)[A-Z][\w&'’-]*)*(?: member states)?)"
)
#: "the 16th IP5 Heads of Office meeting", "the 12th China-ASEAN conference": a numbered
#: sitting named by its body, the head word in lower case
#: Words that make "the meeting" another sitting than the one just named.
_OTHER_TIME = OTHER_SITTING
_ORDINAL_NAMED_EVENT = re.compile(
    r"(?P<name>\d+(?:st|nd|rd|th) (?:(?:annual|yearly|ordinary|plenary) )?[A-Z][\w&'’.-]*"
    r"(?: (?:[A-Z][\w&'’.-]*|of|and|on|for|the))*? "
    r"(?:meeting|conference|summit|forum|symposium|session|talks|congress|dialogue|roundtable|"
    r"workshop|seminar))\b"
)
#: "the second annual meeting of the Industrial Design 5 (ID5) forum", "this year's annual
#: meeting of the TM5": a sitting named by its body (a spelled ordinal or "annual" required)
_BODY_MEETING = re.compile(
    r"(?P<name>(?:(?P<ord>\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|"
    r"eighth|ninth|tenth|eleventh|twelfth) )?(?P<annual>(?:annual|yearly|ordinary|plenary) )?"
    r"(?P<head>meeting|session|conference|summit) of (?:the )?"
    r"(?P<body>[A-Z][\w&'’-]*(?: (?:(?:of|and|for|on|the) )*[A-Z0-9][\w&'’-]*)*"
    r"(?: \([A-Z][\w&-]*\))?(?: (?:forum|group|network|partners))?))"
)
#: "Operation Fake Star", "Operation Pangea XVI": a named enforcement operation
_OPERATION_NAME = re.compile(r"(?P<name>\bOperation(?: [A-Z][\w'’-]*)+)")
_EVENT_NAME = re.compile(
    r"(?P<name>(?:\d+(?:st|nd|rd|th) )?(?:(?:annual|yearly) )?"
    r"(?:[A-Z][\w&'’.-]*|\d{4})(?: (?:[A-Z][\w&'’.-]*|of|and|on|for|the|\d{4}))*? "
    rf"(?:{_EVENT_HEAD})(?: \d{{4}})?"
    # "10th Heads Meeting of BRICS IP Offices", "Conference of the Parties"
    r"(?: of (?:the )?[A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*| of [A-Z][\w&'’.-]*){0,5}"
    # "Diplomatic Conference to Conclude and Adopt a Design Law Treaty" (WIPO's naming)
    r"| to [A-Z][a-z]+(?: and [A-Z][a-z]+)? (?:an? |the )?(?:[A-Z][\w'’-]* ){0,5}"
    r"(?:Treaty|Convention|Protocol|Agreement|Instrument)(?: on [A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,4})?)?)\b"
)


_REPORT_WORD = (
    r"(?:Report|Index|Review|Survey|Scoreboard|Outlook|Indicators|Yearbook|Ranking|Rankings|Study|"
    r"List|Assessment)"
)
_REPORT_NAME_WORD = r"(?:[A-Z][\w&'’.+/-]*|\d{1,3}(?:,\d{3})*)"
#: "the Brand Finance Global 500 2024 ranking", "the Australian IP Report 2024"
_REPORT_NAME = re.compile(
    rf"(?P<name>{_REPORT_NAME_WORD}(?: (?:{_REPORT_NAME_WORD}|(?:of|on|for)(?: the)?|and))*? (?:19|20)\d{{2}})"
    rf"(?= (?:ranking|rankings|list|league table|report|index|edition|survey|study)\b)"
    rf"|(?P<name2>{_REPORT_NAME_WORD}(?: (?:{_REPORT_NAME_WORD}|(?:of|on|for)(?: the)?|and))*? {_REPORT_WORD} "
    r"(?:19|20)\d{2})\b"
    # "IFI's 2022 US Top 50", "the NAI's Top 100": a list a possessive names
    r"|\b(?!World)[A-Z][A-Za-z.&-]*['’]s "
    r"(?P<name3>(?:19|20)\d{2} (?:U\.?S\.? |Global |World )?Top \d{1,3}(?: [A-Z][\w.&-]*)*"
    r"|(?:U\.?S\.? |Global |World )?Top \d{1,3}(?: [A-Z][\w.&-]*)+(?: (?:19|20)\d{2})?)\b"
)
#: "the report, "Hydrogen patents for a clean energy future"", "the "Top 100" study": a
#: publication titled in quotes
_PUBLICATION = r"(?:report|study|survey|white paper|paper|review|publication|ranking|index)"
_QUOTED_REPORT = re.compile(
    rf"\b{_PUBLICATION}(?:,| titled| entitled| called| named)? [\"“](?P<name>[^\"”\n]{{8,140}}?)"
    rf"[\"”]|[\"“](?P<name2>[^\"”\n]{{8,140}}?)[\"”] {_PUBLICATION}\b",
    re.IGNORECASE,
)
_QUOTED_WORK = re.compile(
    r"\b(?:invention|patent|book|song|film|work|paper|article|product|mark|trademark)s? "
    r"(?:titled|entitled|called|named) [\"“](?P<name>[^\"”\n]{3,140}?)[\"”]",
    re.IGNORECASE,
)
_PORTFOLIO_BEFORE = re.compile(
    r"(?<![\w-])(?P<before>[A-Z][a-z]+(?:(?:,| and| &)? [A-Z][a-z]+){0,3}) Minister\b"
    r"(?P<after>)"
)
_PORTFOLIO_AFTER = re.compile(
    r"(?P<before>)\bMinister (?:of|for) (?P<after>[A-Z][a-z]+(?:(?:,| and| &)? [A-Z][a-z]+){0,3})"
    r"(?=[,.;)]| [a-z]| [A-Z][a-z]+ [A-Z])"
)
_YEAR_END = re.compile(r" (?:19|20)\d{2}$")
_MONTH_WORDS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec fiscal fy q1 q2 q3 q4 h1 h2""".split()
)


@dataclass
class EntityDraft:
    """An entity being assembled from its mentions."""

    key: str
    label: str
    cls: str
    forms: list[str] = field(default_factory=list)
    gaz_key: str | None = None
    mentioned: bool = True
    fixed: bool = False  # the label was composed by kg (agreements): keep it
    pinned_key: bool = False  # the key says more than the label (a namesake's country)

    def add_form(self, form: str) -> None:
        form = _strip_the(form)
        if form and form not in self.forms:
            self.forms.append(form)


def _strip_the(text: str) -> str:
    text = " ".join(text.split())
    return text[4:] if text.lower().startswith("the ") else text


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s\-/]+", text.replace("’", "'")) if w]


def _concept_before(before: str, acronym: str) -> bool:
    """Whether the words before "(ACR)" spell it in lower case: "Utility model (UM)", "new-energy
    vehicles (NEVs)" define a term's short form, not a name."""
    words = _words(before)[-8:]
    for n in range(2, len(words) + 1):
        text = " ".join(words[-n:])
        if acronym_matches(acronym, text):
            return any(w[0].islower() and w.lower() not in _STOP for w in words[-n:])
    return False


def acronym_matches(acronym: str, long_form: str, inner: bool = False) -> bool:
    """True when the acronym's letters are the initials of the long form, in order.

    Words may contribute more than their first letter when written in capitals
    (UK -> "UK" in UKIPO); stop words may be skipped.

    Example:
        >>> acronym_matches("KIPO", "Korean Intellectual Property Office")
        True
        >>> acronym_matches("NEV", "new-energy vehicles")
        True
        >>> acronym_matches("IPO", "UK Intellectual Property Office")
        True
    """
    number = re.search(r"\d+$", acronym)
    if number and re.search(rf"\s{number.group()}$", long_form.strip()):
        # "Industrial Design 5 (ID5)": the number is the last word
        acronym, long_form = acronym[: number.start()], long_form.strip()[: -len(number.group())]
    letters = [c.lower() for c in acronym if c.isalpha()]
    if acronym.endswith("s") and not acronym[-2:-1].islower() and len(letters) > 2:
        letters = letters[:-1]  # plural acronym (NEVs)
    words = _words(long_form)
    if not words or len(letters) < 2:
        return False

    def match(li: int, wi: int, syllabic: bool, inner: bool = False) -> bool:
        if li == len(letters):
            return all(w.lower() in _STOP for w in words[wi:])
        if wi == len(words):
            return False
        word = words[wi]
        caps = [c.lower() for c in word if c.isupper()]
        options = []
        if word[:1].lower() == letters[li]:
            options.append(1)
        if len(caps) > 1 and letters[li : li + len(caps)] == caps:
            options.append(len(caps))
        if syllabic:  # MOFCOM = Ministry Of Commerce: words give the start of their letters
            options.extend(
                k
                for k in range(2, len(word) + 1)
                if word[:k].lower() == "".join(letters[li : li + k])
            )
        if (
            inner
            and word[:1].lower() == letters[li]
            and li + 1 < len(letters)
            and letters[li + 1] in word[1:].lower()
        ):
            options.append(2)  # "Eurasian Patent Convention (EAPC)": a letter from inside
        for used in options:
            if match(li + used, wi + 1, syllabic, inner):
                return True
        return word.lower() in _STOP and match(li, wi + 1, syllabic, inner)

    if match(0, 0, False) or match(0, 0, True):
        return True
    # ``inner``: right before "(EAPC)" a word may give a letter from inside it ("Eurasian")
    if inner and len(letters) >= 3 and len(words) >= 2 and match(0, 0, False, inner=True):
        return True
    # "UK Intellectual Property Office (IPO)", "U.S. Patent and Trademark Office (PTO)": a
    # country's short code before the name is often left out of the acronym
    first = words[0]
    if len(words) > 2 and ((first.isupper() and len(first) <= 3) or first.endswith(".")):
        return match(0, 1, False)
    return False


class ArticleEntities:
    """Entity drafts for one article and the mapping from mentions to them."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.drafts: dict[str, EntityDraft] = {}
        self.aliases: dict[str, str] = {}  # acronym / alias surface -> key
        self.mentions: list[Mention] = []
        #: (agreement key, party keys, the token naming it) for the relation stage
        self.agreements: list[tuple[str, list[str], Token]] = []
        #: event key -> the body whose sitting it is ("annual meeting of the TM5" -> TM5)
        self.event_bodies: dict[str, str] = {}

    # -- building ---------------------------------------------------------------------
    def _draft_for_gazetteer(self, gaz_key: str) -> EntityDraft:
        entry = self.gaz.entries[gaz_key]
        draft = self.drafts.get(entry.key)
        if draft is None:
            draft = EntityDraft(entry.key, entry.name, entry.cls, gaz_key=entry.key)
            self.drafts[entry.key] = draft
        return draft

    def _yearly_lookup(self, text: str):
        """The yearly series a name with a year belongs to ("GII 2023" -> the GII)."""
        base = re.sub(r"\s+(?:19|20)\d{2}$", "", text)
        entry = self.gaz.lookup(base) if base != text else None
        return entry if entry is not None and entry.yearly else None

    def _edition_draft(self, gaz_key: str, year: str) -> EntityDraft:
        """One edition of a yearly index ("Global Innovation Index 2023"): its own entity,
        keeping the series' gazetteer entry for class and publisher."""
        entry = self.gaz.entries[gaz_key]
        label = f"{entry.name} {year}"
        key = slugify(label)
        draft = self.drafts.get(key)
        if draft is None:
            draft = EntityDraft(key, label, entry.cls, gaz_key=entry.key)
            self.drafts[key] = draft
        return draft

    def _series_into_editions(self) -> None:
        """In an article that names one edition, the bare series name means that edition."""
        for series in list(self.drafts.values()):
            entry = self.gaz.get(series.gaz_key)
            if entry is None or not entry.yearly or series.key != entry.key:
                continue
            editions = [
                d for d in self.drafts.values() if d.gaz_key == entry.key and d is not series
            ]
            if len(editions) != 1:
                continue
            edition = editions[0]
            for mention in self.mentions:
                if mention.key == series.key:
                    mention.key = edition.key
            for form in series.forms:
                edition.add_form(form)
            del self.drafts[series.key]

    def ensure_gazetteer_entity(self, gaz_key: str, mentioned: bool = False) -> EntityDraft:
        """A gazetteer entity the article implies (an office's country) without naming it."""
        existed = self.gaz.entries[gaz_key].key in self.drafts
        draft = self._draft_for_gazetteer(gaz_key)
        draft.mentioned = (draft.mentioned or mentioned) if existed else mentioned
        return draft

    def _new_draft(self, text: str, cls: str) -> EntityDraft:
        label = _strip_the(text)
        key = slugify(label)
        draft = self.drafts.get(key)
        if draft is None:
            draft = EntityDraft(key, label, cls)
            self.drafts[key] = draft
        return draft

    def attach(self, mention: Mention, draft: EntityDraft, form: bool = True) -> None:
        mention.key, mention.cls = draft.key, draft.cls
        draft.mentioned = True
        if form and not mention.is_demonym:
            draft.add_form(mention.text)
        self.mentions.append(mention)

    def _filing_system(self, mention: Mention) -> GazetteerEntry | None:
        """The treaty system a city names before a filing noun ("Madrid applications",
        "Hague filings", "Lisbon registrations"), or None."""
        doc, end = mention.span.doc, mention.span.end
        if mention.label not in {"City", "GPE"} or end >= len(doc):
            return None
        system = doc[end].lower_ == "system"  # "The Hague System": the ruler took the city
        if doc[end].lemma_.lower() not in _FILING_NOUNS and not system:
            return None
        name = mention.text.removeprefix("The ").removeprefix("the ")
        entry = self.gaz.lookup(f"{name} System")
        if entry is None or entry.cls != "Treaty":
            return None
        if system:
            base = mention.start - mention.span.start_char
            span = Span(doc, mention.span.start + (mention.text != name), end + 1)
            mention.span, mention.text = span, span.text
            mention.start, mention.end = base + span.start_char, base + span.end_char
        return entry

    def _possessive_country(self, mention: Mention) -> str | None:
        """The country key of a "<Country>'s" just before a mention, or None."""
        doc, start = mention.span.doc, mention.span.start
        if start < 2 or doc[start - 1].text not in {"'s", "’s"}:
            return None
        country = self.gaz.get(doc[start - 2].ent_id_ or None)
        return country.key if country is not None and country.cls == "Country" else None

    def _owning_country(self, mention: Mention) -> str | None:
        """The country of "<Country>'s <name>", or of "the country's <name>" (the last country
        named before it)."""
        found = self._possessive_country(mention)
        doc, start = mention.span.doc, mention.span.start
        if (
            found is None
            and start >= 2
            and doc[start - 1].text in {"'s", "’s"}
            and (doc[start - 2].lower_ == "country")
        ):
            countries = [
                m
                for m in self.mentions
                if m.cls == "Country" and m.key and m.span.doc is doc and m.end <= mention.start
            ]
            found = max(countries, key=lambda m: m.end).key if countries else None
        return found

    def _own_country_office(self, mention: Mention) -> bool:
        """Whether a country's possessive names the country of the gazetteer entity the
        mention resolved to ("Chile's INAPI (Instituto Nacional de Propiedad Industrial)": the
        name in parentheses is the office's own-language name, not another body)."""
        draft = self.drafts.get(mention.key or "")
        entry = self.gaz.get(draft.gaz_key) if draft else None
        country = self._possessive_country(mention)
        return bool(entry and country and entry.country == country)

    def _foreign_namesake(
        self, mention: Mention, entry: GazetteerEntry | None
    ) -> EntityDraft | None:
        """ "Portugal's National Institute of Industrial Property" when the gazetteer knows
        only Brazil's institute of that name: an entity of its own, named with its country
        ("National Institute of Industrial Property (Portugal)"), or None."""
        country = self._possessive_country(mention)
        if country is None or (entry is not None and entry.country in {None, country}):
            return None
        cls = entry.cls if entry is not None else classify(mention.text, mention.label)
        if entry is None and re.search(
            r"\b(?:Intellectual|Industrial) Property\b|\bPatents?\b|\bTrade ?marks?\b",
            mention.text,
        ):
            cls = "IPOffice"  # a country's "Industrial Property Institute" is its IP office
        if cls not in {"IPOffice", "GovernmentAgency"}:
            return None
        if self.gaz.national(mention.text, country) is not None:
            return None  # the gazetteer knows this country's one too (resolved as such)
        place = self.gaz.entries[country]
        words = set(mention.text.split())
        if words & {*place.names, *place.demonyms} or any(w in mention.text for w in place.names):
            return None  # "China's China National ...": the name says its country
        # the label is the name as written; the key carries the country, which keeps it
        # apart from namesakes in other articles (Brazil's and Portugal's institutes)
        label = _strip_the(mention.text)
        key = slugify(f"{label} {place.name}")
        if key not in self.drafts:
            self.drafts[key] = EntityDraft(key, label, cls, pinned_key=True)
        return self.drafts[key]

    def _national_lookup(self, mention: Mention) -> GazetteerEntry | None:
        """The office a country's possessive names ("Brazil's National Institute of
        Industrial Property", "Japan's Patent Office"), or None."""
        country = self._possessive_country(mention)
        return self.gaz.national(mention.text, country) if country else None

    def resolve(self, docs: list[tuple[int, Doc]], mentions: list[Mention]) -> None:
        """Resolve every mention (all chunks of one article) in the order of the evidence."""
        pending: list[Mention] = []
        for mention in mentions:
            entry = self.gaz.get(mention.gaz_key) or self.gaz.lookup(mention.text)
            entry = self._filing_system(mention) or entry
            if entry is None:
                entry = self._yearly_lookup(mention.text) or self._national_lookup(mention)
            foreign = self._foreign_namesake(mention, entry)
            if foreign is not None:
                self.attach(mention, foreign)
                continue
            if entry is None:
                pending.append(mention)
                continue
            year = re.search(r"\b((?:19|20)\d{2})$", mention.text) if entry.yearly else None
            if entry.yearly and year is None:
                # "the Global Innovation Index (GII) 2022": the edition after the acronym
                doc = mention.span.doc
                year = re.match(
                    r"\s*\([A-Z][A-Za-z]{1,8}\)\s+((?:19|20)\d{2})\b",
                    doc.text[mention.span.end_char : mention.span.end_char + 20],
                )
            if year:
                self.attach(mention, self._edition_draft(entry.key, year.group(1)))
            else:
                self.attach(mention, self._draft_for_gazetteer(entry.key))
        pending = self._event_names(docs, pending)
        pending = self._report_names(docs, pending)
        pending = self._titled_persons(docs, pending)
        pending = self._acronym_definitions(docs, pending)
        persons = [m for m in pending if m.label == "PERSON" and len(m.span) > 1]
        for mention in persons:
            cls = classify(mention.text, mention.label)
            if cls:
                self.attach(mention, self._new_draft(mention.text, cls))
        self._surnames_taken_for_places(persons)
        for mention in pending:
            if mention.key:
                continue
            target = self._short_form_target(mention)
            if target is not None:
                self.attach(mention, target)
                continue
            cls = classify(mention.text, mention.label)
            if cls is None:
                continue
            self.attach(mention, self._new_draft(mention.text, cls))
        self._short_names_said_first()
        self._portfolio_ministries(docs)
        self._agreements(docs)
        self._alias_tokens(docs)
        self._body_meetings(docs)
        self._nominal_references(docs)
        self._series_into_editions()
        self._type_from_context()
        for mention in self.mentions:  # classes the context changed reach every mention
            if mention.key in self.drafts:
                mention.cls = self.drafts[mention.key].cls
        self._fix_labels()

    def _acronym_definitions(
        self, docs: list[tuple[int, Doc]], pending: list[Mention]
    ) -> list[Mention]:
        """Record "Long Name (ACR)" and "ACR (Long Name)" pairs; returns mentions still open."""
        by_end = {(m.span.doc, m.span.end_char): m for m in [*self.mentions, *pending]}
        by_start = {(m.span.doc, m.span.start_char): m for m in [*self.mentions, *pending]}
        concepts: set[str] = set()
        for base, doc in docs:
            text = doc_text(doc)
            for match in _ACRONYM_IN_PARENS.finditer(text):
                acronym = match.group("acr")
                before = text[: match.start()].rstrip()
                owner = by_end.get((doc, len(before)))
                if owner is None:
                    owner = self._mention_from_words(doc, base, before, acronym)
                    if owner is not None:
                        pending.append(owner)
                if owner is None:
                    if self.gaz.lookup(acronym) is None and _concept_before(before, acronym):
                        concepts.add(acronym)  # "Utility model (UM) filings": no name
                    continue
                # (letters from inside words only for acronyms the gazetteer gives no owner:
                # "Eurasian Patent Office (EAPO)" is the office of the EAPO, not the EAPO)
                inner = self.gaz.lookup(acronym) is None
                if not acronym_matches(acronym, owner.text, inner=inner):
                    # "Brazil's National Institute of Industrial Property (INPI)": letters from
                    # the name in its own language; the known office still owns its acronym
                    held = self.gaz.lookup(acronym)
                    draft = self.drafts.get(owner.key or "")
                    country = self._owning_country(owner) if owner.key is None else None
                    national = self.gaz.national(owner.text, country) if country else None
                    if national is not None:
                        # "the country's National Institute of Industrial Property (INPI)"
                        # after Brazil: Brazil's institute, its letters in Portuguese
                        self.attach(owner, self._draft_for_gazetteer(national.key), form=False)
                        self.aliases[acronym] = national.key
                        self._claim_acronym(acronym, national.key)
                    elif draft and held and held.cls == draft.cls:
                        # "Brazil's National Institute of Industrial Property (INPI)", and
                        # "Portugal's ... (INPI)" (an office the gazetteer does not know): the
                        # article's office owns the letters, not France's INPI
                        draft.add_form(acronym)
                        self.aliases[acronym] = draft.key
                        self._claim_acronym(acronym, draft.key)
                    elif (
                        draft is None
                        and held is not None
                        and owner.label == "ORG"
                        and classify(owner.text, owner.label) == held.cls
                        # "the country's National Institute of Industrial Property (INAPI)":
                        # the office of the country named before, if the letters are its own
                        and self._owning_country(owner) == held.country is not None
                        # "the IP Tribunal of the Supreme People's Court (SPC)": the letters
                        # are the tail's, another body's
                        and not any(
                            acronym_matches(acronym, " ".join(_words(owner.text)[i:]))
                            for i in range(1, len(_words(owner.text)))
                        )
                    ):
                        # "the country's National Institute of Industrial Property (INAPI)": an
                        # office known by its own-language letters; the name is that office's
                        self.attach(owner, self._draft_for_gazetteer(held.key), form=False)
                        self.aliases[acronym] = held.key
                    elif held is None and acronym.isalpha() and 3 <= len(acronym) <= 8:
                        # "the General Secretariat of the Andean Community (SGCAN)", "the
                        # Brazilian Micro and Small Business Support Service (SEBRAE)": an
                        # organisation's acronym in its own language
                        if owner.key is None and owner.label == "ORG":
                            cls = classify(owner.text, owner.label)
                            if cls and is_subclass(cls, "Organization"):
                                self.attach(owner, self._new_draft(owner.text, cls))
                        draft = self.drafts.get(owner.key or "")
                        if draft is not None and is_subclass(draft.cls, "Organization"):
                            draft.add_form(acronym)
                            self.aliases[acronym] = draft.key
                            self._claim_acronym(acronym, draft.key)
                    continue
                if owner.key is None:
                    entry = self.gaz.lookup(acronym)
                    possessor = self._possessive_country(owner)
                    if entry is not None and possessor and entry.country not in {None, possessor}:
                        entry = None  # "Mozambique's Industrial Property Institute (IPI)": not
                        # the Swiss IPI that the gazetteer knows by the same letters
                    cls = classify(owner.text, owner.label) if entry is None else entry.cls
                    if entry is not None:
                        self.attach(owner, self._draft_for_gazetteer(entry.key))
                    elif cls:
                        self.attach(owner, self._new_draft(owner.text, cls))
                if owner.key:
                    self.aliases[acronym] = owner.key
                    self.drafts[owner.key].add_form(acronym)
                    # the article's own definition wins over the gazetteer's holder of the
                    # letters ("Mozambique's Industrial Property Institute (IPI)")
                    self._claim_acronym(acronym, owner.key)
            for match in _PARENS.finditer(text):
                before = text[: match.start()].rstrip()
                short = by_end.get((doc, len(before)))
                inner = match.group("inner")
                if short is None or " " in short.text or not acronym_matches(short.text, inner):
                    continue
                long_mention = by_start.get((doc, match.start("inner")))
                if (
                    short.key
                    and fold_name(inner) not in {fold_name(f) for f in self._names_of(short.key)}
                    and not self._own_country_office(short)
                ):
                    # The article defines the acronym itself ("NIPO (Northland ...)"): that sense
                    # wins over a gazetteer entry that spells the same letters.
                    self._detach(short)
                if long_mention is not None and long_mention.key is None:
                    entry = self.gaz.lookup(long_mention.text)
                    if entry is not None:
                        self.attach(long_mention, self._draft_for_gazetteer(entry.key))
                    else:
                        cls = classify(long_mention.text, long_mention.label) or "Organization"
                        self.attach(long_mention, self._new_draft(long_mention.text, cls))
                if long_mention is not None and long_mention.key:
                    draft = self.drafts[long_mention.key]
                elif short.key:
                    draft = self.drafts[short.key]
                    draft.add_form(inner)
                    if not draft.gaz_key:
                        draft.label = _strip_the(inner)
                else:
                    draft = self._new_draft(inner, classify(inner, "ORG") or "Organization")
                self.aliases[short.text] = draft.key
                if short.key is None:
                    self.attach(short, draft)
        return [m for m in pending if m.key is None and m.text not in concepts]

    def _named_with(self, key: str, word: str) -> bool:
        """Whether one of an entity's names has the word ("Rospatent" is the Federal Service
        for Intellectual Property, so "the service" can stand for it)."""
        return word in key.split("-") or any(
            word in name.lower().split() for name in self._names_of(key)
        )

    def _names_of(self, key: str) -> list[str]:
        draft = self.drafts[key]
        entry = self.gaz.get(draft.gaz_key)
        return [draft.label, *draft.forms, *(entry.names if entry else ())]

    def _surnames_taken_for_places(self, persons: list[Mention]) -> None:
        """ "Director General Josephine Santiago ... Santiago told the assembly": a place name
        the gazetteer matched that is the surname of a person named before, and the subject
        of a clause, is that person."""
        for mention in list(self.mentions):
            if mention.cls not in {"City", "Region"}:
                continue
            if mention.span.root.dep_ not in {"nsubj", "nsubjpass"}:
                continue  # "flew to Santiago", "in Santiago": the place
            named = [
                p
                for p in persons
                # "Maximiliano Santa Cruz ... Santa Cruz said": surnames of two words too
                if p.key and p.start < mention.start and p.text.endswith(" " + mention.text)
            ]
            if named:
                self._detach(mention)
                self.attach(mention, self.drafts[named[-1].key], form=False)

    def _claim_acronym(self, acronym: str, key: str) -> None:
        """An acronym the article defines for a known entity ("Brazil's National Institute of
        Industrial Property (INPI)") names it everywhere, not the gazetteer's other holder
        of the letters (France's INPI)."""
        for mention in list(self.mentions):
            if mention.text == acronym and mention.key and mention.key != key:
                self._detach(mention)
                self.attach(mention, self.drafts[key], form=False)

    def _short_names_said_first(self) -> None:
        """ "Tsinghua ranks second ..." in a headline, "Tsinghua University" in the story: a
        one-word name said before the longer name it shortens is that entity, not a person."""
        heads = ("University", "Institute", "College", "Group", "Corporation", "Holdings")
        for mention in list(self.mentions):
            draft = self.drafts.get(mention.key or "")
            if draft is None or draft.gaz_key or " " in mention.text:
                continue
            longer = [
                d
                for d in self.drafts.values()
                if d is not draft
                and d.cls != "Person"
                and any(d.label == f"{mention.text} {head}" for head in heads)
            ]
            if len(longer) == 1 and draft.cls in {"Person", "City", "Company", "Organization"}:
                self._detach(mention)
                self.attach(mention, longer[0], form=False)
        # "Foreign Ministry pact" in a headline, "China's Ministry of Foreign Affairs" (the
        # Chinese Foreign Ministry) in the story: a ministry's short name is the ministry named
        for mention in list(self.mentions):
            draft = self.drafts.get(mention.key or "")
            words = mention.text.split()
            if draft is None or draft.gaz_key or len(words) != 2 or words[1] != "Ministry":
                continue
            longer = [
                d
                for d in self.drafts.values()
                if d is not draft
                and d.cls == "GovernmentAgency"
                and any(
                    name.endswith(" " + mention.text) or name.startswith(f"Ministry of {words[0]}")
                    for name in (d.label, *d.forms)
                )
            ]
            if len(longer) == 1:
                self._detach(mention)
                self.attach(mention, longer[0], form=False)

    def _detach(self, mention: Mention) -> None:
        """Undo a mention's resolution (its entity stays only if other mentions name it)."""
        if mention in self.mentions:
            self.mentions.remove(mention)
        old = mention.key
        mention.key = mention.cls = None
        if old and not any(m.key == old for m in self.mentions):
            self.drafts[old].mentioned = False
            if mention.text in self.drafts[old].forms:
                self.drafts[old].forms.remove(mention.text)

    def _mention_from_words(self, doc: Doc, base: int, before: str, acronym: str) -> Mention | None:
        """A mention the NER missed: the last words before "(ACR)" whose initials spell ACR."""
        words = list(re.finditer(r"[\w'’-]+", before[-120:]))
        offset = len(before) - len(before[-120:])
        for n in range(2, min(9, len(words)) + 1):
            first = words[-n]
            text = before[offset + first.start() :]
            if not acronym_matches(acronym, text):
                continue
            lowered = any(w[0].islower() and w.lower() not in _STOP for w in _words(text))
            if lowered and self.gaz.lookup(text) is None:
                # "intellectual property (IP)", "Utility model (UM) filings": a concept, not a
                # name (a name capitalises its words, wherever it stands in the sentence)
                continue
            span = doc.char_span(offset + first.start(), len(before), alignment_mode="expand")
            if span is None:
                return None
            entry = self.gaz.lookup(span.text)
            label = entry.cls if entry else "ORG"
            cleaned = clean_span(Span(doc, span.start, span.end, label=label))
            if cleaned is None or is_non_entity(cleaned.text, label):
                return None
            return Mention(
                cleaned,
                base + cleaned.start_char,
                base + cleaned.end_char,
                cleaned.text,
                label,
                gaz_key=entry.key if entry else None,
            )
        return None

    def _event_names(self, docs: list[tuple[int, Doc]], pending: list[Mention]) -> list[Mention]:
        """Capitalised event names the NER splits or misses ("the 16th annual IP5 Heads of
        Office Meeting"): one Event mention each, replacing the mentions inside it."""
        for base, doc in docs:
            text = doc_text(doc)
            for match in [
                *_EVENT_NAME.finditer(text),
                *_ORDINAL_EVENT.finditer(text),
                *_ORDINAL_NAMED_EVENT.finditer(text),
                *_OPERATION_NAME.finditer(text),
            ]:
                span = doc.char_span(
                    match.start("name"), match.end("name"), alignment_mode="expand"
                )
                if span is None or not any(t.text[:1].isupper() for t in span[:-1]):
                    continue
                inside = [
                    m
                    for m in [*self.mentions, *pending]
                    if m.span.doc is doc and m.span.start >= span.start and m.span.end <= span.end
                ]
                for m in inside:
                    if m in pending:
                        pending.remove(m)
                    if m in self.mentions:
                        self.mentions.remove(m)
                mention = Mention(
                    span, base + span.start_char, base + span.end_char, span.text, "EVENT"
                )
                draft = self._new_draft(span.text, "Event")
                short = re.sub(r"^(?:\d+(?:st|nd|rd|th) )?(?:annual |yearly )?", "", span.text)
                if short != span.text:
                    draft.add_form(short)
                    ordinal = re.match(r"^\d+(?:st|nd|rd|th) ", span.text)
                    if ordinal:
                        draft.add_form(ordinal.group() + short)
                self.attach(mention, draft)
        return pending

    def _body_meetings(self, docs: list[tuple[int, Doc]]) -> None:
        """A sitting named by its body and its number or recurrence ("this year's annual
        meeting of the TM5", "the second annual meeting of the Industrial Design 5 (ID5)
        forum"): an Event, mentioned by its head word so that the body keeps its own mention."""
        for base, doc in docs:
            text = doc_text(doc)
            for match in _BODY_MEETING.finditer(text):
                if not (match.group("ord") or match.group("annual")):
                    continue
                head = doc.char_span(match.start("head"), match.end("head"))
                body = doc.char_span(
                    match.start("body"), match.end("body"), alignment_mode="expand"
                )
                if head is None or body is None or self._covered(doc, head.start):
                    continue
                first = self._mention_at(doc, body.start)
                if first is None or not first.cls or not is_subclass(first.cls, "Organization"):
                    continue
                before = {t.lower_ for t in doc[max(0, head.start - 5) : head.start]}
                if before & _OTHER_TIME or "inaugural" in before:
                    continue  # "next year's annual meeting": another sitting
                label = _strip_the(match.group("name"))
                draft = self._new_draft(label, "Event")
                draft.fixed = True  # the phrase names the sitting; no form is a longer name
                if first.key:
                    self.event_bodies[draft.key] = first.key
                name_of_body = re.sub(r" \([^()]*\)", "", match.group("body"))
                draft.add_form(f"{name_of_body} {match.group('annual') or ''}{match.group('head')}")
                if match.group("ord") and match.group("annual"):
                    draft.add_form(label.split(" ", 1)[1])  # "annual meeting of the ..."
                token = head[0]
                span = Span(doc, token.i, token.i + 1, label="EVENT")
                start = base + token.idx
                mention = Mention(span, start, start + len(token.text), token.text, "EVENT")
                self.attach(mention, draft, form=False)

    def _portfolio_ministries(self, docs: list[tuple[int, Doc]]) -> None:
        """ "Finance Minister Taro Aso", "Cambodia's Minister of Industry and Handicraft": the
        ministry a portfolio title names, as a GovernmentAgency mentioned by the portfolio
        words (the NER's "Finance" organisation, if any, is that ministry)."""
        for base, doc in docs:
            text = doc_text(doc)
            for match in [*_PORTFOLIO_BEFORE.finditer(text), *_PORTFOLIO_AFTER.finditer(text)]:
                words = match.group("before") or match.group("after")
                if match.group("after"):
                    # "Minister of Commerce Tong Daochi": the portfolio is the longest lead
                    # of portfolio words
                    lead = re.match(
                        r"(?:(?:,| and| &)? ?(?:" + "|".join(sorted(PORTFOLIO_WORDS)) + r")\b)+",
                        words,
                    )
                    words = lead.group().strip(" ,") if lead else ""
                    words = re.sub(r"(?:,| and| &)$", "", words).strip()
                if not words or not all(
                    w in PORTFOLIO_WORDS for w in re.findall(r"[A-Za-z]+", words)
                ):
                    continue
                start = match.start("before") if match.group("before") else match.start("after")
                span = doc.char_span(start, start + len(words))
                if span is None:
                    continue
                inside = [
                    m
                    for m in self.mentions
                    if m.span.doc is doc and m.span.start < span.end and span.start < m.span.end
                ]
                person = next(
                    (
                        m
                        for m in inside
                        if m.span.start == span.start
                        and 1 <= m.span.end - span.end <= 3
                        and all(t.text[:1].isupper() for t in doc[span.end : m.span.end])
                    ),
                    None,
                )
                if person is not None:
                    # "Assistant Minister of Commerce Tong Daochi" read as one person's name
                    inside.remove(person)
                    self._detach(person)
                    end = person.span.end
                    after = next(
                        (m for m in self.mentions if m.span.doc is doc and m.span.start == end),
                        None,
                    )
                    if after is not None and after.cls == "Person" and end - span.end == 1:
                        # "Law and Human Rights Supratman" + "Andi Agtas": one name, cut
                        self._detach(after)
                        end = after.span.end
                    rest = doc[span.end : end]
                    named = Mention(
                        rest, base + rest.start_char, base + rest.end_char, rest.text, "PERSON"
                    )
                    self.attach(named, self._new_draft(rest.text, "Person"))
                if any(m.span.start < span.start or m.span.end > span.end for m in inside):
                    continue  # part of a longer name ("Ministry of Finance" itself)
                for m in inside:
                    self._detach(m)
                portfolio = words.replace("&", "and")
                name = f"Ministry of {portfolio}"
                draft = next(
                    (
                        d
                        for d in self.drafts.values()
                        if d.cls == "GovernmentAgency"
                        and name.lower() in {d.label.lower(), *(f.lower() for f in d.forms)}
                    ),
                    None,
                ) or self._new_draft(name, "GovernmentAgency")  # the ministry the text names
                draft.add_form(f"{portfolio} Ministry")
                draft.fixed = draft.fixed or not draft.gaz_key  # the ministry's own name
                mention = Mention(span, base + span.start_char, base + span.end_char, words, "ORG")
                self.attach(mention, draft, form=False)

    def _covered(self, doc: Doc, i: int) -> bool:
        return self._mention_at(doc, i) is not None

    def _mention_at(self, doc: Doc, i: int) -> Mention | None:
        return next(
            (m for m in self.mentions if m.span.doc is doc and m.span.start <= i < m.span.end),
            None,
        )

    def _report_names(self, docs: list[tuple[int, Doc]], pending: list[Mention]) -> list[Mention]:
        """Names of rankings and reports with their year that the NER cuts into a company and
        a date ("the Brand Finance Global 500 2024 ranking", "the Australian IP Report 2024"):
        one Index mention each, replacing the mentions inside it."""
        for base, doc in docs:
            text = doc_text(doc)
            for match in _QUOTED_REPORT.finditer(text):
                pending = self._quoted_report(doc, base, match, pending)
            for match in _QUOTED_WORK.finditer(text):
                # "an invention titled "Coherent LADAR Using Intra-Pixel Quadrature
                # Detection"": a work's title names no organisation
                span = doc.char_span(match.start("name"), match.end("name"), "expand")
                for m in [*self.mentions, *pending]:
                    if (
                        span is not None
                        and m.span.doc is doc
                        and span.start <= m.span.start
                        and (m.span.end <= span.end)
                    ):
                        if m in pending:
                            pending.remove(m)
                        if m in self.mentions:
                            self._detach(m)
            for match in _REPORT_NAME.finditer(text):
                group = next(g for g in ("name", "name2", "name3") if match.group(g))
                name = re.sub(r"^(?:The|This|Its|Their|In|At|By) ", "", match.group(group))
                name = re.sub(r"^.*\S['’]s ", "", name)  # "Interbrand's Best Global Brands 2023"
                start = match.end(group) - len(name)
                words = [w for w in name.split()[:-1] if not w.isdigit()]
                if not words or all(w.lower().rstrip(".") in _MONTH_WORDS for w in words):
                    continue  # "March 2024 report": a date, not a name
                span = doc.char_span(start, match.end(group), alignment_mode="expand")
                if span is None:
                    continue
                inside = [
                    m
                    for m in [*self.mentions, *pending]
                    if m.span.doc is doc and m.span.start < span.end and span.start < m.span.end
                ]
                if any(m.cls in {"Index", "Event"} or m.span.end > span.end for m in inside):
                    continue  # a known index ("Global Innovation Index 2023") or a longer name
                for m in inside:
                    if m in pending:
                        pending.remove(m)
                    if m in self.mentions:
                        self._detach(m)
                mention = Mention(span, base + span.start_char, base + span.end_char, name, "ORG")
                entry = self._yearly_lookup(name)
                year = name.rsplit(" ", 1)[-1]
                if entry is not None:
                    self.attach(mention, self._edition_draft(entry.key, year))
                else:
                    self.attach(mention, self._new_draft(name, "Index"))
        return pending

    def _quoted_report(
        self, doc: Doc, base: int, match: re.Match[str], pending: list[Mention]
    ) -> list[Mention]:
        """ "The report, "IPR-intensive industries and economic performance in the European
        Union", ...": a publication's title in quotes is one Index, whatever it names inside."""
        group = "name" if match.group("name") else "name2"
        span = doc.char_span(match.start(group), match.end(group), alignment_mode="expand")
        if span is None or not span.text[:1].isupper():
            return pending
        inside = [
            m
            for m in [*self.mentions, *pending]
            if m.span.doc is doc and m.span.start < span.end and span.start < m.span.end
        ]
        if any(m.span.start < span.start or m.span.end > span.end for m in inside):
            return pending
        for m in inside:
            if m in pending:
                pending.remove(m)
            if m in self.mentions:
                self._detach(m)
        name = span.text
        mention = Mention(span, base + span.start_char, base + span.end_char, name, "ORG")
        self.attach(mention, self._new_draft(name, "Index"))
        return pending

    def _agreements(self, docs: list[tuple[int, Doc]]) -> None:
        """Agreements signed in the text ("X and Y signed a memorandum of understanding",
        "X signed an agreement with Y", "the MoU was signed by X and Y") become Agreement
        entities named after their kind and parties, with the parties recorded."""
        index = {
            (id(m.span.doc), i): m for m in self.mentions for i in range(m.span.start, m.span.end)
        }

        def parties_under(token: Token) -> list[str]:
            keys: list[str] = []
            for t in token.subtree:
                if crosses_phrase(t, token, preps=_SIDE_PREPS, deps=_SIDE_CLAUSES):
                    continue  # "the OEPM and the EUIPO, both of which are based in Spain"
                m = index.get((id(t.doc), t.i))
                if m and (
                    m.is_demonym
                    or (
                        self.drafts.get(m.key or "")
                        and self.drafts[m.key].cls == "Country"
                        and t.dep_ == "poss"
                        and index.get((id(t.doc), t.head.i)) is not None
                    )
                ):
                    continue  # "The Finnish company", "Finland's Nokia": the firm, not Finland
                if m and m.key and self._is_party(m.key) and m.key not in keys:
                    keys.append(m.key)
            return keys

        for base, doc in docs:
            for token in doc:
                kind = _agreement_kind(token)
                if kind is None or (id(doc), token.i) in index:
                    continue
                verb = token.head
                if verb.lemma_.lower() not in _SIGN_VERBS:
                    continue
                parties: list[str] = []
                if token.dep_ == "dobj":
                    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                    if subject is not None:
                        parties += parties_under(subject)
                elif token.dep_ == "nsubjpass":
                    for child in verb.children:
                        if child.dep_ == "agent":
                            parties += parties_under(child)
                else:
                    continue
                for holder in (token, verb):
                    for child in holder.children:
                        if child.lower_ in {"with", "between"}:
                            parties += [k for k in parties_under(child) if k not in parties]
                if any(self.drafts[k].cls != "Person" for k in parties):
                    # "Commissioner Phil Hogan and Minister Zhong Shan signed for the EU and
                    # China": the bodies are the parties, the people sign for them
                    parties = [k for k in parties if self.drafts[k].cls != "Person"]
                if not parties:
                    continue
                labels = sorted(self._short_name(k) for k in parties)
                name = (
                    f"{kind} between {' and '.join(labels)}"
                    if len(labels) > 1
                    else f"{kind} of {labels[0]}"
                )
                end = token.i + 1
                if doc[end : end + 2].text.lower() == "of understanding":
                    end += 2
                span = Span(doc, token.i, end, label="AGREEMENT")
                mention = Mention(
                    span, base + span.start_char, base + span.end_char, span.text, "AGREEMENT"
                )
                draft = self._new_draft(name, "Agreement")
                draft.fixed = True
                self.attach(mention, draft)
                after = re.match(r"\s*\(([A-Za-z]{2,6})\)", doc_text(doc)[span.end_char :])
                if after:
                    self.aliases[after.group(1)] = draft.key
                    draft.add_form(after.group(1))
                self.agreements.append((draft.key, parties, token))

    def _short_name(self, key: str) -> str:
        """A party's name in an agreement's name: its acronym when it has one (USPTO)."""
        draft = self.drafts[key]
        entry = self.gaz.get(draft.gaz_key)
        seen = [f for f in draft.forms if is_acronym(f)]
        known = sorted((entry.acronyms if entry else ()), key=len, reverse=True)
        # The gazetteer's fullest acronym first, so that every article names it alike.
        acronyms = known or seen
        return acronyms[0] if acronyms else draft.label

    def _is_party(self, key: str) -> bool:
        return is_subclass(self.drafts[key].cls, "Agent") or self.drafts[key].cls == "Country"

    def _type_from_context(self) -> None:
        """Organisations the words around them show to be companies: "telecoms company
        Huawei", "Raytheon executives", "Acme, a U.S. chipmaker", "the company" referring back."""
        ordered = sorted(self.mentions, key=lambda m: m.start)
        agencies = {k for k, d in self.drafts.items() if d.cls == "GovernmentAgency"}
        for mention in self.mentions:
            draft = self.drafts.get(mention.key or "")
            if draft is None or draft.gaz_key:
                continue
            if draft.cls == "Company" and _agency_unit_context(mention, ordered, agencies):
                draft.cls = "GovernmentAgency"
                continue
            # one-word "people" in a company context are companies the NER misread ("maker Zentrix")
            misread = draft.cls == "Person" and (
                len(draft.label.split()) == 1
                # "gaming group ADP Gauselmann": no person's name has a word in capitals
                or any(len(w) > 1 and w.isupper() for w in draft.label.split())
            )
            # "oilfield service groups Halliburton": a firm the NER took for a place
            misread = misread or (draft.cls == "City" and mention.label == "GPE")
            if draft.cls in {"Company", "Organization", "City"} and _person_context(mention.span):
                draft.cls = "Person"  # "Silicon Valley patent litigator Kathi Vidal"
            elif (draft.cls == "Organization" or misread) and _company_context(mention.span):
                draft.cls = "Company"
            elif draft.cls in {"Person", "City", "Organization", "Company"} and _town_context(
                mention.span
            ):
                draft.cls = "City"  # "the resort town of Victoria Falls"
            elif draft.cls in {"Organization", "Event", "Initiative"} and _ranking_context(
                mention.span
            ):
                draft.cls = "Index"  # "Interbrand's Best Global Brands 2023 ranking"
            elif draft.cls in {"Person", "Company", "Organization", "City"} and _region_of_city(
                mention.span, self.mentions
            ):
                draft.cls = "Region"  # "Meycauayan, Bulacan, with 292"
        # "Audi, Bentley, Porsche, Scania and SEAT": a list item is what most of its list is
        index = MentionIndex(self.mentions)
        for mention in self.mentions:
            draft = self.drafts.get(mention.key or "")
            if draft is None or draft.gaz_key or draft.cls == "Company":
                continue
            if draft.cls not in {"Person", "City", "Organization"}:
                continue
            if draft.cls == "Person" and len(draft.label.split()) > 1:
                continue
            classes = [
                self.drafts[m.key].cls
                for m in _coordinated_with(mention, index)
                if m.key in self.drafts
            ]
            if classes.count("Company") >= 2 and classes.count("Company") * 2 > len(classes):
                draft.cls = "Company"

    def _titled_persons(self, docs: list[tuple[int, Doc]], pending: list[Mention]) -> list[Mention]:
        """Names that a title right after them marks as people, whatever the NER made of them
        (missed, or tagged as a facility or a place): "Shen Changyu, Commissioner of the CNIPA".

        Returns the mentions still to resolve (the people added, what they replace removed).
        """
        for base, doc in docs:
            text = doc_text(doc)
            matches = [*_TITLED_NAME.finditer(text), *_NAME_AFTER_TITLE.finditer(text)]
            for match in matches:
                span = doc.char_span(match.start("name"), match.end("name"))
                if span is None or self.gaz.lookup(span.text) is not None:
                    continue
                if any(t.lower_ in _STOP for t in span):
                    continue
                overlapping = [
                    m
                    for m in [*self.mentions, *pending]
                    if m.span.doc is doc and m.span.start < span.end and span.start < m.span.end
                ]
                if any(m.key or m.label == "PERSON" for m in overlapping):
                    continue  # resolved already, or the NER agrees it is a person
                for m in overlapping:
                    pending.remove(m)
                person = Span(doc, span.start, span.end, label="PERSON")
                pending.append(
                    Mention(
                        person,
                        base + person.start_char,
                        base + person.end_char,
                        person.text,
                        "PERSON",
                    )
                )
        return pending

    def _seat_country(self, noun: Token, ordered: list[Mention], base: int) -> str | None:
        """The country of the place in "the Canberra-based office" (None when there is none)."""
        for child in noun.children:
            if child.dep_ != "amod" or not re.search(r"based|headquartered", child.lower_):
                continue
            first, last = base + child.left_edge.idx, base + child.idx + len(child.text)
            for mention in ordered:
                if first <= mention.start < last and mention.key in self.drafts:
                    country = self.gaz.seat_country(self.drafts[mention.key].gaz_key)
                    if country is not None:
                        return country
        return None

    def _nominal_references(self, docs: list[tuple[int, Doc]]) -> None:
        """ "the Office", "the meeting", "the memorandum", "the country": a definite noun that
        stands for the last entity of its kind mentioned before it."""
        covered = {
            (id(m.span.doc), i) for m in self.mentions for i in range(m.span.start, m.span.end)
        }
        ordered = sorted(self.mentions, key=lambda m: m.start)
        for base, doc in docs:
            for token in doc:
                classes = _NOMINAL_HEADS.get(token.lemma_.lower())
                if (
                    token.lower_ == "state"
                    and token.i >= 2
                    and doc[token.i - 1].text == "-"
                    and doc[token.i - 2].lower_ == "city"
                ):
                    classes = ("Country",)  # "the city-state" (Singapore), written in three tokens
                if not classes or (id(doc), token.i) in covered or token.dep_ == "compound":
                    continue
                described_by_un = self._un_description(token, ordered, base)
                if described_by_un:
                    covered.difference_update((id(doc), i) for i in described_by_un)
                    classes = ("InternationalOrganization",)  # "the UN agency": no ministry
                if token.tag_ in {"NNS", "NNPS"} or any(
                    (id(doc), c.i) in covered
                    for c in token.children
                    if c.dep_ in {"compound", "amod"}
                ):
                    continue  # "the offices" are several; "the IP5 forum" is IP5 itself
                determiners = {c.lower_ for c in token.children if c.dep_ in {"det", "poss"}}
                if not determiners & {"the", "this", "its", "their", "year", "that"} and not (
                    place_based(token)  # "The Alexandria, Virginia-based agency is ..."
                ):
                    continue
                if _OTHER_TIME & {
                    w.lower_
                    for c in token.children
                    if c.dep_ in {"amod", "poss"}
                    for w in c.subtree
                }:
                    continue  # "next year's meeting", "the previous conference": another one
                start = base + token.idx
                seat = self._seat_country(token, ordered, base)
                head = token.lemma_.lower()
                if head == "capital" and (
                    token.dep_ not in {"nsubj", "nsubjpass"}
                    or any(c.lower_ == "of" for c in token.children)
                ):
                    continue  # "Guangzhou, the capital of Guangdong": a description, no reference
                if head in {"court", "tribunal"} and token.dep_ not in {"nsubj", "nsubjpass"}:
                    continue  # "the court's mediation platform": courts in general, often
                target = next(
                    (
                        m
                        for m in reversed(ordered)
                        if m.end <= start
                        and m.key
                        and self.drafts[m.key].cls in classes
                        and self.gaz.may_sit_in(self.drafts[m.key].gaz_key, seat)
                        and (head not in _NAMED_BY_HEAD or self._named_with(m.key, head))
                        # a union of states (the EU, the African Union) is no agency
                        and not (head == "agency" and m.key.endswith("union"))
                        # "the UN agency" is not the UN
                        and not (m.span.doc is doc and m.span.start in described_by_un)
                        # "MIUI, its Android-based system ... the company": a name used as a
                        # modifier is no antecedent of "the company"
                        and not (head in {"company", "firm"} and _modifier_use(m))
                        # "the United Nations conference ... the agency": a name qualifying a
                        # sitting is not what "the agency" stands for
                        and not _names_a_sitting(m)
                    ),
                    None,
                )
                if target is not None and token.text == "Office" and head == "office":
                    # "the Office" written with a capital is the office the article is about:
                    # the IP office named most often so far ("The European Patent Office (EPO),
                    # by comparison, ... The Office has been led ... by Tim Moss" is the UKIPO)
                    counts: dict[str, int] = {}
                    for m in ordered:
                        if m.end <= start and m.key and self.drafts[m.key].cls == "IPOffice":
                            counts[m.key] = counts.get(m.key, 0) + 1
                    if counts:
                        best = max(counts.values())
                        leader = next(
                            m
                            for m in reversed(ordered)
                            if m.end <= start and m.key in counts and counts[m.key] == best
                        )
                        if counts.get(target.key or "", 0) < best:
                            target = leader
                if (
                    target is not None
                    and head in {"office", "administration"}
                    and self.drafts[target.key].cls != "IPOffice"  # type: ignore[index]
                    and head not in (target.key or "").split("-")
                ):
                    # "the Office" in IP news is the IP office named before, not the bureau
                    # named since ("director of the office's ... Bureau (DITTB). In March,
                    # the Office reported"); an agency named an Office keeps it
                    office = next(
                        (
                            m
                            for m in reversed(ordered)
                            if m.end <= start
                            and m.key
                            and self.drafts[m.key].cls == "IPOffice"
                            and self.gaz.may_sit_in(self.drafts[m.key].gaz_key, seat)
                        ),
                        None,
                    )
                    target = office or target
                if target is None and "Company" in classes:
                    # "the company" after a name the NER only knew as an organisation
                    target = next(
                        (
                            m
                            for m in reversed(ordered)
                            if m.end <= start
                            and m.key
                            and self.drafts[m.key].cls == "Organization"
                            and not self.drafts[m.key].gaz_key
                            and start - m.end < 400
                        ),
                        None,
                    )
                    if target is not None:
                        self.drafts[target.key].cls = "Company"  # type: ignore[index]
                if target is None:
                    continue
                span = Span(doc, token.i, token.i + 1, label="NOMINAL")
                mention = Mention(span, start, start + len(token.text), token.text, "NOMINAL")
                self.attach(mention, self.drafts[target.key], form=False)  # type: ignore[index]
                for un in [
                    m
                    for m in self.mentions
                    if m.span.doc is doc and m.span.start in described_by_un
                ]:
                    # "compiled by the U.N. agency": the agency, not the UN (which the
                    # article still names)
                    key = un.key
                    self._detach(un)
                    if key:
                        self.drafts[key].mentioned = True
        self.mentions.sort(key=lambda m: m.start)

    def _un_description(self, token: Token, ordered: list[Mention], base: int) -> set[int]:
        """ "the UN agency", "the Geneva-based U.N. body": a description of a UN agency named
        before (WIPO), not the United Nations, though the UN is named in it.  Returns the
        token indices of the UN's name, so that the noun may refer back (none when the noun
        is no such description)."""
        if token.lemma_.lower() not in {"agency", "body", "organization", "organisation"}:
            return set()
        for child in token.children:
            if child.dep_ not in {"compound", "nmod", "amod"}:
                continue
            mention = next(
                (
                    m
                    for m in ordered
                    if m.span.doc is token.doc and m.span.start <= child.i < m.span.end
                ),
                None,
            )
            if mention is None or mention.key is None:
                continue
            if self.drafts[mention.key].gaz_key != "united-nations":
                continue
            start = base + token.idx
            if not any(
                m.end <= start
                and m.key
                and m.key != mention.key
                and self.drafts[m.key].cls == "InternationalOrganization"
                for m in ordered
            ):
                return set()  # no agency named before to describe: the UN it is
            return set(range(mention.span.start, mention.span.end))
        return set()

    def _short_form_target(self, mention: Mention) -> EntityDraft | None:
        text = _strip_the(mention.text)
        if mention.span.start > 0 and mention.span.doc[mention.span.start - 1].lower_ == "the":
            classes = _NOMINAL_HEADS.get(text.lower())
            if classes and " " not in text:  # "the Office" tagged as a name by the NER
                prior = [m for m in self.mentions if m.end <= mention.start and m.key]
                for m in sorted(prior, key=lambda m: m.start, reverse=True):
                    if self.drafts[m.key].cls in classes:  # type: ignore[index]
                        return self.drafts[m.key]  # type: ignore[index]
                return None
        if text in self.aliases:
            return self.drafts[self.aliases[text]]
        tokens = text.split()
        if len(tokens) == 1 and mention.label in {"PERSON", "ORG", "GPE", "NORP"}:
            for draft in self.drafts.values():
                if draft.cls == "Person" and text in draft.label.split():
                    return draft
        if len(tokens) > 1 and mention.label in {"PERSON", "GPE"}:
            # "Maximiliano Santa Cruz ... Santa Cruz said": a surname of two words, which the
            # NER may read as a place
            for draft in self.drafts.values():
                if draft.cls == "Person" and draft.label.endswith(" " + text):
                    return draft
        if mention.label in {"ORG", "EVENT", "LAW"}:
            folded = text.casefold()
            candidates = [
                d
                for d in self.drafts.values()
                if d.cls not in {"Person", "Country", "City", "Region"}
                and any(
                    f.casefold().endswith(" " + folded)
                    # "the Status Report" after "the JPO Status Report 2023"
                    or (d.cls == "Index" and _YEAR_END.sub("", f).casefold().endswith(" " + folded))
                    for f in d.forms
                )
            ]
            if len(candidates) == 1:
                return candidates[0]
        if mention.label in {"ORG", "PERSON", "GPE", "NORP", "PRODUCT"}:
            # "Purdue" after "Purdue University" (and "Purdue Innovates", its licensing arm):
            # the university the short name is used for
            schools = [
                d
                for d in self.drafts.values()
                if d.cls == "Organization"
                and any(
                    d.label == f"{text} {head}" for head in ("University", "Institute", "College")
                )
            ]
            if len(schools) == 1:
                return schools[0]
            # "NanoString" after "NanoString Technologies"; "Court of Appeal" after "Court of
            # Appeal of the Unified Patent Court": the head of a longer name said before
            folded = text.casefold()
            candidates = [
                d
                for d in self.drafts.values()
                if any(
                    f.casefold().startswith(folded + " ")
                    and (d.cls == "Company" or f.casefold()[len(folded) + 1 :].startswith("of "))
                    for f in (d.label, *d.forms)
                )
            ]
            if len(candidates) == 1:
                return candidates[0]
        return None

    def _alias_tokens(self, docs: list[tuple[int, Doc]]) -> None:
        """Later bare uses of a defined acronym the NER did not tag become mentions too, and
        so do the surnames of people named in full before ("Lopez, a Chilean national ...")."""
        self._surname_tokens(docs)
        if not self.aliases:
            return
        for mention in list(self.mentions):
            local = self.aliases.get(mention.text)
            if local and mention.key != local and len(mention.span) == 1:
                self._detach(mention)  # a locally defined acronym beats the gazetteer's sense
                self.attach(mention, self.drafts[local], form=True)
        covered = {(m.span.doc, i) for m in self.mentions for i in range(m.span.start, m.span.end)}
        for base, doc in docs:
            for token in doc:
                key = self.aliases.get(token.text) or self.aliases.get(token.text.rstrip("s"))
                if key and (doc, token.i) not in covered and token.text[:1].isupper():
                    span = Span(doc, token.i, token.i + 1, label="ALIAS")
                    mention = Mention(
                        span,
                        base + token.idx,
                        base + token.idx + len(token.text),
                        token.text,
                        "ALIAS",
                    )
                    self.attach(mention, self.drafts[key], form=True)
        self.mentions.sort(key=lambda m: m.start)

    def _surname_tokens(self, docs: list[tuple[int, Doc]]) -> None:
        """A person's surname alone after the full name, where the NER saw no name."""
        surnames: dict[str, str] = {}
        for draft in self.drafts.values():
            words = draft.label.split()
            if draft.cls == "Person" and len(words) >= 2 and words[-1][:1].isupper():
                last = words[-1]
                surnames[last] = (
                    "" if last in surnames and surnames[last] != draft.key else draft.key
                )
        if not surnames:
            return
        first_seen = {}
        for m in self.mentions:
            if m.key and m.key not in first_seen:
                first_seen[m.key] = m.start
        covered = {(m.span.doc, i) for m in self.mentions for i in range(m.span.start, m.span.end)}
        for base, doc in docs:
            for token in doc:
                key = surnames.get(token.text)
                if not key or (doc, token.i) in covered or token.ent_type_:
                    continue
                if base + token.idx <= first_seen.get(key, len(doc.text) + base):
                    continue  # only after the full name
                neighbours = [doc[j] for j in (token.i - 1, token.i + 1) if 0 <= j < len(doc)]
                if any(
                    t.is_title and not t.is_sent_start for t in neighbours if t.i < token.i
                ) or any(t.is_title for t in neighbours if t.i > token.i):
                    continue  # part of another name
                span = Span(doc, token.i, token.i + 1, label="PERSON")
                mention = Mention(
                    span, base + token.idx, base + token.idx + len(token.text), token.text, "PERSON"
                )
                self.attach(mention, self.drafts[key], form=False)
        self.mentions.sort(key=lambda m: m.start)

    def _fix_labels(self) -> None:
        """Non-gazetteer entities take the longest proper name seen as their label."""
        for draft in self.drafts.values():
            if draft.gaz_key or draft.fixed or not draft.forms:
                continue
            names = [
                f
                for f in draft.forms
                if f[:1].isupper() or f[:1].isdigit() or draft.cls == "TechnologyField"
            ]  # "10th Heads Meeting of BRICS IP Offices", "3M"
            if names:
                draft.label = max(names, key=lambda f: (len(f.split()), len(f)))


_RANKING_NOUNS = frozenset("ranking rankings index list league table report scoreboard".split())


def _ranking_context(span) -> bool:
    """A name with a year followed by "ranking"/"list"/"report", or introduced as "X's",
    names a ranking or report: "Interbrand's Best Global Brands 2023 ranking", "its 2024
    U.S. Top 50 list"."""
    doc = span.doc
    following = doc[span.end] if span.end < len(doc) else None
    has_year = any(t.shape_ == "dddd" for t in span)
    return bool(
        following is not None
        and following.lower_ in _RANKING_NOUNS
        and (has_year or span[0].is_title)
        and not any(t.lower_ in {"office", "ministry", "organization", "university"} for t in span)
    )
