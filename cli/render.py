"""Every output format of the `claims` command, and its messages.

Data goes to stdout, messages to stderr, so `claims extract ... | jq` never sees a warning. Streaming formats
(jsonl, csv, table) write and flush each document as soon as it is extracted: a long batch shows progress, and
`| head` gets its lines without waiting for the whole run. JSON is always built with the json module.
The rich tables are drawn by `cli/tables.py`, and a figure's words in every human format by `cli/labels.py`.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields
from enum import Enum
from typing import Any, TextIO

from rich.console import Console
from rich.text import Text

from extractors.ledger import COLUMNS, Column, Figure, Ledger, Row, SideQuote, record_figure
from extractors.records import SCHEMA, Casualty, DocumentClaims, Equipment, Quote, record_to_dict

from .labels import (
    PARTY_LABELS,
    SIDE_STYLES,
    decrease_note,
    evidence_lines,
    figure_label,
    figure_line,
    flags,
    one_line,
    quote_line,
)
from .safe import printable, sanitized
from .tables import COLUMN_TITLES, QUOTE_TITLES, write_document_tables, write_ledger_tables

__all__ = [
    "SIDE_STYLES", "CompareBy", "CompareFormat", "ExtractFormat", "Messages", "decrease_note",
    "evidence_lines", "figure_label", "figure_line", "markdown_table", "one_line", "quote_line",
    "write_documents", "write_ledger",
]  # fmt: skip


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


CSV_COLUMN_NAMES: dict[Column, str] = {
    "armenia": "armenian_side_claims",
    "azerbaijan": "azerbaijani_side_claims",
    "other": "other_claims",
}
# `claims compare --format csv`: one row per figure.
TIDY_CSV_FIELDS: tuple[str, ...] = (
    "date", "party", "kind", "what", "outcome", "claimant_side", "claimant", "claimant_id", "count",
    "count_min", "count_max", "qualifier", "cumulative", "hedged", "sources", "running_total_fell",
)  # fmt: skip

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
        # Text, not a markup string: file names and messages may contain "[...]"; and no escape sequence
        # from a file name or an article reaches the terminal
        self.console.print(Text.assemble((label, style), " ", printable(one_line(message))))


def _is_terminal(out: TextIO) -> bool:
    isatty = getattr(out, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):  # a closed stream
        return False


# --- claims extract --------------------------------------------------------------------------------------


def write_documents(docs: Iterable[DocumentClaims], fmt: ExtractFormat, out: TextIO | None = None) -> int:
    """Write every document in `fmt`; returns how many were written."""
    out = out or sys.stdout
    if fmt in (ExtractFormat.table, ExtractFormat.markdown) or (
        fmt is ExtractFormat.csv and _is_terminal(out)
    ):
        docs = (sanitized(doc) for doc in docs)
    writer = {
        ExtractFormat.json: _write_json,
        ExtractFormat.jsonl: _write_jsonl,
        ExtractFormat.csv: _write_csv,
        ExtractFormat.markdown: _write_markdown,
        ExtractFormat.table: write_document_tables,
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
    writer = SafeDictWriter(out, fieldnames=CSV_FIELDS, restval="", lineterminator="\n")
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


# A spreadsheet takes a cell that starts with one of these for a formula ("=HYPERLINK(...)" in a quote, "-2+3"
# in a claim): OWASP's advice is a leading apostrophe, which the spreadsheet shows as text. A lone "-" (the
# document id of standard input) is no formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A value safe to open in a spreadsheet: text that a spreadsheet would run is prefixed with "'";
    numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS) and value != "-":
        return "'" + value
    return value


class SafeWriter:
    """`csv.writer` whose every cell goes through `csv_cell`."""

    def __init__(self, out: TextIO, **kwargs: Any) -> None:
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([csv_cell(v) for v in row])


class SafeDictWriter(csv.DictWriter):
    """`csv.DictWriter` whose every value goes through `csv_cell` (the header is the program's own)."""

    def writerow(self, rowdict: Mapping[str, Any]) -> Any:
        return super().writerow({k: csv_cell(v) for k, v in rowdict.items()})


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


# --- claims compare ----------------------------------------------------------------------------------------


def write_ledger(
    ledger: Ledger,
    fmt: CompareFormat,
    out: TextIO | None = None,
    *,
    explain: bool = False,
    wide: bool = False,
    hint: str | None = None,
) -> None:
    """Write the ledger in `fmt`; `explain` puts each figure's evidence (document and text) under it.

    JSON always carries the evidence (every figure's `sources`, with its sentence when the text was at hand),
    so `explain` changes nothing there. CSV is one row per figure; `wide` gives the one-row-per-claim layout
    instead, a cell per claimant column. `hint` is a line under a table's or Markdown section's title.
    """
    out = out or sys.stdout
    if fmt in (CompareFormat.table, CompareFormat.markdown) or (
        fmt is CompareFormat.csv and _is_terminal(out)
    ):
        ledger = sanitized(ledger)
    if fmt is CompareFormat.json:
        json.dump(ledger.to_dict(), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt is CompareFormat.csv and wide:
        _write_ledger_csv(ledger, out, explain)
    elif fmt is CompareFormat.csv:
        _write_tidy_csv(ledger, out)
    elif fmt is CompareFormat.markdown:
        _write_ledger_markdown(ledger, out, explain, hint)
    else:
        write_ledger_tables(ledger, out, explain, hint=hint)
    out.flush()


def ledger_columns(ledger: Ledger) -> tuple[Column, ...]:
    """The claimant columns worth showing: the third only when some figure needs it."""
    return COLUMNS if ledger.has_other else COLUMNS[:2]


def _cell_lines(ledger: Ledger, figures: Iterable[Figure], explain: bool) -> list[str]:
    show_doc, show_date = ledger.several_docs, not ledger.by_day
    lines = []
    for figure in figures:
        label = figure_label(figure, show_doc=show_doc, show_date=show_date, explain=explain)
        lines.append(label + decrease_note(figure))
        if explain:
            lines += evidence_lines(figure, marker="**", show_doc=show_doc)
    return lines


def _write_tidy_csv(ledger: Ledger, out: TextIO) -> None:
    """One row per figure, for a spreadsheet: the same header whatever the input (`TIDY_CSV_FIELDS`)."""
    writer = SafeDictWriter(out, fieldnames=TIDY_CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in ledger.rows:
        for figure in row.figures:
            # Its own drop only (the earlier total and its date): the series is in the `--by day` rows.
            fell = [d for d in figure.decreases if (d.date, d.count) == (figure.date, figure.count)]
            writer.writerow(
                {
                    "date": figure.date or "",
                    "party": row.party,
                    "kind": row.type,
                    "what": row.what,
                    "outcome": row.outcome,
                    "claimant_side": figure.claimant_side,
                    "claimant": figure.claimant or "",
                    "claimant_id": figure.claimant_id or "",
                    "count": figure.count,
                    "count_min": _csv_value(figure.count_min),
                    "count_max": _csv_value(figure.count_max),
                    "qualifier": figure.qualifier or "",
                    # what the ledger counts as a running total: a total of one place is not one
                    "cumulative": _csv_value(figure.running_total),
                    "hedged": _csv_value(figure.hedged),
                    "sources": "; ".join(figure.source_docs),
                    "running_total_fell": "; ".join(f"{d.previous_count} ({d.previous_date})" for d in fell),
                }
            )


def _write_ledger_csv(ledger: Ledger, out: TextIO, explain: bool) -> None:
    writer = SafeWriter(out, lineterminator="\n")
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
                        figure_label(f, show_doc=show_doc, show_date=show_date, explain=explain)
                        + decrease_note(f),
                        *(evidence_lines(f, show_doc=show_doc) if explain else []),
                    ]
                )
                for f in row.cell(c)
            )
            for c in COLUMNS
        ]
        line = [row.party, row.type, row.what, row.outcome, *cells, _csv_value(row.decreased)]
        writer.writerow([row.date or "", *line] if ledger.by_day else line)


def _write_ledger_markdown(ledger: Ledger, out: TextIO, explain: bool, hint: str | None = None) -> None:
    columns = ledger_columns(ledger)
    show_doc = ledger.several_docs
    title = "Figures by day" if ledger.by_day else "Figures"
    if ledger.summary:
        title += ": each side's latest"
    out.write(f"## {title}\n\n")
    if hint and ledger.rows:
        out.write(f"_{hint}_\n\n")
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
    return flags(record.hedged, record.cumulative)


def _what(what: str) -> str:
    return what.replace("_", " ")
