"""Article text made safe to show on a terminal.

Scraped pages carry escape sequences (saved terminal output, or text written to attack whoever reads it):
ESC starts a sequence that can recolour, clear or retitle the terminal, or hide what follows; BEL, backspace
and carriage return rewrite what the line shows; bidi overrides reorder it ("Trojan Source"). Tables,
`compare`, `--explain`, Markdown and messages show every such character as a visible escape (`\\x1b`,
`\\u202e`) instead. Machine formats keep the text exactly as the document has it (JSON escapes it; CSV is
escaped only when written to a terminal). Rich markup in article text ("[bold]") is never interpreted: the
renderers build `rich.text.Text` objects, which take their string literally.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TypeVar

# C0 controls but tab and newline, DEL, C1 controls (U+0080-U+009F: U+009B is a one-character CSI), and the
# bidi embeddings, overrides and isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

T = TypeVar("T")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every character that could drive a terminal shown as an escape."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def sanitized(value: T) -> T:
    """A copy of a record, document or ledger (frozen dataclasses, tuples and lists of them) whose strings
    are `printable`; the same object when nothing in it needs escaping."""
    if isinstance(value, str):
        return printable(value)  # type: ignore[return-value]
    if isinstance(value, tuple):
        items = tuple(sanitized(v) for v in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items  # type: ignore[return-value]
    if isinstance(value, list):
        return [sanitized(v) for v in value]  # type: ignore[return-value]
    if isinstance(value, dict):
        return {k: sanitized(v) for k, v in value.items()}  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            if not f.init:
                continue
            old = getattr(value, f.name)
            new = sanitized(old)
            if new is not old:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value  # type: ignore[arg-type]
    return value
