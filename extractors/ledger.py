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

Over many documents, the same claim repeated across articles (one wire story on five sites: same claimant
side, whose losses, group or category, outcome and figure, document dates at most a day apart) is one entry
that lists its sources. Running totals are never added together: the default view keeps, per claimant side,
the latest one by document date, and a running total lower than an earlier one of the same side is flagged
(`Figure.decreases`). `build_ledger(docs, by_day=True)` gives one row per document date instead, every day's
figures kept, and `build_timeline` turns those rows into the series that `claims timeline` plots.

Claims are grouped by who makes them: by the claimant's side, and, when records carry a `claimant_id` (a
stable actor key such as `az.mod`), by that too, so that two claimants of one side keep running totals of
their own. A running total that counts one place only ("dozens of civilians wounded in Stepanakert alone",
"in this village": the `subtotal_*` words of data/ledger.json, looked for in the figure's evidence and its
clause of the sentence) is a sub-total, not the side's running total: it joins no series and raises no flag.
`build_ledger(docs, summary=True)` keeps one figure per claimant side (and id) and row: the latest running
total, else the latest figure, with how many figures and documents stand behind it.

`documents_from_json` reads `claims extract` output back (JSONL or `--format json`), so a comparison can be
made from saved output without running the pipeline again.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date as Date
from itertools import groupby
from typing import Any, Literal

from .records import SCHEMA, Casualty, DocumentClaims, Equipment, Quote, record_from_dict
from .sentences import load_lexicon, naming_sentence, sentence_around, sentence_bounds

# `claims compare --format json`: a document of its own kind, not conflict-claims/1 records.
LEDGER_SCHEMA = "conflict-claims-ledger/1"

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
class Source:
    """One document that makes a claim: the evidence behind a figure."""

    doc: str
    date: str | None  # the document's date, YYYY-MM-DD, when known
    claimant: str | None
    text: str
    start: int
    end: int
    sentence: str | None = None  # the sentence around `text`, when the document's text is at hand
    mark: tuple[int, int] | None = None  # where `text` sits in `sentence`
    claimant_sentence: str | None = None  # the sentence naming the claimant, when `sentence` does not


@dataclass(frozen=True)
class Decrease:
    """A running total lower than one the same side claimed on an earlier date."""

    date: str
    count: int
    previous_date: str
    previous_count: int  # the highest total that side claimed before `date`


@dataclass(frozen=True)
class Figure:
    """One claimed figure in a ledger cell, with where it came from.

    `doc`, `claimant`, `text`, `start` and `end` are those of its first source; `sources` lists every document
    that makes the same claim (one wire story on several sites), the first included.
    """

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
    date: str | None = None  # the first source's document date
    sources: tuple[Source, ...] = ()
    # Running totals only. In the default view, `earlier` counts the earlier dates on which the same side
    # gave a running total for this row (shown no more: this is the latest) and `decreases` lists every drop
    # in that side's series; in the by-day view, `decreases` holds this figure's own drop, if it is one.
    earlier: int = 0
    decreases: tuple[Decrease, ...] = ()
    claimant_id: str | None = None
    # A running total of one place ("in Stepanakert alone"): not the running total of the claimant's side.
    subtotal: bool = False
    # Summary view only: how many figures of this claimant in this row the figure stands for, from how many
    # documents.
    summary_figures: int = 0
    summary_sources: int = 0

    @property
    def running_total(self) -> bool:
        """Whether this is a running total of the claimant's side (a sub-total of one place is not)."""
        return self.cumulative and not self.subtotal

    @property
    def source_docs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(source.doc for source in self.sources)) or (self.doc,)


@dataclass(frozen=True)
class Row:
    party: str
    type: Literal["casualty", "equipment"]
    what: str  # the casualty group, or the equipment category
    outcome: str
    armenia: tuple[Figure, ...] = ()
    azerbaijan: tuple[Figure, ...] = ()
    other: tuple[Figure, ...] = ()
    date: str | None = None  # by-day view only: the document date of every figure in the row (None: undated)

    def cell(self, column: Column) -> tuple[Figure, ...]:
        return getattr(self, column)

    @property
    def figures(self) -> tuple[Figure, ...]:
        return (*self.armenia, *self.azerbaijan, *self.other)

    @property
    def decreased(self) -> bool:
        """Whether a running total in this row fell below an earlier one of the same side."""
        return any(figure.decreases for figure in self.figures)


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
    by_day: bool = False
    summary: bool = False
    undated: tuple[str, ...] = ()  # the documents without a date, in input order

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
            "schema": LEDGER_SCHEMA,
            "by": "day" if self.by_day else "claim",
            "summary": self.summary,
            "docs": list(self.docs),
            "undated": list(self.undated),
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


