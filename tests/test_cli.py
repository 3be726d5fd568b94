"""The `claims` command as a user runs it: formats, standard input, bad input, `compare`, pipelines.

Most tests go through Typer's CliRunner in this process (the session's spaCy pipeline is loaded once); a few
run the real command in a subprocess, where pipes, exit codes and interpreter shutdown are the real thing.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from click.testing import Result
from clitools import RUNNER, write
from spacy.language import Language

import extractors
from cli.app import app
from extractors.ledger import LEDGER_SCHEMA
from extractors.records import SCHEMA

ARM_MOD = "Armenian Defense Ministry"
AZ_MOD = "Azerbaijani Defense Ministry"

# Short articles written for these tests; each sentence is one the extractors handle.
ARTICLE = "The Armenian Defense Ministry said on Monday that Azerbaijani forces lost 12 tanks and 3 drones.\n"
SHORT = "The Armenian Defense Ministry said 3 Azerbaijani tanks were destroyed.\n"
RIVAL = (
    '"We will not give up an inch of our land," Prime Minister Nikol Pashinyan said. '
    "The Azerbaijani Defense Ministry said it had destroyed 5 Armenian tanks. "
    "The Armenian Defense Ministry said 7 Azerbaijani tanks were destroyed. "
    "The Armenian Defense Ministry said 30 Azerbaijani soldiers were killed. "
    "Azerbaijan's Defense Ministry said 20 Armenian soldiers were killed. "
    '"The enemy is retreating," President Ilham Aliyev said.\n'
)
THIRD_PARTY = "The Russian Defense Ministry said 4 Armenian tanks were destroyed.\n"
NO_CLAIMS = "The weather in Yerevan was fine on Sunday.\n"

# The contract's fields (../shared/SPEC.md), in output order, after "type" and "doc".
QUOTE_FIELDS = [
    "text", "speaker", "speaker_role", "claimant", "claimant_side", "claimant_id", "kind", "cue", "start",
    "end",
]  # fmt: skip
FIGURE_FIELDS = [
    "count", "count_min", "count_max", "qualifier", "approximate", "claimant", "claimant_side", "claimant_id",
    "hedged", "cumulative", "text", "start", "end",
]  # fmt: skip
CASUALTY_FIELDS = ["party", "group", "outcome", *FIGURE_FIELDS]
EQUIPMENT_FIELDS = ["party", "category", "model", "outcome", *FIGURE_FIELDS]
FIELDS = {"quote": QUOTE_FIELDS, "casualty": CASUALTY_FIELDS, "equipment": EQUIPMENT_FIELDS}
CSV_HEADER = (
    "type,doc,date,text,speaker,speaker_role,claimant,claimant_side,claimant_id,kind,cue,start,end,party,group,outcome,count,"
    "count_min,count_max,qualifier,approximate,hedged,cumulative,category,model"
)
# `claims compare --format csv`: one row per figure.
COMPARE_CSV_HEADER = (
    "date,party,kind,what,outcome,claimant_side,claimant,claimant_id,count,count_min,count_max,qualifier,"
    "cumulative,hedged,sources,running_total_fell"
)
RIVAL_COMPARE_CSV = [
    COMPARE_CSV_HEADER,
    ",armenia,casualty,military,killed,azerbaijan,Azerbaijan's Defense Ministry,az.mod,20,,,,false,false,"
    "rival.txt,",
    ",armenia,equipment,tank,destroyed,azerbaijan,Azerbaijani Defense Ministry,az.mod,5,,,,false,false,"
    "rival.txt,",
    ",azerbaijan,casualty,military,killed,armenia,Armenian Defense Ministry,am.mod,30,,,,false,false,"
    "rival.txt,",
    ",azerbaijan,equipment,tank,destroyed,armenia,Armenian Defense Ministry,am.mod,7,,,,false,false,"
    "rival.txt,",
]
# `--format csv --wide`: one row per claim, a cell per claimant column (the layout before one row per figure).
RIVAL_COMPARE_WIDE_CSV = [
    "party,type,what,outcome,armenian_side_claims,azerbaijani_side_claims,other_claims,running_total_fell",
    "armenia,casualty,military,killed,,20 — Azerbaijan's Defense Ministry,,false",
    "armenia,equipment,tank,destroyed,,5 — Azerbaijani Defense Ministry,,false",
    "azerbaijan,casualty,military,killed,30 — Armenian Defense Ministry,,,false",
    "azerbaijan,equipment,tank,destroyed,7 — Armenian Defense Ministry,,,false",
]
HTML_MESSAGE = "no article text found in this HTML page"
EMPTY_PAGE = "<!DOCTYPE html>\n<html><head><title>Ararat Monitor</title></head><body></body></html>\n"

# Colour (not bold or italic) in an SGR escape: 30-49 and 90-107, which include 38/48 for 256-colour/RGB.
SGR = re.compile(r"\x1b\[([0-9;]*)m")


def colour_codes(text: str) -> list[str]:
    found = []
    for params in SGR.findall(text):
        codes = [int(p) for p in params.split(";") if p]
        if codes and (30 <= codes[0] <= 49 or 90 <= codes[0] <= 107):
            found.append(params)
        elif any(30 <= c <= 49 or 90 <= c <= 107 for c in codes[1:] if c not in (1, 2, 3, 4)):
            found.append(params)
    return found


@pytest.fixture(autouse=True)
def _setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nlp: Language) -> None:
    # Relative paths keep document ids exactly as a user would type them. Asking for `nlp` loads the session's
    # pipeline once, before the first command runs.
    monkeypatch.chdir(tmp_path)


def run(*args: str, input: str | bytes | None = None, env: dict[str, str | None] | None = None) -> Result:
    result = RUNNER.invoke(app, list(args), input=input, env=env, prog_name="claims")
    # Every failure is a message and an exit code, never an exception that escaped.
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.stdout + result.stderr
    for line in SGR.sub("", result.stderr).splitlines():
        assert line.startswith(("Error: ", "Warning: ")), result.stderr
    return result


def records(result: Result) -> list[dict[str, object]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def figures(data: list[dict[str, object]]) -> list[tuple[object, ...]]:
    """The figure records, reduced to what a reader checks first."""
    return [
        (
            r["type"],
            r["party"],
            r.get("category", r.get("group")),
            r["outcome"],
            r["count"],
            r["claimant_side"],
        )
        for r in data
        if r["type"] != "quote"
    ]


def assert_evidence(data: list[dict[str, object]], texts: dict[str, str]) -> None:
    for r in data:
        text = texts[str(r["doc"])]
        assert r["text"] == text[int(r["start"]) : int(r["end"])]  # type: ignore[call-overload]


# --- version and help -------------------------------------------------------------------------------------


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"claims {version('conflict-claims')}\n"
    assert re.fullmatch(r"claims \d+\.\d+\.\d+\S*\n", result.stdout)
    assert result.stderr == ""


def test_short_version_flag() -> None:
    result = run("-V")
    assert (result.exit_code, result.stdout) == (0, f"claims {version('conflict-claims')}\n")


def test_shell_completion_is_typers_own() -> None:
    helped = run("--help")
    assert "--install-completion" in helped.stdout and "--show-completion" in helped.stdout
    script = run("--show-completion", "bash")
    assert script.exit_code == 0
    assert "_CLAIMS_COMPLETE=complete_bash" in script.stdout and "complete -o default -F" in script.stdout
    # and the script's request is answered
    env = {"_CLAIMS_COMPLETE": "complete_bash", "COMP_WORDS": "claims comp", "COMP_CWORD": "1"}
    assert RUNNER.invoke(app, [], env=env, prog_name="claims").stdout == "compare\n"


def help_words(text: str) -> list[str]:
    """The words of a help screen, without its panel borders."""
    return [word for word in text.split() if not set(word) <= set("╭╮╰╯─│")]


@pytest.mark.parametrize("command", [[], ["extract"], ["compare"], ["timeline"]])
def test_help_at_80_columns_shows_no_type_names_and_splits_no_word(command: list[str]) -> None:
    narrow = run(*command, "--help", env={"COLUMNS": "80"}).stdout
    wide = run(*command, "--help", env={"COLUMNS": "400"}).stdout
    assert max(len(line) for line in narrow.splitlines()) <= 80
    assert not re.search(r"<[^<>\s]+>", narrow), narrow  # no "<list[str]>", "<bool>", "<int range>"
    # Wrapped at 80 columns, the help has the very words it has unwrapped: none split across lines.
    assert help_words(narrow) == help_words(wide)


def test_help_names_what_to_type() -> None:
    out = " ".join(run("extract", "--help", env={"COLUMNS": "200"}).stdout.split())
    for shown in ("--format -f FORMAT", "--glob PATTERN", "--max-bytes N", "--since DATE", "--type TYPE"):
        assert shown in out
    assert "COLUMNS" in run("--help").stdout


def test_tables_in_a_file_have_no_trailing_spaces() -> None:
    write("rival.txt", RIVAL)
    write("third.txt", THIRD_PARTY)
    for args in (
        ["compare", "rival.txt", "third.txt"],
        ["compare", "rival.txt"],
        ["extract", "rival.txt", "-f", "table"],
    ):
        for columns in ("80", "120"):
            out = run(*args, env={"COLUMNS": columns}).stdout
            assert out.strip(), args
            assert [line for line in out.splitlines() if line != line.rstrip()] == []


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help(flag: str) -> None:
    result = run(flag)
    assert result.exit_code == 0
    assert "Usage: claims" in result.stdout
    assert "extract" in result.stdout and "compare" in result.stdout


@pytest.mark.parametrize("command", ["extract", "compare"])
def test_command_help_shows_examples(command: str) -> None:
    result = run(command, "-h")
    assert result.exit_code == 0
    assert f"Usage: claims {command}" in result.stdout
    assert "Examples" in result.stdout
    assert f"claims {command} samples/" in result.stdout


def test_python_m_cli_help() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "cli", "--help"], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert "Usage: claims" in proc.stdout
    assert "extract" in proc.stdout
    assert proc.stderr == ""


# the CLI in a fresh interpreter, then whether this (main) process imported spaCy
_MAIN_PROCESS = """
import sys
from cli.app import main
if __name__ == "__main__":
    sys.argv[0] = "claims"
    try:
        main()
    finally:
        print("spacy" in sys.modules, file=sys.stderr)
