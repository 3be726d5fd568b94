"""Hostile input: what an analyst's scraper saves (broken pages, odd encodings, enormous files, text written
to mislead) never crashes, hangs or loses records, and what `claims` writes is safe in a terminal or a
spreadsheet."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import pty
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from clitools import write

from extractors.records import DocumentClaims

CLAIMS = [sys.executable, "-m", "cli"]
ARTICLE = (
    "Baku, October 5. The Azerbaijani Defence Ministry said on Monday that 12 Armenian tanks were destroyed "
    "and 30 Armenian servicemen were killed near Fuzuli.\n\n"
    '"We will not stop," Hikmet Hajiyev said.\n\n'
    "The Armenian Defence Ministry said 4 Azerbaijani drones were shot down over Martuni.\n"
)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def run(*args: str, stdin: bytes | None = None, timeout: float = 300) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in {"FORCE_COLOR", "TTY_COMPATIBLE"}}
    return subprocess.run(
        [*CLAIMS, *args], input=stdin, capture_output=True, timeout=timeout, check=False, env=env
    )


def records(stdout: bytes) -> list[dict]:
    return [json.loads(line) for line in stdout.decode().splitlines()]


def by_doc(stdout: bytes) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in records(stdout):
        out.setdefault(r["doc"], []).append(r)
    return out


# --- cost stays linear --------------------------------------------------------------------------------------

K = 1024
# What a broken page can be made of, each at the sizes; the last two, where every few words are a
# quote or a speaker, at a tenth of them (they go through the parser and attribution).
LINEAR_CASES: list[tuple[str, Callable[[int], str], int]] = [
    ("quote marks", lambda n: '"' * n, 100 * K),
    ("digits", lambda n: "1" * n, 100 * K),
    ("1,1,1,", lambda n: "1,1,1," * (n // 6), 100 * K),
    ("killed repeated", lambda n: "killed " * (n // 7), 100 * K),
    ("dashes", lambda n: "-" * n, 100 * K),
    ("one line without spaces", lambda n: "a" * n, 100 * K),
    ("blank lines", lambda n: "\n" * n, 100 * K),
    ("speaker after speaker", lambda n: "Aliyev said " * (n // 12), 5 * K),
    ("figure after figure", lambda n: "12 tanks, " * (n // 10), 5 * K),
]


@pytest.mark.parametrize(
    ("text", "size"),
    [(make, size) for _, make, size in LINEAR_CASES],
    ids=[name for name, _, _ in LINEAR_CASES],
)
def test_ten_times_the_input_takes_about_ten_times_the_time(
    claims: Callable[[str], DocumentClaims], text: Callable[[int], str], size: int
) -> None:
    # A ratio, not a time: it holds on a slow machine too. A pattern that backtracks, or a step that scans
    # the whole document for each quote or figure, gives 100 and more.
    def seconds(n: int) -> float:
        start = time.perf_counter()
        claims(text(n))
        return time.perf_counter() - start

    seconds(size // 10)  # warm caches up
    small, big = min(seconds(size) for _ in range(2)), seconds(10 * size)
    assert big < 60
    assert big / max(small, 0.02) < 20, (small, big)


def test_a_text_over_a_million_characters_is_extracted_in_parts(
    claims: Callable[[str], DocumentClaims],
) -> None:
    # spaCy alone refuses over a million characters; the model sees it in parts, and every figure is found
    # (the filler is text triage passes over: no figure, quote, cue or name, nor beside one)
    filler = "the night was long and quiet in the capital and in the hills around it. " * 300
    paragraphs = [
        f"On day {n}, the ministry said {n + 10} Armenian tanks were destroyed.\n\nrain fell.\n\n"
        f"{filler}\n\nrain fell.\n\n"
        for n in range(1, 50)
    ]
    text = "".join(paragraphs)
    assert len(text) > 1_000_000
    found = claims(text)
    assert sorted(e.count for e in found.equipment) == [n + 10 for n in range(1, 50)]
    assert all(text[e.start : e.end] == e.text for e in found.equipment)


def test_full_parse_takes_a_long_document_in_parts_too(claims: Callable[[str], DocumentClaims]) -> None:
    from extractors import extract_many

    text = (
        "On day 1, the ministry said 12 Armenian tanks were destroyed.\n\n" + "the hills were quiet. " * 3000
    )
    full = next(extract_many([("long", text)], full_parse=True))
    assert [e.count for e in full.equipment] == [12]
    assert full.records() == claims(text).records()


# --- encodings and odd characters ---------------------------------------------------------------------------

ODD = {
    "NUL": "\x00",
    "lone CR": "\r",
    "form feed": "\x0c",
    "zero-width space": "\u200b",
    "bidi override": "\u202e",
    "combining mark": "\u0301",
    "line separator": "\u2028",
    "BOM inside": "\ufeff",
}


@pytest.mark.parametrize("char", list(ODD.values()), ids=list(ODD))
def test_odd_characters_do_not_shift_offsets(claims: Callable[[str], DocumentClaims], char: str) -> None:
    # in the middle of words, between sentences, before figures and inside quotes
    text = (
        ARTICLE.replace("Monday", f"Mon{char}day")
        .replace(". ", f".{char} ")
        .replace("Hikmet", f"Hik{char}met")
        .replace("We will", f"We{char} will")
    )
    found = claims(text)
    records = [*found.quotes, *found.casualties, *found.equipment]
    assert records
    for r in records:
        assert text[r.start : r.end] == r.text
    assert 4 in {e.count for e in found.equipment}


def test_odd_characters_through_the_command() -> None:
    text = ARTICLE.replace("Monday", "Mon\x00day").replace(". ", ".\r").replace("Hikmet", "Hik\u200bmet")
    write("odd.txt", text)
    proc = run("extract", "odd.txt", "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    got = records(proc.stdout)
    assert got
    assert all(text[r["start"] : r["end"]] == r["text"] for r in got)


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-32"])
def test_a_byte_order_mark_says_the_encoding(codec: str) -> None:
    write("plain.txt", ARTICLE)
    write("marked.txt", ARTICLE.encode(codec))
    plain, marked = (
        run("extract", "plain.txt", "--format", "jsonl"),
        run("extract", "marked.txt", "--format", "jsonl"),
    )
    assert marked.returncode == 0, marked.stderr
    strip = [{k: v for k, v in r.items() if k != "doc"} for r in records(plain.stdout)]
    assert [{k: v for k, v in r.items() if k != "doc"} for r in records(marked.stdout)] == strip
    assert strip


def test_invalid_utf8_is_one_line_naming_the_byte_offset() -> None:
    write("bad.txt", ARTICLE.encode() + b"\xff and more")
    proc = run("extract", "bad.txt")
    assert proc.returncode == 1
    offset = len(ARTICLE.encode())
    assert proc.stderr.decode() == (
        f"Error: bad.txt: not UTF-8 (invalid byte 0xff at offset {offset}); "
        "pass --encoding to read it another way\n"
    )


# --- size and shape -----------------------------------------------------------------------------------------


def _gzip_bomb() -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb") as gz:
        zeros = b"a" * (1024 * 1024)
        for _ in range(64):  # 64 MB of text, 64 KB on disk
            gz.write(zeros)
    return buffer.getvalue()


def _nested_json(depth: int) -> str:
    return '{"text": ' + "[" * depth + "]" * depth + "}"


SHAPES: list[tuple[str, Callable[[], str], str | None]] = []
LIMIT = 300_000  # over the 100,000-deep JSON line


def shape(expected: str | None) -> Callable[[Callable[[], str]], Callable[[], str]]:
    """A bad input to make (its function returns the argument to pass) and the one line it must give."""

    def register(make: Callable[[], str]) -> Callable[[], str]:
        SHAPES.append((make.__name__, make, expected))
        return make

    return register


@shape("Error: big.txt: file is 300001 bytes, over the limit of 300000 bytes; raise it with --max-bytes")
def over_the_limit() -> str:
    return write("big.txt", b"x" * (LIMIT + 1))


@shape(None)  # read: no message
def at_the_limit() -> str:
    return write("at.txt", b"x" * LIMIT)


@shape("Error: bomb.txt.gz: decompressed input is over the limit of 300000 bytes; raise it with --max-bytes")
def gzip_bomb() -> str:
    return write("bomb.txt.gz", _gzip_bomb())


@shape(
    "Error: cut.txt.gz: not a readable gzip file (Compressed file ended before the end-of-stream marker was "
    "reached)"
)
def truncated_gzip() -> str:
    return write("cut.txt.gz", gzip.compress(ARTICLE.encode())[:-12])


@shape("Error: fake.txt.gz: not a readable gzip file (Not a gzipped file (b'Ba'))")
def fake_gzip() -> str:
    return write("fake.txt.gz", ARTICLE)


@shape("Warning: /dev/null: empty input; no claims")
def dev_null() -> str:
    return "/dev/null"


@shape("Error: loop.txt: cannot read it (Too many levels of symbolic links)")
def symlink_loop() -> str:
    os.symlink("loop.txt", "loop.txt")
    return "loop.txt"


@shape("Error: deep.jsonl:1: JSON nested too deeply to read")
def deep_jsonl() -> str:
    return write("deep.jsonl", _nested_json(100_000))


@shape("Error: wide.csv: file is 300029 bytes, over the limit of 300000 bytes; raise it with --max-bytes")
def huge_csv_field() -> str:
    # (50 MB against the default limit is the same check; 300 KB keeps the test small)
    return write("wide.csv", "id,text\n1," + "y" * (LIMIT + 14) + "\n2,z\n")


@shape("Error: open.csv:2: malformed CSV (a quoted field is never closed); the rest of the file is skipped")
def unbalanced_csv_quotes() -> str:
    return write("open.csv", 'id,text\n1,"Twelve soldiers were killed\n2,Another row\n')


def test_every_bad_shape_is_one_line_and_the_batch_goes_on() -> None:
    good = [write(f"good{n}.txt", ARTICLE) for n in range(len(SHAPES) + 1)]
    args = [good[0]]
    for n, (_, make, _) in enumerate(SHAPES):
        args += [make(), good[n + 1]]
    proc = run("extract", *args, "--format", "jsonl", "--max-bytes", str(LIMIT), timeout=600)
    assert proc.returncode == 1
    assert proc.stderr.decode().splitlines() == [expected for _, _, expected in SHAPES if expected]
    docs = by_doc(proc.stdout)
    alone = records(run("extract", good[0], "--format", "jsonl").stdout)
    for name in good:
        assert [{**r, "doc": good[0]} for r in docs[name]] == alone


def test_a_fifo_is_read() -> None:
    os.mkfifo("pipe.txt")

    def feed() -> None:
        with open("pipe.txt", "w", encoding="utf-8") as f:
            f.write(ARTICLE)

    writer = threading.Thread(target=feed)
    writer.start()
    proc = run("extract", "pipe.txt", "--format", "jsonl", timeout=120)
    writer.join(timeout=10)
    assert proc.returncode == 0, proc.stderr
    assert {e["count"] for e in records(proc.stdout) if e["type"] == "equipment"} == {12, 4}


def test_a_folder_of_two_thousand_tiny_files() -> None:
    for n in range(2000):
        write(f"many/{n:04d}.txt", f"Note {n}: {n % 7 + 2} soldiers were killed, the ministry said.")
    proc = run("extract", "many", "--format", "jsonl", "--batch-size", "64", timeout=600)
    assert proc.returncode == 0, proc.stderr
    docs = by_doc(proc.stdout)
    assert len(docs) == 2000
    assert [r["count"] for r in docs["many/1234.txt"] if r["type"] == "casualty"] == [1234 % 7 + 2]


@pytest.mark.parametrize("name", ["with space.txt", "new\nline.txt", "-dash.txt"])
def test_awkward_file_names(name: str) -> None:
    write(name, ARTICLE)
    proc = run("extract", "--format", "jsonl", "--", name)
    assert proc.returncode == 0, proc.stderr
    assert {r["doc"] for r in records(proc.stdout)} == {name}


def test_html_entities_are_not_expanded_and_nothing_is_fetched() -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.1)
    port = server.getsockname()[1]
    laughs = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10))
    page = (
        '<?xml version="1.0"?>\n<!DOCTYPE html [\n<!ENTITY lol0 "lol">\n'
        + laughs
        + f'<!ENTITY xxe SYSTEM "http://127.0.0.1:{port}/steal">\n]>\n'
        "<html><head><title>Report</title></head><body><article>"
        "<p>Twelve soldiers were killed, the ministry said on Monday in Baku. &lol9; &xxe;</p>"
        "<p>More text about the fighting near the border was published on Monday.</p>"
        "</article></body></html>"
    )
    write("laughs.html", page)
    proc = run("extract", "laughs.html", "--format", "jsonl", "--emit-text", timeout=120)
    try:
        server.accept()
        fetched = True
    except TimeoutError:
        fetched = False
    finally:
        server.close()
    assert not fetched
    assert proc.returncode == 0, proc.stderr
    (doc,) = [r for r in records(proc.stdout) if r["type"] == "document"]
    assert "lollol" not in doc["text"]
    assert "Twelve soldiers were killed" in doc["text"]


# --- batch integrity ----------------------------------------------------------------------------------------


def _batch() -> tuple[list[str], list[str]]:
    texts = [ARTICLE.replace("12", str(12 + n)).replace("Martuni", f"Martuni {n}") for n in range(10)]
    good = [write(f"g{n}.txt", text) for n, text in enumerate(texts)]
    bad = [
        write("b1.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20),
        "missing.txt",
        write("b3.txt", b"\xff\xfe\xfd"),
    ]
    return good, good[:3] + [bad[0]] + good[3:6] + [bad[1]] + good[6:8] + [bad[2]] + good[8:]


@pytest.fixture(scope="module")
def alone(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    """What each good file of `_batch` gives on its own: one run each."""
    here = tmp_path_factory.mktemp("alone")
    old = os.getcwd()
    os.chdir(here)
    try:
        good, _ = _batch()
        return {name: records(run("extract", name, "--format", "jsonl").stdout) for name in good}
    finally:
        os.chdir(old)


@pytest.mark.parametrize(
    "options", [["-n", "1"], ["-n", "2"], ["--dask", "local:2"]], ids=["n1", "n2", "dask"]
)
def test_good_files_give_what_they_give_alone_whatever_is_between_them(
    options: list[str], alone: dict[str, list[dict]]
) -> None:
    if options[0] == "--dask":
        pytest.importorskip("distributed")
    good, args = _batch()
    proc = run("extract", *args, "--format", "jsonl", "--batch-size", "2", *options, timeout=600)
    assert proc.returncode == 1
    errors = proc.stderr.decode().splitlines()
    assert [line.split(":")[:2] for line in errors] == [
        ["Error", " b1.txt"], ["Error", " missing.txt"], ["Error", " b3.txt"]
    ], errors  # fmt: skip
    docs = by_doc(proc.stdout)
    assert list(docs) == good
    for name in good:
        assert alone[name]
        assert docs[name] == alone[name]


# --- spreadsheets -------------------------------------------------------------------------------------------

INJECTION = (
    'Baku, October 5. The ministry said: "=HYPERLINK(1+1) 12 Armenian tanks were destroyed," '
    'and "@SUM(A1) we won," Hikmet Hajiyev said. "+3 soldiers were killed," he said. '
    '"-2 drones were shot down," he added. "\tTab and\rreturn," he said.\n'
)


def _csv_cells(text: str) -> Iterator[str]:
    for row in csv.reader(io.StringIO(text, newline="")):
        yield from row


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "inj.txt", "--format", "csv"],
        ["compare", "inj.txt", "--format", "csv"],
        ["compare", "inj.txt", "--format", "csv", "--wide", "--explain"],
    ],
    ids=["extract", "compare", "compare-wide"],
)
def test_no_csv_cell_is_a_formula(args: list[str]) -> None:
    write("inj.txt", INJECTION)
    proc = run(*args)
    assert proc.returncode == 0, proc.stderr
    cells = list(_csv_cells(proc.stdout.decode()))
    assert cells
    assert [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r")) and c != "-"] == []
    if args[0] == "extract":
        assert "'=HYPERLINK(1+1) 12 Armenian tanks were destroyed," in cells
        assert "'@SUM(A1) we won," in cells
        rows = list(csv.DictReader(io.StringIO(proc.stdout.decode(), newline="")))
        counts = [r["count"] for r in rows if r["type"] == "equipment"]
        assert counts and all(c.isdigit() for c in counts)  # numbers stay numbers


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+3", "'+3"),
        ("-2 drones", "'-2 drones"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-", "-"),
        ("12 tanks", "12 tanks"),
        (12, 12),
        (-3, -3),
        (None, None),
    ],
)
def test_a_cell_that_a_spreadsheet_would_run_is_text(value: object, cell: object) -> None:
    from cli.render import csv_cell

    assert csv_cell(value) == cell


# --- terminals ----------------------------------------------------------------------------------------------

HOSTILE = (
    "Baku, October 5. The ministry said 12 Armenian \x1b[31mRED tanks were destroyed near "
    "\x1b]0;pwned\x07Fuzuli. "
    '"We [bold]will[/bold] not \x1b[2J[link=http://e.vil]stop[/link]\x08\x08 now," Hikmet Hajiyev said.\n\n'
    + ARTICLE
    * 3
)
RAW = [b"\x1b[31mRED", b"\x1b]0;", b"\x07", b"\x08", b"\x1b[2J", b"\x1b]8;"]


def on_terminal(*args: str) -> bytes:
    """What the command writes to a pseudo-terminal (stdout and stderr both), colour on."""
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR"}}
    env["COLUMNS"] = "200"
    proc = subprocess.Popen([*CLAIMS, *args], stdin=follower, stdout=follower, stderr=follower, env=env)
    os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=120)
    os.close(leader)
    return out


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "hostile.txt"],
        ["extract", "hostile.txt", "--format", "markdown"],
        ["extract", "hostile.txt", "--format", "csv"],
        ["compare", "hostile.txt"],
        ["compare", "hostile.txt", "--explain"],
        ["compare", "hostile.txt", "--format", "markdown", "--explain"],
        ["extract", "no\x1b[31mRED\x07such.txt"],
    ],
    ids=["table", "markdown", "csv", "compare", "explain", "compare-markdown", "error"],
)
def test_no_escape_sequence_from_the_text_reaches_the_terminal(args: list[str]) -> None:
    write("hostile.txt", HOSTILE)
    out = on_terminal(*args)
    assert [seq for seq in RAW if seq in out] == []
    if args[-1] == "hostile.txt" and args[0] == "extract":
        # shown, escaped, and rich markup in the text is shown as written, not applied
        assert b"\\x1b[31mRED" in out
        assert b"[bold]will[/bold]" in out


# --- signals and closed pipes -------------------------------------------------------------------------------


def _read_line(proc: subprocess.Popen[bytes], timeout: float) -> bytes:
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    line = b""
    while not line.endswith(b"\n"):
        assert time.monotonic() < deadline, "no output"
        line += proc.stdout.read(1)
    return line


@pytest.mark.parametrize(
    ("sig", "code", "message"), [(signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")]
)
def test_a_signal_mid_run_leaves_whole_lines(sig: signal.Signals, code: int, message: str) -> None:
    write("a.txt", ARTICLE)
    proc = subprocess.Popen(
        [*CLAIMS, "extract", "a.txt", "-", "--batch-size", "1", "--format", "jsonl"],
        # (a shell's background job starts with SIGINT ignored, and so would the child)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        first = _read_line(proc, timeout=120)
        time.sleep(0.5)  # blocked on standard input now
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == code
    assert err.decode().splitlines() == [f"Error: {message}"]
    assert {r["doc"] for r in records(first + out)} == {"a.txt"}


@pytest.mark.parametrize(
    "args",
    [["extract", "--format", f] for f in ("table", "json", "jsonl", "csv", "markdown")]
    + [["compare", "--format", f] for f in ("table", "json", "csv", "markdown")],
    ids=lambda a: f"{a[0]}-{a[2]}",
)
def test_a_closed_stdout_ends_quietly(args: list[str]) -> None:
    names = [write(f"d{n}.txt", ARTICLE.replace("12", str(12 + n))) for n in range(8)]
    # a reader that is gone before anything is written: every write hits a closed pipe
    read, write_end = os.pipe()
    os.close(read)
    proc = subprocess.run(
        [*CLAIMS, args[0], *names, *args[1:], "--batch-size", "1", "-q"],
        stdout=write_end,
        stderr=subprocess.PIPE,
        timeout=300,
        check=False,
    )
    os.close(write_end)
    assert proc.stderr.decode() == ""
    assert proc.returncode in (0, 1)


# --- determinism --------------------------------------------------------------------------------------------


FORMATS = (
    [["extract", "--format", f] for f in ("table", "json", "jsonl", "csv", "markdown")]
    + [["compare", "--format", f] for f in ("table", "json", "csv", "markdown")]
    + [["compare", "--format", "table", "--explain"], ["compare", "--format", "csv", "--wide", "--explain"]]
)


def test_the_same_input_gives_the_same_bytes_in_every_format() -> None:
    from clitools import RUNNER

    from cli.app import app

    names = [write(f"d{n}.txt", ARTICLE.replace("12", str(12 + n))) for n in range(3)]
    for command, *options in FORMATS:
        first, second = (RUNNER.invoke(app, [command, *names, *options]) for _ in range(2))
        assert first.exit_code == 0, first.output
        assert re.search(r"\d", first.stdout)
        assert first.stdout_bytes == second.stdout_bytes, (command, options)


def test_the_same_input_gives_the_same_bytes_in_other_processes() -> None:
    # another process, another string hash seed: no set or dict order may leak into the output
    names = [write(f"d{n}.txt", ARTICLE.replace("12", str(12 + n))) for n in range(3)]
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [*CLAIMS, "extract", *names, "--format", "jsonl"],
            capture_output=True,
            env=env,
            timeout=300,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
        write("saved.jsonl", proc.stdout)
        compared = subprocess.run(
            [*CLAIMS, "compare", "saved.jsonl", "--explain", "--format", "markdown"],
            capture_output=True,
            env=env,
            timeout=300,
            check=False,
        )
        outputs.append((proc.stdout, compared.stdout))
    assert outputs[0] == outputs[1]
    assert outputs[0][0] and outputs[0][1]