def build_ledger(docs: Iterable[DocumentClaims], *, by_day: bool = False, summary: bool = False) -> Ledger:
    """Rows for every casualty and equipment figure in `docs`, and their attributed direct quotes.

    Default view: one row per (whose losses, group or category, outcome); of each claimant side's running
    totals in a row only the latest by document date is kept (with undated ones, which cannot be placed).
    `by_day`: one row per document date as well, sorted by date (undated rows last), every figure kept.
    `summary` (not with `by_day`): per row, one figure per claimant side (and claimant id): its latest running
    total, else its latest figure, counting the figures and documents behind it.
    """
    if by_day and summary:
        raise ValueError("a ledger is either by day or a summary")
    doc_ids: list[str] = []
    undated: list[str] = []
    quotes: dict[Column, list[SideQuote]] = {column: [] for column in COLUMNS}
    claims = _merged_claims(docs, doc_ids, quotes, undated)
    _mark_decreases(claims)
    cells: dict[tuple[str | None, str, str, str, str], dict[Column, list[_Claim]]] = {}
    for claim in claims:
        row_key = (claim.day if by_day else None, *claim.row)
        row_cells = cells.setdefault(row_key, {column: [] for column in COLUMNS})
        row_cells[column_of(claim.figure.claimant_side)].append(claim)
    rows = [
        Row(
            party,
            kind,  # type: ignore[arg-type]
            what,
            outcome,
            *(
                tuple(_summary_cell(by_column[column]) if summary else _cell(by_column[column], by_day))
                for column in COLUMNS
            ),
            date=day,
        )
        for (day, party, kind, what, outcome), by_column in cells.items()
    ]
    rows.sort(key=lambda row: (row.date is None, row.date or "", *_row_order(row)))
    return Ledger(
        docs=tuple(doc_ids),
        rows=tuple(rows),
        armenia_quotes=tuple(quotes["armenia"]),
        azerbaijan_quotes=tuple(quotes["azerbaijan"]),
        other_quotes=tuple(quotes["other"]),
        by_day=by_day,
        summary=summary,
        undated=tuple(dict.fromkeys(undated)),
    )


@dataclass
class _Claim:
    """A ledger entry while it is built: its first figure, its sources, and its running-total marks."""

    figure: Figure
    day: str | None
    row: tuple[str, str, str, str]  # (party, type, what, outcome)
    sources: list[Source]
    decrease: Decrease | None = None  # this figure's own drop below an earlier total of its side
    series: list[_Claim] = field(default_factory=list)  # running totals: every dated one of its side and row

    @functools.cached_property
    def docs(self) -> set[str]:
        return {source.doc for source in self.sources}

    @property
    def ordinal(self) -> int:
        """The day as a number (dated claims only)."""
        return _ordinal(self.day or "")

    def built(self, by_day: bool) -> Figure:
        sources = tuple(self.sources)
        if by_day or not self.figure.running_total:
            decreases = (self.decrease,) if self.decrease else ()
            return replace(self.figure, sources=sources, decreases=decreases)
        earlier = {c.day for c in self.series if c.day and self.day and c.day < self.day}
        decreases = tuple(c.decrease for c in self.series if c.decrease)
        return replace(self.figure, sources=sources, earlier=len(earlier), decreases=decreases)


