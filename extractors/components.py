"""The `claims_extractor` pipeline component: quotes, casualties and equipment per Doc.

Results are stored on `doc._.claims` as plain frozen dataclasses (never Span objects), so
they survive `nlp.pipe(n_process=...)`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .attribution import Actors, Discourse
from .figures import FigureExtractor
from .quotes import SpeechAnalyzer
from .records import DocumentClaims

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)


class ClaimsExtractor:
    def __call__(self, doc: Doc) -> Doc:
        actors = Actors(doc)
        discourse = Discourse(doc, actors)
        quotes, frames = SpeechAnalyzer(doc, actors, discourse).analyse()
        casualties, equipment = FigureExtractor(doc, actors, discourse, frames).extract()
        doc._.claims = DocumentClaims(
            id="", quotes=tuple(quotes), casualties=tuple(casualties), equipment=tuple(equipment)
        )
        return doc


@Language.factory("claims_extractor")
def make_claims_extractor(nlp: Language, name: str) -> ClaimsExtractor:
    return ClaimsExtractor()
