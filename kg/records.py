"""Plain, frozen records that cross the boundaries between kg's stages.

They import neither spaCy nor rdflib: ingest produces an :class:`Article`,
extraction turns it into an :class:`Extraction`, and the RDF stage maps that
to triples.  Entities are referred to by their key (the slug of their
canonical name), which is also the local part of their IRI.

Example:
    >>> from kg.records import Evidence
    >>> Evidence("China ranked 12th.", 0, 18).text
    'China ranked 12th.'
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

#: Parent of each core class (None for roots), mirroring ontology/ipo.ttl.
CLASS_PARENT: dict[str, str | None] = {
    "Agent": None,
    "Person": "Agent",
    "Organization": "Agent",
    "GovernmentAgency": "Organization",
    "IPOffice": "GovernmentAgency",
    "InternationalOrganization": "Organization",
    "Company": "Organization",
    "Place": None,
    "Country": "Place",
    "Region": "Place",
    "City": "Place",
    "Treaty": None,
    "Agreement": None,
    "Event": None,
    "Index": None,
    "TechnologyField": None,
    "Initiative": None,
}

#: The relation properties of the data model (local names in ``ipo:``).
RELATION_PROPERTIES: tuple[str, ...] = (
    "memberOf",
    "spokespersonOf",
    "headOf",
    "affiliatedWith",
    "cooperatesWith",
    "partyTo",
    "participatedIn",
    "organizedBy",
    "location",
    "publishedBy",
    "country",
    "partOf",
)


def is_subclass(cls: str, ancestor: str) -> bool:
    """True when ``cls`` is ``ancestor`` or below it (Country counts as an Agent too).

    Example:
        >>> is_subclass("IPOffice", "Organization"), is_subclass("Country", "Agent")
        (True, True)
    """
    if cls == "Country" and ancestor == "Agent":
        return True
    current: str | None = cls
    while current is not None:
        if current == ancestor:
            return True
        current = CLASS_PARENT.get(current)
    return False


@dataclass(frozen=True)
class Article:
    """One input document, decoded, with the metadata its header shows.

    ``text`` is the whole decoded document; ``masked`` lists the character
    ranges that are not article prose (header, photo caption, trailing
    publisher line).  Offsets everywhere in kg refer to ``text``.
    """

    id: str
    source: str
    text: str
    content_hash: str
    date: str | None = None
    publisher: str | None = None
    caption: str | None = None
    dateline: str | None = None
    masked: tuple[tuple[int, int], ...] = ()

    @property
    def prose(self) -> str:
        """The text with masked ranges blanked out (same length, so offsets hold)."""
        chars = list(self.text)
        for start, end in self.masked:
            for i in range(start, end):
                if chars[i] not in "\n":
                    chars[i] = " "
        return "".join(chars)


@dataclass(frozen=True)
class Evidence:
    """The sentence a fact came from, as written, and its offsets in Article.text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    """A real-world thing named in an article, resolved to one canonical name."""

    key: str
    label: str
    cls: str
    alt_labels: tuple[str, ...] = ()
    wikidata: str | None = None
    mentioned: bool = True
    #: Background facts from the gazetteer or the name itself, (property, object key):
    #: asserted in the graph but not as extracted statements of an article.
    facts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Relation:
    """A typed edge between two entities, with the sentence that states it."""

    subject: str
    predicate: str
    object: str
    evidence: Evidence
    confidence: float
    pattern: str


@dataclass(frozen=True)
class Statistic:
    """One numeric claim the text makes about an entity."""

    subject: str
    value: Decimal
    measure: str
    unit: str
    evidence: Evidence
    pattern: str
    date: str | None = None
    qualifier: str | None = None
    technology_field: str | None = None
    index: str | None = None
    announced_by: str | None = None
    currency: str | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    statistics: tuple[Statistic, ...] = ()
    publisher: str | None = None


#: Allowed (subject class, object class) ancestors per property, from the data model.
DOMAIN_RANGE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "memberOf": (("Country", "Organization"), ("Organization", "Treaty")),
    "spokespersonOf": (("Person",), ("Organization",)),
    "headOf": (("Person",), ("Organization",)),
    "affiliatedWith": (("Person",), ("Organization",)),
    "cooperatesWith": (("Agent", "Country"), ("Agent", "Country")),
    "partyTo": (("Agent", "Country"), ("Agreement",)),
    "participatedIn": (("Agent", "Country"), ("Event",)),
    "organizedBy": (("Event",), ("Agent", "Country")),
    "location": (("Event", "Organization"), ("Place",)),
    "publishedBy": (("Index", "Article"), ("Organization",)),
    "country": (("Organization", "Person"), ("Country",)),
    "partOf": (("Place",), ("Place",)),
}


def fits_domain_range(prop: str, subject_cls: str | None, object_cls: str | None) -> bool:
    """Whether a relation's ends have classes the data model allows for ``prop``.

    Example:
        >>> fits_domain_range("location", "Company", "City"), fits_domain_range(
        ...     "location", "Company", "Company")
        (True, False)
    """
    domain, range_ = DOMAIN_RANGE[prop]
    return bool(
        subject_cls
        and object_cls
        and any(is_subclass(subject_cls, c) for c in domain)
        and any(is_subclass(object_cls, c) for c in range_)
    )
