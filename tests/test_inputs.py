"""cli.inputs: path arguments to documents, every bad input a one-line problem rather than an exception."""

from __future__ import annotations

import codecs
import csv
import errno
import gzip
import io
import json
import os
import socket
import stat
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli import inputs
from cli.inputs import DEFAULT_MAX_BYTES, InputNote, InputProblem, SourceText, iter_sources

NOT_UTF8_HINT = "pass --encoding to read it another way"
HTML_MESSAGE = "no article text found in this HTML page"
ARTICLE = "Officials said 12 soldiers were killed.\n"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Relative paths keep ids, and so expected messages, exactly as a user would type them.
    monkeypatch.chdir(tmp_path)


def write(name: str, data: bytes | str) -> str:
    path = Path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return name


def collect(args: list[str], **kwargs: object) -> list[SourceText | InputProblem]:
    items = list(iter_sources(args, **kwargs))  # type: ignore[arg-type]
    for item in items:
        if isinstance(item, InputProblem):
            assert "\n" not in item.message and "\r" not in item.message
    return items


def one(args: list[str], **kwargs: object) -> SourceText | InputProblem:
    items = collect(args, **kwargs)
    assert len(items) == 1, items
    return items[0]


def problem(source_id: str, what: str) -> InputProblem:
    return InputProblem(source_id, f"{source_id}: {what}")


# --- one bad file each ------------------------------------------------------------------------------------

BAD_FILES: list[tuple[str, str, bytes, dict[str, object], str]] = [
    ("empty file", "a.txt", b"", {}, "empty input"),
    ("whitespace only", "a.txt", b" \n\t\r\n  \n", {}, "empty input"),
    ("BOM only", "a.txt", b"\xef\xbb\xbf\n", {}, "empty input"),
    ("unicode whitespace only", "a.txt", "\u00a0\u2003\n".encode(), {}, "empty input"),
    ("NUL byte", "a.bin", b"abc\x00def", {}, "binary file (NUL byte at offset 3), not text"),
    (
        "NUL byte with encoding",
        "a.bin",
        b"ab\x00",
        {"encoding": "latin-1"},
        "binary file (NUL byte at offset 2), not text",
    ),
    (
        "invalid UTF-8 without NUL but full of control bytes",
        "a.bin",
        b"\x89PNG\x1a\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14\x15\x16",
        {},
        "binary file (control byte 0x01 at offset 5), not text",
    ),
    (
        "latin-1 é",
        "a.txt",
        b"caf\xe9 noir\n",
        {},
        f"not UTF-8 (invalid byte 0xe9 at offset 3); {NOT_UTF8_HINT}",
    ),
    (
        "offset counts the BOM",
        "a.txt",
        b"\xef\xbb\xbfab\xff",
        {},
        f"not UTF-8 (invalid byte 0xff at offset 5); {NOT_UTF8_HINT}",
    ),
    (
        "cp1251 Russian is text in another encoding, not binary",
        "a.txt",
        "Минобороны Армении сообщило о потерях.".encode("cp1251"),
        {},
        f"not UTF-8 (invalid byte 0xcc at offset 0); {NOT_UTF8_HINT}",
    ),
    (
        "UTF-16 with BOM, cut in the middle of a character",
        "a.txt",
        "hello".encode("utf-16") + b"x",
        {},
        "not valid UTF-16 (invalid bytes at offset 12, after a UTF-16 byte-order mark); pass --encoding to "
        "read it another way",
    ),
    (
        "UTF-16 with BOM that is binary data",
        "a.bin",
        codecs.BOM_UTF16_LE + b"\x01\x00\x00\x00" * 20,
        {},
        "binary file (control character U+0001 at text offset 0), not text",
    ),
    (
        "unknown encoding",
        "a.txt",
        b"text",
        {"encoding": "latin-9x"},
        "'latin-9x' is not a text encoding Python knows; try utf-8, cp1252 or latin-1",
    ),
    (
        "bytes-to-bytes codec",
        "a.txt",
        b"text",
        {"encoding": "base64"},
        "'base64' is not a text encoding Python knows; try utf-8, cp1252 or latin-1",
    ),
    (
        "bytes invalid in the given encoding",
        "a.txt",
        b"caf\xe9",
        {"encoding": "ascii"},
        "not valid ascii (invalid byte 0xe9 at offset 3); check the --encoding value",
    ),
    (
        "a codec that raises a plain UnicodeError",
        "a.txt",
        b"text",
        {"encoding": "undefined"},
        "cannot be decoded as undefined (undefined encoding)",
    ),
    (
        "NUL characters inside UTF-16 text",
        "a.txt",
        "ab\x00c".encode("utf-16"),
        {"encoding": "utf-16"},
        "binary file (NUL character at text offset 2), not text",
    ),
    ("empty page", "a.html", b"<html><head><title>T</title></head><body></body></html>", {}, HTML_MESSAGE),
    ("page of scripts", "a.htm", b"<html><body><script>var a = 1;</script></body></html>", {}, HTML_MESSAGE),
]


@pytest.mark.parametrize(
    ("name", "data", "kwargs", "what"),
    [case[1:] for case in BAD_FILES],
    ids=[case[0] for case in BAD_FILES],
)
def test_bad_file(name: str, data: bytes, kwargs: dict[str, object], what: str) -> None:
    write(name, data)
    assert one([name], **kwargs) == problem(name, what)


