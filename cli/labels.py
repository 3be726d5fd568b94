"""How a ledger figure, its evidence and a quote read in the human formats (table, Markdown, wide CSV).

    "about 20 T-72 — Armenian Defense Ministry (total) [a.txt]"
    "↳ a.txt, 2020-10-05: “The ministry said **12 tanks** were hit.”"

Where a figure comes from is said once: as the documents in its bracket, or as short keys ("[2]") that a
legend under a table resolves, or, with the evidence shown, by each evidence line alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from extractors.ledger import Decrease, Figure, SideQuote, Source

# Mid-tone colours from the 256-colour palette stay readable on dark and light backgrounds alike.
SIDE_STYLES = {"armenia": "dark_orange3", "azerbaijan": "dodger_blue2", "other": "magenta", "unknown": "dim"}
PARTY_LABELS = {"armenia": "Armenian", "azerbaijan": "Azerbaijani", "both": "both sides"}


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def figure_line(figure: Figure, *, show_doc: bool, show_date: bool = False) -> str:
    """One figure in a cell: "about 20 T-72 — Armenian Defense Ministry (total) [a.txt]".

    A figure several documents make lists them ("[3 sources: a.txt, b.txt, c.txt]"); `show_date` adds the
    document date to that bracket. A running total that fell ends with "↓ fell from ... to ...".
    """
    return figure_label(figure, show_doc=show_doc, show_date=show_date) + decrease_note(figure)


def figure_label(
    figure: Figure,
    *,
    show_doc: bool,
    show_date: bool = False,
    keys: Mapping[str, int] | None = None,
    explain: bool = False,
) -> str:
    """`figure_line` without its decrease note.

    `keys`: the documents as short keys ("[1, 3]") instead of their names. `explain`: no documents at all,
    since the evidence lines under the figure name each one. A summary figure ends with how many documents
    and figures stand behind it, when that is more than one.
    """
    line = figure.figure
    if figure.model:
        line += f" {figure.model}"
    nobody = unnamed(figure.claimant_side)
    claimants = dict.fromkeys(source.claimant or nobody for source in figure.sources)
    line += f" — {' / '.join(claimants) if claimants else figure.claimant or nobody}"
    if figure.claimant_side not in ("armenia", "azerbaijan") and nobody not in claimants:
        line += f" ({figure.claimant_side})"
    notes = flags(figure.hedged, figure.cumulative, subtotal=figure.subtotal)
    if figure.earlier and not figure.summary_figures:
        notes += f", latest of {figure.earlier + 1} dates"
    if notes:
        line += f", {notes}"
    docs = figure.source_docs
    if explain:
        pass
    elif keys is not None:
        line += f" [{', '.join(str(keys[doc]) for doc in docs if doc in keys)}]"
    elif show_doc:
        where = f"{len(docs)} sources: {', '.join(docs)}" if len(docs) > 1 else docs[0]
        line += f" [{where}; {figure.date}]" if show_date and figure.date else f" [{where}]"
    if figure.summary_sources > 1 or figure.summary_figures > 1:
        tail = plural(figure.summary_sources, "source")
        if figure.summary_figures > 1:
            tail += f", latest of {figure.summary_figures} figures"
        line += f" ({tail})"
    return line


def flags(hedged: bool, cumulative: bool, *, subtotal: bool = False) -> str:
    total = "total of one place" if subtotal else "running total"
    return ", ".join(name for name, on in (("hedged", hedged), (total, cumulative)) if on)


def decrease_note(figure: Figure) -> str:
    """ " ↓ fell from 230 (2020-10-04) to 210 (2020-10-05)" for each drop of a running total, or ""."""
    return "".join(f" ↓ {decrease_text(d)}" for d in figure.decreases)


def decrease_text(decrease: Decrease) -> str:
    d = decrease
    return f"fell from {d.previous_count:,} ({d.previous_date}) to {d.count:,} ({d.date})"


@dataclass(frozen=True)
class Evidence:
    """One source of a figure, ready to print: where, its sentence split around the figure, and the sentence
    that names the claimant when that is another one."""

    where: str
    before: str
    span: str
    after: str
    quoted: bool  # the sentence has its own quotation marks at an end: no more are put around it
    named: str | None = None


def evidence(
    figure: Figure, *, keys: Mapping[str, int] | None = None, show_doc: bool = True
) -> list[Evidence]:
    """Where a figure comes from, one entry per source (each document once).

    The sentence around the figure when the document's text was at hand, else the figure's own evidence span.
    """
    return [_evidence(figure, source, keys, show_doc) for source in figure.sources]


def _evidence(figure: Figure, source: Source, keys: Mapping[str, int] | None, show_doc: bool) -> Evidence:
    if keys is not None and source.doc in keys:
        where = f"[{keys[source.doc]}]"
    elif show_doc:
        where = f"{source.doc}, {source.date}" if source.date else source.doc
    else:
        where = source.date or ""
    if source.claimant != figure.claimant:
        where += f" ({source.claimant or unnamed(figure.claimant_side)})"
    if source.sentence and source.mark:
        start, end = source.mark
        text = source.sentence
        before, span, after = text[:start], text[start:end], text[end:]
    else:
        before, span, after = "", one_line(source.sentence or source.text), ""
    return Evidence(
        where.strip(), before, span, after, is_quoted(before + span + after), source.claimant_sentence
    )


def evidence_lines(
    figure: Figure, *, marker: str = "", keys: Mapping[str, int] | None = None, show_doc: bool = True
) -> list[str]:
    """`evidence` as plain lines, "↳ a.txt, 2020-10-05: “…”", the figure between `marker`s ("**")."""
    lines = []
    for item in evidence(figure, keys=keys, show_doc=show_doc):
        # A sentence is marked only where it holds more than the figure's own span.
        span = f"{marker}{item.span}{marker}" if marker and (item.before or item.after) else item.span
        text = quote(item.before + span + item.after, item.quoted)
        lines.append(f"↳ {item.where}: {text}" if item.where else f"↳ {text}")
        if item.named:
            lines.append(f"  ↳ named: {quote(item.named, is_quoted(item.named))}")
    return lines


QUOTE_MARKS = '"“”‘’«»'


def is_quoted(text: str) -> bool:
    """Whether a sentence opens or closes with a quotation mark of its own (it must not get another)."""
    return text[:1] in QUOTE_MARKS or text.rstrip(".,;:!?)")[-1:] in QUOTE_MARKS


def quote(text: str, quoted: bool) -> str:
    return text if quoted else f"“{text}”"


def quote_line(quote_: SideQuote, *, show_doc: bool, keys: Mapping[str, int] | None = None) -> str:
    who = f"{quote_.speaker}, {quote_.speaker_role}" if quote_.speaker_role else quote_.speaker
    line = f"“{one_line(quote_.text)}” — {who}"
    if quote_.side not in ("armenia", "azerbaijan"):
        line += f" ({quote_.side})"
    if keys is not None and quote_.doc in keys:
        line += f" [{keys[quote_.doc]}]"
    elif show_doc:
        line += f" [{quote_.doc}]"
    return line


def unnamed(side: str) -> str:
    """Who claims a figure no source is named for: the outlet itself (`other`), or nobody known."""
    return "the outlet itself" if side == "other" else "unnamed source"
