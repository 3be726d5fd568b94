"""The filter options of `extract`, `compare` and `timeline`, parsed into an `extractors.filters.ClaimFilter`.

The filtering itself is the library's (`ClaimFilter.apply`), so that any other way of reading claims does it
the same way; here only the command line is read. A list option may be repeated, and each value may be a
comma-separated list: `--type quote,casualty` is `--type quote --type casualty`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date as Date
from typing import Annotated

import typer

from extractors.filters import CLAIMANT_SIDES, PARTIES, TYPES, ClaimFilter

_DATES = "Records without a document date are left out."

Since = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="DATE",
        help=f"Only records of documents dated on or after DATE (YYYY-MM-DD). {_DATES}",
        show_default=False,
    ),
]
Until = Annotated[
    str | None,
    typer.Option(
        "--until",
        metavar="DATE",
        help=f"Only records of documents dated on or before DATE (YYYY-MM-DD). {_DATES}",
        show_default=False,
    ),
]
ClaimantSide = Annotated[
    list[str] | None,
    typer.Option(
        "--claimant-side",
        metavar="SIDE",
        help=f"Only claims made by this side: {', '.join(CLAIMANT_SIDES)} (repeat, or a comma list).",
        show_default=False,
    ),
]
Party = Annotated[
    list[str] | None,
    typer.Option(
        "--party",
        metavar="SIDE",
        help=f"Only losses of this side: {', '.join(PARTIES)} (repeat, or a comma list). Quotes have no "
        "party and are left out.",
        show_default=False,
    ),
]
Type = Annotated[
    list[str] | None,
    typer.Option(
        "--type",
        metavar="TYPE",
        help=f"Only records of this type: {', '.join(TYPES)} (repeat, or a comma list).",
        show_default=False,
    ),
]


def claim_filter(
    since: str | None,
    until: str | None,
    claimant_side: Sequence[str] | None,
    party: Sequence[str] | None,
    types: Sequence[str] | None,
) -> ClaimFilter:
    """The filter the options ask for; a usage error (exit code 2) names the option at fault."""
    for option, value in (("--since", since), ("--until", until)):
        if value is not None and not _is_date(value):
            raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option)
    if since and until and since > until:
        raise typer.BadParameter(f"{since} is after --until {until}", param_hint="--since")
    return ClaimFilter(
        since=since,
        until=until,
        claimant_sides=_values(claimant_side, CLAIMANT_SIDES, "--claimant-side"),
        parties=_values(party, PARTIES, "--party"),
        types=_values(types, TYPES, "--type"),
    )


def _values(given: Sequence[str] | None, allowed: Sequence[str], option: str) -> frozenset[str]:
    values = [value.strip().lower() for item in given or () for value in item.split(",") if value.strip()]
    for value in values:
        if value not in allowed:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(allowed)}", param_hint=option)
    return frozenset(values)


def _is_date(value: str) -> bool:
    try:
        Date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10
