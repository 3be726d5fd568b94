"""Who says it, and which side they are on.

Shared by quotes and figures: a speech verb's subject becomes a `Speaker`, with pronouns
("he said") and descriptions ("the spokeswoman said", "the ministry said") resolved to the
person or institution the article named earlier. Sides come from the actor spans the
`claims_actors` ruler put on the Doc (data/actors.jsonl).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from .pipeline import ACTORS_KEY, EQUIPMENT_KEY


@lru_cache(maxsize=1)
def cues() -> dict:
    with resources.files("extractors").joinpath("data/cues.json").open(encoding="utf-8") as fh:
        return json.load(fh)


# The word lists live in data/cues.json ("_comment_speakers" there says what each holds).
_CUES = cues()
INSTITUTION_HEADS = frozenset(_CUES["institution_heads"])
THIRD_PARTY_ROLES = frozenset(_CUES["third_party_roles"])
ANONYMOUS_SOURCES = frozenset(_CUES["anonymous_sources"])
PRONOUNS = frozenset(_CUES["pronouns"])
# Abbreviated titles, as the tokenizer leaves them ("Sen.", "Lt.") and without the full stop.
TITLE_ABBREVIATIONS: dict[str, str] = dict(_CUES["title_abbreviations"])
TITLE_WORDS = (
    frozenset(_CUES["title_words"]) | set(TITLE_ABBREVIATIONS) | {f"{a}." for a in TITLE_ABBREVIATIONS}
)
ROLE_NOUNS = frozenset(_CUES["role_nouns"])
ROLE_PHRASES = tuple(_CUES["role_phrases"])
FIRST_PERSON = frozenset(_CUES["first_person_subjects"])
# Armenian and Azerbaijani surnames: Stepanyan, Hovhannisian, Aliyev, Mammadova, Dargahli, Rzazade, ...
SURNAME = re.compile(r"(?:" + "|".join(re.escape(e) for e in _CUES["regional_surname_endings"]) + r")$")
# Nouns for an organization the article named before: "the company said" is the company named earlier.
ORG_NOUNS = frozenset(_CUES["org_nouns"])
_AGE = re.compile(r"\b(?:\d+|[a-z]+)-year-old\b")
# Bodies a role can name without a country: "the defence ministry's spokesperson".
BODY_HEADS = frozenset(_CUES["body_heads"])
# Institution heads that name a person: "the ombudsman said" is someone named before.
PERSON_INSTITUTION_HEADS = frozenset(_CUES["person_institution_heads"])
_SPELLING: dict[str, str] = dict(_CUES["spelling_variants"])
_REGION_WORDS = frozenset(_CUES["region_words"])
_REPORTER_PARTICIPLES = frozenset(_CUES["reporter_participles"])
_QUOTING_VERBS = frozenset(_CUES["quoting_verbs"])
# Nouns for a source that is not a person ("according to its data"): never the antecedent of "he".
_NON_PERSON_NOUNS = frozenset(_CUES["non_person_sources"])


def _norm(word: str) -> str:
    return _SPELLING.get(word, word)


PLACE_ENTS = {"GPE", "LOC", "FAC", "DATE", "TIME", "EVENT", "NORP", "WORK_OF_ART", "LAW", "PRODUCT"}


@lru_cache(maxsize=1)
def speech_lemmas() -> frozenset[str]:
    with resources.files("extractors").joinpath("data/speech_verbs.txt").open(encoding="utf-8") as fh:
        return frozenset(
            line.strip().lower() for line in fh if line.strip() and not line.lstrip().startswith("#")
        )


@lru_cache(maxsize=1)
def civilian_words() -> frozenset[str]:
    """Nouns for people who speak for no side ("a local resident", "a witness")."""
    return frozenset(cues()["civilian_words"])


@lru_cache(maxsize=1)
def _known_roles() -> dict[str, str]:
    from .pipeline import read_jsonl

    return {
        a["pattern"]: a["role"] for a in read_jsonl("actors.jsonl") if a["kind"] == "person" and a.get("role")
    }


def known_role(name: str | None) -> str:
    """The post the actors data gives a person ("President of Azerbaijan"), to match "the president"
    when the article never states it; never reported as the speaker's role."""
    return _known_roles().get(name or "", "")


