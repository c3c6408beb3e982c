"""Read articles: files, folders, stdin or strings -> :class:`~kg.records.Article`.

Decoding is strict (UTF-8 with or without BOM, or UTF-16 with a BOM); binary
and undecodable files raise :class:`~kg.errors.InputError` with a reason, so a
batch can report them and go on.  The header conventions of IP news feeds are
parsed into metadata and masked out of the prose:

* a first line ``date 2024-01-25`` (or ``Date: 2024-01-25``), optionally
  followed by ``(Publisher) --``;
* a wire dateline ``GENEVA, March 7, 2024 (Xinhua) --``;
* a photo caption line (``... Photo: mfa.gov.cn``), which is not prose;
* a trailing publisher: the feed's name alone at the very end, on its own
  line or glued to the last sentence (``... Wang said.Global Times``), or a
  ``Source: Xinhua`` line.

Example:
    >>> from kg.ingest import article_from_text
    >>> a = article_from_text("date 2024-01-04 (ECNS) -- China filed 5 patents.")
    >>> a.date, a.publisher
    ('2024-01-04', 'ECNS')
"""

from __future__ import annotations

import hashlib
import itertools
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import InputError
from kg.header_stamps import (
    END_MARKERS,
    STAFF_WORDS,
    display_name,
    ends_date,
    find_date,
    parse_stamp_line,
    wire_lead,
)
from kg.html_text import html_to_text, looks_like_html
from kg.months import MONTH_RE as _MONTH_RE
from kg.months import iso_date as _iso_date
from kg.months import month_number
from kg.records import Article
from kg.settings import MAX_CHARS_ENV, max_article_chars
from kg.slug import slugify
from kg.textsafe import safe_text

if TYPE_CHECKING:
    from kg.gazetteer import GazetteerEntry

#: File name endings read when a folder is given (explicit files are read whatever their name).
TEXT_SUFFIXES: frozenset[str] = frozenset({".txt", ".text", ".md", ".html", ".htm"})
#: Larger inputs are refused: they are not news articles.
MAX_BYTES = 50 * 1024 * 1024