def _merged_claims(
    docs: Iterable[DocumentClaims],
    doc_ids: list[str],
    quotes: dict[Column, list[SideQuote]],
    undated: list[str],
) -> list[_Claim]:
    """Every distinct claim, one claim made by several documents merged; by date, then in input order."""
    found: list[tuple[tuple[object, ...], Figure, tuple[str, str, str, str], Source]] = []
    seen: set[tuple[object, ...]] = set()
    for index, doc in enumerate(docs):
        doc_ids.append(doc.id)
        figures = [*doc.casualties, *doc.equipment]
        # Only figures need a date (to be merged, ordered, plotted); records built by hand may carry it alone.
        if figures and _iso_day(doc.date) is None and not any(_iso_day(r.date) for r in figures):
            undated.append(doc.id)
        text = getattr(doc, "text", None)
        # Within a document, figures and quotes keep text order; documents keep input order.
        for record in sorted(figures, key=lambda r: (r.start, r.end)):
            # A record carries its document's date too; records built by hand may have only the document's.
            day = _iso_day(doc.date or getattr(record, "date", None))
            figure = _figure(doc.id, record, day, subtotal=_is_subtotal(record, text))
            # An article often repeats a figure (headline, lead, body): one claim, shown once per cell.
            key = (doc.id, record.type, _what(record), record.outcome, record.party, *_identity(figure))
            if key in seen:
                continue
            seen.add(key)
            row = (record.party, record.type, _what(record), record.outcome)
            source = _source(figure, text)
            found.append(((day is None, day or "", index, record.start, record.end), figure, row, source))
        for quote in sorted(doc.quotes, key=lambda q: (q.start, q.end)):
            if quote.kind == "direct" and quote.speaker:
                quotes[column_of(quote.claimant_side)].append(_side_quote(doc.id, quote))
    # Dated figures in date order, so a claim's first source is its earliest; undated ones after, as given.
    found.sort(key=lambda item: item[0])
    claims: list[_Claim] = []
    by_key: dict[tuple[object, ...], list[_Claim]] = {}
    for _, figure, row, source in found:
        claim = _Claim(figure=figure, day=figure.date, row=row, sources=[source])
        if claim.day is None:
            # Undated figures are never merged: nothing says two undated documents report the same day.
            claims.append(claim)
            continue
        key = (*row, *_claim_identity(figure))
        # Figures come in date order, so a claim whose first date is over a day back can take no more.
        recent = by_key[key] = [c for c in by_key.get(key, []) if claim.ordinal - c.ordinal <= 1]
        match = _same_claim(figure, recent)
        if match is not None:
            match.sources.append(source)
            match.docs.add(source.doc)
            continue
        claims.append(claim)
        recent.append(claim)
    return claims


def _same_claim(figure: Figure, candidates: Iterable[_Claim]) -> _Claim | None:
    """The entry among `candidates` (the same claim, dated at most a day before) that `figure` repeats.

    Two figures of one document stay apart (they were told apart above, by claimant, model or hedging); of
    several candidates, the one that matches in these too is preferred. None when there is none.
    """
    fits = [c for c in candidates if figure.doc not in c.docs and _same_claimant(c.figure, figure)]
    exact = [c for c in fits if _identity(c.figure) == _identity(figure)]
    return (exact or fits or [None])[0]


def _mark_decreases(claims: list[_Claim]) -> None:
    """Link each side's dated running totals per row, and mark every one lower than an earlier total."""
    series: dict[tuple[object, ...], list[_Claim]] = {}
    for claim in claims:
        if claim.figure.running_total and claim.day is not None:
            series.setdefault((*claim.row, *_claimant_key(claim.figure)), []).append(claim)
    for members in series.values():
        members.sort(key=lambda c: c.day or "")
        best: _Claim | None = None  # the highest total of the earlier dates
        for day, same_day in groupby(members, key=lambda c: c.day or ""):
            today = list(same_day)
            for claim in today:
                claim.series = members
                if best is not None and claim.figure.count < best.figure.count:
                    claim.decrease = Decrease(day, claim.figure.count, best.day or "", best.figure.count)
            top = max(today, key=lambda c: c.figure.count)
            if best is None or top.figure.count > best.figure.count:
                best = top


def _cell(claims: list[_Claim], by_day: bool) -> list[Figure]:
    """The cell's figures; in the default view, a claimant's running totals from before its latest date go.

    Figures of one claimant id stand together, where the first of them stands; the others keep their order.
    """
    if not by_day:
        latest: dict[tuple[str, str | None], str] = {}
        for claim in claims:
            key = _claimant_key(claim.figure)
            if claim.figure.running_total and claim.day is not None and claim.day > latest.get(key, ""):
                latest[key] = claim.day
        claims = [
            c
            for c in claims
            if not (c.figure.running_total and c.day is not None and c.day < latest[_claimant_key(c.figure)])
        ]
    return [claim.built(by_day) for claim in _grouped(claims)]


