"""The `claims` command: `extract` prints every claim, `compare` sets the two sides' claims side by side.

Exit codes: 0 when every input was read and processed (empty input only warns); 1 when some input was
skipped (missing, unreadable, binary, not UTF-8, too big, an HTML page without text, a broken corpus line or
row, a broken JSONL line given to `compare`) or the spaCy model is missing; 2 for a usage error; 130 when
interrupted (Ctrl-C). Data goes to stdout, every message to stderr, one line each.
"""

from __future__ import annotations

import functools
import json
import logging
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from importlib.metadata import PackageNotFoundError, version
from typing import Annotated

import typer

from extractors.filters import ClaimFilter
from extractors.records import DocumentClaims

from . import filtering
from .help import Command, Group
from .inputs import (
    DEFAULT_DATE_KEY,
    DEFAULT_GLOBS,
    DEFAULT_ID_KEY,
    DEFAULT_MAX_BYTES,
    DEFAULT_TEXT_KEY,
    STDIN_ID,
    InputNote,
    InputProblem,
    SourceText,
    count_documents,
    iter_sources,
)
from .progress import Progress
from .render import CompareBy, CompareFormat, ExtractFormat, Messages, write_documents, write_ledger

DIST_NAME = "conflict-claims"

app = typer.Typer(
    cls=Group,
    name="claims",
    help="Extract Armenian and Azerbaijani claims (quotes, casualties, equipment losses) from war reporting.",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    # A crash must never dump a rich traceback with local variables (article text) into a pipeline.
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    epilog="Tables take the terminal's width, or the COLUMNS environment variable's (COLUMNS=100 claims "
    "compare ...); sent to a file or a pipe, 120 columns unless COLUMNS is set. Colour is off when NO_COLOR "
    "is set.",
)


def _version(value: bool) -> None:
    if value:
        try:
            typer.echo(f"claims {version(DIST_NAME)}")
        except PackageNotFoundError:
            typer.echo("claims (not installed)")
        raise typer.Exit()


