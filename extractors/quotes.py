"""Direct and reported speech: find the quotes, name their speakers.

Quote marks are paired on the raw text, paragraph by paragraph, so an odd or stray mark
never swallows the article; the parse is only used to attribute them. Every speech event,
direct or reported, becomes a `Frame`: the token range it covers and who speaks in it. The
figure extractor uses the same frames to say who claims a figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .attribution import Actors, Discourse, Speaker, cues, speech_lemmas, speech_subject
from .records import Quote

DOUBLE_OPEN = {"“": "”", "«": "»", '"': '"', "„": "”"}
SINGLE_OPEN = {"‘": "’", "'": "'"}
OPENERS = set(DOUBLE_OPEN) | set(SINGLE_OPEN)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True)
class QuoteSpan:
    """Character offsets of the words between the marks."""

    start: int
    end: int
    closed: bool


@dataclass
class Frame:
    """A stretch of text a speaker is responsible for."""

    start: int  # token range
    end: int
    speaker: Speaker | None
    cue: str | None
    kind: str  # "direct" | "indirect"
    char_start: int
    char_end: int
    verb: int | None = None  # token index of the speech verb


def _lines(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _opening_ok(text: str, i: int, line_start: int) -> bool:
    prev = text[i - 1] if i > line_start else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt.isspace() or nxt in "\n":
        return False
    if text[i] in "“«„":
        return True
    # straight and single marks open only at a word start: not "Azerbaijan's", not "5' 10"
    return prev.isspace() or prev in "([{—–-:/"


def _find_close(text: str, i: int, end: int, mark: str) -> int | None:
    close = DOUBLE_OPEN.get(mark) or SINGLE_OPEN[mark]
    j = i + 1
    while j < end:
        ch = text[j]
        if ch == close:
            if mark in SINGLE_OPEN:
                nxt = text[j + 1] if j + 1 < len(text) else " "
                # a closing single mark is followed by a non-letter; "Azerbaijan’s" is an apostrophe
                if nxt.isalpha() or text[j - 1].isspace():
                    j += 1
                    continue
            elif mark == '"' and text[j - 1].isspace() and j + 1 < end and not text[j + 1].isspace():
                return None  # that mark opens the next quote: this one is unclosed
            return j
        if mark not in SINGLE_OPEN and ch in "“«" and mark != '"':
            # a new opening before our close: ours was never closed
            return None
        j += 1
    return None


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quotation in the text, by character offsets, never raising.

    A quote whose paragraph ends before its closing mark continues when the next paragraph
    opens with a mark (the news convention for multi-paragraph quotes); otherwise it ends with
    its paragraph.
    """
    lines = _lines(text)
    spans: list[QuoteSpan] = []
    li = 0
    while li < len(lines):
        ls, le = lines[li]
        i = ls
        next_li = li + 1
        while i < le:
            ch = text[i]
            if ch not in OPENERS or not _opening_ok(text, i, ls):
                i += 1
                continue
            j = _find_close(text, i, le, ch)
            if j is not None:
                if j > i + 1:
                    spans.append(QuoteSpan(i + 1, j, True))
                i = j + 1
                continue
            if ch in SINGLE_OPEN:
                i += 1
                continue
            # unclosed double quote: maybe a multi-paragraph quote
            k = li + 1
            end = le
            closed_at: int | None = None
            while k < len(lines):
                ks, ke = lines[k]
                body = text[ks:ke]
                if not body.strip():
                    k += 1
                    continue
                lead = len(body) - len(body.lstrip())
                if body.lstrip()[:1] not in DOUBLE_OPEN:
                    break
                o = ks + lead
                c = _find_close(text, o, ke, text[o])
                if c is not None:
                    closed_at = c
                    break
                end = ke
                k += 1
            if closed_at is not None:
                spans.append(QuoteSpan(i + 1, closed_at, True))
                # continue scanning the closing line after the mark
                lines_after = [(closed_at + 1, lines[k][1])]
                li_tail = lines_after[0]
                i = le  # stop this line
                next_li = k + 1
                tail_spans = find_quote_spans_in(text, li_tail[0], li_tail[1])
                spans.extend(tail_spans)
            else:
                stop = end
                while stop > i + 1 and text[stop - 1].isspace():
                    stop -= 1
                if stop > i + 1:
                    spans.append(QuoteSpan(i + 1, stop, False))
                i = le
                next_li = max(next_li, k if end != le else li + 1)
            break
        li = next_li
    return spans


