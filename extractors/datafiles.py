"""The rule and lexicon files under extractors/data, read through one door.

Every reader of a data file goes through here, so a file is parsed once per process however many
modules use it, and the package-resource path (a wheel, a zip, an editable checkout) is handled in one
place.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any, TextIO


def _open(name: str) -> TextIO:
    return resources.files("extractors").joinpath(f"data/{name}").open(encoding="utf-8")


@cache
def read_json(name: str) -> Any:
    """A JSON data file, parsed once; callers read it, never change it."""
    with _open(name) as fh:
        return json.load(fh)


def read_jsonl(name: str) -> list[dict[str, Any]]:
    """A data file of one JSON object per line; '#' lines are comments."""
    with _open(name) as fh:
        return [json.loads(line) for line in map(str.strip, fh) if line and not line.startswith("#")]


def read_lines(name: str) -> list[str]:
    """A word-list file: one entry per line, blank lines and '#' comments skipped."""
    with _open(name) as fh:
        return [line.strip() for line in fh if line.strip() and not line.lstrip().startswith("#")]
