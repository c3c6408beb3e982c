"""Extraction: spaCy Docs of one article -> an :class:`~kg.records.Extraction`.

Stages are plain functions wired in :func:`kg.extract.article.extract_article`:
mentions -> entities (resolution and typing) -> relations and statistics.
"""
