"""Corpus mode: HTML pages, JSONL and CSV corpora, gzip, --glob, document dates, --emit-text and Ctrl-C.

The dates table tests `extractors.dates` alone; the rest runs `claims extract` (and `compare`) through Typer's
CliRunner over small corpora written here, and checks ids, dates, offsets, error lines and exit codes exactly.
"""

from __future__ import annotations

import gzip
import json
import os
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import Result
from clitools import RUNNER, write
from spacy.language import Language

import extractors
from cli.app import app
from cli.inputs import InputNote, count_documents, iter_sources
from extractors.dates import date_from_name, detect_date, parse_date

# --- extractors.dates ---------------------------------------------------------------------------------------

PARSE_DATE = [
    ("2020-10-08", None, "2020-10-08"),
    ("2020-10-12T19:15:00+04:00", None, "2020-10-12"),
    ("2020-9-7", None, "2020-09-07"),
    ("12 October 2020", None, "2020-10-12"),
    ("12th of October, 2020", None, "2020-10-12"),
    ("October 12, 2020", None, "2020-10-12"),
    ("Oct 5, 2020", None, "2020-10-05"),
    ("Sept. 27, 2020", None, "2020-09-27"),
    ("SEPTEMBER 27 2020", None, "2020-09-27"),
    ("Mon, 05 Oct 2020 14:26:00 +0400", None, "2020-10-05"),
    ("22.10.2020", None, "2020-10-22"),
    ("30/09/2020 - 14:26", None, "2020-09-30"),
    ("09/30/2020", None, "2020-09-30"),  # only month first makes sense
    ("05/10/2020", None, "2020-10-05"),  # day first, as the region writes it
    ("19:15, 12 October 2020", None, "2020-10-12"),
    ("October 17", None, None),  # no year, none given
    ("October 17", 2020, "2020-10-17"),
    ("17 Oct", 2022, "2022-10-17"),
    ("31 September 2020", None, None),
    ("2020-13-01", None, None),
    ("29 February 2021", None, None),
    ("29 February 2020", None, "2020-02-29"),
    ("October 2020", None, None),  # a month is not a date
    ("2020", None, None),
    ("12 Octobre 2020", None, None),
    ("yesterday", 2020, None),
    ("", None, None),
    ("1 May 1850", None, None),  # out of range
    ("version 1.10.2020.3", None, None),
]


@pytest.mark.parametrize(("value", "year", "expected"), PARSE_DATE)
def test_parse_date(value: str, year: int | None, expected: str | None) -> None:
    assert parse_date(value, default_year=year) == expected


