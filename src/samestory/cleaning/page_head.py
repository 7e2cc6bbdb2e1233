"""The lines above the first paragraph of running text, where headline, label and dateline live."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from samestory.cleaning.heading import is_section_label, is_title_like, lone_dateline, split_dateline
from samestory.cleaning.lines import Line, ends_sentence, word_count

MAX_HEAD_LINES = 10
MAX_HEADLINE_WORDS = 20
TITLE_REPEAT_WINDOW = 5  # a copy of the known title is looked for among this many first kept lines
_NOT_ALNUM = re.compile(r"\W+")


@dataclass
class Head:
    title: str | None = None
    dateline: str | None = None
    indices: set[int] = field(default_factory=set)  # head lines that stay: never taken for link strips
    stripped: list[str] = field(default_factory=list)  # dateline prefixes cut from the first paragraph


def read_head(lines: list[Line], known_title: str | None) -> Head:
    """Find headline, label and dateline lines above the story; drop them and return what they hold."""
    head = Head()
    kept = [index for index, line in enumerate(lines) if line.kept]
    body_start = next(
        (position for position, index in enumerate(kept) if _starts_body(lines[index].text)), None
    )
    head_end = min(MAX_HEAD_LINES, len(kept) if body_start is None else body_start)
    head_lines = kept[:head_end]
    if known_title:
        _drop_title_copies(lines, kept[:TITLE_REPEAT_WINDOW], known_title)
    seen_headline = bool(known_title)
    for index in head_lines:
        line = lines[index]
        if line.reason is not None:
            seen_headline = True  # the known title's copy
            continue
        if not seen_headline and is_section_label(line.text):
            line.reason = "label"
        elif not seen_headline and is_title_like(line.text) and word_count(line.text) <= MAX_HEADLINE_WORDS:
            head.title, line.reason, seen_headline = line.text, "title", True
        elif index == head_lines[-1] and body_start is not None and (place := lone_dateline(line.text)):
            head.dateline, line.reason = place, "dateline"
        else:
            head.indices.add(index)
    if body_start is not None:
        _strip_dateline_prefix(lines[kept[body_start]], head)
    return head


def _starts_body(text: str) -> bool:
    """Running text: a sentence of some length, or a long line."""
    count = word_count(text)
    return (count >= 6 and ends_sentence(text)) or count >= 40


def _drop_title_copies(lines: list[Line], candidates: list[int], title: str) -> None:
    key = _comparable(title)
    for index in candidates:
        line = lines[index]
        text = _comparable(line.text)
        # Page titles often carry the site name ("Headline - Site"), or the page shows a shortened headline.
        long_enough = len(text.split()) >= 4
        if text == key or (long_enough and not ends_sentence(line.text) and key.startswith(text)):
            line.reason = "title"


def _strip_dateline_prefix(line: Line, head: Head) -> None:
    split = split_dateline(line.text)
    if split is None:
        return
    place, rest = split
    head.stripped.append(line.text[: len(line.text) - len(rest)].strip())
    head.dateline = head.dateline or place
    line.text = rest


def _comparable(text: str) -> str:
    return _NOT_ALNUM.sub(" ", text.casefold()).strip()
