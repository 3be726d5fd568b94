"""extractors.ledger: the rows behind `claims compare`, from records built by hand (no spaCy needed)."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import extractors
from cli.app import app
from cli.render import (
    CompareFormat,
    ExtractFormat,
    evidence_lines,
    figure_line,
    write_documents,
    write_ledger,
)
from extractors.ledger import (
    COLUMNS,
    LEDGER_SCHEMA,
    Decrease,
    Figure,
    Ledger,
    Source,
    build_ledger,
    documents_from_json,
    format_figure,
)
from extractors.records import SCHEMA, Casualty, DocumentClaims, Equipment, Quote, record_to_dict

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


def doc(doc_id: str, *records: Quote | Casualty | Equipment, date: str | None = None) -> DocumentClaims:
    return DocumentClaims(
        id=doc_id,
        quotes=tuple(r for r in records if isinstance(r, Quote)),
        casualties=tuple(r for r in records if isinstance(r, Casualty)),
        equipment=tuple(r for r in records if isinstance(r, Equipment)),
        date=date,
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
    # a schema of its own: the ledger is not conflict-claims/1 records
    assert data["schema"] == LEDGER_SCHEMA == "conflict-claims-ledger/1"
    assert (data["by"], data["summary"], data["undated"]) == ("claim", False, ["a.txt"])
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


# --- many documents: one claim on several sites, running totals, a disputed battle --------------------------

AZ_MOD_2 = "Azerbaijan's Defense Ministry"
# The Armenian side on Azerbaijani losses, and the Azerbaijani side on Armenian losses.
ON_AZ: dict[str, Any] = {"party": "azerbaijan", "side": "armenia", "claimant": ARM_MOD}
ON_ARM: dict[str, Any] = {"party": "armenia", "side": "azerbaijan", "claimant": AZ_MOD}

# Documents are given out of date order on purpose.
CORPUS = [
    # Oct 3, one battle: 30 Azerbaijani soldiers killed, says the Armenian side (and its running total)...
    doc(
        "day3-arm.txt",
        casualty(420, cumulative=True, **ON_AZ),
        casualty(30, start=100, **ON_AZ),
        date="2020-10-03",
    ),
    # ...one wire story on three sites: hedged on the second, on the third a day later and worded otherwise...
    doc("wire-a.txt", equipment(5, **ON_ARM), date="2020-10-02"),
    doc("day1-arm.txt", casualty(200, cumulative=True, **ON_AZ), date="2020-10-01"),
    doc("wire-b.txt", equipment(5, hedged=True, **ON_ARM), date="2020-10-02"),
    doc("day2-arm.txt", casualty(350, cumulative=True, **ON_AZ), date="2020-10-02"),
    # ...and the Azerbaijani side owns to 2 killed in the same battle.
    doc(
        "day3-az.txt", casualty(2, party="azerbaijan", side="azerbaijan", claimant=AZ_MOD), date="2020-10-03"
    ),
    doc("wire-c.txt", equipment(5, **{**ON_ARM, "claimant": AZ_MOD_2}), date="2020-10-03"),
    doc("day4-arm.txt", casualty(510, cumulative=True, **ON_AZ), date="2020-10-04"),
    # The Armenian running total rose over four days; on the fifth it falls.
    doc("day5-arm.txt", casualty(480, cumulative=True, **ON_AZ), date="2020-10-05"),
    doc("az-total-1.txt", equipment(130, cumulative=True, **ON_ARM), date="2020-10-02"),
    doc("az-total-2.txt", equipment(150, cumulative=True, **ON_ARM), date="2020-10-04"),
]
FELL = Decrease(date="2020-10-05", count=480, previous_date="2020-10-04", previous_count=510)
WIRE_SOURCES = (
    Source("wire-a.txt", "2020-10-02", AZ_MOD, "5 tanks", 0, 7),
    Source("wire-b.txt", "2020-10-02", AZ_MOD, "5 tanks", 0, 7),
    Source("wire-c.txt", "2020-10-03", AZ_MOD_2, "5 tanks", 0, 7),
)


def entry(f: Figure) -> tuple[object, ...]:
    return (f.figure, f.claimant, f.cumulative, f.source_docs, f.date, f.earlier, f.decreases)


def view(ledger: Ledger) -> list[tuple[object, ...]]:
    return [
        (
            row.date,
            row.party,
            row.type,
            row.what,
            row.outcome,
            *([entry(f) for f in row.cell(c)] for c in COLUMNS),
        )
        for row in ledger.rows
    ]


def test_a_corpus_ledger_merges_repeats_and_keeps_each_sides_latest_running_total() -> None:
    ledger = build_ledger(CORPUS)
    assert not ledger.by_day
    assert ledger.docs == tuple(d.id for d in CORPUS)
    assert view(ledger) == [
        (
            None, "armenia", "equipment", "tank", "destroyed",
            [],
            [
                # Three articles, one claim; the wire story's first date.
                ("5", AZ_MOD, False, ("wire-a.txt", "wire-b.txt", "wire-c.txt"), "2020-10-02", 0, ()),
                # 130 on Oct 2 is superseded by 150 on Oct 4, not added to it.
                ("150", AZ_MOD, True, ("az-total-2.txt",), "2020-10-04", 1, ()),
            ],
            [],
        ),
        (
            None, "azerbaijan", "casualty", "military", "killed",
            [
                ("30", ARM_MOD, False, ("day3-arm.txt",), "2020-10-03", 0, ()),
                # The latest of five running totals, flagged: it fell below the day before's.
                ("480", ARM_MOD, True, ("day5-arm.txt",), "2020-10-05", 4, (FELL,)),
            ],
            # The other side of the same battle.
            [("2", AZ_MOD, False, ("day3-az.txt",), "2020-10-03", 0, ())],
            [],
        ),
    ]  # fmt: skip
    tanks, killed = ledger.rows
    assert tanks.azerbaijan[0] == Figure(
        doc="wire-a.txt",
        figure="5",
        count=5,
        count_min=None,
        count_max=None,
        qualifier=None,
        approximate=False,
        model=None,
        claimant=AZ_MOD,
        claimant_side="azerbaijan",
        hedged=False,
        cumulative=False,
        text="5 tanks",
        start=0,
        end=7,
        date="2020-10-02",
        sources=WIRE_SOURCES,
    )
    assert (tanks.decreased, killed.decreased) == (False, True)


def test_a_corpus_ledger_by_day_keeps_every_days_figures() -> None:
    ledger = build_ledger(CORPUS, by_day=True)
    assert ledger.by_day
    assert view(ledger) == [
        ("2020-10-01", "azerbaijan", "casualty", "military", "killed",
         [("200", ARM_MOD, True, ("day1-arm.txt",), "2020-10-01", 0, ())], [], []),
        ("2020-10-02", "armenia", "equipment", "tank", "destroyed",
         [],
         [("5", AZ_MOD, False, ("wire-a.txt", "wire-b.txt", "wire-c.txt"), "2020-10-02", 0, ()),
          ("130", AZ_MOD, True, ("az-total-1.txt",), "2020-10-02", 0, ())],
         []),
        ("2020-10-02", "azerbaijan", "casualty", "military", "killed",
         [("350", ARM_MOD, True, ("day2-arm.txt",), "2020-10-02", 0, ())], [], []),
        # The disputed battle: each side's claim about the Azerbaijani dead, side by side.
        ("2020-10-03", "azerbaijan", "casualty", "military", "killed",
         [("420", ARM_MOD, True, ("day3-arm.txt",), "2020-10-03", 0, ()),
          ("30", ARM_MOD, False, ("day3-arm.txt",), "2020-10-03", 0, ())],
         [("2", AZ_MOD, False, ("day3-az.txt",), "2020-10-03", 0, ())],
         []),
        ("2020-10-04", "armenia", "equipment", "tank", "destroyed",
         [], [("150", AZ_MOD, True, ("az-total-2.txt",), "2020-10-04", 0, ())], []),
        ("2020-10-04", "azerbaijan", "casualty", "military", "killed",
         [("510", ARM_MOD, True, ("day4-arm.txt",), "2020-10-04", 0, ())], [], []),
        # By day, the drop is flagged on the day it happened.
        ("2020-10-05", "azerbaijan", "casualty", "military", "killed",
         [("480", ARM_MOD, True, ("day5-arm.txt",), "2020-10-05", 0, (FELL,))], [], []),
    ]  # fmt: skip
    assert [row.decreased for row in ledger.rows] == [False] * 6 + [True]
    assert ledger.rows[1].azerbaijan[0].sources == WIRE_SOURCES


def test_by_day_and_default_views_of_a_single_undated_document_are_the_same_rows() -> None:
    records = [equipment(3, start=0), casualty(4, start=10), equipment(3, start=20, cumulative=True)]
    default, by_day = (
        build_ledger([doc("a.txt", *records)]),
        build_ledger([doc("a.txt", *records)], by_day=True),
    )
    assert [replace(row, date=None) for row in by_day.rows] == list(default.rows)
    assert all(row.date is None for row in by_day.rows)


def test_the_same_claim_more_than_a_day_apart_is_two_claims() -> None:
    docs = [
        doc("a.txt", equipment(5), date="2020-10-02"),
        doc("b.txt", equipment(5), date="2020-10-03"),  # within a day of a.txt: merged
        doc("c.txt", equipment(5), date="2020-10-04"),  # two days after the claim's first date: a new claim
        doc("d.txt", equipment(5), date="2020-09-30"),
    ]
    (row,) = build_ledger(docs).rows
    assert [(f.date, f.source_docs) for f in row.armenia] == [
        ("2020-09-30", ("d.txt",)),
        ("2020-10-02", ("a.txt", "b.txt")),
        ("2020-10-04", ("c.txt",)),
    ]


@pytest.mark.parametrize(
    "other",
    [
        equipment(6),  # another figure
        equipment(5, side="azerbaijan", claimant=AZ_MOD),  # another claimant side
        equipment(5, party="unknown"),  # other losses
        equipment(5, category="uav"),
        equipment(5, outcome="captured"),
        equipment(5, cumulative=True),  # a running total is not a day's figure
        equipment(5, qualifier="about", approximate=True),
    ],
)
def test_only_the_same_claim_is_merged(other: Equipment) -> None:
    docs = [doc("a.txt", equipment(5), date="2020-10-02"), doc("b.txt", other, date="2020-10-02")]
    figures = [f for row in build_ledger(docs).rows for f in row.figures]
    assert [f.source_docs for f in figures] == [("a.txt",), ("b.txt",)]


def test_claimant_name_model_and_hedging_do_not_split_a_repeated_claim() -> None:
    docs = [
        doc("a.txt", equipment(5), date="2020-10-02"),
        doc(
            "b.txt", equipment(5, claimant="Shushan Stepanyan", model="T-72", hedged=True), date="2020-10-02"
        ),
    ]
    ((figure,),) = [row.armenia for row in build_ledger(docs).rows]
    assert figure.source_docs == ("a.txt", "b.txt")
    assert [s.claimant for s in figure.sources] == [ARM_MOD, "Shushan Stepanyan"]


def test_undated_documents_are_never_merged() -> None:
    docs = [
        doc("a.txt", equipment(5)),
        doc("b.txt", equipment(5)),
        doc("c.txt", equipment(5), date="2020-10-02"),
    ]
    (row,) = build_ledger(docs).rows
    # Dated claims first, then undated ones in input order.
    assert [f.source_docs for f in row.armenia] == [("c.txt",), ("a.txt",), ("b.txt",)]


def test_two_figures_of_one_document_stay_apart_and_each_takes_its_own_repeat() -> None:
    a = doc("a.txt", equipment(5, start=0), equipment(5, start=50, hedged=True), date="2020-10-02")
    b = doc("b.txt", equipment(5, hedged=True), date="2020-10-02")
    (row,) = build_ledger([a, b]).rows
    # b.txt's hedged figure repeats a.txt's hedged one, which it matches exactly.
    assert [(f.hedged, f.source_docs) for f in row.armenia] == [
        (False, ("a.txt",)),
        (True, ("a.txt", "b.txt")),
    ]


def test_running_totals_fall_against_the_highest_earlier_total_of_the_same_side_only() -> None:
    docs = [
        doc("1.txt", equipment(100, cumulative=True), date="2020-10-01"),
        doc("2.txt", equipment(150, cumulative=True), date="2020-10-02"),
        doc("3.txt", equipment(140, cumulative=True), date="2020-10-03"),
        doc("4.txt", equipment(145, cumulative=True), date="2020-10-04"),  # up from 140, still below 150
        # The other side's lower total is its own series, not a fall of this one.
        doc("5.txt", equipment(20, cumulative=True, side="azerbaijan", claimant=AZ_MOD), date="2020-10-04"),
    ]
    by_day = build_ledger(docs, by_day=True)
    assert [(row.date, [f.decreases for f in row.figures]) for row in by_day.rows] == [
        ("2020-10-01", [()]),
        ("2020-10-02", [()]),
        ("2020-10-03", [(Decrease("2020-10-03", 140, "2020-10-02", 150),)]),
        ("2020-10-04", [(Decrease("2020-10-04", 145, "2020-10-02", 150),), ()]),
    ]
    (row,) = build_ledger(docs).rows
    (latest,) = row.armenia
    assert (latest.count, latest.earlier) == (145, 3)
    assert latest.decreases == (
        Decrease("2020-10-03", 140, "2020-10-02", 150),
        Decrease("2020-10-04", 145, "2020-10-02", 150),
    )
    assert [(f.count, f.decreases) for f in row.azerbaijan] == [(20, ())]


def test_two_running_totals_on_the_latest_date_are_both_kept_and_neither_fell() -> None:
    docs = [
        doc("1.txt", equipment(100, cumulative=True), date="2020-10-01"),
        doc("2.txt", equipment(120, cumulative=True), date="2020-10-02"),
        doc("3.txt", equipment(125, cumulative=True), date="2020-10-02"),
    ]
    (row,) = build_ledger(docs).rows
    assert [(f.count, f.earlier, f.decreases) for f in row.armenia] == [(120, 1, ()), (125, 1, ())]


def test_an_undated_running_total_cannot_be_superseded() -> None:
    docs = [
        doc("1.txt", equipment(100, cumulative=True), date="2020-10-01"),
        doc("2.txt", equipment(120, cumulative=True), date="2020-10-02"),
        doc("old.txt", equipment(90, cumulative=True)),
    ]
    (row,) = build_ledger(docs).rows
    assert [(f.count, f.date, f.earlier) for f in row.armenia] == [(120, "2020-10-02", 1), (90, None, 0)]


def test_a_malformed_document_date_counts_as_no_date() -> None:
    docs = [doc("a.txt", equipment(5), date="2020-10"), doc("b.txt", equipment(5), date="2020-10-02")]
    (row,) = build_ledger(docs).rows
    assert [(f.date, f.source_docs) for f in row.armenia] == [("2020-10-02", ("b.txt",)), (None, ("a.txt",))]


def test_corpus_to_dict_carries_sources_and_decreases() -> None:
    data = json.loads(json.dumps(build_ledger(CORPUS, by_day=True).to_dict()))
    assert data["by"] == "day"
    last = data["rows"][-1]
    assert last["date"] == "2020-10-05"
    (figure,) = last["armenia"]
    assert figure["decreases"] == [
        {"date": "2020-10-05", "count": 480, "previous_date": "2020-10-04", "previous_count": 510}
    ]
    assert figure["sources"] == [
        {"doc": "day5-arm.txt", "date": "2020-10-05", "claimant": ARM_MOD, "text": "480 soldiers", "start": 0,
         "end": 12, "sentence": None, "mark": None, "claimant_sentence": None}
    ]  # fmt: skip
    assert build_ledger([]).to_dict()["by"] == "claim"


# --- the corpus as `claims compare` shows it ----------------------------------------------------------------


def ledger_text(ledger: Ledger, fmt: CompareFormat, explain: bool = False, wide: bool = False) -> str:
    out = io.StringIO()
    write_ledger(ledger, fmt, out, explain=explain, wide=wide)
    return out.getvalue()


def test_corpus_csv_by_day() -> None:
    """One row per figure: every day's, with its sources and, when a running total fell, from what."""
    assert ledger_text(build_ledger(CORPUS, by_day=True), CompareFormat.csv).splitlines() == [
        "date,party,kind,what,outcome,claimant_side,claimant,claimant_id,count,count_min,count_max,qualifier,"
        "cumulative,hedged,sources,running_total_fell",
        f"2020-10-01,azerbaijan,casualty,military,killed,armenia,{ARM_MOD},,200,,,,true,false,day1-arm.txt,",
        f"2020-10-02,armenia,equipment,tank,destroyed,azerbaijan,{AZ_MOD},,5,,,,false,false,"
        "wire-a.txt; wire-b.txt; wire-c.txt,",
        f"2020-10-02,armenia,equipment,tank,destroyed,azerbaijan,{AZ_MOD},,130,,,,true,false,az-total-1.txt,",
        f"2020-10-02,azerbaijan,casualty,military,killed,armenia,{ARM_MOD},,350,,,,true,false,day2-arm.txt,",
        f"2020-10-03,azerbaijan,casualty,military,killed,armenia,{ARM_MOD},,420,,,,true,false,day3-arm.txt,",
        f"2020-10-03,azerbaijan,casualty,military,killed,armenia,{ARM_MOD},,30,,,,false,false,day3-arm.txt,",
        f"2020-10-03,azerbaijan,casualty,military,killed,azerbaijan,{AZ_MOD},,2,,,,false,false,day3-az.txt,",
        f"2020-10-04,armenia,equipment,tank,destroyed,azerbaijan,{AZ_MOD},,150,,,,true,false,az-total-2.txt,",
        f"2020-10-04,azerbaijan,casualty,military,killed,armenia,{ARM_MOD},,510,,,,true,false,day4-arm.txt,",
        f"2020-10-05,azerbaijan,casualty,military,killed,armenia,{ARM_MOD},,480,,,,true,false,day5-arm.txt,"
        "510 (2020-10-04)",
    ]


