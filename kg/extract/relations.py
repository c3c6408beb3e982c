"""Relations between entities, from surface patterns over typed mentions and from dependencies.

Each rule has a name and a confidence: the share of its matches that were
right when it was last measured on the annotated examples (see
``bench/relation_precision.py``); the figures start as priors.

Surface rules run over :meth:`SentenceView.tagged` (mentions replaced by
``⟦n:Class⟧``); dependency rules use the parse, for subjects that are
pronouns or far from their verb ("it has ... engaged in cooperation with WIPO").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from kg.extract.mentions import Mention
from kg.extract.sentences import SentenceView
from kg.extract.syntax import (
    MentionIndex,
    crosses_phrase,
    governing_verb,
    is_nominal,
    resolve_reference,
    subject_token,
)
from kg.gazetteer import load_gazetteer
from kg.records import is_subclass
from kg.slug import slugify

ORG = "Organization|GovernmentAgency|IPOffice|InternationalOrganization|Company"
AGENT = f"{ORG}|Country|Person|Region"
MEMBER = f"{ORG}|Country|Region"
GROUPING = "Treaty|Organization|InternationalOrganization|GovernmentAgency|IPOffice|Initiative"
PLACE = "Country|Region|City"


def E(name: str, classes: str) -> str:
    """Regex for one placeholder of the given classes, capturing its index."""
    return rf"⟦(?P<{name}>\d+):(?:{classes})⟧"


_THE = r"(?:the |The )?"
_PERSON_ROLE = (
    r"(?:ambassador|envoy|diplomat|delegate|negotiator|minister|president|representative|"
    r"official|spokesperson|spokesman|spokeswoman|lawmaker|legislator|MEP|senator|judge|expert|"
    r"Ambassador|Minister|President|Representative)"
)
_ROLE = (
    r"(?:spokesperson|spokesman|spokeswoman|spokespeople|press secretary|director[- ]general|"
    r"director|president|commissioner|head|chief executive|chief|ceo|chairman|chairwoman|"
    r"chairperson|chair|secretary[- ]general|administrator|minister|official|officer|deputy|"
    r"vice[- ]\w+|expert|examiner|counsel|adviser|advisor|representative|delegate|staff member|"
    r"researcher|leader|governor|ambassador|member|judge|registrar|c(?:on|omp)troller[- ]general|"
    r"economist|analyst|scientist|professor|engineer|attorney|lawyer|partner)"
)
_TITLE = (
    # starts at a word's start only: a title may begin anywhere in a sentence, and letting it
    # begin inside words made this the costliest pattern of all
    rf"(?P<title>(?<![\w-])(?:[A-Za-z-]+ ){{0,9}}?{_ROLE}(?: (?:of|for) [A-Z][\w-]+| [A-Za-z-]+){{0,2}}?)"
)


#: A title right after the organisation's name ("WIPO Director General", "the EPO's Vice-
#: President"): a few words, none of them a clause's ("agency presented at a conference led by
#: its Director General" is no title of the agency's name before it).
_NEAR_TITLE = (
    r"(?P<title>(?<![\w-])(?:(?!(?:by|at|in|on|its|their|his|her|the|a|an|was|is|were|"
    rf"said|led|presented)\b)[A-Za-z-]+ ){{0,4}}?{_ROLE}(?: (?:of|for) [A-Z][\w-]+| [A-Za-z-]+){{0,2}}?)"
)


@dataclass(frozen=True)
class Rule:
    """A surface rule: regex over tagged text, the property, classes allowed and confidence."""

    name: str
    pattern: re.Pattern[str]
    prop: str | None  # None: the property comes from the matched title
    confidence: float
    swap: bool = False


def _rule(name: str, regex: str, prop: str | None, confidence: float, swap: bool = False) -> Rule:
    return Rule(name, re.compile(regex, re.IGNORECASE), prop, confidence, swap)


RULES: tuple[Rule, ...] = (
    # -- people and the organisations they speak for, lead or work at ------------------
    _rule(
        # "WIPO Director General Daren Tang", "signed for IPOS by its then chief executive Tan"
        "org-title-person",
        rf"{E('o', ORG)}(?:'s|’s)? (?:(?:by |for )?(?:its|their) (?:then )?)?{_NEAR_TITLE},? "
        rf"{E('s', 'Person')}",
        None,
        0.9,
    ),
    _rule(
        "person-comma-title-of-org",
        rf"{E('s', 'Person')}, (?:the |a |an )?(?:⟦\d+:(?:{PLACE})⟧(?:'s|’s) )?{_TITLE} "
        rf"(?:of|for|at|with|from|to) {_THE}"
        # "head of Kazakhstan's Department", "a partner at law firm Bird & Bird"
        rf"(?:⟦\d+:(?:{PLACE})⟧(?:'s|’s) )?(?:(?:law |consulting |accounting )?firm |company )?"
        # "chief executive of New York-based Bristol-Myers"
        rf"(?:⟦\d+:(?:{PLACE})⟧(?:, ⟦\d+:(?:{PLACE})⟧)?-based )?"
        rf"{E('o', ORG)}",
        None,
        0.85,
    ),
    _rule(
        # "The Senate has confirmed patent litigator Kathi Vidal as director of the USPTO"
        "confirmed-person-as-title-of-org",
        rf"\b(?:appointed|named|elected|confirmed|re-elected|chose|picked|tapped) (?:[\w-]+ ){{0,4}}?"
        rf"{E('s', 'Person')},? as (?:its |the |their )?(?:new )?{_TITLE} (?:of|at|for) {_THE}"
        rf"{E('o', ORG)}",
        None,
        0.8,
    ),
    _rule(
        # "X of Côte d'Ivoire took office on Tuesday as Director General of OAPI", "X was
        # appointed Director General of WIPO", "X became president of the EPO"
        "person-appointed-title-of-org",
        rf"{E('s', 'Person')}(?:,? (?:of|from) {_THE}⟦\d+:(?:{PLACE})⟧)?,? (?:[\w-]+ ){{0,5}}?"
        r"(?:as|became|becomes|(?:was|has been|is|will be) (?:appointed|named|elected|confirmed|"
        r"re-elected|sworn in)(?: as)?|took office as|takes office as) "
        rf"(?:the |its |a |an )?(?:new |next |incoming )?{_TITLE} (?:of|for|at) {_THE}{E('o', ORG)}",
        None,
        0.8,
    ),
    _rule(
        # "The board named Jane Smith (as) president of the EPO"
        "appointed-person-title-of-org",
        rf"(?:appointed|named|elected|chose|picked|nominated) {E('s', 'Person')},? (?:as )?"
        rf"(?:the |its |a |an )?(?:new |next )?{_TITLE} (?:of|for|at) {_THE}{E('o', ORG)}",
        None,
        0.8,
    ),
    _rule(
        "title-of-org-person",
        rf"{_TITLE} (?:of|for|at) {_THE}{E('o', ORG)},? {E('s', 'Person')}",
        None,
        0.85,
    ),
    _rule(
        "person-comma-org-title",
        rf"{E('s', 'Person')}, {_THE}{E('o', ORG)}(?:'s|’s)? (?P<title>[A-Za-z -]{{0,50}}?{_ROLE}[A-Za-z -]{{0,30}}?)(?=,|\.|;| said| told| and|$)",
        None,
        0.8,
    ),
    _rule(
        # "the Entertainment Software Association (ESA), whose chief executive is Stanley ..."
        "org-whose-title-is-person",
        rf"{E('o', ORG)}(?: \([^()]{{1,15}}\))?, whose (?P<title>[a-z -]{{0,30}}?{_ROLE}) "
        rf"(?:is|was|has been) {E('s', 'Person')}",
        None,
        0.85,
    ),
    _rule(
        # "hosted by the Korean Intellectual Property Office (KIPO), whose Commissioner Park
        # Won-joo chaired the talks"
        "org-whose-title-person",
        rf"{E('o', ORG)}(?: \([^()]{{1,15}}\))?, whose (?P<title>(?:[A-Za-z-]+ ){{0,3}}?{_ROLE}),? "
        rf"{E('s', 'Person')}(?!,? (?:is|was|has been)\b)",
        None,
        0.8,
    ),
    _rule(
        # "elected Ambassador Tatiana Molcean, Permanent Representative of ..., as Chair of the
        # WIPO General Assembly"
        "person-elected-as-title-of-org",
        rf"{E('s', 'Person')}(?:, [^;]{{0,200}}?,)? as (?:the )?(?:new |next |incoming )?"
        rf"(?P<title>(?:[A-Za-z-]+ ){{0,2}}?{_ROLE}) of {_THE}{E('o', ORG)}",
        None,
        0.8,
    ),
    _rule(
        "org-led-by-title-person",
        # "The confederation, headquartered in Neuilly-sur-Seine ..., is led by President X"
        rf"{E('o', ORG)}(?: office| agency| ministry| secretariat)?"
        # "the Department of Homeland Security (DHS) led by ...", "The Court of Appeal in
        # Luxembourg, presided over by ..."
        rf"(?: \(⟦\d+:[^⟧]*⟧\)| \([^()⟦]{{1,15}}\))?(?: in ⟦\d+:(?:{PLACE})⟧)?"
        rf"(?:, (?:headquartered|based|founded|established) [^,;⟦]{{0,60}}(?:⟦\d+:(?:{PLACE})⟧"
        rf"[^,;⟦]{{0,40}}){{0,2}},"
        # "The EUIPO, which registers EU trade marks from its headquarters in Alicante, Spain,
        # is led by ...": a relative clause, whatever it names, closed by a comma
        rf"|, which (?:[^;⟦.]|⟦\d+:[A-Za-z]+⟧){{1,140}}?,"
        # "The agency, a special operating agency of ISED, is currently led by ..."
        # (not "..., a federal agency linked to the ministry, which is headed by": the ministry)
        rf"|, (?:a|an) (?:[^;⟦.]|⟦\d+:[A-Za-z]+⟧){{1,120}}?,(?! which))?,? "
        rf"(?:which is |that is |is |was |has been |had been )?(?:currently |now |still )?"
        # "The Office has been led since last year by Chief Executive ... Tim Moss"
        rf"(?:led|headed|chaired|run|presided over)(?: (?:since|from|until) [^⟦,;]{{1,25}}?)? by "
        rf"(?:its |the |their )?"
        rf"(?:{_TITLE},? )?{E('s', 'Person')}",
        None,
        0.85,
    ),
    _rule(
        # "Peter Kyle, the Technology Secretary who heads DSIT"
        "person-who-heads-org-named",
        rf"{E('s', 'Person')}, (?:the |a )?[^⟦,;.]{{0,50}}? who (?:now |still |currently )?"
        rf"(?:heads|leads|runs|chairs|directs) {_THE}{E('o', ORG)}",
        "headOf",
        0.8,
    ),
    _rule(
        # "António Campinos ran the agency from 2010 to 2018 before becoming President of the
        # EPO": a head, then or now
        "person-became-title-of-org",
        rf"{E('s', 'Person')} (?:(?:(?!said|says|told|who)(?:[^⟦.;]|⟦\d+:[A-Za-z]+⟧)){{0,100}}? )?"
        rf"(?:became|becoming|was named|was appointed|"
        rf"took over as|has been appointed|was elected) (?:as )?(?:the )?{_TITLE} (?:of|at) {_THE}"
        rf"{E('o', ORG)}",
        None,
        0.8,
    ),
    _rule(
        "person-ran-org",
        rf"{E('s', 'Person')} (?:also )?(?:ran|led|headed|has led|has headed|runs|heads) {_THE}"
        rf"{E('o', ORG)}(?! (?:delegation|team|talks|negotiations|effort|project|campaign|"
        rf"office's|agency's)\b)",
        "headOf",
        0.75,
    ),
    _rule(
        # "ISED, whose minister, Navdeep Bains, has called ..."
        "org-whose-title-person",
        rf"{E('o', ORG)}(?: \(⟦\d+:[^⟧]*⟧\)| \([^()⟦]{{1,15}}\))?, whose {_TITLE},? {E('s', 'Person')}",
        None,
        0.8,
    ),
    _rule(
        # "the Director General of IPOPHL, Mr Rowel Barba"
        "title-of-org-comma-person",
        rf"(?:the |its )?{_TITLE} of {_THE}{E('o', ORG)}(?: \(⟦\d+:[^⟧]*⟧\))?, "
        rf"(?:Mr\.? |Ms\.? |Mrs\.? |Dr\.? |Prof\.? )?{E('s', 'Person')}(?=,| and| said| has| was|\.)",
        None,
        0.8,
    ),
    _rule(
        "org-s-headquarters-in",
        rf"{E('s', ORG)}(?:'s|’s) (?:global |world )?headquarters (?:in|at) {_THE}{E('o', PLACE)}",
        "location",
        0.8,
    ),
    _rule(
        "city-in-region",
        rf"{E('s', 'City')},? (?:in|located in) (?:[a-z]+ )?(?:⟦\d+:Country⟧(?:'s|’s) )?{E('o', 'Region|Country')}",
        "partOf",
        0.8,
    ),
    _rule(
        "org-headquarters-in",
        # "The EUIPO, which registers EU trade marks from its headquarters in Alicante": the
        # organisation the clause is about, not a name used as a modifier inside it
        rf"{E('s', ORG)}(?:, which)?(?:[^⟦]|⟦\d+:[A-Za-z]+⟧ (?=[a-z])){{0,120}}? (?:its|their) "
        rf"(?:global |world )?headquarters (?:in|at) {_THE}"
        rf"{E('o', PLACE)}",
        "location",
        0.7,
    ),
    _rule(
        "met-in-place-for-event",
        rf"(?:met|gathered|convened|meet|meets|gather|assembled) in {E('o', PLACE)}(?:, ⟦\d+:(?:{PLACE})⟧)?,?"
        rf"[^⟦]{{0,40}}? for {_THE}{E('s', 'Event')}",
        "location",
        0.8,
    ),
    _rule(
        "person-who-heads-org",
        rf"{E('s', 'Person')}(?: (?:of|from) ⟦\d+:Country⟧)?,? who (?:heads|leads|chairs|runs|"
        rf"(?:has|had) (?:led|headed|chaired|"
        # "who has led the Geneva-based UN agency": the agency, described
        rf"run)) {_THE}(?:⟦\d+:(?:{PLACE})⟧-based )?(?:⟦\d+:[A-Za-z]+⟧ |U\.?N\.? )?{E('o', ORG)}",
        "headOf",
        0.85,
    ),
    # -- membership -----------------------------------------------------------------------
    _rule(
        "became-member-of",
        rf"{E('s', MEMBER)} (?:has |had |have )?(?:also )?(?:became|become|becomes|becoming|is|was|are|were|"
        rf"remains|joined as|has been) (?:already |also |now |still )?(?:a |an |the )?(?:\w+ )?(?:member|member state|member country|"
        rf"contracting party|contracting state|party|state party|signatory)(?: state)? (?:of|to) "
        rf"{_THE}{E('o', GROUPING)}",
        "memberOf",
        0.9,
    ),
    _rule(
        # "Mozambique has been a member of ARIPO since 2000 and is already party to the
        # organization's Harare Protocol"
        "and-also-party-to",
        rf"^(?:The )?{E('s', MEMBER)} [^;.]{{0,120}}? and (?:is|was|has been|became|is now) "
        rf"(?:already |also |now )?"
        rf"(?:a |an )?(?:party|member|state party|contracting party|signatory) (?:of|to) {_THE}"
        rf"(?:[a-z]+(?:'s|’s) |⟦\d+:[A-Za-z]+⟧(?:'s|’s) )?{E('o', GROUPING)}",
        "memberOf",
        0.75,
    ),
    _rule(
        "entry-into",
        rf"{E('s', MEMBER)}(?:'s|’s) (?:entry into|accession to|membership (?:of|in)|joining|"
        rf"ratification of|admission to|joining of) {_THE}{E('o', GROUPING)}",
        "memberOf",
        0.85,
    ),
    _rule(
        "joined",
        rf"{E('s', MEMBER)} (?:has |had |have |formally |officially )*(?:joined|acceded to|ratified|"
        rf"became party to|entered) {_THE}{E('o', GROUPING)}",
        "memberOf",
        0.8,
    ),
    _rule(
        # "Indonesia has been a member of the PCT since 1997 and of the Madrid Protocol since 2018"
        "member-of-and-of",
        rf"{E('s', MEMBER)} (?:has been|have been|is|was|are|were|became) (?:a |an )?(?:member|"
        rf"party|contracting party|signatory) (?:of|to) {_THE}⟦\d+:(?:{GROUPING})⟧[^⟦.;]{{0,30}}? "
        rf"and (?:of|to) {_THE}{E('o', GROUPING)}",
        "memberOf",
        0.85,
    ),
    _rule(
        # "the Patent Law Treaty (PLT) came into force for the country in October 2019"
        "treaty-in-force-for",
        rf"{E('o', 'Treaty')}(?: \(⟦\d+:[^⟧]*⟧\))? (?:came|comes|entered|enters|will enter|will "
        rf"come|has entered) into force (?:for|in) {_THE}{E('s', 'Country')}",
        "memberOf",
        0.8,
    ),
    _rule(
        # "Jason Sheasby of Irell & Manella", "Professor Li of Tsinghua University"
        "person-of-org",
        rf"{E('s', 'Person')} of {_THE}{E('o', 'Company|Organization')}(?! \()",
        "affiliatedWith",
        0.7,
    ),
    _rule(
        # "Chile also joined the PCT, to which Brazil has belonged since 1978"
        "treaty-to-which-member-belongs",
        rf"{E('o', 'Treaty')}, (?:to which|of which) {_THE}{E('s', MEMBER)} (?:has |have |had )?"
        rf"(?:also )?(?:belonged|acceded|been a (?:member|party|contracting party))\b",
        "memberOf",
        0.85,
    ),
    _rule(
        # "Cabo Verde, the ARIPO's newest member, which joined in 2022"
        "country-the-group-s-member",
        rf"{E('s', 'Country')}, (?:the|its) {E('o', 'InternationalOrganization|Treaty')}(?:'s|’s) "
        r"(?:newest|latest|youngest|most recent|first|oldest|[a-z]+est) (?:member|contracting party)\b",
        "memberOf",
        0.8,
    ),
    _rule(
        # "Wang Binying and Hasan Kleib, the two Deputy Directors General of WIPO"
        "pair-the-two-titles-of-org",
        rf"{E('s', 'Person')} and ⟦\d+:Person⟧, (?:the two|both) (?P<title>(?:[A-Z][a-z-]+ ){{0,3}}"
        rf"[A-Z][a-z]+s(?: [A-Z][a-z]+)?) of {_THE}{E('o', ORG)}",
        None,
        0.8,
    ),
    _rule(
        # "Joseph Matal, who is performing the duties of Director of the USPTO"
        "person-performing-duties-of",
        rf"{E('s', 'Person')}, who (?:is|was) performing the (?:functions and )?duties of (?:the )?"
        rf"[A-Za-z ]{{2,40}}? of {_THE}{E('o', ORG)}",
        "affiliatedWith",
        0.8,
    ),
    _rule(
        # "The USPTO delegation was led by Commissioner for Trademarks David Gooder"
        "org-delegation-led-by",
        rf"{E('o', ORG)}(?:'s|’s)? delegation (?:was|is|will be) (?:led|headed) by (?:[A-Z][\w-]* |for |of ){{0,5}}"
        rf"{E('s', 'Person')}",
        "affiliatedWith",
        0.8,
    ),
    _rule(
        # "Florence Butin presides over the Court of First Instance"
        "person-presides-over-org",
        rf"{E('s', 'Person')} (?:presides|presided|has presided) over {_THE}{E('o', ORG)}",
        "headOf",
        0.85,
    ),
    _rule(
        # "under the PCT, which the Kingdom joined in 2013"
        "treaty-which-country-joined",
        rf"{E('o', 'Treaty')}, which {_THE}{E('s', 'Country')} (?:joined|ratified|acceded to)\b",
        "memberOf",
        0.85,
    ),
    _rule(
        # "Belize and Suriname belong to the Hague system"
        "member-belongs-to",
        rf"{E('s', 'Country|Region')} (?:also |already |now |still )?(?:belongs?|belonged) to "
        rf"{_THE}{E('o', 'Treaty|InternationalOrganization')}",
        "memberOf",
        0.85,
    ),
    _rule(
        # "Trinidad and Tobago is already party to a number of WIPO-administered treaties,
        # including the Paris Convention, which it joined in 1994, and the PCT"
        "party-to-treaties-including",
        rf"{E('s', 'Country')} (?:is|was|has been) (?:already |also |now )?(?:a )?(?:party|signatory|"
        rf"contracting party) to [^⟦.;]{{0,30}}(?:⟦\d+:[^⟧]*⟧[-\w ]{{0,25}})?(?:treaties|conventions|"
        rf"agreements|instruments), (?:including|such as|among them) {_THE}{E('o', 'Treaty')}",
        "memberOf",
        0.8,
    ),
    _rule(
        "instrument-of-accession",
        rf"{E('s', MEMBER)} (?:has |had )?(?:deposited|deposits|handed over) (?:its|an|the) instruments? of "
        rf"(?:accession|ratification) (?:to|of) {_THE}{E('o', GROUPING)}",
        "memberOf",
        0.9,
    ),
    _rule(
        "possessive-instrument-of-accession",
        rf"{E('s', MEMBER)}(?:'s|’s) instruments? of (?:accession|ratification) (?:to|of) {_THE}"
        rf"{E('o', GROUPING)}",
        "memberOf",
        0.85,
    ),
    _rule(
        "comma-a-member-of",
        rf"{E('s', MEMBER)}, (?:a|one of the|among the) (?:\w+ )?(?:members?|member states?|contracting "
        rf"parties) of {_THE}{E('o', GROUPING)}",
        "memberOf",
        0.85,
    ),
    _rule(
        # "Indonesia's DGIP, under the Ministry of Law and Human Rights", "The office,
        # headquartered in Delhi, works under the DPIIT"
        "org-under-agency",
        rf"{E('s', ORG)}\)?(?:,(?:[^,;.⟦]|⟦\d+:(?:{PLACE})⟧){{1,80}},)?,? (?:which |that )?"
        rf"(?:works |operates |functions |falls |sits |comes |is |was )?(?:placed )?(?:under|within) "
        rf"{_THE}"
        rf"{E('o', 'GovernmentAgency')}",
        "memberOf",
        0.75,
    ),
    _rule(
        # "TÜRKPATENT, which is affiliated with the Ministry of ...", "IMPI, a decentralised
        # agency of the Ministry of Economy", "CIPO is a special operating agency of ISED"
        "org-agency-of-ministry",
        rf"{E('s', ORG)}(?:,| is| was)? (?:which |that )?(?:is |was )?(?:affiliated (?:with|to)|"
        rf"reports to|reporting to|attached to|(?:an? |the )(?:[\w-]+ ){{0,3}}(?:agency|body|unit|"
        rf"arm|department|bureau|organ|service|office|board) (?:of|under|within|attached to)|"
        # "INAPI began operating in January 2009 as an agency of the Ministry of Economy"
        rf"(?:began |started )?(?:operating|operates|functions|serves|acts)(?: [^,.;⟦]{{1,30}})? as "
        rf"an? (?:[\w-]+ ){{0,3}}(?:agency|body|unit|arm|organ|service) (?:of|under|within)) {_THE}"
        rf"{E('o', 'GovernmentAgency')}",
        "memberOf",
        0.75,
    ),
    _rule(
        # "the Ministry of Justice, to which the Israel Patent Office belongs"
        "org-to-which-org-belongs",
        rf"{E('o', ORG)}, (?:to which|of which) {_THE}{E('s', ORG)} (?:belongs|reports|is (?:a )?"
        rf"(?:part|member|unit))\b",
        "memberOf",
        0.8,
    ),
    _rule(
        # "Interbrand is a global brand consultancy headquartered in New York and part of
        # Omnicom Group"
        "org-is-a-described-and-part-of",
        rf"{E('s', ORG)} (?:is|was) (?:a|an) [^⟦.;]{{0,60}}?(?:⟦\d+:(?:{PLACE})⟧[^⟦.;]{{0,20}}?)? "
        rf"and (?:a |now )?part of {_THE}{E('o', ORG)}",
        "memberOf",
        0.75,
    ),
    _rule(
        # "The Alexandria, Virginia-based agency is part of the Commerce Department"
        "org-is-part-of-org",
        rf"{E('s', ORG)}(?: is| was| remains|,) (?:now )?(?:a |an integral )?part of {_THE}"
        rf"{E('o', ORG)}",
        "memberOf",
        0.75,
    ),
    _rule(
        # "works under the DPIIT in the Ministry of Commerce and Industry"
        "agency-in-ministry",
        rf"under {_THE}{E('s', 'GovernmentAgency|IPOffice')} (?:in|of|within) {_THE}"
        rf"{E('o', 'GovernmentAgency')}",
        "memberOf",
        0.75,
    ),
    # -- cooperation ----------------------------------------------------------------------
    _rule(
        "cooperation-between",
        rf"(?:cooperation|collaboration|partnership|ties|exchanges|relations|dialogue) between {_THE}"
        rf"{E('s', AGENT)} and {_THE}{E('o', AGENT)}",
        "cooperatesWith",
        0.85,
    ),
    _rule(
        "cooperate-with-adjacent",
        rf"{E('s', AGENT)} (?:[a-z-]+ ){{0,4}}?(?:cooperates?|cooperated|collaborates?|collaborated|"
        rf"partners?|partnered|teamed up|works?|worked) (?:closely )?(?:together )?with {_THE}"
        rf"{E('o', AGENT)}",
        "cooperatesWith",
        0.8,
    ),
    # -- indices and their publishers -------------------------------------------------------
    _rule(
        "index-of-org",
        rf"{E('s', 'Index')},? (?:of|by|from) {_THE}{E('o', ORG)}",
        "publishedBy",
        0.85,
    ),
    _rule(
        "org-s-index", rf"{E('o', ORG)}(?:'s|’s) (?:\w+ )?{E('s', 'Index')}", "publishedBy", 0.85
    ),
    _rule(
        "index-published-by",
        rf"{E('s', 'Index')}(?: \(⟦\d+:[^⟧]*⟧\)| \([^()⟦]{{1,10}}\))?[^⟦]{{0,40}}?(?:published|"
        rf"released|compiled|issued|produced|co-published) "
        # "released Tuesday in Geneva by the World Intellectual Property Organization"
        rf"(?:(?:today|on \w+|this week|yesterday|last week|[A-Z][a-z]+day|in ⟦\d+:(?:City|Country)⟧),? )*by {_THE}"
        # "released on Thursday by the Geneva-based WIPO", "by the Munich-based office"
        rf"(?:⟦\d+:City⟧-based |[\w-]+-based )?{E('o', ORG)}",
        "publishedBy",
        0.9,
    ),
    _rule(
        # "the GII 2024, which the World Intellectual Property Organization (WIPO) released"
        "index-which-org-released",
        rf"{E('s', 'Index')}(?: \(⟦\d+:[^⟧]*⟧\)| \([^()⟦]{{1,10}}\))?[^⟦]{{0,12}}?, (?:which|that) "
        rf"{_THE}{E('o', ORG)}(?: \(⟦\d+:[^⟧]*⟧\))? (?:has |had )?(?:published|released|compiled|"
        rf"issued|produced|publishes|releases|compiles)\b",
        "publishedBy",
        0.85,
    ),
    _rule(
        "org-released-index",
        # "Clarivate Plc (NYSE: CLVT), a provider of analytics, today published the Top 100 ..."
        rf"{E('o', ORG)}(?: (?:Plc|PLC|plc|Inc\.?|Ltd\.?|Corp\.?|AG|SE|SA|LLC))?(?: \([^()⟦]{{1,20}}\))?"
        rf"(?:, [^⟦,]{{1,60}},)? (?:has |have |on \w+ |today |"
        rf"this week |yesterday )?(?:published|released|issued|unveiled|launched) (?:its |the |a )?"
        rf"(?:[\w-]+ ){{0,3}}?{E('s', 'Index')}",
        "publishedBy",
        0.85,
    ),
    _rule(
        # "the Australian IP Report 2024, the twelfth edition of IP Australia's annual review"
        "index-edition-of-orgs",
        rf"{E('s', 'Index')}, (?:the|its) (?:[\w-]+ )?(?:edition|issue|instalment|installment) of "
        rf"{_THE}{E('o', ORG)}(?:'s|’s)",
        "publishedBy",
        0.85,
    ),
    _rule(
        # "..., WIPO said in its World Intellectual Property Indicators 2024 report"
        "org-said-in-its-index",
        rf"{E('o', ORG)}(?: \([^()]{{1,15}}\))? (?:said|says|reported|noted|found|showed|wrote) in "
        rf"(?:its|their) (?:latest |annual |new |yearly |\d{{4}} )?{E('s', 'Index')}",
        "publishedBy",
        0.85,
    ),
    _rule(
        # "Indonesia climbed to 54th in the Global Innovation Index 2024, WIPO said"
        "index-org-said",
        rf"\bin {_THE}{E('s', 'Index')}[^⟦;]{{0,40}}?, {_THE}"
        rf"{E('o', 'InternationalOrganization|IPOffice')} (?:said|says|reported|announced)\b",
        "publishedBy",
        0.75,
    ),
    _rule(
        # "In their IP Crime Threat Assessment 2022, Europol and the EUIPO said ..."
        "in-their-report-first",
        rf"[Ii]n their {E('s', 'Index')}, {_THE}{E('o', ORG)} and {_THE}⟦\d+:(?:{ORG})⟧ "
        rf"(?:said|say|says|found|find|warned|warn|reported|report|estimated|estimate)\b",
        "publishedBy",
        0.8,
    ),
    _rule(
        "in-their-report-second",
        rf"[Ii]n their {E('s', 'Index')}, {_THE}⟦\d+:(?:{ORG})⟧ and {_THE}{E('o', ORG)} "
        rf"(?:said|say|says|found|find|warned|warn|reported|report|estimated|estimate)\b",
        "publishedBy",
        0.8,
    ),
    # -- events -----------------------------------------------------------------------------
    _rule(
        "event-hosted-by",
        # (not the event inside an apposition: "The meeting, held on the margins of the first
        # SOM, was hosted by Peru's Indecopi" was no SOM's host)
        rf"{E('s', 'Event')}(?!, (?:was|were|is|are|will be) )[^⟦]{{0,60}}?(?:hosted|organized|organised|convened|sponsored|co-hosted|"
        rf"chaired) by {_THE}(?:⟦\d+:(?:{PLACE})⟧(?:'s|’s) )?{E('o', AGENT)}",  # "China's SIPO"
        "organizedBy",
        0.85,
    ),
    _rule(
        # "officials wrapped up two days of talks in Lima on Tuesday at the 58th meeting of ..."
        "talks-in-city-at-event",
        rf"\bin {E('o', 'City')}(?:,? on \w+)? at {_THE}{E('s', 'Event')}",
        "location",
        0.75,
    ),
    _rule(
        "event-appositive-hosted-by",
        rf"^(?:The |This |That )?{E('s', 'Event')}, [^;]{{0,200}}?, (?:was|is|were|will be) (?:jointly )?"
        rf"(?:hosted|organized|organised|convened|co-hosted) by {_THE}(?:⟦\d+:(?:{PLACE})⟧(?:'s|’s) )?"
        rf"{E('o', AGENT)}",
        "organizedBy",
        0.85,
    ),
    _rule(
        "org-hosted-event",
        # "The IPOS, which organises IP Week, ..."
        rf"{E('o', f'{ORG}|Person')}(?: \([^()]{{1,15}}\))?(?:, (?:which|who|that))? (?:has |will |"
        rf"(?:on|this|last|next) \w+ )?(?:hosted|organized|organised|convened|hosts|organizes|"
        rf"organises|will host) {_THE}(?:[\w'’-]+ ){{0,3}}?{E('s', 'Event')}",
        "organizedBy",
        0.85,
    ),
    _rule(
        # "as the city-state this week hosts the 70th meeting of the ASEAN Working Group"
        "place-hosts-event",
        rf"{E('o', PLACE)} (?:has |will |(?:on|this|last|next) \w+ )?(?:hosted|hosts|will host|"
        rf"is hosting|was hosting) {_THE}(?:[\w'’-]+ ){{0,3}}?{E('s', 'Event')}",
        "location",
        0.8,
    ),
    _rule(
        # "the IP Key Latin America Summit, a two-day forum the EUIPO organised in Rio"
        "event-a-forum-org-organised",
        rf"{E('s', 'Event')}, an? (?:[\w-]+ ){{0,3}}?(?:forum|meeting|conference|summit|event|"
        rf"gathering|symposium) (?:that |which )?{_THE}{E('o', AGENT)} (?:had )?(?:organi[sz]ed|"
        rf"hosted|convened|held)",
        "organizedBy",
        0.8,
    ),
    _rule(
        "event-a-forum-organised-in",
        rf"{E('s', 'Event')}, an? (?:[\w-]+ ){{0,3}}?(?:forum|meeting|conference|summit|event|"
        rf"gathering|symposium) (?:that |which )?{_THE}⟦\d+:[A-Za-z]+⟧ (?:had )?(?:organi[sz]ed|"
        rf"hosted|convened|held) in {_THE}{E('o', 'City')}",
        "location",
        0.8,
    ),
    _rule(
        "event-held-in",
        # (not "the forum's inaugural meeting, held in ...": another sitting of its body)
        rf"{E('s', 'Event')}(?!['’]s)[^⟦]{{0,50}}?(?:held|hosted|took place|takes place|opened|convened|kicked off|"
        rf"was staged|is being held)(?: [^⟦]{{0,15}})? in {_THE}{E('o', PLACE)}",
        "location",
        0.85,
    ),
    _rule("event-in-city", rf"{E('s', 'Event')} in {E('o', 'City')}", "location", 0.75),
    _rule(
        "participated-in",
        rf"{E('s', AGENT)} (?:has |have |also )?(?:attended|participated in|took part in|joined|"
        rf"attends|participates in|will attend|sent a delegation to) {_THE}(?:[\w-]+ ){{0,3}}?"
        rf"{E('o', 'Event')}",
        "participatedIn",
        0.85,
    ),
    # -- organisations and places ---------------------------------------------------------------
    _rule(
        "org-based-in",
        rf"{E('s', ORG)}(?:, [^⟦,]{{0,40}}?(?:⟦\d+:[A-Za-z]+⟧)?[^⟦,]{{0,20}},)?,? (?:which is |that is |is |was )?"
        rf"(?:based|headquartered|located|seated) in {_THE}"
        # "Soochow University, based in the eastern Chinese city of Suzhou"
        rf"(?:(?:⟦\d+:Country⟧ |[a-z-]+ ){{0,3}}(?:city|town|municipality|village) of )?"
        rf"{E('o', PLACE)}",
        "location",
        0.85,
    ),
    _rule(
        # "Clarivate is a global provider of information services and analytics,
        # headquartered in London"
        "org-is-a-described-based-in",
        rf"{E('s', ORG)} (?:is|was) (?:a|an|the) [^⟦.;]{{0,80}}?,? (?:based|headquartered) in "
        rf"{_THE}{E('o', PLACE)}",
        "location",
        0.8,
    ),
    _rule(
        # "Optis, a patent licensing firm headquartered in Plano, Texas, sued ..."
        "org-described-based-in",
        # "MPP, a United Nations-backed public health organisation based in Geneva"
        rf"{E('s', ORG)}, (?:a|an|the) (?:[^⟦,]|⟦\d+:[A-Za-z]+⟧){{0,60}}?(?:based|headquartered|"
        rf"located) in "
        rf"{_THE}{E('o', PLACE)}",
        "location",
        0.8,
    ),
    _rule(
        "place-based-org",
        # "Plano, Texas-based Optis": the city, not the state
        rf"{E('o', PLACE)}(?:, ⟦\d+:(?:Region|Country)⟧)?-based "
        # "Berlin-based patent analytics firm IPlytics", not "the Pasadena-based university
        # sued Apple"
        rf"(?:(?!(?:said|says|sued|sues|has|had|is|was|won|filed|told|signed|announced)\b)"
        rf"[a-z-]+ ){{0,3}}{E('s', ORG)}"
        # not "the Geneva-based UN agency": there the name only qualifies a description
        r"(?! (?:agency|office|body|organi[sz]ation|company|firm|unit|arm|branch|group)\b| ⟦)",
        "location",
        0.8,
    ),
    _rule(
        # "ahead of Munich carmaker BMW", "the Turin truck and bus maker Iveco Group"
        "city-maker-company",
        rf"{E('o', 'City')} (?:[a-z][\w-]* ){{0,4}}?(?:maker|carmaker|automaker|chipmaker|"
        rf"drugmaker|company|firm|group|giant|manufacturer|producer|supplier|conglomerate) "
        rf"{E('s', 'Company')}",
        "location",
        0.8,
    ),
    _rule(
        # "Volkswagen, from Wolfsburg in Lower Saxony, came sixth"
        "company-comma-from-city",
        rf"{E('s', 'Company')}, from {E('o', 'City')}(?: in ⟦\d+:(?:Region|Country)⟧)?,",
        "location",
        0.8,
    ),
    _rule(
        "org-comma-place-based",
        rf"{E('s', ORG)}, (?:a|an|the) (?:[a-z-]+ )?{E('o', PLACE)}-based",
        "location",
        0.8,
    ),
    _rule("city-comma-country", rf"{E('s', 'City')}, {E('o', 'Country|Region')}", "partOf", 0.8),
    _rule(
        # "Guangzhou, the capital of Guangdong province"
        "city-capital-of",
        rf"{E('s', 'City')}, (?:the )?(?:[a-z]+ )?(?:capital|largest city|second city|seat) of "
        rf"{_THE}{E('o', 'Country|Region')}",
        "partOf",
        0.85,
    ),
    _rule(
        # "the city's Huangpu district", "Beijing's Haidian district"
        "city-s-district",
        rf"{E('o', 'City|Region')}(?:'s|’s) {E('s', 'City|Region')}",
        "partOf",
        0.8,
    ),
    # -- a person's country -----------------------------------------------------------------------
    _rule(
        # "Brazilian ambassador Guilherme de Aguiar Patriota"
        "demonym-role-person",
        rf"{E('o', 'Country')} (?:(?:senior|chief|former|deputy|vice|permanent|foreign|trade|prime) )?"
        rf"{_PERSON_ROLE} {E('s', 'Person')}",
        "country",
        0.75,
    ),
    _rule(
        # "President Saule Tlevlessova of Kazakhstan", "Ambassador Tatiana Molcean of the
        # Republic of Moldova"
        "person-of-country",
        rf"{E('s', 'Person')} of {_THE}{E('o', 'Country')}(?!'s|’s| ⟦)",
        "country",
        0.75,
    ),
    _rule(
        # "Audu Ayinla Kadiri, Nigeria's Permanent Representative to the UN"
        "person-countrys-role",
        rf"{E('s', 'Person')}, {_THE}{E('o', 'Country')}(?:'s|’s) (?:[A-Za-z-]+ ){{0,2}}?"
        rf"(?i:{_PERSON_ROLE})\b",
        "country",
        0.75,
    ),
    _rule(
        # "Tang, a Singaporean who took office in 2020", "Grigory Ivliev, a Russian national"
        "person-a-demonym",
        # "Bemanya Twebaze, a Ugandan lawyer who has led ..."
        rf"{E('s', 'Person')}, an? (?:former )?{E('o', 'Country')}(?: [a-z]+)?(?= who\b|,|\.|$)",
        "country",
        0.75,
    ),
    _rule(
        "country-s-agency",
        rf"{E('o', 'Country')}(?:'s|’s) {E('s', 'GovernmentAgency|IPOffice|Organization|Company')}",
        "country",
        0.8,
    ),
)

_WISHED = re.compile(
    r"\b(?:call(?:s|ed|ing)? (?:on|for|upon)|urg(?:e|es|ed|ing)|ask(?:s|ed|ing)?|invit(?:e|es|ed|ing)|"
    r"hope[sd]?|want(?:s|ed)?|would like|encourag(?:e|es|ed|ing))(?: the)? $",
    re.IGNORECASE,
)
_UNIT_AFTER = re.compile(
    r"(?:'s|’s) (?:[\w-]+ ){0,5}?(?:department|division|unit|team|office|bureau|section|"
    r"directorate|sector|service|lab|laboratory|⟦\d+:)",
    re.IGNORECASE,
)


def role_property(title: str) -> str | None:
    """Map a title ("Director General", "deputy commissioner", "spokesperson") to a property.

    Example:
        >>> role_property("senior official"), role_property("Director General")
        ('affiliatedWith', 'headOf')
    """
    # "Under Secretary ... and Director": the last role counts
    lower = re.split(r"\band\b|,", title.lower())[-1]
    if "former" in lower or "ex-" in lower:
        return None
    if re.search(r"spokes|press secretary", lower):
        return "spokespersonOf"
    if re.search(r"\b(chief executive|ceo)\b", lower) and not re.search(
        r"\b(deputy|vice)\b", lower
    ):
        return "headOf"
    if re.search(
        r"\b(?:program|programme|project|regional|country|sales|marketing) (?:director|manager)",
        lower,
    ):
        return "affiliatedWith"  # "the program director in charge of IPEG": one post of many
    chief_of_a_function = re.search(
        r"\bchief (?:\w+ )?(officer|economist|scientist|counsel)\b", lower
    )
    if (chief_of_a_function and "chief executive" not in lower) or re.search(
        r"\b(department|division|unit|team|section|lab|laboratory)\b", lower
    ):
        return "affiliatedWith"  # "Chief Legal Officer", "chief economist", "head of its IP unit"
    if re.search(
        r"\b(deputy|vice|assistant|associate|under|senior official|official|officer|expert|"
        r"examiner|counsel|advis[oe]r|representative|delegate|staff|researcher|member|judge|"
        r"economist|analyst|scientist|professor|engineer|attorney|lawyer|partner)\b",
        lower,
    ):
        return "affiliatedWith"
    if re.search(
        r"\b(director|president|commissioner|head|chief|ceo|chair\w*|secretary[- ]general|"
        r"administrator|minister|leader|governor|c(?:on|omp)troller[- ]general)\b",
        lower,
    ):
        return "headOf"
    return None


@dataclass(frozen=True)
class Found:
    """A relation found in one sentence, before it becomes a record."""

    subject: str
    prop: str
    object: str
    confidence: float
    pattern: str


#: A commissioner with a portfolio is one of a body's members, not its head ("EU Trade
#: Commissioner", "Commissioner for Patents"); "KIPO Commissioner" heads KIPO
_PORTFOLIO_COMMISSIONER = re.compile(
    r"\b(?!(?:chief|high|the|its|acting|new|then|incoming|current|outgoing|interim)\b)"
    r"[A-Za-z-]+ commissioner\b"
    r"|\bcommissioner for [A-Z]",  # (a "Commissioner of Patents" heads Israel's office)
    re.IGNORECASE,
)


def surface_relations(sentence: SentenceView) -> Iterator[Found]:
    """Relations the surface rules find in one sentence."""
    tagged = sentence.tagged
    mentions = sentence.mentions
    if tagged.count("⟦") < 2:
        return  # every rule relates two names
    for rule in RULES:
        for match in rule.pattern.finditer(tagged):
            title = match.groupdict().get("title")
            prop = rule.prop or (role_property(title) if title else "headOf")
            if rule.name == "org-led-by-title-person" and prop is not None:
                prop = "headOf"  # "headed by Vice President X": whatever the title, X heads it
            if prop is None:
                continue
            if prop == "headOf" and _UNIT_AFTER.match(tagged[match.end() :]):
                prop = "affiliatedWith"  # "head of Huawei's IP Department": a unit, not the firm
            if title and re.search(r"\b(?:performing|duties|functions)\b", title, re.I):
                prop = "affiliatedWith"  # "who is performing the duties of Director": acting
            if prop == "headOf" and title and _PORTFOLIO_COMMISSIONER.search(title):
                prop = "affiliatedWith"  # "EU Trade Commissioner X", "Commissioner for Patents"
            if (
                prop == "headOf"
                and title
                and match.end("title") == match.end()  # (not "X Director General Y for the")
                and re.match(r" (?:of|for) [a-z]", tagged[match.end() :])
            ):
                prop = "affiliatedWith"  # "the SGCAN's director general of social development"
            if (
                title
                and re.search(r"\b(?:representative|ambassador|envoy)$", title, re.I)
                and (tagged[match.end("title") : match.end("title") + 4] == " to ")
            ):
                continue  # "Permanent Representative to the United Nations": a state's envoy
            if title and prop == "headOf" and re.search(r"\ban? $", tagged[: match.start("title")]):
                prop = "affiliatedWith"  # "X, a director at the Ministry": one of several
            subj = mentions[int(match.group("s"))]
            obj = mentions[int(match.group("o"))]
            if rule.name == "person-ran-org" and obj.text[:1].islower():
                continue  # "ran the agency from 2010": which agency is a guess; names only
            if prop == "cooperatesWith" and _WISHED.search(tagged[: match.start()]):
                continue  # "calling on the US to work with China": a wish, not a fact
            if subj.key and obj.key and subj.key != obj.key:
                yield Found(subj.key, prop, obj.key, rule.confidence, rule.name)
                if prop == "organizedBy":  # the host of a meeting takes part in it
                    yield Found(obj.key, "participatedIn", subj.key, 0.7, rule.name + "+host")
            if rule.name == "party-to-treaties-including" and subj.key:
                # "..., including the PCT, which it joined in 1994, and the Paris Convention"
                for later in re.findall(r"⟦(\d+):Treaty⟧", tagged[match.end() :]):
                    other = mentions[int(later)]
                    if other.key:
                        yield Found(subj.key, prop, other.key, rule.confidence, rule.name)
            if prop in {"memberOf", "participatedIn"} and rule.name != "country-the-group-s-member":
                # "A, B and C became members of T": the list before the subject shares it.
                # ("Ghana, Rwanda and Cabo Verde, the ARIPO's newest member": one, not a list)
                yield from _list_members(tagged, match, mentions, prop, obj.key, rule)
            if prop in {"publishedBy", "organizedBy"} and subj.key:
                # "co-published by Cornell University, INSEAD and WIPO": each of the list
                pos = match.end()
                while (item := _COORDINATED_ORGS.match(tagged, pos)) is not None:
                    other = mentions[int(item.group("o"))]
                    if other.key and other.key != obj.key:
                        yield Found(
                            subj.key, prop, other.key, rule.confidence - 0.05, rule.name + "+list"
                        )
                    pos = item.end()


#: The organisations coordinated right after a relation's object: ", INSEAD and the WIPO"
_COORDINATED_ORGS = re.compile(
    rf"(?:,| and|, and| as well as|,? (?:together )?with) {_THE}{E('o', ORG)}"
)


_PREPOSITION_BEFORE = re.compile(
    r"\b(?:within|in|among|for|like|unlike|besides|after|before|with|of|by|from|to|at|on|under)"
    r" (?:the )?$",
    re.IGNORECASE,
)


def _list_members(
    tagged: str, match: re.Match[str], mentions: list, prop: str, obj_key: str | None, rule: Rule
) -> Iterator[Found]:
    head = tagged[: match.start("s") - 1]
    for item in re.finditer(
        r"⟦(\d+):[A-Za-z]+⟧(?=(?:,? (?:and )?⟦\d+:[A-Za-z]+⟧)*,? (?:and )?$)", head
    ):
        if _PREPOSITION_BEFORE.search(head[: item.start()]):
            continue  # "Within the CARICOM, Antigua has been a member of ...": no list item
        mention = mentions[int(item.group(1))]
        if (
            mention.key
            and obj_key
            and mention.cls
            and any(is_subclass(mention.cls, c) for c in ("Country", "Organization", "Region"))
        ):
            yield Found(mention.key, prop, obj_key, rule.confidence - 0.05, rule.name + "+list")


_HOME_TO = re.compile(
    rf"{E('p', PLACE)}(?:, [^,]{{0,60}},)? (?:is|was|remains) home to (?:the )?(?:headquarters of |head offices of )?"
    rf"(?:both |companies such as |firms such as )?(?P<list>⟦\d+:(?:{ORG})⟧(?:(?:,|,? and| and) {_THE}⟦\d+:(?:{ORG})⟧)*)",
    re.IGNORECASE,
)
_MEMBERS = (
    r"(?:member states|members|member countries|member economies|contracting parties|"
    r"contracting states)"
)
_LIST_OF = (
    rf"(?P<list>{_THE}⟦\d+:(?:Country|Region|{ORG})⟧(?:(?:,|;|,? and|;? and| as well as) {_THE}"
    rf"⟦\d+:(?:Country|Region|{ORG})⟧)*)"
)
_MEMBER_LIST = re.compile(
    # "ARIPO's 22 member states, alongside Botswana, Cabo Verde ..."
    # "all six GCC states, Bahrain, Kuwait, ...", "the system's members, which include ..."
    rf"{E('o', GROUPING)}(?:'s|’s)? (?:[\w-]+ )?(?:{_MEMBERS}|states|countries)(?:,)?"
    r"(?::? | (?:[a-z ]{0,25}: )?)"
    r"(?:such as |including |like |namely |are |were |alongside |along with |together with |"
    r"which include |which includes |that include )?"
    rf"{_LIST_OF}",
    re.IGNORECASE,
)
#: "delegations from all ten member states of ASEAN: Brunei, Cambodia, ...", "the member
#: states of the GCC, namely Bahrain, Kuwait ..."
_MEMBERS_OF_LIST = re.compile(
    rf"\b{_MEMBERS} of {_THE}{E('o', GROUPING)}(?: \(⟦\d+:[^⟧]*⟧\))?(?::|,? (?:including|such as|"
    rf"namely|among them|are|were)) {_LIST_OF}",
    re.IGNORECASE,
)
#: "valid in all member states, among them Cameroon, Senegal and Togo" (whose: said before)
#: "the organization's eight member states: Armenia, Azerbaijan ..." (whose: the nominal's)
_BARE_MEMBER_LIST = re.compile(
    rf"(?<!⟧ )(?<!⟧'s )(?<!⟧’s )\b(?:all |its |their |the (?:(?P<owner>[a-z]+)(?:'s|’s) )?)?"
    rf"(?:[\w-]+ )?{_MEMBERS}(?:,? (?:among them|including|such as|like|namely)|:|,? (?:are|were)) "
    rf"{_LIST_OF}",
    re.IGNORECASE,
)
_GROUPING_NOUNS = {
    "organization": ("InternationalOrganization",),
    "organisation": ("InternationalOrganization",),
    "bloc": ("InternationalOrganization",),
    "union": ("InternationalOrganization",),
    "convention": ("Treaty",),
    "treaty": ("Treaty",),
    "agreement": ("Treaty",),
    "protocol": ("Treaty",),
}
#: "Mauritius was already one of ARIPO's 22 member states"
_ONE_OF_MEMBERS = re.compile(
    rf"{_LIST_OF} (?:is|was|are|were|remains?|has been|have been) (?:already |also |now |still )?"
    rf"(?:one of|among) {_THE}{E('o', GROUPING)}(?:'s|’s)? (?:[\w-]+ )?{_MEMBERS}",
    re.IGNORECASE,
)
#: "Brazil, Russia, India, China and South Africa, the five BRICS members"
_LIST_THE_MEMBERS = re.compile(
    rf"{_LIST_OF}, (?:the|all) (?:[\w-]+ )?{E('o', GROUPING)} (?:{_MEMBERS}|countries|nations|economies)\b"
)
#: an item of a list of participants: "the EPO", "KIPO Commissioner Kim Wan-ki", "Shen
#: Changyu, commissioner of the CNIPA (CNIPA)"
_TITLED_ITEM = (
    rf"(?:⟦\d+:(?:{ORG})⟧(?: \(⟦\d+:[^⟧]*⟧\))? (?:[A-Z][\w.-]*,? ){{1,3}})?⟦\d+:(?:{AGENT})⟧"
    rf"(?:, (?:the )?[a-z][\w -]{{0,40}}? of the ⟦\d+:(?:{ORG})⟧(?: \(⟦\d+:[^⟧]*⟧\))?)?"
)
_ATTENDED_BY = re.compile(
    # "The four-day meeting, hosted by IPOPHL, runs until Friday and brings together ..."
    rf"{E('e', 'Event')}(?:[^⟦.;]|⟦\d+:[^⟧]*⟧){{0,100}}?(?:attended by|participants included|(?:brought|brings|bring) "
    rf"together|with the participation of|gathered|joined by)(?: representatives| heads| delegations|"
    rf" officials| ministers)?(?: of| from)? "
    # "... delegations from all ten member states of ASEAN: Brunei, Cambodia, ..."
    rf"(?:(?:all |the )?(?:[\w-]+ )?{_MEMBERS} of {_THE}⟦\d+:(?:{GROUPING})⟧(?: \(⟦\d+:[^⟧]*⟧\))?:? )?"
    rf"{_THE}(?P<list>{_TITLED_ITEM}(?:(?:,|,? and| and) {_THE}{_TITLED_ITEM})*)",
    re.IGNORECASE,
)


_JOINED_NO_EVENT = re.compile(
    rf"(?:joined|attended) by {_THE}(?P<list>⟦\d+:(?:{AGENT})⟧(?:(?:,|,? and| and) {_THE}⟦\d+:(?:{AGENT})⟧)*)",
    re.IGNORECASE,
)
#: "the participating countries were Belgium, Bulgaria, ...", "participants included A and B"
_PARTICIPANTS_WERE = re.compile(
    rf"\b(?:participating (?:countries|states|offices|agencies|economies|organi[sz]ations)|"
    rf"participants) (?:were|are|included|include)(?: also)? {_THE}"
    rf"(?P<list>⟦\d+:(?:{AGENT})⟧(?:(?:,|,? and| and) {_THE}⟦\d+:(?:{AGENT})⟧)*)",
    re.IGNORECASE,
)
#: "the partners -- KIPO, the CNIPA, ... and the USPTO -- adopted", "Besides SIPO, the partner
#: offices are the EUIPO, the JPO, ...": the offices of a forum, at its meeting
_PARTNERS_WERE = re.compile(
    rf"\b(?:the |its |their )?(?:partners|(?:partner|member) (?:offices|organi[sz]ations|agencies))"
    rf"(?: (?:--|—|–|:|,)| (?:were|are|included|include))(?: also)? {_THE}"
    rf"(?P<list>⟦\d+:(?:{AGENT})⟧(?:(?:,|,? and| and) {_THE}⟦\d+:(?:{AGENT})⟧)+)",
    re.IGNORECASE,
)
#: "Among the delegations present in Maputo were those of Botswana, Ghana and Kenya"
_DELEGATIONS_WERE = re.compile(
    rf"\b(?:the )?delegations(?: present| attending| taking part)?(?: (?:in|at) ⟦\d+:[^⟧]*⟧)? "
    rf"(?:were|are|included|include)(?: those)?(?: of| from)? {_THE}"
    rf"(?P<list>⟦\d+:(?:{AGENT})⟧(?:(?:,|,? and| and) {_THE}⟦\d+:(?:{AGENT})⟧)*)",
    re.IGNORECASE,
)
#: "Around the table were A, President of the EPO; B, Commissioner of the JPO; and C, ...",
#: "Attending were ...": people listed with their offices, the event named before
_ATTENDEE = rf"⟦\d+:Person⟧, (?:the |a )?[^;⟦]{{0,80}}? (?:of|at|for) (?:the )?⟦\d+:(?:{ORG})⟧"
_ATTENDEES_WERE = re.compile(
    r"\b(?:around the table|attending|present|in attendance|taking part|among (?:them|those "
    r"present|the participants)|participants|attendees)(?: [a-z]+){0,3} (?:were|included|are|"
    rf"include) (?P<list>{_ATTENDEE}(?:(?:;|,)? (?:and )?{_ATTENDEE})*)",
    re.IGNORECASE,
)
#: "It was led by Spain's National Police and the Hellenic Police" (it: the event before)
_IT_WAS_LED_BY = re.compile(
    rf"^(?:It|The (?:event|operation|meeting|conference|forum)) (?:was|is) (?:jointly )?"
    rf"(?:led|organi[sz]ed|co-organi[sz]ed|coordinated|hosted|run|convened) by {_THE}"
    rf"(?P<list>(?:⟦\d+:(?:Country|Region)⟧(?:'s|’s) )?⟦\d+:(?:{AGENT})⟧(?:(?:,|,? and| and) "
    rf"{_THE}(?:⟦\d+:(?:Country|Region)⟧(?:'s|’s) )?⟦\d+:(?:{AGENT})⟧)*)"
)
#: "It brought together delegations from 16 of APEC's 21 member economies: Australia; ...",
#: "The sessions were chaired by X" (the meeting the sentences before named)
_IT_BROUGHT_TOGETHER = re.compile(
    rf"^(?:It|The (?:meeting|session|sessions|forum|conference|event|talks)) (?:brought|brings) "
    rf"together (?:the )?(?:delegations|representatives|heads|officials|delegates|participants) "
    rf"(?:of|from) (?:(?:all |the )?(?:\d+|[a-z]+) of )?(?:⟦\d+:(?:{GROUPING})⟧(?:'s|’s) )?"
    rf"(?:(?:\d+|[a-z]+) )?(?:{_MEMBERS}|economies|countries|states)?:? {_LIST_OF}"
)
_CHAIRED_BY = re.compile(
    r"^(?:It|The (?:meeting|session|sessions|forum|conference|talks|discussions)) (?:was|were) "
    r"(?:co-)?chaired by (?P<list>⟦\d+:Person⟧(?: and ⟦\d+:Person⟧)?)"
)
_ATTENDED_NO_OBJECT = re.compile(
    rf"(?:(?:representatives|delegations?|heads|officials|delegates) (?:of|from) )?{_THE}"
    rf"(?P<list>⟦\d+:(?:{AGENT})⟧(?:(?:,|,? and| and) {_THE}⟦\d+:(?:{AGENT})⟧)*) "
    r"(?:also )?(?:attended|participated|took part)\b(?! in ⟦)",
    re.IGNORECASE,
)


# "President" is left out: alone before a name it is as often a head of state.
_TITLE_WORD = (
    r"(?:Director[- ]General|Director|Commissioner|Chairman|Chairwoman|Chair|"
    r"Secretary[- ]General|Administrator|CEO|Chief Executive(?: Officer)?|Spokesperson|Spokesman|"
    r"Spokeswoman|Controller General|Registrar|Founder|(?:District |Circuit |Presiding )?Judge|"
    # "Chief Legal Officer Song Liuping said": one post of the company the story is about
    r"Chief (?:[A-Z][a-z]+ ){1,2}Officer)"
)
_BARE_TITLE = re.compile(
    rf"(?:^|[.;] |, |by |as |under )(?P<title>(?:(?:Executive|Deputy|Vice|Acting|Founder|Chairman) (?:and )?)?"
    # "President and CEO Börje Ekholm" (a bare "President" is as often a head of state)
    rf"(?:President and (?:CEO|Chief Executive(?: Officer)?)|{_TITLE_WORD})"
    # "Commissioner of Patents Ofir Alon said": the office's head, by the field of the title
    rf"(?: of (?:Patents|Trademarks|Trade Marks|Designs|Copyright))?) {E('s', 'Person')}"
)
_NEARBY_CHARS = 400
_SUBJECT_LED = re.compile(r"⟧[^⟦]{0,60}, and (?:is|was|has been) (?:headed|led|run|chaired) by ")
_ONE_TITLE = rf"(?:(?:Executive|Deputy|Vice|Acting|Chief) )?{_TITLE_WORD}(?: of [A-Z][a-z]+)?"
#: "Konstantinos Georgaras, Commissioner of Patents, Registrar of Trademarks and Chief
#: Executive Officer, wrote that the office ...": titles after a name, no organisation named
_NAME_COMMA_TITLE = re.compile(
    rf"{E('s', 'Person')}, (?:the )?(?P<title>{_ONE_TITLE}(?:(?:, | and ){_ONE_TITLE})*),(?! {_THE}⟦)"
)
#: "Its founder and chief executive officer is Kasim Alfalahi"
_ITS_TITLE_IS = re.compile(
    rf"\b(?P<its>its|their) (?P<title>[a-z -]{{0,40}}?{_ROLE}[a-z ]{{0,20}}?)(?:,? (?:is|was) |, )"
    rf"{E('s', 'Person')}"
    # "the USPTO, led by its Director Kathi Vidal": a capitalised title right before the name
    rf"|\b(?P<its2>its|their) (?P<title2>{_TITLE_WORD}) {E('s2', 'Person')}",
    re.IGNORECASE,
)


_LEAD_VERBS = frozenset("lead head run chair direct".split())


def _org_led_in_relative_clause(person, index: MentionIndex):
    """The organisation in "X, who has led the institute since 2015" or "X, who took charge
    of the EUIPO in October 2023" (a nominal or a name)."""
    for clause in person.span.root.children:
        if clause.dep_ != "relcl":
            continue
        targets = []
        if clause.lemma_.lower() in _LEAD_VERBS:
            targets = [c for c in clause.children if c.dep_ == "dobj"]
        elif clause.lemma_.lower() == "take" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in {"charge", "helm", "reins"}
            for c in clause.children
        ):
            heads = [clause, *(c for c in clause.children if c.dep_ == "dobj")]
            targets = [
                pobj
                for head in heads
                for prep in head.children
                if prep.dep_ == "prep" and prep.lower_ == "of"
                for pobj in prep.children
                if pobj.dep_ == "pobj"
            ]
        for obj in targets:
            found = resolve_reference(obj, index, ("Organization",))
            if found is not None and found.cls and is_subclass(found.cls, "Organization"):
                return found
    return None