DETECT_DATE = [
    ("wire dateline", "STEPANAKERT, OCTOBER 12, ARARAT MONITOR. The army said...", None, None),
    (
        "wire dateline with a year given",
        "STEPANAKERT, OCTOBER 12, ARARAT MONITOR. The army said",
        2020,
        "2020-10-12",
    ),
    (
        "dateline, two cities, agency",
        "Headline\n\nYEREVAN/BAKU, Oct 5 (Meridian) - Armenia and ...",
        2020,
        "2020-10-05",
    ),
    ("dateline, spaced slash", "STEPANAKERT / GANJA, October 11 – For the residents", 2020, "2020-10-11"),
    ("dateline, mixed case", "Baku, October 17\nThe ministry said", 2020, "2020-10-17"),
    ("dateline, day first", "Baku, 17 October – The ministry", 2020, "2020-10-17"),
    ("dateline with its year", "MOSCOW, November 10, 2020. /RUSSKY VESTNIK/. Two crew", None, "2020-11-10"),
    (
        "time and date header",
        "ARARAT MONITOR | Defense | 19:15, 12 October 2020\nShare | Print\n",
        None,
        "2020-10-12",
    ),
    ("date then time", "19 October 2020 20:40 (UTC+04:00)\nKHAZAR TIMES | Politics", None, "2020-10-19"),
    ("numeric", "Pashinyan to the nation\n\n22.10.2020 | 10:14\nPhoto: press office", None, "2020-10-22"),
    ("published label", "Headline\nPublished: 2020-10-08\nBody.", None, "2020-10-08"),
    ("published inside a line", "Report excerpt, published December 11, 2020\n", None, "2020-12-11"),
    ("date label", "Date: 5 Oct 2020\nText", None, "2020-10-05"),
    ("month first header", "Headline\n\nOct 5, 2020\n\nBody.", None, "2020-10-05"),
    ("updated only", "Headline\nUpdated: 30/09/2020 - 14:26\n", None, "2020-09-30"),
    ("published beats updated", "Updated: 2020-10-09\nPublished: 2020-10-08\n", None, "2020-10-08"),
    (
        "dateline beats updated",
        "Last updated: 2020-10-09 10:00\nBAKU, October 8, 2020 - The",
        None,
        "2020-10-08",
    ),
    (
        "dateline beats a header date",
        "Archive 1 October 2020\nBAKU, October 8, 2020 - The",
        None,
        "2020-10-08",
    ),
    ("first header date wins", "October 9, 2020 | News\nOctober 10, 2020\n", None, "2020-10-09"),
    ("time only", "Last updated: 21:47 (GMT+4)\nAuto-refresh: ON\n", None, None),
    ("month and year only", "0 $\n2,500 $\nMARCH 2021\n\nHeadline\n", None, None),
    ("a date in body text is the story's", "Headline\n\n" + "x " * 80 + "on 27 September 2020.", None, None),
    (
        "'date' without a colon is no label",
        "To date lost: 12 October 2020\nPublished: 2020-10-08",
        None,
        "2020-10-08",
    ),
    ("too far down", "\n".join(["Line."] * 25) + "\nPublished: 2020-10-08", None, None),
    ("no text", "", None, None),
]


@pytest.mark.parametrize(
    ("text", "year", "expected"), [c[1:] for c in DETECT_DATE], ids=[c[0] for c in DETECT_DATE]
)
def test_detect_date(text: str, year: int | None, expected: str | None) -> None:
    assert detect_date(text, default_year=year) == expected


def test_detect_date_reads_only_the_head_of_a_long_text() -> None:
    long_line = "Published: 2020-10-08 " + "word " * 2000  # cut by the head limit: not a short header line
    assert detect_date("Headline\n" + long_line) == "2020-10-08"  # a label still counts on a long line
    assert detect_date("x" * 10_000_000 + "\nPublished: 2020-10-08") is None


def test_library_dates_documents_and_records(nlp: Language) -> None:
    text = "Baku, October 17\nThe Armenian Defense Ministry said 3 Azerbaijani tanks were destroyed.\n"
    undated = extractors.extract(text)
    assert undated.date is None and {r.date for r in undated.records()} == {None}
    dated = extractors.extract(text, default_year=2020)
    assert dated.date == "2020-10-17" and {r.date for r in dated.records()} == {"2020-10-17"}
    # A record's date takes no part in its identity.
    assert dated.records() == undated.records()
    given = list(
        extractors.extract_many([("a", text, "12 Oct 2020"), ("b", text, "not a date"), ("c", text)])
    )
    assert [(d.id, d.date) for d in given] == [("a", "2020-10-12"), ("b", None), ("c", None)]


# --- the corpus -------------------------------------------------------------------------------------------

ARM_TANKS = "The Armenian Defense Ministry said 3 Azerbaijani tanks were destroyed."
AZ_TANKS = "The Azerbaijani Defense Ministry said it had destroyed 5 Armenian tanks."
AZ_KILLED = "The Azerbaijani Defense Ministry said 20 Armenian soldiers were killed."
ARM_KILLED = "The Armenian Defense Ministry said 30 Azerbaijani soldiers were killed."

