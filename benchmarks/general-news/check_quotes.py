#!/usr/bin/env python3
"""Independent check of the corpus-general gold files.

For every gNN.txt / gNN.gold.json pair:
  * every gold quote `text` is an exact substring of the article, sits between
    quote marks at some occurrence, has four words or more, and at least one of
    its speaker_keys occurs in the article;
  * every span the article puts between quotation marks (straight or curly
    double quotes, multi-paragraph quotes with an opening mark on each paragraph;
    curly and straight single quotes) that has four words or more is either a
    gold quote or listed in not_quotes.json (reviewed by hand: titles, names of
    laws, slogans on signs, quotes nested inside another quote, ...);
  * casualties and equipment are empty (this corpus has no war figures).

    python3 check_quotes.py [DIR]      # DIR defaults to this file's folder
Exit status 0 when there are no problems.
"""

import glob
import json
import os
import re
import sys

OPEN = "\"\u201c\u2018'"
CLOSE = "\"\u201d\u2019'"


def double_spans(text):
    """(start, end) of text between double quote marks; a quote may run over
    paragraphs when each later paragraph opens with a mark again."""
    spans, problems = [], []
    start, skip, i, n = None, set(), 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("\n\n", i) and start is not None:
            j = i
            while j < n and text[j] == "\n":
                j += 1
            if j < n and text[j] in '"\u201c':
                skip.add(j)
            else:
                problems.append(f"unclosed quote at {start}: {text[start : start + 60]!r}")
                start = None
            i = j
            continue
        if i in skip:
            i += 1
            continue
        if c == '"':
            if start is None:
                start = i
            else:
                spans.append((start + 1, i))
                start = None
        elif c == "\u201c":
            if start is not None:
                problems.append(f"opening mark inside open quote at {i}: {text[start : i + 20]!r}")
            start = i
        elif c == "\u201d":
            if start is None:
                problems.append(f"closing mark without opening at {i}: {text[max(0, i - 40) : i + 1]!r}")
            else:
                spans.append((start + 1, i))
                start = None
        i += 1
    if start is not None:
        problems.append(f"unclosed quote at end: {text[start : start + 60]!r}")
    return spans, problems


def single_spans(text, every_end=False):
    """Spans between single marks. The closing mark doubles as an apostrophe
    ("colleagues’ concerns"), so the shortest span is used to look for
    unannotated quotes, and with every_end=True every possible end in the
    paragraph is returned (to match gold texts that run past an apostrophe)."""
    spans = []
    for o, c in (("\u2018", "\u2019"), ("'", "'")):
        for m in re.finditer(r"(?<![\w])" + o + r"(?=\S)", text):
            s = m.end()
            par_end = text.find("\n", s)
            par_end = len(text) if par_end < 0 else par_end
            for e in range(s + 1, par_end):
                if (
                    text[e] == c
                    and (e + 1 >= len(text) or not text[e + 1].isalnum())
                    and not text[e - 1].isspace()
                ):
                    spans.append((s, e))
                    if not every_end:
                        break
    return spans


def words(s):
    return len(re.findall(r"[\w\u2019'-]+", s))


def main(d):
    try:
        nq = json.load(open(os.path.join(d, "not_quotes.json"), encoding="utf-8"))
    except FileNotFoundError:
        nq = {}
    errors, reviewed, total_words, total_quotes = [], 0, 0, 0
    names = sorted(os.path.basename(p)[:-4] for p in glob.glob(os.path.join(d, "g[0-9][0-9].txt")))
    for name in names:
        text = open(os.path.join(d, name + ".txt"), encoding="utf-8").read()
        gold = json.load(open(os.path.join(d, name + ".gold.json"), encoding="utf-8"))
        wc = len(text.split())
        total_words += wc
        if not 300 <= wc <= 700:
            errors.append(f"{name}: {wc} words (outside 300-700)")
        if gold.get("id") != name:
            errors.append(f"{name}: id {gold.get('id')!r}")
        if gold.get("casualties") or gold.get("equipment"):
            errors.append(f"{name}: casualty/equipment rows present")
        gtexts = []
        low = text.lower()
        for q in gold["quotes"]:
            total_quotes += 1
            t = q["text"]
            gtexts.append(t)
            occ = [m.start() for m in re.finditer(re.escape(t), text)]
            if not occ:
                errors.append(f"{name}: gold text not in article: {t[:60]!r}")
                continue
            if not any(
                p > 0 and text[p - 1] in OPEN and p + len(t) < len(text) and text[p + len(t)] in CLOSE
                for p in occ
            ):
                errors.append(f"{name}: gold text not between quote marks: {t[:60]!r}")
            if len(t.split()) < 4:
                errors.append(f"{name}: gold text under four words: {t!r}")
            if q["side"] != "other":
                errors.append(f"{name}: side {q['side']!r}")
            keys = q["speaker_keys"]
            if keys and not any(k in low for k in keys):
                errors.append(f"{name}: no speaker key in article: {keys}")
        dsp, problems = double_spans(text)
        errors += [f"{name}: {p}" for p in problems]
        allowed = {e["text"] for e in nq.get(name, [])}
        used = set()
        for s, e in dsp + single_spans(text):
            span = text[s:e]
            if words(span) < 4:
                continue
            if any(span == g or span in g for g in gtexts):
                continue
            if span in allowed:
                used.add(span)
                reviewed += 1
                continue
            errors.append(f"{name}: quoted span of 4+ words not in gold: {span[:80]!r}")
        for a in allowed - used:
            errors.append(f"{name}: not_quotes.json entry never seen as a span: {a!r}")
        spans_text = [text[s:e] for s, e in dsp + single_spans(text, every_end=True)]
        for g in gtexts:
            if g not in spans_text:
                errors.append(f"{name}: gold text does not match a whole quoted span: {g[:60]!r}")
    for e in errors:
        print("PROBLEM", e)
    print(
        f"{len(names)} articles, {total_words} words, {total_quotes} gold quotes, "
        f"{reviewed} quoted spans reviewed as non-quotes; {len(errors)} problems"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))))
