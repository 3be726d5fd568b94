"""The subject of a speech verb, through conjunctions, participles and inserted clauses."""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import (
    CARRIER_VERBS,
    DOCUMENT_NOUNS,
    QUOTING_VERBS,
    speech_lemmas,
)


def speech_subject(verb: Token, exclude: set[int] | None = None) -> Token | None:
    """The subject of a speech verb, looking through conjunctions and participles ("..., saying").

    Climbing stops at a subject only on the speech verb itself, another speech verb or the main
    verb, so "denied that 30 tanks had been lost, calling ..." finds the one who denied.
    """
    exclude = exclude or set()
    lemmas = speech_lemmas()
    if verb.lemma_.lower() in QUOTING_VERBS and any(
        c.dep_ == "prep" and c.lower_ == "as" for c in verb.children
    ):
        # "Reuters quoted Mark Tucker as saying": the one quoted speaks, not the outlet
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i not in exclude), None)
        if obj is not None:
            return obj
    if any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) and not any(
        c.dep_ in {"nsubj", "agent"} for c in verb.children
    ):
        return None  # "As reported earlier, ...": nobody named
    v: Token = verb
    for _ in range(5):
        if v == verb:
            # "This was stated by X": the agent speaks, not the passive subject
            for c in v.children:
                if c.dep_ == "agent" and c.i not in exclude:
                    for g in c.children:
                        if g.dep_ == "pobj" and g.i not in exclude:
                            return g
        carried = carried_document(v, exclude) if v != verb else None
        if carried is not None:
            return carried
        # the subject nearest the verb first: a wire dateline the parser also made a subject
        # ("WASHINGTON (AP) — "...," President Joe Biden said") is further away
        for c in sorted(v.children, key=lambda c: abs(c.i - v.i)):
            if c.i in exclude:
                continue
            if c.dep_ in {"nsubj", "nsubjpass"}:
                if c.dep_ == "nsubjpass" and c.lower_ == "it":
                    return None  # "it was reported that": no one named
                if v == verb or v.lemma_.lower() in lemmas or v.dep_ == "ROOT":
                    return c
            if c.dep_ == "agent" and v == verb:
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        if v == verb:
            inserted = _subject_before_insert(verb, exclude) or _trailing_subject(verb, exclude)
            if inserted is not None:
                return inserted
        if v.dep_ in {"conj", "advcl", "xcomp", "pcomp", "ccomp", "acomp"} and v.head != v:
            v = v.head  # ("were able to confirm": the subject of "were")
            continue
        if v.dep_ == "prep" and v.head != v and v.head.pos_ in {"VERB", "AUX"}:
            v = v.head  # "was quoted as saying", "went on to say"
            continue
        break
    return None


def _subject_before_insert(verb: Token, exclude: set[int]) -> Token | None:
    """ "X, in a video address streamed on Facebook, said": the parser can hang the subject on a verb
    inside the comma-insert; the subject is then a clause before the speech verb whose subject is set
    off by the same pair of commas as the insert."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text != ",":
        return None
    for c in verb.children:
        if c.i >= verb.i or c.dep_ not in {"ccomp", "advcl", "parataxis"}:
            continue
        subj = next((g for g in c.children if g.dep_ in {"nsubj", "nsubjpass"} and g.i < c.i), None)
        if subj is None or subj.i in exclude:
            continue
        after = subj.right_edge.i + 1
        if (
            after < c.i
            and doc[after].text == ","
            and not any(doc[k].text in {".", ";", ":"} for k in range(after, verb.i))
        ):
            return subj
    return None


def carried_document(verb: Token, exclude: set[int]) -> Token | None:
    """ "News agencies carried a statement from the foreign ministry, reading: ...": an outlet that carries,
    publishes or circulates a document is its channel; the document's issuer speaks ("from X", "by X"), or
    the document itself, resolved to its issuer."""
    if verb.lemma_.lower() not in CARRIER_VERBS:
        return None
    doc_obj = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ in DOCUMENT_NOUNS), None)
    if doc_obj is None:
        return None
    for head in (doc_obj, verb):
        for c in head.children:
            if c.dep_ in {"prep", "agent"} and c.lower_ in {"from", "by", "of"}:
                obj = next((g for g in c.children if g.dep_ == "pobj" and g.i not in exclude), None)
                if obj is not None:
                    return obj
    return doc_obj


def _trailing_subject(verb: Token, exclude: set[int]) -> Token | None:
    """ "More than 50 people fell victim to the shelling of Ganja, the Prosecutor General's Office said.":
    a speech verb that ends its sentence after a comma and a noun phrase the parser hung elsewhere (as an
    appositive of the word before the comma); that noun phrase speaks."""
    doc = verb.doc
    if any(c.dep_ in {"nsubj", "nsubjpass", "agent"} for c in verb.children) or verb.i < 2:
        return None
    if verb.i + 1 < len(doc) and not doc[verb.i + 1].is_punct and doc[verb.i + 1].pos_ != "ADP":
        return None  # the verb goes on: no attribution that ends the sentence
    k = verb.i - 1
    while k > verb.sent.start and doc[k].text != "," and k > verb.i - 9:
        k -= 1
    if doc[k].text != "," or k == verb.i - 1:
        return None
    nouns = [t for t in doc[k + 1 : verb.i] if t.pos_ in {"NOUN", "PROPN"} and t.i not in exclude]
    return nouns[-1] if nouns else None
