"""`extract_many(n_process=2)` (and so `claims extract -n 2`) gives exactly what one process gives.

One test, on the sample articles in small batches, because it starts worker processes (each loads the model).
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from extractors import DocumentClaims, extract_many

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _full(docs: list[DocumentClaims]) -> list[dict]:
    # asdict, not ==: it also compares the fields that take no part in equality (dates, text)
    return [asdict(d) for d in docs]


def test_two_processes_give_the_one_process_results() -> None:
    items = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*.txt"))]
    # a document spaCy refuses (a lone surrogate is no Unicode text) in the middle: reported; the rest goes on
    items.insert(2, ("not-unicode.txt", "Twelve soldiers were killed \ud800 near the border."))
    serial_errors: list[tuple[str, str]] = []
    parallel_errors: list[tuple[str, str]] = []

    serial = list(
        extract_many(items, batch_size=2, on_error=lambda i, e: serial_errors.append((i, type(e).__name__)))
    )
    parallel = list(
        extract_many(
            items,
            batch_size=2,
            n_process=2,
            on_error=lambda i, e: parallel_errors.append((i, type(e).__name__)),
        )
    )

    assert [d.id for d in serial] == [i for i, _ in items if i != "not-unicode.txt"]
    assert serial_errors == [("not-unicode.txt", "UnicodeEncodeError")]
    assert sum(len(d.records()) for d in serial) > 50
    assert parallel == serial
    assert _full(parallel) == _full(serial)
    assert parallel_errors == serial_errors
