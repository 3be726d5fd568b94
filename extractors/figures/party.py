"""Stage 3: party. Whose people or equipment a figure counts, in one visible order.

1. an owner written with the counted phrase: "Azerbaijani tanks", "its servicemen", "enemy drones",
   "of the Armenian forces", "on the Azerbaijani side", "for Azerbaijan", "among Azerbaijani forces";
2. a list's header ("For Azerbaijan, it listed ...", "losses of the enemy:" before bullets);
3. both sides named ("on both sides", "between Armenia and Azerbaijan", "from both sides");
4. the figure before it in the same list ("5 tanks, 1 BMP and 1 TOS of the enemy");
5. the predicate's roles (frames.py): its owner ("Azerbaijan has lost", "Azerbaijan's losses", "lost by
   Baku", "handed over to Armenia"), the side that reports its own losses ("Armenia recorded 104 deaths"),
   or the inflicting side, whose enemy's the losses are ("Armenian forces destroyed", "killed by
   Azerbaijani shelling"; "the fighting killed" is both sides');
6. a predicate said only of the enemy ("eliminated", "neutralized"): the claimant's enemy;
7. an attacker in the sentence ("in Azerbaijani strikes"): its enemy;
8. the defaults: a casualty figure a side gives is its own, an equipment figure its enemy's; a third party's
   takes the place the sentence (or the text before it) is about.
Each step that decides says so in the candidate's reasons.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..attribution import Actors, opposite, speech_lemmas
from ..layout import Page
from ..pipeline import EQUIPMENT_KEY
from .candidates import Candidate
from .frames import fillers, predicate_of, tally_noun, verbal
from .lexicon import LEX

ENEMY_WORDS = frozenset(LEX["enemy_words"])
BOTH_SIDES = tuple(LEX["both_sides"])
ATTACK_NOUNS = frozenset(LEX["attack_nouns"])
FORCE_NOUNS = frozenset(LEX["force_nouns"])
MUTUAL_EVENTS = frozenset(LEX["mutual_event_nouns"])
CREW_NOUNS = frozenset(LEX["crew_nouns"])
BELLIGERENTS = {"armenia", "azerbaijan"}
PRONOUN_OWNERS = frozenset({"it", "its", "they", "their", "them"})
BODY_NOUNS = frozenset({"side", "ministry", "government", "authorities", "military", "command", "leadership"})
_SIDE_PHRASE = re.compile(r"\bon (?:the )?(\S+) side\b", re.I)
# "more than 2,000 dead on each side": one figure for each belligerent
EACH_SIDE = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in LEX["each_side"]) + r")\b")
_BOTH = re.compile(r"\b(?:" + "|".join(re.escape(b) for b in BOTH_SIDES) + r")\b")


# a list of losses stands in one of these slots of its verb, its items linked by these
LIST_SLOTS = frozenset({"nsubj", "nsubjpass", "dobj"})
LIST_LINKS = frozenset({"conj", "appos", "nummod", "compound", "pobj", "prep"})


class PartyResolver:
    def __init__(self, doc: Doc, actors: Actors, page: Page, intro_lines) -> None:  # noqa: ANN001
        self.doc = doc
        self.actors = actors
        self.page = page
        self.intro_lines = intro_lines  # Callable[[Span], list[Span]], from lists.py
        self._speaker = None  # the claimant of the figure being resolved (attribution.Speaker)

    # -- sides of words -------------------------------------------------------------------------------------
    def side_of_words(self, toks: list[Token], claimant_side: str, in_quote: bool = False) -> str | None:
        """The side a phrase names: an actor in it, "the enemy" (the claimant's enemy), "we"/"our" (the
        claimant), "they" in a quote (the speaker's enemy), "both sides", an event ("the fighting": both)."""
        if not toks:
            return None
        lows = {t.lower_ for t in toks}
        if lows & ENEMY_WORDS:
            return opposite(claimant_side)
        words = " ".join(t.lower_ for t in toks)
        if EACH_SIDE.search(words):
            return "each"  # "more than 2,000 dead on each side": a figure for each belligerent
        if _BOTH.search(words):
            return "both"
        side = self.actors.side_of(min(t.i for t in toks), max(t.i for t in toks) + 1, places=False)
        if side:
            return side
        if lows & {"we", "our", "us", "ours"}:
            return claimant_side if claimant_side in BELLIGERENTS else None
        if lows & {"they", "them", "their"} and in_quote:
            return opposite(claimant_side)
        return None

    def side_of_filler(self, tok: Token, claimant_side: str, in_quote: bool) -> str | None:
        """The side of a role filler: its phrase, a pronoun's antecedent, or an event (both sides)."""
        phrase = list(tok.subtree)
        if tok.lower_ in ATTACK_NOUNS and tok.lower_ not in FORCE_NOUNS:
            return self._attack_side(tok)
        side = self.side_of_words(phrase, claimant_side, in_quote)
        if side:
            return side
        if not in_quote:
            # "it lost 260 tanks", "its forces have killed 2,300": whom the pronoun stands for
            pron = (
                tok
                if tok.lower_ in PRONOUN_OWNERS
                else next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in PRONOUN_OWNERS), None)
            )
            if pron is not None:
                return self.antecedent_side(pron)
        if (
            tok.lower_ in MUTUAL_EVENTS
            and self.actors.side_of(phrase[0].i, phrase[-1].i + 1, places=False) is None
        ):
            return "both"  # "the fighting has killed dozens of soldiers": an event, on both sides
        return None

    def _attack_side(self, tok: Token) -> str | None:
        """The side an attack is by ("Armenian shelling", "strikes by the Azerbaijani army"); an attack on
        places of both sides with no attacker named ("shelling of towns in Nagorno-Karabakh and Azerbaijan")
        hits both."""
        for m in tok.children:
            if m.dep_ in {"amod", "compound", "poss", "nmod"}:
                side = self.actors.side_of(m.left_edge.i, m.right_edge.i + 1, places=False)
                if side:
                    return side
            if m.dep_ in {"prep", "agent"} and m.lower_ in {"by", "from"}:
                side = self.actors.side_of(m.left_edge.i, m.right_edge.i + 1, places=False)
                if side:
                    return side
        phrase = list(tok.subtree) + [t for c in tok.conjuncts for t in c.subtree]
        hit = {self.actors.side[t.i] for t in phrase if self.actors.side[t.i] in BELLIGERENTS}
        return "both" if hit == BELLIGERENTS else None

    def antecedent_side(self, pron: Token) -> str | None:
        """The side a pronoun stands for: a side named as a noun phrase before it ("Azerbaijan", "the
        Armenian army"; not "Armenian provocations"), in its sentence first, then the one before, leaving out
        the source of an "according to" (who says it, not whom). A subject pronoun continues a subject
        ("Azerbaijan stated it had lost 50"), a possessive one a force ("the equipment of the Armenian Armed
        Forces. Its total losses amounted to ..."); failing both, the body that speaks ("It said ... its units
        destroyed ...")."""
        doc = self.doc
        sent = pron.sent
        before = doc[sent.start - 1].sent if sent.start > 0 else None
        according: set[int] = set()
        lo = before.start if before is not None else sent.start
        for t in doc[lo : pron.i]:
            if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
                according |= {u.i for u in t.subtree} | {u.i for u in doc[t.i + 1].subtree}
        for span in (doc[sent.start : pron.i], before):
            if span is None:
                continue
            named = []
            for i in range(span.end - 1, span.start - 1, -1):
                if i in according or self.actors.kind[i] in {"", "place", "person"}:
                    continue
                head = doc[i]
                while head.dep_ in {"compound", "amod", "poss", "case", "nmod"} and head.head != head:
                    head = head.head
                if head.i != i and head.lower_ not in FORCE_NOUNS | BODY_NOUNS:
                    continue  # "Armenian provocations": an adjective, not who "its" is
                named.append((i, head))
            if pron.dep_ == "poss":
                forces = [i for i, head in named if head.lower_ in FORCE_NOUNS]
                if forces:
                    return self.actors.side[forces[0]]
            else:
                subjects = [i for i, head in named if head.dep_ in {"nsubj", "nsubjpass"}]
                if subjects:
                    return self.actors.side[subjects[0]]
            if named and span.start == sent.start:
                return self.actors.side[named[0][0]]
        sp = self._speaker
        if (
            sp is not None
            and sp.kind == "institution"
            and sp.side in BELLIGERENTS
            and pron.lower_ in {"it", "its"}
        ):
            return sp.side
        return None

    # -- the order ------------------------------------------------------------------------------------------
    def resolve(
        self, c: Candidate, sent: Span, prev: Candidate | None, claimant_side: str, in_quote: bool
    ) -> str:
        self._speaker = c.claimant
        party, reason = self._resolve(c, sent, prev, claimant_side, in_quote)
        c.why("party", reason)
        return party

    def _resolve(
        self, c: Candidate, sent: Span, prev: Candidate | None, cside: str, in_quote: bool
    ) -> tuple[str, str]:
        doc = self.doc
        # a running total's referent names its owner in the toll's own roles when it has a toll noun
        ref = (
            [] if c.ref and c.predicate is not None and predicate_of(c.predicate) is not None else c.ref or []
        )
        phrase = list(doc[c.fig.end : c.np_end]) + list(ref)
        after = self.owner_after(c)
        # 1. an owner in the phrase or right after it
        side = self.side_of_words(phrase, cside, in_quote)
        if side is None and after:
            side = self.side_of_words(after, cside, in_quote)
        if side:
            if {t.lower_ for t in phrase + after} & ENEMY_WORDS:
                c.enemy_party = True
            return side, "owner written with the counted phrase"
        # 2. a list's header
        side = self._fronted_for(sent)
        if side:
            return side, "'For X,' before the list"
        for intro in self.intro_lines(sent):
            side = self.side_of_words(self._unsaid(intro), cside)
            if side:
                return side, "owner in the list's intro line"
        # 3. both sides named after the figure
        tail = doc[c.fig.start : sent.end].text.lower()
        if EACH_SIDE.search(tail[:80]):
            return "each", "'on each side': one figure for each belligerent"
        if _BOTH.search(tail) or self._mutual(sent):
            return "both", "both sides named"
        lows = {t.lower_ for t in phrase} | {t.lower_ for t in doc[c.fig.start : c.fig.end]}
        if lows & {"our", "we"} and cside in BELLIGERENTS:
            return cside, "'our'"
        pron = next((t for t in phrase if t.lower_ in {"its", "their"} and t.tag_ == "PRP$"), None)
        if pron is not None and not in_quote:
            side = self.antecedent_side(pron)
            if side:
                return side, f"'{pron.text}': whom it stands for"  # "two of its journalists" (the paper's)
        if lows & {"its", "their", "his", "own"} and cside in BELLIGERENTS:
            return cside, "'its': the claimant's own"
        # 4. the list it continues
        if prev is not None and prev.party:
            same_verb = c.predicate is not None and c.predicate == prev.predicate
            one_kind = c.predicate is None and prev.kind == c.kind
            if (same_verb or one_kind) and c.fig.start - prev.np_end <= 12:
                return prev.party, "the list it continues"
            if prev.enemy_party and c.fig.start - prev.np_end <= 25:
                # "3 tanks ... of the adversary have been destroyed, and more than 60 servicemen killed"
                c.enemy_party = True
                return prev.party, "'the enemy' of the figure before"
        # 5. a vehicle's crew: whose the vehicle is
        side = self._crew_owner(c, cside)
        if side:
            return side, "the crew's vehicle's owner"
        # 6. the one owner a list of losses names for one of its items
        side = self._list_owner(c, cside)
        if side:
            return side, "the owner one item of its list names"
        # 7. the predicate's roles
        pred_tok = c.predicate if c.predicate is not None else self.verb_of(c)
        for tok in self._predicates_up(pred_tok):
            found = self._roles(c, tok, cside, in_quote)
            if found is not None:
                return found
        # 8. a predicate said only of the enemy
        pred = predicate_of(pred_tok) if pred_tok is not None else None
        if pred is not None and pred.enemy_only and cside in BELLIGERENTS and c.kind == "casualty":
            return opposite(cside), f"'{pred_tok.text}' is said only of the enemy"
        # 9. an attacker in the sentence
        attacker = self._attacker(sent)
        if attacker:
            return opposite(attacker), "the attacker's enemy"
        # 10. defaults
        if cside in BELLIGERENTS:
            if c.kind == "casualty":
                return cside, "a side's own casualty figure"
            return opposite(cside), "a side's figure of equipment it hit"
        place = next(
            (self.actors.side[i] for i in range(sent.start, sent.end) if self.actors.kind[i] == "place"), None
        )
        if place:
            return place, "the place the sentence names"
        if c.kind == "casualty":
            before = self.actors.places_before(sent.start)
            if before:
                return before, "the place the text was about"
        return "unknown", "no owner"

    def _crew_owner(self, c: Candidate, cside: str) -> str | None:
        """ "2 crew members of the helicopter were killed": the crew is of the side whose vehicle the text
        named last with an owner ("the Russian Mi-24 helicopter that was shot down")."""
        doc = self.doc
        phrase = " ".join(t.lower_ for t in doc[c.fig.end : c.np_end])
        if c.kind != "casualty" or not any(re.search(rf"\b{re.escape(w)}\b", phrase) for w in CREW_NOUNS):
            return None
        for sp in sorted(doc.spans.get(EQUIPMENT_KEY, []), key=lambda s: -s.start):
            if sp.end > c.fig.start or c.fig.start - sp.start > 400:
                continue
            side = self.side_of_words(list(doc[sp.root.left_edge.i : sp.end]), cside)
            if side:
                return side
        return None

    def _unsaid(self, span: Span) -> list[Token]:
        """A list's intro without who tells it: in "The Azerbaijani Defense Ministry said the following
        Armenian weapons were seized:" the owner is Armenian."""
        source: set[int] = set()
        for t in span:
            if t.dep_ == "nsubj" and t.head.lemma_.lower() in speech_lemmas():
                source |= {u.i for u in t.subtree}
        return [t for t in span if t.i not in source]

    def _list_owner(self, c: Candidate, cside: str) -> str | None:
        """A figure that is one item of a list which is a loss verb's subject or object, and names one owner
        for another item: "a large number of Armenian troops, 4 - T-72 tanks, 2 - D-20 howitzers ... were
        destroyed". Only when the list names a single side."""
        doc = self.doc
        tok = c.head if c.head is not None else doc[c.core]
        for _ in range(6):
            if tok.dep_ in LIST_SLOTS or tok.head == tok:
                break
            if tok.dep_ not in LIST_LINKS:
                return None
            tok = tok.head
        if tok.dep_ not in LIST_SLOTS or not any(t.dep_ in {"conj", "appos"} for t in tok.subtree):
            return None
        own = set(range(c.fig.start, c.np_end))
        words = [t for t in tok.subtree if t.i not in own and t.dep_ != "agent"]
        sides = {
            self.actors.side[t.i] for t in words if self.actors.side[t.i] and self.actors.kind[t.i] != "place"
        }
        if len(sides) != 1 or {t.lower_ for t in words} & ENEMY_WORDS:
            return None
        return self.side_of_words(words, cside)

    def _predicates_up(self, tok: Token | None) -> list[Token]:
        """The predicate, then the verb above it when it is a noun or a participle describing the losses:
        "acknowledged the loss of one helicopter", "reported 137 armored vehicles destroyed"."""
        if tok is None:
            return []
        out = [tok]
        # "the losses of the enemy amounted to 40 servicemen": the loss noun that is the subject says whose
        tally = tally_noun(tok)
        if tally is not None:
            out.append(tally)
        t = tok
        if verbal(t) and t.dep_ not in {"acl", "oprd", "xcomp", "amod"}:
            return out
        for _ in range(3):
            if t.head == t:
                break
            t = t.head
            if verbal(t):
                out.append(t)
                break
        return out

    def _roles(self, c: Candidate, tok: Token, cside: str, in_quote: bool) -> tuple[str, str] | None:
        pred = predicate_of(tok)
        if pred is None:
            return None
        # a reporting verb's subject owns the losses it reports only for the kinds it lists: a side that
        # records deaths records its own, one that reports tanks destroyed reports the enemy's
        if not pred.report or c.kind in pred.report:
            for f in fillers(tok, pred, "owner"):
                if f.left_edge.i <= c.core <= f.right_edge.i:
                    continue  # the counted phrase itself
                side = self.side_of_filler(f, cside, in_quote)
                if f.lower_ in ATTACK_NOUNS and f.lower_ not in FORCE_NOUNS and side in BELLIGERENTS:
                    # "the death toll of an Armenian missile strike": the attack is whose, not the toll
                    return opposite(side), f"the enemy of who made the '{f.text}'"
                if side and side != "unknown":
                    c.owner_words = {t.lower_ for t in f.subtree}
                    return (
                        side,
                        f"owner of '{tok.text}'" if not pred.report else f"who '{tok.text}' own losses",
                    )
        for f in fillers(tok, pred, "inflicter"):
            if f.left_edge.i <= c.core <= f.right_edge.i:
                continue
            side = self.side_of_filler(f, cside, in_quote)
            if side == "both":
                if f.dep_ == "pobj" and cside in BELLIGERENTS:
                    continue  # "3781 people were killed in the hostilities", a side says: its own dead
                return "both", f"'{tok.text}' by an event of both sides"
            if side in BELLIGERENTS:
                return opposite(side), f"inflicted by the subject of '{tok.text}'"
        return None

    def verb_of(self, c: Candidate) -> Token | None:
        """The verb above the counted phrase."""
        tok = c.head if c.head is not None else self.doc[c.core]
        for _ in range(6):
            if tok.head == tok:
                return tok if verbal(tok) else None
            tok = tok.head
            if tok.pos_ == "VERB":
                # "have lost 2,300 servicemen killed and wounded": the participle describes the men; the
                # verb that says whose they were is the one above it
                if tok.dep_ in {"ccomp", "xcomp", "acl", "advcl", "oprd"}:
                    pred = predicate_of(tok.head)
                    if (pred is not None and (pred.owner or pred.report)) or tally_noun(tok.head) is not None:
                        return tok.head  # ("losses included 11 drones shot down": the losses say whose)
                return tok
        return None

    # -- phrases around the figure --------------------------------------------------------------------------
    def owner_after(self, c: Candidate) -> list[Token]:
        """ "of the enemy", "belonging to the armed forces of Armenia", "for Azerbaijan", "among Azerbaijani
        forces", "on the Armenian side", "from both sides", right after the counted phrase."""
        doc = self.doc
        k = c.np_end
        if k + 1 < len(doc) and doc[k].lower_ == "for" and self.actors.side[k + 1]:
            return [doc[k], doc[k + 1]]  # "compared with at least 22 for Azerbaijan"
        pred = predicate_of(c.predicate) if c.predicate is not None else None
        if (
            k + 1 < len(doc)
            and doc[k].lower_ == "to"
            and self.actors.side[k + 1]
            and pred
            and "prep:to" in pred.owner
        ):
            return [doc[k], doc[k + 1]]  # "12 were handed over to Azerbaijan and 44 to Armenia"
        if k < len(doc) and doc[k].lower_ in {"of", "belonging", "from", "among"}:
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
        window = doc[c.np_end : c.np_end + 12]
        if len(window):
            for m in _SIDE_PHRASE.finditer(window.text):
                phrase = doc.char_span(window.start_char + m.start(), window.start_char + m.end())
                if phrase is not None:
                    return list(phrase)
        return []

    def has_own_owner(self, c: Candidate) -> bool:
        phrase = list(self.doc[c.fig.end : c.np_end])
        return bool(phrase) and self.actors.side_of(phrase[0].i, phrase[-1].i + 1, places=False) is not None

    def _mutual(self, sent: Span) -> bool:
        """ "the Armenia-Azerbaijan clash", "fighting between Armenian and Azerbaijani forces": an event of
        both sides, when the sentence names no other owner."""
        for t in sent:
            if t.lower_ not in MUTUAL_EVENTS:
                continue
            around = [
                u for c in t.children if c.dep_ in {"amod", "compound", "nmod", "prep"} for u in c.subtree
            ]
            sides = {self.actors.side[u.i] for u in around if self.actors.kind[u.i] != "place"}
            if BELLIGERENTS <= sides:
                return True
        return False

    def _fronted_for(self, sent: Span) -> str | None:
        """ "For Azerbaijan, it listed 22 tanks lost." """
        toks = [t for t in sent if not t.is_space]
        if len(toks) < 3 or toks[0].lower_ != "for":
            return None
        comma = next((t for t in toks[1:8] if t.text == ","), None)
        if comma is None:
            return None
        return self.actors.side_of(toks[1].i, comma.i, places=False)

    def _attacker(self, sent: Span) -> str | None:
        """The side of an attack the sentence names: "Armenian shelling", "attacks by the Azerbaijani
        army"."""
        for t in sent:
            # an attack noun as a modifier names a target, not an attack: Armenian "fire points"
            if t.lower_ not in ATTACK_NOUNS or t.lower_ in FORCE_NOUNS or t.dep_ == "compound":
                continue
            for m in [*t.children, t.head]:
                if m.dep_ in {"amod", "compound", "poss", "nmod"} or (m == t.head and t.dep_ == "compound"):
                    side = self.actors.side_of(m.i, m.i + 1, places=False)
                    if side:
                        return side
            for child in t.children:
                if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
                    toks = list(child.subtree)
                    side = self.actors.side_of(toks[0].i, toks[-1].i + 1, places=False)
                    if side:
                        return side
            prev = t.doc[max(sent.start, t.i - 2) : t.i]
            side = self.actors.side_of(prev.start, prev.end, places=False)
            if side:
                return side
        return None