def test_corpus_csv_one_row_per_figure_in_the_default_view() -> None:
    rows = list(csv.DictReader(io.StringIO(ledger_text(build_ledger(CORPUS), CompareFormat.csv))))
    # each side's latest running total only, and the other figures
    assert [(r["date"], r["kind"], r["count"], r["cumulative"], r["running_total_fell"]) for r in rows] == [
        ("2020-10-02", "equipment", "5", "false", ""),
        ("2020-10-04", "equipment", "150", "true", ""),
        ("2020-10-03", "casualty", "30", "false", ""),
        ("2020-10-05", "casualty", "480", "true", "510 (2020-10-04)"),
        ("2020-10-03", "casualty", "2", "false", ""),
    ]


def test_corpus_wide_csv_by_day() -> None:
    assert ledger_text(build_ledger(CORPUS, by_day=True), CompareFormat.csv, wide=True).splitlines() == [
        "date,party,type,what,outcome,armenian_side_claims,azerbaijani_side_claims,other_claims,running_total_fell",
        '2020-10-01,azerbaijan,casualty,military,killed,"200 — Armenian Defense Ministry, running total '
        '[day1-arm.txt]",,,false',
        '2020-10-02,armenia,equipment,tank,destroyed,,"5 — Azerbaijani Defense Ministry / '
        "Azerbaijan's Defense Ministry [3 sources: wire-a.txt, wire-b.txt, wire-c.txt]; "
        '130 — Azerbaijani Defense Ministry, running total [az-total-1.txt]",,false',
        '2020-10-02,azerbaijan,casualty,military,killed,"350 — Armenian Defense Ministry, running total '
        '[day2-arm.txt]",,,false',
        '2020-10-03,azerbaijan,casualty,military,killed,"420 — Armenian Defense Ministry, running total '
        '[day3-arm.txt]; 30 — Armenian Defense Ministry [day3-arm.txt]",2 — Azerbaijani Defense Ministry '
        "[day3-az.txt],,false",
        '2020-10-04,armenia,equipment,tank,destroyed,,"150 — Azerbaijani Defense Ministry, running total '
        '[az-total-2.txt]",,false',
        '2020-10-04,azerbaijan,casualty,military,killed,"510 — Armenian Defense Ministry, running total '
        '[day4-arm.txt]",,,false',
        '2020-10-05,azerbaijan,casualty,military,killed,"480 — Armenian Defense Ministry, running total '
        '[day5-arm.txt] ↓ fell from 510 (2020-10-04) to 480 (2020-10-05)",,,true',
    ]