# Text that is plainly markup is a page whatever its name: read as the main text trafilatura finds in it.
HTML_PAGES: list[tuple[str, str, bytes, str]] = [
    ("doctype", "a.txt", b"<!DOCTYPE html>\n<html><body><p>x</p></body></html>", "x"),
    ("html after whitespace, any case", "a.txt", b"\n\n  <HTML lang='en'>\nSome text", "Some text"),
    ("XHTML with prolog", "a.txt", b'<?xml version="1.0"?>\n<!-- saved -->\n<html>\nx', "x"),
    (
        "paragraph markup",
        "a.txt",
        b"<p>One paragraph of the story.</p>\n<p>Another.</p>\n<P class=x>Third.</P>\n",
        "One paragraph of the story.\nAnother.\nThird.",
    ),
    ("body tag", "a.txt", b"Saved page\n<body class='article'>\nText", "Saved page\nText"),
    ("named .html", "a.html", b"<p>Officials said 12 soldiers were killed.</p>", ARTICLE.strip()),
    ("named .HTM", "A.HTM", b"<p>Officials said 12 soldiers were killed.</p>", ARTICLE.strip()),
    ("named .html, plain text inside", "a.html", ARTICLE.encode(), ARTICLE.strip()),
    ("entities decoded", "a.html", b"<p>Tanks &amp; drones&#8230;</p>", "Tanks & drones\u2026"),
]


@pytest.mark.parametrize(
    ("name", "data", "text"), [case[1:] for case in HTML_PAGES], ids=[case[0] for case in HTML_PAGES]
)
def test_html_is_read_as_its_main_text(name: str, data: bytes, text: str) -> None:
    write(name, data)
    assert one([name]) == SourceText(name, text)


PAGE = """<!DOCTYPE html>
<html><head><title>Armenia says 3 tanks destroyed | Ararat Monitor</title>
<meta property="article:published_time" content="2020-10-12T19:15:00+04:00"></head>
<body><nav><a href="/">Home</a> <a href="/defense">Defense</a></nav>
<header><h1>Armenia says 3 tanks destroyed</h1></header>
<article><p>STEPANAKERT, OCTOBER 12. The Armenian Defense Ministry said 3 Azerbaijani tanks were
destroyed.</p>
<p>The front held &amp; the army stood firm in the south.</p></article>
<footer>Copyright 2020 Ararat Monitor. All rights reserved.</footer></body></html>
"""
PAGE_TEXT = (
    "Armenia says 3 tanks destroyed\n\n"
    "STEPANAKERT, OCTOBER 12. The Armenian Defense Ministry said 3 Azerbaijani tanks were destroyed.\n"
    "The front held & the army stood firm in the south."
)


def test_page_gives_its_headline_main_text_and_date() -> None:
    # No menu, no footer; the headline on top; the date from the page's metadata.
    write("page.html", PAGE)
    assert one(["page.html"]) == SourceText("page.html", PAGE_TEXT, "2020-10-12")


def test_page_on_stdin() -> None:
    assert one(["-"], stdin=io.BytesIO(PAGE.encode())) == SourceText("-", PAGE_TEXT, "2020-10-12")


def test_page_in_another_encoding() -> None:
    write("page.htm", PAGE.replace("Defense Ministry", "Défense Ministry").encode("latin-1"))
    (item,) = collect(["page.htm"], encoding="latin-1")
    assert isinstance(item, SourceText)
    assert "Défense Ministry" in item.text


def test_missing_path() -> None:
    assert one(["nope.txt"]) == problem("nope.txt", "no such file or directory")
    assert one(["nope/a.txt"]) == problem("nope/a.txt", "no such file or directory")


def test_path_under_a_file_is_missing() -> None:
    write("a.txt", ARTICLE)
    assert one(["a.txt/b.txt"]) == problem("a.txt/b.txt", "no such file or directory")


def test_broken_symlink_is_missing() -> None:
    os.symlink("gone.txt", "link.txt")
    assert one(["link.txt"]) == problem("link.txt", "no such file or directory")


def test_path_with_nul_character() -> None:
    assert one(["a\x00.txt"]) == InputProblem(
        "a\x00.txt", "'a\\x00.txt': not a usable path (it contains a character no file name can hold)"
    )


def test_empty_argument() -> None:
    assert one([""]) == InputProblem("", "'': no such file or directory")


def test_name_with_newline_is_escaped_onto_one_line() -> None:
    name = write("bad\nname.txt", b"")
    assert one([name]) == InputProblem(name, "'bad\\nname.txt': empty input")


