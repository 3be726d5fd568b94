"""Every output format of the `claims` command, and its messages.

Data goes to stdout, messages to stderr, so `claims extract ... | jq` never sees a warning. Streaming formats
(jsonl, csv, table) write and flush each document as soon as it is extracted: a long batch shows progress, and
`| head` gets its lines without waiting for the whole run. JSON is always built with the json module.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import fields
from enum import Enum
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from extractors.ledger import COLUMNS, Column, Decrease, Figure, Ledger, Row, SideQuote, record_figure
from extractors.records import SCHEMA, Casualty, DocumentClaims, Equipment, Quote, record_to_dict


class ExtractFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"


class CompareFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class CompareBy(str, Enum):
    claim = "claim"
    day = "day"


# Mid-tone colours from the 256-colour palette stay readable on dark and light backgrounds alike.
SIDE_STYLES = {"armenia": "dark_orange3", "azerbaijan": "dodger_blue2", "other": "magenta", "unknown": "dim"}
PARTY_LABELS = {"armenia": "Armenian", "azerbaijan": "Azerbaijani", "both": "both sides"}
COLUMN_TITLES: dict[Column, str] = {
    "armenia": "Armenian side claims",
    "azerbaijan": "Azerbaijani side claims",
    "other": "other / unattributed",
}
CSV_COLUMN_NAMES: dict[Column, str] = {
    "armenia": "armenian_side_claims",
    "azerbaijan": "azerbaijani_side_claims",
    "other": "other_claims",
}
QUOTE_TITLES: dict[Column, str] = {
    "armenia": "Armenian side",
    "azerbaijan": "Azerbaijani side",
    "other": "Others",
}

# type and doc first, then every record field once, in contract order: one fixed header for all three kinds.
CSV_FIELDS: tuple[str, ...] = tuple(
    dict.fromkeys(["type", "doc", *(f.name for cls in (Quote, Casualty, Equipment) for f in fields(cls))])
)


# --- messages ----------------------------------------------------------------------------------------------


class Messages:
    """Errors and warnings on stderr, one line each, counted so the command can pick its exit code."""

    def __init__(self, *, quiet: bool = False, console: Console | None = None) -> None:
        # soft_wrap: rich would otherwise break a long message at the terminal width (80 when piped), and
        # callers grep these lines.
        self.console = console or Console(stderr=True, soft_wrap=True, highlight=False)
        self.quiet = quiet
        self.errors = 0
        self.warnings = 0

    def error(self, message: str) -> None:
        self.errors += 1
        self._say("Error:", "bold red", message)

    def warning(self, message: str) -> None:
        self.warnings += 1
        if not self.quiet:
            self._say("Warning:", "yellow", message)

    def _say(self, label: str, style: str, message: str) -> None:
        # Text, not a markup string: file names and messages may contain "[...]".
        self.console.print(Text.assemble((label, style), " ", one_line(message)))


def one_line(text: str) -> str:
    return " ".join(str(text).split())


# --- claims extract --------------------------------------------------------------------------------------


def write_documents(docs: Iterable[DocumentClaims], fmt: ExtractFormat, out: TextIO | None = None) -> int:
    """Write every document in `fmt`; returns how many were written."""
    out = out or sys.stdout
    writer = {
        ExtractFormat.json: _write_json,
        ExtractFormat.jsonl: _write_jsonl,
        ExtractFormat.csv: _write_csv,
        ExtractFormat.markdown: _write_markdown,
        ExtractFormat.table: _write_tables,
    }[fmt]
    return writer(docs, out)


def _write_json(docs: Iterable[DocumentClaims], out: TextIO) -> int:
    documents = [doc.to_dict() for doc in docs]
    json.dump({"schema": SCHEMA, "documents": documents}, out, ensure_ascii=False, indent=2)
    out.write("\n")
    out.flush()
    return len(documents)


def _write_jsonl(docs: Iterable[DocumentClaims], out: TextIO) -> int:
    count = 0
    for doc in docs:
        for record in doc.records():
            out.write(json.dumps(record_to_dict(record, doc.id), ensure_ascii=False) + "\n")
        out.flush()
        count += 1
    return count


def _write_csv(docs: Iterable[DocumentClaims], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, restval="", lineterminator="\n")
    # The header comes first even when nothing follows, so a consumer always gets the same columns.
    writer.writeheader()
    out.flush()
    count = 0
    for doc in docs:
        for record in doc.records():
            writer.writerow({key: _csv_value(value) for key, value in record_to_dict(record, doc.id).items()})
        out.flush()
        count += 1
    return count


def _csv_value(value: object) -> object:
    # Spelled as in the JSON output, so the two formats agree on what a value looks like.
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def _write_markdown(docs: Iterable[DocumentClaims], out: TextIO) -> int:
    quotes: list[list[str]] = []
    casualties: list[list[str]] = []
    equipment: list[list[str]] = []
    count = 0
    for doc in docs:
        count += 1
        for q in doc.quotes:
            quotes.append([doc.id, q.speaker or "", q.speaker_role or "", q.claimant_side, q.kind, q.text])
        for c in doc.casualties:
            casualties.append(
                [doc.id, c.party, c.group, c.outcome, _count(c), c.claimant or "", c.claimant_side, _notes(c)]
            )
        for e in doc.equipment:
            equipment.append(
                [
                    doc.id,
                    e.party,
                    e.category,
                    e.model or "",
                    e.outcome,
                    _count(e),
                    e.claimant or "",
                    e.claimant_side,
                    _notes(e),
                ]
            )
    sections = [
        ("Quotes", ["doc", "speaker", "role", "side", "kind", "text"], quotes),
        (
            "Casualties",
            ["doc", "party", "group", "outcome", "count", "claimant", "claimant side", "notes"],
            casualties,
        ),
        (
            "Equipment",
            ["doc", "party", "category", "model", "outcome", "count", "claimant", "claimant side", "notes"],
            equipment,
        ),
    ]
    for index, (title, header, rows) in enumerate(sections):
        if index:
            out.write("\n")
        out.write(f"## {title}\n\n")
        out.write(markdown_table(header, rows) if rows else "_None found._\n")
    out.flush()
    return count


Cell = str | Sequence[str]


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """A GitHub-flavoured Markdown table; a cell given as a list of lines shows them one under another."""
    lines = ["| " + " | ".join(_md_cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_md_cell(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _md_cell(value: Cell) -> str:
    if not isinstance(value, str):
        return "<br>".join(_md_cell(line) for line in value)
    # A pipe would end the cell and a newline the row; quotes that run over paragraphs contain both.
    return one_line(value).replace("\\", "\\\\").replace("|", "\\|")


def _write_tables(docs: Iterable[DocumentClaims], out: TextIO) -> int:
    console = _console(out)
    count = 0
    for doc in docs:
        count += 1
        console.rule(Text(doc.id, style="bold"))
        if not (doc.quotes or doc.casualties or doc.equipment):
            console.print(Text("No claims found.", style="dim"))
        if doc.quotes:
            console.print(_quotes_table(doc.quotes))
        if doc.casualties:
            console.print(_figures_table("Casualties", doc.casualties))
        if doc.equipment:
            console.print(_figures_table("Equipment losses", doc.equipment))
        out.flush()
    return count


def _quotes_table(quotes: Sequence[Quote]) -> Table:
    table = Table(title="Quotes", title_justify="left", box=box.SIMPLE_HEAD, expand=True)
    table.add_column("Speaker", ratio=1)
    table.add_column("Side", no_wrap=True)
    table.add_column("Quote", ratio=3)
    for q in quotes:
        speaker = Text(q.speaker or "?", style=SIDE_STYLES.get(q.claimant_side, ""))
        if q.speaker_role:
            speaker.append(f"\n{q.speaker_role}", style="dim")
        # Reported speech is the writer's paraphrase: set apart from the speaker's own words.
        text = Text(f"“{q.text}”") if q.kind == "direct" else Text(q.text, style="italic")
        table.add_row(speaker, _side(q.claimant_side), text)
    return table


def _figures_table(title: str, records: Sequence[Casualty | Equipment]) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, expand=True)
    table.add_column("Whose", no_wrap=True)
    table.add_column("What")
    table.add_column("Outcome")
    table.add_column("Count", justify="right")
    table.add_column("Claimant (side)", ratio=1)
    for r in records:
        what = r.group if isinstance(r, Casualty) else _category(r.category, r.model)
        count = Text(_count(r))
        if _notes(r):
            count.append(f" ({_notes(r)})", style="dim")
        claimant = Text(r.claimant or "?", style=SIDE_STYLES.get(r.claimant_side, ""))
        claimant.append(f" ({r.claimant_side})", style="dim")
        table.add_row(_party(r.party), what, r.outcome, count, claimant)
    return table


# --- claims compare ----------------------------------------------------------------------------------------


def write_ledger(
    ledger: Ledger, fmt: CompareFormat, out: TextIO | None = None, *, explain: bool = False
) -> None:
    """Write the ledger in `fmt`; `explain` puts each figure's evidence (document and text) under it.

    JSON always carries the evidence (every figure's `sources`), so `explain` changes nothing there. (For
    articles, `claims compare --explain` keeps their text, which gives each source its `sentence`.)
    """
    out = out or sys.stdout
    if fmt is CompareFormat.json:
        json.dump(ledger.to_dict(), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt is CompareFormat.csv:
        _write_ledger_csv(ledger, out, explain)
    elif fmt is CompareFormat.markdown:
        _write_ledger_markdown(ledger, out, explain)
    else:
        _write_ledger_tables(ledger, out, explain)
    out.flush()


def ledger_columns(ledger: Ledger) -> tuple[Column, ...]:
    """The claimant columns worth showing: the third only when some figure needs it."""
    return COLUMNS if ledger.has_other else COLUMNS[:2]


def figure_line(figure: Figure, *, show_doc: bool, show_date: bool = False) -> str:
    """One figure in a cell: "about 20 T-72 — Armenian Defense Ministry (total) [a.txt]".

    A figure several documents make lists them ("[3 sources: a.txt, b.txt, c.txt]"); `show_date` adds the
    document date to that bracket. A running total that fell ends with "↓ fell from ... to ...".
    """
    return figure_label(figure, show_doc=show_doc, show_date=show_date) + decrease_note(figure)


def figure_label(figure: Figure, *, show_doc: bool, show_date: bool = False) -> str:
    """`figure_line` without its decrease note."""
    line = figure.figure
    if figure.model:
        line += f" {figure.model}"
    claimants = dict.fromkeys(source.claimant or "unnamed source" for source in figure.sources)
    line += f" — {' / '.join(claimants) if claimants else figure.claimant or 'unnamed source'}"
    if figure.claimant_side not in ("armenia", "azerbaijan"):
        line += f" ({figure.claimant_side})"
    notes = _flags(figure.hedged, figure.cumulative)
    if figure.earlier:
        notes += f", latest of {figure.earlier + 1} dates"
    if notes:
        line += f", {notes}"
    if show_doc:
        docs = figure.source_docs
        where = f"{len(docs)} sources: {', '.join(docs)}" if len(docs) > 1 else docs[0]
        line += f" [{where}; {figure.date}]" if show_date and figure.date else f" [{where}]"
    return line


def decrease_note(figure: Figure) -> str:
    """ " ↓ fell from 230 (2020-10-04) to 210 (2020-10-05)" for each drop of a running total, or ""."""
    return "".join(f" ↓ {_decrease(d)}" for d in figure.decreases)


def _decrease(decrease: Decrease) -> str:
    d = decrease
    return f"fell from {d.previous_count:,} ({d.previous_date}) to {d.count:,} ({d.date})"


def evidence_lines(figure: Figure) -> list[str]:
    """Where a figure comes from, one line per source: "↳ a.txt, 2020-10-05: “…”".

    The evidence is the sentence around the figure when the document's text was at hand, else the figure's
    own evidence span.
    """
    lines = []
    for source in figure.sources:
        where = f"{source.doc}, {source.date}" if source.date else source.doc
        if source.claimant != figure.claimant:
            where += f" ({source.claimant or 'unnamed source'})"
        lines.append(f"↳ {where}: “{one_line(source.sentence or source.text)}”")
    return lines


def quote_line(quote: SideQuote, *, show_doc: bool) -> str:
    who = f"{quote.speaker}, {quote.speaker_role}" if quote.speaker_role else quote.speaker
    line = f"“{one_line(quote.text)}” — {who}"
    if quote.side not in ("armenia", "azerbaijan"):
        line += f" ({quote.side})"
    if show_doc:
        line += f" [{quote.doc}]"
    return line


def _cell_lines(ledger: Ledger, figures: Iterable[Figure], explain: bool) -> list[str]:
    show_doc, show_date = ledger.several_docs, not ledger.by_day
    lines = []
    for figure in figures:
        lines.append(figure_line(figure, show_doc=show_doc, show_date=show_date))
        if explain:
            lines += evidence_lines(figure)
    return lines


def _write_ledger_csv(ledger: Ledger, out: TextIO, explain: bool) -> None:
    writer = csv.writer(out, lineterminator="\n")
    # All three claimant columns always: a CSV consumer needs the same header whatever the input.
    header = [
        "party",
        "type",
        "what",
        "outcome",
        *(CSV_COLUMN_NAMES[c] for c in COLUMNS),
        "running_total_fell",
    ]
    writer.writerow(["date", *header] if ledger.by_day else header)
    show_doc, show_date = ledger.several_docs, not ledger.by_day
    for row in ledger.rows:
        cells = [
            "; ".join(
                " ".join(
                    [
                        figure_line(f, show_doc=show_doc, show_date=show_date),
                        *(evidence_lines(f) if explain else []),
                    ]
                )
                for f in row.cell(c)
            )
            for c in COLUMNS
        ]
        line = [row.party, row.type, row.what, row.outcome, *cells, _csv_value(row.decreased)]
        writer.writerow([row.date or "", *line] if ledger.by_day else line)


def _write_ledger_markdown(ledger: Ledger, out: TextIO, explain: bool) -> None:
    columns = ledger_columns(ledger)
    show_doc = ledger.several_docs
    out.write("## Figures by day\n\n" if ledger.by_day else "## Figures\n\n")
    if ledger.rows:
        header = ["Whose losses", "What", "Outcome", *(COLUMN_TITLES[c] for c in columns)]
        out.write(
            markdown_table(
                ["Date", *header] if ledger.by_day else header,
                (
                    [
                        *([_day(row)] if ledger.by_day else []),
                        PARTY_LABELS.get(row.party, row.party),
                        _what(row.what),
                        row.outcome,
                        *(_cell_lines(ledger, row.cell(c), explain) for c in columns),
                    ]
                    for row in ledger.rows
                ),
            )
        )
    else:
        out.write("_No casualty or equipment figures found._\n")
    out.write("\n## Quotes\n\n")
    pairs = _pair_quotes(ledger)
    if pairs:
        out.write(
            markdown_table(
                [QUOTE_TITLES["armenia"], QUOTE_TITLES["azerbaijan"]],
                ([_quote_cell(a, show_doc), _quote_cell(b, show_doc)] for a, b in pairs),
            )
        )
    if ledger.other_quotes:
        out.write(f"\n### {QUOTE_TITLES['other']}\n\n")
        for quote in ledger.other_quotes:
            out.write(f"- {quote_line(quote, show_doc=show_doc)}\n")
    if not pairs and not ledger.other_quotes:
        out.write("_No attributed direct quotes found._\n")


def _console(out: TextIO) -> Console:
    """A console for tables: the terminal's width, or 120 columns when the table goes to a file or pipe,
    where 80 would squeeze the claim columns to a word a line."""
    console = Console(file=out, highlight=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console = Console(file=out, highlight=False, width=120)
    return console


def _write_ledger_tables(ledger: Ledger, out: TextIO, explain: bool) -> None:
    console = _console(out)
    columns = ledger_columns(ledger)
    show_doc = ledger.several_docs
    table = Table(
        title="Claimed losses by day" if ledger.by_day else "Claimed losses",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        expand=True,
        show_lines=True,
    )
    if ledger.by_day:
        table.add_column("Date", no_wrap=True)
    table.add_column("Whose losses", min_width=8)
    table.add_column("What", min_width=8)
    table.add_column("Outcome", min_width=7)
    for column in columns:
        # The third column is the narrow one: the two sides' claims are the point of the table.
        # A long document id folds onto the next line rather than being cut off.
        table.add_column(
            Text(COLUMN_TITLES[column], style=SIDE_STYLES[column]),
            ratio=1 if column == "other" else 2,
            min_width=14 if column == "other" else 22,
            overflow="fold",
        )
    previous_day: str | None = None
    for index, row in enumerate(ledger.rows):
        cells = [_table_cell(ledger, row.cell(c), SIDE_STYLES[c], explain) for c in columns]
        # A date shows once, on the first of its rows.
        day = [_day(row) if index == 0 or row.date != previous_day else ""] if ledger.by_day else []
        previous_day = row.date
        table.add_row(*day, _party(row.party), _what(row.what), row.outcome, *cells)
    if ledger.rows:
        console.print(table)
    else:
        console.print(Text("No casualty or equipment figures found.", style="dim"))
    pairs = _pair_quotes(ledger)
    if pairs:
        quotes = Table(title="Quotes", title_justify="left", box=box.SIMPLE_HEAD, expand=True)
        for column in ("armenia", "azerbaijan"):
            quotes.add_column(Text(QUOTE_TITLES[column], style=SIDE_STYLES[column]), ratio=1)
        for a, b in pairs:
            quotes.add_row(Text(_quote_cell(a, show_doc)), Text(_quote_cell(b, show_doc)))
        console.print(quotes)
    if ledger.other_quotes:
        console.print(Text(QUOTE_TITLES["other"], style="bold"))
        for quote in ledger.other_quotes:
            line = "• " + quote_line(quote, show_doc=show_doc)
            console.print(Text(line, style=SIDE_STYLES.get(quote.side, "")))


def _table_cell(ledger: Ledger, figures: Sequence[Figure], style: str, explain: bool) -> Text:
    text = Text()
    for figure in figures:
        if text:
            text.append("\n")
        text.append(
            figure_label(figure, show_doc=ledger.several_docs, show_date=not ledger.by_day), style=style
        )
        text.append(decrease_note(figure), style="bold red")
        if explain:
            for line in evidence_lines(figure):
                text.append(f"\n  {line}", style="dim")
    return text


def _day(row: Row) -> str:
    return row.date or "undated"


def _quote_cell(quote: SideQuote | None, show_doc: bool) -> str:
    return quote_line(quote, show_doc=show_doc) if quote else ""


def _pair_quotes(ledger: Ledger) -> list[tuple[SideQuote | None, SideQuote | None]]:
    armenian, azerbaijani = ledger.armenia_quotes, ledger.azerbaijan_quotes
    return [
        (armenian[i] if i < len(armenian) else None, azerbaijani[i] if i < len(azerbaijani) else None)
        for i in range(max(len(armenian), len(azerbaijani)))
    ]


# --- shared pieces --------------------------------------------------------------------------------------


def _count(record: Casualty | Equipment) -> str:
    return record_figure(record)


def _notes(record: Casualty | Equipment) -> str:
    return _flags(record.hedged, record.cumulative)


def _flags(hedged: bool, cumulative: bool) -> str:
    return ", ".join(name for name, on in (("hedged", hedged), ("running total", cumulative)) if on)


def _party(party: str) -> Text:
    return Text(PARTY_LABELS.get(party, party), style=SIDE_STYLES.get(party, ""))


def _side(side: str) -> Text:
    return Text(side, style=SIDE_STYLES.get(side, ""))


def _what(what: str) -> str:
    return what.replace("_", " ")


def _category(category: str, model: str | None) -> str:
    return f"{_what(category)} ({model})" if model else _what(category)