def _summary_cell(claims: list[_Claim]) -> list[Figure]:
    """One figure per claimant: the latest running total, else the latest figure (the highest of a day)."""
    groups: dict[tuple[str, str | None], list[_Claim]] = {}
    for claim in claims:
        groups.setdefault(_claimant_key(claim.figure), []).append(claim)
    out = []
    for members in groups.values():
        pool = [c for c in members if c.figure.running_total] or members
        latest = max(pool, key=lambda c: (c.day is not None, c.day or "", c.figure.count))
        docs = {source.doc for claim in members for source in claim.sources}
        out.append(replace(latest.built(False), summary_figures=len(members), summary_sources=len(docs)))
    return out


def _grouped(claims: list[_Claim]) -> Iterator[_Claim]:
    first: dict[str, int] = {}
    for index, claim in enumerate(claims):
        if claim.figure.claimant_id:
            first.setdefault(claim.figure.claimant_id, index)
    # sorted() is stable: within a group, and among figures without an id, the order stays as it was.
    order = {id(c): first[c.figure.claimant_id] if c.figure.claimant_id else i for i, c in enumerate(claims)}
    return iter(sorted(claims, key=lambda claim: order[id(claim)]))


def _claimant_key(figure: Figure) -> tuple[str, str | None]:
    """Whose claims a figure's belong with: its claimant's side, and its claimant id when it has one."""
    return (figure.claimant_side, figure.claimant_id or None)


def _same_claimant(a: Figure, b: Figure) -> bool:
    """Whether two figures may be one claimant's: ids, when both have one, must agree."""
    return not (a.claimant_id and b.claimant_id and a.claimant_id != b.claimant_id)


# --- running totals of one place ----------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _subtotal_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A place phrase that makes a running total a sub-total, anywhere in a clause and opening a sentence."""
    lexicon = load_lexicon()

    def one_of(key: str) -> str:
        words = sorted(lexicon[key], key=len, reverse=True)
        return "|".join(r"\s+".join(map(re.escape, word.split())) for word in words)

    place = (
        rf"(?:{one_of('subtotal_prepositions')})\s+"
        rf"(?:(?:{one_of('subtotal_determiners')})\s+(?:[\w’'-]+\s+)?(?:{one_of('subtotal_places')})\b"
        rf"|(?:[\w’'-]+\s+){{1,4}}?(?:{one_of('subtotal_alone')})\b)"
    )
    return re.compile(rf"\b{place}", re.I), re.compile(rf"^\W*{place}", re.I)


def _is_subtotal(record: Casualty | Equipment, text: str | None) -> bool:
    """Whether a running total counts one place only: said in its evidence, in the rest of its clause, or
    in a place phrase that opens its sentence ("In Stepanakert alone, dozens of civilians ...")."""
    if not record.cumulative:
        return False
    anywhere, opening = _subtotal_patterns()
    if anywhere.search(record.text):
        return True
    bounds = sentence_bounds(text, record.start, record.end) if text else None
    if text is None or bounds is None:
        return False
    begin, stop = bounds
    rest_of_clause = re.split(r"[,;:—–(]", text[record.end : stop], maxsplit=1)[0]
    if anywhere.search(rest_of_clause):
        return True
    before = text[begin : record.start].split(",")
    return len(before) <= 2 and opening.match(before[0]) is not None


# --- the timeline -------------------------------------------------------------------------------------------

BELLIGERENTS = ("armenia", "azerbaijan")
SeriesKind = Literal["total", "daily"]


@dataclass(frozen=True)
class Point:
    """One day of a series: the figure claimed that day, and the documents that claim it."""

    date: str
    count: int
    figure: str  # as claimed: "at least 230"; for a daily sum, the sum
    docs: tuple[str, ...]
    decrease: Decrease | None = None  # a running total below an earlier one of the same side