def bare_title_relations(sentence: SentenceView, index: MentionIndex) -> Iterator[Found]:
    """ "Executive Director Christian Archambeau said ...": a title without its organisation
    refers to the organisation the text was last talking about."""
    for match in [
        *_BARE_TITLE.finditer(sentence.tagged),
        *_ITS_TITLE_IS.finditer(sentence.tagged),
        *_NAME_COMMA_TITLE.finditer(sentence.tagged),
    ]:
        groups = match.groupdict()
        person = sentence.mentions[int(groups.get("s") or groups["s2"])]
        prop = role_property(groups.get("title") or groups["title2"])
        specific = ("IPOffice", "GovernmentAgency", "InternationalOrganization", "Company")
        if groups.get("its") or groups.get("its2"):
            # "its Director General, Daren Tang": whose, as for any possessive pronoun
            # (no name stands between "its" and the person: the title is plain words)
            org = index.salient_before(person.start, specific) or index.salient_before(
                person.start, ("Organization",)
            )
        else:
            # "The office, which is under the MoST, processed ... Director Long said": the
            # organisation the text is about (the subject), not the last one named
            # ("IPOS is headed by X and IPOPHL by Director General Y": one named in the same
            # sentence is the one meant)
            last = index.last_before(person.start, specific)
            same_sentence = last is not None and last.start >= sentence.start
            if same_sentence and _SUBJECT_LED.search(sentence.tagged):
                # "The office functions under the DPIIT, and is headed by Controller General
                # X": the subject is headed, not the body named in between
                last = next((m for m in sentence.mentions if m.cls in specific and m.key), last)
            org = (
                last
                if same_sentence
                else index.salient_before(person.start, specific)
                or index.last_before(person.start, ("Organization",))
            )
        if "judge" in (groups.get("title") or groups.get("title2") or "").lower():
            # a judge sits on a court: the last court named, not the last organisation
            org = index.last_before(person.start, ("Organization",), "court") or index.last_before(
                person.start, ("Organization",), "tribunal"
            )
        led = _org_led_in_relative_clause(person, index)
        org = led or org  # "Director X, who has led the institute since 2015"
        if led is None and org is not None and person.start - org.end > _NEARBY_CHARS:
            continue  # the organisation was named too far back to be the one meant
        if prop and org is not None and org.key and person.key:
            yield Found(person.key, prop, org.key, 0.65, "bare-title-last-organization")


