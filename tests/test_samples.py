"""Every sample article gives its expected claims (samples/expected/NAME.gold.json, GUIDELINES format).

The matching follows the shared scorer: a quote matches when the spans overlap by at least half of the longer
one, and its speaker must contain one of the gold keys and its side must agree; a figure matches on its key
(casualty: party, outcome, count; equipment: party, category, count) and must also have the expected
attributes. No figure may be reported that the annotation does not have (bare singular "a tank" aside).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from extractors import DocumentClaims

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

ARTICLES = sorted(SAMPLES.glob("*.txt"))
FIGURE_KEYS = {
    "casualties": (("party", "outcome", "count"), ("group", "claimant_side")),
    "equipment": (("party", "category", "count"), ("outcome", "claimant_side")),
}


def gold_for(article: Path) -> dict:
    return json.loads((SAMPLES / "expected" / f"{article.stem}.gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def extracted(claims: Callable[[str], DocumentClaims]) -> dict[str, tuple[str, DocumentClaims]]:
    out = {}
    for path in ARTICLES:
        text = path.read_text(encoding="utf-8")
        out[path.name] = (text, claims(text))
    return out


def test_every_sample_has_expectations() -> None:
    assert len(ARTICLES) >= 5
    for path in ARTICLES:
        assert (SAMPLES / "expected" / f"{path.stem}.gold.json").is_file(), path.name


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_quotes(article: Path, extracted: dict) -> None:
    text, doc = extracted[article.name]
    direct = [q for q in doc.quotes if q.kind == "direct" and len(q.text.split()) >= 4]
    problems = []
    for g in gold_for(article)["quotes"]:
        gs = text.index(g["text"])
        ge = gs + len(g["text"])
        match = next(
            (q for q in direct if min(ge, q.end) - max(gs, q.start) >= max(ge - gs, q.end - q.start) / 2),
            None,
        )
        if match is None:
            problems.append(f"missed quote {g['text'][:50]!r}")
            continue
        speaker = (match.speaker or "").lower()
        if not any(key in speaker for key in g["speaker_keys"]) and g["speaker_keys"]:
            problems.append(f"speaker {match.speaker!r} for {g['text'][:40]!r}, expected {g['speaker_keys']}")
        if match.claimant_side != g["side"]:
            problems.append(f"side {match.claimant_side} for {g['text'][:40]!r}, expected {g['side']}")
    assert problems == []


@pytest.mark.parametrize("kind", ["casualties", "equipment"])
@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_figures(article: Path, kind: str, extracted: dict) -> None:
    text, doc = extracted[article.name]
    key_fields, attr_fields = FIGURE_KEYS[kind]
    predicted = list(getattr(doc, kind))
    for record in predicted:
        assert text[record.start : record.end] == record.text
    problems = []
    for g in gold_for(article)[kind]:
        key = tuple(g[f] for f in key_fields)
        match = next((r for r in predicted if tuple(getattr(r, f) for f in key_fields) == key), None)
        if match is None:
            problems.append(f"missed {key} {g.get('evidence', '')!r}")
            continue
        predicted.remove(match)
        for f in attr_fields:
            if getattr(match, f) != g[f]:
                problems.append(f"{key}: {f}={getattr(match, f)} expected {g[f]}")
    problems += [f"extra {r.party} {r.count} {r.text!r}" for r in predicted if r.count != 1]
    assert problems == []