@app.callback()
def _root(
    _: Annotated[
        bool,
        typer.Option("-V", "--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Extract Armenian and Azerbaijani claims (quotes, casualties, equipment losses) from war reporting.

    Input is English news text: text files, HTML pages, JSONL or CSV corpora (gzip-compressed too), folders
    (every *.txt in them, or what --glob names) or - for standard input.
    """


Inputs = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="PATH|-",
        help="Text files, HTML pages (.html, .htm), corpora (.jsonl, .csv: a document per line or row), any "
        "of them gzip-compressed (.gz), folders (every *.txt inside, recursively; see --glob) or - for "
        "standard input. With no path and piped input, standard input is read.",
        show_default=False,
    ),
]
Encoding = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        metavar="CODEC",
        help="Decode input with this codec instead of UTF-8 (e.g. cp1252, latin-1).",
    ),
]
MaxBytes = Annotated[
    int, typer.Option("--max-bytes", metavar="N", min=0, help="Skip any input larger than N bytes.")
]
BatchSize = Annotated[
    int, typer.Option("--batch-size", metavar="N", min=1, help="Documents per spaCy batch.")
]
NProcess = Annotated[
    int,
    typer.Option(
        "-n", "--n-process", metavar="N", min=1, help="Worker processes for spaCy (1 = this process)."
    ),
]
Quiet = Annotated[bool, typer.Option("-q", "--quiet", help="No warnings and no progress bar on stderr.")]
FullParse = Annotated[
    bool,
    typer.Option(
        "--full-parse",
        help="Run spaCy's tagger, parser and NER on every paragraph, not only on those that can hold a "
        "claim and their context. Output is the same; for comparison.",
    ),
]
Dask = Annotated[
    str | None,
    typer.Option(
        "--dask",
        metavar="ADDRESS",
        # "\\[": rich markup would take "[dask]" for a style tag.
        help="Run the extraction on a Dask cluster: its scheduler's address (tcp://HOST:8786) or local:N "
        "(N worker processes on this machine). Output is the same as with -n 1. Needs the dask extra: "
        "pip install 'conflict-claims\\[dask]'.",
        show_default=False,
    ),
]
Glob = Annotated[
    list[str] | None,
    typer.Option(
        "--glob",
        metavar="PATTERN",
        help="Which files a folder gives: a shell pattern on file names, any case; repeat for several "
        "(e.g. --glob '*.html' --glob '*.jsonl.gz'). Default: *.txt.",
        show_default=False,
    ),
]
TextKey = Annotated[
    str, typer.Option("--text-key", metavar="KEY", help="Corpus field (JSONL) or column (CSV) with the text.")
]
IdKey = Annotated[
    str,
    typer.Option(
        "--id-key", metavar="KEY", help="Corpus field or column with the document id (else FILE:LINE)."
    ),
]
DateKey = Annotated[
    str,
    typer.Option(
        "--date-key",
        metavar="KEY",
        help="Corpus field or column with the document date (else the date is looked for in the text).",
    ),
]
Year = Annotated[
    int | None,
    typer.Option(
        "--year",
        metavar="YEAR",
        min=1900,
        max=2100,
        help="Year of a dateline that gives only day and month ('Baku, October 17'). Default: such a "
        "dateline gives no date.",
        show_default=False,
    ),
]


StoreOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="FILE",
        help="Read the claims from this claims store (SQLite, made by `claims extract INPUTS --db FILE`) "
        "instead of from inputs.",
        show_default=False,
    ),
]


@dataclass(frozen=True)
class ReadOptions:
    """How folders and corpus files are read, and the year for datelines without one (the options above)."""

    globs: tuple[str, ...] = DEFAULT_GLOBS
    text_key: str = DEFAULT_TEXT_KEY
    id_key: str = DEFAULT_ID_KEY
    date_key: str = DEFAULT_DATE_KEY
    year: int | None = None

    @classmethod
    def of(
        cls, glob: list[str] | None, text_key: str, id_key: str, date_key: str, year: int | None
    ) -> ReadOptions:
        for option, key in (("--text-key", text_key), ("--id-key", id_key), ("--date-key", date_key)):
            if not key:
                raise typer.BadParameter("must not be empty", param_hint=option)
        return cls(tuple(glob) if glob else DEFAULT_GLOBS, text_key, id_key, date_key, year)


class Terminated(KeyboardInterrupt):
    """SIGTERM (`kill`, `timeout`, a service manager), raised where Ctrl-C would be, so that a run ends the
    same way: the batches running stop, what was printed stays whole lines."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated


def _interruptible(command: Callable[..., None]) -> Callable[..., None]:
    """Ctrl-C ends a command with one line on stderr and exit code 130 (128 + SIGINT), not a traceback;
    SIGTERM likewise, with exit code 143 (128 + SIGTERM).

    Output goes out a whole document at a time, so what was printed before stays whole lines.
    """

    @functools.wraps(command)
    def run(*args: object, **kwargs: object) -> None:
        # (only in the main thread can a handler be set: a test runner may call the command from another)
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, _on_sigterm)
        try:
            command(*args, **kwargs)
        except Terminated:
            Messages().error("terminated")
            raise typer.Exit(143) from None
        except KeyboardInterrupt:
            Messages().error("interrupted")
            raise typer.Exit(130) from None

    return run


@app.command(
    cls=Command,
    epilog=(
        "Examples:\n\n"
        "  claims extract samples/southfront-2020-10-08.txt\n\n"
        "  cat article.txt | claims extract - --format jsonl | jq 'select(.type==\"casualty\")'\n\n"
        "  claims extract notes/ --format csv > claims.csv\n\n"
        "  claims extract pages/ --glob '*.html' --emit-text --format json > pages.json\n\n"
        "  claims extract corpus.jsonl.gz --text-key body --id-key url --date-key published\n\n"
        "  claims extract samples/ --since 2020-10-10 --type casualty --claimant-side azerbaijan\n\n"
        "  claims extract pages/ --glob '*.html' --db war.db\n\n"
        "  claims extract --db war.db --format jsonl"
    ),
)
@_interruptible
def extract(
    inputs: Inputs = None,
    fmt: Annotated[
        ExtractFormat | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="Output format: table, json, jsonl, csv or markdown. Default: table on a terminal, jsonl "
            "when piped.",
            show_default=False,
        ),
    ] = None,
    emit_text: Annotated[
        bool,
        typer.Option(
            "--emit-text",
            help="Also print each document's text, which the offsets index (for HTML, the extracted text): "
            'a "text" field on each document (json), or a "document" line before its records (jsonl).',
        ),
    ] = False,
    encoding: Encoding = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    glob: Glob = None,
    text_key: TextKey = DEFAULT_TEXT_KEY,
    id_key: IdKey = DEFAULT_ID_KEY,
    date_key: DateKey = DEFAULT_DATE_KEY,
    year: Year = None,
    since: filtering.Since = None,
    until: filtering.Until = None,
    claimant_side: filtering.ClaimantSide = None,
    party: filtering.Party = None,
    types: filtering.Type = None,
    batch_size: BatchSize = 16,
    n_process: NProcess = 1,
    dask: Dask = None,
    full_parse: FullParse = False,
    quiet: Quiet = False,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="FILE",
            help="A claims store (SQLite; made if missing). With inputs: store their claims in it, "
            "extracting only documents that are new or changed since they were stored (a summary on stderr, "
            "nothing on stdout). Without inputs: print the claims stored in it.",
            show_default=False,
        ),
    ] = None,
    rebuild: Annotated[
        bool,
        typer.Option("--rebuild", help="With --db and inputs: extract every input again, changed or not."),
    ] = False,
) -> None:
    """Print every attributed quote, casualty figure and equipment-loss figure (conflict-claims/1)."""
    keep = filtering.claim_filter(since, until, claimant_side, party, types)
    messages = Messages(quiet=quiet)
    _check_dask(dask, n_process, messages)
    read = ReadOptions.of(glob, text_key, id_key, date_key, year)
    if db is not None and inputs:
        for given, option in ((fmt is not None, "--format"), (emit_text, "--emit-text")):
            if given:
                raise typer.BadParameter(
                    f"with --db and inputs the claims are stored, not printed; print them with "
                    f"`claims extract --db {db}`",
                    param_hint=option,
                )
        _store(db, inputs, messages, read, encoding, max_bytes, batch_size, n_process, rebuild, quiet, dask)
    if rebuild:
        raise typer.BadParameter("works with --db and inputs", param_hint="--rebuild")
    fmt = fmt or (ExtractFormat.table if sys.stdout.isatty() else ExtractFormat.jsonl)
    if emit_text and fmt not in (ExtractFormat.json, ExtractFormat.jsonl):
        raise typer.BadParameter(
            f"works with --format json or jsonl, not {fmt.value}", param_hint="--emit-text"
        )
    paths = _paths(inputs) if db is None else []
    progress = Progress(enabled=not quiet and db is None, console=messages.console)
    if progress.enabled:
        # Counted only for the bar: a run whose stderr is not a terminal reads each corpus file once.
        progress.total = count_documents(paths, encoding=encoding, max_bytes=max_bytes, globs=read.globs)
    with progress:
        if db is not None:
            from .store import stored_documents

            docs = stored_documents(db, messages, with_text=emit_text)
        else:
            sources = _sources(paths, encoding, max_bytes, messages, read=read, on_skip=progress.advance)
            docs = _extract(
                sources,
                messages,
                progress,
                batch_size=batch_size,
                n_process=n_process,
                year=year,
                keep_text=emit_text,
                dask=dask,
                full_parse=full_parse,
            )
        docs = (keep.apply(doc) for doc in docs)
        if emit_text and fmt is ExtractFormat.jsonl:
            _write_jsonl_with_text(docs)
        else:
            write_documents(docs, fmt)
    raise typer.Exit(1 if messages.errors else 0)