TXT = f"Tanks lost near Hadrut\nPublished: 2020-10-08\n\n{ARM_TANKS}\n"
PAGE = f"""<!DOCTYPE html>
<html><head><title>Baku claims Armenian losses | Khazar Times</title>
<meta property="article:published_time" content="2020-10-19T20:40:00+04:00"></head>
<body><nav><a href="/">Home</a> | <a href="/politics">Politics</a></nav>
<article><h1>Baku claims Armenian losses</h1>
<p>BAKU, October 19. {AZ_TANKS}</p>
<p>{AZ_KILLED} The figures could not be independently verified.</p></article>
<footer>&copy; Khazar Times. All rights reserved.</footer></body></html>
"""
PAGE_TEXT = (
    "Baku claims Armenian losses\n"
    f"BAKU, October 19. {AZ_TANKS}\n"
    f"{AZ_KILLED} The figures could not be independently verified."
)
JSONL_ROWS = [
    json.dumps({"id": "az-1", "date": "2020-10-19T08:00:00Z", "text": AZ_TANKS}),
    json.dumps({"text": f"Baku, October 17\n{AZ_KILLED}"}),
    '{"id": "broken", "text": "never closed',
    json.dumps({"id": "no-text", "body": ARM_TANKS}),
    json.dumps({"id": "html-row", "date": "Oct 5, 2020", "text": f"<p>{ARM_TANKS}</p><p>{ARM_KILLED}</p>."}),
]
JSONL = "\n".join(JSONL_ROWS) + "\n"
CSV = (
    "id,date,text\n"
    f'arm-1,12 October 2020,"YEREVAN, Oct 12\n{ARM_KILLED}"\n'
    f',,"19:15, 13 October 2020\n{ARM_TANKS}"\n'
    "arm-3,2020-10-14\n"
)

# Each document: its id, its date, and the text its offsets index.
TXT_DOC = ("news.txt", "2020-10-08", TXT)
PAGE_DOC = ("page.html", "2020-10-19", PAGE_TEXT)


def jsonl_docs(name: str, year: int | None = None) -> list[tuple[str, str | None, str]]:
    return [
        ("az-1", "2020-10-19", AZ_TANKS),
        (f"{name}:2", f"{year}-10-17" if year else None, f"Baku, October 17\n{AZ_KILLED}"),
        ("html-row", "2020-10-05", f"{ARM_TANKS}\n{ARM_KILLED}\n."),
    ]


def csv_docs(name: str) -> list[tuple[str, str | None, str]]:
    return [
        ("arm-1", "2020-10-12", f"YEREVAN, Oct 12\n{ARM_KILLED}"),
        (f"{name}:4", "2020-10-13", f"19:15, 13 October 2020\n{ARM_TANKS}"),
    ]


def jsonl_errors(name: str) -> list[str]:
    return [
        f"Error: {name}:3: not valid JSON at column 26 (Unterminated string starting at)",
        f'Error: {name}:4: no "text" field',
    ]


def csv_errors(name: str) -> list[str]:
    return [f"Error: {name}:6: 2 fields where the header has 3"]


@pytest.fixture(autouse=True)
def _setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nlp: Language) -> None:
    monkeypatch.chdir(tmp_path)


def write_gz(name: str, data: str | bytes) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return write(name, gzip.compress(raw, mtime=0))


def make_corpus(folder: str = ".", *, gz: bool = False) -> dict[str, str]:
    """The corpus files under `folder`, compressed when `gz`: their kind -> path."""
    put = write_gz if gz else write
    ext = ".gz" if gz else ""
    return {
        kind: put(os.path.join(folder, name + ext), data) if folder != "." else put(name + ext, data)
        for kind, name, data in [
            ("txt", "news.txt", TXT),
            ("html", "page.html", PAGE),
            ("jsonl", "rows.jsonl", JSONL),
            ("csv", "rows.csv", CSV),
        ]
    }


def run(*args: str, input: str | bytes | None = None) -> Result:
    result = RUNNER.invoke(app, list(args), input=input, prog_name="claims")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.stdout + result.stderr
    for line in result.stderr.splitlines():
        assert line.startswith(("Error: ", "Warning: ")), result.stderr
    return result


def json_documents(result: Result) -> list[dict]:
    data = json.loads(result.stdout)
    assert data["schema"] == "conflict-claims/1"
    return data["documents"]


