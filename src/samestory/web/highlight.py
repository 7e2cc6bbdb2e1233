"""Marks the story view's claims inside each outlet's text, for the story page's source columns.

The view names claims by sentence; the page shows whole articles. Each claim sentence is found in its
article's text and the text is cut into plain and marked segments. The template escapes every segment, so no
text from an article ever becomes markup."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# When one sentence is in several claims, the most telling mark wins.
PRIORITY = {"conflict": 3, "unique": 2, "agreed": 1}


@dataclass
class Mark:
    kind: str  # agreed, unique or conflict
    note: str  # what the reader should know: who else says it, what differs


@dataclass
class Segment:
    text: str
    mark: Mark | None = None


@dataclass
class SourceColumn:
    article: dict[str, Any]
    outlet: dict[str, Any]
    paragraphs: list[list[Segment]] = field(default_factory=list)
    unplaced: list[Segment] = field(default_factory=list)  # claim sentences not found verbatim in the text


def claim_marks(view: dict[str, Any]) -> dict[str, dict[str, Mark]]:
    """article id -> sentence -> its mark, from the view's agreed, unique and conflicting claims."""
    source_of = {o["article_id"]: o.get("source") or o["article_id"] for o in view.get("outlets", [])}
    marks: dict[str, dict[str, Mark]] = {}

    def add(article_id: str, sentence: str, mark: Mark) -> None:
        current = marks.setdefault(article_id, {}).get(sentence)
        if current is None or PRIORITY[mark.kind] > PRIORITY[current.kind]:
            marks[article_id][sentence] = mark

    for claim in view.get("agreed", []):
        for support in claim["supports"]:
            others = [
                source_of.get(s["article_id"], s["source"]) for s in claim["supports"] if s is not support
            ]
            add(
                support["article_id"],
                support["sentence"],
                Mark("agreed", "Also reported by " + ", ".join(others)),
            )
    for article_id, claims in view.get("unique", {}).items():
        for claim in claims:
            for support in claim["supports"]:
                add(article_id, support["sentence"], Mark("unique", "Only this source reports this"))
    for conflict in view.get("conflicts", []):
        for support in conflict["claim"]["supports"]:
            add(
                support["article_id"],
                support["sentence"],
                Mark("conflict", conflict_note(conflict, source_of)),
            )
    return marks


def conflict_note(conflict: dict[str, Any], source_of: dict[str, str]) -> str:
    parts = []
    for difference in conflict.get("differences", []):
        versions = "; ".join(
            f"{source_of.get(article_id, article_id)}: {', '.join(said)}"
            for article_id, said in difference["versions"].items()
        )
        parts.append(f"{difference['kind']} differs ({versions})")
    return "Sources disagree: " + " — ".join(parts) if parts else "Sources disagree"


def segments(text: str, marks: dict[str, Mark]) -> tuple[list[Segment], list[Segment]]:
    """(text cut into segments, marked sentences that were not found in it)."""
    spans: list[tuple[int, int, Mark]] = []
    unplaced = []
    for sentence, mark in marks.items():
        start = text.find(sentence)
        if start < 0 or any(s < start + len(sentence) and start < e for s, e, _ in spans):
            unplaced.append(Segment(sentence, mark))
            continue
        spans.append((start, start + len(sentence), mark))
    cut: list[Segment] = []
    position = 0
    for start, end, mark in sorted(spans, key=lambda span: span[0]):
        if start > position:
            cut.append(Segment(text[position:start]))
        cut.append(Segment(text[start:end], mark))
        position = end
    if position < len(text):
        cut.append(Segment(text[position:]))
    return cut, unplaced


def paragraphs(cut: list[Segment]) -> list[list[Segment]]:
    """Segments regrouped by the text's line breaks (a marked sentence never spans one in practice)."""
    result: list[list[Segment]] = [[]]
    for segment in cut:
        lines = segment.text.split("\n")
        for i, line in enumerate(lines):
            if i:
                result.append([])
            if line.strip():
                result[-1].append(Segment(line, segment.mark))
    return [p for p in result if p]


def source_columns(view: dict[str, Any], articles: dict[str, dict[str, Any]]) -> list[SourceColumn]:
    """One column per outlet of the view, its article text cut into marked paragraphs."""
    marks = claim_marks(view)
    columns = []
    for outlet in view.get("outlets", []):
        article = articles.get(outlet["article_id"], {"id": outlet["article_id"], "text": ""})
        cut, unplaced = segments(article.get("text") or "", marks.get(outlet["article_id"], {}))
        columns.append(SourceColumn(article, outlet, paragraphs(cut), unplaced))
    return columns
