"""Generated articles for checking triage (tests/test_triage.py) and for the throughput benchmark.

`articles(n)` builds `n` articles, the same on every run (seeded), from the paragraphs of
tests/data/news_paragraphs.txt (general news, invented for the project) and of samples/*.txt (war reporting):
a headline, a byline, a datelined lead, body paragraphs in a shuffled order, and now and then page furniture
at the end. A third are general news only, a third general news with a few war paragraphs in it, a third war
paragraphs with general background between them; one in eight is hard-wrapped, one in five has its paragraphs
on single lines. The mix puts claims next to paragraphs that hold none, and pronouns and surnames paragraphs
away from the names they stand for, which is what triage has to get right.
"""

from __future__ import annotations

import random
import textwrap
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data" / "news_paragraphs.txt"
SAMPLES = ROOT / "samples"
BYLINES = ["By Ruth Calloway", "By Amadou Sene", "By Lena Ostrova", "By staff reporters", "By Joel Whitcombe"]
DATELINES = ["SELWICK —", "HARLOW, June 3 —", "NORTHGATE —", "DUNMORE (Valley Wire) —", "OAKFIELD, May 28 —"]


@lru_cache(maxsize=1)
def paragraphs() -> dict[str, tuple[str, ...]]:
    """The general-news paragraphs by kind ("headline", "background", "plain", "quote", ...)."""
    kinds: dict[str, list[str]] = {}
    kind = None
    for line in DATA.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("## "):
            kind = line[3:]
            kinds[kind] = []
        elif line and not line.startswith("#") and kind is not None:
            kinds[kind].append(line)
    return {k: tuple(v) for k, v in kinds.items()}


@lru_cache(maxsize=1)
def war_paragraphs() -> tuple[str, ...]:
    """The body paragraphs of samples/*.txt (their lines after the headline)."""
    out: list[str] = []
    for path in sorted(SAMPLES.glob("*.txt")):
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        out.extend(lines[1:])
    return tuple(out)


def _body(rng: random.Random, style: int) -> list[str]:
    p = paragraphs()
    general = [*p["background"], *p["plain"], *p["quote"], *p["said"], *p["numbers"]]
    if style == 0:
        return rng.sample(general, rng.randint(6, 11))
    war = war_paragraphs()
    if style == 1:
        body = rng.sample(general, rng.randint(5, 9)) + rng.sample(war, rng.randint(1, 3))
        rng.shuffle(body)
        return body
    body = rng.sample(war, rng.randint(3, 7))
    for _ in range(rng.randint(2, 5)):
        body.insert(rng.randint(0, len(body)), rng.choice([*p["background"], *p["plain"]]))
    return body


def article(i: int) -> str:
    rng = random.Random(1300 + i)
    p = paragraphs()
    body = _body(rng, i % 3)
    lead = f"{rng.choice(DATELINES)} {body[0]}"
    parts = [rng.choice(p["headline"]), rng.choice(BYLINES), lead, *body[1:]]
    if rng.random() < 0.4:
        parts.append("\n".join(rng.sample(p["furniture"], rng.randint(2, 4))))
    if i % 8 == 7:
        parts = [textwrap.fill(part, 72) if len(part) > 72 else part for part in parts]
    sep = "\n" if i % 5 == 4 else "\n\n"
    return sep.join(parts) + "\n"


def articles(n: int = 60) -> list[tuple[str, str]]:
    """`n` (id, text) pairs."""
    return [(f"gen-{i:03d}", article(i)) for i in range(n)]