def test_socket_is_a_problem() -> None:
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no Unix sockets here")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind("s.sock")
        assert one(["s.sock"]) == problem("s.sock", "is a socket, not a regular file")


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_dev_null_is_read_and_is_empty() -> None:
    assert one(["/dev/null"]) == problem("/dev/null", "empty input")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_read_like_process_substitution() -> None:
    os.mkfifo("pipe")

    def feed() -> None:
        with open("pipe", "wb") as f:
            f.write(ARTICLE.encode())

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        assert one(["pipe"]) == SourceText("pipe", ARTICLE)
    finally:
        writer.join(timeout=10)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_inside_a_directory_is_not_opened() -> None:
    # Opening it would wait for a writer forever.
    write("notes/a.txt", "A")
    os.mkfifo("notes/pipe.txt")
    assert collect(["notes"]) == [
        SourceText("notes/a.txt", "A"),
        problem("notes/pipe.txt", "is a named pipe, not a regular file"),
    ]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_endless_device_stops_at_the_limit() -> None:
    assert one(["/dev/zero"], max_bytes=100) == problem(
        "/dev/zero", "input is over the limit of 100 bytes; raise it with --max-bytes"
    )


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads anything")
def test_permission_denied_for_real() -> None:
    write("a.txt", ARTICLE)
    os.chmod("a.txt", 0)
    assert one(["a.txt"]) == problem("a.txt", "permission denied")


@pytest.mark.parametrize(
    ("error", "what"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
        (OSError(errno.EIO, "Input/output error"), "cannot read it (Input/output error)"),
        (IsADirectoryError(errno.EISDIR, "Is a directory"), "cannot read it (Is a directory)"),
    ],
)
def test_open_errors(monkeypatch: pytest.MonkeyPatch, error: OSError, what: str) -> None:
    write("a.txt", ARTICLE)

    def refuse(*args: object, **kwargs: object) -> None:
        raise error

    # Shadows the builtin for the module only (root would get past a chmod).
    monkeypatch.setattr(inputs, "open", refuse, raising=False)
    assert one(["a.txt"]) == problem("a.txt", what)


# --- good files -------------------------------------------------------------------------------------------


def test_plain_utf8_file() -> None:
    write("a.txt", "Baku said: “Armenian forces shelled Tartar.”\n")
    assert one(["a.txt"]) == SourceText("a.txt", "Baku said: “Armenian forces shelled Tartar.”\n")


def test_any_suffix_is_read_when_named() -> None:
    write("story.md", ARTICLE)
    assert one(["story.md"]) == SourceText("story.md", ARTICLE)


def test_bom_removed() -> None:
    write("a.txt", b"\xef\xbb\xbfYerevan said 5 drones were downed.")
    assert one(["a.txt"]) == SourceText("a.txt", "Yerevan said 5 drones were downed.")


def test_bom_removed_with_explicit_utf8() -> None:
    write("a.txt", b"\xef\xbb\xbfText")
    assert one(["a.txt"], encoding="utf-8") == SourceText("a.txt", "Text")


def test_crlf_and_lone_cr_are_kept_so_offsets_stay_true() -> None:
    raw = "Line one.\r\nLine two said “12 killed”.\r\nOld Mac\rline\r\n"
    write("a.txt", raw.encode())
    item = one(["a.txt"])
    assert item == SourceText("a.txt", raw)
    assert isinstance(item, SourceText)
    assert item.text.index("12") == raw.index("12")


def test_text_is_not_cleaned() -> None:
    raw = "  \tIndented\u00a0text\x0c with a form feed and trailing spaces   \n\n"
    write("a.txt", raw)
    assert one(["a.txt"]) == SourceText("a.txt", raw)


def test_latin1_with_encoding() -> None:
    raw = "Café à Stepanakert, 12°C\r\n"
    write("a.txt", raw.encode("latin-1"))
    assert one(["a.txt"], encoding="latin-1") == SourceText("a.txt", raw)


def test_cp1251_with_encoding() -> None:
    raw = "Минобороны Армении сообщило о потерях."
    write("a.txt", raw.encode("cp1251"))
    assert one(["a.txt"], encoding="cp1251") == SourceText("a.txt", raw)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_a_byte_order_mark_says_the_encoding(codec: str) -> None:
    # (the -le and -be codecs write no mark of their own)
    data = "Shusha\r\nfell: «12 tanks»".encode(codec)
    if not codec.endswith(("le", "be")):
        assert data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE[:2])
    else:
        data = ("\ufeff" + "Shusha\r\nfell: «12 tanks»").encode(codec)
    write("a.txt", data)
    assert one(["a.txt"]) == SourceText("a.txt", "Shusha\r\nfell: «12 tanks»")


@pytest.mark.parametrize(
    "text",
    [
        "On Mon\x00day the ministry said that 12 soldiers were killed and 30 wounded in the shelling of "
        "the town overnight.",  # a stray NUL (one byte in a hundred or more is binary)
        "Line one.\rLine two: 12 soldiers.",  # a lone CR
        "Page one.\x0cPage two: 12 soldiers.",  # a form feed
        "Arme\u200bnian and \u202e12\u202c and Bak\u0301u and \u2028 and \ufeff inside",
    ],
)
def test_stray_control_and_format_characters_are_read_as_they_are(text: str) -> None:
    write("a.txt", text)
    assert one(["a.txt"]) == SourceText("a.txt", text)


def test_utf16_with_encoding_is_not_called_binary() -> None:
    write("a.txt", "Shusha\r\nfell".encode("utf-16"))
    assert one(["a.txt"], encoding="utf-16") == SourceText("a.txt", "Shusha\r\nfell")


