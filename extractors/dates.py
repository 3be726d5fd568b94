"""A document's date: from a corpus's date field, or from the dateline or date line at the top of its text.

    >>> detect_date("Politics | 19:15, 12 October 2020\\n\\nArmenia says ...")
    '2020-10-12'
    >>> parse_date("Mon, 05 Oct 2020 14:26:00 +0400")
    '2020-10-05'

Dates come out as ISO `YYYY-MM-DD`, or None when the text gives none. Only the head of a text is looked at
(`HEAD_LINES` non-blank lines): a date further down is what the article reports on, not when it was written.
In the head, in this order of trust:

1. a labelled line: "Published: 2020-10-08", "Report excerpt, published December 11, 2020", "Date: ...";
2. a wire-style dateline opening a line: "STEPANAKERT, OCTOBER 12, ARARAT MONITOR", "Baku, October 17",
   "YEREVAN/BAKU, Oct 5 (Meridian) -", which may leave the year out;
3. a full date on a short header line: "19:15, 12 October 2020", "22.10.2020 | 10:14", "Oct 5, 2020";
4. an "Updated:" / "Last updated:" line, since a page's later edit is a worse guess than any of the above.

A date without a year (datelines mostly) is given one only when the caller says which (`default_year`):
the article itself rarely says, and a guessed year would date a 2022 article to 2020. Month names are
dateutil's (`dateutil.parser.parserinfo`), in English; numeric dates are read day first ("22.10.2020",
"30/09/2020") unless only month first makes sense ("09/30/2020" is September 30).
"""

from __future__ import annotations

import re
from datetime import date

from dateutil.parser import parserinfo

__all__ = ["HEAD_LINES", "date_from_name", "detect_date", "parse_date"]

HEAD_LINES = 20
_HEAD_CHARS = 6000
# A header line is short; a long line is body text, where a full date is what the story is about.
_HEADER_LINE_CHARS = 120
_MIN_YEAR, _MAX_YEAR = 1900, 2100

_INFO = parserinfo()
_MONTH_NAMES = sorted((name for names in _INFO.MONTHS for name in names), key=len, reverse=True)
_MONTH = r"(?:" + "|".join(_MONTH_NAMES) + r")\b\.?"
_DAY = r"(?:[012]?\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|2[01])\d\d"

# Each form has its own group names: Python does not allow one name in two branches.
_FULL_DATE = re.compile(
    rf"(?<![\w.])(?:"
    rf"(?P<iy>{_YEAR})-(?P<im>[01]?\d)-(?P<id>[0-3]?\d)(?!\d)"  # 2020-10-08, 2020-10-08T19:15:00
    rf"|(?P<na>[0-3]?\d)(?P<sep>[./])(?P<nb>[0-3]?\d)(?P=sep)(?P<ny>{_YEAR})(?![\d.]\d)"  # 22.10.2020
    rf"|(?P<dd>{_DAY})\s+(?:of\s+)?(?P<dm>{_MONTH}),?\s+(?P<dy>{_YEAR})(?!\d)"  # 12 October 2020
    rf"|(?P<mm>{_MONTH})\s+(?P<md>{_DAY}),?\s+(?P<my>{_YEAR})(?!\d)"  # October 12, 2020
    rf")",
    re.IGNORECASE,
)
_YEARLESS_DATE = re.compile(
    rf"(?:(?P<dd>{_DAY})\s+(?:of\s+)?(?P<dm>{_MONTH})|(?P<mm>{_MONTH})\s+(?P<md>{_DAY}))(?![\w:])",
    re.IGNORECASE,
)
# A place (up to five capitalised words, "/" between two cities), an optional "(Agency)", then a comma.
_PLACE_WORD = r"[A-Z][\w'’.-]*"
_DATELINE = re.compile(
    rf"\s*{_PLACE_WORD}(?:(?:\s*/\s*|\s+){_PLACE_WORD}){{0,4}}\s*(?:\([^()\n]{{1,40}}\)\s*)?,\s*"
)
# "Date" counts only as "Date:"; the others may run on into the date ("published December 11, 2020").
_LABEL = re.compile(
    r"\b(?:(?P<label>(?:first\s+)?published|posted|dated|(?:last\s+)?(?:updated|modified))\b|date\s*:)",
    re.IGNORECASE,
)
_UPDATE_LABELS = ("updated", "modified")
# How far after its label a labelled date may start: "Published 12:30, October 5, 2020" but not a date at the
# other end of a sentence that happens to say "posted".
_LABEL_REACH = 30

# A date in a file name: "southfront-2020-10-08.txt", "2020-10-08-bulletin.html", "report_2020_10_08.txt".
_NAME_DATE = re.compile(rf"(?<![0-9A-Za-z])(?P<y>{_YEAR})([-_.])(?P<m>[01]\d)\2(?P<d>[0-3]\d)(?![0-9A-Za-z])")