@lru_cache(maxsize=1)
def _lower_sides() -> dict[str, str]:
    from .pipeline import read_jsonl

    return {a["pattern"].lower(): a["side"] for a in read_jsonl("actors.jsonl") if a["kind"] != "person"}


def side_in_text(text: str) -> str | None:
    """The one side named in a short all-caps or odd-case text ("MINISTRY OF DEFENSE OF ... AZERBAIJAN")."""
    words = re.findall(r"[\w’'-]+", text.lower())
    sides = {_lower_sides()[w] for w in words if w in _lower_sides()}
    return sides.pop() if len(sides) == 1 else None


def opposite(side: str) -> str:
    return {"armenia": "azerbaijan", "azerbaijan": "armenia"}.get(side, "unknown")


@dataclass(frozen=True)
class Speaker:
    name: str | None
    role: str | None
    side: str
    kind: str  # "person", "institution", "self" (the outlet's own voice), "unknown"
    pos: int  # token index where it was named
    subject: bool = True  # named as a sentence subject: a likelier antecedent for "he"


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


def _has_title(toks: list[Token]) -> bool:
    return any(t.lower_ in ROLE_NOUNS or t.lower_ in TITLE_WORDS for t in toks)


# Words for the same post: "the spokeswoman" may be the "representative" or "press secretary" named earlier.
_SPOKES = frozenset(_CUES["same_post_words"])


def _role_fits(head: str, role: str | None) -> bool:
    """Whether a description ("the minister") can name someone given this role earlier."""
    if not role:
        return True
    words = set(re.findall(r"[a-z]+", role.lower()))
    words |= {TITLE_ABBREVIATIONS[w] for w in words if w in TITLE_ABBREVIATIONS}  # "Sen." is a senator
    return head in words or (head in _SPOKES and bool(words & _SPOKES))


def _span_text(doc: Doc, toks: list[Token]) -> str | None:
    toks = [t for t in toks if not t.is_space]
    while toks and (toks[0].is_punct or toks[0].lower_ in {"the", "a", "an", ","}):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].tag_ == "POS" or toks[-1].lower_ in {",", "who", "which"}):
        toks = toks[:-1]
    if not toks:
        return None
    # the span's own text: Doc.text would join every token of the document on each call
    return doc[toks[0].i : toks[-1].i + 1].text.strip() or None


def _noun_phrase(tok: Token) -> list[Token]:
    """The subject's phrase without relative clauses and trailing prepositional detail."""
    out = []
    for t in tok.subtree:
        out.append(t)
    # drop relative clauses, participial modifiers and anything after them ("..., who ...")
    cut = {t.i for c in tok.children if c.dep_ in {"relcl", "acl", "advcl"} for t in c.subtree}
    out = [t for t in out if t.i not in cut]
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


