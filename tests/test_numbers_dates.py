"""Numbers as news writes them, and dates resolved against the article's date."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.extract.dates import resolve_date
from kg.extract.numbers import currency_of, parse_ordinal, parse_quantity, split_qualifier


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4.015 million", Decimal("4015000")),
        ("126,400", Decimal("126400")),
        ("more than 80", Decimal("80")),
        ("5.4 percent", Decimal("5.4")),
        ("+21%", Decimal("21")),
        ("$1.2 billion", Decimal("1200000000")),
        ("1.2bn", Decimal("1200000000")),
        ("two", Decimal("2")),
        ("three hundred", Decimal("300")),
        ("twenty-five thousand", Decimal("25000")),
    ],
)
def test_parse_quantity(text: str, value: Decimal) -> None:
    assert parse_quantity(text) == value


def test_fractions_are_not_counts() -> None:
    assert parse_quantity("two thirds") is None


def test_qualifiers() -> None:
    assert split_qualifier("more than 100,000") == ("more than", "100,000")
    assert split_qualifier("nearly 5,000") == ("nearly", "5,000")
    assert split_qualifier("126,400") == (None, "126,400")


@pytest.mark.parametrize(
    ("text", "rank"), [("12th", 12), ("first", 1), ("No. 7", 7), ("the 3rd", 3)]
)
def test_parse_ordinal(text: str, rank: int) -> None:
    assert parse_ordinal(text) == rank


def test_currency() -> None:
    assert currency_of("$3 billion") == "USD"
    assert currency_of("2.5 billion yuan") == "CNY"
    assert currency_of("EUR 40 million") == "EUR"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("as of the end of 2023", "2023-12-31"),
        ("by the end of 2022", "2022-12-31"),
        ("in 2023", "2023"),
        ("last year", "2023"),
        ("the previous year", "2023"),
        ("end of last year", "2023-12-31"),
        ("this year", "2024"),
        ("the first half of 2024", "2024-06-30"),
        ("the third quarter of 2023", "2023-09-30"),
        ("March 2024", "2024-03-31"),
        ("March 5, 2024", "2024-03-05"),
        ("fiscal year 2023", "2023"),
        ("since 2013", None),
        ("Thursday", None),
        # periods of a year the text names by reference to the article's
        ("in the first half of this year", "2024-06-30"),
        ("the first half of last year", "2023-06-30"),
        ("June last year", "2023-06-30"),
        ("in the first 10 months of 2023", "2023-10-31"),
        ("the first nine months of last year", "2023-09-30"),
        ("the first three quarters of 2023", "2023-09-30"),
        ("a year earlier", "2023"),
    ],
)
def test_resolve_date(phrase: str, expected: str | None) -> None:
    assert resolve_date(phrase, "2024-01-25") == expected


def test_a_scale_letter_glued_to_other_characters_is_read_alone() -> None:
    # found by bench/fuzz.py: "20M(o2" raised KeyError and cost the article its extraction
    assert parse_quantity("20M(o2") == Decimal(20_000_000)
    assert parse_quantity("5 bn.") == Decimal(5_000_000_000)


@pytest.mark.parametrize(
    ("phrase", "article_date", "expected"),
    [
        ("As of Nov. 29", "2024-12-03", "2024-11-29"),
        ("as of the end of June", "2024-12-03", "2024-06-30"),
        ("29 November", "2024-12-03", "2024-11-29"),
        ("December 29", "2024-12-03", "2023-12-29"),  # not yet this year: last year's
        ("Nov. 29, 2023", "2024-12-03", "2023-11-29"),
        ("May", "2024-12-03", None),  # a month alone is no point in time
    ],
)
def test_days_and_month_ends_without_a_year(
    phrase: str, article_date: str, expected: str | None
) -> None:
    assert resolve_date(phrase, article_date) == expected
