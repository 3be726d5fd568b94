"""Both sides' figures side by side: the rows behind `claims compare`.

    >>> from extractors import extract
    >>> doc = extract("The Armenian Defense Ministry said 3 Azerbaijani tanks were destroyed.")
    >>> ledger = build_ledger([doc])
    >>> row = ledger.rows[0]
    >>> (row.party, row.what, row.outcome, row.armenia[0].figure)
    ('azerbaijan', 'tank', 'destroyed', '3')

One row per (whose losses, casualty group or equipment category, outcome); in each row, the figures grouped
by the side of whoever asserts them. Everything here is plain frozen data in a fixed order, so the table,
JSON, CSV and Markdown views of `claims compare` show the same rows and can be tested without a terminal.

`documents_from_json` reads `claims extract` output back (JSONL or `--format json`), so a comparison can be
made from saved output without running the pipeline again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any, Literal

from .records import SCHEMA, Casualty, DocumentClaims, Equipment, Quote, record_from_dict

PARTY_ORDER = ("armenia", "azerbaijan", "both", "other", "unknown")
GROUP_ORDER = ("military", "civilian", "unspecified")
CASUALTY_OUTCOMES = ("killed", "wounded", "captured", "missing", "casualties")
CATEGORY_ORDER = (
    "tank",
    "armored_vehicle",
    "artillery",
    "mlrs",
    "air_defense",
    "uav",
    "aircraft",
    "helicopter",
    "vehicle",
    "radar",
    "other",
)
EQUIPMENT_OUTCOMES = ("destroyed", "downed", "damaged", "captured", "lost")

# The claimant columns. "unknown" shares the third column with third parties: both are "not one of the two
# belligerents as far as we can tell", and a fourth, mostly empty column would squeeze the two that matter.
Column = Literal["armenia", "azerbaijan", "other"]
COLUMNS: tuple[Column, ...] = ("armenia", "azerbaijan", "other")


@dataclass(frozen=True)
class Figure:
    """One claimed figure in a ledger cell, with where it came from."""

    doc: str
    figure: str  # the count as a reader would say it: "about 20", "at least 30", "20–25", "24+"
    count: int
    count_min: int | None
    count_max: int | None
    qualifier: str | None
    approximate: bool
    model: str | None
    claimant: str | None
    claimant_side: str
    hedged: bool
    cumulative: bool
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Row:
    party: str
    type: Literal["casualty", "equipment"]
    what: str  # the casualty group, or the equipment category
    outcome: str
    armenia: tuple[Figure, ...] = ()
    azerbaijan: tuple[Figure, ...] = ()
    other: tuple[Figure, ...] = ()

    def cell(self, column: Column) -> tuple[Figure, ...]:
        return getattr(self, column)


@dataclass(frozen=True)
class SideQuote:
    """A direct quote with a named speaker, as shown under the figures."""

    doc: str
    speaker: str
    speaker_role: str | None
    side: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Ledger:
    docs: tuple[str, ...]
    rows: tuple[Row, ...]
    armenia_quotes: tuple[SideQuote, ...] = ()
    azerbaijan_quotes: tuple[SideQuote, ...] = ()
    other_quotes: tuple[SideQuote, ...] = ()

    @property
    def has_other(self) -> bool:
        """Whether any figure comes from a third party or an unknown claimant (the third column is needed)."""
        return any(row.other for row in self.rows)

    @property
    def several_docs(self) -> bool:
        """Whether figures need their document id to be told apart."""
        return len(set(self.docs)) > 1

    def quotes(self, column: Column) -> tuple[SideQuote, ...]:
        return getattr(self, f"{column}_quotes")

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "docs": list(self.docs),
            "rows": [asdict(row) for row in self.rows],
            "quotes": {column: [asdict(q) for q in self.quotes(column)] for column in COLUMNS},
        }


def format_figure(
    count: int, count_min: int | None, count_max: int | None, qualifier: str | None, approximate: bool
) -> str:
    """The figure as the text gave it: "about 20", "at least 30", "20–25"; "24+" for a vague "dozens"."""
    if count_min is not None and count_max is not None and count_max != count_min:
        core = f"{count_min:,}–{count_max:,}"
    else:
        core = f"{count:,}"
    if qualifier:
        return f"{qualifier} {core}"
    if approximate and count_max is None:
        # An unqualified approximate figure is a vague plural whose count is the least its words allow.
        return f"{core}+"
    return core


def record_figure(record: Casualty | Equipment) -> str:
    r = record
    return format_figure(r.count, r.count_min, r.count_max, r.qualifier, r.approximate)


def column_of(side: str) -> Column:
    return side if side in ("armenia", "azerbaijan") else "other"  # type: ignore[return-value]


def build_ledger(docs: Iterable[DocumentClaims]) -> Ledger:
    """Rows for every casualty and equipment figure in `docs`, and their attributed direct quotes."""
    doc_ids: list[str] = []
    cells: dict[tuple[str, str, str, str], dict[Column, list[Figure]]] = {}
    seen: set[tuple[object, ...]] = set()
    quotes: dict[Column, list[SideQuote]] = {column: [] for column in COLUMNS}
    for doc in docs:
        doc_ids.append(doc.id)
        # Within a document, figures and quotes keep text order; documents keep input order.
        for record in sorted([*doc.casualties, *doc.equipment], key=lambda r: (r.start, r.end)):
            figure = _figure(doc.id, record)
            # An article often repeats a figure (headline, lead, body): one claim, shown once per cell.
            key = (doc.id, record.type, _what(record), record.outcome, record.party, *_identity(figure))
            if key in seen:
                continue
            seen.add(key)
            row_key = (record.party, record.type, _what(record), record.outcome)
            row_cells = cells.setdefault(row_key, {column: [] for column in COLUMNS})
            row_cells[column_of(figure.claimant_side)].append(figure)
        for quote in sorted(doc.quotes, key=lambda q: (q.start, q.end)):
            if quote.kind == "direct" and quote.speaker:
                quotes[column_of(quote.claimant_side)].append(_side_quote(doc.id, quote))
    rows = [
        Row(party, kind, what, outcome, *(tuple(by_column[column]) for column in COLUMNS))  # type: ignore[arg-type]
        for (party, kind, what, outcome), by_column in cells.items()
    ]
    rows.sort(key=_row_order)
    return Ledger(
        docs=tuple(doc_ids),
        rows=tuple(rows),
        armenia_quotes=tuple(quotes["armenia"]),
        azerbaijan_quotes=tuple(quotes["azerbaijan"]),
        other_quotes=tuple(quotes["other"]),
    )


def documents_from_json(text: str) -> list[DocumentClaims] | None:
    """Documents rebuilt from `claims extract` output, or None when `text` is not such output.

    Accepted: a `--format json` document (its "schema" must be conflict-claims/1), or JSONL records as
    `--format jsonl` prints them. Text counts as JSONL when its first non-empty line is a JSON object with
    a "type"; from there on every line must be a record, and a line that is not raises ValueError naming it,
    since a half-broken export read as an article would only give junk claims. A first line that opens with
    "{" but is not JSON is refused the same way; a record field of the wrong JSON type is a ValueError too.
    """
    number, first = next(((n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()), (0, ""))
    if not first.lstrip().startswith("{"):
        return None
    try:
        whole = json.loads(text)
    except ValueError:
        whole = None
    if isinstance(whole, dict) and "schema" in whole:
        return _from_document(whole)
    try:
        head = json.loads(first)
    except ValueError:
        # Prose does not open with "{": this is broken extract output, and read as an article it would give
        # junk claims, so it is refused like any later broken line.
        raise ValueError(f"line {number} is not JSON") from None
    if not (isinstance(head, dict) and "type" in head):
        return None
    return _from_jsonl(text)


def _from_document(data: dict[str, Any]) -> list[DocumentClaims]:
    if data.get("schema") != SCHEMA:
        raise ValueError(f"schema {data.get('schema')!r} is not {SCHEMA!r}")
    documents = data.get("documents")
    if not isinstance(documents, list):
        raise ValueError('"documents" is not a list')
    out = []
    for number, doc in enumerate(documents, 1):
        if not isinstance(doc, dict) or not isinstance(doc.get("id"), str):
            raise ValueError(f"document {number} is not an object with an id")
        records: dict[str, list[Any]] = {"quote": [], "casualty": [], "equipment": []}
        for kind, key in (("quote", "quotes"), ("casualty", "casualties"), ("equipment", "equipment")):
            items = doc.get(key, [])
            if not isinstance(items, list):
                raise ValueError(f'document {doc["id"]!r}: "{key}" is not a list')
            for item in items:
                if not isinstance(item, dict):
                    raise ValueError(f'document {doc["id"]!r}: an item of "{key}" is not an object')
                try:
                    records[kind].append(_checked(record_from_dict({**item, "type": kind})[1]))
                except (TypeError, ValueError) as exc:
                    raise ValueError(f"document {doc['id']!r}: {exc}") from None
        out.append(_document(doc["id"], records))
    return out


def _from_jsonl(text: str) -> list[DocumentClaims]:
    # dicts keep insertion order, so documents come out in the order they first appear
    by_doc: dict[str, dict[str, list[Any]]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError:
            raise ValueError(f"line {number} is not JSON") from None
        if not isinstance(data, dict):
            raise ValueError(f"line {number} is not a JSON object")
        try:
            doc_id, record = record_from_dict(data)
            _checked(record)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"line {number}: {exc}") from None
        by_doc.setdefault(doc_id, {"quote": [], "casualty": [], "equipment": []})[record.type].append(record)
    return [_document(doc_id, records) for doc_id, records in by_doc.items()]


_INTS = frozenset({"count", "start", "end"})
_OPTIONAL_INTS = frozenset({"count_min", "count_max"})
_BOOLS = frozenset({"approximate", "hedged", "cumulative"})
_OPTIONAL_STRS = frozenset({"speaker", "speaker_role", "claimant", "cue", "model", "qualifier"})


def _checked(record: Quote | Casualty | Equipment) -> Quote | Casualty | Equipment:
    """The record, once each field holds the JSON type the contract gives it; a ValueError naming it if not.

    A hand-edited or truncated export ("count": "12", "start": null) would otherwise crash the sorting and
    formatting of the ledger far from the line at fault.
    """
    for f in fields(record):
        value = getattr(record, f.name)
        if f.name in _INTS or (f.name in _OPTIONAL_INTS and value is not None):
            ok, wanted = isinstance(value, int) and not isinstance(value, bool), "an integer"
        elif f.name in _OPTIONAL_INTS:
            ok, wanted = True, ""
        elif f.name in _BOOLS:
            ok, wanted = isinstance(value, bool), "true or false"
        else:
            ok = isinstance(value, str) or (f.name in _OPTIONAL_STRS and value is None)
            wanted = "a string or null" if f.name in _OPTIONAL_STRS else "a string"
        if not ok:
            shown = json.dumps(value, ensure_ascii=False)
            shown = shown if len(shown) <= 40 else shown[:37] + "..."
            raise ValueError(f"{record.type} field {f.name!r} is {shown}, not {wanted}")
    return record


def _document(doc_id: str, records: dict[str, list[Any]]) -> DocumentClaims:
    return DocumentClaims(
        id=doc_id,
        quotes=tuple(records["quote"]),
        casualties=tuple(records["casualty"]),
        equipment=tuple(records["equipment"]),
    )


def _what(record: Casualty | Equipment) -> str:
    return record.group if isinstance(record, Casualty) else record.category


def _figure(doc_id: str, record: Casualty | Equipment) -> Figure:
    return Figure(
        doc=doc_id,
        figure=record_figure(record),
        count=record.count,
        count_min=record.count_min,
        count_max=record.count_max,
        qualifier=record.qualifier,
        approximate=record.approximate,
        model=getattr(record, "model", None),
        claimant=record.claimant,
        claimant_side=record.claimant_side,
        hedged=record.hedged,
        cumulative=record.cumulative,
        text=record.text,
        start=record.start,
        end=record.end,
    )


def _identity(figure: Figure) -> tuple[object, ...]:
    return (
        figure.count,
        figure.count_min,
        figure.count_max,
        figure.qualifier,
        figure.model,
        figure.claimant,
        figure.claimant_side,
        figure.hedged,
        figure.cumulative,
    )


def _side_quote(doc_id: str, quote: Quote) -> SideQuote:
    return SideQuote(
        doc=doc_id,
        speaker=quote.speaker or "",
        speaker_role=quote.speaker_role,
        side=quote.claimant_side,
        text=quote.text,
        start=quote.start,
        end=quote.end,
    )


def _rank(value: str, order: Sequence[str]) -> tuple[int, str]:
    # Values outside the contract (hand-edited JSONL, a newer schema) sort after the known ones, not crash.
    return (order.index(value), "") if value in order else (len(order), value)


def _row_order(row: Row) -> tuple[object, ...]:
    personnel = row.type == "casualty"
    return (
        _rank(row.party, PARTY_ORDER),
        0 if personnel else 1,
        _rank(row.what, GROUP_ORDER if personnel else CATEGORY_ORDER),
        _rank(row.outcome, CASUALTY_OUTCOMES if personnel else EQUIPMENT_OUTCOMES),
    )
