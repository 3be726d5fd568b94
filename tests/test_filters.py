"""Filters: `extractors.filters.ClaimFilter`, and `--since`, `--until`, `--claimant-side`, `--party` and
`--type` on `extract`, `compare` and `timeline`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clitools import RUNNER, write
from spacy.language import Language
from test_ledger import AZ_MOD, CORPUS, ON_ARM, ON_AZ, casualty, corpus_jsonl, doc, equipment, quote

import extractors
from cli.app import app
from extractors.filters import ClaimFilter

DOCS = [
    doc("old.txt", equipment(5, **ON_AZ), quote("We will win", start=30), date="2020-10-01"),
    doc("new.txt", casualty(20, **ON_ARM), equipment(3, **ON_ARM, start=40), date="2020-10-05"),
    doc("undated.txt", equipment(7, **ON_AZ), casualty(4, party="both", side="other", claimant="ICRC")),
]


def kept(keep: ClaimFilter) -> list[tuple[str, str, int | str]]:
    out = []
    for d in DOCS:
        filtered = keep.apply(d)
        out += [(d.id, r.type, getattr(r, "count", None) or r.text) for r in filtered.records()]
    return out


def test_no_condition_keeps_everything() -> None:
    assert not ClaimFilter().active
    assert [ClaimFilter().apply(d) for d in DOCS] == DOCS


def test_dates_are_inclusive_and_undated_records_are_left_out() -> None:
    assert kept(ClaimFilter(since="2020-10-05")) == [("new.txt", "casualty", 20), ("new.txt", "equipment", 3)]
    assert kept(ClaimFilter(until="2020-10-01")) == [
        ("old.txt", "equipment", 5),
        ("old.txt", "quote", "We will win"),
    ]
    assert kept(ClaimFilter(since="2020-10-02", until="2020-10-04")) == []


def test_sides_parties_and_types() -> None:
    assert kept(ClaimFilter(claimant_sides=frozenset({"other"}))) == [("undated.txt", "casualty", 4)]
    # A quote has no party: a party condition leaves it out.
    assert kept(ClaimFilter(parties=frozenset({"azerbaijan"}))) == [
        ("old.txt", "equipment", 5),
        ("undated.txt", "equipment", 7),
    ]
    assert kept(ClaimFilter(types=frozenset({"quote", "casualty"}), parties=frozenset())) == [
        ("old.txt", "quote", "We will win"),
        ("new.txt", "casualty", 20),
        ("undated.txt", "casualty", 4),
    ]
    # every condition at once
    both = ClaimFilter(
        since="2020-10-01", claimant_sides=frozenset({"azerbaijan"}), types=frozenset({"equipment"})
    )
    assert kept(both) == [("new.txt", "equipment", 3)]


def test_the_document_is_kept_with_its_date_and_text() -> None:
    filtered = ClaimFilter(types=frozenset({"quote"})).apply(DOCS[1])
    assert (filtered.id, filtered.date, filtered.records()) == ("new.txt", "2020-10-05", [])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"since": "2020-13-01"}, "since '2020-13-01' is not a YYYY-MM-DD date"),
        ({"since": "2020-10-05", "until": "2020-10-01"}, "since 2020-10-05 is after until 2020-10-01"),
        ({"types": {"tank"}}, "types: 'tank' not one of quote, casualty, equipment"),
        ({"parties": {"russia"}}, "parties: 'russia' not one of armenia, azerbaijan, other, unknown, both"),
    ],
)
def test_a_bad_filter_is_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError) as info:
        ClaimFilter(**kwargs)  # type: ignore[arg-type]
    assert str(info.value) == message


# --- the command line ---------------------------------------------------------------------------------------


@pytest.fixture
def saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    def no_pipeline() -> None:
        raise AssertionError("saved extract output must not need spaCy")

    monkeypatch.setattr(extractors, "get_nlp", no_pipeline)
    monkeypatch.chdir(tmp_path)
    write("corpus.jsonl", corpus_jsonl(CORPUS))
    return "corpus.jsonl"


def claims(*args: str, code: int = 0) -> tuple[str, str]:
    result = RUNNER.invoke(app, list(args), prog_name="claims")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == code, result.output
    return result.stdout, result.stderr


def figures(csv_text: str) -> list[tuple[str, ...]]:
    rows = [line.split(",") for line in csv_text.splitlines()[1:]]
    return [(r[0], r[1], r[5], r[8]) for r in rows]  # date, party, claimant_side, count


def test_compare_filters(saved: str) -> None:
    out, _ = claims(
        "compare", saved, "-f", "csv", "--by", "day", "--since", "2020-10-04", "--until", "2020-10-04"
    )
    assert figures(out) == [
        ("2020-10-04", "armenia", "azerbaijan", "150"),
        ("2020-10-04", "azerbaijan", "armenia", "510"),
    ]
    out, _ = claims(
        "compare", saved, "-f", "csv", "--party", "armenia", "--claimant-side", "azerbaijan,armenia"
    )
    assert {row[1] for row in figures(out)} == {"armenia"}
    # Repeated or as a comma list: the same.
    repeated, _ = claims(
        "compare", saved, "-f", "csv", "--claimant-side", "azerbaijan", "--claimant-side", "armenia"
    )
    listed, _ = claims("compare", saved, "-f", "csv", "--claimant-side", "armenia,azerbaijan")
    assert repeated == listed
    out, _ = claims("compare", saved, "-f", "csv", "--type", "quote")
    assert out.splitlines()[1:] == []


def test_timeline_filters(saved: str) -> None:
    out, _ = claims("timeline", saved, "--party", "armenia")
    assert "Tanks destroyed" in out and "Military personnel killed" not in out
    out, _ = claims("timeline", saved, "--until", "2020-10-03")
    assert "480 on" not in out and "420 on 2020-10-03" in out


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["--since", "Oct 5"], "Invalid value for --since: 'Oct 5' is not a date (YYYY-MM-DD)"),
        (["--since", "2020-10-05", "--until", "2020-10-01"], "2020-10-05 is after --until 2020-10-01"),
        (["--type", "tanks"], "Invalid value for --type: 'tanks' is not one of quote, casualty, equipment"),
        (["--party", "russia"], "'russia' is not one of armenia, azerbaijan, other, unknown, both"),
        (["--claimant-side", "both"], "'both' is not one of armenia, azerbaijan, other, unknown"),
    ],
)
@pytest.mark.parametrize("command", ["extract", "compare", "timeline"])
def test_bad_filter_options_are_usage_errors(
    saved: str, command: str, args: list[str], complaint: str
) -> None:
    result = RUNNER.invoke(app, [command, saved, *args], prog_name="claims")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert complaint in " ".join(result.stderr.replace("│", " ").split())


def test_extract_filters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nlp: Language) -> None:
    monkeypatch.chdir(tmp_path)
    write("a-2020-10-05.txt", f"The {AZ_MOD} said it had destroyed 5 Armenian tanks.\n")
    write("b.txt", '"We will not give up," Prime Minister Nikol Pashinyan said.\n')
    out, _ = claims("extract", "a-2020-10-05.txt", "b.txt", "-f", "jsonl", "--type", "equipment")
    assert [(r["type"], r["doc"], r["count"]) for r in map(json.loads, out.splitlines())] == [
        ("equipment", "a-2020-10-05.txt", 5)
    ]
    # b.txt has no date: --since leaves its quote out, and the document stays, empty; a.txt's date is in its
    # name, and its indirect quote stays.
    out, _ = claims("extract", "a-2020-10-05.txt", "b.txt", "-f", "json", "--since", "2020-10-01")
    documents = json.loads(out)["documents"]
    assert [(d["id"], d["date"], len(d["quotes"]), len(d["equipment"])) for d in documents] == [
        ("a-2020-10-05.txt", "2020-10-05", 1, 1),
        ("b.txt", None, 0, 0),
    ]