@dataclass(frozen=True)
class Series:
    """What one side claimed over time about one kind of loss (one line of `claims timeline`)."""

    claimant_side: str  # "armenia" or "azerbaijan"
    party: str  # whose losses
    type: Literal["casualty", "equipment"]
    what: str
    outcome: str
    kind: SeriesKind  # "total": the side's running totals; "daily": its other figures, summed per day
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Timeline:
    series: tuple[Series, ...]
    undated: int = 0  # claims that belong to a series but whose document has no date: left off
    undated_docs: tuple[str, ...] = field(default=(), compare=False)  # their documents, in input order


def build_timeline(docs: Iterable[DocumentClaims], *, own: bool = False, daily: bool = False) -> Timeline:
    """Each belligerent's claimed running totals of the other side's losses, per document date.

    One series per (claimant side, whose losses, group or category, outcome), built from the by-day ledger,
    so the same claim on several sites counts once. A day with several running totals from one side takes
    the highest; running totals are never added up. `own` adds each side's totals of its own losses; `daily`
    adds each side's other figures (one day's or one event's losses), summed per day, as series of their own.
    Third parties and unknown claimants are left out: the timeline sets the two sides against each other.
    """
    days: dict[tuple[str, str, str, str, str, SeriesKind], dict[str, list[Figure]]] = {}
    undated = 0
    undated_docs: list[str] = []
    ledger = build_ledger(docs, by_day=True)
    for row in ledger.rows:
        for figure in row.figures:
            side = figure.claimant_side
            wanted = row.party != side or own
            if side not in BELLIGERENTS or row.party not in BELLIGERENTS or not wanted:
                continue
            kind: SeriesKind = "total" if figure.running_total else "daily"
            if kind == "daily" and not daily:
                continue
            if row.date is None:
                undated += len(figure.sources)
                undated_docs.extend(figure.source_docs)
                continue
            key = (side, row.party, row.type, row.what, row.outcome, kind)
            days.setdefault(key, {}).setdefault(row.date, []).append(figure)
    series = [
        Series(
            side,
            party,
            record_type,  # type: ignore[arg-type]
            what,
            outcome,
            kind,
            tuple(_point(day, by_day[day], kind) for day in sorted(by_day)),
        )
        for (side, party, record_type, what, outcome, kind), by_day in days.items()
    ]
    series.sort(key=_series_order)
    order = {doc: index for index, doc in reversed(list(enumerate(ledger.docs)))}
    undated_in_order = sorted(set(undated_docs), key=lambda doc: order.get(doc, len(order)))
    return Timeline(series=tuple(series), undated=undated, undated_docs=tuple(undated_in_order))


def _point(day: str, figures: list[Figure], kind: SeriesKind) -> Point:
    docs = tuple(dict.fromkeys(doc for figure in figures for doc in figure.source_docs))
    if kind == "daily":
        total = sum(figure.count for figure in figures)
        return Point(day, total, f"{total:,}", docs)
    top = max(figures, key=lambda figure: figure.count)
    return Point(day, top.count, top.figure, top.source_docs, top.decreases[0] if top.decreases else None)


def _series_order(series: Series) -> tuple[object, ...]:
    personnel = series.type == "casualty"
    return (
        0 if personnel else 1,
        _rank(series.what, GROUP_ORDER if personnel else CATEGORY_ORDER),
        _rank(series.outcome, CASUALTY_OUTCOMES if personnel else EQUIPMENT_OUTCOMES),
        0 if series.kind == "total" else 1,
        0 if series.party != series.claimant_side else 1,  # claims about the other side first
        _rank(series.claimant_side, BELLIGERENTS),
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
        try:
            date = _checked_date(doc.get("date"))
            text = _checked_text(doc.get("text"))
        except ValueError as exc:
            raise ValueError(f"document {doc['id']!r}: {exc}") from None
        out.append(_document(doc["id"], records, date, text))
    return out


def _from_jsonl(text: str) -> list[DocumentClaims]:
    # dicts keep insertion order, so documents come out in the order they first appear
    by_doc: dict[str, dict[str, list[Any]]] = {}
    dates: dict[str, str | None] = {}
    texts: dict[str, str | None] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError:
            raise ValueError(f"line {number} is not JSON") from None
        if not isinstance(data, dict):
            raise ValueError(f"line {number} is not a JSON object")
        if data.get("type") == "document":
            # `claims extract --emit-text`: the document's text (which the offsets index) before its records.
            try:
                doc_id = data.get("doc", "-")
                if not isinstance(doc_id, str):
                    raise ValueError("document line has no doc id")
                date, texts[doc_id] = _checked_date(data.get("date")), _checked_text(data.get("text"))
            except ValueError as exc:
                raise ValueError(f"line {number}: {exc}") from None
            by_doc.setdefault(doc_id, {"quote": [], "casualty": [], "equipment": []})
            dates[doc_id] = dates.get(doc_id) or date
            continue
        try:
            doc_id, record = record_from_dict(data)
            date = _checked_date(data.get("date"))
            _checked(record)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"line {number}: {exc}") from None
        by_doc.setdefault(doc_id, {"quote": [], "casualty": [], "equipment": []})[record.type].append(record)
        # Every line of a document carries its date; the first that gives one counts.
        dates[doc_id] = dates.get(doc_id) or date
    return [
        _document(doc_id, records, dates.get(doc_id), texts.get(doc_id)) for doc_id, records in by_doc.items()
    ]


