"""Domain knowledge as data: the gazetteer of IP offices, treaties, countries and more.

Each TSV file in ``kg/data/gazetteer/`` holds one kind of entity (one header
row, ``|`` between several values in a cell).  They are loaded once into a
:class:`Gazetteer`, which the entity ruler turns into patterns and the
resolver asks for canonical names, classes and links.

Example:
    >>> from kg.gazetteer import load_gazetteer
    >>> gaz = load_gazetteer()
    >>> gaz.lookup("CNIPA").name
    'China National Intellectual Property Administration'
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.errors import ResourceError
from kg.resources import gazetteer_dir
from kg.slug import slugify

#: file name -> the core class of its rows (organizations.tsv states a class per row).
_FILE_CLASSES: dict[str, str | None] = {
    "countries.tsv": "Country",
    "regions.tsv": "Region",
    "cities.tsv": "City",
    "ip_offices.tsv": "IPOffice",
    "organizations.tsv": None,
    "companies.tsv": "Company",
    "treaties.tsv": "Treaty",
    "indices.tsv": "Index",
    "initiatives.tsv": "Initiative",
    "technology_fields.tsv": "TechnologyField",
}
_ALLOWED_ORG_CLASSES = {"InternationalOrganization", "GovernmentAgency", "Organization", "Company"}


@dataclass(frozen=True)
class GazetteerEntry:
    """One known entity: canonical name, class, the names it goes by, and its links."""

    key: str
    name: str
    cls: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...] = ()
    country: str | None = None
    part_of: str | None = None
    publisher: str | None = None
    administered_by: str | None = None
    wikidata: str | None = None
    iso2: str | None = None
    st3: str | None = None
    yearly: bool = False

    @property
    def acronyms(self) -> tuple[str, ...]:
        """Names written as one all-capital word (CNIPA, PCT)."""
        return tuple(n for n in self.names if " " not in n and n.isupper())


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split("|") if part.strip())


def fold_name(name: str) -> str:
    """Case-folded, 'the'-less, white-space-folded form used for lookups."""
    name = " ".join(name.replace("’", "'").split())
    if name.lower().startswith("the "):
        name = name[4:]
    return name.casefold()


class Gazetteer:
    """All gazetteer entries with lookups by surface form, ISO code and key."""

    def __init__(self, entries: list[GazetteerEntry]) -> None:
        self.entries: dict[str, GazetteerEntry] = {}
        self._by_form: dict[str, str] = {}
        self._by_exact: dict[str, str] = {}
        self._demonyms: dict[str, str] = {}
        for entry in entries:
            if entry.key in self.entries:
                continue  # the first file that names a thing wins (offices before orgs)
            self.entries[entry.key] = entry
            for form in entry.names:
                target = self._by_exact if is_acronym(form) else self._by_form
                target.setdefault(form if is_acronym(form) else fold_name(form), entry.key)
            for demonym in entry.demonyms:
                self._demonyms.setdefault(demonym, entry.key)
        #: (name without its country word, country key) -> key: "Brazil's National Institute
        #: of Industrial Property" is the Brazilian one, "Japan's Patent Office" the JPO
        self._national: dict[tuple[str, str], str] = {}
        for entry in self.entries.values():
            country = self.entries.get(entry.country or "")
            if country is None or entry.cls not in {"IPOffice", "GovernmentAgency"}:
                continue
            prefixes = {fold_name(w) + " " for w in (*country.names, *country.demonyms)}
            for form in entry.names:
                folded = fold_name(form)
                for prefix in prefixes:
                    if folded.startswith(prefix) and len(folded) > len(prefix) + 3:
                        self._national.setdefault((folded[len(prefix) :], country.key), entry.key)

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, name: str) -> GazetteerEntry | None:
        """The entry a surface form names (acronyms case-exact), or None.

        Example:
            >>> load_gazetteer().lookup("the Patent Cooperation Treaty").key
            'patent-cooperation-treaty'
        """
        stripped = name.strip()
        key = self._by_exact.get(stripped) or self._by_form.get(fold_name(stripped))
        return self.entries.get(key) if key else None

    def seat_country(self, place_key: str | None) -> str | None:
        """The country a known place is in (a country is its own); None for an unknown key
        or something that is not a place.

        Example:
            >>> gaz = load_gazetteer()
            >>> gaz.seat_country("canberra"), gaz.seat_country("australia")
            ('australia', 'australia')
        """
        entry = self.get(place_key or "")
        if entry is None:
            return None
        if entry.cls == "Country":
            return entry.key
        return entry.country or entry.part_of if entry.cls in {"City", "Region"} else None

    def may_sit_in(self, org_key: str | None, country: str | None) -> bool:
        """Whether an organisation can have its seat in ``country``: False only when the
        gazetteer puts it in another one ("the Canberra-based office" is not CNIPA).

        Example:
            >>> gaz = load_gazetteer()
            >>> gaz.may_sit_in("ip-australia", "germany"), gaz.may_sit_in("ip-australia", None)
            (False, True)
        """
        if country is None:
            return True
        entry = self.get(org_key or "")
        return entry is None or entry.country is None or entry.country == country

    def national(self, name: str, country_key: str) -> GazetteerEntry | None:
        """The entry a country's possessive names: ("National Institute of Industrial
        Property", "brazil") -> the Brazilian institute, or None.

        Example:
            >>> load_gazetteer().national("Patent Office", "japan").key
            'japan-patent-office'
        """
        key = self._national.get((fold_name(name), country_key))
        return self.entries.get(key) if key else None

    def demonym(self, word: str) -> GazetteerEntry | None:
        """The country (or region) a demonym refers to: 'Chinese' -> China."""
        key = self._demonyms.get(word.strip())
        return self.entries.get(key) if key else None

    def get(self, key: str | None) -> GazetteerEntry | None:
        return self.entries.get(key) if key else None


def is_acronym(form: str) -> bool:
    """One word with at least two capitals: "CNIPA", "MoU", "IP5".

    Example:
        >>> is_acronym("WIPO"), is_acronym("Office")
        (True, False)
    """
    letters = [c for c in form if c.isalpha()]
    return " " not in form and len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2


def _read_rows(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ResourceError(f"cannot read gazetteer {path.name}: {exc}") from exc
    for number, row in enumerate(rows, start=2):
        if None in row or any(value is None for value in row.values()):
            raise ResourceError(f"{path.name} line {number}: wrong number of columns")
    return rows


def _entry(file: str, row: dict[str, str], iso2_to_key: dict[str, str]) -> GazetteerEntry | None:
    name = row.get("name", "").strip()
    if not name:
        return None
    cls = _FILE_CLASSES[file] or row.get("type", "").strip()
    if cls == "IPOffice" and re.search(r"\bOrgani[sz]ation$", row["name"]):
        # ARIPO, OAPI: intergovernmental organisations of member states that run an office
        cls = "InternationalOrganization"
    if cls not in _ALLOWED_ORG_CLASSES and _FILE_CLASSES[file] is None:
        raise ResourceError(f"{file}: unknown type {cls!r} for {name}")
    names = (
        name,
        *_split(row.get("official_name")),
        *_split(row.get("acronyms")),
        *_split(row.get("aliases")),
        *_split(row.get("variants")),
    )
    country_iso = row.get("country_iso2") or ""
    part_of = row.get("part_of") or ""
    return GazetteerEntry(
        key=slugify(name),
        name=name,
        cls=cls,
        names=tuple(dict.fromkeys(names)),
        demonyms=_split(row.get("demonyms")),
        country=iso2_to_key.get(country_iso.strip().upper()),
        part_of=iso2_to_key.get(part_of.strip().upper()) or (slugify(part_of) if part_of else None),
        publisher=slugify(row["publisher"]) if row.get("publisher") else None,
        administered_by=slugify(row["administered_by"]) if row.get("administered_by") else None,
        wikidata=(row.get("wikidata") or "").strip() or None,
        iso2=(row.get("iso2") or "").strip().upper() or None,
        st3=(row.get("st3") or "").strip() or None,
        yearly=(row.get("yearly") or "").strip().lower() == "yes",
    )


@cache
def load_gazetteer(directory: Path | None = None) -> Gazetteer:
    """Load every gazetteer file once (cached) and index it."""
    folder = directory or gazetteer_dir()
    country_rows = (
        _read_rows(folder / "countries.tsv") if (folder / "countries.tsv").exists() else []
    )
    iso2_to_key = {
        row["iso2"].strip().upper(): slugify(row["name"]) for row in country_rows if row.get("name")
    }
    entries: list[GazetteerEntry] = []
    for file in _FILE_CLASSES:
        path = folder / file
        if not path.exists():
            raise ResourceError(f"gazetteer file missing: {path}")
        rows = country_rows if file == "countries.tsv" else _read_rows(path)
        entries.extend(e for row in rows if (e := _entry(file, row, iso2_to_key)))
    return Gazetteer(entries)