def _store(
    db: str,
    inputs: list[str],
    messages: Messages,
    read: ReadOptions,
    encoding: str | None,
    max_bytes: int,
    batch_size: int,
    n_process: int,
    rebuild: bool,
    quiet: bool,
    dask: str | None = None,
) -> None:
    """`claims extract INPUTS --db FILE`: extract into the store what it lacks (cli/store.py), then exit."""
    from .store import update_store

    sources = _sources(inputs, encoding, max_bytes, messages, read=read)
    with Progress(enabled=not quiet, console=messages.console) as progress:

        def extract(todo: Iterator[SourceText]) -> Iterator[DocumentClaims]:
            return _extract(
                todo, messages, progress, batch_size=batch_size, n_process=n_process, year=read.year,
                keep_text=True, dask=dask,
            )  # fmt: skip

        update_store(db, sources, messages, extract, year=read.year, rebuild=rebuild)
    raise typer.Exit(1 if messages.errors else 0)


def _write_jsonl_with_text(docs: Iterator[DocumentClaims]) -> None:
    """JSONL with `--emit-text`: each document's {"type": "document", "doc", "date", "text"} line, then its
    records exactly as without the option."""
    for doc in docs:
        line = {"type": "document", "doc": doc.id, "date": doc.date, "text": doc.text}
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        # One document at a time, so the writer flushes its line and records together.
        write_documents([replace(doc, text=None)], ExtractFormat.jsonl)


