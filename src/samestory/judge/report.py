"""A pair judgement as readable text (what ``samestory compare A B`` prints)."""

from __future__ import annotations

from samestory.judge.evidence import Name
from samestory.judge.judgement import PairJudgement

_SCALE = {1: "very similar", 2: "somewhat similar", 3: "somewhat dissimilar", 4: "very dissimilar"}


def verdict(judgement: PairJudgement) -> str:
    probability = judgement.same_story
    if probability >= 0.8:
        return "same story"
    if probability >= 0.5:
        return "probably the same story"
    if probability >= 0.2:
        return "related, probably not the same story"
    return "different stories"


def render_text(judgement: PairJudgement, label_a: str = "A", label_b: str = "B") -> str:
    ev = judgement.evidence
    lines = [
        f"A: {label_a}",
        f"B: {label_b}",
        "",
        f"Verdict: {verdict(judgement)} (same-story probability {judgement.same_story:.2f})",
        f"Scores (1 = very similar ... 4 = very dissimilar; encoder {judgement.encoder}):",
    ]
    for dim, value in judgement.scores.items():
        lines.append(f"  {dim:<10} {value:4.2f}  {_SCALE[min(4, max(1, round(value)))]}")
    lines += ["", "Names and places"]
    lines += _names("in both", ev.names_both)
    lines += _names("only in A", ev.names_only_a)
    lines += _names("only in B", ev.names_only_b)
    lines += [
        "",
        "Dates",
        f"  published        A: {ev.published_a or 'unknown'}   B: {ev.published_b or 'unknown'}",
        f"  mentioned in both  {', '.join(ev.dates_both) or '-'}",
        f"  only in A          {', '.join(ev.dates_only_a) or '-'}",
        f"  only in B          {', '.join(ev.dates_only_b) or '-'}",
        "",
        "Best aligned sentences",
    ]
    for pair in ev.aligned:
        lines += [f"  [{pair.similarity:.2f}] A: {pair.a}", f"         B: {pair.b}"]
    if not ev.aligned:
        lines.append("  (no sentence of A says what a sentence of B says)")
    for side, sentences in (("A", ev.unsupported_a), ("B", ev.unsupported_b)):
        lines += ["", f"Only {side} says (nothing on the other side supports it)"]
        lines += [f"  - {s}" for s in sentences] or ["  (nothing)"]
    if ev.notes:
        lines += ["", "Notes"] + [f"  ! {note}" for note in ev.notes]
    return "\n".join(lines)


def _names(heading: str, names: list[Name]) -> list[str]:
    shown = ", ".join(n.describe() for n in names) if names else "-"
    return [f"  {heading:<10} {shown}"]
