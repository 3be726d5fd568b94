"""Figures in running text: digits, number words, vague plurals, ranges, qualifiers.

The scanner works on a token sequence (a spaCy `Doc`, or any list of token strings)
so the figure extractor can map a figure back to the parse. Number words are read by
text2num; what it does not cover (vague plurals, "a dozen", ranges, qualifiers, weapon
designations that look like numbers) is table-driven here, with the tables in
`data/numbers.json`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from text_to_num import text2num

from .datafiles import read_json

# digit groups: "1,200", or "1 200" with a no-break, narrow no-break or thin space (never a plain space)
_GROUP_SPACES = "\u00a0\u202f\u2009"
_DIGITS = re.compile(rf"^\d{{1,3}}(?:,\d{{3}})+$|^\d{{1,3}}(?:[{_GROUP_SPACES}]\d{{3}})+$|^\d+$")
_HAS_DIGIT = re.compile(r"\d")
_DECIMAL = re.compile(r"^\d+\.\d+$")
_RANGE = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)[-–—](\d{1,3}(?:,\d{3})+|\d+)$")
# a bare four-digit year ("in 2020", "the 1992-94 war"): the range figures.py also treats as a year
_YEAR = re.compile(r"^(?:1[89]\d\d|20[0-4]\d)$")


@dataclass(frozen=True)
class Quantity:
    """A figure as the text states it: `count` is the SPEC's single integer."""

    count: int
    count_min: int | None
    count_max: int | None
    qualifier: str | None
    approximate: bool


@dataclass(frozen=True)
class Figure:
    """A quantity found at tokens [start, end); `core` is the first token of the number itself."""

    start: int
    end: int
    core: int
    quantity: Quantity
    vague: bool  # "dozens", "hundreds": a plural that names no exact number


def _tables() -> dict:
    return read_json("numbers.json")


def _int(token: str) -> int | None:
    if _DIGITS.match(token):
        return int(re.sub(rf"[,{_GROUP_SPACES}]", "", token))
    return None


def _word_value(words: list[str]) -> int | None:
    try:
        return int(text2num(" ".join(words), "en"))
    except (ValueError, TypeError):
        return None