#: "Commerce and Industry Minister Piyush Goyal": a minister titled by the portfolio
_PORTFOLIO_MINISTER = re.compile(
    r"(?:^|(?<=[\s(,]))(?P<portfolio>[A-Z][a-z]+(?:(?:,| and| &)? [A-Z][a-z]+){0,4}) Minister "
    rf"{E('s', 'Person')}"
)


def _ministry_named(portfolio: str, index: MentionIndex) -> Mention | None:
    """The ministry of ``portfolio`` the article names: "Ministry of Foreign Affairs" or
    "Foreign Ministry" for "Foreign", "Ministry of Commerce and Industry" for "Commerce and
    Industry"."""
    wanted = slugify(f"Ministry of {portfolio}")
    short = slugify(f"{portfolio} Ministry")
    for m in index.mentions:
        if m.cls != "GovernmentAgency" or not m.key:
            continue
        for name in (slugify(m.text), m.key):
            if (
                name in {wanted, short}
                or name.startswith(wanted + "-")
                or name.endswith("-" + short)
            ):
                return m
    return None


#: "Commission Vice-President Andrus Ansip", "the German MEP Axel Voss": a body named by the
#: last word of its name (or by the title itself) before a title and a person
_SHORT_BODY_TITLE = re.compile(
    r"(?:(?<![\w⟧'’-] )|^)(?P<short>Commission|Parliament|Council|Court|Board|Committee|Office|Bank)"
    r"(?:'s|’s)? (?P<title>(?:Executive |Deputy |First )?(?:Vice-President|Vice President|President|"
    r"Commissioner|Director[- ]General|Chairman|Chairwoman|Chair|Secretary[- ]General|"
    r"Spokesperson|Spokesman|Spokeswoman|Member|Judge|Registrar)),? ⟦(?P<s>\d+):Person⟧"
    r"|\bMEP ⟦(?P<mep>\d+):Person⟧"
    # "EU Trade Commissioner Cecilia Malmström": a member of the European Commission
    r"|(?:\b(?:EU|European)|⟦(?P<union>\d+):InternationalOrganization⟧) (?:[A-Z][a-z]+ ){0,2}"
    r"Commissioner ⟦(?P<eu>\d+):Person⟧"
)


