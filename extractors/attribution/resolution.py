"""Mention resolution: the speaker a speech verb's subject names.

Pronouns ("he said", "it added"), surnames, titles and descriptions ("the spokeswoman", "the colonel",
"the ministry"), possessors ("its defense ministry", "his press service") and documents ("the statement
said": whoever issued it) resolve to a person or body the article named earlier (registry.py).
"""

from __future__ import annotations

import re
from bisect import insort

from spacy.tokens import Token

from ..layout import is_outlet
from .lexicon import (
    AGE,
    ANONYMOUS_SOURCES,
    BODY_HEADS,
    FIRST_PERSON,
    INSTITUTION_HEADS,
    NON_PERSON_NOUNS,
    ORG_NOUNS,
    PERSON_INSTITUTION_HEADS,
    PRONOUNS,
    REGION_WORDS,
    ROLE_NOUNS,
    ROLE_PHRASES,
    THIRD_PARTY_ROLES,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
    civilian_words,
    cues,
    first_names,
    known_role,
    norm,
    role_fits,
    span_text,
    speech_lemmas,
)
from .registry import Registry, Speaker, before, between, gender_of


def _noun_phrase(tok: Token) -> list[Token]:
    """The subject's phrase without relative clauses and trailing prepositional detail."""
    out = []
    for t in tok.subtree:
        out.append(t)
    # drop relative clauses, participial modifiers and anything after them ("..., who ...")
    cut = {t.i for c in tok.children if c.dep_ in {"relcl", "acl", "advcl"} for t in c.subtree}
    out = [t for t in out if t.i not in cut]
    if tok.head.i > tok.i:
        # nothing past its own verb is the subject's ("The ministry said it had destroyed ... 2 radars",
        # with the radars misparsed as a conjunct of the ministry)
        out = [t for t in out if t.i < tok.head.i]
    return _extend_left(tok, out)


def _extend_left(tok: Token, phrase: list[Token]) -> list[Token]:
    """Words the parser split off the front of a subject: "co-chairs" after a hyphen, and a second
    subject of the same verb right before it ("the OSCE Minsk Group co - chairs said")."""
    doc = tok.doc
    lo = min(t.i for t in phrase)
    sent_start = tok.sent.start
    if doc[lo].pos_ == "DET":
        return phrase
    extra: list[Token] = []
    k = lo - 1
    # hyphenated compounds written without spaces: "co-chairs", "vice-president"
    while k - 1 >= sent_start and doc[k].text in {"-", "–"} and not doc[k].whitespace_:
        if doc[k - 1].whitespace_ or not doc[k - 1].is_alpha:
            break
        extra[:0] = [doc[k - 1], doc[k]]
        k -= 2
    if (
        k >= sent_start
        and doc[k].dep_ in {"nsubj", "nsubjpass"}
        and doc[k].pos_ in {"PROPN", "NOUN"}
        and tok.head != tok
        and doc[k].head == tok.head
    ):
        extra[:0] = [t for t in doc[k].subtree if t.i <= k]
    elif extra:
        # a name before a hyphenated head: "the OSCE Minsk Group co-chairs"
        while k >= sent_start and doc[k].pos_ == "PROPN" and doc[k].dep_ not in {"pobj", "dobj", "npadvmod"}:
            extra.insert(0, doc[k])
            k -= 1
        if k >= sent_start and doc[k].pos_ == "DET" and extra[0].pos_ == "PROPN":
            extra.insert(0, doc[k])
    if not extra:
        return phrase
    return sorted({t.i: t for t in [*extra, *phrase]}.values(), key=lambda t: t.i)


