"""Casualty and equipment-loss figures, with whose losses they are and who claims them.

A few small stages, each driven by a data file a reader can open:

1. candidates.py (data/figures.json): a count and the noun phrase it counts;
2. frames.py (data/frames.json): the loss predicate that governs it, and the outcome it gives;
3. modifiers.py (data/modifiers.json): history, negation, hypotheticals, hedges and running totals, as
   ConText-style modifiers with a scope;
4. claimants.py (shared with quotes): who claims it;
5. party.py: whose losses, from the predicate's roles, in one visible order;
6. lists.py: list items sharing their header's owner, outcome and claimant; dedupe.py: one row a claim.

Every candidate keeps the reasons for its outcome, party and claimant (`FigureExtractor.explain`).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..attribution import Actors, Discourse
from ..attribution.claims import Claimants
from ..dates import detect_date
from ..layout import Page
from ..numbers import months, scan_doc
from ..quotes import Frame
from ..records import Casualty, Equipment
from .candidates import DASHES, Candidate, CandidateReader, CountChecks
from .dedupe import dedupe
from .frames import OutcomeReader, is_lose, predicate_of
from .lexicon import LEX, PERSON_GROUP
from .lists import Lists
from .modifiers import CUMULATIVE, DROPPING, HEDGED, YEAR, Modifiers
from .party import PartyResolver

__all__ = ["FigureExtractor"]

DATE_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}
MONTHS = months()
PARTICIPLE_HEADS = frozenset(LEX["participle_heads"])
GROUPLESS_HEADS = frozenset(LEX["groupless_heads"])
ENEMY_WORDS = frozenset(LEX["enemy_words"])
MILITARY_BODIES = frozenset(LEX["military_bodies"])
REMAINS = frozenset(LEX["remains_nouns"])
SUFFER_VERBS = frozenset({"suffer", "sustain", "receive"})
# what happens only to people: a count with no noun followed by one of these counts people
PEOPLE_OUTCOMES = {"killed", "wounded", "missing"}
CURRENT_WAR_YEAR = 2020
# "their 2020 war", "the 2020 war": a war the text tells as over, so the one reported is later
PAST_WAR_YEAR = re.compile(r"\b(?:the|their|its|our|that)\s+((?:19|20)\d\d)\s+(?:\w+\s+)?war\b", re.I)


class FigureExtractor:
    def __init__(
        self, doc: Doc, actors: Actors, discourse: Discourse, frames: list[Frame], page: Page | None = None
    ) -> None:
        self.doc = doc
        self.text = page.text if page is not None else discourse.text
        self.actors = actors
        self.frames = frames
        self.page = page or Page(self.text)
        self.reader = CandidateReader(doc)
        self.checks = CountChecks(doc, self.reader.equip)
        self.outcomes = OutcomeReader(doc)
        self.lists = Lists(doc, self.page)
        self.claimants = Claimants(doc, actors, discourse, frames, self.page)
        self.parties = PartyResolver(doc, actors, self.page, self.lists.intro_lines)
        self.modifiers = Modifiers(doc, self.page, self._war_year())
        self.found: list[Candidate] = []
        self.figure_starts: set[int] = set()  # where each figure of the document begins

    def _war_year(self) -> int:
        """The year of the war being reported (earlier years are history: "the worst since April 2016"): the
        year the page is dated, else the latest the text names, 2020 or later, or the year after a war it
        names as over ("since their 2020 war")."""
        dated = detect_date(self.text)
        if dated is not None:
            return int(dated[:4])
        years = [int(t.text) for t in self.doc if YEAR.match(t.text)]
        over = [int(m.group(1)) + 1 for m in PAST_WAR_YEAR.finditer(self.text)]
        return max([*years, *over, CURRENT_WAR_YEAR])

    # -- the stages for one figure --------------------------------------------------------------------------
    def _candidate(
        self, fig, prev: Candidate | None, main: Candidate | None, last: Candidate | None
    ) -> Candidate | None:  # noqa: ANN001
        """Stage 1, with what a bare count or a reference continues."""
        doc = self.doc
        c = self.reader.read(fig)
        if c is None or self.checks.money_or_measure(c) or self.checks.acting(c, is_lose, SUFFER_VERBS):
            return None
        sent = doc[fig.core].sent
        if c.kind == "ref":
            if last is None:
                # "nine of them were dead" with no figure before: people, if what follows is a loss
                c = Candidate(fig, "casualty", c.head, c.np_end, group="unspecified")
                return c if self.outcomes.after_phrase(c) in PEOPLE_OUTCOMES else None
            ref = Candidate(fig, last.kind, c.head, c.np_end, last.group, last.category, last.model)
            ref.part_of = last  # "3 of them women": a part of the figure before
            return ref
        participle = (
            c.head is not None and c.head.lower_ in PARTICIPLE_HEADS and doc[fig.end].lower_ != "of"
        )  # ("Two of the dead were civilians": "the dead" is a noun)
        if c.kind == "bare" or participle:
            np_end = c.np_end
            if c.head is not None and c.head.lower_ != "others":
                np_end = c.head.i  # "102 wounded": the participle is the outcome, not the noun
                if np_end == fig.end + 1 and doc[fig.end].text in DASHES:
                    np_end = fig.end  # "more than 300 – wounded": a dash-list line
            if prev is None or fig.start - prev.np_end > 12:
                if c.head is not None and c.head.lower_ == "others" and prev is not None:
                    # "two civilians ... had been killed in the district and at least 20 others wounded"
                    return Candidate(fig, prev.kind, None, np_end, prev.group, prev.category, prev.model)
                if self.checks.toll_referent(c, sent):
                    return c
                apposed = self._apposed(c) or self._lost_count(c, last)
                if apposed is not None:
                    return apposed
                # "he said, 14 were killed": a bare count that is plainly of people
                bare = Candidate(fig, "casualty", None, np_end, group="unspecified")
                if bare.fig.end == np_end and self.outcomes.after_phrase(bare) in PEOPLE_OUTCOMES:
                    return bare
                # "a civilian was killed and two others were injured": others of the people the sentence
                # told of before, with no figure of theirs
                if c.head is not None and self.outcomes.after_phrase(bare) in PEOPLE_OUTCOMES:
                    named = self._people_before(c)
                    if named is not None:
                        bare.group = PERSON_GROUP.get(named.lower_, "unspecified")
                        bare.why("candidate", f"others of the '{named.text}' before")
                        return bare
                # "Out of the 31 cases of injuries, 23 were recorded ...", "Among the dead, 180 were ...": a
                # part of what the sentence opens with
                header = self.lists.subset_header(bare, sent)
                if header is not None and self.outcomes.in_header(header, "casualty"):
                    bare.group = self.reader.group_of_words(header)
                    bare.why("candidate", "a part of what the sentence opens with")
                    return bare
                if header is not None and last is not None and self._repeats(header, last):
                    # "... 12 soldiers were killed. Of the 12, 5 were officers": a part of that figure
                    part = Candidate(fig, last.kind, None, np_end, last.group, last.category, last.model)
                    part.part_of = last
                    part.why("candidate", "a part of the figure the sentence opens with again")
                    return part
                return None
            header = self.lists.subset_header(c, sent)
            if header is not None and header.start <= prev.fig.start < header.end:
                # "Out of the 40 cases of injuries, 25 were ...": a part of the whole the sentence opens with
                part = Candidate(fig, prev.kind, None, np_end, prev.group, prev.category, prev.model)
                part.part_of = prev
                part.why("candidate", "a part of what the sentence opens with")
                return part
            # the figure it continues is the sentence's main one, not one inside "including ..."
            base = main or prev
            going_on = Candidate(fig, base.kind, None, np_end, base.group, base.category, base.model)
            going_on.continues = True
            return going_on
        return c

    def _people_before(self, c: Candidate) -> Token | None:
        """Who "others" are others of: a person noun earlier in the sentence, or the subject of the verb
        its own verb is joined to when that verb is said only of people ("a teacher was killed and two
        others were injured")."""
        doc = self.doc
        sent = doc[c.fig.core].sent
        named = next((t for t in reversed(doc[sent.start : c.fig.start]) if t.lower_ in PERSON_GROUP), None)
        if named is not None:
            return named
        verb = c.head.head if c.head is not None else None
        if verb is None or verb.dep_ != "conj" or verb.head.i >= c.fig.start:
            return None
        first = verb.head
        pred = predicate_of(first)
        if pred is None or pred.outcome("equipment") or pred.outcome("casualty") not in PEOPLE_OUTCOMES:
            return None
        return next((t for t in first.children if t.dep_ in {"nsubj", "nsubjpass"}), None)

    def _repeats(self, header: Span, last: Candidate) -> bool:
        """The words before a count name the figure of the sentence before again by its number ("Of the
        12, ...")."""
        doc = self.doc
        sent = doc[header.start].sent
        previous = doc[sent.start - 1].sent if sent.start > 0 else sent
        if doc[last.core].sent not in {sent, previous}:
            return False
        return any(t.like_num and t.text.replace(",", "") == str(last.fig.quantity.count) for t in header)

    def _lost_count(self, c: Candidate, last: Candidate | None) -> Candidate | None:
        """ "Azerbaijan stated it had lost 50": a bare count that is what a side lost, after a casualty figure
        in the sentence before, counts the same people."""
        doc = self.doc
        core = doc[c.core]
        top = core if core.dep_ in {"dobj", "attr"} else core.head
        if (
            top.dep_ not in {"dobj", "attr"}
            or not is_lose(top.head)
            or last is None
            or last.kind != "casualty"
        ):
            return None
        sent = core.sent
        previous = doc[sent.start - 1].sent if sent.start > 0 else sent
        if doc[last.core].sent not in {sent, previous}:
            return None
        found = Candidate(c.fig, "casualty", None, c.fig.end, group=last.group)
        found.predicate = top.head
        found.why("candidate", "what a side lost, counted like the figure before")
        return found

    def _apposed(self, c: Candidate) -> Candidate | None:
        """ "very few civilian casualties, about 30": a count set after the people it counts."""
        doc = self.doc
        k = c.fig.start
        if k < 2 or doc[k - 1].text != "," or doc[k - 2].lower_ not in PERSON_GROUP:
            return None
        head = doc[k - 2]
        phrase = [t for t in head.subtree if t.i <= head.i]
        return Candidate(c.fig, "casualty", head, c.fig.end, group=self.reader.group_of_words(phrase))

    def _outcome(self, c: Candidate, sent: Span, prev: Candidate | None) -> str | None:
        """Stage 2: the outcome, in order of how close its word is to the counted phrase."""
        outs = self.outcomes
        k = c.fig.start - 1
        while k > 0 and self.doc[k].lower_ in {"the", "some", "about", "at", "least"}:
            k -= 1
        if (
            c.kind == "casualty"
            and k > 0
            and self.doc[k].lower_ == "of"
            and self.doc[k - 1].lower_ in REMAINS
        ):
            c.why("outcome", f"'{self.doc[k - 1].text} of': the dead, whatever is done with them")
            return "killed"
        if c.ref is not None:
            out = outs.of_reference(c)
            if out:
                c.why("outcome", "the running total's referent")
                return out
        out = outs.after_phrase(c)
        if out:
            c.why("outcome", "the participle after the counted phrase")
            return out
        out = outs.in_phrase(c)
        if out:
            c.why("outcome", "the word inside the counted phrase")
            return out
        out = next(
            (o for h in reversed(self.lists.headers(c, sent)) if (o := outs.in_header(h, c.kind))), None
        )
        if out:
            # a list's items take what its header says happened to them ("losses ... as follows: 200 tanks,
            # ..."): the parse of the items after a colon says little
            c.why("outcome", "the list's header")
            return out
        out, pred = outs.governing(c)
        if (
            out is None
            and pred is not None
            and c.part_of is None  # a part keeps its whole's outcome, whatever its own verb
            and self.checks.subject_of_other_verb(c, pred)
        ):
            return None  # "while tens of thousands had been forced to flee"
        if out:
            c.predicate = pred
            c.why("outcome", f"the predicate '{pred.text}'" if pred is not None else "the counted noun")
            return out
        for reader, reason in (
            (outs.head_noun, "the counted noun"),
            (outs.noun_before, "the loss noun before it"),
        ):
            out = reader(c)
            if out:
                c.why("outcome", reason)
                return out
        if prev is not None and prev.outcome and c.fig.start - prev.np_end <= 12:
            if prev.kind == c.kind:
                c.predicate = prev.predicate
                c.why("outcome", "the figure before it in the list")
                return prev.outcome
            # "lost 2,300 servicemen killed and wounded, as well as 130 tanks": the shared verb says what
            # happened to the equipment, not the casualty outcome
            shared = prev.predicate or self.parties.verb_of(prev)
            from .frames import word_outcome

            if shared is not None and (out := word_outcome(shared, c.kind)):
                c.predicate = shared
                c.why("outcome", f"the verb '{shared.text}' it shares with the figure before")
                return out
        if c.part_of is not None and c.part_of.outcome:
            c.why("outcome", "the figure it is a part of")
            return c.part_of.outcome
        if c.kind in {"casualty", "equipment"} and (out := outs.in_sentence(sent, c.kind)):
            c.why("outcome", "the sentence's outcome word")
            return out
        return None

    def _skipped(self, fig) -> bool:  # noqa: ANN001
        doc = self.doc
        core = doc[fig.core]
        if (fig.core > 0 and doc[fig.core - 1].lower_.rstrip(".") in MONTHS) or (
            fig.end < len(doc) and doc[fig.end].lower_.rstrip(".") in MONTHS
        ):
            return True
        return self.page.furniture_at(core.idx)

    def _a_date(self, c: Candidate) -> bool:
        """A count the model calls a date or a time is one unless it counts people or equipment ("2783
        troops were killed"), or stands in a toll ("the toll rose from 49")."""
        if (
            self.doc[c.core].ent_type_ not in DATE_ENTS
            or c.head is not None
            and c.kind != "ref"
            or c.continues
        ):
            return False
        if self.outcomes.after_phrase(c) in PEOPLE_OUTCOMES:
            return False  # "1245 are undergoing treatment"
        return not self.checks.toll_context(c.fig.start)

    # -- main -----------------------------------------------------------------------------------------------
    def extract(self) -> tuple[list[Casualty], list[Equipment]]:
        doc = self.doc
        prev_in_sent: dict[int, Candidate] = {}
        main_in_sent: dict[int, Candidate] = {}
        last: Candidate | None = None
        figs = scan_doc(doc)
        self.figure_starts = {f.start for f in figs}
        for fig in figs:
            if self._skipped(fig):
                continue
            sent = doc[fig.core].sent
            prev = prev_in_sent.get(sent.start)
            c = self._candidate(fig, prev, main_in_sent.get(sent.start), last)
            if c is None or self._a_date(c):
                continue
            if self.lists.included(c) and prev is not None and c.part_of is None:
                c.part_of = main_in_sent.get(sent.start, prev)
            elif (
                prev is not None
                and prev.part_of is not None
                and c.part_of is None
                and c.kind == prev.kind
                and c.fig.start - prev.np_end <= 3
            ):
                c.part_of = prev.part_of  # "including 1 girl, 7 women, and 11 men": the list of parts goes on
            categories = self.modifiers.categories(fig.core)
            if categories & DROPPING:
                continue
            out = self._outcome(c, sent, prev)
            if out is None:
                continue
            c.outcome = out
            self._claim(c, sent, prev)
            if c.kind == "casualty" and c.group == "unspecified":
                c.group = self._sentence_group(c, sent)
            c.reasons.append(f"modifiers: {', '.join(sorted(categories)) or 'none'}")
            self.found.append(c)
            prev_in_sent[sent.start] = c
            if not self.lists.included(c):
                main_in_sent[sent.start] = c
            last = c
        self.lists.share_list_owner(self.found, self.parties.has_own_owner, self.parties.owner_after)
        return self._records()

    def _claim(self, c: Candidate, sent: Span, prev: Candidate | None) -> None:
        """Stages 4 and 5: the claimant (a list item's is its header's), then the party."""
        frame = self.claimants.frame_at(c.core)
        c.claimant = self.claimants.at(c.core, frame)
        headers = self.lists.headers(c, sent)
        headers[1:1] = self.lists.intro_lines(sent)[1:]  # the headings above a sub-list's own
        for header in headers:
            if c.claimant.kind != "self":
                break
            # a list item with no source of its own is claimed by whoever its header is
            # (asked at its last word: its first may be inside the subject that names the source)
            frame = self.claimants.frame_at(header.end - 1)
            c.claimant = self.claimants.at(header.end - 1, frame)
        if c.claimant.kind == "self" and c.part_of is not None and c.part_of.claimant is not None:
            c.claimant = (
                c.part_of.claimant
            )  # "Out of the 31 wounded, 23 ...": the whole's source counts its parts
        c.why("claimant", "the outlet's own voice" if c.claimant.kind == "self" else str(c.claimant.name))
        cside = c.claimant.side
        in_quote = frame is not None and frame.kind == "direct"
        if c.part_of is not None and c.part_of.party not in {None, "unknown"}:
            c.party = c.part_of.party  # "at least 130 of them": the referent's owner, whoever counts them
            c.why("party", "the figure it is a part of")
        else:
            c.party = self.parties.resolve(c, sent, prev, cside, in_quote)

    def _sentence_group(self, c: Candidate, sent: Span) -> str:
        """The group of a count whose noun does not say it, in order: the figure it is a part of ("including
        7 women" of "19 civilians"); a military owner ("the Armenian Armed Forces have 16 casualties"); for a
        noun that says nothing of who they were ("23 names", "dozens of bodies", "14 were killed"), the one
        group its sentence names outside the other figures ("added 23 names to its list of fallen
        servicemen"), else the group of the figure before it in its paragraph; an enemy's dead are troops
        ("the adversary left behind dozens of bodies")."""
        if c.part_of is not None and c.part_of.group not in {None, "unspecified"}:
            return c.part_of.group
        # a list item under a heading that names its people ("Manpower:", "Civilians:")
        for intro in self.lists.intro_lines(sent):
            heading = {PERSON_GROUP.get(t.lower_, "unspecified") for t in intro} - {"unspecified"}
            if len(heading) == 1:
                return heading.pop()
        if c.owner_words & MILITARY_BODIES:
            return "military"
        if c.head is not None and c.head.lower_ not in GROUPLESS_HEADS:
            return "unspecified"
        if c.head is None and c.ref is None:
            # "... and more than 400 had been wounded": the figure it continues; "3 elderly civilians dead
            # ... 4 were killed, 11 were wounded": the figure before it in its paragraph
            return self._paragraph_group(c)
        others = {
            i for f in self.found if self.doc[f.core].sent == sent for i in range(f.fig.start, f.np_end)
        }
        # "at least 250 deaths, including dozens of civilians": a part after "including" is a figure of its
        # own (read after this one), not the whole's group
        doc = self.doc
        insert = next(
            (
                t.i
                for t in doc[c.np_end : sent.end]
                if t.lower_ in {"including", "among"} and self.figure_starts & set(range(t.i + 1, t.i + 4))
            ),
            None,
        )
        if insert is not None:
            others.update(range(insert, sent.end))
        groups = {
            PERSON_GROUP[t.lower_]
            for t in sent
            if t.i not in others and PERSON_GROUP.get(t.lower_, "unspecified") != "unspecified"
        }
        if len(groups) == 1:
            return groups.pop()
        if c.enemy_party or (not groups and any(t.lower_ in ENEMY_WORDS for t in sent)):
            return "military"
        return self._paragraph_group(c) if not groups else "unspecified"

    def _paragraph_group(self, c: Candidate) -> str:
        """The group of the last whole figure (not a part) before `c` in its paragraph, when none is in its
        own sentence (that one's group `c` has had since it was read)."""
        doc = self.doc
        sent = doc[c.core].sent
        if any(f.kind == "casualty" and doc[f.core].sent == sent for f in self.found):
            return "unspecified"
        para = self.page.paragraph_start(doc[c.core].idx)
        before = [
            f
            for f in self.found
            if f.kind == "casualty"
            and f.part_of is None
            and self.page.paragraph_start(doc[f.core].idx) == para
        ]
        return before[-1].group if before and before[-1].group in {"military", "civilian"} else "unspecified"

    def _records(self) -> tuple[list[Casualty], list[Equipment]]:
        doc = self.doc
        cas: list[Casualty] = []
        eqp: list[Equipment] = []
        cas_head: list[bool] = []
        eqp_head: list[bool] = []
        for c in self.found:
            q = c.fig.quantity
            start_tok = doc[c.fig.start if c.lead is None else c.lead]
            end_tok = doc[max(c.fig.start, c.np_end - 1)]
            start, end = start_tok.idx, end_tok.idx + len(end_tok.text)
            categories = self.modifiers.categories(c.core)
            cl = c.claimant
            common = dict(
                count=q.count,
                count_min=q.count_min,
                count_max=q.count_max,
                qualifier=q.qualifier,
                approximate=q.approximate,
                claimant=cl.name if cl else None,
                claimant_side=cl.side if cl else "unknown",
                hedged=HEDGED in categories,
                cumulative=CUMULATIVE in categories,
                text=self.text[start:end],
                start=start,
                end=end,
            )
            headline = self.page.in_headline(start)
            # "more than 2,000 dead on each side": one figure for each belligerent
            parties = ["armenia", "azerbaijan"] if c.party == "each" else [c.party or "unknown"]
            for party in parties:
                if c.kind == "casualty":
                    cas_head.append(headline)
                    group = c.group or "unspecified"
                    cas.append(Casualty(party=party, group=group, outcome=c.outcome, **common))  # type: ignore[arg-type]
                else:
                    eqp_head.append(headline)
                    eqp.append(
                        Equipment(
                            party=party,
                            category=c.category or "other",
                            model=c.model,
                            outcome=c.outcome,
                            **common,
                        )  # type: ignore[arg-type]
                    )
        return dedupe(cas, cas_head), dedupe(eqp, eqp_head)  # type: ignore[return-value]

    def explain(self) -> list[tuple[str, list[str]]]:
        """Each figure found (before duplicates are folded) with the reasons for its outcome, claimant and
        party, in the order they were decided."""
        return [
            (
                self.text[
                    self.doc[c.fig.start].idx : self.doc[max(c.fig.start, c.np_end - 1)].idx
                    + len(self.doc[max(c.fig.start, c.np_end - 1)].text)
                ],
                c.reasons,
            )
            for c in self.found
        ]
