"""extractors.ledger: the rows behind `claims compare`, from records built by hand (no spaCy needed)."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import pytest

from cli.render import ExtractFormat, write_documents
from extractors.ledger import (
    COLUMNS,
    Figure,
    Ledger,
    build_ledger,
    documents_from_json,
    format_figure,
)
from extractors.records import SCHEMA, Casualty, DocumentClaims, Equipment, Quote

ARM_MOD = "Armenian Defense Ministry"
AZ_MOD = "Azerbaijani Defense Ministry"


def equipment(
    count: int,
    *,
    party: str = "azerbaijan",
    category: str = "tank",
    outcome: str = "destroyed",
    claimant: str | None = ARM_MOD,
    side: str = "armenia",
    start: int = 0,
    model: str | None = None,
    qualifier: str | None = None,
    count_min: int | None = None,
    count_max: int | None = None,
    approximate: bool = False,
    hedged: bool = False,
    cumulative: bool = False,
) -> Equipment:
    text = f"{count} tanks"
    return Equipment(
        party=party,
        category=category,
        model=model,
        outcome=outcome,  # type: ignore[arg-type]
        count=count,
        count_min=count_min,
        count_max=count_max,
        qualifier=qualifier,
        approximate=approximate,
        claimant=claimant,
        claimant_side=side,
        hedged=hedged,
        cumulative=cumulative,
        text=text,
        start=start,
        end=start + len(text),
    )


def casualty(
    count: int,
    *,
    party: str = "armenia",
    group: str = "military",
    outcome: str = "killed",
    claimant: str | None = AZ_MOD,
    side: str = "azerbaijan",
    start: int = 0,
    hedged: bool = False,
    cumulative: bool = False,
) -> Casualty:
    text = f"{count} soldiers"
    return Casualty(
        party=party,
        group=group,  # type: ignore[arg-type]
        outcome=outcome,  # type: ignore[arg-type]
        count=count,
        count_min=None,
        count_max=None,
        qualifier=None,
        approximate=False,
        claimant=claimant,
        claimant_side=side,
        hedged=hedged,
        cumulative=cumulative,
        text=text,
        start=start,
        end=start + len(text),
    )


def quote(
    text: str,
    *,
    speaker: str | None = "Nikol Pashinyan",
    role: str | None = "Prime Minister",
    side: str = "armenia",
    kind: str = "direct",
    start: int = 0,
) -> Quote:
    return Quote(
        text=text,
        speaker=speaker,
        speaker_role=role,
        claimant=speaker,
        claimant_side=side,
        kind=kind,  # type: ignore[arg-type]
        cue="said",
        start=start,
        end=start + len(text),
    )


def doc(doc_id: str, *records: Quote | Casualty | Equipment) -> DocumentClaims:
    return DocumentClaims(
        id=doc_id,
        quotes=tuple(r for r in records if isinstance(r, Quote)),
        casualties=tuple(r for r in records if isinstance(r, Casualty)),
        equipment=tuple(r for r in records if isinstance(r, Equipment)),
    )


def counts(figures: tuple[Figure, ...]) -> list[int]:
    return [f.count for f in figures]


def row_keys(ledger: Ledger) -> list[tuple[str, str, str, str]]:
    return [(r.party, r.type, r.what, r.outcome) for r in ledger.rows]


# --- rows ---------------------------------------------------------------------------------------------------


def test_rows_are_grouped_by_party_kind_what_and_outcome_in_a_fixed_order() -> None:
    records = [
        equipment(1, party="unknown", start=0),
        equipment(2, party="azerbaijan", category="uav", outcome="downed", start=10),
        casualty(3, party="azerbaijan", group="civilian", outcome="wounded", start=20),
        equipment(4, party="armenia", category="artillery", start=30),
        equipment(5, party="armenia", category="tank", outcome="captured", start=40),
        equipment(6, party="armenia", category="tank", outcome="destroyed", start=50),
        casualty(7, party="armenia", group="civilian", outcome="killed", start=60),
        casualty(8, party="armenia", group="military", outcome="wounded", start=70),
        casualty(9, party="armenia", group="military", outcome="killed", start=80),
        casualty(10, party="both", group="unspecified", outcome="casualties", start=90),
        equipment(11, party="other", category="aircraft", outcome="downed", start=100),
        equipment(12, party="azerbaijan", category="uav", outcome="downed", start=110),
    ]
    ledger = build_ledger([doc("a.txt", *records)])
    assert row_keys(ledger) == [
        ("armenia", "casualty", "military", "killed"),
        ("armenia", "casualty", "military", "wounded"),
        ("armenia", "casualty", "civilian", "killed"),
        ("armenia", "equipment", "tank", "destroyed"),
        ("armenia", "equipment", "tank", "captured"),
        ("armenia", "equipment", "artillery", "destroyed"),
        ("azerbaijan", "casualty", "civilian", "wounded"),
        ("azerbaijan", "equipment", "uav", "downed"),
        ("both", "casualty", "unspecified", "casualties"),
        ("other", "equipment", "aircraft", "downed"),
        ("unknown", "equipment", "tank", "destroyed"),
    ]
    # Two figures for the same (party, what, outcome) share one row, in text order.
    uav = ledger.rows[7]
    assert counts(uav.armenia) == [2, 12]
    assert ledger.docs == ("a.txt",)
    assert not ledger.several_docs


def test_values_outside_the_contract_sort_after_known_ones_instead_of_crashing() -> None:
    records = [
        equipment(1, party="martians", category="warp_drive", start=0),
        equipment(2, party="armenia", category="zeppelin", start=10),
        equipment(3, party="armenia", category="tank", start=20),
    ]
    assert row_keys(build_ledger([doc("a.txt", *records)])) == [
        ("armenia", "equipment", "tank", "destroyed"),
        ("armenia", "equipment", "zeppelin", "destroyed"),
        ("martians", "equipment", "warp_drive", "destroyed"),
    ]


def test_figures_go_to_the_column_of_the_claimant_side() -> None:
    records = [
        equipment(1, side="armenia", claimant=ARM_MOD, start=0),
        equipment(2, side="azerbaijan", claimant=AZ_MOD, start=10),
        equipment(3, side="other", claimant="Russian Defense Ministry", start=20),
        equipment(4, side="unknown", claimant=None, start=30),
    ]
    ledger = build_ledger([doc("a.txt", *records)])
    assert len(ledger.rows) == 1
    row = ledger.rows[0]
    assert counts(row.armenia) == [1]
    assert counts(row.azerbaijan) == [2]
    # Third parties and unknown claimants share the third column.
    assert counts(row.other) == [3, 4]
    assert [row.cell(c) for c in COLUMNS] == [row.armenia, row.azerbaijan, row.other]
    assert ledger.has_other
    figure = row.armenia[0]
    assert (figure.doc, figure.claimant, figure.claimant_side, figure.text, figure.start, figure.end) == (
        "a.txt",
        ARM_MOD,
        "armenia",
        "1 tanks",
        0,
        7,
    )


def test_no_third_column_needed_when_both_sides_claim_everything() -> None:
    ledger = build_ledger([doc("a.txt", equipment(1, side="armenia"), casualty(2, side="azerbaijan"))])
    assert not ledger.has_other
    assert all(not row.other for row in ledger.rows)


def test_a_figure_repeated_in_one_document_is_shown_once() -> None:
    # Headline, lead and body repeating the same claim: one entry. Another claimant, hedging or running total
    # makes it a different claim.
    records = [
        equipment(12, start=0),
        equipment(12, start=100),
        equipment(12, start=200),
        equipment(12, start=300, claimant=AZ_MOD, side="azerbaijan"),
        equipment(12, start=400, hedged=True),
        equipment(12, start=500, cumulative=True),
        equipment(12, start=600, model="T-72"),
    ]
    ledger = build_ledger([doc("a.txt", *records)])
    (row,) = ledger.rows
    assert [(f.start, f.hedged, f.cumulative, f.model) for f in row.armenia] == [
        (0, False, False, None),
        (400, True, False, None),
        (500, False, True, None),
        (600, False, False, "T-72"),
    ]
    assert [f.start for f in row.azerbaijan] == [300]


def test_the_same_figure_in_two_documents_is_kept_for_each() -> None:
    ledger = build_ledger([doc("b.txt", equipment(12, start=5)), doc("a.txt", equipment(12, start=0))])
    (row,) = ledger.rows
    # Documents keep input order, not alphabetical order.
    assert [f.doc for f in row.armenia] == ["b.txt", "a.txt"]
    assert ledger.docs == ("b.txt", "a.txt")
    assert ledger.several_docs


def test_figures_within_a_document_keep_text_order_whatever_the_record_order() -> None:
    records = [equipment(3, start=300), equipment(1, start=100), equipment(2, start=200)]
    (row,) = build_ledger([doc("a.txt", *records)]).rows
    assert counts(row.armenia) == [1, 2, 3]


def test_only_direct_quotes_with_a_speaker_are_listed_by_side() -> None:
    records = [
        quote("We will not give up an inch of our land", start=0),
        quote(
            "The enemy is retreating", speaker="Ilham Aliyev", role="President", side="azerbaijan", start=50
        ),
        quote("Both sides must stop", speaker="Sergey Lavrov", role=None, side="other", start=100),
        quote("An unknown voice", speaker="Witness", role=None, side="unknown", start=150),
        quote("they had destroyed three tanks", kind="indirect", start=200),
        quote("Nobody said this", speaker=None, role=None, start=250),
    ]
    ledger = build_ledger([doc("a.txt", *records)])
    assert ledger.rows == ()
    assert [q.text for q in ledger.armenia_quotes] == ["We will not give up an inch of our land"]
    assert [(q.speaker, q.speaker_role) for q in ledger.azerbaijan_quotes] == [("Ilham Aliyev", "President")]
    assert [q.speaker for q in ledger.other_quotes] == ["Sergey Lavrov", "Witness"]
    assert ledger.quotes("armenia") == ledger.armenia_quotes


def test_empty_input_gives_an_empty_ledger() -> None:
    ledger = build_ledger([])
    assert ledger == Ledger(docs=(), rows=())
    assert not ledger.has_other and not ledger.several_docs


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((12, None, None, None, False), "12"),
        ((1200, None, None, None, False), "1,200"),
        ((20, None, None, "about", True), "about 20"),
        ((30, 30, None, "at least", True), "at least 30"),
        ((20, 20, 25, None, True), "20–25"),
        ((24, 24, None, None, True), "24+"),
        ((5, 5, 5, None, False), "5"),
    ],
)
def test_format_figure(args: tuple[int, int | None, int | None, str | None, bool], expected: str) -> None:
    assert format_figure(*args) == expected


def test_to_dict_gives_the_compare_json() -> None:
    records = [equipment(3, start=0), quote("We will win", start=20)]
    # As `claims compare --format json` prints it: the dataclasses' tuples become lists.
    data = json.loads(json.dumps(build_ledger([doc("a.txt", *records)]).to_dict()))
    assert data["schema"] == SCHEMA
    assert data["docs"] == ["a.txt"]
    (row,) = data["rows"]
    assert (row["party"], row["type"], row["what"], row["outcome"]) == (
        "azerbaijan",
        "equipment",
        "tank",
        "destroyed",
    )
    assert [f["figure"] for f in row["armenia"]] == ["3"]
    assert row["azerbaijan"] == [] and row["other"] == []
    assert list(data["quotes"]) == ["armenia", "azerbaijan", "other"]
    assert [q["text"] for q in data["quotes"]["armenia"]] == ["We will win"]


# --- reading extract output back ----------------------------------------------------------------------------

DOCS = [
    doc(
        "news/a.txt",
        quote("We will not give up an inch of our land", start=0),
        equipment(12, start=60, qualifier="about", approximate=True),
        casualty(40, start=90),
    ),
    doc(
        "-",
        casualty(
            7, party="azerbaijan", group="civilian", side="armenia", claimant=None, start=3, hedged=True
        ),
        equipment(2, category="uav", outcome="downed", model="Bayraktar TB2", start=40, cumulative=True),
    ),
]


def rendered(fmt: ExtractFormat, docs: list[DocumentClaims]) -> str:
    out = io.StringIO()
    write_documents(docs, fmt, out)
    return out.getvalue()


@pytest.mark.parametrize("fmt", [ExtractFormat.json, ExtractFormat.jsonl])
def test_documents_from_json_round_trips_extract_output(fmt: ExtractFormat) -> None:
    assert documents_from_json(rendered(fmt, DOCS)) == DOCS


def test_json_output_keeps_documents_without_records() -> None:
    docs = [doc("empty.txt"), *DOCS]
    assert documents_from_json(rendered(ExtractFormat.json, docs)) == docs


def test_jsonl_documents_come_back_in_order_of_first_appearance() -> None:
    text = rendered(ExtractFormat.jsonl, DOCS)
    lines = text.splitlines()
    # Interleaved lines from two documents still give two documents, in the order each first appears.
    shuffled = "\n".join([lines[3], lines[0], lines[4], lines[1], lines[2]]) + "\n"
    assert [d.id for d in documents_from_json(shuffled) or []] == ["-", "news/a.txt"]


def test_blank_lines_and_crlf_in_jsonl_are_fine() -> None:
    text = rendered(ExtractFormat.jsonl, DOCS).replace("\n", "\r\n\r\n")
    assert documents_from_json("\n\n" + text) == DOCS


def test_a_ledger_from_saved_output_equals_one_from_the_documents() -> None:
    saved = documents_from_json(rendered(ExtractFormat.jsonl, DOCS))
    assert saved is not None
    assert build_ledger(saved) == build_ledger(DOCS)


@pytest.mark.parametrize(
    "text",
    [
        "The Armenian Defense Ministry said 3 Azerbaijani tanks were destroyed.",
        "",
        "   \n",
        "[1, 2, 3]",
        '{"name": "not a claim record"}',
        "(The ministry said {something}.)",
    ],
)
def test_text_that_is_not_extract_output_is_none(text: str) -> None:
    assert documents_from_json(text) is None


def jsonl(*records: dict[str, object]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


GOOD = json.loads(rendered(ExtractFormat.jsonl, DOCS[:1]).splitlines()[1])
assert GOOD["type"] == "equipment"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (jsonl(GOOD) + "{not json\n", "line 2 is not JSON"),
        (jsonl(GOOD) + "\n\n[1, 2]\n", "line 4 is not a JSON object"),
        (jsonl(GOOD, {**GOOD, "type": "rumour"}), "line 2: unknown record type 'rumour'"),
        (
            jsonl(GOOD, {k: v for k, v in GOOD.items() if k != "count"}),
            "line 2: equipment record lacks count",
        ),
        (jsonl(GOOD, {**GOOD, "count": "12"}), "line 2: equipment field 'count' is \"12\", not an integer"),
        (jsonl(GOOD, {**GOOD, "start": None}), "line 2: equipment field 'start' is null, not an integer"),
        (
            jsonl(GOOD, {**GOOD, "count_max": 1.5}),
            "line 2: equipment field 'count_max' is 1.5, not an integer",
        ),
        (
            jsonl(GOOD, {**GOOD, "hedged": "no"}),
            "line 2: equipment field 'hedged' is \"no\", not true or false",
        ),
        (jsonl(GOOD, {**GOOD, "party": None}), "line 2: equipment field 'party' is null, not a string"),
        (jsonl(GOOD, {**GOOD, "count": True}), "line 2: equipment field 'count' is true, not an integer"),
        # A broken first line is broken output too, not an article to extract from.
        ('\n{"type": "equipment", "doc": "a.txt"\n' + jsonl(GOOD), "line 2 is not JSON"),
    ],
)
def test_bad_jsonl_lines_are_refused_naming_the_line(text: str, message: str) -> None:
    with pytest.raises(ValueError) as info:
        documents_from_json(text)
    assert str(info.value) == message


def test_a_long_bad_value_is_shortened_in_the_message() -> None:
    with pytest.raises(
        ValueError, match=r"^line 1: equipment field 'count' is \"x{36}\.\.\., not an integer$"
    ):
        documents_from_json(jsonl({**GOOD, "count": "x" * 500}))


def test_optional_fields_may_be_null() -> None:
    record = {
        **GOOD,
        "model": None,
        "qualifier": None,
        "claimant": None,
        "count_min": None,
        "count_max": None,
    }
    (saved,) = documents_from_json(jsonl(record)) or []
    assert saved.equipment[0] == replace(
        DOCS[0].equipment[0], model=None, qualifier=None, claimant=None, count_min=None, count_max=None
    )


def json_document(documents: object, schema: object = SCHEMA) -> str:
    return json.dumps({"schema": schema, "documents": documents})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            json_document([], schema="conflict-claims/0"),
            "schema 'conflict-claims/0' is not 'conflict-claims/1'",
        ),
        (json_document({"id": "a.txt"}), '"documents" is not a list'),
        (json_document([{"quotes": []}]), "document 1 is not an object with an id"),
        (json_document([{"id": "a.txt", "equipment": {}}]), "document 'a.txt': \"equipment\" is not a list"),
        (
            json_document([{"id": "a.txt", "equipment": [1]}]),
            "document 'a.txt': an item of \"equipment\" is not an object",
        ),
        (
            json_document([{"id": "a.txt", "equipment": [{**GOOD, "count": "3"}]}]),
            "document 'a.txt': equipment field 'count' is \"3\", not an integer",
        ),
        (
            json_document([{"id": "a.txt", "casualties": [{"party": "armenia"}]}]),
            "document 'a.txt': casualty record lacks group, outcome, count, count_min, count_max, qualifier, "
            "approximate, claimant, claimant_side, hedged, cumulative, text, start, end",
        ),
    ],
)
def test_bad_json_documents_are_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError) as info:
        documents_from_json(text)
    assert str(info.value) == message
