"""Which claims to keep: by document date, by who claims, by whose losses, by kind of record.

    >>> from extractors.records import DocumentClaims
    >>> keep = ClaimFilter(since="2020-10-01", types=frozenset({"casualty"}))
    >>> keep.apply(DocumentClaims(id="a.txt", date="2020-09-30")).casualties
    ()

One frozen value that any input path applies to each document it has: the `claims` command builds it from
`--since`, `--until`, `--claimant-side`, `--party` and `--type`, and a caller reading claims from elsewhere
(a database, a distributed run) applies the same object. A record's date is its document's date (else the
record's own); a record without one is left out by `since` and `until`, since it cannot be placed in time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date as Date

from .records import SIDES, Casualty, DocumentClaims, Equipment, Quote, Record

__all__ = ["CLAIMANT_SIDES", "PARTIES", "TYPES", "ClaimFilter"]

TYPES: tuple[str, ...] = ("quote", "casualty", "equipment")
CLAIMANT_SIDES: tuple[str, ...] = SIDES
PARTIES: tuple[str, ...] = (*SIDES, "both")


@dataclass(frozen=True)
class ClaimFilter:
    """Keep the records that pass every condition given; an empty set or None means no condition.

    `since` and `until` are ISO dates (YYYY-MM-DD), both inclusive. `party` is a casualty's or an equipment
    loss's, so a quote (which has none) never passes a `parties` condition.
    """

    since: str | None = None
    until: str | None = None
    claimant_sides: frozenset[str] = field(default_factory=frozenset)
    parties: frozenset[str] = field(default_factory=frozenset)
    types: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and not _is_iso_day(value):
                raise ValueError(f"{name} {value!r} is not a YYYY-MM-DD date")
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"since {self.since} is after until {self.until}")
        for name, allowed in (("claimant_sides", CLAIMANT_SIDES), ("parties", PARTIES), ("types", TYPES)):
            values = getattr(self, name)
            # A list or set given by a caller is taken, frozen, so the filter stays hashable.
            object.__setattr__(self, name, frozenset(values))
            unknown = sorted(set(values) - set(allowed))
            if unknown:
                raise ValueError(f"{name}: {', '.join(map(repr, unknown))} not one of {', '.join(allowed)}")

    @property
    def active(self) -> bool:
        """Whether the filter can leave anything out."""
        return bool(self.since or self.until or self.claimant_sides or self.parties or self.types)

    def keeps(self, record: Record, date: str | None = None) -> bool:
        """Whether `record` passes; `date` is its document's date (else the record's own is used)."""
        if self.types and record.type not in self.types:
            return False
        if self.claimant_sides and record.claimant_side not in self.claimant_sides:
            return False
        if self.parties and getattr(record, "party", None) not in self.parties:
            return False
        if self.since or self.until:
            day = date or record.date
            if day is None or not _is_iso_day(day):
                return False
            if (self.since and day < self.since) or (self.until and day > self.until):
                return False
        return True

    def apply(self, doc: DocumentClaims) -> DocumentClaims:
        """The document with only the records that pass (the document itself is always kept)."""
        if not self.active:
            return doc
        return replace(
            doc,
            quotes=tuple(_kept(self, doc.quotes, doc.date)),
            casualties=tuple(_kept(self, doc.casualties, doc.date)),
            equipment=tuple(_kept(self, doc.equipment, doc.date)),
        )


def _kept(
    keep: ClaimFilter, records: Iterable[Quote | Casualty | Equipment], date: str | None
) -> Iterable[Quote | Casualty | Equipment]:
    return (record for record in records if keep.keeps(record, date))


def _is_iso_day(value: object) -> bool:
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        Date.fromisoformat(value)
    except ValueError:
        return False
    return True
