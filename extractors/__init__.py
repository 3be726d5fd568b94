"""Extract attributed quotes, casualty and equipment-loss claims from war reporting.

    >>> from extractors import extract
    >>> claims = extract("The enemy lost 4 tanks, the ministry said.")
    >>> claims.equipment[0].count
    4

A library with no CLI dependencies: the `claims` command (package `cli`) is a thin layer over it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import islice
from typing import TYPE_CHECKING

from .records import (
    SCHEMA,
    Casualty,
    DocumentClaims,
    Equipment,
    Quote,
    Record,
    record_from_dict,
    record_to_dict,
)

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "SCHEMA", "Casualty", "DocumentClaims", "Equipment", "Quote", "Record", "extract", "extract_many",
    "get_nlp", "record_from_dict", "record_to_dict",
]  # fmt: skip

ErrorHandler = Callable[[str, Exception], None]


def get_nlp() -> Language:
    # Imported here, not at the top, so `claims --help` never pays for importing spaCy.
    from .pipeline import get_nlp as _get

    return _get()


def extract(text: str, doc_id: str = "-") -> DocumentClaims:
    """Every claim in one text."""
    return next(extract_many([(doc_id, text)]))


def extract_many(
    items: Iterable[tuple[str, str]],
    *,
    batch_size: int = 16,
    n_process: int = 1,
    on_error: ErrorHandler | None = None,
) -> Iterator[DocumentClaims]:
    """Claims for (id, text) pairs, in input order, streamed through `nlp.pipe`.

    With `on_error`, a document whose processing raises is handed to it with the exception and left out,
    and the rest of the batch goes on; without it, the exception propagates. Items are read lazily, so a
    caller's generator can report unreadable inputs as it meets them.
    """
    nlp = get_nlp()
    if n_process != 1:
        # spaCy's worker processes: a failure there cannot be pinned on one document, so it propagates.
        pairs = ((text, doc_id) for doc_id, text in items)
        for doc, doc_id in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
            yield replace(doc._.claims, id=doc_id)
        return
    iterator = iter(items)
    while chunk := list(islice(iterator, batch_size)):
        try:
            docs = list(nlp.pipe((text for _, text in chunk), batch_size=batch_size))
        except Exception:
            if on_error is None:
                raise
            docs = [_one(nlp, doc_id, text, on_error) for doc_id, text in chunk]
        for (doc_id, _), doc in zip(chunk, docs, strict=True):
            if doc is not None:
                yield replace(doc._.claims, id=doc_id)


def _one(nlp: Language, doc_id: str, text: str, on_error: ErrorHandler):  # noqa: ANN202 - Doc | None
    try:
        return nlp(text)
    except Exception as exc:  # noqa: BLE001 - any failure of one document is reported, the batch goes on
        on_error(doc_id, exc)
        return None
