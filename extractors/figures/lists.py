"""Lists: items that share their header's owner, outcome and claimant.

A list is the lines after an intro line that ends in a colon (bullets, numbered lines, "10 – howitzers"),
the items after a colon inside a sentence ("Azerbaijan's losses are as follows: 3,454 casualties, 126
drones, ..."), or the parts after "including" / "among them" ("19 civilians were killed, including 7
women"). The header is where the list says whose losses they are and what happened to them.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..layout import BULLET, Page
from .candidates import Candidate
from .frames import predicate_of

# "10 – howitzers", "more than 300 – wounded": a line that starts with a count and a dash; "tanks – 6;": one
# that ends with them
DASH_ITEM = re.compile(
    r"^\s*(?:(?:[A-Za-z]+\s+){0,2}[\d,.]+\s+[-–—]\s+\w|[A-Za-z][^\n:]{0,60}?\s[-–—]\s+(?:[A-Za-z]+\s+){0,2}[\d,.]+\s*[;.,]?\s*$)",
    re.M,
)
INCLUDING = frozenset({"including", "among", "incl."})


class Lists:
    def __init__(self, doc: Doc, page: Page) -> None:
        self.doc = doc
        self.page = page

    def _item_line(self, line_start: int) -> bool:
        text = self.page.line(line_start)
        return bool(BULLET.match(text) or DASH_ITEM.match(text))

    def intro_lines(self, sent: Span) -> list[Span]:
        """For a sentence on a list line, the intro lines the list hangs from, nearest first: its own
        heading ("Weapons and military hardware destroyed:") and the headings above it, up to the sentence
        that opens the whole list ("... inflicted the following losses on the enemy:")."""
        doc = self.doc
        line_start = self.page.paragraph_start(sent.start_char)
        if not self._item_line(line_start):
            return []
        found: list[Span] = []
        s = sent
        while s.start > 0:
            s = doc[s.start - 1].sent
            ls = self.page.paragraph_start(s.start_char)
            if self._item_line(ls) or not s.text.strip():
                continue
            if not s.text.rstrip().endswith(":"):
                break
            found.append(s)
        return found

    def bullet_intro(self, sent: Span) -> Span | None:
        """For a sentence on a list line, the intro line the list hangs from (it ends in a colon)."""
        found = self.intro_lines(sent)
        return found[0] if found else None

    def colon_header(self, c: Candidate, sent: Span) -> Span | None:
        """The words before a colon that the figure's list follows in its own sentence: "Azerbaijan's losses
        are as follows: ..."; only when they hold a loss word (not "Hovhannisyan: 5 tanks ...")."""
        doc = self.doc
        colons = [t.i for t in doc[sent.start : c.fig.start] if t.text == ":"]
        if not colons or colons[-1] - sent.start < 2:
            return None
        # 'X said: "The losses ... are as follows: ...': the words since the colon before
        lo = colons[-2] + 1 if len(colons) > 1 else sent.start
        header = doc[lo : colons[-1]]
        if not any((p := predicate_of(t)) is not None and p.outcomes for t in header):
            return None
        return header

    def subset_header(self, c: Candidate, sent: Span) -> Span | None:
        """The words a sentence opens with before a count when they name the whole it is a part of: "Out
        of the 31 cases of injuries, 23 ...", "Among the dead servicemen, 180 ...", "Among those killed
        are three women". (The sentence is the clause after the last full stop or semicolon: the parser
        may run two sentences into one.)"""
        doc = self.doc
        start = sent.start
        for k in range(c.fig.start - 1, sent.start, -1):
            if doc[k - 1].text in {".", ";"}:
                start = k
                break
        head = doc[start : c.fig.start]
        if not len(head) or head[0].lower_ not in {"among", "out", "of"}:
            return None
        return head

    def headers(self, c: Candidate, sent: Span) -> list[Span]:
        """Every header the figure stands under, nearest last: a list's intro line, a colon before it in
        its sentence, the whole its clause opens with."""
        found = (self.bullet_intro(sent), self.colon_header(c, sent), self.subset_header(c, sent))
        return [h for h in found if h is not None]

    def header(self, c: Candidate, sent: Span) -> Span | None:
        found = self.headers(c, sent)
        return found[0] if found else None

    def included(self, c: Candidate) -> bool:
        """A figure inside an "including ..." or "among them ..." insert: a part of the figure before it."""
        before = {t.lower_ for t in self.doc[max(0, c.fig.start - 2) : c.fig.start]}
        return bool(before & INCLUDING)

    def share_list_owner(self, found: list[Candidate], has_own_owner, owner_after) -> None:  # noqa: ANN001
        """ "2 T-72 tanks, 3 BM-21 Grad ... and 6 auto vehicles of the enemy were destroyed": one owner, the
        one written at the end of the list, for the items of the same kind and outcome that name none."""
        by_sent: dict[int, list[Candidate]] = {}
        for c in found:
            by_sent.setdefault(self.doc[c.core].sent.start, []).append(c)
        for group in by_sent.values():
            # an owner written after the whole list ("... of the enemy"), not one conjunct's own ("and 44 to
            # Armenia")
            explicit = [
                c
                for c in group
                if (owner_after(c) and owner_after(c)[0].lower_ not in {"to", "for"}) or c.enemy_party
            ]
            if len(group) < 2 or not explicit:
                continue
            owner = explicit[-1]
            if owner.party in {"each", "both"}:
                continue  # "5,000 killed ..., with more than 2,000 dead on each side": a total, then a split
            for c in group:
                if (
                    c is not owner
                    and c.kind == owner.kind
                    and c.outcome == owner.outcome
                    and not has_own_owner(c)
                ):
                    if c.party != owner.party:
                        c.party = owner.party
                        c.why("party", "the owner written at the end of the list")
