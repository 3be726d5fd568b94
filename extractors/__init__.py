"""Extract attributed quotes, casualty and equipment-loss claims from war reporting.

    >>> from extractors import extract
    >>> claims = extract("The enemy lost 4 tanks, the ministry said.")
    >>> claims.equipment[0].count
    4

A library with no CLI dependencies: the `claims` command (package `cli`) is a thin layer over it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from .records import SCHEMA, Casualty, DocumentClaims, Equipment, Quote, Record, record_from_dict, record_to_dict

__all__ = [
    "SCHEMA", "Casualty", "DocumentClaims", "Equipment", "Quote", "Record", "extract", "extract_many",
    "get_nlp", "record_from_dict", "record_to_dict",
]


def get_nlp():  # noqa: ANN201 - spacy.Language, imported lazily so `claims --help` stays fast
    from .pipeline import get_nlp as _get

    return _get()


def extract(text: str, doc_id: str = "-") -> DocumentClaims:
    """Every claim in one text."""
    return next(extract_many([(doc_id, text)]))


def extract_many(
    items: Iterable[tuple[str, str]], *, batch_size: int = 16, n_process: int = 1
) -> Iterator[DocumentClaims]:
    """Claims for (id, text) pairs, in input order, streamed through `nlp.pipe`."""
    nlp = get_nlp()
    pairs = ((text, doc_id) for doc_id, text in items)
    for doc, doc_id in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield replace(doc._.claims, id=doc_id)
