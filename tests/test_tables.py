"""Tables as a person reads them at 80, 120 and 200 columns: no word or file name broken inside a cell,
nothing cut with "…", label columns giving way before claim columns, `compare` stacked below 100 columns,
short source keys with a legend, and no trailing spaces in what is written to a file.

Rendered into a string, as `claims` writes to a file or pipe, with the width `COLUMNS` gives.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text
from test_ledger import AZ_MOD, CORPUS, ON_ARM, ON_AZ, casualty, doc, equipment, quote

from cli.render import CompareFormat, ExtractFormat, write_documents, write_ledger
from cli.tables import STACKED_BELOW, Spec, fit
from extractors import DocumentClaims
from extractors.ledger import build_ledger

SEED = Path(__file__).resolve().parents[1] / "samples" / "southfront-2020-10-08.txt"
WIDTHS = [80, 120, 200]
# Far wider than any line: every cell on one line, so its words are whole.
UNWRAPPED = 2000


@pytest.fixture(scope="module")
def seed(claims: Callable[[str], DocumentClaims]) -> DocumentClaims:
    return replace(claims(SEED.read_text(encoding="utf-8")), id="samples/southfront-2020-10-08.txt")


def extract_table(docs: list[DocumentClaims], width: int, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    out = io.StringIO()
    write_documents(docs, ExtractFormat.table, out)
    return out.getvalue()


def compare_table(
    ledger_docs: list[DocumentClaims], width: int, monkeypatch: pytest.MonkeyPatch, **kw: bool
) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    out = io.StringIO()
    write_ledger(build_ledger(ledger_docs, **kw), CompareFormat.table, out)
    return out.getvalue()


def words(text: str) -> Counter[str]:
    """The words on the screen; rules and table lines are not words."""
    return Counter(token for token in text.split() if not set(token) <= set("─━│┃"))


def assert_reads_well(text: str, width: int, vocabulary: Counter[str]) -> None:
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    assert "…" not in text
    # A broken word leaves fragments that are no word of the unwrapped table.
    assert set(words(text)) <= set(vocabulary), set(words(text)) - set(vocabulary)
    assert all(line == line.rstrip() for line in lines), "trailing spaces in file output"


@pytest.mark.parametrize("width", WIDTHS)
def test_extract_tables_keep_every_word_whole(
    seed: DocumentClaims, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = extract_table([seed], width, monkeypatch)
    unwrapped = extract_table([seed], UNWRAPPED, monkeypatch)
    assert_reads_well(text, width, words(unwrapped))
    # Every word there is, and only those: nothing broken, nothing cut.
    assert words(text) == words(unwrapped)
    assert "Hovhannisyan" in text and "Hovhannisy\n" not in text
    assert re.search(r"Azerbaijani\s+military\s+casualties\s+about 20\s+Artsrun Hovhannisyan", text)


def test_extract_table_at_80_columns_label_columns_give_way(
    seed: DocumentClaims, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = extract_table([seed], 80, monkeypatch)
    lines = text.splitlines()
    # "armored vehicle (BMP)" wraps in the What column; the claimant beside it stays on its line.
    row = next(i for i, line in enumerate(lines) if "armored" in line)
    assert re.search(r"Azerbaijani\s+armored\s+destroyed\s+1 \(hedged\)\s+Armenia \(armenia\)$", lines[row])
    assert lines[row + 1].strip() == "vehicle"
    # a figure in the outlet's own voice says so, as compare does
    assert re.search(r"Azerbaijani\s+uav\s+downed\s+2\s+the outlet itself \(other\)$", text, re.M)


def test_a_long_document_id_is_not_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    long_id = "archive/2020/october/karabakh/" + "very-long-file-name-" * 3 + "2020-10-08.txt"
    text = extract_table([doc(long_id, equipment(3))], 80, monkeypatch)
    assert long_id in text.replace("\n", "")
    assert "…" not in text


@pytest.mark.parametrize("width", [120, 200])
def test_compare_table_keeps_every_word_whole(
    seed: DocumentClaims, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = compare_table([seed], width, monkeypatch)
    unwrapped = compare_table([seed], UNWRAPPED, monkeypatch)
    assert_reads_well(text, width, words(unwrapped))
    assert words(text) == words(unwrapped)
    # a table: the claim columns' titles whole on the header line
    assert re.search(
        r"What\s+Outcome\s+Armenian side claims\s+Azerbaijani side claims\s+(other / )?unattributed$",
        text,
        re.M,
    )


def test_compare_at_80_columns_is_one_block_per_row(
    seed: DocumentClaims, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = compare_table([seed], 80, monkeypatch)
    unwrapped = compare_table([seed], UNWRAPPED, monkeypatch)
    vocabulary = words(unwrapped) + words("Armenian side Azerbaijani side Others •")
    assert_reads_well(text, 80, vocabulary)
    lines = text.splitlines()
    assert "Whose" not in text  # no table header: blocks
    head = lines.index("Azerbaijani military casualties")
    assert lines[head + 1] == "  Armenian side     about 20 — Artsrun Hovhannisyan"
    assert "Azerbaijani uav downed" in lines
    assert "  Others            2 — the outlet itself" in lines
    # the quotes under it, each side's in a list
    assert "Armenian side" in lines


def test_compare_switches_to_blocks_below_100_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = [doc("a.txt", equipment(3), casualty(20))]
    assert "Outcome" in compare_table(docs, STACKED_BELOW, monkeypatch)
    narrow = compare_table(docs, STACKED_BELOW - 1, monkeypatch)
    assert "Outcome" not in narrow
    assert "Azerbaijani tank destroyed" in narrow.splitlines()


def test_several_documents_are_named_by_keys_with_a_legend(monkeypatch: pytest.MonkeyPatch) -> None:
    long_a = "samples/armenian-mod-bulletin-2020-10-12.txt"
    long_b = "samples/azerbaijani-mod-statement-2020-10-19.txt"
    docs = [
        doc(long_a, equipment(12, **ON_AZ), date="2020-10-12"),
        doc(
            long_b,
            equipment(4, **ON_ARM),
            quote("We will win", speaker="Ilham Aliyev", role=None, side="azerbaijan"),
        ),
    ]
    for width in WIDTHS:
        text = compare_table(docs, width, monkeypatch)
        lines = text.splitlines()
        body = "\n".join(lines[: lines.index("Sources")])
        # No file name inside the table or blocks: keys only.
        assert long_a not in body and long_b not in body
        assert "12 — Armenian Defense Ministry [1]" in " ".join(body.split())
        assert f"4 — {AZ_MOD} [2]" in " ".join(body.split())
        assert "“We will win” — Ilham Aliyev [2]" in " ".join(body.split())
        assert lines[lines.index("Sources") :] == ["Sources", f"[1] {long_a}, 2020-10-12", f"[2] {long_b}"]


def test_summary_table_shows_each_sides_latest_figure(monkeypatch: pytest.MonkeyPatch) -> None:
    text = compare_table(CORPUS, UNWRAPPED, monkeypatch, summary=True)
    assert text.splitlines()[0] == "Claimed losses: each side's latest figure"
    flat = " ".join(text.split())
    assert "480 — Armenian Defense Ministry, running total [2] (5 sources, latest of 6 figures)" in flat
    assert "150 — Azerbaijani Defense Ministry, running total [3] (5 sources, latest of 3 figures)" in flat
    # one figure per side and row
    assert "30 — Armenian" not in flat and "5 — Azerbaijani" not in flat


# --- fitting the columns ------------------------------------------------------------------------------------


def spec(*cells: str, label: bool, floor: int = 0) -> Spec:
    return Spec(Text("h"), tuple(Text(cell) for cell in cells), label=label, floor=floor)


CONSOLE = Console(file=io.StringIO(), width=500)


def test_labels_give_way_before_claims() -> None:
    label = spec("armored vehicle", label=True)  # natural 15, longest word 7
    claim = spec("5 — Azerbaijani Defense Ministry, running total", label=False, floor=24)  # natural 47
    # Room for everything: every column as wide as its text.
    assert fit(CONSOLE, [label, claim], 100) == [15, 47]
    # Less room: the label wraps (to its longest word) before the claim does.
    assert fit(CONSOLE, [label, claim], 61) == [7, 47]
    # Even less: the claim wraps too, down to its floor.
    assert fit(CONSOLE, [label, claim], 40) == [7, 26]
    # No room for both without breaking a word or going below the floor: no table.
    assert fit(CONSOLE, [label, claim], 37) is None


def test_a_column_is_never_narrower_than_its_longest_word() -> None:
    widths = fit(CONSOLE, [spec("Hovhannisyan", label=True), spec("x " * 40, label=False, floor=5)], 30)
    assert widths is not None and widths[0] == len("Hovhannisyan")
