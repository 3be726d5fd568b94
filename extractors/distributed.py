"""Extraction on a Dask cluster: the `claims --dask ADDRESS` path and the entry points for data pipelines.

Dask is an optional extra (`pip install 'conflict-claims[dask]'`): this module imports without it, and every
function that needs it imports it when called.

Two ways in:

* `extract_on_dask(items, address)`: a drop-in for `extract_many` that yields `DocumentClaims` in input
  order, the documents going to the cluster in batches (one Dask task each). What `claims --dask` runs.
* `extract_bag(bag)` (`bag.map_partitions(extract_records)`) and `extract_frame` (for
  `ddf.map_partitions(extract_frame, meta=records_meta())`): a Dask collection of (id, text, date) items to a
  collection of `conflict-claims/1` record dicts or rows, the shape of `claims extract --format jsonl`, for
  `.to_dataframe(meta=records_meta()).to_parquet(...)`.

Each worker process loads the spaCy pipeline once, on its first task, and keeps it: `get_nlp()` is a cached
per-process singleton, so no task pays for it again. Start workers with one thread each (`--nthreads 1`,
as many worker processes as cores): spaCy holds the GIL, so threads of one process do not add speed.
"""

from __future__ import annotations

import logging
import re
import signal
import typing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError
from dataclasses import fields
from typing import TYPE_CHECKING, Any, Literal

from . import ErrorHandler, _dated_items, _extract_batch, _Failed, extract_many
from .records import Casualty, DocumentClaims, Equipment, Quote, record_to_dict

if TYPE_CHECKING:
    import dask.bag
    import pandas as pd
    from distributed import Client, Future, WorkerPlugin

__all__ = [
    "DASK_HINT", "ClusterError", "dask_available", "extract_bag", "extract_frame", "extract_on_dask",
    "extract_records", "parse_address", "records_frame", "records_meta",
]  # fmt: skip

DASK_HINT = "pip install 'conflict-claims[dask]'"
# How long to wait for a scheduler that does not answer: Dask's own default (30 s) is long for a typo.
CONNECT_TIMEOUT = "10s"
# Batches in flight per worker thread: one running, one waiting, so no worker idles while its result
# travels back; more would only hold more text in memory.
AHEAD_PER_THREAD = 2

log = logging.getLogger(__name__)

LOCAL = re.compile(r"local:(\d+)")
SCHEDULER = re.compile(r"[a-z][a-z0-9+.-]*://\S+|[^\s:/]+:\d+")

# The columns of a record row: type and doc, then every record field once, in contract order (the header of
# `claims extract --format csv`, which the library cannot import from the CLI).
RECORD_COLUMNS: tuple[str, ...] = tuple(
    dict.fromkeys(["type", "doc", *(f.name for cls in (Quote, Casualty, Equipment) for f in fields(cls))])
)


class ClusterError(RuntimeError):
    """The Dask cluster could not be started or reached."""


def dask_available() -> bool:
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


def parse_address(address: str) -> str | int:
    """A scheduler address as Dask takes it (`tcp://host:8786`, `host:8786`), or the N of `local:N`.

    Raises ValueError for anything else.
    """
    if m := LOCAL.fullmatch(address):
        n = int(m.group(1))
        if n < 1:
            raise ValueError("local:N needs at least 1 worker")
        return n
    if SCHEDULER.fullmatch(address):
        return address
    raise ValueError(f"{address!r} is neither a scheduler address (tcp://HOST:PORT) nor local:N")


