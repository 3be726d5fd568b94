"""The figure readers' word lists: data/figures.json (what is counted), data/frames.json (loss predicates)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import read_json

LEX: dict = read_json("figures.json")
FRAMES: dict = read_json("frames.json")
PERSON_GROUP: dict[str, str] = {w: g for g, ws in LEX["person_nouns"].items() for w in ws}


@dataclass(frozen=True)
class Predicate:
    """A loss verb or noun: the outcome it gives each kind of figure, and where its roles are written."""

    word: str
    pos: str  # "verb" | "noun"
    outcomes: tuple[tuple[str, str], ...]  # (kind, outcome)
    owner: tuple[str, ...] = ()
    inflicter: tuple[str, ...] = ()
    enemy_only: bool = False
    report: tuple[str, ...] = ()  # kinds whose reported figures the subject owns ("admitted the loss of")
    objects: tuple[str, ...] = ()  # the only objects it is a loss predicate with ("claimed 40 lives")

    def outcome(self, kind: str) -> str | None:
        return dict(self.outcomes).get(kind)


def _predicate(word: str, pos: str, d: dict) -> Predicate:
    return Predicate(
        word=word,
        pos=pos,
        outcomes=tuple((k, d[k]) for k in ("casualty", "equipment") if k in d),
        owner=tuple(d.get("owner", ())),
        inflicter=tuple(d.get("inflicter", ())),
        enemy_only=bool(d.get("enemy_only", False)),
        report=tuple(d.get("report", ())),
        objects=tuple(d.get("objects", ())),
    )


@lru_cache(maxsize=1)
def predicates() -> tuple[dict[str, Predicate], dict[str, Predicate]]:
    """(verbs by lemma, nouns by lowercase form)."""
    verbs = {w: _predicate(w, "verb", d) for w, d in FRAMES["verbs"].items()}
    nouns = {w: _predicate(w, "noun", d) for w, d in FRAMES["nouns"].items()}
    return verbs, nouns