def short_body_title_relations(sentence: SentenceView, index: MentionIndex) -> Iterator[Found]:
    """A title after the short name of a body the article names in full ("Commission
    Vice-President X" with "the European Commission" named), or an MEP (a member of the
    European Parliament, when the article names it)."""
    for match in _SHORT_BODY_TITLE.finditer(sentence.tagged):
        if match.group("mep"):
            short, prop, person = "Parliament", "affiliatedWith", match.group("mep")
        elif match.group("eu"):
            union = match.group("union")
            if union is not None and sentence.mentions[int(union)].key != "european-union":
                continue  # "AU Commissioner ...": another union's commission
            short, prop, person = "Commission", "affiliatedWith", match.group("eu")
        else:
            short, person = match.group("short"), match.group("s")
            prop = role_property(match.group("title")) or ""
        if prop not in {"headOf", "affiliatedWith", "spokespersonOf"}:
            continue
        first = sentence.mentions[int(person)]
        bodies = {
            m.key
            for m in index.mentions
            if m.key
            and m.cls
            and is_subclass(m.cls, "Organization")
            and m.text.endswith(" " + short)
        }
        if len(bodies) == 1 and first.key:
            yield Found(first.key, prop, bodies.pop(), 0.7, "short-body-title")


def org_named_index_relations(sentence: SentenceView, index: MentionIndex) -> Iterator[Found]:
    """An index whose name opens with its publisher's name: "the IP5 Statistics Report", "AUTM's
    U.S. Licensing Activity Survey", "the EPO Patent Index 2023" (the publisher named in the
    article)."""
    for mention in sentence.mentions:
        if mention.cls != "Index" or not mention.key:
            continue
        for org in index.mentions:
            if (
                org.key
                and org.key != mention.key
                and org.cls
                and is_subclass(org.cls, "Organization")
                and (
                    mention.text.startswith(org.text + " ") or mention.key.startswith(org.key + "-")
                )
            ):
                yield Found(mention.key, "publishedBy", org.key, 0.8, "org-named-index")
                break


