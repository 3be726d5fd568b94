"""Who says it, and which side they are on.

Shared by quotes and figures: a speech verb's subject becomes a `Speaker`, with pronouns
("he said") and descriptions ("the spokeswoman said", "the ministry said") resolved to the
person or institution the article named earlier. Sides come from the actor spans the
`claims_actors` ruler put on the Doc (data/actors.jsonl).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from .pipeline import ACTORS_KEY

INSTITUTION_HEADS = {
    "ministry", "army", "office", "commission", "service", "committee", "government", "authorities",
    "administration", "presidency", "mod", "ombudsman", "defender", "forces", "military", "side",
    "department", "agency", "council", "headquarters", "staff", "command", "embassy", "kremlin", "parliament",
    "prosecutor", "press", "spokesperson", "officials", "leadership", "newspaper", "monitor", "group", "team",
    "teams", "analysts", "researchers", "organization", "organisation", "committee",
}
THIRD_PARTY_ROLES = {
    "researcher", "analyst", "expert", "professor", "scholar", "journalist", "correspondent", "diplomat",
    "observer", "newspaper", "analysts", "researchers", "monitor", "reporter",
}
PRONOUNS = {"he", "she", "they", "it", "him", "her", "them"}
FIRST_PERSON = {"we", "i", "our", "us", "my"}


@lru_cache(maxsize=1)
def cues() -> dict:
    with resources.files("extractors").joinpath("data/cues.json").open(encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def speech_lemmas() -> frozenset[str]:
    with resources.files("extractors").joinpath("data/speech_verbs.txt").open(encoding="utf-8") as fh:
        return frozenset(
            line.strip().lower() for line in fh if line.strip() and not line.lstrip().startswith("#")
        )


def opposite(side: str) -> str:
    return {"armenia": "azerbaijan", "azerbaijan": "armenia"}.get(side, "unknown")


@dataclass(frozen=True)
class Speaker:
    name: str | None
    role: str | None
    side: str
    kind: str  # "person", "institution", "self" (the outlet's own voice), "unknown"
    pos: int  # token index where it was named


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

    def side_of(self, start: int, end: int, places: bool = True) -> str | None:
        """The side named in tokens [start, end): people beat institutions and countries beat places."""
        best: tuple[int, int, str] | None = None
        for i in range(max(0, start), min(end, len(self.doc))):
            side = self.side[i]
            if not side or (not places and self.kind[i] == "place"):
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


def _span_text(doc: Doc, toks: list[Token]) -> str | None:
    toks = [t for t in toks if not t.is_space]
    while toks and (toks[0].is_punct or toks[0].lower_ in {"the", "a", "an", ","}):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].lower_ in {",", "who", "which"}):
        toks = toks[:-1]
    if not toks:
        return None
    return doc.text[toks[0].idx : toks[-1].idx + len(toks[-1].text)].strip() or None


def _noun_phrase(tok: Token) -> list[Token]:
    """The subject's phrase without relative clauses and trailing prepositional detail."""
    out = []
    for t in tok.subtree:
        out.append(t)
    # drop relative clauses, participial modifiers and anything after them ("..., who ...")
    cut = {t.i for c in tok.children if c.dep_ in {"relcl", "acl", "advcl"} for t in c.subtree}
    return [t for t in out if t.i not in cut]


