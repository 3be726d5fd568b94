"""Figures in running text (extractors.numbers), against the SPEC's `count` conventions.

SPEC.md, Casualty table: `count` is the figure as stated ("about 20" -> 20, "at least 30" -> 30,
"two hundred" -> 200); a vague plural gives the smallest value its words allow ("dozens" -> 24, "scores"
-> 40, "hundreds" -> 200, "tens of thousands" -> 20000); a range gives its low end, with `count_min` and
`count_max` as its bounds; a bound ("at least 30") sets `count_min` or `count_max` only. `qualifier` is
one of "about", "at least", "more than", "up to", "fewer than" (other wordings map onto these) or None,
and `approximate` is true when the figure is not exact: vague plurals, "about"-like qualifiers and
ranges. A bound ("at least 30", "up to 40") states its figure exactly, so it is not approximate.

Designations (T-72, BM-21, 2S1), clock times, dates, years, money and percentages are never figures.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from extractors.numbers import Figure, Quantity, _Scanner, parse_quantity, scan_doc, scan_tokens


def Q(  # noqa: N802 - reads like the dataclass
    count: int,
    lo: int | None = None,
    hi: int | None = None,
    qualifier: str | None = None,
    approximate: bool = False,
) -> Quantity:
    return Quantity(count, lo, hi, qualifier, approximate)


def vague(count: int) -> Quantity:
    return Q(count, approximate=True)


def about(count: int) -> Quantity:
    return Q(count, qualifier="about", approximate=True)


def rng(lo: int, hi: int, qualifier: str | None = None) -> Quantity:
    return Q(lo, lo, hi, qualifier, True)


# -- parse_quantity: one phrase, its first figure ------------------------------------------------------

PHRASES = [
    # digits, with and without group separators
    ("20", Q(20)),
    ("7", Q(7)),
    ("1,200", Q(1200)),
    ("12,500", Q(12500)),
    ("1,000,000", Q(1_000_000)),
    ("1\u00a0200", Q(1200)),  # no-break space between digit groups
    ("12\u202f500", Q(12500)),  # narrow no-break space
    ("1\u2009200\u2009000", Q(1_200_000)),  # thin spaces
    ("3 thousand", Q(3000)),
    ("1.5 million", Q(1_500_000)),
    ("2.3 thousand", Q(2300)),
    # number words
    ("one", Q(1)),
    ("two", Q(2)),
    ("twelve", Q(12)),
    ("nineteen", Q(19)),
    ("forty-three", Q(43)),
    ("Forty-three", Q(43)),
    ("forty three", Q(43)),
    ("ninety-nine", Q(99)),
    ("two hundred", Q(200)),
    ("two hundred and fifty", Q(250)),
    ("one thousand five hundred", Q(1500)),
    ("eleven thousand", Q(11000)),
    ("fifty-five thousand", Q(55000)),
    ("one million", Q(1_000_000)),
    ("a hundred", Q(100)),
    ("a hundred and fifty", Q(150)),
    ("a thousand", Q(1000)),
    # dozens: "a dozen" and "two dozen" are exact; the plurals are vague
    ("a dozen", Q(12)),
    ("two dozen", Q(24)),
    ("three dozen", Q(36)),
    ("dozens", vague(24)),
    ("Dozens", vague(24)),
    ("scores", vague(40)),
    ("hundreds", vague(200)),
    ("thousands", vague(2000)),
    ("tens of thousands", vague(20000)),
    ("Tens of thousands", vague(20000)),
    ("hundreds of thousands", vague(200000)),
    # ranges: the low end, both bounds, approximate
    ("20 to 25", rng(20, 25)),
    ("20-25", rng(20, 25)),
    ("20–25", rng(20, 25)),
    ("40-50", rng(40, 50)),
    ("2,000-2,500", rng(2000, 2500)),
    ("between 20 and 25", rng(20, 25)),
    ("Between 20 and 25", rng(20, 25)),
    ("between twenty and twenty-five", rng(20, 25)),
    ("twenty to twenty-five", rng(20, 25)),
    ("some 20-25", rng(20, 25, "about")),
    # "about"-like qualifiers: approximate, no bounds
    ("about 20", about(20)),
    ("About 20", about(20)),
    ("around 20", about(20)),
    ("approximately 30", about(30)),
    ("roughly 30", about(30)),
    ("some 30", about(30)),
    ("an estimated 5,000", about(5000)),
    ("nearly 20", about(20)),
    ("almost 20", about(20)),
    ("close to 100", about(100)),
    ("about a dozen", about(12)),
    ("about two hundred", about(200)),
    # lower bounds
    ("at least 30", Q(30, 30, None, "at least")),
    ("At least 30", Q(30, 30, None, "at least")),
    ("no fewer than 12", Q(12, 12, None, "at least")),
    ("not less than 12", Q(12, 12, None, "at least")),
    ("at least dozens", Q(24, 24, None, "at least", True)),
    ("more than 200", Q(200, 200, None, "more than")),
    ("More than 200", Q(200, 200, None, "more than")),
    ("over 200", Q(200, 200, None, "more than")),
    ("upwards of 100", Q(100, 100, None, "more than")),
    ("in excess of 100", Q(100, 100, None, "more than")),
    ("more than a dozen", Q(12, 12, None, "more than")),
    ("more than two dozen", Q(24, 24, None, "more than")),
    ("more than a hundred", Q(100, 100, None, "more than")),
    ("more than 2000", Q(2000, 2000, None, "more than")),  # a qualifier makes a year-like number a count
    # upper bounds
    ("up to 40", Q(40, None, 40, "up to")),
    ("as many as 50", Q(50, None, 50, "up to")),
    ("fewer than 10", Q(10, None, 10, "fewer than")),
    ("less than 10", Q(10, None, 10, "fewer than")),
    ("under 50", Q(50, None, 50, "fewer than")),
    # the figure inside a longer phrase
    ("2 T-72 tanks", Q(2)),
    ("five T-72s", Q(5)),
    ("3 BM-21 launchers", Q(3)),
    ("at least 30 soldiers", Q(30, 30, None, "at least")),
]


@pytest.mark.parametrize(("text", "expected"), PHRASES, ids=[p[0] for p in PHRASES])
def test_parse_quantity(text: str, expected: Quantity) -> None:
    assert parse_quantity(text) == expected


NOT_FIGURES = [
    # words that are no number
    "several",
    "many",
    "a few",
    "few",
    "numerous",
    "a number of",
    "a large number of",
    "heavy losses",
    "countless",
    "tens",
    "hundred",
    # designations
    "T-72",
    "T-90S",
    "BM-21",
    "S-300",
    "Su-25",
    "D-30",
    "2S1",
    "2S3",
    "2S19",
    "TB2",
    "Mi-8",
    "F16",
    "F-16s",
    "Tor-M2",
    "Tor-M2KM",
    "MiG-29",
    "An-2",
    "BTR-82A",
    "Strela-10",
    "9M55K",
    "102nd",
    "7-year-old",
    "1990s",
    # times and dates
    "08:30",
    "8:30",
    "21.10.2020",
    # years
    "2020",
    "in 2020",
    "1992-94",
    "1988–94",
    "1992-1994",
    "between 2019 and 2020",
    # percentages
    "100%",
    "15 percent",
    "15 per cent",
    # money
    "$2,500",
    "$2.5 million",
    "€3 million",
    "about $40",
    "2,500 dollars",
    "3,000 euros",
    "hundreds of millions of dollars",
    # "one" as a pronoun
    "no one was hurt",
    "each one of them",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_a_figure(text: str) -> None:
    assert parse_quantity(text) is None


# -- scan_doc: figures in spaCy-tokenized sentences ----------------------------------------------------

# (sentence, [(evidence text, count), ...]) in text order
SENTENCES = [
    ("Five T-72 tanks and two BM-21 launchers were destroyed.", [("Five", 5), ("two", 2)]),
    ("Three 2S1 and two 2S3 howitzers were hit.", [("Three", 3), ("two", 2)]),
    ("An S-300, a Tor-M2 and an Su-25 were downed.", []),
    ("Two F-16s were seen over Ganja.", [("Two", 2)]),
    ("A TB2 and an Mi-8 were shot down at 08:30.", []),
    ("The D-30 and the F16 were not counted.", []),
    ("At 08:30 on 27.09.2020 the shelling began.", []),
    ("The offensive began on 2020-10-08.", []),
    ("Drones downed since September 27 to 137 in all.", [("27", 27), ("137", 137)]),
    ("In 2020, 30 soldiers died.", [("30", 30)]),
    ("The 1992-94 war killed some 30,000 people.", [("some 30,000", 30000)]),
    ("The 1992-1994 war ended in a ceasefire.", []),
    ("They paid $2,500 and were 100% sure.", []),
    ("The losses cost $2.5 million, or 15 per cent of the budget.", []),
    ("Damage is put at 3,000 euros and 40 percent of the harvest.", []),
    ("About a hundred soldiers and a dozen civilians died.", [("About a hundred", 100), ("a dozen", 12)]),
    (
        "Between 20 and 25 soldiers died and 40-50 tanks were lost.",
        [("Between 20 and 25", 20), ("40-50", 40)],
    ),
    ("They lost 20 - 25 tanks.", [("20 - 25", 20)]),
    ("Some 20-25 tanks were hit.", [("Some 20-25", 20)]),
    ("Dozens of soldiers and scores of civilians were hurt.", [("Dozens", 24), ("scores", 40)]),
    ("Tens of thousands of people fled.", [("Tens of thousands", 20000)]),
    ("Forty-three soldiers and twenty-five tanks were lost.", [("Forty-three", 43), ("twenty-five", 25)]),
    ("Several soldiers and many civilians were hurt.", []),
    ("The army killed 1\u00a0200 soldiers.", [("1\u00a0200", 1200)]),
    ("The 7-year-old was evacuated by the 102nd brigade.", []),
    ("More than 2000 soldiers were killed.", [("More than 2000", 2000)]),
    ("It destroyed 5 tanks, 1 BMP and 1 TOS.", [("5", 5), ("1", 1), ("1", 1)]),
    ("At least 30 soldiers and up to 40 civilians died.", [("At least 30", 30), ("up to 40", 40)]),
    ("Nearly 5,000 people were killed on both sides.", [("Nearly 5,000", 5000)]),
]


@pytest.fixture(scope="module")
def sentence_docs(nlp: Language) -> dict[str, Doc]:
    texts = [s for s, _ in SENTENCES]
    return dict(zip(texts, nlp.pipe(texts), strict=True))


@pytest.mark.parametrize(("sentence", "expected"), SENTENCES, ids=[s[0] for s in SENTENCES])
def test_scan_doc(sentence_docs: dict[str, Doc], sentence: str, expected: list[tuple[str, int]]) -> None:
    doc = sentence_docs[sentence]
    figures = scan_doc(doc)
    assert [(doc[f.start : f.end].text, f.quantity.count) for f in figures] == expected


def test_scan_doc_keeps_range_bounds_and_qualifiers(sentence_docs: dict[str, Doc]) -> None:
    doc = sentence_docs["Between 20 and 25 soldiers died and 40-50 tanks were lost."]
    assert [f.quantity for f in scan_doc(doc)] == [rng(20, 25), rng(40, 50)]
    doc = sentence_docs["At least 30 soldiers and up to 40 civilians died."]
    assert [f.quantity for f in scan_doc(doc)] == [Q(30, 30, None, "at least"), Q(40, None, 40, "up to")]


def test_scan_doc_marks_vague_plurals(sentence_docs: dict[str, Doc]) -> None:
    doc = sentence_docs["Dozens of soldiers and scores of civilians were hurt."]
    assert [f.vague for f in scan_doc(doc)] == [True, True]
    doc = sentence_docs["About a hundred soldiers and a dozen civilians died."]
    assert [f.vague for f in scan_doc(doc)] == [False, False]


def test_figures_are_ordered_and_disjoint(sentence_docs: dict[str, Doc]) -> None:
    for doc in sentence_docs.values():
        figures: list[Figure] = scan_doc(doc)
        for f in figures:
            assert f.start <= f.core < f.end <= len(doc)
        for a, b in zip(figures, figures[1:], strict=False):
            assert a.end <= b.start


# -- scan_tokens: designations split by a tokenizer ----------------------------------------------------

TOKENS = [
    (["BM", "-", "21"], [True, False, False], []),
    (["3", "BM", "-", "21"], [True, True, False, False], [3]),
    (["2", "S", "1"], [True, False, False], []),
    (["F", "16"], [True, False], []),
    (["08", ":", "30"], [True, False, False], []),
    (["1992", "-", "94"], [True, False, False], []),
    (["2020", "-", "10", "-", "08"], [True, False, False, False, False], []),
    (["7", "-", "year", "-", "old"], [True, False, False, False, False], []),
    (["20", "-", "25", "tanks"], [True, False, False, True], [20]),
    (["forty", "-", "three"], [True, False, False], [43]),
    (["$", "2,500"], [True, False], []),
    (["100", "%"], [True, False], []),
]


@pytest.mark.parametrize(("words", "spaced", "counts"), TOKENS, ids=["".join(t[0]) for t in TOKENS])
def test_scan_tokens(words: list[str], spaced: list[bool], counts: list[int]) -> None:
    assert [f.quantity.count for f in scan_tokens(words, spaced)] == counts


def test_scan_tokens_spacing_defaults_to_spaced() -> None:
    figures = scan_tokens(["two", "hundred", "soldiers", "and", "5", "tanks"])
    assert [f.quantity.count for f in figures] == [200, 5]


# -- properties ----------------------------------------------------------------------------------------


def test_bounds_are_consistent() -> None:
    for text, _ in PHRASES:
        got = parse_quantity(text)
        assert got is not None, text
        if got.count_min is not None:
            assert got.count_min <= got.count, text
        if got.count_max is not None:
            assert got.count <= got.count_max, text
        if got.count_min is not None and got.count_max is not None:
            assert got.count == got.count_min and got.approximate, text  # a range: its low end
        assert got.qualifier in {None, "about", "at least", "more than", "up to", "fewer than"}, text


@given(st.integers(min_value=0, max_value=10**9))
def test_grouped_digits_round_trip(n: int) -> None:
    assert parse_quantity(f"{n:,}") == Q(n)
    assert parse_quantity(f"about {n:,}") == about(n)
    assert parse_quantity(f"at least {n:,} soldiers") == Q(n, n, None, "at least")


@given(st.integers(min_value=0, max_value=99_999), st.integers(min_value=1, max_value=99_999))
def test_ranges_take_the_low_end(lo: int, width: int) -> None:
    hi = lo + width
    assert parse_quantity(f"{lo:,}-{hi:,}") == rng(lo, hi)
    assert parse_quantity(f"{lo:,} to {hi:,}") == rng(lo, hi)
    assert parse_quantity(f"between {lo:,} and {hi:,}") == rng(lo, hi)


@pytest.mark.parametrize(
    "text",
    [
        "Officials said 1\u202f200 soldiers died and 3,400 were hurt.",
        "The toll rose to 40.Another 12 were hurt (about 7%), and $5 million was lost.",
        "Between 20 and 25 tanks,\n\n30 drones and a dozen 122-mm guns were destroyed.",
    ],
)
def test_scan_doc_on_a_span_reads_its_own_spacing(nlp: Language, text: str) -> None:
    """scan_doc reads each token's spacing from the Doc's array: on a Doc and on every Span of it, the
    figures are those of the words with the spacing the Token API gives (the span's first token spaced)."""
    doc = nlp.make_doc(text)
    found = 0
    for start in range(len(doc)):
        for end in (len(doc), max(start + 1, len(doc) - 3)):
            span = doc[start:end]
            spaced = [True] + [bool(t.whitespace_) for t in span[:-1]]
            figures = scan_doc(span)
            assert figures == scan_tokens([t.text for t in span], spaced)
            found += len(figures)
    assert scan_doc(doc) == scan_doc(doc[:])
    assert found > 0


class _EveryToken(_Scanner):
    """The scanner trying every token as a figure's start, as it did before `starts`."""

    def starts(self) -> list[int]:
        return list(range(len(self.w)))


_WORDS = [
    "about", "at", "least", "more", "than", "up", "to", "nearly", "between", "and", "a", "an", "dozen",
    "one", "two", "twenty", "hundred", "thousand", "hundreds", "tens", "of", "thousands", "dozens", "no",
    "from", "rose", "September", "27", "2020", "1,200", "20-25", "3.5", "million", "$", "%", "per", "cent",
    "-", "BM", "21", "tanks", "killed", "were", "Some",
]  # fmt: skip


@settings(max_examples=400)
@given(st.lists(st.sampled_from(_WORDS), max_size=14), st.lists(st.booleans(), min_size=14, max_size=14))
@example("killed between 20 and 25 of them".split(), [True] * 14)
@example("an estimated 300 and at least 12 tanks".split(), [True] * 14)
@example("a dozen or hundreds of thousands".split(), [True] * 14)
@example("from 20-25 to twenty one".split(), [True] * 14)
def test_scan_skips_only_tokens_where_no_figure_can_start(words: list[str], spacing: list[bool]) -> None:
    """`scan` goes only to the tokens `starts` lists; it finds what trying every token finds."""
    spaced = [True, *spacing[1 : len(words)]]
    assert _Scanner(words, spaced).scan() == _EveryToken(words, spaced).scan()
