"""The page around the article: paragraphs, headlines, list items, page furniture, the outlet's home side.

Computed once per document from the raw text, and shared by the figure and quote readers: a figure in a
"Latest news" teaser or a related-article link is no claim of this article, and the side of an outlet's
dateline ("BAKU, Azerbaijan", "YEREVAN, OCTOBER 3, ARMENPRESS") names whose "Defense Ministry" an unnamed
ministry is. The word lists live in data/layout.json.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from .datafiles import read_json

BULLET = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s+")


def lexicon() -> dict:
    return read_json("layout.json")


def _alternatives(phrases: list[str]) -> str:
    return "(?:" + "|".join(re.escape(p) for p in phrases) + ")"


_LEX = lexicon()
# link lines and the headings of link lists and comment threads that pages carry around an article
FURNITURE_LINE = re.compile(
    rf"(?i)^{_alternatives(_LEX['furniture_link_labels'])}\s*:|^\d{{1,2}}[:.]\d{{2}}\s{{2,}}\S|"
    r"^\d+\s*[hm] ago\s|.*\u00b7\s*\d+\s+(?:hours?|minutes?|days?)\s+ago$|"
    rf"^{_alternatives(_LEX['furniture_line_starts'])}\b"
)
FURNITURE_HEADING = re.compile(
    rf"(?i)^(?:{_alternatives(_LEX['furniture_headings'])}|[\d,.]+k?\s+comments?)\s*:?$"
)
# a bare clock time or a section name on a line of its own inside a news ticker ("23:45", "Region22:47")
TICKER_STAMP = re.compile(r"^(?:[A-Z][\w ]{0,30})?\d{1,2}:\d{2}$")
# as written: "Trend" names the agency, "trend" does not
_OUTLETS: dict[str, str] = {name: side for side, names in _LEX["outlets"].items() for name in names}
_OUTLET_RE = re.compile(
    r"(?<![\w.-])(" + "|".join(re.escape(n) for n in sorted(_OUTLETS, key=len, reverse=True)) + r")(?![\w-])"
)
_CITY_SIDES: dict[str, str] = {
    c.lower(): side for side, cities in _LEX["dateline_cities"].items() for c in cities
}
_DATELINE_CITY = re.compile(
    # each word before the city ends at a space or a separator: were both optional, a long word could be cut
    # into three in n-cubed ways before the match failed
    r"(?im)^[^\S\n]*(?:date \d{4}-\d\d-\d\d\s+)?(?:[A-Z][\w-]*(?:[^\S\n]*[|/:][^\S\n]*|[^\S\n]+)){0,3}?"
    r"("
    + "|".join(map(re.escape, sorted(_CITY_SIDES, key=len, reverse=True)))
    + r")\b[^\S\n]*(?:,|\(|\.\s*[-–—]|[-–—])"
)


def hard_wrapped(text: str) -> bool:
    """Text broken into lines of similar length inside its sentences (copied from a PDF or a wire feed):
    most lines of 40-90 characters end with no sentence punctuation."""
    lines = [line.rstrip() for line in text.split("\n") if line.strip()]
    if len(lines) < 5:
        return False
    ends = (".", "!", "?", ":", '"', "\u201d", ";")
    wrapped = [ln for ln in lines if 40 <= len(ln) <= 90 and not ln.endswith(ends)]
    return len(wrapped) / len(lines) > 0.5


def unwrap(text: str) -> str:
    """Hard-wrapped text with its line breaks inside paragraphs turned into spaces, so that a phrase broken
    over two lines ("10 command and\nobservation posts") reads as one. Same length, same offsets: only those
    newline characters change. Blank lines and list items still break."""
    if not hard_wrapped(text):
        return text
    chars = list(text)
    for m in re.finditer(r"(?<=\S)[^\S\n]*\n(?=[^\S\n]*\S)", text):
        nxt = text[m.end() : m.end() + 6]
        if not BULLET.match(nxt):
            chars[m.end() - 1] = " "
    return "".join(chars)


class Page:
    """Line-level facts about one document's text."""

    def __init__(self, text: str) -> None:
        self.text = text
        # a line's facts are asked for once per quote or figure in it: found by bisection and kept, so that
        # a page of one enormous line costs its length, not its length times its quotes
        self._newlines = [m.start() for m in re.finditer("\n", text)]
        self._lines: dict[int, str] = {}
        self._title_case: dict[int, bool] = {}
        self._headline: dict[int, bool] = {}
        self.wrapped = hard_wrapped(text)
        self.paragraphs = self._paragraphs()
        self._starts = [a for a, _ in self.paragraphs]
        self.body_start = self._body_start()
        self.furniture = self._furniture_spans()
        self.home_side = self._home_side()

    # -- lines and paragraphs ------------------------------------------------------------------------------
    def _paragraphs(self) -> list[tuple[int, int]]:
        """(start, end) of each paragraph: each non-blank line, or in hard-wrapped text each run of lines
        up to a blank line or a list item."""
        out: list[tuple[int, int]] = []
        for m in re.finditer(r"(?m)^[^\n]*\S[^\n]*$", self.text):
            if out and self.wrapped and m.start() == out[-1][1] + 1 and not BULLET.match(m.group(0)):
                out[-1] = (out[-1][0], m.end())
            else:
                out.append((m.start(), m.end()))
        return out

    def paragraph_index(self, char: int) -> int:
        return max(0, bisect_right(self._starts, char) - 1)

    def paragraph_text(self, start: int) -> str:
        if not self.paragraphs:
            return self.text.strip()
        a, b = self.paragraphs[self.paragraph_index(start)]
        return self.text[a:b].strip()

    def line_bounds(self, char: int) -> tuple[int, int]:
        k = bisect_left(self._newlines, char)
        lo = self._newlines[k - 1] + 1 if k > 0 else 0
        return lo, self._newlines[k] if k < len(self._newlines) else len(self.text)

    def line(self, char: int) -> str:
        lo, hi = self.line_bounds(char)
        if lo not in self._lines:
            self._lines[lo] = self.text[lo:hi].strip()
        return self._lines[lo]

    def paragraph_start(self, char: int) -> int:
        """Where the paragraph holding `char` starts (a line break ends a paragraph in these texts, but
        for hard-wrapped text)."""
        if not self.paragraphs or char < self._starts[0]:
            return self.text.rfind("\n", 0, char) + 1
        return self.paragraphs[self.paragraph_index(char)][0]

    def paragraph_end(self, start: int) -> int:
        if not self.paragraphs:
            return len(self.text)
        return self.paragraphs[self.paragraph_index(start)][1]

    def previous_paragraph(self, start: int) -> int | None:
        """The start of the paragraph before the one starting at `start`."""
        k = self.paragraph_index(start)
        return self.paragraphs[k - 1][0] if k > 0 else None

    # -- what kind of line ----------------------------------------------------------------------------------
    def is_bullet(self, line_start: int) -> bool:
        return bool(BULLET.match(self.text[line_start : line_start + 6]))

    def title_case_line(self, char: int) -> bool:
        lo, _ = self.line_bounds(char)
        if lo not in self._title_case:
            words = [w for w in re.findall(r"[A-Za-z][\w'\u2019-]*", self.line(char)) if len(w) > 3]
            self._title_case[lo] = len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) > 0.8
        return self._title_case[lo]

    def in_headline(self, char: int) -> bool:
        """A line with no closing punctuation, or in title case: a headline, kicker or teaser."""
        lo, _ = self.line_bounds(char)
        if lo not in self._headline:
            line = re.sub(r"(?:\[\d+\])+$", "", self.line(char))  # a numbered note: "... attack.[15]"
            ends = line.endswith((".", "!", "?", '"', "\u201d", ";", ":"))
            self._headline[lo] = not ends or self.title_case_line(char)
        return self._headline[lo]

    def furniture_at(self, char: int) -> bool:
        """Page furniture, not the article: a title-case line after the article has begun (a related-article
        link or a teaser; the article's own headline is told again in the body), a "RELATED:" or time-stamped
        link line, anything under a "Related news", "Latest news" or "34 Comments" heading."""
        if any(lo <= char < hi for lo, hi in self.furniture):
            return True
        return self.body_start is not None and char > self.body_start and self.title_case_line(char)

    def _body_start(self) -> int | None:
        """Where the first real paragraph (a long line of prose ending a sentence) begins."""
        for m in re.finditer(r"(?m)^[^\n]{120,}$", self.text):
            if re.sub(r"(?:\[\d+\])+$", "", m.group(0).rstrip()).endswith((".", '"', "\u201d")):
                return m.start()
        return None

    def _furniture_spans(self) -> list[tuple[int, int]]:
        text = self.text
        spans: list[tuple[int, int]] = []
        start = self.body_start or 0
        for m in re.finditer(r"(?m)^[^\n]*$", text):
            line = m.group(0).strip()
            if m.start() < start or not line:
                continue
            if FURNITURE_LINE.match(line):
                spans.append((m.start(), m.end()))
            elif FURNITURE_HEADING.match(line):
                # a related-links list runs to the next blank line; comments and news tickers ("Latest
                # news" followed by time-stamped lines) run to the end of the page
                # (the list's first item may stand a blank line below its heading)
                first = m.end() + len(text[m.end() :]) - len(text[m.end() :].lstrip())
                blank = text.find("\n\n", first)
                ticker = TICKER_STAMP.match(self.line(text.find("\n", m.end()) + 1) or "") is not None
                endless = "comment" in line.lower() or line.lower().rstrip(":") in _LEX["endless_headings"]
                end = len(text) if endless or ticker or blank < 0 else blank
                spans.append((m.start(), end))
        return spans

    # -- whose outlet ---------------------------------------------------------------------------------------
    def _home_side(self) -> str | None:
        """The side of the outlet's own country, from a dateline city or the outlet's name near the top
        ("BAKU, Azerbaijan, Sept. 28 / Trend:", "YEREVAN, OCTOBER 3, ARMENPRESS", "By Azernews", "AP | PTI
        Yerevan (Armenia)"): an unnamed "Defense Ministry" in such a report is that country's."""
        head = self.text[:600]
        sides = {_OUTLETS[m.group(1)] for m in _OUTLET_RE.finditer(head)}
        # the first dateline of the page: a city within the first words of a line, then a comma, a bracket
        # or a dash ("STEPANAKERT, OCTOBER 5, ARTSAKHPRESS:" may follow a repeated headline)
        for m in _DATELINE_CITY.finditer(self.text[:2500]):
            line = self.line(m.start(1))[:60].lower()
            # "YEREVAN/BAKU, Sept 14 (Reuters)", "Yerevan / Baku (dpa)": both capitals, no home side
            cities = {
                side for city, side in _CITY_SIDES.items() if re.search(rf"\b{re.escape(city)}\b", line)
            }
            if len(cities) == 1:
                sides |= cities
            break
        sides.discard("other")
        return sides.pop() if len(sides) == 1 else None


_MEDIA_WORDS = re.compile(r"\b(?:" + "|".join(map(re.escape, _LEX["media_words"])) + r")\b")


def is_outlet(name: str | None) -> bool:
    """Whether a source is a news outlet or agency ("the Interfax news agency", "Trend", "Armenian Service of
    Radio Free Europe/Radio Liberty"): a channel, or the outlet's own voice."""
    if not name:
        return False
    if _OUTLET_RE.search(name):
        return True
    return _MEDIA_WORDS.search(name.lower()) is not None
