"""spaCy components kg registers (imported for their side effect by the pipeline loader)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("kg_sentence_fixes")
def sentence_fixes(doc: Doc) -> Doc:
    """Preset sentence starts the parser would miss.

    A word after a full stop with no space ("Thursday.The") starts a sentence,
    and so does the first word after a blank line (paragraphs, masked headers).
    The parser keeps preset starts and decides the rest.
    """
    for i in range(1, len(doc)):
        token, prev = doc[i], doc[i - 1]
        if (
            prev.is_space and ("\n\n" in prev.text or len(prev.text) > 3) and not token.is_space
        ) or (
            prev.text in {".", "!", "?"}
            and not prev.whitespace_
            and i >= 2
            and (doc[i - 2].text[-1:].islower() or doc[i - 2].text[-1:].isdigit())
            and token.text[:1].isupper()
            and token.text[1:2].islower()
        ):
            token.is_sent_start = True
    return doc
