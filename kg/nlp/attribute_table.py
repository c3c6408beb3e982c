"""The pipeline's AttributeRuler, applied by table lookup.

spaCy's AttributeRuler runs a Matcher over every token and then, for every match,
builds a Span and sets attributes one token at a time in Python: in
en_core_web_sm, where each of the 179 rules is one or two tokens matched on TAG,
LOWER, DEP or IS_SPACE, that is about a fifth of the whole pipeline's time.

``AttributeTable`` takes the same rules from the loaded ruler and gives the same
result: it reads the token attributes as one array, finds the rules that can
match each token through dictionaries keyed by the token's LOWER and TAG, lets a
later rule override an earlier one as spaCy does (matches are applied in rule
order), and writes POS, MORPH and LEMMA back as one array.  Rules it cannot
express (other attributes or operators, longer patterns) make ``from_ruler``
return None, and the pipeline keeps spaCy's ruler.

Example:
    >>> import spacy
    >>> from kg.nlp.pipeline import resolve_model_name
    >>> nlp = spacy.load(resolve_model_name())
    >>> table = AttributeTable.from_ruler(nlp.get_pipe("attribute_ruler"))
    >>> doc = nlp("The offices were closed.", disable=["attribute_ruler", "lemmatizer", "ner"])
    >>> [t.pos_ for t in table(doc)]
    ['DET', 'NOUN', 'AUX', 'VERB', 'PUNCT']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.tokens import Doc

#: Columns read from the Doc, in this order.
_READ = (TAG, LOWER, DEP, IS_SPACE)
_COLUMN = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
#: Columns a rule may be filed under, most selective first.
_FILING = ("LOWER", "TAG", "DEP", "IS_SPACE")
#: Attributes the rules may set, in the order they are written back (a tag before the part
#: of speech derived from it).
_WRITTEN = (TAG, DEP, POS, MORPH, LEMMA)


@dataclass(frozen=True)
class _Check:
    """One constraint on one pattern token: its row's column is (not) in a set, or a regex
    matches the string the column holds."""

    offset: int  # the pattern token, from the first
    column: int
    allowed: frozenset[int] | None = None
    denied: frozenset[int] | None = None
    regex: re.Pattern[str] | None = None


@dataclass(frozen=True)
class _Rule:
    order: int  # the ruler's rule number: a later rule overrides an earlier one
    width: int  # pattern tokens
    filed_at: int  # the pattern token whose value the rule is filed under
    index: int  # the pattern token the attributes go to
    values: tuple[tuple[int, int], ...]  # (column in _WRITTEN, value)
    checks: tuple[_Check, ...]  # what the filing does not already guarantee


class AttributeTable:
    """Apply an AttributeRuler's rules by table lookup (see module docstring)."""

    def __init__(
        self, filed: dict[int, dict[int, list[_Rule]]], always: list[_Rule], strings
    ) -> None:
        self._filed = [(column, table) for column, table in sorted(filed.items()) if table]
        self._always = always
        self._strings = strings
        self._regex_results: dict[tuple[str, int], bool] = {}

    @classmethod
    def from_ruler(cls, ruler) -> AttributeTable | None:
        """The table for a loaded spaCy AttributeRuler, or None when a rule is beyond it."""
        strings = ruler.vocab.strings
        filed: dict[int, dict[int, list[_Rule]]] = {c: {} for c in range(len(_READ))}
        always: list[_Rule] = []
        for order, pattern in enumerate(ruler.patterns):
            normalised = ruler.attrs[order]  # the ruler's own values: POS ids, hashes
            if any(attr not in _WRITTEN for attr in normalised):
                return None
            values = tuple((_WRITTEN.index(attr), value) for attr, value in normalised.items())
            index = pattern.get("index", 0)
            for tokens in pattern["patterns"]:  # alternatives of one rule share its order
                if not 1 <= len(tokens) <= 2 or not -len(tokens) <= index < len(tokens):
                    return None
                checks = [
                    _check(offset, name, value, strings)
                    for offset, token in enumerate(tokens)
                    for name, value in token.items()
                ]
                if any(c is None for c in checks):
                    return None
                filing = next(
                    (
                        c
                        for name in _FILING
                        for c in checks
                        if c is not None and c.column == _COLUMN[name] and c.allowed is not None
                    ),
                    None,
                )
                rule = _Rule(
                    order,
                    len(tokens),
                    filing.offset if filing else 0,
                    index % len(tokens),
                    values,
                    tuple(c for c in checks if c is not None and c is not filing),
                )
                if filing is None:
                    always.append(rule)  # nothing to file it under ("^n[ou]thin'$")
                for key in (filing.allowed or ()) if filing else ():
                    filed[filing.column].setdefault(key, []).append(rule)
        return cls(filed, always, strings)

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array(list(_READ)).tolist()
        matches: list[tuple[int, int, tuple[tuple[int, int], ...]]] = []
        for i, row in enumerate(rows):
            for column, table in self._filed:
                for rule in table.get(row[column], ()):
                    self._try(rule, i, rows, matches)
            for rule in self._always:
                self._try(rule, i, rows, matches)
        if not matches:
            return doc
        matches.sort(key=lambda m: (m[0], m[1]))  # spaCy's order: a later rule wins
        out = doc.to_array(list(_WRITTEN))
        for _, target, values in matches:
            for column, value in values:
                out[target, column] = value
        doc.from_array(list(_WRITTEN), out)
        return doc

    def _try(self, rule: _Rule, i: int, rows: list[list[int]], matches: list) -> None:
        """Record the rule's match when the pattern, filed at token ``i``, holds there."""
        start = i - rule.filed_at
        if start < 0 or start + rule.width > len(rows):
            return
        if all(self._passes(c, rows[start + c.offset]) for c in rule.checks):
            matches.append((rule.order, start + rule.index, rule.values))

    def _passes(self, check: _Check, row: list[int]) -> bool:
        value = row[check.column]
        if check.allowed is not None:
            return value in check.allowed
        if check.denied is not None:
            return value not in check.denied
        if check.regex is None:
            return False
        key = (check.regex.pattern, value)
        result = self._regex_results.get(key)
        if result is None:
            if len(self._regex_results) > 100_000:
                self._regex_results.clear()  # bounded: the vocabulary of a long stream is not
            result = self._regex_results[key] = bool(check.regex.search(self._strings[value]))
        return result


def _check(offset: int, name: str, value: object, strings) -> _Check | None:
    """One constraint of a pattern token, or None when it is beyond the table."""
    column = _COLUMN.get(name)
    if column is None:
        return None
    if name == "IS_SPACE":
        return _Check(offset, column, allowed=frozenset({int(bool(value))}))
    if isinstance(value, str):
        return _Check(offset, column, allowed=frozenset({strings.add(value)}))
    if isinstance(value, dict) and len(value) == 1:
        ((op, arg),) = value.items()
        if op == "IN":
            return _Check(offset, column, allowed=frozenset(strings.add(v) for v in arg))
        if op == "NOT_IN":
            return _Check(offset, column, denied=frozenset(strings.add(v) for v in arg))
        if op == "REGEX" and name == "LOWER":
            return _Check(offset, column, regex=re.compile(arg))
    return None