def assert_documents(documents: list[dict], expected: list[tuple[str, str | None, str]]) -> None:
    """Ids and dates in order; every record's evidence is its document's text at its offsets."""
    assert [(d["id"], d["date"]) for d in documents] == [(i, date) for i, date, _ in expected]
    for document, (_, _, text) in zip(documents, expected, strict=True):
        records = document["quotes"] + document["casualties"] + document["equipment"]
        assert records, document["id"]
        for record in records:
            assert text[record["start"] : record["end"]] == record["text"]
        if "text" in document:
            assert document["text"] == text


# --- extract over every kind of input ----------------------------------------------------------------------


def test_every_kind_named_explicitly() -> None:
    files = make_corpus()
    result = run("extract", *files.values(), "--format", "json", "--emit-text")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == jsonl_errors("rows.jsonl") + csv_errors("rows.csv")
    assert_documents(
        json_documents(result), [TXT_DOC, PAGE_DOC, *jsonl_docs("rows.jsonl"), *csv_docs("rows.csv")]
    )


def test_every_kind_gzip_compressed() -> None:
    files = make_corpus(gz=True)
    result = run("extract", *files.values(), "--format", "json", "--emit-text")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == jsonl_errors("rows.jsonl.gz") + csv_errors("rows.csv.gz")
    assert_documents(
        json_documents(result),
        [
            ("news.txt.gz", *TXT_DOC[1:]),
            ("page.html.gz", *PAGE_DOC[1:]),
            *jsonl_docs("rows.jsonl.gz"),
            *csv_docs("rows.csv.gz"),
        ],
    )


def test_jsonl_records_carry_the_document_date() -> None:
    make_corpus()
    result = run("extract", "rows.jsonl", "rows.csv", "--format", "jsonl")
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(list(r)[:3] == ["type", "doc", "date"] for r in records)
    dates = {doc: date for doc, date, _ in [*jsonl_docs("rows.jsonl"), *csv_docs("rows.csv")]}
    assert {r["doc"] for r in records} == set(dates)
    assert all(r["date"] == dates[r["doc"]] for r in records)


def test_year_dates_a_dateline_without_one() -> None:
    make_corpus()
    result = run("extract", "rows.jsonl", "--format", "json", "--year", "2020")
    assert [(d["id"], d["date"]) for d in json_documents(result)] == [
        (i, date) for i, date, _ in jsonl_docs("rows.jsonl", year=2020)
    ]


def test_folder_with_globs() -> None:
    make_corpus("corpus")
    make_corpus("corpus/zipped", gz=True)
    write("corpus/notes.md", "# not read")
    plain = run("extract", "corpus", "--format", "json")
    assert (plain.exit_code, plain.stderr) == (0, "")
    assert [d["id"] for d in json_documents(plain)] == ["corpus/news.txt"]
    picked = run("extract", "corpus", "--glob", "*.html", "--glob", "*.jsonl.gz", "--format", "json")
    assert picked.exit_code == 1
    assert picked.stderr.splitlines() == jsonl_errors("corpus/zipped/rows.jsonl.gz")
    assert [(d["id"], d["date"]) for d in json_documents(picked)] == [
        ("corpus/page.html", "2020-10-19"),
        *[(i, date) for i, date, _ in jsonl_docs("corpus/zipped/rows.jsonl.gz")],
    ]
    none = run("extract", "corpus", "--glob", "*.pdf", "--format", "json")
    assert (none.exit_code, none.stderr) == (1, "Error: corpus: no .pdf files in this directory\n")


def test_corpus_keys() -> None:
    rows = [
        {"url": "https://example.am/1", "published": "12.10.2020", "body": ARM_TANKS, "text": "Not this."},
        {"url": None, "published": "", "body": f"Published: 2020-10-13\n{ARM_KILLED}"},
    ]
    write("feed.jsonl", "".join(json.dumps(row) + "\n" for row in rows))
    args = ["--text-key", "body", "--id-key", "url", "--date-key", "published"]
    result = run("extract", "feed.jsonl", *args, "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert_documents(
        json_documents(result),
        [
            ("https://example.am/1", "2020-10-12", ARM_TANKS),
            ("feed.jsonl:2", "2020-10-13", rows[1]["body"]),  # type: ignore[list-item]
        ],
    )
    write("feed.csv", "url,body\nu1,Text.\n")
    missing = run("extract", "feed.csv", "--format", "json")
    assert missing.exit_code == 1
    assert missing.stderr == (
        "Error: feed.csv: no \"text\" column (the header has 'url', 'body'); name it with --text-key\n"
    )


