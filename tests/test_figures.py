"""Casualty and equipment figures: what is a claim, whose losses, who claims it, and what is not a claim.

Sentences written for these tests. Each claim row gives the one record expected from its sentence as
(party, group or category, outcome, count, claimant_side); the not-a-claim table must give no record at all.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from extractors import Casualty, DocumentClaims, Equipment

Claims = Callable[[str], DocumentClaims]

NOT_CLAIMS = [
    "Clashes broke out on the border in September 2022.\n\nIn 2020, Azerbaijan took back much of the region "
    "in a six-week war. More than 6,000 people died. Armenia put its own military dead at 3,800.",
    "The armed conflict of 1991\u20131994 claimed about 25,000 lives.",
    "The clashes were the worst since the 2020 war, which killed more than 6,000 people.",
    "The first war ended in 1994. An estimated 25,000 people were killed in that war.",
    'Baku dismissed as "baseless" claims by Yerevan that 16 Azerbaijani drones had been shot down.',
    "Analysts warned that a new offensive would cost thousands of lives.",
    "The shelling went on while 5,000 residents were forced to flee their homes.",
    "The fighting began on September 27, 2020.",
    "At 08:30 the shelling resumed along the whole front.",
    "The offensive lasted 48 hours, the ministry said.",
    "The ceasefire took effect at 12:00 on October 10.",
    "Prices in Stepanakert rose by 100% in a week.",
    "A local charity said donations reached $2,500 on Monday.",
    "Azerbaijan has about 20,000 troops stationed along the line of contact.",
    "Around 2,000 Russian peacekeepers will be deployed to the region.",
    "More than 70,000 people have fled their homes in Nagorno-Karabakh.",
    "Some 90,000 residents were displaced by the fighting, officials said.",
    "About 1,500 volunteers signed up at recruiting stations in Yerevan.",
    "Azerbaijani forces said they had taken control of 12 villages.",
    "The town of Martuni lies 15 kilometres from the front line.",
    "Four F-16 jets were seen at Ganja air base last week.",
    "Turkey supplied 6 Bayraktar TB2 drones to Azerbaijan this year.",
    "Armenia deployed 3 S-300 batteries near Yerevan.",
    "About 30,000 people were killed in the 1992-94 war.",
    "In the first Karabakh war in the early 1990s, 30,000 people died.",
    "The clashes in April 2016 killed about 200 people.",
    "The Armenian Defense Ministry denied that 30 tanks were lost.",
    "Baku denied reports that 12 of its drones had been shot down.",
    "The T-72 is the main battle tank of both armies.",
    "The BM-21 Grad was designed in the 1960s.",
    "The S-300 system can hit targets 150 km away.",
    "The defense minister is 54 years old.",
    "The war is now in its 3rd week.",
    "The 2nd Army Corps holds the northern sector.",
    "Two days later, the talks resumed in Moscow.",
    "The president spoke for 40 minutes on national television.",
    "The Armenian population of Karabakh is about 150,000.",
    "The 44-day war ended on November 10.",
    "Azerbaijan's army has about 500 tanks in service.",
    "Armenia bought 4 Su-30SM fighter jets in 2019.",
    "Tens of thousands of our citizens gathered in Republic Square.",
    "The video has been viewed 100,000 times since Sunday.",
    "The hospital in Stepanakert has 120 beds.",
    "The OSCE Minsk Group has 3 co-chairs.",
    "Shelling hit 5 villages overnight, the ministry said.",
    "Yerevan said it would send 300 doctors to the region.",
    "The road to Goris will be closed for 24 hours.",
    "The Armenian army has received 10 new T-90 tanks from Russia.",
    "Azerbaijan holds exercises with 5,000 troops and 100 tanks every year.",
]
# (sentence, [(party, group or category, outcome, count, claimant_side), ...]) in text order
CLAIMS = [
    (
        "The Armenian Defense Ministry said 3 Azerbaijani tanks were destroyed.",
        [("azerbaijan", "tank", "destroyed", 3, "armenia")],
    ),
    (
        "Azerbaijan's Defense Ministry said its forces destroyed 4 tanks, 2 Grad launchers and 3 drones "
        "of the enemy.",
        [
            ("armenia", "tank", "destroyed", 4, "azerbaijan"),
            ("armenia", "mlrs", "destroyed", 2, "azerbaijan"),
            ("armenia", "uav", "destroyed", 3, "azerbaijan"),
        ],
    ),
    (
        "The Artsakh Defense Army said 27 of its soldiers were killed.",
        [("armenia", "military", "killed", 27, "armenia")],
    ),
    (
        "According to the Armenian Defense Ministry, the enemy lost about 20 servicemen killed or wounded.",
        [("azerbaijan", "military", "casualties", 20, "armenia")],
    ),
    (
        "Azerbaijan's Prosecutor General's Office said 30 civilians were killed and 143 injured.",
        [
            ("azerbaijan", "civilian", "killed", 30, "azerbaijan"),
            ("azerbaijan", "civilian", "wounded", 143, "azerbaijan"),
        ],
    ),
    (
        "Shushan Stepanyan said Armenian forces shot down two Azerbaijani Su-25 jets.",
        [("azerbaijan", "aircraft", "downed", 2, "armenia")],
    ),
    (
        "Hikmet Hajiyev said Armenian shelling killed 12 civilians in Ganja.",
        [("azerbaijan", "civilian", "killed", 12, "azerbaijan")],
    ),
    (
        "The Armenian side lost dozens of servicemen, the Azerbaijani Defense Ministry said.",
        [("armenia", "military", "casualties", 24, "azerbaijan")],
    ),
    (
        '"We destroyed 5 enemy tanks today," Artsrun Hovhannisyan said.',
        [("azerbaijan", "tank", "destroyed", 5, "armenia")],
    ),
    (
        "The Azerbaijani Defense Ministry said 15 Armenian soldiers were taken prisoner.",
        [("armenia", "military", "captured", 15, "azerbaijan")],
    ),
    (
        "Nagorno-Karabakh's defense army said the death toll among its troops had risen to 350 since "
        "September 27.",
        [("armenia", "military", "killed", 350, "armenia")],
    ),
    (
        "Armenia claimed that between 20 and 25 Azerbaijani armored vehicles had been destroyed.",
        [("azerbaijan", "armored_vehicle", "destroyed", 20, "armenia")],
    ),
    (
        "Azerbaijan said it had seized 22 tanks as trophies.",
        [("armenia", "tank", "captured", 22, "azerbaijan")],
    ),
    (
        "The ministry in Baku said two Armenian TOS-1A systems were destroyed.",
        [("armenia", "mlrs", "destroyed", 2, "azerbaijan")],
    ),
    (
        "The Armenian Defense Ministry said at least 40 Azerbaijani drones had been shot down.",
        [("azerbaijan", "uav", "downed", 40, "armenia")],
    ),
    (
        "Azerbaijani officials said 2 civilians were missing after the strike.",
        [("azerbaijan", "civilian", "missing", 2, "azerbaijan")],
    ),
    (
        "Both sides have lost more than 300 soldiers, officials in Moscow said.",
        [("both", "military", "casualties", 300, "other")],
    ),
    (
        "According to the Prosecutor General's Office of Azerbaijan, the attack killed 21 civilians and "
        "injured about 70.[41]",
        [
            ("azerbaijan", "civilian", "killed", 21, "azerbaijan"),
            ("azerbaijan", "civilian", "wounded", 70, "azerbaijan"),
        ],
    ),
    (
        "YEREVAN, Sept 14 (Caucasus Wire) - Armenia said on Wednesday that 105 of its soldiers had been "
        "killed, the deadliest fighting since their 2020 war.",
        [("armenia", "military", "killed", 105, "armenia")],
    ),
    (
        "The Azerbaijani side's losses amounted to 5 T-72 tanks, the Armenian ministry said.",
        [("azerbaijan", "tank", "lost", 5, "armenia")],
    ),
    (
        # "others" with no figure before them: others of the people the sentence told of
        "Azerbaijan's Prosecutor General's Office said a civilian was killed and two others were injured in "
        "Tartar by Armenian shelling.",
        [("azerbaijan", "civilian", "wounded", 2, "azerbaijan")],
    ),
    (
        "Azerbaijan's Prosecutor General's Office said a teacher was killed and two others were injured in "
        "Tartar by Armenian shelling.",
        [("azerbaijan", "unspecified", "wounded", 2, "azerbaijan")],
    ),
    (
        # the second figure has a loss verb of its own, and its subject owns it; the men are still soldiers
        "Baku says 900 Armenian soldiers have been killed; Yerevan says Azerbaijan has lost over 1,500.",
        [
            ("armenia", "military", "killed", 900, "azerbaijan"),
            ("azerbaijan", "military", "casualties", 1500, "armenia"),
        ],
    ),
    (
        "The Armenian ministry claims Azerbaijani losses run to more than 150 soldiers killed and wounded.",
        [("azerbaijan", "military", "casualties", 150, "armenia")],
    ),
    (
        # the relative pronoun of "losses that included" stands for the losses, which say whose
        "The Armenian ministry gave a tally of Azerbaijani losses that included 4 helicopters and 9 tanks.",
        [("azerbaijan", "helicopter", "lost", 4, "armenia"), ("azerbaijan", "tank", "lost", 9, "armenia")],
    ),
    (
        "Armenian authorities say 3,773 Armenian soldiers were killed, while Azerbaijan says 2,908 of its "
        "soldiers died.",
        [
            ("armenia", "military", "killed", 3773, "armenia"),
            ("azerbaijan", "military", "killed", 2908, "azerbaijan"),
        ],
    ),
    (
        "Armenia's health ministry has so far confirmed the deaths of 2,425 servicemen.",
        [("armenia", "military", "killed", 2425, "armenia")],
    ),
    (
        "The Armenian Defense Ministry published its tally. For Azerbaijan, it listed 22 tanks lost.",
        [("azerbaijan", "tank", "lost", 22, "armenia")],
    ),
    (
        "Analysts at the institute said Azerbaijan's confirmed losses included 11 drones shot down.",
        [("azerbaijan", "uav", "downed", 11, "other")],
    ),
    (
        "The ministry in Baku said 35 of its soldiers had died, up from 30 a day earlier, and that 120 had "
        "been wounded.",
        [
            ("azerbaijan", "military", "killed", 35, "azerbaijan"),
            ("azerbaijan", "military", "killed", 30, "azerbaijan"),
            ("azerbaijan", "military", "wounded", 120, "azerbaijan"),
        ],
    ),
    (
        "Officials in Yerevan said 4 civilians had been killed and at least 6 wounded, and that about 1,500 "
        "people had been evacuated.",
        [("armenia", "civilian", "killed", 4, "armenia"), ("armenia", "civilian", "wounded", 6, "armenia")],
    ),
    (
        "Armenia's ombudsman said Azerbaijani troops had captured about 15 Armenian soldiers and that videos "
        "appeared to show the execution of at least 5 of them.",
        [("armenia", "military", "captured", 15, "armenia"), ("armenia", "military", "killed", 5, "armenia")],
    ),
    (
        'Artsrun Hovhannisyan said: "3 tanks and one Su-25 aircraft of the adversary have been destroyed, '
        'and more than 60 servicemen have been killed."',
        [
            ("azerbaijan", "tank", "destroyed", 3, "armenia"),
            ("azerbaijan", "aircraft", "destroyed", 1, "armenia"),
            ("azerbaijan", "military", "killed", 60, "armenia"),
        ],
    ),
    (
        "Rockets hit the center of Barda on Tuesday. The researchers documented the deaths of 21 civilians "
        "and injuries to at least 60 others.",
        [
            ("azerbaijan", "civilian", "killed", 21, "other"),
            ("azerbaijan", "civilian", "wounded", 60, "other"),
        ],
    ),
    (
        "The Armenian ombudsman said two civilians, a woman and her son, had been killed in the Martuni "
        "district and at least 15 others wounded.",
        [("armenia", "civilian", "killed", 2, "armenia"), ("armenia", "civilian", "wounded", 15, "armenia")],
    ),
    (
        "Independent analysts said they had documented 160 Armenian tanks destroyed, damaged or captured.",
        [("armenia", "tank", "lost", 160, "other")],
    ),
    (
        "Armenia's health ministry has confirmed the deaths of 2,300 servicemen and says hundreds more "
        "remain missing.",
        [
            ("armenia", "military", "killed", 2300, "armenia"),
            ("armenia", "military", "missing", 200, "armenia"),
        ],
    ),
    (
        "A reconnaissance-sabotage group of 12 persons was eliminated near Hadrut, the ministry in Baku "
        "said.",
        [("armenia", "military", "killed", 12, "azerbaijan")],
    ),
    (
        "The worst fighting between the two countries since their 2020 war has killed more than 200 "
        "soldiers, officials in Moscow said.",
        [("both", "military", "killed", 200, "other")],
    ),
    (
        "Officials in Yerevan said at least 150 people had been killed on the Armenian side, including 8 "
        "civilians, and that more than 300 had been wounded.",
        [
            ("armenia", "unspecified", "killed", 150, "armenia"),
            ("armenia", "civilian", "killed", 8, "armenia"),
            ("armenia", "unspecified", "wounded", 300, "armenia"),
        ],
    ),
    (
        "The Armenian commander said that of those who did not reach the top, 14 were killed.",
        [("armenia", "unspecified", "killed", 14, "armenia")],
    ),
    (
        'President Ilham Aliyev said: "The losses of the Armenian armed forces are as follows: 200 tanks, '
        '30 of them taken by our army as trophies; 150 artillery pieces; and 3 S-300 air defense systems."',
        [
            # the header's losses, not the sub-count's trophies, say what happened to all 200
            ("armenia", "tank", "lost", 200, "azerbaijan"),
            ("armenia", "tank", "captured", 30, "azerbaijan"),
            ("armenia", "artillery", "lost", 150, "azerbaijan"),
            ("armenia", "air_defense", "lost", 3, "azerbaijan"),
        ],
    ),
    (
        "Baku launched its operation hours after six Azerbaijanis, including two civilian road workers, were "
        "killed in landmine explosions, the Azerbaijani Defense Ministry said.",
        [
            ("azerbaijan", "unspecified", "killed", 6, "azerbaijan"),
            ("azerbaijan", "civilian", "killed", 2, "azerbaijan"),
        ],
    ),
    (
        "Independent analysts counted at least 185 Armenian tanks lost, compared with at least 22 for "
        "Azerbaijan.",
        [("armenia", "tank", "lost", 185, "other"), ("azerbaijan", "tank", "lost", 22, "other")],
    ),
    (
        "Officials in Nagorno-Karabakh said 16 of the region's servicemen had been killed.",
        [("armenia", "military", "killed", 16, "armenia")],
    ),
    (
        "The Armenian Defense Ministry said Azerbaijani forces destroyed 14 tanks and shot down three drones "
        "of ours.",
        [("armenia", "tank", "destroyed", 14, "armenia"), ("armenia", "uav", "downed", 3, "armenia")],
    ),
]


def key(record: Casualty | Equipment) -> tuple[str, str, str, int, str]:
    what = record.group if isinstance(record, Casualty) else record.category
    return (record.party, what, record.outcome, record.count, record.claimant_side)


def figures(doc: DocumentClaims) -> list[Casualty | Equipment]:
    return sorted([*doc.casualties, *doc.equipment], key=lambda r: r.start)


def test_tables_are_big_enough() -> None:
    assert len(NOT_CLAIMS) >= 40
    assert len(set(NOT_CLAIMS)) == len(NOT_CLAIMS)


@pytest.mark.parametrize("sentence", NOT_CLAIMS)
def test_not_a_claim(claims: Claims, sentence: str) -> None:
    assert figures(claims(sentence)) == []


@pytest.mark.parametrize(("sentence", "expected"), CLAIMS, ids=[s[:40] for s, _ in CLAIMS])
def test_claim(claims: Claims, sentence: str, expected: list[tuple]) -> None:
    found = figures(claims(sentence))
    assert [key(r) for r in found] == expected
    for record in found:
        assert sentence[record.start : record.end] == record.text


def test_qualifier_and_bounds(claims: Claims) -> None:
    (record,) = claims(
        "The Armenian Defense Ministry said at least 40 Azerbaijani drones had been shot down."
    ).equipment
    assert (record.qualifier, record.count_min, record.count_max) == ("at least", 40, None)
    (record,) = claims(
        "Armenia claimed that between 20 and 25 Azerbaijani armored vehicles had been destroyed."
    ).equipment
    assert (record.count, record.count_min, record.count_max) == (20, 20, 25)


def test_model_is_named(claims: Claims) -> None:
    (record,) = claims("The ministry in Baku said two Armenian TOS-1A systems were destroyed.").equipment
    assert record.model == "TOS-1A"


def test_vague_plural_is_approximate(claims: Claims) -> None:
    (record,) = claims(
        "The Armenian side lost dozens of servicemen, the Azerbaijani Defense Ministry said."
    ).casualties
    assert (record.count, record.approximate) == (24, True)


@pytest.mark.parametrize(
    ("sentence", "hedged", "cumulative"),
    [
        ("Azerbaijan allegedly lost 7 tanks near Fuzuli, the Armenian Defense Ministry said.", True, False),
        (
            "The Armenian Defense Ministry said 60 Azerbaijani soldiers were killed. "
            "The claim could not be independently verified.",
            True,
            False,
        ),
        (
            "Since September 27, Armenia has lost 540 servicemen, the Armenian Defense Ministry said.",
            False,
            True,
        ),
        ("The Armenian Defense Ministry said 60 Azerbaijani soldiers were killed on Monday.", False, False),
    ],
)
def test_hedged_and_cumulative(claims: Claims, sentence: str, hedged: bool, cumulative: bool) -> None:
    (record,) = figures(claims(sentence))
    assert (record.hedged, record.cumulative) == (hedged, cumulative)


def test_claimant_is_named_as_written(claims: Claims) -> None:
    (record,) = claims(
        "Azerbaijan allegedly lost 7 tanks near Fuzuli, the Armenian Defense Ministry said."
    ).equipment
    assert record.claimant == "Armenian Defense Ministry"


def test_enemy_is_the_other_side_of_the_claimant(claims: Claims) -> None:
    az = claims("The Azerbaijani Defense Ministry said the enemy lost 11 tanks.").equipment
    am = claims("The Armenian Defense Ministry said the enemy lost 11 tanks.").equipment
    assert [(r.party, r.claimant_side) for r in az] == [("armenia", "azerbaijan")]
    assert [(r.party, r.claimant_side) for r in am] == [("azerbaijan", "armenia")]


def test_bulleted_list_takes_the_intro_and_the_source(claims: Claims) -> None:
    text = (
        "BAKU, October 19. The Azerbaijani Defense Ministry said in its daily report that fighting went "
        "on.\n\n"
        "Over the past day, the following equipment of the enemy was destroyed:\n"
        "- 3 T-72 tanks;\n"
        "- 2 BM-21 Grad multiple rocket launchers;\n"
        "- 7 trucks.\n"
    )
    found = [
        (r.party, r.category, r.model, r.outcome, r.count, r.claimant_side) for r in claims(text).equipment
    ]
    assert found == [
        ("armenia", "tank", "T-72", "destroyed", 3, "azerbaijan"),
        ("armenia", "mlrs", "BM-21 Grad", "destroyed", 2, "azerbaijan"),
        ("armenia", "vehicle", None, "destroyed", 7, "azerbaijan"),
    ]


def test_headline_repeating_the_body_is_one_claim(claims: Claims) -> None:
    text = (
        "Armenian Army Says 12 Azerbaijani Drones Downed\n\n"
        "The Armenian Defense Ministry said on Tuesday that 12 Azerbaijani drones had been shot down.\n"
    )
    found = [key(r) for r in claims(text).equipment]
    assert found == [("azerbaijan", "uav", "downed", 12, "armenia")]


def test_others_of_a_vehicle_are_no_casualties(claims: Claims) -> None:
    assert claims("A tank was destroyed and two others were damaged near Fuzuli.").casualties == ()


def test_a_duplicate_lends_what_the_kept_record_leaves_open(claims: Claims) -> None:
    # the body's record is kept (it names the source); the headline alone says the dead were soldiers
    text = (
        "14 Armenian soldiers killed, 25 wounded: Defense Minister\n\n"
        '"We have losses too: so far 14 are confirmed killed and 25 wounded," '
        "Armenian Defense Minister Vagharshak Harutyunyan said on Monday.\n"
    )
    found = sorted(key(r) for r in claims(text).casualties)
    assert found == [
        ("armenia", "military", "killed", 14, "armenia"),
        ("armenia", "military", "wounded", 25, "armenia"),
    ]
    assert {r.claimant for r in claims(text).casualties} == {"Vagharshak Harutyunyan"}


def test_title_case_links_after_the_body_are_page_furniture(claims: Claims) -> None:
    text = (
        "Fighting Flares Again In The South\n\n"
        "The Armenian Defense Ministry said on Tuesday that fighting flared again along the southern front "
        "and that its units had repelled several attacks near Hadrut overnight.\n\n"
        "Read more:\n"
        "Armenian Forces Claim 12 Azerbaijani Drones Shot Down In A Single Day\n"
    )
    assert figures(claims(text)) == []


def test_the_days_figure_beside_a_running_total_is_not_cumulative(claims: Claims) -> None:
    found = figures(
        claims(
            "Nagorno-Karabakh's defence ministry said 27 more of its servicemen had been killed, taking the "
            "military death toll to 1,068 since Sept. 27."
        )
    )
    assert [(r.count, r.cumulative) for r in found] == [(27, False), (1068, True)]


def test_people_who_destroy_something_are_not_casualties(claims: Claims) -> None:
    doc = claims("An Armenian soldier said one gunner destroyed 5 Azerbaijani tanks near Hadrut.")
    assert doc.casualties == ()
    assert [key(r) for r in doc.equipment] == [("azerbaijan", "tank", "destroyed", 5, "armenia")]


def test_a_reporting_verb_makes_its_subject_the_claimant(claims: Claims) -> None:
    doc = claims(
        "Azerbaijan's Defence Ministry says its forces have destroyed more than 250 Armenian tanks. "
        "Independent experts who track photographed wrecks have so far verified at least 130 of them."
    )
    found = [(r.count, r.party, r.claimant_side) for r in doc.equipment]
    assert found == [(250, "armenia", "azerbaijan"), (130, "armenia", "other")]


def test_related_links_and_reader_comments_are_page_furniture(claims: Claims) -> None:
    text = (
        "Shelling Resumes Near Martuni\n\n"
        "The Armenian Defense Ministry said on Monday that 4 Azerbaijani drones had been shot down over "
        "Martuni overnight and that fighting continued along the whole front line.\n\n"
        "RELATED: Baku says 9 Armenian tanks hit near Fuzuli\n"
        "10:45  Azerbaijan shells Martuni again: 2 civilians wounded\n\n"
        "12 Comments\n\n"
        "reader_one \u00b7 2 hours ago\n"
        "They lost 300 drones already, everyone knows it.\n"
    )
    found = [key(r) for r in figures(claims(text))]
    assert found == [("azerbaijan", "uav", "downed", 4, "armenia")]


def test_third_party_dead_told_by_the_outlet_are_not_the_last_sides_claim(claims: Claims) -> None:
    text = (
        "Azerbaijan's Defence Ministry said on Wednesday that its forces had destroyed 6 Armenian tanks.\n\n"
        "Four Russian peacekeepers were also killed on Wednesday when their vehicle came under fire.\n"
    )
    found = [key(r) for r in figures(claims(text))]
    assert found == [
        ("armenia", "tank", "destroyed", 6, "azerbaijan"),
        ("other", "military", "killed", 4, "other"),
    ]


def test_a_figure_in_a_witness_quote_is_claimed_with_the_quotes_side(claims: Claims) -> None:
    doc = claims(
        "Shells fell on Martuni again overnight.\n\n"
        '"Three civilians from our street were killed last night," said Anahit Petrosyan, 41, who teaches at '
        "the local school."
    )
    assert [q.claimant_side for q in doc.quotes] == ["armenia"]
    assert [key(r) for r in figures(doc)] == [("armenia", "civilian", "killed", 3, "armenia")]
