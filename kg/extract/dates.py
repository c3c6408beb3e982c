"""Resolve the date a statistic refers to, against the article's date.

The value is the point in time or the end of the period: "as of the end of
2023" -> 2023-12-31, "in 2023" -> 2023 (a gYear), "last year" -> the year
before the article's, "the first half of 2024" -> 2024-06-30, "March 2024"
-> 2024-03-31.

Example:
    >>> resolve_date("as of the end of 2023", "2024-01-25")
    '2023-12-31'
    >>> resolve_date("last year", "2024-01-25")
    '2023'
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from kg.months import month_number

_YEAR = r"(?P<year>(?:19|20)\d{2})"
_QUARTER_END = {1: "03-31", 2: "06-30", 3: "09-30", 4: "12-31"}
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def resolve_date(
    phrase: str, article_date: str | None, discourse_year: str | None = None
) -> str | None:
    """An xsd:date ("YYYY-MM-DD") or xsd:gYear ("YYYY") for a date phrase, or None.

    ``discourse_year`` is the year the article was last talking about; it gives
    "the end of the year" and "the year" their year.  A date no calendar has ("June 31")
    gives None.

    Example:
        >>> resolve_date("June 31, 2023", None), resolve_date("June 30, 2023", None)
        (None, '2023-06-30')
    """
    found = _resolve_date(phrase, article_date, discourse_year)
    return found if found is None or is_calendar_date(found) else None


def is_calendar_date(value: str) -> bool:
    """Whether "YYYY" or "YYYY-MM-DD" names a real year or day.

    Example:
        >>> is_calendar_date("2024-02-29"), is_calendar_date("2023-02-29")
        (True, False)
    """
    if re.fullmatch(r"\d{4}", value):
        return value != "0000"
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _resolve_date(
    phrase: str, article_date: str | None, discourse_year: str | None = None
) -> str | None:
    lower = " ".join(phrase.lower().split())
    article_year = int(article_date[:4]) if article_date else None
    if article_year is not None:
        # "the first half of this year", "June last year": the year the words stand for
        lower = (
            re.sub(
                r"\b(?:of )?(this|last|the previous|the past) year\b(?! (?:earlier|ago|before))",
                lambda m: (
                    ("of " if m.group(0).startswith("of ") else "")
                    + str(article_year - (m.group(1) != "this"))
                ),
                lower,
            )
            if re.search(
                r"\b(half|quarter|months|january|february|march|april|may|june|july|"
                r"august|september|october|november|december|end|close)\b",
                lower,
            )
            else lower
        )
    if discourse_year and not re.search(r"\d{4}", lower):
        if re.search(r"\b(end|close) of the year\b", lower):
            return f"{discourse_year}-12-31"
        if re.search(r"\b(during|in|over|for) the year\b", lower):
            return discourse_year
    if m := re.search(r"(\d{4}-\d{2}-\d{2})", lower):
        return m.group(1)
    if m := re.search(r"\b((?:19|20)\d{2})[-–/]((?:19|20)?\d{2})\b", lower):
        # "2023-24", "fiscal 2022/23", "2022-2023": a year that straddles two, ending in the second
        second = m.group(2)
        return second if len(second) == 4 else f"{m.group(1)[:2]}{second}"
    if m := re.search(
        rf"(?:end|close) of (?:the )?(?:fiscal |financial )?(?:year )?{_YEAR}", lower
    ):
        return f"{m.group('year')}-12-31"
    if m := re.search(
        rf"\b(first|second|third|fourth|1st|2nd|3rd|4th) quarter (?:of )?{_YEAR}", lower
    ) or re.search(rf"\bq([1-4]) {_YEAR}", lower):
        q = _ORD.get(m.group(1)) or int(m.group(1))
        return f"{m.group('year')}-{_QUARTER_END[q]}"
    if m := re.search(rf"\b(first|second) half (?:of )?{_YEAR}", lower):
        return f"{m.group('year')}-{'06-30' if m.group(1) == 'first' else '12-31'}"
    if m := re.search(rf"\bfirst (two|three) quarters (?:of )?{_YEAR}", lower):
        return f"{m.group('year')}-{'06-30' if m.group(1) == 'two' else '09-30'}"
    if m := re.search(rf"\bfirst (\w+|\d{{1,2}}) months (?:of )?{_YEAR}", lower):
        months = _MONTH_COUNTS.get(m.group(1)) or (int(m.group(1)) if m.group(1).isdigit() else 0)
        if 1 <= months <= 12:
            year = int(m.group("year"))
            return f"{year:04d}-{months:02d}-{calendar.monthrange(year, months)[1]:02d}"
    if m := re.search(
        rf"\b(january|february|march|april|may|june|july|august|september|october|november|"
        rf"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.? (?:(\d{{1,2}}),? )?"
        rf"{_YEAR}",
        lower,
    ):
        month = month_number(m.group(1))
        year = int(m.group("year"))
        if month is not None:  # always: the pattern names a month
            day = int(m.group(2)) if m.group(2) else calendar.monthrange(year, month)[1]
            return f"{year:04d}-{month:02d}-{day:02d}"
    if m := re.search(rf"(?:fiscal|financial) (?:year )?{_YEAR}|\bfy ?(?P<fy>\d{{2,4}})\b", lower):
        year = m.group("year") or m.group("fy")
        return year if len(year) == 4 else f"20{year}"
    if m := re.search(rf"\b{_YEAR}\b", lower):
        if re.search(r"\b(since|from|between|over|during the past)\b", lower) and not re.search(
            r"\b(in|as of|by|end)\b", lower
        ):
            return None  # a period's start, not its point in time
        return m.group("year")
    if article_year is None:
        return None
    if (day_month := _month_without_year(lower, article_date)) is not None:
        return day_month  # "as of Nov. 29", "by the end of June": the latest such day
    if re.search(r"\bend of (?:last|the previous|the past) year\b", lower):
        return f"{article_year - 1}-12-31"
    if re.search(r"\b(last|previous|past) year\b|\ba year (earlier|ago|before)\b", lower):
        return str(article_year - 1)
    if re.search(r"\bthis year\b|\bso far this year\b|\bthe current year\b", lower):
        return str(article_year)
    return None


_MONTH_WORD = (
    r"(january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?"
)


def _month_without_year(lower: str, article_date: str | None) -> str | None:
    """ "as of nov. 29", "29 november", "the end of june" with no year: that day in the
    article's year, or the year before when it would fall after the article's date."""
    if not article_date or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", article_date):
        return None
    day = None
    if m := re.search(rf"\b{_MONTH_WORD} (\d{{1,2}})\b(?!,? \d)", lower):
        month, day = month_number(m.group(1)), int(m.group(2))
    elif m := re.search(rf"\b(\d{{1,2}}) {_MONTH_WORD}\b(?! \d)", lower):
        month, day = month_number(m.group(2)), int(m.group(1))
    elif m := re.search(rf"\b(?:end|close) of {_MONTH_WORD}\b(?! \d)", lower):
        month = month_number(m.group(1))
    else:
        return None
    if month is None:
        return None
    year = int(article_date[:4])
    for candidate in (year, year - 1):
        last = calendar.monthrange(candidate, month)[1]
        if day is not None and not 1 <= day <= last:
            return None
        iso = f"{candidate:04d}-{month:02d}-{(day or last):02d}"
        if iso <= article_date:
            return iso
    return None


_MONTH_COUNTS = {
    w: i + 1
    for i, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split())
}
_FISCAL = re.compile(
    r"\b(?:fiscal|financial)\b|\bfy ?\d{2,4}\b|\b(?:19|20)\d{2}[-–/](?:\d{2}|(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
#: when governments' fiscal years end (month-day), by country key; the year named is the
#: year the fiscal year ends in, except in Japan ("fiscal 2023" runs April 2023 to March 2024)
_FISCAL_YEAR_ENDS = {
    "united-states": "09-30",
    "india": "03-31",
    "japan": "03-31",
    "canada": "03-31",
    "united-kingdom": "03-31",
    "hong-kong": "03-31",
    "singapore": "03-31",
    "new-zealand": "06-30",
    "australia": "06-30",
    "pakistan": "06-30",
    "egypt": "06-30",
}


def is_fiscal(phrase: str) -> bool:
    """Whether a date phrase names a fiscal year ("in fiscal 2023", "FY2024", "2023-24").

    Example:
        >>> is_fiscal("in fiscal 2023"), is_fiscal("2023-24"), is_fiscal("in 2023")
        (True, True, False)
    """
    return bool(_FISCAL.search(phrase))


def fiscal_year_end(year: str, country: str | None, phrase: str) -> str:
    """The last day of a fiscal year in a country whose year-end kg knows, else the year.

    Example:
        >>> fiscal_year_end("2023", "united-states", "in fiscal 2023")
        '2023-09-30'
        >>> fiscal_year_end("2023", "japan", "in fiscal 2023")
        '2024-03-31'
        >>> fiscal_year_end("2024", "india", "2023-24")
        '2024-03-31'
    """
    end = _FISCAL_YEAR_ENDS.get(country or "")
    if end is None or not re.fullmatch(r"\d{4}", year):
        return year
    spans_two = re.search(r"(?:19|20)\d{2}[-–/]\d{2,4}", phrase) is not None
    if country == "japan" and not spans_two:
        year = str(int(year) + 1)
    return f"{year}-{end}"