def test_utf16le_bom_removed_with_explicit_endianness() -> None:
    write("a.txt", "\ufeffShusha".encode("utf-16-le"))
    assert one(["a.txt"], encoding="UTF-16LE") == SourceText("a.txt", "Shusha")


def test_nul_past_the_sniffed_head_is_kept() -> None:
    raw = "x" * 9000 + "\x00tail"
    write("a.txt", raw)
    assert one(["a.txt"]) == SourceText("a.txt", raw)


def test_a_few_stray_control_bytes_do_not_make_text_binary() -> None:
    data = "é".encode("latin-1") + b"\x01" + b"plain text " * 20
    write("a.txt", data)
    assert one(["a.txt"]) == problem("a.txt", f"not UTF-8 (invalid byte 0xe9 at offset 0); {NOT_UTF8_HINT}")


def test_text_mentioning_a_p_tag_is_not_html() -> None:
    raw = "The site wrapped each claim in a <p> tag, analysts said. " + "More prose. " * 50
    write("a.txt", raw)
    assert one(["a.txt"]) == SourceText("a.txt", raw)


def test_text_that_mentions_html_later_is_not_html() -> None:
    raw = "Reporters wrote: <html> was in the leaked file.\n"
    write("a.txt", raw)
    assert one(["a.txt"]) == SourceText("a.txt", raw)


# --- size limit -------------------------------------------------------------------------------------------


def test_default_limit() -> None:
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024


def test_file_at_the_limit_is_read() -> None:
    write("a.txt", b"x" * 10)
    assert one(["a.txt"], max_bytes=10) == SourceText("a.txt", "x" * 10)


def test_file_over_the_limit() -> None:
    write("a.txt", b"x" * 11)
    assert one(["a.txt"], max_bytes=10) == problem(
        "a.txt", "file is 11 bytes, over the limit of 10 bytes; raise it with --max-bytes"
    )


def test_file_over_the_limit_is_not_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    write("a.txt", b"x" * 11)

    def must_not_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("opened a file the stat already ruled out")

    monkeypatch.setattr(inputs, "open", must_not_open, raising=False)
    assert isinstance(one(["a.txt"], max_bytes=10), InputProblem)


def test_stdin_at_the_limit_is_read() -> None:
    assert one(["-"], stdin=io.BytesIO(b"y" * 10), max_bytes=10) == SourceText("-", "y" * 10)


def test_stdin_over_the_limit_reads_only_one_byte_more() -> None:
    stream = io.BytesIO(b"y" * 1000)
    assert one(["-"], stdin=stream, max_bytes=10) == problem(
        "-", "input is over the limit of 10 bytes; raise it with --max-bytes"
    )
    assert stream.tell() == 11


def test_negative_limit_is_a_caller_error_raised_at_once() -> None:
    with pytest.raises(ValueError, match="max_bytes"):
        iter_sources(["a.txt"], max_bytes=-1)


def test_a_bare_string_is_a_caller_error() -> None:
    with pytest.raises(TypeError):
        iter_sources("a.txt")


# --- standard input ---------------------------------------------------------------------------------------


def test_stdin() -> None:
    assert one(["-"], stdin=io.BytesIO(b"From stdin.\r\n")) == SourceText("-", "From stdin.\r\n")


@pytest.mark.parametrize(
    ("data", "kwargs", "expected"),
    [
        (b"\xef\xbb\xbfFrom stdin", {}, SourceText("-", "From stdin")),
        (b"caf\xe9", {"encoding": "latin-1"}, SourceText("-", "café")),
        (b"", {}, problem("-", "empty input")),
        (b"\n \n", {}, problem("-", "empty input")),
        (b"caf\xe9", {}, problem("-", f"not UTF-8 (invalid byte 0xe9 at offset 3); {NOT_UTF8_HINT}")),
        (
            b"\x7fELF\x02\x01\x01\x00",
            {},
            problem("-", "binary file (control byte 0x7f at offset 0), not text"),
        ),
        (b"<!doctype html><p>x", {}, SourceText("-", "x")),
        (b"<!doctype html><body></body>", {}, problem("-", HTML_MESSAGE)),
    ],
)
def test_stdin_cases(data: bytes, kwargs: dict[str, object], expected: SourceText | InputProblem) -> None:
    assert one(["-"], stdin=io.BytesIO(data), **kwargs) == expected


def test_stdin_is_read_only_when_reached() -> None:
    stream = io.BytesIO(ARTICLE.encode())
    items = iter_sources(["nope.txt", "-"], stdin=stream)
    assert next(items) == problem("nope.txt", "no such file or directory")
    assert stream.tell() == 0
    assert next(items) == SourceText("-", ARTICLE)


def test_stdin_defaults_to_sys_stdin_buffer(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(ARTICLE.encode()), encoding="utf-8")
    items = iter_sources(["-"])
    # Swapped in after the call: the default stream is looked up when '-' is reached.
    monkeypatch.setattr(sys, "stdin", fake)
    assert list(items) == [SourceText("-", ARTICLE)]


def test_no_stdin_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    assert one(["-"]) == problem("-", "standard input is not available")


def test_closed_stdin() -> None:
    stream = io.BytesIO(b"x")
    stream.close()
    assert one(["-"], stdin=stream) == problem(
        "-", "cannot read standard input (I/O operation on closed file.)"
    )