@app.command(
    cls=Command,
    epilog=(
        "Examples:\n\n"
        "  claims compare samples/southfront-2020-10-08.txt\n\n"
        "  claims compare samples/ --format markdown > ledger.md\n\n"
        "  claims extract a.txt b.txt | jq -c 'select(.claimant_side != \"unknown\")' | claims compare -\n\n"
        "  claims compare saved.jsonl --by day --explain --format markdown > days.md\n\n"
        "  claims compare samples/ --format csv > figures.csv\n\n"
        "  COLUMNS=160 claims compare samples/ --all --party armenia\n\n"
        "  claims compare --db war.db"
    ),
)
@_interruptible
def compare(
    inputs: Inputs = None,
    fmt: Annotated[
        CompareFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="Output format: table, json, csv (one row per figure) or markdown.",
        ),
    ] = CompareFormat.table,
    by: Annotated[
        CompareBy,
        typer.Option(
            "--by",
            metavar="claim|day",
            help="One row per claim (running totals: each side's latest), or per document date and claim "
            "(every day's figures).",
        ),
    ] = CompareBy.claim,
    show_all: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Over several documents, every figure (the table and Markdown show each side's latest "
            "figure per row by default, with how many documents stand behind it).",
        ),
    ] = False,
    wide: Annotated[
        bool,
        typer.Option(
            "--wide",
            help="With --format csv: one row per claim, a cell of figures per claimant side, instead of one "
            "row per figure.",
        ),
    ] = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Under every figure, the documents and evidence behind it (for articles, the sentence, the "
            "figure marked in it).",
        ),
    ] = False,
    encoding: Encoding = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    glob: Glob = None,
    text_key: TextKey = DEFAULT_TEXT_KEY,
    id_key: IdKey = DEFAULT_ID_KEY,
    date_key: DateKey = DEFAULT_DATE_KEY,
    year: Year = None,
    since: filtering.Since = None,
    until: filtering.Until = None,
    claimant_side: filtering.ClaimantSide = None,
    party: filtering.Party = None,
    types: filtering.Type = None,
    batch_size: BatchSize = 16,
    n_process: NProcess = 1,
    dask: Dask = None,
    quiet: Quiet = False,
    db: StoreOption = None,
) -> None:
    """Side-by-side table of what the Armenian side and the Azerbaijani side claim, then their quotes.

    Reads articles like `extract`, or the JSON / JSONL that `claims extract` printed.

    The same claim in documents dated at most a day apart is one entry, with its sources.

    Of each side's running totals only the latest is shown, marked when a running total fell.

    Over several documents, the table and Markdown show each side's latest figure per row.

    --all or --by day shows every figure.
    """
    from extractors.ledger import build_ledger

    keep = filtering.claim_filter(since, until, claimant_side, party, types)
    if wide and fmt is not CompareFormat.csv:
        raise typer.BadParameter(f"works with --format csv, not {fmt.value}", param_hint="--wide")
    if explain and fmt is CompareFormat.csv and not wide:
        raise typer.BadParameter(
            "the one-row-per-figure CSV has no room for evidence; add --wide, or use --format markdown",
            param_hint="--explain",
        )
    messages = Messages(quiet=quiet)
    _check_dask(dask, n_process, messages)
    read = ReadOptions.of(glob, text_key, id_key, date_key, year)
    docs = _documents(
        _paths(inputs, db), messages, encoding=encoding, max_bytes=max_bytes, batch_size=batch_size,
        n_process=n_process, quiet=quiet, read=read, keep=keep, dask=dask, db=db,
    )  # fmt: skip
    by_day = by is CompareBy.day
    human = fmt in (CompareFormat.table, CompareFormat.markdown)
    summary = human and not (by_day or show_all) and len({doc.id for doc in docs}) > 1
    ledger = build_ledger(docs, by_day=by_day, summary=summary)
    if ledger.undated and (ledger.several_docs or by_day):
        messages.warning(
            undated_message(ledger.undated, "figures without a date are not merged or put in date order")
        )
    shown = len(set(ledger.docs))
    hint = f"{shown} documents; --all for every figure, --by day for each day's" if summary else None
    write_ledger(ledger, fmt, explain=explain, wide=wide, hint=hint)
    raise typer.Exit(1 if messages.errors else 0)