def test_date_field_that_is_not_a_date_warns() -> None:
    row = {"id": "x", "date": "last Monday", "text": f"Published: 2020-10-08\n{ARM_TANKS}"}
    write("c.jsonl", json.dumps(row))
    result = run("extract", "c.jsonl", "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == (
        'Warning: c.jsonl:1: "date" "last Monday" is not a date; looking for one in the text\n'
    )
    assert [(d["id"], d["date"]) for d in json_documents(result)] == [("x", "2020-10-08")]


def test_empty_rows_warn_like_empty_files() -> None:
    write("c.jsonl", '{"id": "blank", "text": " "}\n' + json.dumps({"id": "ok", "text": ARM_TANKS}) + "\n")
    result = run("extract", "c.jsonl", "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "Warning: c.jsonl:1: empty input; no claims\n")
    assert [d["id"] for d in json_documents(result)] == ["ok"]


def test_gzip_bomb_over_max_bytes_is_one_error() -> None:
    # 30 MB of text in about 30 KB: over the default limit of 20 MB once decompressed.
    write_gz("bomb.txt.gz", b"a" * 30_000_000)
    write("news.txt", TXT)
    assert Path("bomb.txt.gz").stat().st_size < 100_000
    result = run("extract", "bomb.txt.gz", "news.txt", "--format", "json")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: bomb.txt.gz: decompressed input is over the limit of 20971520 bytes; "
        "raise it with --max-bytes\n"
    )
    assert [d["id"] for d in json_documents(result)] == ["news.txt"]
    small = run("extract", "bomb.txt.gz", "--max-bytes", "1000", "--format", "json")
    assert small.stderr == (
        "Error: bomb.txt.gz: decompressed input is over the limit of 1000 bytes; raise it with --max-bytes\n"
    )


def test_html_without_text_is_one_error() -> None:
    write("empty.html", "<html><head><title>Nothing</title></head><body><script>x = 1</script></body></html>")
    result = run("extract", "empty.html", "--format", "json")
    assert result.exit_code == 1
    assert result.stderr == "Error: empty.html: no article text found in this HTML page\n"
    assert json_documents(result) == []


def test_html_on_stdin() -> None:
    result = run("extract", "-", "--format", "json", "--emit-text", input=PAGE)
    assert result.exit_code == 0
    assert_documents(json_documents(result), [("-", "2020-10-19", PAGE_TEXT)])


# --- --emit-text -------------------------------------------------------------------------------------------


def test_emit_text_in_jsonl_adds_a_document_line_before_its_records() -> None:
    write("page.html", PAGE)
    write("news.txt", TXT)
    plain = run("extract", "page.html", "news.txt", "--format", "jsonl")
    with_text = run("extract", "page.html", "news.txt", "--format", "jsonl", "--emit-text")
    assert with_text.exit_code == plain.exit_code == 0
    lines = [json.loads(line) for line in with_text.stdout.splitlines()]
    documents = [line for line in lines if line["type"] == "document"]
    assert documents == [
        {"type": "document", "doc": "page.html", "date": "2020-10-19", "text": PAGE_TEXT},
        {"type": "document", "doc": "news.txt", "date": "2020-10-08", "text": TXT},
    ]
    # Every other line is exactly what extract prints without the option, and follows its document's line.
    assert [line for line in lines if line["type"] != "document"] == [
        json.loads(line) for line in plain.stdout.splitlines()
    ]
    current = None
    for line in lines:
        if line["type"] == "document":
            current = line
        else:
            assert current is not None and line["doc"] == current["doc"]
            assert current["text"][line["start"] : line["end"]] == line["text"]


def test_emit_text_needs_json_or_jsonl() -> None:
    write("news.txt", TXT)
    result = RUNNER.invoke(app, ["extract", "news.txt", "--emit-text", "--format", "csv"], prog_name="claims")
    assert result.exit_code == 2
    assert "--emit-text" in result.stderr and "json or jsonl" in result.stderr