#: "Minister of State for Commerce and Industry Jitin Prasada", "Minister for Trade X"
_MINISTER_FOR = re.compile(
    r"\b(?P<post>Minister of State|Deputy Minister|Vice Minister|Minister) for "
    r"(?P<portfolio>[A-Z][a-z]+(?:(?:,| and| &)? [A-Z][a-z]+){0,4}),? "
    rf"{E('s', 'Person')}"
)


#: "Korean Commissioner Kim Yong-rae", "the Japanese Commissioner": a national office's head
_NATIONAL_COMMISSIONER = re.compile(
    rf"{E('c', 'Country')} (?:Patent |IP )?Commissioner {E('s', 'Person')}"
)


def national_commissioner_relations(sentence: SentenceView, index: MentionIndex) -> Iterator[Found]:
    """A commissioner named by country heads that country's IP office, when the article names
    it: "SAIP agreed a partnership that ... signed with Korean Commissioner Kim Yong-rae"."""
    gaz = load_gazetteer()
    for match in _NATIONAL_COMMISSIONER.finditer(sentence.tagged):
        country = sentence.mentions[int(match.group("c"))]
        person = sentence.mentions[int(match.group("s"))]
        offices = {
            m.key
            for m in index.mentions
            if m.cls == "IPOffice"
            and m.key
            and (entry := gaz.get(m.key)) is not None
            and entry.country == country.key
        }
        if len(offices) == 1 and person.key:
            yield Found(person.key, "headOf", offices.pop(), 0.75, "national-commissioner")