def test_corpus_markdown_with_evidence() -> None:
    text = ledger_text(build_ledger(CORPUS), CompareFormat.markdown, explain=True)
    assert text.startswith(
        "## Figures\n\n"
        "| Whose losses | What | Outcome | Armenian side claims | Azerbaijani side claims |\n"
        "|---|---|---|---|---|\n"
        # One file name per figure: the evidence lines name each source, the figure's own line none.
        "| Armenian | tank | destroyed |  | 5 — Azerbaijani Defense Ministry / Azerbaijan's Defense Ministry"
        "<br>↳ wire-a.txt, 2020-10-02: “5 tanks”"
        "<br>↳ wire-b.txt, 2020-10-02: “5 tanks”"
        "<br>↳ wire-c.txt, 2020-10-03 (Azerbaijan's Defense Ministry): “5 tanks”"
        "<br>150 — Azerbaijani Defense Ministry, running total, latest of 2 dates"
        "<br>↳ az-total-2.txt, 2020-10-04: “150 tanks” |\n"
        "| Azerbaijani | military | killed | 30 — Armenian Defense Ministry"
        "<br>↳ day3-arm.txt, 2020-10-03: “30 soldiers”"
        "<br>480 — Armenian Defense Ministry, running total, latest of 5 dates "
        "↓ fell from 510 (2020-10-04) to 480 (2020-10-05)"
        "<br>↳ day5-arm.txt, 2020-10-05: “480 soldiers” "
        "| 2 — Azerbaijani Defense Ministry"
        "<br>↳ day3-az.txt, 2020-10-03: “2 soldiers” |\n"
    )