def undated_message(docs: tuple[str, ...], effect: str) -> str:
    """ "3 documents have no date (a.txt, b.txt, c.txt and 2 more): EFFECT; ..." """
    shown = ", ".join(docs[:3]) + (f" and {len(docs) - 3} more" if len(docs) > 3 else "")
    what = "1 document has" if len(docs) == 1 else f"{len(docs)} documents have"
    return (
        f"{what} no date ({shown}): {effect}; a dateline without a year ('Baku, October 17') gets one with "
        "--year YEAR"
    )


@app.command(
    cls=Command,
    epilog=(
        "Examples:\n\n"
        "  claims timeline saved.jsonl\n\n"
        "  claims timeline articles/ --own --daily --png timeline.png\n\n"
        "  claims timeline articles/ --since 2020-10-01 --party armenia\n\n"
        "  claims timeline --db war.db --png totals.png"
    ),
)
@_interruptible
def timeline(
    inputs: Inputs = None,
    png: Annotated[
        str | None,
        typer.Option(
            "--png",
            metavar="FILE",
            # "\\[": rich markup would take "[png]" for a style tag.
            help="Also write the chart as a PNG image (needs matplotlib: "
            "pip install 'conflict-claims\\[png]').",
        ),
    ] = None,
    own: Annotated[
        bool, typer.Option("--own", help="Also plot each side's running totals of its own losses.")
    ] = False,
    daily: Annotated[
        bool,
        typer.Option(
            "--daily", help="Also plot each side's other figures (one day's, one event's), summed per day."
        ),
    ] = False,
    width: Annotated[
        int | None,
        typer.Option("--width", metavar="N", min=40, help="Chart width in columns. Default: the terminal's."),
    ] = None,
    height: Annotated[
        int, typer.Option("--height", metavar="N", min=8, help="Height of each chart in rows.")
    ] = 16,
    encoding: Encoding = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    glob: Glob = None,
    text_key: TextKey = DEFAULT_TEXT_KEY,
    id_key: IdKey = DEFAULT_ID_KEY,
    date_key: DateKey = DEFAULT_DATE_KEY,
    year: Year = None,
    since: filtering.Since = None,
    until: filtering.Until = None,
    claimant_side: filtering.ClaimantSide = None,
    party: filtering.Party = None,
    types: filtering.Type = None,
    batch_size: BatchSize = 16,
    n_process: NProcess = 1,
    dask: Dask = None,
    quiet: Quiet = False,
    db: StoreOption = None,
) -> None:
    """Plot each side's claimed running totals of the other side's losses against document date.

    One chart per kind of loss (killed, tanks destroyed, drones downed...), a line per side.

    Reads the same inputs as `compare`. Claims of documents without a date are left out, with a warning.
    """
    from extractors.ledger import build_timeline

    from .timeline import PNG_HINT, png_available, write_png, write_terminal

    keep = filtering.claim_filter(since, until, claimant_side, party, types)
    messages = Messages(quiet=quiet)
    if png and not png_available():
        # Before any input is read: the extraction would be wasted.
        messages.error(f"--png needs matplotlib, which is not installed: {PNG_HINT}")
        raise typer.Exit(1)
    _check_dask(dask, n_process, messages)
    read = ReadOptions.of(glob, text_key, id_key, date_key, year)
    docs = _documents(
        _paths(inputs, db), messages, encoding=encoding, max_bytes=max_bytes, batch_size=batch_size,
        n_process=n_process, quiet=quiet, read=read, keep=keep, dask=dask, db=db,
    )  # fmt: skip
    chart = build_timeline(docs, own=own, daily=daily)
    if chart.undated:
        claims = "1 claim" if chart.undated == 1 else f"{chart.undated} claims"
        effect = f"{claims} cannot be placed on the timeline"
        messages.warning(undated_message(chart.undated_docs, effect))
    if not chart.series:
        what = "dated figures" if daily else "dated running totals"
        typer.echo(f"No {what} to plot.")
        if png:
            messages.warning(f"{png}: nothing to plot; not written")
        raise typer.Exit(1 if messages.errors else 0)
    write_terminal(chart, sys.stdout, width=width, height=height)
    if png:
        try:
            write_png(chart, png)
        except OSError as exc:
            messages.error(f"{png}: could not be written ({exc.strerror or exc})")
    raise typer.Exit(1 if messages.errors else 0)