def portfolio_minister_relations(sentence: SentenceView, index: MentionIndex) -> Iterator[Found]:
    """ "Commerce and Industry Minister Piyush Goyal hailed ...": the minister heads the
    "Ministry of Commerce and Industry" when the article names that ministry; "Vice Foreign
    Minister Ma Zhaoxu" works in the "Foreign Ministry" (or "Ministry of Foreign Affairs")."""
    for match in _PORTFOLIO_MINISTER.finditer(sentence.tagged):
        words = match.group("portfolio").replace("&", "and").split()
        prop, confidence = "headOf", 0.75
        if words[0] in {"Vice", "Deputy", "Assistant"} and len(words) > 1:
            words, prop, confidence = words[1:], "affiliatedWith", 0.7
        if words[0] in {"The", "Prime", "Chief", "Deputy", "Vice", "Former"}:
            continue  # "Prime Minister", "Deputy Minister": no portfolio named
        person = sentence.mentions[int(match.group("s"))]
        # "State Councilor and Foreign Minister Qin Gang": the portfolio is the last words
        tails = [words[k:] for k in range(len(words)) if words[k] not in {"and", "&"}]
        ministry = next(
            (m for tail in tails if (m := _ministry_named(" ".join(tail), index)) is not None),
            None,
        )
        if ministry is not None and person.key:
            yield Found(person.key, prop, ministry.key, confidence, "portfolio-minister")
    for match in _MINISTER_FOR.finditer(sentence.tagged):
        person = sentence.mentions[int(match.group("s"))]
        ministry = _ministry_named(match.group("portfolio").replace("&", "and"), index)
        prop = "headOf" if match.group("post") == "Minister" else "affiliatedWith"
        if ministry is not None and person.key:
            yield Found(person.key, prop, ministry.key, 0.7, "minister-for-portfolio")


def event_context_relations(sentence: SentenceView, recent_event: str | None) -> Iterator[Found]:
    """Participation stated without naming the event, which an earlier sentence named:
    "It was joined by the EPO, the JPO ...", "Representatives of WIPO attended as observers"."""
    if recent_event is None or any(m.cls == "Event" for m in sentence.mentions):
        return
    tagged = sentence.tagged
    for pattern, name in (
        (_JOINED_NO_EVENT, "joined-by-recent-event"),
        (_ATTENDED_NO_OBJECT, "attended-recent-event"),
        (_PARTICIPANTS_WERE, "participants-of-recent-event"),
        (_DELEGATIONS_WERE, "delegations-of-recent-event"),
        (_ATTENDEES_WERE, "attendees-of-recent-event"),
        (_IT_BROUGHT_TOGETHER, "brought-together-recent-event"),
        (_CHAIRED_BY, "chaired-recent-event"),
        (_PARTNERS_WERE, "partners-at-recent-event"),
    ):
        for match in pattern.finditer(tagged):
            for idx in re.findall(r"⟦(\d+):", match.group("list")):
                agent = sentence.mentions[int(idx)]
                if agent.key:
                    yield Found(agent.key, "participatedIn", recent_event, 0.7, name)
    for match in _IT_WAS_LED_BY.finditer(tagged):
        for idx in re.findall(r"⟦(\d+):", match.group("list")):
            agent = sentence.mentions[int(idx)]
            if agent.key and agent.cls not in {"Country", "City", "Region"}:
                yield Found(recent_event, "organizedBy", agent.key, 0.7, "it-was-led-by")


#: "The EAPC binds the organization's eight member states: Armenia, ..."
_TREATY_BINDS = re.compile(
    rf"{E('o', 'Treaty')}(?:, [^;⟦]{{0,60}},)? (?:binds|covers|unites|links) (?:the |its |all )?"
    rf"(?:⟦\d+:[A-Za-z]+⟧(?:'s|’s) |[a-z]+(?:'s|’s) )?(?:[\w-]+ )?(?:{_MEMBERS}|states|countries):? "
    rf"{_LIST_OF}"
)
#: "The Protocol ... entered into force after Kyrgyzstan, Azerbaijan and Armenia deposited their
#: instruments of ratification": the treaty the sentence is about
_LIST_DEPOSITED = re.compile(
    rf"^(?:The |the )?{E('o', 'Treaty')}.{{0,160}}?\b(?:after|when|as|once) {_LIST_OF} "
    r"(?:had )?deposited (?:its|their) instruments? of (?:accession|ratification)"
)
#: (pattern, group naming the shared end, property from each list item to it, rule name)
_LIST_RULES = (
    (_TREATY_BINDS, "o", "memberOf", "treaty-binds-list"),
    (_LIST_DEPOSITED, "o", "memberOf", "list-deposited-instruments"),
    (_MEMBER_LIST, "o", "memberOf", "member-list"),
    (_MEMBERS_OF_LIST, "o", "memberOf", "members-of-list"),
    (_ONE_OF_MEMBERS, "o", "memberOf", "one-of-members"),
    (_LIST_THE_MEMBERS, "o", "memberOf", "list-the-members"),
    (_HOME_TO, "p", "location", "place-home-to-org"),
    (_ATTENDED_BY, "e", "participatedIn", "attended-by-list"),
)


_WITHIN_GROUP = re.compile(
    rf"^(?:Within|Inside|Among the members of) {_THE}{E('o', 'InternationalOrganization')}, "
)


def within_group_relations(sentence: SentenceView) -> Iterator[Found]:
    """ "Within the CARICOM, Antigua and Barbuda has been a member of the Madrid system since
    2000, while Belize ...": the states named in a sentence fronted by their group."""
    match = _WITHIN_GROUP.match(sentence.tagged)
    if match is None:
        return
    group = sentence.mentions[int(match.group("o"))]
    for idx in re.findall(r"⟦(\d+):Country⟧", sentence.tagged[match.end() :]):
        country = sentence.mentions[int(idx)]
        if country.key and group.key:
            yield Found(country.key, "memberOf", group.key, 0.7, "within-group")


def bare_member_list_relations(sentence: SentenceView, index: MentionIndex) -> Iterator[Found]:
    """Members listed for an organisation the text named before: "Unlike national offices, it
    grants a title valid in all member states, among them Cameroon, Senegal and Togo"."""
    for match in _BARE_MEMBER_LIST.finditer(sentence.tagged):
        if re.search(r"⟧(?:'s|’s)? (?:[\w-]+ )?$", sentence.tagged[: match.start()]):
            continue  # "ARIPO's 22 member states: ...": the named owner's list (member-list)
        items = [sentence.mentions[int(i)] for i in re.findall(r"⟦(\d+):", match.group("list"))]
        first = items[0].start if items else sentence.start
        owner = (match.group("owner") or "").lower()
        classes = _GROUPING_NOUNS.get(owner, ("InternationalOrganization", "Treaty"))
        if owner and owner not in _GROUPING_NOUNS:
            continue  # "the country's member states"? not a grouping
        # "The EAPC, signed in 1994, binds eight member states: ...": the grouping the sentence
        # is about, before the one the discourse is about
        before = [
            sentence.mentions[int(i)]
            for i in re.findall(r"⟦(\d+):", sentence.tagged[: match.start()])
        ]
        here = next((m for m in before if m.key and m.cls in classes), None)
        grouping = here or index.salient_before(first, classes)
        if grouping is None or not grouping.key:
            continue
        for item in items:
            if item.key and item.key != grouping.key and item.cls in {"Country", "Region"}:
                yield Found(item.key, "memberOf", grouping.key, 0.7, "bare-member-list")


#: "Those states are Botswana, Eswatini ... and Zimbabwe": a list naming a group the sentence
#: before described ("Nineteen states were already bound by that protocol.")
_GROUP_IS_LIST = re.compile(
    r"^(?:Those|These|The|They)(?: (?:[\w-]+ ){0,2}?(?:states|countries|economies|nations|members|"
    r"offices|jurisdictions|parties|governments|delegations))? (?:are|were|include|included|"
    r"comprise|comprised)(?: also)?:? "
    rf"(?P<list>{_THE}⟦\d+:(?:Country|Region|{ORG})⟧(?:(?:,|,? and| and) {_THE}⟦\d+:(?:Country|Region|{ORG})⟧)*)"
)
#: What the group of the sentence before did: joined a treaty or organisation, or took part.
_MEMBERSHIP_CUES = frozenset(
    "bind bound member party join ratify accede contracting belong".split()
)
_PARTICIPATION_CUES = frozenset("attend participate delegation represent present".split())
_GROUPING_WORDS = frozenset(
    "protocol treaty convention agreement act organization organisation union".split()
)


def _group_target(previous: SentenceView, index: MentionIndex) -> tuple[str, str] | None:
    """(property, target key) for the group the sentence before describes, or None."""
    lemmas = set(previous.lemmas) | {t.lower_ for t in previous.span}
    if lemmas & _MEMBERSHIP_CUES:
        candidates = [
            m
            for m in previous.mentions
            if m.key and m.cls in {"Treaty", "InternationalOrganization", "Agreement"}
        ]
        for token in previous.span:  # "bound by that protocol", "under the Protocol's rules"
            word = token.lemma_.lower()
            if word not in _GROUPING_WORDS or index.at(token) is not None:
                continue
            if not any(c.lower_ in {"that", "this", "the"} for c in token.children):
                continue
            treaty = word not in {"organization", "organisation", "union"}
            classes = ("Treaty", "Agreement") if treaty else ("InternationalOrganization",)
            found = index.last_before(index.offset(token), classes, word if treaty else None)
            if found is not None and index.offset(token) - found.end < 2 * _NEARBY_CHARS:
                candidates.append(found)
        if not candidates:
            return None
        # states "contracting", "bound by" or "party to" something are a treaty's
        if lemmas & {"contracting", "bind", "bound", "party", "ratify", "accede"}:
            treaties = [m for m in candidates if m.cls in {"Treaty", "Agreement"}]
            candidates = treaties or candidates
        target = candidates[-1]
        if target.key is None:
            return None
        return ("partyTo" if target.cls == "Agreement" else "memberOf"), target.key
    if lemmas & _PARTICIPATION_CUES:
        events = [m for m in previous.mentions if m.key and m.cls == "Event"]
        if events:
            return "participatedIn", events[-1].key  # type: ignore[return-value]
    return None


def group_list_relations(
    sentence: SentenceView, previous: SentenceView | None, index: MentionIndex
) -> Iterator[Found]:
    """ "Nineteen states were already bound by that protocol. Those states are Botswana, ...":
    each listed state does what the group of the sentence before did."""
    if previous is None:
        return
    match = _GROUP_IS_LIST.match(sentence.tagged)
    if match is None:
        return
    target = _group_target(previous, index)
    if target is None:
        return
    prop, key = target
    for idx in re.findall(r"⟦(\d+):", match.group("list")):
        item = sentence.mentions[int(idx)]
        if (
            item.key
            and item.key != key
            and (
                prop != "memberOf"
                or item.cls in {"Country", "Region"}
                or is_subclass(item.cls or "", "Organization")
            )
        ):
            yield Found(item.key, prop, key, 0.7, "group-named-before-is-list")


_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "both": 2}
_GROUP_CLASSES = {
    "offices": ("IPOffice",),
    "agencies": ("IPOffice", "GovernmentAgency"),
    "countries": ("Country",),
    "states": ("Country",),
    "nations": ("Country",),
    "economies": ("Country", "Region"),
    "companies": ("Company",),
    "firms": ("Company",),
}
_AGENTS = rf"(?P<list>{_THE}⟦\d+:(?:{AGENT})⟧(?: \([^()]{{1,15}}\))?(?:(?:,|,? and| and) {_THE}⟦\d+:(?:{AGENT})⟧(?: \([^()]{{1,15}}\))?)*)"
#: "Together with the EPO, CNIPA and KIPO, the two offices form the IP5 group";
#: "Brazil, Russia, India, China and South Africa make up BRICS"
_FORM_GROUP = re.compile(
    rf"(?:^|, )(?:(?:Together|Along) with {_AGENTS}, )?"
    rf"(?:(?P<the>the|The|these|These|those|Those) (?P<n>two|three|four|five|both) (?P<noun>[a-z]+)|"
    rf"(?P<list2>{_THE}⟦\d+:(?:{AGENT})⟧(?:(?:,|,? and| and) {_THE}⟦\d+:(?:{AGENT})⟧)+)) "
    rf"(?:together )?(?:form|formed|make up|made up|constitute|constituted|founded|created) "
    rf"{_THE}{E('o', 'InternationalOrganization|Organization|Initiative')}"
)


def formed_group_relations(sentence: SentenceView, index: MentionIndex) -> Iterator[Found]:
    """ "Together with the EPO, CNIPA and KIPO, the two offices form the IP5 group": every
    body named, and the ones "the two offices" stand for, is a member of the group."""
    for match in _FORM_GROUP.finditer(sentence.tagged):
        group = sentence.mentions[int(match.group("o"))]
        if not group.key:
            continue
        members = [
            sentence.mentions[int(i)]
            for name in ("list", "list2")
            if match.group(name)
            for i in re.findall(r"⟦(\d+):", match.group(name))
        ]
        if match.group("n"):
            classes = _GROUP_CLASSES.get(match.group("noun"))
            wanted = _NUMBER_WORDS[match.group("n")]
            if classes is None:
                continue
            taken = {m.key for m in members}
            before: list = []
            for mention in reversed(index.mentions):
                if len(before) == wanted or mention.end > sentence.start:
                    if len(before) == wanted:
                        break
                    continue
                if mention.cls in classes and mention.key and mention.key not in taken:
                    taken.add(mention.key)
                    before.append(mention)
            if len(before) != wanted:
                continue
            members.extend(before)
        for member in members:
            if member.key and member.key != group.key:
                yield Found(member.key, "memberOf", group.key, 0.75, "form-the-group")


