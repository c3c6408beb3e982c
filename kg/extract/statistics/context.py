"""What the statistics of one sentence share while they are read."""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.mentions import Mention
from kg.extract.sentences import SentenceView
from kg.extract.syntax import MentionIndex
from kg.records import Statistic


@dataclass
class Context:
    """What statistics of one sentence share: the reporter, dates, index, tech fields."""

    sentence: SentenceView
    index: MentionIndex
    article_date: str | None
    previous: list[Statistic]
    #: who the sentence (or, failing that, the article so far) says the figures come from
    reporter: Mention | None = None
