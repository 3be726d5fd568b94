"""Who says it, and which side they are on: one attribution layer for quotes and figures.

- lexicon.py: the words (data/cues.json, data/speech_verbs.txt) and the actors' sides;
- registry.py: the entity registry of a document (people, institutions, organizations, their roles and
  sides, their mentions; `Actors`, the side of each token);
- resolution.py: mention resolution (pronouns, surnames, titles, descriptions, "the ministry");
- speech.py: the subject of a speech verb;
- claims.py: the frames that carry a claim (a quote, a reporting verb, "according to", a list's header, a
  paragraph that carries on the one before), and so who claims a figure;
- ids.py: canonical claimant keys from data/actors.jsonl ("az.mod", "am.pashinyan").
"""

from __future__ import annotations

from .lexicon import (
    INSTITUTION_HEADS,
    civilian_words,
    cues,
    known_role,
    opposite,
    side_in_text,
    speech_lemmas,
)
from .registry import Actors, Registry, Speaker, gender_of
from .resolution import Discourse
from .speech import speech_subject

__all__ = [
    "INSTITUTION_HEADS", "Actors", "Discourse", "Registry", "Speaker", "civilian_words", "cues", "gender_of",
    "known_role", "opposite", "side_in_text", "speech_lemmas", "speech_subject",
]  # fmt: skip
