"""Membership of the fixed cooperation groups of IP offices (IP5, TM5, ID5).

These groups never change their members, and news names a group and its offices together in
many ways ("the IP5 Statistics Report, the joint publication of the EPO, the JPO ...", "the
forum that brings KIPO together with the EPO ...", "after the IP5 was created to include
CNIPA and KIPO"). A sentence that names the group and one of its offices states that
membership; the table of members is ``kg/data/group_members.tsv``.

Example:
    >>> sorted(group_members()["ip5"])[:2]
    ['china-national-intellectual-property-administration', 'european-patent-office']
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from functools import cache

from kg.extract.relations import Found
from kg.extract.sentences import SentenceView
from kg.resources import gazetteer_dir
from kg.slug import slugify


@cache
def group_members() -> dict[str, frozenset[str]]:
    """Group key -> the keys of its member offices."""
    path = gazetteer_dir().parent / "group_members.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return {
        slugify(row["group"]): frozenset(slugify(m) for m in row["members"].split("|"))
        for row in rows
    }


def group_member_relations(sentence: SentenceView) -> Iterator[Found]:
    """memberOf for each office named in a sentence that names its group."""
    table = group_members()
    keys = {m.key for m in sentence.mentions if m.key}
    # "the IP5 Statistics Report, the joint publication of the EPO, the JPO ...": the group's
    # own report names it
    named = keys | {
        group
        for m in sentence.mentions
        if m.cls == "Index" and m.key
        for group in table
        if m.key.startswith(group + "-")
    }
    for group in named & table.keys():
        for member in sorted(keys & table[group]):
            yield Found(member, "memberOf", group, 0.75, "known-group-member")
