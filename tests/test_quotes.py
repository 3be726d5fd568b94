"""Quote finding and attribution (extractors.quotes, extractors.attribution).

Every sentence here is written for these tests. The tables give the exact quote text (without the
marks, keeping punctuation just inside the closing mark), and for attribution the speaker, role, side
and cue; offsets are checked against the text itself.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import DocumentClaims, Quote
from extractors.attribution import speech_lemmas
from extractors.quotes import find_quote_spans

Claims = Callable[[str], DocumentClaims]


def direct(result: DocumentClaims) -> list[Quote]:
    return [q for q in result.quotes if q.kind == "direct"]


def find(quotes: list[Quote] | tuple[Quote, ...], text: str, prefix: str, kind: str = "direct") -> Quote:
    hits = [q for q in quotes if q.kind == kind and q.text.startswith(prefix)]
    assert hits, f"no {kind} quote starting {prefix!r} in {[q.text for q in quotes]}"
    assert len(hits) == 1, hits
    q = hits[0]
    assert q.text == text[q.start : q.end]
    return q


# -- finding quotes ---------------------------------------------------------------------------------

FINDING = [
    pytest.param(
        '"We will not give up an inch of our land," Pashinyan said.',
        ["We will not give up an inch of our land,"],
        id="straight-double",
    ),
    pytest.param(
        "“The attacks are continuing along the whole front,” the ministry said.",
        ["The attacks are continuing along the whole front,"],
        id="curly-double",
    ),
    pytest.param(
        "‘Our positions near Hadrut are secure,’ says Hovhannisyan",
        ["Our positions near Hadrut are secure,"],
        id="curly-single-headline",
    ),
    pytest.param(
        "‘The soldiers’ positions held and Azerbaijan’s attack failed,’ Hovhannisyan said.",
        ["The soldiers’ positions held and Azerbaijan’s attack failed,"],
        id="curly-single-with-apostrophes-inside",
    ),
    pytest.param(
        "'Nothing will stop our advance toward the south,' Aliyev told the cabinet.",
        ["Nothing will stop our advance toward the south,"],
        id="straight-single",
    ),
    pytest.param(
        "«We will never retreat from our positions», said Jalal Harutyunyan.",
        ["We will never retreat from our positions"],
        id="guillemets",
    ),
    pytest.param(
        "\"He shouted, 'Run to the shelter right now,' and then the windows broke,\" said a resident of "
        "Stepanakert.",
        ["He shouted, 'Run to the shelter right now,' and then the windows broke,"],
        id="single-nested-in-straight-double",
    ),
    pytest.param(
        "“They call it a ‘humanitarian truce’ but the shelling never stopped,” Beglaryan said.",
        ["They call it a ‘humanitarian truce’ but the shelling never stopped,"],
        id="single-nested-in-curly-double",
    ),
    pytest.param(
        "“We are ready to talk,” Stepanyan wrote, “but not at the cost of our security.”",
        ["We are ready to talk,", "but not at the cost of our security."],
        id="split-by-attribution",
    ),
    pytest.param(
        '"We are ready for talks," Pashinyan said. "But we will not accept any ultimatum from Baku."',
        ["We are ready for talks,", "But we will not accept any ultimatum from Baku."],
        id="two-quotes-one-paragraph",
    ),
    pytest.param(
        "Soldiers' families gathered near Azerbaijan's embassy. “The shelling did not stop for a single "
        "hour,” one of the mothers said.",
        ["The shelling did not stop for a single hour,"],
        id="apostrophes-before-a-quote",
    ),
    pytest.param(
        '"Absolutely not," Hajiyev said.',
        ["Absolutely not,"],
        id="short-quote-with-its-own-cue",
    ),
    pytest.param(
        "„Our artillery answered every shot from the other side“, Hovhannisyan said.",
        ["Our artillery answered every shot from the other side"],
        id="low-opening-mark",
    ),
    pytest.param(
        "”Our artillery answered every shot from the other side,” Hovhannisyan said.",
        ["Our artillery answered every shot from the other side,"],
        id="closing-mark-typed-as-opening",
    ),
]


@pytest.mark.parametrize(("text", "expected"), FINDING)
def test_finds_direct_quotes(claims: Claims, text: str, expected: list[str]) -> None:
    quotes = direct(claims(text))
    assert [q.text for q in quotes] == expected
    for q, want in zip(quotes, expected, strict=True):
        assert q.start == text.index(want)
        assert q.end == q.start + len(want)
        assert text[q.start : q.end] == q.text


MULTI_PARAGRAPH = [
    pytest.param(
        "Jalal Harutyunyan, commander of the Defense Army, described the night.\n\n"
        '"The fighting went on until dawn near the river. Our units held firm.\n\n'
        '"The enemy withdrew after losing several armored vehicles," he said.\n\n'
        "The ministry later published a map.",
        'The fighting went on until dawn near the river. Our units held firm.\n\n"The enemy withdrew after '
        "losing several armored vehicles,",
        "Jalal Harutyunyan",
        id="straight-two-paragraphs",
    ),
    pytest.param(
        "Aliyev spoke on state television on Sunday evening.\n\n"
        "“Our army is advancing on every front.\n\n"
        "“The enemy is fleeing and leaving its equipment behind.\n\n"
        "“Karabakh will be returned to its people,” he said.",
        "Our army is advancing on every front.\n\n“The enemy is fleeing and leaving its equipment behind."
        "\n\n“Karabakh will be returned to its people,",
        "Aliyev",
        id="curly-three-paragraphs",
    ),
]


@pytest.mark.parametrize(("text", "expected", "speaker"), MULTI_PARAGRAPH)
def test_multi_paragraph_quote_is_one_quote(claims: Claims, text: str, expected: str, speaker: str) -> None:
    quotes = direct(claims(text))
    assert [q.text for q in quotes] == [expected]
    q = quotes[0]
    assert (q.start, q.end) == (text.index(expected), text.index(expected) + len(expected))
    assert q.speaker == speaker


def test_unclosed_quote_ends_with_its_paragraph(claims: Claims) -> None:
    text = (
        'Aliyev said on television: "The army will continue its operation until the end\n\n'
        "The Armenian Defense Ministry reported new strikes on Tuesday.\n"
    )
    quotes = direct(claims(text))
    want = "The army will continue its operation until the end"
    assert [q.text for q in quotes] == [want]
    assert quotes[0].start == text.index(want)
    assert quotes[0].speaker == "Aliyev"


STRAY = [
    pytest.param(
        'Residents said the "shelling began around midnight and lasted until morning.\n\n'
        '"We have destroyed four enemy tanks near the border today," the ministry said.\n',
        "We have destroyed four enemy tanks near the border today,",
        id="stray-mid-sentence-mark-before-a-quoted-paragraph",
    ),
    pytest.param(
        'The 152mm gun fired 40" shells, officers said.\n\n'
        '"Our gunners hit every target they were given," the commander said.\n',
        "Our gunners hit every target they were given,",
        id="inch-mark",
    ),
    pytest.param(
        '"Our gunners hit every target they were given," the commander said, and " was seen.\n\n'
        "Fighting went on near Martuni.\n",
        "Our gunners hit every target they were given,",
        id="odd-mark-after-a-closed-quote",
    ),
    pytest.param(
        "Fighting went on near Martuni.”\n\n“Our gunners hit every target they were given,” the commander "
        "said.\n",
        "Our gunners hit every target they were given,",
        id="stray-closing-curly",
    ),
    pytest.param(
        "The article ends here with an open mark “\n\n"
        '"Our gunners hit every target they were given," the commander said.',
        "Our gunners hit every target they were given,",
        id="open-mark-at-end-of-line",
    ),
]


@pytest.mark.parametrize(("text", "expected"), STRAY)
def test_stray_marks_swallow_nothing(claims: Claims, text: str, expected: str) -> None:
    quotes = direct(claims(text))
    assert expected in [q.text for q in quotes]
    q = next(q for q in quotes if q.text == expected)
    assert q.start == text.index(expected)
    for q in quotes:
        assert "\n" not in q.text, q.text
        assert text[q.start : q.end] == q.text


NOT_QUOTES = [
    pytest.param('Baku described the strike as a "terrorist act" and promised a response.', id="scare-as"),
    pytest.param("Hajiyev called the report “pure fiction” on Monday.", id="scare-called"),
    pytest.param('The ministry released a video called "Iron Fist" showing the strikes.', id="title-short"),
    pytest.param(
        'The ministry published a report titled "The Truth About the War in Karabakh" on Monday.',
        id="title-long",
    ),
    pytest.param('Armenian officials rejected the "humanitarian corridor" idea.', id="scare-no-cue"),
    pytest.param("Yerevan said the so-called «security zone» did not exist.", id="scare-guillemets"),
    pytest.param(
        "The soldiers' positions near Azerbaijan's border were shelled, and the villagers' homes burned.",
        id="straight-apostrophes",
    ),
    pytest.param(
        "The soldiers’ positions near Azerbaijan’s border were shelled, and the villagers’ homes burned.",
        id="curly-apostrophes",
    ),
    pytest.param(
        "Artsakh’s army said the ’90s were a different era for the soldiers’ families.", id="decade"
    ),
]


@pytest.mark.parametrize("text", NOT_QUOTES)
def test_not_quotes(claims: Claims, text: str) -> None:
    assert direct(claims(text)) == []


def test_quote_spans_never_raise_on_marks_only() -> None:
    for text in ['"', "“", "”", "‘’", "«", "»»", "'", '""', '"\n"', "“\n\n”", "' '", "‘a’b’c’"]:
        for span in find_quote_spans(text):
            assert 0 <= span.start <= span.end <= len(text)


# -- attribution ------------------------------------------------------------------------------------

ATTRIBUTION = [
    # (text, quote prefix, speaker, role, side, cue)
    pytest.param(
        '"We will not give up an inch of our land," Pashinyan said.',
        "We will not",
        "Pashinyan",
        None,
        "armenia",
        "said",
        id="quote-X-said",
    ),
    pytest.param(
        '"The enemy retreated after heavy fighting," said Artsrun Hovhannisyan, a representative of the '
        "Armenian Defense Ministry.",
        "The enemy retreated",
        "Artsrun Hovhannisyan",
        "representative of the Armenian Defense Ministry",
        "armenia",
        "said",
        id="quote-said-X-role",
    ),
    pytest.param(
        'Prime Minister Nikol Pashinyan said: "Our soldiers are holding every position."',
        "Our soldiers",
        "Nikol Pashinyan",
        "Prime Minister",
        "armenia",
        "said",
        id="X-said-colon",
    ),
    pytest.param(
        'Aliyev told reporters, "The occupation will end very soon."',
        "The occupation",
        "Aliyev",
        None,
        "azerbaijan",
        "told",
        id="X-told-comma",
    ),
    pytest.param(
        '"Armenian forces shelled the city overnight", according to Hikmet Hajiyev.',
        "Armenian forces",
        "Hikmet Hajiyev",
        None,
        "azerbaijan",
        "according to",
        id="quote-according-to-X",
    ),
    pytest.param(
        'Hajiyev: "Ganja was hit by ballistic missiles again."',
        "Ganja was hit",
        "Hajiyev",
        None,
        "azerbaijan",
        ":",
        id="X-colon",
    ),
    pytest.param(
        'Artsakh ombudsman: "Civilian infrastructure in Stepanakert has been hit again"',
        "Civilian infrastructure",
        "Artsakh ombudsman",
        None,
        "armenia",
        ":",
        id="label-colon-description",
    ),
    pytest.param(
        'Pashinyan on the ceasefire: "We are ready to observe it if the other side does"',
        "We are ready",
        "Pashinyan",
        None,
        "armenia",
        ":",
        id="label-colon-with-topic",
    ),
    pytest.param(
        '"We have liberated several villages in the south" - Ilham Aliyev',
        "We have liberated",
        "Ilham Aliyev",
        None,
        "azerbaijan",
        "-",
        id="quote-dash-X",
    ),
    pytest.param(
        '"We will respond to every provocation with force." Aliyev said this at a cabinet meeting on Monday.',
        "We will respond",
        "Aliyev",
        None,
        "azerbaijan",
        "said",
        id="speech-verb-in-next-sentence",
    ),
    pytest.param(
        'Hikmet Hajiyev spoke to journalists on Monday. "The city was hit by rockets this morning."',
        "The city was hit",
        "Hikmet Hajiyev",
        None,
        "azerbaijan",
        "spoke",
        id="speech-verb-in-previous-sentence",
    ),
    pytest.param(
        "Nikol Pashinyan addressed the nation on Sunday.\n\n"
        '"We are facing the most decisive moment of our history," he added.',
        "We are facing",
        "Nikol Pashinyan",
        None,
        "armenia",
        "added",
        id="pronoun-he",
    ),
    pytest.param(
        "Shushan Stepanyan, spokeswoman of the Defense Ministry, spoke on Tuesday morning.\n\n"
        "“The enemy suffered heavy losses in manpower and equipment,” the spokeswoman said.",
        "The enemy suffered",
        "Shushan Stepanyan",
        "spokeswoman of the Defense Ministry",
        "armenia",
        "said",
        id="description-the-spokeswoman",
    ),
    pytest.param(
        "Defense Ministry spokeswoman Shushan Stepanyan gave the morning update.\n\n"
        "“Our units repelled two attacks near Hadrut,” she wrote on Facebook.",
        "Our units repelled",
        "Shushan Stepanyan",
        "Defense Ministry spokeswoman",
        "armenia",
        "wrote",
        id="pronoun-she-role-before-name",
    ),
    pytest.param(
        "Azerbaijan's Defense Ministry issued a statement on Friday.\n\n"
        '"Armenian forces shelled Terter and Barda throughout the night," the ministry said in a statement.',
        "Armenian forces shelled",
        "Azerbaijan's Defense Ministry",
        None,
        "azerbaijan",
        "said",
        id="description-the-ministry",
    ),
    pytest.param(
        "Artsrun Hovhannisyan, a representative of the Armenian Defense Ministry, briefed reporters.\n\n"
        '"The situation on the front line remains tense," Hovhannisyan said.',
        "The situation on",
        "Artsrun Hovhannisyan",
        "representative of the Armenian Defense Ministry",
        "armenia",
        "said",
        id="surname-resolves-to-full-name",
    ),
    pytest.param(
        "Nikol Pashinyan chaired a session of the Security Council.\n\n"
        "According to him, the enemy had suffered serious losses.\n\n"
        '"Our forces repelled the attack and took control of the heights."',
        "Our forces repelled",
        "Nikol Pashinyan",
        None,
        "armenia",
        None,
        id="quote-paragraph-after-according-to-him",
    ),
    pytest.param(
        "Nikol Pashinyan addressed the nation on Sunday.\n\n"
        '"We are facing the most decisive moment of our history," he said.\n\n'
        '"Every citizen must be ready to defend the homeland."',
        "Every citizen must",
        "Nikol Pashinyan",
        None,
        "armenia",
        None,
        id="quote-paragraph-after-a-quote",
    ),
    pytest.param(
        "Explosions were heard across the city on Tuesday night.\n\n"
        '"We heard explosions all night and could not sleep at all."',
        "We heard explosions",
        None,
        None,
        "unknown",
        None,
        id="never-named",
    ),
    pytest.param(
        '"The shelling of civilian areas must stop at once," said Elchin Mammadov, an adviser to the '
        "Azerbaijani president.",
        "The shelling of",
        "Elchin Mammadov",
        "adviser to the Azerbaijani president",
        "azerbaijan",
        "said",
        id="side-from-role-adviser",
    ),
    pytest.param(
        'Armenia\'s Prime Minister Davit Grigoryan said: "Our army is holding all of its positions."',
        "Our army is",
        "Davit Grigoryan",
        "Prime Minister",
        "armenia",
        "said",
        id="side-from-possessive-country-role",
    ),
    pytest.param(
        '"Several enemy drones were shot down over the region," said Karen Melkonyan, a spokesman for the '
        "Armenian Defense Ministry.",
        "Several enemy drones",
        "Karen Melkonyan",
        "spokesman for the Armenian Defense Ministry",
        "armenia",
        "said",
        id="side-from-role-ministry",
    ),
    pytest.param(
        '"Enemy positions were hit with precision strikes," said Defense Ministry spokesman Vagif Dargahli.',
        "Enemy positions were",
        "Vagif Dargahli",
        "Defense Ministry spokesman",
        "azerbaijan",
        "said",
        id="said-role-name",
    ),
    pytest.param(
        '"The enemy attempted to advance in the southern direction," the Armenian Defense Ministry said.',
        "The enemy attempted",
        "Armenian Defense Ministry",
        None,
        "armenia",
        "said",
        id="institution-speaker",
    ),
    pytest.param(
        "“The attacks are continuing along the front,” Stepanyan wrote, “and our forces are responding.”",
        "and our forces",
        "Stepanyan",
        None,
        "armenia",
        "wrote",
        id="second-half-of-split-quote",
    ),
    pytest.param(
        '"Both sides must return to the negotiating table immediately," Kremlin spokesman Dmitry Peskov told '
        "reporters.",
        "Both sides must",
        "Dmitry Peskov",
        "Kremlin spokesman",
        "other",
        "told",
        id="third-party-kremlin-spokesman",
    ),
    pytest.param(
        '"Moscow is deeply concerned by the escalation," the Kremlin said.',
        "Moscow is deeply",
        "Kremlin",
        None,
        "other",
        "said",
        id="third-party-kremlin",
    ),
    pytest.param(
        '"Turkey will stand with Azerbaijan with all its means," Turkey\'s president said.',
        "Turkey will stand",
        "Turkey's president",
        None,
        "other",
        "said",
        id="third-party-turkish-president",
    ),
    pytest.param(
        '"We call on both parties to respect the ceasefire without delay," the OSCE Minsk Group co-chairs '
        "said in a joint statement.",
        "We call on",
        "OSCE Minsk Group co-chairs",
        None,
        "other",
        "said",
        id="third-party-osce",
    ),
    pytest.param(
        '"Our teams are working to reach the people trapped in the villages," said an ICRC spokesperson in '
        "Geneva.",
        "Our teams are",
        "ICRC spokesperson",
        None,
        "other",
        "said",
        id="third-party-icrc",
    ),
    pytest.param(
        '"We documented the use of cluster munitions in residential areas," said Maria Lopez, a researcher '
        "at Human Rights Watch.",
        "We documented the",
        "Maria Lopez",
        "researcher at Human Rights Watch",
        "other",
        "said",
        id="third-party-hrw-researcher",
    ),
    pytest.param(
        "Elchin Mammadov, senior aide to President Ilham Aliyev, met foreign diplomats on Thursday.\n\n"
        '"The strike on Barda was planned in advance," the presidential aide said.',
        "The strike on Barda",
        "Elchin Mammadov",
        "senior aide to President Ilham Aliyev",
        "azerbaijan",
        "said",
        id="description-aide-is-not-the-president",
    ),
    pytest.param(
        '"The enemy lost two tanks near Martakert overnight." This was stated by Armenian Defense Ministry '
        "spokeswoman Shushan Stepanyan.",
        "The enemy lost",
        "Shushan Stepanyan",
        "Armenian Defense Ministry spokeswoman",
        "armenia",
        "stated",
        id="passive-speech-verb-in-next-sentence",
    ),
    pytest.param(
        "The Artsakh Defense Army published a statement on Sunday.\n\n"
        '"The adversary was pushed back along the entire front line," the statement said.',
        "The adversary was",
        "Artsakh Defense Army",
        None,
        "armenia",
        "said",
        id="the-statement-is-its-issuer",
    ),
    pytest.param(
        'Aliyev was quoted as saying: "We will not stop until the last soldier leaves our land."',
        "We will not stop",
        "Aliyev",
        None,
        "azerbaijan",
        "saying",
        id="quoted-as-saying",
    ),
    pytest.param(
        'Pashinyan, for his part, wrote: "The army is doing everything it can to hold the line."',
        "The army is",
        "Pashinyan",
        None,
        "armenia",
        "wrote",
        id="aside-is-not-a-role",
    ),
    pytest.param(
        "The head of the Azerbaijani presidential administration's foreign policy department, "
        'Hikmet Hajiyev, wrote: "Armenia is shelling Tartar again."',
        "Armenia is shelling",
        "Hikmet Hajiyev",
        "head of the Azerbaijani presidential administration's foreign policy department",
        "azerbaijan",
        "wrote",
        id="long-title-before-name",
    ),
    pytest.param(
        '"We call on both sides to observe the truce," Kremlin spokesman Dmitry Peskov said.\n\n'
        '"We need guarantees before our teams can move in," an ICRC spokesman said.',
        "We need guarantees",
        "ICRC spokesman",
        None,
        "other",
        "said",
        id="a-new-spokesman-is-not-the-last-one",
    ),
    pytest.param(
        "Defense Ministry spokeswoman Shushan Stepanyan said the enemy had attacked at dawn. Artsrun "
        "Hovhannisyan, a ministry representative, said the attack had been repelled.\n\n"
        '"The enemy lost several tanks near Hadrut," she added.',
        "The enemy lost several",
        "Shushan Stepanyan",
        "Defense Ministry spokeswoman",
        "armenia",
        "added",
        id="she-skips-the-man-named-last",
    ),
    pytest.param(
        "Hikmet Hajiyev briefed diplomats in the morning. Leyla Abdullayeva said the shelling had continued."
        '\n\n"We have evidence that cluster munitions were used," he said.',
        "We have evidence",
        "Hikmet Hajiyev",
        None,
        "azerbaijan",
        "said",
        id="he-skips-the-woman-named-last",
    ),
    pytest.param(
        '"The enemy is retreating along the entire front line" - the Armenian Defense Ministry',
        "The enemy is retreating",
        "Armenian Defense Ministry",
        None,
        "armenia",
        "-",
        id="quote-dash-institution",
    ),
    pytest.param(
        "Ilham Aliyev met the families of the victims in Ganja.\n\n"
        '"Those responsible for this crime will be punished," the Azerbaijani president said.',
        "Those responsible for",
        "Ilham Aliyev",
        None,
        "azerbaijan",
        "said",
        id="description-president-without-a-stated-role",
    ),
    pytest.param(
        "Azerbaijan's Defense Ministry reported heavy shelling of Terter.\n\n"
        '"Our units stopped the enemy advance near Martuni," the Armenian ministry said.',
        "Our units stopped",
        "Armenian ministry",
        None,
        "armenia",
        "said",
        id="the-ministry-of-the-other-side-is-not-resolved-to-the-first",
    ),
    pytest.param(
        '"Nobody warned us before the shelling started," said a local resident who did not give his name.',
        "Nobody warned us",
        "local resident",
        None,
        "other",
        "said",
        id="resident-with-no-side",
    ),
    pytest.param(
        '"We spent the whole night in the basement with the children," said Anahit Petrosyan, a resident of '
        "Stepanakert.",
        "We spent the",
        "Anahit Petrosyan",
        "resident of Stepanakert",
        "armenia",
        "said",
        id="resident-of-stepanakert",
    ),
    pytest.param(
        '"I came here to help the wounded and their families," said Aram Sargsyan, a volunteer in Yerevan.',
        "I came here",
        "Aram Sargsyan",
        "volunteer in Yerevan",
        "armenia",
        "said",
        id="volunteer-in-yerevan",
    ),
    pytest.param(
        '"The missiles hit our street when everyone was asleep," said Leyla Huseynova, a resident of Ganja.',
        "The missiles hit",
        "Leyla Huseynova",
        "resident of Ganja",
        "azerbaijan",
        "said",
        id="resident-of-ganja",
    ),
    pytest.param(
        'Smith, who has covered the region since 2015, was blunt: "Neither army can win this war quickly."',
        "Neither army",
        "Smith",
        None,
        "other",
        ":",
        id="clause-before-colon-gives-its-subject",
    ),
    pytest.param(
        'Shelling hit Stepanakert again on Monday.\n\n"Neither side can win this war quickly," said Thomas '
        "de Waal, a senior fellow at Carnegie Europe.",
        "Neither side",
        "Thomas de Waal",
        "senior fellow at Carnegie Europe",
        "other",
        "said",
        id="analyst-with-a-post-is-third-party-wherever-he-speaks",
    ),
    pytest.param(
        'According to police spokesman John Miller, "the suspect was arrested without incident."\n\n'
        'The minister called the proposal "a recipe for disaster" and "deeply irresponsible".',
        "a recipe",
        "minister",
        None,
        "other",
        "called",
        id="description-does-not-take-a-speaker-of-another-post",
    ),
]


@pytest.mark.parametrize(("text", "prefix", "speaker", "role", "side", "cue"), ATTRIBUTION)
def test_attribution(
    claims: Claims, text: str, prefix: str, speaker: str | None, role: str | None, side: str, cue: str | None
) -> None:
    q = find(claims(text).quotes, text, prefix)
    assert (q.speaker, q.speaker_role, q.claimant_side, q.cue) == (speaker, role, side, cue)
    assert q.claimant == q.speaker
    assert q.kind == "direct"


def test_split_quote_both_halves_attributed(claims: Claims) -> None:
    text = (
        "Nikol Pashinyan spoke in parliament on Monday. "
        '"We are ready to talk," he said, "but not at the cost of our security."'
    )
    quotes = direct(claims(text))
    assert [(q.text, q.speaker, q.claimant_side) for q in quotes] == [
        ("We are ready to talk,", "Nikol Pashinyan", "armenia"),
        ("but not at the cost of our security.", "Nikol Pashinyan", "armenia"),
    ]


# -- reported speech --------------------------------------------------------------------------------

INDIRECT = [
    # (text, clause, speaker, side, cue)
    pytest.param(
        "Aliyev claimed that Azerbaijani forces had taken control of several villages.",
        "Azerbaijani forces had taken control of several villages",
        "Aliyev",
        "azerbaijan",
        "claimed",
        id="X-claimed-that",
    ),
    pytest.param(
        "The Armenian Defense Ministry said 16 servicemen were killed in the fighting.",
        "16 servicemen were killed in the fighting",
        "Armenian Defense Ministry",
        "armenia",
        "said",
        id="X-said-no-that",
    ),
    pytest.param(
        "According to Hajiyev, Armenian forces shelled Ganja again overnight.",
        "Armenian forces shelled Ganja again overnight",
        "Hajiyev",
        "azerbaijan",
        "according to",
        id="according-to-X-first",
    ),
    pytest.param(
        "Armenian forces had lost dozens of tanks, according to the Azerbaijani Defense Ministry.",
        "Armenian forces had lost dozens of tanks",
        "Azerbaijani Defense Ministry",
        "azerbaijan",
        "according to",
        id="according-to-X-last",
    ),
    pytest.param(
        "The ICRC said that it was ready to facilitate the exchange of bodies.",
        "it was ready to facilitate the exchange of bodies",
        "ICRC",
        "other",
        "said",
        id="third-party-icrc",
    ),
    pytest.param(
        "Turkey's president said that Ankara would stand by Baku until the end.",
        "Ankara would stand by Baku until the end",
        "Turkey's president",
        "other",
        "said",
        id="third-party-president",
    ),
    pytest.param(
        "Officials in Nagorno-Karabakh said 16 servicemen had been killed.",
        "16 servicemen had been killed",
        "Officials",
        "armenia",
        "said",
        id="body-takes-the-side-of-its-place",
    ),
    pytest.param(
        "Zohrab Mnatsakanyan met the co-chairs. He added that Azerbaijan had rejected every proposal.",
        "Azerbaijan had rejected every proposal",
        "Zohrab Mnatsakanyan",
        "armenia",
        "added",
        id="content-verb-is-not-a-speech-act",
    ),
    pytest.param(
        "Shushan Stepanyan, spokeswoman of the Defense Ministry, said the enemy shelled Martuni overnight.",
        "the enemy shelled Martuni overnight",
        "Shushan Stepanyan",
        "armenia",
        "said",
        id="X-role-said",
    ),
]


@pytest.mark.parametrize(("text", "clause", "speaker", "side", "cue"), INDIRECT)
def test_reported_speech(claims: Claims, text: str, clause: str, speaker: str, side: str, cue: str) -> None:
    result = claims(text)
    assert direct(result) == []
    q = find(result.quotes, text, clause, kind="indirect")
    assert q.text == clause
    assert q.start == text.index(clause)
    assert (q.speaker, q.claimant_side, q.cue) == (speaker, side, cue)


def test_partial_quote_keeps_its_marks_in_the_reported_clause(claims: Claims) -> None:
    text = 'Jeyhun Bayramov said Baku would not negotiate "while Armenian troops remain on our land".'
    result = claims(text)
    clause = 'Baku would not negotiate "while Armenian troops remain on our land"'
    q = find(result.quotes, text, "Baku would not", kind="indirect")
    assert (q.text, q.start, q.speaker) == (clause, text.index(clause), "Jeyhun Bayramov")
    partial = find(result.quotes, text, "while Armenian")
    assert (partial.text, partial.speaker, partial.claimant_side) == (
        "while Armenian troops remain on our land",
        "Jeyhun Bayramov",
        "azerbaijan",
    )


def test_according_to_x_gives_no_role_from_the_clause(claims: Claims) -> None:
    text = "According to Hajiyev, Armenian forces shelled Ganja again overnight."
    q = find(claims(text).quotes, text, "Armenian forces", kind="indirect")
    assert q.speaker_role is None


def test_indirect_speaker_is_remembered_for_a_later_pronoun(claims: Claims) -> None:
    text = (
        "Hikmet Hajiyev said Armenian forces had shelled Ganja overnight.\n\n"
        '"This is a war crime against civilians," he added.'
    )
    q = find(claims(text).quotes, text, "This is a war crime")
    assert (q.speaker, q.claimant_side) == ("Hikmet Hajiyev", "azerbaijan")


# -- lexicon ------------------------------------------------------------------------------------------


def test_speech_cue_lexicon_is_large() -> None:
    lemmas = speech_lemmas()
    assert len(lemmas) >= 80
    assert {"say", "tell", "add", "claim", "write", "speak", "deny", "insist"} <= lemmas
    assert all(w == w.lower().strip() and " " not in w for w in lemmas)


# -- properties ---------------------------------------------------------------------------------------

PIECES = [
    '"', "“", "”", "‘", "’", "«", "»", "'", "\n", "\n\n", " ", " ", " ", ", ", ". ", ": ", " - ",
    "said", "he said", "she added", "according to", "Pashinyan", "the ministry", "Azerbaijan's",
    "soldiers'", "Artsakh’s", "We", "will", "not", "retreat", "the enemy", "lost", "4 tanks", "and",
    "12 soldiers were killed", "in", "Stepanakert", "Ganja", "it", "was", "a", "terrorist act", "called",
]  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), min_size=0, max_size=60).map("".join))
def test_extraction_never_raises_and_offsets_hold(claims: Claims, text: str) -> None:
    first = claims(text)
    for record in first.records():
        assert 0 <= record.start <= record.end <= len(text)
        assert record.text == text[record.start : record.end]
    for span in find_quote_spans(text):
        assert 0 <= span.start <= span.end <= len(text)
    assert claims(text) == first
