"""What a SPARQL request may ask of kg's endpoint, decided before anything runs.

The endpoint is read-only and never reaches out: an update is refused, and so is a
``SERVICE`` call (Oxigraph would otherwise fetch it over HTTP).  The decision is
made on the query's tokens, not on a regex over its text, so that a keyword inside a
string, an IRI or a comment neither hides a ``SERVICE`` nor refuses a harmless query.
As the SPARQL grammar asks (section 19.2), ``\\u`` escapes are decoded first, so
``SERV\\u0049CE`` is seen for what it is.

Example:
    >>> inspect("SELECT * WHERE { ?s ?p ?o }").kind
    'query'
    >>> inspect("PREFIX ex: <http://e/> INSERT DATA { ex:a ex:b ex:c }").kind
    'update'
    >>> inspect('SELECT * WHERE { SERVICE <http://e/sparql> { ?s ?p ?o } }').uses_service
    True
    >>> inspect('SELECT * WHERE { ?s ?p "SERVICE" }').uses_service
    False
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Keywords that open a SPARQL 1.1 update operation.
UPDATE_KEYWORDS = frozenset(
    {"insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with"}
)

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# The grammar's IRIREF: no spaces, quotes, braces or angle brackets inside.
_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_LONG_STRING = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\"", re.S
)
_SHORT_STRING = re.compile(r"'(?:[^'\\\n\r]|\\.)*'|\"(?:[^\"\\\n\r]|\\.)*\"")
_COMMENT = re.compile(r"#[^\n\r]*")
# Tokens that are not keywords, as the grammar spells them (so that "?o.SERVICE" is a
# variable, a dot and a keyword, and "ex:a.b" one prefixed name)
_NOT_KEYWORD = re.compile(
    r"[?$]\w+"  # variable
    r"|@[A-Za-z]+(?:-[A-Za-z0-9]+)*"  # language tag
    r"|_:\w(?:[\w\-.]*[\w\-])?"  # blank node label
    r"|(?:[^\W\d_](?:[\w\-.]*[\w\-])?)?:(?:[\w\-:%]|\\.|\.(?=[\w\-:%\\]))*"  # prefixed name
)
_WORD = re.compile(r"[^\W\d_]\w*")


@dataclass(frozen=True)
class Inspection:
    """What a request's SPARQL text is: 'query', 'update' or 'empty'; its first keyword
    (the query form: 'select', 'ask', 'construct', 'describe'); whether it calls SERVICE;
    how many FROM clauses name its dataset."""

    kind: str
    form: str | None
    uses_service: bool
    from_clauses: int

    @property
    def returns_graph(self) -> bool:
        """CONSTRUCT and DESCRIBE answer with RDF, SELECT and ASK with result sets."""
        return self.form in {"construct", "describe"}


def decode_escapes(text: str) -> str:
    r"""Decode ``\uXXXX`` and ``\UXXXXXXXX`` escapes as a SPARQL parser does first.

    Example:
        >>> decode_escapes(r"SERV\u0049CE")
        'SERVICE'
    """

    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"

    return _ESCAPE.sub(char, text)


def keywords(text: str) -> list[str]:
    """The bare words of a SPARQL text, lower-cased, outside strings, IRIs and comments
    (variables, prefixed names, blank node labels and language tags are left out).

    Example:
        >>> keywords('PREFIX ex: <http://e/#x> SELECT ?s { ?s ex:p "a # b" } # LOAD')
        ['prefix', 'select']
    """
    text = decode_escapes(text)
    words: list[str] = []
    position = 0
    length = len(text)
    while position < length:
        char = text[position]
        if char in "'\"":
            match = _LONG_STRING.match(text, position) or _SHORT_STRING.match(text, position)
            position = match.end() if match else length  # an unclosed string runs to the end
        elif char == "<":
            match = _IRIREF.match(text, position)
            position = match.end() if match else position + 1  # '<' as less-than
        elif char == "#":
            position = _COMMENT.match(text, position).end()
        elif match := _NOT_KEYWORD.match(text, position):
            position = match.end()
        elif match := _WORD.match(text, position):
            words.append(match.group().lower())
            position = match.end()
        else:
            position += 1
    return words


def inspect(text: str) -> Inspection:
    """Classify a SPARQL text; see the module docstring."""
    words = keywords(text)
    # the prologue (PREFIX/BASE declarations) comes before the operation's first keyword
    operation = next((w for w in words if w not in {"prefix", "base"}), None)
    if operation is None:
        kind = "empty"
    elif operation in UPDATE_KEYWORDS:
        kind = "update"
    else:
        kind = "query"
    return Inspection(kind, operation, "service" in words, words.count("from"))
