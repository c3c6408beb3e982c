"""Word lists the statistic rules share (verbs of ranking, reporting and change)."""

from __future__ import annotations

NUMBER_LABELS = frozenset({"CARDINAL", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"})


TIME_UNITS = frozenset(
    """year decade month week day hour century minute quarter anniversary session
    edition time round term generation meeting conference forum summit congress assembly""".split()
)


RANK_HEADS = frozenset(
    """rank place come finish stand remain climb rise move jump fall drop slip list lead
    position spot be top occupy retain hold secure take keep follow return push slide advance
    overtake tie share""".split()
)


REPORT_VERBS = frozenset(
    """announce say report state reveal disclose show release publish note add
    introduce tell point indicate unveil according confirm estimate find""".split()
)


INCREASE = frozenset(
    """increase rise growth up grow jump surge climb gain higher more increment boost
    expand expansion rose grew soar rocket leap balloon advance""".split()
)


DECREASE = frozenset(
    """decrease decline drop fall down lower less dip shrink reduction contraction fell
    slip slide cut fewer plunge plummet tumble sink slump""".split()
)


CHANGE_VERBS = frozenset(
    """rise grow increase fall decline drop slip climb jump surge dip shrink expand gain slide
    soar plunge plummet tumble sink slump rocket leap""".split()
)


SUBJECT_CLASSES = ("Country", "Organization", "Region", "Initiative", "City", "Person")