def test_corpus_markdown_by_day_has_a_date_column() -> None:
    lines = ledger_text(build_ledger(CORPUS, by_day=True), CompareFormat.markdown).splitlines()
    assert lines[:3] == [
        "## Figures by day",
        "",
        "| Date | Whose losses | What | Outcome | Armenian side claims | Azerbaijani side claims |",
    ]
    assert lines[-5] == (
        "| 2020-10-05 | Azerbaijani | military | killed | 480 — Armenian Defense Ministry, running total "
        "[day5-arm.txt] ↓ fell from 510 (2020-10-04) to 480 (2020-10-05) |  |"
    )


def test_undated_rows_come_last_by_day() -> None:
    docs = [doc("old.txt", equipment(9)), doc("new.txt", equipment(5), date="2020-10-02")]
    ledger = build_ledger(docs, by_day=True)
    assert [row.date for row in ledger.rows] == ["2020-10-02", None]
    assert "| undated | Azerbaijani | tank | destroyed | 9 — Armenian Defense Ministry [old.txt] |  |" in (
        ledger_text(ledger, CompareFormat.markdown).splitlines()
    )


def test_evidence_is_the_sentence_around_the_figure_when_the_text_is_at_hand() -> None:
    text = "Karabakh, Oct 2\nFighting went on. The ministry said 12 tanks were hit near Talish. More later."
    start = text.index("12 tanks")
    record = replace(equipment(12, start=start), text="12 tanks", end=start + 8)
    with_text = replace(doc("a.txt", record, date="2020-10-02"), text=text)
    (figure,) = build_ledger([with_text]).rows[0].armenia
    assert figure.sources[0].sentence == "The ministry said 12 tanks were hit near Talish."
    assert evidence_lines(figure) == [
        "↳ a.txt, 2020-10-02: “The ministry said 12 tanks were hit near Talish.”"
    ]


