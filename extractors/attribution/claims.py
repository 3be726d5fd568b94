"""Who claims what a token of the text says: the attribution of figures to a source.

The frames that carry a claim, in order: the speech frame the figure stands in (a direct quote, "X said
that ...", "according to X, ..."), a reporting verb whose object the figure is ("the ministry recorded 12
deaths"), a "Source: ..." or "Defense Ministry: ..." line, the paragraph's own source (named before the
figure, or later in the same paragraph: "According to official figures, ... , the Committee added"), the
paragraph before when this one plainly carries on its statement ("In addition, ...", a list under its intro
line), a bulletin's header. A figure no source covers is the outlet's own (`other`), unless the text says it
was only reported ("reportedly", "according to media reports": `unknown`).

Resolved claimants are completed the same way for every frame: a document ("the report said") stands for
whoever issued it, an institution of no stated side takes its place's side or the outlet's home side, and a
named source of no side with no belligerent body in its name is a third party.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..layout import Page, is_outlet
from ..quotes import Frame
from .lexicon import INSTITUTION_HEADS, cues, side_in_text, speech_lemmas
from .registry import Actors, Speaker
from .resolution import Discourse
from .sides import institution_side
from .speech import speech_subject

_CUES = cues()
# a source that is only a document or a tally ("the report said", "according to official figures")
DOCUMENT_NOUNS = frozenset(_CUES["document_nouns"]) | frozenset(_CUES["non_person_sources"])
BELLIGERENT_WORDS = frozenset(_CUES["belligerent_body_words"])
NON_REPORTING = frozenset(_CUES["non_reporting_speech_lemmas"])
TALLY_REPORTING = frozenset(_CUES["tally_reporting_verbs"])
SHOWING = frozenset(_CUES["showing_verbs"])
CITING = frozenset(_CUES["citing_words"])
REPORTING_ACTS = frozenset(_CUES["reporting_acts"])
OUTLET_ASIDE = re.compile(r"^(?:" + "|".join(map(re.escape, _CUES["outlet_voice_openers"])) + r")\b", re.I)
BACK_OPENINGS = tuple(_CUES["back_openings"])
BACK_REFERENCES = frozenset(_CUES["back_references"])
CONTINUATION = re.compile(
    r"^(?:" + "|".join(re.escape(c) for c in _CUES["continuation_openers"]) + r")\b", re.I
)
IMPERSONAL_REPORT = re.compile(
    r"\b(?:" + "|".join(map(re.escape, _CUES["impersonal_reports"])) + r")\b", re.I
)
HEADER_INSTITUTIONS = tuple(_CUES["header_institution_words"])
BELLIGERENTS = {"armenia", "azerbaijan"}
OUTLET = Speaker(None, None, "other", "self", -1)


# a list item: a bullet, a numbered line, a count and a dash ("187 – killed", "tanks – 6;")
ITEM_LINE = re.compile(
    r"^\s*(?:[-*•–]\s|\d+[.)]\s|(?:[A-Za-z]+\s+){0,2}[\d,.]+\s+[-–—]\s|[^:]{1,60}\s[-–—]\s+[\d,.]+\W*$)"
)


def _same_source(a: Speaker, b: Speaker) -> bool:
    """Whether two resolved sources are one: the same name, or institutions of the same side ("the Defense
    Army said ... the report said", the report resolved to its issuer)."""
    if a.side != b.side:
        return False
    if (a.name or "").lower().removeprefix("the ") == (b.name or "").lower().removeprefix("the "):
        return True
    return a.kind == b.kind == "institution"


def _last_word(name: str | None) -> str:
    words = (name or "").lower().split()
    return words[-1] if words else ""


class Claimants:
    def __init__(
        self, doc: Doc, actors: Actors, discourse: Discourse, frames: list[Frame], page: Page
    ) -> None:
        self.doc = doc
        self.actors = actors
        self.discourse = discourse
        self.frames = frames
        self.page = page
        self.header = self._header_claimant()
        self.last_source: Speaker | None = None
        self._sources: dict[int, list[tuple[int, Speaker]]] = {}
        self._lead: Speaker | None | bool = False  # False: not looked for yet
        self._headline: Speaker | None | bool = False

    # -- the frames -----------------------------------------------------------------------------------------
    def frame_at(self, i: int) -> Frame | None:
        """The innermost speech frame around token `i`; an outlet that reports what someone else said is
        only its channel ("X said 44 prisoners had returned, the Interfax news agency reported")."""
        covering = [fr for fr in self.frames if fr.start <= i < fr.end]
        said = [fr for fr in covering if not (fr.speaker is not None and is_outlet(fr.speaker.name))]
        pool = said or covering
        return min(pool, key=lambda fr: fr.end - fr.start) if pool else None

    def reporter(self, i: int) -> Speaker | None:
        """Who reports the figure as the object of their own reporting verb: "analysts have confirmed at
        least 130 of them", "the ministry recorded 12 deaths", "Armenia has recorded 104 military deaths"."""
        tok = self.doc[i]
        for _ in range(4):
            if tok.head == tok or tok.dep_ not in {"nummod", "dobj", "pobj", "prep", "quantmod", "compound"}:
                return None
            via = tok.dep_
            tok = tok.head
            if tok.pos_ in {"VERB", "AUX"}:
                if via == "prep":
                    return None  # "Out of the 40 cases, 25 were recorded ...": a phrase, not what is told
                lemma = tok.lemma_.lower()
                if lemma in NON_REPORTING or (
                    lemma not in speech_lemmas() and lemma not in TALLY_REPORTING and lemma not in SHOWING
                ):
                    return None
                subj = speech_subject(tok)
                if subj is None or subj.like_num or subj.dep_ == "nsubjpass":
                    return None
                return self.discourse.resolve_subject(subj)
        return None

    def subject_source(self, sent: Span, i: int) -> Speaker | None:
        """The subject of the sentence's main verb when that verb tells, shows or tallies something and the
        figure is in what it tells: "Armenia is sharing photographs ... such as a claim that a single soldier
        destroyed 5 tanks", "Baku also released footage it said showed ...". The subject of a loss verb
        ("the Azerbaijani side has lost 18 tanks") owns or inflicts the losses; it claims nothing."""
        root = sent.root
        lemma = root.lemma_.lower()
        if lemma not in speech_lemmas() and lemma not in TALLY_REPORTING and lemma not in SHOWING:
            return None
        for c in root.children:
            if c.dep_ != "nsubj" or c.left_edge.i <= i <= c.right_edge.i:
                continue
            if any(t.like_num for t in c.subtree if t.i < c.i):
                continue
            sp = self.discourse.resolve_subject(c)
            if sp is not None and (sp.side != "unknown" or sp.kind == "self"):
                return sp
        return None

    def colon_source(self, sent: Span) -> Speaker | None:
        """A headline or lead of the form "Defense Ministry: the enemy lost 3 tanks"."""
        for t in sent[:8]:
            if t.text == ":":
                head = sent.doc[sent.start : t.i]
                if not head or t.i + 1 >= sent.end:
                    return None
                words = {w.lower_ for w in head}
                side = self.actors.side_of(head.start, head.end, places=False)
                if (side is None and not words & INSTITUTION_HEADS) or any(w.pos_ == "VERB" for w in head):
                    return None  # "Azerbaijan keeps firing: ..." is a headline, not a source
                return Speaker(head.text, None, side or "unknown", "institution", head.start)
        return None

    def _header_claimant(self) -> Speaker | None:
        """A bulletin whose first line names the issuing institution speaks for it throughout."""
        for sent in self.doc.sents:
            text = sent.text.strip()
            if not text:
                continue
            if text.isupper() and any(w in text.lower() for w in HEADER_INSTITUTIONS):
                side = self.actors.side_of(sent.start, sent.end) or side_in_text(text)
                if side:
                    return Speaker(text.title(), None, side, "institution", sent.start)
            return None
        return None

    # -- paragraphs -----------------------------------------------------------------------------------------
    def sources(self, para: int) -> list[tuple[int, Speaker]]:
        """The sources a paragraph names, with the token where each is named, in text order."""
        if para in self._sources:
            return self._sources[para]
        span = self.doc.char_span(para, self.page.paragraph_end(para), alignment_mode="contract")
        out: list[tuple[int, Speaker]] = []
        if span is not None:
            for fr in self.frames:
                if span.start <= fr.start < span.end and fr.speaker is not None:
                    sp = self.complete(fr.speaker)
                    if sp is not None and sp.side != "unknown":
                        out.append((fr.verb if fr.verb is not None else fr.start, sp))
            taken = {pos for pos, _ in out}
            for tok, sp in self._reporting_acts(span):
                if tok.i not in taken:
                    out.append((tok.i, sp))
        out.sort(key=lambda p: p[0])
        self._sources[para] = out
        return out

    def _reporting_acts(self, span: Span) -> list[tuple[Token, Speaker]]:
        """Acts of reporting with a named subject and no words of their own in the frames: "The Infocenter
        has presented the adversary's losses", "This is what X said during a press conference"."""
        out = []
        for tok in span:
            if (
                tok.pos_ != "VERB"
                or tok.lemma_.lower() not in REPORTING_ACTS
                or tok.i in self.discourse.quoted
            ):
                continue
            subj = speech_subject(tok, self.discourse.quoted)
            if subj is None or subj.lower_ in {"it", "this", "that", "which"} or subj.dep_ == "nsubjpass":
                continue  # ("The public will be updated": what is passive is told, it does not tell)
            sp = self.complete(self.discourse.resolve_subject(subj))
            if sp is not None and sp.side != "unknown":
                out.append((tok, sp))
        return out

    def _back_reference(self, para: int) -> Speaker | None:
        """A paragraph that names who said the paragraph before: "Colonel X said the aforementioned at a
        meeting with journalists", "This is what the deputy commander said today"."""
        span = self.doc.char_span(para, para + len(self._para_text(para)), alignment_mode="contract")
        if span is None or not len(span):
            return None
        sent = span[0].sent
        opening = sent.text.lower().lstrip()
        for tok, sp in self._reporting_acts(sent):
            if any(c.dep_ == "mark" for c in tok.children):
                continue  # "..., as the authorities announced": the source of its own sentence only
            objects = {c.lower_ for c in tok.children if c.dep_ in {"dobj", "ccomp", "attr"}}
            clause = any(c.dep_ in {"ccomp", "parataxis"} for c in tok.children)
            if opening.startswith(BACK_OPENINGS) or (objects & BACK_REFERENCES or not clause and not objects):
                return sp
        return None

    def _remember(self, i: int, claimant: Speaker) -> None:
        """A source found for a figure is a source of its paragraph for the figures after it."""
        if claimant.side == "unknown":
            return
        para = self.page.paragraph_start(self.doc[i].idx)
        found = self.sources(para)
        if not any(sp == claimant for _, sp in found):
            found.append((i, claimant))
            found.sort(key=lambda p: p[0])

    def _in_paragraph(self, i: int) -> Speaker | None:
        """The paragraph's source nearest before the token, else the one the next sentence names when it
        names the source of this one ("This is what the deputy commander said", or after "According to
        preliminary data, ...": "..., the Committee added")."""
        doc = self.doc
        para = self.page.paragraph_start(doc[i].idx)
        found = self.sources(para)
        before = [sp for pos, sp in found if pos <= i]
        if before:
            return before[-1]
        sent = doc[i].sent
        if sent.end >= len(doc):
            return None
        nxt = doc[sent.end].sent
        if self.page.paragraph_start(nxt.start_char) != para:
            return None
        opening = nxt.text.lower().lstrip()
        unnamed = re.search(
            r"\baccording to (?:the )?(?:\w+ )?(?:data|figures|information|estimates)\b", sent.text, re.I
        )
        # "According to the Ombudsman, this is ...": the next sentence's source, speaking of what came before
        anaphor = opening.startswith("according to") and any(
            t.dep_ in {"nsubj", "nsubjpass"} and t.lower_ in BACK_REFERENCES - {"it"} for t in nxt
        )
        if opening.startswith(BACK_OPENINGS) or unnamed or anaphor:
            later = [sp for pos, sp in found if nxt.start <= pos < nxt.end]
            if later:
                return later[0]
        return None

    def _paragraphs(self) -> list[int]:
        return [a for a, _ in self.page.paragraphs]

    def _para_text(self, para: int) -> str:
        return self.page.paragraph_text(para)

    def _carried(self, i: int) -> Speaker | None:
        """The source of a paragraph before, when this one plainly carries on its statement:

        - it is linked to the paragraph before: it opens with "In addition", "Accordingly", "He added", ...,
          it is a list item or a list's intro line, or the paragraph before ends in a colon or only says "It
          was reported that ..." (then the one before that is looked at too);
        - it stands in a short run of paragraphs with no source between two paragraphs of the same source
          ("X said ... / [list] / ..., the report said");
        - the report relays one source it cites in its lead ("Trend reports citing the Prosecutor's Office").
        """
        paras = self._paragraphs()
        here = self.page.paragraph_start(self.doc[i].idx)
        if here not in paras:
            return None
        k = paras.index(here)
        j = k
        while j > 0:
            text, before = self._para_text(paras[j]), self._para_text(paras[j - 1])
            impersonal = (
                IMPERSONAL_REPORT.match(before) is not None or IMPERSONAL_REPORT.match(text) is not None
            )
            linked = (
                CONTINUATION.match(text) is not None
                or self.page.is_bullet(paras[j])
                or self._list_lines(paras[j - 1])  # a summary after a list: "Manpower: 187 – killed ..."
                or text.endswith(":")
                or before.endswith(":")
                or impersonal
            )
            if not linked:
                break
            found = self.sources(paras[j - 1])
            if found:
                return found[-1][1]
            j -= 1
        if k + 1 < len(paras) and not self.sources(paras[k]):
            found = self._back_reference(paras[k + 1])
            if found is not None:
                return found
        earlier = next(
            (self.voices(paras[m])[-1] for m in range(k - 1, max(-1, k - 4), -1) if self.voices(paras[m])),
            None,
        )
        later = next(
            (self.voices(paras[m])[0] for m in range(k + 1, min(len(paras), k + 3)) if self.voices(paras[m])),
            None,
        )
        if earlier is not None and later is not None and _same_source(earlier, later):
            return earlier
        return self.lead_citation() or self._sole_source(k)

    def _list_lines(self, para: int) -> bool:
        """Whether a paragraph is a list's items ("10 – howitzers", "- 5 tanks;"), the last of the lines."""
        text = self._para_text(para)
        return bool(text) and all(ITEM_LINE.match(line) for line in text.splitlines() if line.strip())

    def voices(self, para: int) -> list[Speaker]:
        """The sources of a paragraph that can speak for a paragraph near it: not the outlet that carries a
        statement ("as reported by Armenian News"), not a teaser or link on the page around the article."""
        if self.page.furniture_at(para):
            return []
        return [sp for _, sp in self.sources(para) if not is_outlet(sp.name)]

    def _sole_source(self, k: int) -> Speaker | None:
        """A report of one body's statement: every paragraph that names a source names the same belligerent
        institution, at least twice before paragraph `k`, so the paragraphs after it with none carry it on
        ("..., the Azerbaijani Defense Ministry reported. / ..., the Ministry said. / During the day, 4 tanks
        were destroyed.")."""
        paras = self._paragraphs()
        named = [(m, self.voices(p)) for m, p in enumerate(paras) if self.voices(p)]
        if not named:
            return None
        first = named[0][1][0]
        if first.kind not in {"institution", "person"} or first.side not in BELLIGERENTS:
            return None
        if not all(_same_source(first, sp) for _, found in named for sp in found):
            return None
        before = [found for m, found in named if m < k]
        return before[-1][-1] if len(before) >= 2 else None

    def _before_body(self, i: int) -> bool:
        body = self.page.body_start
        return body is not None and self.doc[i].idx < body and self.page.in_headline(self.doc[i].idx)

    def _first_body_source(self) -> Speaker | None:
        """The first source a paragraph of the article body names."""
        body = self.page.body_start or 0
        for para in self._paragraphs():
            if para < body:
                continue
            found = self.sources(para)
            if found:
                return found[0][1]
        return None

    def headline_source(self) -> Speaker | None:
        """An article whose headline names its source ("Ombudsman: 19 civilians killed, 80 injured") speaks
        for it where no paragraph names another."""
        if self._headline is not False:
            return self._headline  # type: ignore[return-value]
        self._headline = None
        body = self.page.body_start if self.page.body_start is not None else len(self.page.text)
        for para in self._paragraphs():
            if para >= body:
                break
            span = self.doc.char_span(para, para + len(self._para_text(para)), alignment_mode="contract")
            if span is not None and len(span):
                sent = span[0].sent
                found = self.complete(self.colon_source(sent))
                # only a headline that states a figure speaks for a source ("Ombudsman: 19 civilians
                # killed"); "Azerbaijan: Cluster Munitions Used in Stepanakert" names what it is about
                if found is not None and found.side != "unknown" and any(t.like_num for t in sent):
                    self._headline = found
                    break
        return self._headline  # type: ignore[return-value]

    def cited(self, span: Span) -> Speaker | None:
        """The source an outlet cites in these words ("Trend reports citing the Prosecutor's Office")."""
        for t in span:
            if t.lower_ not in CITING:
                continue
            obj = next((c for c in t.children if c.dep_ in {"dobj", "pobj", "nsubj"}), None)
            sp = self.complete(self.discourse.resolve_subject(obj)) if obj is not None else None
            if sp is not None and sp.side != "unknown" and not is_outlet(sp.name):
                return sp
        return None

    def lead_citation(self) -> Speaker | None:
        """A report that relays a source it cites in its lead ("Trend reports citing Azerbaijani General
        Prosecutor's Office") speaks for it where no paragraph names another."""
        if self._lead is not False:
            return self._lead  # type: ignore[return-value]
        self._lead = None
        paras = self._paragraphs()[:4]
        for para in paras:
            span = self.doc.char_span(para, para + len(self._para_text(para)), alignment_mode="contract")
            if span is None:
                continue
            for t in span:
                if t.lower_ not in CITING:
                    continue
                obj = next((c for c in t.children if c.dep_ in {"dobj", "pobj", "nsubj"}), None)
                sp = self.complete(self.discourse.resolve_subject(obj)) if obj is not None else None
                if sp is not None and sp.side in BELLIGERENTS:
                    self._lead = sp
                    return self._lead
        return None

    # -- the claimant ---------------------------------------------------------------------------------------
    def at(self, i: int, frame: Frame | None) -> Speaker:
        """Who claims what token `i` says."""
        doc = self.doc
        sent = doc[i].sent
        claimant = frame.speaker if frame is not None else None
        reporter = self.reporter(i)
        if reporter is not None and not (
            reporter.side == "unknown" and claimant is not None and self.complete(claimant) is not None
        ):
            # (but "According to RFE/RL, the two sides have reported 250 deaths": a reporter of no side
            # inside a named source's frame is what that source tells)
            claimant = reporter
        if claimant is None and frame is None:
            claimant = self.subject_source(sent, i) or self.colon_source(sent)
        claimant = self.complete(claimant)
        if claimant is not None and is_outlet(claimant.name):
            claimant = self.cited(sent) or claimant  # "APA reports citing the Ministry of Health"
        if claimant is not None:
            self._remember(i, claimant)
        elif OUTLET_ASIDE.match(sent.text.strip()):
            return replace(OUTLET, pos=i)  # "It should be noted that ...": the outlet's own aside
        elif IMPERSONAL_REPORT.search(sent.text):
            # "According to media reports, ...", "... were reported killed": a sentence that says it was
            # only reported, and names nobody, carries no source of the paragraph around it
            return Speaker(None, None, "unknown", "unknown", i)
        else:
            claimant = self._in_paragraph(i) or self._carried(i)
        if claimant is None and self.header is not None:
            claimant = self.header
        if claimant is None:
            claimant = self.headline_source()
        if claimant is None and self._before_body(i):
            claimant = self._first_body_source()  # a headline summarises the article's source
        if (
            claimant is None
            and frame is not None
            and frame.speaker is not None
            and self.last_source is not None
        ):
            claimant = self.last_source  # "the report said": the last institution that spoke
        if claimant is None:
            if IMPERSONAL_REPORT.search(sent.text):
                return Speaker(None, None, "unknown", "unknown", i)
            return replace(OUTLET, pos=i)
        if claimant.side in BELLIGERENTS and claimant.kind == "institution":
            self.last_source = claimant
        return claimant

    def complete(self, claimant: Speaker | None) -> Speaker | None:
        """A resolved source made whole: a bare document stands for no one; an institution of no stated side
        takes its place's or the outlet's home side; a named source of neither side is a third party."""
        if claimant is None:
            return None
        if claimant.side == "unknown" and _last_word(claimant.name) in DOCUMENT_NOUNS:
            return None
        if is_outlet(claimant.name):
            return replace(claimant, side="other")  # "ARMENPRESS reports": an outlet's own voice
        if claimant.side == "unknown":
            side = institution_side(claimant, self.doc, self.actors, self.page)
            if side:
                claimant = replace(claimant, side=side)
        if (
            claimant.side == "unknown"
            and claimant.name
            and not {
                v for w in re.findall(r"[a-z]+", claimant.name.lower()) for v in (w, w.removesuffix("s"))
            }
            & BELLIGERENT_WORDS
        ):
            # named, and no ministry, army or officials of either side: a third party ("a count by the
            # Caucasian Knot", "a military-diplomatic source")
            claimant = replace(claimant, side="other")
        return claimant
