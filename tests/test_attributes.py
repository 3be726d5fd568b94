"""The attribute ruler with its simple patterns looked up (extractors/attributes.py) sets on every token
what the model's own attribute ruler sets: the same tags, parts of speech, morphology, lemmas and labels."""

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
