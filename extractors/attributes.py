"""The model's attribute ruler with its simple patterns looked up instead of matched.

`en_core_web_sm`'s attribute_ruler sets POS, MORPH and some lemmas from 180 token patterns; spaCy's Matcher
tries every pattern at every token, and that costs as much as the parser. 168 of them are one token long
and ask only for a tag, a lower-case form or a dependency label, each one value or a list of them
({"TAG": "NN"}, {"TAG": "VBZ", "LOWER": {"IN": ["is", "'s"]}}; a "NOT_IN" list of tags or labels stands for
all the others the model gives): a dict lookup finds those. The rest go through a Matcher of their own. The
matches are sorted and applied as `AttributeRuler.__call__` does (by rule number, so that later rules win,
with the same `set_token_attrs`), so every token gets the same attributes; a Doc with a tag or a label the
model does not give goes to the ruler itself. Triage (triage.py) runs the model with this in the ruler's
place; `--full-parse` does not, and tests/test_triage.py compares the two.
"""

from __future__ import annotations

from itertools import product

import numpy
from spacy.attrs import DEP, LOWER, TAG
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs  # what AttributeRuler.set_annotations applies

__all__ = ["IndexedAttributeRuler"]

# the token attributes a looked-up pattern may ask for, in the order of the columns read from the Doc
_COLUMNS = ("TAG", "LOWER", "DEP")
_IDS = [TAG, LOWER, DEP]


class IndexedAttributeRuler:
    def __init__(self, ruler: AttributeRuler, labels: dict[str, set[str]]) -> None:
        self.ruler = ruler
        strings = ruler.vocab.strings
        # a Doc with a tag or label outside these is left to the ruler itself
        self.known = {attr: numpy.array(sorted(strings.add(v) for v in vals), dtype=numpy.uint64)
                      for attr, vals in labels.items()}  # fmt: skip
        self.matcher = Matcher(ruler.vocab)
        # for each set of attributes some pattern asks for (as column numbers), their values (hashes) ->
        # the (rule number, match id) of each pattern they meet
        self.index: dict[tuple[int, ...], dict[tuple[int, ...], list[tuple[int, int]]]] = {}
        for number in range(len(ruler.attrs)):
            match_id = strings[str(number)]
            _, patterns = ruler.matcher.get(match_id)
            rest = []
            for pattern in patterns:
                values = _values(pattern, labels)
                if values is None:
                    rest.append(pattern)
                    continue
                columns = tuple(_COLUMNS.index(attr) for attr in values)
                table = self.index.setdefault(columns, {})
                for combo in product(*values.values()):
                    table.setdefault(tuple(strings.add(v) for v in combo), []).append((number, match_id))
            if rest:
                self.matcher.add(match_id, rest)

    def __call__(self, doc: Doc) -> Doc:
        ruler = self.ruler
        array = doc.to_array(_IDS)
        for attr, known in self.known.items():
            if not numpy.isin(array[:, _COLUMNS.index(attr)], known).all():
                return ruler(doc)
        strings = ruler.vocab.strings
        matches = [(int(strings[m_id]), s, e) for m_id, s, e in self.matcher(doc, allow_missing=True)]
        by_column = array.T.tolist()
        for columns, table in self.index.items():
            keys = zip(*(by_column[c] for c in columns), strict=True)
            for i, found in enumerate(map(table.get, keys)):
                if found:
                    matches.extend((number, i, i + 1) for number, _ in found)
        # as AttributeRuler.match and set_annotations: by rule number, so that later rules win
        matches.sort()
        for number, s, e in matches:
            token = doc[s] if e == s + 1 else doc[s:e][ruler.indices[number]]
            set_token_attrs(token, ruler.attrs[number])
        return doc

    def pipe(self, docs, batch_size: int = 128):  # noqa: ANN001, ANN201 - as a pipeline component's
        for doc in docs:
            yield self(doc)


def _values(pattern: list[dict], labels: dict[str, set[str]]) -> dict[str, list[str]] | None:
    """A one-token pattern's accepted values of each attribute it asks for, when it asks only for tags,
    lower-case forms and dependency labels, each one value or a list ({"IN": [...]}, or for tags and labels
    {"NOT_IN": [...]}: every other one of `labels`, those the model gives); else None."""
    if len(pattern) != 1 or not pattern[0] or not set(pattern[0]) <= set(_COLUMNS):
        return None
    out = {}
    for attr in _COLUMNS:
        if attr not in pattern[0]:
            continue
        value = pattern[0][attr]
        if isinstance(value, str):
            out[attr] = [value]
        elif (
            isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"])
        ):
            out[attr] = list(value["IN"])
        elif isinstance(value, dict) and set(value) == {"NOT_IN"} and attr in labels:
            out[attr] = sorted(labels[attr] - set(value["NOT_IN"]))
        else:
            return None
    return out
