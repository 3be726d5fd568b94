"""The model's components as the project runs them set what the stock ones set: the attribute ruler with
its simple patterns looked up (extractors/attributes.py) the same tags, parts of speech, morphology, lemmas
and labels; the lemmatizer with its word lists looked up in sets (pipeline.index_lemma_lists) the same
lemmas."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler

from extractors.attributes import IndexedAttributeRuler
from extractors.triage import triage_for

SAMPLES = sorted((Path(__file__).resolve().parents[1] / "samples").glob("*.txt"))
# what the multi-token and lower-case patterns are about: "'s" as "is" or a possessive, "n't", "gonna",
# quotes and brackets, a dash inside a range
TRICKY = (
    "It's the ministry's 3rd statement; they're sure it isn't over. \"We'll see,\" he said (twice) -- "
    "5-7 tanks, 'maybe' more? Gonna be long... Let's go: U.S. and U.K. envoys wanna talk."
)


def _before_ruler(nlp: Language, text: str):  # noqa: ANN202 - a Doc
    """`text` through the model's components before its attribute ruler."""
    tr = triage_for(nlp)
    doc = tr.paragraphs(nlp.make_doc(text))
    for proc in tr.model:
        if isinstance(proc, IndexedAttributeRuler):
            return doc, proc
        doc = proc(doc)
    pytest.fail("no attribute ruler in the model")


@pytest.mark.parametrize("text", [TRICKY, "", *(p.read_text(encoding="utf-8") for p in SAMPLES)])
def test_indexed_ruler_sets_what_the_models_ruler_sets(nlp: Language, text: str) -> None:
    doc, indexed = _before_ruler(nlp, text)
    assert isinstance(indexed.ruler, AttributeRuler)
    ours, theirs = indexed(doc.copy()), indexed.ruler(doc.copy())
    attrs = [TAG, POS, MORPH, LEMMA, DEP]
    assert ours.to_array(attrs).tolist() == theirs.to_array(attrs).tolist()
    if len(doc):
        # the rules did set something: every token has a part of speech
        assert all(t.pos_ for t in ours)


@pytest.mark.parametrize("text", [TRICKY, *(p.read_text(encoding="utf-8") for p in SAMPLES)])
def test_lemmatizer_with_indexed_word_lists_gives_the_stock_lemmas(nlp: Language, text: str) -> None:
    lemmatizer = nlp.get_pipe("lemmatizer")
    table = lemmatizer.lookups.get_table("lemma_index")
    indexed = {k: table[k] for k in table.keys()}
    assert all(type(words).__name__ == "_WordList" for words in indexed.values())
    own = [n for n in nlp.pipe_names if n.startswith("claims_") and n != "claims_paragraphs"]
    doc = nlp(text, disable=["lemmatizer", *own])
    lemmatizer.cache = {}
    ours = [t.lemma_ for t in lemmatizer(doc.copy())]
    try:
        # the stock tables: plain lists, and nothing cached
        for k, words in indexed.items():
            table[k] = list(words)
        lemmatizer.cache = {}
        stock = [t.lemma_ for t in lemmatizer(doc.copy())]
    finally:
        for k, words in indexed.items():
            table[k] = words
        lemmatizer.cache = {}
    assert ours == stock
    assert len(set(ours) - {t.lower_ for t in doc}) > 0  # some word was lemmatized to another form