"""


def test_parallel_extract_hands_documents_on_without_importing_spacy(tmp_path: Path) -> None:
    """With -n 2 only the workers load spaCy and the model; the main process only reads and writes, so the
    workers start as soon as it does."""
    script = tmp_path / "claims_main.py"
    script.write_text(_MAIN_PROCESS, encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("The ministry said 4 tanks were destroyed.\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(script), "extract", str(article), "-n", "2", "--format", "jsonl"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(line)["count"] for line in proc.stdout.splitlines() if '"equipment"' in line] == [4]
    assert proc.stderr.splitlines()[-1] == "False"


def test_no_model_installed_is_one_error_line(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The ministry said 4 tanks were destroyed.\n", encoding="utf-8")
    code = (
        "import sys, extractors.model as m\n"
        "m.MODEL_PACKAGES = ('no_such_model_package',)\n"
        "from cli.app import main\n"
        "sys.argv[0] = 'claims'\n"
        "main()\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, "extract", str(article)], capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip
    assert proc.returncode != 0
    assert proc.stdout == ""
    assert proc.stderr.startswith("Error: no spaCy English model installed: install the project")
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["extract", "a.txt", "--format", "xml"], "'xml' is not one of"),
        (["extract", "a.txt", "--max-bytes", "-1"], "--max-bytes"),
        (["compare", "a.txt", "--format", "jsonl"], "'jsonl' is not one of"),
        (["frobnicate"], "No such command"),
    ],
)
def test_usage_errors_exit_2(args: list[str], complaint: str) -> None:
    write("a.txt", SHORT)
    result = RUNNER.invoke(app, args, prog_name="claims")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert complaint in result.stderr
    assert "Traceback" not in result.stderr


# --- extract: formats -------------------------------------------------------------------------------------


def test_json_format() -> None:
    write("news/a.txt", ARTICLE)
    result = run("extract", "news/a.txt", "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert list(data) == ["schema", "documents"]
    assert data["schema"] == SCHEMA == "conflict-claims/1"
    (document,) = data["documents"]
    assert list(document) == ["id", "date", "quotes", "casualties", "equipment"]
    assert document["id"] == "news/a.txt"
    assert document["casualties"] == []
    for kind, key in (("quote", "quotes"), ("equipment", "equipment")):
        for record in document[key]:
            assert list(record) == FIELDS[kind]
            assert record["text"] == ARTICLE[record["start"] : record["end"]]
    assert [
        (e["category"], e["count"], e["party"], e["outcome"], e["claimant"], e["claimant_side"], e["text"])
        for e in document["equipment"]
    ] == [
        ("tank", 12, "azerbaijan", "lost", ARM_MOD, "armenia", "12 tanks"),
        ("uav", 3, "azerbaijan", "lost", ARM_MOD, "armenia", "3 drones"),
    ]
    for e in document["equipment"]:
        assert (e["count_min"], e["count_max"], e["qualifier"], e["approximate"], e["model"]) == (
            None,
            None,
            None,
            False,
            None,
        )
        assert (e["hedged"], e["cumulative"]) == (False, False)
    assert [
        (q["kind"], q["speaker"], q["claimant"], q["claimant_side"], q["cue"]) for q in document["quotes"]
    ] == [("indirect", ARM_MOD, ARM_MOD, "armenia", "said")]


def test_document_ids_are_the_paths_as_given(tmp_path: Path) -> None:
    write("a.txt", SHORT)
    absolute = str(tmp_path / "a.txt")
    result = run("extract", "a.txt", "./a.txt", absolute, "--format", "json")
    assert result.exit_code == 0
    assert [d["id"] for d in json.loads(result.stdout)["documents"]] == ["a.txt", "./a.txt", absolute]


def test_folder_gives_every_txt_file_inside_in_path_order() -> None:
    write("notes/b.txt", SHORT)
    write("notes/a/z.txt", SHORT)
    write("notes/a.md", "# not an article")
    write("notes/a/page.html", "<html><body>ignored: only .txt files are read from folders</body></html>")
    result = run("extract", "notes", "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == ""
    ids = [d["id"] for d in json.loads(result.stdout)["documents"]]
    assert ids == [str(Path("notes/a/z.txt")), str(Path("notes/b.txt"))]


def test_jsonl_format() -> None:
    write("a.txt", ARTICLE)
    write("b.txt", RIVAL)
    result = run("extract", "a.txt", "b.txt", "--format", "jsonl")
    assert result.exit_code == 0
    assert result.stderr == ""
    data = records(result)
    for record in data:
        assert list(record) == ["type", "doc", "date", *FIELDS[str(record["type"])]]
    assert_evidence(data, {"a.txt": ARTICLE, "b.txt": RIVAL})
    # Documents in argument order; within one, records in text order.
    assert [r["doc"] for r in data] == ["a.txt"] * 3 + ["b.txt"] * 10
    for doc_id in ("a.txt", "b.txt"):
        starts = [(r["start"], r["end"]) for r in data if r["doc"] == doc_id]
        assert starts == sorted(starts)
    assert figures(data) == [
        ("equipment", "azerbaijan", "tank", "lost", 12, "armenia"),
        ("equipment", "azerbaijan", "uav", "lost", 3, "armenia"),
        ("equipment", "armenia", "tank", "destroyed", 5, "azerbaijan"),
        ("equipment", "azerbaijan", "tank", "destroyed", 7, "armenia"),
        ("casualty", "azerbaijan", "military", "killed", 30, "armenia"),
        ("casualty", "armenia", "military", "killed", 20, "azerbaijan"),
    ]
    direct = [
        (r["speaker"], r["speaker_role"], r["claimant_side"]) for r in data if r.get("kind") == "direct"
    ]
    assert direct == [
        ("Nikol Pashinyan", "Prime Minister", "armenia"),
        ("Ilham Aliyev", "President", "azerbaijan"),
    ]


def test_default_format_when_not_a_terminal_is_jsonl() -> None:
    write("a.txt", ARTICLE)
    default = run("extract", "a.txt")
    assert default.exit_code == 0
    assert default.stdout == run("extract", "a.txt", "-f", "jsonl").stdout
    assert len(records(default)) == 3


def test_csv_format() -> None:
    write("a.txt", ARTICLE)
    result = run("extract", "a.txt", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == CSV_HEADER
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [
        (r["type"], r["doc"], r["category"], r["count"], r["party"], r["claimant_side"]) for r in rows
    ] == [
        ("quote", "a.txt", "", "", "", "armenia"),
        ("equipment", "a.txt", "tank", "12", "azerbaijan", "armenia"),
        ("equipment", "a.txt", "uav", "3", "azerbaijan", "armenia"),
    ]
    for row in rows:
        assert row["text"] == ARTICLE[int(row["start"]) : int(row["end"])]
    tank = rows[1]
    # Spelled as JSON spells them: null is empty, booleans are true/false.
    assert (tank["model"], tank["qualifier"], tank["approximate"], tank["hedged"]) == (
        "",
        "",
        "false",
        "false",
    )


def test_csv_header_comes_even_without_records() -> None:
    write("plain.txt", NO_CLAIMS)
    result = run("extract", "plain.txt", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout == CSV_HEADER + "\n"


def test_markdown_format() -> None:
    write("a.txt", ARTICLE)
    result = run("extract", "a.txt", "--format", "markdown")
    assert result.exit_code == 0
    assert result.stdout == (
        "## Quotes\n\n"
        "| doc | speaker | role | side | kind | text |\n"
        "|---|---|---|---|---|---|\n"
        "| a.txt | Armenian Defense Ministry |  | armenia | indirect | "
        "Azerbaijani forces lost 12 tanks and 3 drones |\n"
        "\n## Casualties\n\n"
        "_None found._\n"
        "\n## Equipment\n\n"
        "| doc | party | category | model | outcome | count | claimant | claimant side | notes |\n"
        "|---|---|---|---|---|---|---|---|---|\n"
        "| a.txt | azerbaijan | tank |  | lost | 12 | Armenian Defense Ministry | armenia |  |\n"
        "| a.txt | azerbaijan | uav |  | lost | 3 | Armenian Defense Ministry | armenia |  |\n"
    )


def test_table_format() -> None:
    write("a.txt", ARTICLE)
    write("plain.txt", NO_CLAIMS)
    result = run("extract", "a.txt", "plain.txt", "--format", "table")
    assert result.exit_code == 0
    out = result.stdout
    assert "\x1b" not in out
    assert re.search(r"─ a\.txt ─", out) and re.search(r"─ plain\.txt ─", out)
    assert "Equipment losses" in out and "Quotes" in out
    assert re.search(r"Azerbaijani\s+tank\s+lost\s+12\s+Armenian Defense Ministry \(armenia\)", out)
    assert re.search(r"Azerbaijani\s+uav\s+lost\s+3\s+Armenian Defense Ministry \(armenia\)", out)
    assert "Casualties" not in out
    assert out.index("─ plain.txt ─") < out.index("No claims found.")


# --- extract: standard input -------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["extract", "-"], ["extract"]], ids=["dash", "piped-no-path"])
def test_stdin(args: list[str]) -> None:
    result = run(*args, "--format", "jsonl", input=ARTICLE)
    assert result.exit_code == 0
    assert result.stderr == ""
    data = records(result)
    assert {r["doc"] for r in data} == {"-"}
    assert figures(data) == [
        ("equipment", "azerbaijan", "tank", "lost", 12, "armenia"),
        ("equipment", "azerbaijan", "uav", "lost", 3, "armenia"),
    ]
    assert_evidence(data, {"-": ARTICLE})


def test_stdin_json_document_id_is_dash() -> None:
    result = run("extract", "-", "--format", "json", input=ARTICLE)
    assert [d["id"] for d in json.loads(result.stdout)["documents"]] == ["-"]


def test_stdin_keeps_crlf_offsets() -> None:
    text = "Fighting went on.\r\n\r\n" + ARTICLE.replace("\n", "\r\n")
    result = run("extract", "-", input=text.encode("utf-8"))
    data = records(result)
    assert len(figures(data)) == 2
    assert_evidence(data, {"-": text})


def test_stdin_given_twice_is_read_once() -> None:
    result = run("extract", "-", "-", input=SHORT)
    assert result.exit_code == 1
    assert result.stderr == "Error: -: standard input was already read for an earlier '-'\n"
    assert [r["doc"] for r in records(result)] == ["-", "-"]  # one document: a figure and a quote


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
def test_empty_stdin_warns_and_succeeds(fmt: str) -> None:
    result = run("extract", "--format", fmt, input="")
    assert result.exit_code == 0
    assert result.stderr == "Warning: -: empty input; no claims\n"
    expected = {
        "jsonl": "",
        "json": f'{{\n  "schema": "{SCHEMA}",\n  "documents": []\n}}\n',
        "csv": CSV_HEADER + "\n",
    }
    assert result.stdout == expected[fmt]


def test_empty_file_warns_and_the_batch_goes_on() -> None:
    write("empty.txt", "")
    write("blank.txt", "  \n\n")
    write("a.txt", SHORT)
    result = run("extract", "empty.txt", "a.txt", "blank.txt")
    assert result.exit_code == 0
    assert result.stderr == (
        "Warning: empty.txt: empty input; no claims\nWarning: blank.txt: empty input; no claims\n"
    )
    assert {r["doc"] for r in records(result)} == {"a.txt"}


def test_quiet_silences_warnings_but_not_errors() -> None:
    write("empty.txt", "")
    quiet = run("extract", "-q", "empty.txt")
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")
    failed = run("extract", "-q", "missing.txt")
    assert (failed.exit_code, failed.stderr) == (1, "Error: missing.txt: no such file or directory\n")


# --- extract: bad input -----------------------------------------------------------------------------------

LATIN1 = "The Armenian Defense Ministry said 3 Azerbaijani tanks were destroyed near Füzuli.\n"
LATIN1_OFFSET = LATIN1.encode("latin-1").index(b"\xfc")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"


def _dir_without_txt() -> str:
    write("notes/readme.md", "# notes\n")
    return "notes"


BAD_INPUTS = [
    ("missing", lambda: "missing.txt", [], "missing.txt: no such file or directory"),
    ("empty-dir", lambda: (Path("empty").mkdir(), "empty")[1], [], "empty: no .txt files in this directory"),
    ("dir-without-txt", _dir_without_txt, [], "notes: no .txt files in this directory"),
    (
        "binary",
        lambda: write("photo.png", PNG),
        [],
        "photo.png: binary file (NUL byte at offset 8), not text",
    ),
    (
        "not-utf8",
        lambda: write("latin.txt", LATIN1.encode("latin-1")),
        [],
        f"latin.txt: not UTF-8 (invalid byte 0xfc at offset {LATIN1_OFFSET}); "
        "pass --encoding to read it another way",
    ),
    (
        "too-big",
        lambda: write("big.txt", "x" * 150),
        ["--max-bytes", "100"],
        "big.txt: file is 150 bytes, over the limit of 100 bytes; raise it with --max-bytes",
    ),
    (
        "html-suffix",
        lambda: write("page.html", EMPTY_PAGE),
        [],
        f"page.html: {HTML_MESSAGE}",
    ),
    (
        "html-content",
        lambda: write("page.txt", EMPTY_PAGE),
        [],
        f"page.txt: {HTML_MESSAGE}",
    ),
]


@pytest.mark.parametrize(
    ("make", "options", "message"), [c[1:] for c in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS]
)
def test_bad_input_is_one_error_line_and_the_batch_goes_on(make, options: list[str], message: str) -> None:
    bad = make()
    write("first.txt", SHORT)
    write("last.txt", SHORT)
    result = run("extract", "first.txt", bad, "last.txt", *options, "--format", "jsonl")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {message}\n"
    data = records(result)
    assert [r["doc"] for r in data] == ["first.txt"] * 2 + ["last.txt"] * 2
    assert figures(data) == [("equipment", "azerbaijan", "tank", "destroyed", 3, "armenia")] * 2


def test_every_bad_input_in_one_batch_is_reported_in_order() -> None:
    bad = [make() for _, make, options, _ in BAD_INPUTS if not options]
    write("good.txt", SHORT)
    result = run("extract", bad[0], "good.txt", *bad[1:], "--format", "json")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"Error: {m}" for _, _, options, m in BAD_INPUTS if not options]
    assert [d["id"] for d in json.loads(result.stdout)["documents"]] == ["good.txt"]


def test_encoding_option_reads_a_latin1_file() -> None:
    write("latin.txt", LATIN1.encode("latin-1"))
    result = run("extract", "latin.txt", "--encoding", "latin-1")
    assert result.exit_code == 0
    assert result.stderr == ""
    data = records(result)
    assert figures(data) == [("equipment", "azerbaijan", "tank", "destroyed", 3, "armenia")]
    assert_evidence(data, {"latin.txt": LATIN1})
    assert any("Füzuli" in str(r["text"]) for r in data)


def test_not_utf8_on_stdin_names_the_offset() -> None:
    result = run("extract", "-", input=LATIN1.encode("latin-1"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: -: not UTF-8 (invalid byte 0xfc at offset {LATIN1_OFFSET}); "
        "pass --encoding to read it another way\n"
    )
    assert result.stdout == ""


def test_unknown_encoding_is_one_error_per_file() -> None:
    write("a.txt", SHORT)
    result = run("extract", "a.txt", "--encoding", "klingon")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: a.txt: 'klingon' is not a text encoding Python knows; try utf-8, cp1252 or latin-1\n"
    )


# --- compare ------------------------------------------------------------------------------------------------


def compare_rows(data: dict[str, object]) -> list[tuple[object, ...]]:
    return [
        (
            row["party"],
            row["type"],
            row["what"],
            row["outcome"],
            *(
                [(f["figure"], f["claimant"]) for f in row[column]]
                for column in ("armenia", "azerbaijan", "other")
            ),
        )
        for row in data["rows"]  # type: ignore[attr-defined]
    ]


RIVAL_ROWS = [
    ("armenia", "casualty", "military", "killed", [], [("20", "Azerbaijan's Defense Ministry")], []),
    ("armenia", "equipment", "tank", "destroyed", [], [("5", AZ_MOD)], []),
    ("azerbaijan", "casualty", "military", "killed", [("30", ARM_MOD)], [], []),
    ("azerbaijan", "equipment", "tank", "destroyed", [("7", ARM_MOD)], [], []),
]


def test_compare_json() -> None:
    write("rival.txt", RIVAL)
    result = run("compare", "rival.txt", "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert data["schema"] == LEDGER_SCHEMA == "conflict-claims-ledger/1"
    assert data["docs"] == ["rival.txt"]
    assert compare_rows(data) == RIVAL_ROWS
    for row in data["rows"]:
        for figure in row["armenia"] + row["azerbaijan"]:
            assert figure["text"] == RIVAL[figure["start"] : figure["end"]]
    quotes = data["quotes"]
    assert [(q["speaker"], q["speaker_role"]) for q in quotes["armenia"]] == [
        ("Nikol Pashinyan", "Prime Minister")
    ]
    assert [(q["speaker"], q["speaker_role"]) for q in quotes["azerbaijan"]] == [
        ("Ilham Aliyev", "President")
    ]
    assert quotes["other"] == []


def test_compare_csv() -> None:
    write("rival.txt", RIVAL)
    result = run("compare", "rival.txt", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == RIVAL_COMPARE_CSV
    wide = run("compare", "rival.txt", "--format", "csv", "--wide")
    assert wide.stdout.splitlines() == RIVAL_COMPARE_WIDE_CSV


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["--wide"], "--wide: works with --format csv, not table"),
        (["--wide", "-f", "json"], "--wide: works with --format csv, not json"),
        (["--explain", "-f", "csv"], "--explain: the one-row-per-figure CSV has no room for evidence"),
    ],
)
def test_compare_options_that_do_not_go_together(args: list[str], complaint: str) -> None:
    write("rival.txt", RIVAL)
    result = RUNNER.invoke(app, ["compare", "rival.txt", *args], prog_name="claims")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert complaint in " ".join(result.stderr.replace("│", " ").split())


def test_compare_markdown() -> None:
    write("rival.txt", RIVAL)
    result = run("compare", "rival.txt", "--format", "markdown")
    assert result.exit_code == 0
    assert result.stdout == (
        "## Figures\n\n"
        "| Whose losses | What | Outcome | Armenian side claims | Azerbaijani side claims |\n"
        "|---|---|---|---|---|\n"
        "| Armenian | military | killed |  | 20 — Azerbaijan's Defense Ministry |\n"
        "| Armenian | tank | destroyed |  | 5 — Azerbaijani Defense Ministry |\n"
        "| Azerbaijani | military | killed | 30 — Armenian Defense Ministry |  |\n"
        "| Azerbaijani | tank | destroyed | 7 — Armenian Defense Ministry |  |\n"
        "\n## Quotes\n\n"
        "| Armenian side | Azerbaijani side |\n"
        "|---|---|\n"
        "| “We will not give up an inch of our land,” — Nikol Pashinyan, Prime Minister "
        "| “The enemy is retreating,” — Ilham Aliyev, President |\n"
    )


def test_compare_table_is_the_default() -> None:
    write("rival.txt", RIVAL)
    result = run("compare", "rival.txt")
    assert result.exit_code == 0
    out = result.stdout
    assert "\x1b" not in out
    assert "Claimed losses" in out
    assert re.search(r"Whose losses\s+What\s+Outcome\s+Armenian side claims\s+Azerbaijani side claims", out)
    assert re.search(r"Armenian\s+tank\s+destroyed\s+5 — Azerbaijani Defense Ministry", out)
    assert re.search(r"Azerbaijani\s+tank\s+destroyed\s+7 — Armenian Defense Ministry", out)
    assert "other / unattributed" not in out
    assert "Nikol Pashinyan, Prime Minister" in out


def test_compare_third_party_column_and_several_documents() -> None:
    write("rival.txt", RIVAL)
    write("third.txt", THIRD_PARTY)
    result = run("compare", "rival.txt", "third.txt", "--format", "markdown", "--all")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert (
        "| Whose losses | What | Outcome | Armenian side claims | Azerbaijani side claims "
        "| other / unattributed |" in lines
    )
    assert (
        "| Armenian | tank | destroyed |  | 5 — Azerbaijani Defense Ministry [rival.txt] "
        "| 4 — Russian Defense Ministry (other) [third.txt] |"
    ) in lines


def test_compare_reads_extract_jsonl_on_stdin_without_the_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    write("rival.txt", RIVAL)
    # With its text, saved output gives the very same ledger, evidence sentences included.
    saved = run("extract", "rival.txt", "--format", "jsonl", "--emit-text")
    direct = run("compare", "rival.txt", "--format", "json")

    def no_pipeline() -> Language:
        raise AssertionError("saved extract output must not need spaCy")

    monkeypatch.setattr(extractors, "get_nlp", no_pipeline)
    for args in (["compare", "-"], ["compare"]):
        result = run(*args, "--format", "json", input=saved.stdout)
        assert result.exit_code == 0
        assert result.stderr == ""
        assert result.stdout == direct.stdout


def test_compare_reads_saved_json_and_articles_together() -> None:
    write("rival.txt", RIVAL)
    write("saved.json", run("extract", "rival.txt", "--format", "json").stdout)
    write("third.txt", THIRD_PARTY)
    result = run("compare", "saved.json", "third.txt", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    # Saved documents keep their original ids.
    assert data["docs"] == ["rival.txt", "third.txt"]
    tank = compare_rows(data)[1]
    assert tank == (
        "armenia",
        "equipment",
        "tank",
        "destroyed",
        [],
        [("5", AZ_MOD)],
        [("4", "Russian Defense Ministry")],
    )


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("{oops", "line 3 is not JSON"),
        ('"just a string"', "line 3 is not a JSON object"),
        ('{"type": "equipment", "doc": "x"}', "line 3: equipment record lacks party, category, model, "
         "outcome, count, count_min, count_max, qualifier, approximate, claimant, claimant_side, hedged, "
         "cumulative, text, start, end"),
    ],
)  # fmt: skip
def test_compare_malformed_jsonl_line_is_an_error_naming_it(bad_line: str, message: str) -> None:
    write("a.txt", SHORT)
    lines = run("extract", "a.txt").stdout.splitlines()
    assert len(lines) == 2
    text = "\n".join([*lines, bad_line]) + "\n"
    result = run("compare", "-", "--format", "csv", input=text)
    assert result.exit_code == 1
    assert result.stderr == f"Error: -: {message}\n"
    assert result.stdout == COMPARE_CSV_HEADER + "\n"


def test_compare_bad_saved_file_does_not_stop_the_others() -> None:
    write("a.txt", SHORT)
    good = run("extract", "a.txt").stdout
    write("saved.jsonl", good.replace('"count": 3,', '"count": "3",'))
    write("broken.jsonl", '{"type": "equipment", "doc": "a.txt", "party": \n' + good)
    write("rival.txt", RIVAL)
    result = run("compare", "saved.jsonl", "broken.jsonl", "missing.txt", "rival.txt", "--format", "csv")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: saved.jsonl: line 1: equipment field 'count' is \"3\", not an integer",
        "Error: broken.jsonl: line 1 is not JSON",
        "Error: missing.txt: no such file or directory",
    ]
    assert result.stdout.splitlines() == RIVAL_COMPARE_CSV


def test_compare_empty_stdin_warns() -> None:
    result = run("compare", "--format", "csv", input="")
    assert result.exit_code == 0
    assert result.stderr == "Warning: -: empty input; no claims\n"
    assert result.stdout == COMPARE_CSV_HEADER + "\n"


# --- colour -----------------------------------------------------------------------------------------------


def test_no_color_is_respected_even_on_a_forced_terminal() -> None:
    write("rival.txt", RIVAL)
    forced = {"FORCE_COLOR": "1"}
    # The check below means something only if forcing a terminal does bring colour.
    assert colour_codes(run("compare", "rival.txt", env=forced).stdout)
    for args in (["compare", "rival.txt"], ["extract", "rival.txt", "missing.txt", "-f", "table"]):
        result = run(*args, env={**forced, "NO_COLOR": "1"})
        assert colour_codes(result.stdout + result.stderr) == []
        assert "Armenian Defense Ministry" in result.stdout


def test_piped_output_has_no_escape_codes() -> None:
    write("rival.txt", RIVAL)
    for args in (["compare", "rival.txt"], ["extract", "rival.txt", "missing.txt", "-f", "table"]):
        result = run(*args)
        assert "\x1b" not in result.stdout + result.stderr


# --- real pipelines ---------------------------------------------------------------------------------------

CLAIMS = f"{shlex.quote(sys.executable)} -m cli"


def shell(command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, shell=True, capture_output=True, text=True, timeout=120, check=False)


def test_extract_piped_into_compare() -> None:
    write("rival.txt", RIVAL)
    proc = shell(f"{CLAIMS} extract rival.txt --format jsonl | {CLAIMS} compare - --format csv")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert proc.stdout.splitlines() == RIVAL_COMPARE_CSV


def test_extract_into_head_ends_quietly() -> None:
    # One document per spaCy batch, so later documents are written after `head` has exited: a closed pipe.
    names = [write(f"d{i}.txt", ARTICLE) for i in range(5)]
    proc = shell(f"{CLAIMS} extract {' '.join(names)} --batch-size 1 --format jsonl | head -1")
    assert proc.returncode == 0
    assert proc.stderr == ""
    (line,) = proc.stdout.splitlines()
    assert json.loads(line)["doc"] == "d0.txt"
