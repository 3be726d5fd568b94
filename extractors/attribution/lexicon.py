"""The attribution layer's words: data/cues.json, data/speech_verbs.txt and the actors' sides."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..datafiles import read_json, read_jsonl, read_lines


def cues() -> dict:
    return read_json("cues.json")


# The word lists live in data/cues.json ("_comment_speakers" there says what each holds).
_CUES = cues()
INSTITUTION_HEADS = frozenset(_CUES["institution_heads"])
DOCUMENT_NOUNS = frozenset(_CUES["document_nouns"])
UNNAMED_OFFICIALS = frozenset(_CUES["unnamed_official_words"])
LOCAL_OFFICIALS = frozenset(_CUES["local_official_words"])
NAME_BLOCKERS = frozenset(_CUES["name_blockers"])
# verbs of an outlet that passes a document on: "news agencies carried a statement from the ministry"
CARRIER_VERBS = frozenset(_CUES["carrier_verbs"])
THIRD_PARTY_ROLES = frozenset(_CUES["third_party_roles"])
ANONYMOUS_SOURCES = frozenset(_CUES["anonymous_sources"])
PRONOUNS = frozenset(_CUES["pronouns"])
# Abbreviated titles, as the tokenizer leaves them ("Sen.", "Lt.") and without the full stop.
TITLE_ABBREVIATIONS: dict[str, str] = dict(_CUES["title_abbreviations"])
TITLE_WORDS = (
    frozenset(_CUES["title_words"]) | set(TITLE_ABBREVIATIONS) | {f"{a}." for a in TITLE_ABBREVIATIONS}
)
ROLE_NOUNS = frozenset(_CUES["role_nouns"])
ROLE_PHRASES = tuple(_CUES["role_phrases"])
FIRST_PERSON = frozenset(_CUES["first_person_subjects"])
# Armenian and Azerbaijani surnames: Stepanyan, Hovhannisian, Aliyev, Mammadova, Dargahli, Rzazade, ...
SURNAME = re.compile(r"(?:" + "|".join(re.escape(e) for e in _CUES["regional_surname_endings"]) + r")$")
# Nouns for an organization the article named before: "the company said" is the company named earlier.
ORG_NOUNS = frozenset(_CUES["org_nouns"])
AGE = re.compile(r"\b(?:\d+|[a-z]+)-year-old\b")
# Bodies a role can name without a country: "the defence ministry's spokesperson".
BODY_HEADS = frozenset(_CUES["body_heads"])
# Institution heads that name a person: "the ombudsman said" is someone named before.
PERSON_INSTITUTION_HEADS = frozenset(_CUES["person_institution_heads"])
_SPELLING: dict[str, str] = dict(_CUES["spelling_variants"])
REGION_WORDS = frozenset(_CUES["region_words"])
REPORTER_PARTICIPLES = frozenset(_CUES["reporter_participles"])
QUOTING_VERBS = frozenset(_CUES["quoting_verbs"])
# Nouns for a source that is not a person ("according to its data"): never the antecedent of "he".
NON_PERSON_NOUNS = frozenset(_CUES["non_person_sources"])


def norm(word: str) -> str:
    return _SPELLING.get(word, word)


PLACE_ENTS = {"GPE", "LOC", "FAC", "DATE", "TIME", "EVENT", "NORP", "WORK_OF_ART", "LAW", "PRODUCT"}


@lru_cache(maxsize=1)
def speech_lemmas() -> frozenset[str]:
    return frozenset(line.lower() for line in read_lines("speech_verbs.txt"))


@lru_cache(maxsize=1)
def civilian_words() -> frozenset[str]:
    """Nouns for people who speak for no side ("a local resident", "a witness")."""
    return frozenset(cues()["civilian_words"])


@lru_cache(maxsize=1)
def _known_roles() -> dict[str, str]:

    return {
        a["pattern"]: a["role"] for a in read_jsonl("actors.jsonl") if a["kind"] == "person" and a.get("role")
    }


def known_role(name: str | None) -> str:
    """The post the actors data gives a person ("President of Azerbaijan"), to match "the president"
    when the article never states it; never reported as the speaker's role."""
    return _known_roles().get(name or "", "")


@lru_cache(maxsize=1)
def _lower_sides() -> dict[str, str]:

    return {a["pattern"].lower(): a["side"] for a in read_jsonl("actors.jsonl") if a["kind"] != "person"}


def side_in_text(text: str) -> str | None:
    """The one side named in a short all-caps or odd-case text ("MINISTRY OF DEFENSE OF ... AZERBAIJAN")."""
    words = re.findall(r"[\w’'-]+", text.lower())
    sides = {_lower_sides()[w] for w in words if w in _lower_sides()}
    return sides.pop() if len(sides) == 1 else None


def opposite(side: str) -> str:
    return {"armenia": "azerbaijan", "azerbaijan": "armenia"}.get(side, "unknown")


def has_title(toks: list[Token]) -> bool:
    return any(t.lower_ in ROLE_NOUNS or t.lower_ in TITLE_WORDS for t in toks)


# Words for the same post: "the spokeswoman" may be the "representative" or "press secretary" named earlier.
_SPOKES = frozenset(_CUES["same_post_words"])


def role_fits(head: str, role: str | None) -> bool:
    """Whether a description ("the minister") can name someone given this role earlier; someone given no
    post is not "the governor"."""
    if not role:
        return False
    words = set(re.findall(r"[a-z]+", role.lower()))
    words |= {TITLE_ABBREVIATIONS[w] for w in words if w in TITLE_ABBREVIATIONS}  # "Sen." is a senator
    return head in words or (head in _SPOKES and bool(words & _SPOKES))


def span_text(doc: Doc, toks: list[Token]) -> str | None:
    toks = [t for t in toks if not t.is_space]
    while toks and (toks[0].is_punct or toks[0].lower_ in {"the", "a", "an", ","}):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].tag_ == "POS" or toks[-1].lower_ in {",", "who", "which"}):
        toks = toks[:-1]
    if not toks:
        return None
    # the span's own text: Doc.text would join every token of the document on each call
    return doc[toks[0].i : toks[-1].i + 1].text.strip() or None


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    g = cues()["gender"]
    return frozenset(g["f_first_names"]) | frozenset(g["m_first_names"])
