"""The claims store (`--db`): schema, incremental runs, reading back, nothing lost, bad stores, Datasette, and
the README's SQL.

Most tests run the command in this process (the session's pipeline); a few run it in a subprocess: a run
with nothing new under an interpreter where spaCy cannot be imported, a run killed with SIGKILL, and two
writers at once.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import Result
from clitools import RUNNER, write
from spacy.language import Language

from cli.app import app
from extractors import Casualty, extract_many
from extractors.dates import date_from_name, detect_date
from extractors.ledger import build_ledger
from extractors.store import (
    SCHEMA_VERSION,
    Store,
    StoredDocument,
    StoreError,
    change,
    extractor_version,
    record_id,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
README = ROOT / "README.md"

# Two later bulletins: each side's running totals fall (540 < 550 killed; 300 < 320 tanks).
LATE = (
    "YEREVAN, October 20 (Meridian) - The Armenian Defense Ministry said on Tuesday that Azerbaijan had lost "
    "320 tanks since September 27.\nThe ministry said the death toll among Armenian servicemen had risen to "
    "540.\n"
)
LATER = (
    "YEREVAN, October 21 (Meridian) - The Armenian Defense Ministry said on Wednesday that Azerbaijan had "
    "lost 300 tanks since September 27.\n"
)
SHORT = "The Armenian Defense Ministry said 3 Azerbaijani tanks were destroyed.\n"
INPUTS = ["samples/", "late.txt", "later.txt", "--year", "2020"]
N_DOCS = 7
CONTRACT = {
    "quotes": [
        "date", "text", "speaker", "speaker_role", "claimant", "claimant_side", "claimant_id", "kind", "cue",
        "start", "end",
    ],
    "casualties": [
        "date", "party", "group", "outcome", "count", "count_min", "count_max", "qualifier", "approximate",
        "claimant", "claimant_side", "claimant_id", "hedged", "cumulative", "text", "start", "end",
    ],
    "equipment": [
        "date", "party", "category", "model", "outcome", "count", "count_min", "count_max", "qualifier",
        "approximate", "claimant", "claimant_side", "claimant_id", "hedged", "cumulative", "text", "start",
        "end",
    ],
}  # fmt: skip


def run(*args: str) -> Result:
    result = RUNNER.invoke(app, list(args), prog_name="claims")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.stdout + result.stderr
    return result


def summary(
    new: int = 0, changed: int = 0, again: int = 0, same: int = 0, failed: int = 0, *, db: str = "war.db",
    total: int = N_DOCS,
) -> str:  # fmt: skip
    """The summary line of `extract --db`; `again`: re-extracted, `same`: unchanged."""
    return (
        f"{db}: {new} new, {changed} changed, {again} re-extracted, {same} unchanged, {failed} failed; "
        f"{total} document{'' if total == 1 else 's'} in the store"
    )


def make_inputs(where: Path) -> None:
    shutil.copytree(SAMPLES, where / "samples", ignore=shutil.ignore_patterns("expected", "*.md"))
    (where / "late.txt").write_text(LATE, encoding="utf-8")
    (where / "later.txt").write_text(LATER, encoding="utf-8")


@pytest.fixture(autouse=True)
def _setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nlp: Language) -> None:
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Iterator[Path]:
    """A folder with the samples and two later bulletins, and war.db made from them (read-only use)."""
    where = tmp_path_factory.mktemp("built")
    make_inputs(where)
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(where)
        result = run("extract", *INPUTS, "--db", "war.db")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == summary(new=N_DOCS) + "\n"
    yield where


def rows(path: Path | str, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql, params).fetchall()


def dump(path: Path | str) -> list[object]:
    """Everything a store holds but the times it was written and its integer keys, in its order."""
    out: list[object] = rows(
        path,
        "SELECT id, seq, source, sha256, date, extractor_version, word_count FROM documents ORDER BY seq",
    )
    out += rows(path, "SELECT doc, text FROM texts ORDER BY doc")
    for table, columns in CONTRACT.items():
        names = ", ".join(f'r."{c}"' for c in ["id", "doc", *columns])
        out += rows(
            path, f"SELECT {names} FROM {table} r JOIN documents d ON d.id = r.doc ORDER BY d.seq, r.n"
        )
    return out


# --- reading back gives what the files give ----------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "--format", "jsonl"],
        ["extract", "--format", "json", "--emit-text"],
        ["extract", "--format", "csv"],
        ["compare", "--format", "csv"],
        ["compare", "--format", "json", "--explain"],
        ["compare", "--by", "day", "--format", "markdown"],
        ["timeline", "--own", "--daily", "--width", "100"],
    ],
)
def test_store_gives_the_output_of_the_files(
    built: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(built)
    from_files = run(*args, *INPUTS)
    from_store = run(*args, "--db", "war.db")
    assert from_files.exit_code == from_store.exit_code == 0, from_store.stderr
    assert from_store.stdout == from_files.stdout
    assert from_store.stderr == from_files.stderr
    assert "Armenian Defense Ministry" in from_store.stdout or args[0] == "timeline"


def test_documents_come_back_as_extracted(built: Path) -> None:
    texts = {p: (built / p).read_text(encoding="utf-8") for p in ["late.txt", "later.txt"]}
    texts |= {f"samples/{p.name}": p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))}
    order = sorted(p for p in texts if p.startswith("samples/")) + ["late.txt", "later.txt"]
    # as the command dates them: a file name's date when the text gives none (southfront-2020-10-08.txt)
    dated = [(d, texts[d], detect_date(texts[d], default_year=2020) or date_from_name(d)) for d in order]
    extracted = list(extract_many(dated, default_year=2020))
    with Store.open(built / "war.db") as store:
        stored = list(store.documents(with_text=True))
    assert [d.id for d in stored] == order
    assert stored == extracted
    for got, want in zip(stored, extracted, strict=True):
        assert got.text == texts[got.id]
        assert got.records() == want.records()
        assert [r.date for r in got.records()] == [r.date for r in want.records()]
        assert all(type(c.hedged) is bool and type(c.cumulative) is bool for c in got.casualties)
    assert stored[-1].date == "2020-10-21"
    assert stored[-1].equipment[0].count == 300


def test_reading_filters_by_document_date(built: Path) -> None:
    with Store.open(built / "war.db") as store:
        assert [d.id for d in store.documents(since="2020-10-19")] == [
            "samples/azerbaijani-mod-statement-2020-10-19.txt", "late.txt", "later.txt",
        ]  # fmt: skip
        assert [d.date for d in store.documents(until="2020-10-11")] == [
            "2020-10-11",
            "2020-10-08",
            "2020-10-05",
        ]
        assert [d.id for d in store.documents(since="2020-10-20", until="2020-10-20")] == ["late.txt"]


# --- the schema ---------------------------------------------------------------------------------------------


def test_schema(built: Path) -> None:
    db = built / "war.db"
    assert rows(db, "SELECT key, value FROM meta ORDER BY key") == [
        ("schema", "conflict-claims/1"), ("schema_version", str(SCHEMA_VERSION)),
    ]  # fmt: skip
    assert rows(db, "PRAGMA journal_mode") == [("wal",)]
    names = {name for (name,) in rows(db, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert {"documents", "texts", "quotes", "casualties", "equipment", "figures", "claims"} <= names
    assert {"latest_running_totals", "side_by_side", "quotes_fts", "casualties_fts", "equipment_fts"} <= names
    assert [c[1] for c in rows(db, "PRAGMA table_info(documents)")] == [
        "id", "seq", "source", "sha256", "date", "extractor_version", "extracted_at", "word_count",
    ]  # fmt: skip
    for table, columns in CONTRACT.items():
        assert [c[1] for c in rows(db, f"PRAGMA table_info({table})")] == ["n", "id", "doc", *columns]
        assert rows(db, f"PRAGMA foreign_key_list({table})")[0][2:5] == ("documents", "doc", "id")
        indexed = {
            tuple(c[2] for c in rows(db, f"PRAGMA index_info('{index[1]}')"))
            for index in rows(db, f"PRAGMA index_list({table})")
        }
        assert {("doc",), ("date",), ("claimant_side",), ("claimant_id",), ("id",)} <= indexed
        if table != "quotes":
            what = "group" if table == "casualties" else "category"
            assert {("party",), (what,), ("party", what, "outcome", "claimant_side")} <= indexed
    late = rows(
        db, "SELECT source, sha256, date, extractor_version, word_count FROM documents WHERE id = 'late.txt'"
    )
    assert late == [("late.txt", hashlib.sha256(LATE.encode()).hexdigest(), "2020-10-20",
                     extractor_version(), len(LATE.split()))]  # fmt: skip
    assert rows(db, "SELECT COUNT(*) FROM documents WHERE extracted_at LIKE '____-__-__T__:__:__Z'") == [
        (N_DOCS,)
    ]


def test_full_text_search_finds_evidence_and_quotes(built: Path) -> None:
    db = built / "war.db"
    found = rows(
        db,
        "SELECT e.doc, e.count FROM equipment_fts JOIN equipment e ON e.n = equipment_fts.rowid "
        "WHERE equipment_fts MATCH 'helicopters'",
    )
    assert found == [("samples/armenian-mod-bulletin-2020-10-12.txt", 16)]
    quotes = rows(
        db,
        "SELECT doc FROM quotes_fts JOIN quotes q ON q.n = quotes_fts.rowid WHERE quotes_fts MATCH 'tanks'",
    )
    assert ("later.txt",) in quotes


def test_views(built: Path) -> None:
    db = built / "war.db"
    side = rows(
        db,
        "SELECT armenia_claims, armenia_date, azerbaijan_claims, azerbaijan_date FROM side_by_side "
        "WHERE party = 'armenia' AND type = 'casualty' AND what = 'military' AND outcome = 'killed'",
    )
    # the latest of 223 (10-05), 550 (10-12), 540 (10-20): the latest date, though lower
    assert side == [(540, "2020-10-20", None, None)]
    latest = rows(
        db,
        "SELECT claimant_side, count, date, claimant FROM latest_running_totals "
        "WHERE party = 'armenia' AND what = 'tank' AND outcome = 'lost'",
    )
    assert latest == [("azerbaijan", 264, "2020-10-19", "Ministry of Defense of the Republic of Azerbaijan")]
    n_records = sum(rows(db, f"SELECT COUNT(*) FROM {t}")[0][0] for t in CONTRACT)  # type: ignore[misc]
    assert rows(db, "SELECT COUNT(*) FROM claims") == [(n_records,)]


def test_record_ids_are_stable_and_unique(built: Path) -> None:
    db = built / "war.db"
    ids = [i for t in CONTRACT for (i,) in rows(db, f"SELECT id FROM {t}")]
    assert len(ids) == len(set(ids))
    doc_id, start, count, rid = rows(db, "SELECT doc, start, count, id FROM casualties LIMIT 1")[0]
    with Store.open(db) as store:
        docs = list(store.documents())
    stored = next(c for d in docs for c in d.casualties if d.id == doc_id and c.start == start)
    assert rid == record_id(doc_id, stored)
    # a corrected claimant keeps the id; another count is another record
    assert record_id(doc_id, replace(stored, claimant="someone else")) == record_id(doc_id, stored)
    assert record_id(doc_id, replace(stored, count=count + 1)) != record_id(doc_id, stored)  # type: ignore[operator]


# --- incremental runs --------------------------------------------------------------------------------------


def test_second_run_skips_unchanged_and_redoes_changed_and_new() -> None:
    make_inputs(Path("."))
    first = run("extract", *INPUTS, "--db", "war.db")
    assert first.stderr == summary(new=N_DOCS) + "\n"
    before = dump("war.db")
    again = run("extract", *INPUTS, "--db", "war.db")
    assert (again.exit_code, again.stdout, again.stderr) == (0, "", summary(same=N_DOCS) + "\n")
    assert dump("war.db") == before

    write("late.txt", LATE.replace("540", "545"))
    write("latest.txt", SHORT)
    result = run("extract", *INPUTS, "latest.txt", "--db", "war.db")
    assert result.stderr == summary(new=1, changed=1, same=N_DOCS - 1, total=N_DOCS + 1) + "\n"
    # the changed document keeps its place, its old records are gone, and the new one comes last
    assert [i for (i,) in rows("war.db", "SELECT id FROM documents ORDER BY seq")][-3:] == [
        "late.txt", "later.txt", "latest.txt",
    ]  # fmt: skip
    assert rows("war.db", "SELECT count FROM casualties WHERE doc = 'late.txt'") == [(545,)]
    assert rows("war.db", "SELECT COUNT(*) FROM casualties_fts WHERE casualties_fts MATCH '540'") == [(0,)]
    assert rows("war.db", "SELECT COUNT(*) FROM casualties_fts WHERE casualties_fts MATCH '545'") == [(1,)]

    rebuilt = run("extract", *INPUTS, "latest.txt", "--db", "war.db", "--rebuild")
    assert rebuilt.stderr == summary(again=N_DOCS + 1, total=N_DOCS + 1) + "\n"
    quiet = run("extract", *INPUTS, "latest.txt", "--db", "war.db", "-q")
    assert (quiet.exit_code, quiet.stderr) == (0, "")


def test_a_new_extractor_version_re_extracts(monkeypatch: pytest.MonkeyPatch) -> None:
    write("a.txt", SHORT)
    assert run("extract", "a.txt", "--db", "war.db").stderr == summary(new=1, total=1) + "\n"
    monkeypatch.setattr("cli.store.extractor_version", lambda: "9.9.9+rules")
    # a store made by other rules warns when read
    read = run("extract", "--db", "war.db", "--format", "jsonl")
    assert read.exit_code == 0
    assert read.stderr == (
        "Warning: war.db: 1 of 1 documents were extracted by another version of the extractors than this "
        "one; run `claims extract` on their inputs again to bring them up to date\n"
    )
    assert run("extract", "a.txt", "--db", "war.db").stderr == summary(again=1, total=1) + "\n"
    assert rows("war.db", "SELECT extractor_version FROM documents") == [("9.9.9+rules",)]
    assert run("extract", "--db", "war.db", "--format", "jsonl").stderr == ""


def test_a_changed_corpus_date_re_extracts() -> None:
    write("feed.jsonl", json.dumps({"id": "u1", "text": SHORT, "date": "2020-10-05"}) + "\n")
    assert run("extract", "feed.jsonl", "--db", "war.db").stderr == summary(new=1, total=1) + "\n"
    assert rows("war.db", "SELECT id, source, date FROM documents") == [("u1", "feed.jsonl:1", "2020-10-05")]
    write("feed.jsonl", json.dumps({"id": "u1", "text": SHORT, "date": "2020-10-06"}) + "\n")
    assert run("extract", "feed.jsonl", "--db", "war.db").stderr == summary(changed=1, total=1) + "\n"
    assert rows("war.db", "SELECT date FROM equipment") == [("2020-10-06",)]


def test_failures_are_counted_and_the_rest_is_stored() -> None:
    write("a.txt", SHORT)
    write("bin.txt", b"\x00\x01\x02binary")
    write("feed.jsonl", '{"id": "a.txt", "text": "Another text under the same id."}\n')
    result = run("extract", "a.txt", "bin.txt", "missing.txt", "feed.jsonl", "--db", "war.db")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Error: bin.txt: ")
    assert lines[1].startswith("Error: missing.txt: ")
    assert lines[2] == (
        "Error: a.txt: another document read in this run has this id; only the first is stored (give each "
        "document an id of its own)"
    )
    assert lines[3:] == [summary(new=1, failed=3, total=1)]


def test_file_given_twice_is_stored_once() -> None:
    write("a.txt", SHORT)
    assert run("extract", "a.txt", "a.txt", "--db", "war.db").stderr == summary(new=1, same=1, total=1) + "\n"


# --- bad stores and usage -----------------------------------------------------------------------------------


def test_bad_stores_are_one_error_line(built: Path) -> None:
    Path("dir.db").mkdir()
    write("garbage.db", b"this is not a database, just some bytes " * 40)
    shutil.copy(built / "war.db", "v2.db")
    with sqlite3.connect("v2.db") as conn:
        conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    with sqlite3.connect("other.db") as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    write("a.txt", SHORT)
    # a store whose pages after the first are damaged: its header still says SQLite
    data = (built / "war.db").read_bytes()
    write("damaged.db", data[:4096] + b"\xde\xad" * ((len(data) - 4096) // 2))
    cases = {
        "damaged.db": "Error: damaged.db: cannot be read as a claims store "
        "(database disk image is malformed)",
        "dir.db": "Error: dir.db: is a directory, not a claims store",
        "garbage.db": "Error: garbage.db: not an SQLite database, so not a claims store "
        "(file is not a database)",
        "v2.db": "Error: v2.db: a claims store of schema version 2, and this version of claims reads schema "
        "version 1 only: extract into a new store, or use the claims that made this one",
        "other.db": "Error: other.db: an SQLite database of another program, not a claims store "
        "(no meta table)",
    }
    for db, message in cases.items():
        for args in (["extract", "a.txt"], ["extract"], ["compare"], ["timeline"]):
            result = run(*args, "--db", db)
            assert (result.exit_code, result.stdout, result.stderr) == (1, "", message + "\n"), (db, args)
    assert rows("v2.db", "SELECT value FROM meta WHERE key = 'schema_version'") == [("2",)]
    missing = run("compare", "--db", "none.db")
    assert missing.stderr == (
        "Error: none.db: no such claims store (make one with `claims extract INPUTS --db none.db`)\n"
    )
    assert missing.exit_code == 1
    assert not Path("none.db").exists()
    nowhere = run("extract", "a.txt", "--db", "nodir/war.db")
    assert (nowhere.exit_code, nowhere.stderr) == (
        1, "Error: nodir/war.db: cannot be opened (unable to open database file)\n",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["compare", "a.txt", "--db", "war.db"], "reads the claims store instead of inputs"),
        (["timeline", "a.txt", "--db", "war.db"], "reads the claims store instead of inputs"),
        (["extract", "a.txt", "--db", "war.db", "--format", "json"], "the claims are stored, not printed"),
        (["extract", "a.txt", "--db", "war.db", "--emit-text"], "the claims are stored, not printed"),
        (["extract", "a.txt", "--rebuild"], "works with --db and inputs"),
        (["extract", "--db", "war.db", "--rebuild"], "works with --db and inputs"),
    ],
)
def test_usage_errors(args: list[str], complaint: str) -> None:
    write("a.txt", SHORT)
    result = run(*args)
    assert result.exit_code == 2
    assert complaint in " ".join(result.stderr.replace("│", " ").split())
    assert not Path("war.db").exists()


# --- nothing lost -------------------------------------------------------------------------------------------


def test_a_failed_write_leaves_the_previous_version(claims) -> None:  # noqa: ANN001 - the session fixture
    doc = claims(SHORT)
    with Store.open("war.db", create=True) as store:
        store.write(doc, text=SHORT, version="v1")
        before = dump("war.db")
        # a record the schema refuses (a count is never null) fails the whole document's transaction
        broken = replace(doc, casualties=(Casualty(
            party="armenia", group="military", outcome="killed", count=None, count_min=None,  # type: ignore[arg-type]
            count_max=None, qualifier=None, approximate=False, claimant=None, claimant_side="unknown",
            hedged=False, cumulative=False, text="x", start=0, end=1,
        ),))  # fmt: skip
        with pytest.raises(StoreError, match=r"^war\.db: could not be written \(NOT NULL constraint failed"):
            store.write(broken, text=SHORT + "changed", version="v2")
        assert dump("war.db") == before
        assert store.stored("-") == StoredDocument("-", before[0][3], None, "v1")  # type: ignore[index]


def test_a_writer_that_waits_too_long_gets_one_error(monkeypatch: pytest.MonkeyPatch) -> None:
    write("a.txt", SHORT)
    write("b.txt", SHORT.replace("3", "4"))
    assert run("extract", "a.txt", "--db", "war.db").exit_code == 0
    monkeypatch.setattr("extractors.store.DEFAULT_TIMEOUT", 0.2)
    blocker = sqlite3.connect("war.db")
    blocker.execute("BEGIN IMMEDIATE")
    try:
        result = run("extract", "a.txt", "b.txt", "--db", "war.db")
    finally:
        blocker.rollback()
        blocker.close()
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: war.db: the store is busy: another process kept it locked for writing too long (database is "
        "locked); try again when it is done",
        summary(failed=1, same=1, total=1),
    ]
    assert run("extract", "a.txt", "b.txt", "--db", "war.db").stderr == summary(new=1, same=1, total=2) + "\n"


def test_a_new_store_waits_for_another_process_making_it() -> None:
    # Another process's write lock on a new, empty file, as when two `claims extract` make one store at once:
    # SQLite refuses a change to WAL mode at once then, where other statements wait their turn.
    other = sqlite3.connect("war.db", isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.3, other.rollback)
    release.start()
    try:
        with Store.open("war.db", create=True, timeout=10) as store:
            assert store.count() == 0
    finally:
        release.join()
        other.close()
    assert rows("war.db", "PRAGMA journal_mode") == [("wal",)]


def test_change() -> None:
    stored = StoredDocument("a", "h1", "2020-10-05", "v1")
    assert change(None, "h1", None, "v1") == "new"
    assert change(stored, "h2", "2020-10-05", "v1") == "changed"
    assert change(stored, "h1", "2020-10-06", "v1") == "changed"
    assert change(stored, "h1", "2020-10-05", "v2") == "outdated"
    assert change(stored, "h1", "2020-10-05", "v1") == "unchanged"


def test_extractor_version_follows_the_code_and_data(tmp_path: Path) -> None:
    package = ROOT / "extractors"
    copy = tmp_path / "extractors"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    current = extractor_version()
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*\+[0-9a-f]{12}", current)
    assert extractor_version(copy) == current
    (copy / "__pycache__").mkdir()
    (copy / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    assert extractor_version(copy) == current
    data = copy / "data" / "speech_verbs.txt"
    data.write_text(data.read_text(encoding="utf-8") + "opine\n", encoding="utf-8")
    changed = extractor_version(copy)
    assert changed != current and changed.split("+")[0] == current.split("+")[0]
    (copy / "figures.py").write_text("# another rule\n", encoding="utf-8")
    assert extractor_version(copy) not in (current, changed)
    # the store and the ledger make no records
    before = extractor_version(copy)
    (copy / "store.py").write_text("# another schema\n", encoding="utf-8")
    (copy / "ledger.py").write_text("# another view\n", encoding="utf-8")
    assert extractor_version(copy) == before


# --- real processes -----------------------------------------------------------------------------------------


def claims_process(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
    )


def finished(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out, err


def test_a_run_with_nothing_new_never_imports_spacy(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(built)
    poisoned = Path(str(built) + "-nospacy") / "spacy"
    poisoned.mkdir(parents=True, exist_ok=True)
    (poisoned / "__init__.py").write_text("raise ImportError('spaCy was imported')\n", encoding="utf-8")
    env = {"PYTHONPATH": str(poisoned.parent)}
    code, out, err = finished(claims_process("extract", *INPUTS, "--db", "war.db", env=env))
    assert (code, out, err) == (0, "", summary(same=N_DOCS) + "\n")
    code, out, err = finished(claims_process("compare", "--db", "war.db", "--format", "csv", env=env))
    assert (code, err) == (0, "")
    assert out == run("compare", *INPUTS, "--format", "csv").stdout
    # the poison works: a document to extract does import spaCy
    write("new.txt", SHORT)
    code, _, err = finished(claims_process("extract", "new.txt", "--db", "other.db", env=env))
    assert code != 0 and "spaCy was imported" in err


def corpus(copies: int) -> list[str]:
    """`copies` of each sample under names of their own, in corpus/."""
    Path("corpus").mkdir()
    for i in range(copies):
        for sample in sorted(SAMPLES.glob("*.txt")):
            text = sample.read_text(encoding="utf-8").replace("October", "Oct", i % 2)
            write(f"corpus/{i:02d}-{sample.name}", text)
    return sorted(str(p) for p in Path("corpus").iterdir())


def test_a_killed_run_leaves_whole_documents_and_the_next_run_finishes() -> None:
    names = corpus(3)
    assert (
        run("extract", "corpus/", "--db", "clean.db").stderr
        == summary(new=15, db="clean.db", total=15) + "\n"
    )
    proc = claims_process("extract", "corpus/", "--db", "killed.db", "--batch-size", "1")
    deadline = time.monotonic() + 60
    stored = 0
    while stored < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
        if Path("killed.db").exists():
            try:
                stored = rows("killed.db", "SELECT COUNT(*) FROM documents")[0][0]  # type: ignore[assignment]
            except sqlite3.OperationalError:  # the schema is still being made
                continue
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert rows("killed.db", "PRAGMA integrity_check") == [("ok",)]
    kept = rows("killed.db", "SELECT id FROM documents ORDER BY seq")
    assert 3 <= len(kept) < len(names)
    clean = dump("clean.db")
    # every document there is whole: exactly the clean run's rows for it
    assert [row for row in dump("killed.db") if row in clean] == dump("killed.db")
    for table in CONTRACT:
        marks = ",".join("?" * len(kept))
        sql = f"SELECT COUNT(*) FROM {table} WHERE doc IN ({marks})"
        in_clean = rows("clean.db", sql, tuple(k for (k,) in kept))
        assert rows("killed.db", f"SELECT COUNT(*) FROM {table}") == in_clean

    result = run("extract", "corpus/", "--db", "killed.db")
    assert result.stderr == summary(new=15 - len(kept), same=len(kept), db="killed.db", total=15) + "\n"
    assert dump("killed.db") == clean
    for table in CONTRACT:
        rows("killed.db", f"INSERT INTO {table}_fts({table}_fts) VALUES('integrity-check')")


def test_two_writers_take_turns() -> None:
    corpus(1)
    assert (
        run("extract", "corpus/", "--db", "clean.db").stderr == summary(new=5, db="clean.db", total=5) + "\n"
    )
    procs = [claims_process("extract", "corpus/", "--db", "both.db", "--batch-size", "1") for _ in range(2)]
    results = [finished(proc) for proc in procs]
    for code, out, err in results:
        assert (code, out) == (0, ""), err
        counts = re.fullmatch(
            r"both\.db: (\d+) new, 0 changed, 0 re-extracted, (\d+) unchanged, 0 failed; (\d+) .*\n", err
        )
        assert counts and int(counts[1]) + int(counts[2]) == int(counts[3]) == 5, err
    assert rows("both.db", "PRAGMA integrity_check") == [("ok",)]
    assert dump("both.db") == dump("clean.db")


# --- Datasette and the README's SQL -------------------------------------------------------------------------


def test_datasette_reads_the_store(built: Path) -> None:
    from datasette.app import Datasette

    async def get(path: str) -> object:
        response = await Datasette([str(built / "war.db")]).client.get(path)
        assert response.status_code == 200, path
        return response.json()

    documents = asyncio.run(get("/war/documents.json?_shape=array&_sort=seq"))
    assert [d["id"] for d in documents][-2:] == ["late.txt", "later.txt"]  # type: ignore[index]
    assert documents[-1]["date"] == "2020-10-21"  # type: ignore[index]
    found = asyncio.run(get("/war/equipment.json?_search=helicopters&_shape=array"))
    assert [(e["doc"], e["count"], e["outcome"]) for e in found] == [  # type: ignore[union-attr]
        ("samples/armenian-mod-bulletin-2020-10-12.txt", 16, "lost")
    ]
    side = asyncio.run(get("/war/side_by_side.json?_shape=array&what=tank&outcome=lost&party=azerbaijan"))
    assert [(r["armenia_claims"], r["armenia_date"]) for r in side] == [(300, "2020-10-21")]  # type: ignore[union-attr]


def readme_sql() -> list[str]:
    section = README.read_text(encoding="utf-8").split("## Claims store", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sql\n(.*?)```", section, flags=re.S)


def test_readme_sql_answers_the_three_questions(built: Path) -> None:
    tanks, week, fell = readme_sql()
    db = built / "war.db"
    mod = "Ministry of Defense of the Republic of Azerbaijan"
    az = "samples/azerbaijani-mod-statement-2020-10-19.txt"
    assert rows(db, tanks) == [
        ("armenia", "azerbaijan", "lost", 300, "2020-10-21", "Armenian Defense Ministry", "later.txt"),
        ("azerbaijan", "armenia", "captured", 41, "2020-10-19", mod, az),
        ("azerbaijan", "armenia", "lost", 264, "2020-10-19", mod, az),
    ]

    with Store.open(db) as store:
        docs = list(store.documents())
    wanted = sorted(
        (doc.date, doc.id, r.start, r.type, getattr(r, "count", None), r.text)
        for doc in docs
        for r in doc.records()
        if r.claimant_id == "am.mod" and doc.date and "2020-10-19" <= doc.date <= "2020-10-25"
    )
    answered = rows(db, week)
    assert [(r[0], r[7], r[1], r[5], r[6]) for r in answered] == [
        (w[0], w[1], w[3], w[4], w[5]) for w in wanted
    ]
    assert [r[:6] for r in answered if r[1] != "quote"] == [
        ("2020-10-20", "equipment", "azerbaijan", "tank", "lost", 320),
        ("2020-10-20", "casualty", "armenia", "military", "killed", 540),
        ("2020-10-21", "equipment", "azerbaijan", "tank", "lost", 300),
    ]

    answered = rows(db, fell)
    # (the Defense Army's 550 and the ministry's 540 are two claimants' totals: no fall)
    assert [r[:9] for r in answered] == [
        ("2020-10-21", "armenia", "azerbaijan", "equipment", "tank", "lost", 300, 320, "2020-10-20"),
    ]
    # the same drops that `claims compare` flags
    flagged = {
        (d.date, f.claimant_side, row.party, row.type, row.what, row.outcome, d.count, d.previous_count,
         d.previous_date)
        for row in build_ledger(docs, by_day=True).rows for f in row.figures for d in f.decreases
    }  # fmt: skip
    assert {r[:9] for r in answered} == flagged
