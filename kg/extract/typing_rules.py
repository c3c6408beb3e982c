"""Choose the most specific core class for a name that the gazetteer does not know.

Order: name patterns ("... Patent Office", "Co., Ltd.", "... Conference"),
then spaCy's label.  Gazetteer classes are applied before this is called.

Example:
    >>> classify("Korean Intellectual Property Office", "ORG")
    'IPOffice'
    >>> classify("Huawei Technologies Co., Ltd.", "ORG")
    'Company'
"""

from __future__ import annotations

import re

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (cls, re.compile(pattern, re.IGNORECASE))
    for cls, pattern in (
        # "Patent Office Professional Association", "EPO Staff Union": the head word decides
        (
            "Organization",
            r"^(?!.*\b(?:directorate|ministry|department|commission)\b).*"
            r"\b(association|union|society|federation|confederation|guild)$",
        ),
        (
            "IPOffice",
            r"\b(patent|trade ?mark|intellectual property|industrial property|IP)\b.*"
            r"\b(office|administration|agency|institute|bureau|authority|department)\b",
        ),
        ("IPOffice", r"\b(patent office|trademark office|ip office)\b"),
        (
            # "State Agency for Intellectual Property and Innovation", "National Center for
            # Patents and Information", "State Service for Intellectual Property"
            "IPOffice",
            r"\b(office|agency|service|cent(er|re)|institute|bureau|department|directorate)\b"
            r"( of| for)( the)? (intellectual property|industrial property|patents?)\b",
        ),
        (
            "Agreement",
            r"\b(memorandum of understanding|MoU|joint statement|cooperation agreement|"
            r"letter of intent|work plan|action plan)\b",
        ),
        (
            "Treaty",
            r"\b(treaty|convention|protocol)\b|\bagreement on\b|\b(madrid|hague|lisbon) system\b",
        ),
        ("Index", r"\b(index|indicators|scoreboard|ranking|rankings|tracker)\b( \d{4})?$"),
        (
            "Event",
            r"\b(conference|forum|summit|symposium|expo|exhibition|fair|congress|assembly|"
            r"meeting|session|dialogue|roundtable|workshop|seminar|week|olympiad|games|day|"
            r"award|awards|prize)\b"
            r"( \d{4})?$",
        ),
        (
            # "Department for Business, Energy and Industrial Strategy": a ministry, whatever
            # its last word
            "GovernmentAgency",
            r"^(?:the )?(?:federal |state |national )?(?:ministry|department|directorate[- ]general)"
            r" (?:of|for)\b",
        ),
        (
            "Initiative",
            r"\b(initiative|programme|program|strategy|highway|project|plan|mission|scheme|campaign|"
            r"pilot|classification|box)\b$|"
            # "14th Five-Year Plan for the Protection and Application of Intellectual Property"
            r"^[\w -]*\b(plan|strategy|programme|program|outline|roadmap)\b (for|on) ",
        ),
        (
            "InternationalOrganization",
            r"\b(asian|african|european|arab|pacific|gulf|nordic|caribbean|latin|eurasian|"
            r"atlantic|islamic|andean|baltic|balkan|mediterranean|commonwealth|regional)\b.*"
            r"\b(association|organi[sz]ation|union|community|cooperation council|bank|forum)\b",
        ),
        (
            "InternationalOrganization",
            r"^(world|international|united nations|global)\b.*"
            r"\b(organi[sz]ation|union|association|federation|bank)\b",
        ),
        (
            "GovernmentAgency",
            r"\b(ministry|ministerial|administration|department|commission|"
            r"agency|bureau|authority|court|council|office|state council|"
            r"parliament|congress|senate|government|regulator|customs|police|gendarmerie|"
            r"revenue|coast guard|border guard)\b",
        ),
        (
            "Company",
            r"\b(co|corp|corporation|inc|ltd|llc|plc|gmbh|ag|s\.?a|n\.?v|limited|"
            r"holdings?|group|technologies|technology co|electronics|motors?|"
            r"pharmaceuticals?|semiconductors?|telecom|airlines|insurance|pharma|energy|automotive|software|biotech|chemicals?|steel|systems)\b\.?$|"
            r"\b(co\.?,? ltd|company)\b",
        ),
        (
            "Organization",
            r"\b(university|institute|academy|association|foundation|society|"
            r"chamber|federation|council|center|centre|laboratory|lab|school)\b",
        ),
    )
)

