"""Rules that need the neighbouring lines: menus, related-link lists, repeated lines, navigation strips."""

from __future__ import annotations

import re

from samestory.cleaning.heading import SECTION_WORDS
from samestory.cleaning.lines import Line, ends_sentence, is_prose, word_count, words

MENU_RUN = 3  # this many short link-like lines in a row, mostly navigation words, make a menu
_RELATED_LABEL = re.compile(
    r"(?:related|recent headlines|latest headlines|trending|top stories|more stories|most (?:read|popular)"
    r"|read more|see also|lesen sie auch|mehr zum thema|lea también|lire aussi|czytaj też|ilgili haberler)\b",
    re.IGNORECASE,
)
# Function words of the supported languages; running text is full of them, a strip of links has none.
_FUNCTION_WORDS_TEXT = """
    the a an of in on at to for and or but is was are were be been has have had with by from as that
    this it he she they his her their said says after before over into about not no will would who which
    when where der die das und ist im in den dem des ein eine zu von mit auf für nicht sich als auch es
    el la los las de del y en que un una por con para es se al lo como su le les des et en un une du que
    qui pour dans sur est au pas par i w z na do że się nie jest to od po za jak ve bir bu da de ile
    için olarak olan
"""
_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())


def drop_repeated_lines(lines: list[Line], min_words: int = 4) -> None:
    """A line that repeats an earlier one word for word (teasers, a headline printed twice) adds nothing."""
    seen: set[str] = set()
    for line in lines:
        if not line.kept or word_count(line.text) < min_words:
            continue
        key = line.text.casefold()
        if key in seen:
            line.reason = "duplicate"
        seen.add(key)


def drop_menus(lines: list[Line]) -> None:
    """Runs of short non-sentence lines where most are navigation or section words ("Home", "Sports", ...)."""
    run: list[Line] = []
    for line in lines:
        if not line.text:
            continue
        if line.reason is None and _is_link_like(line.text):
            run.append(line)
        else:
            _drop_if_menu(run)
            run = []
    _drop_if_menu(run)


def drop_related_lists(lines: list[Line]) -> None:
    """Headline-shaped lines right after a "Related:" label (already dropped) are links to other stories."""
    in_list = False
    for line in lines:
        if not line.text:
            continue
        if line.reason == "related" and _RELATED_LABEL.match(line.text):
            in_list = True
            continue
        if in_list and line.reason is None and not is_prose(line.text) and not ends_sentence(line.text):
            line.reason = "related"
            continue
        if line.reason is None:
            in_list = False


def drop_link_strips(lines: list[Line], protected: set[int]) -> None:
    """Long lines of capitalised words with no function words and no punctuation: a strip of section links."""
    for index, line in enumerate(lines):
        if index in protected or not line.kept or ends_sentence(line.text) or "," in line.text:
            continue
        if not 6 <= word_count(line.text) <= 60 or line.text == line.text.upper():
            continue
        tokens = words(line.text)
        if len(tokens) < 6:
            continue
        capitalised = sum(token[:1].isupper() for token in tokens)
        function = sum(token.lower() in _FUNCTION_WORDS for token in tokens)
        if capitalised >= 0.85 * len(tokens) and function <= 0.1 * len(tokens):
            line.reason = "links"


def _drop_if_menu(run: list[Line]) -> None:
    navigation = sum(_is_navigation(line.text) for line in run)
    if len(run) >= MENU_RUN and navigation * 2 >= len(run):
        for line in run:
            line.reason = "menu"


def _is_link_like(text: str) -> bool:
    return word_count(text) <= 4 and not ends_sentence(text) and not text.endswith(":")


def _is_navigation(text: str) -> bool:
    tokens = words(text)
    return bool(tokens) and all(token.lower() in SECTION_WORDS for token in tokens)
