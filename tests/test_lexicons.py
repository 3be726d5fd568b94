"""The data files behind the rulers: every entry is well formed and resolves through the session pipeline.

- equipment.jsonl feeds the `claims_equipment` span ruler (case-insensitive): each pattern, put in a
  sentence, is labelled with its entry's category, one of the SPEC's categories.
- actors.jsonl feeds the `claims_actors` span ruler (case-sensitive): each pattern is labelled with its
  kind and carries its side as the span id; spelling variants share a side.
- speech_verbs.txt lists the speech cues, one lemma a line.
"""

from __future__ import annotations

import re
from collections import Counter
from importlib import resources

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors.pipeline import ACTORS_KEY, EQUIPMENT_KEY, read_jsonl

# SPEC.md, "Equipment": the normalized kinds
CATEGORIES = {
    "tank",
    "armored_vehicle",
    "artillery",
    "mlrs",
    "air_defense",
    "uav",
    "aircraft",
    "helicopter",
    "vehicle",
    "radar",
    "other",
}
SIDES = {"armenia", "azerbaijan", "other"}  # "unknown" and "both" are for records, not for actors
KINDS = {"person", "polity", "place"}

EQUIPMENT = read_jsonl("equipment.jsonl")
ACTORS = read_jsonl("actors.jsonl")


def equipment_sentence(text: str) -> str:
    return f"The ministry said 3 {text} were destroyed."


def actor_sentence(text: str) -> str:
    return f"On Monday, {text} said that talks would continue."


def spans_at(doc: Doc, key: str, start_char: int, end_char: int) -> list[Span]:
    return [sp for sp in doc.spans.get(key, []) if sp.start_char == start_char and sp.end_char == end_char]


def longest_from(doc: Doc, key: str, start_char: int) -> Span | None:
    """The span a consumer keeps at this position: the longest match that starts there."""
    spans = [sp for sp in doc.spans.get(key, []) if sp.start_char == start_char]
    return max(spans, key=lambda sp: sp.end_char, default=None)


# -- equipment.jsonl -----------------------------------------------------------------------------------

# The mapping: what an article writes -> the category it must get.
EQUIPMENT_MAPPING = [
    ("T-72", "tank"),
    ("T-90", "tank"),
    ("T-72s", "tank"),
    ("tanks", "tank"),
    ("BMP", "armored_vehicle"),
    ("BMP-2", "armored_vehicle"),
    ("BTR", "armored_vehicle"),
    ("MT-LB", "armored_vehicle"),
    ("armored vehicles", "armored_vehicle"),
    ("armoured vehicles", "armored_vehicle"),
    ("IFVs", "armored_vehicle"),
    ("APCs", "armored_vehicle"),
    ("D-20", "artillery"),
    ("D-30", "artillery"),
    ("2S1", "artillery"),
    ("2S3", "artillery"),
    ("Akatsiya", "artillery"),
    ("Gvozdika", "artillery"),
    ("howitzers", "artillery"),
    ("mortars", "artillery"),
    ("guns", "artillery"),
    ("self-propelled guns", "artillery"),
    ("Grad", "mlrs"),
    ("BM-21", "mlrs"),
    ("Smerch", "mlrs"),
    ("TOS-1A", "mlrs"),
    ("rocket launchers", "mlrs"),
    ("S-300", "air_defense"),
    ("Osa", "air_defense"),
    ("Tor", "air_defense"),
    ("Tor-M2", "air_defense"),
    ("Strela", "air_defense"),
    ("Buk", "air_defense"),
    ("Kub", "air_defense"),
    ("air defense systems", "air_defense"),
    ("Bayraktar", "uav"),
    ("Bayraktar TB2", "uav"),
    ("TB2", "uav"),
    ("Harop", "uav"),
    ("Orbiter", "uav"),
    ("drones", "uav"),
    ("UAVs", "uav"),
    ("Su-25", "aircraft"),
    ("F-16", "aircraft"),
    ("F-16s", "aircraft"),
    ("An-2", "aircraft"),
    ("planes", "aircraft"),
    ("jets", "aircraft"),
    ("Mi-8", "helicopter"),
    ("Mi-24", "helicopter"),
    ("helicopters", "helicopter"),
    ("trucks", "vehicle"),
    ("vehicles", "vehicle"),
    ("cars", "vehicle"),
    ("radars", "radar"),
    ("units of military equipment", "other"),
    ("ammunition depots", "other"),
    ("depots", "other"),
    ("command posts", "other"),
]