#: spaCy label -> class when no name pattern applies.
_LABEL_CLASSES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "City",
    "LOC": "Region",
    "EVENT": "Event",
    "LAW": "Treaty",
    "FAC": None,
}
_REGION_WORDS = re.compile(
    r"\b(province|state|region|county|prefecture|district|area|zone|"
    r"territory|delta|valley|bay)\b",
    re.IGNORECASE,
)


_PERSON_SHAPE = re.compile(r"^[A-Z][a-z]+ (?:[A-Z]\. )+[A-Z][a-z]+$")  # "Unnat P. Pandit"
#: "Baroness Neville-Rolfe", "Lord Kitchin", "Sir Colin Birss": a peer's or knight's name.
_HONORIFIC = re.compile(r"^(?:Baroness|Baron|Lord|Lady|Sir|Dame|Mr|Mrs|Ms|Dr)\.? [A-Z][\w'-]+")
_INSTITUTION_WORDS = re.compile(
    r"\b(association|institute|institution|university|college|academy|school|foundation|society|"
    r"council|committee|commission|office|agency|ministry|department|court|chamber|federation|union|"
    r"organi[sz]ation|centre|center|network|alliance|forum|times|news|daily|post|journal|press|"
    r"media|television|radio|agency|service|bureau|board|authority|government|party|club|league|"
    r"initiative|program|programme|fund|trust|bank|hospital|laboratory|lab)\b",
    re.IGNORECASE,
)


#: head words no person's name ends in (unlike "Day", "Fair" or "Week", which are surnames)
_NOT_A_PERSON_HEAD = re.compile(
    r"\s(?:Box|Programme|Program|Strategy|Initiative|Highway|Plan|Prize|Award|Awards|"
    r"Conference|Forum|Summit|Symposium|Expo|Exhibition|Office|Ministry|Agency|Police|"
    r"Administration|Bureau|Authority|Commission|Index)(?: \d{4})?$"
)


#: "KU Leuven", "ETH Zurich", "TU Delft", "UC Berkeley": a university named by its
#: abbreviation and its city, which the NER reads as a place or a person
_UNIVERSITY_SHAPE = re.compile(
    r"^(?:KU|ETH|TU|UC|EPF|LMU|RWTH|KTH|NTU|UCL|TH|HU|FU)\s[A-Z][a-zé]+$"
)


def classify(name: str, spacy_label: str) -> str | None:
    """The core class for a name not in the gazetteer, or None when it is not an entity kind kg keeps."""
    if _UNIVERSITY_SHAPE.match(name):
        return "Organization"
    if spacy_label == "PERSON" and _NOT_A_PERSON_HEAD.search(name):
        # "Patent Box", "Young Inventors Prize" read as people: their head word says otherwise
        for cls, pattern in _RULES:
            if cls not in {"Company", "Treaty", "Agreement"} and pattern.search(name):
                return cls
    if spacy_label == "PERSON" or (
        spacy_label in {"ORG", "GPE", "NORP"}
        and (
            _PERSON_SHAPE.match(name)
            or (_HONORIFIC.match(name) and not _INSTITUTION_WORDS.search(name))
        )
    ):
        return "Person"
    if spacy_label in {"GPE", "LOC"}:
        return "Region" if (_REGION_WORDS.search(name) or spacy_label == "LOC") else "City"
    for cls, pattern in _RULES:
        if pattern.search(name):
            if cls in {"Treaty", "Agreement"} and spacy_label not in {
                "LAW",
                "ORG",
                "EVENT",
                "WORK_OF_ART",
            }:
                continue
            return cls
    if spacy_label == "LAW" and not re.search(
        r"\b(treaty|convention|protocol|agreement)\b", name, re.I
    ):
        return None  # national laws are not treaties; kg has no class for them
    if (
        spacy_label == "ORG"
        and not _INSTITUTION_WORDS.search(name)
        and len(name.split()) <= 3
        and not name.replace(".", "").isupper()  # an unknown acronym is as often an agency
    ):
        # A short name with no institutional word: in IP news, a firm or a brand (Airbnb, Hermès).
        return "Company"
    return _LABEL_CLASSES.get(spacy_label)