_GROUPINGS = rf"⟦\d+:(?:{GROUPING})⟧"
#: "The UAE is already a party to the Paris Convention ... and the Patent Cooperation Treaty"
_MEMBER_OF_LIST = re.compile(
    rf"{E('s', MEMBER)} (?:has |had |have )?(?:is|was|are|were|has been|have been|remains|became)"
    rf" (?:already |also |now |still )?(?:a |an )?(?:member|party|state party|contracting party|"
    rf"signatory) (?:of|to) {_THE}(?P<list>{_GROUPINGS}(?: \([^()]{{1,15}}\))?"
    rf"(?:(?:,|,? and| and) {_THE}{_GROUPINGS}(?: \([^()]{{1,15}}\))?)+)"
)
_ORDINAL_WORD = r"(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|latest|last)"
#: "the third member state of the Gulf Cooperation Council (GCC) to join, after Bahrain and
#: Oman": the joiner and the ones before it belong to the group
_NTH_MEMBER_TO_JOIN = re.compile(
    rf"\b(?:the )?{_ORDINAL_WORD} (?:member(?: state| country)?|country|state|economy) of {_THE}"
    rf"{E('g', 'InternationalOrganization|Organization')}(?: \([^()]{{1,15}}\))? to "
    rf"(?:join|accede|ratify|sign up|do so)(?:[^⟦.;]{{0,40}}?,? after {_THE}"
    rf"(?P<list>⟦\d+:(?:Country|Region)⟧(?:(?:,|,? and| and) {_THE}⟦\d+:(?:Country|Region)⟧)*))?"
)


def membership_list_relations(sentence: SentenceView, index: MentionIndex) -> Iterator[Found]:
    """Memberships of several groupings at once, and those a sequence implies: "X is already a
    party to A and B"; "X becomes the 109th member of the Madrid System ... and the third
    member state of the GCC to join, after Bahrain and Oman"."""
    tagged, mentions = sentence.tagged, sentence.mentions
    for match in _MEMBER_OF_LIST.finditer(tagged):
        member = mentions[int(match.group("s"))]
        for idx in re.findall(r"⟦(\d+):", match.group("list")):
            group = mentions[int(idx)]
            if member.key and group.key and group.key != member.key:
                yield Found(member.key, "memberOf", group.key, 0.8, "member-of-several")
    for match in _NTH_MEMBER_TO_JOIN.finditer(tagged):
        group = mentions[int(match.group("g"))]
        joiners = [m for m in mentions if m.cls == "Country" and m.start < group.start]
        joiner = joiners[0] if joiners else None
        joined = [m for m in mentions if m.cls == "Treaty" and m.start < group.start]
        earlier = [mentions[int(i)] for i in re.findall(r"⟦(\d+):", match.group("list") or "")]
        for member in ([joiner] if joiner else []) + earlier:
            if member.key and group.key and member.key != group.key:
                yield Found(member.key, "memberOf", group.key, 0.75, "nth-member-to-join")
            if member is not joiner and joined and joined[-1].key and member.key:
                # "after Bahrain and Oman": they joined what the sentence is about first
                yield Found(member.key, "memberOf", joined[-1].key, 0.6, "joined-before")


def possessed_index_relations(sentence: SentenceView, index: MentionIndex) -> Iterator[Found]:
    """ "according to its Patent Index 2019", "the academy's Top 100 list": a ranking or report
    someone's possessive names is theirs (published by them)."""
    for mention in sentence.mentions:
        if mention.cls != "Index" or not mention.key or mention.span.start == 0:
            continue
        before = mention.span.doc[mention.span.start - 1]
        if before.lower_ in {"its", "their"}:
            owner = index.salient_before(mention.start, ("Organization",))
        elif before.text in {"'s", "’s"} and mention.span.start >= 2:
            owner = resolve_reference(
                mention.span.doc[mention.span.start - 2], index, ("Organization",)
            )
        else:
            continue
        if owner is not None and owner.key and owner.cls and is_subclass(owner.cls, "Organization"):
            yield Found(mention.key, "publishedBy", owner.key, 0.7, "possessed-index")


def list_relations(sentence: SentenceView) -> Iterator[Found]:
    """Rules whose one side is a list: "member states such as A, B and C", "attended by A, B and C"."""
    tagged = sentence.tagged
    mentions = sentence.mentions
    for pattern, ends, prop, rule in _LIST_RULES:
        for match in pattern.finditer(tagged):
            anchor = mentions[int(match.group(ends))]
            for idx in re.findall(r"⟦(\d+):", match.group("list")):
                item = mentions[int(idx)]
                if item.key and anchor.key and item.key != anchor.key:
                    yield Found(item.key, prop, anchor.key, 0.8, rule)


_COOPERATION_WORDS = frozenset(
    {
        "cooperation",
        "collaboration",
        "cooperate",
        "collaborate",
        "partnership",
        "co-operation",
        "partner",
    }
)


def dependency_relations(sentence: SentenceView, index: MentionIndex) -> Iterator[Found]:
    """Cooperation whose subject is a pronoun or far away: "it ... engaged in cooperation with WIPO"."""
    for token in sentence.tokens_with_lemma(_COOPERATION_WORDS | _ARRANGEMENT_NOUNS):
        partners = [
            m
            for child in token.children
            if child.lower_ == "with"
            for pobj in child.children
            if pobj.dep_ == "pobj"
            for m in _coordinated_mentions(pobj, index)
        ]
        if not partners:
            continue
        partners += [m for m in _listed_after(sentence, partners[-1]) if m not in partners]
        # "The Office's Patent Prosecution Highway (PPH) programmes": the possessor may hang on
        # a compound before the noun
        owner = next((t for t in token.subtree if t.i < token.i and t.dep_ == "poss"), None)
        if token.lemma_.lower() in _ARRANGEMENT_NOUNS:
            # "The Office's PPH programmes with the JPO and the EPO": the possessor's; "For the
            # Philippine office, the deal adds to PPH arrangements with ...": the one it is for
            subj_tok = owner or _fronted_for(sentence)
            verb = governing_verb(token)
            if subj_tok is None and token.dep_ == "dobj" and verb is not None:
                # "It has PPH agreements with the USPTO, the JPO and KIPO", "INPI also runs
                # PPH programs with the JPO ...": the one that holds them
                subj_tok = subject_token(verb)
        else:
            verb = governing_verb(token)
            subj_tok = owner or (subject_token(verb) if verb is not None else None)
        subject = (
            resolve_reference(subj_tok, index, ("Country", "Organization")) if subj_tok else None
        )
        if subject is None or not subject.key:
            continue
        if token.lemma_.lower() in _ARRANGEMENT_NOUNS and subject.cls == "Person":
            continue  # "Nieto signed a collaboration agreement with the ESA": for his office
        for partner in partners:
            if (
                partner.key
                and partner.key != subject.key
                and _is_agent(partner)
                and _is_agent(subject)
            ):
                yield Found(
                    subject.key, "cooperatesWith", partner.key, 0.75, "dep-cooperation-with"
                )


def _fronted_for(sentence: SentenceView) -> Token | None:
    """The object of a sentence-initial "For X, ..." phrase."""
    first = sentence.span[0]
    if first.lower_ != "for" or first.dep_ != "prep":
        return None
    return next((c for c in first.children if c.dep_ == "pobj"), None)


_ARRANGEMENT_NOUNS = frozenset(
    "arrangement programme program pilot agreement memorandum mou deal pact ties".split()
)
_JOINT_VERBS = frozenset(
    "launch sign agree establish cooperate collaborate partner pledge renew hold co-host co-organize "
    "set conclude deepen strengthen expand".split()
)


#: Verbs that make a joint act only with a "joint" object: "issued a joint message".
_JOINT_OUTPUT_VERBS = frozenset("issue release publish adopt sign".split())


def _joint_object(verb: Token) -> bool:
    return any(
        c.dep_ == "dobj" and any(g.lower_ == "joint" for g in c.children) for c in verb.children
    )


def cooperating_pairs(keys: list[str], pattern: str, confidence: float = 0.7) -> Iterator[Found]:
    """cooperatesWith between every two of ``keys`` (each pair once, in the order named).

    Example:
        >>> [(f.subject, f.object) for f in cooperating_pairs(["a", "b", "c"], "demo")]
        [('a', 'b'), ('a', 'c'), ('b', 'c')]
    """
    unique = list(dict.fromkeys(keys))
    for i, first in enumerate(unique):
        for second in unique[i + 1 :]:
            yield Found(first, "cooperatesWith", second, confidence, pattern)


def joint_action_relations(sentence: SentenceView, index: MentionIndex) -> Iterator[Found]:
    """ "IP Australia and the EPO will launch a PPH pilot", "the USPTO and the JPO have issued
    a joint message": agents acting together cooperate."""
    for token in sentence.tokens_with_lemma(_JOINT_VERBS | _JOINT_OUTPUT_VERBS | {"work"}):
        if token.pos_ != "VERB":
            continue
        together = any(c.lower_ == "together" for c in token.children)
        if token.lemma_.lower() == "work" and not together:
            continue
        if token.lemma_.lower() not in _JOINT_VERBS | {"work"} and not _joint_object(token):
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ == "they" and token.dep_ == "ccomp":
            # "Pfizer and the MPP today announced that they have signed a licence"
            subject = next((c for c in token.head.children if c.dep_ == "nsubj"), subject)
        if subject is None:
            continue
        agents = [
            m
            for m in _coordinated_mentions(subject, index) or _the_two(subject, index)
            if _is_agent(m) and m.key and m.cls != "Person"  # people sign for their organisations
        ]
        yield from cooperating_pairs([m.key for m in agents], "joint-action")
    # "The INPI and the USPTO have turned their PPH into a permanent program": a shared
    # programme (their arrangement) is a joint one, whatever is done with it
    for token in sentence.span:
        if token.dep_ != "dobj" or not any(c.lower_ == "their" for c in token.children):
            continue
        named = index.at(token)
        if not (
            (named is not None and named.cls in {"Initiative", "Agreement"})
            or token.lemma_.lower() in _ARRANGEMENT_NOUNS
        ):
            continue
        subject = subject_token(token.head) if token.head.pos_ in {"VERB", "AUX"} else None
        agents = [
            m
            for m in (_coordinated_mentions(subject, index) if subject is not None else [])
            if _is_agent(m) and m.key and m.cls != "Person"
        ]
        yield from cooperating_pairs([m.key for m in agents], "their-joint-arrangement")


_PAIR_NOUNS: dict[str, tuple[str, ...]] = {
    "office": ("IPOffice", "GovernmentAgency"),
    "agency": ("IPOffice", "GovernmentAgency", "InternationalOrganization"),
    "authority": ("IPOffice", "GovernmentAgency"),
    "institution": ("Organization",),
    "organization": ("Organization",),
    "organisation": ("Organization",),
    "country": ("Country",),
    "company": ("Company",),
    "side": ("Organization",),
}


def _the_two(noun: Token, index: MentionIndex) -> list:
    """ "The two offices have worked together since 2018": the last two of their kind named
    before (KIPO and SAIP), or nothing when fewer were named."""
    classes = _PAIR_NOUNS.get(noun.lemma_.lower())
    if classes is None or noun.tag_ not in {"NNS", "NNPS"}:
        return []
    if not any(c.lower_ == "two" for c in noun.children) or not any(
        c.lower_ == "the" for c in noun.children
    ):
        return []
    start = index.offset(noun.left_edge)

    def fits(mention) -> bool:
        return (
            mention is not None
            and bool(mention.cls)
            and mention.cls != "Person"
            and any(is_subclass(mention.cls, c) for c in classes)
            and (classes == ("Company",) or mention.cls != "Company")
        )

    before = [m for m in index.mentions if m.end <= start and start - m.end < 1500 and fits(m)]
    # the last pair named together ("co-hosted by MOFCOM and the Commission's DG Trade")
    for mention in reversed(before):
        partners = [index.at(t) for t in mention.span.root.conjuncts]
        partner = next((p for p in partners if fits(p) and p.key != mention.key), None)
        if partner is not None:
            return [partner, mention]
    # else the last two named, not counting a name that only qualifies another ("the
    # Commission's DG Trade", "the UN agency")
    found: list = []
    sentence_start = index.offset(noun.sent[0])
    for mention in reversed(before):
        if mention.span.root.dep_ in {"poss", "compound", "amod"} or mention.end > sentence_start:
            continue  # (the pair is named before the sentence that calls them "the two")
        if mention.key not in {m.key for m in found}:
            found.append(mention)
        if len(found) == 2:
            return found
    return []


_LIST_NEXT = re.compile(r"(?:,|,? and) (?:the )?⟦(\d+):[A-Za-z]+⟧(?: \(⟦\d+:[A-Za-z]+⟧\))?")


def _listed_after(sentence: SentenceView, first: Mention) -> list[Mention]:
    """The names written as a list after ``first`` ("with the JPO, the EPO, the CNIPA and the
    UKIPO"), read from the text where the parse breaks the coordination."""
    try:
        i = sentence.mentions.index(first)
    except ValueError:
        return []
    at = sentence.tagged.find(f"⟦{i}:")
    if at < 0:
        return []
    pos = sentence.tagged.find("⟧", at) + 1
    if sentence.tagged[pos : pos + 3] == " (⟦":  # "the Japan Patent Office (JPO)"
        pos = sentence.tagged.find(")", pos) + 1
    found = []
    while (item := _LIST_NEXT.match(sentence.tagged, pos)) is not None:
        found.append(sentence.mentions[int(item.group(1))])
        pos = item.end()
    return found


def _coordinated_mentions(token, index: MentionIndex) -> list:
    found = []
    # the coordination itself, not names deeper in a phrase ("the heads of the offices of
    # Brazil, Russia ... signed": the countries did not sign)
    for t in [token, *token.conjuncts]:
        mention = index.at(t)
        if mention and mention not in found:
            found.append(mention)
    return found


