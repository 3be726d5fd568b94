"""Extract attributed quotes, casualty and equipment-loss claims from war reporting.

    >>> from extractors import extract
    >>> claims = extract("The enemy lost 4 tanks, the ministry said.")
    >>> claims.equipment[0].count
    4

A library with no CLI dependencies: the `claims` command (package `cli`) is a thin layer over it.
"""

from __future__ import annotations

import os
import pickle
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import islice
from typing import TYPE_CHECKING

from .records import (
    SCHEMA,
    Casualty,
    DocumentClaims,
    Equipment,
    Quote,
    Record,
    record_from_dict,
    record_to_dict,
)

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "SCHEMA", "Casualty", "DocumentClaims", "Equipment", "Quote", "Record", "extract", "extract_many",
    "get_nlp", "record_from_dict", "record_to_dict",
]  # fmt: skip

ErrorHandler = Callable[[str, Exception], None]


def get_nlp() -> Language:
    # Imported here, not at the top, so `claims --help` never pays for importing spaCy.
    from .pipeline import get_nlp as _get

    return _get()


def extract(
    text: str, doc_id: str = "-", *, date: str | None = None, default_year: int | None = None
) -> DocumentClaims:
    """Every claim in one text; `date` and `default_year` as for `extract_many`."""
    return next(extract_many([(doc_id, text, date)], default_year=default_year))


def extract_many(
    items: Iterable[tuple[str, str] | tuple[str, str, str | None]],
    *,
    batch_size: int = 16,
    n_process: int = 1,
    on_error: ErrorHandler | None = None,
    default_year: int | None = None,
    full_parse: bool = False,
) -> Iterator[DocumentClaims]:
    """Claims for (id, text) or (id, text, date) items, in input order, streamed through the pipeline.

    The document's date (`DocumentClaims.date`, and `date` on each of its records) is the item's date when
    `dates.parse_date` reads one in it, else the date the head of the text gives (`dates.detect_date`; a
    dateline without a year takes `default_year`), else None. It is settled here, in the calling process.

    With `on_error`, a document whose processing raises is handed to it with the exception and left out,
    and the rest of the batch goes on; without it, the exception propagates. Items are read lazily, so a
    caller's generator can report unreadable inputs as it meets them.

    `n_process` > 1 spreads batches of `batch_size` documents over that many worker processes (-1: one per
    CPU); the results, and the calls to `on_error`, are exactly those of one process, in the same order.

    The model's tagger, parser and NER run only on the paragraphs that can hold a claim and the context
    the extractors read there (`extractors.triage`), with the same results as parsing everything; with
    `full_parse`, every document goes through the whole pipeline (`nlp.pipe`), as before triage.
    """
    items = _dated_items(items, default_year)
    if n_process < 1:
        n_process = os.cpu_count() or 1
    if n_process > 1:
        yield from _extract_parallel(
            items, batch_size=batch_size, n_process=n_process, on_error=on_error, full_parse=full_parse
        )
        return
    nlp = get_nlp()
    iterator = iter(items)
    while chunk := list(islice(iterator, batch_size)):
        try:
            docs = _parse(nlp, [text for _, text, _ in chunk], batch_size, full_parse)
        except Exception:
            if on_error is None:
                raise
            docs = [_one(nlp, doc_id, text, on_error, full_parse) for doc_id, text, _ in chunk]
        for (doc_id, _, date), doc in zip(chunk, docs, strict=True):
            if doc is not None:
                yield _dated(replace(doc._.claims, id=doc_id), date)


def _parse(nlp: Language, texts: list[str], batch_size: int, full_parse: bool) -> list:  # list[Doc]
    from .triage import context_rules, pipe

    if not full_parse:
        return list(pipe(nlp, texts, batch_size=batch_size))
    # the whole pipeline on each document, but one too long to give the model at once goes in parts
    limit = context_rules().max_part_tokens
    docs = [nlp.make_doc(text) for text in texts]
    long = [k for k, doc in enumerate(docs) if len(doc) > limit]
    if not long:
        return list(nlp.pipe(docs, batch_size=batch_size))
    out: list = [None] * len(docs)
    short = [k for k, doc in enumerate(docs) if len(doc) <= limit]
    for k, doc in zip(short, nlp.pipe([docs[k] for k in short], batch_size=batch_size), strict=True):
        out[k] = doc
    for k, doc in zip(
        long, pipe(nlp, [docs[k] for k in long], batch_size=batch_size, parse_all=True), strict=True
    ):
        out[k] = doc
    return out


def _dated_items(
    items: Iterable[tuple[str, str] | tuple[str, str, str | None]], default_year: int | None
) -> Iterator[tuple[str, str, str | None]]:
    """(id, text, ISO date or None) for each item, lazily. A worker process given these finds the same date
    again (an ISO date reads as itself), so it needs no `default_year`."""
    from .dates import detect_date, parse_date

    for item in items:
        doc_id, text = item[0], item[1]
        given = item[2] if len(item) > 2 else None  # type: ignore[misc]
        date = parse_date(given, default_year=default_year) if given else None
        yield doc_id, text, date or detect_date(text, default_year=default_year)