class _Scanner:
    def __init__(self, words: Sequence[str], spaced: Sequence[bool]) -> None:
        self.w = [t.lower() for t in words]
        self.raw = list(words)
        # spaced[i]: whitespace precedes token i (False inside "BM-21" split as BM / - / 21)
        self.spaced = list(spaced)
        t = _tables()
        self.units: dict[str, int] = t["number_words"]
        self.scales: dict[str, int] = t["scales"]
        self.vague: dict[str, int] = t["vague_plurals"]
        self.changes: frozenset[str] = frozenset(t["change_words"])
        self.max_count: int = t["max_count"]
        self.qualifiers: list[tuple[list[str], str]] = [
            (phrase.split(), canon) for phrase, canon in t["qualifiers"].items()
        ]
        self.qualifiers.sort(key=lambda q: -len(q[0]))
        # the qualifiers by their first word, longest first as above
        self.qualifiers_at: dict[str, list[tuple[list[str], str]]] = {}
        for phrase, canon in self.qualifiers:
            self.qualifiers_at.setdefault(phrase[0], []).append((phrase, canon))
        self.approx_qualifiers: set[str] = set(t["approximate_qualifiers"])
        self.months: set[str] = set(t["months"])
        # money and percentages: "$2,500", "€3 million", "100%", "15 per cent", "2 million dollars"
        self.unit_before: set[str] = set(t["not_counts"]["before"])
        self.unit_after: list[list[str]] = [phrase.split() for phrase in t["not_counts"]["after"]]

    def at(self, i: int) -> str:
        return self.w[i] if 0 <= i < len(self.w) else ""

    def glued(self, i: int) -> bool:
        """Token i is attached to its left neighbour with no space."""
        return 0 < i < len(self.w) and not self.spaced[i]

    def designation(self, i: int, range_end: bool = False) -> bool:
        """Token i is part of a name or a clock time, not a count.

        "BM-21", "2S1", "F16", "9M55K", "102nd", "7-year-old", "08:30", "21.10.2020": a tokenizer may or
        may not split these, so look at glued neighbours as well as at the token itself. The second number
        of "1992-94" or "2020-10-08" is no count either; `range_end` is set when "20-25" is being read
        as a range from its first number.
        """
        tok = self.raw[i]
        if re.search(r"[A-Za-z]", tok) and re.search(r"\d", tok):
            return True
        if re.search(r"\d[:./]\d", tok):
            return True
        if self.glued(i):
            left = self.raw[i - 1]
            if re.search(r"[A-Za-z:./]$", left):
                return True
            if (
                left in {"-", "–"}
                and i >= 2
                and self.glued(i - 1)
                and re.search(r"[A-Za-z]$" if range_end else r"[A-Za-z\d]$", self.raw[i - 2])
            ):
                return True
        if i + 1 < len(self.w) and self.glued(i + 1):
            right = self.raw[i + 1]
            if re.match(r"[A-Za-z]", right):
                return True
            if (
                right in {":", ".", "/"}
                and i + 2 < len(self.w)
                and self.glued(i + 2)
                and self.raw[i + 2][:1].isdigit()
            ):
                return True
            if (
                right in {"-", "–"}
                and i + 2 < len(self.w)
                and self.glued(i + 2)
                and re.match(r"[A-Za-z]", self.raw[i + 2])
            ):
                return True
        return False

    def core(
        self, i: int, lead_one: bool = False, range_end: bool = False
    ) -> tuple[int, int, int | None, int | None, bool] | None:
        """(end, value, min, max, vague) for a number starting at token i.

        `lead_one`: the number follows "a"/"an", so a bare scale word counts ("a hundred" -> 100).
        """
        w = self.at(i)
        if not w:
            return None
        m = _RANGE.match(w)
        if m and not self.designation(i, range_end):
            lo, hi = int(m.group(1).replace(",", "")), int(m.group(2).replace(",", ""))
            if hi > lo and not (_YEAR.match(m.group(1)) and _YEAR.match(m.group(2))):
                return i + 1, lo, lo, hi, False
            return None
        val = _int(w)
        if val is not None and not self.designation(i, range_end):
            end = i + 1
            # "1 200" with a no-break or thin space: spaCy keeps the space as a token of its own
            if re.fullmatch(r"\d{1,3}", w):
                while (
                    re.fullmatch(f"[{_GROUP_SPACES}]", self.raw[end] if end < len(self.raw) else "")
                    and re.fullmatch(r"\d{3}", self.at(end + 1))
                    and not self.designation(end + 1, range_end=True)
                ):
                    val = val * 1000 + int(self.at(end + 1))
                    end += 2
            if self.at(end) in self.scales:
                val *= self.scales[self.at(end)]
                end += 1
            return end, val, None, None, False
        if _DECIMAL.match(w) and self.at(i + 1) in self.scales and self.at(i + 1) != "hundred":
            return i + 2, int(round(float(w) * self.scales[self.at(i + 1)])), None, None, False
        # "tens of thousands", "hundreds of thousands": the smallest value the words allow
        if w in self.vague and self.at(i + 1) == "of" and self.at(i + 2) in self.vague:
            scale = self.scales.get(self.at(i + 2).removesuffix("s"))
            if scale:
                return i + 3, self.vague[w] * scale, None, None, True
        if w in self.vague and w != "tens":
            return i + 1, self.vague[w], None, None, True
        if w == "dozen":
            return i + 1, 12, None, None, False
        if w in self.units or w in self.scales:
            j = i
            words: list[str] = ["one"] if lead_one else []
            while True:
                t = self.at(j)
                if t in self.units or (t in self.scales and words):
                    words.append(t)
                    j += 1
                elif t in {"-", "–"} and words and self.at(j + 1) in self.units and self.glued(j):
                    j += 1
                elif t == "and" and words and self.at(j - 1) in self.scales and self.at(j + 1) in self.units:
                    j += 1
                else:
                    break
            if j == i:
                return None
            value = _word_value(words)
            if value is None:
                return None
            if self.at(j) == "dozen":
                return j + 1, value * 12, None, None, False
            return j, value, None, None, False
        return None

    def pronoun_one(self, i: int, end: int) -> bool:
        """ "no one was hurt", "each one of them": "one" is a pronoun there."""
        return (
            end == i + 1 and self.at(i) == "one" and self.at(i - 1) in _tables()["pronoun_one_after"]["words"]
        )

    def starts(self) -> list[int]:
        """The tokens a figure can begin at: a digit, a number word, a vague plural, a qualifier's first
        word, "between", "a"/"an". Anywhere else `scan` would find nothing and go on to the next token."""
        words = {"between", "a", "an", "dozen", *self.units, *self.scales, *self.vague, *self.qualifiers_at}
        return [i for i, w in enumerate(self.w) if w in words or _HAS_DIGIT.search(w)]

    def scan(self) -> list[Figure]:
        out: list[Figure] = []
        starts = self.starts()
        i = 0
        n = len(self.w)
        while i < n:
            k = bisect_left(starts, i)
            if k == len(starts):
                break
            i = starts[k]
            start = i
            qualifier: str | None = None
            for phrase, canon in self.qualifiers_at.get(self.w[i], ()):
                if self.w[i : i + len(phrase)] == phrase:
                    qualifier = canon
                    i += len(phrase)
                    break
            approx_word = qualifier is not None and " ".join(self.w[start:i]) in self.approx_qualifiers
            # "between 20 and 25"
            if self.at(i) == "between":
                a = self.core(i + 1)
                if a and self.at(a[0]) == "and" and not self.year(i + 1, a[0], qualifier):
                    b = self.core(a[0] + 1)
                    if b and b[1] > a[1]:
                        if not self.money_or_percent(start, i + 1, b[0]):
                            q = Quantity(a[1], a[1], b[1], None, True)
                            out.append(Figure(start, b[0], i + 1, q, False))
                        i = b[0]
                        continue
            # "a dozen", "a hundred", "a thousand"
            if self.at(i) in {"a", "an"} and self.at(i + 1) in {"dozen", *self.scales}:
                got = self.core(i + 1, lead_one=True)
                if got:
                    end, value, *_ = got
                    if not self.money_or_percent(start, i, end):
                        lo, hi = _bounds(qualifier, value)
                        q = Quantity(value, lo, hi, qualifier, approx_word)
                        out.append(Figure(start, end, i, q, False))
                    i = end
                    continue
            got = self.core(i)
            if got is None or self.year(i, got[0], qualifier) or self.pronoun_one(i, got[0]):
                i = start + 1
                continue
            end, value, lo, hi, vague = got
            core = i
            # "20 to 25", "20 - 25"; but "September 27 to 137" is a date, then a figure
            # ("the toll rose from 44 to 1,221" is a change, two figures)
            change = (
                self.at(end) == "to"
                and self.at(start - 1) == "from"
                and any(self.at(k) in self.changes for k in range(max(0, start - 5), start - 1))
            )
            if (
                lo is None
                and self.at(end) in {"to", "-", "–"}
                and not vague
                and not change
                and self.at(core - 1) not in self.months
            ):
                nxt = self.core(end + 1, range_end=True)
                if nxt and nxt[1] > value and nxt[2] is None and not nxt[4]:
                    lo, hi, end = value, nxt[1], nxt[0]
            if self.money_or_percent(start, core, end) or value > self.max_count:
                i = end
                continue
            if lo is None:
                lo, hi = _bounds(qualifier, value)
            approximate = vague or approx_word or (lo is not None and hi is not None and lo != hi)
            q = Quantity(value, lo, hi, qualifier, bool(approximate))
            out.append(Figure(start, end, core, q, vague))
            i = end
        return out

    def year(self, core: int, end: int, qualifier: str | None) -> bool:
        """A bare four-digit year ("in 2020"); "more than 2000" is a count."""
        return qualifier is None and end == core + 1 and bool(_YEAR.match(self.w[core]))

    def money_or_percent(self, start: int, core: int, end: int) -> bool:
        """A sum or a share, not a count: "$2,500", "about €3 million", "100%", "millions of dollars"."""
        if self.at(core - 1) in self.unit_before or self.at(start - 1) in self.unit_before:
            return True
        for j in (end, end + 1) if self.at(end) == "of" else (end,):
            if any(self.w[j : j + len(p)] == p for p in self.unit_after):
                return True
        return False


