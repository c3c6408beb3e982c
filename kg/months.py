"""Month names and calendar days as news writes them: one vocabulary for the header
reader (kg.ingest, kg.header_stamps) and the date resolver (kg.extract.dates).

Example:
    >>> month_number("Sept."), month_number("january"), month_number("Mon")
    (9, 1, None)
    >>> iso_date(2024, 2, 29), iso_date(2023, 2, 29)
    ('2024-02-29', None)
"""

from __future__ import annotations

from datetime import date

#: A month written in full or cut short: "January", "Jan.", "Sept".
MONTH_RE = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_NAMES = (
    "january february march april may june july august september october november december"
).split()


def month_number(name: str) -> int | None:
    """1–12 for a month's name or its short form ("Sept." -> 9), None for anything else."""
    key = name.rstrip(".").lower()
    key = "sep" if key == "sept" else key
    if len(key) < 3:
        return None
    return next((i + 1 for i, full in enumerate(_NAMES) if full.startswith(key)), None)


def iso_date(year: int, month: int, day: int) -> str | None:
    """ "YYYY-MM-DD" for a day the calendar has, else None ("February 30" is no date)."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