class Discourse:
    """What the article has named so far, for resolving "he", "the spokeswoman", "the ministry"."""

    def __init__(self, doc: Doc, actors: Actors) -> None:
        self.doc = doc
        self.actors = actors
        self.mentions: list[Speaker] = []  # in text order
        self.speakers: list[Speaker] = []  # resolved speakers in text order
        self._collect()

    # -- mentions ---------------------------------------------------------------------------
    def _person_spans(self) -> list[Span]:
        doc = self.doc
        spans = [e for e in doc.ents if e.label_ == "PERSON"]
        for sp in doc.spans.get(ACTORS_KEY, []):
            if sp.label_ == "person":
                spans.append(sp)
        spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
        out: list[Span] = []
        for sp in spans:
            if out and sp.start < out[-1].end:
                if sp.end > out[-1].end:
                    out[-1] = doc[out[-1].start : sp.end]
                continue
            # a PERSON entity that is really a title ("Prime Minister") or a weapon is no person
            if not any(t.pos_ == "PROPN" for t in sp):
                continue
            out.append(sp)
        return out

    def _collect(self) -> None:
        doc = self.doc
        for sp in self._person_spans():
            self.mentions.append(self.person(sp))
        for chunk in doc.noun_chunks:
            head = chunk.root
            if head.lower_ in INSTITUTION_HEADS and head.ent_type_ != "PERSON":
                side = self.actors.side_of(chunk.start, chunk.end, places=False)
                name = _span_text(doc, list(chunk))
                if side and name:
                    self.mentions.append(Speaker(name, None, side, "institution", chunk.start))
        self.mentions.sort(key=lambda m: m.pos)

    def person(self, sp: Span) -> Speaker:
        doc = self.doc
        name = _span_text(doc, list(sp)) or sp.text
        # the role: the noun phrase the name sits in, minus the name ("ministry spokeswoman", appositions)
        top = sp.root
        while top.dep_ in {"compound", "appos", "flat"} and top.head.pos_ in {"NOUN", "PROPN"} and top.head != top:
            top = top.head
        role_toks = [t for t in _noun_phrase(top) if not (sp.start <= t.i < sp.end)]
        for c in sp.root.children:
            if c.dep_ == "appos" and not (sp.start <= c.i < sp.end):
                role_toks.extend(t for t in c.subtree if t not in role_toks)
        role_toks.sort(key=lambda t: t.i)
        # a role is a short contiguous phrase; stop at a verb, a clause or a second name
        role_toks = [t for t in role_toks if t.pos_ not in {"VERB", "AUX"}][:12]
        role = _span_text(doc, role_toks) if role_toks else None
        if role and len(role) < 3:
            role = None
        lo = min([sp.start] + [t.i for t in role_toks])
        hi = max([sp.end] + [t.i + 1 for t in role_toks])
        side = self.actors.side_of(sp.start, sp.end, places=False) or self.actors.side_of(lo, hi, places=False)
        if side is None and role:
            words = set(role.lower().replace(",", " ").split())
            if words & THIRD_PARTY_ROLES:
                side = "other"
        return Speaker(name, role, side or "unknown", "person", sp.start)

    # -- resolution -------------------------------------------------------------------------
    def resolve_subject(self, subj: Token) -> Speaker | None:
        """The speaker named by a speech verb's subject token."""
        doc = self.doc
        low = subj.lower_
        if low in PRONOUNS:
            if low == "it":
                return self._last(subj.i, kinds=("institution",))
            if low in {"they", "them"}:
                return self._last(subj.i, kinds=("institution",)) or self._last(subj.i)
            return self._last(subj.i, kinds=("person",))
        if low in FIRST_PERSON:
            return Speaker(subj.text, None, "other", "self", subj.i)
        phrase = _noun_phrase(subj)
        lo, hi = min(t.i for t in phrase), max(t.i for t in phrase) + 1
        # a named person inside the subject phrase
        for m in self.mentions:
            if m.kind == "person" and lo <= m.pos < hi:
                return Speaker(m.name, m.role, m.side, "person", subj.i)
        text = _span_text(doc, phrase) or subj.text
        side = self.actors.side_of(lo, hi, places=False)
        head = subj.lower_
        if side is None:
            # "the spokeswoman", "the ministry", "the head of state": someone named earlier
            found = self._by_description(subj, phrase)
            if found is not None:
                return Speaker(found.name, found.role, found.side, found.kind, subj.i)
            words = {t.lower_ for t in phrase}
            if words & THIRD_PARTY_ROLES:
                side = "other"
            elif subj.pos_ == "PROPN" and subj.ent_type_ in {"ORG", "NORP", "GPE"}:
                side = None
        kind = "institution" if head in INSTITUTION_HEADS or subj.ent_type_ in {"ORG", "GPE", "NORP"} else "person"
        if subj.pos_ == "PRON":
            return None
        return Speaker(text, None, side or "unknown", kind, subj.i)

    def _by_description(self, subj: Token, phrase: list[Token]) -> Speaker | None:
        text = " ".join(t.lower_ for t in phrase)
        syn = cues()["speaker_descriptions"]
        keys: list[str] = []
        for desc, alts in syn.items():
            if desc in text.split() or (" " in desc and desc in text):
                keys.extend(alts)
        if not keys:
            return None
        want_person = subj.lower_ not in INSTITUTION_HEADS or subj.lower_ in {"ombudsman", "defender"}
        for m in reversed(self._history(subj.i)):
            if want_person and m.kind != "person":
                continue
            hay = f"{m.role or ''} {m.name or ''}".lower()
            if any(k in hay for k in keys):
                return m
        return None

    def _history(self, pos: int) -> list[Speaker]:
        items = [m for m in self.mentions if m.pos < pos] + [s for s in self.speakers if s.pos < pos]
        items.sort(key=lambda m: m.pos)
        return items

    def _last(self, pos: int, kinds: tuple[str, ...] = ("person", "institution")) -> Speaker | None:
        # the latest speaker wins over a merely mentioned name: "he said" continues the speaker
        recent_speakers = [s for s in self.speakers if s.pos < pos and s.kind in kinds]
        recent_mentions = [m for m in self.mentions if m.pos < pos and m.kind in kinds]
        best_s = recent_speakers[-1] if recent_speakers else None
        best_m = recent_mentions[-1] if recent_mentions else None
        if best_s and best_m and best_m.pos > best_s.pos + 60:
            return best_m
        return best_s or best_m

    def note_speaker(self, sp: Speaker) -> None:
        self.speakers.append(sp)
        self.speakers.sort(key=lambda s: s.pos)


def speech_subject(verb: Token) -> Token | None:
    """The subject of a speech verb, looking through conjunctions and participles ("..., saying")."""
    seen = 0
    v: Token | None = verb
    while v is not None and seen < 4:
        for c in v.children:
            if c.dep_ in {"nsubj", "nsubjpass"} and c.i != verb.i:
                if c.dep_ == "nsubjpass" and c.lower_ in {"it"}:
                    return None  # "it was reported that": no one named
                return c
            if c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        if v.dep_ in {"conj", "advcl", "xcomp", "pcomp"} and v.head != v:
            v = v.head
            seen += 1
            continue
        break
    return None
