"""Rich tables on a terminal or in a file: `claims extract`'s tables per document, `claims compare`'s ledger.

The width is the terminal's (or `COLUMNS`); written to a file or a pipe, 120 columns unless `COLUMNS` says
otherwise. Column widths are fitted here rather than left to rich's ratios, which squeeze a column below its
longest word: the label columns (whose losses, what, outcome) give way first, down to their longest word,
while the claim columns keep a readable width; every column is at least as wide as its longest word, so no
word or file name is ever broken inside a cell, and nothing is cut with "…". A table that cannot be fitted so
is not drawn as a table: its rows are printed one block each, as `compare` also does below `STACKED_BELOW`
columns. Over several documents, the ledger names documents by short keys ("[2]"), with a legend under it.

Lines written to a file or a pipe carry no trailing spaces (rich pads every cell to its column's width).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TextIO

from rich import box
from rich.console import Console, Group, JustifyMethod, RenderableType
from rich.measure import Measurement
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from extractors.ledger import COLUMNS, Column, Figure, Ledger, Row, SideQuote, record_figure
from extractors.records import Casualty, DocumentClaims, Equipment, Quote

from .labels import (
    PARTY_LABELS,
    SIDE_STYLES,
    decrease_note,
    evidence,
    figure_label,
    flags,
    is_quoted,
    quote_line,
    unnamed,
)

FILE_WIDTH = 120  # a table sent to a file or pipe: 80 would squeeze the claim columns to a word a line
STACKED_BELOW = 100  # narrower than this, `compare` prints one block per row

COLUMN_TITLES: dict[Column, str] = {
    "armenia": "Armenian side claims",
    "azerbaijan": "Azerbaijani side claims",
    "other": "other / unattributed",
}
# The side a block's line is about (narrow layout), and the quote sections' titles.
QUOTE_TITLES: dict[Column, str] = {
    "armenia": "Armenian side",
    "azerbaijan": "Azerbaijani side",
    "other": "Others",
}
BLOCK_LABELS = QUOTE_TITLES

# A claim column is not made narrower than this (unless its text is): a figure with its claimant should read
# as a line or two, not a word a line. The third, "other" column is the narrow one.
CLAIM_FLOOR = {"armenia": 24, "azerbaijan": 24, "other": 14}
CLAIM_WEIGHT = {"armenia": 2, "azerbaijan": 2, "other": 1}

_TRAILING = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$", re.M)


# --- console and output ---------------------------------------------------------------------------------


def table_console(out: TextIO) -> Console:
    """A console for tables: the terminal's width, or `FILE_WIDTH` columns for a file or pipe."""
    console = Console(file=out, highlight=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console = Console(file=out, highlight=False, width=FILE_WIDTH)
    return console


def emit(console: Console, renderables: Iterable[RenderableType]) -> None:
    """Print `renderables` with every line's trailing spaces dropped, then flush."""
    with console.capture() as captured:
        for renderable in renderables:
            console.print(renderable)
    console.file.write(without_trailing_spaces(captured.get()))
    console.file.flush()


def without_trailing_spaces(text: str) -> str:
    """`text` with the spaces at the end of each line dropped (before any closing colour codes)."""
    return _TRAILING.sub(r"\1", text)


# --- fitting columns ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    """A column to fit: its header and cells; `label` columns give way first; claim columns keep `floor`
    columns (or their text's width, if less) and share what is left by `weight`."""

    header: Text
    cells: tuple[Text, ...]
    label: bool
    floor: int = 0
    weight: int = 1
    justify: JustifyMethod = "left"


def fit(console: Console, specs: Sequence[Spec], width: int) -> list[int] | None:
    """Content widths for `specs` in a SIMPLE_HEAD table `width` columns wide, or None when the table cannot
    be that narrow without breaking a word (or without a claim column going below its floor)."""
    options = console.options.update_width(10_000)
    natural, least = [], []
    for spec in specs:
        sizes = [Measurement.get(console, options, cell) for cell in (spec.header, *spec.cells)]
        natural.append(max(1, *(m.maximum for m in sizes)))
        least.append(max(1, *(m.minimum for m in sizes)))
    # One space of padding either side of each column, an edge either side, a space between columns.
    room = width - (3 * len(specs) + 1)
    labels = [i for i, spec in enumerate(specs) if spec.label]
    claims = [i for i, spec in enumerate(specs) if not spec.label]
    floors = [
        least[i] if spec.label else max(least[i], min(natural[i], spec.floor)) for i, spec in enumerate(specs)
    ]
    if room < sum(floors):
        return None
    widths = list(floors)
    weights = [spec.weight for spec in specs]
    left = room - sum(floors)
    # The claims first, to a comfortable width (twice their floor); then the labels, back to their natural
    # width; then the claims again, as wide as their text wants.
    comfortable = [min(natural[i], 2 * floors[i]) for i in range(len(specs))]
    left = _share(widths, claims, weights, comfortable, left)
    left = _share(widths, labels, [1] * len(specs), natural, left)
    _share(widths, claims, weights, natural, left)
    return widths


def _share(widths: list[int], members: list[int], weights: list[int], caps: list[int], room: int) -> int:
    """Widen `members` toward their caps by weight, within `room`; returns what is left unused."""
    while room > 0:
        growing = [i for i in members if widths[i] < caps[i]]
        if not growing:
            break
        total = sum(weights[i] for i in growing)
        step = room
        for i in growing:
            add = min(caps[i] - widths[i], max(1, step * weights[i] // total), room)
            widths[i] += add
            room -= add
            if room == 0:
                break
    return room


def fitted_table(console: Console, specs: Sequence[Spec], width: int, **options: object) -> Table | None:
    widths = fit(console, specs, width)
    if widths is None:
        return None
    table = Table(box=box.SIMPLE_HEAD, **options)  # type: ignore[arg-type]
    for spec, column_width in zip(specs, widths, strict=True):
        table.add_column(spec.header, width=column_width, justify=spec.justify, overflow="fold")
    for cells in zip(*(spec.cells for spec in specs), strict=True):
        table.add_row(*cells)
    return table


def _title(text: str, width: int) -> RenderableType:
    # A rule cuts a title longer than itself with "…": a long document id goes on a line of its own instead.
    if len(text) + 6 <= width:
        return Rule(Text(text, style="bold"))
    return Group(Text(text, style="bold"), Rule())


# --- claims extract -----------------------------------------------------------------------------------------


def write_document_tables(docs: Iterable[DocumentClaims], out: TextIO) -> int:
    console = table_console(out)
    count = 0
    for doc in docs:
        count += 1
        parts: list[RenderableType] = [_title(doc.id, console.width)]
        if not (doc.quotes or doc.casualties or doc.equipment):
            parts.append(Text("No claims found.", style="dim"))
        if doc.quotes:
            parts += _quotes_table(console, doc.quotes)
        if doc.casualties:
            parts += _figures_table(console, "Casualties", doc.casualties)
        if doc.equipment:
            parts += _figures_table(console, "Equipment losses", doc.equipment)
        emit(console, parts)
    return count


def _quotes_table(console: Console, quotes: Sequence[Quote]) -> list[RenderableType]:
    speakers, sides, texts = [], [], []
    for q in quotes:
        speaker = Text(q.speaker or "?", style=SIDE_STYLES.get(q.claimant_side, ""))
        if q.speaker_role:
            speaker.append(f"\n{q.speaker_role}", style="dim")
        speakers.append(speaker)
        sides.append(Text(q.claimant_side, style=SIDE_STYLES.get(q.claimant_side, "")))
        # Reported speech is the writer's paraphrase: set apart from the speaker's own words.
        texts.append(Text(f"“{q.text}”") if q.kind == "direct" else Text(q.text, style="italic"))
    specs = [
        Spec(Text("Speaker"), tuple(speakers), label=True),
        Spec(Text("Side"), tuple(sides), label=True),
        Spec(Text("Quote"), tuple(texts), label=False, floor=30),
    ]
    table = fitted_table(console, specs, console.width, title="Quotes", title_justify="left")
    if table is not None:
        return [table]
    items = (
        Text.assemble(text, " — ", speaker, " (", side, ")")
        for speaker, side, text in zip(speakers, sides, texts, strict=True)
    )
    return [Text("Quotes", style="italic"), _bullets(items)]


def _figures_table(
    console: Console, title: str, records: Sequence[Casualty | Equipment]
) -> list[RenderableType]:
    whose, whats, outcomes, counts, claimants = [], [], [], [], []
    for r in records:
        whose.append(_party(r.party))
        whats.append(Text(r.group if isinstance(r, Casualty) else _category(r.category, r.model)))
        outcomes.append(Text(r.outcome))
        count = Text(record_figure(r))
        notes = flags(r.hedged, r.cumulative)
        if notes:
            count.append(f" ({notes})", style="dim")
        counts.append(count)
        claimant = Text(r.claimant or unnamed(r.claimant_side), style=SIDE_STYLES.get(r.claimant_side, ""))
        claimant.append(f" ({r.claimant_side})", style="dim")
        claimants.append(claimant)
    specs = [
        Spec(Text("Whose"), tuple(whose), label=True),
        Spec(Text("What"), tuple(whats), label=True),
        Spec(Text("Outcome"), tuple(outcomes), label=True),
        Spec(Text("Count"), tuple(counts), label=False, floor=12, weight=1, justify="right"),
        Spec(Text("Claimant (side)"), tuple(claimants), label=False, floor=20, weight=2),
    ]
    table = fitted_table(console, specs, console.width, title=title, title_justify="left")
    if table is not None:
        return [table]
    rows = zip(whose, whats, outcomes, counts, claimants, strict=True)
    items = (
        Text.assemble(party, " ", what, " ", outcome, ": ", count, " — ", who)
        for party, what, outcome, count, who in rows
    )
    return [Text(title, style="italic"), _bullets(items)]


# --- claims compare -----------------------------------------------------------------------------------------


def source_keys(ledger: Ledger) -> dict[str, int] | None:
    """Short keys for the documents the ledger shows, in input order; None for a single document."""
    if not ledger.several_docs:
        return None
    used = {doc for row in ledger.rows for figure in row.figures for doc in figure.source_docs}
    used |= {q.doc for column in COLUMNS for q in ledger.quotes(column)}
    shown = [doc for doc in dict.fromkeys(ledger.docs) if doc in used]
    return {doc: number for number, doc in enumerate(shown, 1)}


def write_ledger_tables(ledger: Ledger, out: TextIO, explain: bool, *, hint: str | None = None) -> None:
    """The ledger as a table (or blocks, when narrow), its quotes, and the legend of its source keys.

    `hint`: a line under the title (what the summary leaves out, and how to see it).
    """
    console = table_console(out)
    keys = source_keys(ledger)
    parts: list[RenderableType] = []
    title = "Claimed losses by day" if ledger.by_day else "Claimed losses"
    if ledger.summary:
        title += ": each side's latest figure"
    table = None
    if ledger.rows and console.width >= STACKED_BELOW:
        table = _ledger_table(console, ledger, keys, explain)
    if not ledger.rows:
        parts.append(Text("No casualty or equipment figures found.", style="dim"))
    else:
        parts.append(Text(title, style="italic"))
        if hint:
            parts.append(Text(hint, style="dim"))
        parts += [table] if table is not None else _ledger_blocks(ledger, keys, explain)
    parts += _ledger_quotes(console, ledger, keys, stacked=table is None)
    if keys:
        parts += [Text(""), Text("Sources", style="bold")]
        dates = _doc_dates(ledger)
        for doc, number in keys.items():
            line = f"[{number}] {doc}" + (f", {dates[doc]}" if dates.get(doc) else "")
            # Printed whole: the terminal wraps a long path, rich would break it.
            parts.append(Text(line, no_wrap=True, overflow="ignore"))
    emit(console, parts)


def _ledger_table(
    console: Console, ledger: Ledger, keys: dict[str, int] | None, explain: bool
) -> Table | None:
    columns = _columns(ledger)
    days, whose, whats, outcomes = [], [], [], []
    previous_day: str | None = None
    for index, row in enumerate(ledger.rows):
        # A date shows once, on the first of its rows.
        days.append(Text(_day(row) if index == 0 or row.date != previous_day else ""))
        previous_day = row.date
        whose.append(_party(row.party))
        whats.append(Text(_what(row.what)))
        outcomes.append(Text(row.outcome))
    specs = [
        *([Spec(Text("Date"), tuple(days), label=True)] if ledger.by_day else []),
        Spec(Text("Whose losses"), tuple(whose), label=True),
        Spec(Text("What"), tuple(whats), label=True),
        Spec(Text("Outcome"), tuple(outcomes), label=True),
        *(
            Spec(
                Text(COLUMN_TITLES[column], style=SIDE_STYLES[column]),
                tuple(_cell(ledger, row.cell(column), column, keys, explain) for row in ledger.rows),
                label=False,
                floor=CLAIM_FLOOR[column],
                weight=CLAIM_WEIGHT[column],
            )
            for column in columns
        ),
    ]
    return fitted_table(console, specs, console.width, show_lines=True)


def _ledger_blocks(ledger: Ledger, keys: dict[str, int] | None, explain: bool) -> list[RenderableType]:
    """One block per row: what it counts on a line, then each side's figures under it."""
    blocks: list[RenderableType] = []
    columns = _columns(ledger)
    label_width = max(len(BLOCK_LABELS[c]) for c in columns)
    for row in ledger.rows:
        head = Text.assemble(
            *([(_day(row), "bold"), "  "] if ledger.by_day else []),
            _party(row.party),
            " ",
            (_what(row.what), "bold"),
            " ",
            (row.outcome, "bold"),
        )
        grid = Table.grid(padding=(0, 2))
        grid.add_column(width=label_width, no_wrap=True)
        grid.add_column(overflow="fold")
        for column in columns:
            figures = row.cell(column)
            if figures:
                label = Text(BLOCK_LABELS[column], style=SIDE_STYLES[column])
                grid.add_row(label, _cell(ledger, figures, column, keys, explain))
        blocks += [Text(""), head, Padding(grid, (0, 0, 0, 2))]
    return blocks


def _ledger_quotes(
    console: Console, ledger: Ledger, keys: dict[str, int] | None, *, stacked: bool
) -> list[RenderableType]:
    show_doc = ledger.several_docs
    parts: list[RenderableType] = []
    armenian, azerbaijani = ledger.armenia_quotes, ledger.azerbaijan_quotes
    if (armenian or azerbaijani) and not stacked:
        pairs = [
            (armenian[i] if i < len(armenian) else None, azerbaijani[i] if i < len(azerbaijani) else None)
            for i in range(max(len(armenian), len(azerbaijani)))
        ]
        specs = [
            Spec(
                Text(QUOTE_TITLES[column], style=SIDE_STYLES[column]),
                tuple(Text(_quote(pair[n], show_doc, keys)) for pair in pairs),
                label=False,
                floor=20,
            )
            for n, column in enumerate(("armenia", "azerbaijan"))
        ]
        table = fitted_table(console, specs, console.width, title="Quotes", title_justify="left")
        if table is not None:
            parts.append(table)
            armenian = azerbaijani = ()
    listed = [(c, ledger.quotes(c)) for c in ("armenia", "azerbaijan")] if armenian or azerbaijani else []
    if listed:
        parts += [Text(""), Text("Quotes", style="italic")]
    for column, quotes in [*listed, ("other", ledger.other_quotes)]:
        if quotes:
            parts.append(Text(QUOTE_TITLES[column], style=f"bold {SIDE_STYLES[column]}"))
            parts.append(_bullets(Text(quote_line(q, show_doc=show_doc, keys=keys)) for q in quotes))
    return parts


def _bullets(items: Iterable[Text]) -> Table:
    """A list, each item's lines hanging under its first."""
    grid = Table.grid(padding=(0, 1), pad_edge=False)
    grid.add_column(width=3, justify="right")
    grid.add_column(overflow="fold")
    for item in items:
        grid.add_row("•", item)
    return grid


def _cell(
    ledger: Ledger, figures: Sequence[Figure], column: Column, keys: dict[str, int] | None, explain: bool
) -> RenderableType:
    """A cell's figures, one a line; with `explain`, each one's evidence under it, hanging indented."""
    style = SIDE_STYLES[column]
    lines: list[RenderableType] = []
    for figure in figures:
        label = figure_label(
            figure, show_doc=ledger.several_docs, show_date=not ledger.by_day, keys=keys, explain=explain
        )
        lines.append(Text.assemble((label, style), (decrease_note(figure), "bold red")))
        if explain:
            for item in evidence(figure, keys=keys, show_doc=ledger.several_docs):
                opening, closing = ("", "") if item.quoted else ("“", "”")
                sentence = Text.assemble(
                    (f"{item.where}: " if item.where else "", "dim"),
                    (opening + item.before, "dim"),
                    (item.span, "bold" if item.before or item.after else "dim"),
                    (item.after + closing, "dim"),
                )
                lines.append(_hanging("↳", sentence, indent=2))
                if item.named:
                    named = item.named if is_quoted(item.named) else f"“{item.named}”"
                    lines.append(_hanging("↳", Text(f"named: {named}", style="dim"), indent=4))
    if not explain:
        # one Text: the cell's measure is its longest word and line, as for any other cell
        return Text("\n").join(line for line in lines if isinstance(line, Text))
    return Group(*lines)


def _hanging(mark: str, text: Text, *, indent: int) -> RenderableType:
    """`mark` then `text`, the text's wrapped lines under its first, the whole `indent` columns in."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(Text(mark, style="dim"), text)
    return Padding(grid, (0, 0, 0, indent))


def _doc_dates(ledger: Ledger) -> dict[str, str | None]:
    dates: dict[str, str | None] = {}
    for row in ledger.rows:
        for figure in row.figures:
            for source in figure.sources:
                dates[source.doc] = dates.get(source.doc) or source.date
    return dates


def _columns(ledger: Ledger) -> tuple[Column, ...]:
    """The claimant columns worth showing: the third only when some figure needs it."""
    return COLUMNS if ledger.has_other else COLUMNS[:2]


def _quote(quote: SideQuote | None, show_doc: bool, keys: dict[str, int] | None) -> str:
    return quote_line(quote, show_doc=show_doc, keys=keys) if quote else ""


def _day(row: Row) -> str:
    return row.date or "undated"


def _party(party: str) -> Text:
    return Text(PARTY_LABELS.get(party, party), style=SIDE_STYLES.get(party, ""))


def _what(what: str) -> str:
    return what.replace("_", " ")


def _category(category: str, model: str | None) -> str:
    return f"{_what(category)} ({model})" if model else _what(category)