def test_a_single_source_figure_line_is_unchanged() -> None:
    (figure,) = build_ledger([doc("a.txt", equipment(3))]).rows[0].armenia
    assert figure_line(figure, show_doc=False) == "3 — Armenian Defense Ministry"
    assert figure_line(figure, show_doc=True) == "3 — Armenian Defense Ministry [a.txt]"
    assert figure_line(figure, show_doc=True, show_date=True) == "3 — Armenian Defense Ministry [a.txt]"
    assert evidence_lines(figure) == ["↳ a.txt: “3 tanks”"]


# --- dates read back from extract output, and `claims compare` over a saved corpus (no model) ---------------


def corpus_jsonl(docs: list[DocumentClaims]) -> str:
    """The corpus as `claims extract --format jsonl` prints it once documents have dates."""
    return "".join(
        json.dumps({**record_to_dict(record, d.id), "date": d.date}) + "\n"
        for d in docs
        for record in d.records()
    )


def corpus_json(docs: list[DocumentClaims]) -> str:
    return json.dumps({"schema": SCHEMA, "documents": [{**d.to_dict(), "date": d.date} for d in docs]})


def test_documents_from_json_reads_document_dates() -> None:
    assert documents_from_json(corpus_jsonl(CORPUS)) == CORPUS
    assert documents_from_json(corpus_json(CORPUS)) == CORPUS
    # A line without a date (older output) does not undo its document's date.
    undated_first = jsonl({**GOOD, "doc": "a.txt"}, {**GOOD, "doc": "a.txt", "date": "2020-10-08"})
    assert [d.date for d in documents_from_json(undated_first) or []] == ["2020-10-08"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (jsonl({**GOOD, "date": "2020-13-01"}), 'line 1: date "2020-13-01" is not a YYYY-MM-DD date'),
        (jsonl(GOOD, {**GOOD, "date": 20201008}), "line 2: date 20201008 is not a YYYY-MM-DD date"),
        (
            json_document([{"id": "a.txt", "date": "8 October 2020"}]),
            "document 'a.txt': date \"8 October 2020\" is not a YYYY-MM-DD date",
        ),
    ],
)
def test_bad_dates_are_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError) as info:
        documents_from_json(text)
    assert str(info.value) == message