class Discourse(Registry):
    """What the article has named so far, for resolving "he", "the spokeswoman", "the ministry"."""

    # -- resolution -----------------------------------------------------------------------------------------
    def resolve_subject(self, subj: Token) -> Speaker | None:
        """The speaker named by a speech verb's subject token."""
        doc = self.doc
        low = subj.lower_
        if low in PRONOUNS:
            if low == "it":
                return self._last(subj.i, kinds=("institution",)) or self._last(
                    subj.i, kinds=("organization",)
                )
            if low in {"they", "them"}:
                body = self._last(subj.i, kinds=("institution",))
                group = self._plural_subject(subj)
                if group is not None and (body is None or body.pos < group.i):
                    # "Nurses at St. Mary's walked off the job. ... they said"
                    found = self.resolve_subject(group)
                    if found is not None:
                        return Speaker(found.name, found.role, found.side, found.kind, subj.i)
                return body or self._last(subj.i)
            gender = "f" if low in {"she", "her"} else "m"
            return self._last(subj.i, kinds=("person",), gender=gender)
        if low in FIRST_PERSON:
            return Speaker(subj.text, None, "other", "self", subj.i)
        phrase = _noun_phrase(subj)
        lo, hi = min(t.i for t in phrase), max(t.i for t in phrase) + 1
        # a named person inside the subject phrase; "Smith and Nakamura" are both
        people = [m for m in between(self.mentions, lo, hi) if m.kind == "person"]
        if people:
            m = people[0]
            joint = self._joint_names(subj, people)
            if joint is not None:
                sides = {p.side for p in people}
                return Speaker(joint, None, sides.pop() if len(sides) == 1 else "unknown", "person", subj.i)
            return Speaker(m.name, m.role, m.side, "person", subj.i)
        owner = self._possessor(subj)
        if owner is not None:
            return owner
        if low in set(cues()["document_nouns"]):
            # "the statement said": whoever issued it, named inside ("the ministry's statement"), after it
            # ("a statement from the agency") or before
            # (a nationality is no issuer: "the Azerbaijani statement" is by whoever issued it)
            inner = [
                t
                for t in phrase
                if t.i < subj.i
                and (
                    t.lower_ in INSTITUTION_HEADS
                    or (t.pos_ == "PROPN" and t.dep_ != "amod" and t.ent_type_ != "NORP")
                )
            ]
            inner += [
                g
                for c in subj.children
                if c.dep_ == "prep" and c.i > subj.i and c.lower_ in {"from", "by", "of"}
                for g in c.children
                if g.dep_ == "pobj" and (g.pos_ == "PROPN" or g.lower_ in INSTITUTION_HEADS | ORG_NOUNS)
            ]
            # "the statement, read out by Sergei Lavrov,", "a letter signed by the ministers"
            inner += [
                g
                for c in subj.children
                if c.dep_ == "acl" and c.i > subj.i
                for a in c.children
                if a.dep_ == "agent"
                for g in a.children
                if g.dep_ == "pobj" and (g.pos_ == "PROPN" or g.lower_ in INSTITUTION_HEADS | ORG_NOUNS)
            ]
            for t in inner:
                found = self.resolve_subject(t)
                if found is not None and (found.side != "unknown" or t.i > subj.i):
                    return Speaker(found.name, found.role, found.side, found.kind, subj.i)
            found = (
                self._issuer(subj)
                or self._sender_before(subj)
                or self._last(subj.i)
                or self._last(subj.i, kinds=("organization",))
            )
            # "the Azerbaijani statement": the issuer named before, when it is of the side the phrase names
            named_side = self.actors.side_of(lo, hi, places=False)
            if found is not None and named_side in {None, found.side}:
                return Speaker(found.name, found.role, found.side, found.kind, subj.i)
        # the name leaves out where and when ("an ICRC spokesperson in Geneva"); the side still counts it
        where = {
            t.i
            for c in subj.children
            if c.dep_ == "prep" and c.i > subj.i and c.lower_ in {"in", "at", "on", "during", "near", "after"}
            for t in c.subtree
        }
        if low in civilian_words():
            where = set()  # "a man in Barda" says who he is
        # "Nkechi Okafor, a lawmaker from Lagos": the appositive describes the speaker, it is not the name
        appos = [
            c for c in subj.children if c.dep_ == "appos" and c.i > subj.i and doc[c.left_edge.i - 1].is_punct
        ]
        if appos and subj.lower_ in ROLE_NOUNS | THIRD_PARTY_ROLES | ORG_NOUNS and appos[0].pos_ == "PROPN":
            # "the company's chief executive, Jane Roe, said", "Google's parent company, Alphabet, said":
            # the appositive is the name, the description its role
            name = span_text(doc, [t for t in appos[0].subtree if t.dep_ not in {"relcl", "acl"}])
            return Speaker(
                name,
                span_text(doc, [t for t in phrase if t.i < appos[0].left_edge.i]),
                self.actors.side_of(lo, hi, places=False) or "unknown",
                "organization" if subj.lower_ in ORG_NOUNS else "person",
                subj.i,
            )
        drop = where | {t.i for c in appos for t in c.subtree} | {c.left_edge.i - 1 for c in appos}
        kept = [t for t in phrase if t.i not in drop]
        if len(kept) > 1 and kept[0].lower_ == "one" and kept[0] != subj:
            kept = kept[1:]  # "one trader"
        text = span_text(doc, kept) or subj.text
        # ("a Western diplomat in Yerevan" is not Armenia's: where someone speaks says whose they are only
        # when nothing else does, below)
        side = self.actors.side_of(lo, hi, places=False, skip=where)
        head = subj.lower_
        new_referent = phrase[0].lower_ in {"a", "an", "another", "one"}  # "an ICRC spokesman": someone new
        definite = phrase[0].lower_ in {"the", "this", "that"}
        if definite and (subj.ent_type_ == "NORP" or AGE.search(text)) and len(kept) <= 8:
            # "the 23-year-old", "the Spaniard": the person the article is about
            found = self._last(subj.i, kinds=("person",), side=side, speakers_only=True) or self._last(
                subj.i, kinds=("person",), side=side
            )
            if found is not None:
                return Speaker(found.name, found.role, found.side, found.kind, subj.i)
        if definite and head in ORG_NOUNS and not any(t.pos_ == "PROPN" for t in phrase):
            # "the company said": the company (bank, club, university, ...) named before
            found = self._last(subj.i, kinds=("organization",), side=side)
            recent = self._last(subj.i, kinds=("institution",), side=side)
            if recent is not None and (found is None or recent.pos > found.pos) and head in INSTITUTION_HEADS:
                found = None  # a body the war lexicon knows is named later: "the group" is that one
            if found is not None:
                return Speaker(found.name, found.role, found.side, found.kind, subj.i)
        titled = head in TITLE_WORDS and definite  # "the Colonel said", "the PM said": the one named before
        if (
            subj.pos_ != "PROPN" or head in ROLE_NOUNS or head in INSTITUTION_HEADS or titled
        ) and not new_referent:
            # "the spokeswoman", "the Artsakh president", "the ministry": someone named earlier
            found = self._by_description(subj, phrase)
            if found is None and (
                head in ROLE_NOUNS or " ".join(t.lower_ for t in phrase).endswith(ROLE_PHRASES)
            ):
                found = self._last(subj.i, kinds=("person",), side=side, speakers_only=True) or self._last(
                    subj.i, kinds=("person",), side=side
                )
                if found is not None and not self._post_fits(head, found):
                    found = None  # "the minister" is not the police spokesman quoted before
            if found is not None and found.side == "unknown" and self.actors.side_of(lo, hi) is not None:
                found = None  # "the governor of Syunik" says more than the bare "governor" named before
            if found is not None and (side is None or found.side == side) and self._same_body(phrase, found):
                return Speaker(found.name, found.role, found.side, found.kind, subj.i)
        if side is None:
            words = {t.lower_ for t in phrase}
            if self.actors.kind[subj.i] == "place" and all(
                self.actors.kind[t.i] == "place" or t.is_punct or t.lower_ == "the" for t in phrase
            ):
                side = self.actors.side[
                    subj.i
                ]  # "Nagorno-Karabakh says": a place that speaks is its authorities
            elif words & THIRD_PARTY_ROLES or head in ANONYMOUS_SOURCES:
                # (an unnamed "military-diplomatic source" with no side named speaks for none)
                side = "other"
            elif words & civilian_words():
                # "a resident of Stepanakert": a civilian takes the side of the place they are from
                side = self.actors.side_of(lo, hi)
            elif where:
                # "officials in Nagorno-Karabakh": a body takes the side of where it sits
                side = self.actors.side_of(min(where), max(where) + 1)
            elif head in INSTITUTION_HEADS | ROLE_NOUNS and not new_referent:
                # "the Nagorno-Karabakh Human Rights Ombudsman", "the governor of Syunik": named by the place
                side = self.actors.side_of(lo, hi)
                if side is None and definite and words & REGION_WORDS:
                    # "the region's authorities": the region the text just named
                    side = self.actors.places_before(lo, 200)
        described = [c for c in appos if doc[c.left_edge.i - 1].text == ","]
        kind = (
            "institution"
            if head in INSTITUTION_HEADS
            or self.actors.kind[subj.i] == "polity"  # "Armenia said": a country, never "she"
            or (subj.ent_type_ in {"ORG", "GPE", "NORP"} and not self._named_person(subj, described))
            else "person"
        )
        if subj.pos_ == "PRON":
            return None
        if kind == "person" and head in NON_PERSON_NOUNS:
            kind = "unknown"  # "according to its data": a source, never the antecedent of "he"
        role = None
        if described and kind == "person":
            role = span_text(doc, [t for t in described[-1].subtree if t.dep_ not in {"relcl", "acl"}])
        return Speaker(text, role, side or "unknown", kind, subj.i)

    def _named_person(self, subj: Token, described: list[Token]) -> bool:
        """A name the model calls an organization that the text shows is a person: a known first name
        ("Narine said") or an appositive that describes a person ("X, a 34-year-old teacher")."""
        if subj.pos_ != "PROPN":
            return False
        if subj.lower_ in first_names():
            return True
        for c in described:
            words = {t.lower_ for t in c.subtree}
            if words & (civilian_words() | ROLE_NOUNS | THIRD_PARTY_ROLES) or AGE.search(
                (span_text(self.doc, list(c.subtree)) or "").lower()
            ):
                return True
        return False

    def _issuer(self, subj: Token) -> Speaker | None:
        """ "In a statement, the office said ... . ..., the statement added": whoever spoke in the sentence
        that named the statement last, or the last speaker of the same paragraph."""
        doc = self.doc
        nouns = set(cues()["document_nouns"])
        para = self.text.rfind("\n", 0, subj.idx)
        lo = max(0, subj.sent.start - 120)
        for i in range(subj.i - 1, lo - 1, -1):
            t = doc[i]
            if t.lower_ in nouns and i not in self.quoted:
                sent = t.sent
                said = between(self.speakers, sent.start, min(sent.end, subj.i))
                if said:
                    return said[-1]
                break
        prev = before(self.speakers, subj.i, 1)
        if prev and doc[prev[-1].pos].idx > para:
            return prev[-1]
        return None

    def _sender_before(self, subj: Token) -> Speaker | None:
        """ "The InfoCenter posted on Telegram throughout the day. "...," read one message": a text with no
        issuer named is by whoever the sentence before it says posted, wrote or issued something."""
        doc = self.doc
        k = subj.i - 1
        while k >= 0 and (k in self.quoted or doc[k].is_punct or doc[k].is_space or doc[k].sent == subj.sent):
            k -= 1
        if k < 0 or self.text.count("\n", doc[k].idx, subj.idx) > 2:
            return None
        lemmas = speech_lemmas()
        for t in doc[k].sent:
            if t.i in self.quoted or t.pos_ != "VERB" or t.lemma_.lower() not in lemmas:
                continue
            cand = next((c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if cand is None and t.dep_ == "acl" and t.head.pos_ in {"NOUN", "PROPN"}:
                cand = t.head  # "The InfoCenter, the government's press service, posted on Telegram"
            if cand is None or cand.lower_ in set(cues()["document_nouns"]):
                continue
            found = self.resolve_subject(cand)
            if found is not None and found.name:
                return found
        return None

    def _possessor(self, subj: Token) -> Speaker | None:
        """ "Its defense ministry said", "their statement said": the body or country whose it is, the
        subject of the sentence so far or of the sentence before ("Azerbaijan said ... Its defense
        ministry said ...")."""
        doc = self.doc
        low = subj.lower_
        poss = next((c for c in subj.children if c.dep_ == "poss" and c.lower_ in {"its", "their"}), None)
        documents = set(cues()["document_nouns"]) | NON_PERSON_NOUNS
        if poss is None or not (low in INSTITUTION_HEADS or low in ROLE_NOUNS or low in documents):
            return None
        sent = subj.sent
        roots = [sent.root] if sent.root.i < subj.i else []
        if sent.start > 0:
            roots.append(doc[sent.start - 1].sent.root)
        for root in roots:
            owner = next(
                (c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < subj.i), None
            )
            if owner is None or owner.lower_ in PRONOUNS or owner.i in self.quoted:
                continue
            found = self.resolve_subject(owner)
            if (
                found is None
                or found.side == "unknown"
                or self.actors.kind[owner.i] == "person"
                or found.name in self.person_names
            ):
                return None  # "its" is a body or a country, not a person
            rest = [t for t in subj.subtree if t.i != poss.i and t.i <= subj.i]
            name = found.name
            if low not in documents and found.name:
                mark = "’" if "’s" in self.text else "'"
                own = found.name if found.name.endswith(("s", "’s", "'s")) else f"{found.name}{mark}s"
                name = f"{own} {span_text(doc, rest) or subj.text}"
            kind = "person" if low in ROLE_NOUNS and low not in INSTITUTION_HEADS else "institution"
            return Speaker(name, None, found.side, kind, subj.i)
        return None

    def _plural_subject(self, tok: Token) -> Token | None:
        """The nearest plural noun that is a subject in the two sentences before `tok`, outside quotes."""
        doc = self.doc
        sent = tok.sent
        lo = sent.start
        for _ in range(2):
            if lo > 0:
                lo = doc[lo - 1].sent.start
        for i in range(tok.i - 1, lo - 1, -1):
            t = doc[i]
            if (
                t.i not in self.quoted
                and t.dep_ in {"nsubj", "nsubjpass"}
                and t.tag_ in {"NNS", "NNPS"}
                and t.lower_ not in PRONOUNS
            ):
                return t
        return None

    def _joint_names(self, subj: Token, people: list[Speaker]) -> str | None:
        """ "Smith and Nakamura wrote": the names of a subject joined by "and", when each is a person."""
        conj = [c for c in subj.conjuncts if c.i > subj.i]
        if not conj or not any(c.dep_ == "cc" and c.lower_ == "and" for c in subj.children):
            return None
        names = []
        for t in (subj, *conj):
            m = max((p for p in people if p.pos <= t.i), key=lambda p: p.pos, default=None)
            if m is None or not m.name or m.name in names:
                return None
            names.append(m.name)
        return ", ".join(names[:-1]) + " and " + names[-1]

    def _same_body(self, phrase: list[Token], found: Speaker) -> bool:
        """A third party's description names its body: "the ICRC spokesman" is not the Kremlin's."""
        if found.side != "other":
            return True
        hay = f"{found.role or ''} {known_role(found.name)} {found.name or ''}".lower()
        names = [
            t
            for t in phrase
            if t.pos_ == "PROPN" and t.lower_ not in TITLE_WORDS and t.lower_ not in ROLE_NOUNS
        ]
        return all(t.lower_ in hay for t in names)

    def _by_description(self, subj: Token, phrase: list[Token]) -> Speaker | None:
        text = " ".join(t.lower_ for t in phrase)
        syn = cues()["speaker_descriptions"]
        keys: list[str] = []
        for desc, alts in syn.items():
            if desc in text.split() or (" " in desc and desc in text):
                keys.extend(alts)
        if not keys and (subj.lower_ in ROLE_NOUNS or subj.lower_ in TITLE_WORDS):
            keys = [subj.lower_]  # "the coach": someone named as a coach; "the colonel": as a colonel
            if subj.lower_.rstrip(".") in TITLE_ABBREVIATIONS:
                keys.append(TITLE_ABBREVIATIONS[subj.lower_.rstrip(".")])
        if not keys:
            return None
        want_person = subj.lower_ not in INSTITUTION_HEADS or subj.lower_ in PERSON_INSTITUTION_HEADS
        # "the defence ministry" is not the foreign ministry named last
        mods = set()
        if subj.lower_ in BODY_HEADS:
            mods = {
                norm(c.lower_)
                for c in subj.children
                if c.dep_ in {"compound", "amod"}
                and c.i < subj.i
                and c.is_alpha
                and not self.actors.side[c.i]
            }
        for m in reversed(self._history(subj.i)):
            if (want_person and m.kind != "person") or m.kind == "organization":
                continue
            hay = f"{m.role or ''} {known_role(m.name)} {m.name or ''}".lower()
            hay += " " + " ".join(TITLE_ABBREVIATIONS.get(w, "") for w in re.findall(r"[a-z]+", hay))
            if mods and not mods <= {norm(w) for w in re.findall(r"[a-z]+", hay)}:
                continue
            if any(k in hay for k in keys):
                return m
        return None

    def _post_fits(self, head: str, found: Speaker) -> bool:
        """Whether "the coach" can be someone named earlier: their role says so, or, when no role was
        written, the sentence that named them does ("Lena Vogel, who has coached the team since 2019")."""
        if role_fits(head, found.role):
            return True
        if found.role or not 0 <= found.pos < len(self.doc):
            return False
        stem = head[:5]
        return any(t.lemma_.lower().startswith(stem) for t in self.doc[found.pos].sent if t.i != found.pos)

    def _history(self, pos: int) -> list[Speaker]:
        # a body named inside a quotation is the speaker's subject, not the speaker ('"The lies of the
        # Armenian ministry ...," the ministry said' is the other ministry): as in `_last`
        items = [m for m in before(self.mentions, pos) if m.pos not in self.quoted]
        items += before(self.speakers, pos)
        items.sort(key=lambda m: m.pos)
        return items

    def _last(
        self,
        pos: int,
        kinds: tuple[str, ...] = ("person", "institution"),
        side: str | None = None,
        speakers_only: bool = False,
        gender: str | None = None,
    ) -> Speaker | None:
        """The latest speaker, or person named as a subject, before `pos` (of `gender`, when known)."""
        cands = [s for s in before(self.speakers, pos) if s.kind in kinds]
        if not speakers_only:
            cands += [m for m in before(self.mentions, pos) if m.kind in kinds and m.pos not in self.quoted]
        cands.sort(key=lambda m: m.pos)
        fits = [
            c
            for c in cands
            if (side is None or c.side == side)
            and (gender is None or (gender_of(c) in {None, gender} and not _plural(c)))
            and not is_outlet(c.name)  # an outlet that carried the news is no antecedent ("told the AP")
        ]  # "she" is not the man named last, nor "her customers"
        if gender is not None and fits:
            # a woman named in the last two sentences is "she" when no one spoke or acted there since ("We
            # found Nushabe Haiderova in her headscarf ... "...," she said")
            doc = self.doc
            start = doc[pos].sent.start
            for _ in range(2):
                if start > 0:
                    start = doc[start - 1].sent.start
            near = [c for c in fits if c.pos >= start]
            acting = [c for c in near if c.subject or c in self.speaker_set]
            if acting:
                return acting[-1]
            named = [c for c in near if gender_of(c) == gender]
            if named:
                return named[-1]
        fallback = None
        for c in reversed(fits):
            if c.subject or c in self.speaker_set:
                return c
            fallback = fallback or c
        return fallback

    def note_speaker(self, sp: Speaker) -> None:
        insort(self.speakers, sp, key=lambda m: m.pos)
        self.speaker_set.add(sp)


def _plural(sp: Speaker) -> bool:
    """A described group, not one person: "her customers", "residents", "the police"."""
    name = sp.name or ""
    if name != name.lower():
        return False
    last = name.split()[-1] if name.split() else ""
    return (last.endswith("s") and not last.endswith("ss")) or last in {"police", "people", "staff", "crowd"}
