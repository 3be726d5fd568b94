"""The side of a speaker the text names without one: an institution takes the side its own name, its place
("officials in Nagorno-Karabakh") or the outlet's home country gives it ("the Defence Ministry said" in a
Baku paper is Azerbaijan's)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..layout import Page
from .lexicon import LOCAL_OFFICIALS, UNNAMED_OFFICIALS, side_in_text
from .registry import Actors, Speaker


def institution_side(speaker: Speaker, doc: Doc, actors: Actors, page: Page) -> str | None:
    if speaker.kind != "institution" and not unnamed_official(speaker):
        return None
    return (
        side_in_text(speaker.name or "")
        or place_of(speaker, doc, actors)
        or local_place(speaker, doc, actors)
        or page.home_side
    )


def local_place(speaker: Speaker, doc: Doc, actors: Actors) -> str | None:
    """The side of the places the sentence names, for "local authorities" and the like: the toll of a strike
    on Ganja that "local authorities announced" is Ganja's authorities' (one side named, places only)."""
    if (
        not 0 <= speaker.pos < len(doc)
        or not set(re.findall(r"[a-z]+", speaker.name or "")) & LOCAL_OFFICIALS
    ):
        return None
    sent = doc[speaker.pos].sent
    sides = {
        actors.side[i] for i in range(sent.start, sent.end) if actors.kind[i] == "place" and actors.side[i]
    }
    return sides.pop() if len(sides) == 1 else None


def unnamed_official(speaker: Speaker) -> bool:
    """A description, not a name, of someone who speaks for a body: "a top territorial official", "the
    spokesman", "officials"."""
    name = speaker.name or ""
    words = set(re.findall(r"[a-z]+", name))
    return speaker.kind == "person" and name == name.lower() and bool(words & UNNAMED_OFFICIALS)


def place_of(speaker: Speaker, doc: Doc, actors: Actors) -> str | None:
    """The side of a place in the source's own phrase: "officials in Nagorno-Karabakh"."""
    if not 0 <= speaker.pos < len(doc):
        return None
    tok = doc[speaker.pos]
    lo, hi = tok.left_edge.i, tok.right_edge.i + 1
    return actors.side_of(lo, hi) if hi - lo <= 8 else None
