"""Date and publisher stamps that news sites print above or below an article.

Sites stamp pages in many ways: "China Daily | Updated: 2022-10-11 10:31", "Business
Standard | New Delhi | Last Updated at July 24, 2019 22:10 IST", "Published: 26th February
2024 06:05 AM | Last Updated: ...", "Published 3:41 AM GMT, January 30, 2020", and a
government release ends "Ends/Friday, December 8, 2023". These helpers read such lines; the
header parser in kg.ingest decides where they may appear.

Example:
    >>> parse_stamp_line("China Daily | Updated: 2022-10-11 10:31")
    ('2022-10-11', 'China Daily')
    >>> parse_stamp_line("Published 3:41 AM GMT, January 30, 2020")
    ('2020-01-30', None)
    >>> parse_stamp_line("Tamil Nadu tops patent filings again") is None
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.months import MONTH_RE, iso_date, month_number

_LABEL = re.compile(
    r"^\s*(?:(?:last\s+)?(?:published|updated|posted|modified)(?:\s+(?:at|on))?|pub(?:lication)?\.?"
    r"\s+date)\s*[:/]?\s*",
    re.IGNORECASE,
)
_ISO = re.compile(r"\b(?P<y>\d{4})[-.](?P<m>\d{2})[-.](?P<d>\d{2})\b")
#: "29-Jul-2024" (CGTN), "05.03.2024" (German and Swiss sites: day first)
_DASHED = re.compile(
    rf"\b(?P<day>\d{{1,2}})-(?P<month>{MONTH_RE})-(?P<year>\d{{4}})\b", re.IGNORECASE
)
_DOTTED = re.compile(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b")
#: "24/02/2022": a slashed date only where one of its numbers cannot be a month (13-31)
_SLASHED = re.compile(
    r"\b(?:(?P<d>1[3-9]|2\d|3[01])/(?P<m>0?[1-9]|1[0-2])|(?P<m2>0?[1-9]|1[0-2])/(?P<d2>1[3-9]|2\d|3[01]))"
    r"/(?P<y>\d{4})\b"
)
#: "chinadaily.com.cn": a site named by its domain
_DOMAIN = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}$")
_MONTH_FIRST = re.compile(
    rf"\b(?P<month>{MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b",
    re.IGNORECASE,
)
_DAY_FIRST = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{MONTH_RE}),?\s+(?P<year>\d{{4}})\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"^[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,4}$")
#: "Source: Xinhua", "Via: Yonhap": the part of a stamp that names the feed
_SOURCE_PART = re.compile(r"^(?:Source|Sources|Via|From)\s*:\s*(?P<pub>[^:]{2,50})$", re.IGNORECASE)
#: "Posted On: 16 MAR 2024 2:14PM by PIB Delhi": the feed that posted the page
_POSTED_BY = re.compile(r"\bby\s+(?P<pub>[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3})\s*$")
#: "By Martina Keller, swissinfo.ch": a byline that ends with the site's domain
_BYLINE_SITE = re.compile(
    r"^By\s+[^,]{2,60},\s*(?P<pub>[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,4})$", re.IGNORECASE
)
#: words of a byline that names the writer, not the publisher ("Editorial Staff")
STAFF_WORDS = re.compile(r"\b(?:Staff|Correspondent|Reporter|Editor|Desk|Writer|Team)s?\b")
#: a line that is only a date, as sites stamp it: "Tue 26 Dec 2023 21.40 GMT"
_DATE_ONLY = re.compile(
    # "2023-06-02 HKT 16:08" (RTHK)
    r"^\d{4}-\d{2}-\d{2}(?:\s+[A-Z]{2,4})?(?:\s+\d{1,2}:\d{2})?$|"
    # "All News 14:25 January 13, 2021" (a section's name and a time), "16:40 JST, January 16,
    # 2025", "03/07/2024 March 7, 2024": a numeric date the written one after it settles
    r"^(?:[A-Z][a-z]+ ){0,2}(?:\d{1,2}:\d{2}(?:\s*[A-Z]{2,4})?,?\s+)?(?:\d{1,2}/\d{1,2}/\d{4}\s+)?"
    r"(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_RE},?\s+\d{{4}}|{MONTH_RE}\s+\d{{1,2}},?\s+\d{{4}})"
    r"(?:,?\s+\d{1,2}[:.]\d{2}(?:\s*[AP]M)?(?:\s+[A-Z]{2,4})?)?$",
    re.IGNORECASE,
)
#: Lines that close a wire or release and name no publisher.
END_MARKERS = frozenset({"NNNN", "Enditem", "ENDITEM", "ENDS", "Ends", "END", "End", "-30-", "###"})
_ENDS_DATED = re.compile(
    rf"^\s*Ends/(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s*)?(?P<date>{MONTH_RE}\s+\d{{1,2}},"
    r"\s+\d{4})",
    re.IGNORECASE | re.MULTILINE,
)


def find_date(text: str) -> str | None:
    """The first calendar date written in ``text`` ("2022-10-11", "July 24, 2019",
    "26th February 2024"), as YYYY-MM-DD.

    Example:
        >>> find_date("Last Updated at July 24, 2019 22:10 IST")
        '2019-07-24'
    """
    found = []
    for pattern in (_ISO, _MONTH_FIRST, _DAY_FIRST, _DASHED, _DOTTED, _SLASHED):
        match = pattern.search(text)
        if match is not None:
            found.append((match.start(), match))
    for _, match in sorted(found, key=lambda item: item[0]):
        iso = _to_iso(match)
        if iso is not None:
            return iso
    return None


def _to_iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    if "m2" in groups:  # _SLASHED: day first or month first, whichever the numbers allow
        day, month = (groups["d"], groups["m"]) if groups["d"] else (groups["d2"], groups["m2"])
        return iso_date(int(groups["y"]), int(month), int(day))
    if "y" in groups:
        return iso_date(int(groups["y"]), int(groups["m"]), int(groups["d"]))
    month = month_number(groups["month"])
    return iso_date(int(groups["year"]), month, int(groups["day"])) if month else None


def parse_stamp_line(line: str) -> tuple[str | None, str | None] | None:
    """(date, publisher) of a site's stamp line, or None when the line is no stamp.

    A stamp has a label ("Published", "Updated", "Last Updated at") or is split by "|"; the
    publisher is a first part that names something and holds no date or label.
    """
    if len(line) > 160 or "\n" in line.strip():
        return None
    paren = _PAREN_PUBLISHER.match(line.strip())
    if paren is not None and (when := find_date(paren.group("when"))) is not None:
        return when, paren.group("pub").strip()  # "(People's Daily Online) 10:24, January 16, 2025"
    parts = [p.strip() for p in re.split(r"[|·]", line) if p.strip()]
    labelled = any(_has_label(p) for p in parts)
    if not labelled and len(parts) < 2 and not _DATE_ONLY.match(line.strip()):
        return None
    stamp_date = None
    for part in parts:
        stamp_date = find_date(_LABEL.sub("", part))
        if stamp_date:
            break
    if stamp_date is None and labelled:
        stamp_date = _day_first_by_zone(line)
    if stamp_date is None:
        return None
    publisher = None
    first = parts[0]
    # "Writer: ... | Editor: ... | From: Shenzhen Daily | Updated: ...": the part naming the feed
    named = next((m for p in parts if (m := _SOURCE_PART.match(p)) is not None), None)
    named = named or _BYLINE_SITE.match(first)
    lead = _NAME_THEN_DATE.match(first)
    posted = next((_POSTED_BY.search(p) for p in parts if _has_label(p)), None)
    if named is not None:
        publisher = named.group("pub").strip()  # "Source: Xinhua| 2020-04-08 03:12:46|..."
    elif lead is not None and not _has_label(first) and not STAFF_WORDS.search(lead.group("pub")):
        publisher = display_name(
            lead.group("pub")
        )  # "KYODO NEWS - Sep 16, 2025 - 20:15 | World, All"
    elif posted is not None and any(
        len(w) > 1 and w.isupper() for w in posted.group("pub").split()
    ):
        # "Posted On: 16 MAR 2024 2:14PM by PIB Delhi" (a feed), not "Posted on December 8,
        # 2017 by Anjali Rao" (a writer)
        publisher = posted.group("pub")
    elif (
        len(parts) > 1
        and not _has_label(first)
        and not any(ch.isdigit() for ch in first)
        and (_NAME.match(first) or _DOMAIN.match(first))
        and not STAFF_WORDS.search(first)  # "Editorial Staff · 2 July 2024 · 4 min read"
        and not first.startswith("By ")  # "By Elena Marsh | 12 June 2024": the writer
    ):
        publisher = first
    return stamp_date, publisher


#: "(People's Daily Online) 10:24, January 16, 2025": the site in brackets, then when
_PAREN_PUBLISHER = re.compile(r"^\((?P<pub>[A-Z][^()\n]{1,50})\)\s+(?P<when>[^()\n]{6,50})$")
#: "KYODO NEWS - Sep 16, 2025 - 20:15": the site's name, a dash, the date
_NAME_THEN_DATE = re.compile(
    rf"^(?P<pub>[A-Z][\w.&'’]*(?: [A-Z][\w.&'’]*){{0,3}}) [-–—] (?={MONTH_RE}|\d)", re.IGNORECASE
)
_AMBIGUOUS = re.compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\b")
#: time zones of places that write the day first: "Published on 11/03/2025 - 12:04 GMT+1"
_DAY_FIRST_ZONE = re.compile(
    r"\b(?:GMT|UTC)\s*[+]\s*\d|\b(?:CET|CEST|BST|WET|EET|EEST|IST|JST|KST|HKT|SGT|AEST|AEDT|WIB)\b"
)


def _day_first_by_zone(line: str) -> str | None:
    """An ambiguous slashed date ("11/03/2025") read day first when the stamp's time zone is
    one of the places that write dates so."""
    match = _AMBIGUOUS.search(line)
    if match is None or _DAY_FIRST_ZONE.search(line) is None:
        return None
    return iso_date(int(match.group("y")), int(match.group("m")), int(match.group("d")))


def display_name(name: str) -> str:
    """A site's name as prose writes it: "THE HINDU" -> "The Hindu", "KAZINFORM" -> "Kazinform";
    short acronyms ("CGTN", "ANSA") stay.

    Example:
        >>> display_name("FORBES MIDDLE EAST"), display_name("CGTN")
        ('Forbes Middle East', 'CGTN')
    """
    words = name.split()
    if not name.isupper() or (len(words) == 1 and len(name) <= 5):
        return name
    return " ".join(
        w if len(w) <= 2 and len(words) > 1 and w not in {"OF"} else w.capitalize() for w in words
    )


def _has_label(part: str) -> bool:
    return _LABEL.match(part) is not None


def ends_date(text: str) -> str | None:
    """The date of a release's closing "Ends/Friday, December 8, 2023" line, if any."""
    match = _ENDS_DATED.search(text[-400:])
    return find_date(match.group("date")) if match else None