def _bounds(qualifier: str | None, value: int) -> tuple[int | None, int | None]:
    if qualifier in {"at least", "more than"}:
        return value, None
    if qualifier in {"up to", "fewer than"}:
        return None, value
    return None, None


def scan_tokens(words: Sequence[str], spaced: Sequence[bool] | None = None) -> list[Figure]:
    """Every figure in a token sequence, left to right, never overlapping."""
    if spaced is None:
        spaced = [True] * len(words)
    return _Scanner(words, spaced).scan()


def scan_doc(doc) -> list[Figure]:  # noqa: ANN001 - a spaCy Doc or Span
    from spacy.attrs import SPACY

    words = [t.text for t in doc]
    # whether each token follows white space: its predecessor's SPACY flag, read from the array
    whole = getattr(doc, "doc", doc)
    start = getattr(doc, "start", 0)
    flags = whole.to_array(SPACY)[start : start + len(words)].tolist()
    spaced = [True, *(bool(f) for f in flags[:-1])][: len(words)]
    return _Scanner(words, spaced).scan()


_SIMPLE_TOKENS = re.compile(
    rf"\d{{1,3}}(?:[{_GROUP_SPACES}]\d{{3}})+(?![\d,.])"
    r"|\d[\d,.]*\d-\d[\d,]*|\d[\d,.]*\d|\d|[A-Za-z]+(?:-\d+[A-Za-z0-9]*)?|[^\sA-Za-z\d]"
)


def parse_quantity(text: str) -> Quantity | None:
    """The first figure in a short phrase: `parse_quantity("about 20") -> Quantity(20, ...)`."""
    words: list[str] = []
    spaced: list[bool] = []
    prev_end = 0
    for m in _SIMPLE_TOKENS.finditer(text):
        words.append(m.group())
        spaced.append(m.start() == 0 or m.start() > prev_end)
        prev_end = m.end()
    figs = _Scanner(words, spaced).scan()
    return figs[0].quantity if figs else None


def months() -> frozenset[str]:
    """Month names and abbreviations, lowercase: a number beside one is a date."""
    return frozenset(_tables()["months"])