def test_stdin_read_error() -> None:
    class Failing(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: object) -> int:
            raise OSError(errno.EIO, "Input/output error")

    assert one(["-"], stdin=Failing()) == problem("-", "cannot read standard input (Input/output error)")


def test_short_reads_are_completed() -> None:
    class Trickle(io.RawIOBase):
        """Hands out one byte per read, as a slow pipe may."""

        def __init__(self, data: bytes) -> None:
            self._data = data

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            if not self._data:
                return 0
            buffer[0] = self._data[0]
            self._data = self._data[1:]
            return 1

    assert one(["-"], stdin=Trickle(b"abcdef")) == SourceText("-", "abcdef")
    assert one(["-"], stdin=Trickle(b"abcdef"), max_bytes=3) == problem(
        "-", "input is over the limit of 3 bytes; raise it with --max-bytes"
    )


def test_stdin_twice() -> None:
    assert collect(["-", "-"], stdin=io.BytesIO(ARTICLE.encode())) == [
        SourceText("-", ARTICLE),
        problem("-", "standard input was already read for an earlier '-'"),
    ]


def test_file_named_dash_via_dot_slash() -> None:
    write("-", ARTICLE)
    assert one(["./-"], stdin=io.BytesIO(b"not this")) == SourceText("./-", ARTICLE)


# --- batches ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bad_name", "bad_data"),
    [
        ("missing.txt", None),
        ("empty.txt", b""),
        ("binary.txt", b"\x00\x01"),
        ("latin.txt", b"caf\xe9"),
        ("page.html", b"<html>"),
    ],
)
def test_bad_file_between_good_ones(bad_name: str, bad_data: bytes | None) -> None:
    write("first.txt", "First article.")
    write("last.txt", "Last article.")
    if bad_data is not None:
        write(bad_name, bad_data)
    items = collect(["first.txt", bad_name, "last.txt"])
    assert [type(item) for item in items] == [SourceText, InputProblem, SourceText]
    assert items[0] == SourceText("first.txt", "First article.")
    assert items[1].id == bad_name
    assert items[2] == SourceText("last.txt", "Last article.")


def test_mixed_batch_keeps_argument_order() -> None:
    write("z.txt", "Zed.")
    write("dir/b.txt", "Bee.")
    write("dir/a.txt", "Ay.")
    items = collect(["z.txt", "-", "dir", "missing.txt", "z.txt"], stdin=io.BytesIO(b"Stdin."))
    assert items == [
        SourceText("z.txt", "Zed."),
        SourceText("-", "Stdin."),
        SourceText("dir/a.txt", "Ay."),
        SourceText("dir/b.txt", "Bee."),
        problem("missing.txt", "no such file or directory"),
        SourceText("z.txt", "Zed."),
    ]


def test_is_lazy() -> None:
    write("a.txt", "A.")
    items = iter_sources(["a.txt", "b.txt"])
    assert isinstance(items, Iterator)
    assert next(items) == SourceText("a.txt", "A.")
    # b.txt appears only after the first document was handed out; it is still found.
    write("b.txt", "B.")
    assert next(items) == SourceText("b.txt", "B.")


# --- directories ------------------------------------------------------------------------------------------


def make_tree() -> None:
    write("notes/b.txt", "B")
    write("notes/a.txt", "A")
    write("notes/a/z.txt", "AZ")
    write("notes/sub/deeper/c.txt", "C")
    write("notes/sub/README.md", "not text for us")
    write("notes/UPPER.TXT", "UP")
    write("notes/page.html", "<html>")
    write("notes/.hidden/h.txt", "H")
    Path("notes/empty").mkdir()


EXPECTED_TREE = [
    ("notes/.hidden/h.txt", "H"),
    ("notes/UPPER.TXT", "UP"),
    ("notes/a/z.txt", "AZ"),
    ("notes/a.txt", "A"),
    ("notes/b.txt", "B"),
    ("notes/sub/deeper/c.txt", "C"),
]


def test_directory_recursion_and_order() -> None:
    make_tree()
    assert collect(["notes"]) == [SourceText(i, t) for i, t in EXPECTED_TREE]


def test_directory_arg_is_kept_as_given() -> None:
    make_tree()
    ids = [item.id for item in collect(["notes/"])]
    assert ids == [i for i, _ in EXPECTED_TREE]
    ids = [item.id for item in collect(["./notes"])]
    assert ids == ["./" + i for i, _ in EXPECTED_TREE]


def test_bad_file_inside_directory_does_not_stop_it() -> None:
    write("notes/a.txt", "A")
    write("notes/b.txt", b"\xff\xfd")
    write("notes/c.txt", "")
    write("notes/d.txt", "D")
    assert collect(["notes"]) == [
        SourceText("notes/a.txt", "A"),
        problem("notes/b.txt", f"not UTF-8 (invalid byte 0xff at offset 0); {NOT_UTF8_HINT}"),
        problem("notes/c.txt", "empty input"),
        SourceText("notes/d.txt", "D"),
    ]


