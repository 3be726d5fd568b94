"""Stage 1: candidates. A count, and the noun phrase it counts.

For each figure the numbers scanner found, what it counts: equipment (a term the `claims_equipment` ruler
found, with its category and model), people (a person noun of data/figures.json, with its group), a
reference to people or things counted before ("12 of them", "42 of which"), or nothing yet (a bare count:
"and 102 wounded", which the caller reads on the figure before it). Counts of anything else (days,
villages, volunteers) are no candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..numbers import Figure
from ..pipeline import EQUIPMENT_KEY
from .lexicon import LEX, PERSON_GROUP

QUOTE_MARKS = {'"', "\u201c", "\u201d", "\u00ab", "\u00bb", "'", "\u2018", "\u2019"}
DASHES = {"-", "–", "—"}
REFERENCES = frozenset(LEX["references"])
COUNT_MODIFIERS = frozenset(LEX["count_modifiers"])
UNIT_NOUNS = frozenset(LEX["unit_nouns"])
NOT_CASUALTIES = frozenset(LEX["not_casualties"])
NOT_EQUIPMENT = frozenset(LEX["not_equipment"])
LOSS_NOUNS = frozenset(LEX["loss_nouns"])
GROUP_SEEKING_HEADS = frozenset(LEX["group_seeking_heads"])
MILITARY_MARKERS = frozenset(LEX["group_markers"]["military"])
CIVILIAN_MARKERS = frozenset(LEX["group_markers"]["civilian"])
MEMBER_NOUNS = frozenset(LEX["member_nouns"])
MILITARY_GROUP = re.compile(
    r"\b(?:"
    + "|".join(map(re.escape, LEX["military_group_modifiers"]))
    + r")\b[\w\s-]*\b(?:group|unit|squad)\s+of\s*$"
)
MILITARY_UNIT = re.compile(r"\b(?:" + "|".join(map(re.escape, LEX["military_unit_words"])) + r")\b")


@dataclass
class Candidate:
    """A figure being read; it becomes a Casualty or an Equipment record, or is dropped."""

    fig: Figure
    kind: str  # "casualty" | "equipment" | "ref" | "bare"
    head: Token | None  # the counted noun
    np_end: int  # token index after the counted phrase
    group: str | None = None
    category: str | None = None
    model: str | None = None
    outcome: str | None = None
    predicate: Token | None = None  # the verb or noun that gives the outcome
    party: str | None = None
    claimant: object | None = None  # attribution.Speaker
    ref: list[Token] | None = None  # a running total's referent: "the number of Azerbaijani drones downed"
    enemy_party: bool = False  # the owner is written as "the enemy"
    part_of: Candidate | None = None  # the figure this one is a part of ("including 3 children")
    owner_words: set[str] = field(default_factory=set)  # the words of the owner the party came from
    continues: bool = False  # a bare count that goes on with the figure before it ("... and 44 to Armenia")
    lead: int | None = None  # where the counted phrase starts when it comes before the count ("tanks – 6")
    reasons: list[str] = field(default_factory=list)  # why it got its outcome, party and claimant

    def why(self, what: str, reason: str) -> None:
        self.reasons.append(f"{what}: {reason}")

    @property
    def core(self) -> int:
        return self.fig.core


class Equipment:
    """The equipment terms of a document, longest first, by token."""

    def __init__(self, doc: Doc) -> None:
        spans: list[tuple[int, int, str, str]] = []
        for sp in sorted(doc.spans.get(EQUIPMENT_KEY, []), key=lambda s: (s.start, -(s.end - s.start))):
            if spans and sp.start < spans[-1][1]:
                continue
            spans.append((sp.start, sp.end, sp.label_, sp.id_))
        self.at: dict[int, tuple[int, int, str, str]] = {i: e for e in spans for i in range(e[0], e[1])}


class CandidateReader:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.equip = Equipment(doc).at

    def phrase(self, start: int) -> tuple[list[Token], Token | None, int]:
        """The counted noun phrase starting at token `start`: (tokens, head noun, index after the phrase)."""
        doc = self.doc
        j, n = start, len(doc)
        while j < n and doc[j].lower_ in COUNT_MODIFIERS:
            if doc[j].lower_ == "other" and j + 1 < n and doc[j + 1].pos_ not in {"NOUN", "PROPN", "ADJ"}:
                break
            j += 1
        # "10 – howitzers", "3 - trucks": a dash list puts the count before the noun
        if j + 1 < n and doc[j].text in DASHES and doc[j - 1].whitespace_ and doc[j].whitespace_:
            j += 1
        if j < n and doc[j].lower_ == "of":
            j += 1
            while j < n and (doc[j].pos_ in {"DET", "PRON"} or doc[j].tag_ in {"PRP$", "POS"}):
                if doc[j].lower_ in REFERENCES:
                    return [doc[j]], doc[j], j + 1
                j += 1
            # "the region's servicemen": skip a possessor
            if j + 1 < n and doc[j + 1].tag_ == "POS":
                j += 2
        toks: list[Token] = []
        head: Token | None = None
        k = j
        while k < n and k - j < 9:
            t = doc[k]
            if t.text in QUOTE_MARKS:
                k += 1  # a model name in quotes: 2 "Grad" BM-21 launchers
                continue
            if k in self.equip:
                s, e, _, _ = self.equip[k]
                toks.extend(doc[s:e])
                head = doc[e - 1]
                k = e
                while k < n and doc[k].text in QUOTE_MARKS and k + 1 < n and not doc[k + 1].is_punct:
                    k += 1
                if k < n and (doc[k].pos_ in {"NOUN", "PROPN"} and doc[k].dep_ != "appos" or k in self.equip):
                    continue
                break
            if t.is_space or t.is_punct and t.text not in {"-"}:
                break
            if t.pos_ in {"NOUN", "PROPN"} or t.text == "-" or t.lower_ in PERSON_GROUP:
                toks.append(t)
                head = t
                k += 1
                # a noun whose head lies further right is a modifier ("battle tanks", "crew members")
                if t.dep_ in {"compound", "amod", "nmod"} and t.head.i > t.i and t.head.i - k < 4:
                    continue
                if (
                    k < n
                    and (doc[k].pos_ in {"NOUN", "PROPN"} and doc[k].dep_ == "compound")
                    or k in self.equip
                ):
                    continue
                if k < n and doc[k].text == "-" and not doc[k].whitespace_:
                    continue
                break
            if t.pos_ in {"ADJ", "NUM"} or (t.tag_ in {"VBN", "VBG"} and t.dep_ in {"amod", "compound"}):
                toks.append(t)
                k += 1
                continue
            break
        return toks, head, k

    def _noun_first(self, fig: Figure) -> tuple[list[Token], Token | None, int] | None:
        """A dash-list line that puts the noun first ("tanks – 6;", "armored combat vehicles – 14;"): the
        counted phrase is the line's words before the dash."""
        doc = self.doc
        dash = fig.start - 1
        if dash < 1 or doc[dash].text not in DASHES:
            return None
        if fig.end < len(doc) and not (doc[fig.end].text in {";", ".", ","} or doc[fig.end].is_space):
            return None  # the count ends its line
        k = dash - 1
        while k > 0 and dash - k < 9 and not doc[k - 1].is_space and doc[k - 1].text not in {":", ";"}:
            k -= 1
        if k > 0 and not (doc[k - 1].is_space or doc[k - 1].text in {":", ";"}):
            return None
        toks, head, end = self.phrase(k)
        if head is None or end > dash:
            return None
        return toks, head, k

    def read(self, fig: Figure) -> Candidate | None:
        toks, head, end = self.phrase(fig.end)
        lead = None
        if head is None and (first := self._noun_first(fig)) is not None:
            toks, head, lead = first
            end = fig.end
        c = self._read(fig, toks, head, end)
        if c is not None and lead is not None:
            c.lead = lead
        return c

    def _read(self, fig: Figure, toks: list[Token], head: Token | None, end: int) -> Candidate | None:
        doc = self.doc
        # "units of military equipment", "types and models of vehicles", "cases of injuries": past "of"
        if head is not None and head.lower_ in UNIT_NOUNS:
            k = end
            while k + 1 < len(doc) and doc[k].lower_ in {"and", "or"} and doc[k + 1].lower_ in UNIT_NOUNS:
                k += 2
            if k < len(doc) and doc[k].lower_ == "of":
                more, h2, end2 = self.phrase(k)
                if h2 is not None and (
                    any(t.i in self.equip for t in more)
                    or h2.lower_ in PERSON_GROUP
                    or h2.lower_ in LEX["loss_nouns"]
                ):
                    toks, head, end = toks + more, h2, end2
        models = [self.equip[t.i] for t in toks if t.i in self.equip and self.equip[t.i][3]]
        generic = [self.equip[t.i] for t in toks if t.i in self.equip]
        if head is not None and head.lower_ in REFERENCES:
            return Candidate(fig, "ref", head, end)
        if head is not None and head.lower_ in NOT_EQUIPMENT:
            return None  # "three mortar shells": munitions, not equipment lost
        if generic and (head is None or head.lower_ not in PERSON_GROUP):
            first = generic[0]
            if head is not None and head.i in self.equip and not self.equip[head.i][3]:
                cat = self.equip[head.i][2]
                # a model names the kind better than a generic head ("BM-21 Grad launchers")
                if models and cat in {"other", "vehicle", "mlrs", "air_defense", "aircraft", "artillery"}:
                    cat = models[0][2]
                # "artillery and rocket systems", "tanks and armored vehicles": the first noun's kind
                if first[1] <= head.i and not first[3] and self._joined_heads(first[1], head.i):
                    cat = first[2]
            else:
                cat = (models or generic)[0][2]
            model = doc[models[0][0] : models[0][1]].text if models else None
            return Candidate(fig, "equipment", head, end, category=cat, model=model)
        if head is None:
            return Candidate(fig, "bare", None, fig.end)
        low = head.lower_
        if low in LOSS_NOUNS and toks and toks[0].lower_ in UNIT_NOUNS:
            return Candidate(fig, "casualty", head, end, group="unspecified")  # "31 cases of injuries"
        if low in NOT_CASUALTIES or low not in PERSON_GROUP:
            return None
        return Candidate(fig, "casualty", head, end, group=self._group(fig, toks, head, end))

    def _joined_heads(self, a: int, b: int) -> bool:
        """Whether tokens [a, b) join two nouns with "and"/"or" only: "artillery and rocket"."""
        between = {t.lower_ for t in self.doc[a:b]}
        return bool(between & {"and", "or"}) and b - a <= 3

    def _group(self, fig: Figure, toks: list[Token], head: Token, end: int) -> str:
        doc = self.doc
        low = head.lower_
        group = PERSON_GROUP[low]
        words = {t.lower_ for t in toks}
        if group == "unspecified" or low in GROUP_SEEKING_HEADS:
            others = {PERSON_GROUP.get(w) for w in words} - {None, "unspecified"}
            if words & MILITARY_MARKERS:
                group = "military"
            elif words & CIVILIAN_MARKERS:
                group = "civilian"
            elif len(others) == 1:
                group = others.pop()  # "two crew members": crew is military
        # "servicemen and civilians", "soldiers of the army and civilians": both groups
        for k in range(end, min(len(doc), end + 8)):
            if (doc[k].is_punct and doc[k].text != "-") or doc[k].pos_ in {"VERB", "AUX"} or doc[k].like_num:
                break  # "12 soldiers killed and 30 civilians wounded" are two figures
            if doc[k].lower_ in {"and", "or"} and k + 1 < len(doc):
                window = doc[k + 1 : k + 4]
                if any(t.like_num for t in window):
                    break
                nxt = next((t for t in window if t.lower_ in PERSON_GROUP), None)
                other = PERSON_GROUP.get(nxt.lower_) if nxt is not None else None
                if other not in {None, group, "unspecified"}:
                    group = "unspecified"
                break
        if low in MEMBER_NOUNS and MILITARY_UNIT.search(doc[end : end + 6].text.lower()):
            group = "military"
        # "550 people of military personnel"
        if group == "unspecified" and end + 1 < len(doc) and doc[end].lower_ == "of":
            after = {t.lower_ for t in doc[end + 1 : end + 4]}
            if after & MILITARY_MARKERS or "personnel" in after:
                group = "military"
            elif after & CIVILIAN_MARKERS:
                group = "civilian"
        before = doc[max(0, fig.start - 5) : fig.start].text.lower()
        if group == "unspecified" and MILITARY_GROUP.search(before):
            group = "military"  # "a reconnaissance-sabotage group of 12 persons"
        return group

    @staticmethod
    def group_of_words(toks) -> str:  # noqa: ANN001 - tokens
        """The one group the words name ("the dead servicemen": military), else unspecified."""
        groups = {
            PERSON_GROUP[t.lower_] for t in toks if PERSON_GROUP.get(t.lower_, "unspecified") != "unspecified"
        }
        words = {t.lower_ for t in toks}
        if words & MILITARY_MARKERS:
            groups.add("military")
        if words & CIVILIAN_MARKERS:
            groups.add("civilian")
        return groups.pop() if len(groups) == 1 else "unspecified"

    def sentence_of(self, cand: Candidate) -> Span:
        return self.doc[cand.fig.core].sent


