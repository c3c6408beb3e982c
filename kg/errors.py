"""The exception tree of kg: every error a user can cause derives from KGError.

The CLI maps these to exit codes (2 for usage and input errors) and prints
their message without a traceback.

Example:
    >>> from kg.errors import InputError, KGError
    >>> issubclass(InputError, KGError)
    True
"""

from __future__ import annotations


class KGError(Exception):
    """Base of every error kg raises on purpose."""

    exit_code = 2


class InputError(KGError):
    """An input file or text cannot be read as an article (binary, undecodable, empty)."""


class FormatError(KGError):
    """An unknown serialisation or output format was asked for."""


class OutputError(KGError):
    """An output file cannot be written (a folder, no permission, a full disk)."""


class ModelNotFoundError(KGError):
    """The spaCy pipeline named in the settings is not installed."""


class ResourceError(KGError):
    """A file kg ships (ontology, shapes, gazetteer) is missing or broken."""


class QueryError(KGError):
    """A SPARQL query could not be parsed or run."""


class GraphLoadError(KGError):
    """A graph file could not be read."""


class GoldError(KGError):
    """A gold annotation file is malformed."""