def extract_on_dask(
    items: Iterable[tuple[str, str] | tuple[str, str, str | None]],
    cluster: str | Client,
    *,
    batch_size: int = 16,
    on_error: ErrorHandler | None = None,
    default_year: int | None = None,
    full_parse: bool = False,
) -> Iterator[DocumentClaims]:
    """`extract_many` on a Dask cluster: the same documents, the same `on_error` calls, in the same order.

    `cluster` is a scheduler address (`tcp://host:8786`), `local:N` (a `LocalCluster` of N worker
    processes with one thread each, started here and closed at the end) or a connected `Client`.

    Documents are dated here, as `extract_many` does, and go out in batches of `batch_size`, one task each,
    at most two per worker thread ahead of the output, so inputs are read lazily and held only while in
    flight. Dask places the tasks; when a worker dies, its tasks run again elsewhere, and each batch's result
    is taken once, so no document is lost or given twice. A batch that keeps killing workers (Dask gives up
    after `distributed.scheduler.allowed-failures` tries) has each of its documents handed to `on_error`
    (or raises KilledWorker without it). Raises ClusterError when the cluster cannot be started or reached,
    or is lost during the run. `full_parse` is as for `extract_many`.
    """
    from distributed import KilledWorker

    client, close = _connect(cluster)
    pending: deque[tuple[list[tuple[str, str, str | None]], Future]] = deque()
    catch = on_error is not None

    def results(chunk: list[tuple[str, str, str | None]], future: Future) -> Iterator[DocumentClaims]:
        try:
            out: list[DocumentClaims | _Failed] = future.result()
        except KilledWorker as exc:
            if on_error is None:
                raise
            out = [_Failed(doc_id, exc) for doc_id, _, _ in chunk]
        except (CancelledError, OSError) as exc:
            # Not a document's fault: the scheduler is gone (Dask cancels every future when the client has
            # lost it for good) or unreachable, so nothing more can be extracted.
            raise ClusterError(f"the Dask cluster was lost ({type(exc).__name__}: {exc})") from exc
        # as `_extract_parallel`: a batch's failures are reported first, then its documents follow
        for item in out:
            if isinstance(item, _Failed):
                on_error(item.doc_id, item.exc)  # type: ignore[misc]  # catch is True
        yield from (item for item in out if not isinstance(item, _Failed))

    try:
        chunk: list[tuple[str, str, str | None]] = []
        for item in _dated_items(items, default_year):
            chunk.append(item)
            if len(chunk) < batch_size:
                continue
            # pure=False: two batches of the same texts are still two tasks, each with its own result
            pending.append((chunk, client.submit(_extract_batch, chunk, catch, full_parse, pure=False)))
            chunk = []
            if len(pending) >= AHEAD_PER_THREAD * max(1, sum(client.nthreads().values())):
                yield from results(*pending.popleft())
        if chunk:
            pending.append((chunk, client.submit(_extract_batch, chunk, catch, full_parse, pure=False)))
        while pending:
            yield from results(*pending.popleft())
    finally:
        # An early exit (an error, `| head`, Ctrl-C) drops the batches not yet taken.
        if pending:
            client.cancel([future for _, future in pending])
        close()


