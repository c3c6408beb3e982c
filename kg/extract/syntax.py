"""Dependency helpers shared by the relation and statistic rules.

The central question both ask is "who is this clause about?": the
grammatical subject of the governing verb, with pronouns and nominal short
forms ("it", "he", "the country", "the Office", "the firm") resolved to the
last compatible entity mentioned before them.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract.mentions import Mention
from kg.records import is_subclass

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_PRONOUN_CLASSES: dict[str, tuple[str, ...]] = {
    "he": ("Person",),
    "she": ("Person",),
    "him": ("Person",),
    "her": ("Person",),
    "his": ("Person",),
    "it": ("Country", "Organization", "Region"),
    "its": ("Country", "Organization", "Region"),
    "they": ("Organization", "Country"),
    "their": ("Organization", "Country"),
}
#: "the country", "the Office" ...: head noun -> classes it can stand for.
_NOMINAL_CLASSES: dict[str, tuple[str, ...]] = {
    "country": ("Country",),
    "nation": ("Country",),
    "kingdom": ("Country",),
    "archipelago": ("Country",),  # "the archipelago joined the Lusaka Agreement"
    "state": ("Country",),  # "the island state", "the Gulf state"
    "city-state": ("Country",),
    "capital": ("City",),  # "the city-state this week hosts ..." (Singapore)
    "office": ("IPOffice", "GovernmentAgency"),
    "administration": ("IPOffice", "GovernmentAgency"),
    "agency": ("GovernmentAgency", "InternationalOrganization", "IPOffice"),  # "the UN agency"
    "ministry": ("GovernmentAgency",),
    "institute": ("Organization",),  # "the Rio de Janeiro-based institute" (INPI)
    "bureau": ("GovernmentAgency", "Organization"),
    "authority": ("GovernmentAgency", "Organization"),
    "regulator": ("GovernmentAgency",),
    "organization": ("InternationalOrganization", "Organization"),
    "organisation": ("InternationalOrganization", "Organization"),
    "company": ("Company",),
    "firm": ("Company",),
    "group": ("Company",),
    "giant": ("Company",),
    "maker": ("Company",),
    "manufacturer": ("Company",),
    "producer": ("Company",),
    "carmaker": ("Company",),
    "automaker": ("Company",),
    "chipmaker": ("Company",),
    "drugmaker": ("Company",),
    "developer": ("Company",),  # "the Reykjavik-based developer"
    "conglomerate": ("Company",),
    "province": ("Region",),
    "city": ("City",),
    "university": ("Organization",),
    "academy": ("Organization",),
    # "the Riyadh-based body" (SAIP), "the Geneva-based patent pool" (the MPP)
    "body": ("GovernmentAgency", "IPOffice", "InternationalOrganization", "Organization"),
    "pool": ("Organization",),
    "confederation": ("Organization",),
    "spokesperson": ("Person",),
    "spokesman": ("Person",),
    "spokeswoman": ("Person",),
}


# nominals that usually repeat the head word of the name they stand for
_NAME_HEADS = frozenset({"institute", "bureau", "authority", "academy", "pool", "confederation"})


class MentionIndex:
    """All mentions of an article in reading order, with token lookup."""

    def __init__(self, mentions: list[Mention], docs: list[tuple[int, Doc]] = ()) -> None:
        self.mentions = sorted((m for m in mentions if m.key), key=lambda m: m.start)
        #: where each chunk (Doc) starts in the article text
        self._bases = {id(doc): base for base, doc in docs}
        self._by_token: dict[tuple[int, int], Mention] = {}
        for mention in self.mentions:
            for i in range(mention.span.start, mention.span.end):
                self._by_token[(id(mention.span.doc), i)] = mention

    def offset(self, token: Token) -> int:
        """A token's character offset in the article text."""
        return self._bases.get(id(token.doc), 0) + token.idx

    def at(self, token: Token) -> Mention | None:
        return self._by_token.get((id(token.doc), token.i))

    def last_before(
        self, offset: int, classes: tuple[str, ...], name_word: str | None = None
    ) -> Mention | None:
        """The last mention of one of ``classes`` that ends before ``offset`` (whose canonical
        name has ``name_word`` in it, if given)."""
        for mention in reversed(self.mentions):
            if (
                mention.end <= offset
                and mention.cls
                and any(is_subclass(mention.cls, c) for c in classes)
                and (name_word is None or name_word in (mention.key or "").split("-"))
            ):
                return mention
        return None

    def salient_before(self, offset: int, classes: tuple[str, ...]) -> Mention | None:
        """What a pronoun at ``offset`` most likely stands for: the last grammatical subject
        of a compatible class in the preceding ~two sentences ("The DPMA received ... . It
        employs 2,800 people" -> the DPMA, not "Europe" named in between), else the last
        compatible mention."""
        last = self.last_before(offset, classes)
        subjects: list[Mention] = []
        for mention in reversed(self.mentions):
            if mention.end > offset:
                continue
            if offset - mention.end > _SALIENCE_WINDOW:
                break
            if (
                mention.cls
                and any(is_subclass(mention.cls, c) for c in classes)
                and _is_subject(mention)
            ):
                subjects.append(mention)
        if not subjects:
            return last
        # in the latest sentence with a compatible subject, the main clause's subject wins:
        # "IBM, which led ... until Samsung overtook it, slid to eighth. Its grants ..." -> IBM
        sentence_start = subjects[0].span.sent.start
        same = [m for m in subjects if m.span.sent.start == sentence_start]
        return next((m for m in same if _in_main_clause(m)), same[0])

    def in_subtree(self, token: Token, classes: tuple[str, ...] | None = None) -> list[Mention]:
        """Mentions inside the token's subtree (optionally of some classes), in order."""
        found: list[Mention] = []
        for t in token.subtree:
            mention = self.at(t)
            if (
                mention
                and mention not in found
                and (classes is None or any(is_subclass(mention.cls or "", c) for c in classes))
            ):
                found.append(mention)
        return found