def test_directory_size_limit_applies_per_file() -> None:
    write("notes/small.txt", "x" * 5)
    write("notes/big.txt", "x" * 50)
    assert collect(["notes"], max_bytes=10) == [
        problem("notes/big.txt", "file is 50 bytes, over the limit of 10 bytes; raise it with --max-bytes"),
        SourceText("notes/small.txt", "x" * 5),
    ]


@pytest.mark.parametrize("setup", ["empty", "other files only", "txt directory only"])
def test_directory_without_txt_files(setup: str) -> None:
    Path("notes").mkdir()
    if setup == "other files only":
        write("notes/a.md", "A")
        write("notes/sub/b.html", "<html>")
    elif setup == "txt directory only":
        Path("notes/dir.txt").mkdir()
    assert one(["notes"]) == problem("notes", "no .txt files in this directory")


def test_symlinked_files_are_read_but_symlinked_directories_are_not_entered() -> None:
    write("notes/a.txt", "A")
    write("elsewhere/b.txt", "B")
    os.symlink(os.path.abspath("elsewhere/b.txt"), "notes/link.txt")
    os.symlink(os.path.abspath("elsewhere"), "notes/linkdir")
    os.symlink(os.path.abspath("notes"), "notes/loop")
    assert collect(["notes"]) == [SourceText("notes/a.txt", "A"), SourceText("notes/link.txt", "B")]


def test_broken_symlink_inside_directory() -> None:
    write("notes/a.txt", "A")
    os.symlink("gone.txt", "notes/b.txt")
    assert collect(["notes"]) == [
        SourceText("notes/a.txt", "A"),
        problem("notes/b.txt", "no such file or directory"),
    ]


def test_unreadable_subdirectory_is_reported_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    write("notes/a.txt", "A")
    write("notes/locked/x.txt", "X")
    write("notes/z.txt", "Z")
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if path == os.path.join("notes", "locked"):
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(inputs.os, "scandir", scandir)
    assert collect(["notes"]) == [
        SourceText("notes/a.txt", "A"),
        problem("notes/locked", "permission denied"),
        SourceText("notes/z.txt", "Z"),
    ]


def test_unreadable_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    write("notes/a.txt", "A")

    def scandir(path: str) -> object:
        raise PermissionError(errno.EACCES, "Permission denied", path)

    monkeypatch.setattr(inputs.os, "scandir", scandir)
    assert one(["notes"]) == problem("notes", "permission denied")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_directory_for_real() -> None:
    write("notes/a.txt", "A")
    os.chmod("notes", 0)
    try:
        assert one(["notes"]) == problem("notes", "permission denied")
    finally:
        os.chmod("notes", stat.S_IRWXU)


def test_tree_deeper_than_the_recursion_limit() -> None:
    deep = "notes"
    os.mkdir(deep)
    # Built a level at a time: pathlib's and os.makedirs's own recursion would give out first.
    for _ in range(sys.getrecursionlimit() + 50):
        deep += "/d"
        os.mkdir(deep)
    write(deep + "/a.txt", "Deep.")
    try:
        assert collect(["notes"]) == [SourceText(deep + "/a.txt", "Deep.")]
    finally:
        # Taken down a level at a time too: pytest's own temp-dir cleanup would hit the recursion limit.
        os.remove(deep + "/a.txt")
        while deep:
            os.rmdir(deep)
            deep = deep.rpartition("/")[0]


# --- what a name says a file holds -------------------------------------------------------------------------


def gz(data: bytes | str) -> bytes:
    return gzip.compress(data.encode("utf-8") if isinstance(data, str) else data, mtime=0)


def test_gzip_text_html_and_corpora() -> None:
    write("a.txt.gz", gz("Zipped article.\n"))
    write("p.html.gz", gz("<html><body><p>Zipped page.</p></body></html>"))
    write("c.jsonl.gz", gz('{"id": "j1", "text": "Zipped row."}\n'))
    write("c.csv.gz", gz("id,text\nc1,Zipped cell.\n"))
    write("notes.GZ", gz("Any other name is text."))
    assert collect(["a.txt.gz", "p.html.gz", "c.jsonl.gz", "c.csv.gz", "notes.GZ"]) == [
        SourceText("a.txt.gz", "Zipped article.\n"),
        SourceText("p.html.gz", "Zipped page."),
        SourceText("j1", "Zipped row."),
        SourceText("c1", "Zipped cell."),
        SourceText("notes.GZ", "Any other name is text."),
    ]


def test_gzip_on_stdin_is_recognised_by_its_magic_bytes() -> None:
    assert one(["-"], stdin=io.BytesIO(gz("From a pipe.\n"))) == SourceText("-", "From a pipe.\n")


def test_gzip_limit_is_on_the_decompressed_size() -> None:
    write("small.txt.gz", gz("x" * 100))
    assert one(["small.txt.gz"], max_bytes=100) == SourceText("small.txt.gz", "x" * 100)
    assert one(["small.txt.gz"], max_bytes=99) == problem(
        "small.txt.gz", "decompressed input is over the limit of 99 bytes; raise it with --max-bytes"
    )


