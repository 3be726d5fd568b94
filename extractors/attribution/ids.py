"""Canonical claimant keys: one body written five ways ("Artsakh Defense Army", "Defense Army", "units of the
Defense Army", "the Defense Army's list of the fallen") is one `claimant_id` ("artsakh.defense_army"), so
that a user can group by claimant. The keys come from data/actors.jsonl (people and named bodies) and
data/claimants.json (a country and a body named in words: "az.mod", "ru.mfa").
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..datafiles import read_json, read_jsonl

# a side's bodies, when the name says no country
SIDE_COUNTRY = {"armenia": "am", "azerbaijan": "az"}


Patterns = list[tuple[re.Pattern[str], str]]


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], Patterns, Patterns, Patterns, dict, re.Pattern[str]]:
    data = read_json("claimants.json")
    exact = {a["pattern"]: a["id"] for a in read_jsonl("actors.jsonl") if a.get("id")}
    # names of more than one word with a key of their own: people and named bodies ("Azerbaijan Army")
    named = _patterns(
        {
            key: [p for p, k in exact.items() if k == key and " " in p]
            for key in set(exact.values())
            if "." in key
        }
    )
    countries = _patterns(data["country_words"])
    bodies = _patterns(data["bodies"])
    generic = re.compile(r"\b(?:" + "|".join(map(re.escape, data["generic_bodies"])) + r")\b", re.I)
    return exact, named, countries, bodies, data["body_names"], generic


def _patterns(table: dict[str, list[str]]) -> Patterns:
    """(pattern, key) for each phrase, longest first; phrases written with capitals match as written."""
    phrases = sorted(((p, key) for key, ps in table.items() for p in ps), key=lambda pk: -len(pk[0]))
    out = []
    for phrase, key in phrases:
        flags = 0 if phrase != phrase.lower() else re.I
        out.append((re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", flags), key))
    return out


@lru_cache(maxsize=8192)
def claimant_id(name: str | None, side: str) -> str | None:
    """The stable key of a claimant as written, or None when it is not one the lexicons know. (Kept for each
    name and side: a document repeats its claimants, and each call tries every pattern of the lexicons.)"""
    if not name:
        return None
    exact, named, countries, bodies, body_names, generic = _tables()
    text = name.strip()
    if text in exact:
        return exact[text]
    # a person or body named in full inside the name: "press service of Ilham Aliyev", "units of the
    # Azerbaijan Army"
    key = next((key for pattern, key in named if pattern.search(text)), None)
    if key is not None:
        return key
    country = next((key for pattern, key in countries if pattern.search(text)), None)
    body = next((key for pattern, key in bodies if pattern.search(text)), None)
    if country is None and (body is not None or generic.search(text)):
        country = SIDE_COUNTRY.get(side)
    if country is None:
        return _surname(text, exact)
    if body is not None:
        return f"{country}.{body_names.get(country, {}).get(body, body)}"
    if generic.search(text) or _only_country(text, countries):
        return country
    return _surname(text, exact)


def _only_country(text: str, countries: Patterns) -> bool:
    """Whether the name is a country and little else ("Azerbaijan", "Baku", "the Armenian side")."""
    rest = text
    for pattern, _ in countries:
        rest = pattern.sub(" ", rest)
    return not re.sub(r"\b(?:the|of|republic|'s|’s)\b", " ", rest, flags=re.I).strip(" ,.'’")


def _surname(text: str, exact: dict[str, str]) -> str | None:
    """A person's key by the last word of the name ("Colonel Hovhannisyan", "Minister Bayramov")."""
    words = text.split()
    if not words:
        return None
    key = exact.get(words[-1])
    return key if key is not None and key.count(".") else None
