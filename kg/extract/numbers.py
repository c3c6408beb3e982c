"""Read numbers as news writes them: "4.015 million", "126,400", "two", "12th", "5.4 percent".

Example:
    >>> parse_quantity("4.015 million")
    Decimal('4015000.000')
    >>> parse_quantity("more than 80")
    Decimal('80')
    >>> parse_ordinal("12th"), parse_ordinal("first")
    (12, 1)
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

SCALES = {
    "thousand": Decimal(1_000),
    "k": Decimal(1_000),
    "million": Decimal(1_000_000),
    "mln": Decimal(1_000_000),
    "m": Decimal(1_000_000),
    "mn": Decimal(1_000_000),
    "billion": Decimal(1_000_000_000),
    "bn": Decimal(1_000_000_000),
    "b": Decimal(1_000_000_000),
    "trillion": Decimal(1_000_000_000_000),
    "tn": Decimal(1_000_000_000_000),
    "lakh": Decimal(100_000),
    "crore": Decimal(10_000_000),
}
WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
} | {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "a": 1,
    "an": 1,
}
ORDINALS = {
    w: i + 1
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ]
    )
}
QUALIFIERS = (
    "more than",
    "over",
    "about",
    "nearly",
    "almost",
    "around",
    "approximately",
    "some",
    "roughly",
    "up to",
    "at least",
    "less than",
    "fewer than",
    "under",
    "close to",
    "above",
    "exceeding",
    "in excess of",
    "upwards of",
    "just over",
    "just under",
    "well over",
    "an estimated",
    "estimated",
    "as many as",
    "as much as",
    "at most",
    "no fewer than",
    "no less than",
    "a record",
    "below",
    "approx.",
    "c.",
    "circa",
)
_QUALIFIER_RE = re.compile(
    r"^(?P<q>"
    + "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
    + r")\s+",
    re.IGNORECASE,
)
# "1,234,567", "1 234", and the Indian grouping "1,03,000" / "2,26,000" (lakhs of two digits)
_NUMBER = re.compile(
    r"[-+]?\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|[-+]?\d+(?:[,\s]\d{3})*(?:\.\d+)?|[-+]?\.\d+"
)
CURRENCIES = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "¥": "CNY",
    "yuan": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "renminbi": "CNY",
    "yen": "JPY",
    "jpy": "JPY",
    "won": "KRW",
    "krw": "KRW",
    "chf": "CHF",
    "swiss francs": "CHF",
    "francs": "CHF",
    "rupees": "INR",
    "inr": "INR",
    "hk$": "HKD",
    "hkd": "HKD",
    "sek": "SEK",
    "kronor": "SEK",
    "nok": "NOK",
    "dkk": "DKK",
    "aud": "AUD",
    "cad": "CAD",
    "sgd": "SGD",
    "brl": "BRL",
    "reais": "BRL",
}
#: ISO 4217 codes written before an amount ("SEK 3.6 billion", "EUR 32,184,000")
CURRENCY_CODES = frozenset(code.upper() for code in CURRENCIES if re.fullmatch(r"[a-z]{3}", code))


def split_qualifier(text: str) -> tuple[str | None, str]:
    """("more than", "80") from "more than 80"; (None, text) when there is none."""
    match = _QUALIFIER_RE.match(text.strip())
    if not match:
        return None, text.strip()
    return match.group("q").lower(), text.strip()[match.end() :]


def parse_quantity(text: str) -> Decimal | None:
    """The plain quantity a phrase states (scale words applied), or None when it has none."""
    _, text = split_qualifier(text)
    lower = text.lower().replace("per cent", "percent")
    match = _NUMBER.search(lower)
    if match:
        raw = re.sub(r"[,\s]", "", match.group())
        try:
            value = Decimal(raw)
        except InvalidOperation:
            return None
        rest = lower[match.end() :].strip()
        scale_word = re.match(r"([a-z]+)", rest)
        if (
            scale_word
            and scale_word.group(1) in SCALES
            and (len(scale_word.group(1)) > 2 or rest[:2] in {"bn", "mn", "tn"} or len(rest) == 1)
        ):
            value *= SCALES[scale_word.group(1)]
        elif short := re.match(r"^(k|m|b|bn|mn|tn)\b", rest):
            # the abbreviation itself, not the word it starts ("20M(o2": found by fuzzing)
            value *= SCALES[short.group(1)]
        return value
    return _parse_words(lower)


def _parse_words(lower: str) -> Decimal | None:
    if re.search(r"\b(half|halves|thirds?|quarters?|fifths?)\b", lower):
        return None  # fractions are shares, not counts
    total = current = 0
    seen = False
    for word in re.findall(r"[a-z]+", lower.replace("-", " ")):
        if word in WORDS and word not in {"a", "an"}:
            value = WORDS[word]
            seen = True
            if value == 100:
                current = max(current, 1) * 100
            else:
                current += value
        elif word in SCALES and len(word) > 2:
            total += max(current, 1) * int(SCALES[word])
            current = 0
            seen = True
        elif word in {"and", "a", "an"}:
            continue
        else:
            break
    return Decimal(total + current) if seen else None


def parse_ordinal(text: str) -> int | None:
    """12 from "12th", 1 from "first" / "No. 1" / "number one"; None otherwise."""
    lower = text.lower().strip()
    match = re.search(r"(\d+)\s*(?:st|nd|rd|th)\b", lower) or re.search(r"\bno\.\s*(\d+)", lower)
    if match:
        return int(match.group(1))
    for word in re.findall(r"[a-z]+", lower):
        if word in ORDINALS:
            return ORDINALS[word]
    if "number one" in lower or "top spot" in lower:
        return 1
    return None


def currency_of(text: str) -> str | None:
    """ISO 4217 code named in a money phrase ("$1.2 billion" -> "USD")."""
    lower = text.lower()
    for sign in ("us$", "hk$", "$", "€", "£", "¥"):
        if sign in lower:
            return CURRENCIES[sign]
    for match in re.finditer(r"[a-z]+(?: francs)?", lower):
        word = match.group()
        if word not in CURRENCIES:
            continue
        after_amount = re.search(
            r"(\d|million|billion|trillion|thousand|lakh|crore)\s*$", lower[: match.start()]
        )
        # "won", "yen", "usd": short words count after an amount or as a capitalised code
        if len(word) > 3 or after_amount or word.upper() in text:
            return CURRENCIES[word]
    return None