@dataclass(frozen=True)
class WireLead:
    """A lead "Taipei, Jan. 12 (CNA) ": where, which day (no year), which agency."""

    place: str
    month: int
    day: int
    publisher: str
    end: int


_WIRE_LEAD = re.compile(
    rf"^[ \t]*(?P<place>[A-Z][A-Za-z'’.-]+(?: (?:de |da |do |del )?[A-Z][A-Za-z'’.-]+){{0,2}}),\s+"
    rf"(?P<month>{MONTH_RE})\s+(?P<day>\d{{1,2}})\s+\((?P<pub>[A-Z][A-Za-z .&'’-]{{1,30}})\)"
    r"\.?[ \t]*(?:--|—|–|-)?[ \t]*"
)


def wire_lead(text: str) -> WireLead | None:
    """The wire lead opening ``text`` ("Taipei, Jan. 12 (CNA) Taiwan's ..."), or None.

    Example:
        >>> wire_lead("Taipei, Jan. 12 (CNA) TSMC was fourth.").publisher
        'CNA'
    """
    match = _WIRE_LEAD.match(text)
    if match is None:
        return None
    month = month_number(match.group("month"))
    day = int(match.group("day"))
    if month is None or not 1 <= day <= 31:
        return None
    return WireLead(match.group("place"), month, day, match.group("pub").strip(), match.end())
