"""Triage (extractors/triage.py) changes no output: the claims of every document are those of the full parse.

Compared on the samples, on 60 generated articles (tests/newsgen.py: general news with and without war
paragraphs, so that some blocks hold no claim) and, when the shared evaluation set is beside the checkout, on
its dev and real texts (read here, never copied). Run this after changing the extractors: a new reach of
theirs (a paragraph further back, a sentence further on) shows up here as a difference, and is fixed by
widening `context` in extractors/data/triage.json.
"""

from __future__ import annotations

import random
from dataclasses import asdict, replace
from pathlib import Path

import newsgen
import pytest
from clitools import RUNNER, write
from spacy.language import Language

from cli.app import app
from extractors import extract_many
from extractors.triage import (
    Plan,
    Triage,
    _copy_back,
    _part,
    blocks,
    context_rules,
    make_plan,
    pipe,
    triage_for,
)

ROOT = Path(__file__).resolve().parents[1]
SHARED_EVAL = ROOT.parent / "shared" / "eval"


def _corpus() -> list[tuple[str, str]]:
    items = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "samples").glob("*.txt"))]
    items += newsgen.articles(60)
    for part in ("dev", "real"):
        folder = SHARED_EVAL / part
        if folder.is_dir():
            items += [
                (f"{part}/{p.name}", p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))
            ]
    return items


CORPUS = _corpus()


@pytest.fixture(scope="module")
def full(nlp: Language) -> dict[str, dict]:
    """Each document's claims from the whole pipeline, as before triage."""
    texts = [text for _, text in CORPUS]
    docs = nlp.pipe(texts, batch_size=16)
    return {doc_id: asdict(doc._.claims) for (doc_id, _), doc in zip(CORPUS, docs, strict=True)}


def _differences(full: dict[str, dict], docs) -> list[str]:  # noqa: ANN001
    out = []
    for (doc_id, _), doc in zip(CORPUS, docs, strict=True):
        if asdict(doc._.claims) != full[doc_id]:
            out.append(doc_id)
    return out


def test_the_corpus_has_what_triage_can_skip(nlp: Language) -> None:
    generated = newsgen.articles(60)
    assert len(generated) >= 50
    plans = [make_plan(nlp, text) for _, text in generated]
    skipped = sum(p.n_tokens - p.kept_tokens for p in plans)
    # (if a wider context ever keeps everything, the comparisons below still run the partial parse, but this
    # corpus no longer shows what triage drops: give it articles with more paragraphs that hold no claim)
    assert skipped > 0
    assert any(p.kept_tokens < context_rules().parse_all_above * p.n_tokens for p in plans)


def test_triage_gives_the_claims_of_the_full_parse(nlp: Language, full: dict[str, dict]) -> None:
    docs = pipe(nlp, (text for _, text in CORPUS), batch_size=16)
    assert _differences(full, docs) == []


def test_the_partial_parse_of_every_document_gives_the_same_claims(
    nlp: Language, full: dict[str, dict]
) -> None:
    # Every document through the smaller Doc and back, even those triage would parse whole.
    triage = Triage(nlp, replace(context_rules(), parse_all_above=1.01))
    docs = [
        doc
        for lo in range(0, len(CORPUS), 16)
        for doc in triage.run([t for _, t in CORPUS[lo : lo + 16]], 16)
    ]
    assert _differences(full, docs) == []


def _annotations(tok) -> tuple:  # noqa: ANN001
    parse = (tok.tag_, tok.pos_, str(tok.morph), tok.lemma_, tok.dep_, tok.head.i, tok.is_sent_start)
    return (*parse, tok.ent_iob_, tok.ent_type_, tok.norm_)


def test_kept_blocks_are_annotated_as_in_the_full_parse(nlp: Language) -> None:
    """Any blocks kept, at random: the margins make each token's tag, lemma, dependency, sentence start and
    entity those of the full parse; skipped blocks carry none, one sentence each."""
    triage = triage_for(nlp)
    rng = random.Random(13)
    items = [item for item in CORPUS if not item[0].startswith(("dev/", "real/"))]
    checked = 0
    for (_, text), whole in zip(items, nlp.pipe([t for _, t in items]), strict=True):
        doc = triage.paragraphs(nlp.make_doc(text))
        spans = blocks(doc)
        real = [k for k, (a, b) in enumerate(spans) if any(not t.is_space for t in doc[a:b])]
        plan = Plan(spans, [rng.random() < 0.4 for _ in spans], len(doc), real)
        part = _part(doc, plan, triage.margins(doc, plan))
        triage._model([part.doc], 16)
        assert _copy_back(doc, [part], plan)
        for (a, b), kept in zip(plan.blocks, plan.keep, strict=True):
            for i in range(a, b):
                if kept:
                    assert _annotations(doc[i]) == _annotations(whole[i]), (text[:40], i, doc[i].text)
                    checked += 1
                else:
                    assert (doc[i].tag_, doc[i].dep_, doc[i].ent_type_) == ("", "", "")
                    assert doc[i].is_sent_start == (i == a)
    assert checked > 5000


# No capitalised word but a stop word: no one named (a capitalised first word, "Gulls circled", may be a
# name for all triage knows)
BACKGROUND = [
    "The rain eased by mid-morning, and a pale sun came out over the rooftops.",
    "By noon the traffic moved slowly through the centre as drivers waited for the lights.",
    "A few gulls circled over the empty quay while the boats rocked on their moorings.",
    "The smell of fresh bread drifted along the lane before the shop had even opened.",
    "Some of the workers in orange jackets climbed the poles with ropes and heavy tool belts.",
    "The children in raincoats queued outside the gates, holding lunch boxes and umbrellas.",
]