_DASH = r"(?:--|—|–|-)"
#: a capitalised word of a place, accents included ("SÃO PAULO", "Hà Nội", "Zürich")
_CAP_WORD = r"(?=[A-ZÀ-ÖØ-Þ])[^\W\d_][\w'’.-]*"
_DATE_LINE = re.compile(
    # "date 2024-01-25", "Updated: 2022-07-28 09:12", a bare "2024/02/11" line, "24/08/2021"
    r"^\s*(?:(?:date|dated|published|publication date|updated|posted|released)\s*:?\s*"
    r"(?P<date>\d{4}-\d{2}-\d{2})|(?P<slashed>\d{4}[/.-]\d{1,2}[/.-]\d{1,2})"
    # "2024.06.20 16:05 KST" (Yonhap)
    r"(?=(?:[ \t]+\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]+[A-Z]{2,4})?)?[ \t]*\n)"
    # "24/08/2021 18h32": day first where it cannot be month first, or with a French-style time;
    # "Thursday, 09/01/2025 15:20 (GMT+7)" (VNA)
    r"|(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ \t]+)?"
    r"(?P<dmy>\d{1,2}/\d{1,2}/\d{4})(?P<htime>[ \t]+\d{1,2}h\d{2})?"
    r"(?=(?:[ \t]+\d{1,2}:\d{2}(?:[ \t]*[AP]M)?)?(?:[ \t]+\(GMT[+-]\d{1,2}\))?[ \t]*\n))"
    r"(?:T[0-9:.+Z-]*|[ \t]+\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*[AP]M)?(?:[ \t]+[A-Z]{2,4}\b)?)?"
    r"(?:[ \t]+\(GMT[+-]\d{1,2}\))?"
    r"(?:\s*\((?P<pub>[^()\n]{2,60})\))?"
    rf"(?:\s*{_DASH}\s*)?",
    re.IGNORECASE,
)
#: A first line that is only a date, as pages print it: "February 8, 2024", "8 February 2024",
#: "Feb. 8, 2024 10:30 GMT", "Published: Feb 8, 2024".
_WRITTEN_DATE_LINE = re.compile(
    r"^\s*(?:(?:date|dated|published|updated|posted)\s*:?\s*)?"
    # "Geneva, January 9, 2025": a place in title case, then the date, alone on the line
    r"(?:(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)"
    r"(?P<place>[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){0,2}),\s+)?"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"  # "Thursday, September 28th 2023"
    rf"(?:(?P<month>{_MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH_RE}),?\s+(?P<year2>\d{{4}}))"
    r"(?:(?:,?\s+(?:at\s+)?|\s+[-–—|]\s+)\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?"
    r"(?:\s*[A-Z]{2,4}(?:[+-]\d{1,2})?|\s+(?:[A-Z][a-z]+ ){1,3}Time)?)?"  # "Eastern Standard Time"
    r"(?:[ \t]+\((?P<pub>[A-Z][^()\n]{1,40})\))?"  # "March 28, 2025 (Mainichi Japan)"
    r"[ \t]*(?:\n|$)",
    re.IGNORECASE,
)
#: A wire lead without a date: "(Reuters) - ", "Washington (AFP) - ".
_AGENCY_LEAD = re.compile(
    rf"^[ \t]*(?:(?P<place>{_CAP_WORD}(?:(?:[ ,]+|/){_CAP_WORD}){{0,3}})[ \t]+)?"
    rf"\((?P<pub>[A-Za-z][A-Za-z .&'’-]{{1,40}})\)[ \t]*{_DASH}[ \t]*"
    # "(ANSA) - Brussels, April 15 - ": the place and day after the agency
    rf"(?:(?P<after>{_CAP_WORD}(?: {_CAP_WORD}){{0,2}}),[ \t]+(?i:{_MONTH_RE})\.?[ \t]+\d{{1,2}}"
    rf"[ \t]*{_DASH}[ \t]*)?",
    re.MULTILINE,
)
_DATELINE = re.compile(
    # "GENEVA, ...", and a place in title case when a date and an agency follow: "Munich,
    # March 2, 2022 (dpa) —"
    r"^\s*(?P<place>[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z .'’-]{1,30})?"
    r"|[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){0,2}(?=,\s+[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}\s*\())"
    r",\s+"
    # "SHENZHEN, Feb. 21 [2024] --": the year in brackets
    rf"(?:(?P<month>{_MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    r"(?:,?\s+(?P<year>\d{4})|\s+\[(?P<year3>\d{4})\])?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>{_MONTH_RE})(?:,?\s+(?P<year2>\d{{4}}))?)"
    r"\s*(?:\((?P<pub>[^()\n]{2,60})\)|/(?P<wire>[^/\n]{2,40})/"
    # "PORT OF SPAIN, Trinidad, Oct 14, CMC –": the agency after a comma
    r"|,[ \t]*(?P<wire2>[A-Z]{2,10})(?=[ \t]*(?:--|—|–)))?"
    rf"\s*{_DASH}\s*"
)
#: "PARIS -- ", "MEXICO CITY — ": a place in capitals and a dash opening the story
_BARE_DATELINE = re.compile(
    rf"[ \t]*(?P<place>[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){{0,2}})[ \t]*{_DASH}[ \t]*"
)
_NUMERIC_DATELINE = re.compile(
    rf"[ \t]*(?P<place>{_CAP_WORD}(?: (?:de |da |do )?{_CAP_WORD}){{0,3}}),[ \t]+"
    r"(?P<dmy>\d{1,2}/\d{1,2}/\d{4})[ \t]*(?:\((?P<pub>[^()\n]{2,60})\))?[ \t]*"
    rf"{_DASH}[ \t]*"
)
#: "Munich, 19 March 2024 – ", "Riyadh, November 22, 2024, SPA --": a place in title case, a
#: full date, perhaps the agency, and a dash (not a hyphen) opening the story
_TITLE_DATELINE = re.compile(
    rf"[ \t]*(?P<place>{_CAP_WORD}(?: (?:de |da |do |del )?{_CAP_WORD}){{0,2}}),[ \t]+"
    # "Riyadh, Jumada II 24, 1434, May 5, 2013, SPA --": a Hijri date before the Gregorian
    r"(?:[A-Z][a-z-]+(?: (?:I{1,2}|[A-Z][a-z]+))? \d{1,2}, 1[34]\d\d,[ \t]+)?"
    rf"(?:(?P<day>\d{{1,2}})[ \t]+(?P<month>{_MONTH_RE})|(?P<month2>{_MONTH_RE})[ \t]+"
    r"(?P<day2>\d{1,2}),?)[ \t]+(?P<year>\d{4})(?:,[ \t]*(?P<pub>[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3}))?"
    # "ASTANA, 20 June 2024, KAZINFORM - ": after a named agency a hyphen opens the story too
    r"[ \t]*(?:--|—|–|(?(pub)-(?=[ \t\n])|(?!)))[ \t]*"
)
#: "Law360 (November 22, 2024, 7:51 PM EST) -- ": the publisher, then the date in brackets
_PUBLISHER_DATED_LEAD = re.compile(
    r"[ \t]*(?P<pub>[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3}) \((?P<when>[^()\n]{6,40})\)"
    r"[ \t]*(?:--|—|–)[ \t]*"
)
#: "NEW YORK & GENEVA--(BUSINESS WIRE)--": a wire service's lead glued with dashes
_GLUED_WIRE_LEAD = re.compile(
    r"[ \t]*(?P<place>[A-Z][A-Z .,&'’-]{1,60}?)--\((?P<pub>[A-Z][A-Za-z .&'’-]{1,40})\)--[ \t]*"
)
#: closing lines that date and name the publisher: "This report by The Canadian Press was
#: first published July 26, 2021.", "© dpa-AFX | 05.03.2024, 14:31"
_FIRST_PUBLISHED = re.compile(
    r"^\s*This (?:report|article|story) by (?P<pub>[A-Z][^\n]{1,50}?) was first published "
    r"(?:on )?(?P<when>[^\n]{6,40}?)\.?\s*$",
    re.MULTILINE,
)
_CAPTION = re.compile(
    r"\b(?:Photo|Photos|Photograph|Image|Picture|File photo|Credit)s?\s*(?::|by\b|/)\s*\S.*$"
    r"|\((?:[A-Z][\w.&-]*\s+){0,3}(?:file\s+)?photo(?:/[^()\n]{1,40})?\)\s*$",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(
    r"^\s*(?:(?:Source|Sources|Via)\s*:"
    # "ⓒ Korea JoongAng Daily", "© 2024 The Korea Herald. All rights reserved."
    r"|(?:ⓒ|©|\(c\)|Copyright(?:\s+©)?)(?:\s*(?:19|20)\d{2})?)\s*"
    r"(?P<pub>[^\n]{2,60}?)\.?(?:\s+All rights reserved\.?)?\s*$",
    re.I,
)
_TRAILING_NAME = re.compile(
    r"(?P<sep>[.!?\"”’)]\s*|\n\s*)"
    r"(?P<pub>(?:[A-Z][\w&'’.-]*|of|the|and)(?:[ ](?:[A-Z][\w&'’.-]*|of|the|and)){0,4}"
    r"|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|ch|cn|de|uk|fr|jp|kr|in|int|info|news|co))\s*$"
)


@dataclass(frozen=True)
class Header:
    """What a header says about its article, and how much of the text it spans."""

    date: str | None = None
    publisher: str | None = None
    caption: str | None = None
    masked: tuple[tuple[int, int], ...] = ()
    dateline: str | None = None


def decode(data: bytes, source: str) -> str:
    """Decode an article's bytes, refusing binary and non-UTF-8 data with a reason.

    Example:
        >>> decode(b"\\xef\\xbb\\xbfHello", "x.txt")
        'Hello'
    """
    if len(data) > MAX_BYTES:
        raise InputError(f"{source}: file is {len(data):,} bytes; kg reads at most {MAX_BYTES:,}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{source}: has a UTF-16 byte-order mark but is not UTF-16") from exc
    if b"\x00" in data[:8192]:
        raise InputError(f"{source}: looks binary (contains NUL bytes); kg reads text articles")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{source}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it first, e.g. iconv -f latin1 -t utf-8"
        ) from exc
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(8, len(text[:8192]) // 20):
        raise InputError(f"{source}: looks binary ({controls} control characters)")
    return text


def parse_header(text: str, _below_title: bool = False) -> Header:
    """Find the date line, publisher, photo caption and trailing publisher of a text.

    Example:
        >>> h = parse_header("date 2024-01-25 Foreign Ministry spokesman Photo: x.cn\\n\\nBody.")
        >>> h.date, h.caption
        ('2024-01-25', 'Foreign Ministry spokesman Photo: x.cn')
    """
    below = _header_below_caption(text)
    if below is not None:
        return below
    date = publisher = caption = dateline = None
    masked: list[tuple[int, int]] = []
    pos = 0
    match = _DATE_LINE.match(text)
    if match:
        if match.group("date") or match.group("slashed"):  # "2024-02-30" is no date
            date = _slashed_date(match.group("date") or match.group("slashed"))
        else:
            date = _day_first_date(match.group("dmy"), bool(match.group("htime")))
        publisher = _clean_name(match.group("pub"))
        pos = match.end()
        # "date 2025-01-15 BEIJING, Jan. 15 (Xinhua) --": a wire dateline after the date line
        rest = text[pos:]
        wire = _DATELINE.match(rest.lstrip("\n")) if not publisher else None
        if wire is not None:
            publisher = _clean_name(wire.group("pub") or wire.group("wire") or wire.group("wire2"))
            dateline = " ".join(w.capitalize() for w in wire.group("place").split(",")[0].split())
            pos += len(rest) - len(rest.lstrip("\n")) + wire.end()
        lead = wire_lead(rest.lstrip("\n")) if wire is None and not publisher else None
        if lead is not None:
            # "01/12/2022 10:08 PM\n\nTaipei, Jan. 12 (CNA) ...": the lead names the agency and
            # settles which of day and month the slashed date gives first
            publisher, dateline = lead.publisher, lead.place
            if date is None and match.group("dmy"):
                year = int(match.group("dmy").rsplit("/", 1)[1])
                date = _iso_date(year, lead.month, lead.day)
            pos += len(rest) - len(rest.lstrip("\n")) + lead.end
    else:
        match = _DATELINE.match(text)
        written = _WRITTEN_DATE_LINE.match(text) if not match else None
        titled = _TITLE_DATELINE.match(text) if not (match or written) else None
        dated_lead = _PUBLISHER_DATED_LEAD.match(text) if not (match or written) else None
        if titled is not None and not _is_place(titled.group("place")):
            titled = None
        if dated_lead is not None and find_date(dated_lead.group("when")) is None:
            dated_lead = None
        if titled is not None:
            date = find_date(titled.group(0))
            publisher = _clean_name(titled.group("pub"))
            place = titled.group("place")  # "ASTANA" → "Astana"
            dateline = " ".join(w.capitalize() if w.isupper() else w for w in place.split())
            pos = titled.end()
        elif dated_lead is not None:
            date = find_date(dated_lead.group("when"))
            publisher = _clean_name(dated_lead.group("pub"))
            pos = dated_lead.end()
        elif match:
            date = _dateline_date(match)
            publisher = _clean_name(
                match.group("pub") or match.group("wire") or match.group("wire2")
            )
            dateline = " ".join(w.capitalize() for w in match.group("place").split(",")[0].split())
            pos = match.end()
        elif written:
            date = _written_date(written)
            publisher = _clean_name(written.group("pub"))
            pos = written.end()
            if written.group("place"):
                dateline = written.group("place")  # "Geneva, January 9, 2025"
            # "January 21, 2015\nDAEJEON, Jan. 21 (Yonhap) --": the dateline under the date
            rest = text[pos:]
            wire = _DATELINE.match(rest.lstrip("\n"))
            if wire is not None:
                publisher = _clean_name(
                    wire.group("pub") or wire.group("wire") or wire.group("wire2")
                )
                place = wire.group("place").split(",")[0]
                dateline = " ".join(w.capitalize() for w in place.split())
                pos += len(rest) - len(rest.lstrip("\n")) + wire.end()
            below = _wire_lead_below_title(text, pos) if wire is None else None
            if below is not None:
                # "15 April 2019 16:21\n\nEU copyright reform ...\n\n(ANSA) - Brussels, April
                # 15 - ": the agency's lead under the headline
                publisher, dateline, start, end = below
                masked.append((start, end))
        elif (stamp := parse_stamp_line(text.split("\n", 1)[0])) is not None:
            # "China Daily | Updated: 2022-10-11 10:31", "Published 3:41 AM GMT, January 30, 2020"
            date, publisher = stamp
            pos = len(text.split("\n", 1)[0])
            # "January 14, 2025 09:00 ET | Source: IFI CLAIMS" over "NEW HAVEN, Conn., Jan. 14,
            # 2025 (GLOBE NEWSWIRE) --": the wire that carried the issuer's release
            sourced = "Source:" in text.split("\n", 1)[0]
            below = _wire_lead_below_title(text, pos) if not publisher or sourced else None
            if below is not None:
                # "Mon May 22, 2006 4:12pm ET\n\nU.S., Japan to test ...\n\nWASHINGTON
                # (Reuters) - ": the agency's lead under the headline
                publisher, dateline, start, end = below
                masked.append((start, end))
    if not publisher:
        # "(Reuters) - Micron must pay ...", "Washington (AFP) - US border officers ...": at the
        # start of the text or of the line after a date line
        start = pos + len(text[pos:]) - len(text[pos:].lstrip("\n"))
        lead = _AGENCY_LEAD.match(text, start) if start - pos <= 2 else None
        glued = _GLUED_WIRE_LEAD.match(text, start) if start - pos <= 2 and not lead else None
        if glued is not None:
            # "NEW YORK & GENEVA--(BUSINESS WIRE)--Pfizer Inc. and ..."
            publisher = _clean_name(glued.group("pub"))
            place = re.split(r"\s*[&,]\s*", glued.group("place").strip())[0]
            dateline = " ".join(w.capitalize() for w in place.split())
            pos = glued.end()
        place_words = (lead.group("place") or "").replace(",", " ").split() if lead else []
        if lead is not None and "".join(w[0] for w in place_words) == lead.group("pub"):
            lead = None  # "World Intellectual Property Organization (WIPO) - ": an acronym
        if lead is not None:
            publisher = _clean_name(lead.group("pub"))
            if lead.group("place"):
                place = lead.group("place").split(",")[0].split("/")[0]  # "TOKYO/NEW DELHI"
                words = place.split()
                dateline = " ".join(w.capitalize() if w.isupper() else w for w in words)
            pos = lead.end()
    if not pos and (numeric := _NUMERIC_DATELINE.match(text)) is not None:
        # "Rio de Janeiro, 06/02/2025 -- The EUIPO and ...": a place and a numeric date
        dateline = numeric.group("place")
        publisher = _clean_name(numeric.group("pub"))
        ambiguous = numeric.group("dmy")
        pos = numeric.end()
    else:
        ambiguous = (
            match.group("dmy") if match is not None and "dmy" in match.re.groupindex else None
        )
    if date is None and ambiguous and dateline and _day_first_place(dateline):
        # "02/03/2018 10:15\nNEWPORT (Managing IP) --": outside the US a date is day first
        day, month, year = (int(part) for part in ambiguous.split("/"))
        date = _iso_date(year, month, day)
    if dateline is None:
        # "November 4, 2024\n\nPARIS -- Royalties collected ...": a bare dateline in capitals
        start = pos + len(text[pos:]) - len(text[pos:].lstrip("\n"))
        bare = _BARE_DATELINE.match(text, start) if start - pos <= 2 else None
        if bare is not None and _is_place(bare.group("place")):
            dateline = " ".join(w.capitalize() for w in bare.group("place").split())
            pos = bare.end()
    if pos:
        masked.append((0, pos))
    # A caption: the rest of the header line, or the first line, names a photo source.
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end < 0 else line_end
    if pos and not text[pos:line_end].strip():  # the caption may be on the line after the date
        pos = line_end + 1 if line_end < len(text) else line_end
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
    line = text[pos:line_end]
    credit = _CAPTION.search(line) if line.strip() and len(line) < 400 else None
    if credit is not None and line_end < len(text):
        # The caption says who and where ("The EUIPO headquarters in Alicante, Spain") and stays
        # prose, a sentence of its own; only the credit ("Photo: WIPO") is masked out.
        caption = line.strip()
        masked.append((pos + credit.start(), line_end))
        if not publisher:
            # "date ...\nCaption. Photo: EPO\n\n(Times of Malta) -- A Dutch researcher ..."
            after = line_end + len(text[line_end:]) - len(text[line_end:].lstrip("\n"))
            lead = _AGENCY_LEAD.match(text, after)
            place = lead.group("place") if lead is not None else None
            if lead is not None and (
                not place or place.replace(",", "").replace(" ", "").isupper()
            ):
                # "(Times of Malta) --", "MUNICH (Euractiv) --" (a dateline's capitals)
                publisher = _clean_name(lead.group("pub"))
                if place:
                    dateline = " ".join(w.capitalize() for w in place.split(",")[0].split())
                masked.append((after, lead.end()))
    if date is None and not _below_title and not publisher and dateline is None:
        titled = _header_below_title(text)
        if titled is not None:
            return titled
    masked.extend(_other_stamp_lines(text, masked))
    if date is not None and not publisher:
        # "Updated 18:26, 29-Jul-2024\nCGTN\n\n...", "Last Updated: ...\n\nheadline\nBy
        # Luxembourg Times staff": the outlet's name in the lines under its stamp
        for found in list(re.finditer(r"(?m)^[^\n]*\S[^\n]*$", text[pos : pos + 600]))[:3]:
            line = found.group().strip()
            name = _masthead(line)
            if name:
                publisher = name
                start = pos + found.start()
                masked.append((start, start + len(found.group())))
                break
    if date is None:
        date = ends_date(text)  # "Ends/Friday, December 8, 2023" closing a release
    first_published = _FIRST_PUBLISHED.search(text[-300:])
    if first_published is not None:
        # "This report by The Canadian Press was first published July 26, 2021."
        date = date or find_date(first_published.group("when"))
        publisher = publisher or _clean_name(first_published.group("pub"))
        masked.append((len(text) - len(text[-300:]) + first_published.start(), len(text)))
    trailer = _trailing_publisher(text) if first_published is None else None
    if trailer:
        name, start = trailer
        if "|" in name:  # "© dpa-AFX | 05.03.2024, 14:31": the feed, then when it ran
            name, _, when = name.partition("|")
            name = name.strip()
            date = date or find_date(when)
        publisher = publisher or name
        masked.append((start, len(text)))
    return Header(date, publisher, caption, tuple(masked), dateline)


_NUMERIC_STAMP = re.compile(
    r"^[ \t]*(?:Pub(?:lication)?\.? Date|Published|Posted|Updated)[ \t]*:?[ \t]*"
    r"(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>\d{4})\b[^\n]*",
    re.IGNORECASE,
)


def _ambiguous_stamp_settled(text: str, start: int, header: Header) -> Header:
    """ "Pub Date: 01/10/2024 15:42" over "BANGKOK (NNT) -": a day-first date where the story
    was filed outside the United States (else the header as it was)."""
    stamp = _NUMERIC_STAMP.match(text[start:])
    if stamp is None:
        return header
    below = _wire_lead_below_title(text, start + stamp.end())
    if below is None or not below[1] or not _day_first_place(below[1]):
        return header
    publisher, dateline, lead_start, lead_end = below
    date = _iso_date(
        int(stamp.group("year")), int(stamp.group("second")), int(stamp.group("first"))
    )
    # (offsets relative to ``start``, as the caller's inner header's are)
    masked = ((0, stamp.end()), (lead_start - start, lead_end - start))
    return Header(date, header.publisher or publisher, header.caption, masked, dateline)


def _wire_lead_below_title(text: str, pos: int) -> tuple[str, str | None, int, int] | None:
    """An agency's lead ("SEOUL, Jan. 13 (Yonhap) --", "WASHINGTON (Reuters) -") opening the
    paragraph after a headline line under a stamp: (publisher, dateline, start, end)."""
    rest = text[pos:]
    lines = [m for m in re.finditer(r"(?m)^[^\n]*\S[^\n]*$", rest)][:2]
    if len(lines) < 2 or len(lines[0].group()) > 200 or lines[0].group().rstrip().endswith("."):
        return None
    start = pos + lines[1].start()
    wire = _DATELINE.match(text[start:]) or _AGENCY_LEAD.match(text[start:])
    if wire is None:
        # "Lima, Feb. 27 (ANDINA). Officials from ...": a lead closed by a full stop
        lead = wire_lead(text[start:])
        return (lead.publisher, lead.place, start, start + lead.end) if lead is not None else None
    groups = wire.groupdict()
    publisher = _clean_name(groups.get("pub") or groups.get("wire") or groups.get("wire2"))
    if not publisher:
        return None
    place = (groups.get("place") or groups.get("after") or "").split(",")[0].split("/")[0].strip()
    dateline = " ".join(w.capitalize() if w.isupper() else w for w in place.split()) or None
    return publisher, dateline, start, start + wire.end()


def _other_stamp_lines(text: str, masked: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Stamp lines the header reader did not take, near the top or at the end ("Updated /
    Tuesday, 16 Apr 2024 17:45" under the first stamp, "Last modified on Wed 27 Dec 2023 00.05
    GMT" closing the page): page furniture, not prose."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"(?m)^[^\n]*\S[^\n]*$", text)]
    found = []
    for start, end in [*lines[:6], *lines[-3:]]:
        if any(a <= start < b for a, b in masked) or (start, end) in found:
            continue
        if parse_stamp_line(text[start:end].strip()) is not None:
            found.append((start, end))
    return found


_FROM_LINE = re.compile(
    r"^From:\s*(?P<pub>[A-Z][^\n]{1,60})$"
    # "By Luxembourg Times staff": the paper's own staff
    r"|^By (?P<staff>[A-Z][\w.&'’|-]*(?: [A-Z][\w.&'’-]*){0,4}) (?:staff|Staff|reporters|newsroom)$"
    # "By Euronews with dpa": the site, writing with an agency's copy
    r"|^By (?P<outlet>[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,2}) with (?:[A-Z]{2,6}|[a-z]{2,4}|agencies)$"
    # "By Agência Brasil - Brasília": an agency's byline, with the city it files from
    r"|^By (?P<agency>(?:[A-Z][\w.&'’-]* ){0,2}(?:Agency|Agência|Agencia|Agence|News|Press|Wire|"
    r"Service|Bureau)(?: [A-Z][\w.&'’-]*){0,2}) [-–—] [A-Z][\w .'’-]{1,30}$"
)


def _masthead(line: str) -> str | None:
    """The publisher a header line names on its own: "From: Intellectual Property Office"
    (GOV.UK), or a news organisation the gazetteer knows ("Nikkei Asia", "CGTN")."""
    from kg.gazetteer import load_gazetteer

    found = _FROM_LINE.match(line)
    if found is not None:
        name = found.group("pub") or found.group("staff") or found.group("outlet")
        return (name or found.group("agency")).strip()
    if len(line) > 40 or not line[:1].isupper():
        return None
    entry = load_gazetteer().lookup(line)
    # (public broadcasters and press bureaus, RTHK or PIB, are government agencies)
    known = {"Organization", "Company", "GovernmentAgency"}
    return line if entry is not None and entry.cls in known else None


#: a byline line under a headline: "By our Legal Affairs Correspondent", "Agencies in Paris"
_BYLINE = re.compile(
    r"^(?:By|From)\s+\S|^Agencies\b|^[A-Z][\w ]{0,40}\b(?:Staff|Desk|Reporter|Bureau|reporter)$"
)
#: a line that is only a site's name: "The Korea Times", "THE HINDU", "Science|Business",
#: "FORBES MIDDLE EAST | Lists" (a section after a bar), "Lesotho Times (Maseru)" (its city)
_NAME_LINE = re.compile(
    r"^(?P<name>(?:[A-Z][\w.&'’-]*|[A-Z][\w]*\|[A-Z][\w]*)(?: (?:[A-Z][\w.&'’-]*|&|of|the|and|de|du))"
    r"{0,4})(?: \| [A-Z][\w ,]{0,30}| \([A-Z][\w .-]{1,30}\))?$"
)
#: "BUSINESS » ECONOMY": a site's section path
_SECTION_LINE = re.compile(r"^[A-Z][\w &-]{0,30}(?: [»>/] [A-Z][\w &-]{0,30})+$")


_SECTION_WORDS = frozenset(
    """business news world economy technology tech markets politics lists opinion science sports
    health asia europe africa americas latest home national international china india""".split()
)


def _name_line(line: str) -> str | None:
    """The site's name when ``line`` is only that (see _NAME_LINE), else None."""
    match = _NAME_LINE.match(line.strip())
    if match is None:
        return None
    name = match.group("name")
    if (
        len(name) > 40
        or _is_place(name)
        or STAFF_WORDS.search(name)
        or find_date(name)
        or name.split()[0] in {"By", "From", "Source", "Photo"}
        or name.lower() in _SECTION_WORDS  # "Business": a section of the site
        or re.search(r"\b(?:Ministry|Department)\b", name)  # the issuing body, on a portal
    ):
        return None
    return display_name(name)


def _header_below_title(text: str) -> Header | None:
    """The stamp or dateline under a headline and a byline ("Moderna wins UK ruling ...\nBy
    our Legal Affairs Correspondent\nPublished 2 July 2024, 18:20 BST"), or None.

    The headline stays prose (it names what the story is about); a byline is masked.
    """
    starts = [m.start() for m in re.finditer(r"(?m)^[ \t]*\S", text[:1500])][:8]
    lines = list(itertools.pairwise(starts))  # (start, next start) of each of the first lines
    for i, start in enumerate(starts[1:], 1):
        before = [text[a:b].strip() for a, b in lines[:i]]
        if any(len(line) > 200 or line.endswith((":", ";")) for line in before):
            return None  # a paragraph of prose: the header is not below it (a GOV.UK summary
            # of one sentence, "The UK IPO and the USPTO have signed ...", may be)
        inner = parse_header(text[start:], _below_title=True)
        if inner.date is None:
            inner = _ambiguous_stamp_settled(text, start, inner)
        if inner.date is None and not (inner.publisher and inner.dateline):
            continue  # ("PORT OF SPAIN, Trinidad, Oct 14, CMC –": an agency's lead, no year)
        # the site's name: alone on the first line over a headline or a stamp, or right over
        # the stamp ("ARAB NEWS\nUpdated 08 May 2025")
        first_name = _name_line(before[0]) if len(before) > 1 or i == 1 else None
        over_stamp = _name_line(before[-1]) if i > 1 else None
        names = {k: name for k, name in ((i - 1, over_stamp), (0, first_name)) if name}
        masked = [
            (a, a + len(text[a:b].rstrip()))
            for k, (a, b) in enumerate(lines[:i])
            if _BYLINE.match(text[a:b].strip())
            or _masthead(text[a:b].strip())
            or names.get(k)
            or _SECTION_LINE.match(text[a:b].strip())
            # "NEW DELHI" alone over the stamp: where the story was filed
            or (text[a:b].strip().isupper() and _is_place(text[a:b].strip()))
        ]
        masked += [(a + start, b + start) for a, b in inner.masked]
        publisher = (
            first_name
            or inner.publisher
            or over_stamp
            or next((name for a, b in lines[:i] if (name := _masthead(text[a:b].strip()))), None)
        )
        return Header(inner.date, publisher, inner.caption, tuple(masked), inner.dateline)
    return None


def _header_below_caption(text: str) -> Header | None:
    """A photo caption as the first line and the date line or dateline under it ("... Photo:
    WIPO\n\nGENEVA, 8 October 2021 --"), or None."""
    first_end = text.find("\n")
    credit = _CAPTION.search(text[:first_end]) if 0 < first_end < 400 else None
    if credit is None or any(p.match(text) for p in (_DATE_LINE, _DATELINE, _WRITTEN_DATE_LINE)):
        return None
    start = first_end + len(text[first_end:]) - len(text[first_end:].lstrip())
    inner = parse_header(text[start:])
    if not (inner.date or inner.dateline):
        return None
    masked = [(credit.start(), first_end), *((a + start, b + start) for a, b in inner.masked)]
    caption = text[:first_end].strip()
    return Header(inner.date, inner.publisher, caption, tuple(masked), inner.dateline)


def _clean_name(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip(" .,;:-–—")
    return name or None


def _written_date(match: re.Match[str]) -> str | None:
    """The ISO date of a written date line ("February 8, 2024" -> "2024-02-08")."""
    month_name = (match.group("month") or match.group("month2")).rstrip(".").lower()
    month = month_number(month_name)
    day = int(match.group("day") or match.group("day2"))
    if not month or not 1 <= day <= 31:
        return None
    return _iso_date(int(match.group("year") or match.group("year2")), month, day)


def _slashed_date(text: str) -> str | None:
    """ "2024/02/11" -> "2024-02-11" (None if it is no calendar date)."""
    year, month, day = (int(part) for part in re.split(r"[/.-]", text))
    return _iso_date(year, month, day)


def _day_first_date(text: str, french_time: bool) -> str | None:
    """ "24/08/2021" -> "2021-08-24"; "03/04/2021" only with a time written "18h32" (day
    first, as in French and Portuguese), else it is ambiguous and left undated.

    Example:
        >>> _day_first_date("24/08/2021", False), _day_first_date("03/04/2021", False)
        ('2021-08-24', None)
    """
    first, second, year = (int(part) for part in text.split("/"))
    if first > 12 or french_time:
        day, month = first, second
    elif second > 12:
        month, day = first, second
    else:
        return None
    return _iso_date(year, month, day)


def _dateline_date(match: re.Match[str]) -> str | None:
    year = match.group("year") or match.group("year2") or match.group("year3")
    if not year:
        return None
    name = (match.group("month") or match.group("month2")).rstrip(".").lower()
    month = month_number(name)
    if not month:
        return None
    return _iso_date(int(year), month, int(match.group("day") or match.group("day2")))


def _trailing_publisher(text: str) -> tuple[str, int] | None:
    """A feed name alone at the end of the text: ('Global Times', offset) or None."""
    stripped = text.rstrip()
    last_nl = stripped.rfind("\n")
    last_line = stripped[last_nl + 1 :]
    source = _SOURCE_LINE.match(last_line)
    if source and last_nl >= 0:
        return _clean_name(source.group("pub")) or "", last_nl + 1
    match = _TRAILING_NAME.search(stripped[-120:])
    if not match:
        return None
    pub = match.group("pub")
    if pub in END_MARKERS:
        return None  # "NNNN", "Enditem": a wire's end mark, no feed name
    start = len(stripped) - len(stripped[-120:]) + match.start("pub")
    words = pub.split()
    glued = "\n" not in match.group("sep") and not match.group("sep").endswith(" ")
    own_line = "\n" in match.group("sep")
    # A real sentence ending in capitalised words ("... said Wang Wenbin") has a space
    # before them; a feed name is either on its own line or glued to the full stop.
    domain = re.fullmatch(r"[a-z0-9.-]+\.[a-z]{2,4}", pub) is not None  # "swissinfo.ch"
    if (
        not (own_line or glued)
        or not words
        or (words[0][0].islower() and not (domain and own_line))
    ):
        return None
    if pub.endswith((".", "!", "?")) or len(start_prose := stripped[:start].strip()) < 40:
        return None
    del start_prose
    return pub, start


def content_hash(text: str) -> str:
    """SHA-256 hex digest of the decoded text (line endings normalised to LF, as offsets are)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_from_text(text: str, source: str = "<text>", article_id: str | None = None) -> Article:
    """Build an Article from a decoded string, parsing its header.

    Raises InputError when the text has no words.
    """
    if not text.strip():
        raise InputError(f"{source}: empty article (no text)")
    if looks_like_html(text):
        text = html_to_text(text)  # a scraped page: its paragraphs, not its tags
        if not text.strip():
            raise InputError(f"{source}: an HTML page with no article text")
    if not any(ch.isalpha() for ch in text):
        raise InputError(f"{source}: no words in the article")
    limit = max_article_chars()
    if len(text) > limit:
        raise InputError(
            f"{source}: {len(text):,} characters is no news article; kg parses at most "
            f"{limit:,} (split it, or raise {MAX_CHARS_ENV})"
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # control characters, line separators and lone surrogates become spaces (one for one,
    # so offsets hold): no RDF/XML can carry them, and N-Triples readers split lines on some
    text = safe_text(text)
    digest = content_hash(text)
    header = parse_header(text)
    article = Article(
        id=article_id or f"text-{digest[:12]}",
        source=source,
        text=text,
        content_hash=digest,
        date=header.date,
        publisher=header.publisher,
        caption=header.caption,
        dateline=header.dateline,
        masked=header.masked,
    )
    if not any(ch.isalpha() for ch in article.prose):
        raise InputError(f"{source}: no article text after the header")
    return article


def read_article(path: Path, article_id: str | None = None) -> Article:
    """Read one file into an Article (raises InputError with a reason)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    return article_from_text(decode(data, str(path)), str(path), article_id or slugify(path.stem))


@dataclass(frozen=True)
class Source:
    """One input to read: a file (with the id its article gets) or standard input."""

    path: Path | None
    article_id: str

    @property
    def name(self) -> str:
        return str(self.path) if self.path else "<stdin>"

    def read(self) -> Article:
        if self.path is None:
            data = sys.stdin.buffer.read()
            return article_from_text(decode(data, "<stdin>"), "<stdin>", self.article_id)
        return read_article(self.path, self.article_id)


def collect_sources(paths: Iterable[str | Path]) -> list[Source]:
    """Expand files and folders (recursively, text files only) into Sources; '-' is stdin.

    Ids are the slug of the path relative to the folder given (or the file's stem),
    made unique within the batch.  Raises InputError for a path that does not exist.
    """
    seen: dict[str, int] = {}
    sources: list[Source] = []

    def add(path: Path | None, base_id: str) -> None:
        count = seen.get(base_id, 0) + 1
        seen[base_id] = count
        sources.append(Source(path, base_id if count == 1 else f"{base_id}-{count}"))

    for raw in paths:
        if str(raw) == "-":
            add(None, "stdin")
            continue
        path = Path(raw)
        if path.is_dir():
            for file in _walk(path):
                rel = file.relative_to(path).with_suffix("")
                add(file, slugify(str(rel).replace("/", "-")))
        elif path.exists():
            add(path, slugify(path.stem))
        else:
            raise InputError(f"{path}: no such file or folder")
    return sources


def _walk(folder: Path) -> Iterator[Path]:
    for file in sorted(folder.rglob("*")):
        if (
            file.is_file()
            and file.suffix.lower() in TEXT_SUFFIXES
            and not file.name.startswith(".")
        ):
            yield file


def _day_first_place(place: str) -> bool:
    """Whether dates are written day first where a story was filed (everywhere the gazetteer
    knows, except the United States)."""
    from kg.gazetteer import load_gazetteer

    entry = _place_entry(place)
    return entry is not None and load_gazetteer().seat_country(entry.key) not in {
        None,
        "united-states",
    }


def _is_place(name: str) -> bool:
    """Whether the gazetteer knows a dateline's capitals as a city, country or region."""
    return _place_entry(name) is not None


def _place_entry(name: str) -> GazetteerEntry | None:
    """The gazetteer's city, country or region a dateline names ("NEWPORT", "Rio de Janeiro")."""
    from kg.gazetteer import load_gazetteer  # the gazetteer loads once, and only when needed

    words = " ".join(w.capitalize() if w.isupper() else w for w in name.split())
    entry = load_gazetteer().lookup(words)
    return entry if entry is not None and entry.cls in {"City", "Country", "Region"} else None
