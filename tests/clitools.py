"""What the command-line tests share: a runner with a plain environment, and writing input files."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

# Whatever the developer's shell exports, these tests see a plain, piped, 160-column environment.
RUNNER = CliRunner(env={"NO_COLOR": None, "FORCE_COLOR": None, "TTY_COMPATIBLE": None, "COLUMNS": "160"})


def write(name: str, data: str | bytes) -> str:
    """Write `data` at the relative path `name` (parents made), and return `name` as a user would type it."""
    path = Path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return name