def test_gzip_bomb_is_read_no_further_than_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    # 50 MB of zeros in about 50 KB: only the limit and one byte more may ever be decompressed.
    write("bomb.txt.gz", gzip.compress(b"\0" * 50_000_000, compresslevel=9, mtime=0))
    assert Path("bomb.txt.gz").stat().st_size < 100_000
    asked: list[int] = []
    real_read = gzip.GzipFile.read

    def read(self: gzip.GzipFile, size: int = -1) -> bytes:
        asked.append(size)
        return real_read(self, size)

    monkeypatch.setattr(gzip.GzipFile, "read", read)
    assert one(["bomb.txt.gz"], max_bytes=1000) == problem(
        "bomb.txt.gz", "decompressed input is over the limit of 1000 bytes; raise it with --max-bytes"
    )
    assert 0 < sum(asked) <= 1001 and -1 not in asked


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"plain text, not gzip", "not a readable gzip file (Not a gzipped file (b'pl'))"),
        (gz("cut short " * 100)[:-30], "not a readable gzip file"),
        (b"", "empty input"),
    ],
    ids=["not gzip", "truncated", "empty file"],
)
def test_bad_gzip(data: bytes, what: str) -> None:
    write("a.txt.gz", data)
    item = one(["a.txt.gz"])
    assert isinstance(item, InputProblem)
    assert item.message.startswith(f"a.txt.gz: {what}")


# --- folders and --glob ------------------------------------------------------------------------------------


def test_glob_picks_other_files_from_a_folder() -> None:
    make_tree()
    write("notes/sub/c.jsonl", '{"text": "Row."}\n')
    assert collect(["notes"], globs=["*.HTML", "*.jsonl"]) == [
        problem("notes/page.html", HTML_MESSAGE),
        SourceText("notes/sub/c.jsonl:1", "Row."),
    ]


def test_glob_matches_whole_names_in_any_case() -> None:
    write("notes/a.txt", "A")
    write("notes/a.txt.bak", "old")
    write("notes/b.TXT.GZ", gz("B"))
    assert collect(["notes"], globs=["*.txt", "*.txt.gz"]) == [
        SourceText("notes/a.txt", "A"),
        SourceText("notes/b.TXT.GZ", "B"),
    ]


@pytest.mark.parametrize(
    ("globs", "what"),
    [
        (["*.html"], "no .html files in this directory"),
        (["*.html", "*.htm"], "no .html or .htm files in this directory"),
        (["2020-*"], "no files matching '2020-*' in this directory"),
    ],
)
def test_folder_without_matching_files(globs: list[str], what: str) -> None:
    write("notes/a.txt", "A")
    assert one(["notes"], globs=globs) == problem("notes", what)


