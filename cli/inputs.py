"""Command-line path arguments turned into documents for the extractors.

Every way an argument can be unusable comes back as an `InputProblem` with a one-line message instead of an
exception, so one bad file does not end a batch and the CLI alone decides how to report it and which exit code
to use. Text is handed over exactly as decoded (only a leading BOM is dropped) because extractor offsets must
point into what the user's file says; an HTML page is the one exception, handed over as the main text that
trafilatura extracts from it, which is then the text the offsets index.

What a file holds is told by its name: `.html` / `.htm` a web page; `.jsonl` (or `.ndjson`) and `.csv` a
corpus, one document per line or row; anything else text (and text that is plainly HTML markup is read as a
page). A further `.gz` means gzip-compressed. `--max-bytes` bounds every file after decompression.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from typing import BinaryIO

from extractors.dates import date_from_name, parse_date

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_GLOBS = ("*.txt",)
DEFAULT_TEXT_KEY = "text"
DEFAULT_ID_KEY = "id"
DEFAULT_DATE_KEY = "date"
STDIN_ID = "-"

# Binary sniffing looks at the head only: binary formats show themselves in their headers, and a 20 MB text
# file should not be scanned an extra time.
_SNIFF_BYTES = 8192
_READ_CHUNK = 1024 * 1024

# Bytes that text in any encoding we would be asked for never contains. Tab, LF, VT, FF, CR, ESC (colour codes
# in saved terminal output) and SUB (the old DOS end-of-file marker) do turn up in real text files.
_BINARY_CONTROLS = frozenset([*range(0x00, 0x09), *range(0x0E, 0x1A), *range(0x1C, 0x20), 0x7F])

# UTF-32-LE's BOM begins with UTF-16-LE's, so the UTF-32 marks must be tried first.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "UTF-32", "utf-32"),
    (codecs.BOM_UTF16_LE, "UTF-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "UTF-16", "utf-16"),
)

_GZ_SUFFIX = ".gz"
_GZIP_MAGIC = b"\x1f\x8b"
_KINDS = (((".html", ".htm"), "html"), ((".jsonl", ".ndjson"), "jsonl"), ((".csv",), "csv"))
# The first line of JSONL that `claims extract` printed: a record of one of these types, with its "doc".
_OUTPUT_TYPES = frozenset({"quote", "casualty", "equipment", "document"})
# An XML prolog and comments may come before the root element of a saved page (XHTML, "saved from" notes).
_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S
)
_BODY_TAG = re.compile(r"<body[\s>]", re.I)
_HTML_ROOT = re.compile(r"<html[\s>]", re.I)
_P_TAG = re.compile(r"</?p[\s>]", re.I)
# A news text may mention a <p> tag in passing; markup pasted from a page has a couple per paragraph.
_MIN_P_TAGS = 3
_MAX_CHARS_PER_P_TAG = 1000
# The headline of a page is often outside the part trafilatura keeps; it is put back on top unless the text
# already opens with it within this many lines.
_TITLE_LINES = 3

_SIZE_HINT = "raise it with --max-bytes"
_NO_HTML_TEXT = "no article text found in this HTML page"


@dataclass(frozen=True)
class SourceText:
    """A document to extract from.

    `id` is the path as given on the command line (for a file found in a directory, the directory argument
    joined with the file's relative path), or "-" for standard input; for a corpus row, its id field, else
    `FILE:LINE`. `text` is exactly what decoding gave, less a leading BOM: no cleaning or newline changes, so
    extractor offsets index the user's file; for an HTML page, the main text extracted from it.

    `date` is the document's date as ISO `YYYY-MM-DD` when the input says it outside the text (a corpus's date
    field, a page's metadata), else None, and the extractors look for one in the text; `name_date` is the date
    in a file's name ("...-2020-10-08.txt"), for when the text gives none either. `extract_output` marks a
    `.jsonl` file that holds `claims extract` records rather than a corpus: it is handed over whole, for
    `claims compare` to read. `origin` is where a corpus row was read, `FILE:LINE` (its id may be a URL), and
    None for a file, whose id is its path.
    """

    id: str
    text: str
    date: str | None = None
    extract_output: bool = False
    name_date: str | None = None
    origin: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class InputProblem:
    """An argument or file that gave no document; `message` is one line that starts with the shown id.

    `empty` marks input that was read fine but holds no text: a caller may treat it as a warning rather than
    an error. It is left out of equality so that a problem is still identified by its id and message.
    """

    id: str
    message: str
    empty: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class InputNote:
    """A warning about a document that is still read (a corpus date that is not a date), one line as above."""

    id: str
    message: str


def iter_sources(
    args: Sequence[str],
    *,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
    globs: Sequence[str] = DEFAULT_GLOBS,
    text_key: str = DEFAULT_TEXT_KEY,
    id_key: str = DEFAULT_ID_KEY,
    date_key: str = DEFAULT_DATE_KEY,
) -> Iterator[SourceText | InputProblem | InputNote]:
    """Yield one item per document, in argument order; problems are yielded, not raised, so a batch goes on.

    `-` is standard input (`stdin`, else `sys.stdin.buffer`), read only when its turn comes; a file really
    called `-` is reached as `./-`. Standard input is text, or an HTML page, either possibly gzip-compressed.
    A directory contributes the files whose names match one of `globs` (shell patterns, any case; by default
    `*.txt`), recursively, sorted by path components; symlinked subdirectories are not entered, so a link loop
    cannot make the walk endless. FIFOs and character devices are read like standard input, so `<(command)`
    works. A named file is read whatever its name; its name says what it holds (see the module doc).

    A corpus row's text is its `text_key` field, its id the `id_key` field (else `FILE:LINE`), its date the
    `date_key` field; a broken line or a row without text is a problem of its own, and the other rows go on.
    An `InputNote` is a warning about the document that follows it.

    The arguments are checked here, before the first item is asked for, because they are the caller's
    mistake rather than bad input: `args` must not be a bare string and `max_bytes` must not be negative.
    """
    if isinstance(args, str):
        raise TypeError("args must be a sequence of paths, not a single string")
    if max_bytes < 0:
        raise ValueError(f"max_bytes must be 0 or more, not {max_bytes}")
    if isinstance(globs, str) or not globs:
        raise ValueError("globs must be a non-empty sequence of patterns")
    for name, key in (("text_key", text_key), ("id_key", id_key), ("date_key", date_key)):
        if not key:
            raise ValueError(f"{name} must not be empty")
    reader = _Reader(
        _Decoder.for_encoding(encoding),
        max_bytes,
        tuple(g.casefold() for g in globs),
        text_key,
        id_key,
        date_key,
    )
    return reader.sources(list(args), stdin)


Item = SourceText | InputProblem | InputNote


@dataclass(frozen=True)
class _Reader:
    decoder: _Decoder
    max_bytes: int
    globs: tuple[str, ...]
    text_key: str
    id_key: str
    date_key: str

    def sources(self, args: list[str], stdin: BinaryIO | None) -> Iterator[Item]:
        stdin_taken = False
        for arg in args:
            if arg == STDIN_ID:
                # A second `-` would silently read nothing, which would look like an empty article.
                if stdin_taken:
                    yield _problem(arg, "standard input was already read for an earlier '-'")
                    continue
                stdin_taken = True
                yield from self._from_stdin(stdin)
                continue
            st = _stat(arg)
            if isinstance(st, InputProblem):
                yield st
            elif stat.S_ISDIR(st.st_mode):
                yield from self._from_directory(arg)
            else:
                yield from self._from_file(arg, st, named=True)

    def _from_stdin(self, stream: BinaryIO | None) -> Iterator[Item]:
        if stream is None:
            # Looked up only now, so whatever sys.stdin is at read time (a test runner's, say) is used.
            stream = getattr(sys.stdin, "buffer", None)
            if stream is None:
                yield _problem(STDIN_ID, "standard input is not available")
                return
        try:
            data = _read_bounded(stream, self.max_bytes)
        except (OSError, ValueError) as exc:  # ValueError: the stream was closed
            yield _problem(STDIN_ID, f"cannot read standard input ({_reason(exc)})")
            return
        if len(data) > self.max_bytes:
            yield _problem(STDIN_ID, f"input is over the limit of {self.max_bytes} bytes; {_SIZE_HINT}")
            return
        if data.startswith(_GZIP_MAGIC):
            data = self._gunzip(STDIN_ID, io.BytesIO(data))
            if isinstance(data, InputProblem):
                yield data
                return
        yield from self._documents(STDIN_ID, data, "text")

    def _from_directory(self, dir_id: str) -> Iterator[Item]:
        found = self._walk(dir_id)
        if not found:
            yield _problem(dir_id, f"no {_globs_shown(self.globs)} in this directory")
            return
        for _, entry_id, problem in found:
            if problem is not None:
                yield problem
                continue
            # Stat again at read time: the walk's view may be stale, and a broken symlink must be reported.
            st = _stat(entry_id)
            if isinstance(st, InputProblem):
                yield st
            else:
                yield from self._from_file(entry_id, st, named=False)

    def _walk(self, dir_id: str) -> list[tuple[tuple[str, ...], str, InputProblem | None]]:
        """The wanted files under a directory (and the subdirectories that cannot be read), in path order."""
        # Entries carry their path components as the sort key: sorting joined strings would put "a.txt" before
        # "a/b.txt" only by the accident of '.' < '/', and would scatter a folder's files among its siblings.
        found: list[tuple[tuple[str, ...], str, InputProblem | None]] = []
        # An explicit stack rather than recursion, so a very deep tree cannot hit the recursion limit.
        pending: list[tuple[str, tuple[str, ...]]] = [(dir_id, ())]
        while pending:
            path, parts = pending.pop()
            try:
                with os.scandir(path) as entries:
                    listing = list(entries)
            except OSError as exc:
                found.append((parts, path, _os_problem(path, exc)))
                continue
            for entry in listing:
                entry_id = os.path.join(path, entry.name)
                key = (*parts, entry.name)
                if _entry_is_dir(entry, follow_symlinks=False):
                    pending.append((entry_id, key))
                elif self._wanted(entry.name) and not _entry_is_dir(entry, follow_symlinks=True):
                    found.append((key, entry_id, None))
        found.sort(key=lambda item: item[0])
        return found

    def _wanted(self, name: str) -> bool:
        folded = name.casefold()
        return any(fnmatchcase(folded, pattern) for pattern in self.globs)

    def _from_file(self, source_id: str, st: os.stat_result, *, named: bool) -> Iterator[Item]:
        mode = st.st_mode
        regular = stat.S_ISREG(mode)
        # A pipe or device named on the command line is what the user wants read (`<(curl ...)`, /dev/stdin);
        # one that merely sits in a directory could block the whole batch waiting for a writer that never
        # comes.
        streamable = named and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode))
        if not (regular or streamable):
            yield _problem(source_id, f"is {_file_kind(mode)}, not a regular file")
            return
        kind, compressed = _kind_of(source_id)
        # A compressed file's own size says nothing about what it holds: the decompressed read is the check.
        if regular and not compressed and st.st_size > self.max_bytes:
            yield _problem(
                source_id,
                f"file is {st.st_size} bytes, over the limit of {self.max_bytes} bytes; {_SIZE_HINT}",
            )
            return
        try:
            with open(source_id, "rb") as f:
                data = self._gunzip(source_id, f) if compressed else _read_bounded(f, self.max_bytes)
        except (OSError, ValueError) as exc:
            yield _os_problem(source_id, exc)
            return
        if isinstance(data, InputProblem):
            yield data
            return
        # Pipes, devices and files that grew after the stat have no trustworthy size: the read is the check.
        if len(data) > self.max_bytes:
            yield _problem(source_id, f"input is over the limit of {self.max_bytes} bytes; {_SIZE_HINT}")
            return
        yield from self._documents(source_id, data, kind)

    def _gunzip(self, source_id: str, stream: BinaryIO) -> bytes | InputProblem:
        """The decompressed bytes, read no further than one byte over the limit: a gzip bomb stops there."""
        try:
            with gzip.GzipFile(fileobj=stream, mode="rb") as gz:
                data = _read_bounded(gz, self.max_bytes)
        except (OSError, EOFError, zlib.error) as exc:  # BadGzipFile is an OSError; EOFError: cut short
            return _problem(source_id, f"not a readable gzip file ({_reason(exc)})")
        if len(data) > self.max_bytes:
            return _problem(
                source_id, f"decompressed input is over the limit of {self.max_bytes} bytes; {_SIZE_HINT}"
            )
        return data

    def _documents(self, source_id: str, data: bytes, kind: str) -> Iterator[Item]:
        text = self.decoder.decode(source_id, data)
        if isinstance(text, InputProblem):
            yield text
            return
        if not text.strip():
            yield _empty(source_id)
        elif kind == "jsonl":
            yield from self._jsonl(source_id, text)
        elif kind == "csv":
            yield from self._csv(source_id, text)
        elif kind == "html" or _looks_like_html(text):
            page = _from_html(source_id, text)
            yield replace(page, name_date=date_from_name(source_id)) if isinstance(page, SourceText) else page
        else:
            yield SourceText(source_id, text, name_date=date_from_name(source_id))

    def _jsonl(self, file_id: str, text: str) -> Iterator[Item]:
        # Split on "\n" only: str.splitlines would also break at U+2028 and the like, which JSON strings may
        # hold unescaped, and line numbers would no longer be the ones an editor shows.
        lines = text.split("\n")
        if _is_extract_output(lines):
            yield SourceText(file_id, text, extract_output=True)
            return
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            row_id = f"{file_id}:{number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield _problem(row_id, f"not valid JSON at column {exc.colno} ({exc.msg})")
                continue
            except RecursionError:
                yield _problem(row_id, "JSON nested too deeply to read")
                continue
            if not isinstance(row, dict):
                yield _problem(row_id, f"a JSON {_json_kind(row)}, not an object")
                continue
            yield from self._row(row_id, row)

    def _csv(self, file_id: str, text: str) -> Iterator[Item]:
        # A field may hold a whole article, far over the csv module's default limit of 128 KiB; every byte of
        # it is already in memory, so the limit only needs to be the input's own.
        old_limit = csv.field_size_limit(max(csv.field_size_limit(), self.max_bytes))
        try:
            # Strict first, for the one fault a lenient reader hides: a quoted field never closed, which
            # would swallow every later row into one field. Other faults (a stray quote inside a field)
            # are read leniently, as spreadsheets write them.
            rows, broken = self._csv_rows(file_id, text, strict=True)
            if broken is not None and "unexpected end of data" not in broken.message:
                rows, broken = self._csv_rows(file_id, text, strict=False)
            elif broken is not None:
                message = broken.message.replace("unexpected end of data", "a quoted field is never closed")
                broken = replace(broken, message=message)
        finally:
            csv.field_size_limit(old_limit)
        if rows:
            _, header = rows[0]
            if self.text_key not in header:
                columns = ", ".join(repr(name) for name in header)
                yield _problem(
                    file_id,
                    f'no "{self.text_key}" column (the header has {columns}); name it with --text-key',
                )
                return
            if len(rows) == 1 and broken is None:
                yield InputProblem(file_id, f"{_shown(file_id)}: no rows under the header", empty=True)
            for number, values in rows[1:]:
                row_id = f"{file_id}:{number}"
                if len(values) != len(header):
                    yield _problem(row_id, f"{len(values)} fields where the header has {len(header)}")
                    continue
                yield from self._row(row_id, dict(zip(header, values, strict=True)))
        if broken is not None:
            yield broken

    @staticmethod
    def _csv_rows(
        file_id: str, text: str, *, strict: bool
    ) -> tuple[list[tuple[int, list[str]]], InputProblem | None]:
        """(line number, fields) of each non-blank row, and the problem that stopped the reading, if any."""
        rows: list[tuple[int, list[str]]] = []
        reader = csv.reader(io.StringIO(text, newline=""), strict=strict)
        start = 1
        try:
            for row in reader:
                if row:  # a blank line gives no row
                    rows.append((start, row))
                start = reader.line_num + 1
        except csv.Error as exc:
            # The reader cannot find the next row's start by itself: the rest of the file is skipped.
            return rows, _problem(
                f"{file_id}:{start}", f"malformed CSV ({_reason(exc)}); the rest of the file is skipped"
            )
        return rows, None

    def _row(self, row_id: str, row: dict[str, object]) -> Iterator[Item]:
        """One corpus row (a JSON object, or a CSV row by header name) as a document."""
        if self.text_key not in row:
            yield _problem(row_id, f'no "{self.text_key}" field')
            return
        text = row[self.text_key]
        if not isinstance(text, str):
            yield _problem(row_id, f'"{self.text_key}" is a JSON {_json_kind(text)}, not a string')
            return
        doc_id = _row_doc_id(row.get(self.id_key)) or row_id
        if not text.strip():
            yield _empty(row_id)
            return
        date = None
        raw_date = row.get(self.date_key)
        if raw_date is not None and raw_date != "":
            date = parse_date(raw_date) if isinstance(raw_date, str) else None
            if date is None:
                yield InputNote(
                    row_id,
                    f'{_shown(row_id)}: "{self.date_key}" {_clipped(raw_date)} is not a date; '
                    "looking for one in the text",
                )
        if _looks_like_html(text):
            page = _from_html(row_id, text)
            if isinstance(page, InputProblem):
                yield page
                return
            text, date = page.text, date or page.date
        yield SourceText(doc_id, text, date, origin=row_id)


@dataclass(frozen=True)
class _Decoder:
    """Bytes to text for one run: the codec is checked once, but reported per document."""

    encoding: str | None
    codec_problem: str | None
    # UTF-16/32 text is full of NUL bytes, so for those codecs NULs are looked for after decoding instead.
    wide: bool

    @classmethod
    def for_encoding(cls, encoding: str | None) -> _Decoder:
        if encoding is None:
            return cls(None, None, False)
        bad = cls(
            encoding,
            f"{encoding!r} is not a text encoding Python knows; try utf-8, cp1252 or latin-1",
            False,
        )
        try:
            info = codecs.lookup(encoding)
        except (LookupError, ValueError):  # ValueError: a NUL character in the name
            return bad
        try:
            # bytes.decode turns away bytes-to-bytes codecs (base64, zlib) only for non-empty input, so probe
            # with one byte.
            b"a".decode(encoding)
        except LookupError:
            return bad
        except ValueError:
            pass  # a text codec that refuses this particular byte ('undefined' refuses all)
        return cls(encoding, None, info.name.startswith(("utf-16", "utf-32")))

    def decode(self, source_id: str, data: bytes) -> str | InputProblem:
        if self.codec_problem is not None:
            return _problem(source_id, self.codec_problem)
        if self.encoding is None:
            text = self._decode_default(source_id, data)
        else:
            text = self._decode_with_codec(source_id, data, self.encoding)
        if isinstance(text, InputProblem):
            return text
        # The UTF-8 codec keeps a BOM as U+FEFF (and so would any codec that does not know about it); it is
        # not part of the article and would shift every offset by one.
        return text.removeprefix("\ufeff")

    @staticmethod
    def _decode_default(source_id: str, data: bytes) -> str | InputProblem:
        # A byte-order mark says the encoding (a Windows "Unicode" file is UTF-16); checked before the
        # binary sniffing, which would take UTF-16's NUL bytes for binary.
        for bom, name, codec in _WIDE_BOMS:
            if data.startswith(bom):
                return _decode_wide(source_id, data, name, codec)
        binary = _binary_problem(source_id, data)
        if binary is not None:
            return binary
        # The BOM is stripped by hand rather than with utf-8-sig so error offsets count from the file's start.
        skipped = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
        try:
            return data[skipped:].decode("utf-8")
        except UnicodeDecodeError as exc:
            offset = exc.start + skipped
            return _problem(
                source_id,
                f"not UTF-8 (invalid byte 0x{data[offset]:02x} at offset {offset}); "
                "pass --encoding to read it another way",
            )

    def _decode_with_codec(self, source_id: str, data: bytes, encoding: str) -> str | InputProblem:
        if not self.wide:
            binary = _binary_problem(source_id, data)
            if binary is not None:
                return binary
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            bad = exc.object[exc.start : exc.start + 1]
            where = f"invalid byte 0x{bad.hex()} at offset {exc.start}" if bad else exc.reason
            return _problem(source_id, f"not valid {_shown(encoding)} ({where}); check the --encoding value")
        except Exception as exc:  # a codec is arbitrary code: punycode, idna, 'undefined' raise plain errors
            # Python 3.11 wraps a codec's own error in a "decoding with ... failed" copy; the cause says it.
            reason = _reason(exc.__cause__ or exc)
            return _problem(source_id, f"cannot be decoded as {_shown(encoding)} ({reason})")
        if self.wide:
            return _binary_text_problem(source_id, text) or text
        return text


def _decode_wide(source_id: str, data: bytes, name: str, codec: str) -> str | InputProblem:
    """UTF-16 or UTF-32 text told by its byte-order mark (the codec reads the mark, and drops it)."""
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        return _problem(
            source_id,
            f"not valid {name} (invalid bytes at offset {exc.start}, after a {name} byte-order mark); "
            "pass --encoding to read it another way",
        )
    return _binary_text_problem(source_id, text) or text


def _binary_text_problem(source_id: str, text: str) -> InputProblem | None:
    """Binary data decoded as UTF-16 or UTF-32: too many NUL or control characters for text."""
    sample = text[:_SNIFF_BYTES]
    controls = [i for i, ch in enumerate(sample) if ord(ch) in _BINARY_CONTROLS]
    if len(controls) * 100 <= len(sample):
        return None
    first = controls[0]
    what = "NUL character" if sample[first] == "\x00" else f"control character U+{ord(sample[first]):04X}"
    return _problem(source_id, f"binary file ({what} at text offset {first}), not text")


def _binary_problem(source_id: str, data: bytes) -> InputProblem | None:
    """Tell a binary file from text, in UTF-8 or another encoding.

    Invalid bytes cannot do it: Russian in cp1251 is almost all bytes invalid as UTF-8 yet is text that
    --encoding will read. NUL and control bytes can: legacy encodings put letters above 0x7f, never in the C0
    range, and binary formats are full of them.
    """
    sample = data[:_SNIFF_BYTES]
    controls = [i for i, byte in enumerate(sample) if byte in _BINARY_CONTROLS]
    # A stray NUL or control character or two does happen in scraped text (and is read, offsets
    # unchanged); one byte in a hundred does not.
    if len(controls) * 100 <= len(sample):
        return None
    first = controls[0]
    what = "NUL byte" if sample[first] == 0 else f"control byte 0x{sample[first]:02x}"
    return _problem(source_id, f"binary file ({what} at offset {first}), not text")


def _kind_of(source_id: str) -> tuple[str, bool]:
    """What a file holds by its name ("text", "html", "jsonl", "csv"), and whether it is gzip-compressed."""
    name = source_id.lower()
    compressed = name.endswith(_GZ_SUFFIX)
    if compressed:
        name = name[: -len(_GZ_SUFFIX)]
    for suffixes, kind in _KINDS:
        if name.endswith(suffixes):
            return kind, compressed
    return "text", compressed


def _is_extract_output(lines: list[str]) -> bool:
    """Whether JSONL lines are records `claims extract` printed: its first JSON object is a record of one of
    its types, with its "doc". Lines that are not JSON are passed over, so a saved file broken at the top is
    still recognised (and `claims compare` says where it is broken) rather than read as a corpus."""
    for line in lines:
        if not line.strip():
            continue
        try:
            head = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if isinstance(head, dict):
            return head.get("type") in _OUTPUT_TYPES and "doc" in head
    return False


def _from_html(source_id: str, markup: str) -> SourceText | InputProblem:
    """The page's main text (its headline on top) and its date from the page's metadata, by trafilatura."""
    import trafilatura  # imported only when a page comes: it takes a while, and most runs read text

    if not _HTML_ROOT.search(markup, 0, _SNIFF_BYTES):
        # A fragment (a corpus row's "<p>...</p>"): trafilatura takes a lone element for no page at all.
        markup = f"<html><body>{markup}</body></html>"
    try:
        page = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            # Markup only (meta tags, <time>, structured data): the text's own dateline is the extractors' to
            # find, and a search through the body would take the date of whatever event the story recalls.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # noqa: BLE001 - a parser's failure on one page must not end the batch
        return _problem(source_id, f"cannot extract the text of this HTML page ({type(exc).__name__}: {exc})")
    text = (getattr(page, "text", None) or "").strip() if page is not None else ""
    if not text:
        return _problem(source_id, _NO_HTML_TEXT)
    title = " ".join((getattr(page, "title", None) or "").split())
    if title and title not in text.split("\n", _TITLE_LINES)[:_TITLE_LINES]:
        text = f"{title}\n\n{text}"
    date = getattr(page, "date", None)
    return SourceText(source_id, text, parse_date(date) if isinstance(date, str) else None)


def _row_doc_id(value: object) -> str | None:
    """A corpus row's own id: a non-blank string or an integer; anything else leaves it to FILE:LINE."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value
    return None


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _clipped(value: object) -> str:
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def _globs_shown(globs: tuple[str, ...]) -> str:
    # "*.txt" reads better as ".txt files"; any other pattern is shown as it is.
    if all(re.fullmatch(r"\*\.[\w.]+", g) for g in globs):
        return " or ".join(g[1:] for g in globs) + " files"
    return "files matching " + " or ".join(repr(g) for g in globs)


def _empty(source_id: str) -> InputProblem:
    return InputProblem(source_id, f"{_shown(source_id)}: empty input", empty=True)


def _looks_like_html(text: str) -> bool:
    if _HTML_START.match(text, 0, _SNIFF_BYTES):
        return True
    if _BODY_TAG.search(text):
        return True
    p_tags = sum(1 for _ in _P_TAG.finditer(text))
    return p_tags >= _MIN_P_TAGS and p_tags * _MAX_CHARS_PER_P_TAG >= len(text)


def _read_bounded(stream: BinaryIO, limit: int) -> bytes:
    """Read to EOF or to limit + 1 bytes: the extra byte shows an input is over the limit, unread past it."""
    chunks: list[bytes] = []
    remaining = limit + 1
    while remaining > 0:
        # A single read may return short (raw streams, pipes), so keep going until EOF or enough.
        chunk = stream.read(min(remaining, _READ_CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _stat(source_id: str) -> os.stat_result | InputProblem:
    try:
        return os.stat(source_id)
    except (OSError, ValueError) as exc:
        return _os_problem(source_id, exc)


def _os_problem(source_id: str, exc: OSError | ValueError) -> InputProblem:
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return _problem(source_id, "no such file or directory")
    if isinstance(exc, PermissionError):
        return _problem(source_id, "permission denied")
    if isinstance(exc, ValueError):
        # The OS cannot be handed a path with a NUL character, or a lone surrogate that has no bytes.
        return _problem(source_id, "not a usable path (it contains a character no file name can hold)")
    return _problem(source_id, f"cannot read it ({_reason(exc)})")


def _entry_is_dir(entry: os.DirEntry[str], *, follow_symlinks: bool) -> bool:
    try:
        return entry.is_dir(follow_symlinks=follow_symlinks)
    except OSError:
        # Unknowable (e.g. a vanished entry): treat it as a file, and the read will report what is wrong.
        return False


def _file_kind(mode: int) -> str:
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode):
        return "a character device"
    return "a special file"


def _reason(exc: BaseException) -> str:
    strerror = getattr(exc, "strerror", None)
    return _one_line(strerror if isinstance(strerror, str) and strerror else str(exc) or type(exc).__name__)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _problem(source_id: str, what: str) -> InputProblem:
    return InputProblem(source_id, f"{_shown(source_id)}: {what}")


def _shown(source_id: str) -> str:
    # File names may hold newlines, or undecodable bytes kept as lone surrogates; quoted with escapes they
    # keep the message on one line and printable on any terminal.
    return source_id if source_id and source_id.isprintable() else repr(source_id)


def count_documents(
    args: Sequence[str],
    *,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    globs: Sequence[str] = DEFAULT_GLOBS,
) -> int | None:
    """How many items `iter_sources(args, ...)` will yield (documents and problems; notes aside), for a
    progress bar's total; None when standard input is among `args`, which cannot be read twice.

    Cheap next to extraction: a text file or page counts one unread, a folder is walked as `iter_sources`
    walks it, and only corpus files are read (and decompressed) to count their rows: a JSONL file's
    non-blank lines, a CSV file's rows under its header. A file that cannot be read counts one, its problem.
    """
    if STDIN_ID in args:
        return None
    folded = tuple(g.casefold() for g in globs)
    reader = _Reader(_Decoder.for_encoding(encoding), max_bytes, folded, DEFAULT_TEXT_KEY, DEFAULT_ID_KEY, "")
    total = 0
    for arg in args:
        st = _stat(arg)
        if isinstance(st, InputProblem) or not stat.S_ISDIR(st.st_mode):
            total += _count_file(arg, max_bytes, encoding)
            continue
        found = reader._walk(arg)
        total += sum(_count_file(entry_id, max_bytes, encoding) for _, entry_id, _ in found) or 1
    return total


def _count_file(path: str, max_bytes: int, encoding: str | None) -> int:
    kind, compressed = _kind_of(path)
    st = _stat(path)
    # A pipe or device (`<(command)`) can be read only once: by the extraction, not by the count.
    if kind not in ("jsonl", "csv") or isinstance(st, InputProblem) or not stat.S_ISREG(st.st_mode):
        return 1
    try:
        with open(path, "rb") as f:
            data = gzip.GzipFile(fileobj=f).read(max_bytes + 1) if compressed else f.read(max_bytes + 1)
    except (OSError, EOFError, ValueError, zlib.error):
        return 1
    if len(data) > max_bytes:
        return 1
    text = data.decode(encoding or "utf-8", errors="replace")
    if kind == "jsonl":
        lines = text.split("\n")
        return 1 if _is_extract_output(lines) else max(1, sum(1 for line in lines if line.strip()))
    old_limit = csv.field_size_limit(max(csv.field_size_limit(), max_bytes))
    try:
        rows = sum(1 for row in csv.reader(io.StringIO(text, newline="")) if row)
    except csv.Error:
        rows = 2
    finally:
        csv.field_size_limit(old_limit)
    return max(1, rows - 1)
