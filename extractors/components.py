"""The `claims_extractor` pipeline component: quotes, casualties and equipment per Doc.

Results are stored on `doc._.claims` as plain frozen dataclasses (never Span objects). They pickle, and an
msgpack encoder registered with srsly below lets `Doc.to_bytes()` carry them too, so a Doc from this pipeline
survives `nlp.pipe(n_process=...)`, `DocBin(store_user_data=True)` and `Doc.from_bytes` with `doc._.claims`
equal to the original.
"""

# No `from __future__ import annotations` here: spaCy builds a pydantic model from the factory's signature,
# and spaCy 3.8.7 cannot resolve annotations left as strings ("field nlp not yet prepared").

from dataclasses import fields, replace
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from .attribution import Actors, Discourse
from .attribution.ids import claimant_id
from .figures import FigureExtractor
from .layout import Page
from .pipeline import ORIGINAL_TEXT
from .quotes import SpeechAnalyzer
from .records import Casualty, DocumentClaims, Equipment, Quote

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)


class ClaimsExtractor:
    def __call__(self, doc: Doc) -> Doc:
        actors = Actors(doc)
        discourse = Discourse(doc, actors)
        page = Page(discourse.text)
        quotes, frames = SpeechAnalyzer(doc, actors, discourse, page).analyse()
        casualties, equipment = FigureExtractor(doc, actors, discourse, frames, page).extract()
        claims = DocumentClaims(
            id="", quotes=tuple(quotes), casualties=tuple(casualties), equipment=tuple(equipment)
        )
        claims = replace(
            claims,
            quotes=tuple(_with_id(r) for r in claims.quotes),
            casualties=tuple(_with_id(r) for r in claims.casualties),
            equipment=tuple(_with_id(r) for r in claims.equipment),
        )
        original = doc.user_data.get(ORIGINAL_TEXT)
        if original is not None:
            # the text was read unwrapped: each record's evidence is cut from the text as read
            claims = replace(
                claims,
                quotes=tuple(replace(r, text=original[r.start : r.end]) for r in claims.quotes),
                casualties=tuple(replace(r, text=original[r.start : r.end]) for r in claims.casualties),
                equipment=tuple(replace(r, text=original[r.start : r.end]) for r in claims.equipment),
            )
        doc._.claims = claims
        return doc


def _with_id(record: Quote | Casualty | Equipment) -> Quote | Casualty | Equipment:
    """The record with the stable key of its claimant (attribution/ids.py)."""
    return replace(record, claimant_id=claimant_id(record.claimant, record.claimant_side))


@Language.factory("claims_extractor")
def make_claims_extractor(nlp: Language, name: str) -> ClaimsExtractor:
    return ClaimsExtractor()


# -- msgpack (Doc.to_bytes) --------------------------------------------------------------------------------
# Doc.to_bytes() packs doc.user_data, where `doc._.claims` lives, with srsly's msgpack, which knows no
# dataclasses. A DocumentClaims goes as one tagged map: its fields by name, each record as the list of its
# field values in field order; it comes back as the same frozen dataclasses, every field equal (those that
# take no part in `==` too).
_MSGPACK_TAG = "__conflict_claims/1__"
_RECORDS = {"quotes": Quote, "casualties": Casualty, "equipment": Equipment}
_FIELDS = {cls: tuple(f.name for f in fields(cls)) for cls in (Quote, Casualty, Equipment)}


def _values(record: Any) -> list[Any]:
    return [getattr(record, name) for name in _FIELDS[type(record)]]


def encode_claims(obj: Any, chain: Any = None) -> Any:
    """srsly msgpack encoder: DocumentClaims → a tagged map of plain values."""
    if type(obj) is DocumentClaims:
        packed = {}
        for f in fields(DocumentClaims):
            value = getattr(obj, f.name)
            packed[f.name] = [_values(r) for r in value] if f.name in _RECORDS else value
        return {_MSGPACK_TAG: packed}
    return obj if chain is None else chain(obj)


def decode_claims(obj: Any, chain: Any = None) -> Any:
    """srsly msgpack decoder (an object hook, called for every map): the inverse of `encode_claims`."""
    packed = obj.get(_MSGPACK_TAG) if len(obj) == 1 else None
    if packed is not None:
        kwargs = dict(packed)
        for name, cls in _RECORDS.items():
            names = _FIELDS[cls]
            kwargs[name] = tuple(cls(**dict(zip(names, values, strict=True))) for values in packed[name])
        return DocumentClaims(**kwargs)
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("conflict_claims", func=encode_claims)
srsly.msgpack_decoders.register("conflict_claims", func=decode_claims)
