"""The line model the cleaning rules share: page text as lines, each with the reason it was dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"\w[\w'’.&-]*")
_CLOSERS = "\"'”’»)]*"
_SENTENCE_ENDS = (".", "!", "?", "…", "؟", "。", "！", "？")


@dataclass
class Line:
    """One page line: ``text`` is empty for a paragraph break; ``reason`` is set when a rule drops it."""

    text: str
    reason: str | None = None

    @property
    def kept(self) -> bool:
        return bool(self.text) and self.reason is None


def split_lines(text: str) -> list[Line]:
    return [Line(line) for line in text.split("\n")]


def join_lines(lines: list[Line]) -> str:
    """Kept lines back to text: a paragraph's lines stay adjacent, paragraphs are parted by one blank line."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if not line.text:
            if paragraphs[-1]:
                paragraphs.append([])
        elif line.reason is None:
            paragraphs[-1].append(line.text)
    return "\n\n".join("\n".join(paragraph) for paragraph in paragraphs if paragraph)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


@lru_cache(maxsize=8192)  # every rule asks for the same lines' counts
def word_count(text: str) -> int:
    """Whitespace-separated tokens: the cheap count the length caps use (a lone dash counts as a word)."""
    return len(text.split())


def ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS).endswith(_SENTENCE_ENDS)


def is_prose(text: str) -> bool:
    """A line that reads as running text rather than a heading, label, caption fragment or link."""
    count = word_count(text)
    return count >= 16 or (count >= 6 and ends_sentence(text))