class CountChecks:
    """Counts that are no losses whatever governs them: money and measures, dates, people who act."""

    MONEY_BEFORE = frozenset(LEX["money_or_measure"]["before"])
    MEASURE_AFTER = frozenset(LEX["money_or_measure"]["after"])
    TOLL_WORDS = frozenset(LEX["toll_words"])
    TOLL_CHANGE = frozenset(LEX["toll_change_words"])
    TOTAL_NOUNS = frozenset(LEX["total_nouns"])
    NOT_TOTAL_NOUNS = frozenset(LEX["not_total_nouns"])
    TOTAL_MILITARY = frozenset(LEX["total_group_markers"]["military"])
    TOTAL_CIVILIAN = frozenset(LEX["total_group_markers"]["civilian"])
    TOTAL_OUTCOMES = frozenset(LEX["total_outcome_words"])
    TOTAL_MILITARY_WORDS = frozenset(LEX["total_military_words"])

    def __init__(self, doc: Doc, equip: dict[int, tuple[int, int, str, str]]) -> None:
        self.doc = doc
        self.equip = equip

    def money_or_measure(self, c: Candidate) -> bool:
        doc = self.doc
        before = doc[c.fig.start - 1].text if c.fig.start > 0 else ""
        after = doc[c.fig.end].lower_ if c.fig.end < len(doc) else ""
        # "ranged in age from 12 to 52", "aged 19": ages
        aged = any(t.lower_ in {"age", "aged", "ages"} for t in doc[max(0, c.fig.start - 3) : c.fig.start])
        return before in self.MONEY_BEFORE or after in self.MEASURE_AFTER or aged

    def toll_context(self, start: int) -> bool:
        """ "the death toll had risen from 49": the tagger may call such a bare number a date."""
        doc = self.doc
        if start == 0 or doc[start - 1].lower_ not in {"to", "from"}:
            return False
        if start > 1 and doc[start - 1].lower_ == "from" and doc[start - 2].lower_ in self.TOLL_CHANGE:
            return True  # "77 had died, up from 71 a day earlier"
        return any(t.lower_ in self.TOLL_WORDS for t in doc[max(0, start - 8) : start])

    def acting(self, c: Candidate, is_lose, suffer_verbs: frozenset[str]) -> bool:  # noqa: ANN001
        """People who do something to something ("One Soldier Destroyed 5 Battle Tanks") are no losses."""
        if c.kind != "casualty" or c.head is None or c.head.dep_ != "nsubj":
            return False
        verb = c.head.head
        if verb.pos_ != "VERB" or is_lose(verb) or verb.lemma_.lower() in suffer_verbs:
            return False
        return any(child.dep_ == "dobj" for child in verb.children)

    def subject_of_other_verb(self, c: Candidate, verb: Token) -> bool:
        """A count that is the subject of a verb saying nothing of losses ("2,700 people had been
        evacuated") is no loss figure."""
        if verb.pos_ != "VERB":
            return False
        if c.head is not None:
            return c.head.head == verb and c.head.dep_ in {"nsubj", "nsubjpass"}
        tok = self.doc[c.core]
        while c.fig.start <= tok.head.i < c.fig.end and tok.head != tok:
            tok = tok.head  # "tens of thousands": the figure's own top word
        return tok.head == verb and tok.dep_ in {"nsubj", "nsubjpass"}

    def _toll_subject(self, core: int) -> Token | None:
        """The subject of the verb a running total's number hangs on ("the toll ... has reached 10")."""
        tok = self.doc[core]
        for _ in range(3):
            if tok.pos_ in {"VERB", "AUX"}:
                break
            tok = tok.head
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        return subj if subj is not None and subj.lower_ in self.TOTAL_NOUNS else None

    def toll_referent(self, c: Candidate, sent: Span) -> bool:
        """ "bringing the total to 350", "death toll to 219", "has risen to 834": a running total, whose
        referent (what is totalled) is written before "to"."""
        doc = self.doc
        core = c.fig.start
        if core == 0 or doc[core - 1].lower_ not in {"to", "from", "at", "reached"}:
            return False
        window = list(doc[max(sent.start, core - 14) : core])
        subject = self._toll_subject(core)
        if subject is not None and subject.i < core - 14:
            # "The death toll of an Armenian missile strike on Azerbaijan's second-largest city of Ganja has
            # reached 10": the toll is the subject of the verb, however long its phrase
            window = [*doc[max(sent.start, subject.i - 3) : subject.i + 1], *window]
        for t in reversed(window):
            if t.i in self.equip:
                e = self.equip[t.i]
                c.kind, c.category, c.head = "equipment", e[2], None
                c.ref = list(doc[max(sent.start, e[0] - 4) : core])
                return True
            low = t.lower_
            if low in self.TOTAL_NOUNS or (low in PERSON_GROUP and low not in self.NOT_TOTAL_NOUNS):
                group = PERSON_GROUP.get(low, "unspecified")
                words = {w.lower_ for w in doc[max(sent.start, t.i - 3) : t.i + 1]}
                if words & self.TOTAL_MILITARY:
                    group = "military"
                elif words & self.TOTAL_CIVILIAN:
                    group = "civilian"
                if low in self.TOTAL_NOUNS and group == "unspecified":
                    # "its list of fallen servicemen, bringing the total to 350"
                    for u in sent:
                        if PERSON_GROUP.get(u.lower_, "unspecified") != "unspecified":
                            group = PERSON_GROUP[u.lower_]
                            break
                c.kind, c.group, c.head = "casualty", group, None
                c.ref = list(doc[max(sent.start, t.i - 6) : core])
                c.predicate = t  # "the death toll of an Armenian strike": the toll's roles say whose
                return True
        # "bringing the total to N" after an earlier figure of the sentence
        for t in sent:
            if t.lower_ in self.TOTAL_OUTCOMES:
                military = any(u.lower_ in self.TOTAL_MILITARY_WORDS for u in sent)
                c.kind, c.group, c.head = "casualty", "military" if military else "unspecified", None
                c.ref = [t]
                return True
        return False