def _is_agent(mention) -> bool:
    return bool(mention.cls) and (is_subclass(mention.cls, "Agent") or mention.cls == "Country")


_SEAT_NOUNS = frozenset("headquarters secretariat seat office offices campus base".split())
_LOCATED_VERBS = frozenset("base headquarter locate seat hold host stage open".split())


def located_in_relations(sentence: SentenceView, index: MentionIndex) -> Iterator[Found]:
    """Where events and organisations are, from the parse: "the Court of Appeal ... in
    Luxembourg", "IP Week @ SG 2019 in Singapore", "meetings held in Victoria Falls",
    "has its secretariat in Harare", "Tsinghua University in Beijing"."""
    for mention in sentence.mentions:
        if not mention.key or mention.cls not in {"City", "Country", "Region"}:
            continue
        prep = mention.span.root.head
        if mention.span.root.dep_ != "pobj" or prep.lower_ not in {"in", "at"}:
            continue
        anchor = prep.head
        if anchor.pos_ in {"VERB", "AUX"} and any(
            c.dep_ == "dobj" and c.lemma_.lower() in _SEAT_NOUNS for c in anchor.children
        ):
            subj = subject_token(anchor)  # "ARIPO has its secretariat in Harare" ("in" on "has")
            owner = resolve_reference(subj, index, ("Organization",)) if subj is not None else None
        elif anchor.lemma_.lower() in _SEAT_NOUNS and anchor.dep_ in {"dobj", "attr"}:
            verb = anchor.head  # "ARIPO has its secretariat in Harare"
            subj = subject_token(verb) if verb.pos_ in {"VERB", "AUX"} else None
            owner = resolve_reference(subj, index, ("Organization",)) if subj is not None else None
        elif anchor.pos_ == "VERB" and anchor.lemma_.lower() in _LOCATED_VERBS:
            # "10x Genomics, which is based in Pleasanton"; "the meeting was held in Geneva"
            subj = subject_token(anchor)
            owner = (
                resolve_reference(subj, index, ("Event", "Organization"))
                if subj is not None
                else None
            )
            if owner is None and anchor.dep_ == "acl":
                owner = index.at(anchor.head)  # "the forum held in Geneva"
            if (
                anchor.dep_ == "relcl"
                and anchor.lemma_.lower() in {"hold", "host", "stage"}
                and (owner is None or owner.cls != "Event")
            ):
                # "the Diplomatic Conference to ... Adopt a Design Law Treaty, which was held
                # in Riyadh": the parser hangs the clause on the last noun of the event's name
                offset = index.offset(anchor)
                events = [m for m in sentence.mentions if m.cls == "Event" and m.end <= offset]
                owner = events[-1] if events else owner
            first = anchor
            while first.dep_ == "conj":
                first = first.head
            if owner is None and first is not anchor and first.dep_ in {"appos", "acl"}:
                # "The agency, part of the DoC and headquartered in Alexandria, ..."
                owner = resolve_reference(first.head, index, ("Organization",))
        elif anchor.dep_ in {"dobj", "pobj"} and anchor.head.pos_ == "VERB":
            continue  # "sued Apple in London": where the suing happened, not Apple's seat
        else:
            owner = index.at(anchor)  # "the Court of Appeal in Luxembourg"
        if owner is None or not owner.key or owner.key == mention.key or not owner.cls:
            continue
        if owner.cls == "Event":
            yield Found(owner.key, "location", mention.key, 0.75, "dep-event-in-place")
        elif is_subclass(owner.cls, "Organization") and mention.cls == "City":
            yield Found(owner.key, "location", mention.key, 0.7, "dep-organization-in-city")


_DELEGATION_CUES = re.compile(
    r"\b(?:delegations?|led their|(?:was|were) joined by|took part|attended|participated|"
    r"on behalf of|chaired)\b",
    re.IGNORECASE,
)


def delegation_relations(
    sentence: SentenceView, found: list[Found], event: str | None
) -> Iterator[Found]:
    """ "USPTO Director Kathi Vidal and JPO Commissioner Hamano Koichi led their delegations",
    "CNIPA Commissioner Shen Changyu was joined by X, Director of Y; Z, Head of W": at a
    meeting, the offices whose heads and officials lead or join the delegations take part."""
    if event is None or not _DELEGATION_CUES.search(sentence.text):
        return
    for rel in found:
        if rel.prop in {"headOf", "affiliatedWith", "spokespersonOf"}:
            yield Found(rel.object, "participatedIn", event, 0.65, "delegation-of-office")


_UNIT_HEADS = re.compile(
    r"\b(?:Board|Division|Department|Bureau|Directorate|Unit|Service|Office|Agency|Court|"
    r"Tribunal|Chamber|Institute|Center|Centre)$|"
    # "the Commission's Directorate-General for Trade", "KU Leuven's Rega Institute for
    # Medical Research", "the EUIPO's European Observatory on Infringements of ..."
    r"\b(?:Directorate[- ]General|Department|Office|Bureau|Division|Institute|Observatory|"
    r"Cent(?:er|re)|Laboratory|School|Faculty) (?:of|for|on)\b"
)
_UNIT_OF = re.compile(
    rf"{E('s', ORG)}(?: \([^()]{{1,15}}\))?, (?:the |an? )?(?:[a-z-]+ ){{0,2}}"
    rf"(?:part|unit|arm|division|branch|component|subsidiary|body|department) of {_THE}"
    rf"(?:⟦\d+:Country⟧ )?{E('o', ORG)}"
)
#: "the Trademark Office of the State Administration for Industry and Commerce"
_UNIT_OF_THE = re.compile(rf"{E('s', ORG)} of the {E('o', ORG)}")
_ORGS_UNIT = re.compile(rf"{E('o', ORG)}(?:'s|’s) {E('s', ORG)}")


def unit_relations(sentence: SentenceView) -> Iterator[Found]:
    """Bodies inside organisations: "HSI, the investigative arm of ICE", "the USPTO's Patent
    Trial and Appeal Board" (a unit named like one: Board, Division, Directorate ...)."""
    for pattern, name in (
        (_UNIT_OF, "unit-of-org"),
        (_ORGS_UNIT, "org-s-unit"),
        (_UNIT_OF_THE, "unit-of-the-org"),
    ):
        for match in pattern.finditer(sentence.tagged):
            unit = sentence.mentions[int(match.group("s"))]
            whole = sentence.mentions[int(match.group("o"))]
            if pattern is not _UNIT_OF and not _UNIT_HEADS.search(unit.text):
                continue
            if pattern is _UNIT_OF_THE and len(unit.text.split()) < 2:
                continue
            if whole.cls == "Company" or unit.cls == "Company":
                continue  # a firm's departments and subsidiaries are not memberships
            if unit.key and whole.key and unit.key != whole.key:
                yield Found(unit.key, "memberOf", whole.key, 0.75, name)


_BASED_LEMMAS = frozenset({"base", "headquarter", "based", "headquartered"})


def place_based_relations(sentence: SentenceView, index: MentionIndex) -> Iterator[Found]:
    """ "the Gatineau, Quebec-based office granted ...", "the Geneva-based UN agency": the
    organisation the description stands for is located in the first place of the modifier
    (the city, not its region)."""
    for based in sentence.tokens_with_lemma(_BASED_LEMMAS):
        noun = based.head
        if based.dep_ != "amod" or noun.pos_ not in {"NOUN", "PROPN"}:
            continue
        owner = index.at(noun)  # "Plano, Texas-based Optis"
        if owner is None and noun.dep_ == "appos":
            owner = index.at(noun.head)  # "Fortress, a New York-based investment manager"
            if owner is not None and owner.cls in {"City", "Region", "Country"}:
                owner = None  # "the Ottawa, Ontario-based office" parsed as Ottawa's apposition
        if owner is None and is_nominal(noun):
            owner = resolve_reference(noun, index, ("Organization",))  # "the ...-based office"
        if owner is None or not owner.key or not owner.cls:
            continue
        if not is_subclass(owner.cls, "Organization"):
            continue
        window_start = index.offset(based) - 60
        places = [
            m
            for m in sentence.mentions
            if m.cls in {"City", "Region", "Country"}
            and window_start <= m.start < index.offset(based)
            and index.at(noun) is not m
        ]
        # the places written just before "-based", back to the determiner
        places = [
            m
            for m in places
            if "the "
            not in sentence.text[
                m.end - sentence.start : index.offset(based) - sentence.start
            ].lower()
        ]
        if places and places[0].key and places[0].key != owner.key:
            yield Found(owner.key, "location", places[0].key, 0.75, "dep-place-based")


def headquarters_relations(sentence: SentenceView, index: MentionIndex) -> Iterator[Found]:
    """ "at its Shenzhen headquarters", "from its Geneva headquarters", "Huawei's Shenzhen
    headquarters": the owner of the headquarters sits in the city that qualifies them."""
    for head in sentence.tokens_with_lemma(frozenset({"headquarters", "headquarter", "hq"})):
        if head.lower_ not in {"headquarters", "hq"}:
            continue
        owners = [c for c in head.children if c.dep_ == "poss"]
        places = [
            index.at(c)
            for c in head.children
            if c.dep_ in {"compound", "amod", "nmod"} and c.i < head.i
        ]
        places = [p for p in places if p is not None and p.cls == "City" and p.key]
        if len(owners) != 1 or len(places) != 1:
            continue
        owner = resolve_reference(owners[0], index, ("Organization",))
        if owner is None or not owner.key or not owner.cls:
            continue
        if is_subclass(owner.cls, "Organization") and owner.key != places[0].key:
            yield Found(owner.key, "location", places[0].key, 0.8, "possessor-s-city-headquarters")


_JOIN_VERBS = frozenset("join accede ratify".split())
_BY = frozenset({"by"})
_BY_OR_WITH = frozenset({"by", "with"})


def joined_treaty_relations(sentence: SentenceView, index: MentionIndex) -> Iterator[Found]:
    """ "China has joined two treaties administered by WIPO: the Hague Agreement ... and the
    Marrakesh Treaty": every treaty the joined phrase names, wherever the parser put it."""
    for token in sentence.tokens_with_lemma(_JOIN_VERBS):
        if token.pos_ != "VERB":
            continue
        subj = subject_token(token)
        if subj is None and token.dep_ in {"acl", "relcl"} and token.head.dep_ == "attr":
            subj = subject_token(token.head.head)  # "India was the first country to ratify it"
        member = resolve_reference(subj, index, ("Country", "Organization")) if subj else None
        if member is None or not member.key or not member.cls:
            continue
        if not (member.cls == "Country" or is_subclass(member.cls, "Organization")):
            continue
        objects = [c for c in token.children if c.dep_ == "dobj"] + [
            g for c in token.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children
        ]
        if not objects and not any(c.dep_ in {"xcomp", "ccomp"} for c in token.children):
            # "Cambodia was the first country to join.", "the EU joined as its fifth party":
            # the treaty the text is about, named just before
            treaty = index.last_before(index.offset(token), ("Treaty",))
            near = treaty is not None and index.offset(token) - treaty.end < _NEARBY_CHARS
            if near and treaty.key and treaty.key != member.key:
                yield Found(member.key, "memberOf", treaty.key, 0.6, "dep-joined-no-object")
            continue
        for obj in objects:
            pronoun = obj.lower_ == "it"
            nominal = obj.lemma_.lower() in _TREATY_NOUNS and any(
                c.lower_ in {"the", "this"} for c in obj.children
            )
            if index.at(obj) is None and (pronoun or nominal):
                # "ratify it", "joined the treaty": the treaty the text was talking about (named
                # so: "the system" is a System, not the treaty before it)
                word = None if obj.lower_ == "it" else obj.lemma_.lower()
                treaty = index.last_before(index.offset(obj), ("Treaty",), word)
                near = treaty is not None and index.offset(obj) - treaty.end < _NEARBY_CHARS
                if near and treaty.key and treaty.key != member.key:
                    yield Found(member.key, "memberOf", treaty.key, 0.7, "dep-joined-treaty-ref")
                continue
            for t in obj.subtree:
                if crosses_phrase(t, obj, preps=_BY):
                    continue  # "administered by WIPO": the administrator, not a treaty joined
                found = index.at(t)
                if found is not None and found.cls == "Treaty" and found.key:
                    yield Found(member.key, "memberOf", found.key, 0.8, "dep-joined-treaties")


_TREATY_NOUNS = frozenset("treaty convention protocol agreement system act".split())
_INSTRUMENT = frozenset({"instrument"})


def instrument_relations(sentence: SentenceView, index: MentionIndex) -> Iterator[Found]:
    """ "after depositing its instrument of accession to the Geneva Act", "handed over China's
    instrument of ratification of X": the state whose instrument it is joins the treaty."""
    for token in sentence.tokens_with_lemma(_INSTRUMENT):
        kind = " ".join(t.lower_ for t in token.subtree)
        named = "accession" in kind or "ratification" in kind or "acceptance" in kind
        # "The instruments for the WCT, the WPPT ... were handed to WIPO": a treaty's
        # instruments are ones of accession or ratification
        treaties = any(
            c.lower_ in {"for", "of"} and index.in_subtree(c, ("Treaty",)) for c in token.children
        )
        if not named and not treaties:
            continue
        owner = None
        for child in token.children:
            if child.dep_ == "poss":
                owner = resolve_reference(child, index, ("Country", "Organization"))
        if owner is None:
            verb = governing_verb(token)
            subj = subject_token(verb) if verb is not None else None
            if subj is not None and subj.i != token.i:
                owner = resolve_reference(subj, index, ("Country", "Organization"))
            elif subj is not None:  # "The instruments ... were handed": the state joining
                owner = index.salient_before(index.offset(token), ("Country",))
        if owner is None or not owner.key or owner.cls != "Country":
            continue
        for t in token.subtree:
            if crosses_phrase(t, token, preps=_BY_OR_WITH):
                continue  # the administrator or depositary: "with WIPO"
            found = index.at(t)
            if found is not None and found.cls == "Treaty" and found.key:
                yield Found(owner.key, "memberOf", found.key, 0.85, "dep-instrument-of-accession")
