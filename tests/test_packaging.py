"""The installed distribution carries every module of the two import packages.

CI installs the project with `pip install '.[test]'` (not editable), so a subpackage left out of the build
configuration is missing there while the source tree still has it; this compares the two.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _source_modules() -> list[str]:
    names = []
    for package in ("cli", "extractors"):
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            names.append(".".join(parts))
    return names


@pytest.mark.parametrize("name", _source_modules())
def test_every_source_module_is_importable(name: str) -> None:
    assert importlib.util.find_spec(name) is not None, f"{name} is not in the installed package"


def test_data_files_ship_with_the_package() -> None:
    import extractors

    installed = Path(extractors.__file__).parent / "data"
    expected = {p.name for p in (ROOT / "extractors" / "data").iterdir() if p.is_file()}
    assert expected <= {p.name for p in installed.iterdir()}
