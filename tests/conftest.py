"""Shared fixtures. One spaCy pipeline per test session: `extractors.get_nlp()` caches it, and every test
that extracts goes through the `nlp` or `claims` fixture so the model is loaded once, up front."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from extractors import DocumentClaims, extract, get_nlp

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return get_nlp()


@pytest.fixture(scope="session")
def claims(nlp: Language) -> Callable[[str], DocumentClaims]:
    """Extract from one text with the session pipeline."""

    def run(text: str) -> DocumentClaims:
        return extract(text)

    return run