def _dated(claims: DocumentClaims, date: str | None) -> DocumentClaims:
    """The document and each of its records carrying `date`."""
    if date is None:
        return claims
    return replace(
        claims,
        date=date,
        quotes=tuple(replace(q, date=date) for q in claims.quotes),
        casualties=tuple(replace(c, date=date) for c in claims.casualties),
        equipment=tuple(replace(e, date=date) for e in claims.equipment),
    )


def _extract_parallel(
    items: Iterable[tuple[str, str, str | None]],
    *,
    batch_size: int,
    n_process: int,
    on_error: ErrorHandler | None,
    full_parse: bool = False,
) -> Iterator[DocumentClaims]:
    """The n_process > 1 case of `extract_many`.

    Not `nlp.pipe(n_process=...)`: that sends every Doc back to this process as bytes, to be rebuilt here
    only to read `doc._.claims`, and a failure in a worker cannot be pinned on one document. Here each
    worker runs `extract_many` itself over a batch and sends back only the (small, picklable) records, or
    the exceptions of the documents that failed, which this process hands to `on_error` in input order.

    Workers are started with "spawn" (fresh interpreters, on every platform alike): forking a process whose
    other threads (a progress display) may hold locks is unsafe. Each loads the pipeline once, on its first
    batch. At most two batches per worker are read ahead of the output, so inputs are still read lazily.
    """
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    pool = ProcessPoolExecutor(
        n_process, mp_context=multiprocessing.get_context("spawn"), initializer=_worker_init
    )
    pending: deque[Future[list[DocumentClaims | _Failed]]] = deque()
    catch = on_error is not None

    def results(future: Future[list[DocumentClaims | _Failed]]) -> Iterator[DocumentClaims]:
        out = future.result()
        # as in one process: a batch's failures are reported first, then its documents follow
        for item in out:
            if isinstance(item, _Failed):
                on_error(item.doc_id, item.exc)  # type: ignore[misc]  # catch is True
        yield from (item for item in out if not isinstance(item, _Failed))

    try:
        iterator = iter(items)
        while chunk := list(islice(iterator, batch_size)):
            pending.append(pool.submit(_extract_batch, chunk, catch, full_parse))
            if len(pending) >= 2 * n_process:
                yield from results(pending.popleft())
        while pending:
            yield from results(pending.popleft())
    finally:
        # An early exit (an error, `| head`, Ctrl-C) drops the queued batches; running ones finish first.
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_init() -> None:
    # Ctrl-C reaches the whole process group: this process stops, and the workers finish their batch and are
    # shut down, instead of each printing a KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Failed:
    """A document that raised in a worker: its id and the exception (made picklable if it is not)."""

    __slots__ = ("doc_id", "exc")

    def __init__(self, doc_id: str, exc: Exception) -> None:
        self.doc_id = doc_id
        try:
            pickle.dumps(exc)
        except Exception:  # noqa: BLE001 - an exception that cannot cross processes goes as its message
            exc = RuntimeError(f"{type(exc).__name__}: {exc}")
        self.exc = exc

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # the exception travels as its type and arguments, rebuilt by calling the type: Dask installs tblib's
        # pickling of exceptions, which skips their __init__, and a UnicodeEncodeError rebuilt that way has
        # lost its message (pickle's own bytes are the fallback, for a type that takes other arguments)
        return (_unpickle_failed, (self.doc_id, type(self.exc), self.exc.args, pickle.dumps(self.exc)))


def _unpickle_failed(doc_id: str, kind: type[Exception], args: tuple[object, ...], data: bytes) -> _Failed:
    try:
        exc = kind(*args)
    except Exception:  # noqa: BLE001 - a constructor that wants other arguments
        exc = pickle.loads(data)  # noqa: S301 - bytes this program pickled itself
    return _Failed(doc_id, exc)


def _extract_batch(
    chunk: list[tuple[str, str, str | None]], catch: bool, full_parse: bool = False
) -> list[DocumentClaims | _Failed]:
    """In a worker process: one batch through `extract_many` (without `on_error` when not `catch`)."""
    out: list[DocumentClaims | _Failed] = []

    def failed(doc_id: str, exc: Exception) -> None:
        out.append(_Failed(doc_id, exc))

    out.extend(
        extract_many(chunk, batch_size=len(chunk), on_error=failed if catch else None, full_parse=full_parse)
    )
    return out


def _one(nlp: Language, doc_id: str, text: str, on_error: ErrorHandler, full_parse: bool):  # noqa: ANN202
    try:
        return _parse(nlp, [text], 1, full_parse)[0]
    except Exception as exc:  # noqa: BLE001 - any failure of one document is reported, the batch goes on
        on_error(doc_id, exc)
        return None