def test_blocks_without_claims_or_names_go_unparsed(nlp: Language) -> None:
    text = "\n\n".join(
        [
            "Harbour reopens after the storm",
            "By staff reporters",
            "SELWICK — The harbour office said on Tuesday that the fleet could sail again.",
            *BACKGROUND,
            '"We are glad to be back at sea," she said.',
            "The quay was quiet again by the evening.",
            "A brass band played on the corner while stalls sold cakes and lemonade.",
            "Inside the old hall, the students bent over their desks in near silence.",
        ]
    )
    plan = make_plan(nlp, text)
    doc = triage_for(nlp).paragraphs(nlp.make_doc(text))
    kept = [doc[a:b].text[:12] for (a, b), k in zip(plan.blocks, plan.keep, strict=True) if k]
    # the first four blocks (headline, byline, the dateline the lead starts with, the lead: a trigger) and
    # the block after the lead; the quote, the block either side of it
    assert kept == [
        "Harbour reop", "By staff rep", "SELWICK —", "The harbour ", "The rain eas",
        "The children", '"We are glad', "The quay was",
    ]  # fmt: skip
    triaged = next(pipe(nlp, [text]))
    skipped = triaged[plan.blocks[6][0]]
    assert skipped.text == "A" and skipped.tag_ == "" and skipped.dep_ == "" and skipped.is_sent_start
    assert asdict(triaged._.claims) == asdict(nlp(text)._.claims)
    assert [q.kind for q in triaged._.claims.quotes] == ["indirect", "direct"]


def test_a_name_before_a_quote_is_parsed_however_far_back(nlp: Language) -> None:
    """ "she said" may be anyone named earlier: every earlier block with a capitalised word is parsed."""
    text = "\n\n".join(
        [
            "Harbour reopens after the storm",
            "By staff reporters",
            "SELWICK — The boats were back in the water on Tuesday.",
            "The rain eased by mid-morning.",
            "Grace Adeyemi manages the harbour office.",
            *BACKGROUND,
            '"We are glad to be back at sea," she said.',
        ]
    )
    plan = make_plan(nlp, text)
    doc = triage_for(nlp).paragraphs(nlp.make_doc(text))
    named = next(k for k, (a, b) in enumerate(plan.blocks) if "Adeyemi" in doc[a:b].text)
    assert plan.keep[named]
    claims = next(pipe(nlp, [text]))._.claims
    assert [q.speaker for q in claims.quotes] == ["Grace Adeyemi"]
    assert asdict(claims) == asdict(nlp(text)._.claims)


@pytest.mark.parametrize(
    ("word", "cue"),
    [("said", True), ("tells", True), ("stated", True), ("according", True), ("wrote", True),
     ("bakery", False), ("harbour", False), ("rain", False)],
)  # fmt: skip
def test_a_word_is_a_cue_when_its_lemma_may_be_a_speech_verb(nlp: Language, word: str, cue: bool) -> None:
    assert triage_for(nlp).cue(word) is cue


def test_extract_many_full_parse_is_the_old_path_with_the_same_results() -> None:
    items = [item for item in CORPUS if item[0].startswith("gen-")][:12]
    triaged = list(extract_many(items))
    full = list(extract_many(items, full_parse=True))
    assert [asdict(d) for d in triaged] == [asdict(d) for d in full]
    assert sum(len(d.records()) for d in full) > 20


def test_claims_extract_full_parse_prints_the_same_records(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.chdir(tmp_path)
    generated = dict(newsgen.articles(60))
    files = [write(f"{doc_id}.txt", generated[doc_id]) for doc_id in ("gen-007", "gen-042", "gen-010")]
    plain = RUNNER.invoke(app, ["extract", *files, "--format", "jsonl", "-q"])
    full = RUNNER.invoke(app, ["extract", *files, "--format", "jsonl", "-q", "--full-parse"])
    assert plain.exit_code == full.exit_code == 0
    assert plain.stdout == full.stdout
    assert plain.stdout.count('"type": "quote"') >= 5


def test_a_capitalised_first_word_counts_as_a_name(nlp: Language) -> None:
    head = ["Harbour reopens", "By staff", "SELWICK — The boats are back.", "The rain eased."]
    quote = '"We are glad to be back at sea," she said.'
    text = "\n\n".join([*head, "Delgado runs the harbour office.", *BACKGROUND, quote])
    plan = make_plan(nlp, text)
    doc = triage_for(nlp).paragraphs(nlp.make_doc(text))
    flags = {doc[a:b].text.split()[0]: k for (a, b), k in zip(plan.blocks, plan.keep, strict=True)}
    assert flags["Delgado"] is True
    assert flags["Some"] is False


def test_a_run_whose_parse_reaches_past_its_ends_is_not_copied(nlp: Language, monkeypatch) -> None:  # noqa: ANN001
    text = dict(newsgen.articles(60))["gen-007"]
    triage = triage_for(nlp)
    doc = triage.paragraphs(nlp.make_doc(text))
    plan = triage.plan(doc)
    assert plan.kept_tokens < triage.rules.parse_all_above * plan.n_tokens
    part = _part(doc, plan, triage.margins(doc, plan))
    triage._model([part.doc], 16)
    _, _, s = part.runs[-1]
    part.doc[s].head = part.doc[s - 1]  # into the margin
    assert not _copy_back(doc, [part], plan)
    assert not doc.has_annotation("DEP")
    # and then the whole document is parsed, as without triage
    monkeypatch.setattr("extractors.triage._copy_back", lambda *args, **kwargs: False)
    parsed = triage.run([text], 16)[0]
    assert parsed.has_annotation("TAG", require_complete=True)
    assert asdict(parsed._.claims) == asdict(nlp(text)._.claims)
