"""Triage: the model (tagger, parser, NER) runs only on the paragraphs that can hold a claim, and on the
context the extractors read there.

A document is tokenized and cut into blocks at the line breaks that start a sentence (the
`claims_paragraphs` component). A cheap pass over the tokens (`triggers`) marks the blocks that can hold a
claim: a quotation, a figure, a digit, a quote mark, or a word whose lemma may be a speech verb. `context`
adds what the extractors read around them: the headline and lead, the blocks either side, and every earlier
block that may name someone (attribution resolves "he", "the ministry" or a surname against anyone named
before). The word lists and the rules are in data/triage.json, where the context is widened.

The kept blocks go through the model as one smaller Doc, each run of them with margins: the block before it
(the parser carries what it holds at a sentence's end into the next one) and a few tokens either side (the
model's windows look past a boundary). Its annotations are copied back onto the document's own tokens;
skipped blocks keep none (no tag, lemma, dependency or entity) and are one sentence each. The project's rule
components and the claims extractor then run on the whole document, so every record's offsets and text are
those of the full parse. When most of a document is kept anyway (`parse_all_above`), or a run's parse or
entities would reach past its ends, the whole document is parsed as it is without triage.

The model runs with its attribute ruler's simple patterns looked up (attributes.py), with the same result.
tests/test_triage.py checks that the claims are those of the full parse (`extract_many(full_parse=True)`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from weakref import WeakKeyDictionary

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, NORM, POS, SENT_START, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from .attributes import IndexedAttributeRuler
from .datafiles import read_json

__all__ = ["Context", "Plan", "Triage", "make_plan", "pipe", "triage_for"]

# The project's own components (pipeline.py): the paragraph splitter runs before triage, the others on the
# whole document after the model.
PARAGRAPHS = "claims_paragraphs"
OWN_COMPONENTS = frozenset({PARAGRAPHS, "claims_actors", "claims_equipment", "claims_extractor"})
# What the model sets on a token, copied back from the smaller Doc.
_ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]
_I_ENT = 1  # ENT_IOB "I": inside an entity begun before
_B_ENT = 3  # ENT_IOB "B": an entity begins
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Context:
    """What is parsed besides the triggers (data/triage.json, "context")."""

    lead_blocks: int
    before: int
    after: int
    mentions: bool
    margin_blocks: int
    margin_tokens: int
    parse_all_above: float
    max_part_tokens: int


def _config() -> dict[str, Any]:
    return read_json("triage.json")


def context_rules() -> Context:
    return Context(**_config()["context"])


@lru_cache(maxsize=1)
def cue_lemmas() -> frozenset[str]:
    """Lemmas that make a word a cue: data/speech_verbs.txt, and the cue lists triage.json names."""
    from .attribution.lexicon import speech_lemmas

    lemmas = set(speech_lemmas())
    for file, keys in _config()["cue_lemma_lists"].items():
        table = read_json(file)
        for key in keys:
            lemmas |= {w.lower() for w in table[key]}
    return frozenset(lemmas)


class CueWords:
    """Whether a word can be a cue, from its spelling alone: whether any lemma the model's lemmatizer could
    give it (its rules and exceptions for every part of speech, and the attribute ruler's lemma patterns) is
    a cue lemma. Cached by lower-case form."""

    def __init__(self, nlp: Language) -> None:
        self.lemmas = cue_lemmas()
        self.words = frozenset(w.lower() for w in _config()["cue_words"])
        self.rules: list[tuple[str, str]] = []
        self.exceptions: list[dict[str, list[str]]] = []
        self.fixed: dict[str, set[str]] = {}
        if "lemmatizer" in nlp.pipe_names:
            lookups = nlp.get_pipe("lemmatizer").lookups
            if lookups.has_table("lemma_rules"):
                for rules in lookups.get_table("lemma_rules").values():
                    self.rules.extend((old, new) for old, new in rules)
            if lookups.has_table("lemma_exc"):
                self.exceptions = list(lookups.get_table("lemma_exc").values())
        if "attribute_ruler" in nlp.pipe_names:
            for pattern in nlp.get_pipe("attribute_ruler").patterns:
                lemma = pattern["attrs"].get("LEMMA")
                if lemma is None:
                    continue
                for token in pattern["patterns"][0]:
                    for value in (token.get("LOWER"), token.get("ORTH")):
                        spelled = value.get("IN", []) if isinstance(value, dict) else [value] if value else []
                        for word in spelled:
                            self.fixed.setdefault(word.lower(), set()).add(lemma.lower())
        self._cache: dict[str, bool] = {}

    def possible_lemmas(self, low: str) -> set[str]:
        out = {low}
        for old, new in self.rules:
            if low.endswith(old):
                out.add(low[: len(low) - len(old)] + new)
        for table in self.exceptions:
            out.update(table.get(low, ()))
        out |= self.fixed.get(low, set())
        return out

    def __call__(self, low: str) -> bool:
        hit = self._cache.get(low)
        if hit is None:
            hit = low in self.words or not self.possible_lemmas(low).isdisjoint(self.lemmas)
            self._cache[low] = hit
        return hit


def blocks(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges between the sentence starts already set (by `claims_paragraphs`)."""
    starts = [0, *(t.i for t in doc[1:] if t.is_sent_start)]
    return list(zip(starts, [*starts[1:], len(doc)], strict=True))


@dataclass
class Plan:
    """Which blocks of a document the model runs on."""

    blocks: list[tuple[int, int]]
    keep: list[bool]
    n_tokens: int
    # the blocks with more than white space (the others go with the block before them)
    real: list[int] = field(default_factory=list)

    @property
    def kept_tokens(self) -> int:
        return sum(b - a for (a, b), k in zip(self.blocks, self.keep, strict=True) if k)

    @property
    def runs(self) -> list[tuple[int, int]]:
        """The kept token ranges, adjacent blocks joined."""
        out: list[tuple[int, int]] = []
        for (a, b), k in zip(self.blocks, self.keep, strict=True):
            if not k:
                continue
            if out and out[-1][1] == a:
                out[-1] = (out[-1][0], b)
            else:
                out.append((a, b))
        return out


class Triage:
    """The cheap pass over one pipeline's documents: triggers, then context."""

    def __init__(self, nlp: Language, rules: Context | None = None) -> None:
        self.nlp = nlp
        self.cue = CueWords(nlp)
        self.rules = rules or context_rules()
        self.quote_chars = frozenset(_config()["quote_chars"])
        self.paragraphs, self.model, self.after = _stages(nlp)

    # -- running the pipeline -------------------------------------------------------------------------------
    def run(self, texts: list[str | Doc], batch_size: int, *, parse_all: bool = False) -> list[Doc]:
        """The Docs of `texts` (or of Docs only tokenized), through the whole pipeline, the model only on
        what `plan` keeps (on every block with `parse_all`). A document longer than `max_part_tokens` never
        goes through the model whole: its kept blocks go in parts of at most that many tokens."""
        rules = self.rules
        docs = [self.paragraphs(t if isinstance(t, Doc) else self.nlp.make_doc(t)) for t in texts]
        plans = [self.plan(doc) for doc in docs]
        if parse_all:
            for p in plans:
                p.keep = [True] * len(p.keep)
        parts: list[list[_Part] | None] = []
        for doc, p in zip(docs, plans, strict=True):
            if len(doc) > rules.max_part_tokens:
                parts.append(self._pieces(doc, p))
            elif p.kept_tokens >= rules.parse_all_above * p.n_tokens:
                parts.append(None)
            else:
                parts.append([_part(doc, p, self.margins(doc, p))])
        inputs = [x for doc, ps in zip(docs, parts, strict=True) for x in ([doc] if ps is None else ps)]
        parsed = iter(self._model([x if isinstance(x, Doc) else x.doc for x in inputs], batch_size))
        whole = []
        for k, (doc, ps, plan) in enumerate(zip(docs, parts, plans, strict=True)):
            if ps is None:
                docs[k] = next(parsed)
                continue
            for _ in ps:
                next(parsed)
            # a long document's parts are cut inside its runs, where an entity may cross the cut: trimmed
            strict = len(doc) <= rules.max_part_tokens
            if not _copy_back(doc, ps, plan, strict=strict):
                whole.append(k)
        for k, doc in zip(whole, self._model([docs[k] for k in whole], batch_size), strict=True):
            docs[k] = doc
        return _through(self.after, docs, batch_size)

    def _pieces(self, doc: Doc, plan: Plan) -> list[_Part]:
        """A long document's kept runs as parts of at most `max_part_tokens` tokens each, margins included.
        A run too long for one part is cut at the starts of its blocks, each piece with the block before it
        and `margin_tokens` more as its margin, as a run has."""
        rules = self.rules
        limit = rules.max_part_tokens
        # each piece at most half a part, so that a part always holds one with its margins
        step = max(1, limit // 2 - 2 * rules.margin_tokens)
        starts = [a for a, _ in plan.blocks]
        pieces: list[tuple[tuple[int, int], tuple[int, int]]] = []
        for (a, b), (lo, hi) in zip(plan.runs, self.margins(doc, plan), strict=True):
            if hi - lo <= limit // 2:
                pieces.append(((a, b), (lo, hi)))
                continue
            cut = a
            while cut < b:
                k = bisect_right(starts, cut + step) - 1
                if cut + step >= b:
                    end = b
                elif starts[k] > cut:
                    end = starts[k]
                else:
                    # a block longer than a step is taken whole (`claims_paragraphs` ends a sentence every
                    # MAX_SENTENCE_TOKENS at least)
                    k = bisect_right(starts, cut)
                    end = min(b, starts[k] if k < len(starts) else len(doc))
                prev = starts[max(0, bisect_left(starts, cut) - 1)]
                margin = (max(0, prev - rules.margin_tokens), min(len(doc), end + rules.margin_tokens))
                pieces.append(((cut, end), margin))
                cut = end
        out: list[_Part] = []
        group: list[tuple[tuple[int, int], tuple[int, int]]] = []
        size = 0
        for piece in pieces:
            width = piece[1][1] - piece[1][0]
            if group and size + width > limit:
                out.append(_part_of(doc, group))
                group, size = [], 0
            group.append(piece)
            size += width
        if group:
            out.append(_part_of(doc, group))
        return out

    def _model(self, docs: list[Doc], batch_size: int) -> list[Doc]:
        """The model over `docs`, in batches of at most `batch_size` documents and `max_part_tokens` tokens
        (a long document's parts come one or two at a time): the model's memory grows with the tokens of a
        batch, 1.6 GB for 16 parts of 10,000 tokens."""
        out: list[Doc] = []
        group: list[Doc] = []
        size = 0
        for doc in docs:
            if group and (len(group) == batch_size or size + len(doc) > self.rules.max_part_tokens):
                out += _through(self.model, group, batch_size)
                group, size = [], 0
            group.append(doc)
            size += len(doc)
        if group:
            out += _through(self.model, group, batch_size)
        return out

    def triggers(self, doc: Doc, spans: list[tuple[int, int]]) -> list[bool]:
        """Which blocks can hold a claim: a quotation, a digit, a quote mark, a cue word, or any figure the
        numbers scanner reads (number words, vague plurals), looked for in that order."""
        from .numbers import scan_doc
        from .quotes import find_quote_spans

        hit = [False] * len(spans)
        starts = [a for a, _ in spans]
        for qs in find_quote_spans(doc.text):
            span = doc.char_span(qs.start, qs.end, alignment_mode="expand")
            if span is not None:
                first = bisect_right(starts, span.start) - 1
                last = bisect_right(starts, max(span.start, span.end - 1)) - 1
                for k in range(first, last + 1):
                    hit[k] = True
        cue, quote_chars = self.cue, self.quote_chars
        for k, (a, b) in enumerate(spans):
            if hit[k]:
                continue
            hit[k] = any(
                _DIGIT.search(t.text) is not None or not quote_chars.isdisjoint(t.text) or cue(t.lower_)
                for t in doc[a:b]
            )
            if not hit[k]:
                # (a figure read across the end of the block also starts in it)
                hit[k] = any(f.start < b - a for f in scan_doc(doc[a : min(len(doc), b + 4)]))
        return hit

    def context(self, doc: Doc, spans: list[tuple[int, int]], real: list[int], hit: list[bool]) -> list[bool]:
        """The blocks to parse: the triggers and what the extractors read around them (see `Context`)."""
        rules = self.rules
        keep = [False] * len(spans)
        for n, k in enumerate(real):
            if n < rules.lead_blocks or hit[k]:
                keep[k] = True
            if hit[k]:
                for m in real[max(0, n - rules.before) : n + rules.after + 1]:
                    keep[m] = True
        if rules.mentions:
            # Attribution resolves "he", "the company", a surname, against everyone the text named before,
            # however far back: every earlier block that may name someone is parsed.
            last = max((k for k in real if hit[k]), default=-1)
            for k in real:
                if k < last and not keep[k] and _may_name(doc, *spans[k]):
                    keep[k] = True
        spaces = set(range(len(spans))) - set(real)
        for k in sorted(spaces):
            keep[k] = keep[k - 1] if k > 0 else True
        return keep

    def plan(self, doc: Doc) -> Plan:
        spans = blocks(doc)
        real = [k for k, (a, b) in enumerate(spans) if any(not t.is_space for t in doc[a:b])]
        plan = Plan(spans, self.context(doc, spans, real, self.triggers(doc, spans)), len(doc), real)
        self._join(doc, plan)
        return plan

    def margins(self, doc: Doc, plan: Plan) -> list[tuple[int, int]]:
        """The token range the model sees for each kept run: the run, the `margin_blocks` blocks before it
        (the parser carries what it holds at the end of one sentence into the next), and `margin_tokens`
        more either side (its windows look that far past a boundary)."""
        rules = self.rules
        real = [plan.blocks[k][0] for k in plan.real]
        out = []
        for a, b in plan.runs:
            n = bisect_left(real, a)
            first = real[max(0, n - rules.margin_blocks)] if real else a
            out.append((max(0, min(a, first) - rules.margin_tokens), min(len(doc), b + rules.margin_tokens)))
        return out

    def _join(self, doc: Doc, plan: Plan) -> None:
        """Skipped blocks that the margins of the runs either side cover are parsed anyway: keep them."""
        while True:
            runs, margins = plan.runs, self.margins(doc, plan)
            gaps = [
                (b, a)
                for (_, b), (_, hi), (a, _), (lo, _) in zip(
                    runs, margins, runs[1:], margins[1:], strict=False
                )
                if lo <= hi
            ]
            if not gaps:
                return
            starts = [s for s, _ in plan.blocks]
            for b, a in gaps:
                for k in range(bisect_left(starts, b), bisect_left(starts, a)):
                    plan.keep[k] = True


def _may_name(doc: Doc, a: int, b: int) -> bool:
    """Whether a block has a capitalised word other than a stop word ("The", "He"): a name, maybe."""
    return any(t.is_alpha and len(t) > 1 and t.text[0].isupper() and not t.is_stop for t in doc[a:b])


def _stages(nlp: Language) -> tuple[Any, list[Any], list[Any]]:
    """The pipeline cut in three: the paragraph splitter; the model's components (its attribute ruler with
    its simple patterns looked up: attributes.py); the project's rule components and the extractor."""
    names = nlp.pipe_names
    model = [(n, p) for n, p in nlp.pipeline if n not in OWN_COMPONENTS]
    last = max((names.index(n) for n, _ in model), default=-1)
    if PARAGRAPHS not in names or any(n in OWN_COMPONENTS - {PARAGRAPHS} for n in names[:last]):
        raise ValueError(f"triage needs {PARAGRAPHS} and the model before the rule components: {names}")
    labels = {}
    for attr, pipe_name in (("TAG", "tagger"), ("DEP", "parser")):
        if pipe_name in names:
            labels[attr] = set(nlp.get_pipe(pipe_name).labels) | ({"ROOT"} if attr == "DEP" else set())
    procs = [
        IndexedAttributeRuler(p, labels) if isinstance(p, AttributeRuler) and len(labels) == 2 else p
        for _, p in model
    ]
    return nlp.get_pipe(PARAGRAPHS), procs, [p for _, p in nlp.pipeline[last + 1 :]]


def _through(procs: list[Any], docs: list[Doc], batch_size: int) -> list[Doc]:
    for proc in procs:
        docs = (
            list(proc.pipe(docs, batch_size=batch_size)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        )
    return docs


# -- the partial parse --------------------------------------------------------------------------------------
@dataclass
class _Part:
    """A document's kept runs as one smaller Doc: each run with its margins, and where it sits there."""

    doc: Doc
    runs: list[tuple[int, int, int]]  # (start, end) in the document, start in the smaller Doc


def _part(doc: Doc, plan: Plan, margins: list[tuple[int, int]]) -> _Part:
    return _part_of(doc, list(zip(plan.runs, margins, strict=True)))


def _part_of(doc: Doc, pieces: list[tuple[tuple[int, int], tuple[int, int]]]) -> _Part:
    """One smaller Doc of token runs (a, b), each inside its margins (lo, hi)."""
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[bool | None] = []
    runs: list[tuple[int, int, int]] = []
    rows: list[int] = []
    for (a, b), (lo, hi) in pieces:
        runs.append((a, b, len(words) + a - lo))
        rows.extend(range(lo, hi))
        for k in range(lo, hi):
            t = doc[k]
            words.append(t.text)
            spaces.append(bool(t.whitespace_))
            # the margin's first token starts a sentence, so nothing parsed in one run leans on another; the
            # rest keep what `claims_paragraphs` set (a start, no start, or the parser's choice)
            starts.append(True if k == lo else t.is_sent_start)
    sub = Doc(doc.vocab, words=words, spaces=spaces, sent_starts=starts)
    # the tokenizer's special cases give some tokens a norm of their own ("Sept." is "september", "n't"
    # "not"), which the model reads
    sub.from_array([NORM], doc.to_array([NORM])[rows])
    return _Part(sub, runs)


def _copy_back(doc: Doc, parts: list[_Part], plan: Plan, *, strict: bool = True) -> bool:
    """The smaller Docs' annotations on the document's tokens; False (and nothing copied) when a run's
    dependencies or entities reach past its ends. Not `strict` (a long document, which is never parsed
    whole), such a dependency is cut (the token heads itself, as a root) and such an entity is cut at the
    run's ends."""
    full = numpy.zeros((len(doc), len(_ATTRS)), dtype=numpy.uint64)
    sent_starts = numpy.full(len(doc), -1, dtype=numpy.int64)
    for (a, _), k in zip(plan.blocks, plan.keep, strict=True):
        if not k:
            sent_starts[a] = 1  # a skipped block is one sentence
    h, d, i = _ATTRS.index(HEAD), _ATTRS.index(DEP), _ATTRS.index(ENT_IOB)
    root = doc.vocab.strings["ROOT"]
    for part in parts:
        sub = part.doc.to_array(_ATTRS)
        sub_starts = part.doc.to_array(SENT_START).astype(numpy.int64)
        heads = sub[:, h].astype(numpy.int64)
        iob = sub[:, i]
        n_sub = len(part.doc)
        for a, b, s in part.runs:
            e = s + (b - a)
            idx = numpy.arange(s, e)
            outside = ((idx + heads[s:e]) < s) | ((idx + heads[s:e]) >= e)
            crossing = iob[s] == _I_ENT or (e < n_sub and iob[e] == _I_ENT)
            if strict and (outside.any() or crossing):
                return False
            block = sub[s:e].copy()
            if outside.any():
                block[outside, h] = 0
                block[outside, d] = root
            if block[0, i] == _I_ENT:
                block[0, i] = _B_ENT
            full[a:b] = block
            sent_starts[a:b] = sub_starts[s:e]
    doc.from_array(_ATTRS, full)
    doc.from_array([SENT_START], sent_starts.astype(numpy.uint64))
    return True


_TRIAGES: WeakKeyDictionary[Language, Triage] = WeakKeyDictionary()


def triage_for(nlp: Language) -> Triage:
    """The one `Triage` of a pipeline (its word lists and stages are read once)."""
    found = _TRIAGES.get(nlp)
    if found is None:
        found = _TRIAGES[nlp] = Triage(nlp)
    return found


def make_plan(nlp: Language, text: str) -> Plan:
    """Which blocks of `text` the model would run on."""
    triage = triage_for(nlp)
    return triage.plan(triage.paragraphs(nlp.make_doc(text)))


def pipe(
    nlp: Language, texts: Iterable[str | Doc], *, batch_size: int = 16, parse_all: bool = False
) -> Iterator[Doc]:
    """`nlp.pipe(texts)` for this project's pipeline, with the model run only where triage says (on every
    block with `parse_all`, as `nlp.pipe`, but a long document in parts): the Docs carry the same
    `doc._.claims`."""
    triage = triage_for(nlp)
    batch: list[str | Doc] = []
    for text in texts:
        batch.append(text)
        if len(batch) == batch_size:
            yield from triage.run(batch, batch_size, parse_all=parse_all)
            batch = []
    if batch:
        yield from triage.run(batch, batch_size, parse_all=parse_all)
