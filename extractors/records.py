"""The `conflict-claims/1` records (see README, "Output contract").

Plain frozen dataclasses: they pickle across `nlp.pipe(n_process=...)`, and their
field order is the JSON field order, so output is stable and diff-friendly.

Every record carries its document's `date` (ISO `YYYY-MM-DD` or None), first among its fields so that a JSONL
line reads type, doc, date, ...: a JSONL record stands alone, so it must say when its document was written.
The field is keyword-only with a default, so the extractors build records without it (`extract_many` fills it
in), and it takes no part in equality: the same claim is the same claim whatever its document's date.
"""

from __future__ import annotations

from dataclasses import MISSING, asdict, dataclass, field
from typing import Any, Literal

SCHEMA = "conflict-claims/1"

Side = Literal["armenia", "azerbaijan", "other", "unknown"]
Party = Literal["armenia", "azerbaijan", "other", "unknown", "both"]
SIDES: tuple[str, ...] = ("armenia", "azerbaijan", "other", "unknown")


@dataclass(frozen=True)
class Quote:
    date: str | None = field(default=None, kw_only=True, compare=False)
    text: str
    speaker: str | None
    speaker_role: str | None
    claimant: str | None
    claimant_side: str
    # the claimant's stable key in the actors lexicon ("az.mod", "am.pashinyan"), None when it is not there
    claimant_id: str | None = field(default=None, kw_only=True)
    kind: Literal["direct", "indirect"]
    cue: str | None
    start: int
    end: int

    type = "quote"


@dataclass(frozen=True)
class Casualty:
    date: str | None = field(default=None, kw_only=True, compare=False)
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
    claimant_id: str | None = field(default=None, kw_only=True)
    hedged: bool
    cumulative: bool
    text: str
    start: int
    end: int

    type = "casualty"


@dataclass(frozen=True)
class Equipment:
    date: str | None = field(default=None, kw_only=True, compare=False)
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
    claimant_id: str | None = field(default=None, kw_only=True)
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
    # The text the offsets index, when a caller keeps it with the claims (`claims extract --emit-text`).
    text: str | None = field(default=None, repr=False, compare=False)

    def records(self) -> list[Record]:
        """Every record in text order, quotes and figures interleaved."""
        recs: list[Record] = [*self.quotes, *self.casualties, *self.equipment]
        return sorted(recs, key=lambda r: (r.start, r.end))

    def to_dict(self) -> dict[str, Any]:
        """The document as `--format json` prints it: its date once, on the document, not on each record."""
        out: dict[str, Any] = {"id": self.id, "date": self.date}
        if self.text is not None:
            out["text"] = self.text
        out["quotes"] = [_undated(q) for q in self.quotes]
        out["casualties"] = [_undated(c) for c in self.casualties]
        out["equipment"] = [_undated(e) for e in self.equipment]
        return out


def _undated(record: Record) -> dict[str, Any]:
    data = asdict(record)
    del data["date"]
    return data


def record_to_dict(record: Record, doc_id: str) -> dict[str, Any]:
    """One JSONL line: the record plus its `type` and `doc` (then its document's `date`, then its fields)."""
    return {"type": record.type, "doc": doc_id, **asdict(record)}


def record_from_dict(data: dict[str, Any]) -> tuple[str, Record]:
    """Inverse of `record_to_dict`, for `claims compare -` over extract's JSONL."""
    kind = data.get("type")
    cls = {"quote": Quote, "casualty": Casualty, "equipment": Equipment}.get(str(kind))
    if cls is None:
        raise ValueError(f"unknown record type {kind!r}")
    fields_ = cls.__dataclass_fields__
    # A field with a default (`date`) may be absent: output saved before it existed is still read.
    missing = [n for n, f in fields_.items() if n not in data and f.default is MISSING]
    if missing:
        raise ValueError(f"{kind} record lacks {', '.join(missing)}")
    return str(data.get("doc", "-")), cls(**{n: data[n] for n in fields_ if n in data})
