"""Direct and reported speech: find the quotes, name their speakers.

Quote marks are paired on the raw text, paragraph by paragraph, so an odd or stray mark
never swallows the article; the parse is only used to attribute them. Every speech event,
direct or reported, becomes a `Frame`: the token range it covers and who speaks in it. The
figure extractor uses the same frames to say who claims a figure.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from .attribution import Actors, Discourse, Speaker, civilian_words, cues, speech_lemmas, speech_subject
from .attribution.registry import before, between
from .attribution.sides import institution_side
from .attribution.speech import carried_document
from .layout import Page, is_outlet
from .records import Quote

DOUBLE_OPEN = {"“": "”", "«": "»", '"': '"', "„": "”", "”": "”"}
ALT_CLOSE = {"„": "“"}  # „German“ quotes
SINGLE_OPEN = {"‘": "’", "'": "'", "‹": "›"}
OPENERS = set(DOUBLE_OPEN) | set(SINGLE_OPEN)
CLOSERS = set(DOUBLE_OPEN.values()) | set(SINGLE_OPEN.values())
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_STRONG_BEFORE = set(",.!?;:…-—–")  # punctuation just inside a closing mark
# word lists from data/cues.json ("_comment_quotes" there says what each holds)
_CHARACTERIZING = frozenset(cues()["characterizing_cues"])  # title cues that also introduce a speaker's words
_FIRST_PERSON = frozenset(cues()["first_person_words"])
_IRREGULAR_SPEECH = frozenset(cues()["irregular_speech_forms"])
_CLAUSE_ONLY_SPEECH = frozenset(cues()["clause_only_speech_verbs"])  # "put it": a cue only with a clause
_TEXT_VERBS = frozenset(cues()["text_verbs"])  # '"...," read the message': a cue with a text as subject
_DOCUMENTS = frozenset(cues()["document_nouns"])
_WORK_NOUNS = frozenset(cues()["work_nouns"])  # 'the chronicle "..."': a quoted name of a work
_LABEL_CUES = frozenset(cues()["label_cues"])
# 'what it calls the "...", what Baku described as "...": the words name a thing, they are not a speech
_LABELLED = re.compile(
    r"\bwhat\s+(?:[\w'’-]+\s+){1,4}?(?:"
    + "|".join(re.escape(w) for w in cues()["label_cues"])
    + r")(?:\s+as)?(?:\s+(?:the|a|an))?$"
)
_HONORIFICS = frozenset(cues()["honorifics"])  # "Mr." alone is no post
_RANK_AND_FILE = frozenset(cues()["rank_and_file"])  # soldiers who speak for themselves, not a command
_TEXT_SUBJECTS = _DOCUMENTS | frozenset(cues()["text_nouns"])


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


@lru_cache(maxsize=1)
def _speech_forms() -> frozenset[str]:
    """Inflected speech verbs ("said", "adds", "stated"): the word before a quote that opens a speech."""
    forms = set(_IRREGULAR_SPEECH)
    for lemma in speech_lemmas():
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms |= {lemma, lemma + "s", lemma + "es", stem + "ed", lemma + "d", stem + "ing"}
        if lemma.endswith("y"):
            forms |= {lemma[:-1] + "ied", lemma[:-1] + "ies"}
    return frozenset(forms)


def _opening_ok(text: str, i: int, line_start: int) -> bool:
    prev = text[i - 1] if i > line_start else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt.isspace():
        return False
    if text[i] == "”":
        # a closing mark typed as an opening one: only at a word start, before a word
        return prev.isspace() or prev in "([{—–-:/"
    if text[i] in "“«„‘‹":
        return not (prev.isalnum() and text[i] == "‘")
    # straight marks open only at a word start: not "Azerbaijan's", not 40" shells
    return prev.isspace() or prev in "([{—–-:/"


def _close_candidates(text: str, i: int, end: int, close: str) -> list[tuple[int, bool]]:
    """Positions of single closing marks that are not apostrophes, each flagged strong or weak.

    A strong close has punctuation just inside it or a non-letter right after it; a weak one is a
    plural possessive ("the soldiers’ positions") or a closing mark before a word.
    """
    out: list[tuple[int, bool]] = []
    for j in range(i + 1, end):
        if text[j] != close:
            continue
        nxt = text[j + 1] if j + 1 < len(text) else " "
        before = text[j - 1]
        if nxt.isalnum() or before.isspace():
            continue  # "Azerbaijan’s", "’90s": an apostrophe
        strong = before in _STRONG_BEFORE or (nxt != " " and not nxt.isalnum()) or j + 1 >= end
        if not strong and nxt == " ":
            after = text[j + 2 : j + 3]
            # "the soldiers’ positions": a plural possessive before a lowercase word
            strong = not (before in "sz" and after.islower())
        out.append((j, strong))
    return out


def _find_close(text: str, i: int, end: int, mark: str) -> int | None:
    """The closing mark for the opening mark at `i`, within text[:end]; None when it is not closed."""
    if mark in SINGLE_OPEN:
        cands = _close_candidates(text, i, end, SINGLE_OPEN[mark])
        if mark == "'":
            cands = [c for c in cands if not text[c[0] - 1].isdigit() or text[c[0] - 2 : c[0] - 1] == " "]
        strong = [j for j, ok in cands if ok]
        return strong[0] if strong else None
    close = DOUBLE_OPEN[mark]
    alt = ALT_CLOSE.get(mark)
    for j in range(i + 1, end):
        ch = text[j]
        if alt is not None and ch == alt and (j + 1 >= end or not text[j + 1].isalnum()):
            return j
        if ch == close:
            if mark == '"' and text[j - 1].isspace() and j + 1 < end and not text[j + 1].isspace():
                return None  # that mark opens the next quote: this one is unclosed
            return j
        if ch == mark and mark != '"' and j + 1 < end and not text[j + 1].isspace():
            return None  # a new opening before our close: ours was never closed
    if mark == '"':
        # a straight mark closed by a curly one ('"Ilham Aliyev apologised ...,” the Kremlin said'), when the
        # paragraph has no straight close
        for j in range(i + 1, end):
            if (
                text[j] == "\u201d"
                and (j + 1 >= end or not text[j + 1].isalnum())
                and "\u201c" not in text[i:j]
            ):
                return j
    return None


def _may_continue(text: str, i: int, line_start: int) -> bool:
    """Whether an unclosed quote opening at `i` may run on into the next paragraph.

    Only a quote that opens its paragraph, or opens after a colon, comma, dash or speech verb, does
    ("He said: "..." / "..."); a stray mark inside a sentence ends with its paragraph.
    """
    before = text[line_start:i].rstrip()
    if not before:
        return True
    if before[-1] in ":,—–-":
        return True
    words = re.findall(r"[A-Za-z]+", before[-20:])
    return bool(words) and words[-1].lower() in _speech_forms()


def _scan(
    text: str, lines: list[tuple[int, int]], li: int, pos: int, spans: list[QuoteSpan]
) -> tuple[int, int | None]:
    """Quotes from `pos` to the end of line `li`; returns where to go on: (line, position or None)."""
    ls, le = lines[li]
    i = pos
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
        # an unclosed double quote: it runs to the end of its paragraph, or on over the following
        # paragraphs that each open with a mark, to the first closing mark
        end = le
        k = li + 1
        if _may_continue(text, i, ls):
            while k < len(lines):
                ks, ke = lines[k]
                body = text[ks:ke]
                if not body.strip():
                    k += 1
                    continue
                o = ks + len(body) - len(body.lstrip())
                if text[o] not in DOUBLE_OPEN or not _opening_ok(text, o, ks):
                    break
                c = _find_close(text, o, ke, text[o])
                if c is not None:
                    spans.append(QuoteSpan(i + 1, c, True))
                    return k, c + 1
                end = ke
                k += 1
            later = _close_in_later_paragraphs(text, lines, k, ch)
            if later is not None:
                # the continuation paragraphs carry no opening mark: only the last one closes
                k, c = later
                spans.append(QuoteSpan(i + 1, c, True))
                return k, c + 1
        stop = end
        while stop > i + 1 and text[stop - 1].isspace():
            stop -= 1
        if stop > i + 1:
            spans.append(QuoteSpan(i + 1, stop, False))
        if end == le:
            return li + 1, None
        return next(n for n, (s, e) in enumerate(lines) if s <= end <= e) + 1, None
    return li + 1, None


def _close_in_later_paragraphs(
    text: str, lines: list[tuple[int, int]], k: int, mark: str
) -> tuple[int, int] | None:
    """For a quote left open at the end of its paragraph, the closing mark a later paragraph gives it (within
    six paragraphs) when those paragraphs open no quote of their own: (line, position), or None. Quotes
    opened and closed inside them are nested in it."""
    closers = {DOUBLE_OPEN[mark], "\u201d"} if mark == '"' else {DOUBLE_OPEN[mark]}
    seen = 0
    while k < len(lines) and seen < 6:
        ks, ke = lines[k]
        if not text[ks:ke].strip():
            k += 1
            continue
        seen += 1
        j = ks
        while j < ke:
            ch = text[j]
            if (
                ch in closers
                and j > ks
                and not text[j - 1].isspace()
                and (j + 1 >= ke or not text[j + 1].isalnum())
            ):
                return k, j
            if ch in DOUBLE_OPEN and _opening_ok(text, j, ks):
                c = _find_close(text, j, ke, ch)
                if c is None:
                    return None  # a quote of its own opens here: ours ended with its paragraph
                j = c + 1
                continue
            j += 1
        k += 1
    return None


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quotation in the text, by character offsets, never raising.

    Marks are paired within a paragraph. A quote whose paragraph ends before its closing mark goes on
    when the next paragraph opens with a mark (the news convention for multi-paragraph quotes) and
    the quote opened a speech; otherwise it ends with its paragraph. Quotes nested inside a quote are
    part of it.
    """
    lines = _lines(text)
    spans: list[QuoteSpan] = []
    li, pos = 0, None
    while li < len(lines):
        li, pos = _scan(text, lines, li, lines[li][0] if pos is None else pos, spans)
    return spans


def word_count(s: str) -> int:
    return len(_WORD.findall(s))


_AGED = re.compile(r"\b(?:\d+|[a-z]+)-year-old\b")


def _is_civilian(sp: Speaker) -> bool:
    """A witness: "a local resident", "a 34-year-old pharmacist"."""
    words = set(re.findall(r"[a-z-]+", f"{sp.name or ''} {sp.role or ''}".lower()))
    return bool(words & civilian_words()) or bool(_AGED.search((sp.role or "").lower()))


def _private_person(sp: Speaker) -> bool:
    """Someone who speaks only for themselves, whose side is where they are from: no post, only an
    honorific ("Mr. Grigoryan"), a witness, or a rank-and-file soldier ("a conscript", "a private")."""
    if not sp.role or _is_civilian(sp):
        return True
    words = set(re.findall(r"[a-z-]+", sp.role.lower()))
    return words <= _HONORIFICS or bool(words & _RANK_AND_FILE)


def _set_off(text: str, qstart: int) -> bool:
    """A quote that stands as an utterance: it opens its line or follows a colon, comma or full stop."""
    ls = text.rfind("\n", 0, max(0, qstart - 1)) + 1
    before = text[ls : max(ls, qstart - 1)].rstrip()
    return not before or before[-1] in ":,.!?;—–-" or before[-1] in CLOSERS


def _is_title(text: str, qstart: int, qend: int) -> bool:
    before = text[max(0, qstart - 60) : qstart - 1].lower().rstrip()
    if _LABELLED.search(before):
        return True  # 'what it calls the "illegal Armenian armed formations"': a label, not a quote
    words = re.findall(r"[a-z\-]+", before)
    if words and words[-1] in _WORK_NOUNS and before.endswith(words[-1]):
        return True  # 'the chronicle "Karabakh conflict: war of 2020"': a name of a work or a section
    if len(words) > 1 and words[-1] in {"the", "a", "an"} and words[-2] in _LABEL_CUES:
        words = words[:-1]  # 'branded them the "..."'
    if not words or words[-1] not in set(cues()["title_cues"]):
        return False
    if words[-1] in _CHARACTERIZING:
        # 'described the plan as "a disaster for working families"' quotes a speaker; 'a video called
        # "Iron Fist"', 'a report known as "The Truth About the War"' name a thing
        quoted = _WORD.findall(text[qstart:qend])
        long = [w for w in quoted if len(w) >= 4]
        capped = sum(w[0].isupper() for w in long)
        return len(quoted) < 4 or not long or capped * 2 > len(long)
    return True


_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
# a date right after a quoted title: 'October 28, 2020', '28 October 2020', 'October 2020', '2020.'
_DATE_AFTER = re.compile(
    rf"^[\s,.]*(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+(?:{_MONTHS})\.?\s+\d{{4}}|(?:{_MONTHS})\.?\s+\d{{4}}|\d{{4}}(?:[.,;]|$))"
)


def _title_case(words: list[str]) -> bool:
    long = [w for w in words if len(w) >= 4]
    return bool(long) and all(w[0].isupper() or w[0].isdigit() for w in long)


def _line_around(text: str, start: int, end: int) -> tuple[int, int]:
    le = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, le if le >= 0 else len(text)


def _is_citation(text: str, qstart: int, qend: int) -> bool:
    """A title in a reference: a footnote line ('[15] Ministry of ..., "Information on ...," October 28,
    2020.') or a quoted title that ends in a comma or full stop and is followed by its date."""
    ls, _ = _line_around(text, qstart, qend)
    if re.match(r"\s*\[\d{1,3}\]", text[ls:qstart]):
        return True
    inner = text[qstart:qend].rstrip()
    return inner.endswith((",", ".")) and bool(_DATE_AFTER.match(text[qend + 1 : qend + 40]))


def _is_heading_title(text: str, qstart: int, qend: int) -> bool:
    """A report's title as a heading line: '"Rockets Fell Like Rain": Attacks on Civilians in ...' (title
    case on both sides of the colon, no speech verb, no full stop)."""
    ls, le = _line_around(text, qstart, qend)
    if text[ls : qstart - 1].strip():
        return False
    rest = text[qend + 1 : le]
    if not rest.startswith(":") or rest.rstrip().endswith((".", "!", "?")):
        return False
    quoted = _WORD.findall(text[qstart:qend])
    after = _WORD.findall(rest)
    if len(after) < 2 or any(w.lower() in _speech_forms() for w in after):
        return False
    return _title_case(quoted) and _title_case(after)


class SpeechAnalyzer:
    def __init__(self, doc: Doc, actors: Actors, discourse: Discourse, page: Page | None = None) -> None:
        self.doc = doc
        self.page = page or Page(discourse.text)
        self.text = self.page.text
        self.actors = actors
        self.discourse = discourse
        self.lemmas = speech_lemmas()
        self.spans = find_quote_spans(self.text)
        self.quote_tokens: set[int] = set()
        discourse.quoted = self.quote_tokens
        self.tok_spans: list[tuple[int, int]] = []
        for qs in self.spans:
            sp = doc.char_span(qs.start, qs.end, alignment_mode="expand")
            rng = (sp.start, sp.end) if sp is not None else (0, 0)
            self.tok_spans.append(rng)
            self.quote_tokens.update(range(*rng))

    # -- finding the cue ------------------------------------------------------------------------------------
    def is_cue(self, tok: Token) -> bool:
        if tok.i in self.quote_tokens:
            return False
        if tok.dep_ in {"acl", "relcl", "amod"}:
            return False  # "the footage published by Baku", "the information spread by": not a speech act
        if tok.lemma_.lower() in _TEXT_VERBS and tok.pos_ == "VERB":
            return _text_subject(tok) is not None
        if tok.lemma_.lower() in self.lemmas and tok.pos_ in {"VERB", "AUX"}:
            return tok.lemma_.lower() not in _CLAUSE_ONLY_SPEECH or any(
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
                return t, _text_subject(t) or speech_subject(t, self.quote_tokens), t.text
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
            ids = {t.i for t in before}
            for t in reversed(before):
                if t.i in anc and self.is_cue(t):
                    # a partial quote in a clause reported by another speech verb is the words of whoever
                    # reports it: 'he said Armenia had asked for help because "..."', 'X said the figure
                    # would be released "..."'
                    v, outer = t, None
                    while v.dep_ == "ccomp" and v.head != v and v.head.i in ids:
                        v = v.head
                        if self.is_cue(v):
                            outer = v
                    subj = speech_subject(outer, self.quote_tokens) if outer is not None else None
                    if outer is not None and subj is not None:
                        return outer, subj, outer.text
                    return t, _text_subject(t) or speech_subject(t, self.quote_tokens), t.text
        if strict:
            return None, None, None
        return self._cue_in(before, prefer_last=True)

    # -- attribution ----------------------------------------------------------------------------------------
    def analyse(self) -> tuple[list[Quote], list[Frame]]:
        doc, text = self.doc, self.text
        lines = _lines(text)

        # looked up by bisection, not by scanning: a page may hold thousands of quotes and lines
        line_starts = [ls for ls, _ in lines]
        quote_starts = sorted(s.start for s in self.spans)
        quote_ends = sorted(s.end for s in self.spans)

        def line_of(ch: int) -> tuple[int, int]:
            k = bisect_right(line_starts, ch) - 1
            if k >= 0 and ch <= lines[k][1]:
                return lines[k]
            return lines[-1]

        events: list[tuple[int, str, object]] = []  # (position, kind, payload)
        direct: list[dict] = []
        used_verbs: set[int] = set()
        for n, qs in enumerate(self.spans):
            qtext = text[qs.start : qs.end]
            ls, le = line_of(qs.start - 1)
            _, cle = line_of(qs.end)
            k = bisect_right(quote_starts, qs.end)
            nxt_open = min(quote_starts[k] - 1, cle) if k < len(quote_starts) else cle
            k = bisect_left(quote_ends, qs.start) - 1
            prev_close = max(quote_ends[k] + 1, ls) if k >= 0 else ls
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
            after_all = after
            stop = next((k for k, t in enumerate(after) if t.text in {".", "!", "?"}), len(after))
            after = after[:stop]
            tail = qtext.rstrip()[-1:] if qtext.strip() else ""
            if tail == ".":
                after = []
            elif tail in {"!", "?"}:
                after = after[:4]
            if not before and not text[ls : qs.start - 1].strip() and prev_close <= ls:
                # a paragraph that only quotes, after a paragraph that ends in a colon:
                # 'Elena Petrova, a historian, put it bluntly:\n\n"..."'
                before = self._colon_paragraph(ls)
            cue_tok = subj = cue = None
            if before and before[-1].text == ":":
                # "Hajiyev: "..."" and "He tweeted: "...""
                cue_tok, subj, cue = self._cue_in(before[:-1], prefer_last=True)
                if cue_tok is None:
                    # a label: "Hajiyev:", "Artsakh ombudsman:", "Pashinyan on the ceasefire:"
                    label = before[:-1]
                    subj = _clause_subject(label)  # "Smith, who coached the team, was blunt:"
                    if subj is not None:
                        cue = ":"
                    cut = next((k for k, t in enumerate(label) if t.pos_ == "ADP" and t.lower_ != "of"), None)
                    label = label[:cut] if cut else label
                    cand = [t for t in label if t.pos_ in {"PROPN", "NOUN"} or self.actors.side[t.i]]
                    if cand and subj is None:
                        # the label's head word: "Ministry of Defense:" is the ministry, not "Defense"
                        ids = {t.i for t in label}
                        heads = [t for t in cand if t.head.i not in ids or t.head == t]
                        subj, cue = (heads or cand)[-1], ":"
            if cue is None:
                cue_tok, subj, cue = self._governing_cue(before, q_first, strict=True)
            if cue is None:
                cue_tok, subj, cue = self._cue_in(after, prefer_last=False)
            if cue is None and tail == ",":
                cue_tok, subj, cue = self._trailing_cue(after)
            if cue is None:
                cue_tok, subj, cue = self._governing_cue(before, q_first)
            if cue is None and after_all and after_all[0].text in {"-", "–", "—"}:
                # '"..." - the Armenian Defense Ministry': the name after the dash (also after a quote that
                # ends its sentence: '"...." — Captain Rosa Delgado, commander of the team')
                run = []
                for t in after_all[1:]:
                    hyphen = t.text in {"-", "–"} and not t.whitespace_ and not self.doc[t.i - 1].whitespace_
                    if t.pos_ not in {"PROPN", "NOUN", "ADJ", "DET"} and t.tag_ != "POS" and not hyphen:
                        break  # a hyphen inside a word goes on: "Mohamed El-Erian"
                    run.append(t)
                ids = {t.i for t in run}
                heads = [t for t in run if t.head.i not in ids or t.head == t]
                if heads and any(t.pos_ in {"PROPN", "NOUN"} for t in run):
                    subj, cue = heads[-1], "-"
            if cue is None and q_first is not None and before:
                # 'The statement, read out by X, provided for ... "..."': the document's words
                cue_tok, subj, cue = self._document_cue(q_first)
            if cue is None and q_first is not None and not before:
                # "Hajiyev spoke to journalists. "..."" / ""..." Aliyev said this on Monday."
                cue_tok, subj, cue = self._neighbour_cue(qs, q_first, used_verbs)
            n_words = word_count(qtext)
            scare = n_words < 4 and (cue is None or not _set_off(text, qs.start))
            truncated = not qs.closed and ("..." in qtext or "\u2026" in qtext)
            if (
                truncated  # a teaser cut off mid-quote: 'the "large-scale... 13.09.2022, Sputnik'
                or self.page.furniture_at(qs.start)  # a "Latest news" headline
                or _is_title(text, qs.start, qs.end)
                or scare
                or _is_citation(text, qs.start, qs.end)
                or _is_heading_title(text, qs.start, qs.end)
            ):
                continue  # a title, or scare quotes: 'described the strike as a "terrorist act"'
            if cue_tok is not None and (_set_off(text, qs.start) or cue == "according to"):
                # a verb that only governs a partial quote ('said Baku was "...."') still reports its clause
                used_verbs.add(cue_tok.i)
            pos = subj.i if subj is not None else self.tok_spans[n][0]
            item = {"span": qs, "n": n, "subj": subj, "cue": cue, "verb": cue_tok, "speaker": None}
            direct.append(item)
            events.append((pos, "direct", item))

        indirect: list[dict] = []
        direct_verbs = {d["verb"].i for d in direct if d["verb"] is not None}
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
                if (
                    not comp
                    and tok.dep_ in {"ccomp", "parataxis"}
                    and tok.head.i < tok.i
                    and not any(c.dep_ == "mark" for c in tok.children)
                    and not self.is_cue(tok.head)
                ):
                    # "13 civilians were killed ..., the office reported": the clause is the verb's head
                    # (but not in "he added that Azerbaijan had rejected ...": that verb is the content)
                    comp = [tok.head]
                if (
                    not comp
                    and tok.dep_ == "advcl"
                    and tok.head.i < tok.i
                    and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
                ):
                    comp = [tok.head]  # "The toll rose to 1,221, as the authorities announced on Monday"
                if not comp:
                    # "253 people ... are still missing, the Investigative Committee said": a clause with a
                    # subject of its own, set off by a comma before the speaker, parsed as a modifier
                    comp = [
                        c
                        for c in tok.children
                        if c.dep_ in {"advcl", "dep"}
                        and c.i < tok.i
                        and c.right_edge.i + 1 < len(doc)
                        and doc[c.right_edge.i + 1].text == ","
                        and any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)
                        and not any(g.dep_ == "mark" for g in c.children)
                    ]
                if subj is not None and not comp and tok.i not in direct_verbs:
                    # "A resident told a correspondent by phone ...", "She spoke to reporters": no words of
                    # its own, yet it names someone a later "he said" or "she" may be
                    events.append((subj.i, "bare", {"verb": tok, "subj": subj, "speaker": None}))
                if subj is None or not comp:
                    continue
                if all(t.i in self.quote_tokens for c in comp for t in c.subtree if not t.is_punct):
                    continue  # its words are a direct quote, attributed there ('"...:" ... "...," X said')
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
            if speaker is not None and speaker.name and not is_outlet(speaker.name):
                # (an outlet that "reports" what others say is no voice a later quote continues)
                at = item["subj"].i if item["subj"] is not None else self.tok_spans[item["n"]][0]
                self.discourse.note_speaker(
                    Speaker(speaker.name, speaker.role, speaker.side, speaker.kind, at)
                )
            item["speaker"] = speaker
            if kind == "direct":
                last_direct = item

        quotes: list[Quote] = []
        frames: list[Frame] = []
        given: dict[str, str] = {}  # the side each speaker was first quoted with
        for item in direct:
            qs = item["span"]
            sp: Speaker | None = item["speaker"]
            side = sp.side if sp else self._context_side(self.tok_spans[item["n"]][0])
            if sp is not None and side == "unknown" and sp.name in given:
                side = given[sp.name]  # "Katarina Novak said" again: the researcher quoted before
            if sp is not None and side == "unknown" and sp.kind == "person" and _private_person(sp):
                # (an analyst or a reporter named with their post is a third party, wherever they speak)
                # a witness with no side stated takes the side of the place the report is about
                # (the places the attribution names count: '"...," he said at his home in Goris')
                anchor = self.tok_spans[item["n"]][0]
                if item["verb"] is not None:
                    anchor = max(anchor, item["verb"].sent.end)
                side = self.actors.places_before(anchor, 600) or "unknown"
                if side == "unknown" and _is_civilian(sp):
                    side = "other"  # "a local resident" with no place named: speaks for no side
            if (
                sp is not None
                and side == "unknown"
                and (own := institution_side(sp, doc, self.actors, self.page))
            ):
                side = own  # "the ministry said" in a Baku paper
            if sp is not None and sp.name and side == "unknown":
                side = "other"  # named, yet on neither side as far as the text says: a third party
            if sp is not None and sp.name:
                given.setdefault(sp.name, side)
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
            if sp is not None and side != sp.side:
                # the figures in the quote are claimed with the side the quote is given
                sp = replace(sp, side=side)
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

    def _document_cue(self, quote: Span) -> tuple[Token | None, Token | None, str | None]:
        """A partial quote in a clause whose subject is a document ('The statement ... provided for the
        exchange of prisoners "..."'): the verb it hangs on, and the document as its subject (the parser
        may make the verb a modifier of the document when that is the sentence's root)."""
        v = quote.root
        while v.i in self.quote_tokens and v.head != v:
            v = v.head
        for _ in range(4):
            if v.i in self.quote_tokens:
                break
            if v.pos_ in {"VERB", "AUX"}:
                subj = next((c for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                if subj is None and v.dep_ == "acl" and v.head.dep_ == "ROOT" and v.head.i < v.i:
                    subj = v.head
                if subj is not None and subj.lower_ in _DOCUMENTS:
                    return v, subj, v.text
                return None, None, None
            if v.head == v:
                break
            v = v.head
        return None, None, None

    def _trailing_cue(self, after: list[Token]) -> tuple[Token | None, Token | None, str | None]:
        """'"...," head of the press service of the Ministry Colonel X said.': a long title before the
        name can make the parser hang the speech verb on the quote as a relative clause; a speech verb
        with its own subject that ends the attribution still names the speaker."""
        for k, t in enumerate(after):
            if (
                t.dep_ in {"relcl", "acl"}
                and t.pos_ == "VERB"
                and t.lemma_.lower() in self.lemmas
                and all(
                    u.is_punct or u.is_space or u.dep_ in {"prep", "pobj", "npadvmod"} for u in after[k + 1 :]
                )
            ):
                subj = next((c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < t.i), None)
                if subj is not None and subj.i in {u.i for u in after}:
                    return t, subj, t.text
        return None, None, None

    def _colon_paragraph(self, line_start: int) -> list[Token]:
        """The last sentence of the paragraph before `line_start` when it ends in a colon (one blank line
        between them at most) and holds no quote."""
        text = self.text
        end = line_start - 1
        while end > 0 and text[end - 1] in " \t\n" and text.count("\n", end - 1, line_start) <= 2:
            end -= 1
        if end <= 0 or text[end - 1] != ":" or text.count("\n", end, line_start) > 2:
            return []
        sp = self.doc.char_span(end - 1, end, alignment_mode="expand")
        if sp is None:
            return []
        sent = sp[0].sent
        if any(t.i in self.quote_tokens for t in sent):
            return []
        return [t for t in sent if not t.is_space and t.i <= sp[0].i]

    def _bare_cue(self, sent: Span, used: set[int]) -> tuple[Token | None, Token | None]:
        """A speech act that gives no content of its own: "Hajiyev spoke to journalists on Monday"."""
        for t in sent:
            if t.i in used or t.dep_ not in {"ROOT", "conj"} or (t.dep_ == "conj" and t.head.dep_ != "ROOT"):
                continue
            if not self.is_cue(t) or any(c.dep_ in {"ccomp", "parataxis"} for c in t.children):
                continue
            subj = speech_subject(t, self.quote_tokens)
            if subj is not None:
                return t, subj
        return None, None

    def _neighbour_cue(
        self, qs: QuoteSpan, quote: Span, used: set[int]
    ) -> tuple[Token | None, Token | None, str | None]:
        """A quote that is a sentence of its own takes the speech verb of the sentence right after it in
        its paragraph, or of the sentence right before it (the last of the previous paragraph when the
        quote opens its own)."""
        doc, text = self.doc, self.text
        nxt = qs.end + 1
        while nxt < len(text) and text[nxt] in " \t.":
            nxt += 1
        if nxt < len(text) and text[nxt] not in "\n" and text[nxt] not in OPENERS:
            sp = doc.char_span(nxt, min(len(text), nxt + 1), alignment_mode="expand")
            if sp is not None:
                sent = sp[0].sent
                tok, subj = self._bare_cue(sent, used)
                quoted = any(t.i in self.quote_tokens for t in sent)
                if tok is not None and tok.i < sent.start + 10 and not quoted:
                    return tok, subj, tok.text
        first = quote[0]
        start = first.sent.start
        while start > 0 and doc[start - 1].is_space:
            start -= 1
        if start == 0:
            return None, None, None
        gap = text[doc[start - 1].idx + len(doc[start - 1].text) : qs.start - 1]
        if gap.count("\n") > 2:
            return None, None, None
        sent = doc[start - 1].sent
        tok, subj = self._bare_cue(sent, used)
        if tok is not None:
            return tok, subj, tok.text
        return None, None, None

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
        named = self._previous_subject(qs, start_tok)
        if named is not None:
            return named
        prev = before(self.discourse.speakers, start_tok, 1)
        if prev:
            p = prev[-1]
            gap_text = self.text[self.doc[p.pos].idx : qs.start]
            if gap_text.count("\n") <= 3:
                return p
        return None

    def _previous_subject(self, qs: QuoteSpan, start_tok: int) -> Speaker | None:
        """A quote that is a sentence of its own, right after a sentence about a person, is theirs:
        'Harris was defiant. "We will not be intimidated."', or a paragraph that only quotes after a
        paragraph that introduces someone ("Sarah Mitchell, the principal, has spent weeks ...")."""
        doc, text = self.doc, self.text
        line_start = text.rfind("\n", 0, qs.start) + 1
        before = text[line_start : qs.start - 1].rstrip()
        if before and before[-1] not in ".!?" and before[-1] not in CLOSERS:
            return None  # the quote does not open its sentence
        words = {w.lower() for w in _WORD.findall(text[qs.start : qs.end])}
        if not words & _FIRST_PERSON:
            return None  # words about someone ("Yervand did not hesitate ..."), not by them
        k = start_tok - 1
        while k >= 0 and (doc[k].is_space or doc[k].text in OPENERS):
            k -= 1
        if k < 0:
            return None
        gap = text[doc[k].idx + len(doc[k].text) : qs.start - 1]
        if gap.count("\n") > 2:
            return None
        sent = doc[k].sent
        if any(t.i in self.quote_tokens for t in sent):
            return None
        root = sent.root
        subj = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is None or root.pos_ not in {"VERB", "AUX"}:
            return None
        sp = self.discourse.resolve_subject(subj)
        if sp is None or sp.kind != "person" or not sp.name:
            return None
        named = between(self.discourse.mentions, sent.start, sent.end)
        if subj.pos_ != "PRON" and not any(m.kind == "person" and m.name == sp.name for m in named):
            return None  # a description ("the crowd"), not someone the article names
        if words & {w.lower() for w in sp.name.split()}:
            return None  # the quote names them: it is about them
        return sp

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
        before = comp[0].i < verb.i  # the words come first: "..., the ministry said", "..., as X announced"
        as_clause = before and verb.dep_ == "advcl"
        own = {t.i for t in verb.subtree if t.i >= verb.i or as_clause}
        toks = sorted(
            {t.i for c in comp for t in c.subtree} - own if before else {t.i for c in comp for t in c.subtree}
        )
        if as_clause:
            toks = [t for t in toks if t < min(own)]  # the words before "as X announced", not its full stop
        if not toks:
            return None
        a, b = toks[0], toks[-1] + 1
        while a < b and (doc[a].is_punct or doc[a].lower_ == "that" or doc[a].is_space):
            a += 1
        while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
            b -= 1
        if b <= a:
            return None
        a, b = self._balance(a, b)
        return Frame(
            a, b, sp, item["cue"], "indirect", doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text), verb.i
        )

    def _balance(self, a: int, b: int) -> tuple[int, int]:
        """Keep the marks of a partial quote the clause holds: 'Baku would not "give an inch"'."""
        doc = self.doc
        s = doc[a:b].text
        if s.count('"') % 2 == 0 and s.count("“") == s.count("”") and s.count("«") == s.count("»"):
            return a, b
        if a > 0 and doc[a - 1].text in OPENERS and not doc[a - 1].whitespace_:
            a -= 1
        elif b < len(doc) and doc[b].text in CLOSERS:
            b += 1
        return a, b


def _text_subject(verb: Token) -> Token | None:
    """For a verb of written words ('"...," read one message', 'the sign read: "..."'), the text that is
    its subject; the parser often makes a subject after the verb its object."""
    if verb.lemma_.lower() not in _TEXT_VERBS or verb.pos_ != "VERB":
        return None
    if verb.dep_ == "acl" and verb.head.lower_ in _TEXT_SUBJECTS:
        return verb.head  # "carried a statement from the ministry, reading: ...": the statement's words
    own = any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ not in _TEXT_SUBJECTS for c in verb.children)
    for c in verb.children:
        if c.lower_ in _TEXT_SUBJECTS and (
            c.dep_ == "nsubj" or (c.dep_ == "dobj" and c.i > verb.i and not own)
        ):
            return c  # (but in "he read the statement" the reader speaks)
    return None


def _clause_subject(tokens: list[Token]) -> Token | None:
    """The subject of the clause that ends in the colon, when it is a clause and not a bare label."""
    ids = {t.i for t in tokens}
    for t in tokens:
        if (t.head == t or t.head.i not in ids) and t.pos_ in {"VERB", "AUX"}:
            carried = carried_document(t, set())  # "News agencies carried a statement from X, reading:"
            if carried is not None:
                return carried
            return next((c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i in ids), None)
    return None
