"""Modifiers with scope, in the manner of medspaCy's ConText: what a figure is said *as*.

A rule (data/modifiers.json) has a trigger, a category, a direction and a scope; every trigger in the
document becomes a `Modifier` covering a stretch of tokens, and a figure takes the categories of the
modifiers whose scope covers it. So "allegedly" hedges the figures of its sentence, "since September 27"
makes them running totals, "in 1994" or "the first war" makes them history, "denied that ..." negates what
the denial governs, and "would" makes what its verb governs hypothetical; a PSEUDO trigger ("since 2016",
a yardstick) blocks the triggers inside it. Triggers that need more than a word list (a year earlier than
the war being reported, a paragraph that opens in such a year) are the `dynamic` matchers below.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from ..datafiles import read_json
from ..layout import Page

HISTORICAL, NEGATED, HYPOTHETICAL = "HISTORICAL", "NEGATED", "HYPOTHETICAL"
HEDGED, CUMULATIVE, PSEUDO = "HEDGED", "CUMULATIVE", "PSEUDO"
YARDSTICK_CLAUSES = frozenset({"when", "which", "that", "where"})
# categories that make a figure no claim of the war being reported
DROPPING = frozenset({HISTORICAL, NEGATED, HYPOTHETICAL})

YEAR = re.compile(r"^(1[89]\d\d|20[0-4]\d)$")
PAST_RANGE = re.compile(r"^(19\d\d)[-–](?:\d\d|19\d\d|20\d\d)$")
PAST_OPENING = re.compile(r"(?:In|During|Back in|By)\s+(?:\w+\s+)?((?:19|20)\d\d)\b")
# "the 2020 war", "their 1990s war", "a six-week war", "the 44-day war": a war that is over
NAMED_WAR = re.compile(
    r"\b(?:the|their|its|our|a|that)\s+(?:(?:19|20)\d\d\s+(?:\w+\s+){0,2}|(?:[\w-]+[- ](?:day|week|month)|"
    r"(?:two|three|four|five|six|seven|eight|nine|ten)[- ](?:day|week|month))\s+(?:\w+\s+)?)war\b",
    re.I,
)


def lexicon() -> dict:
    return read_json("modifiers.json")


@dataclass(frozen=True)
class Rule:
    category: str
    direction: str = "BIDIRECTIONAL"
    scope: str = "sentence"
    sentences: int = 0
    literal: str | None = None
    pattern: tuple | None = None
    dynamic: str | None = None
    terminated_by: frozenset[str] = frozenset()
    blocks: frozenset[str] = frozenset()

    @classmethod
    def from_dict(cls, d: dict) -> Rule:
        return cls(
            category=d["category"],
            direction=d.get("direction", "BIDIRECTIONAL"),
            scope=d.get("scope", "sentence"),
            sentences=int(d.get("sentences", 0)),
            literal=d.get("literal"),
            pattern=tuple(d["pattern"]) if "pattern" in d else None,
            dynamic=d.get("dynamic"),
            terminated_by=frozenset(d.get("terminated_by", ())),
            blocks=frozenset(d.get("blocks", ())),
        )

    @property
    def name(self) -> str:
        return self.literal or self.dynamic or "pattern"


@dataclass(frozen=True)
class Modifier:
    """One trigger in the text and the tokens it covers."""

    rule: Rule
    start: int  # trigger tokens [start, end)
    end: int
    covered: frozenset[int] | tuple[int, int]  # a token set (subtree scope) or a range [lo, hi)

    def covers(self, i: int) -> bool:
        if isinstance(self.covered, tuple):
            return self.covered[0] <= i < self.covered[1]
        return i in self.covered


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    return tuple(Rule.from_dict(r) for r in lexicon()["rules"])


@lru_cache(maxsize=4)
def _matchers(vocab: Vocab) -> tuple[PhraseMatcher, Matcher, dict[str, Rule], list[frozenset[str]]]:
    """The literal rules' phrase matcher, the pattern rules' matcher, the rule of each match key, and for
    each pattern the words it cannot match without (its tokens asking for one lower-case form, once)."""
    phrases = PhraseMatcher(vocab, attr="LOWER")
    patterns = Matcher(vocab)
    by_key: dict[str, Rule] = {}
    needs: list[frozenset[str]] = []
    for n, rule in enumerate(rules()):
        key = f"r{n}"
        by_key[key] = rule
        if rule.literal is not None:
            phrases.add(key, [Doc(vocab, words=rule.literal.split())])
        elif rule.pattern is not None:
            patterns.add(key, [list(rule.pattern)])
            needs.append(
                frozenset(
                    t["LOWER"].lower()
                    for t in rule.pattern
                    if isinstance(t.get("LOWER"), str) and t.get("OP", "1") in {"1", "+"}
                )
            )
    return phrases, patterns, by_key, needs


class Modifiers:
    """Every modifier of one document, and the categories that cover a token."""

    def __init__(self, doc: Doc, page: Page, war_year: int) -> None:
        self.doc = doc
        self.page = page
        self.war_year = war_year
        # every dynamic trigger scans the whole document: its tokens, their lower-case forms and sentences
        # are made once (each `doc[i]` and each pass over a Doc builds new Token objects)
        self.tokens: list[Token] = list(doc)
        self.lowers: list[str] = [t.lower_ for t in self.tokens]
        self.sents: list[Span] = list(doc.sents)
        self._years: list[Token] | None = None
        self._wars: list[tuple[Span, bool]] | None = None
        self.modifiers: list[Modifier] = []
        phrases, patterns, by_key, needs = _matchers(doc.vocab)
        found: list[tuple[Rule, int, int, Token | frozenset[int] | None]] = []
        # the pattern matcher tries every pattern at every token: not run on a text without the words
        # every pattern needs ("since")
        words = set(self.lowers)
        matches = [*phrases(doc), *(patterns(doc) if any(w <= words for w in needs) else ())]
        for key, start, end in matches:
            found.append((by_key[doc.vocab.strings[key]], start, end, None))
        for rule in rules():
            if rule.dynamic is not None:
                for start, end, anchor in DYNAMIC[rule.dynamic](self):
                    found.append((rule, start, end, anchor))
        pseudo = [(r, s, e) for r, s, e, _ in found if r.category == PSEUDO]
        for rule, start, end, anchor in found:
            if rule.category == PSEUDO:
                continue
            if any(rule.category in p.blocks and ps <= start and end <= pe for p, ps, pe in pseudo):
                continue
            self.modifiers.append(Modifier(rule, start, end, self._scope(rule, start, end, anchor)))

    def _scope(
        self, rule: Rule, start: int, end: int, anchor: Token | frozenset[int] | None
    ) -> frozenset[int] | tuple[int, int]:
        doc = self.doc
        if isinstance(anchor, frozenset):
            return anchor  # a dynamic trigger that worked out its own scope
        if rule.scope == "subtree":
            head = anchor if anchor is not None else doc[start]
            return frozenset(t.i for t in head.subtree)
        if rule.scope == "paragraph":
            lo = self.page.paragraph_start(doc[start].idx)
            span = doc.char_span(lo, self.page.paragraph_end(lo), alignment_mode="expand")
            a, b = (span.start, span.end) if span is not None else (start, end)
        else:
            first = last = doc[start].sent
            for _ in range(rule.sentences):
                if rule.direction != "FORWARD" and first.start > 0:
                    first = doc[first.start - 1].sent
                if rule.direction != "BACKWARD" and last.end < len(doc):
                    last = doc[last.end].sent
            a, b = first.start, last.end
        if rule.direction == "FORWARD":
            a = end
        elif rule.direction == "BACKWARD":
            b = start
        return (a, b)

    def at(self, i: int) -> list[Modifier]:
        """The modifiers covering token `i` whose scope no terminating word cuts between trigger and `i`."""
        out = []
        for m in self.modifiers:
            if not m.covers(i) or m.start <= i < m.end:
                continue
            if m.rule.terminated_by:
                lo, hi = (m.end, i) if i >= m.end else (i + 1, m.start)
                if any(self.lowers[k] in m.rule.terminated_by for k in range(lo, hi)):
                    continue
            out.append(m)
        return out

    def categories(self, i: int) -> set[str]:
        return {m.rule.category for m in self.at(i)}

    # -- dynamic triggers -----------------------------------------------------------------------------------
    def _since_before(self, i: int) -> bool:
        return "since" in self.lowers[max(0, i - 3) : i]

    def _earlier_years(self) -> list[Token]:
        if self._years is None:
            self._years = [
                t
                for t in self.tokens
                if (YEAR.match(t.text) and int(t.text) < self.war_year and t.ent_type_ in {"DATE", ""})
                or PAST_RANGE.match(t.text)
            ]
        return self._years

    def earlier_year(self) -> Iterable[tuple[int, int, Token | None]]:
        """A year before the war being reported ("in 1994", "the 1992-94 war"), not a "since" yardstick."""
        return ((t.i, t.i + 1, None) for t in self._earlier_years() if not self._since_before(t.i))

    def since_earlier_year(self) -> Iterable[tuple[int, int, Token | None]]:
        """ "since 1994 ... in which 30,000 died" tells history after it; "the deadliest since 2016" before it
        is only a yardstick."""
        return ((t.i, t.i + 1, None) for t in self._earlier_years() if self._since_before(t.i))

    def past_range(self) -> Iterable[tuple[int, int, Token | None]]:
        """ "the 1991–1994 war" written as three tokens."""
        tokens = self.tokens
        for t in tokens[:-2]:
            nxt, last = tokens[t.i + 1], tokens[t.i + 2]
            if (
                re.match(r"^19\d\d$", t.text)
                and nxt.text in {"-", "–", "—"}
                and re.match(r"^(?:\d\d|19\d\d)$", last.text)
                and not self._since_before(t.i)
            ):
                yield t.i, t.i + 3, None

    def _named_wars(self) -> list[tuple[Span, bool]]:
        if self._wars is None:
            doc, text = self.doc, self.page.text
            self._wars = []
            for sent in self.sents:
                at = sent.start_char
                for m in NAMED_WAR.finditer(text[at : sent.end_char]):  # (Span.text is this, built slower)
                    span = doc.char_span(at + m.start(), at + m.end(), alignment_mode="expand")
                    if span is not None:
                        self._wars.append((span, self._since_before(span.start)))
        return self._wars

    def named_past_war(self) -> Iterable[tuple[int, int, Token | None]]:
        """ "the 2020 war", "a six-week war": a war already over, told as history wherever it stands."""
        return ((sp.start, sp.end, None) for sp, since in self._named_wars() if not since)

    def since_named_past_war(self) -> Iterable[tuple[int, int, Token | None]]:
        """ "since their 2020 war" is a yardstick, unless the figure is about that war ("since the 2020 war,
        which killed more than 6,600 people")."""
        return ((sp.start, sp.end, sp[-1]) for sp, since in self._named_wars() if since)

    def yardstick_clause(self) -> Iterable[tuple[int, int, frozenset[int]]]:
        """ "the worst since April 2016, when four days of clashes killed about 200 people": the clause after
        a yardstick ("the worst since ...") tells the past it names, to the end of its sentence."""
        doc = self.doc
        for t in (self.tokens[i] for i, low in enumerate(self.lowers) if low == "since"):
            if not any(u.tag_ in {"JJS", "RBS"} for u in doc[max(0, t.i - 8) : t.i]):
                continue
            sent = t.sent
            comma = next((u for u in doc[t.i + 1 : min(sent.end, t.i + 9)] if u.text == ","), None)
            if comma is None or comma.i + 1 >= sent.end:
                continue
            opener = doc[comma.i + 1]
            if opener.lower_ not in YARDSTICK_CLAUSES and not (
                opener.lower_ in {"in", "during"} and doc[min(comma.i + 2, len(doc) - 1)].lower_ == "which"
            ):
                continue
            end = next((u.i for u in doc[opener.i : sent.end] if u.text == ";"), sent.end)
            yield opener.i, opener.i + 1, frozenset(range(opener.i, end))

    def back_reference(self) -> Iterable[tuple[int, int, Token | None]]:
        """ "that war", "the war that followed" after the text has named an earlier year."""
        doc = self.doc
        refs = re.compile(r"\b(?:" + "|".join(map(re.escape, lexicon()["history_back_references"])) + r")\b")
        text = self.page.text
        for sent in self.sents:
            at = sent.start_char
            for m in refs.finditer(text[at : sent.end_char].lower()):
                span = doc.char_span(at + m.start(), at + m.end(), alignment_mode="expand")
                before = self.tokens[max(0, sent.start - 150) : sent.start]
                if span is not None and any(
                    YEAR.match(t.text) and int(t.text) < self.war_year for t in before
                ):
                    yield span.start, span.end, None

    def past_paragraph(self) -> Iterable[tuple[int, int, frozenset[int]]]:
        """A paragraph that opens in an earlier year ("In 2020, Azerbaijan took back ... More than 6,500
        people died.") tells history to its end, up to a sentence that names the year being reported again."""
        doc = self.doc
        for m in re.finditer(r"(?m)^", self.page.text):
            opening = PAST_OPENING.match(self.page.text, m.start())
            if opening is None or int(opening.group(1)) >= self.war_year:
                continue
            span = doc.char_span(opening.start(1), opening.end(1), alignment_mode="expand")
            if span is None:
                continue
            covered: set[int] = set()
            for sent in self._paragraph_sentences(span.start):
                if any(YEAR.match(t.text) and int(t.text) >= self.war_year for t in sent):
                    break
                covered.update(range(sent.start, sent.end))
            yield span.start, span.end, frozenset(covered)

    def _paragraph_sentences(self, start: int) -> Iterable[Span]:
        doc = self.doc
        para_end = self.page.paragraph_end(self.page.paragraph_start(doc[start].idx))
        sent = doc[start].sent
        while True:
            yield sent
            if sent.end >= len(doc) or doc[sent.end].idx >= para_end:
                return
            sent = doc[sent.end].sent

    def denial(self) -> Iterable[tuple[int, int, Token | None]]:
        """ "denied that 30 tanks were lost", "dismissed reports that ...": what the denying verb governs."""
        lemmas = set(lexicon()["denial_lemmas"])
        return ((t.i, t.i + 1, t) for t in self.tokens if t.lemma_.lower() in lemmas and t.pos_ == "VERB")

    def claim_called_false(self) -> Iterable[tuple[int, int, Token | frozenset[int] | None]]:
        """ "claims that 16 drones were shot down are baseless", "dismissed as "baseless" claims that ...":
        the claim called false, with what it says."""
        lex = lexicon()
        false, claims = set(lex["denial_words"]), set(lex["claim_nouns"])
        for t in (self.tokens[i] for i, low in enumerate(self.lowers) if low in false):
            if t.head.lower_ in claims and t.dep_ in {"amod", "compound"}:
                yield t.i, t.i + 1, t.head
                continue
            subj = None
            if t.dep_ in {"acomp", "attr"}:
                subj = next((c for c in t.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is not None and subj.lower_ in claims:
                yield t.i, t.i + 1, subj
                continue
            # the parse does not link them: the claim noun nearest before the word, with all between them
            # ("the information ... that 4 drones had been shot down ... was "absolutely false""), or the one
            # after it with what follows ("dismissed as false the reports that ...")
            sent = t.sent
            before = [u for u in sent if u.lower_ in claims and u.i < t.i]
            after = [u for u in sent if u.lower_ in claims and u.i > t.i]
            if before:
                yield t.i, t.i + 1, frozenset(range(before[-1].i, t.i))
            elif after:
                yield t.i, t.i + 1, frozenset(range(after[0].i, sent.end))

    def modal(self) -> Iterable[tuple[int, int, Token | None]]:
        """ "would cost thousands of lives", "could kill": what may happen is no claimed loss (but "could not
        be verified" only doubts a claim)."""
        words = set(lexicon()["modal_words"])
        for t in (self.tokens[i] for i, low in enumerate(self.lowers) if low in words):
            if t.dep_ == "aux":
                verb = t.head
                if any(c.dep_ == "neg" for c in verb.children):
                    continue
                yield t.i, t.i + 1, verb


DYNAMIC: dict[str, Callable[[Modifiers], Iterable[tuple[int, int, Token | frozenset[int] | None]]]] = {
    "earlier_year": Modifiers.earlier_year,
    "since_earlier_year": Modifiers.since_earlier_year,
    "past_range": Modifiers.past_range,
    "named_past_war": Modifiers.named_past_war,
    "since_named_past_war": Modifiers.since_named_past_war,
    "back_reference": Modifiers.back_reference,
    "yardstick_clause": Modifiers.yardstick_clause,
    "past_paragraph": Modifiers.past_paragraph,
    "denial": Modifiers.denial,
    "claim_called_false": Modifiers.claim_called_false,
    "modal": Modifiers.modal,
}