def test_csv_output_has_a_date_column() -> None:
    write("news.txt", TXT)
    result = run("extract", "news.txt", "--format", "csv")
    header, *rows = result.stdout.splitlines()
    assert header.startswith("type,doc,date,text,")
    assert rows and all(row.split(",")[1:3] == ["news.txt", "2020-10-08"] for row in rows)


# --- compare -----------------------------------------------------------------------------------------------


def test_compare_reads_corpora() -> None:
    make_corpus()
    result = run("compare", "rows.jsonl", "rows.csv", "--format", "json")
    assert result.exit_code == 1
    # A row without a date is named once the ledger is built.
    assert result.stderr.splitlines() == [
        *jsonl_errors("rows.jsonl"),
        *csv_errors("rows.csv"),
        "Warning: 1 document has no date (rows.jsonl:2): figures without a date are not merged or put in "
        "date order; a dateline without a year ('Baku, October 17') gets one with --year YEAR",
    ]
    docs = [i for i, _, _ in [*jsonl_docs("rows.jsonl"), *csv_docs("rows.csv")]]
    assert json.loads(result.stdout)["docs"] == docs


def test_saved_extract_output_in_a_jsonl_file_is_still_saved_output() -> None:
    write("news.txt", TXT)
    write("saved.jsonl", run("extract", "news.txt", "--format", "jsonl").stdout)
    compared = run("compare", "saved.jsonl", "--format", "json")
    assert (compared.exit_code, compared.stderr) == (0, "")
    assert json.loads(compared.stdout)["docs"] == ["news.txt"]
    # Saved output is no corpus: extract says so rather than read claim records as articles.
    extracted = run("extract", "saved.jsonl", "--format", "json")
    assert extracted.exit_code == 1
    assert extracted.stderr == (
        "Error: saved.jsonl: holds `claims extract` records, not articles; `claims compare` reads them\n"
    )


def test_emit_text_output_is_still_saved_output_for_compare() -> None:
    write("page.html", PAGE)
    write("saved.jsonl", run("extract", "page.html", "--format", "jsonl", "--emit-text").stdout)
    result = run("compare", "saved.jsonl", "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout)["docs"] == ["page.html"]


def test_saved_output_without_dates_is_still_read() -> None:
    write("news.txt", TXT)
    lines = [json.loads(line) for line in run("extract", "news.txt", "--format", "jsonl").stdout.splitlines()]
    for line in lines:
        del line["date"]
    write("old.jsonl", "".join(json.dumps(line) + "\n" for line in lines))
    result = run("compare", "old.jsonl", "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")


# --- Ctrl-C ------------------------------------------------------------------------------------------------


def test_ctrl_c_leaves_whole_lines_and_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    real = extractors.extract_many

    def interrupted_after_one(*args: object, **kwargs: object) -> Iterator[extractors.DocumentClaims]:
        docs = real(*args, **kwargs)  # type: ignore[arg-type]
        yield next(docs)
        raise KeyboardInterrupt

    monkeypatch.setattr(extractors, "extract_many", interrupted_after_one)
    write("a.txt", TXT)
    write("b.txt", TXT)
    result = run("extract", "a.txt", "b.txt", "--format", "jsonl")
    assert result.exit_code == 130
    assert result.stderr == "Error: interrupted\n"
    assert result.stdout.endswith("\n")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and {r["doc"] for r in records} == {"a.txt"}


def test_ctrl_c_for_real() -> None:
    """A real SIGINT while the command waits for more input: the first document's lines are out and whole."""
    Path("a.txt").write_text(TXT, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "cli", "extract", "a.txt", "-", "--batch-size", "1", "--format", "jsonl"],
        # (a shell's background job starts with SIGINT ignored, and so would the child)
        preexec_fn=_default_sigint,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        first = _read_line(proc, timeout=120)
        assert json.loads(first)["doc"] == "a.txt"
        time.sleep(0.5)  # let it go on to block on standard input
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 130
    assert err.decode().splitlines()[-1:] == ["Error: interrupted"]
    records = [json.loads(line) for line in (first + out).decode().splitlines()]
    assert {r["doc"] for r in records} == {"a.txt"}


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _read_line(proc: subprocess.Popen[bytes], *, timeout: float) -> bytes:
    assert proc.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        if not selector.select(timeout):
            raise AssertionError("no output in time")
    return proc.stdout.readline()


# --- a date in the file name, and counting documents up front -----------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("samples/southfront-2020-10-08.txt", "2020-10-08"),
        ("2020-10-12-bulletin.html", "2020-10-12"),
        ("notes/report_2020_10_19.txt", "2020-10-19"),
        ("2020-10-08/article.txt", None),  # a folder's name is not the file's
        ("article-2020-13-08.txt", None),
        ("v12020-10-08.txt", None),
        ("article.txt", None),
    ],
)
def test_date_from_name(path: str, expected: str | None) -> None:
    assert date_from_name(path) == expected


