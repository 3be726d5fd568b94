"""`--help` that shows what to type, not Typer's internal type names.

Typer's help puts a type column beside every parameter ("<list[str]>", "<bool>", "<int range>") and folds a
long one across lines ("<table|json|jsonl|csv|mar" / "kdown>"). Here that column shows the option's metavar
("PATTERN", "FORMAT", "N") and nothing for a flag or an argument, whose name already says it; the choices and
ranges are in the help text instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from typer.core import TyperArgument, TyperCommand, TyperGroup

# Typer carries its own copy of click: its Parameter and Context types are not the `click` package's.
Parameter = Any
Context = Any


def _shown_type(param: Parameter) -> Callable[..., str | None]:
    def shown(ctx: Context = None) -> str | None:
        if isinstance(param, TyperArgument) or getattr(param, "is_flag", False):
            return None
        if param.metavar:
            return param.metavar
        return param.name.upper() if param.name else None

    return shown


def _plain_types(params: list[Parameter]) -> list[Parameter]:
    for param in params:
        # an instance attribute shadows the method for this parameter alone
        param.display_type_rich = _shown_type(param)  # type: ignore[attr-defined]
    return params


class Command(TyperCommand):
    def get_params(self, ctx: Context) -> list[Parameter]:
        return _plain_types(super().get_params(ctx))


class Group(TyperGroup):
    def get_params(self, ctx: Context) -> list[Parameter]:
        return _plain_types(super().get_params(ctx))
