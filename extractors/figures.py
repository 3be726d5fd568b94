"""Casualty and equipment-loss figures, with whose losses they are and who claims them.

For each figure the numbers scanner finds, in order:
1. what it counts: the noun phrase after it (an equipment term from the `claims_equipment`
   ruler, or a person noun from data/figures.json); a figure with no noun ("and 102 wounded")
   takes the noun of the figure before it in the sentence;
2. the outcome: a participle right after the phrase ("killed and wounded"), else the verb or
   noun that governs it in the parse ("destroyed 4 tanks", "the deaths of 18 civilians"), else
   the list it belongs to ("... of the enemy were destroyed:" followed by bullets);
3. the claimant: the speaker of the quote or reported-speech frame it sits in, else the actor
   that is the sentence's subject, else the claimant of the paragraph before;
4. the party: an owner in the phrase ("Azerbaijani UAVs", "of the enemy", "its servicemen"),
   else the subject of the verb ("the enemy lost", "its forces destroyed"), else the attacker
   ("in Azerbaijani strikes"), else a place, else the claimant's own side for casualties and the
   other side for equipment.
Figures that count anything else (hours, villages, dollars) or carry no outcome (weapons merely
present) are dropped, as are figures told as history and figures their own sentence denies.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from .attribution import (
    INSTITUTION_HEADS,
    Actors,
    Discourse,
    Speaker,
    opposite,
    side_in_text,
    speech_lemmas,
)
from .numbers import Figure, months, scan_doc
from .pipeline import EQUIPMENT_KEY
from .quotes import Frame
from .records import Casualty, Equipment


@lru_cache(maxsize=1)
def lexicon() -> dict:
    with resources.files("extractors").joinpath("data/figures.json").open(encoding="utf-8") as fh:
        data = json.load(fh)
    data["person_group"] = {w: g for g, ws in data["person_nouns"].items() for w in ws}
    # one pattern per cue list, compiled once: they are tried on every figure's sentence
    data["hedge_re"] = _any_word([c for c in data["hedge_cues"] if c != "according to"])
    data["cumulative_re"] = _any_word(data["cumulative_cues"])
    return data


def _any_word(phrases: list[str]) -> re.Pattern[str]:
    return re.compile(
        r"\b(?:" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")\b"
    )


def _alternatives(phrases: list[str]) -> str:
    """A regex group matching any of `phrases` as written."""
    return "(?:" + "|".join(re.escape(p) for p in phrases) + ")"


# The word lists live in data/figures.json (its "_comment_*" entries say what each holds).
_LEX = lexicon()
PARTICIPLE_HEADS = frozenset(_LEX["participle_heads"])
DATE_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}
MONTHS = months()
AUX_SKIP = frozenset(_LEX["skip_before_outcome"])
CURRENT_WAR_YEAR = 2020
DATELINE = re.compile(r"^([A-Z][A-Za-z-]+),? (?:[—–-] |(?:[A-Z][a-z]+|[A-Z]{3,})\.? \d{1,2}\b)", re.M)
BULLET = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s+")
YEAR = re.compile(r"^(1[89]\d\d|20[0-4]\d)$")
# link lines and the headings of link lists and comment threads that pages carry around an article
FURNITURE_LINE = re.compile(
    rf"(?i)^{_alternatives(_LEX['furniture_link_labels'])}\s*:|^\d{{1,2}}[:.]\d{{2}}\s{{2,}}\S|"
    r"^\d+\s*[hm] ago\s|.*\u00b7\s*\d+\s+(?:hours?|minutes?|days?)\s+ago$|"
    rf"^{_alternatives(_LEX['furniture_line_starts'])}\b"
)
FURNITURE_HEADING = re.compile(
    rf"(?i)^(?:{_alternatives(_LEX['furniture_headings'])}|[\d,.]+k?\s+comments?)$"
)
QUOTE_MARKS = {'"', "\u201c", "\u201d", "\u00ab", "\u00bb", "'", "\u2018", "\u2019"}
# counted nouns that say nothing of who the people were
GROUPLESS_HEADS = frozenset(_LEX["groupless_heads"])
SUFFERING_NOUNS = frozenset(_LEX["suffering_nouns"])
TOLL_WORDS = frozenset(_LEX["toll_words"])
_HEADER_INSTITUTIONS = tuple(_LEX["header_institution_words"])
_COUNT_MODIFIERS = frozenset(_LEX["count_modifiers"])
_UNIT_NOUNS = frozenset(_LEX["unit_nouns"])
_GROUP_SEEKING_HEADS = frozenset(_LEX["group_seeking_heads"])
_MILITARY_MARKERS = frozenset(_LEX["group_markers"]["military"])
_CIVILIAN_MARKERS = frozenset(_LEX["group_markers"]["civilian"])
_MEMBER_NOUNS = frozenset(_LEX["member_nouns"])
# what happens only to people: a count with no noun followed by one of these counts people
PEOPLE_OUTCOMES = {"killed", "wounded", "missing"}
_BELLIGERENT_WORDS = frozenset(_LEX["belligerent_body_words"])
_ENEMY_ONLY_VERBS = frozenset(_LEX["enemy_only_verbs"])
_MILITARY_GROUP = re.compile(
    rf"\b{_alternatives(_LEX['military_group_modifiers'])}\b[\w\s-]*\b(?:group|unit|squad)\s+of\s*$"
)
_MILITARY_UNIT = re.compile(rf"\b{_alternatives(_LEX['military_unit_words'])}\b")
_TAKE_OBJECTS: dict[str, str] = dict(_LEX["take_objects"])
_WEAK_NOUN_OUTCOMES = frozenset(_LEX["weak_noun_outcomes"])
_LINKING_VERBS = frozenset(_LEX["linking_verbs"])
_STRONG_OUTCOMES = frozenset(_LEX["strong_outcome_words"])
_FORCE_NOUNS = frozenset(_LEX["force_nouns"])
_DENIAL_LEMMAS = frozenset(_LEX["denial_lemmas"])
_CLAIM_NOUNS = frozenset(_LEX["claim_nouns"])
_MONEY_BEFORE = frozenset(_LEX["money_or_measure"]["before"])
_MEASURE_AFTER = frozenset(_LEX["money_or_measure"]["after"])
_OUTCOME_HEADS = frozenset(_LEX["outcome_heads"])
_SUFFER_VERBS = frozenset(_LEX["suffer_verbs"])
_TOLL_CHANGE = frozenset(_LEX["toll_change_words"])
_TOTAL_NOUNS = frozenset(_LEX["total_nouns"])
_NOT_TOTAL_NOUNS = frozenset(_LEX["not_total_nouns"])
_TOTAL_MILITARY_MARKERS = frozenset(_LEX["total_group_markers"]["military"])
_TOTAL_CIVILIAN_MARKERS = frozenset(_LEX["total_group_markers"]["civilian"])
_TOTAL_OUTCOMES = frozenset(_LEX["total_outcome_words"])
_TOTAL_MILITARY_WORDS = frozenset(_LEX["total_military_words"])
_RUNNING_TOTAL_LEMMAS = frozenset(_LEX["running_total_lemmas"])
_NON_REPORTING = frozenset(_LEX["non_reporting_speech_lemmas"])
_LOSE_WORD_FORMS = frozenset(_LEX["lose_word_forms"])
_LOSE_VERB_FORMS = frozenset(_LEX["lose_verb_forms"])
_TALLY_VERBS = frozenset(_LEX["tally_verbs"])
_TALLY_NOUNS = frozenset(_LEX["tally_nouns"])
_NEXT_SENTENCE_HEDGE = re.compile(_alternatives(_LEX["next_sentence_hedges"]))
_IMPERSONAL_REPORT = re.compile(rf"\b{_alternatives(_LEX['impersonal_reports'])}\b", re.I)
PAST_OPENING = re.compile(r"(?:In|During|Back in|By)\s+(?:\w+\s+)?((?:19|20)\d\d)\b")
YARDSTICK_SINCE = re.compile(r"\bsince\s+(?:(?:the|their|its|our)\s+)?(?:19|20)\d\d\b")
NAMED_WAR = re.compile(r"\b(?:the|their|its|our)\s+(?:19|20)\d\d\s+(?:\w+\s+){0,2}war\b", re.I)


@dataclass
class Found:
    """A figure being resolved; becomes a Casualty or an Equipment record."""

    fig: Figure
    kind: str  # "casualty" | "equipment"
    head: Token | None  # the counted noun
    np_end: int  # token index after the counted phrase
    group: str | None = None
    category: str | None = None
    model: str | None = None
    outcome: str | None = None
    party: str | None = None
    verb: Token | None = None
    claimant: Speaker | None = None
    ref: list[Token] | None = None  # a running total's referent: "the number of Azerbaijani drones downed"
    enemy_party: bool = False


class FigureExtractor:
    def __init__(self, doc: Doc, actors: Actors, discourse: Discourse, frames: list[Frame]) -> None:
        self.doc = doc
        # read once: spaCy joins every token each time Doc.text is read
        self.text = doc.text
        self.actors = actors
        self.discourse = discourse
        self.frames = frames
        self.lex = lexicon()
        self.equip: list[tuple[int, int, str, str]] = []  # (start, end, category, model)
        for sp in sorted(doc.spans.get(EQUIPMENT_KEY, []), key=lambda s: (s.start, -(s.end - s.start))):
            if self.equip and sp.start < self.equip[-1][1]:
                continue
            self.equip.append((sp.start, sp.end, sp.label_, sp.id_))
        self.equip_at: dict[int, tuple[int, int, str, str]] = {}
        for e in self.equip:
            for i in range(e[0], e[1]):
                self.equip_at[i] = e
        self.doc_year = self._doc_year()
        self.home_side = self._home_side()
        self.header_claimant = self._header_claimant()
        self.last_source: Speaker | None = None
        self.carried = False  # whether the last claimant found came from an earlier paragraph
        self.body_start = self._body_start()
        self.furniture = self._furniture_spans()

    # -- document-level context ------------------------------------------------------------
    def _doc_year(self) -> int | None:
        # the war being reported is the 2020 war or later: "the worst since April 2016" is history
        years = [int(t.text) for t in self.doc if YEAR.match(t.text)]
        return max([*years, CURRENT_WAR_YEAR])

    def _home_side(self) -> str | None:
        """The side of a one-city dateline ("Baku, October 17, CASPIAN POST"): an outlet's own
        country, whose unnamed "Ministry of Defense" is its own."""
        m = DATELINE.search(self.text[:3000])
        return side_in_text(m.group(1)) if m else None

    def _header_claimant(self) -> Speaker | None:
        """A bulletin whose first line names the issuing institution speaks for it throughout."""
        for sent in self.doc.sents:
            text = sent.text.strip()
            if not text:
                continue
            if text.isupper() and any(w in text.lower() for w in _HEADER_INSTITUTIONS):
                side = self.actors.side_of(sent.start, sent.end) or side_in_text(text)
                if side:
                    return Speaker(text.title(), None, side, "institution", sent.start)
            return None
        return None

    # -- 1. what is counted ----------------------------------------------------------------
    def _phrase(self, fig: Figure) -> tuple[list[Token], Token | None, int]:
        """The counted noun phrase after a figure: (tokens, head noun, index after the phrase)."""
        doc = self.doc
        j = fig.end
        n = len(doc)
        while j < n and doc[j].lower_ in _COUNT_MODIFIERS:
            if doc[j].lower_ == "other" and j + 1 < n and doc[j + 1].pos_ not in {"NOUN", "PROPN", "ADJ"}:
                break
            j += 1
        if j < n and doc[j].lower_ == "of":
            j += 1
            while j < n and (
                doc[j].pos_ in {"DET", "PRON"} or doc[j].tag_ in {"PRP$", "POS"} or doc[j].lower_ in {"the"}
            ):
                if doc[j].lower_ in {"them", "these", "those", "whom"}:
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
            if k in self.equip_at:
                s, e, _, _ = self.equip_at[k]
                toks.extend(doc[s:e])
                head = doc[e - 1]
                k = e
                while k < n and doc[k].text in QUOTE_MARKS and k + 1 < n and not doc[k + 1].is_punct:
                    k += 1
                if k < n and (
                    doc[k].pos_ in {"NOUN", "PROPN"} and doc[k].dep_ != "appos" or k in self.equip_at
                ):
                    continue
                break
            if t.is_space or t.is_punct and t.text not in {"-"}:
                break
            if t.pos_ in {"NOUN", "PROPN"} or t.text == "-" or t.lower_ in self.lex["person_group"]:
                toks.append(t)
                head = t
                k += 1
                # a noun whose head lies further right is a modifier ("battle tanks", "crew members")
                if t.dep_ in {"compound", "amod", "nmod"} and t.head.i > t.i and t.head.i - k < 4:
                    continue
                if (
                    k < n
                    and (doc[k].pos_ in {"NOUN", "PROPN"} and doc[k].dep_ == "compound")
                    or k in self.equip_at
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

    def _classify(self, fig: Figure) -> Found | None:
        doc = self.doc
        toks, head, end = self._phrase(fig)
        # "units of military equipment", "crew members of a Russian Mi-24": look past "of"
        if head is not None and head.lower_ in _UNIT_NOUNS:
            if end < len(doc) and doc[end].lower_ == "of":
                sub = Figure(end - 1, end, end - 1, fig.quantity, False)
                more, h2, end2 = self._phrase(sub)
                if h2 is not None and any(t.i in self.equip_at for t in more):
                    toks, head, end = toks + more, h2, end2
        models = [self.equip_at[t.i] for t in toks if t.i in self.equip_at and self.equip_at[t.i][3]]
        generic = [self.equip_at[t.i] for t in toks if t.i in self.equip_at]
        if head is not None and head.lower_ in {"them", "these", "those", "whom"}:
            return Found(fig, "ref", head, end)
        if generic and (head is None or head.lower_ not in self.lex["person_group"]):
            if head is not None and head.i in self.equip_at and not self.equip_at[head.i][3]:
                cat = self.equip_at[head.i][2]
                # a model names the kind better than a generic head ("BM-21 Grad launchers")
                if models and cat in {"other", "vehicle", "mlrs", "air_defense", "aircraft", "artillery"}:
                    cat = models[0][2]
            else:
                cat = (models or generic)[0][2]
            model = doc[models[0][0] : models[0][1]].text if models else None
            return Found(fig, "equipment", head, end, category=cat, model=model)
        if head is not None:
            low = head.lower_
            if low in self.lex["not_casualties"]:
                return None
            if low in self.lex["person_group"]:
                group = self.lex["person_group"][low]
                words = {t.lower_ for t in toks}
                if group == "unspecified" or low in _GROUP_SEEKING_HEADS:
                    others = {self.lex["person_group"].get(w) for w in words} - {None, "unspecified"}
                    if words & _MILITARY_MARKERS:
                        group = "military"
                    elif words & _CIVILIAN_MARKERS:
                        group = "civilian"
                    elif len(others) == 1:
                        group = others.pop()  # "two crew members": crew is military
                # "servicemen and civilians": both groups
                nxt = doc[end : end + 2]
                if (
                    len(nxt) == 2
                    and nxt[0].lower_ in {"and", "or"}
                    and nxt[1].lower_ in self.lex["person_group"]
                ):
                    other = self.lex["person_group"][nxt[1].lower_]
                    if other != group and other != "unspecified":
                        group = "unspecified"
                if low in _MEMBER_NOUNS and _MILITARY_UNIT.search(doc[end : end + 6].text.lower()):
                    group = "military"
                before = doc[max(0, fig.start - 5) : fig.start].text.lower()
                if group == "unspecified" and _MILITARY_GROUP.search(before):
                    group = "military"  # "a reconnaissance-sabotage group of 12 persons"
                return Found(fig, "casualty", head, end, group=group)
            return None
        return Found(fig, "bare", None, fig.end)

    # -- 2. outcome ------------------------------------------------------------------------
    def _phrase_outcome(self, toks: list[Token], kind: str) -> str | None:
        words = [t.lower_ for t in toks]
        text = " ".join(words)
        phrases = self.lex["casualty_phrases" if kind == "casualty" else "equipment_phrases"]
        for ph, out in sorted(phrases.items(), key=lambda p: -len(p[0])):
            if re.search(rf"(?:^| ){re.escape(ph)}(?: |$)", text):
                return out
        return None

    def _word_outcome(self, tok: Token, kind: str) -> str | None:
        table = self.lex["casualty_outcomes" if kind == "casualty" else "equipment_outcomes"]
        out = table.get(tok.lower_) or table.get(tok.lemma_.lower())
        if out is None and tok.lemma_.lower() == "shoot":
            if (
                any(c.lower_ == "down" for c in tok.children) or tok.nbor(1).lower_ == "down"
                if tok.i + 1 < len(tok.doc)
                else False
            ):
                return "downed" if kind == "equipment" else "killed"
        if out is None and tok.lemma_.lower() == "take":
            sub = {t.lower_ for c in tok.children for t in c.subtree}
            taken = next((o for w, o in _TAKE_OBJECTS.items() if w in sub), None)  # "taken prisoner"
            if taken is not None:
                return taken
        return out

    def _post_outcome(self, f: Found) -> str | None:
        doc = self.doc
        k = f.np_end
        if k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ in {"including", "among"}:
            # "six Azerbaijanis, including two civilian road workers, were killed": past the insert
            close = next((t.i for t in doc[k + 1 : k + 14] if t.text == ","), None)
            if close is not None:
                k = close + 1
        toks: list[Token] = []
        while k < len(doc) and len(toks) < 5:
            t = doc[k]
            if t.is_punct or t.is_space:
                break
            if t.lower_ in AUX_SKIP and not toks:
                k += 1
                continue
            if t.pos_ == "CCONJ" and not toks:
                break  # "destroyed 14 tanks and shot down three drones": the next verb is not this phrase's
            toks.append(t)
            k += 1
        if not toks:
            return None
        out = self._phrase_outcome(toks, f.kind)
        if out:
            return out
        several = self._outcome_series(k - len(toks), f.kind)
        if several:
            return several
        first = toks[0]
        if first.pos_ in {"VERB", "ADJ", "AUX"} or first.tag_ in {"VBN", "VBD", "JJ"}:
            return self._word_outcome(first, f.kind)
        return None

    def _outcome_series(self, k: int, kind: str) -> str | None:
        """'185 tanks destroyed, damaged or captured': several outcomes in a row are losses in general."""
        outs: set[str] = set()
        doc = self.doc
        while k < len(doc) and len(outs) < 5:
            t = doc[k]
            if t.text == "," or t.lower_ in {"and", "or"}:
                k += 1
                continue
            out = (
                self._word_outcome(t, kind) if t.pos_ in {"VERB", "ADJ"} or t.tag_ in {"VBN", "JJ"} else None
            )
            if out is None:
                break
            outs.add(out)
            k += 1
        if len(outs) < 2:
            return None
        return "lost" if kind == "equipment" else "casualties"

    def _governing(self, f: Found) -> tuple[str | None, Token | None]:
        """The outcome from the parse: the verb or noun the counted phrase hangs from."""
        tok = f.head if f.head is not None else self.doc[f.fig.core]
        if f.head is not None:
            out = self._word_outcome(tok, f.kind) if tok.pos_ == "NOUN" else None
            if out and tok.lower_ not in _WEAK_NOUN_OUTCOMES:
                return out, None
            for c in tok.children:
                if c.dep_ in {"relcl", "acl"}:
                    sub = list(c.subtree)[:8]
                    out = self._phrase_outcome(sub, f.kind) or next(
                        (
                            o
                            for t in sub
                            if (o := self._word_outcome(t, f.kind)) and t.pos_ in {"VERB", "ADJ"}
                        ),
                        None,
                    )
                    if out:
                        return out, c
        seen = 0
        while seen < 6:
            if tok.head == tok:
                break
            if tok.dep_ == "pobj" and tok.head.lower_ == "with":
                break  # "holds exercises with 5,000 troops": the verb is not done to them
            tok = tok.head
            seen += 1
            if tok.pos_ in {"VERB", "AUX"} or tok.dep_ == "ROOT":
                # a phrase around the verb itself ("killed or wounded 40", "lost their lives"), not one
                # of an earlier coordinated verb ("shot down two helicopters ... and destroyed three tanks")
                around = self.doc[max(tok.sent.start, tok.i - 2) : tok.i + 3]
                ph = self._phrase_outcome(list(around), f.kind)
                if ph:
                    return ph, tok
                out = self._word_outcome(tok, f.kind)
                if out:
                    return out, tok
                # "its forces have destroyed or captured", "continues to hold": look one step in
                for c in tok.children:
                    if c.dep_ in {"xcomp"} and c.i > tok.i:
                        out = self._word_outcome(c, f.kind)
                        if out:
                            return out, c
                tally = self._tally_noun(tok)
                if tally is not None and (out := self._word_outcome(tally, f.kind)):
                    return out, tok  # "the enemy's losses amounted to 5 T-72 tanks"
                if tok.lemma_ in _LINKING_VERBS:
                    continue
                return None, tok
            if tok.pos_ == "NOUN":
                out = self._word_outcome(tok, f.kind)
                if out:
                    return out, tok
        return None, None

    def _sentence_outcome(self, sent: Span, kind: str) -> str | None:
        out = self._phrase_outcome(list(sent), kind)
        if out:
            return out
        for t in sent:
            if t.lower_ in _STRONG_OUTCOMES:
                return self._word_outcome(t, kind)
        return None

    def _bullet_intro(self, sent: Span) -> Span | None:
        doc = self.doc
        line_start = self.text.rfind("\n", 0, sent.start_char) + 1
        if not BULLET.match(self.text[line_start : line_start + 6]):
            return None
        s = sent
        while s.start > 0:
            s = doc[s.start - 1].sent
            ls = self.text.rfind("\n", 0, s.start_char) + 1
            if BULLET.match(self.text[ls : ls + 6]) or not s.text.strip():
                continue
            return s if s.text.rstrip().endswith(":") else None
        return None

    # -- 3. claimant -----------------------------------------------------------------------
    def _frame_for(self, tok_i: int) -> Frame | None:
        best: Frame | None = None
        for fr in self.frames:
            if fr.start <= tok_i < fr.end and (best is None or fr.end - fr.start < best.end - best.start):
                best = fr
        return best

    def _subject_claimant(self, sent: Span, tok_i: int) -> Speaker | None:
        root = sent.root
        events = set(self.lex["event_nouns"])
        for c in root.children:
            # the subject must be a source, not what is counted: "two Azerbaijani UAVs were downed"
            # nor anyone counted: "30 Azerbaijani civilians lost their lives and 143 people were injured"
            if (
                c.dep_ == "nsubj"
                and not (c.left_edge.i <= tok_i <= c.right_edge.i)
                and c.lower_ not in self.lex["person_group"]
                and c.lower_ not in events  # "the worst fighting ... has killed 200": an event, not a source
                and c.lower_ not in TOLL_WORDS  # "Azerbaijan's confirmed losses included 11 drones"
                and not any(t.like_num for t in c.subtree if t.i < c.i)
            ):
                sp = self.discourse.resolve_subject(c)
                if sp is not None and (sp.side != "unknown" or sp.kind == "self"):
                    return sp
        return None

    # -- 4. party --------------------------------------------------------------------------
    def _side_words(self, toks: list[Token], claimant_side: str) -> str | None:
        enemy = set(self.lex["enemy_words"])
        for t in toks:
            if t.lower_ in enemy:
                return opposite(claimant_side)
        side = (
            self.actors.side_of(min(t.i for t in toks), max(t.i for t in toks) + 1, places=False)
            if toks
            else None
        )
        return side

    def _owner_after(self, f: Found) -> list[Token]:
        """'of the enemy', 'belonging to the armed forces of Armenia' right after the phrase."""
        doc = self.doc
        k = f.np_end
        if k + 1 < len(doc) and doc[k].lower_ == "for" and self.actors.side[k + 1]:
            return [doc[k], doc[k + 1]]  # "compared with at least 22 for Azerbaijan"
        if k < len(doc) and doc[k].lower_ in {"of", "belonging", "from"}:
            out = []
            while (
                k < len(doc)
                and len(out) < 9
                and not doc[k].is_punct
                and doc[k].lower_ not in {"were", "was", "in", "and"}
            ):
                out.append(doc[k])
                k += 1
            return out
        # "200 people had been killed on the Armenian side"
        side_phrase = re.compile(r"^on (?:the )?(\S+) side\b", re.I)
        window = doc[f.np_end : f.np_end + 12].text
        for m in re.finditer(r"\bon (?:the )?\S+ side\b", window, re.I):
            phrase = doc.char_span(doc[f.np_end].idx + m.start(), doc[f.np_end].idx + m.end())
            if phrase is not None and side_phrase.match(phrase.text):
                return list(phrase)
        return []

    def _subject_side(self, verb: Token, claimant_side: str, in_quote: bool) -> str | None:
        if verb.pos_ == "NOUN":
            # "acknowledged the loss of one helicopter": the owner is who acknowledged
            v = verb
            for _ in range(3):
                v = v.head
                if v.pos_ in {"VERB", "AUX"}:
                    return self._subject_side(v, claimant_side, in_quote)
            return None
        for c in verb.children:
            if c.dep_ in {"nsubj", "agent"}:
                phrase = list(c.subtree)
                lows = {t.lower_ for t in phrase}
                if lows & set(self.lex["enemy_words"]):
                    return opposite(claimant_side)
                text = " ".join(t.lower_ for t in phrase)
                if any(re.search(rf"\b{re.escape(b)}\b", text) for b in self.lex["both_sides"]):
                    return "both"  # "both sides have lost more than 300 soldiers"
                if lows & {"we", "our", "us"}:
                    return claimant_side
                if lows & {"they", "them", "their"} and in_quote:
                    return opposite(claimant_side)
                side = self.actors.side_of(phrase[0].i, phrase[-1].i + 1, places=False)
                if side:
                    return side
                if lows & {"its", "it"}:
                    return claimant_side
        if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.pos_ in {"VERB", "AUX"}:
            return self._subject_side(verb.head, claimant_side, in_quote)
        return None

    def _attacker(self, sent: Span) -> str | None:
        attack = set(self.lex["attack_nouns"])
        for t in sent:
            # an attack noun as a modifier names a target, not an attack: Armenian "fire points"
            if t.lower_ in attack and t.lower_ not in _FORCE_NOUNS and t.dep_ != "compound":
                for m in list(t.children) + [t.head]:
                    if m.dep_ in {"amod", "compound", "poss", "nmod"} or m == t.head and t.dep_ == "compound":
                        side = self.actors.side_of(m.i, m.i + 1, places=False)
                        if side:
                            return side
                # "attacks by the Armenian armed forces"
                for c in t.children:
                    if c.dep_ == "prep" and c.lower_ == "by":
                        toks = list(c.subtree)
                        side = self.actors.side_of(toks[0].i, toks[-1].i + 1, places=False)
                        if side:
                            return side
                prev = t.doc[max(sent.start, t.i - 2) : t.i]
                side = self.actors.side_of(prev.start, prev.end, places=False)
                if side:
                    return side
        return None

    # -- filters ---------------------------------------------------------------------------
    def _is_history(self, sent: Span, core: int) -> bool:
        text = sent.text
        low = text.lower()

        at = self.doc[core].idx - sent.start_char

        def comparison(char: int) -> bool:
            # "105 killed, the deadliest flare-up since their 2020 war": a yardstick after the figure, not
            # the time it is about ("since a 1994 ceasefire ended a war in which 30,000 died" is history)
            return char > at and since(char)

        def since(char: int) -> bool:
            return "since" in text[max(0, char - 40) : char].lower().split()[-4:]

        # "since their 2020 war" is a yardstick wherever it stands: "the worst fighting since their 2020 war
        # has killed more than 200 soldiers"
        for m in NAMED_WAR.finditer(text):
            if not since(m.start()) or self._about(core, sent.start_char + m.end() - 1):
                return True  # ("since the 2020 war, which killed more than 6,600 people" is about that war)
        if any(c in low and not comparison(low.index(c)) for c in self.lex["history_cues"]):
            return True
        if any(re.search(rf"\b{re.escape(c)}\b", low) for c in self.lex["history_back_references"]):
            # "30,000 people were killed in that war", after a paragraph on the 1990s
            before = self.doc[max(0, sent.start - 150) : sent.start]
            if any(YEAR.match(t.text) and int(t.text) < (self.doc_year or CURRENT_WAR_YEAR) for t in before):
                return True
        if self.doc_year and self._past_paragraph(sent):
            return True
        if self.doc_year:
            for t in sent:
                old_year = YEAR.match(t.text) and int(t.text) < self.doc_year and t.ent_type_ in {"DATE", ""}
                if (old_year or re.match(r"^(19\d\d)[-–](?:\d\d|19\d\d|20\d\d)$", t.text)) and not comparison(
                    t.idx - sent.start_char
                ):
                    return True
        return False

    def _past_paragraph(self, sent: Span) -> bool:
        """A paragraph that opens in an earlier year ("In 2020, Azerbaijan took back ... More than 6,500
        people died.") tells history throughout, unless the sentence names a later year itself."""
        lo = self.text.rfind("\n", 0, sent.start_char) + 1
        m = PAST_OPENING.match(self.text, lo)
        if m is None or int(m.group(1)) >= (self.doc_year or CURRENT_WAR_YEAR):
            return False
        current = self.doc_year or CURRENT_WAR_YEAR
        return not any(YEAR.match(t.text) and int(t.text) >= current for t in sent)

    def _about(self, core: int, char: int) -> bool:
        """Whether the figure at token `core` sits in the phrase of the word ending at character `char`."""
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None:
            return False
        word = span.root
        return word.left_edge.i <= core <= word.right_edge.i

    def _is_denied(self, f: Found, sent: Span) -> bool:
        core = f.fig.core
        for t in sent:
            if t.lemma_.lower() in _DENIAL_LEMMAS and t.i < core:
                return True
        # "claims that 16 drones were shot down are baseless", "dismissed as "baseless" claims that 16 ..."
        low_words = " ".join(t.lower_ for t in sent if not f.fig.start <= t.i < f.np_end)
        return any(re.search(rf"\b{re.escape(w)}\b", low_words) for w in self.lex["denial_words"]) and any(
            t.lower_ in _CLAIM_NOUNS for t in sent if t.i < core
        )

    def _money_or_measure(self, f: Found) -> bool:
        doc = self.doc
        before = doc[f.fig.start - 1].text if f.fig.start > 0 else ""
        after = doc[f.fig.end].lower_ if f.fig.end < len(doc) else ""
        return before in _MONEY_BEFORE or after in _MEASURE_AFTER

    # -- main ------------------------------------------------------------------------------
    def extract(self) -> tuple[list[Casualty], list[Equipment]]:
        doc = self.doc
        found: list[Found] = []
        prev_in_sent: dict[int, Found] = {}
        main_in_sent: dict[int, Found] = {}
        last_found: Found | None = None
        para_claimant: dict[int, Speaker] = {}
        for fig in scan_doc(doc):
            core = doc[fig.core]
            if (
                (core.ent_type_ in DATE_ENTS and not self._toll_context(fig.start))
                or (fig.core > 0 and doc[fig.core - 1].lower_ in MONTHS)
                or (fig.end < len(doc) and doc[fig.end].lower_ in MONTHS)
            ):
                continue
            if self._furniture(core.idx):
                continue
            f = self._classify(fig)
            if f is None or self._money_or_measure(f) or self._agent(f):
                continue
            sent = core.sent
            prev = prev_in_sent.get(sent.start)
            referent_party = referent_outcome = None
            if f.kind == "ref" and last_found is None:
                # "nine of them were dead" with no figure before: people, if what follows is a loss
                f = Found(fig, "casualty", f.head, f.np_end, group="unspecified")
                if self._post_outcome(f) not in PEOPLE_OUTCOMES:
                    continue
            elif f.kind == "ref":
                assert last_found is not None
                referent_party, referent_outcome = last_found.party, last_found.outcome
                f = Found(
                    fig,
                    last_found.kind,
                    f.head,  # "them": the parse around it says what happened to them
                    f.np_end,
                    last_found.group,
                    last_found.category,
                    last_found.model,
                    None,
                    last_found.party,
                )
            elif f.kind == "bare" or (f.head is not None and f.head.lower_ in PARTICIPLE_HEADS):
                np_end = f.np_end
                if f.head is not None and f.head.lower_ != "others":
                    np_end = f.head.i  # "102 wounded": the participle is the outcome, not the noun
                if prev is None or fig.start - prev.np_end > 12:
                    if f.head is not None and f.head.lower_ == "others" and prev is not None:
                        # "two civilians ... had been killed in the district and at least 20 others wounded"
                        f = Found(fig, prev.kind, None, np_end, prev.group, prev.category, prev.model)
                    elif not self._toll_referent(f, sent):
                        # "he said, 14 were killed": a bare count that is plainly of people
                        f = Found(fig, "casualty", None, np_end, group="unspecified")
                        if f.fig.end != np_end or self._post_outcome(f) not in PEOPLE_OUTCOMES:
                            continue
                else:
                    # the figure it continues is the sentence's main one, not one inside "including ..."
                    main = main_in_sent.get(sent.start, prev)
                    f = Found(fig, main.kind, None, np_end, main.group, main.category, main.model)
            if self._is_history(sent, fig.core) or self._is_denied(f, sent):
                continue
            # outcome
            out = self._post_outcome(f) if f.ref is None else self._ref_outcome(f)
            verb = None
            if out is None:
                out, verb = self._governing(f)
                if out is None and verb is not None and self._subject_of_other_verb(f, verb):
                    continue  # "while tens of thousands had been forced to flee"
            if self._hypothetical(verb if verb is not None else self._verb_of(f)):
                continue  # "continuing would cost thousands more lives"
            if out is None and f.head is not None and f.kind == "casualty":
                out = self._word_outcome(f.head, "casualty") if f.head.lower_ in _OUTCOME_HEADS else None
            if out is None:
                out = self._nominal_before(f)  # "injuries to at least 70 others", "the deaths of 25"
            if out is None and prev is not None and prev.outcome and fig.start - prev.np_end <= 12:
                if prev.kind == f.kind:
                    out, verb = prev.outcome, prev.verb
                else:
                    # "lost 2,300 servicemen killed and wounded, as well as 130 tanks": the shared verb
                    # says what happened to the equipment, not the casualty outcome
                    shared = prev.verb or self._verb_of(prev)
                    if shared is not None and (out := self._word_outcome(shared, f.kind)):
                        verb = shared
            if out is None and referent_outcome is not None:
                out = referent_outcome  # "verified at least 130 of them": what happened to them
            if out is None:
                intro = self._bullet_intro(sent)
                if intro is not None:
                    out = self._sentence_outcome(intro, f.kind)
                    verb = None
            if out is None and f.kind in {"casualty", "equipment"}:
                out = self._sentence_outcome(sent, f.kind)
            if out is None:
                continue
            f.outcome = out
            f.verb = verb
            # claimant: a list item is claimed by whoever its introducing line is
            intro = self._bullet_intro(sent)
            anchor = intro.start if intro is not None else fig.core
            fr = self._frame_for(anchor)
            claimant = self._claimant(anchor, fr, para_claimant)
            f.claimant = claimant
            cside = claimant.side if claimant else "unknown"
            # party
            # "at least 130 of them": the referent's owner, whoever counts them
            if referent_party in (None, "unknown"):
                f.party = self._party(f, sent, prev, cside, fr is not None and fr.kind == "direct")
            else:
                f.party = referent_party
            if f.party == "other" and self.carried and claimant is not None and claimant.side != "other":
                # "Five Russian peacekeepers were also killed": a third party's dead, told in the outlet's
                # own voice, are not the claim of the side quoted paragraphs before
                f.claimant = Speaker(None, None, "other", "self", fig.core)
            if f.kind == "casualty" and f.group == "unspecified":
                f.group = self._sentence_group(f, sent)
            found.append(f)
            prev_in_sent[sent.start] = f
            if not self._included(f):
                main_in_sent[sent.start] = f
            last_found = f
        self._share_list_owner(found)
        return self._records(found)

    def _share_list_owner(self, found: list[Found]) -> None:
        """'2 T-72 tanks, 3 BM-21 Grad ... and 6 auto vehicles of the enemy were destroyed': one owner."""
        by_sent: dict[int, list[Found]] = {}
        for f in found:
            by_sent.setdefault(self.doc[f.fig.core].sent.start, []).append(f)
        for group in by_sent.values():
            explicit = [f for f in group if self._owner_after(f) or f.enemy_party]
            if len(group) < 2 or not explicit:
                continue
            owner = explicit[-1]
            for f in group:
                if (
                    f is not owner
                    and f.kind == owner.kind
                    and f.outcome == owner.outcome
                    and not self._has_own_owner(f)
                ):
                    f.party = owner.party

    def _sentence_group(self, f: Found, sent: Span) -> str:
        """The group of a count whose noun does not say it ("23 names", "dozens of bodies"): the one group
        the sentence names ("added 23 names to its list of fallen servicemen"); an enemy's dead are troops
        ("the adversary left behind dozens of bodies")."""
        if f.head is not None and f.head.lower_ not in GROUPLESS_HEADS:
            return "unspecified"
        if f.head is None and f.ref is None:
            # "... and more than 400 had been wounded": the group of the figure it continues
            return "unspecified"
        groups = {
            self.lex["person_group"][t.lower_]
            for t in sent
            if self.lex["person_group"].get(t.lower_, "unspecified") != "unspecified"
        }
        if len(groups) == 1:
            return groups.pop()
        if f.enemy_party or (not groups and any(t.lower_ in self.lex["enemy_words"] for t in sent)):
            return "military"
        return "unspecified"

    def _has_own_owner(self, f: Found) -> bool:
        phrase = list(self.doc[f.fig.end : f.np_end])
        return bool(phrase) and self.actors.side_of(phrase[0].i, phrase[-1].i + 1, places=False) is not None

    def _included(self, f: Found) -> bool:
        """A figure inside an 'including ...' or 'among them ...' insert: a part of the figure before it."""
        before = {t.lower_ for t in self.doc[max(0, f.fig.start - 2) : f.fig.start]}
        return bool(before & {"including", "among"})

    def _nominal_before(self, f: Found) -> str | None:
        doc = self.doc
        i = f.fig.start - 1
        if i < 1 or doc[i].lower_ not in {"to", "of"} or doc[i - 1].pos_ != "NOUN":
            return None
        return self._word_outcome(doc[i - 1], f.kind)

    def _agent(self, f: Found) -> bool:
        """People who do something to something ("One Soldier Destroyed 5 Battle Tanks") are not losses."""
        if f.kind != "casualty" or f.head is None or f.head.dep_ != "nsubj":
            return False
        verb = f.head.head
        if verb.pos_ != "VERB" or self._is_lose(verb) or verb.lemma_.lower() in _SUFFER_VERBS:
            return False
        return any(c.dep_ == "dobj" for c in verb.children)

    def _subject_of_other_verb(self, f: Found, verb: Token) -> bool:
        """A bare number that is the subject of a verb saying nothing of losses is not a loss figure."""
        if verb.pos_ != "VERB":
            return False
        if f.head is not None:
            # "and that about 2,700 people had been evacuated": the verb says what happened to them
            return f.head.head == verb and f.head.dep_ in {"nsubj", "nsubjpass"}
        tok = self.doc[f.fig.core]
        while f.fig.start <= tok.head.i < f.fig.end and tok.head != tok:
            tok = tok.head  # "tens of thousands": the figure's own top word
        return tok.head == verb and tok.dep_ in {"nsubj", "nsubjpass"}

    def _hypothetical(self, verb: Token | None) -> bool:
        """'would cost', 'could kill', 'might lose': what may happen is not a claimed loss."""
        if verb is None or verb.pos_ not in {"VERB", "AUX"}:
            return False
        return any(c.dep_ == "aux" and c.lower_ in {"would", "could", "might", "may"} for c in verb.children)

    def _toll_context(self, start: int) -> bool:
        """'the death toll had risen from 49': the tagger may call such a bare number a date."""
        doc = self.doc
        if start == 0 or doc[start - 1].lower_ not in {"to", "from"}:
            return False
        if start > 1 and doc[start - 1].lower_ == "from" and doc[start - 2].lower_ in _TOLL_CHANGE:
            return True  # "77 had died, up from 71 a day earlier"
        return any(t.lower_ in TOLL_WORDS for t in doc[max(0, start - 8) : start])

    def _toll_referent(self, f: Found, sent: Span) -> bool:
        """'bringing the total to 350', 'death toll to 219', 'has risen to 834': a running total."""
        doc = self.doc
        core = f.fig.start
        if core == 0 or doc[core - 1].lower_ not in {"to", "from", "at", "reached"}:
            return False
        window = doc[max(sent.start, core - 14) : core]
        for t in reversed(window):
            if t.i in self.equip_at:
                e = self.equip_at[t.i]
                f.kind, f.category, f.head = "equipment", e[2], None
                f.ref = list(doc[max(sent.start, e[0] - 4) : core])
                return True
            low = t.lower_
            if low in _TOTAL_NOUNS or (low in self.lex["person_group"] and low not in _NOT_TOTAL_NOUNS):
                group = self.lex["person_group"].get(low, "unspecified")
                words = {w.lower_ for w in doc[max(sent.start, t.i - 3) : t.i + 1]}
                if words & _TOTAL_MILITARY_MARKERS:
                    group = "military"
                elif words & _TOTAL_CIVILIAN_MARKERS:
                    group = "civilian"
                if low in _TOTAL_NOUNS and group == "unspecified":
                    # "its list of fallen servicemen, bringing the total to 350"
                    for u in sent:
                        if (
                            u.lower_ in self.lex["person_group"]
                            and self.lex["person_group"][u.lower_] != "unspecified"
                        ):
                            group = self.lex["person_group"][u.lower_]
                            break
                f.kind, f.group, f.head = "casualty", group, None
                f.ref = list(doc[max(sent.start, t.i - 6) : core])
                return True
            if low == "total":
                continue
        # "bringing the total to N" after an earlier figure of the sentence
        for t in sent:
            if t.lower_ in _TOTAL_OUTCOMES:
                f.kind, f.group, f.head = (
                    "casualty",
                    "military" if any(u.lower_ in _TOTAL_MILITARY_WORDS for u in sent) else "unspecified",
                    None,
                )
                f.ref = [t]
                return True
        return False

    def _ref_outcome(self, f: Found) -> str | None:
        toks = f.ref or []
        out = self._phrase_outcome(toks, f.kind)
        if out:
            return out
        for t in toks:
            o = self._word_outcome(t, f.kind)
            if o and t.lemma_ not in _RUNNING_TOTAL_LEMMAS:
                return o
        return "killed" if f.kind == "casualty" else None

    def _claimant(self, tok_i: int, fr: Frame | None, para_claimant: dict[int, Speaker]) -> Speaker | None:
        """Who asserts what token `tok_i` says: the frame's speaker, the sentence's source subject, a
        "Source: ..." headline, the paragraph's (or the one before's) source, or a bulletin header.

        A source that is only a document ("the report said") stands for whoever issued the last one named.
        An institution of no stated side takes its place's side ("the Karabakh authorities") or, failing
        that, the side of the outlet's dateline. The result is remembered for the paragraph.
        """
        doc = self.doc
        sent = doc[tok_i].sent
        self.carried = False
        claimant = fr.speaker if fr is not None else None
        reporter = self._reporter(tok_i)
        if reporter is not None:
            claimant = reporter
        if claimant is None and fr is None:
            claimant = self._subject_claimant(sent, tok_i) or self._colon_source(sent)
        if (
            claimant is not None
            and claimant.side == "unknown"
            and _last_word(claimant.name) in self.lex["document_nouns"]
        ):
            claimant = None
        para = self.text.rfind("\n", 0, doc[tok_i].idx)
        if claimant is None:
            claimant = para_claimant.get(para) or self._carried(para, para_claimant)
            self.carried = claimant is not None
        if claimant is None and self.header_claimant is not None:
            claimant = self.header_claimant
        if claimant is None and fr is not None and fr.speaker is not None and self.last_source is not None:
            claimant = self.last_source
        if claimant is not None and claimant.side == "unknown" and claimant.kind == "institution":
            side = side_in_text(claimant.name or "") or self._place_of(claimant) or self.home_side
            if side:
                claimant = Speaker(claimant.name, claimant.role, side, claimant.kind, claimant.pos)
        if (
            claimant is not None
            and claimant.side == "unknown"
            and claimant.name
            and not set(claimant.name.lower().replace("'s", "").split()) & _BELLIGERENT_WORDS
        ):
            # named, and no ministry, army or officials of either side: a third party ("a count by the
            # Caucasian Knot", "a military-diplomatic source")
            claimant = Speaker(claimant.name, claimant.role, "other", claimant.kind, claimant.pos)
        if claimant is not None:
            para_claimant[para] = claimant
            if claimant.side in {"armenia", "azerbaijan"} and claimant.kind == "institution":
                self.last_source = claimant
        return claimant

    def _place_of(self, speaker: Speaker) -> str | None:
        """The side of a place in the source's own phrase: "officials in Nagorno-Karabakh"."""
        if not 0 <= speaker.pos < len(self.doc):
            return None
        tok = self.doc[speaker.pos]
        lo, hi = tok.left_edge.i, tok.right_edge.i + 1
        return self.actors.side_of(lo, hi) if hi - lo <= 8 else None

    def _reporter(self, tok_i: int) -> Speaker | None:
        """Who reports the figure as the object of their own reporting verb: "analysts have confirmed at
        least 130 of them", "the ministry recorded 12 deaths"."""
        tok = self.doc[tok_i]
        for _ in range(4):
            if tok.head == tok or tok.dep_ not in {"nummod", "dobj", "pobj", "prep", "quantmod", "compound"}:
                return None
            tok = tok.head
            if tok.pos_ in {"VERB", "AUX"}:
                if tok.lemma_.lower() not in speech_lemmas() or tok.lemma_.lower() in _NON_REPORTING:
                    return None
                subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                return self.discourse.resolve_subject(subj) if subj is not None else None
        return None

    def _colon_source(self, sent: Span) -> Speaker | None:
        """A headline or lead of the form "Defense Ministry: the enemy lost 3 tanks"."""
        for t in sent[:8]:
            if t.text == ":":
                head = sent.doc[sent.start : t.i]
                if not head or t.i + 1 >= sent.end:
                    return None
                words = {w.lower_ for w in head}
                side = self.actors.side_of(head.start, head.end, places=False)
                if side is None and not words & INSTITUTION_HEADS:
                    return None
                return Speaker(head.text, None, side or "unknown", "institution", head.start)
        return None

    def _carried(self, para: int, para_claimant: dict[int, Speaker], depth: int = 3) -> Speaker | None:
        """A paragraph with no source of its own continues the one right before it; narrative paragraphs
        with no source at all (a list's intro line, "During the battles, ...") are looked through."""
        if depth <= 0:
            return None
        doc = self.doc
        prev_para = self.text.rfind("\n", 0, max(0, para))
        while prev_para > 0 and not self.text[prev_para + 1 : para].strip():
            prev_para = self.text.rfind("\n", 0, prev_para)
        if prev_para in para_claimant:
            return para_claimant[prev_para]
        # a paragraph that only reports ("It was reported that ...", "According to the ministry, ...")
        lo = prev_para + 1
        seg = doc.char_span(lo, max(lo, para), alignment_mode="contract")
        if seg is None:
            return None
        frames = [fr for fr in self.frames if seg.start <= fr.start < seg.end and fr.speaker is not None]
        if frames:
            sp = frames[-1].speaker
            if sp is not None and sp.side != "unknown":
                para_claimant[prev_para] = sp
                return sp
        reported = _IMPERSONAL_REPORT.search(seg.text)
        silent = not any(seg.start <= fr.start < seg.end for fr in self.frames)
        if reported or silent:
            # the items of a list are one paragraph with their intro line
            bullet = bool(BULLET.match(self.text[lo : lo + 6]))
            return self._carried(prev_para, para_claimant, depth if bullet else depth - 1)
        return None

    def _party(self, f: Found, sent: Span, prev: Found | None, cside: str, in_quote: bool) -> str:
        doc = self.doc
        phrase = list(doc[f.fig.end : f.np_end]) + list(f.ref or [])
        # an owner inside the phrase or right after it
        side = self._side_words(phrase, cside) if phrase else None
        if side is None:
            after = self._owner_after(f)
            if after:
                side = self._side_words(after, cside)
        if side is None:
            side = self._fronted_for(sent)  # "For Azerbaijan, it listed 22 tanks lost."
        intro = self._bullet_intro(sent) if side is None else None
        if intro is not None:
            # "the following equipment of the enemy / of the Armenian armed forces was destroyed:"
            side = self._side_words(list(intro), cside)
        if side is None:
            tail = doc[f.fig.start : sent.end].text.lower()
            if any(b in tail for b in self.lex["both_sides"]):
                return "both"
        if side:
            if any(t.lower_ in set(self.lex["enemy_words"]) for t in phrase + self._owner_after(f)):
                f.enemy_party = True
            return side
        lows = {t.lower_ for t in phrase} | {t.lower_ for t in doc[f.fig.start : f.fig.end]}
        if lows & {"our", "we"}:
            return cside
        if lows & {"its", "their", "his", "own"} and cside in {"armenia", "azerbaijan"}:
            return cside
        # a list continues its first item's owner
        if (
            prev is not None
            and prev.party
            # the same verb ("after losing 3 units of equipment and about 20 soldiers"), or a list of one kind
            and ((f.verb is not None and f.verb == prev.verb) or (f.verb is None and prev.kind == f.kind))
        ):
            if f.fig.start - prev.np_end <= 12:
                return prev.party
        if prev is not None and prev.enemy_party and f.fig.start - prev.np_end <= 25:
            # "3 tanks ... of the adversary have been destroyed, and more than 60 servicemen killed"
            f.enemy_party = True
            return prev.party or "unknown"
        verb = f.verb if f.verb is not None else self._verb_of(f)
        if verb is not None:
            lemma = verb.lemma_.lower()
            lose = lemma in set(self.lex["lose_verbs"]) or verb.lower_ in _LOSE_WORD_FORMS
            harm = self._word_outcome(verb, f.kind) is not None
            subj_side = self._subject_side(verb, cside, in_quote)
            # "confirmed the deaths of 2,425 servicemen": who reports deaths or losses reports its own
            suffered = verb.pos_ == "NOUN" and verb.lower_ in SUFFERING_NOUNS
            if suffered and (owner := self._loss_owner(verb, f)) is not None:
                return owner  # "the losses of the Armenian forces are as follows: 198 artillery pieces"
            # (a third party that documents deaths or losses documents someone else's)
            if subj_side and subj_side not in {"unknown", "other"}:
                if lose or suffered or self._tally_subject(verb):
                    return subj_side
                passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
                transitive = any(c.dep_ in {"dobj", "attr"} for c in verb.children)
                if harm and not passive and verb.pos_ == "VERB" and not transitive:
                    return subj_side  # "77 of its servicemen had died, up from 71": who died
                if harm and not passive:
                    # "fighting between the two countries has killed 200": both sides' dead
                    return "both" if subj_side == "both" else opposite(subj_side)
        attacker = self._attacker(sent)
        if attacker:
            return opposite(attacker)
        place = None
        for i in range(sent.start, sent.end):
            if self.actors.kind[i] == "place":
                place = self.actors.side[i]
                break
        if f.kind == "casualty":
            if cside in {"armenia", "azerbaijan"}:
                if verb is not None and verb.lemma_.lower() in _ENEMY_ONLY_VERBS:
                    return opposite(cside)  # "a sabotage group of 12 was eliminated": only the enemy's are
                return cside
            return place or self.actors.places_before(sent.start) or "unknown"
        if cside in {"armenia", "azerbaijan"}:
            return opposite(cside)
        return place or "unknown"

    def _loss_owner(self, noun: Token, f: Found) -> str | None:
        """The side named in a loss noun's own phrase ("Azerbaijan's losses", "the losses of the enemy"),
        leaving out the counted phrase itself."""
        toks = [
            t
            for c in noun.children
            if c.dep_ in {"poss", "amod", "compound", "prep"}
            and not (c.left_edge.i <= f.fig.core <= c.right_edge.i)
            for t in c.subtree
        ]
        if not toks:
            return None
        if any(t.lower_ in self.lex["enemy_words"] for t in toks):
            return None  # the enemy's: the claimant decides, further on
        return self.actors.side_of(min(t.i for t in toks), max(t.i for t in toks) + 1, places=False)

    def _fronted_for(self, sent: Span) -> str | None:
        toks = [t for t in sent if not t.is_space]
        if len(toks) < 3 or toks[0].lower_ != "for":
            return None
        comma = next((t for t in toks[1:8] if t.text == ","), None)
        if comma is None:
            return None
        return self.actors.side_of(toks[1].i, comma.i, places=False)

    def _verb_of(self, f: Found) -> Token | None:
        tok = f.head if f.head is not None else self.doc[f.fig.core]
        for _ in range(6):
            if tok.head == tok:
                return tok if tok.pos_ in {"VERB", "AUX"} else None
            tok = tok.head
            if tok.pos_ in {"VERB"}:
                # "have lost 2,300 servicemen killed and wounded": the participle describes the men; the
                # verb that says whose they were is the one above it
                if tok.dep_ in {"ccomp", "xcomp", "acl", "advcl", "oprd"} and (
                    self._is_lose(tok.head) or self._tally_noun(tok.head) is not None
                ):
                    return tok.head
                return tok
        return None

    def _tally_subject(self, verb: Token) -> bool:
        """'The losses of the enemy amounted to 40-50 servicemen': the subject names whose losses they are."""
        return self._tally_noun(verb) is not None

    def _tally_noun(self, verb: Token) -> Token | None:
        """The loss noun heading the subject of 'amount to', 'total', 'reach', ...: 'losses', 'toll'."""
        if verb.lemma_.lower() not in _TALLY_VERBS:
            return None
        for c in verb.children:
            if c.dep_ == "nsubj":
                return next((t for t in c.subtree if t.lower_ in _TALLY_NOUNS), None)
        return None

    def _is_lose(self, tok: Token) -> bool:
        return tok.lemma_.lower() in set(self.lex["lose_verbs"]) or tok.lower_ in _LOSE_VERB_FORMS

    def _flags(self, f: Found) -> tuple[bool, bool]:
        sent = self.doc[f.fig.core].sent
        low = sent.text.lower()
        hedged = bool(self.lex["hedge_re"].search(low))
        nxt = self.doc[sent.end].sent.text.lower() if sent.end < len(self.doc) else ""
        if _NEXT_SENTENCE_HEDGE.search(nxt):
            hedged = True
        # "27 more were killed, taking the death toll to 1,068 since Sept. 27": the running total is the
        # figure after the turn; the one before it is the day's
        turn = next(
            (t for t in sent if t.i > f.fig.end and t.lower_ in self.lex["running_total_verbs"]), None
        )
        if turn is not None:
            low = self.text[sent.start_char : turn.idx].lower()
        # "since" a year or a past war is a yardstick ("the deadliest since their 2020 war"), not a start date
        low = YARDSTICK_SINCE.sub(" ", low)
        cumulative = bool(self.lex["cumulative_re"].search(low))
        return hedged, cumulative

    def _furniture(self, char: int) -> bool:
        """Page furniture, not the article: a title-case line after the article has begun (a related-article
        link or a teaser; the article's own headline is told again in the body), a "RELATED:" or time-stamped
        link line, anything under a "Related news" or "34 Comments" heading."""
        if any(lo <= char < hi for lo, hi in self.furniture):
            return True
        return self.body_start is not None and char > self.body_start and self._title_case_line(char)

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
                # a related-links list runs to the next blank line; comments run to the end of the page
                blank = text.find("\n\n", m.end())
                end = len(text) if "comment" in line.lower() or blank < 0 else blank
                spans.append((m.start(), end))
        return spans

    def _line(self, char: int) -> str:
        text = self.text
        lo = text.rfind("\n", 0, char) + 1
        hi = text.find("\n", char)
        return text[lo : hi if hi >= 0 else len(text)].strip()

    def _title_case_line(self, char: int) -> bool:
        words = [w for w in re.findall(r"[A-Za-z][\w'\u2019-]*", self._line(char)) if len(w) > 3]
        return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) > 0.8

    def _body_start(self) -> int | None:
        """Where the first real paragraph (a long line of prose ending a sentence) begins."""
        for m in re.finditer(r"(?m)^[^\n]{120,}$", self.text):
            if re.sub(r"(?:\[\d+\])+$", "", m.group(0).rstrip()).endswith((".", '"', "\u201d")):
                return m.start()
        return None

    def _in_headline(self, char: int) -> bool:
        """A line with no closing punctuation, or in title case: a headline, kicker or teaser."""
        text = self.text
        lo = text.rfind("\n", 0, char) + 1
        hi = text.find("\n", char)
        line = text[lo : hi if hi >= 0 else len(text)].strip()
        line = re.sub(r"(?:\[\d+\])+$", "", line)  # a numbered note after the full stop: "... attack.[15]"
        if not line.endswith((".", "!", "?", '"', "\u201d", ";", ":")):
            return True
        return self._title_case_line(char)

    def _records(self, found: list[Found]) -> tuple[list[Casualty], list[Equipment]]:
        doc = self.doc
        cas: list[Casualty] = []
        eqp: list[Equipment] = []
        cas_head: list[bool] = []
        eqp_head: list[bool] = []
        for f in found:
            q = f.fig.quantity
            start_tok = doc[f.fig.start]
            end_tok = doc[max(f.fig.start, f.np_end - 1)]
            start, end = start_tok.idx, end_tok.idx + len(end_tok.text)
            hedged, cumulative = self._flags(f)
            cl = f.claimant
            common = dict(
                count=q.count,
                count_min=q.count_min,
                count_max=q.count_max,
                qualifier=q.qualifier,
                approximate=q.approximate,
                claimant=cl.name if cl else None,
                claimant_side=cl.side if cl else "unknown",
                hedged=hedged,
                cumulative=cumulative,
                text=self.text[start:end],
                start=start,
                end=end,
            )
            if f.kind == "casualty":
                cas_head.append(self._in_headline(start))
                cas.append(
                    Casualty(
                        party=f.party or "unknown",
                        group=f.group or "unspecified",  # type: ignore[arg-type]
                        outcome=f.outcome,
                        **common,
                    )
                )  # type: ignore[arg-type]
            else:
                eqp_head.append(self._in_headline(start))
                eqp.append(
                    Equipment(
                        party=f.party or "unknown",
                        category=f.category or "other",
                        model=f.model,
                        outcome=f.outcome,
                        **common,
                    )
                )  # type: ignore[arg-type]
        return _dedupe(cas, cas_head), _dedupe(eqp, eqp_head)