# Lower ranks win; within a rank, the first in the text.
_PUBLISHED, _DATELINE_RANK, _HEADER, _UPDATED = range(4)


def parse_date(value: str, *, default_year: int | None = None) -> str | None:
    """The first date written in `value` as ISO `YYYY-MM-DD`, or None.

    For a corpus's date field: ISO dates and timestamps, "12 October 2020", "Oct 5, 2020", "22.10.2020",
    RFC 2822 ("Mon, 05 Oct 2020 14:26:00 +0400"). A day and month alone count only with `default_year`.
    """
    for match in _FULL_DATE.finditer(value):
        found = _full(match)
        if found is not None:
            return found
    if default_year is not None:
        for match in _YEARLESS_DATE.finditer(value):
            found = _yearless(match, default_year)
            if found is not None:
                return found
    return None


def date_from_name(path: str) -> str | None:
    """The date in a file's name (not its folders), YYYY-MM-DD with "-", "_" or "." between, or None.

    For a document whose text gives no date: a date the text gives is the better witness, so callers use
    this one last.

        >>> date_from_name("samples/southfront-2020-10-08.txt")
        '2020-10-08'
    """
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    for match in _NAME_DATE.finditer(name):
        found = _iso(int(match["y"]), int(match["m"]), int(match["d"]))
        if found is not None:
            return found
    return None


def detect_date(text: str, *, default_year: int | None = None) -> str | None:
    """The date of the document whose text this is, from its head (see the module doc), or None."""
    best: tuple[int, str] | None = None
    for line, whole in _head(text):
        found = _line_date(line, default_year, short=whole and len(line.strip()) <= _HEADER_LINE_CHARS)
        if found is not None and (best is None or found[0] < best[0]):
            best = found
            if best[0] == _PUBLISHED:
                break
    return best[1] if best else None


def _head(text: str) -> list[tuple[str, bool]]:
    """The first `HEAD_LINES` non-blank lines, each with whether it is whole.

    Only a prefix is split, so a 20 MB text costs no more than a short one; its last line may be cut short,
    and must not then pass for a short header line.
    """
    lines: list[tuple[str, bool]] = []
    candidates = text[:_HEAD_CHARS].splitlines()
    cut = len(text) > _HEAD_CHARS and not text[:_HEAD_CHARS].endswith(("\n", "\r"))
    for number, line in enumerate(candidates, 1):
        if line.strip():
            lines.append((line, not (cut and number == len(candidates))))
            if len(lines) == HEAD_LINES:
                break
    return lines


def _line_date(line: str, default_year: int | None, *, short: bool) -> tuple[int, str] | None:
    for label in _LABEL.finditer(line):
        found = _labelled(line[label.end() :], default_year)
        if found is not None:
            updated = (label.group("label") or "").lower().endswith(_UPDATE_LABELS)
            return (_UPDATED if updated else _PUBLISHED), found
    dateline = _DATELINE.match(line)
    if dateline is not None:
        rest = line[dateline.end() :]
        full = _FULL_DATE.match(rest)
        found = _full(full) if full else None
        if found is None and default_year is not None:
            yearless = _YEARLESS_DATE.match(rest)
            found = _yearless(yearless, default_year) if yearless else None
        if found is not None:
            return _DATELINE_RANK, found
    if short:
        for match in _FULL_DATE.finditer(line):
            found = _full(match)
            if found is not None:
                return _HEADER, found
    return None


def _labelled(rest: str, default_year: int | None) -> str | None:
    for match in _FULL_DATE.finditer(rest):
        if match.start() > _LABEL_REACH:
            break
        found = _full(match)
        if found is not None:
            return found
    if default_year is not None:
        match = _YEARLESS_DATE.search(rest)
        if match is not None and match.start() <= _LABEL_REACH:
            return _yearless(match, default_year)
    return None


def _full(match: re.Match[str]) -> str | None:
    g = match.groupdict()
    if g["iy"]:
        return _iso(int(g["iy"]), int(g["im"]), int(g["id"]))
    if g["ny"]:
        first, second = int(g["na"]), int(g["nb"])
        # Day first, as the region's outlets write it; "09/30/2020" can only be month first.
        day, month = (second, first) if second > 12 >= first else (first, second)
        return _iso(int(g["ny"]), month, day)
    if g["dy"]:
        return _named(g["dy"], g["dm"], g["dd"])
    return _named(g["my"], g["mm"], g["md"])


def _yearless(match: re.Match[str], year: int) -> str | None:
    g = match.groupdict()
    if g["dm"]:
        return _named(str(year), g["dm"], g["dd"])
    return _named(str(year), g["mm"], g["md"])


def _named(year: str, month_name: str, day: str) -> str | None:
    month = _INFO.month(month_name.rstrip("."))
    if month is None:
        return None
    return _iso(int(year), month, int(re.sub(r"\D", "", day)))


def _iso(year: int, month: int, day: int) -> str | None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:  # 31 September, month 13
        return None
