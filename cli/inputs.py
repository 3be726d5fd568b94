"""Command-line path arguments turned into documents for the extractors.

Every way an argument can be unusable comes back as an `InputProblem` with a one-line message instead of an
exception, so one bad file does not end a batch and the CLI alone decides how to report it and which exit code
to use. Text is handed over exactly as decoded (only a leading BOM is dropped) because extractor offsets must
point into what the user's file says.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
STDIN_ID = "-"

# Binary sniffing looks at the head only: binary formats show themselves in their headers, and a 20 MB text
# file should not be scanned an extra time.
_SNIFF_BYTES = 8192
_READ_CHUNK = 1024 * 1024

# Bytes that text in any encoding we would be asked for never contains. Tab, LF, VT, FF, CR, ESC (colour codes
# in saved terminal output) and SUB (the old DOS end-of-file marker) do turn up in real text files.
_BINARY_CONTROLS = frozenset([*range(0x01, 0x09), *range(0x0E, 0x1A), *range(0x1C, 0x20), 0x7F])

# UTF-32-LE's BOM begins with UTF-16-LE's, so the UTF-32 marks must be tried first.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "UTF-32", "utf-32"),
    (codecs.BOM_UTF16_LE, "UTF-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "UTF-16", "utf-16"),
)

_HTML_SUFFIXES = (".html", ".htm")
_TXT_SUFFIX = ".txt"
# An XML prolog and comments may come before the root element of a saved page (XHTML, "saved from" notes).
_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S
)
_BODY_TAG = re.compile(r"<body[\s>]", re.I)
_P_TAG = re.compile(r"</?p[\s>]", re.I)
# A news text may mention a <p> tag in passing; markup pasted from a page has a couple per paragraph.
_MIN_P_TAGS = 3
_MAX_CHARS_PER_P_TAG = 1000

_HTML_MESSAGE = "looks like HTML; save the article's text as .txt first"
_SIZE_HINT = "raise it with --max-bytes"


@dataclass(frozen=True)
class SourceText:
    """A document to extract from.

    `id` is the path as given on the command line (for a file found in a directory, the directory argument
    joined with the file's relative path), or "-" for standard input. `text` is exactly what decoding gave,
    less a leading BOM: no cleaning or newline changes, so extractor offsets index the user's file.
    """

    id: str
    text: str


@dataclass(frozen=True)
class InputProblem:
    """An argument or file that gave no document; `message` is one line that starts with the shown id.

    `empty` marks input that was read fine but holds no text: a caller may treat it as a warning rather than
    an error. It is left out of equality so that a problem is still identified by its id and message.
    """

    id: str
    message: str
    empty: bool = field(default=False, compare=False)


def iter_sources(
    args: Sequence[str],
    *,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> Iterator[SourceText | InputProblem]:
    """Yield one item per document, in argument order; problems are yielded, not raised, so a batch goes on.

    `-` is standard input (`stdin`, else `sys.stdin.buffer`), read only when its turn comes; a file really
    called `-` is reached as `./-`. A directory contributes its `*.txt` files (any case of the suffix),
    recursively, sorted by path components; symlinked subdirectories are not entered, so a link loop cannot
    make the walk endless. FIFOs and character devices are read like standard input, so `<(command)` works.

    The arguments are checked here, before the first item is asked for, because they are the caller's
    mistake rather than bad input: `args` must not be a bare string and `max_bytes` must not be negative.
    """
    if isinstance(args, str):
        raise TypeError("args must be a sequence of paths, not a single string")
    if max_bytes < 0:
        raise ValueError(f"max_bytes must be 0 or more, not {max_bytes}")
    return _iter_sources(list(args), _Decoder.for_encoding(encoding), max_bytes, stdin)


def _iter_sources(
    args: list[str], decoder: _Decoder, max_bytes: int, stdin: BinaryIO | None
) -> Iterator[SourceText | InputProblem]:
    stdin_taken = False
    for arg in args:
        if arg == STDIN_ID:
            # A second `-` would silently read nothing, which would look like an empty article.
            if stdin_taken:
                yield _problem(arg, "standard input was already read for an earlier '-'")
                continue
            stdin_taken = True
            yield _from_stdin(stdin, decoder, max_bytes)
            continue
        st = _stat(arg)
        if isinstance(st, InputProblem):
            yield st
        elif stat.S_ISDIR(st.st_mode):
            yield from _from_directory(arg, decoder, max_bytes)
        else:
            yield _from_file(arg, st, decoder, max_bytes, named=True)


def _from_stdin(stream: BinaryIO | None, decoder: _Decoder, max_bytes: int) -> SourceText | InputProblem:
    if stream is None:
        # Looked up only now, so whatever sys.stdin is at read time (a test runner's, say) is the one used.
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            return _problem(STDIN_ID, "standard input is not available")
    try:
        data = _read_bounded(stream, max_bytes)
    except (OSError, ValueError) as exc:  # ValueError: the stream was closed
        return _problem(STDIN_ID, f"cannot read standard input ({_reason(exc)})")
    if len(data) > max_bytes:
        return _problem(STDIN_ID, f"input is over the limit of {max_bytes} bytes; {_SIZE_HINT}")
    return decoder.decode(STDIN_ID, data)


def _from_directory(dir_id: str, decoder: _Decoder, max_bytes: int) -> Iterator[SourceText | InputProblem]:
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
            elif entry.name.lower().endswith(_TXT_SUFFIX) and not _entry_is_dir(entry, follow_symlinks=True):
                found.append((key, entry_id, None))
    if not found:
        yield _problem(dir_id, "no .txt files in this directory")
        return
    found.sort(key=lambda item: item[0])
    for _, entry_id, problem in found:
        if problem is not None:
            yield problem
            continue
        # Stat again at read time: the walk's view may be stale, and a broken symlink must be reported.
        st = _stat(entry_id)
        yield (
            st if isinstance(st, InputProblem) else _from_file(entry_id, st, decoder, max_bytes, named=False)
        )


def _from_file(
    source_id: str, st: os.stat_result, decoder: _Decoder, max_bytes: int, *, named: bool
) -> SourceText | InputProblem:
    mode = st.st_mode
    regular = stat.S_ISREG(mode)
    # A pipe or device named on the command line is what the user wants read (`<(curl ...)`, /dev/stdin); one
    # that merely sits in a directory could block the whole batch waiting for a writer that never comes.
    streamable = named and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode))
    if not (regular or streamable):
        return _problem(source_id, f"is {_file_kind(mode)}, not a regular file")
    if source_id.lower().endswith(_HTML_SUFFIXES):
        # Until HTML extraction exists, reading a page's markup as prose would only produce junk claims.
        return _problem(source_id, _HTML_MESSAGE)
    if regular and st.st_size > max_bytes:
        return _problem(
            source_id, f"file is {st.st_size} bytes, over the limit of {max_bytes} bytes; {_SIZE_HINT}"
        )
    try:
        with open(source_id, "rb") as f:
            data = _read_bounded(f, max_bytes)
    except (OSError, ValueError) as exc:
        return _os_problem(source_id, exc)
    # Pipes, devices and files that grew after the stat have no trustworthy size, so the read is the check.
    if len(data) > max_bytes:
        return _problem(source_id, f"input is over the limit of {max_bytes} bytes; {_SIZE_HINT}")
    return decoder.decode(source_id, data)


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

    def decode(self, source_id: str, data: bytes) -> SourceText | InputProblem:
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
        text = text.removeprefix("\ufeff")
        if not text.strip():
            return InputProblem(source_id, f"{_shown(source_id)}: empty input", empty=True)
        if _looks_like_html(text):
            return _problem(source_id, _HTML_MESSAGE)
        return SourceText(source_id, text)

    @staticmethod
    def _decode_default(source_id: str, data: bytes) -> str | InputProblem:
        # Checked before the NUL scan: a Windows "Unicode" file would otherwise be called binary.
        for bom, name, codec in _WIDE_BOMS:
            if data.startswith(bom):
                return _problem(
                    source_id,
                    f"{name} text (it starts with a {name} byte-order mark); pass --encoding {codec}",
                )
        nul = data.find(b"\x00", 0, _SNIFF_BYTES)
        if nul >= 0:
            return _problem(source_id, f"binary file (NUL byte at offset {nul}), not text")
        # The BOM is stripped by hand rather than with utf-8-sig so error offsets count from the file's start.
        skipped = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
        try:
            return data[skipped:].decode("utf-8")
        except UnicodeDecodeError as exc:
            binary = _binary_problem(source_id, data)
            if binary is not None:
                return binary
            offset = exc.start + skipped
            return _problem(
                source_id,
                f"not UTF-8 (invalid byte 0x{data[offset]:02x} at offset {offset}); "
                "pass --encoding to read it another way",
            )

    def _decode_with_codec(self, source_id: str, data: bytes, encoding: str) -> str | InputProblem:
        if not self.wide:
            nul = data.find(b"\x00", 0, _SNIFF_BYTES)
            if nul >= 0:
                return _problem(source_id, f"binary file (NUL byte at offset {nul}), not text")
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            binary = _binary_problem(source_id, data)
            if binary is not None:
                return binary
            bad = exc.object[exc.start : exc.start + 1]
            where = f"invalid byte 0x{bad.hex()} at offset {exc.start}" if bad else exc.reason
            return _problem(source_id, f"not valid {_shown(encoding)} ({where}); check the --encoding value")
        except Exception as exc:  # a codec is arbitrary code: punycode, idna, 'undefined' raise plain errors
            # Python 3.11 wraps a codec's own error in a "decoding with ... failed" copy; the cause says it.
            reason = _reason(exc.__cause__ or exc)
            return _problem(source_id, f"cannot be decoded as {_shown(encoding)} ({reason})")
        if self.wide:
            nul = text.find("\x00", 0, _SNIFF_BYTES)
            if nul >= 0:
                return _problem(source_id, f"binary file (NUL character at text offset {nul}), not text")
        return text


def _binary_problem(source_id: str, data: bytes) -> InputProblem | None:
    """Tell a binary file from text in another encoding, once decoding has already failed.

    Invalid bytes alone cannot do it: Russian in cp1251 is almost all bytes invalid as UTF-8 yet is text that
    --encoding will read. Control bytes can: legacy encodings put letters above 0x7f, never in the C0 range.
    """
    sample = data[:_SNIFF_BYTES]
    controls = [i for i, byte in enumerate(sample) if byte in _BINARY_CONTROLS]
    # A stray control character or two does happen in scraped text; one byte in a hundred does not.
    if len(controls) * 100 <= len(sample):
        return None
    first = controls[0]
    return _problem(
        source_id, f"binary file (control byte 0x{sample[first]:02x} at offset {first}), not text"
    )


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