def _connect(cluster: str | Client) -> tuple[Client, Callable[[], None]]:
    """A client for `cluster`, and what closes what was opened here (nothing, for a caller's client)."""
    from distributed import Client, LocalCluster

    if isinstance(cluster, Client):
        return cluster, lambda: None
    target = parse_address(cluster)
    if isinstance(target, int):
        try:
            local = LocalCluster(
                n_workers=target,
                threads_per_worker=1,
                processes=True,
                # no dashboard (it needs bokeh, and a port); worker restarts are not news on stderr
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
        except Exception as exc:  # noqa: BLE001 - whatever stops the cluster from starting is one message
            raise ClusterError(f"--dask {cluster}: the local Dask cluster did not start ({exc})") from exc
        client = Client(local, set_as_default=False)
        client.register_plugin(_interrupts_ignored())

        def close_local() -> None:
            client.close()
            local.close()

        return client, close_local
    try:
        client = Client(target, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"--dask {cluster}: cannot reach the Dask scheduler ({exc})") from exc
    return client, client.close


def _interrupts_ignored() -> WorkerPlugin:
    """A plugin that makes a local worker ignore Ctrl-C, as the `-n` workers do (`_worker_init`).

    Ctrl-C reaches the whole process group: this process stops with one line and closes the cluster, instead
    of each worker printing a KeyboardInterrupt traceback. A plugin, not a call on each worker, so that a
    worker started again after one died gets it too. Defined here because its base class is Dask's.
    """
    from distributed import WorkerPlugin

    class InterruptsIgnored(WorkerPlugin):
        name = "claims-interrupts-ignored"

        def setup(self, worker: object) -> None:
            signal.signal(signal.SIGINT, signal.SIG_IGN)

    return InterruptsIgnored()


# --- Dask collections --------------------------------------------------------------------------------------


def extract_records(
    items: Iterable[tuple[str, str] | tuple[str, str, str | None]],
    *,
    default_year: int | None = None,
    batch_size: int = 16,
    errors: Literal["skip", "raise"] = "skip",
) -> list[dict[str, Any]]:
    """The `conflict-claims/1` records of (id, text) or (id, text, date) items, as `claims extract --format
    jsonl` prints them (`type`, `doc`, `date`, then the record's fields), documents in order, each one's
    records in text order. For `bag.map_partitions(extract_records)`.

    A document that raises is logged (warning, logger `extractors.distributed`, on the worker) and left out,
    and the rest go on; with `errors="raise"` the exception propagates and fails the task.
    """

    def failed(doc_id: str, exc: Exception) -> None:
        log.warning("%s: could not be processed (%s: %s)", doc_id, type(exc).__name__, exc)

    docs = extract_many(
        items,
        batch_size=batch_size,
        on_error=None if errors == "raise" else failed,
        default_year=default_year,
    )
    return [record_to_dict(record, doc.id) for doc in docs for record in doc.records()]


def extract_bag(
    bag: dask.bag.Bag,
    *,
    default_year: int | None = None,
    batch_size: int = 16,
    errors: Literal["skip", "raise"] = "skip",
) -> dask.bag.Bag:
    """A bag of (id, text, date) items to the bag of their records (`extract_records` on each partition).

    `.to_dataframe(meta=records_meta())` makes it a Dask DataFrame with one fixed set of columns for the
    three record types (without `meta`, Dask would take the columns of the first record alone).
    """
    return bag.map_partitions(
        extract_records, default_year=default_year, batch_size=batch_size, errors=errors
    )


def extract_frame(
    frame: pd.DataFrame,
    *,
    id_column: str = "id",
    text_column: str = "text",
    date_column: str | None = "date",
    default_year: int | None = None,
    batch_size: int = 16,
    errors: Literal["skip", "raise"] = "skip",
) -> pd.DataFrame:
    """A partition of documents (one row each) to its record rows (`records_frame`), for
    `ddf.map_partitions(extract_frame, meta=records_meta())`. Without a `date_column` in the frame, dates
    are read from the texts."""
    import pandas as pd

    if date_column is not None and date_column in frame.columns:
        dates = [None if pd.isna(d) else str(d) for d in frame[date_column]]
    else:
        dates = [None] * len(frame)
    items = zip((str(i) for i in frame[id_column]), frame[text_column], dates, strict=True)
    records = extract_records(items, default_year=default_year, batch_size=batch_size, errors=errors)
    return records_frame(records)


def records_frame(records: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Record dicts as a pandas DataFrame with every column of `RECORD_COLUMNS`, a field a record type does
    not have left missing, in nullable dtypes (string, Int64, boolean) that Parquet keeps as they are."""
    import pandas as pd

    return pd.DataFrame(list(records), columns=list(RECORD_COLUMNS)).astype(_record_dtypes())


def records_meta() -> pd.DataFrame:
    """The empty frame of record rows: the `meta` that Dask needs to build the DataFrame without computing."""
    return records_frame([])


def _record_dtypes() -> dict[str, str]:
    dtypes = {"type": "string", "doc": "string"}
    for cls in (Quote, Casualty, Equipment):
        for name, hint in typing.get_type_hints(cls).items():
            if name in dtypes or name not in RECORD_COLUMNS:
                continue
            kinds = {hint, *typing.get_args(hint)}
            dtypes[name] = "boolean" if bool in kinds else "Int64" if int in kinds else "string"
    return dtypes