@pytest.fixture(scope="module")
def equipment_docs(nlp: Language) -> dict[str, Doc]:
    texts = {equipment_sentence(e["pattern"]) for e in EQUIPMENT} | {
        equipment_sentence(t) for t, _ in EQUIPMENT_MAPPING
    }
    texts_in_order = sorted(texts)
    return dict(zip(texts_in_order, nlp.pipe(texts_in_order), strict=True))


@pytest.mark.parametrize("entry", EQUIPMENT, ids=[e["pattern"] for e in EQUIPMENT])
def test_equipment_entry_is_well_formed(entry: dict) -> None:
    assert set(entry) <= {"pattern", "category", "model"}, entry
    assert entry["category"] in CATEGORIES
    assert entry["pattern"] and entry["pattern"] == entry["pattern"].strip()
    if "model" in entry:
        assert isinstance(entry["model"], str) and entry["model"]


def test_equipment_patterns_are_unique() -> None:
    # the ruler matches on lower case: "KamAZ" and "Kamaz" are the same pattern
    counts = Counter(e["pattern"].lower() for e in EQUIPMENT)
    assert [p for p, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("entry", EQUIPMENT, ids=[e["pattern"] for e in EQUIPMENT])
def test_equipment_entry_resolves(equipment_docs: dict[str, Doc], entry: dict) -> None:
    text = equipment_sentence(entry["pattern"])
    doc = equipment_docs[text]
    start = text.index(entry["pattern"])
    hits = spans_at(doc, EQUIPMENT_KEY, start, start + len(entry["pattern"]))
    assert hits, f"{entry['pattern']!r} not matched; spans: {[sp.text for sp in doc.spans[EQUIPMENT_KEY]]}"
    assert {(sp.label_, sp.id_) for sp in hits} == {(entry["category"], entry.get("model") or "")}
    # and no longer pattern starting at the same place takes it over
    longest = longest_from(doc, EQUIPMENT_KEY, start)
    assert longest is not None and longest.end_char == start + len(entry["pattern"])


@pytest.mark.parametrize(("text", "category"), EQUIPMENT_MAPPING, ids=[t for t, _ in EQUIPMENT_MAPPING])
def test_equipment_mapping(equipment_docs: dict[str, Doc], text: str, category: str) -> None:
    sentence = equipment_sentence(text)
    doc = equipment_docs[sentence]
    span = longest_from(doc, EQUIPMENT_KEY, sentence.index(text))
    assert span is not None, f"{text!r} not matched"
    assert span.text == text
    assert span.label_ == category


def test_every_category_has_entries() -> None:
    assert {e["category"] for e in EQUIPMENT} == CATEGORIES


def test_named_models_carry_their_model() -> None:
    # a designation ("T-72", "2S1", "TB2") names a model; a plural entry ("T-72s") names the singular one
    for e in EQUIPMENT:
        if any(ch.isdigit() for ch in e["pattern"]):
            assert e.get("model"), e
        if e.get("model") and e["pattern"] != e["model"]:
            assert e["pattern"].lower() == e["model"].lower() + "s", e


# -- actors.jsonl --------------------------------------------------------------------------------------

# spellings of one actor: every one must resolve, all to the same side
VARIANTS = [
    ("Hajiyev", "Hajiev", "Hikmet Hajiyev", "Hikmet Hajiev", "Gadzhiev"),
    ("Stepanyan", "Stepanian", "Shushan Stepanyan", "Shushan Stepanian"),
    ("Artsakh", "Nagorno-Karabakh Republic", "NKR", "Republic of Artsakh"),
    ("Azeri", "Azerbaijani", "Azerbaijan"),
    ("Pashinyan", "Pashinian", "Nikol Pashinyan"),
    ("Aliyev", "Aliev", "Ilham Aliyev", "Ilham Aliev"),
    ("Hovhannisyan", "Hovhannisian", "Artsrun Hovhannisyan"),
    ("Beglaryan", "Beglarian", "Artak Beglaryan"),
    ("Arayik Harutyunyan", "Arayik Harutyunian"),
    ("Terter", "Tartar", "Tərtər"),
    ("Ganja", "Gyandzha", "Ganca"),
    ("Kremlin", "Kremlin's", "Moscow", "Russia"),
    ("ICRC", "Red Cross", "International Committee of the Red Cross"),
    ("OSCE", "Minsk Group", "OSCE Minsk Group"),
]

# phrase as an article writes it -> the one side its actor spans name, and the kind of the longest span
KEY_ACTORS = [
    ("Pashinyan", "armenia", "person"),
    ("Nikol Pashinyan", "armenia", "person"),
    ("Aliyev", "azerbaijan", "person"),
    ("Ilham Aliyev", "azerbaijan", "person"),
    ("Hovhannisyan", "armenia", "person"),
    ("Stepanyan", "armenia", "person"),
    ("Hajiyev", "azerbaijan", "person"),
    ("Hajiev", "azerbaijan", "person"),
    ("Kremlin", "other", "polity"),
    ("OSCE", "other", "polity"),
    ("ICRC", "other", "polity"),
    ("Artsakh", "armenia", "polity"),
    ("NKR", "armenia", "polity"),
    ("Azeri", "azerbaijan", "polity"),
    # the ministries: named by their country, so the country's side is theirs
    ("the Armenian Defense Ministry", "armenia", "polity"),
    ("the Armenian Defence Ministry", "armenia", "polity"),
    ("the Ministry of Defense of Armenia", "armenia", "polity"),
    ("Armenia's Foreign Ministry", "armenia", "polity"),
    ("the Artsakh Defense Army", "armenia", "polity"),
    ("the Azerbaijani Defense Ministry", "azerbaijan", "polity"),
    ("the Azerbaijani Ministry of Defense", "azerbaijan", "polity"),
    ("the Ministry of Defence of Azerbaijan", "azerbaijan", "polity"),
    ("Azerbaijan's Foreign Ministry", "azerbaijan", "polity"),
    ("the Russian Defense Ministry", "other", "polity"),
    ("the Turkish Foreign Ministry", "other", "polity"),
]


@pytest.fixture(scope="module")
def actor_docs(nlp: Language) -> dict[str, Doc]:
    texts = (
        {actor_sentence(a["pattern"]) for a in ACTORS}
        | {actor_sentence(v) for group in VARIANTS for v in group}
        | {actor_sentence(t) for t, _, _ in KEY_ACTORS}
    )
    texts_in_order = sorted(texts)
    return dict(zip(texts_in_order, nlp.pipe(texts_in_order), strict=True))


def spans_within(doc: Doc, start_char: int, end_char: int) -> list[Span]:
    return [
        sp for sp in doc.spans.get(ACTORS_KEY, []) if start_char <= sp.start_char and sp.end_char <= end_char
    ]


def sides_named(doc: Doc, start_char: int, end_char: int) -> set[str]:
    return {
        sp.id_
        for sp in doc.spans.get(ACTORS_KEY, [])
        if start_char <= sp.start_char and sp.end_char <= end_char
    }


@pytest.mark.parametrize("entry", ACTORS, ids=[a["pattern"] for a in ACTORS])
def test_actor_entry_is_well_formed(entry: dict) -> None:
    assert set(entry) <= {"pattern", "side", "kind", "role", "id"}, entry
    if "id" in entry:
        # a claimant key: a country ("am"), or a country and a person or body ("az.mod", "ru.putin")
        assert re.fullmatch(r"[a-z]+(?:\.[a-z_]+)?", entry["id"]), entry
    assert entry["side"] in SIDES
    assert entry["kind"] in KINDS
    assert entry["pattern"] and entry["pattern"] == entry["pattern"].strip()
    if entry["kind"] == "person":
        assert entry.get("role"), f"{entry['pattern']}: a person entry gives the role it is quoted in"
    else:
        assert "role" not in entry


def test_every_person_has_a_claimant_key() -> None:
    assert [a["pattern"] for a in ACTORS if a["kind"] == "person" and not a.get("id")] == []


def test_actor_patterns_are_unique() -> None:
    counts = Counter(a["pattern"] for a in ACTORS)
    assert [p for p, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("entry", ACTORS, ids=[a["pattern"] for a in ACTORS])
def test_actor_entry_resolves(actor_docs: dict[str, Doc], entry: dict) -> None:
    text = actor_sentence(entry["pattern"])
    doc = actor_docs[text]
    start = text.index(entry["pattern"])
    hits = spans_at(doc, ACTORS_KEY, start, start + len(entry["pattern"]))
    assert hits, f"{entry['pattern']!r} not matched; spans: {[sp.text for sp in doc.spans[ACTORS_KEY]]}"
    assert {(sp.label_, sp.id_) for sp in hits} == {(entry["kind"], entry["side"])}


@pytest.mark.parametrize("group", VARIANTS, ids=[g[0] for g in VARIANTS])
def test_spelling_variants_share_a_side(actor_docs: dict[str, Doc], group: tuple[str, ...]) -> None:
    sides = {}
    for variant in group:
        text = actor_sentence(variant)
        start = text.index(variant)
        named = sides_named(actor_docs[text], start, start + len(variant))
        assert len(named) == 1, f"{variant!r} names {named or 'no side'}"
        sides[variant] = named.pop()
    assert len(set(sides.values())) == 1, sides


@pytest.mark.parametrize(("phrase", "side", "kind"), KEY_ACTORS, ids=[k[0] for k in KEY_ACTORS])
def test_key_actor_side(actor_docs: dict[str, Doc], phrase: str, side: str, kind: str) -> None:
    text = actor_sentence(phrase)
    doc = actor_docs[text]
    start = text.index(phrase)
    assert sides_named(doc, start, start + len(phrase)) == {side}
    spans = [
        sp for sp in doc.spans[ACTORS_KEY] if start <= sp.start_char and sp.end_char <= start + len(phrase)
    ]
    assert max(spans, key=len).label_ == kind


def test_person_surnames_agree_with_full_names() -> None:
    # "Nikol Pashinyan" and "Pashinyan" are one person: same side and role
    people = {a["pattern"]: a for a in ACTORS if a["kind"] == "person"}
    surnames: dict[str, set[tuple[str, str]]] = {}
    for name, a in people.items():
        if " " in name:
            surnames.setdefault(name.split()[-1], set()).add((a["side"], a["role"]))
    for surname, full in surnames.items():
        if surname in people and len(full) == 1:
            assert (people[surname]["side"], people[surname]["role"]) in full, surname


# -- speech_verbs.txt ----------------------------------------------------------------------------------


def speech_verb_lines() -> list[str]:
    with resources.files("extractors").joinpath("data/speech_verbs.txt").open(encoding="utf-8") as fh:
        return [line.strip() for line in fh if line.strip() and not line.lstrip().startswith("#")]


def test_speech_verbs_are_many_lowercase_words() -> None:
    lemmas = speech_verb_lines()
    assert len(set(lemmas)) >= 80
    assert all(lemma.isalpha() and lemma == lemma.lower() for lemma in lemmas), lemmas


def test_speech_verbs_have_no_duplicates() -> None:
    counts = Counter(speech_verb_lines())
    assert [w for w, n in counts.items() if n > 1] == []