def test_emitted_text_is_read_back_and_gives_evidence_sentences() -> None:
    # `claims extract --emit-text`: a "document" line (jsonl) or a "text" field (json) holds the text.
    text = "Baku, Oct 2\nThe ministry said 12 tanks were hit. Nothing else."
    start = text.index("12 tanks")
    record = replace(equipment(12, start=start), text="12 tanks", end=start + 8)
    document_line = {"type": "document", "doc": "a.txt", "date": "2020-10-02", "text": text}
    saved_jsonl = jsonl(document_line, {**record_to_dict(record, "a.txt"), "date": "2020-10-02"})
    saved_json = json_document([{**doc("a.txt", record).to_dict(), "date": "2020-10-02", "text": text}])
    for saved in (saved_jsonl, saved_json):
        (read,) = documents_from_json(saved) or []
        assert (read.id, read.date, read.text, read.equipment) == ("a.txt", "2020-10-02", text, (record,))
        (figure,) = build_ledger([read]).rows[0].armenia
        assert figure.sources[0].sentence == "The ministry said 12 tanks were hit."
    # A document line alone is a document without claims.
    assert [(d.id, d.date) for d in documents_from_json(jsonl(document_line)) or []] == [
        ("a.txt", "2020-10-02")
    ]
    with pytest.raises(ValueError, match="^line 1: document text is not a string$"):
        documents_from_json(jsonl({**document_line, "text": 5}))


RUNNER = CliRunner(env={"NO_COLOR": None, "FORCE_COLOR": None, "TTY_COMPATIBLE": None, "COLUMNS": "160"})


@pytest.fixture
def saved_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    def no_pipeline() -> None:
        raise AssertionError("saved extract output must not need spaCy")

    monkeypatch.setattr(extractors, "get_nlp", no_pipeline)
    path = tmp_path / "corpus.jsonl"
    path.write_text(corpus_jsonl(CORPUS), encoding="utf-8")
    return str(path)


def compare(*args: str, columns: int = 160) -> str:
    result = RUNNER.invoke(app, ["compare", *args], env={"COLUMNS": str(columns)}, prog_name="claims")
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    return result.stdout


def test_compare_by_day_csv_over_saved_jsonl(saved_corpus: str) -> None:
    expected = ledger_text(build_ledger(CORPUS, by_day=True), CompareFormat.csv)
    assert compare(saved_corpus, "--by", "day", "--format", "csv") == expected


def test_compare_json_over_saved_jsonl(saved_corpus: str) -> None:
    for by, by_day in (("claim", False), ("day", True)):
        data = json.loads(compare(saved_corpus, "--by", by, "--format", "json"))
        assert data == json.loads(json.dumps(build_ledger(CORPUS, by_day=by_day).to_dict()))
    # --explain adds nothing to JSON: the sources are always there.
    assert compare(saved_corpus, "-f", "json", "--explain") == compare(saved_corpus, "-f", "json")


def test_compare_markdown_explain_over_saved_jsonl(saved_corpus: str) -> None:
    expected = ledger_text(build_ledger(CORPUS, by_day=True), CompareFormat.markdown, explain=True)
    assert compare(saved_corpus, "--by", "day", "--explain", "-f", "markdown") == expected
    assert "<br>↳ wire-c.txt, 2020-10-03 (Azerbaijan's Defense Ministry): “5 tanks”" in expected


