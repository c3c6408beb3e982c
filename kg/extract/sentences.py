"""A sentence with its resolved mentions, as the relation and statistic rules see it.

``tagged`` is the sentence text with each mention replaced by a placeholder
``⟦n:Class⟧`` (n indexes ``mentions``), so that surface patterns can be
written as regular expressions over entity classes: the equivalent of a
token matcher that knows resolved types.

Example:
    "WIPO Director General Daren Tang said" ->
    "⟦0:InternationalOrganization⟧ Director General ⟦1:Person⟧ said"
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Span, Token

from kg.extract.mentions import Mention
from kg.records import Evidence


@dataclass
class SentenceView:
    """One sentence of an article with offsets into the article text."""

    index: int
    span: Span
    start: int
    end: int
    text: str
    mentions: list[Mention]

    #: The NER spans inside this sentence, cut once per Doc by build_sentences (spaCy rebuilds
    #: every span of the whole Doc each time ``Span.ents`` is read).
    ents: tuple[Span, ...] = ()

    @cached_property
    def date_tokens(self) -> frozenset[int]:
        """Indices of the tokens inside DATE and TIME spans."""
        return frozenset(t.i for e in self.ents if e.label_ in {"DATE", "TIME"} for t in e)

    @cached_property
    def lemmas(self) -> tuple[str, ...]:
        """Each token's lower-cased lemma, read once (spaCy builds a Token object per access)."""
        return tuple(t.lemma_.lower() for t in self.span)

    def tokens_with_lemma(self, words: frozenset[str] | set[str]) -> list[Token]:
        """The sentence's tokens whose lower-cased lemma is one of ``words``."""
        doc, first = self.span.doc, self.span.start
        return [doc[first + i] for i, lemma in enumerate(self.lemmas) if lemma in words]

    @property
    def evidence(self) -> Evidence:
        return Evidence(self.text, self.start, self.end)

    @cached_property
    def tagged(self) -> str:
        """The sentence with mentions replaced by ⟦index:Class⟧ placeholders."""
        parts: list[str] = []
        cursor = self.start
        previous = None
        for i, mention in enumerate(self.mentions):
            if mention.start < cursor:
                continue  # overlapping mentions: the first one stands
            gap = self.text[cursor - self.start : mention.start - self.start]
            after = self.text[mention.end - self.start : mention.end - self.start + 1]
            if (
                previous is not None
                and previous.key == mention.key
                and gap.strip() == "("
                and after == ")"
            ):
                # "the USPTO (United States Patent ...)" / "CNIPA (CNIPA)": one entity, written twice
                parts.append("")
                cursor = mention.end + 1
                continue
            parts.append(gap)
            parts.append(f"⟦{i}:{mention.cls}⟧")
            cursor = mention.end
            previous = mention
        parts.append(self.text[cursor - self.start :])
        return " ".join("".join(parts).split())


def build_sentences(
    docs: list[tuple[int, object]], mentions: list[Mention], text: str, prose: str
) -> list[SentenceView]:
    """Split every chunk into SentenceViews carrying the mentions inside them.

    ``prose`` is the text with headers blanked (what spaCy read); sentence edges
    are trimmed on it, and the evidence is cut from ``text`` as written.
    """
    views: list[SentenceView] = []
    for base, doc in docs:
        doc_ents = list(doc.ents)  # type: ignore[attr-defined]
        cursor = 0
        for sent in doc.sents:  # type: ignore[attr-defined]
            while cursor < len(doc_ents) and doc_ents[cursor].end <= sent.start:
                cursor += 1
            sent_ents = []
            for ent in doc_ents[cursor:]:
                if ent.start >= sent.end:
                    break
                if ent.start >= sent.start and ent.end <= sent.end:
                    sent_ents.append(ent)
            start = base + sent.start_char
            end = base + sent.end_char
            stripped = prose[start:end]
            lead = len(stripped) - len(stripped.lstrip())
            start += lead
            end = start + len(stripped.strip())
            if end <= start:
                continue
            inside = sorted(
                (m for m in mentions if m.span.doc is doc and m.start >= start and m.end <= end),
                key=lambda m: (m.start, -m.end),
            )
            views.append(
                SentenceView(
                    len(views), sent, start, end, text[start:end], inside, tuple(sent_ents)
                )
            )
    return views