@pytest.mark.parametrize(
    "kwargs",
    [{"globs": []}, {"globs": "*.txt"}, {"text_key": ""}, {"id_key": ""}, {"date_key": ""}],
    ids=["no globs", "globs as a string", "empty text key", "empty id key", "empty date key"],
)
def test_bad_reading_options_are_caller_errors_raised_at_once(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        iter_sources(["a.txt"], **kwargs)  # type: ignore[arg-type]


# --- JSONL corpora -----------------------------------------------------------------------------------------


def test_jsonl_rows() -> None:
    write(
        "c.jsonl",
        '{"id": "a", "text": "First.", "date": "2020-10-12T19:15:00+04:00"}\n'
        "\n"  # blank lines are passed over, and still counted
        '{"id": 17, "text": "Numbered id."}\n'
        '{"id": "", "text": "Blank id: FILE:LINE.", "date": null}\n'
        '{"text": "No id.", "date": "12 October 2020", "extra": [1, 2]}\r\n'
        '{"id": "a", "text": "Ids may repeat."}',
    )
    assert collect(["c.jsonl"]) == [
        SourceText("a", "First.", "2020-10-12"),
        SourceText("17", "Numbered id."),
        SourceText("c.jsonl:4", "Blank id: FILE:LINE."),
        SourceText("c.jsonl:5", "No id.", "2020-10-12"),
        SourceText("a", "Ids may repeat."),
    ]


def test_jsonl_bad_rows_are_problems_and_the_rest_go_on() -> None:
    write(
        "c.jsonl",
        '{"text": "Good."}\n'
        '{"text": "Cut off\n'
        '["a", "list"]\n'
        '{"id": "x"}\n'
        '{"text": null}\n'
        '{"text": 12}\n'
        '{"text": "  "}\n'
        '{"text": "Last."}\n',
    )
    assert collect(["c.jsonl"]) == [
        SourceText("c.jsonl:1", "Good."),
        problem("c.jsonl:2", "not valid JSON at column 10 (Unterminated string starting at)"),
        problem("c.jsonl:3", "a JSON array, not an object"),
        problem("c.jsonl:4", 'no "text" field'),
        problem("c.jsonl:5", '"text" is a JSON null, not a string'),
        problem("c.jsonl:6", '"text" is a JSON number, not a string'),
        problem("c.jsonl:7", "empty input"),
        SourceText("c.jsonl:8", "Last."),
    ]
    assert [item.empty for item in collect(["c.jsonl"]) if isinstance(item, InputProblem)] == [
        False, False, False, False, False, True,
    ]  # fmt: skip


def test_jsonl_keys_are_chosen() -> None:
    write("c.jsonl", '{"url": "https://x.am/1", "body": "Text.", "published": "Oct 5, 2020", "text": "no"}\n')
    assert one(["c.jsonl"], text_key="body", id_key="url", date_key="published") == SourceText(
        "https://x.am/1", "Text.", "2020-10-05"
    )


def test_corpus_date_that_is_not_a_date_is_a_note_and_the_row_is_read() -> None:
    write("c.jsonl", '{"text": "A.", "date": "yesterday"}\n{"text": "B.", "date": 20201012}\n')
    assert collect(["c.jsonl"]) == [
        InputNote("c.jsonl:1", 'c.jsonl:1: "date" "yesterday" is not a date; looking for one in the text'),
        SourceText("c.jsonl:1", "A."),
        InputNote("c.jsonl:2", 'c.jsonl:2: "date" 20201012 is not a date; looking for one in the text'),
        SourceText("c.jsonl:2", "B."),
    ]


def test_jsonl_row_holding_html_is_read_as_a_page() -> None:
    write("c.jsonl", json.dumps({"id": "p", "text": "<p>Para one.</p><p>Para two.</p><p>Three.</p>"}) + "\n")
    assert one(["c.jsonl"]) == SourceText("p", "Para one.\nPara two.\nThree.")


def test_jsonl_text_may_hold_line_separators() -> None:
    # JSON lets U+2028 stand unescaped in a string; it must not split the line.
    write("c.jsonl", '{"text": "One\u2028two."}\n{"text": "Three."}\n')
    assert collect(["c.jsonl"]) == [
        SourceText("c.jsonl:1", "One\u2028two."),
        SourceText("c.jsonl:2", "Three."),
    ]


@pytest.mark.parametrize(
    "first_line",
    [
        '{"type": "equipment", "doc": "a.txt", "text": "3 tanks", "count": 3}',
        '{"type": "document", "doc": "a.txt", "date": null, "text": "The article."}',
        '{"type": "equipment", "doc": "a.txt", "party": ',  # broken: the next line decides
    ],
    ids=["a record", "an --emit-text document line", "broken first line"],
)
def test_jsonl_that_extract_printed_is_handed_over_whole(first_line: str) -> None:
    text = first_line + '\n{"type": "quote", "doc": "a.txt", "text": "We hold.", "start": 0, "end": 8}\n'
    write("saved.jsonl", text)
    assert one(["saved.jsonl"]) == SourceText("saved.jsonl", text, extract_output=True)


def test_jsonl_with_a_type_field_of_its_own_is_a_corpus() -> None:
    write("c.jsonl", '{"type": "article", "doc": "d1", "text": "Body."}\n')
    assert one(["c.jsonl"]) == SourceText("c.jsonl:1", "Body.")


# --- CSV corpora -------------------------------------------------------------------------------------------


def test_csv_rows() -> None:
    write(
        "c.csv",
        "\ufeffid,date,text\r\n"
        'r1,2020-10-12,"A text\nover two lines, with a comma"\r\n'
        "\r\n"
        ",,No id.\r\n"
        'r3,"Oct 5, 2020","He said ""no""."\r\n',
    )
    assert collect(["c.csv"]) == [
        SourceText("r1", "A text\nover two lines, with a comma", "2020-10-12"),
        SourceText("c.csv:5", "No id."),
        SourceText("r3", 'He said "no".', "2020-10-05"),
    ]


def test_csv_bad_rows_are_problems_and_the_rest_go_on() -> None:
    write("c.csv", "id,text\na,One.\nb,Two,extra\nc\nd,\ne,Five.\n")
    assert collect(["c.csv"]) == [
        SourceText("a", "One."),
        problem("c.csv:3", "3 fields where the header has 2"),
        problem("c.csv:4", "1 fields where the header has 2"),
        problem("c.csv:5", "empty input"),
        SourceText("e", "Five."),
    ]


def test_csv_without_the_text_column_is_one_problem() -> None:
    write("c.csv", "id,body\na,One.\nb,Two.\n")
    assert one(["c.csv"]) == problem(
        "c.csv", "no \"text\" column (the header has 'id', 'body'); name it with --text-key"
    )
    assert collect(["c.csv"], text_key="body") == [SourceText("a", "One."), SourceText("b", "Two.")]


def test_csv_with_a_header_only() -> None:
    write("c.csv", "id,text\n\n")
    item = one(["c.csv"])
    assert item == problem("c.csv", "no rows under the header")
    assert isinstance(item, InputProblem) and item.empty


def test_csv_field_over_the_csv_modules_default_limit() -> None:
    article = "The ministry said 3 tanks were destroyed. " * 10_000  # 420 KB, over the module's 128 KiB
    write("c.csv", f'id,text\nbig,"{article}"\n')
    assert one(["c.csv"]) == SourceText("big", article)
    # The module-wide limit is put back afterwards.
    assert csv.field_size_limit() == 131072


def test_csv_in_another_encoding() -> None:
    write("c.csv", "id,text\nk,Füzuli was shelled.\n".encode("cp1252"))
    assert one(["c.csv"], encoding="cp1252") == SourceText("k", "Füzuli was shelled.")
    assert one(["c.csv"]) == problem("c.csv", f"not UTF-8 (invalid byte 0xfc at offset 11); {NOT_UTF8_HINT}")