def _documents(
    paths: list[str],
    messages: Messages,
    *,
    encoding: str | None,
    max_bytes: int,
    batch_size: int,
    n_process: int,
    quiet: bool,
    read: ReadOptions | None = None,
    keep: ClaimFilter | None = None,
    dask: str | None = None,
    db: str | None = None,
) -> list[DocumentClaims]:
    """The claims of every input that pass `keep`, for `compare` and `timeline`; or those in the claims
    store `db`.

    Saved extract output (JSON / JSONL) is read back as it is; articles go through the pipeline, keeping
    their text (the ledger reads the sentence around each figure). Saved documents come first, then the
    extracted ones. Each problem is reported on `messages` as it is met.
    """
    from extractors.ledger import documents_from_json

    keep = keep or ClaimFilter()
    if db is not None:
        from .store import stored_documents

        return [keep.apply(doc) for doc in stored_documents(db, messages, with_text=True)]
    read = read or ReadOptions()
    saved: list[DocumentClaims] = []
    articles: list[SourceText] = []
    for source in _sources(paths, encoding, max_bytes, messages, read=read):
        try:
            docs = documents_from_json(source.text)
        except ValueError as exc:
            messages.error(f"{source.id}: {exc}")
            continue
        if docs is None:
            articles.append(source)
        else:
            saved.extend(docs)
    extracted: list[DocumentClaims] = []
    # Saved extract output needs no pipeline: loading spaCy would only cost time, or fail without the model.
    if articles:
        with Progress(enabled=not quiet, console=messages.console, total=len(articles)) as progress:
            extracted = list(
                _extract(
                    iter(articles),
                    messages,
                    progress,
                    batch_size=batch_size,
                    n_process=n_process,
                    year=read.year,
                    keep_text=True,
                    dask=dask,
                )
            )
    return [keep.apply(doc) for doc in (*saved, *extracted)]


def _paths(inputs: list[str] | None, db: str | None = None) -> list[str]:
    if db is not None:
        if inputs:
            raise typer.BadParameter(
                f"reads the claims store instead of inputs; to add inputs to it, run `claims extract INPUTS "
                f"--db {db}` first",
                param_hint="--db",
            )
        return []
    if inputs:
        return inputs
    if not sys.stdin.isatty():
        return [STDIN_ID]
    raise typer.BadParameter("give a file, a folder, or - for standard input", param_hint="PATH")


