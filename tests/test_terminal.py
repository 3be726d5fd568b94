"""What a person sees in a real terminal: the command run with stderr on a pseudo-terminal (so the progress
line is live) and stdout sent to a file, as in `claims extract FILE > out.jsonl`.

The output file must hold exactly what the same command writes when nothing is a terminal, and stderr only
progress and messages, each message on a line of its own.
"""

from __future__ import annotations

import os
import pty
import re
import shutil
import subprocess
import sys
import threading
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


def run_on_terminal(args: list[str], stdout: Path, **env: str) -> tuple[int, str]:
    """Run `claims ARGS > stdout` with stderr a terminal; returns the exit code and what the terminal got."""
    master, slave = pty.openpty()
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
    with stdout.open("wb") as out:
        proc = subprocess.run(
            [CLAIMS, *args], stdout=out, stderr=slave, stdin=subprocess.DEVNULL, env=_env(**env), cwd=ROOT
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