def find_quote_spans_in(text: str, start: int, end: int) -> list[QuoteSpan]:
    """Closed quotes inside one stretch of a line (used after a multi-paragraph quote closes)."""
    out = []
    i = start
    while i < end:
        ch = text[i]
        if ch in OPENERS and _opening_ok(text, i, start):
            j = _find_close(text, i, end, ch)
            if j is not None and j > i + 1:
                out.append(QuoteSpan(i + 1, j, True))
                i = j + 1
                continue
        i += 1
    return out


def word_count(s: str) -> int:
    return len(_WORD.findall(s))


def _is_title(text: str, qstart: int) -> bool:
    before = text[max(0, qstart - 30) : qstart - 1].lower().rstrip()
    words = re.findall(r"[a-z\-]+", before)
    return bool(words) and words[-1] in set(cues()["title_cues"])


class SpeechAnalyzer:
    def __init__(self, doc: Doc, actors: Actors, discourse: Discourse) -> None:
        self.doc = doc
        self.text = doc.text
        self.actors = actors
        self.discourse = discourse
        self.lemmas = speech_lemmas()
        self.spans = find_quote_spans(doc.text)
        self.quote_tokens: set[int] = set()
        discourse.quoted = self.quote_tokens
        self.tok_spans: list[tuple[int, int]] = []
        for qs in self.spans:
            sp = doc.char_span(qs.start, qs.end, alignment_mode="expand")
            rng = (sp.start, sp.end) if sp is not None else (0, 0)
            self.tok_spans.append(rng)
            self.quote_tokens.update(range(*rng))

    # -- finding the cue ------------------------------------------------------------------
    def is_cue(self, tok: Token) -> bool:
        if tok.i in self.quote_tokens:
            return False
        if tok.dep_ in {"acl", "relcl", "amod"}:
            return False  # "the footage published by Baku", "the information spread by": not a speech act
        if tok.lemma_.lower() in self.lemmas and tok.pos_ in {"VERB", "AUX"}:
            return tok.lemma_.lower() not in {"put", "continue"} or any(
                c.dep_ == "ccomp" for c in tok.children
            )
        return False

    def according_to(self, tok: Token) -> Token | None:
        """For 'according to X', the token X."""
        if tok.lower_ == "according" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
            to = self.doc[tok.i + 1]
            for c in list(to.children) + list(tok.children):
                if c.dep_ == "pobj":
                    return c
            if tok.i + 2 < len(self.doc):
                nxt = self.doc[tok.i + 2]
                return nxt if nxt.pos_ not in {"DET"} else self.doc[min(tok.i + 3, len(self.doc) - 1)]
        return None

    def _frame_tokens(self, lo_char: int, hi_char: int) -> list[Token]:
        sp = self.doc.char_span(lo_char, hi_char, alignment_mode="contract")
        return [t for t in sp if t.i not in self.quote_tokens] if sp is not None else []

    def _cue_in(self, toks: list[Token], prefer_last: bool) -> tuple[Token | None, Token | None, str | None]:
        """(cue token, subject token, cue text) in a stretch of text beside a quote."""
        seq = list(reversed(toks)) if prefer_last else toks
        for t in seq:
            subj_acc = self.according_to(t)
            if subj_acc is not None:
                return t, subj_acc, "according to"
            if self.is_cue(t):
                return t, speech_subject(t, self.quote_tokens), t.text
        return None, None, None

    def _governing_cue(
        self,
        before: list[Token],
        quote,
        strict: bool = False,  # noqa: ANN001
    ) -> tuple[Token | None, Token | None, str | None]:
        """In the text before a quote, the speech verb whose clause holds the quote, else the last one."""
        if quote is not None and len(quote):
            anc = {a.i for a in quote[0].ancestors} | {a.i for a in quote.root.ancestors}
            for t in reversed(before):
                if t.i in anc and self.is_cue(t):
                    return t, speech_subject(t, self.quote_tokens), t.text
        if strict:
            return None, None, None
        return self._cue_in(before, prefer_last=True)

    # -- attribution --------------------------------------------------------------------
    def analyse(self) -> tuple[list[Quote], list[Frame]]:
        doc, text = self.doc, self.text
        lines = _lines(text)

        def line_of(ch: int) -> tuple[int, int]:
            for ls, le in lines:
                if ls <= ch <= le:
                    return ls, le
            return lines[-1]

        events: list[tuple[int, str, object]] = []  # (position, kind, payload)
        direct: list[dict] = []
        used_verbs: set[int] = set()
        for n, qs in enumerate(self.spans):
            qtext = text[qs.start : qs.end]
            ls, le = line_of(qs.start - 1)
            _, cle = line_of(qs.end)
            nxt_open = min([s.start - 1 for s in self.spans if s.start > qs.end] + [cle])
            prev_close = max([s.end + 1 for s in self.spans if s.end < qs.start] + [ls])
            after = self._frame_tokens(qs.end + 1, min(nxt_open, cle))
            before = self._frame_tokens(max(prev_close, ls), qs.start - 1)
            # only the sentence that holds the quote, or one that ends in a colon
            q_first = doc.char_span(qs.start, qs.end, alignment_mode="expand")
            if q_first is not None and before:
                sent = q_first[0].sent
                prev_sent_start = sent.start
                if sent.start > 0:
                    prev = doc[sent.start - 1].sent
                    if prev.text.rstrip().endswith(":"):
                        prev_sent_start = prev.start
                before = [t for t in before if t.i >= prev_sent_start]
            # the attribution after a quote belongs to it only up to the full stop, and only when the
            # quote did not end its own sentence ('"...," he said' but not '"..." Baku says ...')
            stop = next((k for k, t in enumerate(after) if t.text in {".", "!", "?"}), len(after))
            after = after[:stop]
            tail = qtext.rstrip()[-1:] if qtext.strip() else ""
            if tail == ".":
                after = []
            elif tail in {"!", "?"}:
                after = after[:4]
            cue_tok = subj = cue = None
            if before and before[-1].text == ":":
                # "Hajiyev: "..."" and "He tweeted: "...""
                cue_tok, subj, cue = self._cue_in(before[:-1], prefer_last=True)
                if cue_tok is None:
                    cand = [t for t in before[:-1] if t.pos_ == "PROPN" or self.actors.side[t.i]]
                    if cand:
                        subj, cue = cand[-1], ":"
            if cue is None:
                cue_tok, subj, cue = self._governing_cue(before, q_first, strict=True)
            if cue is None:
                cue_tok, subj, cue = self._cue_in(after, prefer_last=False)
            if cue is None:
                cue_tok, subj, cue = self._governing_cue(before, q_first)
            if cue is None and after and after[0].text in {"-", "–", "—"}:
                cand = [t for t in after if t.pos_ == "PROPN"]
                if cand:
                    subj, cue = cand[0], "-"
            if cue_tok is not None:
                used_verbs.add(cue_tok.i)
            n_words = word_count(qtext)
            if _is_title(text, qs.start) or (n_words < 4 and cue is None):
                continue
            pos = subj.i if subj is not None else self.tok_spans[n][0]
            item = {"span": qs, "n": n, "subj": subj, "cue": cue, "verb": cue_tok, "speaker": None}
            direct.append(item)
            events.append((pos, "direct", item))

        indirect: list[dict] = []
        for tok in doc:
            if tok.i in self.quote_tokens or tok.i in used_verbs:
                continue
            acc = self.according_to(tok)
            if acc is not None:
                item = {"verb": tok, "subj": acc, "cue": "according to", "speaker": None}
                indirect.append(item)
                events.append((acc.i, "indirect", item))
            elif self.is_cue(tok):
                subj = speech_subject(tok, self.quote_tokens)
                comp = [c for c in tok.children if c.dep_ in {"ccomp", "parataxis"}]
                if not comp and tok.dep_ in {"ccomp", "parataxis"} and tok.head.i < tok.i:
                    # "13 civilians were killed ..., the office reported": the clause is the verb's head
                    comp = [tok.head]
                if subj is None or not comp:
                    continue
                item = {"verb": tok, "subj": subj, "cue": tok.text, "speaker": None, "comp": comp}
                indirect.append(item)
                events.append((subj.i, "indirect", item))

        events.sort(key=lambda e: e[0])
        last_direct: dict | None = None
        for _pos, kind, item in events:
            assert isinstance(item, dict)
            speaker: Speaker | None = None
            if item["subj"] is not None:
                speaker = self.discourse.resolve_subject(item["subj"])
            elif kind == "direct":
                speaker = self._continuation(item, last_direct)
            if speaker is not None and speaker.name:
                at = item["subj"].i if item["subj"] is not None else self.tok_spans[item["n"]][0]
                self.discourse.note_speaker(
                    Speaker(speaker.name, speaker.role, speaker.side, speaker.kind, at)
                )
            item["speaker"] = speaker
            if kind == "direct":
                last_direct = item

        quotes: list[Quote] = []
        frames: list[Frame] = []
        for item in direct:
            qs = item["span"]
            sp: Speaker | None = item["speaker"]
            side = sp.side if sp else self._context_side(self.tok_spans[item["n"]][0])
            if sp is not None and side == "unknown" and sp.kind == "person":
                # a witness with no side stated takes the side of the place the report is about
                side = self.actors.places_before(self.tok_spans[item["n"]][0], 600) or "unknown"
            quotes.append(
                Quote(
                    text=text[qs.start : qs.end],
                    speaker=sp.name if sp else None,
                    speaker_role=sp.role if sp else None,
                    claimant=sp.name if sp else None,
                    claimant_side=side,
                    kind="direct",
                    cue=item["cue"],
                    start=qs.start,
                    end=qs.end,
                )
            )
            a, b = self.tok_spans[item["n"]]
            frames.append(
                Frame(
                    a,
                    b,
                    sp,
                    item["cue"],
                    "direct",
                    qs.start,
                    qs.end,
                    item["verb"].i if item["verb"] is not None else None,
                )
            )
        for item in indirect:
            frame = self._indirect_frame(item)
            if frame is None:
                continue
            frames.append(frame)
            sp = frame.speaker
            clause = text[frame.char_start : frame.char_end]
            if word_count(clause) < 3:
                continue
            quotes.append(
                Quote(
                    text=clause,
                    speaker=sp.name if sp else None,
                    speaker_role=sp.role if sp else None,
                    claimant=sp.name if sp else None,
                    claimant_side=sp.side if sp else "unknown",
                    kind="indirect",
                    cue=frame.cue,
                    start=frame.char_start,
                    end=frame.char_end,
                )
            )
        quotes.sort(key=lambda q: (q.start, q.end))
        frames.sort(key=lambda f: (f.start, -(f.end - f.start)))
        return quotes, frames

    def _continuation(self, item: dict, last: dict | None) -> Speaker | None:
        """A quote with no cue of its own continues the voice just before it.

        The second of two quotes in a paragraph ('"A," he said. "B."'), a paragraph that is only a
        quote after a quote, or after "According to him ...".
        """
        qs: QuoteSpan = item["span"]
        start_tok = self.tok_spans[item["n"]][0]
        para_start = self.text.rfind("\n", 0, qs.start) + 1
        if last is not None and last.get("speaker") is not None:
            lq: QuoteSpan = last["span"]
            gap = self.text[lq.end + 1 : qs.start - 1]
            if lq.start >= para_start or (gap.count("\n") <= 3 and not gap.strip()):
                return last["speaker"]
        prev = [s for s in self.discourse.speakers if s.pos < start_tok]
        if prev:
            p = prev[-1]
            gap_text = self.text[self.doc[p.pos].idx : qs.start]
            if gap_text.count("\n") <= 3:
                return p
        return None

    def _context_side(self, tok_i: int) -> str:
        """An unattributed quote takes the side of the people or country the text was just about."""
        for i in range(tok_i - 1, max(-1, tok_i - 150), -1):
            side = self.actors.side[i]
            if side and self.actors.kind[i] in {"person", "polity"}:
                return side
        return "unknown"

    def _indirect_frame(self, item: dict) -> Frame | None:
        doc = self.doc
        verb: Token = item["verb"]
        sp: Speaker | None = item["speaker"]
        if item["cue"] == "according to":
            sent = verb.sent
            prep_toks = {t.i for t in verb.subtree} | {verb.i, verb.i + 1}
            subj: Token = item["subj"]
            prep_toks |= {t.i for t in subj.subtree}
            rest = [t for t in sent if t.i not in prep_toks and not t.is_space]
            while rest and (rest[0].is_punct):
                rest = rest[1:]
            while rest and rest[-1].is_punct and rest[-1].text not in {"”", '"'}:
                rest = rest[:-1]
            if not rest:
                return None
            a, b = rest[0].i, rest[-1].i + 1
            return Frame(
                sent.start,
                sent.end,
                sp,
                "according to",
                "indirect",
                doc[a].idx,
                doc[b - 1].idx + len(doc[b - 1].text),
                verb.i,
            )
        comp: list[Token] = item["comp"]
        toks = sorted(
            {t.i for c in comp for t in c.subtree} - {t.i for t in verb.subtree if t.i >= verb.i}
            if comp[0].i < verb.i
            else {t.i for c in comp for t in c.subtree}
        )
        if not toks:
            return None
        a, b = toks[0], toks[-1] + 1
        while a < b and (doc[a].is_punct or doc[a].lower_ == "that" or doc[a].is_space):
            a += 1
        while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
            b -= 1
        if b <= a:
            return None
        return Frame(
            a, b, sp, item["cue"], "indirect", doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text), verb.i
        )