_SALIENCE_WINDOW = 400  # characters: about two sentences of news prose


def _is_subject(mention: Mention) -> bool:
    """Whether a mention is the grammatical subject of its clause (directly or as the head of
    an apposition/compound that is)."""
    root = mention.span.root
    for _ in range(3):
        if root.dep_ in SUBJECT_DEPS:
            return True
        if root.dep_ == "poss" and root.head.dep_ in SUBJECT_DEPS:
            return True  # "NVIDIA's brand value soared ... It jumped": the topic is NVIDIA
        if root.dep_ == "attr" and root.head.lemma_ == "be":
            return True  # "The biggest mover was chipmaker NVIDIA. ... It jumped"
        if root.dep_ == "compound" and is_nominal(root.head):
            return False  # "the UN agency presented": the agency is the subject, not the UN
        if root.dep_ in {"appos", "compound", "conj"} and root.head.i != root.i:
            root = root.head
            continue
        return False
    return False


def _in_main_clause(mention: Mention) -> bool:
    """Whether a subject mention's verb is its sentence's root (or a verb coordinated with it)."""
    root = mention.span.root
    while root.dep_ in {"appos", "compound", "conj"} and root.head.i != root.i:
        root = root.head
    verb = root.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc (spaCy joins every token's text on each access).

    Example:
        >>> import spacy
        >>> doc_text(spacy.blank("en")("A short text."))
        'A short text.'
    """
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def crosses_phrase(
    token: Token,
    top: Token,
    preps: frozenset[str] = frozenset(),
    deps: frozenset[str] = frozenset(),
) -> bool:
    """Whether the parse path from ``token`` up to ``top`` passes through a preposition in
    ``preps`` or a dependency in ``deps`` (spaCy tokens are views: compared by index).

    Used to leave out names inside side phrases: "treaties administered [by WIPO]", "the
    offices, both of which are based [in Spain]".
    """
    current = token
    while current.i != top.i and current.head.i != current.i:
        if current.dep_ in deps or (current.dep_ in {"prep", "agent"} and current.lower_ in preps):
            return True
        current = current.head
    return False


def governing_verb(token: Token) -> Token | None:
    """The nearest verb (or auxiliary) above a token."""
    current = token
    for _ in range(30):
        if current.pos_ in {"VERB", "AUX"}:
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def subject_token(verb: Token) -> Token | None:
    """The subject of a verb, inherited through coordination ("X improved ... and engaged ...")."""
    current = verb
    for _ in range(10):
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS and child.dep_ != "expl":
                if child.lower_ in {"which", "who", "that"} and current.dep_ == "relcl":
                    return current.head  # "the United States, which ranked third"
                return child
        if (
            current.dep_ in {"conj", "xcomp", "advcl", "relcl", "acl"}
            and current.head.i != current.i
        ):
            if current.dep_ == "relcl":
                return current.head  # "the office, which granted ..." -> the office
            current = current.head
            continue
        return None
    return None


_BASED = frozenset({"based", "headquartered"})


def place_based(token: Token) -> bool:
    """Whether a noun is described by where it is based ("the Geneva-based UN agency"): a
    description of something named before, whose place is no candidate for it."""
    if not any(c.dep_ == "amod" and c.lower_ in _BASED for c in token.children):
        return False
    # a definite description: "the" just before the place ("by Irvine, California-based
    # maker Masimo" names its own)
    edge = token.left_edge.i
    return any(t.lower_ in {"the", "this", "that"} for t in token.doc[max(0, edge - 5) : edge + 1])


def _seated_last_before(
    token: Token, index: MentionIndex, start: int, classes: tuple[str, ...]
) -> Mention | None:
    """For "the Hsinchu-based chipmaker": the last mention of ``classes`` before ``start``
    that the gazetteer does not put in another country than the place (None when the
    description names no place the gazetteer knows)."""
    from kg.gazetteer import load_gazetteer

    places = [
        m
        for child in token.children
        if child.dep_ == "amod" and child.lower_ in _BASED
        for m in index.in_subtree(child, ("City", "Region", "Country"))
    ]
    if not places:
        return None
    gaz = load_gazetteer()
    country = gaz.seat_country(places[0].key)
    if country is None:
        return None
    for mention in reversed(index.mentions):
        if mention.end > start or not mention.cls:
            continue
        if not any(is_subclass(mention.cls, c) for c in classes):
            continue
        if gaz.may_sit_in(mention.gaz_key or mention.key, country):
            return mention
    return None


def is_nominal(token: Token) -> bool:
    """Whether a noun is one that can stand for a named entity ("the office", "the firm")."""
    return token.lemma_.lower() in _NOMINAL_CLASSES


def _named_in_apposition(token: Token, index: MentionIndex) -> Mention | None:
    """The organisation named in apposition to a noun ("US chipmaker Qualcomm"), or the
    place a place noun is "of" ("The City of Manila placed second")."""
    for child in token.children:
        named = index.at(child) if child.dep_ == "appos" else None
        if named is not None and named.cls and is_subclass(named.cls, "Organization"):
            return named
        if child.dep_ == "prep" and child.lower_ == "of" and token.lemma_.lower() in _PLACE_NOUNS:
            place = next((index.at(c) for c in child.children if c.dep_ == "pobj"), None)
            if place is not None and place.cls in {"City", "Region", "Country"}:
                return place
    return None


_PLACE_NOUNS = frozenset(
    """city town municipality province state region country kingdom republic island village
    capital prefecture county emirate""".split()
)


#: nominals that never stand for a company ("the university", "the Riyadh-based body")
_NOT_FIRMS = frozenset(
    "university academy institute body confederation organization organisation bureau "
    "authority office agency ministry administration regulator".split()
)


#: modifiers that make a nominal an international body: "the UN agency", "the intergovernmental
#: organization"
_WORLD_BODY_WORDS = frozenset({"un", "international", "intergovernmental", "multilateral"})


def _nominal_antecedent(token: Token, index: MentionIndex) -> Mention | None:
    """The entity a definite nominal ("the office", "the Hsinchu-based chipmaker") names."""
    # named before the phrase: "the Geneva-based UN agency" is not the UN
    start = index.offset(token.left_edge)
    classes = _NOMINAL_CLASSES[token.lemma_.lower()]
    if any(
        c.dep_ in {"compound", "amod", "nmod"}
        and c.text.replace(".", "").lower() in _WORLD_BODY_WORDS
        for c in token.children
    ):
        classes = ("InternationalOrganization",)  # "the UN agency" is no ministry named before
    if token.lemma_.lower() in {"university", "academy"}:
        # "the Beijing-based university": the last plain organisation named (Tsinghua, Caltech),
        # never an agency, an office or a firm named in between
        return next(
            (m for m in reversed(index.mentions) if m.end <= start and m.cls == "Organization"),
            None,
        )
    if token.lemma_.lower() in _NAME_HEADS:
        # "the institute" is the last organisation named an Institute, if one was
        named = index.last_before(start, classes, token.lemma_.lower())
        if named is not None:
            return named
    preferred = classes[:-1] if classes[0] in {"IPOffice", "GovernmentAgency"} else classes
    seated = _seated_last_before(token, index, start, preferred or classes)
    if seated is not None:
        return seated  # "The Hsinchu-based chipmaker": the last one that can sit there
    if classes[0] in {"IPOffice", "GovernmentAgency"} and len(classes) > 1:
        # "the office" in IP news is the IP office, even after "tabled in Parliament";
        # "the agency" is rarely the patent office ("the Munich-based office ... with the
        # Paris-based agency": the EPO and the IEA)
        return index.last_before(start, classes[:-1]) or index.last_before(start, classes)
    if classes == ("Company",):
        # "TSMC was third, as Samsung ended IBM's reign. The chipmaker was granted ...":
        # the firm the text is about, not the last one named
        return index.salient_before(start, classes)
    return index.last_before(start, classes)


def resolve_reference(token: Token, index: MentionIndex, prefer: tuple[str, ...]) -> Mention | None:
    """The entity a subject-like token stands for: itself, a pronoun's or a nominal's antecedent,
    or the most agent-like mention inside its phrase."""
    mention = index.at(token)
    if mention and mention.cls in {"City", "Region", "Country"}:
        for child in token.children:  # "the Ottawa, Ontario-based office": parsed as Ottawa
            if child.dep_ == "appos" and is_nominal(child) and place_based(child):
                return resolve_reference(child, index, prefer)
    if mention:
        return mention
    lower = token.lower_
    offset = index.offset(token)
    if (
        lower in {"which", "who", "that"}
        and token.dep_ in {"nsubj", "nsubjpass"}
        and token.head.dep_ == "relcl"
        and token.head.head.i != token.i
    ):
        # "... overtook Tokyo-Yokohama, which now ranks second": the relative's antecedent
        return resolve_reference(token.head.head, index, prefer)
    if lower in _PRONOUN_CLASSES:
        return index.salient_before(offset, _PRONOUN_CLASSES[lower])
    definite = (
        any(c.lower_ in {"the", "this", "that"} for c in token.children)
        or token.left_edge.lower_ in {"the", "this", "that"}  # "The North Chicago-based company's"
        or place_based(token)  # "the Gatineau, Quebec-based office": the parser drops "the"
    )
    named_here = _named_in_apposition(token, index)
    if named_here is not None:
        return named_here  # "The Hsinchu-based chipmaker TSMC": the name, not the last chipmaker
    if token.lemma_.lower() in _NOMINAL_CLASSES and definite:
        found = _nominal_antecedent(token, index)
        if found is not None and found.cls == "Company" and token.lemma_.lower() in _NOT_FIRMS:
            return None  # "the Pasadena-based university" is no firm named before
        return found
    if token.like_num or token.pos_ == "NUM":
        # "Some 7,700 of its patents relate to MIUI, its Android-based system": whose patents
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                owner = resolve_reference(pobj, index, prefer) if pobj is not None else None
                if owner is not None:
                    return owner
    if token.pos_ == "PROPN":
        for child in token.children:  # "South Korea's Samsung Group": the group, not Korea
            named = index.at(child) if child.dep_ == "compound" else None
            if named is not None and named.cls and is_subclass(named.cls, "Organization"):
                return named
    inside = index.in_subtree(token, prefer)
    if token.lemma_.lower() in {"jury", "court", "judge", "tribunal", "panel"}:
        # "A federal jury in Los Angeles ordered ...": the court's seat is no party
        inside = [m for m in inside if m.cls not in {"City", "Region", "Country"}]
    if inside:
        return inside[0]
    for child in token.children:  # "Its grants dropped ..." -> whose grants
        if child.dep_ == "poss" and child.lower_ in _PRONOUN_CLASSES:
            return index.salient_before(index.offset(child), _PRONOUN_CLASSES[child.lower_])
    return None