def _sources(
    paths: list[str],
    encoding: str | None,
    max_bytes: int,
    messages: Messages,
    *,
    read: ReadOptions | None = None,
    on_skip: Callable[[], None] | None = None,
) -> Iterator[SourceText]:
    """The readable inputs; each problem is reported as it is met (and `on_skip` called), and the batch
    goes on."""
    read = read or ReadOptions()
    items = iter_sources(
        paths,
        encoding=encoding,
        max_bytes=max_bytes,
        globs=read.globs,
        text_key=read.text_key,
        id_key=read.id_key,
        date_key=read.date_key,
    )
    for item in items:
        if isinstance(item, InputProblem):
            if item.empty:
                messages.warning(f"{item.message}; no claims")
            else:
                messages.error(item.message)
            if on_skip is not None:
                on_skip()
        elif isinstance(item, InputNote):
            messages.warning(item.message)
        else:
            yield item


def _extract(
    sources: Iterator[SourceText],
    messages: Messages,
    progress: Progress,
    *,
    batch_size: int,
    n_process: int,
    year: int | None = None,
    keep_text: bool = False,
    dask: str | None = None,
    full_parse: bool = False,
) -> Iterator[DocumentClaims]:
    """Claims of each source, dated: its own date (a corpus field, a page's metadata), else its text's
    (`year` for a dateline without one), else the date in its file name.

    With `keep_text`, each document carries its text (`--emit-text`). With `dask`, the extraction runs on
    that Dask cluster (`--dask`), with the same results in the same order. With `full_parse`, the model
    parses every paragraph (`--full-parse`).
    """
    from extractors import extract_many
    from extractors.dates import detect_date
    from extractors.distributed import ClusterError, extract_on_dask
    from extractors.model import ModelNotFound

    # Each source goes through under a key of its own and comes back to its id (and text) by it: ids may
    # repeat (a file given twice, corpus rows sharing one), and failed documents are left out. Only the
    # sources in flight are held.
    in_flight: dict[str, tuple[str, str | None, int]] = {}

    def failed(key: str, exc: Exception) -> None:
        doc_id, _, _ = in_flight.pop(key, (key, None, 0))
        messages.error(f"{doc_id}: could not be processed ({type(exc).__name__}: {exc})")
        progress.advance()

    def counted() -> Iterator[tuple[str, str, str | None]]:
        for number, source in enumerate(sources):
            if source.extract_output:
                messages.error(
                    f"{source.id}: holds `claims extract` records, not articles; `claims compare` reads them"
                )
                progress.advance()
                continue
            key = str(number)
            in_flight[key] = (source.id, source.text if keep_text else None, len(source.text.split()))
            date = source.date
            if date is None and source.name_date is not None:
                # The file name's date is the last resort: the text's own date, if it gives one, comes first.
                date = detect_date(source.text, default_year=year) or source.name_date
            yield key, source.text, date

    try:
        if dask:
            docs = extract_on_dask(
                counted(),
                dask,
                batch_size=batch_size,
                on_error=failed,
                default_year=year,
                full_parse=full_parse,
            )
        else:
            docs = extract_many(
                counted(),
                batch_size=batch_size,
                n_process=n_process,
                on_error=failed,
                default_year=year,
                full_parse=full_parse,
            )
        for doc in docs:
            doc_id, text, words = in_flight.pop(doc.id)
            progress.advance(words=words)
            yield replace(doc, id=doc_id, text=text)
    except (ModelNotFound, ClusterError) as exc:
        messages.error(str(exc))


def _check_dask(dask: str | None, n_process: int, messages: Messages) -> None:
    """`--dask`: a usable address, not with -n, and Dask installed; checked before any input is read."""
    from extractors.distributed import DASK_HINT, dask_available, parse_address

    if dask is None:
        return
    try:
        parse_address(dask)
    except ValueError as exc:
        raise typer.BadParameter(f"{exc}", param_hint="--dask") from None
    if n_process != 1:
        raise typer.BadParameter(
            "the cluster's workers do the work; leave out -n/--n-process", param_hint="--dask"
        )
    if not dask_available():
        messages.error(f"--dask needs Dask, which is not installed: {DASK_HINT}")
        raise typer.Exit(1)
    # Dask logs its own troubles (a lost scheduler, a restarted worker) as tracebacks on stderr; those that
    # matter reach the user as one Error: line each. These are the loggers Dask gives levels of their own.
    for name in ("distributed", "distributed.client", "distributed.gc"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def main() -> None:
    app(prog_name="claims")
