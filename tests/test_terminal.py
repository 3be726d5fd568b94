"""What a person sees in a real terminal: the command run with stderr on a pseudo-terminal (so the progress
line is live) and stdout sent to a file, as in `claims extract FILE > out.jsonl`.

The output file must hold exactly what the same command writes when nothing is a terminal, and stderr only
progress and messages, each message on a line of its own.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import shutil
import struct
import subprocess
import sys
import termios
import threading
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "southfront-2020-10-08.txt"
CLAIMS = shutil.which("claims") or str(Path(sys.executable).with_name("claims"))
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

pytestmark = pytest.mark.skipif(not hasattr(pty, "openpty"), reason="needs a pseudo-terminal")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR", "COLUMNS"}}
    env.update(extra)
    return env


def run_on_terminal(
    args: list[str], stdout: Path | None, *, stdin: Path | None = None, columns: int = 100, **env: str
) -> tuple[int, str]:
    """Run `claims ARGS > stdout` with stderr a terminal `columns` wide (stdout too when `stdout` is None);
    returns the exit code and what the terminal got."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    got: list[bytes] = []

    def read() -> None:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                return
            if not data:
                return
            got.append(data)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    with (
        stdout.open("wb") if stdout else open(os.devnull, "wb") as out,
        stdin.open("rb") if stdin else open(os.devnull, "rb") as source,
    ):
        proc = subprocess.run(
            [CLAIMS, *args],
            stdout=out if stdout else slave,
            stderr=slave,
            stdin=source,
            env=_env(**env),
            cwd=ROOT,
        )
    os.close(slave)
    reader.join(10)
    os.close(master)
    return proc.returncode, b"".join(got).decode("utf-8", "replace")


def run_piped(args: list[str], **env: str) -> tuple[int, bytes, str]:
    proc = subprocess.run(
        [CLAIMS, *args], capture_output=True, stdin=subprocess.DEVNULL, env=_env(**env), cwd=ROOT
    )
    return proc.returncode, proc.stdout, proc.stderr.decode()


def screen_lines(raw: str) -> list[str]:
    """The lines a terminal would keep: each carriage return or clear-line starts the line over."""
    lines = []
    for line in raw.replace("\r\n", "\n").split("\n"):
        line = line.split("\x1b[2K")[-1].split("\r")[-1]
        line = ANSI.sub("", line).strip()
        if line:
            lines.append(line)
    return lines


@pytest.mark.parametrize(
    "args",
    [
        ["extract", str(SEED)],
        ["extract", str(SAMPLES), "--format", "json"],
        ["compare", str(SAMPLES)],
        ["compare", str(SEED), "--format", "csv"],
        ["timeline", str(SAMPLES), "--width", "80"],
    ],
    ids=["extract-jsonl", "extract-json-folder", "compare-table", "compare-csv", "timeline"],
)
def test_output_reaches_the_file_when_stderr_is_a_terminal(args: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, screen = run_on_terminal(args, out)
    piped_code, expected, _ = run_piped(args)
    assert code == piped_code == 0
    assert expected, "the command printed nothing at all"
    assert out.read_bytes() == expected
    # and none of it went to the screen
    first_record = expected.decode().splitlines()[0][:40]
    assert first_record not in ANSI.sub("", screen)


def test_an_error_line_stands_alone_beside_the_progress_line(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    code, screen = run_on_terminal(["extract", str(SAMPLES), "missing.txt"], out)
    assert code == 1
    errors = [line for line in screen_lines(screen) if "Error:" in line]
    assert errors == ["Error: missing.txt: no such file or directory"]
    # every record of every sample still reached the file
    _, expected, _ = run_piped(["extract", str(SAMPLES)])
    assert out.read_bytes() == expected


def test_quiet_keeps_the_terminal_silent(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    code, screen = run_on_terminal(["extract", "-q", str(SEED)], out)
    assert code == 0
    assert screen_lines(screen) == []
    assert out.read_bytes().count(b"\n") > 10


# --- the progress line --------------------------------------------------------------------------------------


def test_progress_shows_done_of_total_words_per_second_and_eta(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    code, screen = run_on_terminal(["extract", str(SAMPLES)], out)
    assert code == 0
    plain = ANSI.sub("", screen)
    # The five samples are counted before the first is read: "0/5 documents", then "5/5".
    assert re.search(r"0/5 documents .* - words/s eta -:--:--", plain)
    assert re.search(r"5/5 documents .* [\d,]+ words/s eta", plain)
    # and it is taken off the screen at the end (cursor up a line, clear it)
    assert screen.endswith("\x1b[1A\x1b[2K")


def test_progress_on_standard_input_is_a_count(tmp_path: Path) -> None:
    code, screen = run_on_terminal(["extract", "-"], tmp_path / "out.jsonl", stdin=SEED)
    assert code == 0
    plain = ANSI.sub("", screen)
    assert re.search(r"\b0 documents - words/s", plain)
    assert "/" not in "".join(re.findall(r"\d+/?\d* documents?", plain))
    assert (tmp_path / "out.jsonl").read_bytes().count(b"\n") > 10


# --- what the screen shows ----------------------------------------------------------------------------------


def test_compare_on_an_80_column_terminal(tmp_path: Path) -> None:
    code, screen = run_on_terminal(["compare", str(SEED)], None, columns=80)
    assert code == 0
    # What stays on each line: the progress line's redrawings start over at each carriage return.
    lines = [ANSI.sub("", line.split("\r")[-1]).rstrip() for line in screen.replace("\r\n", "\n").split("\n")]
    # (the progress line's last drawing, which is then taken off the screen)
    lines = [line for line in lines if "words/s" not in line]
    assert max(len(line) for line in lines) <= 80
    # One block per row, each side's figures under what they count.
    head = lines.index("Azerbaijani military casualties")
    assert lines[head + 1] == "  Armenian side     about 20 — Artsrun Hovhannisyan"
    # Every word whole: each is a word of the same table unwrapped (or a block's side label).
    _, unwrapped, _ = run_piped(["compare", str(SEED)], COLUMNS="2000")
    vocabulary = set(unwrapped.decode().split()) | {"Armenian", "Azerbaijani", "side", "Others", "•"}
    shown = Counter(word for line in lines for word in line.split())
    assert set(shown) - vocabulary == set()
    assert "…" not in screen


def test_explain_marks_the_figure_in_bold_on_a_terminal(tmp_path: Path) -> None:
    code, screen = run_on_terminal(["compare", str(SEED), "--explain"], None, columns=120)
    assert code == 0
    # The evidence sentence is dim, the figure's own words in it bold.
    assert re.search(r"\x1b\[1m[^\x1b]*about 20 soldiers[^\x1b]*\x1b\[0m", screen)
    plain = ANSI.sub("", screen)
    assert "↳ 2020-10-08:" in plain  # one document: named by no file, dated by its file name
