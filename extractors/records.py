"""The `conflict-claims/1` records (see README, "Output contract").

Plain frozen dataclasses: they pickle across `nlp.pipe(n_process=...)`, and their
field order is the JSON field order, so output is stable and diff-friendly.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA = "conflict-claims/1"

Side = Literal["armenia", "azerbaijan", "other", "unknown"]
Party = Literal["armenia", "azerbaijan", "other", "unknown", "both"]
SIDES: tuple[str, ...] = ("armenia", "azerbaijan", "other", "unknown")


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str | None
    speaker_role: str | None
    claimant: str | None
    claimant_side: str
    kind: Literal["direct", "indirect"]
    cue: str | None
    start: int
    end: int

    type = "quote"


@dataclass(frozen=True)
class Casualty:
    party: str
    group: Literal["military", "civilian", "unspecified"]
    outcome: Literal["killed", "wounded", "captured", "missing", "casualties"]
    count: int
    count_min: int | None
    count_max: int | None
    qualifier: str | None
    approximate: bool
    claimant: str | None
    claimant_side: str
    hedged: bool
    cumulative: bool
    text: str
    start: int
    end: int

    type = "casualty"


@dataclass(frozen=True)
class Equipment:
    party: str
    category: str
    model: str | None
    outcome: Literal["destroyed", "downed", "damaged", "captured", "lost"]
    count: int
    count_min: int | None
    count_max: int | None
    qualifier: str | None
    approximate: bool
    claimant: str | None
    claimant_side: str
    hedged: bool
    cumulative: bool
    text: str
    start: int
    end: int

    type = "equipment"


Record = Quote | Casualty | Equipment


@dataclass(frozen=True)
class DocumentClaims:
    id: str
    quotes: tuple[Quote, ...] = ()
    casualties: tuple[Casualty, ...] = ()
    equipment: tuple[Equipment, ...] = ()
    date: str | None = field(default=None)

    def records(self) -> list[Record]:
        """Every record in text order, quotes and figures interleaved."""
        recs: list[Record] = [*self.quotes, *self.casualties, *self.equipment]
        return sorted(recs, key=lambda r: (r.start, r.end))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "quotes": [asdict(q) for q in self.quotes],
            "casualties": [asdict(c) for c in self.casualties],
            "equipment": [asdict(e) for e in self.equipment],
        }


def record_to_dict(record: Record, doc_id: str) -> dict[str, Any]:
    """One JSONL line: the record plus its `type` and `doc`."""
    return {"type": record.type, "doc": doc_id, **asdict(record)}


def record_from_dict(data: dict[str, Any]) -> tuple[str, Record]:
    """Inverse of `record_to_dict`, for `claims compare -` over extract's JSONL."""
    kind = data.get("type")
    cls = {"quote": Quote, "casualty": Casualty, "equipment": Equipment}.get(str(kind))
    if cls is None:
        raise ValueError(f"unknown record type {kind!r}")
    names = cls.__dataclass_fields__.keys()
    missing = [n for n in names if n not in data]
    if missing:
        raise ValueError(f"{kind} record lacks {', '.join(missing)}")
    return str(data.get("doc", "-")), cls(**{n: data[n] for n in names})