def test_a_date_in_the_file_name_dates_a_text_that_gives_none() -> None:
    write("southfront-2020-10-08.txt", ARM_TANKS)
    # The text's own date ranks above the file name's.
    write("bulletin-2020-10-01.txt", f"Published: 2020-10-12\n\n{ARM_TANKS}")
    write("2020-10-05-page.html", PAGE.replace('<meta property="article:published_time" '
          'content="2020-10-19T20:40:00+04:00">', ""))  # fmt: skip
    write("undated.txt", ARM_TANKS)
    result = run("extract", "southfront-2020-10-08.txt", "bulletin-2020-10-01.txt", "2020-10-05-page.html",
                 "undated.txt", "--format", "json")  # fmt: skip
    assert [(d["id"], d["date"]) for d in json_documents(result)] == [
        ("southfront-2020-10-08.txt", "2020-10-08"),
        ("bulletin-2020-10-01.txt", "2020-10-12"),
        ("2020-10-05-page.html", "2020-10-05"),
        ("undated.txt", None),
    ]
    # Standard input has no name to read a date from.
    piped = run("extract", "-", "--format", "json", input=ARM_TANKS)
    assert [d["date"] for d in json_documents(piped)] == [None]


def test_compare_names_the_undated_documents() -> None:
    for name in ("a.txt", "b.txt", "c.txt", "d.txt", "e-2020-10-05.txt"):
        write(name, ARM_TANKS)
    result = run("compare", "a.txt", "b.txt", "c.txt", "d.txt", "e-2020-10-05.txt", "--format", "csv")
    assert result.exit_code == 0
    assert result.stderr == (
        "Warning: 4 documents have no date (a.txt, b.txt, c.txt and 1 more): figures without a date are not "
        "merged or put in date order; a dateline without a year ('Baku, October 17') gets one with --year "
        "YEAR\n"
    )
    # One document: no order to put anything in, nothing to say.
    assert run("compare", "a.txt", "--format", "csv").stderr == ""
    assert run("compare", "a.txt", "--format", "csv", "-q", "b.txt").stderr == ""


def test_count_documents() -> None:
    make_corpus("corpus")
    make_corpus("corpus/zipped", gz=True)
    write("extra.txt", TXT)
    # A text file or page is one; corpus rows are counted (a JSONL file's non-blank lines, a CSV file's rows);
    # a path that cannot be read is one, its problem. Every item iter_sources gives, notes aside.
    for args, globs in [
        (["extra.txt", "missing.txt"], ("*.txt",)),
        (["corpus"], ("*.txt",)),
        (["corpus"], ("*.txt", "*.html", "*.jsonl", "*.csv", "*.gz")),
        (["corpus/rows.jsonl", "corpus/zipped/rows.csv.gz", "corpus"], ("*.pdf",)),
    ]:
        items = [i for i in iter_sources(args, globs=globs) if not isinstance(i, InputNote)]
        assert count_documents(args, globs=globs) == len(items), (args, globs)
    assert count_documents(["extra.txt", "-"]) is None
    # A named pipe is counted unread (it can be read once only), as one document.
    os.mkfifo("rows-pipe.jsonl")
    assert count_documents(["rows-pipe.jsonl"]) == 1
