"""The entity registry of a document: who and what it names, with their sides.

`Actors` reads the actor spans the `claims_actors` ruler put on the Doc (data/actors.jsonl): a side per
token. `Registry` collects the document's mentions of people (with the role written beside them),
institutions ("Azerbaijan's defence ministry") and other organizations, in text order; surnames used alone
are the person named in full before.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

import numpy
from spacy.attrs import ORTH, POS
from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Span, Token

from ..pipeline import ACTORS_KEY, EQUIPMENT_KEY
from .lexicon import (
    BODY_HEADS,
    INSTITUTION_HEADS,
    NAME_BLOCKERS,
    PLACE_ENTS,
    REPORTER_PARTICIPLES,
    ROLE_NOUNS,
    SURNAME,
    THIRD_PARTY_ROLES,
    TITLE_WORDS,
    civilian_words,
    cues,
    first_names,
    has_title,
    norm,
    span_text,
)


@dataclass(frozen=True)
class Speaker:
    name: str | None
    role: str | None
    side: str
    kind: str  # "person", "institution", "self" (the outlet's own voice), "unknown"
    pos: int  # token index where it was named
    subject: bool = True  # named as a sentence subject: a likelier antecedent for "he"


GLUED_NAME = re.compile(r"^[A-Z][a-z]{2,}[A-Z][a-z]{3,}$")


class Actors:
    """Per-token view of the actor spans, and side lookups over token ranges."""

    RANK = {"person": 0, "polity": 1, "place": 2}

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.side = [""] * len(doc)
        self.kind = [""] * len(doc)
        spans = sorted(doc.spans.get(ACTORS_KEY, []), key=lambda s: (s.start, -(s.end - s.start)))
        for sp in spans:
            if any(self.side[i] for i in range(sp.start, sp.end)):
                continue  # longest match first; later overlaps are shorter
            for i in range(sp.start, sp.end):
                self.side[i] = sp.id_
                self.kind[i] = sp.label_

    def side_of(
        self, start: int, end: int, places: bool = True, skip: frozenset[int] | set[int] = frozenset()
    ) -> str | None:
        """The side named in tokens [start, end) but `skip`: people beat institutions and countries beat
        places."""
        best: tuple[int, int, str] | None = None
        for i in range(max(0, start), min(end, len(self.doc))):
            side = self.side[i]
            if not side or (not places and self.kind[i] == "place") or i in skip:
                continue
            rank = self.RANK.get(self.kind[i], 3)
            if best is None or rank < best[0]:
                best = (rank, i, side)
        return best[2] if best else None

    def places_before(self, pos: int, limit_tokens: int = 400) -> str | None:
        for i in range(pos - 1, max(-1, pos - limit_tokens), -1):
            if self.kind[i] == "place":
                return self.side[i]
        return None


def _merged_people(doc: Doc) -> list[Span]:
    """The PERSON entities, with a name the model cut in two put back together ("Amy Berman" "Jackson")."""
    out: list[Span] = []
    for e in doc.ents:
        if e.label_ != "PERSON":
            continue
        if out and out[-1].end == e.start and not doc[e.start - 1].whitespace_.count("\n"):
            out[-1] = doc[out[-1].start : e.end]
        else:
            out.append(e)
    return out


def _positions(doc: Doc, words: Iterable[str]) -> list[int]:
    """Where `words` stand in `doc`, in order (found in its array of forms: no Token is made)."""
    strings = doc.vocab.strings
    wanted = numpy.array([strings[w] for w in words], dtype=numpy.uint64)
    return numpy.flatnonzero(numpy.isin(doc.to_array(ORTH), wanted)).tolist()


class Registry:
    """What the article names: people, institutions and organizations, in text order."""

    def __init__(self, doc: Doc, actors: Actors) -> None:
        self.doc = doc
        self.text = doc.text  # read once: spaCy joins every token each time Doc.text is read
        self.actors = actors
        self.mentions: list[Speaker] = []  # in text order
        self.speakers: list[Speaker] = []  # resolved speakers in text order
        self.quoted: set[int] = set()  # tokens inside direct quotes: names there are no antecedents
        self.speaker_set: set[Speaker] = set()  # `speakers`, for membership
        self._collect()
        self.person_names = {m.name for m in self.mentions if m.kind == "person"}

    # -- mentions -------------------------------------------------------------------------------------------
    def _person_spans(self) -> list[Span]:
        doc = self.doc
        actor_people = [sp for sp in doc.spans.get(ACTORS_KEY, []) if sp.label_ == "person"]
        taken = {i for sp in actor_people for i in range(sp.start, sp.end)}
        spans = list(actor_people)
        for e in _merged_people(doc):
            if any(i in taken for i in range(e.start, e.end)) or e[0].lower_ in NAME_BLOCKERS:
                continue  # ("St. Aurelia" is a hospital or a town, not a woman)
            # strip titles and place names that NER folds into a name ("Artsakh President ...")
            toks = [t for t in e if t.pos_ == "PROPN"]
            while toks and (self.actors.side[toks[0].i] or toks[0].lower_ in TITLE_WORDS):
                toks = toks[1:]
            if not toks or any(self.actors.side[t.i] for t in toks):
                continue
            spans.append(doc[toks[0].i : toks[-1].i + 1])
        spans.extend(self._regional_names(taken))
        spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
        out: list[Span] = []
        for sp in spans:
            if out and sp.start < out[-1].end:
                continue
            out.append(sp)
        return self._surnames_again(out)

    def _surnames_again(self, spans: list[Span]) -> list[Span]:
        """A surname the model does not tag on its own ("Torosyan wrote"), after the full name."""
        doc = self.doc
        taken = {i for sp in spans for i in range(sp.start, sp.end)}
        first: dict[str, int] = {}
        for sp in spans:
            if len(sp) >= 2 and sp[-1].is_title and sp[-1].is_alpha:
                first.setdefault(sp[-1].text, sp.end)
        if not first:
            return spans
        extra = [
            doc[t.i : t.i + 1]
            for t in (doc[i] for i in _positions(doc, first))
            if t.pos_ == "PROPN"
            and first[t.text] <= t.i
            and t.i not in taken
            and not self.actors.side[t.i]
            and not (t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN" and doc[t.i + 1].is_title)
            and not (t.i > 0 and doc[t.i - 1].pos_ == "PROPN" and doc[t.i - 1].is_title)
        ]
        return sorted([*spans, *extra], key=lambda s: s.start) if extra else spans

    def _regional_names(self, taken: set[int]) -> list[Span]:
        """Full names the small NER model misses or calls ORG: "Elchin Mammadov", "Gohar Avanesyan"
        (two or three capitalised words, the last with an Armenian or Azerbaijani surname ending), and
        untagged names that are a sentence's subject or start with a known first name."""
        doc = self.doc
        out: list[Span] = []
        # a name starts at a proper noun: the others are passed over without making their Token objects
        propn = numpy.flatnonzero(doc.to_array(POS) == PROPN).tolist()
        i = 0
        while i < len(doc):
            k = bisect_left(propn, i)
            if k == len(propn):
                break
            i = j = propn[k]
            while (
                j < len(doc)
                and j - i < 3
                and doc[j].pos_ == "PROPN"
                and doc[j].is_title
                and doc[j].is_alpha
                and not self.actors.side[j]
                and j not in taken
                and doc[j].lower_ not in TITLE_WORDS
                and doc[j].lower_ not in ROLE_NOUNS
                and doc[j].lower_ not in INSTITUTION_HEADS
            ):
                j += 1
            if j - i >= 2 and SURNAME.search(doc[j - 1].text) and doc[j - 1].ent_type_ not in PLACE_ENTS:
                out.append(doc[i:j])
            elif (
                j - i >= 2
                and not any(doc[k].ent_type_ for k in range(i, j))
                and (doc[j - 1].dep_ in {"nsubj", "nsubjpass"} or doc[i].lower_ in first_names())
            ):
                # any name the model left untagged, as a sentence subject or after a known first name:
                # "Erling Haaland scored twice"
                out.append(doc[i:j])
            elif j - i == 1 and GLUED_NAME.match(doc[i].text) and SURNAME.search(doc[i].text):
                out.append(doc[i:j])  # a first name and surname run together: "ArturSargsyan"
            i = max(j, i + 1)
        return out

    def _role_tokens(self, sp: Span) -> list[Token]:
        """The title written next to a name: "ministry spokeswoman X", "X, a representative of ...,"."""
        doc = self.doc
        sent = sp.sent
        ok = {"DET", "ADJ", "NOUN", "PROPN", "ADP", "PART", "CCONJ"}
        pre: list[Token] = []
        i = sp.start - 1
        limit = 10
        # "the commander of the contingent, Lieutenant General X,": a rank between the comma and the name
        ranks: list[Token] = []
        while i >= sent.start and doc[i].lower_ in TITLE_WORDS and doc[i].is_title and len(ranks) < 3:
            ranks.insert(0, doc[i])
            i -= 1
        if not ranks or i < sent.start or doc[i].text != ",":
            ranks, i = [], sp.start - 1
        if i >= sent.start and doc[i].text == "," and i - 1 >= sent.start:
            head = sp.root.head
            while head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.i < head.i:
                head = head.head.head  # "the commander of the contingent, X": X hangs on "contingent"
            if doc[i - 1].lower_ in ROLE_NOUNS:
                i -= 1  # "Its spokeswoman, Shushan Stepanyan,"
            elif (
                sp.root.dep_ == "appos"
                and head.i < i
                and head.lower_ in ROLE_NOUNS | THIRD_PARTY_ROLES | TITLE_WORDS
            ):
                # "the US secretary of state, Antony Blinken,": the name is the appositive of its post
                i -= 1
                limit = 16
            elif i - sent.start <= 16 and has_title(list(doc[sent.start : i])) and sp.end < sent.end:
                # "The head of the ... department, Hikmet Hajiyev, wrote": a title that opens the sentence
                if doc[sp.end].text == "," or doc[sp.end].pos_ in {"VERB", "AUX"}:
                    i -= 1
                    limit = 16
        while (
            i >= sent.start
            and len(pre) < limit
            # (a post the tagger calls a verb: "BBC correspondents Orla Guerin")
            and (doc[i].pos_ in ok | {"PRON"} or doc[i].lower_ in ROLE_NOUNS | THIRD_PARTY_ROLES)
            and doc[i].text not in {"\n"}
        ):
            if doc[i].pos_ == "ADP" and doc[i].lower_ not in {"of", "to", "for"}:
                break
            if doc[i].pos_ == "PRON" and doc[i].tag_ != "PRP$":
                break
            pre.insert(0, doc[i])
            i -= 1
        # "aide to President Ilham Aliyev": the president's title is what follows "to"
        cut = [k for k, t in enumerate(pre) if t.lower_ in {"to", "for"} and has_title(pre[k + 1 :])]
        if cut:
            pre = pre[cut[-1] + 1 :]
        while pre and (pre[0].pos_ in {"ADP", "CCONJ", "PART"} or pre[0].lower_ in {"the", "a", "an"}):
            pre = pre[1:]
        if pre and not any(
            t.lower_ in ROLE_NOUNS
            or t.lower_ in INSTITUTION_HEADS
            or t.lower_ in TITLE_WORDS
            or t.lower_ in THIRD_PARTY_ROLES
            for t in pre
        ):
            pre = []
        pre = [*pre, *ranks]
        post: list[Token] = []
        j = sp.end
        if j < sent.end and doc[j].text == ",":
            j += 1
            while j < sent.end and len(post) < 14 and doc[j].text not in {",", "\n", ";", "."}:
                if doc[j].lower_ in {"who", "which", "that"} and post and post[0].pos_ == "DET":
                    break  # "X, a Swedish analyst who contributes to the count": the post ends there
                hyphened = j > 0 and doc[j - 1].text in {"-", "–"} and not doc[j - 1].whitespace_
                # "a Yerevan-based analyst", "the relative of the killed resident": participles in a post
                adjectival = doc[j].dep_ == "amod" and (hyphened or doc[j].tag_ == "VBN")
                if (doc[j].pos_ in {"VERB", "AUX"} and not adjectival) or doc[j].lower_ in {
                    "who",
                    "which",
                    "that",
                }:
                    post = []  # "According to X, Armenian forces shelled ...": a clause, not a title
                    break  # (but "a Yerevan-based analyst" is a post)
                post.append(doc[j])
                j += 1
            titled = any(
                t.lower_ in ROLE_NOUNS
                or t.lower_ in THIRD_PARTY_ROLES
                or t.lower_ in TITLE_WORDS
                or t.lower_ in INSTITUTION_HEADS
                or t.lower_ in civilian_words()
                for t in post
            )
            described = (
                bool(post) and post[0].pos_ in {"DET", "ADJ", "NUM"} and any(t.pos_ == "NOUN" for t in post)
            )
            # "X, a 54-year-old teacher," but not "X, for his part, wrote"
            if not post or post[0].pos_ == "ADP" or not (titled or described):
                post = []
        return pre or post

    def _role_text(self, toks: list[Token]) -> str | None:
        """The role as written, without a leading possessive country ("Armenia's Prime Minister")."""
        toks = [t for t in toks if not t.is_space]
        while toks and toks[0].lower_ in {"the", "a", "an", ","}:
            toks = toks[1:]
        if len(toks) > 2 and self.actors.side[toks[0].i] and toks[1].tag_ == "POS":
            toks = toks[2:]
        return span_text(self.doc, toks) if toks else None

    def _role(self, sp: Span) -> str | None:
        return self._role_text(self._role_tokens(sp))

    def _collect(self) -> None:
        doc = self.doc
        person_spans = self._person_spans()
        for sp in person_spans:
            self.mentions.append(self.person(sp))
        role_bodies = {sp.start: self._role_body(self._role_tokens(sp)) for sp in person_spans}
        for chunk in doc.noun_chunks:
            head = chunk.root
            if head.lower_ in INSTITUTION_HEADS and head.ent_type_ != "PERSON":
                start = chunk.start
                if start >= 2 and doc[start - 1].lower_ in {"'s", "’s"} and self.actors.side[start - 2]:
                    # a possessive the parser left out of the chunk: "Azerbaijan’s defence ministry"
                    start -= 2
                end = chunk.end
                t = head
                while True:
                    # "the Ministry of Defense of Azerbaijan": the country may come in "of" phrases
                    of = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
                    if obj is None or obj.pos_ not in {"PROPN", "NOUN"} or obj.i - end > 4:
                        break
                    end, t = obj.i + 1, obj
                side = self.actors.side_of(start, chunk.end, places=False) or self.actors.side_of(
                    chunk.end, end, places=False
                )
                name = span_text(doc, list(doc[start : chunk.end if end == chunk.end or not side else end]))
                if side and name:
                    subject = head.dep_ in {"nsubj", "nsubjpass"}
                    self.mentions.append(Speaker(name, None, side, "institution", start, subject))
        # companies, clubs, agencies the war lexicon does not know: antecedents of "the company", "it"
        # (not the bodies above, people, or weapons the model calls ORG: "Grad", "BMP-2")
        busy = {m.pos for m in self.mentions}
        for key in (ACTORS_KEY, EQUIPMENT_KEY):
            busy |= {i for sp in doc.spans.get(key, []) for i in range(sp.start, sp.end)}
        busy |= {i for sp in person_spans for i in range(sp.start, sp.end)}
        for e in doc.ents:
            if e.label_ != "ORG" or any(i in busy or doc[i].like_num for i in range(e.start, e.end)):
                continue
            name = span_text(doc, list(e))
            if name:
                subject = any(t.dep_ in {"nsubj", "nsubjpass"} for t in e)
                # "the Dutch-based open-source project Oryx": the words before the name say where it is
                top = e.root.head if e.root.dep_ == "appos" and e.root.head.i < e.start else e.root
                lo = min((t.i for t in top.subtree), default=e.start)
                side = self.actors.side_of(lo, e.start, places=False) if e.root.dep_ != "compound" else None
                self.mentions.append(Speaker(name, None, side or "unknown", "organization", e.start, subject))
        self.mentions.sort(key=lambda m: m.pos)
        self.mentions = [self._body_side(m, role_bodies.get(m.pos)) for m in self.mentions]
        self.mentions = self._full_names(self.mentions)

    def _role_body(self, toks: list[Token]) -> list[set[str]]:
        """The words naming each body in a role that names no side: "the defence ministry's spokesperson",
        "head of the press service of the Ministry"."""
        ids = {t.i for t in toks}
        if not toks or self.actors.side_of(toks[0].i, toks[-1].i + 1) is not None:
            return []
        out = []
        for t in toks:
            if t.lower_ in BODY_HEADS:
                mods = [c for c in t.children if c.i in ids and c.i < t.i and c.dep_ in {"compound", "amod"}]
                out.append({norm(t.lower_)} | {norm(c.lower_) for c in mods if c.is_alpha})
        return out

    def _body_side(self, m: Speaker, bodies: list[set[str]] | None) -> Speaker:
        """A person whose role names a body without its country ("the defence ministry's spokesperson, X")
        works for the body of that name the article named last ("Armenia's defence ministry ...")."""
        if m.kind != "person" or m.side != "unknown" or not bodies:
            return m
        for prev in reversed([b for b in self.mentions if b.kind == "institution" and b.pos < m.pos]):
            words = {norm(w) for w in re.findall(r"[a-z]+", (prev.name or "").lower())}
            if any(body <= words for body in bodies):
                return Speaker(m.name, m.role, prev.side, m.kind, m.pos, m.subject)
        return m

    def _full_names(self, mentions: list[Speaker]) -> list[Speaker]:
        """A surname alone ("Hovhannisyan said") is the person named in full earlier, with their role; a
        name written again keeps the role and side it was given the first time.

        The latest earlier mention that fits wins. Earlier mentions are indexed as they go by (by each tail
        of their name, and by name when they have a role or a side), so a page naming thousands of people
        costs as many steps, not their square."""
        # name tail -> (index, mention) of the latest person whose name ends with " " + that tail
        by_tail: dict[str, tuple[int, Speaker]] = {}
        with_role: dict[str, tuple[int, Speaker]] = {}
        with_side: dict[str, tuple[int, Speaker]] = {}
        out: list[Speaker] = []
        for n, m in enumerate(mentions):
            out.append(m)
            if m.kind != "person" or not m.name:
                continue
            found = [by_tail.get(m.name)]
            if m.role is None:
                found.append(with_role.get(m.name))
            if m.side == "unknown":
                found.append(with_side.get(m.name))
            hits = [f for f in found if f is not None]
            if hits:
                _, prev = max(hits, key=lambda f: f[0])
                out[n] = self._as_before(m, prev, prev.name)
            # indexed as it was written, not as resolved: each mention is looked up among the mentions
            words = m.name.split(" ")
            for k in range(1, len(words)):
                by_tail[" ".join(words[k:])] = (n, m)
            if m.role:
                with_role[m.name] = (n, m)
            if m.side != "unknown":
                with_side[m.name] = (n, m)
        return out

    @staticmethod
    def _as_before(m: Speaker, prev: Speaker, name: str) -> Speaker:
        """Mention `m` of the person `prev` names: what `m` does not say (role, side) comes from `prev`."""
        side = m.side if m.side != "unknown" else prev.side
        return Speaker(name, m.role or prev.role, side, "person", m.pos, m.subject)

    def person(self, sp: Span) -> Speaker:
        doc = self.doc
        name = span_text(doc, list(sp)) or sp.text
        role_toks = self._role_tokens(sp)
        role = self._role_text(role_toks)
        top = sp.root
        while (
            top.dep_ in {"compound", "appos", "flat"}
            and top.head.pos_ in {"NOUN", "PROPN"}
            and top.head != top
        ):
            top = top.head
        side = self.actors.side_of(sp.start, sp.end, places=False)
        if side is None and role_toks:
            lo, hi = role_toks[0].i, role_toks[-1].i + 1
            # the role's institution or country, else the place a civilian is from ("a resident of Ganja")
            side = self.actors.side_of(lo, hi, places=False) or self.actors.side_of(lo, hi)
            if side is None and {t.lower_ for t in role_toks} & THIRD_PARTY_ROLES:
                side = "other"
        if side is None:
            side = self._affiliation_side(sp)
        if side is None and sp.end + 1 < len(doc) and doc[sp.end].text == ",":
            if doc[sp.end + 1].lower_ in REPORTER_PARTICIPLES and doc[sp.end + 2 : sp.end + 3].text in {
                "from",
                "for",
                "in",
            }:
                side = "other"  # "X, reporting from Tbilisi, said": a reporter, on no side
        subject = any(t.dep_ in {"nsubj", "nsubjpass"} for t in (*sp, top)) or self._acts(sp)
        return Speaker(name, role, side or "unknown", "person", sp.start, subject)

    def _affiliation_side(self, sp: Span) -> str | None:
        """ "Maria Lindqvist of the London-based Caspian Policy Forum", "X from Human Rights Watch": a
        person named with the body they work for has its side, a third party's when it names none (a
        place of origin, "X of Stepanakert", is left to the place)."""
        doc = self.doc
        if sp.end >= len(doc) or doc[sp.end].lower_ not in {"of", "from", "at"}:
            return None
        obj = next((c for c in doc[sp.end].children if c.dep_ == "pobj"), None)
        if (
            obj is None
            or obj.pos_ != "PROPN"
            or obj.ent_type_ in {"GPE", "LOC", "FAC", "PERSON", "NORP"}
            or self.actors.kind[obj.i] == "place"
        ):
            return None
        phrase = list(obj.subtree)
        return self.actors.side_of(phrase[0].i, phrase[-1].i + 1, places=False) or "other"

    def _acts(self, sp: Span) -> bool:
        """A name the parser did not make a subject, right before the sentence's main verb (after an age
        or a short description): "At a centre in Goris, Anahit Hakobyan, 67, sat on a suitcase"."""
        doc = self.doc
        j = sp.end
        if j < len(doc) and doc[j].text == ",":
            k = j + 1
            described = {"NUM", "ADJ", "NOUN", "DET", "PROPN", "ADP"}
            while k < min(len(doc), j + 9) and doc[k].text != "," and doc[k].pos_ in described:
                k += 1
            if k >= len(doc) or doc[k].text != "," or k == j + 1:
                return False
            j = k + 1
        if j >= len(doc) or doc[j].pos_ not in {"VERB", "AUX"} or doc[j].dep_ not in {"ROOT", "conj"}:
            return False
        return not any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in doc[j].children)


