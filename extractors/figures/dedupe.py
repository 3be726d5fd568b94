"""One row per claim: a headline repeating the body, or a quote repeating the lead, counts once."""

from __future__ import annotations

from dataclasses import replace

from ..records import Casualty, Equipment

Figure = Casualty | Equipment
GENERIC = {"lost", "casualties"}


def dedupe(records: list[Figure], headline: list[bool]) -> list[Figure]:
    """Two records with the same count, outcome and category (or compatible casualty groups) are one claim
    when their party and claimant agree or one of them leaves it unknown, and whatever they say when one
    stands in a headline: headlines summarise the body, in title case that the parser reads badly."""
    keep: list[Figure] = []
    keep_headline: list[bool] = []
    for r, r_head in zip(records, headline, strict=True):
        dup = None
        for i, k in enumerate(keep):
            if not same_figure(k, r):
                continue
            agree = (k.party == r.party or "unknown" in {k.party, r.party}) and (
                k.claimant_side == r.claimant_side or not _sourced(k) or not _sourced(r)
            )
            if agree or r_head or keep_headline[i]:
                dup = i
                break
        if dup is None:
            keep.append(r)
            keep_headline.append(r_head)
        elif better(r, r_head, keep[dup], keep_headline[dup]):
            keep[dup] = completed(r, keep[dup])
            keep_headline[dup] = r_head
        else:
            keep[dup] = completed(keep[dup], r)
    return keep


def completed(kept: Figure, other: Figure) -> Figure:
    """The record kept for a claim, with what only its duplicate says: whose losses, and whether soldiers or
    civilians ("18 troops killed" in the headline, "18 are reported killed" in the body)."""
    changes: dict[str, str] = {}
    if kept.party == "unknown" and other.party != "unknown":
        changes["party"] = other.party
    if isinstance(kept, Casualty) and isinstance(other, Casualty):
        if kept.group == "unspecified" and other.group != "unspecified":
            changes["group"] = other.group
    return replace(kept, **changes) if changes else kept


def _sourced(r: Figure) -> bool:
    """Whether a source is named for the figure (the outlet's own voice names none)."""
    return r.claimant_side != "unknown" and not (r.claimant is None and r.claimant_side == "other")


def same_figure(a: Figure, b: Figure) -> bool:
    # "lost" and "casualties" say less than, not something other than, "destroyed" and "killed"
    if a.count != b.count:
        return False
    if a.outcome != b.outcome and not {a.outcome, b.outcome} & GENERIC:
        return False
    if isinstance(a, Equipment) and isinstance(b, Equipment):
        return a.category == b.category
    if isinstance(a, Casualty) and isinstance(b, Casualty):
        return a.group == b.group or "unspecified" in {a.group, b.group}
    return False


def better(new: Figure, new_head: bool, old: Figure, old_head: bool) -> bool:
    """Whether `new` says more than `old` about the same claim."""
    if new_head != old_head:
        return old_head
    if new.outcome != old.outcome:
        return old.outcome in GENERIC

    def known(r: Figure) -> int:
        return _sourced(r) + (r.party != "unknown") + (getattr(r, "group", "") != "unspecified")

    return known(new) > known(old)
