"""Stage 2: frames. Which loss predicate governs a figure, the outcome it gives, and where its roles are.

The predicates are data (data/frames.json): for each verb or noun, the outcome per kind of figure and the
slots holding the owner of the losses and the side that inflicts them. `OutcomeReader` finds the outcome of
a candidate (a participle after the counted phrase, one inside it, the predicate the phrase hangs from in
the parse, a loss noun before it) together with the predicate token; `fillers` reads a predicate's role
slots. The party resolver (party.py) turns those fillers into sides.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from .candidates import Candidate
from .lexicon import FRAMES, LEX, Predicate, predicates

VERBS, NOUNS = predicates()
PARTICLES: dict[str, str] = {k: v for k, v in FRAMES["particles"].items() if not k.startswith("_")}
PHRASES: dict[str, list[tuple[str, str]]] = {
    kind: sorted(table.items(), key=lambda p: -len(p[0])) for kind, table in FRAMES["phrases"].items()
}
WORDS: dict[str, dict[str, str]] = {k: v for k, v in FRAMES["words"].items() if not k.startswith("_")}
AUX_SKIP = frozenset(LEX["skip_before_outcome"])
LINKING_VERBS = frozenset(LEX["linking_verbs"])
TALLY_VERBS = frozenset(LEX["tally_verbs"])
TALLY_NOUNS = frozenset(LEX["tally_nouns"])
WEAK_NOUN_OUTCOMES = frozenset(LEX["weak_noun_outcomes"])
STRONG_OUTCOMES = frozenset(LEX["strong_outcome_words"])
OUTCOME_HEADS = frozenset(LEX["outcome_heads"])
RUNNING_TOTAL_LEMMAS = frozenset(LEX["running_total_lemmas"])
EVENTS = frozenset(LEX["attack_nouns"]) - frozenset(LEX["force_nouns"]) | frozenset(LEX["mutual_event_nouns"])
# prepositions a counted phrase may hang from and still be what the predicate is done to: "the deaths of 25",
# "injuries to 70", "resulted in 4,000 victims", "put the toll at 50"
CLIMB_PREPOSITIONS = frozenset({"of", "to", "among", "including", "in", "at", "from", "by", "as", "for"})


def verbal(tok: Token) -> bool:
    return tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB")


def predicate_of(tok: Token) -> Predicate | None:
    """The loss predicate a word is: a verb by its lemma (with its particle: "shot down", "taken
    prisoner"), a noun by its form."""
    if verbal(tok):
        lemma = tok.lemma_.lower()
        after = [c for c in tok.children if c.dep_ in {"prt", "dobj", "oprd", "advmod", "acomp", "attr"}]
        # "taken by our army as trophies": the object of a preposition too
        after += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        if tok.i + 1 < len(tok.doc):
            after.append(tok.doc[tok.i + 1])
        for c in after:
            key = f"{lemma} {c.lower_}"
            if key in PARTICLES:
                return VERBS.get(PARTICLES[key])
        return VERBS.get(lemma)
    if tok.pos_ in {"NOUN", "PROPN"} or tok.tag_.startswith("NN"):
        return NOUNS.get(tok.lower_) or NOUNS.get(tok.lemma_.lower())
    return None


def word_outcome(tok: Token, kind: str) -> str | None:
    """The outcome one word gives a figure of `kind` ("killed", "destroyed", "losses", "dead")."""
    pred = predicate_of(tok)
    if pred is not None:
        if pred.objects and not _has_object(tok, pred.objects):
            return None  # "claimed" is a loss only of lives
        out = pred.outcome(kind)
        if out is not None:
            return out
    return WORDS.get(kind, {}).get(tok.lower_)


def _has_object(tok: Token, objects: tuple[str, ...]) -> bool:
    words = {c.lower_ for c in tok.children if c.dep_ in {"dobj", "nsubjpass", "attr"}}
    words |= {t.lower_ for t in tok.doc[tok.i + 1 : tok.i + 5]}
    return bool(words & set(objects))


def phrase_outcome(toks: Iterable[Token], kind: str) -> str | None:
    """A multi-word outcome among `toks` ("killed or wounded", "shot down", "lost their lives")."""
    text = " " + " ".join(t.lower_ for t in toks) + " "
    for phrase, out in PHRASES.get(kind, []):
        if f" {phrase} " in text:
            return out
    return None


def fillers(tok: Token, pred: Predicate, role: str) -> list[Token]:
    """The words in a predicate's `role` slots ("owner" or "inflicter"): the subject of "lost", the agent
    of "were destroyed by", the possessor of "losses", the object of "inflicted on"."""
    slots = pred.owner if role == "owner" else pred.inflicter
    out: list[Token] = []
    for slot in slots:
        if slot == "prep:in":
            # "killed in the fighting", "wounded in Azerbaijani shelling": an event or an attack, not a place
            out += [
                g
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ == "in"
                for g in c.children
                if g.dep_ == "pobj" and g.lower_ in EVENTS
            ]
        elif slot.startswith("prep:"):
            word = slot[5:]
            out += [
                g
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ == word
                for g in c.children
                if g.dep_ == "pobj"
            ]
        elif slot == "agent":
            out += [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        else:
            out += [c for c in tok.children if c.dep_ == slot]
    if not out and "nsubj" in slots and verbal(tok) and not _passive(tok):
        # "Azerbaijani forces shot down 2 drones and destroyed 4 tanks": a verb in a series shares the subject
        head = tok.head
        if tok.dep_ in {"conj", "xcomp"} and head != tok and verbal(head):
            out = [c for c in head.children if c.dep_ == "nsubj"]
    return out


def _passive(tok: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children)


def tally_noun(verb: Token) -> Token | None:
    """The loss noun heading the subject of "amount to", "total", "reach", "be": "losses", "toll"."""
    if verb.lemma_.lower() not in TALLY_VERBS:
        return None
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            if child.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
                # "a list of losses that included 2 helicopters": the relative pronoun is the noun above
                return verb.head if verb.head.lower_ in TALLY_NOUNS else None
            return next((t for t in child.subtree if t.lower_ in TALLY_NOUNS), None)
    return None


class OutcomeReader:
    """What happened to what a candidate counts, and the word that says so."""

    def __init__(self, doc) -> None:  # noqa: ANN001 - a spaCy Doc
        self.doc = doc

    def after_phrase(self, c: Candidate) -> str | None:
        """A participle or outcome phrase right after the counted phrase: "18 servicemen killed", "102
        wounded", "14 tanks were destroyed", "6 minors, were severely wounded"."""
        doc = self.doc
        k = c.np_end
        # "six Azerbaijanis, including two civilian road workers, were killed", "207 including three
        # civilians, were killed": past the insert
        insert = None
        if k < len(doc) and doc[k].lower_ in {"including", "among"}:
            insert = k
        elif k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ in {"including", "among"}:
            insert = k + 1
        if insert is not None:
            close = next((t.i for t in doc[insert : insert + 13] if t.text == ","), None)
            if close is not None:
                k = close + 1
        if insert is None and k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ in AUX_SKIP:
            k += 1  # "6 minors, were severely wounded"
        elif (
            insert is None
            and k + 1 < len(doc)
            and doc[k].text in {"-", "–", "—"}
            and "\n" not in doc[k - 1].whitespace_
        ):
            k += 1  # a dash-list line: "187 – killed"
        toks: list[Token] = []
        while k < len(doc) and len(toks) < 5:
            t = doc[k]
            if t.is_punct or t.is_space:
                break
            if (t.lower_ in AUX_SKIP or t.pos_ == "ADV" and t.dep_ == "advmod") and not toks:
                k += 1
                continue
            if t.pos_ == "CCONJ" and not toks:
                break  # "destroyed 14 tanks and shot down three drones": the next verb is not this phrase's
            toks.append(t)
            k += 1
        if not toks:
            return None
        out = phrase_outcome(toks, c.kind)
        if out:
            return out
        several = self.series(k - len(toks), c.kind)
        if several:
            return several
        first = toks[0]
        if first.pos_ in {"VERB", "ADJ", "AUX"} or first.tag_ in {"VBN", "VBD", "JJ"}:
            return word_outcome(first, c.kind)
        return None

    def in_phrase(self, c: Candidate) -> str | None:
        """An outcome written inside the counted phrase: "dozens of killed Azerbaijani troops", "60 wounded
        persons", "2,317 dead servicemen"."""
        for t in self.doc[c.fig.end : c.np_end]:
            if t.pos_ in {"ADJ", "VERB"} or t.tag_ in {"VBN", "JJ"}:
                out = WORDS.get(c.kind, {}).get(t.lower_)
                if out:
                    return out
        return None

    def series(self, k: int, kind: str) -> str | None:
        """ "185 tanks destroyed, damaged or captured": several outcomes in a row are losses in general."""
        outs: set[str] = set()
        doc = self.doc
        while k < len(doc) and len(outs) < 5:
            t = doc[k]
            if t.text == "," or t.lower_ in {"and", "or"}:
                k += 1
                continue
            out = word_outcome(t, kind) if t.pos_ in {"VERB", "ADJ"} or t.tag_ in {"VBN", "JJ"} else None
            if out is None:
                break
            outs.add(out)
            k += 1
        if len(outs) < 2:
            return None
        return "lost" if kind == "equipment" else "casualties"

    def governing(self, c: Candidate) -> tuple[str | None, Token | None]:
        """The outcome from the parse: the loss verb or noun the counted phrase hangs from, and that word."""
        tok = c.head if c.head is not None else self.doc[c.core]
        if c.head is not None:
            out = word_outcome(tok, c.kind) if tok.pos_ == "NOUN" else None
            if out and tok.lower_ not in WEAK_NOUN_OUTCOMES:
                return out, None
            for child in tok.children:
                if child.dep_ in {"relcl", "acl"}:
                    sub = list(child.subtree)[:8]
                    out = phrase_outcome(sub, c.kind) or next(
                        (o for t in sub if (o := word_outcome(t, c.kind)) and t.pos_ in {"VERB", "ADJ"}), None
                    )
                    if out:
                        return out, child
        seen = 0
        while seen < 6 and tok.head != tok:
            if (
                tok.dep_ == "pobj"
                and tok.head.lower_ not in CLIMB_PREPOSITIONS
                # "has lost over 4,000": a quantifier of the figure itself, parsed as a preposition
                and not c.fig.start <= tok.head.i < c.fig.end
            ):
                break  # "holds exercises with 5,000 troops", "rockets fell over a town of 50,000 people"
            if tok.dep_ in {"appos", "npadvmod"}:
                break
            tok = tok.head
            seen += 1
            if tok.pos_ in {"VERB", "AUX"} or tok.dep_ == "ROOT":
                if self._owner_losing_something_else(c, tok):
                    return None, tok  # "240 workers will lose their jobs": they lose no lives
                # a phrase around the verb itself ("killed or wounded 40", "lost their lives"), not one
                # of an earlier coordinated verb ("shot down two helicopters ... and destroyed three tanks")
                around = self.doc[max(tok.sent.start, tok.i - 2) : tok.i + 3]
                out = phrase_outcome(around, c.kind) or word_outcome(tok, c.kind)
                if out:
                    return out, tok
                # "its forces have destroyed or captured", "continues to hold": one step in
                for child in tok.children:
                    if child.dep_ == "xcomp" and child.i > tok.i and (out := word_outcome(child, c.kind)):
                        return out, child
                tally = tally_noun(tok)
                if tally is not None and (out := word_outcome(tally, c.kind)):
                    return out, tally  # "the enemy's losses amounted to 5 T-72 tanks"
                if tok.lemma_ in LINKING_VERBS:
                    continue
                return None, tok
            if tok.pos_ == "NOUN" and (out := word_outcome(tok, c.kind)):
                return out, tok
        return None, None

    def _owner_losing_something_else(self, c: Candidate, verb: Token) -> bool:
        """The counted people are the subject of "lose"/"suffer" and the object is something else: jobs,
        homes, power, their case (but not "their lives", "injuries" or "losses")."""
        pred = predicate_of(verb)
        if pred is None or "nsubj" not in pred.owner or c.head is None or c.head.dep_ != "nsubj":
            return False
        obj = next((ch for ch in verb.children if ch.dep_ == "dobj"), None)
        if obj is None or c.kind != "casualty":
            return False
        return word_outcome(obj, "casualty") is None and phrase_outcome(verb.subtree, "casualty") is None

    def head_noun(self, c: Candidate) -> str | None:
        """A counted noun that is an outcome of its own: "18 bodies", "4 prisoners", "790 casualties"."""
        if c.head is None or c.kind != "casualty" or c.head.lower_ not in OUTCOME_HEADS:
            return None
        return word_outcome(c.head, "casualty")

    def noun_before(self, c: Candidate) -> str | None:
        """ "injuries to at least 70 others", "the deaths of 25", "the slaying of three residents"."""
        doc = self.doc
        i = c.fig.start - 1
        while i > 0 and doc[i].lower_ in {"the", "some", "about", "at", "least"}:
            i -= 1
        if i < 1 or doc[i].lower_ not in {"to", "of", "among"} or doc[i - 1].pos_ != "NOUN":
            return None
        return word_outcome(doc[i - 1], c.kind)

    def in_sentence(self, sent: Span, kind: str) -> str | None:
        """The one strong outcome word of a sentence, for a count nothing closer gives one to."""
        out = phrase_outcome(sent, kind)
        if out:
            return out
        for t in sent:
            if t.lower_ in STRONG_OUTCOMES:
                return word_outcome(t, kind)
        return None

    def in_header(self, header: Span, kind: str) -> str | None:
        """What a list's header says happened to its items: "the following equipment was destroyed:",
        "Azerbaijan's losses are as follows:"."""
        out = phrase_outcome(header, kind)
        if out:
            return out
        for t in header:
            if t.pos_ in {"NOUN", "VERB", "ADJ"} and (out := word_outcome(t, kind)):
                return out
        return None

    def of_reference(self, c: Candidate) -> str | None:
        """A running total's outcome from its referent ("the death toll to 219", "downed drones to 30")."""
        toks = c.ref or []
        out = phrase_outcome(toks, c.kind)
        if out:
            return out
        for t in toks:
            o = word_outcome(t, c.kind)
            if o and t.lemma_ not in RUNNING_TOTAL_LEMMAS:
                return o
        return "killed" if c.kind == "casualty" else None


def is_lose(tok: Token) -> bool:
    pred = predicate_of(tok)
    return pred is not None and pred.word == "lose"