def _checked_text(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise ValueError("document text is not a string")


def _checked_date(value: object) -> str | None:
    """A document date as saved ("date": "2020-10-08" or null); a ValueError for anything else."""
    if value is None or _iso_day(value) is not None:
        return value  # type: ignore[return-value]
    shown = json.dumps(value, ensure_ascii=False)
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    raise ValueError(f"date {shown} is not a YYYY-MM-DD date")


_INTS = frozenset({"count", "start", "end"})
_OPTIONAL_INTS = frozenset({"count_min", "count_max"})
_BOOLS = frozenset({"approximate", "hedged", "cumulative"})
_OPTIONAL_STRS = frozenset(
    {"speaker", "speaker_role", "claimant", "cue", "model", "qualifier", "date", "claimant_id"}
)


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


def _document(
    doc_id: str, records: dict[str, list[Any]], date: str | None = None, text: str | None = None
) -> DocumentClaims:
    return DocumentClaims(
        id=doc_id,
        quotes=tuple(records["quote"]),
        casualties=tuple(records["casualty"]),
        equipment=tuple(records["equipment"]),
        date=date,
        text=text,
    )


def _what(record: Casualty | Equipment) -> str:
    return record.group if isinstance(record, Casualty) else record.category


def _figure(
    doc_id: str, record: Casualty | Equipment, day: str | None = None, *, subtotal: bool = False
) -> Figure:
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
        date=day,
        claimant_id=getattr(record, "claimant_id", None),
        subtotal=subtotal,
    )


def _source(figure: Figure, text: str | None) -> Source:
    """A figure's evidence: with the document's text, its sentence (the figure marked) and the sentence that
    names its claimant when that is another one."""
    f = figure
    sentence = sentence_around(text, f.start, f.end) if text else None
    named = naming_sentence(text, f.start, f.end, f.claimant) if text and sentence else None
    return Source(
        f.doc, f.date, f.claimant, f.text, f.start, f.end,
        sentence.text if sentence else None, sentence.mark if sentence else None, named,
    )  # fmt: skip


def _identity(figure: Figure) -> tuple[object, ...]:
    return (
        figure.count,
        figure.count_min,
        figure.count_max,
        figure.qualifier,
        figure.model,
        # one claimant id is one claimant however its name is worded
        figure.claimant_id or figure.claimant,
        figure.claimant_side,
        figure.hedged,
        figure.cumulative,
    )


def _claim_identity(figure: Figure) -> tuple[object, ...]:
    """What makes two documents' figures the same claim: the claimant's side and the figure itself.

    The claimant's name, the equipment model and hedging are left out: outlets word them differently.
    """
    return (
        figure.claimant_side,
        figure.count,
        figure.count_min,
        figure.count_max,
        figure.qualifier,
        figure.cumulative,
    )


def _iso_day(value: object) -> str | None:
    """`value` when it is a YYYY-MM-DD date, else None (a figure without a date cannot be placed in time)."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        Date.fromisoformat(value)
    except ValueError:
        return None
    return value


@functools.lru_cache(maxsize=4096)
def _ordinal(day: str) -> int:
    return Date.fromisoformat(day).toordinal()


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