def _last_word(name: str | None) -> str:
    words = (name or "").lower().split()
    return words[-1] if words else ""


def _dedupe(records: list, headline: list[bool]) -> list:
    """One row per claim: a headline repeating the body, or a quote repeating the lead, counts once.

    Two records with the same count, outcome and category (or compatible casualty groups) are one claim
    when their party and claimant agree or one of them leaves it unknown, and whatever they say when one
    stands in a headline: headlines summarise the body, in title case that the parser reads badly.
    """
    keep: list = []
    keep_headline: list[bool] = []
    for r, r_head in zip(records, headline, strict=True):
        dup = None
        for i, k in enumerate(keep):
            if not _same_figure(k, r):
                continue
            agree = (k.party == r.party or "unknown" in {k.party, r.party}) and (
                k.claimant_side == r.claimant_side or "unknown" in {k.claimant_side, r.claimant_side}
            )
            if agree or r_head or keep_headline[i]:
                dup = i
                break
        if dup is None:
            keep.append(r)
            keep_headline.append(r_head)
        elif _better(r, r_head, keep[dup], keep_headline[dup]):
            keep[dup] = r
            keep_headline[dup] = r_head
    return keep


def _same_figure(a: Casualty | Equipment, b: Casualty | Equipment) -> bool:
    # "lost" and "casualties" say less than, not something other than, "destroyed" and "killed"
    generic = {"lost", "casualties"}
    if a.count != b.count:
        return False
    if a.outcome != b.outcome and not {a.outcome, b.outcome} & generic:
        return False
    if isinstance(a, Equipment) and isinstance(b, Equipment):
        return a.category == b.category
    if isinstance(a, Casualty) and isinstance(b, Casualty):
        return a.group == b.group or "unspecified" in {a.group, b.group}
    return False


def _better(new: Casualty | Equipment, new_head: bool, old: Casualty | Equipment, old_head: bool) -> bool:
    """Whether `new` says more than `old` about the same claim."""
    if new_head != old_head:
        return old_head
    if new.outcome != old.outcome:
        return old.outcome in {"lost", "casualties"}

    def known(r: Casualty | Equipment) -> int:
        return (
            (r.claimant_side != "unknown")
            + (r.party != "unknown")
            + (getattr(r, "group", "") != "unspecified")
        )

    return known(new) > known(old)
