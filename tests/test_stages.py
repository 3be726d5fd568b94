"""The figure stages one at a time, in sentences written for these tests: frames (whose losses, what
outcome), modifiers (history, negation, hypotheticals, hedges, running totals), claimants (who says it) and
lists (what items share). Each row: a text and the records it must give, as
(party, group or category, outcome, count, claimant_side)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from extractors import DocumentClaims
from extractors.figures.modifiers import CUMULATIVE, HEDGED, HISTORICAL, HYPOTHETICAL, NEGATED, Modifiers
from extractors.layout import Page

Claims = Callable[[str], DocumentClaims]


def rows(doc: DocumentClaims) -> list[tuple]:
    figures = sorted([*doc.casualties, *doc.equipment], key=lambda r: r.start)
    return [
        (
            r.party,
            getattr(r, "group", None) or getattr(r, "category", None),
            r.outcome,
            r.count,
            r.claimant_side,
        )
        for r in figures
    ]


# -- frames: the predicate's roles say whose losses ---------------------------------------------------------
FRAMES = [
    # the subject of "lose" owns the losses
    (
        "Azerbaijan has lost 790 servicemen since the start of the fighting, the Armenian Defense Ministry "
        "said.",
        [("azerbaijan", "military", "casualties", 790, "armenia")],
    ),
    # the agent of a passive "lose" owns them too
    (
        "Six drones were lost by Baku on Tuesday, the Armenian Defense Ministry said.",
        [("azerbaijan", "uav", "lost", 6, "armenia")],
    ),
    # the subject of "destroy" inflicts: the losses are its enemy's
    (
        "Azerbaijani forces destroyed 9 tanks near Fuzuli, the Armenian Defense Ministry said.",
        [("armenia", "tank", "destroyed", 9, "armenia")],
    ),
    # verbs said only of the enemy: the claimant's enemy, whatever the default
    (
        "The Artsakh Defense Army said 35 enemy personnel were eliminated overnight.",
        [("azerbaijan", "military", "killed", 35, "armenia")],
    ),
    (
        "The Azerbaijani Defense Ministry said 12 soldiers were neutralized near Fuzuli.",
        [("armenia", "military", "casualties", 12, "azerbaijan")],
    ),
    # prisoners handed over: the side they go back to
    (
        "Under the deal, 12 captives were handed over to Azerbaijan and 44 to Armenia.",
        [
            ("azerbaijan", "military", "captured", 12, "other"),
            ("armenia", "military", "captured", 44, "other"),
        ],
    ),
    (
        "Ten captives returned to Armenia on Monday, Armenian officials said.",
        [("armenia", "military", "captured", 10, "armenia")],
    ),
    # outcome and group from the words of the frame
    (
        "The bodies of 30 servicemen were found in the Hadrut region, the Armenian Defense Ministry said.",
        [("armenia", "military", "killed", 30, "armenia")],
    ),
    (
        "The Armenian army lost 1,280 killed and 2,700 wounded, the Azerbaijani Defense Ministry said.",
        [
            ("armenia", "military", "killed", 1280, "azerbaijan"),
            ("armenia", "military", "wounded", 2700, "azerbaijan"),
        ],
    ),
    (
        "More than 50 people fell victim to the shelling of Ganja, the Prosecutor General's Office said.",
        [("azerbaijan", "unspecified", "killed", 50, "azerbaijan")],
    ),
    # a toll of an attack is the attacker's enemy's
    (
        "The death toll of an Armenian missile strike on Barda has reached 21, Azerbaijani officials said.",
        [("azerbaijan", "unspecified", "killed", 21, "azerbaijan")],
    ),
    # an event of both sides, told by a third party
    (
        "Almost 5,000 people have been killed in the fighting, according to the Russian president.",
        [("both", "unspecified", "killed", 5000, "other")],
    ),
    (
        "The Kremlin said more than 1,000 people had died on each side.",
        [
            ("armenia", "unspecified", "killed", 1000, "other"),
            ("azerbaijan", "unspecified", "killed", 1000, "other"),
        ],
    ),
    # third-country people
    (
        "Two Russian crew members were killed when their helicopter was shot down, the Russian Defense "
        "Ministry said.",
        [("other", "military", "killed", 2, "other")],
    ),
    # a pronoun owner: the side it stands for
    (
        "The Armenian Defense Ministry said 20 of its soldiers were killed on Monday. Azerbaijan stated it "
        "had lost 50.",
        [
            ("armenia", "military", "killed", 20, "armenia"),
            ("azerbaijan", "military", "casualties", 50, "azerbaijan"),
        ],
    ),
    # a change from one figure to another is two figures
    (
        "The number of soldiers killed rose from 40 to 95, the Defense Army said.",
        [("armenia", "military", "killed", 40, "armenia"), ("armenia", "military", "killed", 95, "armenia")],
    ),
    # people who lose something other than their lives are no casualties
    ("About 240 workers will lose their jobs when the plant closes, the company said.", []),
]


@pytest.mark.parametrize(("text", "expected"), FRAMES, ids=[t[:45] for t, _ in FRAMES])
def test_frames(claims: Claims, text: str, expected: list[tuple]) -> None:
    assert rows(claims(text)) == expected


# -- modifiers: what a figure is said as ----------------------------------------------------------------
MODIFIERS = [
    ("Reports say the army allegedly lost 40 tanks.", "40", {HEDGED}),
    ("The ministry said 14 tanks were destroyed. The claim could not be verified.", "14", {HEDGED}),
    ("Since September 27, 300 servicemen have been killed.", "300", {CUMULATIVE}),
    # a running total's cue after "taking" is the total's, not the day's
    ("27 more soldiers were killed, taking the toll to 1,068 since September 27.", "27", set()),
    ("27 more soldiers were killed, taking the toll to 1,068 since September 27.", "1,068", {CUMULATIVE}),
    # "since 2016" is a yardstick, neither a start nor history
    ("Officials said 30 servicemen were killed, the deadliest day since 2016.", "30", set()),
    ("In 1994, a ceasefire ended a war that killed 30,000 people.", "30,000", {HISTORICAL}),
    # a yardstick is no history for its own sentence, but the clause it opens is
    ("The fighting, the worst since the 1990s war, has killed more than 400 people.", "400", set()),
    ("The clashes, the deadliest since 1994, have killed 90 soldiers.", "90", set()),
    (
        "It was the worst fighting since April 2016, when four days of clashes killed 200 people.",
        "200",
        {HISTORICAL},
    ),
    (
        "The clashes were the worst since the 2020 war, which killed more than 6,000 people.",
        "6,000",
        {HISTORICAL},
    ),
    ("The ministry denied that 20 tanks had been destroyed.", "20", {NEGATED}),
    ("Claims that 16 drones were shot down are baseless, the ministry said.", "16", {HEDGED, NEGATED}),
    # "there are no ..." denies what follows it, to the end of its clause
    ('The ministry says there are no "800 dead soldiers" left on the battlefield.', "800", {NEGATED}),
    ("There were no deaths among civilians, but 7 soldiers were wounded.", "7", set()),
    ("A new offensive would cost thousands of lives, the minister warned.", "thousands", {HYPOTHETICAL}),
    # "could not be verified" doubts, it does not make hypothetical
    ("The claim that 12 drones were downed could not be verified.", "12", {HEDGED}),
]


@pytest.mark.parametrize(
    ("text", "figure", "expected"), MODIFIERS, ids=[f"{t[:35]}|{f}" for t, f, _ in MODIFIERS]
)
def test_modifiers(nlp: Language, text: str, figure: str, expected: set[str]) -> None:
    doc = nlp(text)
    token = next(t for t in doc if t.text == figure)
    assert Modifiers(doc, Page(doc.text), 2020).categories(token.i) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the page's date is the year of the war reported: 2016 is no history in a 2016 report
        ("[ 03 Apr 2016 11:20 ]\n\nOn April 2, 2016, 30 Armenian soldiers were killed, the Azerbaijani "
         "Defense Ministry said.", [("armenia", "military", "killed", 30, "azerbaijan")]),
        # a text that calls the 2020 war over reports a later one: a 2020 figure is history there
        ("At least 50 soldiers were killed in the worst clashes since their 2020 war, officials said. "
         "Six weeks of fighting in the autumn of 2020 claimed more than 6,500 lives.",
         [("both", "military", "killed", 50, "unknown")]),
    ],
)  # fmt: skip
def test_war_year(claims: Claims, text: str, expected: list[tuple]) -> None:
    assert rows(claims(text)) == expected


# -- claimants: who says it ------------------------------------------------------------------------------
CLAIMANTS = [
    # a reporter of no side inside a named source's frame: the source tells the tally
    (
        "According to the Caucasian Knot, the two sides have reported at least 300 deaths since the fighting "
        "began, including dozens of civilians.",
        [("both", "unspecified", "killed", 300, "other"), ("both", "civilian", "killed", 24, "other")],
    ),
    # the outlet's own voice, and a report with nobody named
    (
        "Fierce fighting went on along the front.\n\nAt least 12 civilians were killed in Tartar.",
        [("azerbaijan", "civilian", "killed", 12, "other")],
    ),
    (
        "Reportedly, 15 Azerbaijani soldiers were killed near Talish.",
        [("azerbaijan", "military", "killed", 15, "unknown")],
    ),
    # a lead sentence whose source the next one names
    (
        "According to preliminary data, 16 servicemen were killed. This is what Defense Army spokesman "
        "Levon Avagyan "
        "said at a briefing.",
        [("armenia", "military", "killed", 16, "armenia")],
    ),
    # a paragraph that carries on the one before
    (
        "The Azerbaijani Defense Ministry said 4 tanks were destroyed.\n\nIn addition, 3 drones were shot "
        "down.",
        [("armenia", "tank", "destroyed", 4, "azerbaijan"), ("armenia", "uav", "downed", 3, "azerbaijan")],
    ),
    # an aside of the outlet's own in a paragraph with a source
    (
        "The Azerbaijani Defense Ministry said 2 Armenian drones were downed over Ganja. It should be noted "
        "that "
        "Ganja has been shelled three times, killing 20 civilians.",
        [("armenia", "uav", "downed", 2, "azerbaijan"), ("azerbaijan", "civilian", "killed", 20, "other")],
    ),
    # an unnamed ministry in a Baku dateline is Azerbaijan's
    (
        "BAKU, Azerbaijan, Oct. 5. The Defense Ministry said 6 enemy tanks were destroyed.",
        [("armenia", "tank", "destroyed", 6, "azerbaijan")],
    ),
    # a clause set off before its attribution
    (
        "YEREVAN, Oct. 6. Some 40 people are still missing, the Investigative Committee said in a statement.",
        [("armenia", "unspecified", "missing", 40, "armenia")],
    ),
    # the next sentence's source, when it speaks of what the sentence before said
    (
        "Of the 30 cases of injuries, 20 were recorded in homes. According to the ombudsman of Artsakh, "
        "this shows "
        "that homes were targeted.",
        [
            ("armenia", "unspecified", "wounded", 30, "armenia"),
            ("armenia", "unspecified", "wounded", 20, "armenia"),
        ],
    ),
    # a bare number is nobody's voice, and "of Armenia" makes a council Armenian
    (
        "The Security Council of Armenia said 12 soldiers were killed. Out of the 12, 5 were recorded as "
        "officers.",
        [("armenia", "military", "killed", 12, "armenia"), ("armenia", "military", "killed", 5, "armenia")],
    ),
    # a report of one body's statement: a later paragraph with no source carries it on
    (
        "Fighting went on in the Fuzuli direction, the Azerbaijani Defense Ministry reported.\n\n"
        "Armenian units shelled Tartar, the ministry said.\n\n"
        "During the night, 6 Armenian tanks were destroyed.",
        [("armenia", "tank", "destroyed", 6, "azerbaijan")],
    ),
    # ... a briefing by one person too, past the outlet that carried it and the teasers around the page
    (
        "Colonel Arman Sargsyan of the Defense Army briefed journalists in Stepanakert.\n\n"
        "According to the colonel, the front held, as reported by Armenpress.\n\n"
        "The enemy has lost nine tanks and two helicopters.\n\nRelated news\n\n"
        "Baku: Armenian side lost 30 tanks",
        [("azerbaijan", "tank", "lost", 9, "armenia"), ("azerbaijan", "helicopter", "lost", 2, "armenia")],
    ),
    # "local authorities" are the authorities of the place the sentence names
    (
        "The death toll of the overnight missile strike on the centre of the city of Ganja has reached 12, "
        "local authorities said.",
        [("azerbaijan", "unspecified", "killed", 12, "azerbaijan")],
    ),
    # "the prosecutors" speak for the prosecutor's office named before
    (
        "Azerbaijan's Prosecutor General's Office said a woman died of her wounds.\n\n"
        "Earlier, the prosecutors said that 8 people were killed in Barda.",
        [("azerbaijan", "unspecified", "killed", 8, "azerbaijan")],
    ),
    # "..., as X announced": the subordinate clause names its own sentence's source, and no other
    (
        "Nagorno-Karabakh has lost dozens more soldiers in the fighting.\n\n"
        "The number of soldiers killed rose from 50 to 1,300, as authorities in the disputed region said.",
        [
            ("armenia", "military", "casualties", 24, "other"),
            ("armenia", "military", "killed", 50, "armenia"),
            ("armenia", "military", "killed", 1300, "armenia"),
        ],
    ),
    # an outlet that cites a source passes on that source's claim
    (
        "During the operation, 40 servicemen of the Azerbaijani Army were killed and 210 servicemen were "
        "wounded, APA reports citing the Ministry of Health.",
        [
            ("azerbaijan", "military", "killed", 40, "azerbaijan"),
            ("azerbaijan", "military", "wounded", 210, "azerbaijan"),
        ],
    ),
    # an Azerbaijani outlet's words for the Karabakh authorities
    (
        "According to the separatist regime's health ministry, the blast killed at least 20 people. Over "
        "30 people are considered missing.",
        [
            ("armenia", "unspecified", "killed", 20, "armenia"),
            ("armenia", "unspecified", "missing", 30, "armenia"),
        ],
    ),
    # a headline that names what a report is about is no source; "..., X found" is
    (
        "Azerbaijan: Cluster Bombs Hit Homes in Stepanakert\n\n(Paris, October 20, 2020) - Rights groups "
        "have raised concerns.\n\nThe strikes killed at least 5 civilians in Stepanakert, Amnesty "
        "International found.",
        [("armenia", "civilian", "killed", 5, "other")],
    ),
    # "according to media reports" names nobody, whoever the paragraph quotes
    (
        "The Azerbaijani Defense Ministry said the offensive went on.\n\nIn addition, according to media "
        "reports, at least 12 Armenian soldiers surrendered to the Azerbaijani army.",
        [("armenia", "military", "captured", 12, "unknown")],
    ),
    # a crew is of the side whose vehicle the text named; bodies handed over are of the dead
    (
        "A Russian Mi-8 helicopter was shot down near the border.\n\nThe Russian Defense Ministry said that "
        "3 crew members of the helicopter were killed.\n\nThe ICRC said the bodies of 15 Armenian "
        "servicemen were handed over.",
        [("other", "military", "killed", 3, "other"), ("armenia", "military", "killed", 15, "other")],
    ),
    # a place that speaks is its authorities, and "its officials" are theirs
    (
        "Nagorno-Karabakh says 90 of its troops have been killed. Its officials say 11 civilians died.",
        [("armenia", "military", "killed", 90, "armenia"), ("armenia", "civilian", "killed", 11, "armenia")],
    ),
    # a speaker quoted again without a role keeps the side given the first time; where someone speaks
    # ("a Western diplomat in Yerevan") is not whose they are
    (
        "“Prisoners must be treated humanely,” said Lena Vogt, Amnesty International's researcher.\n\n"
        "“At least 9 prisoners were killed,” Lena Vogt said.\n\n"
        "“Both sides lost 30 tanks,” a Western diplomat in Yerevan said.",
        [("unknown", "military", "killed", 9, "other"), ("both", "tank", "lost", 30, "other")],
    ),
    # an outlet that passes on what an official said is the channel
    (
        "Deputy Prime Minister Tigran Avinyan said 25 Armenian prisoners had returned, the Interfax news "
        "agency "
        "reported.",
        [("armenia", "military", "captured", 25, "armenia")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CLAIMANTS, ids=[t[:45] for t, _ in CLAIMANTS])
def test_claimants(claims: Claims, text: str, expected: list[tuple]) -> None:
    assert rows(claims(text)) == expected


# -- lists: items share their header ----------------------------------------------------------------------
LISTS = [
    (
        "The Azerbaijani Defense Ministry said it destroyed the following enemy equipment:\n- 5 tanks;\n- 3 "
        "howitzers.",
        [
            ("armenia", "tank", "destroyed", 5, "azerbaijan"),
            ("armenia", "artillery", "destroyed", 3, "azerbaijan"),
        ],
    ),
    (
        "The Armenian Defense Ministry said the losses of the enemy were as follows: 10 tanks, 4 howitzers "
        "and 3 drones.",
        [
            ("azerbaijan", "tank", "lost", 10, "armenia"),
            ("azerbaijan", "artillery", "lost", 4, "armenia"),
            ("azerbaijan", "uav", "lost", 3, "armenia"),
        ],
    ),
    (
        "The Artsakh Defense Army listed the enemy's losses:\n10 – tanks\n3 – trucks",
        [("azerbaijan", "tank", "lost", 10, "armenia"), ("azerbaijan", "vehicle", "lost", 3, "armenia")],
    ),
    # one item of a list that is a loss verb's subject names the owner of them all
    (
        "The Azerbaijani Defense Ministry said a large number of Armenian soldiers, 3 - T-72 tanks and "
        "2 - D-30 howitzers were destroyed.",
        [
            ("armenia", "tank", "destroyed", 3, "azerbaijan"),
            ("armenia", "artillery", "destroyed", 2, "azerbaijan"),
        ],
    ),
    # ... but not when its items name two sides
    (
        "The ministry said 3 Armenian tanks and 2 Azerbaijani drones were destroyed.",
        [("armenia", "tank", "destroyed", 3, "unknown"), ("azerbaijan", "uav", "destroyed", 2, "unknown")],
    ),
    # a daily report: sub-headings under the sentence that says whose losses they are, and a summary after it
    (
        "The Defense Army of Artsakh reported the enemy's losses on the day:\n\nPersonnel:\n120 – killed\n"
        "about 200 – wounded\n\nShot down:\n4 – UAVs\n\nIn total, the enemy has lost 3,000 troops killed.",
        [
            ("azerbaijan", "military", "killed", 120, "armenia"),
            ("azerbaijan", "military", "wounded", 200, "armenia"),
            ("azerbaijan", "uav", "downed", 4, "armenia"),
            ("azerbaijan", "military", "killed", 3000, "armenia"),
        ],
    ),
    # a dash list that puts the noun first
    (
        "The Azerbaijani Defense Ministry said the following Armenian weapons were seized:\n\ntanks – 4;\n"
        "artillery pieces of various calibres – 31;\nair defense systems – 2.",
        [
            ("armenia", "tank", "captured", 4, "azerbaijan"),
            ("armenia", "artillery", "captured", 31, "azerbaijan"),
            ("armenia", "air_defense", "captured", 2, "azerbaijan"),
        ],
    ),
    # parts after "including", with or without the comma, keep the whole's owner and outcome
    (
        "Officials in Stepanakert said 19 civilians were killed, including 7 women and 4 children.",
        [
            ("armenia", "civilian", "killed", 19, "armenia"),
            ("armenia", "civilian", "killed", 7, "armenia"),
            ("armenia", "civilian", "killed", 4, "armenia"),
        ],
    ),
    (
        "The Security Council of Armenia said 107 including 3 civilians, were killed.",
        [
            ("armenia", "unspecified", "killed", 107, "armenia"),
            ("armenia", "civilian", "killed", 3, "armenia"),
        ],
    ),
    # a list of parts goes on past its first item: every part is of the civilians
    (
        "The ombudsman of Artsakh said 20 civilians were killed, including 2 girls, 6 women, and 12 men.",
        [
            ("armenia", "civilian", "killed", 20, "armenia"),
            ("armenia", "civilian", "killed", 2, "armenia"),
            ("armenia", "civilian", "killed", 6, "armenia"),
            ("armenia", "civilian", "killed", 12, "armenia"),
        ],
    ),
    # "Among those killed are ..." in a bulleted item the parser runs into the sentence before
    (
        "Events of the day:\n- The Prosecutor General of Azerbaijan said that 14 civilians have been "
        "killed by Armenian shelling. Among those killed are four women and one child;\n- Schools shut.",
        [
            ("azerbaijan", "civilian", "killed", 14, "azerbaijan"),
            ("azerbaijan", "civilian", "killed", 4, "azerbaijan"),
            ("azerbaijan", "civilian", "killed", 1, "azerbaijan"),
        ],
    ),
    # a part of what the sentence opens with
    (
        "The ombudsman of Artsakh said 40 people were wounded. Out of the 40 cases of injuries, 25 were "
        "recorded in "
        "homes.",
        [
            ("armenia", "unspecified", "wounded", 40, "armenia"),
            ("armenia", "unspecified", "wounded", 25, "armenia"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), LISTS, ids=[t[:45] for t, _ in LISTS])
def test_lists(claims: Claims, text: str, expected: list[tuple]) -> None:
    assert rows(claims(text)) == expected


# -- sentences: where the pipeline lets one start ---------------------------------------------------------
def test_no_sentence_starts_mid_line_without_an_end_before_it(nlp: Language) -> None:
    doc = nlp(
        "09:30 GMT – Shelling reported in Martuni\n\nOfficials in Nagorno-Karabakh say two men were killed."
    )
    assert [s.text.strip() for s in doc.sents] == [
        "09:30 GMT – Shelling reported in Martuni",
        "Officials in Nagorno-Karabakh say two men were killed.",
    ]


def test_a_full_stop_still_ends_a_sentence_inside_a_line(nlp: Language) -> None:
    doc = nlp("Five tanks were destroyed. The ministry said so. “We hold the line.” Fighting went on.")
    assert len(list(doc.sents)) == 4


def test_a_subjects_phrase_stops_at_its_verb(nlp: Language) -> None:
    # the parse as the model gives it for some long object lists: the objects hang from the subject as
    # conjuncts; the words past "said" are not the speaker's (they name the enemy's army, not the ministry)
    from spacy.tokens import Doc

    from extractors.attribution.resolution import _noun_phrase

    words = ["The", "ministry", "said", "2", "radars", "of", "the", "Armenian", "army"]
    heads = [1, 2, 2, 4, 1, 4, 8, 8, 5]
    deps = ["det", "nsubj", "ROOT", "nummod", "conj", "prep", "det", "amod", "pobj"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps)
    assert [t.text for t in _noun_phrase(doc[1])] == ["The", "ministry"]