def gender_of(sp: Speaker) -> str | None:
    """The speaker's gender, "f" or "m", when the name or role shows it ("spokeswoman", "Aliyeva")."""
    if sp.kind != "person":
        return None
    g = cues()["gender"]
    role = set(re.findall(r"[a-z]+", (sp.role or "").lower()))
    words = (sp.name or "").split()
    first = words[0].lower() if words else ""
    last = words[-1].lower() if words else ""
    for mark in ("f", "m"):
        if role & set(g[f"{mark}_words"]) or first in g[f"{mark}_words"] or first in g[f"{mark}_first_names"]:
            return mark
    for mark in ("f", "m"):
        if any(last.endswith(end) for end in g[f"{mark}_surname_endings"]):
            return mark
    return None


# Antecedents are looked for among this many mentions, and as many speakers, before a position: more than
# any real article names (the most in the evaluation sets and samples: 32 mentions), and what keeps a page
# that names thousands of people from costing their square.
LOOKBACK = 1000


def _pos(sp: Speaker) -> int:
    return sp.pos


def before(items: list[Speaker], pos: int, window: int = LOOKBACK) -> list[Speaker]:
    """The last `window` of `items` (in text order) named before token `pos`."""
    k = bisect_left(items, pos, key=_pos)
    return items[max(0, k - window) : k]


def between(items: list[Speaker], lo: int, hi: int) -> list[Speaker]:
    """The `items` (in text order) named at tokens lo to hi - 1."""
    return items[bisect_left(items, lo, key=_pos) : bisect_left(items, hi, key=_pos)]
