"""Colours of the classes, shared by every drawing so that a reader learns them once.

Example:
    >>> class_colour("Country"), class_colour("NoSuchClass")
    ('#2f7ebc', '#8c8c8c')
"""

from __future__ import annotations

#: A colour per class (a colour-blind-safe palette; related classes share a hue family).
CLASS_COLOURS: dict[str, str] = {
    "Country": "#2f7ebc",
    "Region": "#6baed6",
    "City": "#9ecae1",
    "Place": "#c6dbef",
    "IPOffice": "#d95f02",
    "GovernmentAgency": "#f28e2b",
    "InternationalOrganization": "#7b3294",
    "Company": "#1b9e77",
    "Organization": "#66a61e",
    "Person": "#e7298a",
    "Agent": "#e78ac3",
    "Treaty": "#a6761d",
    "Agreement": "#e6ab02",
    "Event": "#b15928",
    "Index": "#5e3c99",
    "TechnologyField": "#8dd3c7",
    "Initiative": "#bc80bd",
}
_OTHER = "#8c8c8c"


#: A colour per relation property, for pictures that colour edges instead of labelling them.
PROPERTY_COLOURS: dict[str, str] = {
    "memberOf": "#1f77b4",
    "partyTo": "#8c564b",
    "headOf": "#d62728",
    "spokespersonOf": "#e377c2",
    "affiliatedWith": "#ff9896",
    "cooperatesWith": "#2ca02c",
    "participatedIn": "#ff7f0e",
    "organizedBy": "#bcbd22",
    "location": "#17becf",
    "country": "#7f7f7f",
    "partOf": "#c7c7c7",
    "publishedBy": "#9467bd",
}


def class_colour(cls: str) -> str:
    """The colour of a class (grey for a class kg does not know)."""
    return CLASS_COLOURS.get(cls, _OTHER)


def rgb(colour: str) -> tuple[int, int, int]:
    """'#2f7ebc' -> (47, 126, 188).

    Example:
        >>> rgb("#2f7ebc")
        (47, 126, 188)
    """
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