def test_compare_table_over_saved_jsonl(saved_corpus: str) -> None:
    # Wide enough for no figure to wrap. Over several documents: a summary, each side's latest figure.
    out = compare(saved_corpus, columns=300)
    lines = [line.strip() for line in out.splitlines()]
    assert lines[:2] == [
        "Claimed losses: each side's latest figure",
        "11 documents; --all for every figure, --by day for each day's",
    ]
    assert re.search(
        r"Armenian\s+tank\s+destroyed\s+150 — Azerbaijani Defense Ministry, running total \[3\] "
        r"\(5 sources, latest of 3 figures\)$",
        out,
        re.M,
    )
    assert re.search(
        r"Azerbaijani\s+military\s+killed\s+480 — Armenian Defense Ministry, running total \[2\] "
        r"\(5 sources, latest of 6 figures\) ↓ fell from 510 \(2020-10-04\) to 480 \(2020-10-05\)\s+"
        r"2 — Azerbaijani Defense Ministry \[1\]$",
        out,
        re.M,
    )
    # Documents by short keys, the legend under the table.
    assert lines[-4:] == [
        "Sources",
        "[1] day3-az.txt, 2020-10-03",
        "[2] day5-arm.txt, 2020-10-05",
        "[3] az-total-2.txt, 2020-10-04",
    ]
    assert "↳" not in out
    every = compare(saved_corpus, "--all", columns=300)
    assert "Claimed losses" in every and "latest figure" not in every and "by day" not in every
    assert re.search(
        r"Armenian\s+tank\s+destroyed\s+5 — Azerbaijani Defense Ministry / Azerbaijan's Defense Ministry "
        r"\[2, 3, 5\]$",
        every,
        re.M,
    )
    assert "[2] wire-a.txt, 2020-10-02" in every and "[5] wire-c.txt, 2020-10-03" in every
    assert "latest of 5 dates" in every
    assert re.search(r"latest of 5 dates \[6\] ↓ fell from 510 \(2020-10-04\) to 480 \(2020-10-05\)", every)
    by_day = compare(saved_corpus, "--by", "day", "--explain", columns=300)
    assert "Claimed losses by day" in by_day
    assert re.search(
        r"Date\s+Whose losses\s+What\s+Outcome\s+Armenian side claims\s+Azerbaijani side claims", by_day
    )
    # A date shows on the first of its rows only.
    assert len(re.findall(r"^\s+2020-10-02\s", by_day, re.M)) == 1
    # The evidence names its document by key, once.
    assert "↳ [6]: “2 soldiers”" in by_day and "[6] day3-az.txt, 2020-10-03" in by_day


def test_compare_by_rejects_other_values(saved_corpus: str) -> None:
    result = RUNNER.invoke(app, ["compare", saved_corpus, "--by", "week"], prog_name="claims")
    assert result.exit_code == 2
    assert "'week' is not one of" in result.stderr


# --- running totals of one place, claimant ids, the summary -------------------------------------------------


def with_text(doc_id: str, text: str, *figures: tuple[str, Casualty], date: str) -> DocumentClaims:
    """A document whose figures are given by their evidence span in `text`."""
    records = []
    for span, record in figures:
        start = text.index(span)
        records.append(replace(record, text=span, start=start, end=start + len(span)))
    return replace(doc(doc_id, *records, date=date), text=text)


BEGLARYAN = "Artak Beglaryan"
ON_ARMENIAN_CIVILIANS: dict[str, Any] = {
    "party": "armenia", "group": "civilian", "side": "armenia", "claimant": BEGLARYAN, "cumulative": True,
}  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("Beglaryan said 82 civilians had been wounded since the start of the war, and that dozens of "
         "civilians had been wounded in Stepanakert alone.", "dozens of civilians had been wounded"),
        ("In Stepanakert alone, 40 civilians have been wounded since September 27, Beglaryan said.",
         "40 civilians have been wounded"),
        ("Since September 27, 40 civilians were wounded in this village, Beglaryan said.",
         "40 civilians were wounded"),
        ("Beglaryan said 40 civilians in the city of Martuni had been wounded since September 27.",
         "40 civilians in the city of Martuni had been wounded"),
    ],
)  # fmt: skip
def test_a_running_total_of_one_place_raises_no_fall(sentence: str, span: str) -> None:
    day1 = with_text(
        "day1.txt",
        "Beglaryan said 82 civilians had been wounded since the start of the war.",
        ("82 civilians had been wounded", casualty(82, outcome="wounded", **ON_ARMENIAN_CIVILIANS)),
        date="2020-10-10",
    )
    count = 24 if span.startswith("dozens") else 40
    local_figure = casualty(count, outcome="wounded", **ON_ARMENIAN_CIVILIANS)
    day2 = with_text("day2.txt", sentence, (span, local_figure), date="2020-10-11")
    (row,) = build_ledger([day1, day2]).rows
    local = next(f for f in row.armenia if f.count == count)
    assert (local.cumulative, local.subtotal, local.running_total, local.decreases) == (True, True, False, ())
    # The side's running total is still the 82 of the day before: the local figure is not its latest.
    whole = next(f for f in row.armenia if f.count == 82)
    assert (whole.running_total, whole.decreases) == (True, ())
    assert figure_line(local, show_doc=False) == f"{count} — {BEGLARYAN}, total of one place"
    by_day = build_ledger([day1, day2], by_day=True)
    assert not any(row.decreased for row in by_day.rows)


def test_the_same_fall_over_the_whole_side_is_still_flagged() -> None:
    def total(doc_id: str, count: int, date: str) -> DocumentClaims:
        text = f"Beglaryan said {count} civilians had been wounded since the start of the war."
        record = casualty(count, outcome="wounded", **ON_ARMENIAN_CIVILIANS)
        return with_text(doc_id, text, (f"{count} civilians had been wounded", record), date=date)

    day1, day2 = total("day1.txt", 82, "2020-10-10"), total("day2.txt", 40, "2020-10-11")
    (row,) = build_ledger([day1, day2]).rows
    (latest,) = row.armenia
    assert latest.decreases == (Decrease("2020-10-11", 40, "2020-10-10", 82),)


