"""`claims compare --explain`: the sentence around each figure, the figure marked in it (bold on a terminal,
`**…**` in Markdown), the sentence naming the claimant when it is another one, no doubled quote marks, one
file name per figure, sentences not cut at abbreviations."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from clitools import RUNNER, write
from rich.console import Console
from spacy.language import Language
from test_ledger import ARM_MOD, doc, equipment

from cli.app import app
from cli.labels import evidence_lines
from cli.render import CompareFormat, write_ledger
from cli.tables import write_ledger_tables
from extractors.ledger import build_ledger
from extractors.sentences import naming_sentence, sentence_around


@pytest.mark.parametrize(
    ("text", "span", "sentence"),
    [
        ("Fighting went on. On Sept. 27 the ministry said 12 tanks were hit. More later.", "12 tanks",
         "On Sept. 27 the ministry said 12 tanks were hit."),
        ("Calm. Lt. Gen. Mais Barkhudarov said 7 tanks were destroyed near Fuzuli. Then rain.", "7 tanks",
         "Lt. Gen. Mais Barkhudarov said 7 tanks were destroyed near Fuzuli."),
        ("Calm. Col. J. Smith of the U.S. side said 3 drones fell. Next.", "3 drones",
         "Col. J. Smith of the U.S. side said 3 drones fell."),
        ("A headline with 5 tanks\nThe body.", "5 tanks", "A headline with 5 tanks"),
        ("One. The   ministry\nsaid 9   tanks were hit.  Two.", "9   tanks", "The ministry"),
    ],
)  # fmt: skip
def test_sentences_are_not_cut_at_abbreviations(text: str, span: str, sentence: str) -> None:
    start = text.index(span)
    found = sentence_around(text, start, start + len(span))
    assert found is not None
    if "\n" in text[:start] and sentence == "The ministry":
        # a line break ends a sentence: the span is in the next one
        assert found.text == "said 9 tanks were hit."
        assert found.text[found.mark[0] : found.mark[1]] == "9 tanks"
        return
    assert found.text == sentence
    assert found.text[found.mark[0] : found.mark[1]] == " ".join(span.split())


def test_the_sentence_naming_the_claimant_when_the_figures_own_does_not() -> None:
    text = (
        "BAKU, Oct 19.\n"
        "The Azerbaijani Defense Ministry said the enemy lost the following:\n"
        "- 3 T-72 tanks;\n"
        "- 6 howitzers.\n"
        "The Azerbaijani Defense Ministry also said 2 drones were downed."
    )
    start = text.index("3 T-72 tanks")
    named = naming_sentence(text, start, start + 12, "Azerbaijani Defense Ministry")
    assert named == "The Azerbaijani Defense Ministry said the enemy lost the following:"
    own = text.index("2 drones")
    assert naming_sentence(text, own, own + 8, "Azerbaijani Defense Ministry") is None
    # By surname, when the full name is given elsewhere and the sentence says "Hovhannisyan".
    quote_text = "Artsrun Hovhannisyan spoke at noon. “We hit 4 tanks,” he said."
    start = quote_text.index("4 tanks")
    assert naming_sentence(quote_text, start, start + 7, "Artsrun Hovhannisyan") == (
        "Artsrun Hovhannisyan spoke at noon."
    )


def ledger_of(text: str, span: str, doc_id: str = "a.txt", claimant: str = ARM_MOD) -> object:
    start = text.index(span)
    record = replace(equipment(3, start=start, claimant=claimant), text=span, end=start + len(span))
    return replace(doc(doc_id, record, date="2020-10-02"), text=text)


def test_markdown_marks_the_figure_and_quotes_once() -> None:
    text = "“We destroyed 3 tanks near Talish,” the Armenian Defense Ministry said on Monday. Nothing more."
    ledger = build_ledger([ledger_of(text, "3 tanks")])
    (figure,) = ledger.rows[0].armenia
    # The sentence opens with its own quotation mark: none is added around it.
    assert evidence_lines(figure, marker="**") == [
        "↳ a.txt, 2020-10-02: “We destroyed **3 tanks** near Talish,” the Armenian Defense Ministry said on "
        "Monday."
    ]
    out = io.StringIO()
    write_ledger(ledger, CompareFormat.markdown, out, explain=True)
    # One document: no file name at all.
    assert "<br>↳ 2020-10-02: “We destroyed **3 tanks** near Talish,” the Armenian" in out.getvalue()
    assert "““" not in out.getvalue() and "””" not in out.getvalue()


def test_one_file_name_per_figure() -> None:
    text_a = "The Armenian Defense Ministry said 3 tanks were destroyed."
    text_b = "Yerevan said on Friday. The Armenian Defense Ministry said 3 tanks were destroyed."
    ledger = build_ledger(
        [ledger_of(text_a, "3 tanks", "wire-a.txt"), ledger_of(text_b, "3 tanks", "wire-b.txt")]
    )
    out = io.StringIO()
    write_ledger(ledger, CompareFormat.markdown, out, explain=True)
    cell = next(line for line in out.getvalue().splitlines() if line.startswith("| Azerbaijani"))
    assert cell.count("wire-a.txt") == 1 and cell.count("wire-b.txt") == 1
    assert (
        "3 — Armenian Defense Ministry<br>↳ wire-a.txt, 2020-10-02: “The Armenian Defense Ministry said "
        "**3 tanks**" in cell
    )


def test_the_terminal_shows_the_figure_in_bold() -> None:
    text = "On Sept. 27 the Armenian Defense Ministry said 3 tanks were destroyed near Talish."
    ledger = build_ledger([ledger_of(text, "3 tanks")])
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, color_system="standard", width=200)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("cli.tables.table_console", lambda out: console)
        write_ledger_tables(ledger, screen, explain=True)
    raw = screen.getvalue()
    # bold on (SGR 1) just before the figure's words, the rest of the sentence dim
    assert re.search(r"\x1b\[1m3 tanks\x1b\[0m", raw)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", raw)
    assert (
        "↳ 2020-10-02: “On Sept. 27 the Armenian Defense Ministry said 3 tanks were destroyed near" in plain
    )


def test_the_claimants_sentence_is_shown_under_the_figure() -> None:
    text = "The Armenian Defense Ministry said the enemy lost the following:\n- 3 tanks;\n- 2 drones."
    ledger = build_ledger([ledger_of(text, "3 tanks")])
    (figure,) = ledger.rows[0].armenia
    assert evidence_lines(figure, show_doc=False) == [
        "↳ 2020-10-02: “- 3 tanks;”",
        "  ↳ named: “The Armenian Defense Ministry said the enemy lost the following:”",
    ]


def test_compare_explain_over_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nlp: Language
) -> None:
    monkeypatch.chdir(tmp_path)
    article = (
        "YEREVAN, Oct. 5 - Fighting went on overnight.\n"
        "On Sept. 27, the Armenian Defense Ministry said 3 Azerbaijani tanks were destroyed near Talish.\n"
    )
    write("a-2020-10-05.txt", article)
    write("b-2020-10-06.txt", article.replace("3 Azerbaijani", "4 Azerbaijani"))
    saved = RUNNER.invoke(app, ["extract", "a-2020-10-05.txt", "--format", "jsonl"], prog_name="claims")
    (record,) = [r for r in map(json.loads, saved.stdout.splitlines()) if r["type"] == "equipment"]
    result = RUNNER.invoke(
        app,
        ["compare", "a-2020-10-05.txt", "b-2020-10-06.txt", "--explain", "-f", "markdown", "--all"],
        prog_name="claims",
    )
    assert result.exit_code == 0, result.output
    assert (
        "↳ a-2020-10-05.txt, 2020-10-05: “On Sept. 27, the Armenian Defense Ministry said "
        f"**{record['text']}**"
    ) in result.stdout
