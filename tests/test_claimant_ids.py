"""Canonical claimant keys: one body or person written many ways is one `claimant_id`, so that a user can
group by claimant (extractors/attribution/ids.py, data/claimants.json, the `id` keys of data/actors.jsonl)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from extractors import DocumentClaims
from extractors.attribution.ids import claimant_id

NAMES = [
    # one body, many spellings
    ("Artsakh Defense Army", "armenia", "artsakh.defense_army"),
    ("Defense Army", "armenia", "artsakh.defense_army"),
    ("units of the Defense Army", "armenia", "artsakh.defense_army"),
    ("Defense Army's list of the fallen", "armenia", "artsakh.defense_army"),
    ("Ministry of Defense of the Republic of Azerbaijan", "azerbaijan", "az.mod"),
    ("Azerbaijan’s Defence Ministry", "azerbaijan", "az.mod"),
    ("Azerbaijani MoD", "azerbaijan", "az.mod"),
    ("Armenian Defence Ministry", "armenia", "am.mod"),
    ("NKR Ministry of Defense", "armenia", "artsakh.mod"),
    ("Russian defence ministry", "other", "ru.mod"),
    ("Turkish Foreign Ministry", "other", "tr.mfa"),
    # a body with no country in its name is its side's
    ("the Defence Ministry", "azerbaijan", "az.mod"),
    ("the Investigative Committee", "armenia", "am.investigative_committee"),
    ("office of the Nagorno-Karabakh Human Rights Defender", "armenia", "artsakh.ombudsman"),
    # a country or side alone
    ("the Azerbaijani side", "azerbaijan", "az"),
    ("Baku", "azerbaijan", "az"),
    ("Armenian officials", "armenia", "am"),
    ("Kremlin", "other", "ru.kremlin"),
    # people: full name, surname, title
    ("Artsrun Hovhannisyan", "armenia", "am.hovhannisyan"),
    ("Hovhannisyan", "armenia", "am.hovhannisyan"),
    ("Hikmet Hajiev", "azerbaijan", "az.hajiyev"),
    ("President Ilham Aliyev", "azerbaijan", "az.aliyev"),
    ("press service of Ilham Aliyev", "azerbaijan", "az.aliyev"),
    ("Vladimir Putin", "other", "ru.putin"),
    # not in the lexicons
    ("Moscow correspondent for The Independent", "other", None),
    ("a local resident", "unknown", None),
    ("us", "other", None),
    (None, "other", None),
]


@pytest.mark.parametrize(("name", "side", "expected"), NAMES, ids=[str(n) for n, _, _ in NAMES])
def test_claimant_id(name: str | None, side: str, expected: str | None) -> None:
    assert claimant_id(name, side) == expected


def test_records_carry_the_key_of_their_claimant(claims: Callable[[str], DocumentClaims]) -> None:
    doc = claims(
        "The Artsakh Defense Army said 12 of its servicemen had been killed. Azerbaijan's Defence Ministry "
        'said it had destroyed 4 tanks. "We will not stop," Ilham Aliyev said.\n\n'
        "Four civilians were wounded in Ganja."
    )
    # the outlet's own voice names no claimant, so no key
    assert [(c.count, c.claimant_id) for c in doc.casualties] == [(12, "artsakh.defense_army"), (4, None)]
    assert [(e.count, e.claimant_id) for e in doc.equipment] == [(4, "az.mod")]
    assert [q.claimant_id for q in doc.quotes if q.kind == "direct"] == ["az.aliyev"]
