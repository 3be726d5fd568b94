"""The sentence of a document's text around a span: the evidence `claims compare --explain` shows.

    >>> text = "Fighting went on. On Sept. 27 the ministry said 12 tanks were hit. More later."
    >>> found = sentence_around(text, text.index("12 tanks"), text.index("12 tanks") + 8)
    >>> found.text
    'On Sept. 27 the ministry said 12 tanks were hit.'
    >>> found.text[found.mark[0] : found.mark[1]]
    '12 tanks'

A plain punctuation rule, not spaCy's parser: the ledger is also built from saved output, without the
pipeline. A sentence ends at a full stop, question or exclamation mark (and any closing quote or bracket)
before white space, or at a line break (headlines, bullets and datelines carry no full stop); a full stop
after an abbreviation ("Sept.", "Lt.", "Gen.": the `abbreviations` of data/ledger.json) or an initial, or
before a word in lower case, ends nothing.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from .datafiles import read_json

__all__ = ["Sentence", "load_lexicon", "naming_sentence", "sentence_around", "sentence_bounds"]

# Far enough for any real sentence; a text without punctuation gives a bounded window, not the whole file.
WINDOW = 1000
# How far from a figure the sentence that names its claimant is looked for.
NAME_REACH = 3000

_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)|\n")
_OPENING_PUNCT = "\"'“‘([«"
_INITIAL = re.compile(r"[A-Z]\.")


def load_lexicon() -> dict[str, Any]:
    """extractors/data/ledger.json, read once."""
    return read_json("ledger.json")


@functools.lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(word.lower() for word in load_lexicon()["abbreviations"])


@dataclass(frozen=True)
class Sentence:
    """A sentence with its white space collapsed, and where the span sits in it (`text[mark[0]:mark[1]]`)."""

    text: str
    mark: tuple[int, int]


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    if match.group() == "\n" or text[match.start()] != ".":
        return True
    word_start = max(text.rfind(" ", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
    word = text[word_start : match.start() + 1].lstrip(_OPENING_PUNCT)
    if word.lower() in _abbreviations() or _INITIAL.fullmatch(word):
        return False
    following = text[match.end() : match.end() + 40].lstrip()
    return not following[:1].islower()


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int] | None:
    """[begin, stop) of the sentence of `text` holding [start, end); None for offsets outside the text."""
    if not 0 <= start <= end <= len(text):
        return None
    left = max(0, start - WINDOW)
    begin = left
    for match in _END.finditer(text, left, start):
        if _ends_sentence(text, match):
            begin = match.end()
    # The span itself may hold a full stop ("Gen. Hasanov"), so the end is looked for after it.
    stop = min(len(text), end + WINDOW)
    for match in _END.finditer(text, end, end + WINDOW):
        if _ends_sentence(text, match):
            stop = match.end()
            break
    return begin, stop


def sentence_around(text: str, start: int, end: int) -> Sentence | None:
    """The sentence holding [start, end), white space collapsed, with the span marked; None when empty."""
    bounds = sentence_bounds(text, start, end)
    if bounds is None:
        return None
    begin, stop = bounds
    before = _collapse(text[begin:start])
    span = _collapse(text[start:end])
    after = _collapse(text[end:stop])
    # Collapsing the pieces apart keeps the offsets: only the seams need one space where the text had some.
    pieces = [before.strip(), span.strip(), after.strip()]
    joined = pieces[0]
    mark_start = len(joined)
    if joined and pieces[1] and (before.endswith(" ") or span.startswith(" ")):
        joined += " "
        mark_start += 1
    joined += pieces[1]
    mark_end = len(joined)
    if pieces[2] and (span.endswith(" ") or after.startswith(" ")):
        joined += " "
    joined += pieces[2]
    if not joined:
        return None
    return Sentence(joined, (mark_start, mark_end))


def naming_sentence(text: str, start: int, end: int, name: str | None) -> str | None:
    """The sentence nearest [start, end) that names `name`, when the span's own sentence does not.

    For a figure whose claimant is named elsewhere ("The ministry said: ..." above a list, "he added" after
    a quote). The name is looked for as written, then by its last word (a surname) when that is a
    capitalised word of four letters or more; None when the own sentence names it or nothing near does.
    """
    own = sentence_bounds(text, start, end)
    if not name or own is None:
        return None
    words = name.split()
    names = [name]
    if len(words) > 1 and len(words[-1]) >= 4 and words[-1][:1].isupper():
        names.append(words[-1])
    low, high = max(0, start - NAME_REACH), min(len(text), end + NAME_REACH)
    for candidate in names:
        pattern = re.compile(rf"(?<!\w){re.escape(candidate)}(?!\w)")
        hits = [m for m in pattern.finditer(text, low, high)]
        if not hits:
            continue
        if any(own[0] <= m.start() and m.end() <= own[1] for m in hits):
            return None
        # A claimant is named before what it claims ("The ministry said: ..."): a name before comes first.
        before = [m for m in hits if m.end() <= start]
        nearest = before[-1] if before else min(hits, key=lambda m: abs(m.start() - end))
        found = sentence_around(text, nearest.start(), nearest.end())
        return found.text if found else None
    return None


def _collapse(text: str) -> str:
    """White space runs as one space, ends kept (so the seams between pieces can be told)."""
    return re.sub(r"\s+", " ", text)