def test_a_subtotal_is_found_in_the_evidence_alone_when_there_is_no_text() -> None:
    record = replace(casualty(12, cumulative=True), text="12 soldiers killed in this village")
    (row,) = build_ledger([doc("a.txt", record, date="2020-10-02")]).rows
    assert row.azerbaijan[0].subtotal


def ided(record: Casualty | Equipment, claimant_id: str | None, claimant: str) -> Casualty | Equipment:
    return replace(record, claimant_id=claimant_id, claimant=claimant)


def test_claimants_with_ids_keep_running_totals_of_their_own() -> None:
    mod = ided(equipment(120, cumulative=True, **ON_ARM), "az.mod", AZ_MOD)
    president = ided(equipment(90, cumulative=True, **ON_ARM), "az.president", "Ilham Aliyev")
    docs = [doc("a.txt", mod, date="2020-10-04"), doc("b.txt", president, date="2020-10-05")]
    (row,) = build_ledger(docs).rows
    # Two claimants of one side: each one's latest, and the president's lower figure is no fall of the MoD's.
    assert [(f.count, f.claimant_id, f.decreases) for f in row.azerbaijan] == [
        (120, "az.mod", ()),
        (90, "az.president", ()),
    ]
    # Without ids, as before: one series per side, the latest only, and the fall flagged.
    plain = [doc("a.txt", replace(mod, claimant_id=None), date="2020-10-04"),
             doc("b.txt", replace(president, claimant_id=None), date="2020-10-05")]  # fmt: skip
    (row,) = build_ledger(plain).rows
    assert [(f.count, f.decreases) for f in row.azerbaijan] == [
        (90, (Decrease("2020-10-05", 90, "2020-10-04", 120),))
    ]


def test_one_claimant_id_is_one_claimant_however_it_is_worded() -> None:
    # One document names the ministry twice, two ways: one claim.
    first = ided(equipment(5, start=0, **ON_ARM), "az.mod", AZ_MOD)
    second = ided(equipment(5, start=40, **ON_ARM), "az.mod", "the ministry")
    same = doc("a.txt", first, second, date="2020-10-02")
    (row,) = build_ledger([same]).rows
    assert [f.claimant for f in row.azerbaijan] == [AZ_MOD]
    # Across documents, different claimants of one side do not merge into one entry...
    a = doc("a.txt", ided(equipment(5, **ON_ARM), "az.mod", AZ_MOD), date="2020-10-02")
    b = doc("b.txt", ided(equipment(5, **ON_ARM), "az.president", "Ilham Aliyev"), date="2020-10-02")
    c = doc(
        "c.txt", ided(equipment(5, **ON_ARM), "az.mod", "Azerbaijan's Defense Ministry"), date="2020-10-03"
    )
    (row,) = build_ledger([a, b, c]).rows
    # ...while one claimant's does, and its figures stand together.
    assert [(f.claimant_id, f.source_docs) for f in row.azerbaijan] == [
        ("az.mod", ("a.txt", "c.txt")),
        ("az.president", ("b.txt",)),
    ]


def test_claimant_ids_read_from_jsonl_group_the_ledger() -> None:
    lines = [
        {**record_to_dict(ided(equipment(120, cumulative=True, **ON_ARM), "az.mod", AZ_MOD), "a.txt"),
         "date": "2020-10-04"},
        {**record_to_dict(ided(equipment(90, cumulative=True, **ON_ARM), "az.president", "Ilham Aliyev"),
                          "b.txt"), "date": "2020-10-05"},
    ]  # fmt: skip
    docs = documents_from_json(jsonl(*lines)) or []
    (row,) = build_ledger(docs).rows
    assert [(f.count, f.claimant_id, bool(f.decreases)) for f in row.azerbaijan] == [
        (120, "az.mod", False),
        (90, "az.president", False),
    ]


def test_summary_keeps_each_sides_latest_figure_with_its_counts() -> None:
    ledger = build_ledger(CORPUS, summary=True)
    assert ledger.summary and not ledger.by_day
    tanks, killed = ledger.rows
    # The Azerbaijani side's latest running total (not its later-dated "5 tanks" of Oct 2-3).
    assert [(f.count, f.date, f.summary_figures, f.summary_sources) for f in tanks.azerbaijan] == [
        (150, "2020-10-04", 3, 5)
    ]
    assert [(f.count, f.summary_figures, f.summary_sources, len(f.decreases)) for f in killed.armenia] == [
        (480, 6, 5, 1)
    ]
    # A side with no running total: its latest figure.
    assert [(f.count, f.summary_figures) for f in killed.azerbaijan] == [(2, 1)]
    assert build_ledger(CORPUS, summary=True).to_dict()["summary"] is True
    with pytest.raises(ValueError):
        build_ledger(CORPUS, summary=True, by_day=True)


def test_undated_documents_are_named_in_input_order() -> None:
    docs = [
        doc("b.txt", equipment(1)),
        doc("a.txt", equipment(2), date="2020-10-02"),
        doc("c.txt", equipment(3)),
        doc("quotes-only.txt", quote("We will win")),
    ]
    assert build_ledger(docs).undated == ("b.txt", "c.txt")
