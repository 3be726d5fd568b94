"""The `claims` command: `extract` prints every claim, `compare` sets the two sides' claims side by side.

Exit codes: 0 when every input was read and processed (empty input only warns); 1 when some input was
skipped (missing, unreadable, binary, not UTF-8, too big, HTML, a broken JSONL line) or the spaCy model is
missing; 2 for a usage error. Data goes to stdout, every message to stderr, one line each.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, version
from typing import Annotated

import typer

from extractors.records import DocumentClaims

from .inputs import DEFAULT_MAX_BYTES, STDIN_ID, InputProblem, SourceText, iter_sources
from .progress import Progress
from .render import CompareFormat, ExtractFormat, Messages, write_documents, write_ledger

DIST_NAME = "conflict-claims"

app = typer.Typer(
    name="claims",
    help="Extract Armenian and Azerbaijani claims (quotes, casualties, equipment losses) from war reporting.",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
    # A crash must never dump a rich traceback with local variables (article text) into a pipeline.
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
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
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Extract Armenian and Azerbaijani claims (quotes, casualties, equipment losses) from war reporting.

    Input is English article text: files, folders (every *.txt in them) or - for standard input.
    """


Inputs = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="[PATH|-]...",
        help="Text files, folders (every *.txt inside, recursively) or - for standard input. "
        "With no path and piped input, standard input is read.",
        show_default=False,
    ),
]
Encoding = Annotated[
    str | None,
    typer.Option("--encoding", help="Decode input with this codec instead of UTF-8 (e.g. cp1252, latin-1)."),
]
MaxBytes = Annotated[
    int, typer.Option("--max-bytes", min=0, help="Skip any input larger than this many bytes.")
]
BatchSize = Annotated[int, typer.Option("--batch-size", min=1, help="Documents per spaCy batch.")]
NProcess = Annotated[
    int, typer.Option("-n", "--n-process", min=1, help="Worker processes for spaCy (1 = this process).")
]
Quiet = Annotated[bool, typer.Option("-q", "--quiet", help="No warnings and no progress bar on stderr.")]


@app.command(
    epilog=(
        "Examples:\n\n"
        "  claims extract samples/southfront-2020-10-08.txt\n\n"
        "  cat article.txt | claims extract - --format jsonl | jq 'select(.type==\"casualty\")'\n\n"
        "  claims extract notes/ --format csv > claims.csv"
    )
)
def extract(
    inputs: Inputs = None,
    fmt: Annotated[
        ExtractFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format. Default: table on a terminal, jsonl when piped.",
            show_default=False,
        ),
    ] = None,
    encoding: Encoding = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    batch_size: BatchSize = 16,
    n_process: NProcess = 1,
    quiet: Quiet = False,
) -> None:
    """Print every attributed quote, casualty figure and equipment-loss figure (conflict-claims/1)."""
    messages = Messages(quiet=quiet)
    fmt = fmt or (ExtractFormat.table if sys.stdout.isatty() else ExtractFormat.jsonl)
    sources = _sources(_paths(inputs), encoding, max_bytes, messages)
    with Progress(enabled=not quiet) as progress:
        docs = _extract(sources, messages, progress, batch_size=batch_size, n_process=n_process)
        write_documents(docs, fmt)
    raise typer.Exit(1 if messages.errors else 0)


@app.command(
    epilog=(
        "Examples:\n\n"
        "  claims compare samples/southfront-2020-10-08.txt\n\n"
        "  claims compare samples/ --format markdown > ledger.md\n\n"
        "  claims extract a.txt b.txt | jq -c 'select(.claimant_side != \"unknown\")' | claims compare -"
    )
)
def compare(
    inputs: Inputs = None,
    fmt: Annotated[
        CompareFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CompareFormat.table,
    encoding: Encoding = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    batch_size: BatchSize = 16,
    n_process: NProcess = 1,
    quiet: Quiet = False,
) -> None:
    """Side-by-side table of what the Armenian side and the Azerbaijani side claim, then their quotes.

    Reads articles like `extract`, or the JSON / JSONL that `claims extract` printed.
    """
    from extractors.ledger import build_ledger, documents_from_json

    messages = Messages(quiet=quiet)
    saved: list[DocumentClaims] = []
    articles: list[SourceText] = []
    for source in _sources(_paths(inputs), encoding, max_bytes, messages):
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
        with Progress(enabled=not quiet) as progress:
            extracted = list(
                _extract(iter(articles), messages, progress, batch_size=batch_size, n_process=n_process)
            )
    write_ledger(build_ledger([*saved, *extracted]), fmt)
    raise typer.Exit(1 if messages.errors else 0)


def _paths(inputs: list[str] | None) -> list[str]:
    if inputs:
        return inputs
    if not sys.stdin.isatty():
        return [STDIN_ID]
    raise typer.BadParameter("give a file, a folder, or - for standard input", param_hint="PATH")


def _sources(
    paths: list[str], encoding: str | None, max_bytes: int, messages: Messages
) -> Iterator[SourceText]:
    """The readable inputs; each problem is reported as it is met, and the batch goes on."""
    for item in iter_sources(paths, encoding=encoding, max_bytes=max_bytes):
        if isinstance(item, InputProblem):
            if item.empty:
                messages.warning(f"{item.message}; no claims")
            else:
                messages.error(item.message)
        else:
            yield item


def _extract(
    sources: Iterator[SourceText],
    messages: Messages,
    progress: Progress,
    *,
    batch_size: int,
    n_process: int,
) -> Iterator[DocumentClaims]:
    from extractors import extract_many
    from extractors.pipeline import ModelNotFound

    def failed(doc_id: str, exc: Exception) -> None:
        messages.error(f"{doc_id}: could not be processed ({type(exc).__name__}: {exc})")

    def counted() -> Iterator[tuple[str, str]]:
        for source in sources:
            progress.add_words(len(source.text.split()))
            yield source.id, source.text

    try:
        for doc in extract_many(counted(), batch_size=batch_size, n_process=n_process, on_error=failed):
            progress.advance()
            yield doc
    except ModelNotFound as exc:
        messages.error(str(exc))


def main() -> None:
    app(prog_name="claims")