class Discourse:
    """What the article has named so far, for resolving "he", "the spokeswoman", "the ministry"."""

    def __init__(self, doc: Doc, actors: Actors) -> None:
        self.doc = doc
        self.actors = actors
        self.mentions: list[Speaker] = []  # in text order
        self.speakers: list[Speaker] = []  # resolved speakers in text order
        self.quoted: set[int] = set()  # tokens inside direct quotes: names there are no antecedents
        self._collect()

    # -- mentions -------------------------------------------------------------------------------------------
    def _person_spans(self) -> list[Span]:
        doc = self.doc
        actor_people = [sp for sp in doc.spans.get(ACTORS_KEY, []) if sp.label_ == "person"]
        taken = {i for sp in actor_people for i in range(sp.start, sp.end)}
        spans = list(actor_people)
        for e in _merged_people(doc):
            if any(i in taken for i in range(e.start, e.end)):
                continue
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
        extra = [
            doc[t.i : t.i + 1]
            for t in doc
            if t.pos_ == "PROPN"
            and t.text in first
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
        i = 0
        while i < len(doc):
            j = i
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
                and (doc[j - 1].dep_ in {"nsubj", "nsubjpass"} or doc[i].lower_ in _first_names())
            ):
                # any name the model left untagged, as a sentence subject or after a known first name:
                # "Erling Haaland scored twice"
                out.append(doc[i:j])
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
            elif i - sent.start <= 16 and _has_title(list(doc[sent.start : i])) and sp.end < sent.end:
                # "The head of the ... department, Hikmet Hajiyev, wrote": a title that opens the sentence
                if doc[sp.end].text == "," or doc[sp.end].pos_ in {"VERB", "AUX"}:
                    i -= 1
                    limit = 16
        while (
            i >= sent.start
            and len(pre) < limit
            and doc[i].pos_ in ok | {"PRON"}
            and doc[i].text not in {"\n"}
        ):
            if doc[i].pos_ == "ADP" and doc[i].lower_ not in {"of", "to", "for"}:
                break
            if doc[i].pos_ == "PRON" and doc[i].tag_ != "PRP$":
                break
            pre.insert(0, doc[i])
            i -= 1
        # "aide to President Ilham Aliyev": the president's title is what follows "to"
        cut = [k for k, t in enumerate(pre) if t.lower_ in {"to", "for"} and _has_title(pre[k + 1 :])]
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
                if (doc[j].pos_ in {"VERB", "AUX"} and not (hyphened and doc[j].dep_ == "amod")) or doc[
                    j
                ].lower_ in {"who", "which", "that"}:
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
        return _span_text(self.doc, toks) if toks else None

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
                name = _span_text(doc, list(doc[start : chunk.end if end == chunk.end or not side else end]))
                if side and name:
                    self.mentions.append(Speaker(name, None, side, "institution", start))
        # companies, clubs, agencies the war lexicon does not know: antecedents of "the company", "it"
        # (not the bodies above, people, or weapons the model calls ORG: "Grad", "BMP-2")
        busy = {m.pos for m in self.mentions}
        for key in (ACTORS_KEY, EQUIPMENT_KEY):
            busy |= {i for sp in doc.spans.get(key, []) for i in range(sp.start, sp.end)}
        busy |= {i for sp in person_spans for i in range(sp.start, sp.end)}
        for e in doc.ents:
            if e.label_ != "ORG" or any(i in busy or doc[i].like_num for i in range(e.start, e.end)):
                continue
            name = _span_text(doc, list(e))
            if name:
                subject = any(t.dep_ in {"nsubj", "nsubjpass"} for t in e)
                # "the Dutch-based open-source project Oryx": the words before the name say where it is
                top = e.root.head if e.root.dep_ == "appos" and e.root.head.i < e.start else e.root
                lo = min((t.i for t in top.subtree), default=e.start)
                side = self.actors.side_of(lo, e.start, places=False) if e.root.dep_ != "compound" else None
                self.mentions.append(Speaker(name, None, side or "unknown", "organization", e.start, subject))
        self.mentions.sort(key=lambda m: m.pos)
        self.mentions = [self._body_side(m, role_bodies.get(m.pos)) for m in self.mentions]
        self.mentions = [self._full_name(m, n) for n, m in enumerate(self.mentions)]

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
                out.append({_norm(t.lower_)} | {_norm(c.lower_) for c in mods if c.is_alpha})
        return out

    def _body_side(self, m: Speaker, bodies: list[set[str]] | None) -> Speaker:
        """A person whose role names a body without its country ("the defence ministry's spokesperson, X")
        works for the body of that name the article named last ("Armenia's defence ministry ...")."""
        if m.kind != "person" or m.side != "unknown" or not bodies:
            return m
        for prev in reversed([b for b in self.mentions if b.kind == "institution" and b.pos < m.pos]):
            words = {_norm(w) for w in re.findall(r"[a-z]+", (prev.name or "").lower())}
            if any(body <= words for body in bodies):
                return Speaker(m.name, m.role, prev.side, m.kind, m.pos, m.subject)
        return m

    def _full_name(self, m: Speaker, n: int) -> Speaker:
        """A surname alone ("Hovhannisyan said") is the person named in full earlier, with their role."""
        if m.kind != "person" or not m.name:
            return m
        for prev in reversed(self.mentions[:n]):
            if prev.kind != "person" or not prev.name or prev.name == m.name:
                continue
            if prev.name.endswith(" " + m.name):
                return Speaker(
                    prev.name,
                    m.role or prev.role,
                    m.side if m.side != "unknown" else prev.side,
                    "person",
                    m.pos,
                    m.subject,
                )
        return m

    def person(self, sp: Span) -> Speaker:
        doc = self.doc
        name = _span_text(doc, list(sp)) or sp.text
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
            if doc[sp.end + 1].lower_ in _REPORTER_PARTICIPLES and doc[sp.end + 2 : sp.end + 3].text in {
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
        people = [m for m in self.mentions if m.kind == "person" and lo <= m.pos < hi]
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
            inner = [
                t for t in phrase if t.i < subj.i and (t.lower_ in INSTITUTION_HEADS or t.pos_ == "PROPN")
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
            if found is not None and not self.actors.side_of(lo, hi, places=False):
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
            name = _span_text(doc, [t for t in appos[0].subtree if t.dep_ not in {"relcl", "acl"}])
            return Speaker(
                name,
                _span_text(doc, [t for t in phrase if t.i < appos[0].left_edge.i]),
                self.actors.side_of(lo, hi, places=False) or "unknown",
                "organization" if subj.lower_ in ORG_NOUNS else "person",
                subj.i,
            )
        drop = where | {t.i for c in appos for t in c.subtree} | {c.left_edge.i - 1 for c in appos}
        kept = [t for t in phrase if t.i not in drop]
        if len(kept) > 1 and kept[0].lower_ == "one" and kept[0] != subj:
            kept = kept[1:]  # "one trader"
        text = _span_text(doc, kept) or subj.text
        side = self.actors.side_of(lo, hi, places=False)
        head = subj.lower_
        new_referent = phrase[0].lower_ in {"a", "an", "another", "one"}  # "an ICRC spokesman": someone new
        definite = phrase[0].lower_ in {"the", "this", "that"}
        if definite and (subj.ent_type_ == "NORP" or _AGE.search(text)) and len(kept) <= 8:
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
        if (subj.pos_ != "PROPN" or head in ROLE_NOUNS or head in INSTITUTION_HEADS) and not new_referent:
            # "the spokeswoman", "the Artsakh president", "the ministry": someone named earlier
            found = self._by_description(subj, phrase)
            if found is None and (
                head in ROLE_NOUNS or " ".join(t.lower_ for t in phrase).endswith(ROLE_PHRASES)
            ):
                found = self._last(subj.i, kinds=("person",), side=side, speakers_only=True) or self._last(
                    subj.i, kinds=("person",), side=side
                )
                if found is not None and not _role_fits(head, found.role):
                    found = None  # "the minister" is not the police spokesman quoted before
            if found is not None and found.side == "unknown" and self.actors.side_of(lo, hi) is not None:
                found = None  # "the governor of Syunik" says more than the bare "governor" named before
            if found is not None and (side is None or found.side == side) and self._same_body(phrase, found):
                return Speaker(found.name, found.role, found.side, found.kind, subj.i)
        if side is None:
            words = {t.lower_ for t in phrase}
            if words & THIRD_PARTY_ROLES or head in ANONYMOUS_SOURCES:
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
                if side is None and definite and words & _REGION_WORDS:
                    # "the region's authorities": the region the text just named
                    side = self.actors.places_before(lo, 200)
        described = [c for c in appos if doc[c.left_edge.i - 1].text == ","]
        kind = (
            "institution"
            if head in INSTITUTION_HEADS
            or (subj.ent_type_ in {"ORG", "GPE", "NORP"} and not self._named_person(subj, described))
            else "person"
        )
        if subj.pos_ == "PRON":
            return None
        if kind == "person" and head in _NON_PERSON_NOUNS:
            kind = "unknown"  # "according to its data": a source, never the antecedent of "he"
        role = None
        if described and kind == "person":
            role = _span_text(doc, [t for t in described[-1].subtree if t.dep_ not in {"relcl", "acl"}])
        return Speaker(text, role, side or "unknown", kind, subj.i)

    def _named_person(self, subj: Token, described: list[Token]) -> bool:
        """A name the model calls an organization that the text shows is a person: a known first name
        ("Narine said") or an appositive that describes a person ("X, a 34-year-old teacher")."""
        if subj.pos_ != "PROPN":
            return False
        if subj.lower_ in _first_names():
            return True
        for c in described:
            words = {t.lower_ for t in c.subtree}
            if words & (civilian_words() | ROLE_NOUNS | THIRD_PARTY_ROLES) or _AGE.search(
                (_span_text(self.doc, list(c.subtree)) or "").lower()
            ):
                return True
        return False

    def _issuer(self, subj: Token) -> Speaker | None:
        """ "In a statement, the office said ... . ..., the statement added": whoever spoke in the sentence
        that named the statement last, or the last speaker of the same paragraph."""
        doc = self.doc
        nouns = set(cues()["document_nouns"])
        para = doc.text.rfind("\n", 0, subj.idx)
        lo = max(0, subj.sent.start - 120)
        for i in range(subj.i - 1, lo - 1, -1):
            t = doc[i]
            if t.lower_ in nouns and i not in self.quoted:
                sent = t.sent
                said = [s for s in self.speakers if sent.start <= s.pos < min(sent.end, subj.i)]
                if said:
                    return said[-1]
                break
        prev = [s for s in self.speakers if s.pos < subj.i]
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
        if k < 0 or doc.text.count("\n", doc[k].idx, subj.idx) > 2:
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
        documents = set(cues()["document_nouns"]) | _NON_PERSON_NOUNS
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
                or any(m.kind == "person" and m.name == found.name for m in self.mentions)
            ):
                return None  # "its" is a body or a country, not a person
            rest = [t for t in subj.subtree if t.i != poss.i and t.i <= subj.i]
            name = found.name
            if low not in documents and found.name:
                mark = "’" if "’s" in doc.text else "'"
                own = found.name if found.name.endswith(("s", "’s", "'s")) else f"{found.name}{mark}s"
                name = f"{own} {_span_text(doc, rest) or subj.text}"
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
        if not keys and subj.lower_ in ROLE_NOUNS:
            keys = [subj.lower_]  # "the coach": someone named as a coach
        if not keys:
            return None
        want_person = subj.lower_ not in INSTITUTION_HEADS or subj.lower_ in PERSON_INSTITUTION_HEADS
        # "the defence ministry" is not the foreign ministry named last
        mods = set()
        if subj.lower_ in BODY_HEADS:
            mods = {
                _norm(c.lower_)
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
            if mods and not mods <= {_norm(w) for w in re.findall(r"[a-z]+", hay)}:
                continue
            if any(k in hay for k in keys):
                return m
        return None

    def _history(self, pos: int) -> list[Speaker]:
        items = [m for m in self.mentions if m.pos < pos] + [s for s in self.speakers if s.pos < pos]
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
        cands = [s for s in self.speakers if s.pos < pos and s.kind in kinds]
        if not speakers_only:
            cands += [
                m for m in self.mentions if m.pos < pos and m.kind in kinds and m.pos not in self.quoted
            ]
        cands.sort(key=lambda m: m.pos)
        fallback = None
        for c in reversed(cands):
            if side is not None and c.side != side:
                continue
            if gender is not None and gender_of(c) not in {None, gender}:
                continue  # "she" is not the man named last
            if c.subject or c in self.speakers:
                return c
            fallback = fallback or c
        return fallback

    def note_speaker(self, sp: Speaker) -> None:
        self.speakers.append(sp)
        self.speakers.sort(key=lambda s: s.pos)


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    g = cues()["gender"]
    return frozenset(g["f_first_names"]) | frozenset(g["m_first_names"])


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


def speech_subject(verb: Token, exclude: set[int] | None = None) -> Token | None:
    """The subject of a speech verb, looking through conjunctions and participles ("..., saying").

    Climbing stops at a subject only on the speech verb itself, another speech verb or the main
    verb, so "denied that 30 tanks had been lost, calling ..." finds the one who denied.
    """
    exclude = exclude or set()
    lemmas = speech_lemmas()
    if verb.lemma_.lower() in _QUOTING_VERBS and any(
        c.dep_ == "prep" and c.lower_ == "as" for c in verb.children
    ):
        # "Reuters quoted Mark Tucker as saying": the one quoted speaks, not the outlet
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i not in exclude), None)
        if obj is not None:
            return obj
    if any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) and not any(
        c.dep_ in {"nsubj", "agent"} for c in verb.children
    ):
        return None  # "As reported earlier, ...": nobody named
    v: Token = verb
    for _ in range(5):
        if v == verb:
            # "This was stated by X": the agent speaks, not the passive subject
            for c in v.children:
                if c.dep_ == "agent" and c.i not in exclude:
                    for g in c.children:
                        if g.dep_ == "pobj" and g.i not in exclude:
                            return g
        # the subject nearest the verb first: a wire dateline the parser also made a subject
        # ("WASHINGTON (AP) — "...," President Joe Biden said") is further away
        for c in sorted(v.children, key=lambda c: abs(c.i - v.i)):
            if c.i in exclude:
                continue
            if c.dep_ in {"nsubj", "nsubjpass"}:
                if c.dep_ == "nsubjpass" and c.lower_ == "it":
                    return None  # "it was reported that": no one named
                if v == verb or v.lemma_.lower() in lemmas or v.dep_ == "ROOT":
                    return c
            if c.dep_ == "agent" and v == verb:
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        if v == verb:
            inserted = _subject_before_insert(verb, exclude)
            if inserted is not None:
                return inserted
        if v.dep_ in {"conj", "advcl", "xcomp", "pcomp", "ccomp", "acomp"} and v.head != v:
            v = v.head  # ("were able to confirm": the subject of "were")
            continue
        if v.dep_ == "prep" and v.head != v and v.head.pos_ in {"VERB", "AUX"}:
            v = v.head  # "was quoted as saying", "went on to say"
            continue
        break
    return None


def _subject_before_insert(verb: Token, exclude: set[int]) -> Token | None:
    """ "X, in a video address streamed on Facebook, said": the parser can hang the subject on a verb
    inside the comma-insert; the subject is then a clause before the speech verb whose subject is set
    off by the same pair of commas as the insert."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text != ",":
        return None
    for c in verb.children:
        if c.i >= verb.i or c.dep_ not in {"ccomp", "advcl", "parataxis"}:
            continue
        subj = next((g for g in c.children if g.dep_ in {"nsubj", "nsubjpass"} and g.i < c.i), None)
        if subj is None or subj.i in exclude:
            continue
        after = subj.right_edge.i + 1
        if (
            after < c.i
            and doc[after].text == ","
            and not any(doc[k].text in {".", ";", ":"} for k in range(after, verb.i))
        ):
            return subj
    return None
