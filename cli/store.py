"""`--db FILE` on the command line: extracting into the claims store, and reading claims back out of it.

`claims extract INPUTS --db FILE` extracts only the documents the store does not hold as they are now (new,
changed text or date, or extracted by another extractor version; every one with `--rebuild`), writes each
as soon as it is extracted, and prints one summary line on stderr. The spaCy pipeline is loaded only when a
document must be extracted, so a run with nothing new costs reading and hashing the inputs. The store itself
is `extractors.store`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain

import typer
from rich.text import Text

from extractors.records import DocumentClaims
from extractors.store import Change, Store, StoreError, change, document_date, extractor_version, text_sha256

from .inputs import SourceText
from .render import Messages
from .safe import printable

Extract = Callable[[Iterator[SourceText]], Iterator[DocumentClaims]]


@dataclass
class Summary:
    """What one `claims extract --db` run did, document by document."""

    new: int = 0
    changed: int = 0
    outdated: int = 0  # same text and date, re-extracted: another extractor version, or --rebuild
    unchanged: int = 0
    failed: int = 0  # could not be read, or extracted, or stored

    def add(self, state: Change) -> None:
        setattr(self, state, getattr(self, state) + 1)

    def line(self, path: str, total: int | None) -> str:
        counts = (
            f"{path}: {self.new} new, {self.changed} changed, {self.outdated} re-extracted, "
            f"{self.unchanged} unchanged, {self.failed} failed"
        )
        if total is None:
            return counts
        return f"{counts}; {total} document{'' if total == 1 else 's'} in the store"


def open_store(path: str, messages: Messages, *, create: bool) -> Store:
    """The store, or one `Error:` line and exit code 1."""
    try:
        return Store.open(path, create=create)
    except StoreError as exc:
        messages.error(str(exc))
        raise typer.Exit(1) from None


def update_store(
    path: str,
    sources: Iterator[SourceText],
    messages: Messages,
    extract: Extract,
    *,
    year: int | None,
    rebuild: bool,
) -> Summary:
    """Extract into the store at `path` (made if missing) what it lacks of `sources`; `extract` turns
    sources into their claims, each with its id and text (`cli.app._extract` with `keep_text`)."""
    store = open_store(path, messages, create=True)
    version = extractor_version()
    summary = Summary()
    # id -> (how it stands, where it was read), for the documents handed to `extract` and not back yet
    pending: dict[str, tuple[Change, str | None]] = {}
    seen: dict[str, str] = {}  # id -> sha256 of every document read in this run

    def todo() -> Iterator[SourceText]:
        for source in _read(sources, messages, summary):
            if source.extract_output:
                summary.failed += 1  # `extract` says why
                yield source
                continue
            sha256 = text_sha256(source.text)
            if source.id in seen:
                # One id, one document in the store: a file given twice is stored once; two texts under
                # one id would replace each other on every run.
                if seen[source.id] == sha256:
                    summary.unchanged += 1
                else:
                    summary.failed += 1
                    messages.error(
                        f"{source.id}: another document read in this run has this id; only the first is "
                        "stored (give each document an id of its own)"
                    )
                continue
            seen[source.id] = sha256
            # the date `_extract` gives it: a file name's date is the last resort, as there
            date = document_date(source.text, source.date, default_year=year) or source.name_date
            state = change(store.stored(source.id), sha256, date, version)
            if state == "unchanged" and not rebuild:
                summary.unchanged += 1
                continue
            pending[source.id] = ("outdated" if state == "unchanged" else state, source.origin)
            yield source

    try:
        queue = todo()
        first = next(queue, None)
        # Nothing to extract, nothing to load: the pipeline (spaCy) is imported by the first extraction.
        if first is not None:
            for doc in extract(chain([first], queue)):
                state, origin = pending[doc.id]
                store.write(doc, text=doc.text or "", source=origin, version=version)
                del pending[doc.id]
                summary.add(state)
    except StoreError as exc:
        messages.error(str(exc))
    finally:
        summary.failed += len(pending)
        try:
            total: int | None = store.count()
        except StoreError:  # the store broke under the run, which said so in an error already
            total = None
        store.close()
    if not messages.quiet:
        messages.console.print(Text(printable(summary.line(path, total))))
    return summary


def _read(sources: Iterator[SourceText], messages: Messages, summary: Summary) -> Iterator[SourceText]:
    """`sources`, counting as failed every input reported as an error while it is read."""
    while True:
        before = messages.errors
        source = next(sources, None)
        summary.failed += messages.errors - before
        if source is None:
            return
        yield source


def stored_documents(path: str, messages: Messages, *, with_text: bool = False) -> Iterator[DocumentClaims]:
    """Every document in the store at `path`, as extracted (see `Store.documents`); the store is opened
    now, so a bad one is an `Error:` line before anything is printed."""
    store = open_store(path, messages, create=False)
    try:
        outdated, total = store.outdated(extractor_version()), store.count()
    except StoreError as exc:
        store.close()
        messages.error(str(exc))
        raise typer.Exit(1) from None
    if outdated:
        messages.warning(
            f"{path}: {outdated} of {total} documents were extracted by another version of the extractors "
            "than this one; run `claims extract` on their inputs again to bring them up to date"
        )
    return _documents(store, messages, with_text)


def _documents(store: Store, messages: Messages, with_text: bool) -> Iterator[DocumentClaims]:
    try:
        yield from store.documents(with_text=with_text)
    except StoreError as exc:
        messages.error(str(exc))
    finally:
        store.close()
